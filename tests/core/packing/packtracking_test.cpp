// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Carrier labels printed elsewhere, scanned at the bench: which scans are tracking numbers (the rule in
// core/packing/packtracking.cpp), and attaching them to boxes. Built twice: on the embedded SQLite demo database
// (unit) and on a PostgreSQL scratch database (db), where packbench_attach_tracking (migration 0015) does it.
#include "core/db/sql.h"
#include "core/packing/packsession.h"
#include "tests/support/demopackbench.h"
#include "tests/support/testdatabase.h"
#include "tests/support/twindatabase.h"
#include "tests/support/upsnumbers.h"
#include "tests/support/verify.h"

#include <QSignalSpy>
#include <QTest>

using namespace pb;
using packing::Outcome;
using packing::PackSession;
using namespace pb::test::ups;

namespace {
// Valid vectors of the courier dataset (resources/tracking-numbers).
const QString kFedEx = QStringLiteral("986578788855"); // FedEx Express (12); its last digit is no UPC check digit
// Both a valid UPC-A and a valid FedEx Express (12) number.
const QString kUpcAndFedEx = QStringLiteral("400000079196");
// DHL eCommerce (14) has no check digit: a pattern only. This one is also a valid GTIN-14; the vector is not.
const QString kDhl14Vector = QStringLiteral("60120172242323");
const QString kDhl14AlsoGtin = QStringLiteral("60120172242328");

// What a station's offline journal keeps: the events in the order they came.
struct MemoryJournal final : packing::EventJournal {
  struct Entry {
    QUuid id;
    QString kind;
    QJsonObject payload;
  };
  QList<Entry> entries;
  Status append(const QUuid &id, const QString &kind, const QJsonObject &payload, const QDateTime &) override
  {
    entries.append({id, kind, payload});
    return {};
  }
};
} // namespace

class PackTrackingTest final : public QObject, private test::DemoPackBench {
  Q_OBJECT

public:
  PackTrackingTest()
      : DemoPackBench(QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC))
  {}

private:
  qint64 m_packer = 0;

  std::unique_ptr<PackSession> openOrder(const QList<test::TestLine> &lines, qint64 *foId = nullptr)
  {
    auto id = test::createClaimedOrder(m_db, QStringLiteral("#TRK%1").arg(++m_orderNo), lines);
    if (!id)
      return nullptr;
    if (foId)
      *foId = *id;
    return reopen(*id);
  }

  std::unique_ptr<PackSession> reopen(qint64 foId)
  {
    auto session = PackSession::open(m_db, m_clock, foId, {m_packer, {}, {}}, {});
    if (!session)
      qWarning() << session.error().message;
    return session ? std::move(session).value() : nullptr;
  }

  packing::ScanFeedback scan(PackSession &session, const QString &raw)
  {
    return session.handleScan(m_decoder.decode(raw));
  }

  QString stored(qint64 foId, int box, const QString &column)
  {
    auto q = db::exec(
        m_db, QStringLiteral("SELECT %1 FROM packages WHERE fulfillment_order_id = ? AND box_no = ?").arg(column),
        {foId, box});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  qint64 count(const QString &sql, const QVariantList &values) { return test::scalar(m_db, sql, values); }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(test::kOnSqlite, m_dir.path(), QStringLiteral("packtracking"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    m_packer = test::packerId(m_db, QStringLiteral("PB-1001"));
    QVERIFY(m_packer > 0);
  }

  void label_attachesToTheCurrentBox_andCountsNothing()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}}, &fo);
    QVERIFY(session);
    QSignalSpy changed(session.get(), &PackSession::trackingChanged);
    const packing::ScanFeedback f = scan(*session, QStringLiteral(" 1Z 5R89 3903 5756 7127 "));
    QCOMPARE(f.outcome, Outcome::TrackingAttached);
    QCOMPARE(f.box, 1);
    QCOMPARE(f.company, QStringLiteral("UPS"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(session->verifiedTotal(), 0);
    QCOMPARE(session->state(), PackSession::State::Packing);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), kUps1);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_company")), QStringLiteral("UPS"));
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_courier")), QStringLiteral("ups"));
    // The URL comes from the database's template for the company, as the recogniser computes it too.
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_url")),
             QStringLiteral("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=") + kUps1);
    QCOMPARE(session->boxTracking().value(1).url, stored(fo, 1, QStringLiteral("tracking_url")));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 0);
    // The same label again changes nothing and says so; the item still counts after it.
    const packing::ScanFeedback again = scan(*session, kUps1);
    QCOMPARE(again.outcome, Outcome::TrackingAttached);
    QCOMPARE(again.detail, QStringLiteral("already on this box"));
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)).outcome, Outcome::Counted);
    QCOMPARE(session->complete().outcome, Outcome::Completed);
    // After completion a label is not taken any more (the claim is done).
    QCOMPARE(scan(*session, kUps2).outcome, Outcome::Refused);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), kUps1);
  }

  void secondLabel_onABoxWithOne_isRefused_nextBoxTakesIt()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}, {m_shell, 1}}, &fo);
    QVERIFY(session);
    QCOMPARE(scan(*session, kUps1).outcome, Outcome::TrackingAttached);
    const packing::ScanFeedback refused = scan(*session, kUps2);
    QCOMPARE(refused.outcome, Outcome::TrackingRefused);
    QVERIFY(refused.detail.contains(kUps1));
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), kUps1);
    QCOMPARE(session->state(), PackSession::State::Packing); // nothing to acknowledge: the packer reads why
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)).outcome, Outcome::Counted);
    QCOMPARE(session->nextBox().outcome, Outcome::BoxStarted);
    // The first box's label on the second box: refused; another carrier: refused; a new UPS label: box 2.
    QCOMPARE(scan(*session, kUps1).outcome, Outcome::TrackingRefused);
    const packing::ScanFeedback otherCarrier = scan(*session, QStringLiteral("]C0") + kFedEx);
    QCOMPARE(otherCarrier.outcome, Outcome::TrackingRefused);
    QCOMPARE(otherCarrier.company, QStringLiteral("FedEx"));
    QCOMPARE(scan(*session, kUps2).outcome, Outcome::TrackingAttached);
    QCOMPARE(session->boxTracking().size(), 2);
    QCOMPARE(stored(fo, 2, QStringLiteral("tracking_number")), kUps2);
    // A reopened session (crash, restart) shows what the boxes carry.
    session.reset();
    auto resumed = reopen(fo);
    QVERIFY(resumed);
    QCOMPARE(resumed->boxTracking().value(1).number, kUps1);
    QCOMPARE(resumed->boxTracking().value(2).number, kUps2);
    QCOMPARE(resumed->boxTracking().value(2).company, QStringLiteral("UPS"));
  }

  // The database has the last word: a number written meanwhile (another path) is not overwritten.
  void conflictOnlyTheDatabaseKnows_isRefused_andNothingChanges()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}}, &fo);
    QVERIFY(session);
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_number, "
                                      "tracking_company) VALUES (?, 1, ?, 'UPS')"),
                       {fo, kUps3}));
    const packing::ScanFeedback f = scan(*session, kUps1);
    QCOMPARE(f.outcome, Outcome::TrackingRefused);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), kUps3);
    QVERIFY(!session->boxTracking().contains(1));
  }

  void invalidCheckDigit_isNoLabel()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}}, &fo);
    QVERIFY(session);
    QCOMPARE(scan(*session, QStringLiteral("1Z5R89390357567128")).outcome, Outcome::UnknownBarcode);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND tracking_number "
                                  "IS NOT NULL"),
                   {fo}),
             0);
  }

  // A code the catalogue knows is a product even when a courier's check digit holds for it.
  void catalogueBarcode_thatReadsAsTracking_isAnItem()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}}, &fo);
    QVERIFY(session);
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) SELECT "
                                      "p.shop_id, v.id, 'custom', ?, ? FROM variants v JOIN products p ON "
                                      "p.id = v.product_id WHERE v.sku = ?"),
                       {kFedEx, kFedEx, m_daypack}));
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) SELECT "
                                      "p.shop_id, v.id, 'custom', ?, ? FROM variants v JOIN products p ON "
                                      "p.id = v.product_id WHERE v.sku = ?"),
                       {kUps3, kUps3, m_shell}));
    auto reopened = reopen(fo); // the order's barcodes are read when it opens
    QVERIFY(reopened);
    session.reset();
    QCOMPARE(scan(*reopened, QStringLiteral("]C0") + kFedEx).outcome, Outcome::Counted);
    QCOMPARE(reopened->verifiedTotal(), 1);
    reopened->acknowledge();
    QCOMPARE(scan(*reopened, kUps3).outcome, Outcome::WrongItem); // another product of the shop
    QVERIFY(reopened->boxTracking().isEmpty());
  }

  // Digits that are a valid UPC-A and a valid FedEx number, from a scanner that does not say which symbology:
  // it blocks as the unknown product it may be (naming the carrier); after ACK the same scan attaches it.
  // Anything else in between forgets it.
  void ambiguousNumber_blocksAsUnknown_andAttachesWhenScannedAgainAfterAck()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}}, &fo);
    QVERIFY(session);
    const packing::ScanFeedback ask = scan(*session, kUpcAndFedEx);
    QCOMPARE(ask.outcome, Outcome::UnknownBarcode);
    QCOMPARE(ask.company, QStringLiteral("FedEx"));
    QCOMPARE(session->state(), PackSession::State::Blocked);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), QString());
    QCOMPARE(scan(*session, kUpcAndFedEx).outcome, Outcome::StillBlocked);
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)).outcome, Outcome::Counted);
    QCOMPARE(scan(*session, kUpcAndFedEx).outcome, Outcome::UnknownBarcode); // forgotten: asked again
    session->acknowledge();
    QCOMPARE(scan(*session, kUpcAndFedEx).outcome, Outcome::TrackingAttached);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_company")), QStringLiteral("FedEx"));
  }

  void symbologyIdentifier_settlesTheAmbiguity()
  {
    auto session = openOrder({{m_daypack, 1}});
    QVERIFY(session);
    // ]E0: an EAN/UPC symbol, which no carrier prints: an (unknown) product at once.
    QCOMPARE(scan(*session, QStringLiteral("]E00") + kUpcAndFedEx).outcome, Outcome::UnknownBarcode);
    session->acknowledge();
    // ]C0: Code 128, what carrier labels use: a tracking number at once.
    QCOMPARE(scan(*session, QStringLiteral("]C0") + kUpcAndFedEx).outcome, Outcome::TrackingAttached);
  }

  // The central database away: a label scanned onto a box is kept in the journal (no packages row yet), shown on the
  // box, and checked against the bench's own boxes; the replay attaches it with its URL, and a second replay changes
  // nothing. It used to be read as an item and refused as a wrong one, so the box shipped without its tracking.
  void offline_labelIsJournaled_andAttachedByTheReplay_once()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 2}}, &fo);
    QVERIFY(session);
    MemoryJournal journal;
    session->setOfflineJournal(&journal);
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)).outcome, Outcome::Counted);
    const packing::ScanFeedback f = scan(*session, QStringLiteral("1Z 5R89 3903 5756 7127"));
    QCOMPARE(f.outcome, Outcome::TrackingAttached);
    QCOMPARE(f.company, QStringLiteral("UPS"));
    QCOMPARE(f.box, 1);
    QCOMPARE(session->boxTracking().value(1).number, kUps1);
    QCOMPARE(session->verifiedTotal(), 1);
    QCOMPARE(scan(*session, kUps1).detail, QStringLiteral("already on this box"));
    QCOMPARE(scan(*session, kUps2).outcome, Outcome::TrackingRefused); // box 1 has its label
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), QString());
    QCOMPARE(journal.entries.size(), 2); // the item and the label, nothing for the refused or repeated scans
    QCOMPARE(journal.entries.at(1).kind, packing::kJournalTracking);
    QCOMPARE(journal.entries.at(1).payload.value(QStringLiteral("number")).toString(), kUps1);

    session->setOfflineJournal(nullptr); // the database is back: the station replays in order
    for (int round = 0; round < 2; ++round) {
      for (const MemoryJournal::Entry &event : std::as_const(journal.entries))
        VERIFY_OK(packing::replayJournaledEvent(m_db, event.id, event.kind, event.payload, {}, m_clock.nowUtc()));
    }
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_number")), kUps1);
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_company")), QStringLiteral("UPS"));
    QCOMPARE(stored(fo, 1, QStringLiteral("tracking_url")),
             QStringLiteral("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=") + kUps1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND tracking_number "
                                  "IS NOT NULL"),
                   {fo}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 1);
  }

  // Offline there is no catalogue to rule out a product whose code looks like a label: a number without a courier
  // check digit blocks as unknown first (naming the carrier); the same scan after ACK attaches it. A number that is
  // also a valid GTIN is an item, as a product is far likelier then.
  void offline_patternOnlyNumber_isAskedAboutFirst()
  {
    qint64 fo = 0;
    auto session = openOrder({{m_daypack, 1}}, &fo);
    QVERIFY(session);
    MemoryJournal journal;
    session->setOfflineJournal(&journal);
    // Digits that are a valid UPC-A too stay an item offline (a wrong one here): no catalogue says it is none.
    QCOMPARE(scan(*session, kUpcAndFedEx).outcome, Outcome::WrongItem);
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    const packing::ScanFeedback ask = scan(*session, kDhl14Vector);
    QCOMPARE(ask.outcome, Outcome::UnknownBarcode);
    QCOMPARE(ask.company, QStringLiteral("DHL eCommerce"));
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(scan(*session, kDhl14Vector).outcome, Outcome::TrackingAttached);
    QCOMPARE(journal.entries.last().kind, packing::kJournalTracking);
    // A valid GTIN stays an item offline as online: here one the order does not have, so a wrong item.
    QCOMPARE(scan(*session, kDhl14AlsoGtin).outcome, Outcome::WrongItem);
  }

  // Offline, digits that are both a valid UPC-A and a valid FedEx Express number, on an order that ships FedEx, are
  // most likely its label: asked about, naming FedEx, and the same scan after ACK attaches it. They used to be a wrong
  // item, and the box shipped without its tracking. On an order that ships otherwise they stay a wrong item (above).
  void offline_gtinThatIsTheOrdersCourier_isAskedAboutFirst()
  {
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#TRK%1").arg(++m_orderNo), {{m_daypack, 1}});
    VERIFY_OK(fo);
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("UPDATE orders SET shipping_method = 'FedEx 2Day' WHERE id = "
                                      "(SELECT order_id FROM fulfillment_orders WHERE id = ?)"),
                       {*fo}));
    auto session = reopen(*fo);
    QVERIFY(session);
    MemoryJournal journal;
    session->setOfflineJournal(&journal);
    const packing::ScanFeedback ask = scan(*session, kUpcAndFedEx);
    QCOMPARE(ask.outcome, Outcome::UnknownBarcode);
    QCOMPARE(ask.company, QStringLiteral("FedEx"));
    QVERIFY(session->boxTracking().isEmpty());
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(scan(*session, kUpcAndFedEx).outcome, Outcome::TrackingAttached);
    QCOMPARE(session->boxTracking().value(1).number, kUpcAndFedEx);
    QCOMPARE(session->boxTracking().value(1).company, QStringLiteral("FedEx"));
    QCOMPARE(journal.entries.last().kind, packing::kJournalTracking);
    // A product's code that is no FedEx number is still a wrong item on this order.
    QCOMPARE(scan(*session, kDhl14AlsoGtin).outcome, Outcome::WrongItem);
  }

  // A format without a check digit never beats a valid GTIN; without a valid GTIN it is a label.
  void patternOnlyFormat_losesToAValidGtin()
  {
    auto session = openOrder({{m_daypack, 1}});
    QVERIFY(session);
    QCOMPARE(scan(*session, kDhl14AlsoGtin).outcome, Outcome::UnknownBarcode);
    session->acknowledge();
    const packing::ScanFeedback dhl = scan(*session, kDhl14Vector);
    QCOMPARE(dhl.outcome, Outcome::TrackingAttached);
    QCOMPARE(dhl.company, QStringLiteral("DHL eCommerce"));
  }
};

QTEST_GUILESS_MAIN(PackTrackingTest)
#include "packtracking_test.moc"
