// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/graphqlschemacheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace pb::test {

namespace {
constexpr int kStartMs = 60000; // parsing the 3 MB schema takes a second or two; a loaded machine more
constexpr int kAnswerMs = 30000;
} // namespace

GraphQlSchemaCheck::GraphQlSchemaCheck(QString schemaPath, QString scriptPath)
    : m_schemaPath(std::move(schemaPath))
    , m_scriptPath(std::move(scriptPath))
{}

GraphQlSchemaCheck::~GraphQlSchemaCheck()
{
  if (m_node) {
    m_node->closeWriteChannel();
    if (!m_node->waitForFinished(2000))
      m_node->kill();
    m_node->waitForFinished(2000);
  }
}

std::unique_ptr<GraphQlSchemaCheck> GraphQlSchemaCheck::fromBuild()
{
  const QString schema = qEnvironmentVariable("PACKBENCH_SHOPIFY_SCHEMA", QStringLiteral(PACKBENCH_SHOPIFY_SCHEMA));
  return std::make_unique<GraphQlSchemaCheck>(schema, QStringLiteral(PACKBENCH_GRAPHQL_VALIDATE_LINES));
}

QStringList GraphQlSchemaCheck::errors(const QString &document)
{
  auto known = m_checked.constFind(document);
  if (known != m_checked.constEnd())
    return known.value();
  const QStringList found = ask(document);
  m_checked.insert(document, found);
  return found;
}

QString GraphQlSchemaCheck::start()
{
  if (m_node)
    return {};
  m_node = std::make_unique<QProcess>();
  m_node->setProcessChannelMode(QProcess::ForwardedErrorChannel);
  m_node->start(QStringLiteral("node"), {m_scriptPath, m_schemaPath});
  if (!m_node->waitForStarted(kStartMs) || !m_node->waitForReadyRead(kStartMs) ||
      m_node->readLine().trimmed() != "ready") {
    m_node.reset();
    return QStringLiteral("the schema validator (node %1) did not start").arg(m_scriptPath);
  }
  return {};
}

QStringList GraphQlSchemaCheck::ask(const QString &document)
{
  if (const QString failed = start(); !failed.isEmpty())
    return {failed};
  m_node->write(QJsonDocument(QJsonArray{document}).toJson(QJsonDocument::Compact).mid(1).chopped(1) + '\n');
  while (!m_node->canReadLine()) {
    if (!m_node->waitForReadyRead(kAnswerMs))
      return {QStringLiteral("the schema validator did not answer")};
  }
  QStringList found;
  for (const QJsonValue &message : QJsonDocument::fromJson(m_node->readLine()).array())
    found.append(message.toString());
  return found;
}

} // namespace pb::test
