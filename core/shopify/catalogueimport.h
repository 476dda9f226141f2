// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

class GraphQlClient;

namespace catalogue {

struct ImportSettings {
  int pollIntervalMs = 5000;   // between bulk-operation status reads (1 point each)
  int batchVariants = 2000;    // variants written per transaction
  int downloadStallMs = 60000; // a download that stalls this long is retried
  int downloadAttempts = 4;
  int retryFailedAfterSeconds = 600; // a failed import is started again after this
  int abandonedStartSeconds = 600;   // a start whose bulk operation id was never stored
  bool force = false;                // import again although an import completed (the CLI's --force)
};

enum class ImportState {
  NotNeeded, // an import completed: webhooks and the poller keep the catalogue
  Running,   // Shopify is running the bulk operation, or another hub is importing
  Completed, // this step wrote the export
  Failed,    // waiting to try again; ImportSummary::error says why
};

struct ImportSummary {
  ImportState state = ImportState::NotNeeded;
  QString bulkOperationId;
  int products = 0;
  int variants = 0;
  QString error;
};

// The initial catalogue import, as a Shopify bulk operation: started once per shop, polled, its JSONL
// downloaded and written in batches. A restarted hub resumes the operation recorded in catalogue_imports;
// hubs sharing the database take turns through an advisory lock. On completion the products watermark
// is set to the moment Shopify took the snapshot, so the poller picks up what changed during the import.
// PostgreSQL only (the hub's database). Blocking; create and use it on one thread.
class CatalogueImporter final {
  Q_DISABLE_COPY_MOVE(CatalogueImporter)

public:
  CatalogueImporter(QSqlDatabase db, GraphQlClient &client, qint64 shopId, const Clock &clock,
                    ImportSettings settings = {});
  ~CatalogueImporter();

  // One move: start, or poll, or download and write. Never waits for Shopify between moves.
  Result<ImportSummary> step();
  // Steps until completed, failed or not needed, waiting pollIntervalMs between polls; stop() ends early.
  Result<ImportSummary> run(const std::function<bool()> &stop = {});

private:
  struct Row;
  Result<ImportSummary> start();
  Result<ImportSummary> poll(const Row &row);
  Result<ImportSummary> writeExport(const Row &row, const QString &url);
  Status finish(const Row &row, const QString &status, const ImportSummary &summary);

  QSqlDatabase m_db;
  GraphQlClient &m_client;
  qint64 m_shopId;
  const Clock &m_clock;
  ImportSettings m_settings;
  std::unique_ptr<db::StatementCache> m_statements;
  std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace catalogue
} // namespace pb::shopify
