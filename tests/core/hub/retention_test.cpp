// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's retention sweep on PostgreSQL, as the hub's own role: a printed label's bytes (its print job and the
// carrier label) are cleared hub.label_retention_days after it printed, in batches; labels still to print, recent
// ones and slips keep theirs, and tracking numbers stay.
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "core/hub/retention.h"
#include "tests/support/labelworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class RetentionTest final : public QObject, private test::LabelWorldBench {
  Q_OBJECT

private:
  QSqlDatabase m_hub; // the same database as the packbench_hub role

  // A carrier label in `state`, its bytes kept, its last step `daysAgo` days ago.
  qint64 carrierLabel(const QString &state, int daysAgo)
  {
    auto order = test::addBenchOrder(m_db, m_world);
    if (!order)
      qFatal("order: %s", qPrintable(order.error().message));
    auto id = test::requestLabel(m_db, m_world, *order);
    if (!id)
      qFatal("request: %s", qPrintable(id.error().message));
    const QString at = state == u"voided"_s ? u"voided_at"_s : state == u"printed"_s ? u"printed_at"_s : u"bought_at"_s;
    auto aged = db::exec(m_db,
                         u"UPDATE label_requests SET state = ?, label_id = 'se-' || id, tracking_number = '1ZRET' || "
                         "id, label_bytes = '^XA^FDShip to Ada Lovelace^FS^XZ', %1 = now() - make_interval(days => ?) "
                         "WHERE id = ?"_s.arg(at),
                         {state, daysAgo, *id});
    if (!aged)
      qFatal("age: %s", qPrintable(aged.error().message));
    return *id;
  }
  qint64 printJob(const QString &kind, const QString &status, int daysAgo)
  {
    auto order = test::addBenchOrder(m_db, m_world);
    if (!order)
      qFatal("order: %s", qPrintable(order.error().message));
    return test::scalar(m_db,
                        u"INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, status, payload, "
                        "created_at) VALUES (?, ?, 'tcp://zebra:9100', 'zpl', ?, '^XA^FDAda Lovelace^FS^XZ', now() - "
                        "make_interval(days => ?)) RETURNING id"_s,
                        {order->fulfillmentOrderId, kind, status, daysAgo});
  }
  bool printJobKept(qint64 id)
  {
    return test::scalar(m_db, u"SELECT count(*) FROM print_jobs WHERE id = ? AND payload IS NOT NULL"_s, {id}) == 1;
  }
  bool carrierLabelKept(qint64 id)
  {
    return test::scalar(m_db, u"SELECT count(*) FROM label_requests WHERE id = ? AND label_bytes IS NOT NULL"_s,
                        {id}) == 1;
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_OK(openLabelWorld(u"retention"_s));
    auto opened = db::openDatabase(m_scratch.settings, u"retention-as-hub"_s);
    VERIFY_OK(opened);
    m_hub = *opened;
    VERIFY_OK(db::execStatic(m_hub, u"SET ROLE packbench_hub"_s));
  }

  void printedLabelsPastTheRetention_loseTheirBytes_theRestKeepThem()
  {
    const qint64 oldDone = printJob(u"label"_s, u"done"_s, 40);
    const qint64 oldFailed = printJob(u"label"_s, u"failed"_s, 40);
    const qint64 oldMoved = printJob(u"label"_s, u"moved"_s, 31);
    const qint64 oldQueued = printJob(u"label"_s, u"queued"_s, 40); // still to print
    const qint64 newDone = printJob(u"label"_s, u"done"_s, 29);
    const qint64 oldSlip = printJob(u"slip"_s, u"done"_s, 40); // not a label
    const qint64 oldPrinted = carrierLabel(u"printed"_s, 40);
    const qint64 oldVoided = carrierLabel(u"voided"_s, 40);
    const qint64 oldBought = carrierLabel(u"bought"_s, 40); // the station has not printed it yet
    const qint64 newPrinted = carrierLabel(u"printed"_s, 2);

    hub::RetentionSweep sweep({std::chrono::days(0), std::chrono::days(30)});
    QVERIFY(sweep.enabled());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto first = sweep.step(m_hub, now, 2);
    VERIFY_OK(first);
    QVERIFY(*first); // two print jobs in the first batch: more may wait
    auto rest = sweep.step(m_hub, now, 2);
    VERIFY_OK(rest);
    QVERIFY(!*rest);

    for (const qint64 gone : {oldDone, oldFailed, oldMoved})
      QVERIFY2(!printJobKept(gone), qPrintable(u"print job %1"_s.arg(gone)));
    for (const qint64 kept : {oldQueued, newDone, oldSlip})
      QVERIFY2(printJobKept(kept), qPrintable(u"print job %1"_s.arg(kept)));
    QVERIFY(!carrierLabelKept(oldPrinted));
    QVERIFY(!carrierLabelKept(oldVoided));
    QVERIFY(carrierLabelKept(oldBought));
    QVERIFY(carrierLabelKept(newPrinted));
    QCOMPARE(test::text(m_db, u"SELECT tracking_number FROM label_requests WHERE id = ?"_s, {oldPrinted}),
             u"1ZRET%1"_s.arg(oldPrinted));

    // Nothing left to do: a new sweep (the hub's next start) walks the tables and blanks nothing twice.
    hub::RetentionSweep again({std::chrono::days(0), std::chrono::days(30)});
    auto nothing = again.step(m_hub, now, 1000);
    VERIFY_OK(nothing);
    QVERIFY(!*nothing);
    QVERIFY(printJobKept(newDone));
  }

  // The database went away mid-sweep: the step says so (the hub logs it and tries again in a minute), and the next
  // step on a working connection picks up where the last one ended, blanking everything still due.
  void databaseAway_theStepFails_andTheNextOneCatchesUp()
  {
    const qint64 old = printJob(u"label"_s, u"done"_s, 40);
    hub::RetentionSweep sweep({std::chrono::days(0), std::chrono::days(30)});
    auto lost = db::openDatabase(m_scratch.settings, u"retention-lost"_s);
    VERIFY_OK(lost);
    QSqlDatabase gone = *lost;
    gone.close();
    auto failed = sweep.step(gone, QDateTime::currentDateTimeUtc(), 10);
    QVERIFY(!failed);
    QVERIFY(printJobKept(old));
    auto caughtUp = sweep.step(m_hub, QDateTime::currentDateTimeUtc(), 10);
    VERIFY_OK(caughtUp);
    QVERIFY(!printJobKept(old));
  }

  void noRetention_sweepsNothing()
  {
    const qint64 old = printJob(u"label"_s, u"done"_s, 400);
    hub::RetentionSweep off({});
    QVERIFY(!off.enabled());
    auto step = off.step(m_hub, QDateTime::currentDateTimeUtc(), 10);
    VERIFY_OK(step);
    QVERIFY(!*step);
    QVERIFY(printJobKept(old));
  }
};

QTEST_GUILESS_MAIN(RetentionTest)
#include "retention_test.moc"
