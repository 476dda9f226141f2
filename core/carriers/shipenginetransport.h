// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/carriererror.h"
#include "core/carriers/requestpacer.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace pb::config {
class Config;
}

namespace pb::carriers {

struct ShipEngineSettings {
  QUrl baseUrl = QUrl(QStringLiteral("https://api.shipengine.com"));
  QByteArray apiKey;         // sent as API-Key, never logged
  int timeoutMs = 15000;     // one attempt, send to last byte of the answer
  int maxRetries = 3;        // of a call whose failure left nothing done (5xx, timeouts of reads)
  int backoffBaseMs = 1000;  // first retry delay; doubles per attempt, with jitter
  int maxThrottleWaits = 20; // 429 answers one call waits out before giving up
  int requestsPerMinute = 200;

  static ShipEngineSettings fromConfig(const config::Config &config);
};

// One HTTP exchange with the API, described once so it can be sent again.
struct ShipEngineCall {
  QByteArray verb; // GET, POST, PUT
  QString path;    // /v1/labels …
  QUrlQuery query;
  QJsonObject body;  // sent when verb is POST
  QString operation; // the definition's operationId, for logs (paths may hold tracking numbers)
  // A purchase: Qt must not send it a second time by itself, and a 5xx or a lost answer is not retried
  // here (the caller looks the label up first).
  bool sendOnce = false;
};

// The HTTP side of the ShipEngine adapter: paces every request under the key's limit, sends it with
// the API key and a time limit, turns answers into CarrierErrors, waits out 429 (Retry-After) and
// retries what is safe to retry with jittered exponential backoff. Lives on one thread.
class ShipEngineTransport final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ShipEngineTransport)

public:
  using JsonDone = std::function<void(CarrierResult<QJsonObject>)>;
  using BytesDone = std::function<void(CarrierResult<QByteArray>)>;

  ShipEngineTransport(ShipEngineSettings settings, std::shared_ptr<RequestPacer> pacer, QObject *parent = nullptr);
  ~ShipEngineTransport() override;

  // The answer's JSON object (2xx), or the error after the retries the call allows.
  void call(const ShipEngineCall &call, JsonDone done);
  // GET of a document the API pointed to (label or manifest download); the key goes only to the API's host.
  void download(const QUrl &url, BytesDone done);
  // After this no request or retry starts: calls end with Stopped.
  void setStopFlag(const std::atomic<bool> *stop) { m_stop = stop; }
  // Wait (ms) before retry number `attempt` (0-based); public for tests of the policy.
  qint64 backoffMs(int attempt) const;

  const ShipEngineSettings &settings() const { return m_settings; }
  // Counters for /metrics and tests.
  int requestsSent() const { return m_sent; }
  int retries() const { return m_retries; }
  int throttled() const { return m_throttled; }

private:
  struct Answer;
  void attempt(const ShipEngineCall &call, JsonDone done, int failures, int throttles);
  void sendPaced(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool sendOnce, bool withKey,
                 std::function<void(Answer)> done);
  void sendNow(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool sendOnce, bool withKey,
               std::function<void(Answer)> done);
  CarrierError classify(const QString &operation, const Answer &answer) const;
  bool stopping() const { return m_stop && m_stop->load(); }

  ShipEngineSettings m_settings;
  std::shared_ptr<RequestPacer> m_pacer;
  QNetworkAccessManager *m_network;
  const std::atomic<bool> *m_stop = nullptr;
  int m_sent = 0;
  int m_retries = 0;
  int m_throttled = 0;
};

} // namespace pb::carriers
