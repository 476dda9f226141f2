// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15, "a label that needs the hub waits and prints when it can": a bench with carrier labels on (ZPL) logs in
// as a packbench_station member, the cluster closes its doors mid-order, the packer scans the rest and completes
// offline. Nothing is recorded and no label is asked for while the database is away; the packer is told to keep the
// box. Once it is back the journal lands, the station asks for the box's weight, the hub's carrier thread buys the
// label from the carrier fake, the station prints it on the raw port, and only then is the pack recorded, once.
#include "core/db/sql.h"
#include "core/hub/carrierlabelthread.h"
#include "core/queue/stationregistration.h"
#include "core/station/offlinejournal.h"
#include "core/station/stationcontroller.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/labelworld.h"
#include "tests/support/outagebench.h"
#include "tests/support/packfixture.h"
#include "tests/support/rawprinterport.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "ui/printing/journaledprinter.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

class OfflineLabelTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  SystemClock m_clock;
  test::OutageBench m_bench; // the station's login, queue, workflow and supervisor, on a cluster the test can close
  QSqlDatabase m_admin;
  std::unique_ptr<printing::JournaledPrinter> m_printer;
  std::unique_ptr<test::FakeCarrier> m_carrier;
  std::unique_ptr<hub::CarrierLabelThread> m_hub;
  test::RawPrinterPort m_labelPort; // the label printer's raw port
  const QString m_daypack = u"NW-T2D-001"_s;

  qint64 count(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_admin, sql, values); }

  static station::Notice lastPackNotice(const QSignalSpy &notices)
  {
    for (qsizetype i = notices.size() - 1; i >= 0; --i) {
      const auto notice = notices.at(i).first().value<station::Notice>();
      if (notice.where == station::Notice::Where::Pack && !notice.headline.isEmpty())
        return notice;
    }
    return {};
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_OK(m_bench.open(u"offlabel"_s, u"pbt_offl_"_s, u"offlabel-main"_s, u"RNO"_s, m_clock));
    m_admin = m_bench.admin;
    VERIFY_OK(test::addShipFrom(m_admin, *m_bench.locationId));
    VERIFY_OK(test::addServiceRule(m_admin, u"%"_s, test::FakeCarrier::upsCarrierId(), u"ups_ground"_s));
    printing::JournaledPrinter::Policy policy;
    policy.maxAttempts = 1;
    policy.timeouts.connectMs = 500;
    m_printer = std::make_unique<printing::JournaledPrinter>(m_bench.db, policy);
    QVERIFY(m_labelPort.isListening());
    m_carrier = std::make_unique<test::FakeCarrier>();
    QVERIFY(m_carrier->listen() > 0);
    // The hub's carrier thread on the administrator's connection: the cut-off closes the doors to new connections
    // and ends the station's, as a cluster gone away looks to a station.
    hub::CarrierLabelSettings hubSettings;
    hubSettings.database = m_bench.outage.settings();
    hubSettings.carrier = m_carrier->clientSettings(2000, 1, 5);
    hubSettings.worker.workerId = u"offline-label-hub"_s;
    hubSettings.pollMs = 300;
    m_hub = std::make_unique<hub::CarrierLabelThread>(hubSettings);
    m_hub->start();
  }

  void cleanupTestCase()
  {
    (void)m_bench.outage.bringBack();
    m_hub.reset();
    if (m_carrier)
      QVERIFY2(m_carrier->stats().contractErrors.isEmpty(),
               qPrintable(m_carrier->stats().contractErrors.join(u"\n"_s)));
    m_printer.reset();
    m_bench.close();
  }

  void completedOffline_theLabelIsBoughtAndPrintedOnceBack_thenThePackIsRecordedOnce()
  {
    auto fo = test::createClaimedOrder(m_admin, u"#OFFL1"_s, {{m_daypack, 3}});
    VERIFY_OK(fo);
    VERIFY_OK(db::exec(m_admin, u"UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"_s, {*fo}));
    VERIFY_OK(db::exec(m_admin,
                       u"UPDATE orders SET shipping_address = ?::jsonb, shipping_method = 'Standard' WHERE id = "
                       "(SELECT order_id FROM fulfillment_orders WHERE id = ?)"_s,
                       {QString::fromUtf8(QJsonDocument(test::testShipTo()).toJson(QJsonDocument::Compact)), *fo}));
    auto journal = station::OfflineJournal::open(m_dir.filePath(u"offline-label.sqlite"_s));
    VERIFY_OK(journal);
    station::StationSettings settings;
    settings.workflow = m_bench.workflow.get();
    settings.stationId = m_bench.stationId;
    settings.shopId = m_bench.shopId;
    settings.supervisor = m_bench.supervisor.get();
    settings.offlineJournal = journal->get();
    settings.printer = m_printer.get();
    settings.carrierLabelFormat = u"zpl"_s;
    settings.labelPrinter = m_labelPort.target();
    settings.labelPollInterval = 300ms;
    station::StationController controller(m_bench.db, m_clock, settings);
    QSignalSpy notices(&controller, &station::StationController::notice);
    QSignalSpy weights(&controller, &station::StationController::weightRequested);
    controller.refreshQueue();
    controller.signIn(u"PB-1001"_s, u"1001"_s);
    controller.takeOrder(*fo);
    QVERIFY(controller.order().has_value());
    const QString item = test::barcodeFor(m_admin, m_daypack);
    controller.handleScan(item);

    VERIFY_OK(m_bench.outage.cutOff());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isDatabaseAvailable(), 5000);
    controller.handleScan(item);
    controller.handleScan(item);
    controller.complete(); // F9, offline
    QTRY_COMPARE(lastPackNotice(notices).headline, u"Packed offline — will be sent when the database is back"_s);
    QCOMPARE(lastPackNotice(notices).hint, u"Order #OFFL1: its carrier label is bought and printed once the database "
                                           "is back. Keep the box on the bench."_s);
    QCOMPARE(weights.count(), 0); // nothing asked of the hub while the database is away
    QCOMPARE(count(u"SELECT count(*) FROM label_requests WHERE fulfillment_order_id = ?"_s, {*fo}), 0);
    QCOMPARE(count(u"SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"_s, {*fo}), 1);

    VERIFY_OK(m_bench.outage.bringBack());
    // The journal lands; the order stays at the bench until its label has printed, and the box is weighed first.
    QTRY_VERIFY_WITH_TIMEOUT(weights.count() > 0, 15000);
    QCOMPARE(count(u"SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'"_s, {*fo}), 3);
    QCOMPARE(count(u"SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"_s, {*fo}), 0);
    const int printedBefore = int(m_labelPort.jobs().size());
    controller.enterBoxWeight(1, 900);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_labelPort.jobs().size() > printedBefore && m_labelPort.jobs().last().trimmed().endsWith("^XZ"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        count(u"SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"_s, {*fo}), 1, 15000);
    const QString tracking =
        test::value(m_admin, u"SELECT tracking_number FROM packages WHERE fulfillment_order_id = ? AND box_no = 1"_s,
                    {*fo})
            .toString();
    QVERIFY(!tracking.isEmpty());
    QVERIFY(m_labelPort.jobs().last().contains(tracking.toLatin1()));
    QCOMPARE(
        count(u"SELECT count(*) FROM label_requests WHERE fulfillment_order_id = ? AND state = 'printed'"_s, {*fo}), 1);
    QCOMPARE(count(u"SELECT count(*) FROM outbox WHERE aggregate_id = ?"_s, {QString::number(*fo)}), 1);
    QCOMPARE(count(u"SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'"_s, {*fo}), 3);
    auto waiting = (*journal)->pendingCount();
    VERIFY_OK(waiting);
    QCOMPARE(*waiting, 0);
    QCOMPARE(m_carrier->stats().labelsBought, 1);
    controller.signOut();
  }
};

QTEST_MAIN(OfflineLabelTest)
#include "offline_label_test.moc"
