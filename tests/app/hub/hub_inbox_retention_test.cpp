// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real packbench-hub keeps no second copy of a customer's data past hub.webhook_retention_days: a mapped webhook's
// stored body is blanked by the hub itself, the order keeps what packing needs, and a replay of the old delivery is
// still recognised as a duplicate. A printed label's bytes (the ship-to address) go past hub.label_retention_days.
#include "core/shopify/webhookinbox.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/programrun.h"
#include "tests/support/runningprogram.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("retention-secret");
const QString kShop = u"retention.myshopify.com"_s;
} // namespace

class HubInboxRetentionTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  QString bodyOf(const QSqlDatabase &db, const QString &webhookId)
  {
    return test::text(db, u"SELECT convert_from(body, 'UTF8') FROM webhook_inbox WHERE webhook_id = ?"_s, {webhookId});
  }

private Q_SLOTS:
  void mappedBodiesPastTheRetention_areBlankedByTheHub_andAReplayIsStillADuplicate()
  {
    auto scratch = test::createMigratedDatabase(u"retention"_s);
    VERIFY_OK(scratch);
    const QSqlDatabase db = scratch->db;
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addLocation(u"1"_s, u"Main Warehouse"_s);
    fake.addOrder(u"7101"_s, {1});
    fake.addOrder(u"7102"_s, {1});
    const quint16 port = test::freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PACKBENCH_SHOPIFY_WEBHOOK_SECRET"_s, QString::fromLatin1(kSecret));
    env.insert(u"PACKBENCH_SHOPIFY_ACCESS_TOKEN"_s, QString::fromLatin1(fake.accessToken()));
    QStringList args{u"serve"_s, u"--no-default-files"_s};
    args += test::postgresArgs(scratch->settings);
    for (const QString &setting :
         QStringList{u"hub.port=%1"_s.arg(port), u"shopify.shop="_s + kShop,
                     u"shopify.admin_base_url="_s + fake.adminBaseUrl().toString(), u"hub.webhook_retention_days=1"_s,
                     u"hub.label_retention_days=1"_s, u"log.file=-"_s})
      args += QStringList{u"--set"_s, setting};
    const QUrl webhooks(u"http://127.0.0.1:%1/webhooks/shopify"_s.arg(port));
    const QByteArray oldOrder = test::compact(test::restOrder(7101, QDateTime::currentDateTimeUtc().addDays(-2)));
    const QByteArray newOrder = test::compact(test::restOrder(7102, QDateTime::currentDateTimeUtc()));

    auto hub = std::make_unique<test::RunningProgram>(QStringLiteral(PACKBENCH_HUB_BINARY), args, m_dir.path(), env);
    QVERIFY(hub->waitForStarted());
    int status = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (status = fake.sendWebhook(webhooks, kSecret, u"orders/create"_s, oldOrder, u"r-old"_s, kShop)) == 200, 20000);
    QCOMPARE(fake.sendWebhook(webhooks, kSecret, u"orders/create"_s, newOrder, u"r-new"_s, kShop), 200);
    QTRY_COMPARE_WITH_TIMEOUT(test::scalar(db, u"SELECT count(*) FROM webhook_inbox WHERE status = 'processed'"_s), 2,
                              20000);
    QVERIFY(bodyOf(db, u"r-old"_s).contains(u"ada7101@example.com"_s)); // inside the retention: kept

    // Two days later (the delivery's arrival moved back), the hub starts again and blanks what is past a day.
    QVERIFY(test::scalar(db, u"WITH aged AS (UPDATE webhook_inbox SET received_at = now() - interval '2 days' WHERE "
                             "webhook_id = 'r-old' RETURNING 1) SELECT count(*) FROM aged"_s) == 1);
    // Two labels printed for the old order: one two days ago (past hub.label_retention_days), one today.
    const QString labelJob = u"INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, status, payload, "
                             "created_at) SELECT f.id, 'label', 'tcp://zebra:9100', 'zpl', 'done', '^XA^FDAda^FS^XZ', "
                             "now() - make_interval(days => ?) FROM fulfillment_orders f JOIN orders o ON o.id = "
                             "f.order_id WHERE o.shopify_id = '7101' RETURNING id"_s;
    const qint64 oldLabel = test::scalar(db, labelJob, {2});
    const qint64 newLabel = test::scalar(db, labelJob, {0});
    QVERIFY(oldLabel > 0 && newLabel > 0);
    hub->sendSignal(SIGTERM);
    QVERIFY(hub->waitForExit(20000));
    hub = std::make_unique<test::RunningProgram>(QStringLiteral(PACKBENCH_HUB_BINARY), args, m_dir.path(), env);
    QVERIFY(hub->waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(bodyOf(db, u"r-old"_s), QString::fromLatin1(shopify::webhookinbox::kExpiredBody), 20000);
    QVERIFY2(hub->waitForOutput(u"blanked the bodies of 1 settled webhooks older than 1 days"_s),
             qPrintable(hub->output()));
    QVERIFY(bodyOf(db, u"r-new"_s).contains(u"ada7102@example.com"_s));
    const QString payloadKept = u"SELECT count(*) FROM print_jobs WHERE id = ? AND payload IS NOT NULL"_s;
    QTRY_COMPARE_WITH_TIMEOUT(test::scalar(db, payloadKept, {oldLabel}), 0, 20000);
    QCOMPARE(test::scalar(db, payloadKept, {newLabel}), 1);
    QVERIFY2(hub->waitForOutput(u"blanked the bytes of 1 printed label jobs older than 1 days"_s),
             qPrintable(hub->output()));
    // The order itself keeps what packing and the slip need.
    QCOMPARE(test::text(db, u"SELECT coalesce(email, '') FROM orders WHERE shopify_id = '7101'"_s),
             u"ada7101@example.com"_s);

    // The old delivery replayed under a fresh id is answered and recognised: no second row, nothing mapped again.
    QCOMPARE(fake.sendWebhook(webhooks, kSecret, u"orders/create"_s, oldOrder, u"r-replay"_s, kShop), 200);
    QCOMPARE(test::scalar(db, u"SELECT count(*) FROM webhook_inbox"_s), 2);
    QCOMPARE(test::scalar(db, u"SELECT count(*) FROM orders"_s), 2);
    QVERIFY2(!hub->output().contains(u"ada7101"_s), "customer data must never reach the log");
  }
};

QTEST_GUILESS_MAIN(HubInboxRetentionTest)
#include "hub_inbox_retention_test.moc"
