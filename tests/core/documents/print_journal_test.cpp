// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The print-job journal and the slip repository on the central PostgreSQL database.
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/documents/printjournal.h"
#include "core/documents/sliprepository.h"
#include "tests/support/manualclock.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;
using namespace pb::documents;
using namespace Qt::StringLiterals;

class PrintJournalTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  qint64 m_fo = 0;

private Q_SLOTS:
  void initTestCase()
  {
    auto settings = test::createScratchDatabase(u"printjobs"_s);
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
    auto db = db::openDatabase(*settings, u"print-journal-test"_s);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    auto migrated = db::MigrationRunner(u":/migrations/postgres"_s).migrate(m_db);
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    QVERIFY(db::seedDemoData(m_db, clock).ok());
    auto q = db::exec(
        m_db, u"SELECT fo.id FROM fulfillment_orders fo JOIN orders o ON o.id = fo.order_id WHERE o.name = '#1002'"_s);
    QVERIFY(q.ok() && q.value().next());
    m_fo = q.value().value(0).toLongLong();
  }

  void houseLabelBox_readsTheBoxOfThatOrderOnly()
  {
    QCOMPARE(houseLabelReference(42, 2), u"house-label:fulfillment_order=42;box=2"_s);
    QCOMPARE(houseLabelBox(houseLabelReference(42, 2), 42), 2);
    QCOMPARE(houseLabelBox(u"house-label:fulfillment_order=42;box=3;offline=5f0c"_s, 42), 3); // printed offline
    QCOMPARE(houseLabelBox(houseLabelReference(42, 2), 4), 0);             // another order's (42 is not 4…)
    QCOMPARE(houseLabelBox(houseLabelReference(421, 1), 42), 0);           // … nor is 421 42
    QCOMPARE(houseLabelBox(u"house-label:fulfillment_order=42"_s, 42), 0); // no box
    QCOMPARE(houseLabelBox(u"house-label:fulfillment_order=42;box=0"_s, 42), 0);
    QCOMPARE(houseLabelBox(u"house-label:fulfillment_order=42;box=x"_s, 42), 0);
    QCOMPARE(houseLabelBox(u"carrier-label:request=42"_s, 42), 0);
  }

  void journal_recordsEveryOutcome()
  {
    PrintJournal journal(m_db);
    PrintJob job;
    job.fulfillmentOrderId = m_fo;
    job.kind = PrintKind::Label;
    job.printer = u"tcp://10.0.0.9:9100"_s;
    job.format = PrintFormat::Zpl;
    job.payload = QByteArray("^XA^FD\x00\xff^FS^XZ", 14);
    job.reference = u"house-label"_s;
    auto id = journal.create(job);
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    QCOMPARE(journal.get(id.value()).value().status, PrintStatus::Queued);
    QCOMPARE(journal.get(id.value()).value().payload, job.payload); // bytea keeps every byte

    QVERIFY(journal.markFailed(id.value(), u"connection refused"_s).ok());
    QVERIFY(journal.markRetrying(id.value()).ok());
    auto row = journal.get(id.value()).value();
    QCOMPARE(row.status, PrintStatus::Retrying);
    QCOMPARE(row.attempts, 1);
    QCOMPARE(row.lastError, u"connection refused"_s);
    QVERIFY(journal.openJobs().value().size() >= 1);

    QVERIFY(journal.markSent(id.value()).ok());
    QVERIFY(journal.markDone(id.value()).ok());
    row = journal.get(id.value()).value();
    QCOMPARE(row.status, PrintStatus::Done);
    QCOMPARE(row.attempts, 2);
    QCOMPARE(row.lastError, u"connection refused"_s); // the history stays readable
    auto sentAt = db::exec(m_db, u"SELECT sent_at IS NOT NULL FROM print_jobs WHERE id = ?"_s, {id.value()});
    QVERIFY(sentAt.ok() && sentAt.value().next() && sentAt.value().value(0).toBool());
  }

  void move_closesTheOldJob_andQueuesACopy()
  {
    PrintJournal journal(m_db);
    PrintJob job;
    job.fulfillmentOrderId = m_fo;
    job.printer = u"Laser-1"_s;
    auto id = journal.create(job);
    QVERIFY(id.ok());
    QVERIFY(journal.markFailed(id.value(), u"stopped"_s).ok());
    auto moved = journal.moveTo(id.value(), u"Laser-2"_s);
    QVERIFY2(moved.ok(), qPrintable(moved.ok() ? QString() : moved.error().message));
    QCOMPARE(journal.get(id.value()).value().status, PrintStatus::Moved);
    QCOMPARE(journal.get(id.value()).value().movedToJobId, moved.value());
    QCOMPARE(journal.get(moved.value()).value().printer, u"Laser-2"_s);
    QCOMPARE(journal.get(moved.value()).value().status, PrintStatus::Queued);
    auto again = journal.moveTo(id.value(), u"Laser-3"_s);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QVERIFY(journal.forFulfillmentOrder(m_fo).value().size() >= 3);
  }

  // A job for the default printer is journaled without a name; the send's finding fills it in, once, and never
  // renames a job that has a printer.
  void defaultPrinter_isNamedOnceASendFoundIt()
  {
    PrintJournal journal(m_db);
    PrintJob job;
    job.fulfillmentOrderId = m_fo;
    auto id = journal.create(job); // printer: a null QString
    VERIFY_OK(id);
    QCOMPARE(journal.get(id.value()).value().printer, QString());
    VERIFY_OK(journal.recordDefaultPrinter(id.value(), u"Laser-Default"_s));
    QCOMPARE(journal.get(id.value()).value().printer, u"Laser-Default"_s);
    VERIFY_OK(journal.recordDefaultPrinter(id.value(), u"Laser-Other"_s));
    QCOMPARE(journal.get(id.value()).value().printer, u"Laser-Default"_s);
    VERIFY_OK(journal.recordDefaultPrinter(id.value(), QString())); // nothing found: nothing written
    QCOMPARE(journal.get(id.value()).value().printer, u"Laser-Default"_s);
  }

  // At a station's start, what its last run left in flight is marked failed with the reason; finished jobs, and
  // another login's jobs, stay as they are.
  void jobsLeftUnsent_areMarkedFailed_forThisLoginOnly()
  {
    PrintJournal journal(m_db);
    PrintJob job;
    job.fulfillmentOrderId = m_fo;
    job.printer = u"Laser-1"_s;
    const qint64 waiting = journal.create(job).value();
    const qint64 retrying = journal.create(job).value();
    VERIFY_OK(journal.markRetrying(retrying));
    const qint64 done = journal.create(job).value();
    VERIFY_OK(journal.markSent(done));
    VERIFY_OK(journal.markDone(done));
    const qint64 elsewhere = journal.create(job).value();
    VERIFY_OK(db::exec(m_db, u"UPDATE print_jobs SET login = 'bench_other' WHERE id = ?"_s, {elsewhere}));
    auto failed = journal.failLeftUnsent();
    VERIFY_OK(failed);
    QVERIFY(failed.value() >= 2); // earlier cases' open jobs too
    for (qint64 id : {waiting, retrying}) {
      QCOMPARE(journal.get(id).value().status, PrintStatus::Failed);
      QVERIFY(journal.get(id).value().lastError.startsWith(u"Not printed: the station stopped"_s));
    }
    QCOMPARE(journal.get(done).value().status, PrintStatus::Done);
    QCOMPARE(journal.get(elsewhere).value().status, PrintStatus::Queued);
    QCOMPARE(journal.failLeftUnsent().value(), 0);
  }

  void unknownJob_isNotFound()
  {
    PrintJournal journal(m_db);
    QCOMPARE(journal.get(99'999'999).error().kind, ErrorKind::NotFound);
    QCOMPARE(journal.markDone(99'999'999).error().kind, ErrorKind::NotFound);
  }

  void badKind_isRefusedByTheSchema()
  {
    auto bad = db::exec(m_db, u"INSERT INTO print_jobs (kind, printer, format) VALUES ('poster', 'x', 'pdf')"_s);
    QVERIFY(!bad.ok());
  }

  void slipRepository_readsJsonbAddressesAndTimestamps()
  {
    auto slip = SlipRepository(m_db).load(m_fo);
    QVERIFY2(slip.ok(), qPrintable(slip.ok() ? QString() : slip.error().message));
    QCOMPARE(slip.value().orderName, u"#1002"_s);
    QCOMPARE(slip.value().shippingAddress.value(u"city"_s).toString(), u"Tucson"_s);
    QCOMPARE(slip.value().currency, u"USD"_s);
    QCOMPARE(slip.value().lines.size(), 3);
    QVERIFY(slip.value().orderCreatedAt.isValid());
    QVERIFY(slip.value().shipBy.isValid());
  }
};

QTEST_GUILESS_MAIN(PrintJournalTest)
#include "print_journal_test.moc"
