// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Replays key sequences recorded from a real X server (tests/data/xkeys/*.xev, see its README)
// through ScannerInputFilter, as the events Qt's xcb plugin makes of them.
#include "core/scanning/scandecoder.h"
#include "ui/scannerinputfilter.h"

#include <QApplication>
#include <QFile>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace pb;

namespace {

// One X key event as xev printed it.
struct XKeyEvent {
  bool press = false;
  qint64 timeMs = 0;
  uint state = 0;
  int keycode = 0;
  uint keysym = 0;
  QString keysymName;
  QByteArray lookup;   // XLookupString bytes (Latin-1)
  QByteArray mbLookup; // XmbLookupString bytes (UTF-8, presses only)
  bool filtered = false;
};

// What Qt delivers for it: a key event, or an input-method commit (a composed dead key).
struct QtKeyEvent {
  enum Kind { Press, Release, Commit } kind = Press;
  int key = 0;
  Qt::KeyboardModifiers modifiers;
  QString text;
  qint64 timeMs = 0;
};

QByteArray hexBytes(const QString &list)
{
  QByteArray bytes;
  for (const QString &hex : list.split(u' ', Qt::SkipEmptyParts))
    bytes.append(char(hex.toInt(nullptr, 16)));
  return bytes;
}

QList<XKeyEvent> parseXev(const QString &log)
{
  static const QRegularExpression header(QStringLiteral("^(KeyPress|KeyRelease) event,"));
  static const QRegularExpression time(QStringLiteral("\\btime (\\d+),"));
  static const QRegularExpression key(
      QStringLiteral("state 0x([0-9a-f]+), keycode (\\d+) \\(keysym 0x([0-9a-f]+), ([^)]+)\\)"));
  static const QRegularExpression lookup(
      QStringLiteral("^\\s*(XLookupString|XmbLookupString) gives \\d+ bytes: (?:\\(([0-9a-f ]+)\\))?"));
  QList<XKeyEvent> events;
  XKeyEvent *current = nullptr;
  for (const QString &line : log.split(u'\n')) {
    if (const auto m = header.match(line); m.hasMatch()) {
      events.append(XKeyEvent{});
      current = &events.last();
      current->press = m.captured(1) == u"KeyPress";
      continue;
    }
    if (!current)
      continue;
    if (const auto m = time.match(line); m.hasMatch())
      current->timeMs = m.captured(1).toLongLong();
    if (const auto m = key.match(line); m.hasMatch()) {
      current->state = m.captured(1).toUInt(nullptr, 16);
      current->keycode = m.captured(2).toInt();
      current->keysym = m.captured(3).toUInt(nullptr, 16);
      current->keysymName = m.captured(4);
    }
    if (const auto m = lookup.match(line); m.hasMatch())
      (m.captured(1) == u"XLookupString" ? current->lookup : current->mbLookup) = hexBytes(m.captured(2));
    if (line.trimmed().startsWith(u"XFilterEvent returns: True"))
      current->filtered = true;
    if (line.trimmed().isEmpty())
      current = nullptr;
  }
  return events;
}

// The Qt key for a keysym, as the xcb plugin maps it (checked against a real xcb window, see README).
int qtKey(const XKeyEvent &e)
{
  static const QHash<QString, int> named{
      {QStringLiteral("Shift_L"), Qt::Key_Shift},
      {QStringLiteral("Shift_R"), Qt::Key_Shift},
      {QStringLiteral("Control_L"), Qt::Key_Control},
      {QStringLiteral("Control_R"), Qt::Key_Control},
      {QStringLiteral("Alt_L"), Qt::Key_Alt},
      {QStringLiteral("Alt_R"), Qt::Key_Alt},
      {QStringLiteral("Super_L"), Qt::Key_Super_L},
      {QStringLiteral("Super_R"), Qt::Key_Super_R},
      {QStringLiteral("ISO_Level3_Shift"), Qt::Key_AltGr},
      {QStringLiteral("Caps_Lock"), Qt::Key_CapsLock},
      {QStringLiteral("Return"), Qt::Key_Return},
      {QStringLiteral("KP_Enter"), Qt::Key_Enter},
      {QStringLiteral("Tab"), Qt::Key_Tab},
      {QStringLiteral("ISO_Left_Tab"), Qt::Key_Backtab},
      {QStringLiteral("Linefeed"), 0x0a}, // no Qt::Key: the plugin passes the ASCII code through
      {QStringLiteral("Escape"), Qt::Key_Escape},
      {QStringLiteral("dead_circumflex"), Qt::Key_Dead_Circumflex},
      {QStringLiteral("dead_acute"), Qt::Key_Dead_Acute},
  };
  if (const auto it = named.find(e.keysymName); it != named.end())
    return *it;
  if (e.keysym >= 0x20 && e.keysym <= 0xff) // Latin-1 keysyms are their code point; Qt keys are upper case
    return QChar(char16_t(e.keysym)).toUpper().unicode();
  return -1;
}

Qt::KeyboardModifiers modifierOf(int key)
{
  switch (key) {
  case Qt::Key_Shift: return Qt::ShiftModifier;
  case Qt::Key_Control: return Qt::ControlModifier;
  case Qt::Key_Alt: return Qt::AltModifier;
  case Qt::Key_Super_L:
  case Qt::Key_Super_R: return Qt::MetaModifier;
  case Qt::Key_AltGr: return Qt::GroupSwitchModifier;
  default: return Qt::NoModifier;
  }
}

// Qt's xcb plugin: modifiers from the state before the event, plus (press) or minus (release) the
// modifier the key itself is; text from xkb (as XLookupString); presses the compose input context
// filters vanish, and its composed result arrives as a commit.
QList<QtKeyEvent> toQtEvents(const QList<XKeyEvent> &xevents, QString *error)
{
  QList<QtKeyEvent> out;
  const qint64 t0 = xevents.isEmpty() ? 0 : xevents.first().timeMs;
  for (const XKeyEvent &e : xevents) {
    const qint64 at = e.timeMs - t0;
    if (e.press && e.filtered)
      continue;
    if (e.press && e.keycode == 0) {
      out.append({QtKeyEvent::Commit, 0, Qt::NoModifier, QString::fromUtf8(e.mbLookup), at});
      continue;
    }
    const int key = qtKey(e);
    if (key < 0) {
      *error = QStringLiteral("no Qt key known for keysym %1: extend qtKey()").arg(e.keysymName);
      return {};
    }
    Qt::KeyboardModifiers modifiers;
    modifiers.setFlag(Qt::ShiftModifier, e.state & 0x01);
    modifiers.setFlag(Qt::ControlModifier, e.state & 0x04);
    modifiers.setFlag(Qt::AltModifier, e.state & 0x08);
    modifiers.setFlag(Qt::MetaModifier, e.state & 0x40);
    modifiers.setFlag(Qt::GroupSwitchModifier, e.state & 0x80); // Mod5: ISO_Level3_Shift on us/de
    modifiers = e.press ? modifiers | modifierOf(key) : modifiers & ~modifierOf(key);
    if (e.keysymName.startsWith(u"KP_"))
      modifiers |= Qt::KeypadModifier;
    const QString text = e.press ? QString::fromUtf8(e.mbLookup) : QString::fromLatin1(e.lookup);
    out.append({e.press ? QtKeyEvent::Press : QtKeyEvent::Release, key, modifiers, text, at});
  }
  return out;
}

QString dataDir()
{
  return qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + QStringLiteral("/tests/data/xkeys/");
}

class SteppingClock final : public Clock {
public:
  QDateTime nowUtc() const override { return {}; }
  qint64 monotonicMs() const override { return m_ms; }
  qint64 m_ms = 0;
};

} // namespace

class XKeysReplayTest final : public QObject {
  Q_OBJECT

private:
  QList<QtKeyEvent> load(const QString &name)
  {
    QFile file(dataDir() + name + QStringLiteral(".xev"));
    if (!file.open(QIODevice::ReadOnly)) {
      qWarning() << "cannot read" << file.fileName();
      return {};
    }
    QString error;
    auto events = toQtEvents(parseXev(QString::fromUtf8(file.readAll())), &error);
    if (!error.isEmpty())
      qWarning().noquote() << name << error;
    return events;
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY2(!qEnvironmentVariableIsEmpty("PACKBENCH_TEST_SOURCE_DIR"), "run through ctest"); }

  // The parser gives what a real xcb window received for the same xdotool input (README).
  void badgeLog_becomesTheEventsQtDelivers()
  {
    const QList<QtKeyEvent> events = load(QStringLiteral("badge"));
    QVERIFY(events.size() >= 4);
    QCOMPARE(events.at(0).kind, QtKeyEvent::Press);
    QCOMPARE(events.at(0).key, int(Qt::Key_Shift));
    QCOMPARE(events.at(0).modifiers, Qt::KeyboardModifiers(Qt::ShiftModifier));
    QCOMPARE(events.at(0).text, QString());
    QCOMPARE(events.at(1).kind, QtKeyEvent::Press);
    QCOMPARE(events.at(1).key, int(Qt::Key_P));
    QCOMPARE(events.at(1).modifiers, Qt::KeyboardModifiers(Qt::ShiftModifier));
    QCOMPARE(events.at(1).text, QStringLiteral("P"));
    QCOMPARE(events.at(2).kind, QtKeyEvent::Release);
    QCOMPARE(events.at(2).key, int(Qt::Key_Shift));
    QCOMPARE(events.at(2).modifiers, Qt::KeyboardModifiers(Qt::NoModifier));
    QCOMPARE(events.at(3).kind, QtKeyEvent::Release);
    QCOMPARE(events.at(3).key, int(Qt::Key_P));
    QCOMPARE(events.at(3).text, QStringLiteral("p")); // Shift is already up
  }

  void gsAndAltGrLogs_carryTheirModifiers()
  {
    const QList<QtKeyEvent> us = load(QStringLiteral("gs1-128-aim-gs"));
    const auto gs = std::find_if(us.begin(), us.end(), [](const QtKeyEvent &e) { return e.text == u"\x1d"; });
    QVERIFY(gs != us.end());
    QCOMPARE(gs->key, int(Qt::Key_BracketRight));
    QCOMPARE(gs->modifiers, Qt::KeyboardModifiers(Qt::ControlModifier));
    const QList<QtKeyEvent> de = load(QStringLiteral("de-gs1-altgr"));
    const auto bracket = std::find_if(de.begin(), de.end(), [](const QtKeyEvent &e) { return e.text == u"]"; });
    QVERIFY(bracket != de.end());
    QCOMPARE(bracket->modifiers, Qt::KeyboardModifiers(Qt::GroupSwitchModifier)); // AltGr+9
    QVERIFY(std::any_of(de.begin(), de.end(), [](const QtKeyEvent &e) { return e.key == Qt::Key_AltGr; }));
  }

  void replay_data()
  {
    QTest::addColumn<QString>("log");
    QTest::addColumn<QStringList>("scans");
    QTest::addColumn<QString>("typed"); // what the focused field must hold afterwards
    QTest::addColumn<QString>("gtin");  // the decoded GTIN-14 of the scan, when it carries one
    const QString gs1 = QStringLiteral("]C1010950110153000310LOT42\x1d") + QStringLiteral("17261231");
    const QString gtin = QStringLiteral("09501101530003");
    QTest::newRow("badge") << QStringLiteral("badge") << QStringList{QStringLiteral("PB-7009")} << QString()
                           << QString();
    QTest::newRow("command") << QStringLiteral("command-complete") << QStringList{QStringLiteral("PB*COMPLETE")}
                             << QString() << QString();
    QTest::newRow("mixed-case SKU") << QStringLiteral("sku-mixed-case") << QStringList{QStringLiteral("TNT-2P-GRN")}
                                    << QString() << QString();
    QTest::newRow("GS1-128 ]C1 + GS") << QStringLiteral("gs1-128-aim-gs") << QStringList{gs1} << QString() << gtin;
    QTest::newRow("EAN-13") << QStringLiteral("ean13") << QStringList{QStringLiteral("4006381333931")} << QString()
                            << QStringLiteral("04006381333931");
    QTest::newRow("UPC-A") << QStringLiteral("upca") << QStringList{QStringLiteral("036000291452")} << QString()
                           << QStringLiteral("00036000291452");
    QTest::newRow("Tab suffix") << QStringLiteral("tab-suffix") << QStringList{QStringLiteral("NW-MUG-12")} << QString()
                                << QString();
    QTest::newRow("LF suffix (Linefeed)")
        << QStringLiteral("lf-suffix-linefeed") << QStringList{QStringLiteral("TNT-2P-GRN")} << QString() << QString();
    QTest::newRow("LF suffix (Ctrl+J)") << QStringLiteral("lf-suffix-ctrl-j")
                                        << QStringList{QStringLiteral("TNT-2P-GRN")} << QString() << QString();
    QTest::newRow("keypad Enter") << QStringLiteral("keypad-enter") << QStringList{QStringLiteral("NW-T2D-001")}
                                  << QString() << QString();
    QTest::newRow("German layout: ] is AltGr+9, GS Ctrl+AltGr+9")
        << QStringLiteral("de-gs1-altgr") << QStringList{gs1} << QString() << gtin;
    QTest::newRow("German layout: command")
        << QStringLiteral("de-command") << QStringList{QStringLiteral("PB*COMPLETE")} << QString() << QString();
    QTest::newRow("German layout: dead key")
        << QStringLiteral("de-dead-key") << QStringList{QStringLiteral("AB^12")} << QString() << QString();
    QTest::newRow("a person typing") << QStringLiteral("person-typing") << QStringList{} << QStringLiteral("Hello")
                                     << QString();
    QTest::newRow("a person's Ctrl+Q") << QStringLiteral("person-ctrl-q") << QStringList{} << QStringLiteral("Ab")
                                       << QString();
  }

  void replay()
  {
    QFETCH(QString, log);
    QFETCH(QStringList, scans);
    QFETCH(QString, typed);
    QFETCH(QString, gtin);
    const QList<QtKeyEvent> events = load(log);
    QVERIFY2(!events.isEmpty(), qPrintable(log));

    QWidget window;
    auto *edit = new QLineEdit(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    edit->setFocus();
    SteppingClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QSignalSpy scanned(&filter, &ui::ScannerInputFilter::scanned);
    for (const QtKeyEvent &e : events) {
      clock.m_ms = 1000 + e.timeMs; // the X server's timestamps: the real gaps between keys
      if (e.kind == QtKeyEvent::Commit) {
        QInputMethodEvent commit;
        commit.setCommitString(e.text);
        QApplication::sendEvent(edit, &commit);
      } else {
        QTest::simulateEvent(edit, e.kind == QtKeyEvent::Press, e.key, e.modifiers, e.text, false);
      }
    }
    QTest::qWait(100); // held keys of typing come back after the gap
    QStringList got;
    for (const QList<QVariant> &args : std::as_const(scanned))
      got.append(args.first().toString());
    QCOMPARE(got, scans);
    QCOMPARE(edit->text(), typed);
    if (!gtin.isEmpty()) {
      const scanning::DecodedScan decoded = scanning::ScanDecoder().decode(got.first());
      QCOMPARE(decoded.kind, scanning::ScanKind::Item);
      QCOMPARE(decoded.gtin, gtin);
    }
  }
};

QTEST_MAIN(XKeysReplayTest)
#include "xkeys_replay_test.moc"
