// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/openapicheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pb::test {

namespace {
constexpr int kStartMs = 60000; // loading and checking the 500 KB definition takes about a second
constexpr int kAnswerMs = 30000;
} // namespace

OpenApiCheck::OpenApiCheck(QString specPath, QString scriptPath)
    : m_specPath(std::move(specPath))
    , m_scriptPath(std::move(scriptPath))
{}

OpenApiCheck::~OpenApiCheck()
{
  if (m_node) {
    m_node->closeWriteChannel();
    if (!m_node->waitForFinished(2000))
      m_node->kill();
    m_node->waitForFinished(2000);
  }
}

std::unique_ptr<OpenApiCheck> OpenApiCheck::fromBuild()
{
  const QString spec = qEnvironmentVariable("PACKBENCH_CARRIER_OPENAPI", QStringLiteral(PACKBENCH_CARRIER_OPENAPI));
  return std::make_unique<OpenApiCheck>(spec, QStringLiteral(PACKBENCH_OPENAPI_VALIDATE_LINES));
}

OpenApiCheck &OpenApiCheck::shared()
{
  static const std::unique_ptr<OpenApiCheck> check = fromBuild();
  return *check;
}

bool OpenApiCheck::start()
{
  const QMutexLocker lock(&m_mutex);
  if (m_node)
    return true;
  m_node = std::make_unique<QProcess>();
  m_node->setProcessChannelMode(QProcess::ForwardedErrorChannel);
  m_node->start(QStringLiteral("node"), {m_scriptPath, m_specPath});
  if (!m_node->waitForStarted(kStartMs) || !m_node->waitForReadyRead(kStartMs) ||
      m_node->readLine().trimmed() != "ready") {
    m_node.reset();
    return false;
  }
  return true;
}

ContractVerdict OpenApiCheck::check(const HttpExchange &exchange)
{
  if (!start())
    return {{}, {QStringLiteral("the OpenAPI validator (node %1 %2) did not start").arg(m_scriptPath, m_specPath)}};
  const QMutexLocker lock(&m_mutex);
  QJsonObject headers;
  for (const auto &[name, value] : exchange.headers)
    headers.insert(QString::fromLatin1(name), QString::fromLatin1(value));
  QJsonObject line{
      {QStringLiteral("direction"), exchange.response ? QStringLiteral("response") : QStringLiteral("request")},
      {QStringLiteral("method"), QString::fromLatin1(exchange.method)},
      {QStringLiteral("url"), exchange.url},
      {QStringLiteral("headers"), headers},
      {QStringLiteral("body"), QString::fromUtf8(exchange.body)}};
  if (exchange.response)
    line.insert(QStringLiteral("status"), exchange.status);
  m_node->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
  while (!m_node->canReadLine()) {
    if (!m_node->waitForReadyRead(kAnswerMs))
      return {{}, {QStringLiteral("the OpenAPI validator did not answer")}};
  }
  const QJsonObject answer = QJsonDocument::fromJson(m_node->readLine()).object();
  ContractVerdict verdict;
  verdict.operation = answer.value(QStringLiteral("operation")).toString();
  for (const QJsonValue &e : answer.value(QStringLiteral("errors")).toArray())
    verdict.errors.append(e.toString());
  if (!answer.contains(QStringLiteral("errors")))
    verdict.errors.append(QStringLiteral("the OpenAPI validator answered nothing readable"));
  return verdict;
}

} // namespace pb::test
