// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The ShipEngine adapter against the carrier fake over real sockets: every call, the labels read back
// (ZPL rasterised, PDF through pdftoppm, both decoded by zxing-cpp), and every failure the brief names —
// 429 with Retry-After, 5xx with backoff, a lost answer found by external_shipment_id instead of bought
// twice, a slow answer past the time limit. Every exchange is checked against the OpenAPI definition.
#include "core/carriers/shipenginecarrier.h"
#include "core/carriers/shipenginejson.h"
#include "tests/support/carrierdocuments.h"
#include "tests/support/code128read.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/zplraster.h"

#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace pb;
using namespace pb::carriers;

namespace {

Shipment shipment(const QString &externalId, const QString &carrierId = test::FakeCarrier::upsCarrierId(),
                  const QString &service = u"ups_ground"_s)
{
  Shipment s;
  s.carrierId = carrierId;
  s.serviceCode = service;
  s.externalShipmentId = externalId;
  s.shipDate = QDateTime(QDate(2026, 12, 2), QTime(15, 0), Qt::UTC);
  s.shipTo = {u"Ada Fictional"_s, {}, {}, u"1 Example Way"_s, {}, {}, u"Austin"_s, u"TX"_s, u"78701"_s, u"US"_s, true};
  s.shipFrom = {u"Packbench Warehouse"_s,
                u"555-0100"_s,
                u"Packbench"_s,
                u"2 Dock Road"_s,
                {},
                {},
                u"Reno"_s,
                u"NV"_s,
                u"89501"_s,
                u"US"_s,
                false};
  s.parcels = {Parcel{850, 300, 200, 100, {}, u"#1001"_s}};
  return s;
}

} // namespace

class CarrierAdapterTest final : public QObject {
  Q_OBJECT

  std::unique_ptr<test::FakeCarrier> m_fake;
  std::unique_ptr<ShipEngineCarrier> m_carrier;
  QTemporaryDir m_dir;
  bool m_expectContractErrors = false;

  ShipEngineCarrier &carrier(int timeoutMs = 3000, int maxRetries = 3, std::shared_ptr<RequestPacer> pacer = {})
  {
    m_carrier = std::make_unique<ShipEngineCarrier>(m_fake->clientSettings(timeoutMs, maxRetries), std::move(pacer));
    return *m_carrier;
  }

  CarrierResult<Label> buy(const Shipment &s, LabelFormat format = LabelFormat::Zpl)
  {
    return waitFor<Label>([&](Done<Label> done) { m_carrier->buyLabel({s, {format, u"4x6"_s}}, done); });
  }

  // Three labels bought, two UPS and one USPS (external ids prefix0…2): their label ids, or fewer if one failed.
  QStringList twoUpsOneUsps(const QString &prefix)
  {
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
      const auto l = buy(shipment(prefix + QString::number(i),
                                  i < 2 ? test::FakeCarrier::upsCarrierId() : test::FakeCarrier::uspsCarrierId(),
                                  i < 2 ? u"ups_ground"_s : u"usps_priority_mail"_s));
      if (l.ok())
        ids << l->labelId;
    }
    return ids;
  }

  // A directory to keep what a person should look at: PACKBENCH_CARRIER_ARTIFACTS, else the test's own.
  QString artifact(const QString &name) const
  {
    const QString dir = qEnvironmentVariable("PACKBENCH_CARRIER_ARTIFACTS", m_dir.path());
    return dir + u'/' + name;
  }

  QString run(const QString &program, const QStringList &args)
  {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
      return u"<%1 failed: %2>"_s.arg(program, QString::fromUtf8(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void init()
  {
    m_fake = std::make_unique<test::FakeCarrier>();
    QVERIFY(m_fake->listen() != 0);
    m_expectContractErrors = false;
  }

  void cleanup()
  {
    // Every request the adapter sent and every answer the fake gave kept to the OpenAPI definition.
    if (!m_expectContractErrors)
      QVERIFY2(m_fake->stats().contractErrors.isEmpty(), qPrintable(m_fake->stats().contractErrors.join(u'\n')));
    m_carrier.reset();
    m_fake.reset();
  }

  void rates_listsEveryServiceInMinorUnits()
  {
    carrier();
    RateRequest request{shipment({}), {test::FakeCarrier::upsCarrierId(), test::FakeCarrier::uspsCarrierId()}, {}};
    request.shipment.carrierId.clear();
    request.shipment.serviceCode.clear();
    const auto quote = waitFor<RateQuote>([&](Done<RateQuote> done) { m_carrier->rates(request, done); });
    QVERIFY2(quote.ok(), quote.ok() ? "" : qPrintable(quote.error().message));
    QCOMPARE(quote->rates.size(), 6);
    const Rate &ground = *std::find_if(quote->rates.cbegin(), quote->rates.cend(),
                                       [](const Rate &r) { return r.serviceCode == u"ups_ground"; });
    QCOMPARE(ground.shipping, (Money{950 + 35 * 9, u"USD"_s})); // 850 g: nine started 100 g
    QCOMPARE(ground.deliveryDays, 3);
    QVERIFY(!ground.rateId.isEmpty());
  }

  void buyLabel_zpl_isA4x6LabelWhoseBarcodeDecodesToTheTrackingNumber()
  {
    carrier();
    const auto label = buy(shipment(u"pb-pkg-1"_s), LabelFormat::Zpl);
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QVERIFY(label->trackingNumber.startsWith(u"1Z"_s));
    QCOMPARE(label->format, LabelFormat::Zpl);
    QVERIFY(label->bytes.startsWith("^XA"));
    QVERIFY(label->bytes.contains("^PW812") && label->bytes.contains("^LL1218")); // 4×6 in at 203 dpi
    const test::ZplPage page = test::rasteriseZpl(label->bytes);
    QVERIFY2(page.unsupported.isEmpty(), qPrintable(page.unsupported.join(u' ')));
    QCOMPARE(page.barcodeData, QStringList{label->trackingNumber});
    QVERIFY(page.image.save(artifact(u"label-zpl.png"_s)));
    QCOMPARE(test::readCode128(page.image), label->trackingNumber);
    QCOMPARE(label->shipmentCost, (Money{950 + 35 * 9, u"USD"_s}));
    QCOMPARE(label->externalShipmentId, u"pb-pkg-1"_s);
    QVERIFY(!label->recovered);
  }

  void buyLabel_pdf_rendersWithPdftoppmAndDecodes()
  {
    carrier();
    const auto label =
        buy(shipment(u"pb-pkg-2"_s, test::FakeCarrier::uspsCarrierId(), u"usps_priority_mail"_s), LabelFormat::Pdf);
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QVERIFY(label->bytes.startsWith("%PDF-"));
    const QString pdf = artifact(u"label.pdf"_s);
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(label->bytes) == label->bytes.size());
    file.close();
    QVERIFY(run(u"pdfinfo"_s, {pdf}).contains(u"288 x 432 pts"_s)); // 4×6 in
    QVERIFY(run(u"pdftotext"_s, {pdf, u"-"_s}).contains(label->trackingNumber));
    const QString prefix = artifact(u"label-pdf"_s);
    run(u"pdftoppm"_s, {u"-r"_s, u"200"_s, u"-gray"_s, u"-png"_s, u"-singlefile"_s, pdf, prefix});
    QCOMPARE(test::readCode128(QImage(prefix + u".png"_s)), label->trackingNumber);
    QCOMPARE(label->trackingNumber.size(), 20); // USPS 20
  }

  void buyLabel_png_decodes()
  {
    carrier();
    const auto label = buy(shipment(u"pb-pkg-png"_s), LabelFormat::Png);
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QImage image;
    QVERIFY(image.loadFromData(label->bytes, "PNG"));
    QCOMPARE(image.size(), QSize(812, 1218));
    QCOMPARE(test::readCode128(image), label->trackingNumber);
  }

  void trackingNumbers_carryTheDatasetsCheckDigits()
  {
    // Valid test numbers of ../shared/reference/tracking-numbers (ups.json "UPS", usps.json "USPS 20").
    QCOMPARE(test::carrierdocs::upsTrackingNumber(u"5R8939"_s, u"03"_s, 5756712), u"1Z5R89390357567127"_s);
    QCOMPARE(test::carrierdocs::upsTrackingNumber(u"879E93"_s, u"03"_s, 4683444), u"1Z879E930346834440"_s);
    QCOMPARE(test::carrierdocs::usps20TrackingNumber(u"03"_s, u"071790000"_s, 52348374), u"03071790000523483741"_s);
    QCOMPARE(test::carrierdocs::usps20TrackingNumber(u"71"_s, u"123456789"_s, 12345678), u"71123456789123456787"_s);
  }

  void buyLabelFromRate_buysTheCheapestOnce()
  {
    carrier();
    RateRequest request{shipment(u"pb-pkg-rate"_s), {test::FakeCarrier::uspsCarrierId()}, {}};
    request.shipment.carrierId.clear();
    request.shipment.serviceCode.clear();
    const auto quote = waitFor<RateQuote>([&](Done<RateQuote> done) { m_carrier->rates(request, done); });
    QVERIFY(quote.ok());
    const Rate cheapest =
        *std::min_element(quote->rates.cbegin(), quote->rates.cend(),
                          [](const Rate &a, const Rate &b) { return a.total().minor < b.total().minor; });
    QCOMPARE(cheapest.serviceCode, u"usps_ground_advantage"_s);
    const auto label = waitFor<Label>([&](Done<Label> done) {
      m_carrier->buyLabelFromRate(cheapest.rateId, u"pb-pkg-rate"_s, {LabelFormat::Zpl, u"4x6"_s}, done);
    });
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QCOMPARE(label->serviceCode, u"usps_ground_advantage"_s);
    QCOMPARE(label->shipmentCost, cheapest.shipping);
    QCOMPARE(m_fake->paidLabels(), 1);
  }

  void findLabel_byExternalId_orNotFound()
  {
    carrier();
    const auto bought = buy(shipment(u"pb-pkg-find"_s));
    QVERIFY(bought.ok());
    const auto found = waitFor<Label>([&](Done<Label> done) { m_carrier->findLabel(u"pb-pkg-find"_s, done); });
    QVERIFY(found.ok());
    QCOMPARE(found->labelId, bought->labelId);
    QCOMPARE(found->bytes, bought->bytes);
    const auto missing = waitFor<Label>([&](Done<Label> done) { m_carrier->findLabel(u"pb-never-bought"_s, done); });
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, CarrierErrorKind::NotFound);
  }

  void voidLabel_approvesOnce_thenSaysAlreadyVoided()
  {
    carrier();
    const auto label = buy(shipment(u"pb-pkg-void"_s));
    QVERIFY(label.ok());
    const auto first =
        waitFor<VoidOutcome>([&](Done<VoidOutcome> done) { m_carrier->voidLabel(label->labelId, done); });
    QVERIFY(first.ok() && first->approved);
    QCOMPARE(m_fake->paidLabels(), 0);
    const auto again =
        waitFor<VoidOutcome>([&](Done<VoidOutcome> done) { m_carrier->voidLabel(label->labelId, done); });
    QVERIFY(again.ok() && !again->approved);
    QCOMPARE(again->reasonCode, u"label_already_voided"_s);
    const auto unknown =
        waitFor<VoidOutcome>([&](Done<VoidOutcome> done) { m_carrier->voidLabel(u"se-999999"_s, done); });
    QCOMPARE(unknown.error().kind, CarrierErrorKind::NotFound);
  }

  void tracking_followsTheParcel()
  {
    carrier();
    const auto label = buy(shipment(u"pb-pkg-track"_s));
    QVERIFY(label.ok());
    auto track = [&]() {
      return waitFor<TrackingInfo>(
          [&](Done<TrackingInfo> done) { m_carrier->tracking(label->carrierCode, label->trackingNumber, done); });
    };
    auto info = track();
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().message));
    QCOMPARE(info->status, TrackingStatus::Accepted);
    QVERIFY(m_fake->advanceTracking(label->trackingNumber, 2));
    info = track();
    QCOMPARE(info->status, TrackingStatus::InTransit);
    QCOMPARE(info->statusDetailCode, u"OUT_FOR_DELIVERY"_s);
    QCOMPARE(info->events.size(), 3);
    QVERIFY(info->events.first().occurredAt < info->events.last().occurredAt);
    m_fake->advanceTracking(label->trackingNumber, 3);
    info = track();
    QCOMPARE(info->status, TrackingStatus::Delivered);
    QVERIFY(info->actualDelivery.isValid());
    const auto unknown = waitFor<TrackingInfo>(
        [&](Done<TrackingInfo> done) { m_carrier->tracking(u"ups"_s, u"1Z0000000000000000"_s, done); });
    QCOMPARE(unknown.error().kind, CarrierErrorKind::NotFound);
  }

  void manifest_onePerCarrier_withItsPdf()
  {
    carrier();
    const QStringList ids = twoUpsOneUsps(u"pb-pkg-m"_s);
    QCOMPARE(ids.size(), 3);
    ManifestRequest request;
    request.labelIds = ids;
    const auto manifests =
        waitFor<QList<Manifest>>([&](Done<QList<Manifest>> done) { m_carrier->createManifest(request, done); });
    QVERIFY2(manifests.ok(), manifests.ok() ? "" : qPrintable(manifests.error().message));
    QCOMPARE(manifests->size(), 2);
    QCOMPARE(manifests->first().shipments + manifests->last().shipments, 3);
    const QString pdf = artifact(u"manifest.pdf"_s);
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(manifests->first().pdf);
    file.close();
    QVERIFY(manifests->first().pdf.startsWith("%PDF-"));
    const QString text = run(u"pdftotext"_s, {pdf, u"-"_s});
    QVERIFY2(text.contains(manifests->first().manifestId), qPrintable(text));
    // A label already on a manifest is refused the second time.
    const auto again =
        waitFor<QList<Manifest>>([&](Done<QList<Manifest>> done) { m_carrier->createManifest(request, done); });
    QCOMPARE(again.error().kind, CarrierErrorKind::Validation);
  }

  void findManifests_pagesThroughTheManifestsHoldingTheLabels_withTheirPdfs()
  {
    carrier();
    QStringList ids = twoUpsOneUsps(u"pb-pkg-f"_s);
    QCOMPARE(ids.size(), 3);
    const auto find = [&](const QStringList &labelIds) {
      return waitFor<QList<Manifest>>([&](Done<QList<Manifest>> done) { m_carrier->findManifests(labelIds, done); });
    };
    // On no manifest yet: an empty answer, not an error.
    const auto none = find(ids);
    QVERIFY2(none.ok(), none.ok() ? "" : qPrintable(none.error().message));
    QVERIFY(none->isEmpty());
    ManifestRequest request;
    request.labelIds = ids;
    const auto made =
        waitFor<QList<Manifest>>([&](Done<QList<Manifest>> done) { m_carrier->createManifest(request, done); });
    QVERIFY(made.ok());
    // One manifest a page: the adapter follows the pages (label_ids exploded, each checked against the definition).
    m_fake->setManifestPageLimit(1);
    const int lookups = m_fake->stats().calls.value(u"list_manifests"_s);
    const auto found = find(ids);
    QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().message));
    QCOMPARE(m_fake->stats().calls.value(u"list_manifests"_s), lookups + 2);
    QCOMPARE(found->size(), 2);
    QStringList onThem;
    for (const Manifest &m : found.value()) {
      QVERIFY(m.pdf.startsWith("%PDF-"));
      QVERIFY(
          std::any_of(made->cbegin(), made->cend(), [&](const Manifest &n) { return n.manifestId == m.manifestId; }));
      onThem << m.labelIds;
    }
    onThem.sort();
    ids.sort();
    QCOMPARE(onThem, ids);
    // Asked about one label: only its manifest.
    const auto one = find({ids.first()});
    QVERIFY(one.ok());
    QCOMPARE(one->size(), 1);
    QVERIFY(one->first().labelIds.contains(ids.first()));
  }

  void rateLimited_waitsRetryAfter_thenSucceeds()
  {
    m_fake->setRateLimit(2, 1500);
    // A pacer that allows more than the carrier does (another client on the key): the 429 must be honoured.
    const SystemClock clock;
    carrier(3000, 3, std::make_shared<RequestPacer>(100, 1000, clock, 0));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 3; ++i) {
      const auto label = buy(shipment(u"pb-pkg-429-%1"_s.arg(i)));
      QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    }
    QVERIFY(m_fake->stats().rateLimited >= 1);
    QCOMPARE(m_carrier->transport().throttled(), m_fake->stats().rateLimited);
    QVERIFY(timer.elapsed() >= 1000); // Retry-After is whole seconds
    QCOMPARE(m_fake->stats().labelsBought, 3);
    QCOMPARE(m_fake->stats().duplicatePurchases, 0);
  }

  void pacer_keepsUnderTheLimit_withoutA429()
  {
    m_fake->setRateLimit(4, 800);
    const SystemClock clock;
    carrier(3000, 3, std::make_shared<RequestPacer>(4, 800, clock, 100));
    for (int i = 0; i < 10; ++i) {
      const auto label = buy(shipment(u"pb-pkg-paced-%1"_s.arg(i)));
      QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    }
    QCOMPARE(m_fake->stats().rateLimited, 0);
    QCOMPARE(m_fake->stats().labelsBought, 10);
  }

  void serverErrors_retriedWithBackoff()
  {
    carrier();
    const auto label = buy(shipment(u"pb-pkg-5xx"_s));
    QVERIFY(label.ok());
    m_fake->failNext(u"get_tracking_log"_s, 2, 500);
    const auto info = waitFor<TrackingInfo>(
        [&](Done<TrackingInfo> done) { m_carrier->tracking(label->carrierCode, label->trackingNumber, done); });
    QVERIFY(info.ok());
    QCOMPARE(m_carrier->transport().retries(), 2);
    // A purchase that met a 500 is looked up (nothing there) and bought again: one label.
    m_fake->failNext(u"create_label"_s, 2, 500);
    const auto second = buy(shipment(u"pb-pkg-5xx-2"_s));
    QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
    QCOMPARE(m_fake->stats().labelsBought, 2);
    QCOMPARE(m_fake->stats().serverErrors, 4);
    // Past the retries: a clear Server error, nothing bought.
    m_fake->failNext(u"create_label"_s, 10, 500);
    const auto failed = buy(shipment(u"pb-pkg-5xx-3"_s));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind, CarrierErrorKind::Server);
    QVERIFY(!failed.error().outcomeUnknown());
    QCOMPARE(m_fake->stats().labelsBought, 2);
  }

  void lostAnswer_findsTheLabel_insteadOfBuyingTwice()
  {
    carrier();
    m_fake->loseNext(u"create_label"_s);
    const auto label = buy(shipment(u"pb-pkg-lost"_s));
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QVERIFY(label->recovered);
    QCOMPARE(m_fake->stats().lost, 1);
    QCOMPARE(m_fake->stats().labelsBought, 1);
    QCOMPARE(m_fake->stats().duplicatePurchases, 0);
    QCOMPARE(m_carrier->recoveredLabels(), 1);
    QCOMPARE(test::rasteriseZpl(label->bytes).barcodeData, QStringList{label->trackingNumber});
  }

  void slowAnswer_pastTheTimeLimit_isLookedUp_notBoughtAgain()
  {
    carrier(400);
    m_fake->slowNext(u"create_label"_s, 1, 1500);
    const auto label = buy(shipment(u"pb-pkg-slow"_s));
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QVERIFY(label->recovered);
    QCOMPARE(m_fake->stats().labelsBought, 1);
    QTest::qWait(1300); // the late answer finds its client gone and is dropped
    QCOMPARE(m_fake->paidLabels(), 1);
  }

  void buyingAgain_withTheSameExternalId_returnsTheFirstLabel()
  {
    carrier();
    const auto first = buy(shipment(u"pb-pkg-again"_s));
    const auto second = buy(shipment(u"pb-pkg-again"_s));
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(second->labelId, first->labelId);
    QVERIFY(second->recovered);
    QCOMPARE(m_fake->stats().labelsBought, 1);
    QCOMPARE(m_fake->stats().duplicatePurchases, 1);
  }

  void wrongKey_isAnAuthError_notRetried()
  {
    auto settings = m_fake->clientSettings();
    settings.apiKey = "TEST_wrong";
    m_carrier = std::make_unique<ShipEngineCarrier>(settings, nullptr);
    const auto label = buy(shipment(u"pb-pkg-auth"_s));
    QCOMPARE(label.error().kind, CarrierErrorKind::Auth);
    QCOMPARE(m_fake->stats().unauthorized, 1);
    QVERIFY(!label.error().message.contains(u"TEST_wrong"_s));
  }

  void badPurchases_areValidationErrors()
  {
    carrier();
    Shipment noWeight = shipment(u"pb-pkg-bad"_s);
    noWeight.parcels[0].weightGrams = 0;
    noWeight.shipFrom.phone.clear();
    const auto refusedHere = buy(noWeight);
    QCOMPARE(refusedHere.error().kind, CarrierErrorKind::Validation);
    QVERIFY(refusedHere.error().message.contains(u"no weight"_s));
    QVERIFY(refusedHere.error().message.contains(u"phone"_s));
    QCOMPARE(m_fake->stats().requests, 0); // nothing sent
    const auto refusedThere = buy(shipment(u"pb-pkg-bad2"_s, test::FakeCarrier::upsCarrierId(), u"ups_teleport"_s));
    QCOMPARE(refusedThere.error().kind, CarrierErrorKind::Validation);
    QCOMPARE(refusedThere.error().errorCodes, QStringList{u"invalid_field_value"_s});
    QVERIFY(!refusedThere.error().requestId.isEmpty());
  }

  void contract_catchesAnInvalidRequest()
  {
    m_expectContractErrors = true;
    carrier();
    // A raw request no adapter would send: an unknown label_format and no ship_to name.
    ShipEngineCall call{"POST", u"/v1/labels"_s, {}, {}, u"create_label"_s};
    QJsonObject body = shipengine::labelRequestBody({shipment(u"pb-pkg-raw"_s), {}});
    body.insert(u"label_format"_s, u"gif"_s);
    call.body = body;
    const auto answer = waitFor<QJsonObject>([&](Done<QJsonObject> done) { m_carrier->transport().call(call, done); });
    QCOMPARE(answer.error().kind, CarrierErrorKind::Validation);
    QCOMPARE(m_fake->stats().invalidRequests, 1);
    QVERIFY2(m_fake->stats().contractErrors.join(u'\n').contains(u"label_format"_s),
             qPrintable(m_fake->stats().contractErrors.join(u'\n')));
    QCOMPARE(m_fake->stats().labelsBought, 0);
  }

  void contract_catchesAnInvalidResponse()
  {
    test::OpenApiCheck check(
        qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + u"/tests/data/carriers/shipengine-openapi.yaml"_s,
        qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + u"/tests/support/openapi-validator/validate-lines.mjs"_s);
    test::HttpExchange bad{
        true, "PUT", u"/v1/labels/se-1/void"_s, 200, {{"Content-Type", "application/json"}}, R"({"approved":"yes"})"};
    const test::ContractVerdict verdict = check.check(bad);
    QCOMPARE(verdict.operation, u"void_label"_s);
    QVERIFY2(verdict.errors.join(u'\n').contains(u"approved"_s), qPrintable(verdict.errors.join(u'\n')));
    QVERIFY2(verdict.errors.join(u'\n').contains(u"message"_s), qPrintable(verdict.errors.join(u'\n')));
    test::HttpExchange good = bad;
    good.body = R"({"approved":true,"message":"voided"})";
    QCOMPARE(check.check(good).errors, QStringList{});
  }
};

QTEST_MAIN(CarrierAdapterTest)
#include "carrier_adapter_test.moc"
