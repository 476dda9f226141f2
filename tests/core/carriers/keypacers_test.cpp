// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// One RequestPacer per carrier API key: labels and tracking on one key draw from one limit.
#include "core/carriers/keypacers.h"
#include "tests/support/manualclock.h"

#include <QTest>

using namespace pb;
using namespace pb::carriers;

class KeyPacersTest final : public QObject {
  Q_OBJECT

private:
  test::ManualClock m_clock{QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC)};

  static ShipEngineSettings key(const QByteArray &apiKey, int perMinute)
  {
    ShipEngineSettings s;
    s.apiKey = apiKey;
    s.requestsPerMinute = perMinute;
    return s;
  }

private Q_SLOTS:
  void oneKey_onePacer_sharedByEveryCaller()
  {
    KeyPacers pacers(m_clock);
    auto forLabels = pacers.forKey(key("TEST_key_a", 3));
    auto forTracking = pacers.forKey(key("TEST_key_a", 3));
    QVERIFY(forLabels);
    QCOMPARE(forLabels.get(), forTracking.get());
    QCOMPARE(pacers.size(), 1);
    // What one caller sends counts for the other: three sends in the minute, then both must wait.
    QCOMPARE(forLabels->reserve(), 0);
    QCOMPARE(forTracking->reserve(), 0);
    QCOMPARE(forLabels->reserve(), 0);
    QVERIFY(forTracking->reserve() > 0);
    QVERIFY(forLabels->reserve() > 0);
  }

  void anotherKey_hasItsOwnLimit()
  {
    KeyPacers pacers(m_clock);
    auto a = pacers.forKey(key("TEST_key_a", 1));
    auto b = pacers.forKey(key("TEST_key_b", 1));
    QVERIFY(a && b);
    QVERIFY(a.get() != b.get());
    QCOMPARE(a->reserve(), 0);
    QCOMPARE(b->reserve(), 0); // a's send does not count against b
    QCOMPARE(pacers.size(), 2);
  }

  void theFirstLimit_isTheKeys()
  {
    KeyPacers pacers(m_clock);
    QCOMPARE(pacers.forKey(key("TEST_key_a", 5))->limit(), 5);
    QCOMPARE(pacers.forKey(key("TEST_key_a", 50))->limit(), 5);
  }

  void noKey_noPacer()
  {
    KeyPacers pacers(m_clock);
    QVERIFY(!pacers.forKey(key({}, 200)));
    QCOMPARE(pacers.size(), 0);
  }
};

QTEST_GUILESS_MAIN(KeyPacersTest)
#include "keypacers_test.moc"
