// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace pb::test {

// Validates GraphQL documents against the Shopify Admin schema of the API version we speak, through one
// long-running graphql-js process (tests/support/graphql-validator/validate-lines.mjs). Each distinct
// document is checked once.
class GraphQlSchemaCheck final {
public:
  GraphQlSchemaCheck(QString schemaPath, QString scriptPath);
  ~GraphQlSchemaCheck();
  Q_DISABLE_COPY_MOVE(GraphQlSchemaCheck)

  // The schema and script the build knows (PACKBENCH_SHOPIFY_SCHEMA in the environment overrides).
  static std::unique_ptr<GraphQlSchemaCheck> fromBuild();

  // The validation errors of document; a validator that cannot run is an error too, never a pass.
  QStringList errors(const QString &document);

  // Starts the validator now (it parses the 3 MB schema: seconds on a loaded machine), so the first
  // document does not pay for it. Empty when it runs, else why not. errors() starts it if needed.
  QString start();

private:
  QStringList ask(const QString &document);

  QString m_schemaPath;
  QString m_scriptPath;
  std::unique_ptr<QProcess> m_node;
  QHash<QString, QStringList> m_checked;
};

} // namespace pb::test
