// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/fakecarrierprocess.h"

#include "tests/bench/benchcheck.h"
#include "tests/support/fakecarrier.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace pb::bench {

FakeCarrierProcess::FakeCarrierProcess(int latencyMs, const QString &rateLimit, bool contractCheck)
{
  QStringList args{QStringLiteral("--latency-ms"), QString::number(latencyMs), QStringLiteral("--rate-limit"),
                   rateLimit};
  if (!contractCheck)
    args.append(QStringLiteral("--no-contract-check"));
  m_program = std::make_unique<test::RunningProgram>(QStringLiteral(PACKBENCH_FAKE_CARRIER_BINARY), args, m_dir.path());
  if (!m_program->waitForStarted() || !m_program->waitForOutput(QStringLiteral("API-Key")))
    fail(QStringLiteral("the carrier fake did not start: ") + m_program->output());
  m_baseUrl = QUrl(m_program->output().section(QLatin1Char('\n'), 0, 0).trimmed());
}

carriers::ShipEngineSettings FakeCarrierProcess::clientSettings(int requestsPerMinute) const
{
  carriers::ShipEngineSettings s;
  s.baseUrl = m_baseUrl;
  s.apiKey = test::FakeCarrier::apiKey();
  s.timeoutMs = 10000;
  s.requestsPerMinute = requestsPerMinute;
  return s;
}

QJsonObject FakeCarrierProcess::stats() const
{
  QNetworkAccessManager network;
  QNetworkReply *reply = network.get(QNetworkRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/fake/stats")))));
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  QTimer::singleShot(10000, &loop, &QEventLoop::quit);
  loop.exec();
  const QJsonObject stats = QJsonDocument::fromJson(reply->readAll()).object();
  reply->deleteLater();
  if (stats.isEmpty())
    fail(QStringLiteral("the carrier fake's /fake/stats did not answer"));
  return stats;
}

} // namespace pb::bench
