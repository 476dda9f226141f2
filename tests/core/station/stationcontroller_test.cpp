// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station with no window: StationController against a real database (SQLite here, PostgreSQL in
// stationcontroller_postgres_test), driven by scans as the scanner delivers them. Sign-in needs badge and
// PIN, every command on the printed sheet does what it says, the lease is kept alive and settled, a lead
// approves with badge and PIN, an outage refuses input and recovers, PB*REPRINT reprints the last label. On
// PostgreSQL the sign-in is the database's: it ends on sign-out, and an expired one sends the packer back to sign in.
#include "core/db/connectionstate.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/pinhash.h"
#include "core/queue/orderqueue.h"
#include "core/queue/stationregistration.h"
#include "core/station/offlinejournal.h"
#include "core/station/stationcontroller.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/queueworld.h"
#include "tests/support/rawprinterport.h"
#include "tests/support/testdatabase.h"
#include "tests/support/twindatabase.h"
#include "tests/support/verify.h"
#include "ui/printing/journaledprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pb;
using namespace std::chrono_literals;
using station::Screen;
using station::StationController;

class StationControllerTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_here;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_there;
  int m_orderNo = 0;
  const QString m_daypack = QStringLiteral("NW-T2D-001");

  std::unique_ptr<StationController> makeController(station::StationSettings settings = {}, QSqlDatabase db = {},
                                                    packing::PackWorkflow *workflow = nullptr)
  {
    settings.workflow = workflow ? workflow : m_here.get();
    settings.stationId = m_here->stationId();
    settings.locationCode = text(QStringLiteral("SELECT code FROM locations ORDER BY id LIMIT 1"));
    auto controller = std::make_unique<StationController>(db.isValid() ? db : m_db, m_clock, settings);
    controller->refreshQueue();
    return controller;
  }

  // The demo packers' PIN is their badge number.
  static void signIn(StationController &controller, const QString &badge)
  {
    controller.handleScan(badge);
    controller.signIn(badge, badge.mid(3));
  }

  qint64 queuedOrder(int daypacks = 2)
  {
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#C%1").arg(++m_orderNo), {{m_daypack, daypacks}});
    if (!fo)
      qFatal("createClaimedOrder: %s", qPrintable(fo.error().message));
    if (!db::exec(m_db,
                  QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued', priority = 9000 - ? "
                                 "WHERE id = ?"),
                  {m_orderNo, *fo}))
      qFatal("could not queue the order");
    return *fo;
  }

  QString text(const QString &sql, const QVariantList &values = {})
  {
    auto q = db::exec(m_db, sql, values);
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  QString packState(qint64 fo)
  {
    return text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
  }

  // What the banner of one screen says last (the queue's banner keeps its own text meanwhile).
  static station::Notice lastNotice(const QSignalSpy &notices, std::optional<station::Notice::Where> where = {})
  {
    for (qsizetype i = notices.size() - 1; i >= 0; --i) {
      const auto notice = notices.at(i).first().value<station::Notice>();
      if (!notice.headline.isEmpty() && (!where || notice.where == *where))
        return notice;
    }
    return {};
  }

  static QString lastHeadline(const QSignalSpy &notices, std::optional<station::Notice::Where> where = {})
  {
    return lastNotice(notices, where).headline;
  }

  // Any notice since `notices` began with this headline: its hint (nothing when none was said).
  static std::optional<QString> hintOf(const QSignalSpy &notices, const QString &headline)
  {
    for (const QList<QVariant> &said : notices)
      if (const auto notice = said.first().value<station::Notice>(); notice.headline == headline)
        return notice.hint;
    return std::nullopt;
  }

  // Whether any notice since `notices` began had a headline containing `part`.
  static bool saidSoFar(const QSignalSpy &notices, const QString &part)
  {
    return std::any_of(notices.cbegin(), notices.cend(), [&](const QList<QVariant> &said) {
      return said.first().value<station::Notice>().headline.contains(part);
    });
  }

  // A bench with PB-1001 signed in and order `fo` open on it.
  std::unique_ptr<StationController> benchWithOrderOpen(qint64 fo)
  {
    auto controller = makeController();
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    return controller;
  }

  // As if every open sign-in had gone unused past the idle limit (the database's clock, not the test's).
  void expireSignIns()
  {
    QVERIFY(db::execStatic(m_db, QStringLiteral("UPDATE sign_in_sessions SET last_used_at = now() - "
                                                "packbench_sign_in_idle_limit() - interval '1 minute' "
                                                "WHERE ended_at IS NULL"))
                .ok());
  }

  QString openSignIns(const QString &badge)
  {
    return text(QStringLiteral("SELECT count(*) FROM sign_in_sessions s JOIN packers p ON p.id = s.packer_id "
                               "WHERE p.badge_id = ? AND s.ended_at IS NULL"),
                {badge});
  }

  // The bench's own connection to the same database: closing it is the database gone away for the bench alone.
  QSqlDatabase benchConnection(const QString &name)
  {
    QSqlDatabase bench = QSqlDatabase::cloneDatabase(m_db, name);
    if (!bench.open())
      qFatal("cannot open %s", qPrintable(name));
    return bench;
  }

  // A bench packing offline on its own connection, with its workflow on that connection too (as app/station wires
  // it): the replay records the journal and finishes the order inside one transaction of that connection.
  struct OfflineBench {
    QSqlDatabase db;
    std::unique_ptr<station::OfflineJournal> journal;
    std::unique_ptr<queue::OrderQueue> queue;
    std::unique_ptr<packing::LeasedQueueWorkflow> workflow;
    std::unique_ptr<StationController> controller;
  };

  // Such a bench, named `name`, with PB-1001 signed in and order `fo` taken.
  OfflineBench offlineBench(const QString &name, qint64 fo, station::StationSettings settings = {})
  {
    OfflineBench made;
    made.db = benchConnection(name);
    auto journal = station::OfflineJournal::open(m_dir.filePath(name + QStringLiteral(".sqlite")));
    if (!journal)
      qFatal("journal: %s", qPrintable(journal.error().message));
    made.journal = std::move(journal).value();
    made.queue = std::make_unique<queue::OrderQueue>(made.db, m_clock, 120s);
    made.workflow = std::make_unique<packing::LeasedQueueWorkflow>(made.db, *made.queue, m_here->stationId());
    settings.offlineJournal = made.journal.get();
    made.controller = makeController(settings, made.db, made.workflow.get());
    signIn(*made.controller, QStringLiteral("PB-1001"));
    made.controller->takeOrder(fo);
    return made;
  }

  // An order of one daypack finished offline at a bench whose Zebra is off and whose slip printer is missing: both
  // prints have failed when it returns (null if they were not heard of).
  struct ZebraOffBench {
    std::unique_ptr<test::RawPrinterPort> printer;
    std::unique_ptr<printing::JournaledPrinter> labels;
    qint64 fo = 0;
    OfflineBench bench;
    std::unique_ptr<QSignalSpy> notices;
  };
  std::unique_ptr<ZebraOffBench> finishedOfflineWithTheZebraOff(const QString &name)
  {
    auto made = std::make_unique<ZebraOffBench>();
    made->printer = std::make_unique<test::RawPrinterPort>();
    made->printer->switchOff();
    made->labels = std::make_unique<printing::JournaledPrinter>(m_db, printing::JournaledPrinter::Policy{});
    station::StationSettings settings;
    settings.printer = made->labels.get();
    settings.autoPrint = true;
    settings.slipPrinter = QStringLiteral("no-such-printer");
    settings.labelPrinter = made->printer->target();
    made->fo = queuedOrder(1);
    made->bench = offlineBench(name, made->fo, settings);
    StationController &controller = *made->bench.controller;
    made->notices = std::make_unique<QSignalSpy>(&controller, &StationController::notice);
    cutOff(made->bench);
    controller.handleScan(test::barcodeFor(m_db, m_daypack));
    controller.complete();
    const bool heard = QTest::qWaitFor(
        [&]() { return saidSoFar(*made->notices, QStringLiteral("the slip and the label did not print")); });
    return heard ? std::move(made) : nullptr;
  }

  // The database back, the order finished offline recorded, and the Zebra switched on.
  bool backOnlineWithTheZebraOn(ZebraOffBench &zebraOff)
  {
    return bringBack(zebraOff.bench) && packState(zebraOff.fo) == QStringLiteral("packed") &&
           zebraOff.printer->switchOn();
  }

  // Opens the bench's connection again as the supervisor's Reconnector does: its prepared statements go first.
  static bool reopen(QSqlDatabase &bench)
  {
    Q_EMIT db::ConnectionEvents::of(bench)->aboutToReopen();
    return bench.open();
  }

  // The bench's connection closed, as a network blip closes it, and the supervisor's report of it.
  static void cutOff(OfflineBench &bench)
  {
    bench.db.close();
    bench.controller->databaseUnavailable();
  }

  // The connection back, as the supervisor's Reconnector brings it, and its report.
  static bool bringBack(OfflineBench &bench)
  {
    if (!reopen(bench.db))
      return false;
    bench.controller->databaseRestored();
    return true;
  }

  // A raw label printer's port on localhost: what it is sent lands in `received`.
  bool listenAsLabelPrinter(QTcpServer &printer, QByteArray *received)
  {
    connect(&printer, &QTcpServer::newConnection, this, [this, &printer, received]() {
      while (QTcpSocket *socket = printer.nextPendingConnection())
        connect(socket, &QTcpSocket::readyRead, this, [received, socket]() { *received += socket->readAll(); });
    });
    return printer.listen(QHostAddress::LocalHost, 0);
  }

  qint64 fulfillmentsQueued(qint64 fo)
  {
    return text(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND aggregate_id = ?"),
                {QString::number(fo)})
        .toLongLong();
  }

  int scanRows(qint64 fo)
  {
    return text(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}).toInt();
  }

  // A demo item with a barcode that is not the daypack: a wrong item for the daypack orders.
  QString otherSku()
  {
    return text(QStringLiteral("SELECT v.sku FROM variants v JOIN barcodes b ON b.variant_id = v.id "
                               "WHERE v.sku <> ? ORDER BY v.id LIMIT 1"),
                {m_daypack});
  }

  packing::Packer packer(const QString &badge)
  {
    auto found = packing::findPackerByBadge(m_db, badge);
    if (!found)
      qFatal("no packer %s", qPrintable(badge));
    return *found;
  }

  // Orders for the prefetch tests: the first is taken by hand, the rest come next in line (ahead of anything earlier
  // tests left queued), in the order given.
  // The first of two one-daypack orders open on the bench, the second claimed ahead: the database goes away and the
  // packer finishes both offline. firstName: the first's, whose box then stands on the bench beside the second's.
  void packBothOffline(OfflineBench &made, qint64 second, QString *firstName)
  {
    StationController &controller = *made.controller;
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    cutOff(made); // the database is gone for this bench
    const QString item = test::barcodeFor(m_db, m_daypack);
    *firstName = controller.session()->header().orderName;
    controller.handleScan(item);
    controller.complete();
    controller.takeNextOrder();
    QCOMPARE(controller.order()->fulfillmentOrderId, second);
    controller.handleScan(item);
    controller.complete();
  }

  // Offline, the first order changes after the packer finished it and moved on to the one claimed ahead: it is
  // cancelled at the hub, or its lease runs out, is reaped, and another bench takes it from the queue. When the
  // database is back nothing of the first is recorded (the lead has the journal's record, the other bench's claim
  // stands), the packer is told what to do with which box, and the second still lands.
  void firstOrderChangedOffline_isSetAside(bool takenByAnotherBench)
  {
    const QList<qint64> orders = ordersInLine({1, 1});
    const qint64 first = orders.at(0), second = orders.at(1);
    OfflineBench made =
        offlineBench(QStringLiteral("bench-prefetch-refused-%1").arg(takenByAnotherBench), first, prefetching());
    StationController &controller = *made.controller;
    QSignalSpy notices(&controller, &StationController::notice);
    QSignalSpy finished(&controller, &StationController::orderFinished);
    QString firstName;
    packBothOffline(made, second, &firstName);
    if (QTest::currentTestFailed())
      return;
    Result<packing::ClaimedOrder> there = makeError(ErrorKind::NotFound, QStringLiteral("not taken"));
    if (takenByAnotherBench) {
      VERIFY_OK(db::exec(m_db,
                         QStringLiteral("UPDATE claims SET expires_at = ? WHERE fulfillment_order_id = ? AND "
                                        "released_at IS NULL"),
                         {db::isoUtc(m_clock.nowUtc().addSecs(-60)), first}));
      auto reaped = m_queue->reapExpired();
      VERIFY_OK(reaped);
      QCOMPARE(*reaped, 1);
      there = m_there->take(first, packer(QStringLiteral("PB-1002")));
      VERIFY_OK(there);
    } else {
      VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"),
                         {first}));
    }

    QVERIFY(bringBack(made));
    QCOMPARE(packState(first), takenByAnotherBench ? QStringLiteral("claimed") : QStringLiteral("cancelled"));
    QCOMPARE(scanRows(first), 0);
    QCOMPARE(fulfillmentsQueued(first), 0);
    QCOMPARE(packState(second), QStringLiteral("packed"));
    QCOMPARE(fulfillmentsQueued(second), 1);
    QCOMPARE(finished.count(), 1);
    // Its box was closed offline and is off the bench: the packer is told which one and what becomes of it.
    const auto hint = takenByAnotherBench
                          ? hintOf(notices, QStringLiteral("An order packed offline was NOT recorded"))
                          : hintOf(notices, QStringLiteral("Offline scans NOT recorded — the order changed meanwhile"));
    QVERIFY2(hint, qPrintable(lastHeadline(notices)));
    QCOMPARE(*hint, takenByAnotherBench
                        ? QStringLiteral("Order %1 was taken back meanwhile (another bench or a lead has it): set its "
                                         "box aside for the lead")
                              .arg(firstName)
                        : QStringLiteral("Order %1 was cancelled meanwhile: its box does not ship. Unpack it and put "
                                         "the items back on the shelf")
                              .arg(firstName));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'offline_replay_refused' AND "
                                 "subject_id = ?"),
                  {QString::number(first)}),
             QStringLiteral("1"));
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0); // the first's events set aside for the lead, the second's replayed
    if (takenByAnotherBench) {
      VERIFY_OK(m_there->keepAlive(*there)); // the other bench still packs it
      VERIFY_OK(m_there->release(*there));
    }
    controller.signOut();
  }

  QList<qint64> ordersInLine(const QList<int> &daypacks)
  {
    QList<qint64> orders;
    for (const int count : daypacks)
      orders.append(queuedOrder(count));
    const qint64 top = text(QStringLiteral("SELECT max(priority) FROM fulfillment_orders")).toLongLong();
    for (qsizetype i = 1; i < orders.size(); ++i)
      if (!db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET priority = ? WHERE id = ?"),
                    {top + orders.size() - i, orders.at(i)}))
        qFatal("could not put the order in line");
    return orders;
  }

  static station::StationSettings prefetching(station::StationSettings settings = {})
  {
    settings.prefetch = true;
    return settings;
  }

  // F5 and choosing another warehouse are the packer acting too: the reason goes and the queue says what is next.
  void standingReason_goesWhenThePacker(bool otherWarehouse)
  {
    if (otherWarehouse && text(QStringLiteral("SELECT count(*) FROM locations")) == QStringLiteral("1"))
      VERIFY_OK(test::addLocation(m_db, text(QStringLiteral("SELECT shop_id FROM locations")).toLongLong()));
    const qint64 fo = queuedOrder(1);
    auto controller = benchWithOrderOpen(fo);
    QVERIFY(controller->session());
    QSignalSpy notices(controller.get(), &StationController::notice);
    const QString why =
        QStringLiteral("Order %1 changed — stop packing it").arg(controller->session()->header().orderName);
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?"), {fo}));
    controller->orderChanged(fo);
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), why);

    notices.clear();
    if (otherWarehouse) {
      QCOMPARE(controller->locations().size(), 2);
      controller->selectLocation(1 - controller->currentLocationIndex());
      const auto &waiting = controller->waitingOrders();
      QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue),
               waiting.isEmpty() ? QStringLiteral("All caught up — nothing to pack")
                                 : QStringLiteral("Ready · next: %1").arg(waiting.first().orderName));
    } else {
      controller->refreshQueueAsked();
      QVERIFY(lastHeadline(notices, station::Notice::Where::Queue).startsWith(QStringLiteral("Ready · next: ")));
    }
    controller->handleScan(test::barcodeFor(m_db, m_daypack));
    QCOMPARE(lastHeadline(notices), QStringLiteral("No order open"));
    controller->signOut();
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(test::kOnSqlite, m_dir.path(), QStringLiteral("controller"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    auto here = queue::registerStation(m_db, QStringLiteral("install-c1"), QStringLiteral("bench"), std::nullopt);
    auto there = queue::registerStation(m_db, QStringLiteral("install-c2"), QStringLiteral("bench"), std::nullopt);
    QVERIFY(here.ok() && there.ok());
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_here = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, *here);
    m_there = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, *there);
  }

  // Each test starts at an empty bench: a claim an earlier one left open would be resumed at its first sign-in.
  void init()
  {
    QVERIFY(db::exec(m_db,
                     QStringLiteral("UPDATE claims SET released_at = CURRENT_TIMESTAMP, release_reason = 'released' "
                                    "WHERE released_at IS NULL AND station_id = ?"),
                     {m_here->stationId()})
                .ok());
  }

  void badgeScan_onlySelects_andThePinSignsIn()
  {
    auto controller = makeController();
    QSignalSpy selected(controller.get(), &StationController::badgeSelected);
    QSignalSpy refused(controller.get(), &StationController::signInRefused);
    controller->handleScan(QStringLiteral("PB-1001"));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().first().toString(), QStringLiteral("PB-1001"));
    QVERIFY(!controller->packer());
    QCOMPARE(controller->screen(), Screen::SignIn);
    controller->signIn(QStringLiteral("PB-1001"), QStringLiteral("0000"));
    QCOMPARE(refused.size(), 1);
    QVERIFY(!refused.first().at(1).toString().isEmpty()); // the check's own reason is passed on
    QVERIFY(!controller->packer());
    controller->signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QVERIFY(controller->packer());
    QCOMPARE(controller->packer()->badgeId, QStringLiteral("PB-1001"));
    QCOMPARE(controller->screen(), Screen::Queue);
    // Another packer's badge at the queue locks the bench for them; it signs nobody in.
    controller->handleScan(QStringLiteral("PB-9001"));
    QCOMPARE(controller->screen(), Screen::SignIn);
    QVERIFY(controller->isLocked());
    QCOMPARE(controller->packer()->badgeId, QStringLiteral("PB-1001"));
    controller->takeNextOrder();
    QVERIFY(!controller->session());
  }

  // A scanner set to a US keyboard on a German desktop sends ß for '-': the refusal says what to look at (the pack
  // screen's unknown-barcode banner says it too: packview_test).
  void scanWithCharactersNoBarcodeHas_pointsAtTheScannersLayout()
  {
    auto controller = makeController();
    QSignalSpy signInAsked(controller.get(), &StationController::signInRequired);
    controller->handleScan(QStringLiteral("PBß1001"));
    QVERIFY(!signInAsked.isEmpty());
    QVERIFY2(signInAsked.last().first().toString().contains(QStringLiteral("scanning.scanner_layout")),
             qPrintable(signInAsked.last().first().toString()));
    QCOMPARE(controller->layoutHint(QStringLiteral("999999999993")), QString()); // ASCII: no word about layouts
    QVERIFY(controller->layoutHint(QStringLiteral("NWßT2Dß001")).startsWith(QStringLiteral("It came with ß,")));
  }

  void everyCommandOnTheSheet_runsFromTheOneTable()
  {
    const qint64 fo = queuedOrder(2);
    auto controller = makeController();
    QSignalSpy notices(controller.get(), &StationController::notice);
    QSignalSpy manual(controller.get(), &StationController::manualEntryRequested);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->handleScan(QStringLiteral("PB*COMPLETE")); // nothing open: said so, nothing done
    QCOMPARE(lastHeadline(notices), QStringLiteral("No order open"));
    controller->takeOrder(fo); // Enter on it in the queue
    QVERIFY(controller->session());
    QCOMPARE(controller->session()->header().fulfillmentOrderId, fo);
    QCOMPARE(controller->screen(), Screen::Pack);
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller->handleScan(QStringLiteral("PB*NEXTBOX"));
    QVERIFY(lastHeadline(notices).contains(QStringLiteral("still empty")));
    controller->handleScan(item);
    controller->handleScan(QStringLiteral("PB*NEXTBOX"));
    QCOMPARE(controller->session()->boxNo(), 2);
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QVERIFY(lastHeadline(notices).contains(QStringLiteral("Not complete")));
    controller->handleScan(QStringLiteral("PB*MANUAL"));
    QCOMPARE(manual.size(), 1);
    controller->handleScan(QStringLiteral("PB-4242")); // a badge with no approval asked for is not an item
    QCOMPARE(lastHeadline(notices), QStringLiteral("That barcode is not an item"));
    controller->handleScan(QStringLiteral("999999999993")); // unknown: blocks until acknowledged
    QCOMPARE(controller->session()->state(), packing::PackSession::State::Blocked);
    controller->handleScan(QStringLiteral("PB*ACK"));
    QCOMPARE(controller->session()->state(), packing::PackSession::State::Packing);
    controller->handleScan(item);
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(controller->session()->state(), packing::PackSession::State::Completed);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(controller->lastFinishedOrder(), fo);
    controller->handleScan(QStringLiteral("PB*SIGNOUT"));
    QCOMPARE(controller->screen(), Screen::SignIn);
    QVERIFY(!controller->packer());
    QVERIFY(!controller->session());
  }

  void holdFromTheScanner_isRecordedWithItsReason()
  {
    const qint64 fo = queuedOrder(1);
    auto controller = makeController();
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    QVERIFY(controller->session());
    controller->handleScan(QStringLiteral("PB*HOLD:DAMAGED"));
    QCOMPARE(packState(fo), QStringLiteral("held"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                 "raw_code = 'PB*HOLD' AND reason = 'DAMAGED'"),
                  {fo}),
             QStringLiteral("1"));
    controller->signOut();
  }

  // The hub's notice of an edit takes the order off the bench: the queue screen keeps saying why until the packer
  // acts. A queue refresh (another order's NOTIFY, the 30 s poll) does not cover it with "Ready"; an item scanned
  // into the emptied box says it again; PB*ACK (or F8, F5, Enter) gives the queue its own words back.
  void orderTakenOffTheBench_itsReasonStandsUntilThePackerActs()
  {
    const qint64 fo = queuedOrder(2);
    auto controller = benchWithOrderOpen(fo);
    QVERIFY(controller->session());
    QSignalSpy notices(controller.get(), &StationController::notice);
    const QString name = controller->session()->header().orderName;
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller->handleScan(item);
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?"), {fo}));
    controller->orderChanged(fo);
    QVERIFY(!controller->session());
    const QString why = QStringLiteral("Order %1 changed — stop packing it").arg(name);
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), why);

    controller->refreshQueue(); // the order's own release notifies every bench
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), why);
    const auto &waiting = controller->waitingOrders(); // the list itself is new: the order waits again
    QVERIFY(std::any_of(waiting.cbegin(), waiting.cend(),
                        [fo](const queue::WaitingOrder &order) { return order.fulfillmentOrderId == fo; }));
    notices.clear();
    controller->handleScan(item);
    QCOMPARE(lastNotice(notices).headline, why);
    QCOMPARE(lastNotice(notices).cue, station::Cue::Unknown);

    controller->handleScan(QStringLiteral("PB*ACK"));
    QVERIFY(lastHeadline(notices, station::Notice::Where::Queue).startsWith(QStringLiteral("Ready · next: ")));
    notices.clear();
    controller->refreshQueue();
    QVERIFY(lastHeadline(notices, station::Notice::Where::Queue).startsWith(QStringLiteral("Ready · next: ")));
    controller->handleScan(item);
    QCOMPARE(lastHeadline(notices), QStringLiteral("No order open"));
    controller->signOut();
  }

  void standingReason_goesOnF5() { standingReason_goesWhenThePacker(false); }

  void standingReason_goesOnAnotherWarehouse() { standingReason_goesWhenThePacker(true); }

  // The queue list is a moment old when the packer picks from it: the order was cancelled, packed or taken meanwhile,
  // or the database does not answer. The bench says which (it used to say "Another station has this order" for all).
  void takeOrder_listedButChangedMeanwhile_saysWhatBecameOfIt()
  {
    const qint64 cancelled = queuedOrder(1);
    const qint64 packed = queuedOrder(1);
    const qint64 waiting = queuedOrder(1);
    QSqlDatabase bench = benchConnection(QStringLiteral("bench-stale-list"));
    queue::OrderQueue benchQueue(bench, m_clock,
                                 120s); // the bench claims on its own connection, as app/station wires it
    packing::LeasedQueueWorkflow benchWorkflow(bench, benchQueue, m_here->stationId());
    auto controller = makeController({}, bench, &benchWorkflow);
    QSignalSpy notices(controller.get(), &StationController::notice);
    signIn(*controller, QStringLiteral("PB-1001"));
    const auto listed = [&](qint64 fo) {
      const auto &orders = controller->waitingOrders();
      return std::any_of(orders.cbegin(), orders.cend(),
                         [fo](const queue::WaitingOrder &o) { return o.fulfillmentOrderId == fo; });
    };
    QVERIFY(listed(cancelled) && listed(packed) && listed(waiting));
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"),
                       {cancelled}));
    controller->takeOrder(cancelled);
    QVERIFY(!controller->session());
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), QStringLiteral("This order was cancelled."));
    QVERIFY(!listed(cancelled)); // the list is read again
    QVERIFY(listed(packed));

    VERIFY_OK(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {packed}));
    controller->takeOrder(packed);
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), QStringLiteral("This order is already packed."));

#ifdef PACKBENCH_TEST_POSTGRES // the embedded database does not go away
    bench.close();             // the database goes away for this bench as the packer presses Enter, then F8
    controller->takeOrder(waiting);
    QVERIFY(!controller->session());
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), QStringLiteral("The database did not answer"));
    notices.clear();
    controller->takeNextOrder();
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), QStringLiteral("The database did not answer"));
    QVERIFY(bench.open());
#endif
    controller->takeOrder(waiting);
    QVERIFY(controller->session());
    controller->signOut();
  }

  // Cancelled under the bench before it heard: the hold is refused (the order is not put on the hold shelf for a lead
  // who would never see it), nothing of it is kept, and the packer is told to stop packing it.
  void holdOfAnOrderCancelledUnderTheBench_isRefused_andNothingOfItIsKept()
  {
    const qint64 fo = queuedOrder(1);
    auto controller = benchWithOrderOpen(fo);
    QVERIFY(controller->session());
    QSignalSpy notices(controller.get(), &StationController::notice);
    const QString name = controller->session()->header().orderName;
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo})
                .ok());
    controller->handleScan(QStringLiteral("PB*HOLD:DAMAGED"));
    QTRY_VERIFY(!controller->session());
    // Said as cancelled, not only as a refused hold: the items go back to the shelf, not to the lead's hold shelf.
    const station::Notice told = lastNotice(notices, station::Notice::Where::Queue);
    QCOMPARE(told.headline, QStringLiteral("Order %1 was cancelled — NOT put on hold").arg(name));
    QCOMPARE(told.hint, QStringLiteral("Put its items back on the shelf: it does not ship"));
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'hold' AND subject_id = ?"),
                  {QString::number(fo)}),
             QStringLiteral("0"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND "
                                 "release_reason = 'held'"),
                  {fo}),
             QStringLiteral("0"));
    controller->signOut();
  }

  void lease_isKeptAlive_andReleasedOnSignOut()
  {
    const qint64 fo = queuedOrder(2);
    station::StationSettings settings;
    settings.keepAliveInterval = 20ms;
    auto controller = makeController(settings);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    QVERIFY(controller->session());
    const QString claimSql =
        QStringLiteral("SELECT expires_at FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL");
    const QString leased = text(claimSql, {fo});
    QVERIFY(!leased.isEmpty());
    m_clock.advanceMs(10'000);
    QTRY_VERIFY(text(claimSql, {fo}) != leased);
    QSignalSpy signInRequired(controller.get(), &StationController::signInRequired);
    controller->signOut();
    QCOMPARE(text(claimSql, {fo}), QString());
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QVERIFY(signInRequired.first().first().toString().contains(QStringLiteral("put its items back")));
  }

  void leadTakeOver_needsBadgeAndPin()
  {
    const qint64 fo = queuedOrder(1);
    auto there = m_there->take(fo, packer(QStringLiteral("PB-1002")));
    QVERIFY(there.ok());
    auto controller = makeController();
    QSignalSpy asked(controller.get(), &StationController::leadApprovalRequested);
    QSignalSpy leadBadge(controller.get(), &StationController::leadBadgeScanned);
    QSignalSpy refused(controller.get(), &StationController::leadApprovalRefused);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->refreshQueue();
    controller->takeOrder(fo);
    QCOMPARE(asked.size(), 1);
    QVERIFY(controller->awaitsLeadApproval());
    controller->handleScan(QStringLiteral("PB-9001")); // goes to the approval, not to a sign-in
    QCOMPARE(leadBadge.size(), 1);
    QCOMPARE(controller->packer()->badgeId, QStringLiteral("PB-1001"));
    controller->approveAsLead(QStringLiteral("PB-9001"), QString());              // a badge alone approves nothing
    controller->approveAsLead(QStringLiteral("PB-1002"), QStringLiteral("1002")); // a packer cannot
    QCOMPARE(refused.size(), 2);
    QVERIFY(!controller->session());
    controller->approveAsLead(QStringLiteral("PB-9001"), QStringLiteral("9001"));
    QVERIFY(!controller->awaitsLeadApproval());
    QVERIFY(controller->session());
    QCOMPARE(controller->session()->header().fulfillmentOrderId, fo);
    QVERIFY(!m_there->keepAlive(*there).ok());
    controller->signOut();
  }

  void outage_refusesScans_andRecoversTheOrder()
  {
    const qint64 fo = queuedOrder(2);
    auto controller = makeController();
    QSignalSpy notices(controller.get(), &StationController::notice);
    QSignalSpy availability(controller.get(), &StationController::databaseAvailabilityChanged);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    QVERIFY(controller->session());
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller->handleScan(item);
    controller->databaseUnavailable();
    QVERIFY(!controller->isDatabaseAvailable());
    QCOMPARE(availability.last().first().toBool(), false);
    controller->handleScan(item); // refused outright: not counted, said so
    QVERIFY(lastHeadline(notices).contains(QStringLiteral("NOT COUNTED")));
    QCOMPARE(controller->session()->verifiedTotal(), 1);
    controller->databaseRestored();
    QCOMPARE(availability.last().first().toBool(), true);
    QVERIFY(controller->session());
    QCOMPARE(controller->session()->header().fulfillmentOrderId, fo);
    QCOMPARE(controller->session()->verifiedTotal(), 1); // reloaded from scan_events
    QVERIFY(lastHeadline(notices, station::Notice::Where::Pack).contains(QStringLiteral("Database back")));
    controller->signOut();
  }

  void reprint_printsTheLastLabelAgain_asANewJournaledJob()
  {
    QTcpServer printer; // the label printer's raw port
    QByteArray received;
    QVERIFY(listenAsLabelPrinter(printer, &received));
    const QString target = QStringLiteral("tcp://127.0.0.1:%1").arg(printer.serverPort());
    printing::JournaledPrinter labels(m_db, {});
    station::StationSettings settings;
    settings.printer = &labels;
    settings.autoPrint = true;
    settings.slipPrinter = QStringLiteral("no-such-printer"); // a slip that fails: reprint still prints the label
    settings.labelPrinter = target;
    const qint64 fo = queuedOrder(1);
    auto controller = makeController(settings);
    QSignalSpy notices(controller.get(), &StationController::notice);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->handleScan(QStringLiteral("PB*REPRINT")); // nothing finished yet at this bench
    QCOMPARE(lastHeadline(notices), QStringLiteral("Nothing to reprint"));
    controller->takeOrder(fo);
    controller->handleScan(test::barcodeFor(m_db, m_daypack));
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QTRY_COMPARE(
        text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label'"), {fo}),
        QStringLiteral("1"));
    QTRY_VERIFY(received.count("^XA") == 1);
    QTRY_VERIFY(lastHeadline(notices).contains(QStringLiteral("slip did not print")));
    controller->handleScan(QStringLiteral("PB*REPRINT"));
    QVERIFY(lastHeadline(notices).startsWith(QStringLiteral("Reprinting")));
    QTRY_COMPARE(
        text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label' "
                            "AND status = 'done'"),
             {fo}),
        QStringLiteral("2"));
    QTRY_VERIFY(received.count("^XA") == 2);
    // Which part is still missing is said (it used to read "Not reprinted: slip" with the label on paper).
    QTRY_COMPARE(lastHeadline(notices), QStringLiteral("Reprinted: label — but not the slip"));
    controller->takeNextOrder(); // the next order: REPRINT still means the last finished one
    controller->handleScan(QStringLiteral("PB*REPRINT"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ?"), {fo}),
             QStringLiteral("6")); // slip and label, twice reprinted
    QTRY_VERIFY(received.count("^XA") == 3);

    // The label's bytes cleared (hub.label_retention_days, a customer's redaction): REPRINT says why, not that the
    // printer refused it, and the printer gets nothing.
    QVERIFY(db::exec(m_db,
                     QStringLiteral("UPDATE print_jobs SET payload = NULL WHERE fulfillment_order_id = ? AND kind = "
                                    "'label'"),
                     {fo})
                .ok());
    controller->handleScan(QStringLiteral("PB*REPRINT"));
    QTRY_VERIFY(lastHeadline(notices).startsWith(QStringLiteral("Not reprinted:")));
    QTRY_VERIFY2(lastNotice(notices).hint.contains(QStringLiteral("its label is no longer kept")),
                 qPrintable(lastNotice(notices).hint));
    QTest::qWait(100);
    QCOMPARE(received.count("^XA"), 3);
    controller->signOut();
  }

  void printJobsList_leadMovesAFailedLabel_andReprintsIt_withBadgeAndPin()
  {
    QTcpServer spare; // the label printer the lead sends the job to
    QVERIFY(spare.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&spare, &QTcpServer::newConnection, this, [&]() {
      while (QTcpSocket *socket = spare.nextPendingConnection())
        connect(socket, &QTcpSocket::readyRead, this, [&received, socket]() { received += socket->readAll(); });
    });
    QTcpServer probe; // a port nobody listens on: the bench's label printer is off
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString dead = QStringLiteral("tcp://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    const QString spareTarget = QStringLiteral("tcp://127.0.0.1:%1").arg(spare.serverPort());
    printing::JournaledPrinter printer(m_db, {1, 0, {}}); // one attempt: the lead decides what happens next
    station::StationSettings settings;
    settings.printer = &printer;
    settings.autoPrint = true;
    settings.slipPrinter = QStringLiteral("no-such-printer");
    settings.labelPrinter = dead;
    const qint64 fo = queuedOrder(1);
    auto controller = makeController(settings);
    QSignalSpy notices(controller.get(), &StationController::notice);
    QSignalSpy asked(controller.get(), &StationController::leadApprovalRequested);
    QSignalSpy refused(controller.get(), &StationController::leadApprovalRefused);
    QSignalSpy changed(controller.get(), &StationController::printJobsChanged);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    controller->handleScan(test::barcodeFor(m_db, m_daypack));
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QTRY_VERIFY(lastHeadline(notices).contains(QStringLiteral("the slip and the label did not print")));
    QVERIFY(!changed.isEmpty());

    auto jobs = controller->recentPrintJobs();
    QVERIFY2(jobs.ok(), qPrintable(jobs.ok() ? QString() : jobs.error().message));
    QVERIFY(jobs->size() >= 2);
    const documents::PrintJobSummary label = jobs->at(0); // newest first: the label came after the slip
    QCOMPARE(label.kind, documents::PrintKind::Label);
    QCOMPARE(label.fulfillmentOrderId, fo);
    QCOMPARE(label.orderName, text(QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON "
                                                  "o.id = f.order_id WHERE f.id = ?"),
                                   {fo}));
    QCOMPARE(label.status, documents::PrintStatus::Failed);
    QVERIFY(!label.lastError.isEmpty());
    QCOMPARE(jobs->at(1).kind, documents::PrintKind::Slip);
    QVERIFY(!controller->printersFor(label).contains(dead)); // not where it already failed

    controller->requestMove(label.id, spareTarget);
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.last().first().toString().contains(spareTarget));
    QVERIFY(controller->awaitsLeadApproval());
    controller->approveAsLead(QStringLiteral("PB-1002"), QStringLiteral("1002")); // a packer cannot
    QCOMPARE(refused.size(), 1);
    QCOMPARE(text(QStringLiteral("SELECT status FROM print_jobs WHERE id = ?"), {label.id}), QStringLiteral("failed"));
    controller->approveAsLead(QStringLiteral("PB-9001"), QStringLiteral("9001"));
    QVERIFY(!controller->awaitsLeadApproval());
    QTRY_VERIFY(received.count("^XA") == 1);
    QCOMPARE(text(QStringLiteral("SELECT status FROM print_jobs WHERE id = ?"), {label.id}), QStringLiteral("moved"));
    const qint64 moved =
        text(QStringLiteral("SELECT moved_to_job_id FROM print_jobs WHERE id = ?"), {label.id}).toLongLong();
    QTRY_COMPARE(text(QStringLiteral("SELECT status FROM print_jobs WHERE id = ?"), {moved}), QStringLiteral("done"));
    QCOMPARE(text(QStringLiteral("SELECT printer FROM print_jobs WHERE id = ?"), {moved}), spareTarget);

    controller->requestReprint(moved); // a job that printed: a new job, same bytes, same printer
    QCOMPARE(asked.size(), 2);
    controller->cancelLeadApproval();
    QVERIFY(!controller->awaitsLeadApproval());
    controller->requestReprint(moved);
    controller->approveAsLead(QStringLiteral("PB-9001"), QStringLiteral("9001"));
    QTRY_VERIFY(received.count("^XA") == 2);
    QCOMPARE(received.count("^XA"), 2); // the cancelled request printed nothing
    auto after = controller->recentPrintJobs();
    QVERIFY(after.ok());
    QCOMPARE(after->at(0).printer, spareTarget);
    QTRY_COMPARE(controller->recentPrintJobs()->at(0).status, documents::PrintStatus::Done);

    // Its bytes cleared (the hub's retention, a customer's redaction): refused at once, no lead asked to approve it.
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE print_jobs SET payload = NULL WHERE id = ?"), {moved}).ok());
    controller->requestReprint(moved);
    QCOMPARE(lastHeadline(notices), QStringLiteral("Print job %1 cannot be reprinted").arg(moved));
    controller->requestMove(moved, spareTarget);
    QCOMPARE(asked.size(), 3);
    QCOMPARE(lastHeadline(notices), QStringLiteral("Print job %1 cannot be moved").arg(moved));
    QVERIFY2(lastNotice(notices).hint.contains(QStringLiteral("its label is no longer kept")),
             qPrintable(lastNotice(notices).hint));
    QCOMPARE(received.count("^XA"), 2);
    controller->signOut();
  }

  // Offline packing (issue #15): the controller's own connection to the database is closed, as a network blip
  // closes it; the packer goes on against the held order's snapshot, and once the connection is back the journal
  // lands in scan_events exactly once, through the same station functions.
  void offline_scansAreJournaled_andReplayedExactlyOnce()
  {
    const qint64 fo = queuedOrder(3);
    auto journal = station::OfflineJournal::open(m_dir.filePath(QStringLiteral("offline-replay.sqlite")));
    VERIFY_OK(journal);
    QSqlDatabase bench = benchConnection(QStringLiteral("bench-replay"));
    station::StationSettings settings;
    settings.offlineJournal = journal.value().get();
    auto controller = makeController(settings, bench);
    QSignalSpy notices(controller.get(), &StationController::notice);
    QSignalSpy status(controller.get(), &StationController::statusMessage);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    QVERIFY(controller->session());
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller->handleScan(item); // online: recorded at once
    QCOMPARE(scanRows(fo), 1);
    auto held = journal.value()->heldOrder();
    VERIFY_OK(held);
    QVERIFY(held->has_value());
    QCOMPARE((*held)->order.header.fulfillmentOrderId, fo);
    QCOMPARE((*held)->order.lines.first().expected, 3);

    bench.close(); // the database is gone for this bench
    controller->databaseUnavailable();
    QVERIFY(!controller->isDatabaseAvailable());
    QVERIFY(controller->session()->isOffline());
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Database), QStringLiteral("Offline — 0 event(s) waiting"));
    controller->handleScan(item);
    QCOMPARE(controller->session()->verifiedTotal(), 2);
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Database), QStringLiteral("Offline — 1 event(s) waiting"));
    QCOMPARE(status.last().first().toString(), QStringLiteral("Offline — 1 event(s) waiting"));
    // Refused exactly as online: a wrong item and one too many block until acknowledged, and count nothing.
    controller->handleScan(test::barcodeFor(m_db, otherSku()));
    QCOMPARE(controller->session()->state(), packing::PackSession::State::Blocked);
    QCOMPARE(controller->session()->pendingError()->outcome, packing::Outcome::WrongItem);
    controller->handleScan(QStringLiteral("PB*ACK"));
    controller->handleScan(QStringLiteral("PB*NEXTBOX")); // the last item goes in a second box
    QCOMPARE(controller->session()->boxNo(), 2);
    controller->handleScan(item);
    QCOMPARE(controller->session()->verifiedTotal(), 3);
    controller->handleScan(item);
    QCOMPARE(controller->session()->pendingError()->outcome, packing::Outcome::OverScan);
    controller->handleScan(QStringLiteral("PB*ACK"));
    QSignalSpy manualAsked(controller.get(), &StationController::manualEntryRequested);
    controller->handleScan(QStringLiteral("PB*MANUAL")); // a typed quantity is asked for offline too
    QCOMPARE(manualAsked.count(), 1);
    controller->handleScan(QStringLiteral("PB*REPRINT")); // a reprint waits for the database
    QVERIFY(lastHeadline(notices, station::Notice::Where::Pack).contains(QStringLiteral("needs the database")));
    QCOMPARE(controller->session()->state(), packing::PackSession::State::Packing);
    QCOMPARE(scanRows(fo), 1); // nothing reached the database meanwhile
    auto waiting = journal.value()->pending();
    VERIFY_OK(waiting);
    QCOMPARE(waiting->size(), 9); // ok, wrong, ack, box 1, box 2, next box, ok, over, ack
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Database), QStringLiteral("Offline — 9 event(s) waiting"));

    // The first offline scan landed after all (its answer lost with the connection): the replay must not double it.
    const station::JournalEvent &first = waiting->first();
    VERIFY_OK(packing::replayJournaledEvent(m_db, first.id, first.kind, first.payload,
                                            controller->packer()->signInToken, m_clock.nowUtc()));
    QCOMPARE(scanRows(fo), 2);

    QVERIFY(bench.open());
    controller->databaseRestored();
    QVERIFY(controller->isDatabaseAvailable());
    QVERIFY(controller->session());
    QVERIFY(!controller->session()->isOffline());
    QCOMPARE(controller->session()->verifiedTotal(), 3); // reloaded from scan_events
    QCOMPARE(controller->session()->boxNo(), 2);
    QCOMPARE(scanRows(fo), 8); // one online, seven journaled scans, each once
    QCOMPARE(
        text(QStringLiteral("SELECT count(DISTINCT client_event_id) FROM scan_events WHERE fulfillment_order_id = ?"),
             {fo}),
        QStringLiteral("8"));
    QCOMPARE(text(QStringLiteral("SELECT sum(quantity) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                 "outcome = 'ok'"),
                  {fo}),
             QStringLiteral("3"));
    for (const station::JournalEvent &event : *waiting)
      if (event.kind == packing::kJournalScan)
        QCOMPARE(text(QStringLiteral("SELECT count(*) FROM scan_events WHERE client_event_id = ?"),
                      {event.id.toString(QUuid::WithoutBraces)}),
                 QStringLiteral("1"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ?"), {fo}),
             QStringLiteral("2"));
    auto left = journal.value()->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller->databaseRestored(); // a second "back" replays nothing twice
    QCOMPARE(scanRows(fo), 8);
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    controller->signOut();
  }

  // The order was cancelled while the bench packed offline: none of the journal is recorded, the packer is told,
  // the lead finds an audit record, and the journal keeps the events.
  void offline_replayRefused_whenTheOrderWasCancelled_keepsTheJournal()
  {
    const qint64 fo = queuedOrder(3);
    const QString path = m_dir.filePath(QStringLiteral("offline-refused.sqlite"));
    auto journal = station::OfflineJournal::open(path);
    VERIFY_OK(journal);
    QSqlDatabase bench = benchConnection(QStringLiteral("bench-refused"));
    station::StationSettings settings;
    settings.offlineJournal = journal.value().get();
    auto controller = makeController(settings, bench);
    QSignalSpy notices(controller.get(), &StationController::notice);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller->handleScan(item);
    bench.close();
    controller->databaseUnavailable();
    controller->handleScan(item);
    controller->handleScan(item);
    QCOMPARE(controller->session()->verifiedTotal(), 3);
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo})
                .ok());

    const QString name = controller->session()->header().orderName;
    QVERIFY(bench.open());
    controller->databaseRestored();
    QVERIFY(!controller->session());
    QCOMPARE(controller->screen(), Screen::Queue);
    // The queue's "Ready" follows once the queue is refreshed. Cancelled: the items go back; the lead has the scans.
    const auto hint = hintOf(notices, QStringLiteral("Order %1 was cancelled — stop packing it").arg(name));
    QVERIFY2(hint, qPrintable(lastHeadline(notices)));
    QCOMPARE(*hint, QStringLiteral("Put its items back on the shelf: it does not ship. 2 scan(s) made offline are "
                                   "kept for the lead."));
    QCOMPARE(scanRows(fo), 1); // only the scan made online
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL"),
                  {fo}),
             QStringLiteral("0"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'offline_replay_refused' AND "
                                 "subject_id = ?"),
                  {QString::number(fo)}),
             QStringLiteral("1"));
    QVERIFY(text(QStringLiteral("SELECT details FROM audit_log WHERE action = 'offline_replay_refused' AND "
                                "subject_id = ?"),
                 {QString::number(fo)})
                .contains(QStringLiteral("cancelled")));
    auto left = journal.value()->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0); // not replayed again …
    auto kept = db::exec(QSqlDatabase::database(QStringLiteral("offline-journal:%1").arg(path)),
                         QStringLiteral("SELECT count(*) FROM events WHERE set_aside_at IS NOT NULL"));
    VERIFY_OK(kept);
    QVERIFY(kept.value().next());
    QCOMPARE(kept.value().value(0).toInt(), 2); // … but kept for the lead
    controller->signOut();
  }

  // The station stopped while offline: its next run replays what this claim left in the journal when the order is
  // opened again at the bench, and sets aside what another claim left (it can neither land nor refuse this one).
  void offline_journalLeftByAStoppedStation_landsWhenTheOrderIsOpenedAgain()
  {
    const qint64 fo = queuedOrder(3);
    const QString path = m_dir.filePath(QStringLiteral("offline-restart.sqlite"));
    auto journal = station::OfflineJournal::open(path);
    VERIFY_OK(journal);
    QSqlDatabase bench = benchConnection(QStringLiteral("bench-restart"));
    station::StationSettings settings;
    settings.offlineJournal = journal.value().get();
    const QString item = test::barcodeFor(m_db, m_daypack);
    qint64 claim = 0;
    {
      auto first = makeController(settings, bench);
      signIn(*first, QStringLiteral("PB-1001"));
      first->takeOrder(fo);
      QVERIFY(first->order() && first->order()->claimId);
      claim = *first->order()->claimId;
      bench.close();
      first->databaseUnavailable();
      first->handleScan(item);
      first->handleScan(item);
    } // the station stops here, offline
    VERIFY_OK(journal.value()->append(QUuid::createUuid(), packing::kJournalScan,
                                      {{QStringLiteral("claim"), claim + 1000}, {QStringLiteral("fo"), fo}},
                                      m_clock.nowUtc()));
    QCOMPARE(scanRows(fo), 0);

    QVERIFY(bench.open());
    auto next = makeController(settings, bench);
    signIn(*next, QStringLiteral("PB-1001"));
    next->takeOrder(fo); // this station holds it: the same claim resumes
    QVERIFY(next->session());
    QCOMPARE(*next->order()->claimId, claim);
    QCOMPARE(scanRows(fo), 2);
    QCOMPARE(next->session()->verifiedTotal(), 2);
    auto left = journal.value()->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    auto aside = db::exec(QSqlDatabase::database(QStringLiteral("offline-journal:%1").arg(path)),
                          QStringLiteral("SELECT count(*) FROM events WHERE set_aside_at IS NOT NULL"));
    VERIFY_OK(aside);
    QVERIFY(aside.value().next());
    QCOMPARE(aside.value().value(0).toInt(), 1);
    next->signOut();
  }

  // Issue #15: a station killed mid-order (no sign-out, no release) opens that order again at the next sign-in, under
  // the same claim and with its scans; F8 would otherwise take another order and strand the box on the bench.
  void restartedStation_resumesItsOpenOrder_atSignIn()
  {
    const qint64 fo = queuedOrder(3);
    const QString item = test::barcodeFor(m_db, m_daypack);
    qint64 claim = 0;
    {
      auto first = makeController();
      signIn(*first, QStringLiteral("PB-1001"));
      first->takeOrder(fo);
      QVERIFY(first->order() && first->order()->claimId);
      claim = *first->order()->claimId;
      first->handleScan(item);
      QCOMPARE(first->session()->verifiedTotal(), 1);
    } // the station dies here
    auto next = makeController();
    QSignalSpy notices(next.get(), &StationController::notice);
    signIn(*next, QStringLiteral("PB-1001"));
    QCOMPARE(next->screen(), Screen::Pack);
    QVERIFY(next->session() && next->order());
    QCOMPARE(next->order()->fulfillmentOrderId, fo);
    QCOMPARE(*next->order()->claimId, claim);
    QCOMPARE(next->session()->verifiedTotal(), 1);
    QVERIFY(lastHeadline(notices, station::Notice::Where::Pack).contains(QStringLiteral("resumed")));
    next->handleScan(item);
    next->handleScan(item);
    next->complete();
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND claim_id = ? AND "
                                 "outcome = 'ok'"),
                  {fo, claim}),
             QStringLiteral("3")); // one attempt: the scan before the restart and the two after
    next->signOut();
    QCOMPARE(next->lastFinishedOrder(), 0);
    signIn(*next, QStringLiteral("PB-1001")); // nothing held any more: the queue
    QCOMPARE(next->screen(), Screen::Queue);
    QCOMPARE(next->lastFinishedOrder(), fo); // the packer's own order a moment ago: REPRINT prints it again
    next->signOut();
    signIn(*next, QStringLiteral("PB-1002")); // another packer's REPRINT has nothing (its label printed, if any)
    QCOMPARE(next->lastFinishedOrder(), 0);
    next->signOut();
  }

  // Finishing offline: the same F9/PB*COMPLETE and the same refusal as online; the completion waits in the journal
  // and lands with the scans in the replay's one transaction, through the same finish, so the fulfillment is queued
  // exactly once; meanwhile the bench says so and takes no new order.
  void offline_completion_landsWithItsScans_fulfillmentQueuedOnce()
  {
    const qint64 fo = queuedOrder(2);
    OfflineBench made = offlineBench(QStringLiteral("bench-finish"), fo);
    StationController &controller = *made.controller;
    QSignalSpy notices(&controller, &StationController::notice);
    QSignalSpy finished(&controller, &StationController::orderFinished);
    QVERIFY(controller.session());
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    cutOff(made); // the database is gone for this bench
    QVERIFY(controller.isPackingOffline());

    controller.handleScan(QStringLiteral("PB*COMPLETE")); // refused as online: an item is missing
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Pack),
             QStringLiteral("Not complete: 1 item(s) still to scan"));
    QCOMPARE(controller.session()->state(), packing::PackSession::State::Packing);
    controller.handleScan(item);
    controller.complete(); // F9
    QCOMPARE(controller.session()->state(), packing::PackSession::State::Completed);
    QTRY_COMPARE(lastHeadline(notices, station::Notice::Where::Pack),
                 QStringLiteral("Packed offline — will be sent when the database is back"));
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Database), QStringLiteral("Offline — 4 event(s) waiting"));
    QCOMPARE(finished.count(), 0);
    auto waiting = made.journal->pending();
    VERIFY_OK(waiting);
    QCOMPARE(waiting->last().kind, packing::kJournalComplete);
    controller.takeNextOrder(); // F8: no new claim while the database is away
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Pack),
             QStringLiteral("The next order waits for the database"));
    QCOMPARE(controller.order()->fulfillmentOrderId, fo);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(fulfillmentsQueued(fo), 0);
    QCOMPARE(scanRows(fo), 1);

    QVERIFY(bringBack(made));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(fulfillmentsQueued(fo), 1);
    QCOMPARE(text(QStringLiteral("SELECT sum(quantity) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                 "outcome = 'ok'"),
                  {fo}),
             QStringLiteral("2"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(controller.lastFinishedOrder(), fo);
    QVERIFY(lastHeadline(notices, station::Notice::Where::Pack).contains(QStringLiteral("COMPLETE — recorded")));
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller.databaseRestored(); // a second "back" lands nothing twice
    QCOMPARE(fulfillmentsQueued(fo), 1);
    QCOMPARE(finished.count(), 1);
    controller.signOut();
  }

  // station.prefetch: once an order is open the next one is claimed for this bench (its snapshot in the journal);
  // F8 opens it under that very claim and the next is claimed ahead again; signing out gives back what was not packed.
  void prefetch_claimsTheNextOrderAhead_F8OpensIt_signOutGivesItBack()
  {
    const QList<qint64> orders = ordersInLine({1, 1, 1});
    const qint64 first = orders.at(0), second = orders.at(1), third = orders.at(2);
    OfflineBench made = offlineBench(QStringLiteral("bench-prefetch"), first, prefetching());
    StationController &controller = *made.controller;
    QSignalSpy status(&controller, &StationController::statusMessage);
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    const QString orderName = QStringLiteral("SELECT o.name FROM orders o JOIN fulfillment_orders f ON f.order_id = "
                                             "o.id WHERE f.id = ?");
    QCOMPARE(status.last().first().toString(),
             QStringLiteral("Next order %1 is kept for this bench").arg(text(orderName, {second})));
    QCOMPARE(packState(second), QStringLiteral("claimed"));
    auto kept = made.journal->heldOrder(station::OfflineJournal::Slot::Prefetched);
    VERIFY_OK(kept);
    QVERIFY(kept->has_value());
    QCOMPARE((*kept)->order.header.fulfillmentOrderId, second);
    QCOMPARE((*kept)->slip.fulfillmentOrderId, second); // its slip prints offline too
    const qint64 claim = *controller.prefetchedOrder()->claimId;

    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    controller.complete(); // F9
    QCOMPARE(packState(first), QStringLiteral("packed"));
    controller.takeNextOrder(); // F8
    QCOMPARE(controller.order()->fulfillmentOrderId, second);
    QCOMPARE(*controller.order()->claimId, claim); // the same claim: nothing went back to the queue in between
    QCOMPARE(controller.screen(), Screen::Pack);
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, third);
    QCOMPARE(status.last().first().toString(),
             QStringLiteral("Next order %1 is kept for this bench").arg(text(orderName, {third})));

    controller.signOut(); // nothing of either was scanned: both go back to the queue at once
    QCOMPARE(status.last().first().toString(), QString()); // the status line no longer names an order kept
    QCOMPARE(packState(second), QStringLiteral("queued"));
    QCOMPARE(packState(third), QStringLiteral("queued"));
    kept = made.journal->heldOrder(station::OfflineJournal::Slot::Prefetched);
    VERIFY_OK(kept);
    QVERIFY(!kept->has_value());
  }

  // The offline test of issue #15 without the window: the database goes away mid-order, the packer finishes it and
  // then packs the order claimed ahead from its snapshot; once it is back both land, each fulfillment queued once,
  // and the journal is empty.
  void offline_prefetchedOrder_isPackedOffline_andBothLandOnce()
  {
    const QList<qint64> orders = ordersInLine({2, 2});
    const qint64 first = orders.at(0), second = orders.at(1);
    OfflineBench made = offlineBench(QStringLiteral("bench-prefetch-offline"), first, prefetching());
    StationController &controller = *made.controller;
    QSignalSpy notices(&controller, &StationController::notice);
    QSignalSpy finished(&controller, &StationController::orderFinished);
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    cutOff(made); // the database is gone for this bench
    QVERIFY(controller.isPackingOffline());
    controller.handleScan(item);
    controller.complete(); // F9: finished offline
    QCOMPARE(controller.session()->state(), packing::PackSession::State::Completed);

    controller.takeNextOrder(); // F8: the order claimed ahead, packed offline from its snapshot
    QCOMPARE(controller.order()->fulfillmentOrderId, second);
    QCOMPARE(controller.screen(), Screen::Pack);
    QVERIFY(controller.isPackingOffline());
    QCOMPARE(controller.session()->expectedTotal(), 2);
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Pack),
             QStringLiteral("Offline — next order #C%1").arg(m_orderNo));
    controller.handleScan(item);
    controller.handleScan(test::barcodeFor(m_db, otherSku())); // refused offline as online
    QCOMPARE(controller.session()->pendingError()->outcome, packing::Outcome::WrongItem);
    controller.handleScan(QStringLiteral("PB*ACK"));
    controller.handleScan(item);
    controller.complete();
    QCOMPARE(controller.session()->state(), packing::PackSession::State::Completed);
    controller.takeNextOrder(); // nothing more kept ahead: the next waits for the database
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Pack),
             QStringLiteral("The next order waits for the database"));
    QCOMPARE(packState(first), QStringLiteral("claimed"));
    QCOMPARE(packState(second), QStringLiteral("claimed"));
    QCOMPARE(scanRows(second), 0);
    QCOMPARE(finished.count(), 0);

    QVERIFY(bringBack(made));
    QCOMPARE(packState(first), QStringLiteral("packed"));
    QCOMPARE(packState(second), QStringLiteral("packed"));
    QCOMPARE(fulfillmentsQueued(first), 1);
    QCOMPARE(fulfillmentsQueued(second), 1);
    for (const qint64 fo : {first, second})
      QCOMPARE(text(QStringLiteral("SELECT sum(quantity) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                   "outcome = 'ok'"),
                    {fo}),
               QStringLiteral("2"));
    QCOMPARE(finished.count(), 2);
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller.databaseRestored(); // a second "back" lands nothing twice
    QCOMPARE(fulfillmentsQueued(first), 1);
    QCOMPARE(fulfillmentsQueued(second), 1);
    QCOMPARE(finished.count(), 2);
    controller.signOut();
  }

  // The database goes away between orders: nothing is open at the bench, but the next order was kept for it, so the
  // station says F8 opens it (not "reconnecting") and it is packed offline and lands when the database is back.
  void offline_betweenOrders_F8OpensTheOneClaimedAhead()
  {
    const QList<qint64> orders = ordersInLine({1, 1});
    const qint64 first = orders.at(0), second = orders.at(1);
    OfflineBench made = offlineBench(QStringLiteral("bench-prefetch-between"), first, prefetching());
    StationController &controller = *made.controller;
    QSignalSpy notices(&controller, &StationController::notice);
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    controller.complete(); // online
    QCOMPARE(packState(first), QStringLiteral("packed"));
    cutOff(made); // the database is gone for this bench
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Database),
             QStringLiteral("Offline — press F8 for the next order"));
    QVERIFY(controller.canPackOffline()); // the window keeps its pages enabled
    QVERIFY(!controller.isPackingOffline());
    controller.takeNextOrder();
    QCOMPARE(controller.order()->fulfillmentOrderId, second);
    QVERIFY(controller.isPackingOffline());
    controller.handleScan(item);
    controller.complete();
    QVERIFY(bringBack(made));
    QCOMPARE(packState(second), QStringLiteral("packed"));
    QCOMPARE(fulfillmentsQueued(second), 1);
    controller.signOut();
  }

  void offline_firstOrderCancelledMeanwhile_itsBoxIsSetAside_theOneClaimedAheadStillLands()
  {
    firstOrderChangedOffline_isSetAside(false);
  }

  void offline_firstOrdersLeaseRanOutAndAnotherBenchTookIt_itsBoxIsSetAside_theOneClaimedAheadStillLands()
  {
    firstOrderChangedOffline_isSetAside(true);
  }

  // The hub changes the order claimed ahead: it goes back to the queue as it is and another is claimed ahead; a
  // bench left locked past station.idle_release_minutes gives back the one it kept.
  void prefetch_changedOrLockedBench_givesTheOrderBack()
  {
    const QList<qint64> orders = ordersInLine({1, 1, 1});
    const qint64 first = orders.at(0), second = orders.at(1), third = orders.at(2);
    station::StationSettings settings = prefetching();
    settings.idleRelease = 0ms;
    OfflineBench made = offlineBench(QStringLiteral("bench-prefetch-changed"), first, settings);
    StationController &controller = *made.controller;
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    const qint64 staleClaim = *controller.prefetchedOrder()->claimId;
    controller.orderChanged(second);
    QCOMPARE(packState(second), QStringLiteral("queued"));
    // Claimed ahead again, still first in line, under a new claim and with the changed order's snapshot.
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    QVERIFY(*controller.prefetchedOrder()->claimId != staleClaim);
    controller.lock();
    QTRY_VERIFY(!controller.prefetchedOrder().has_value());
    QCOMPARE(packState(second), QStringLiteral("queued"));
    QCOMPARE(packState(third), QStringLiteral("queued"));
    controller.signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    controller.signOut();
  }

  // The packer chooses another warehouse: the order claimed ahead at the first goes back to its queue at once (its
  // items are on the first warehouse's shelves), and F8 opens the chosen warehouse's next order.
  void prefetch_anotherWarehouse_givesTheOrderBack()
  {
    if (text(QStringLiteral("SELECT count(*) FROM locations")) == QStringLiteral("1"))
      VERIFY_OK(test::addLocation(m_db, text(QStringLiteral("SELECT shop_id FROM locations")).toLongLong()));
    const QList<qint64> orders = ordersInLine({1, 1});
    const qint64 first = orders.at(0), second = orders.at(1);
    OfflineBench made = offlineBench(QStringLiteral("bench-prefetch-warehouse"), first, prefetching());
    StationController &controller = *made.controller;
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    controller.selectLocation(1 - controller.currentLocationIndex());
    QVERIFY(!controller.prefetchedOrder().has_value());
    QCOMPARE(packState(second), QStringLiteral("queued"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL"),
                  {second}),
             QStringLiteral("0"));
    controller.signOut();
  }

  // The order claimed ahead lost its lease meanwhile (reaped after an outage, or a lead gave it to another bench): F8
  // lets it go and takes the next order in line as usual, with no error for the packer.
  void prefetch_leaseLost_F8TakesTheNextOrderInstead()
  {
    const QList<qint64> orders = ordersInLine({1, 1, 1});
    const qint64 first = orders.at(0), second = orders.at(1), third = orders.at(2);
    OfflineBench made = offlineBench(QStringLiteral("bench-prefetch-lost"), first, prefetching());
    StationController &controller = *made.controller;
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    const qint64 lostClaim = *controller.prefetchedOrder()->claimId;
    // Another bench has it now: its claim ended, a new one is open elsewhere.
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("UPDATE claims SET released_at = ?, release_reason = 'expired' WHERE id = ?"),
                       {QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), lostClaim}));
    controller.handleScan(test::barcodeFor(m_db, m_daypack));
    controller.complete(); // F9
    QCOMPARE(packState(first), QStringLiteral("packed"));
    QSignalSpy notices(&controller, &StationController::notice);
    controller.takeNextOrder(); // F8
    QVERIFY(controller.order().has_value());
    QVERIFY(*controller.order()->claimId != lostClaim);
    QVERIFY(controller.order()->fulfillmentOrderId == second || controller.order()->fulfillmentOrderId == third);
    QCOMPARE(controller.screen(), Screen::Pack);
    for (const QList<QVariant> &signal : std::as_const(notices)) {
      const auto notice = signal.first().value<station::Notice>();
      QVERIFY2(notice.tone != station::Tone::Error, qPrintable(notice.headline));
    }
    auto kept = made.journal->heldOrder(station::OfflineJournal::Slot::Prefetched);
    VERIFY_OK(kept);
    QVERIFY(!kept->has_value() || (*kept)->claimId != lostClaim); // the lost claim's snapshot is gone
    controller.signOut();
  }

  // F10 where there can be no end of day (no printer, or the embedded database): the packer is told so, no lead is
  // asked for, and nothing is requested.
  void endOfDay_withoutPrinterOrCentralDatabase_saysSo_andAsksNoLead()
  {
    auto controller = makeController();
    signIn(*controller, QStringLiteral("PB-1001"));
    QCOMPARE(controller->screen(), Screen::Queue);
    QSignalSpy notices(controller.get(), &StationController::notice);
    controller->requestEndOfDay();
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Queue), QStringLiteral("No end of day at this station"));
    QCOMPARE(lastNotice(notices).hint, QStringLiteral("Carrier manifests need the central database and a printer"));
    QVERIFY(!controller->awaitsLeadApproval());
    QVERIFY(!controller->awaitsEndOfDay());
    controller->signOut();
  }

  // A station killed with an order on the bench and one claimed ahead: at the next sign-in the order on the bench
  // is resumed with its scans (the older claim), and the one claimed ahead is this bench's again under its claim.
  void restartedStation_resumesTheOrderOnTheBench_andTheOneClaimedAhead()
  {
    const QList<qint64> orders = ordersInLine({3, 1});
    const qint64 first = orders.at(0), second = orders.at(1);
    const station::StationSettings settings = prefetching();
    qint64 claimAhead = 0;
    const QString item = test::barcodeFor(m_db, m_daypack);
    {
      OfflineBench made = offlineBench(QStringLiteral("bench-prefetch-crash"), first, settings);
      QTRY_VERIFY(made.controller->prefetchedOrder().has_value());
      claimAhead = *made.controller->prefetchedOrder()->claimId;
      made.controller->handleScan(item);
    } // the station dies here
    OfflineBench again = offlineBench(QStringLiteral("bench-prefetch-crash-2"), first, settings);
    StationController &controller = *again.controller;
    QCOMPARE(controller.order()->fulfillmentOrderId, first);
    QCOMPARE(controller.session()->verifiedTotal(), 1);
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    QCOMPARE(controller.prefetchedOrder()->fulfillmentOrderId, second);
    QCOMPARE(*controller.prefetchedOrder()->claimId, claimAhead);
    controller.signOut();
  }

  // F4 offline: the hold is journaled after the scans; the order claimed ahead can be packed meanwhile; when the
  // database is back the scans land and the order is on hold with its reason, in one transaction.
  void offline_hold_landsWithItsScans_andTheOrderIsHeld()
  {
    const QList<qint64> orders = ordersInLine({2, 1});
    const qint64 first = orders.at(0), second = orders.at(1);
    OfflineBench made = offlineBench(QStringLiteral("bench-hold"), first, prefetching());
    StationController &controller = *made.controller;
    QSignalSpy notices(&controller, &StationController::notice);
    QTRY_VERIFY(controller.prefetchedOrder().has_value());
    cutOff(made); // the database is gone for this bench
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    QCOMPARE(controller.hold(QStringLiteral("box crushed")).outcome, packing::Outcome::HoldRequested);
    QTRY_COMPARE(lastHeadline(notices, station::Notice::Where::Pack),
                 QStringLiteral("On hold offline — recorded when the database is back"));
    QCOMPARE(packState(first), QStringLiteral("claimed"));
    controller.takeNextOrder(); // the order claimed ahead
    QCOMPARE(controller.order()->fulfillmentOrderId, second);
    controller.handleScan(item);
    controller.complete();

    QVERIFY(bringBack(made));
    QCOMPARE(packState(first), QStringLiteral("held"));
    QCOMPARE(text(QStringLiteral("SELECT hold_reason FROM fulfillment_orders WHERE id = ?"), {first}),
             QStringLiteral("box crushed"));
    QCOMPARE(scanRows(first), 2); // the scan and the PB*HOLD
    QCOMPARE(fulfillmentsQueued(first), 0);
    QCOMPARE(packState(second), QStringLiteral("packed"));
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller.signOut();
  }

  // F10 offline: the partial shipment is journaled with its reason and recorded as one when the database is back:
  // one fulfillment of what is in the box, marked partial.
  void offline_partialShipment_landsAsPartial()
  {
    const qint64 fo = queuedOrder(2);
    OfflineBench made = offlineBench(QStringLiteral("bench-partial"), fo);
    StationController &controller = *made.controller;
    QSignalSpy finished(&controller, &StationController::orderFinished);
    cutOff(made); // the database is gone for this bench
    controller.handleScan(test::barcodeFor(m_db, m_daypack));
    QCOMPARE(controller.completePartial(QStringLiteral("one is damaged")).outcome, packing::Outcome::Completed);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(fulfillmentsQueued(fo), 0);

    QVERIFY(bringBack(made));
    QCOMPARE(fulfillmentsQueued(fo), 1);
    const QJsonObject sent = QJsonDocument::fromJson(text(QStringLiteral("SELECT CAST(payload AS text) FROM outbox "
                                                                         "WHERE kind = 'fulfillment.create' AND "
                                                                         "aggregate_id = ?"),
                                                          {QString::number(fo)})
                                                         .toUtf8())
                                 .object();
    QCOMPARE(sent.value(QStringLiteral("partial")).toBool(), true);
    const QJsonArray lines = sent.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("quantity")).toInt(), 1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(1).toBool(), true); // partial
    QCOMPARE(text(QStringLiteral(
                      "SELECT reason FROM scan_events WHERE fulfillment_order_id = ? AND raw_code = 'PB*PARTIAL'"),
                  {fo}),
             QStringLiteral("one is damaged"));
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller.signOut();
  }

  // An outage longer than the lease: the reaper gives the order back to the queue meanwhile. Nobody claims it, so when
  // the database is back the bench's renewal revives its own claim and the journal lands under it, nothing set aside.
  void offline_outageLongerThanTheLease_revivesTheClaim_andTheJournalLands()
  {
    const qint64 fo = queuedOrder(3);
    OfflineBench made = offlineBench(QStringLiteral("bench-long-outage"), fo);
    StationController &controller = *made.controller;
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    const qint64 claim = controller.session()->context().claimId.value_or(0);
    QVERIFY(claim > 0);
    cutOff(made); // the database is gone for this bench
    controller.handleScan(item);
    m_clock.advanceMs(180'000);           // three minutes: past the two-minute lease
    auto reaped = m_queue->reapExpired(); // as the hub does, on its own connection
    VERIFY_OK(reaped);
    QVERIFY(*reaped >= 1);
    QCOMPARE(packState(fo), QStringLiteral("queued"));

    QVERIFY(bringBack(made));
    QVERIFY(controller.session());
    QVERIFY(!controller.session()->isOffline());
    QCOMPARE(controller.session()->context().claimId.value_or(0), claim); // the same claim, not a new attempt
    QCOMPARE(controller.session()->verifiedTotal(), 2);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND claim_id = ? AND "
                                 "outcome = 'ok'"),
                  {fo, claim}),
             QStringLiteral("2"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'lease_revived' AND subject_id = ?"),
                  {QString::number(fo)}),
             QStringLiteral("1"));
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller.handleScan(item);
    controller.handleScan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(fulfillmentsQueued(fo), 1);
    controller.signOut();
  }

  // A typed quantity offline: a lead who approved at this bench online approves again against the bench's copy of
  // their PIN (and, on PostgreSQL, spends one of the offline approvals the database issued then); a wrong PIN or a
  // badge the bench has not seen approve is refused; once back, both counts land with the lead as approver.
  void offline_manualCount_isApprovedAgainstTheBenchsCopyOfTheLead()
  {
    const qint64 fo = queuedOrder(3);
    OfflineBench made = offlineBench(QStringLiteral("bench-manual"), fo);
    StationController &controller = *made.controller;
    const QString lead = QStringLiteral("PB-9001");
    const qint64 leadId = packer(lead).id;
    QCOMPARE(controller.enterManual(0, 1, QStringLiteral("barcode torn"), lead, QStringLiteral("9001")).outcome,
             packing::Outcome::Counted); // online: the database checks the PIN
    QCOMPARE(scanRows(fo), 1);

    cutOff(made); // the database is gone for this bench
    QSignalSpy notices(&controller, &StationController::notice);
    QSignalSpy manualAsked(&controller, &StationController::manualEntryRequested);
    controller.handleScan(QStringLiteral("PB*MANUAL"));
    QCOMPARE(manualAsked.count(), 1);
    const auto wrongPin = controller.enterManual(0, 1, QStringLiteral("label smudged"), lead, QStringLiteral("1234"));
    QCOMPARE(wrongPin.outcome, packing::Outcome::Refused);
    QVERIFY(wrongPin.approvalRefused);
    const auto notALead = controller.enterManual(0, 1, QStringLiteral("label smudged"), QStringLiteral("PB-1001"),
                                                 QStringLiteral("1001"));
    QCOMPARE(notALead.outcome, packing::Outcome::Refused);
    QVERIFY2(notALead.detail.contains(QStringLiteral("approved at this bench")), qPrintable(notALead.detail));
    QCOMPARE(lastHeadline(notices, station::Notice::Where::Pack),
             QStringLiteral("Not approved: a lead's badge and PIN are needed"));
    QCOMPARE(controller.session()->verifiedTotal(), 1);
    const auto approved = controller.enterManual(0, 1, QStringLiteral("label smudged"), lead, QStringLiteral("9001"));
    QCOMPARE(approved.outcome, packing::Outcome::Counted);
    QCOMPARE(controller.session()->verifiedTotal(), 2);
    QCOMPARE(scanRows(fo), 1); // journaled, not recorded yet

    QVERIFY(bringBack(made));
    QVERIFY(!controller.session()->isOffline());
    QCOMPARE(controller.session()->verifiedTotal(), 2);
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = "
                                 "'manual' AND approved_by = ?"),
                  {fo, leadId}),
             QStringLiteral("2"));
    QCOMPARE(text(QStringLiteral("SELECT reason FROM scan_events WHERE fulfillment_order_id = ? AND outcome = "
                                 "'manual' ORDER BY id DESC LIMIT 1"),
                  {fo}),
             QStringLiteral("label smudged"));
#ifdef PACKBENCH_TEST_POSTGRES
    // The database issued the bench ten approvals for the lead, one was spent by the replay, and the lead has a record.
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM lead_approvals WHERE offline AND lead_id = ? AND used_at IS NOT "
                                 "NULL"),
                  {leadId}),
             QStringLiteral("1"));
    QCOMPARE(
        text(QStringLiteral("SELECT count(*) FROM lead_approvals WHERE offline AND lead_id = ? AND used_at IS NULL "
                            "AND expires_at > now()"),
             {leadId}),
        QStringLiteral("9"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'approval.offline_used' AND "
                                 "subject_id = ?"),
                  {QString::number(leadId)}),
             QStringLiteral("1"));
#endif
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    controller.signOut();
  }

  // Printing offline: the house label goes to the label printer at once from the snapshot, a slip that cannot print
  // fails as online; neither has a print journal to go to, so both jobs are journaled, as they went, once it is back.
  void offline_houseLabel_printsAtOnce_andBothJobsAreJournaledWhenBack()
  {
    QTcpServer printer; // the label printer's raw port
    QByteArray received;
    QVERIFY(listenAsLabelPrinter(printer, &received));
    printing::JournaledPrinter labels(m_db, {});
    station::StationSettings settings;
    settings.printer = &labels;
    settings.autoPrint = true;
    settings.slipPrinter = QStringLiteral("no-such-printer");
    settings.labelPrinter = QStringLiteral("tcp://127.0.0.1:%1").arg(printer.serverPort());
    const qint64 fo = queuedOrder(2);
    OfflineBench made = offlineBench(QStringLiteral("bench-label"), fo, settings);
    StationController &controller = *made.controller;
    cutOff(made); // the database is gone for this bench
    controller.handleScan(test::barcodeFor(m_db, m_daypack));
    controller.handleScan(QStringLiteral("PB*NEXTBOX"));
    controller.handleScan(test::barcodeFor(m_db, m_daypack));
    controller.complete();
    // A house label for each box, built from the snapshot's slip data.
    QTRY_VERIFY(received.contains("^FDBOX 1 OF 2^FS") && received.contains("^FDBOX 2 OF 2^FS"));
    const QString orderName = controller.session()->header().orderName;
    QVERIFY(received.contains(orderName.toUtf8()));
    const QString jobs = QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = ? "
                                        "AND status = ? AND reference LIKE '%offline=%'");
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ?"), {fo}),
             QStringLiteral("0"));

    QVERIFY(bringBack(made));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QTRY_COMPARE(text(jobs, {fo, QStringLiteral("label"), QStringLiteral("done")}), QStringLiteral("2"));
    QTRY_COMPARE(text(jobs, {fo, QStringLiteral("slip"), QStringLiteral("failed")}), QStringLiteral("1"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ?"), {fo}),
             QStringLiteral("3"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND reference LIKE "
                                 "'house-label:fulfillment_order=' || CAST(? AS text) || ';box=2;offline=%'"),
                  {fo, fo}),
             QStringLiteral("1"));
    controller.signOut();
  }

  // The label printer off while an order is finished offline: its house label does not print, and REPRINT, which
  // used to be refused offline ("This needs the database") while the warning told the packer to scan it, prints the
  // missing label from the bench's copy of the order once the printer is back on. Both jobs land in the print journal
  // with the replay; after it, nothing is missing and REPRINT (online) prints the slip and the label again.
  void offline_labelPrinterOff_REPRINTPrintsTheMissingLabelOffline_andBothJobsLand()
  {
    auto zebraOff = finishedOfflineWithTheZebraOff(QStringLiteral("bench-reprint"));
    QVERIFY(zebraOff);
    auto &[printer, labels, fo, made, notices] = *zebraOff;
    StationController &controller = *made.controller;
    const QString orderName = controller.session()->header().orderName;

    QVERIFY(printer->switchOn());
    controller.handleScan(QStringLiteral("PB*REPRINT"));
    QTRY_COMPARE(printer->jobs().size(), 1);
    QTRY_VERIFY(printer->jobs().first().contains("^FDBOX 1 OF 1^FS"));
    QVERIFY(printer->jobs().first().contains(orderName.toUtf8()));
    QTRY_COMPARE(lastHeadline(*notices), QStringLiteral("Reprinted: label — but not the slip"));
    QVERIFY(controller.session()->isOffline()); // still offline: printed from the bench's copy

    QVERIFY(bringBack(made));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    const QString labelJobs =
        QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind "
                       "= 'label' AND status = ? AND reference LIKE "
                       "'house-label:fulfillment_order=' || CAST(? AS text) || ';box=1;offline=%'");
    QTRY_COMPARE(text(labelJobs, {fo, QStringLiteral("failed"), fo}), QStringLiteral("1"));
    QTRY_COMPARE(text(labelJobs, {fo, QStringLiteral("done"), fo}), QStringLiteral("1"));
    controller.handleScan(QStringLiteral("PB*REPRINT")); // online now: the journal's newest slip and label
    QTRY_COMPARE(printer->jobs().size(), 2);
    // Signing in again recalls the order: its label is on paper (the offline reprint), so nothing is said missing
    // (the failed offline job and its reprint used to count as two labels, one never printed).
    controller.signOut();
    signIn(controller, QStringLiteral("PB-1001"));
    QVERIFY(!saidSoFar(*notices, QStringLiteral("no label printed")));
    controller.signOut();
  }

  // The label printer still off when the database comes back: the label failed offline has a journal row only after
  // the replay, and REPRINT (online now) prints that box's label from it (it used to ask the journal for the offline
  // job's own id, which is no row, and said "Not reprinted").
  void offline_labelFailed_databaseBackFirst_REPRINTPrintsItFromTheJournal()
  {
    auto zebraOff = finishedOfflineWithTheZebraOff(QStringLiteral("bench-reprint-online"));
    QVERIFY(zebraOff && backOnlineWithTheZebraOn(*zebraOff));
    auto &[printer, labels, fo, made, notices] = *zebraOff;
    StationController &controller = *made.controller;
    controller.handleScan(QStringLiteral("PB*REPRINT"));
    QTRY_COMPARE(lastHeadline(*notices), QStringLiteral("Reprinted: label — but not the slip"));
    QCOMPARE(printer->jobs().size(), 1); // the missing label on the Zebra (the slip went to its missing printer)
    QVERIFY(printer->jobs().first().contains("^FDBOX 1 OF 1^FS"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label' "
                                 "AND status = 'done'"),
                  {fo}),
             QStringLiteral("1"));
    controller.signOut();
  }

  // The same, but a lead prints the failed offline label from the print-jobs list (F4) once the database is back: the
  // box has its label, so F8 takes the next order at once (the bench knew the label by its offline id only and held
  // the next order back).
  void offline_labelFailed_leadReprintsItFromTheList_F8GoesOn()
  {
    auto zebraOff = finishedOfflineWithTheZebraOff(QStringLiteral("bench-reprint-lead"));
    QVERIFY(zebraOff && backOnlineWithTheZebraOn(*zebraOff));
    auto &[printer, labels, fo, made, notices] = *zebraOff;
    StationController &controller = *made.controller;
    const qint64 failed = text(QStringLiteral("SELECT id FROM print_jobs WHERE fulfillment_order_id = ? AND kind = "
                                              "'label' AND status = 'failed'"),
                               {fo})
                              .toLongLong();
    QVERIFY(failed > 0);
    VERIFY_OK(labels->reprint(failed)); // what the list's R does once a lead has approved
    QTRY_COMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = "
                                     "'label' AND status = 'done'"),
                      {fo}),
                 QStringLiteral("1"));
    QTest::qWait(100); // the printed job's signal reaches the bench
    (void)queuedOrder(1);
    controller.takeNextOrder();
    QVERIFY2(controller.session() && controller.session()->header().fulfillmentOrderId != fo,
             qPrintable(lastHeadline(*notices)));
    QVERIFY(!saidSoFar(*notices, QStringLiteral("no label printed")));
    controller.signOut();
  }

  // The order was edited while the bench finished it offline: the version check inside the replay's transaction
  // refuses the whole journal, so neither the scans nor the completion land and no fulfillment is queued.
  void offline_completion_ofAnEditedOrder_landsNothing()
  {
    const qint64 fo = queuedOrder(2);
    OfflineBench made = offlineBench(QStringLiteral("bench-edited"), fo);
    StationController &controller = *made.controller;
    QSignalSpy notices(&controller, &StationController::notice);
    cutOff(made); // the database is gone for this bench
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller.handleScan(item);
    controller.handleScan(item);
    controller.complete();
    QCOMPARE(controller.session()->state(), packing::PackSession::State::Completed);
    QVERIFY(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?"), {fo}).ok());

    const QString name = controller.session()->header().orderName;
    QVERIFY(bringBack(made));
    // Given back at once, to be packed afresh at its new version (before: left claimed until the lease ran out).
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL"),
                  {fo}),
             QStringLiteral("0"));
    QCOMPARE(fulfillmentsQueued(fo), 0);
    QCOMPARE(scanRows(fo), 0);
    QVERIFY(!controller.session());
    QCOMPARE(controller.screen(), Screen::Queue);
    const auto hint = hintOf(notices, QStringLiteral("Order %1 changed — NOT recorded as packed").arg(name));
    QVERIFY2(hint, qPrintable(lastHeadline(notices)));
    // Three scans: two items and the completion's own (PB*COMPLETE is a scan event too).
    QCOMPARE(*hint, QStringLiteral("Put its items back: it is packed again from the start. 3 scan(s) made offline are "
                                   "kept for the lead."));
    QVERIFY(text(QStringLiteral("SELECT details FROM audit_log WHERE action = 'offline_replay_refused' AND "
                                "subject_id = ?"),
                 {QString::number(fo)})
                .contains(QStringLiteral("edited")));
    auto left = made.journal->pendingCount();
    VERIFY_OK(left);
    QCOMPARE(*left, 0); // set aside for the lead
    controller.signOut();
  }

#ifdef PACKBENCH_TEST_POSTGRES
  void expiredSignIn_sendsThePackerBackToSignIn_withNothingHalfWritten()
  {
    const qint64 fo = queuedOrder(2);
    auto controller = makeController();
    QSignalSpy refused(controller.get(), &StationController::signInRefused);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    QVERIFY(controller->session());
    const QString item = test::barcodeFor(m_db, m_daypack);
    controller->handleScan(item);
    QCOMPARE(controller->session()->verifiedTotal(), 1);
    const QString scans = QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?");
    const QString before = text(scans, {fo});
    expireSignIns(); // twelve hours without work, as far as the database can tell
    controller->handleScan(item);
    QCOMPARE(controller->screen(), Screen::SignIn);
    QVERIFY(!refused.isEmpty());
    QCOMPARE(refused.last().at(0).toString(), QStringLiteral("Your sign-in has ended — sign in again"));
    QVERIFY(refused.last().at(1).toString().contains(QStringLiteral("Nothing of your last step was saved")));
    QCOMPARE(text(scans, {fo}), before); // the refused scan left nothing
    QCOMPARE(controller->session()->verifiedTotal(), 1);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    controller->takeNextOrder(); // the bench waits for a sign-in
    QCOMPARE(controller->session()->header().fulfillmentOrderId, fo);
    // The packer signs in again and goes on where they were, under the new sign-in.
    controller->signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QCOMPARE(controller->screen(), Screen::Pack);
    controller->handleScan(item);
    QCOMPARE(controller->session()->verifiedTotal(), 2);
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(text(QStringLiteral("SELECT count(DISTINCT packer_id) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                 "packer_id = (SELECT id FROM packers WHERE badge_id = 'PB-1001')"),
                  {fo}),
             QStringLiteral("1"));
    // The sign-out (PB*SIGNOUT, Ctrl+Q) ends the sign-in in the database too.
    controller->handleScan(QStringLiteral("PB*SIGNOUT"));
    QCOMPARE(openSignIns(QStringLiteral("PB-1001")), QStringLiteral("0"));
    QCOMPARE(text(QStringLiteral("SELECT end_reason FROM sign_in_sessions ORDER BY id DESC LIMIT 1")),
             QStringLiteral("signed_out"));
  }

  void finishRefused_forAnEndedSignIn_isRecordedOnceSignedInAgain()
  {
    // The sign-in ends between the COMPLETE scan and the finish: a trigger plays the clock running out there.
    QVERIFY(db::execStatic(m_db, QStringLiteral("DROP TRIGGER IF EXISTS test_expire_on_complete ON scan_events")).ok());
    QVERIFY(
        db::execStatic(
            m_db, QStringLiteral("CREATE OR REPLACE FUNCTION test_expire_sign_ins() RETURNS trigger LANGUAGE plpgsql "
                                 "AS $$ BEGIN UPDATE sign_in_sessions SET last_used_at = now() - "
                                 "packbench_sign_in_idle_limit() - interval '1 minute' WHERE ended_at IS NULL; "
                                 "RETURN NEW; END $$"))
            .ok());
    QVERIFY(db::execStatic(m_db, QStringLiteral("CREATE TRIGGER test_expire_on_complete AFTER INSERT ON scan_events "
                                                "FOR EACH ROW WHEN (NEW.raw_code = 'PB*COMPLETE') EXECUTE FUNCTION "
                                                "test_expire_sign_ins()"))
                .ok());
    const qint64 fo = queuedOrder(1);
    auto controller = makeController();
    QSignalSpy refused(controller.get(), &StationController::signInRefused);
    QSignalSpy notices(controller.get(), &StationController::notice);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->takeOrder(fo);
    controller->handleScan(test::barcodeFor(m_db, m_daypack));
    controller->handleScan(QStringLiteral("PB*COMPLETE"));
    QVERIFY(db::execStatic(m_db, QStringLiteral("DROP TRIGGER test_expire_on_complete ON scan_events")).ok());
    QCOMPARE(controller->screen(), Screen::SignIn);
    QVERIFY(!refused.isEmpty());
    QVERIFY(refused.last().at(1).toString().contains(QStringLiteral("NOT recorded yet")));
    QCOMPARE(packState(fo), QStringLiteral("claimed")); // the finish is one transaction: nothing of it was kept
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}),
             QStringLiteral("0"));
    controller->signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}),
             QStringLiteral("1"));
    QCOMPARE(controller->screen(), Screen::Pack);
    QVERIFY(lastHeadline(notices, station::Notice::Where::Pack).contains(QStringLiteral("COMPLETE — recorded")));
    controller->signOut();
  }

  void anotherPackerSigningIn_endsTheFirstOnesSignIn()
  {
    auto controller = makeController();
    signIn(*controller, QStringLiteral("PB-1001"));
    QCOMPARE(openSignIns(QStringLiteral("PB-1001")), QStringLiteral("1"));
    controller->handleScan(QStringLiteral("PB-1002")); // at the queue: locks the bench for them
    controller->signIn(QStringLiteral("PB-1002"), QStringLiteral("1002"));
    QCOMPARE(controller->packer()->badgeId, QStringLiteral("PB-1002"));
    QCOMPARE(openSignIns(QStringLiteral("PB-1001")), QStringLiteral("0"));
    QCOMPARE(openSignIns(QStringLiteral("PB-1002")), QStringLiteral("1"));
    controller->signOut();
    QCOMPARE(openSignIns(QStringLiteral("PB-1002")), QStringLiteral("0"));
  }

  void lockout_reachesThePacker_atSignIn_andAtALeadApproval()
  {
    // The database locks a badge after five wrong PINs (ErrorKind::LockedOut): the packer and the lead read how
    // long to wait, never "database problem"; a plain wrong PIN reads as such.
    const auto addPacker = [this](const QString &badge, const QString &role) { // PIN: the badge's number
      return db::exec(
                 m_db,
                 QStringLiteral("INSERT INTO packers (badge_id, name, role, pin_hash) VALUES (?, 'Lockout', ?, ?)"),
                 {badge, role, packing::hashPin(badge.mid(3))})
          .ok();
    };
    QVERIFY(addPacker(QStringLiteral("PB-1077"), QStringLiteral("packer")));
    QVERIFY(addPacker(QStringLiteral("PB-9077"), QStringLiteral("lead")));
    auto controller = makeController();
    QSignalSpy signInRefused(controller.get(), &StationController::signInRefused);
    for (int i = 0; i < 5; ++i)
      controller->signIn(QStringLiteral("PB-1077"), QStringLiteral("0000"));
    QCOMPARE(signInRefused.size(), 5);
    QCOMPARE(signInRefused.at(3).at(1).toString(), QStringLiteral("Badge or PIN not accepted"));
    QCOMPARE(signInRefused.at(4).at(0).toString(), QStringLiteral("Not signed in"));
    QVERIFY2(signInRefused.at(4).at(1).toString().startsWith(QStringLiteral("Too many wrong PINs")),
             qPrintable(signInRefused.at(4).at(1).toString()));
    controller->signIn(QStringLiteral("PB-1077"), QStringLiteral("1077")); // the right PIN waits too
    QVERIFY(!controller->packer());
    QVERIFY(signInRefused.last().at(1).toString().startsWith(QStringLiteral("Too many wrong PINs")));

    const qint64 fo = queuedOrder(1);
    QVERIFY(m_there->take(fo, packer(QStringLiteral("PB-1002"))).ok());
    QSignalSpy approvalRefused(controller.get(), &StationController::leadApprovalRefused);
    signIn(*controller, QStringLiteral("PB-1001"));
    controller->refreshQueue();
    controller->takeOrder(fo);
    QVERIFY(controller->awaitsLeadApproval());
    for (int i = 0; i < 5; ++i)
      controller->approveAsLead(QStringLiteral("PB-9077"), QStringLiteral("0000"));
    QCOMPARE(approvalRefused.size(), 5);
    QCOMPARE(approvalRefused.at(3).first().toString(),
             QStringLiteral("Not approved: that is not an active lead's badge and PIN"));
    QVERIFY2(approvalRefused.at(4).first().toString().contains(QStringLiteral("Too many wrong PINs")),
             qPrintable(approvalRefused.at(4).first().toString()));
    controller->approveAsLead(QStringLiteral("PB-9077"), QStringLiteral("9077"));
    QVERIFY(approvalRefused.last().first().toString().contains(QStringLiteral("Too many wrong PINs")));
    QVERIFY(!controller->session());
    // The lock is the badge's: another lead still approves, once.
    controller->approveAsLead(QStringLiteral("PB-9001"), QStringLiteral("9001"));
    QVERIFY(controller->session());
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'pin.locked_out' AND subject_id IN "
                                 "(SELECT id::text FROM packers WHERE badge_id IN ('PB-1077', 'PB-9077'))")),
             QStringLiteral("2"));
    controller->signOut();
  }
#endif
};

QTEST_GUILESS_MAIN(StationControllerTest)
#include "stationcontroller_test.moc"
