// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real packbench-hub killed with SIGKILL at random moments, and started again each time, while signed
// webhooks arrive and while its outbox posts fulfillments to the Shopify fake: every webhook answered 200
// is stored exactly once, every order mapped once, every fulfillment posted exactly once (the fake counts).
// Size from the environment: PACKBENCH_CRASH_ORDERS (60), PACKBENCH_CRASH_KILLS per phase (4),
// PACKBENCH_CRASH_SEED (random; printed, so a failure can be run again). Last line: one JSON object.
#include "core/db/sql.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/programrun.h"
#include "tests/support/runningprogram.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace pb;

namespace {
const QByteArray kSecret = QByteArrayLiteral("crash-secret");
const QString kShop = QStringLiteral("crash.myshopify.com");
constexpr qint64 kFirstOrder = 610000;
constexpr int kGapMs = 4; // between two deliveries of the stream

int envInt(const char *name, int fallback)
{
  bool ok = false;
  const int value = qEnvironmentVariableIntValue(name, &ok);
  return ok ? value : fallback;
}
} // namespace

class HubCrashTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  test::MigratedDatabase m_db;
  test::FakeShopify m_fake;
  quint16 m_port = 0;
  std::unique_ptr<test::RunningProgram> m_hub;
  QRandomGenerator m_random;
  int m_orders = envInt("PACKBENCH_CRASH_ORDERS", 60);
  int m_killsPerPhase = envInt("PACKBENCH_CRASH_KILLS", 4);
  int m_kills = 0;
  int m_starts = 0;
  QHash<qint64, QByteArray> m_bodies; // order id -> the signed body, the same on every retry (as Shopify's)
  QHash<qint64, int> m_answered200;   // order id -> 200s received (a retry of a stored one is answered 200 too)
  int m_posts = 0;                    // webhook deliveries sent, retries and redeliveries included
  int m_unanswered = 0;               // no HTTP answer: the hub died under them
  QHash<int, int> m_otherStatus;      // any other answer, by status

  qint64 scalar(const QString &sql) { return test::scalar(m_db.db, sql); }

  [[nodiscard]] bool startHub()
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *own : {"PACKBENCH_CRASH_ORDERS", "PACKBENCH_CRASH_KILLS", "PACKBENCH_CRASH_SEED"})
      env.remove(QString::fromLatin1(own)); // the hub takes PACKBENCH_* as settings and refuses unknown ones
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET"), QString::fromLatin1(kSecret));
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_ACCESS_TOKEN"), QString::fromLatin1(m_fake.accessToken()));
    QStringList args{QStringLiteral("serve"), QStringLiteral("--no-default-files")};
    args += test::postgresArgs(m_db.settings);
    // A short outbox lease: rows a killed hub had claimed come back within seconds, not two minutes.
    const QStringList sets{QStringLiteral("hub.port=%1").arg(m_port),
                           QStringLiteral("shopify.shop=") + kShop,
                           QStringLiteral("shopify.admin_base_url=") + m_fake.adminBaseUrl().toString(),
                           QStringLiteral("hub.outbox_lease_seconds=2"),
                           QStringLiteral("shopify.backoff_base_ms=20"),
                           QStringLiteral("log.file=-")};
    for (const QString &set : sets)
      args += QStringList{QStringLiteral("--set"), set};
    m_hub = std::make_unique<test::RunningProgram>(QStringLiteral(PACKBENCH_HUB_BINARY), args, m_dir.path(), env);
    if (!m_hub->waitForStarted() || !m_hub->waitForOutput(QStringLiteral("listening on"), 30000)) {
      qWarning().noquote() << "the hub did not start:" << m_hub->output();
      return false;
    }
    ++m_starts;
    return true;
  }

  [[nodiscard]] bool killHub()
  {
    m_hub->sendSignal(SIGKILL);
    const bool killed = m_hub->waitForExit(10000) && m_hub->crashed();
    m_hub.reset();
    ++m_kills;
    return killed;
  }

  // One life of the hub under a steady stream of deliveries (one every kGapMs, as Shopify sends them): every
  // order not yet answered 200, and now and then one that was (Shopify redelivers). Kills the hub killAtMs into
  // the stream (-1: lets it finish); a delivery left without an answer is sent again in the next life.
  [[nodiscard]] bool streamLife(int killAtMs)
  {
    QNetworkAccessManager network; // fresh: no keep-alive connection to a killed hub
    const QUrl url = test::webhookUrl(m_port);
    QList<qint64> queue;
    for (qint64 order = kFirstOrder; order < kFirstOrder + m_orders; ++order) {
      if (m_answered200.value(order) == 0 || m_random.bounded(8) == 0)
        queue.append(order);
    }
    QList<std::pair<qint64, QNetworkReply *>> replies;
    QElapsedTimer life;
    life.start();
    for (const qint64 order : std::as_const(queue)) {
      if (killAtMs >= 0 && life.elapsed() >= killAtMs)
        break;
      test::WebhookDelivery delivery{QStringLiteral("orders/create"),
                                     m_bodies.value(order),
                                     kShop,
                                     QStringLiteral("crash-%1").arg(order),
                                     {},
                                     {},
                                     {}};
      replies.append({order, network.post(test::webhookRequest(url, delivery, kSecret), delivery.body)});
      ++m_posts;
      QTest::qWait(kGapMs);
    }
    bool killed = true;
    if (killAtMs >= 0) {
      QTest::qWait(static_cast<int>(std::max<qint64>(0, killAtMs - life.elapsed())));
      killed = killHub();
    }
    QElapsedTimer waited;
    waited.start();
    for (const auto &[order, reply] : replies) {
      while (!reply->isFinished() && waited.elapsed() < 30000)
        QTest::qWait(5);
      const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
      if (!reply->isFinished() || !status.isValid())
        ++m_unanswered;
      else if (status.toInt() == 200)
        ++m_answered200[order];
      else
        ++m_otherStatus[status.toInt()];
      reply->deleteLater();
    }
    return killed;
  }

  int unansweredOrders() const
  {
    int count = 0;
    for (qint64 order = kFirstOrder; order < kFirstOrder + m_orders; ++order)
      count += m_answered200.value(order) == 0 ? 1 : 0;
    return count;
  }

  // Packs `count` more fulfillment orders as a station does: packed, a parcel with tracking and the
  // fulfillment.create outbox row, in one transaction each.
  void packNext(int count)
  {
    auto ids = db::exec(m_db.db,
                        QStringLiteral("SELECT id FROM fulfillment_orders WHERE pack_state = 'queued' "
                                       "ORDER BY id LIMIT ?"),
                        {count});
    QVERIFY(ids.ok());
    QSqlQuery &queued = ids.value();
    while (queued.next()) {
      const qint64 fo = queued.value(0).toLongLong();
      QVERIFY(db::inTransaction(m_db.db, [&]() -> Status {
                for (const auto &[sql, values] : QList<QPair<QString, QVariantList>>{
                         {QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {fo}},
                         {QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, "
                                         "tracking_number) VALUES (?, 1, 'USPS', ?)"),
                          {fo, QStringLiteral("94001%1").arg(fo, 17, 10, QLatin1Char('0'))}},
                         {QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                                         "('fulfillment.create', ?, ?, jsonb_build_object('fulfillment_order_id', "
                                         "?::bigint))"),
                          {QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo), fo}}}) {
                  if (auto done = db::exec(m_db.db, sql, values); !done)
                    return done.error();
                }
                return {};
              }).ok());
    }
  }

  qint64 outboxDone()
  {
    return scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND status = 'done'"));
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    const quint32 seed =
        static_cast<quint32>(envInt("PACKBENCH_CRASH_SEED", QRandomGenerator::global()->bounded(1 << 30)));
    qInfo("seed %u (PACKBENCH_CRASH_SEED), %d orders, %d kills per phase", seed, m_orders, m_killsPerPhase);
    m_random.seed(seed);
    auto migrated = test::createMigratedDatabase(QStringLiteral("crash"));
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    m_db = *migrated;
    QVERIFY(m_fake.listen() > 0);
    m_fake.addLocation(QStringLiteral("1"), QStringLiteral("Main Warehouse"));
    // Answers come late (applied first): a kill often lands between Shopify applying a post and the answer.
    m_fake.setLatencyMs(80);
    for (qint64 order = kFirstOrder; order < kFirstOrder + m_orders; ++order) {
      m_fake.addOrder(QString::number(order), {1, 2});
      m_bodies.insert(order, test::compact(test::restOrder(order, QDateTime::currentDateTimeUtc())));
    }
    m_port = test::freePort();
  }

  // Kills during webhook bursts (and the inbox mapping them): what was answered 200 is there, once.
  void webhooks_killedMidBurst_eachAnsweredOneStoredOnce()
  {
    for (int kill = 0; kill < m_killsPerPhase; ++kill) {
      QVERIFY(startHub());
      // A moment within what is left of the stream: some answered, some in flight, some not yet sent.
      const int left = std::max(unansweredOrders(), m_orders / (m_killsPerPhase + 1)) * kGapMs;
      QVERIFY(streamLife(static_cast<int>(m_random.bounded(5, std::max(10, left)))));
    }
    QVERIFY(startHub());
    for (int round = 0; round < 5 && unansweredOrders() > 0; ++round)
      QVERIFY(streamLife(-1));
    QCOMPARE(unansweredOrders(), 0);
    QVERIFY2(m_otherStatus.isEmpty(),
             qPrintable(QStringLiteral("answers other than 200: %1").arg(m_otherStatus.size())));
    auto stored = db::exec(m_db.db, QStringLiteral("SELECT webhook_id, count(*) FROM webhook_inbox GROUP BY 1"));
    QVERIFY(stored.ok());
    QHash<QString, qint64> rows;
    for (QSqlQuery &query = stored.value(); query.next();)
      rows.insert(query.value(0).toString(), query.value(1).toLongLong());
    for (auto it = m_answered200.cbegin(); it != m_answered200.cend(); ++it)
      QVERIFY2(rows.value(QStringLiteral("crash-%1").arg(it.key())) == 1,
               qPrintable(QStringLiteral("order %1 stored %2 time(s)")
                              .arg(it.key())
                              .arg(rows.value(QStringLiteral("crash-%1").arg(it.key())))));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), m_orders);
    // Every stored webhook becomes one order with its one fulfillment order, however often the inbox died.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE pack_state = "
                                                    "'queued' AND shopify_id IS NOT NULL")),
                              m_orders, 60000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), m_orders);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines")), 2 * m_orders);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> 'processed'")), 0);
  }

  // Kills while the outbox posts fulfillments (stations keep packing meanwhile): each posted exactly once.
  void fulfillments_killedWhilePosting_eachPostedOnce()
  {
    QVERIFY(m_hub);
    const int perKill = m_orders / (m_killsPerPhase + 1) + 1;
    for (int kill = 0; kill < m_killsPerPhase; ++kill) {
      packNext(perKill);
      if (!m_hub)
        QVERIFY(startHub());
      // Within the first posts: claims, posts in flight (the fake answers 80 ms late), outcomes written.
      QTest::qWait(static_cast<int>(m_random.bounded(100, 700)));
      QVERIFY(killHub());
    }
    packNext(m_orders);
    QVERIFY(startHub());
    QTRY_COMPARE_WITH_TIMEOUT(outboxDone(), m_orders, 90000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status <> 'done'")), 0);

    int doubled = 0;
    int lost = 0;
    for (qint64 order = kFirstOrder; order < kFirstOrder + m_orders; ++order) {
      const auto remote =
          m_fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(order));
      doubled += remote.fulfillmentIds.size() > 1 ? 1 : 0;
      lost += remote.fulfillmentIds.isEmpty() ? 1 : 0;
      QVERIFY2(remote.fulfillmentIds.size() == 1,
               qPrintable(QStringLiteral("order %1: %2 fulfillment(s)").arg(order).arg(remote.fulfillmentIds.size())));
      QCOMPARE(remote.status, QStringLiteral("CLOSED"));
    }
    QCOMPARE(m_fake.stats().fulfillmentCreates, m_orders);
    m_hub->sendSignal(SIGTERM);
    QVERIFY(m_hub->waitForExit(30000));
    QVERIFY2(!m_hub->crashed() && m_hub->exitCode() == 0, qPrintable(m_hub->output()));

    int lostWebhooks = 0;
    int redeliveries = 0;
    for (const int answers : std::as_const(m_answered200))
      redeliveries += answers - 1;
    for (auto it = m_answered200.cbegin(); it != m_answered200.cend(); ++it)
      lostWebhooks +=
          scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE webhook_id = 'crash-%1'").arg(it.key())) == 1
              ? 0
              : 1;
    const QJsonObject summary{
        {QStringLiteral("test"), QStringLiteral("hub_crash")},
        {QStringLiteral("kills"), m_kills},
        {QStringLiteral("hub_starts"), m_starts},
        {QStringLiteral("webhooks"), m_orders},
        {QStringLiteral("webhook_posts"), m_posts},
        {QStringLiteral("webhook_unanswered"), m_unanswered},
        {QStringLiteral("webhooks_lost"), lostWebhooks},
        {QStringLiteral("webhook_redeliveries_answered"), redeliveries},
        {QStringLiteral("fulfillments"), static_cast<int>(outboxDone())},
        {QStringLiteral("fulfillment_creates_applied"), m_fake.stats().fulfillmentCreates},
        {QStringLiteral("fulfillment_create_calls"), m_fake.stats().calls.value(QStringLiteral("FulfillmentCreate"))},
        {QStringLiteral("fulfillment_lookups"),
         m_fake.stats().calls.value(QStringLiteral("FulfillmentOrderFulfillments"))},
        {QStringLiteral("fulfillments_lost"), lost},
        {QStringLiteral("outbox_rows_interrupted"),
         scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND attempts > 1"))},
        {QStringLiteral("fulfillments_doubled"), doubled}};
    std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
  }
};

QTEST_GUILESS_MAIN(HubCrashTest)
#include "hub_crash_test.moc"
