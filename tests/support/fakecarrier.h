// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/shipenginetransport.h"
#include "tests/support/openapicheck.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;

namespace pb::test {

class CarrierHttpServer;

// A local ShipEngine (ShipStation API v2) for the calls Packbench makes, following the OpenAPI definition
// (../shared/reference/carriers/shipengine-openapi.yaml): every request it is sent and every answer it
// gives is checked against it (OpenApiCheck; a bad request is answered 400 and counted). It keeps labels
// per external_shipment_id (unique per account: a second purchase is refused as identifier_conflict),
// makes real 4×6 labels (ZPL, PDF, PNG with the tracking number as Code 128), voids, answers tracking,
// makes manifests (PDF), enforces the rate limit (429 + Retry-After), and injects faults on demand:
// 5xx (nothing done), slow answers (done, answered late) and lost answers (done, connection closed with
// no answer). Lives on the thread that creates it; never blocks it.
class FakeCarrier final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(FakeCarrier)

public:
  struct Faults {
    double serverError = 0; // 500, nothing done
    double lost = 0;        // done, then the connection is closed without an answer
    double slow = 0;        // done, answered after slowMs
    int slowMs = 0;
    QStringList operations; // operationIds the faults hit (empty: every operation)
  };
  struct StoredLabel {
    QString labelId;
    QString shipmentId;
    QString externalShipmentId;
    QString carrierId;
    QString carrierCode;
    QString serviceCode;
    QString trackingNumber;
    QString format; // pdf, png, zpl
    QString layout;
    QByteArray document; // the label in its format
    QJsonObject shipTo;
    QJsonObject packages; // {"packages": [...]} as requested
    QDateTime createdAt;
    QDateTime shipDate;
    qint64 costMinor = 0; // USD cents
    bool voided = false;
    QDateTime voidedAt;
    QString manifestId;
    int trackingStage = 0; // 0 accepted, 1 in transit, 2 out for delivery, 3 delivered; -1 exception
  };
  struct StoredManifest {
    QString manifestId;
    QString carrierId;
    QStringList labelIds;
    QByteArray pdf;
    QJsonObject json; // as create_manifest answered it; list_manifests answers the same
  };
  struct Stats {
    int requests = 0;
    int rateLimited = 0; // 429 answers
    int unauthorized = 0;
    int serverErrors = 0; // injected 5xx
    int lost = 0;
    int slow = 0;
    int labelsBought = 0;
    int labelsVoided = 0;
    int duplicatePurchases = 0; // purchases refused because the external_shipment_id had a label
    int invalidRequests = 0;    // refused: not valid against the definition
    int invalidResponses = 0;   // answers of ours the definition refuses (a bug in the fake)
    QStringList contractErrors; // both kinds, with the operation
    QHash<QString, int> calls;  // per operationId, answered or not
  };

  explicit FakeCarrier(QObject *parent = nullptr);
  ~FakeCarrier() override;

  quint16 listen(quint16 port = 0, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
  QUrl baseUrl() const;
  static QByteArray apiKey() { return QByteArrayLiteral("TEST_packbench_fake_key"); }
  // Adapter settings for this fake with test-sized waits.
  carriers::ShipEngineSettings clientSettings(int timeoutMs = 3000, int maxRetries = 3, int backoffBaseMs = 20) const;
  // The carrier accounts this fake has (carrier_id → carrier_code): UPS and USPS (stamps_com).
  static QString upsCarrierId() { return QStringLiteral("se-100001"); }
  static QString uspsCarrierId() { return QStringLiteral("se-100002"); }
  static QString warehouseId() { return QStringLiteral("se-200001"); }

  // The documented limit is 200 a minute; tests shrink the window.
  void setRateLimit(int requests, qint64 windowMs);
  void setFaults(const Faults &faults, quint32 seed = 1);
  // The next `count` calls of operationId (e.g. "create_label") are done and then their answers lost.
  void loseNext(const QString &operationId, int count = 1);
  // The next `count` calls of operationId are answered `status` and nothing is done ("download": the next label or
  // manifest PDF downloads; random faults never hit downloads).
  void failNext(const QString &operationId, int count = 1, int status = 500);
  // The next `count` calls of operationId are done and answered after delayMs.
  void slowNext(const QString &operationId, int count, int delayMs);
  void setLatencyMs(int latencyMs); // every answer this much later (the carrier's own time)
  // The most manifests one page of GET /v1/manifests holds, whatever page_size asks (to make a client page through).
  void setManifestPageLimit(int limit) { m_manifestPageLimit = std::max(1, limit); }
  // Requests and answers are checked against the definition; off only for load runs that need speed.
  void setContractCheck(bool on) { m_contractCheckOn = on; }
  // Every tracking poll moves the parcel one step on (off: it moves only with advanceTracking()).
  void setAutoAdvanceTracking(bool on) { m_autoAdvance = on; }
  bool advanceTracking(const QString &trackingNumber, int toStage);
  // A parcel the carrier carries whose label was not bought through this account (printed elsewhere, its barcode
  // scanned at the bench): GET /v1/tracking knows it like any other; it is no label of ours (labels(), paidLabels()).
  void addParcel(const QString &carrierCode, const QString &trackingNumber);

  const QHash<QString, StoredLabel> &labels() const { return m_labels; } // by label_id
  const StoredLabel *labelForExternalId(const QString &externalShipmentId) const;
  int paidLabels() const; // bought and not voided
  const QHash<QString, StoredManifest> &manifests() const { return m_manifests; }
  const Stats &stats() const { return m_stats; }
  QJsonObject statsJson() const;

private:
  friend class CarrierHttpServer;
  struct Answer {
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    qint64 retryAfterSeconds = -1;
  };
  enum class Fault { None, ServerError, Lost, Slow };
  struct Scripted {
    Fault fault;
    int count;
    int value; // status or delay
  };

  void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder);
  void write(QHttpServerResponder &responder, const Answer &answer);
  QString operationOf(const QByteArray &method, const QStringList &path) const;
  Fault faultFor(const QString &operation, int *value);
  bool overLimit(qint64 now, qint64 *retryAfterSeconds);
  void checkContract(const QString &operation, const HttpExchange &exchange);
  // /fake/…: stats, faults, rate limit and tracking for scripts driving the program (fakecarrier_main.cpp).
  Answer control(const QByteArray &method, const QStringList &path, const QJsonObject &body);
  Answer dispatch(const QString &operation, const QStringList &path, const QHttpServerRequest &request);
  Answer error(int status, const QString &type, const QString &code, const QString &message,
               const QString &field = {}) const;
  // A refusal by the carrier itself (error_source carrier), naming the field it refuses.
  Answer carrierError(const QString &carrierId, const QString &carrierCode, const QString &message,
                      const QString &field) const;
  static Answer json(const QJsonObject &body, int status = 200);

  // The API (fakecarrier_api.cpp).
  Answer rates(const QJsonObject &body);
  Answer createLabel(const QJsonObject &shipment, const QJsonObject &options);
  Answer labelFromRate(const QString &rateId, const QJsonObject &options);
  Answer labelByExternalId(const QString &externalId, const QString &downloadType);
  Answer voidLabel(const QString &labelId);
  Answer tracking(const QString &carrierCode, const QString &trackingNumber);
  Answer createManifest(const QJsonObject &body);
  Answer listManifests(const QUrlQuery &query);
  Answer download(const QString &file);
  QJsonObject labelJson(const StoredLabel &label, const QString &downloadType) const;
  QString nextId();
  QString requestId() const;

  std::unique_ptr<CarrierHttpServer> m_server;
  quint16 m_port = 0;
  bool m_contractCheckOn = true;
  bool m_autoAdvance = false;
  int m_limit = 200;
  qint64 m_windowMs = 60000;
  std::deque<qint64> m_accepted; // monotonic ms of the requests inside the window
  Faults m_faults;
  QRandomGenerator m_random;
  QHash<QString, std::deque<Scripted>> m_scripted;
  int m_latencyMs = 0;
  qint64 m_nextId = 1000;
  QHash<QString, StoredLabel> m_labels;
  QHash<QString, QString> m_labelByExternalId;
  QHash<QString, QString> m_labelByTracking;
  QHash<QString, StoredLabel> m_parcels; // addParcel(), by tracking number
  QHash<QString, QJsonObject> m_rates;   // rate_id → {shipment, carrier_id, service_code, amount}
  QHash<QString, StoredManifest> m_manifests;
  int m_manifestPageLimit = 500;
  Stats m_stats;
};

} // namespace pb::test
