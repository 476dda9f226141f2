// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Built twice: on the embedded SQLite demo database (unit) and on a PostgreSQL scratch database (db).
#include "core/db/sql.h"
#include "core/packing/packsession.h"
#include "tests/support/demopackbench.h"
#include "tests/support/twindatabase.h"
#ifdef PACKBENCH_TEST_POSTGRES
#include "tests/support/testdatabase.h"
#endif

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using packing::Outcome;
using packing::PackSession;

Q_DECLARE_METATYPE(pb::packing::Outcome)

class PackSessionTest final : public QObject, private test::DemoPackBench {
  Q_OBJECT

private:
  qint64 m_packer = 0;
  // Besides the daypack and the shell: a mug; the sock is not on any test order.
  const QString m_other = QStringLiteral("NW-T2D-002");

  qint64 newOrder(const QList<test::TestLine> &lines)
  {
    auto id = test::createClaimedOrder(m_db, QStringLiteral("#T%1").arg(++m_orderNo), lines);
    if (!id)
      qWarning() << id.error().message;
    return id ? *id : 0;
  }

  std::unique_ptr<PackSession> openSession(qint64 foId, packing::PackOptions options = {})
  {
    auto session = PackSession::open(m_db, m_clock, foId, {m_packer, {}, {}}, options);
    if (!session) {
      qWarning() << session.error().message;
      return nullptr;
    }
    return std::move(session).value();
  }

  Outcome scan(PackSession &session, const QString &raw) { return session.handleScan(m_decoder.decode(raw)).outcome; }

  qint64 events(qint64 foId, const QString &outcome)
  {
    return test::scalar(m_db,
                        QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                       "outcome = ?"),
                        {foId, outcome});
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(test::kOnSqlite, m_dir.path(), QStringLiteral("packsession"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    m_packer = test::packerId(m_db, QStringLiteral("PB-1001"));
    QVERIFY(m_packer > 0);
  }

  void wholeOrder_everyPrintedForm_countsAndCompletes()
  {
    const qint64 fo = newOrder({{m_daypack, 2}, {m_shell, 1}});
    auto session = openSession(fo);
    QVERIFY(session);
    QCOMPARE(session->lines().size(), 2);
    QCOMPARE(session->expectedTotal(), 3);
    QCOMPARE(session->header().note, QStringLiteral("Fragile: pack the mug in paper"));
    QSignalSpy completed(session.get(), &PackSession::completed);
    QCOMPARE(session->complete().outcome, Outcome::Refused); // nothing scanned yet

    const QString upc = test::barcodeFor(m_db, m_daypack);
    QCOMPARE(scan(*session, upc), Outcome::Counted);                          // UPC-A
    QCOMPARE(scan(*session, QStringLiteral("]E00") + upc), Outcome::Counted); // same item as EAN-13
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_shell, QStringLiteral("ean"))), Outcome::Counted);
    QVERIFY(session->allVerified());
    QCOMPARE(session->complete().outcome, Outcome::Completed);
    QCOMPARE(completed.count(), 1);
    QCOMPARE(completed.first().first().toBool(), false);
    QCOMPARE(session->state(), PackSession::State::Completed);
    QCOMPARE(events(fo, QStringLiteral("ok")), 3);
    // The packer is on every event; a package row exists for the box.
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? "
                                         "AND packer_id = ?"),
                          {fo, m_packer}),
             4);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ?"), {fo}),
             1);
    QCOMPARE(scan(*session, upc), Outcome::Refused); // finished orders take nothing more
  }

  void skuBarcode_matchesLine()
  {
    auto session = openSession(newOrder({{m_daypack, 1}}));
    QVERIFY(session);
    QCOMPARE(scan(*session, QStringLiteral("]C0") + m_daypack), Outcome::Counted);
  }

  void ambiguousEightDigits_matchUnderEitherReading()
  {
    // 01234565 is a valid EAN-8 and a valid UPC-E (012345000065). The catalogue knows the shell by
    // its UPC-E, the NW-MCS-008 by the EAN-8: with no AIM identifier, one scan of the code must find
    // whichever of them is on the order.
    const QString code = QStringLiteral("01234565");
    for (const auto &[sku, normalized] : {std::pair{m_shell, QStringLiteral("00012345000065")},
                                          std::pair{QStringLiteral("NW-MCS-008"), QStringLiteral("00000001234565")}}) {
      QVERIFY(db::exec(m_db,
                       QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) "
                                      "SELECT p.shop_id, v.id, 'upc', ?, ? FROM variants v "
                                      "JOIN products p ON p.id = v.product_id WHERE v.sku = ?"),
                       {code, normalized, sku})
                  .ok());
    }
    auto shellOrder = openSession(newOrder({{m_shell, 1}}));
    QVERIFY(shellOrder);
    QCOMPARE(scan(*shellOrder, code), Outcome::Counted);
    auto mugOrder = openSession(newOrder({{QStringLiteral("NW-MCS-008"), 1}}));
    QVERIFY(mugOrder);
    QCOMPARE(scan(*mugOrder, code), Outcome::Counted);
    // On neither order, the code is still a known product: a wrong item, not an unknown code.
    auto other = openSession(newOrder({{m_daypack, 1}}));
    QVERIFY(other);
    QCOMPARE(scan(*other, code), Outcome::WrongItem);
    QVERIFY(db::exec(m_db, QStringLiteral("DELETE FROM barcodes WHERE code = ?"), {code}).ok());
  }

  void sharedBarcode_countsForEachVariantStillShort()
  {
    // Shopify does not keep barcodes unique: here the daypack and the other item carry one code. Each scan counts
    // for a line still short, and says which other item has the same code; it used to count on one variant only,
    // so the other line could never be verified by scan (every further scan was "too many").
    const QString code = QStringLiteral("012345678905");
    for (const QString &sku : {m_daypack, m_other}) {
      QVERIFY(db::exec(m_db,
                       QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) "
                                      "SELECT p.shop_id, v.id, 'upc', ?, '00012345678905' FROM variants v "
                                      "JOIN products p ON p.id = v.product_id WHERE v.sku = ?"),
                       {code, sku})
                  .ok());
    }
    const qint64 fo = newOrder({{m_daypack, 1}, {m_other, 2}});
    auto session = openSession(fo);
    QVERIFY(session);
    QList<int> countedRows;
    for (int i = 0; i < 3; ++i) {
      const auto counted = session->handleScan(m_decoder.decode(code));
      QCOMPARE(counted.outcome, Outcome::Counted);
      QCOMPARE(counted.sameCodeRows, QList<int>{1 - counted.row});
      countedRows.append(counted.row);
    }
    QCOMPARE(countedRows.count(0) + countedRows.count(1), 3);
    QVERIFY(session->allVerified());
    QCOMPARE(scan(*session, code), Outcome::OverScan);
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    // Each line's own code still names only its variant.
    const auto own = session->handleScan(m_decoder.decode(QString(QStringLiteral("]C0") + m_daypack)));
    QCOMPARE(own.outcome, Outcome::OverScan);
    QVERIFY(own.sameCodeRows.isEmpty());
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(session->complete().outcome, Outcome::Completed);
    QCOMPARE(events(fo, QStringLiteral("ok")), 3);
    QVERIFY(db::exec(m_db, QStringLiteral("DELETE FROM barcodes WHERE code = ?"), {code}).ok());
  }

  void wrongLengthDigits_areUnreadable_notUnknown()
  {
    auto session = openSession(newOrder({{m_daypack, 1}}));
    QVERIFY(session);
    const QString upc = test::barcodeFor(m_db, m_daypack);
    const auto feedback = session->handleScan(m_decoder.decode(upc.chopped(1))); // one digit lost
    QCOMPARE(feedback.outcome, Outcome::Unreadable);
  }

  void errors_blockUntilAcknowledged_data()
  {
    QTest::addColumn<QString>("bad");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("stored");
    QTest::newRow("wrong item") << QStringLiteral("081234500023") << Outcome::WrongItem << QStringLiteral("wrong_item");
    QTest::newRow("unknown barcode") << QStringLiteral("4006381333931") << Outcome::UnknownBarcode
                                     << QStringLiteral("unknown");
    QTest::newRow("unknown SKU") << QStringLiteral("NO-SUCH-SKU") << Outcome::UnknownBarcode
                                 << QStringLiteral("unknown");
    QTest::newRow("bad check digit") << QStringLiteral("081234500017") << Outcome::Unreadable
                                     << QStringLiteral("unknown");
    QTest::newRow("truncated GS1") << QStringLiteral("]C1010081234") << Outcome::Unreadable
                                   << QStringLiteral("unknown");
  }

  void errors_blockUntilAcknowledged()
  {
    QFETCH(QString, bad);
    QFETCH(Outcome, outcome);
    QFETCH(QString, stored);
    const qint64 fo = newOrder({{m_daypack, 1}});
    auto session = openSession(fo);
    QVERIFY(session);
    const packing::ScanFeedback feedback = session->handleScan(m_decoder.decode(bad));
    QCOMPARE(feedback.outcome, outcome);
    if (outcome == Outcome::WrongItem)
      QCOMPARE(feedback.itemTitle, QStringLiteral("Trailhead 28L Daypack")); // what it actually is
    QCOMPARE(session->state(), PackSession::State::Blocked);
    QCOMPARE(events(fo, stored), 1);
    // The good item is refused while the error stands, and nothing clears it but an acknowledgement.
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::StillBlocked);
    QCOMPARE(session->complete().outcome, Outcome::Refused);
    m_clock.advanceMs(3'600'000);
    QCOMPARE(session->state(), PackSession::State::Blocked);
    QCOMPARE(session->lines().first().verified, 0);
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(session->acknowledge().outcome, Outcome::Refused); // nothing left to acknowledge
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::Counted);
    QCOMPARE(events(fo, QStringLiteral("acknowledged")), 1);
  }

  void overScan_isRefusedAndBlocks()
  {
    const qint64 fo = newOrder({{m_daypack, 2}});
    auto session = openSession(fo);
    QVERIFY(session);
    const QString upc = test::barcodeFor(m_db, m_daypack);
    QCOMPARE(scan(*session, upc), Outcome::Counted);
    QCOMPARE(scan(*session, upc), Outcome::Counted);
    const auto over = session->handleScan(m_decoder.decode(upc));
    QCOMPARE(over.outcome, Outcome::OverScan);
    QCOMPARE(over.row, 0);
    QCOMPARE(session->lines().first().verified, 2);
    QCOMPARE(events(fo, QStringLiteral("over_scan")), 1);
    QCOMPARE(session->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(session->complete().outcome, Outcome::Completed);
  }

  void killAndReopen_restoresCountsBoxAndError()
  {
    const qint64 fo = newOrder({{m_daypack, 3}, {m_shell, 2}});
    const QString daypack = test::barcodeFor(m_db, m_daypack);
    {
      auto session = openSession(fo);
      QVERIFY(session);
      QCOMPARE(scan(*session, daypack), Outcome::Counted);
      QCOMPARE(scan(*session, daypack), Outcome::Counted);
      QCOMPARE(session->nextBox().outcome, Outcome::BoxStarted);
      QCOMPARE(scan(*session, test::barcodeFor(m_db, m_shell)), Outcome::Counted);
      QCOMPARE(scan(*session, test::barcodeFor(m_db, m_other)), Outcome::WrongItem);
      // The station dies here: no completion, no release.
    }
    auto resumed = openSession(fo);
    QVERIFY(resumed);
    QCOMPARE(resumed->lines().at(0).verified + resumed->lines().at(1).verified, 3);
    QCOMPARE(resumed->verifiedTotal(), 3);
    QCOMPARE(resumed->boxNo(), 2);
    QCOMPARE(resumed->state(), PackSession::State::Blocked);
    QVERIFY(resumed->pendingError().has_value());
    QCOMPARE(resumed->pendingError()->outcome, Outcome::WrongItem);
    QCOMPARE(resumed->acknowledge().outcome, Outcome::Acknowledged);
    QCOMPARE(scan(*resumed, daypack), Outcome::Counted);
    QCOMPARE(scan(*resumed, test::barcodeFor(m_db, m_shell)), Outcome::Counted);
    QCOMPARE(resumed->complete().outcome, Outcome::Completed);
    // A second resume sees the same totals: nothing counted twice.
    auto again = PackSession::open(m_db, m_clock, fo, {m_packer, {}, {}});
    QVERIFY(again.ok());
    QCOMPARE((*again)->verifiedTotal(), 5);
  }

  void sameEventTwice_isCountedOnce()
  {
    const qint64 fo = newOrder({{m_daypack, 2}});
    auto session = openSession(fo);
    QVERIFY(session);
    const QUuid id = QUuid::createUuid();
    const auto decoded = m_decoder.decode(test::barcodeFor(m_db, m_daypack));
    QCOMPARE(session->handleScan(decoded, id).outcome, Outcome::Counted);
    QCOMPARE(session->handleScan(decoded, id).outcome, Outcome::Duplicate);
    QCOMPARE(session->verifiedTotal(), 1);
    auto reopened = openSession(fo);
    QCOMPARE(reopened->verifiedTotal(), 1);
  }

  void manualEntry_needsReasonAndLeadBadgeAndPin()
  {
    const qint64 fo = newOrder({{m_daypack, 1}, {m_shell, 3}});
    auto session = openSession(fo);
    QVERIFY(session);
    const int shellRow = session->lines().at(0).sku == m_shell ? 0 : 1;
    const QString reason = QStringLiteral("barcode torn");
    const QString lead = QStringLiteral("PB-9001");
    const QString pin = QStringLiteral("9001");
    const auto noBadge = session->enterManual(shellRow, 2, reason);
    QCOMPARE(noBadge.outcome, Outcome::Refused);
    QVERIFY(noBadge.approvalRefused);
    const auto badgeAlone = session->enterManual(shellRow, 2, reason, lead); // a badge is half a credential
    QCOMPARE(badgeAlone.outcome, Outcome::Refused);
    QVERIFY(badgeAlone.approvalRefused);
    QCOMPARE(session->enterManual(shellRow, 2, reason, lead, QStringLiteral("0000")).outcome, Outcome::Refused);
    QCOMPARE(session->enterManual(shellRow, 2, reason, QStringLiteral("PB-1002"), QStringLiteral("1002")).outcome,
             Outcome::Refused); // a packer, not a lead
    QCOMPARE(session->enterManual(shellRow, 2, QString(), lead, pin).outcome, Outcome::Refused);
    QCOMPARE(session->enterManual(shellRow, 4, reason, lead, pin).outcome, Outcome::Refused);
    QCOMPARE(session->enterManual(7, 1, reason, lead, pin).outcome, Outcome::Refused);
    QCOMPARE(session->lines().at(shellRow).verified, 0);
    QCOMPARE(session->enterManual(shellRow, 2, reason, lead, pin).outcome, Outcome::Counted);
    QCOMPARE(session->lines().at(shellRow).verified, 2);
    // The lead is recorded by packer id (approved_by); the badge number stays out of the free text.
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT quantity FROM scan_events e JOIN packers p ON p.id = e.approved_by "
                                         "WHERE e.fulfillment_order_id = ? AND e.outcome = 'manual' "
                                         "AND p.badge_id = ? AND e.reason = ?"),
                          {fo, lead, reason}),
             2);
    auto reopened = openSession(fo);
    QCOMPARE(reopened->lines().at(shellRow).verified, 2);
  }

  void manualEntry_withoutLeadRequirement()
  {
    packing::PackOptions options;
    options.manualNeedsLead = false;
    auto session = openSession(newOrder({{m_daypack, 1}}), options);
    QVERIFY(session);
    QCOMPARE(session->enterManual(0, 1, QStringLiteral("no barcode on item")).outcome, Outcome::Counted);
  }

  void boxes_emptyBoxRefused_eventsCarryBox()
  {
    const qint64 fo = newOrder({{m_daypack, 1}, {m_shell, 1}});
    auto session = openSession(fo);
    QVERIFY(session);
    QSignalSpy boxes(session.get(), &PackSession::boxChanged);
    QCOMPARE(session->nextBox().outcome, Outcome::Refused); // box 1 is empty
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::Counted);
    QCOMPARE(session->nextBox().outcome, Outcome::BoxStarted);
    QCOMPARE(boxes.count(), 1);
    QCOMPARE(session->boxNo(), 2);
    QCOMPARE(session->nextBox().outcome, Outcome::Refused); // box 2 is empty
    QCOMPARE(session->boxesWithItems(), 1);
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_shell)), Outcome::Counted);
    QCOMPARE(session->boxesWithItems(), 2);
    // Every item is in a box: a third would stay empty (and a label bought for it would ship nothing).
    const auto third = session->nextBox();
    QCOMPARE(third.outcome, Outcome::Refused);
    QCOMPARE(third.detail, QStringLiteral("every item is in a box"));
    QCOMPARE(session->boxNo(), 2);
    QCOMPARE(session->complete().outcome, Outcome::Completed);
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT box_no FROM scan_events WHERE fulfillment_order_id = ? AND "
                                         "outcome = 'ok' ORDER BY id DESC LIMIT 1"),
                          {fo}),
             2);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ?"), {fo}),
             2);
  }

  void hold_isRecordedAndSignalled()
  {
    const qint64 fo = newOrder({{m_daypack, 2}});
    auto session = openSession(fo);
    QVERIFY(session);
    QSignalSpy held(session.get(), &PackSession::holdRequested);
    QCOMPARE(session->requestHold(QStringLiteral("DAMAGED")).outcome, Outcome::HoldRequested);
    QCOMPARE(held.count(), 1);
    QCOMPARE(held.first().first().toString(), QStringLiteral("DAMAGED"));
    QCOMPARE(session->state(), PackSession::State::HoldRequested);
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::Refused);
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                         "raw_code = 'PB*HOLD' AND reason = 'DAMAGED'"),
                          {fo}),
             1);
  }

  void partial_needsVerifiedItemsAndReason()
  {
    auto session = openSession(newOrder({{m_daypack, 1}, {m_shell, 1}}));
    QVERIFY(session);
    QSignalSpy completed(session.get(), &PackSession::completed);
    QCOMPARE(session->completePartial(QStringLiteral("short")).outcome, Outcome::Refused); // nothing verified
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::Counted);
    QCOMPARE(session->completePartial(QStringLiteral(" ")).outcome, Outcome::Refused);
    QCOMPARE(session->completePartial(QStringLiteral("shell out of stock")).outcome, Outcome::Completed);
    QCOMPARE(completed.first().first().toBool(), true);
  }

  void autoComplete_onLastScan()
  {
    packing::PackOptions options;
    options.autoComplete = true;
    auto session = openSession(newOrder({{m_daypack, 1}}), options);
    QVERIFY(session);
    QSignalSpy completed(session.get(), &PackSession::completed);
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::Completed);
    QCOMPARE(completed.count(), 1);
  }

  void open_refusesWhatCannotBePacked()
  {
    QCOMPARE(PackSession::open(m_db, m_clock, 999'999, {m_packer, {}, {}}).error().kind, ErrorKind::NotFound);
    const qint64 fo = newOrder({{m_daypack, 1}});
    QCOMPARE(PackSession::open(m_db, m_clock, fo, {0, {}, {}}).error().kind, ErrorKind::Permission);
    QVERIFY(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {fo}).ok());
    QCOMPARE(PackSession::open(m_db, m_clock, fo, {m_packer, {}, {}}).error().kind, ErrorKind::Conflict);
  }

  void nonItemScans_areRefusedWithoutBlocking()
  {
    auto session = openSession(newOrder({{m_daypack, 1}}));
    QVERIFY(session);
    QCOMPARE(scan(*session, QStringLiteral("PB-1002")), Outcome::Refused);                 // a badge
    QCOMPARE(scan(*session, QStringLiteral("]C100006141411234567890")), Outcome::Refused); // a carton SSCC
    QCOMPARE(scan(*session, QStringLiteral("PB*REPRINT")), Outcome::Refused);              // commands: the station's
    QCOMPARE(scan(*session, QStringLiteral("PB*COMPLETE")), Outcome::Refused);
    QCOMPARE(session->state(), PackSession::State::Packing);
  }

#ifndef PACKBENCH_TEST_POSTGRES
  void databaseRefusesWrite_nothingCounted()
  {
    const qint64 fo = newOrder({{m_daypack, 1}});
    auto session = openSession(fo);
    QVERIFY(session);
    QVERIFY(db::execStatic(m_db, QStringLiteral("CREATE TRIGGER scan_fail BEFORE INSERT ON scan_events "
                                                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"))
                .ok());
    const auto failed = session->handleScan(m_decoder.decode(test::barcodeFor(m_db, m_daypack)));
    QVERIFY(db::execStatic(m_db, QStringLiteral("DROP TRIGGER scan_fail")).ok());
    QCOMPARE(failed.outcome, Outcome::Failed);
    QVERIFY(!failed.detail.isEmpty());
    QCOMPARE(session->verifiedTotal(), 0);
    QCOMPARE(scan(*session, test::barcodeFor(m_db, m_daypack)), Outcome::Counted); // the retry counts
  }
#endif
};

QTEST_GUILESS_MAIN(PackSessionTest)
#include "packsession_test.moc"
