// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/wedgedetector.h"

#include <QTest>

using namespace pb::scanning;
using Action = WedgeDetector::Action;

Q_DECLARE_METATYPE(pb::scanning::WedgeDetector::Action)

class WedgeDetectorTest final : public QObject {
  Q_OBJECT

private:
  // Feeds text one character every gapMs starting at t, then a terminator after the same gap.
  static Action feed(WedgeDetector &d, const QString &text, qint64 &t, int gapMs, bool terminate)
  {
    Action last = Action::PassThrough;
    for (const QChar c : text) {
      last = d.character(c, t);
      if (last != Action::Hold)
        return last;
      t += gapMs;
    }
    return terminate ? d.terminator(t) : last;
  }

private Q_SLOTS:
  void burst_data()
  {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("gapMs");
    QTest::addColumn<Action>("expected");
    QTest::newRow("scanner 5 ms/char") << QStringLiteral("036000291452") << 5 << Action::Scan;
    QTest::newRow("slow scanner 30 ms/char") << QStringLiteral("NW-T2D-001") << 30 << Action::Scan;
    QTest::newRow("synthetic events 0 ms") << QStringLiteral("PB*ACK") << 0 << Action::Scan;
    QTest::newRow("person 120 ms/key") << QStringLiteral("1234") << 120 << Action::Replay;
    QTest::newRow("fast typist 60 ms/key") << QStringLiteral("hello") << 60 << Action::Replay;
    QTest::newRow("rollover, too short") << QStringLiteral("ab") << 5 << Action::Replay;
  }

  void burst()
  {
    QFETCH(QString, text);
    QFETCH(int, gapMs);
    QFETCH(Action, expected);
    WedgeDetector detector;
    qint64 t = 1000;
    QCOMPARE(feed(detector, text, t, gapMs, true), expected);
    if (expected == Action::Scan) {
      QCOMPARE(detector.takeScan(), text);
      QVERIFY(!detector.holding());
    } else {
      QVERIFY(!detector.takeHeld().isEmpty());
    }
  }

  void typing_isReleasedByTimeout()
  {
    WedgeDetector detector;
    QCOMPARE(detector.character(u'7', 100), Action::Hold);
    QCOMPARE(detector.timeout(120), Action::Hold); // timer fired early: keep waiting
    QCOMPARE(detector.timeout(140), Action::Replay);
    QCOMPARE(detector.takeHeld(), QStringLiteral("7"));
    QVERIFY(!detector.holding());
    QCOMPARE(detector.timeout(500), Action::PassThrough);
  }

  void enterWithNothingHeld_passesThrough()
  {
    WedgeDetector detector;
    QCOMPARE(detector.terminator(10), Action::PassThrough);
  }

  void lateEnter_afterFastBurst_isTyping()
  {
    WedgeDetector detector;
    qint64 t = 0;
    QCOMPARE(feed(detector, QStringLiteral("ABCDEF"), t, 5, false), Action::Hold);
    QCOMPARE(detector.terminator(t + 400), Action::Replay);
    QCOMPARE(detector.takeHeld(), QStringLiteral("ABCDEF"));
  }

  void suffix_endsScanWithoutEnter()
  {
    WedgeSettings settings;
    settings.suffix = QStringLiteral("$$");
    WedgeDetector detector(settings);
    qint64 t = 0;
    QCOMPARE(feed(detector, QStringLiteral("NW-MUG-12$$"), t, 3, false), Action::Scan);
    QCOMPARE(detector.takeScan(), QStringLiteral("NW-MUG-12"));
  }

  void endlessBurst_isNotAScan()
  {
    WedgeSettings settings;
    settings.maxLength = 8;
    WedgeDetector detector(settings);
    qint64 t = 0;
    QCOMPARE(feed(detector, QStringLiteral("0123456789"), t, 1, true), Action::Replay);
  }

  void composedText_isPartOfTheBurst()
  {
    WedgeDetector detector;
    QCOMPARE(detector.text(u"AB", 0), Action::Hold);
    QCOMPARE(detector.text(u"\u00EA", 5), Action::Hold); // ê from a dead key and e, committed at once
    QCOMPARE(detector.character(u'1', 10), Action::Hold);
    QCOMPARE(detector.terminator(15), Action::Scan);
    QCOMPARE(detector.takeScan(), QStringLiteral("AB\u00EA1"));
  }

  void twoScansBackToBack_areSeparate()
  {
    WedgeDetector detector;
    qint64 t = 0;
    QCOMPARE(feed(detector, QStringLiteral("AAAA1"), t, 2, true), Action::Scan);
    QCOMPARE(detector.takeScan(), QStringLiteral("AAAA1"));
    t += 1;
    QCOMPARE(feed(detector, QStringLiteral("BBBB2"), t, 2, true), Action::Scan);
    QCOMPARE(detector.takeScan(), QStringLiteral("BBBB2"));
  }
};

QTEST_GUILESS_MAIN(WedgeDetectorTest)
#include "wedgedetector_test.moc"
