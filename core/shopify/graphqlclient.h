// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/config/config.h"
#include "core/shopify/costthrottle.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <atomic>

class QNetworkAccessManager;

namespace pb::shopify {

struct GraphQlSettings {
  QUrl endpoint; // https://{shop}/admin/api/{version}/graphql.json
  QByteArray accessToken;
  int timeoutMs = 10000;
  int maxRetries = 4;
  int backoffBaseMs = 500;

  static GraphQlSettings fromConfig(const config::Config &config);
};

// The document text of resources/shopify/graphql/<name>.graphql (the only documents we send), followed by the
// fragments it spreads from resources/shopify/graphql/fragments/<Fragment>.graphql; empty when either is missing.
QString graphQlDocument(const QString &operationName);

// Admin GraphQL over QNetworkAccessManager. Blocking calls (a local event loop) meant for a worker
// thread; create it in the thread that uses it. Reads are retried on 5xx and time-outs with
// jittered exponential backoff; a mutation is not, because a lost answer may hide an applied
// change: the outbox checks Shopify's state before posting again. A mutation's request goes out
// once per execute() (Qt's own re-send after a dropped connection is refused). THROTTLED is retried for both
// (Shopify did not run the call). The access token is sent, never logged.
class GraphQlClient final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(GraphQlClient)

public:
  GraphQlClient(GraphQlSettings settings, CostThrottle &throttle, QObject *parent = nullptr);
  ~GraphQlClient() override;

  // Returns the "data" object. Unavailable: retry later; InvalidInput: the request is wrong.
  Result<QJsonObject> execute(const QString &operationName, const QJsonObject &variables);

  // Set when the hub stops: no new request or retry starts (Unavailable), so a worker ends within one call.
  void setStopFlag(const std::atomic<bool> *stop) { m_stop = stop; }

  // Counters for /metrics and tests.
  int throttledResponses() const { return m_throttled; }
  int retries() const { return m_retries; }

private:
  struct Attempt {
    Result<QJsonObject> result;
    bool retryable = false;
    qint64 waitMs = 0; // THROTTLED: wait this long, then try again regardless of kind
  };
  // sendOnce: Qt may not send it a second time (mutations; see SendOnceBody).
  Attempt send(const QString &operationName, const QByteArray &body, const CostReservation &reservation, bool sendOnce);
  qint64 backoffMs(int attempt) const;

  GraphQlSettings m_settings;
  CostThrottle &m_throttle;
  QNetworkAccessManager *m_network;
  const std::atomic<bool> *m_stop = nullptr;
  int m_throttled = 0;
  int m_retries = 0;
};

// Sleeps while still serving this thread's events (so an in-process server keeps answering).
void waitMs(qint64 ms);

} // namespace pb::shopify
