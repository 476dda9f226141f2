// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <utility>

namespace pb::test {

// One HTTP exchange as the contract validator reads it (tests/support/openapi-validator/validate-lines.mjs).
struct HttpExchange {
  bool response = false;
  QByteArray method; // GET, POST, PUT
  QString url;       // path and query, e.g. /v1/tracking?carrier_code=ups&tracking_number=1Z…
  int status = 0;    // responses
  QList<std::pair<QByteArray, QByteArray>> headers;
  QByteArray body;
};

struct ContractVerdict {
  QString operation; // the definition's operationId ("" when the path is not in it)
  QStringList errors;
};

// Checks carrier requests and answers against ShipEngine's OpenAPI definition through one long-running
// node process (ajv). A validator that cannot run is an error, never a pass.
class OpenApiCheck final {
public:
  OpenApiCheck(QString specPath, QString scriptPath);
  ~OpenApiCheck();
  Q_DISABLE_COPY_MOVE(OpenApiCheck)

  // The definition and script the build knows (PACKBENCH_CARRIER_OPENAPI in the environment overrides).
  static std::unique_ptr<OpenApiCheck> fromBuild();
  // One fromBuild() checker for the whole process (node loads the definition once); thread-safe.
  static OpenApiCheck &shared();
  // Starts node now rather than at the first check (a carrier fake must not stall its first answer).
  bool start();
  ContractVerdict check(const HttpExchange &exchange);

private:
  QString m_specPath;
  QString m_scriptPath;
  std::unique_ptr<QProcess> m_node;
  QMutex m_mutex;
};

} // namespace pb::test
