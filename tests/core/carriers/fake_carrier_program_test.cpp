// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-fake-carrier as scripts start it: the first line is its base URL, the adapter buys a label from
// it, /fake/stats counts it, and --rate-limit and the fault options take effect.
#include "core/carriers/shipenginecarrier.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pb::carriers;

class FakeCarrierProgramTest final : public QObject {
  Q_OBJECT

  QJsonObject stats(const QUrl &base)
  {
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(base.toString() + u"/fake/stats"_s)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10000))
      return {};
    const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return object;
  }

private Q_SLOTS:
  void program_printsItsUrl_sellsALabel_andCountsIt()
  {
    QProcess fake;
    fake.start(QStringLiteral(PACKBENCH_FAKE_CARRIER_BINARY), {u"--rate-limit"_s, u"50/60000"_s});
    QVERIFY(fake.waitForStarted(10000));
    QVERIFY(fake.waitForReadyRead(30000));
    const QUrl base(QString::fromUtf8(fake.readLine()).trimmed());
    QVERIFY2(base.isValid() && base.port() > 0, qPrintable(base.toString()));

    ShipEngineSettings settings;
    settings.baseUrl = base;
    settings.apiKey = "TEST_packbench_fake_key";
    settings.requestsPerMinute = 50;
    ShipEngineCarrier carrier(settings, nullptr);
    LabelPurchase purchase;
    Shipment &s = purchase.shipment;
    s.carrierId = u"se-100002"_s;
    s.serviceCode = u"usps_ground_advantage"_s;
    s.externalShipmentId = u"pb-program-1"_s;
    s.shipTo = {u"Ada Fictional"_s, {}, {}, u"1 Example Way"_s, {}, {}, u"Austin"_s, u"TX"_s, u"78701"_s, u"US"_s, {}};
    s.shipFrom = {u"Warehouse"_s, u"555-0100"_s, {},         u"2 Dock Road"_s, {}, {},
                  u"Reno"_s,      u"NV"_s,       u"89501"_s, u"US"_s,          {}};
    s.parcels = {Parcel{400, 0, 0, 0, {}, {}}};
    purchase.options.format = LabelFormat::Pdf;
    const auto label = waitFor<Label>([&](Done<Label> done) { carrier.buyLabel(purchase, done); });
    QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
    QVERIFY(label->bytes.startsWith("%PDF-"));

    const QJsonObject counted = stats(base);
    QCOMPARE(counted.value(u"labels_bought"_s).toInt(), 1);
    QCOMPARE(counted.value(u"invalid_requests"_s).toInt(), 0);
    QCOMPARE(counted.value(u"invalid_responses"_s).toInt(), 0);
    fake.terminate();
    QVERIFY(fake.waitForFinished(10000));
  }
};

QTEST_GUILESS_MAIN(FakeCarrierProgramTest)
#include "fake_carrier_program_test.moc"
