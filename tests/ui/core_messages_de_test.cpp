// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// core/ errors the station shows come out in German once the app's German catalogue is installed.
#include "core/base/clock.h"
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/queue/orderqueue.h"
#include "core/queue/stationsite.h"
#include "tests/support/manualclock.h"
#include "tests/support/queueworld.h"
#include "tests/support/verify.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace pb;
using namespace std::chrono_literals;

class CoreMessagesGermanTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QTranslator m_german;
  QSqlDatabase m_db;
  test::QueueWorld m_world;
  const QDateTime m_start = QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC);

private Q_SLOTS:
  void initTestCase()
  {
    // As app/station/main.cpp does for a German locale.
    QVERIFY(m_german.load(QStringLiteral(":/i18n/packbench_de")));
    QVERIFY(QCoreApplication::installTranslator(&m_german));
    db::ConnectionSettings settings;
    settings.sqlitePath = m_dir.filePath(QStringLiteral("station.sqlite"));
    auto db = db::openDatabase(settings, QStringLiteral("core-messages-de"));
    VERIFY_OK(db);
    m_db = *db;
    VERIFY_OK(db::MigrationRunner(db::MigrationRunner::defaultDirectory(m_db)).migrate(m_db));
    auto world = test::createQueueWorld(m_db);
    VERIFY_OK(world);
    m_world = *world;
  }

  void refusedClaim_andLostLease_areGerman()
  {
    test::ManualClock clock(m_start);
    queue::OrderQueue queue(m_db, clock, 120s);
    auto fo = test::addQueuedOrder(m_db, m_world.shopId, m_world.locationId, 0, m_start);
    VERIFY_OK(fo);
    auto claim = queue.claimSpecific(m_world.stationId, *fo);
    VERIFY_OK(claim);

    auto refused = queue.claimSpecific(m_world.otherStationId, *fo);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message, QStringLiteral("Diese Bestellung wird an einer anderen Station gepackt."));

    clock.advanceMs(121'000);
    VERIFY_OK(queue.reapExpired());
    VERIFY_OK(queue.claimSpecific(m_world.otherStationId, *fo)); // lost: another station has it now
    const Status beat = queue.heartbeat(*claim);
    QVERIFY(!beat.ok());
    QCOMPARE(beat.error().message,
             QStringLiteral("Die Reservierung dieser Bestellung ist verloren; sie ist zurück in der Warteschlange."));
  }

  void databaseError_isGerman()
  {
    // The station shows this at start when its embedded database has nowhere to live.
    db::ConnectionSettings settings;
    settings.sqlitePath = QStringLiteral("/dev/null/packbench/station.sqlite");
    auto db = db::openDatabase(settings, QStringLiteral("core-messages-de-nowhere"));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().message,
             QStringLiteral("Verzeichnis für %1 kann nicht angelegt werden").arg(settings.sqlitePath));
  }

  void stationSite_pluralIsGerman()
  {
    // A second shop makes the choice ambiguous: the start-up error counts the shops.
    auto other = test::createQueueWorld(m_db);
    VERIFY_OK(other);
    auto site = queue::resolveStationSite(m_db, QString(), QString());
    QVERIFY(!site.ok());
    QCOMPARE(site.error().message,
             QStringLiteral("station.shop und station.location setzen: die Datenbank enthält 2 Shops."));
  }
};

QTEST_GUILESS_MAIN(CoreMessagesGermanTest)
#include "core_messages_de_test.moc"
