// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The scanner filter in a real xcb window on its own Xvfb, typed at by xdotool through the X
// server (XTEST), the way a keyboard-wedge scanner's keys arrive. Fails when Xvfb or xdotool is
// missing: scripts/install-deps.sh installs both.
#include "tests/support/privatexvfb.h"
#include "ui/scannerinputfilter.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace pb;

namespace {

// Holds the window's thread up for a while at the nth character key of a burst, as a busy bench's does: inside that
// key's handling, or just after it (the scanner filter's gap timer and the queued keys then race).
class ThreadStall final : public QObject {
public:
  ThreadStall(int atCharacterKey, bool afterTheKey)
      : m_atCharacterKey(atCharacterKey)
      , m_afterTheKey(afterTheKey)
  {}

protected:
  bool eventFilter(QObject *, QEvent *event) override
  {
    if (event->type() != QEvent::KeyPress || static_cast<QKeyEvent *>(event)->text().isEmpty() ||
        ++m_characterKeys != m_atCharacterKey)
      return false;
    if (m_afterTheKey)
      QTimer::singleShot(0, this, [] { QThread::msleep(kStallMs); });
    else
      QThread::msleep(kStallMs);
    return false;
  }

private:
  static constexpr int kStallMs = 300; // well over scanning.max_gap_ms: a gap measured by the thread splits the scan
  int m_atCharacterKey;
  bool m_afterTheKey;
  int m_characterKeys = 0;
};

} // namespace

class XcbWedgeTest final : public QObject {
  Q_OBJECT

private:
  std::unique_ptr<QWidget> m_window;
  QLineEdit *m_edit = nullptr;
  SystemClock m_clock;
  bool m_capsLockOn = false;
  bool m_germanLayout = false;

  // Runs one chained xdotool command while the event loop turns (the keys arrive as it types).
  void xdotool(const QStringList &arguments)
  {
    QProcess process;
    process.start(QStringLiteral("xdotool"), arguments);
    QVERIFY2(process.waitForStarted(), "xdotool did not start");
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 10000);
    QCOMPARE(process.exitCode(), 0);
  }

  void typeAsScanner(const QString &code)
  {
    xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("5"), QStringLiteral("--args"),
             QStringLiteral("1"), code, QStringLiteral("key"), QStringLiteral("Return")});
  }

private Q_SLOTS:
  void initTestCase() { QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb")); }

  void init()
  {
    m_window = std::make_unique<QWidget>();
    m_window->setWindowTitle(QStringLiteral("xcb_wedge_test"));
    m_edit = new QLineEdit(m_window.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), QString::number(m_window->winId())});
    m_edit->setFocus();
    QTRY_VERIFY(m_edit->hasFocus());
  }

  void cleanup()
  {
    if (m_capsLockOn) // a failed test must not leave the next one typing in capitals
      QProcess::execute(QStringLiteral("xdotool"), {QStringLiteral("key"), QStringLiteral("Caps_Lock")});
    m_capsLockOn = false;
    if (m_germanLayout) // back to the US layout the other tests type on
      QProcess::execute(QStringLiteral("setxkbmap"), {QStringLiteral("-layout"), QStringLiteral("us")});
    m_germanLayout = false;
    m_window.reset();
  }

  void scannerTyping_becomesScans_data()
  {
    QTest::addColumn<QString>("code");
    QTest::newRow("badge") << QStringLiteral("PB-7009");
    QTest::newRow("command") << QStringLiteral("PB*COMPLETE");
    QTest::newRow("mixed-case SKU") << QStringLiteral("TNT-2P-GRN");
    QTest::newRow("EAN-13") << QStringLiteral("4006381333931");
  }

  void scannerTyping_becomesScans()
  {
    QFETCH(QString, code);
    ui::ScannerInputFilter filter(m_clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    typeAsScanner(code);
    QTRY_COMPARE(scans.count(), 1);
    QCOMPARE(scans.first().first().toString(), code);
    QTest::qWait(80);
    QCOMPARE(m_edit->text(), QString());
  }

  void gs1WithGroupSeparator_isOneScan()
  {
    ui::ScannerInputFilter filter(m_clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("5"), QStringLiteral("--args"),
             QStringLiteral("1"), QStringLiteral("]C1010950110153000310LOT42"), QStringLiteral("key"),
             QStringLiteral("--delay"), QStringLiteral("5"), QStringLiteral("ctrl+bracketright"), QStringLiteral("1"),
             QStringLiteral("7"), QStringLiteral("Return")});
    QTRY_COMPARE(scans.count(), 1);
    QCOMPARE(scans.first().first().toString(), QStringLiteral("]C1010950110153000310LOT42\x1d") + QStringLiteral("17"));
  }

  // Caps Lock left on at the bench (a packer typed a hold reason in capitals): the scanner still sends Shift for a
  // capital, which Caps Lock turns into a small letter, and the small letters into capitals. Scans arrive as the label
  // has them (they came as "pb*complete" and "tnt-2p-grn", so no badge, command or SKU scan worked); what a person
  // types keeps Caps Lock's capitals.
  void capsLockOn_scansKeepTheirCase_typingKeepsCapsLock()
  {
    ui::ScannerInputFilter filter(m_clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    xdotool({QStringLiteral("key"), QStringLiteral("Caps_Lock")});
    m_capsLockOn = true;
    const QStringList codes{QStringLiteral("PB*COMPLETE"), QStringLiteral("BnD-Red-M"), QStringLiteral("PB-7009")};
    for (const QString &code : codes)
      typeAsScanner(code);
    QTRY_COMPARE(scans.count(), codes.size());
    for (qsizetype i = 0; i < codes.size(); ++i)
      QCOMPARE(scans.at(i).first().toString(), codes.at(i));
    xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("120"), QStringLiteral("damaged")});
    QTRY_COMPARE(m_edit->text(), QStringLiteral("DAMAGED"));
    // scanning.undo_caps_lock=false, for a scanner that follows the Caps Lock light: what X makes of it stands.
    scanning::WedgeSettings followsTheLight;
    followsTheLight.undoCapsLock = false;
    ui::ScannerInputFilter asIs(m_clock, followsTheLight);
    filter.setEnabled(false);
    asIs.install();
    QSignalSpy asTyped(&asIs, &ui::ScannerInputFilter::scanned);
    typeAsScanner(QStringLiteral("PB*COMPLETE"));
    QTRY_COMPARE(asTyped.count(), 1);
    QCOMPARE(asTyped.first().first().toString(), QStringLiteral("pb*complete"));
    xdotool({QStringLiteral("key"), QStringLiteral("Caps_Lock")});
    m_capsLockOn = false;
  }

  // A scanner left at its factory US keyboard on a German desktop: X reads its keys with the German layout ('-' is ß,
  // Shift+8 is '(', Y and Z swap), so no badge, command or SKU read. scanning.scanner_layout=us reads them by position.
  // xdotool types, on the German layout, what that layout has on the keys the US scanner presses.
  void usScanner_onAGermanDesktop_isReadByPosition()
  {
    QCOMPARE(QProcess::execute(QStringLiteral("setxkbmap"), {QStringLiteral("-layout"), QStringLiteral("de")}), 0);
    m_germanLayout = true;
    ui::ScannerInputFilter asTheDesktopReadsIt(m_clock, {});
    asTheDesktopReadsIt.install();
    QSignalSpy garbled(&asTheDesktopReadsIt, &ui::ScannerInputFilter::scanned);
    typeAsScanner(QStringLiteral("PBß7009"));
    QTRY_COMPARE(garbled.count(), 1);
    QCOMPARE(garbled.first().first().toString(), QStringLiteral("PBß7009")); // what the station read before
    asTheDesktopReadsIt.setEnabled(false);

    scanning::WedgeSettings byPosition;
    byPosition.layout = scanning::ScannerLayout::Us;
    ui::ScannerInputFilter filter(m_clock, byPosition);
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    const QList<std::pair<QString, QString>> codes{{QStringLiteral("PBß7009"), QStringLiteral("PB-7009")},
                                                   {QStringLiteral("PB(COMPLETE"), QStringLiteral("PB*COMPLETE")},
                                                   {QStringLiteral("TNTß2PßGRN"), QStringLiteral("TNT-2P-GRN")},
                                                   {QStringLiteral("YZß9"), QStringLiteral("ZY-9")}};
    for (const auto &[typed, meant] : codes)
      typeAsScanner(typed);
    // Ctrl+] (the US key the German layout calls '+') is still the GS1 separator.
    xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("5"), QStringLiteral("--args"),
             QStringLiteral("1"), QStringLiteral("10LOT42"), QStringLiteral("key"), QStringLiteral("--delay"),
             QStringLiteral("5"), QStringLiteral("ctrl+plus"), QStringLiteral("1"), QStringLiteral("7"),
             QStringLiteral("Return")});
    QTRY_COMPARE(scans.count(), codes.size() + 1);
    for (qsizetype i = 0; i < codes.size(); ++i)
      QCOMPARE(scans.at(i).first().toString(), codes.at(i).second);
    QCOMPARE(scans.last().first().toString(), QStringLiteral("10LOT42\x1d") + QStringLiteral("17"));
    // A person's typing still reaches the field as the German layout types it.
    xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("120"), QStringLiteral("Größe")});
    QTRY_COMPARE(m_edit->text(), QStringLiteral("Größe"));
  }

  // The window's thread held up for 300 ms in the middle of a scan (a slow repaint, a busy machine): the keys
  // wait in the X connection and arrive together afterwards. The scanner sent them 5 ms apart, and the X server's
  // key times say so. Measured by when the thread got to them, "PB-" became typing and "7009" a second burst.
  void threadHeldUpMidScan_isStillOneScan_data()
  {
    QTest::addColumn<bool>("afterTheKey");
    QTest::newRow("while handling a key") << false;
    QTest::newRow("between two keys") << true;
  }

  void threadHeldUpMidScan_isStillOneScan()
  {
    QFETCH(bool, afterTheKey);
    ui::ScannerInputFilter filter(m_clock, {});
    filter.install();
    ThreadStall stall(3, afterTheKey);                        // at the '-' of PB-7009
    QCoreApplication::instance()->installEventFilter(&stall); // after the filter: it sees each key first
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    typeAsScanner(QStringLiteral("PB-7009"));
    QTRY_COMPARE(scans.count(), 1);
    QCOMPARE(scans.first().first().toString(), QStringLiteral("PB-7009"));
    QTest::qWait(80);
    QCOMPARE(m_edit->text(), QString());
    QCOMPARE(scans.count(), 1);
    QCoreApplication::instance()->removeEventFilter(&stall);
  }

  void personTyping_reachesTheField()
  {
    ui::ScannerInputFilter filter(m_clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("120"), QStringLiteral("Hello Bench")});
    QTRY_COMPARE(m_edit->text(), QStringLiteral("Hello Bench"));
    QCOMPARE(scans.count(), 0);
  }
};

int main(int argc, char **argv)
{
  const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
  if (xvfb.isEmpty() || QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty()) {
    std::fprintf(stderr, "FAIL: xcb_wedge_test needs Xvfb and xdotool (scripts/install-deps.sh)\n");
    return 1;
  }
  test::PrivateXvfb server;
  const QString display = server.start(QStringLiteral("640x480x24"));
  if (display.isEmpty()) {
    std::fprintf(stderr, "FAIL: Xvfb did not start\n");
    return 1;
  }
  qputenv("DISPLAY", display.toLocal8Bit());
  qputenv("QT_QPA_PLATFORM", "xcb"); // ctest sets offscreen for every test: this one needs X
  QApplication app(argc, argv);
  XcbWedgeTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "xcb_wedge_test.moc"
