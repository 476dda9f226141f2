// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station's offline journal on a real SQLite file: WAL with synchronous=FULL, a snapshot of the held order,
// events in the order they were made, kept across a process that dies without closing, and marked idempotently.
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/station/offlinejournal.h"
#include "tests/support/verify.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace pb;
using station::OfflineJournal;

namespace {

const QDateTime kAt(QDate(2026, 12, 2), QTime(16, 0), Qt::UTC);

packing::PackOrder sampleOrder()
{
  packing::PackOrder order;
  order.header.fulfillmentOrderId = 42;
  order.header.shopId = 7;
  order.header.orderName = QStringLiteral("#1042");
  order.header.shipBy = kAt.addDays(1);
  order.header.version = 3;
  packing::PackLine mug{
      101, 501, QStringLiteral("Mug"), QStringLiteral("Blue"), QStringLiteral("MUG-B"), QStringLiteral("A-01"), 2, 0};
  packing::PackLine tea{102, 502, QStringLiteral("Tea"), {}, QStringLiteral("TEA"), QStringLiteral("B-07"), 1, 0};
  order.lines = {mug, tea};
  order.addCode(QStringLiteral("04006381333931"), 501);
  order.addCode(QStringLiteral("04006381333931"), 502); // Shopify lets two variants share a barcode
  order.addCode(QStringLiteral("TEA"), 502);
  return order;
}

QJsonObject payload(int n)
{
  return {{QStringLiteral("n"), n}};
}

} // namespace

class OfflineJournalTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
  void snapshotOfAnOlderStation_readsOneVariantPerCode()
  {
    // A journal written before a code could name several variants held one number per code.
    QJsonObject json = station::packOrderToJson(sampleOrder());
    json.insert(QStringLiteral("codes"), QJsonObject{{QStringLiteral("TEA"), 502}});
    const packing::PackOrder order = station::packOrderFromJson(json);
    QCOMPARE(packing::variantsOnOrder(order, {QStringLiteral("TEA")}), QList<qint64>{502});
    QVERIFY(packing::variantsOnOrder(order, {QStringLiteral("04006381333931")}).isEmpty());
  }

  void opensWithWalAndFullSync()
  {
    auto journal = OfflineJournal::open(path(QStringLiteral("pragmas.sqlite")));
    VERIFY_OK(journal);
    QSqlDatabase db =
        QSqlDatabase::database(QStringLiteral("offline-journal:%1").arg(path(QStringLiteral("pragmas.sqlite"))));
    auto mode = db::execStatic(db, QStringLiteral("PRAGMA journal_mode"));
    VERIFY_OK(mode);
    QSqlQuery &m = mode.value();
    QVERIFY(m.next());
    QCOMPARE(m.value(0).toString(), QStringLiteral("wal"));
    auto sync = db::execStatic(db, QStringLiteral("PRAGMA synchronous"));
    VERIFY_OK(sync);
    QSqlQuery &s = sync.value();
    QVERIFY(s.next());
    QCOMPARE(s.value(0).toInt(), 2); // FULL
  }

  void snapshotRoundTrips()
  {
    auto journal = OfflineJournal::open(path(QStringLiteral("snapshot.sqlite")));
    VERIFY_OK(journal);
    auto none = journal.value()->heldOrder();
    VERIFY_OK(none);
    QVERIFY(!none->has_value());
    VERIFY_OK(journal.value()->saveHeldOrder({9, 3, 11, sampleOrder(), kAt, {}}));
    auto held = journal.value()->heldOrder();
    VERIFY_OK(held);
    QVERIFY(held->has_value());
    const station::HeldOrder &h = **held;
    QCOMPARE(h.claimId, 9);
    QCOMPARE(h.stationId, 3);
    QCOMPARE(h.packerId, 11);
    QCOMPARE(h.takenAt, kAt);
    QCOMPARE(h.order.header.orderName, QStringLiteral("#1042"));
    QCOMPARE(h.order.header.shipBy, kAt.addDays(1));
    QCOMPARE(h.order.header.version, 3);
    QCOMPARE(h.order.lines.size(), 2);
    QCOMPARE(h.order.lines.at(0).expected, 2);
    QCOMPARE(h.order.lines.at(1).sku, QStringLiteral("TEA"));
    QCOMPARE(h.order.lines.at(0).verified, 0); // counts come from events, never from the snapshot
    QCOMPARE(h.order.variantsByCode, sampleOrder().variantsByCode);
    QCOMPARE(packing::variantsOnOrder(h.order, {QStringLiteral("04006381333931")}), (QList<qint64>{501, 502}));

    // The slip's data rides along (second phase): the slip prints offline from it.
    documents::SlipData slip = documents::sampleSlip(2);
    slip.fulfillmentOrderId = 42;
    slip.lines[0].lineId = 7;
    VERIFY_OK(journal.value()->saveHeldOrder({9, 3, 11, sampleOrder(), kAt, slip}));
    auto withSlip = journal.value()->heldOrder();
    VERIFY_OK(withSlip);
    const documents::SlipData &kept = (*withSlip)->slip;
    QCOMPARE(kept.fulfillmentOrderId, 42);
    QCOMPARE(kept.orderName, slip.orderName);
    QCOMPARE(kept.shippingAddress, slip.shippingAddress);
    QCOMPARE(kept.orderCreatedAt, slip.orderCreatedAt);
    QCOMPARE(kept.totalMinor, slip.totalMinor);
    QCOMPARE(kept.lines.size(), 2);
    QCOMPARE(kept.lines.at(0).lineId, 7);
    QCOMPARE(kept.lines.at(1).title, slip.lines.at(1).title);
    QCOMPARE(kept.lines.at(1).quantity, slip.lines.at(1).quantity);
    QCOMPARE(kept.lines.at(1).priceMinor, slip.lines.at(1).priceMinor);

    packing::PackOrder other = sampleOrder();
    other.header.fulfillmentOrderId = 43;
    VERIFY_OK(journal.value()->saveHeldOrder({10, 3, 11, other, kAt, {}})); // the bench holds one order
    auto replaced = journal.value()->heldOrder();
    VERIFY_OK(replaced);
    QCOMPARE((*replaced)->order.header.fulfillmentOrderId, 43);
    VERIFY_OK(journal.value()->clearHeldOrder());
    auto cleared = journal.value()->heldOrder();
    VERIFY_OK(cleared);
    QVERIFY(!cleared->has_value());
  }

  // station.prefetch: the order claimed ahead has its own slot; saving, reading and clearing one leaves the other.
  void prefetchedSlot_isKeptApartFromTheHeldOrder()
  {
    auto journal = OfflineJournal::open(path(QStringLiteral("prefetched.sqlite")));
    VERIFY_OK(journal);
    packing::PackOrder next = sampleOrder();
    next.header.fulfillmentOrderId = 44;
    VERIFY_OK(journal.value()->saveHeldOrder({9, 3, 11, sampleOrder(), kAt, {}}));
    VERIFY_OK(journal.value()->saveHeldOrder({12, 3, 11, next, kAt, {}}, OfflineJournal::Slot::Prefetched));
    auto held = journal.value()->heldOrder();
    auto ahead = journal.value()->heldOrder(OfflineJournal::Slot::Prefetched);
    VERIFY_OK(held);
    VERIFY_OK(ahead);
    QCOMPARE((*held)->claimId, 9);
    QCOMPARE((*ahead)->claimId, 12);
    QCOMPARE((*ahead)->order.header.fulfillmentOrderId, 44);
    VERIFY_OK(journal.value()->clearHeldOrder(OfflineJournal::Slot::Prefetched));
    ahead = journal.value()->heldOrder(OfflineJournal::Slot::Prefetched);
    VERIFY_OK(ahead);
    QVERIFY(!ahead->has_value());
    held = journal.value()->heldOrder();
    VERIFY_OK(held);
    QCOMPARE((*held)->claimId, 9);
  }

  void eventsKeepTheirOrder_andARepeatedIdIsRefused()
  {
    auto journal = OfflineJournal::open(path(QStringLiteral("order.sqlite")));
    VERIFY_OK(journal);
    QList<QUuid> ids;
    for (int n = 0; n < 20; ++n) {
      ids.append(QUuid::createUuid());
      // Times deliberately not increasing: the journal's order is the order of appending.
      VERIFY_OK(journal.value()->append(ids.last(), QStringLiteral("scan"), payload(n), kAt.addSecs(-n)));
    }
    QVERIFY(!journal.value()->append(ids.at(3), QStringLiteral("scan"), payload(99), kAt));
    QVERIFY(!journal.value()->append(QUuid(), QStringLiteral("scan"), payload(99), kAt));
    auto pending = journal.value()->pending();
    VERIFY_OK(pending);
    QCOMPARE(pending->size(), 20);
    for (int n = 0; n < 20; ++n) {
      QCOMPARE(pending->at(n).id, ids.at(n));
      QCOMPARE(pending->at(n).payload.value(QStringLiteral("n")).toInt(), n);
      QCOMPARE(pending->at(n).createdAt, kAt.addSecs(-n));
    }
  }

  void survivesAProcessThatDiesWithoutClosing()
  {
    const QString file = path(QStringLiteral("crash.sqlite"));
    const QUuid first = QUuid::createUuid();
    const QUuid second = QUuid::createUuid();
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) { // the station: journals two events and its snapshot, then dies on the spot
      auto journal = OfflineJournal::open(file);
      if (!journal || !journal.value()->saveHeldOrder({9, 3, 11, sampleOrder(), kAt, {}}) ||
          !journal.value()->append(first, QStringLiteral("scan"), payload(1), kAt) ||
          !journal.value()->append(second, QStringLiteral("open_box"), payload(2), kAt))
        _exit(1);
      _exit(0); // no destructor, no close, no checkpoint: what a crash leaves
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QVERIFY(QFile::exists(file + QStringLiteral("-wal"))); // the events live in the WAL until a checkpoint

    auto reopened = OfflineJournal::open(file);
    VERIFY_OK(reopened);
    auto pending = reopened.value()->pending();
    VERIFY_OK(pending);
    QCOMPARE(pending->size(), 2);
    QCOMPARE(pending->at(0).id, first);
    QCOMPARE(pending->at(1).kind, QStringLiteral("open_box"));
    auto held = reopened.value()->heldOrder();
    VERIFY_OK(held);
    QVERIFY(held->has_value());
    QCOMPARE((*held)->order.lines.size(), 2);
  }

  void markingReplayedIsIdempotent()
  {
    auto journal = OfflineJournal::open(path(QStringLiteral("mark.sqlite")));
    VERIFY_OK(journal);
    const QUuid a = QUuid::createUuid();
    const QUuid b = QUuid::createUuid();
    const QUuid c = QUuid::createUuid();
    for (const QUuid &id : {a, b, c})
      VERIFY_OK(journal.value()->append(id, QStringLiteral("scan"), payload(0), kAt));
    VERIFY_OK(journal.value()->markReplayed({a, b}, kAt.addSecs(60)));
    VERIFY_OK(journal.value()->markReplayed({a, b}, kAt.addSecs(120))); // again: nothing changes
    auto count = journal.value()->pendingCount();
    VERIFY_OK(count);
    QCOMPARE(*count, 1);
    auto pending = journal.value()->pending();
    VERIFY_OK(pending);
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->first().id, c);
    QSqlDatabase db =
        QSqlDatabase::database(QStringLiteral("offline-journal:%1").arg(path(QStringLiteral("mark.sqlite"))));
    auto first = db::exec(db, QStringLiteral("SELECT replayed_at FROM events WHERE client_event_id = ?"),
                          {a.toString(QUuid::WithoutBraces)});
    VERIFY_OK(first);
    QSqlQuery &q = first.value();
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), db::isoUtc(kAt.addSecs(60))); // the first time is kept
  }

  void setAsideEventsAreKeptButNoLongerWait()
  {
    auto journal = OfflineJournal::open(path(QStringLiteral("aside.sqlite")));
    VERIFY_OK(journal);
    const QUuid a = QUuid::createUuid();
    const QUuid b = QUuid::createUuid();
    VERIFY_OK(journal.value()->append(a, QStringLiteral("scan"), payload(0), kAt));
    VERIFY_OK(journal.value()->append(b, QStringLiteral("scan"), payload(1), kAt));
    VERIFY_OK(journal.value()->setAside({a}, QStringLiteral("the order was cancelled"), kAt));
    auto count = journal.value()->pendingCount();
    VERIFY_OK(count);
    QCOMPARE(*count, 1); // only the one named
    VERIFY_OK(journal.value()->setAside({b}, QStringLiteral("left from an earlier attempt"), kAt));
    count = journal.value()->pendingCount();
    VERIFY_OK(count);
    QCOMPARE(*count, 0);
    QSqlDatabase db =
        QSqlDatabase::database(QStringLiteral("offline-journal:%1").arg(path(QStringLiteral("aside.sqlite"))));
    QVERIFY(!db::exec(db, QStringLiteral("DELETE FROM events"))); // kept for the lead
    QVERIFY(!db::exec(db, QStringLiteral("UPDATE events SET payload = '{}'")));
    auto kept = db::exec(db, QStringLiteral("SELECT set_aside_reason FROM events WHERE client_event_id = ?"),
                         {a.toString(QUuid::WithoutBraces)});
    VERIFY_OK(kept);
    QSqlQuery &q = kept.value();
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("the order was cancelled"));
  }
};

QTEST_GUILESS_MAIN(OfflineJournalTest)
#include "offlinejournal_test.moc"
