// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/scannerinputfilter.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace pb;

// A clock the test moves: each key is stamped with the time the test says.
class SteppingClock final : public Clock {
public:
  QDateTime nowUtc() const override { return {}; }
  qint64 monotonicMs() const override { return m_ms; }
  qint64 m_ms = 1000;
};

class ScannerInputFilterTest final : public QObject {
  Q_OBJECT

private:
  QLineEdit *m_edit = nullptr;
  std::unique_ptr<QWidget> m_window;

private Q_SLOTS:
  void init()
  {
    m_window = std::make_unique<QWidget>();
    m_edit = new QLineEdit(m_window.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_edit->setFocus();
  }

  void cleanup() { m_window.reset(); }

  void scannerBurst_isCaught_andNotTyped()
  {
    SystemClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    QTest::keyClicks(m_edit, QStringLiteral("081234500016"));
    QTest::keyClick(m_edit, Qt::Key_Return);
    QCOMPARE(scans.count(), 1);
    QCOMPARE(scans.first().first().toString(), QStringLiteral("081234500016"));
    QTest::qWait(80);
    QCOMPARE(m_edit->text(), QString()); // the scan never reached the focused field
    QCOMPARE(returns.count(), 0);
  }

  void personTyping_reachesTheField()
  {
    SystemClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    QTest::keyClicks(m_edit, QStringLiteral("hello 42"), Qt::NoModifier, 90); // 90 ms between keys
    QTest::keyClick(m_edit, Qt::Key_Return, Qt::NoModifier, 90);
    QCOMPARE(scans.count(), 0);
    QCOMPARE(m_edit->text(), QStringLiteral("hello 42"));
    QCOMPARE(returns.count(), 1);
  }

  void fastKeysWithoutEnter_areGivenBack()
  {
    SystemClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    QTest::keyClicks(m_edit, QStringLiteral("abc"));
    QTRY_COMPARE(m_edit->text(), QStringLiteral("abc"));
    QCOMPARE(scans.count(), 0);
  }

  void shortBurstWithEnter_isTyping()
  {
    SystemClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
    QTest::keyClicks(m_edit, QStringLiteral("12"));
    QTest::keyClick(m_edit, Qt::Key_Return);
    QCOMPARE(scans.count(), 0);
    QCOMPARE(m_edit->text(), QStringLiteral("12"));
    QCOMPARE(returns.count(), 1); // Enter arrives after the digits, in order
  }

  void shortcutInsideBurst_releasesHeldKeys()
  {
    SystemClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QTest::keyClicks(m_edit, QStringLiteral("xyz"));
    QTest::keyClick(m_edit, Qt::Key_Left);
    QTest::keyClicks(m_edit, QStringLiteral("Q"), Qt::NoModifier, 90);
    QTRY_COMPARE(m_edit->text(), QStringLiteral("xyQz"));
  }

  void injectedClock_decidesGaps()
  {
    SteppingClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    for (const QChar c : QStringLiteral("ABCDEF")) {
      QTest::keyClick(m_edit, c.toLatin1());
      clock.m_ms += 150; // a person, however fast the test sends the events
    }
    QTest::keyClick(m_edit, Qt::Key_Return);
    QCOMPARE(scans.count(), 0);
    QTRY_COMPARE(m_edit->text(), QStringLiteral("ABCDEF"));
    clock.m_ms += 1000;
    for (const QChar c : QStringLiteral("PB*ACK")) {
      QTest::keyClick(m_edit, c.toLatin1());
      clock.m_ms += 8; // a scanner
    }
    QTest::keyClick(m_edit, Qt::Key_Return);
    QCOMPARE(scans.count(), 1);
    QCOMPARE(scans.first().first().toString(), QStringLiteral("PB*ACK"));
  }

  void disabledFilter_passesEverything()
  {
    SystemClock clock;
    ui::ScannerInputFilter filter(clock, {});
    filter.install();
    filter.setEnabled(false);
    QSignalSpy scans(&filter, &ui::ScannerInputFilter::scanned);
    QTest::keyClicks(m_edit, QStringLiteral("081234500016"));
    QTest::keyClick(m_edit, Qt::Key_Return);
    QCOMPARE(scans.count(), 0);
    QCOMPARE(m_edit->text(), QStringLiteral("081234500016"));
  }
};

QTEST_MAIN(ScannerInputFilterTest)
#include "scannerinputfilter_test.moc"
