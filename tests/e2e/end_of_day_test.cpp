// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14's end of day on PostgreSQL through the real parts: a packer signed in at the StationWindow presses F10,
// a lead approves with badge and PIN (real key events), the station asks through packbench_request_manifest, the
// hub's CarrierLabelThread hears NOTIFY and asks the carrier fake for the manifests (POST /v1/manifests, one per
// carrier), the station hears NOTIFY packbench_manifest and prints each manifest PDF and its driver hand-off sheet
// through printing::JournaledPrinter on the sandboxed CUPS queue. Voided labels stay off; a second end of day takes
// only the labels bought since; a carrier that is down is said and nothing is marked; a lost answer the hub could not
// resolve is found at the carrier when the lead asks again, and printed; a packer's badge is refused.
// Screenshots of the station and the hand-off sheet (pdftoppm) are left in PACKBENCH_EOD_ARTIFACTS when set.
#include "core/db/demodata.h"
#include "core/db/sql.h"
#include "core/hub/carrierlabelthread.h"
#include "core/queue/orderqueue.h"
#include "core/queue/queuenotifier.h"
#include "tests/support/cupscapture.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/labelworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "ui/leadapprovalpanel.h"
#include "ui/printing/journaledprinter.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPrinterInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace pb;
using namespace Qt::StringLiterals;
using pb::test::press;
using pb::test::scan;

class EndOfDayTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QTranslator m_english; // as the station runs: "1 parcel", "3 parcels"
  QString m_artifacts;
  test::MigratedDatabase m_scratch;
  QSqlDatabase m_db;
  SystemClock m_clock;
  std::optional<test::CupsCapture> m_cups;
  test::LabelWorld m_world;
  QString m_locationCode;
  std::unique_ptr<printing::JournaledPrinter> m_journaled;
  std::unique_ptr<test::FakeCarrier> m_carrier;
  std::unique_ptr<hub::CarrierLabelThread> m_hub;
  std::unique_ptr<queue::QueueNotifier> m_notifier;
  std::unique_ptr<ui::StationWindow> m_window;

  QVariant value(const QString &sql, const QVariantList &values = {}) { return test::value(m_db, sql, values); }

  // A box at the bench whose label the hub bought from the fake ("Post…" ships USPS, anything else UPS).
  qint64 boughtLabel(const QString &shippingTitle)
  {
    auto order = test::addBenchOrder(m_db, m_world, shippingTitle);
    if (!order)
      qFatal("order: %s", qPrintable(order.error().message));
    auto id = test::requestLabel(m_db, m_world, *order);
    if (!id)
      qFatal("label: %s", qPrintable(id.error().message));
    if (!QTest::qWaitFor([&]() { return test::labelState(m_db, *id) == u"bought"; }, 15000))
      qFatal("label %lld not bought", static_cast<long long>(*id));
    return *id;
  }

  void openStation()
  {
    ui::StationOptions options;
    options.stationId = m_world.queue.stationId;
    options.sounds = false;
    options.printer = m_journaled.get();
    options.slipPrinter = u"packbench-pdf"_s; // the page printer: manifests and the hand-off sheet
    m_window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{u"bench-dock"_s, m_locationCode, u"PostgreSQL"_s}, options);
    connect(m_notifier.get(), &queue::QueueNotifier::manifestChanged, m_window.get(),
            &ui::StationWindow::manifestChanged);
    m_window->resize(1280, 800);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    test::scanBadgeAndTypePin(u"PB-1001"_s, u"1001"_s);
    QTRY_VERIFY(m_window->packer().has_value());
  }

  // F10, then a badge scanned into the lead panel and its PIN typed with Enter.
  void endOfDayApprovedBy(const QString &badge)
  {
    press(Qt::Key_F10);
    QTRY_VERIFY(m_window->leadPanel()->isVisible());
    QVERIFY2(m_window->leadPanel()->question().contains(u"End the day"_s),
             qPrintable(m_window->leadPanel()->question()));
    scan(badge);
    test::typeSlowly(test::demoPin(badge), 40);
    press(Qt::Key_Return);
  }

  QString headline() const { return m_window->banner()->headline(); }
  QString hint() const { return m_window->banner()->accessibleName(); } // headline. hint

  // The CUPS jobs printed after `after`, waited for one by one; their PDFs.
  QStringList cupsJobs(qint64 after, int count)
  {
    QStringList files;
    for (int i = 0; i < count; ++i) {
      auto pdf = m_cups->waitForJob(after, [](const QString &) { return true; });
      if (!pdf)
        qFatal("CUPS job %d of %d: %s", i + 1, count, qPrintable(pdf.error().message));
      files.append(*pdf);
      after = QRegularExpression(u"job-(\\d+)\\.pdf$"_s).match(*pdf).captured(1).toLongLong();
    }
    return files;
  }

  QImage renderPdf(const QByteArray &pdf, const QString &name)
  {
    const QString path = m_dir.filePath(name + u".pdf"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
      return {};
    file.close();
    QProcess render;
    render.start(u"pdftoppm"_s, {u"-r"_s, u"90"_s, u"-png"_s, u"-singlefile"_s, path, m_dir.filePath(name)});
    if (!render.waitForFinished(30000) || render.exitCode() != 0)
      return {};
    return QImage(m_dir.filePath(name + u".png"_s));
  }

  QString pdfText(const QByteArray &pdf)
  {
    const QString path = m_dir.filePath(u"text.pdf"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
      return {};
    file.close();
    return test::CupsCapture::pdfText(path);
  }

  void keep(const QImage &image, const QString &name)
  {
    if (!m_artifacts.isEmpty())
      QVERIFY(image.save(QDir(m_artifacts).filePath(name)));
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_english.load(u":/i18n/packbench_en"_s));
    QVERIFY(QCoreApplication::installTranslator(&m_english));
    m_artifacts = qEnvironmentVariable("PACKBENCH_EOD_ARTIFACTS");
    if (!m_artifacts.isEmpty())
      QVERIFY(QDir().mkpath(m_artifacts));
    auto cups = test::CupsCapture::fromEnvironment();
    VERIFY_OK(cups);
    m_cups.emplace(*cups);
    QVERIFY(QPrinterInfo::availablePrinterNames().contains(u"packbench-pdf"_s));
    auto scratch = test::createMigratedDatabase(u"endofday"_s);
    VERIFY_OK(scratch);
    m_scratch = *scratch;
    m_db = m_scratch.db;
    VERIFY_OK(db::seedDemoData(m_db, m_clock)); // the demo packers: PB-1001 packs, PB-9001 is a lead
    m_locationCode = value(u"SELECT code FROM locations ORDER BY id LIMIT 1"_s).toString();
    m_world.queue.shopId = value(u"SELECT id FROM shops ORDER BY id LIMIT 1"_s).toLongLong();
    m_world.queue.locationId = value(u"SELECT id FROM locations ORDER BY id LIMIT 1"_s).toLongLong();
    auto station = queue::registerStation(m_db, u"install-dock"_s, u"bench-dock"_s, m_world.queue.locationId);
    VERIFY_OK(station);
    m_world.queue.stationId = *station;
    VERIFY_OK(test::addShipFrom(m_db, m_world.queue.locationId));
    VERIFY_OK(test::addServiceRule(m_db, u"%"_s, test::FakeCarrier::upsCarrierId(), u"ups_ground"_s));
    VERIFY_OK(test::addServiceRule(m_db, u"Post%"_s, test::FakeCarrier::uspsCarrierId(), u"usps_priority_mail"_s,
                                   std::nullopt, 10));
    printing::JournaledPrinter::Policy policy;
    policy.maxAttempts = 1;
    m_journaled = std::make_unique<printing::JournaledPrinter>(m_db, policy);
    m_carrier = std::make_unique<test::FakeCarrier>();
    QVERIFY(m_carrier->listen() > 0);
    hub::CarrierLabelSettings hubSettings;
    hubSettings.database = m_scratch.settings;
    hubSettings.carrier = m_carrier->clientSettings(2000, 1, 5);
    hubSettings.worker.workerId = u"end-of-day-hub"_s;
    hubSettings.manifestRetry = {1, 2}; // a lost answer: looked up a second later, "check the carrier" after two tries
    hubSettings.pollMs = 30'000;        // NOTIFY wakes it
    m_hub = std::make_unique<hub::CarrierLabelThread>(hubSettings);
    m_hub->start();
    auto listen = db::openDatabase(m_scratch.settings, u"end-of-day-notify"_s);
    VERIFY_OK(listen);
    m_notifier = std::make_unique<queue::QueueNotifier>(*listen);
    VERIFY_OK(m_notifier->start());
  }

  void cleanup() { m_window.reset(); }

  void cleanupTestCase()
  {
    m_hub.reset();
    QVERIFY2(m_carrier->stats().contractErrors.isEmpty(), qPrintable(m_carrier->stats().contractErrors.join(u"\n"_s)));
  }

  void endOfDay_printsAManifestPerCarrier_andTheHandoffSheet_leavingVoidedLabelsOff()
  {
    const QList<qint64> ups{boughtLabel(u"Standard"_s), boughtLabel(u"Standard"_s)};
    const qint64 usps = boughtLabel(u"Post Priority"_s);
    // A label voided (its order went back to the queue) is on no manifest.
    const qint64 voided = boughtLabel(u"Standard"_s);
    VERIFY_OK(db::exec(m_db, u"SELECT packbench_retire_label(?, 'the order was packed again')"_s, {voided}));
    VERIFY_OK(db::exec(m_db, u"SELECT pg_notify('packbench_label_request', '0')"_s)); // the hub voids it now
    QTRY_COMPARE_WITH_TIMEOUT(test::labelState(m_db, voided), u"voided"_s, 15000);

    openStation();
    const qint64 before = m_cups->lastJob();
    endOfDayApprovedBy(u"PB-9001"_s);
    QTRY_VERIFY_WITH_TIMEOUT(headline().startsWith(u"End of day:"_s), 20000);
    QCOMPARE(headline(), u"End of day: 3 parcels on 2 manifests"_s);
    QVERIFY2(hint().contains(u"UPS 2 parcels"_s) && hint().contains(u"USPS 1 parcel"_s), qPrintable(hint()));
    if (!m_artifacts.isEmpty())
      QVERIFY(m_window->grab().save(QDir(m_artifacts).filePath(u"station-end-of-day.png"_s)));

    // The database: one manifest per carrier with its count and PDF, every live label marked, the voided one not.
    QCOMPARE(value(u"SELECT string_agg(carrier_name || '=' || label_count, ',' ORDER BY carrier_name) FROM "
                   "carrier_manifests"_s)
                 .toString(),
             u"UPS=2,USPS=1"_s);
    for (const qint64 id : {ups.at(0), ups.at(1), usps})
      QVERIFY(value(u"SELECT carrier_manifest_id FROM label_requests WHERE id = ?"_s, {id}).toLongLong() > 0);
    QVERIFY(value(u"SELECT carrier_manifest_id FROM label_requests WHERE id = ?"_s, {voided}).isNull());
    // The carrier's side: the same manifests, the voided label on none of them.
    QCOMPARE(m_carrier->manifests().size(), 2);
    const QString voidedLabel = value(u"SELECT label_id FROM label_requests WHERE id = ?"_s, {voided}).toString();
    for (const auto &m : m_carrier->manifests()) {
      QVERIFY(!m.labelIds.contains(voidedLabel));
      QCOMPARE(value(u"SELECT pdf FROM carrier_manifests WHERE manifest_id = ?"_s, {m.manifestId}).toByteArray(),
               m.pdf);
    }

    // Printed through the journal on the CUPS queue: two manifests and the hand-off sheet.
    const QStringList printed = cupsJobs(before, 3);
    QCOMPARE(printed.size(), 3);
    QTRY_COMPARE(value(u"SELECT count(*) FROM print_jobs WHERE status = 'done' AND (reference LIKE "
                       "'carrier-manifest:%' OR reference LIKE 'handoff-sheet:%')"_s)
                     .toInt(),
                 3);
    const QByteArray sheet =
        value(u"SELECT payload FROM print_jobs WHERE reference LIKE 'handoff-sheet:%' ORDER BY id DESC LIMIT 1"_s)
            .toByteArray();
    const QString text = pdfText(sheet);
    for (const QString &expected : {u"Driver hand-off"_s, m_locationCode, u"bench-dock"_s, u"UPS"_s, u"USPS"_s,
                                    u"Driver's name"_s, u"Signature"_s, u"Time"_s})
      QVERIFY2(text.contains(expected), qPrintable(expected + u" not in:\n"_s + text));
    for (const auto &m : m_carrier->manifests())
      QVERIFY2(text.contains(m.manifestId), qPrintable(m.manifestId));
    QVERIFY2(QRegularExpression(u"Total\\s+2 manifests\\s+3"_s).match(text).hasMatch(), qPrintable(text));
    // Look at them as a person would.
    const QImage sheetPage = renderPdf(sheet, u"handoff-sheet"_s);
    QVERIFY(!sheetPage.isNull());
    QVERIFY(sheetPage.height() > sheetPage.width()); // Letter, upright
    keep(sheetPage, u"handoff-sheet.png"_s);
    const QImage manifestPage = renderPdf(m_carrier->manifests().begin()->pdf, u"manifest"_s);
    QVERIFY(!manifestPage.isNull());
    keep(manifestPage, u"carrier-manifest.png"_s);
    // A printed page is the page, not a 4x6 label: Letter-sized in CUPS's output too.
    const QImage printedPage = renderPdf(
        [&]() {
          QFile f(printed.last());
          return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }(),
        u"printed"_s);
    QVERIFY(!printedPage.isNull());
    QVERIFY2(qAbs(double(printedPage.height()) / printedPage.width() - 11.0 / 8.5) < 0.02,
             qPrintable(u"%1x%2"_s.arg(printedPage.width()).arg(printedPage.height())));
    QCOMPARE(value(u"SELECT count(*) FROM audit_log WHERE action = 'manifest.requested' AND actor_id = (SELECT "
                   "id::text FROM packers WHERE badge_id = 'PB-9001')"_s)
                 .toInt(),
             1);
  }

  void secondEndOfDay_takesOnlyTheLabelsBoughtSince()
  {
    const qint64 fresh = boughtLabel(u"Standard"_s);
    const int manifestsBefore = value(u"SELECT count(*) FROM carrier_manifests"_s).toInt();
    openStation();
    endOfDayApprovedBy(u"PB-9001"_s);
    QTRY_VERIFY_WITH_TIMEOUT(headline().startsWith(u"End of day:"_s), 20000);
    QCOMPARE(headline(), u"End of day: 1 parcel on 1 manifest"_s);
    QCOMPARE(value(u"SELECT count(*) FROM carrier_manifests"_s).toInt(), manifestsBefore + 1);
    const qint64 manifest =
        value(u"SELECT carrier_manifest_id FROM label_requests WHERE id = ?"_s, {fresh}).toLongLong();
    QCOMPARE(value(u"SELECT count(*) FROM label_requests WHERE carrier_manifest_id = ?"_s, {manifest}).toInt(), 1);
  }

  void carrierDown_saysSo_andMarksNothing_thenAskedAgainItWorks()
  {
    const qint64 label = boughtLabel(u"Post Ground"_s);
    openStation();
    m_carrier->failNext(u"create_manifest"_s, 1, 500);
    const int requests = value(u"SELECT count(*) FROM manifest_requests"_s).toInt();
    endOfDayApprovedBy(u"PB-9001"_s);
    QTRY_VERIFY_WITH_TIMEOUT(headline().startsWith(u"End of day not done"_s), 20000);
    QVERIFY2(hint().contains(u"not answering"_s) && hint().contains(u"no label marked"_s) &&
                 hint().contains(u"F10 asks again"_s),
             qPrintable(hint()));
    if (!m_artifacts.isEmpty())
      QVERIFY(m_window->grab().save(QDir(m_artifacts).filePath(u"station-end-of-day-carrier-down.png"_s)));
    QCOMPARE(value(u"SELECT state || '/' || error_kind FROM manifest_requests ORDER BY id DESC LIMIT 1"_s).toString(),
             u"failed/carrier_unavailable"_s);
    QCOMPARE(value(u"SELECT count(*) FROM manifest_requests"_s).toInt(), requests + 1);
    QVERIFY(value(u"SELECT carrier_manifest_id FROM label_requests WHERE id = ?"_s, {label}).isNull());
    // The lead asks again once the carrier is back.
    endOfDayApprovedBy(u"PB-9001"_s);
    QTRY_VERIFY_WITH_TIMEOUT(headline().startsWith(u"End of day:"_s), 20000);
    QVERIFY(value(u"SELECT carrier_manifest_id FROM label_requests WHERE id = ?"_s, {label}).toLongLong() > 0);
  }

  void lostAnswerNeverLearnt_askedAgain_printsTheManifestFoundAtTheCarrier()
  {
    const qint64 label = boughtLabel(u"Standard"_s);
    openStation();
    // The carrier makes the manifest and its answer is lost; then the carrier cannot be asked about it.
    m_carrier->loseNext(u"create_manifest"_s);
    m_carrier->failNext(u"list_manifests"_s, 2, 500);
    const int posts = m_carrier->stats().calls.value(u"create_manifest"_s);
    endOfDayApprovedBy(u"PB-9001"_s);
    QTRY_VERIFY_WITH_TIMEOUT(headline().startsWith(u"End of day not done"_s), 20000);
    QVERIFY2(hint().contains(u"Check the carrier's manifests of today"_s) && hint().contains(u"F10 asks again"_s),
             qPrintable(hint()));
    QVERIFY(value(u"SELECT carrier_manifest_id FROM label_requests WHERE id = ?"_s, {label}).isNull());
    // The lead asks again: the hub looks the manifest up before sending anything, and the station prints it.
    endOfDayApprovedBy(u"PB-9001"_s);
    QTRY_VERIFY_WITH_TIMEOUT(headline().startsWith(u"End of day:"_s), 20000);
    QCOMPARE(headline(), u"End of day: 1 parcel on 1 manifest"_s);
    QVERIFY2(hint().contains(u"1 found at the carrier after a lost answer"_s), qPrintable(hint()));
    QCOMPARE(m_carrier->stats().calls.value(u"create_manifest"_s), posts + 1);
    const QString manifest =
        m_carrier->labels()
            .value(value(u"SELECT label_id FROM label_requests WHERE id = ?"_s, {label}).toString())
            .manifestId;
    QCOMPARE(value(u"SELECT m.manifest_id FROM label_requests r JOIN carrier_manifests m ON m.id = "
                   "r.carrier_manifest_id WHERE r.id = ?"_s,
                   {label})
                 .toString(),
             manifest);
  }

  void packersBadge_isRefused_andNothingIsAsked()
  {
    openStation();
    const int requests = value(u"SELECT count(*) FROM manifest_requests"_s).toInt();
    endOfDayApprovedBy(u"PB-1002"_s);
    QTRY_VERIFY(!m_window->leadPanel()->findChild<QLabel *>(u"leadProblem"_s)->text().isEmpty());
    QVERIFY(m_window->leadPanel()->isVisible());
    QVERIFY(m_window->leadPanel()->findChild<QLabel *>(u"leadProblem"_s)->text().contains(u"not an active lead"_s));
    press(Qt::Key_Escape);
    QTRY_VERIFY(!m_window->leadPanel()->isVisible());
    QCOMPARE(value(u"SELECT count(*) FROM manifest_requests"_s).toInt(), requests);
  }
};

QTEST_MAIN(EndOfDayTest)
#include "end_of_day_test.moc"
