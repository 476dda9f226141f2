// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/catalogueimport.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguejsonl.h"
#include "core/shopify/cataloguewriter.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/ordermapper.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTemporaryFile>

namespace pb::shopify::catalogue {

namespace {
Q_LOGGING_CATEGORY(lcImport, "packbench.core.shopify.catalogueimport")

QString lockKey(qint64 shopId)
{
  return QStringLiteral("catalogue-import:%1").arg(shopId);
}

// Holds a session-level advisory lock for one step: one hub at a time moves a shop's import.
class ImportLock final {
  Q_DISABLE_COPY_MOVE(ImportLock)

public:
  ImportLock(QSqlDatabase &db, qint64 shopId)
      : m_db(db)
      , m_shopId(shopId)
  {
    auto taken = db::exec(m_db, QStringLiteral("SELECT pg_try_advisory_lock(hashtext(?))"), {lockKey(shopId)});
    if (!taken)
      m_error = taken.error();
    else
      m_held = taken.value().next() && taken->value(0).toBool();
  }
  ~ImportLock()
  {
    if (m_held)
      (void)db::exec(m_db, QStringLiteral("SELECT pg_advisory_unlock(hashtext(?))"), {lockKey(m_shopId)});
  }
  bool held() const { return m_held; }
  const std::optional<Error> &error() const { return m_error; }

private:
  QSqlDatabase &m_db;
  qint64 m_shopId;
  bool m_held = false;
  std::optional<Error> m_error;
};

ImportSummary summaryOf(ImportState state, const QString &bulkOperationId = {}, const QString &error = {})
{
  ImportSummary summary;
  summary.state = state;
  summary.bulkOperationId = bulkOperationId;
  summary.error = error;
  return summary;
}

QString userErrorsText(const QJsonArray &errors)
{
  QStringList messages;
  for (const QJsonValue &e : errors)
    messages.append(QStringLiteral("%1 (%2)").arg(e.toObject().value(u"message").toString(),
                                                  e.toObject().value(u"code").toString()));
  return messages.join(QStringLiteral("; "));
}

} // namespace

struct CatalogueImporter::Row {
  qint64 id = 0;
  QString bulkOperationId;
  QString status;
  QDateTime startedAt;
  QDateTime snapshotAt;
  QDateTime finishedAt;
};

CatalogueImporter::CatalogueImporter(QSqlDatabase db, GraphQlClient &client, qint64 shopId, const Clock &clock,
                                     ImportSettings settings)
    : m_db(std::move(db))
    , m_client(client)
    , m_shopId(shopId)
    , m_clock(clock)
    , m_settings(settings)
    , m_statements(std::make_unique<db::StatementCache>(m_db))
    , m_network(std::make_unique<QNetworkAccessManager>())
{}

CatalogueImporter::~CatalogueImporter() = default;

Result<ImportSummary> CatalogueImporter::step()
{
  const ImportLock lock(m_db, m_shopId);
  if (lock.error())
    return *lock.error();
  if (!lock.held())
    return summaryOf(ImportState::Running, {}, QStringLiteral("another hub is importing"));
  auto latest = db::exec(m_db,
                         QStringLiteral("SELECT id, bulk_operation_id, status, started_at, snapshot_at, finished_at "
                                        "FROM catalogue_imports WHERE shop_id = ? ORDER BY id DESC LIMIT 1"),
                         {m_shopId});
  if (!latest)
    return latest.error();
  if (!latest.value().next())
    return start();
  Row row;
  row.id = latest->value(0).toLongLong();
  row.bulkOperationId = latest->value(1).toString();
  row.status = latest->value(2).toString();
  row.startedAt = latest->value(3).toDateTime().toUTC();
  row.snapshotAt = latest->value(4).toDateTime().toUTC();
  row.finishedAt = latest->value(5).toDateTime().toUTC();
  const QDateTime now = m_clock.nowUtc();
  if (row.status == u"completed")
    return m_settings.force ? start() : Result<ImportSummary>(summaryOf(ImportState::NotNeeded, row.bulkOperationId));
  if (row.status == u"running" && !row.bulkOperationId.isEmpty())
    return poll(row);
  if (row.status == u"running") {
    // Started, but the operation id never got stored (a crash mid-start): give up on it after a while.
    if (row.startedAt.secsTo(now) < m_settings.abandonedStartSeconds)
      return summaryOf(ImportState::Running);
    const ImportSummary abandoned = summaryOf(ImportState::Failed, {}, QStringLiteral("start abandoned"));
    if (Status s = finish(row, QStringLiteral("failed"), abandoned); !s)
      return s.error();
    return abandoned;
  }
  if (!m_settings.force && row.finishedAt.isValid() && row.finishedAt.secsTo(now) < m_settings.retryFailedAfterSeconds)
    return summaryOf(ImportState::Failed, row.bulkOperationId, QStringLiteral("waiting to retry"));
  return start();
}

Result<ImportSummary> CatalogueImporter::start()
{
  // The row first: the partial unique index keeps a second import of the shop from starting.
  auto inserted =
      db::exec(m_db, QStringLiteral("INSERT INTO catalogue_imports (shop_id, started_at) VALUES (?, ?) RETURNING id"),
               {m_shopId, m_clock.nowUtc()});
  if (!inserted) {
    if (inserted.error().kind == ErrorKind::Conflict)
      return summaryOf(ImportState::Running);
    return inserted.error();
  }
  Row row;
  inserted.value().next();
  row.id = inserted->value(0).toLongLong();
  auto data =
      m_client.execute(QStringLiteral("CatalogueBulkRun"),
                       QJsonObject{{QStringLiteral("query"), graphQlDocument(QStringLiteral("CatalogueBulkExport"))}});
  QString failure;
  QJsonObject operation;
  if (!data) {
    failure = data.error().message;
  } else {
    const QJsonObject payload = data->value(u"bulkOperationRunQuery").toObject();
    operation = payload.value(u"bulkOperation").toObject();
    if (!payload.value(u"userErrors").toArray().isEmpty())
      failure =
          QStringLiteral("Shopify refused the bulk export: ") + userErrorsText(payload.value(u"userErrors").toArray());
    else if (operation.value(u"id").toString().isEmpty())
      failure = QStringLiteral("Shopify started no bulk operation");
  }
  if (!failure.isEmpty()) {
    const ImportSummary failed = summaryOf(ImportState::Failed, {}, failure);
    if (Status s = finish(row, QStringLiteral("failed"), failed); !s)
      return s.error();
    qCWarning(lcImport).noquote() << "catalogue import not started:" << failure;
    return failed;
  }
  row.bulkOperationId = operation.value(u"id").toString();
  const QDateTime snapshot = ordermapper::parseTimestamp(operation.value(u"createdAt"));
  auto stored =
      db::exec(m_db, QStringLiteral("UPDATE catalogue_imports SET bulk_operation_id = ?, snapshot_at = ? WHERE id = ?"),
               {row.bulkOperationId, snapshot.isValid() ? snapshot : m_clock.nowUtc(), row.id});
  if (!stored)
    return stored.error();
  qCInfo(lcImport).noquote() << "catalogue import started as bulk operation" << row.bulkOperationId;
  return summaryOf(ImportState::Running, row.bulkOperationId);
}

Result<ImportSummary> CatalogueImporter::poll(const Row &row)
{
  auto data =
      m_client.execute(QStringLiteral("CatalogueBulkStatus"), QJsonObject{{QStringLiteral("id"), row.bulkOperationId}});
  if (!data)
    return data.error();
  const QJsonObject operation = data->value(u"bulkOperation").toObject();
  const QString status = operation.value(u"status").toString();
  if (status == u"CREATED" || status == u"RUNNING" || status == u"CANCELING")
    return summaryOf(ImportState::Running, row.bulkOperationId);
  if (status == u"COMPLETED")
    return writeExport(row, operation.value(u"url").toString());
  // FAILED, CANCELED, EXPIRED, or an id Shopify no longer knows: start again after a while.
  const ImportSummary failed =
      summaryOf(ImportState::Failed, row.bulkOperationId,
                QStringLiteral("bulk operation %1 %2 %3")
                    .arg(row.bulkOperationId, status.isEmpty() ? QStringLiteral("unknown to Shopify") : status,
                         operation.value(u"errorCode").toString())
                    .trimmed());
  if (Status s = finish(row, QStringLiteral("failed"), failed); !s)
    return s.error();
  qCWarning(lcImport).noquote() << "catalogue import failed:" << failed.error;
  return failed;
}

Result<ImportSummary> CatalogueImporter::writeExport(const Row &row, const QString &url)
{
  ImportSummary summary = summaryOf(ImportState::Completed, row.bulkOperationId);
  QList<ShopifyProduct> products;
  if (!url.isEmpty()) { // null: the shop has no products
    QTemporaryFile file;
    if (!file.open())
      return makeError(ErrorKind::Internal, QStringLiteral("bulk export: no temporary file"));
    Status fetched = makeError(ErrorKind::Unavailable, QStringLiteral("bulk export: not downloaded"));
    for (int attempt = 0; attempt < m_settings.downloadAttempts; ++attempt) {
      file.resize(0);
      file.seek(0);
      fetched = download(*m_network, QUrl(url), file, m_settings.downloadStallMs);
      if (fetched.ok() || fetched.error().kind != ErrorKind::Unavailable)
        break;
      waitMs(1000LL << attempt);
    }
    if (!fetched)
      return fetched.error(); // the row stays running: the next step downloads again
    file.seek(0);
    auto read = readBulkExport(file);
    if (!read)
      return read.error();
    products = *std::move(read);
  }
  // Batches of whole products: a product's removal check needs all its variants in one write.
  qsizetype from = 0;
  while (from < products.size()) {
    qsizetype to = from;
    int variants = 0;
    while (to < products.size() &&
           (to == from || variants + products.at(to).variants.size() <= m_settings.batchVariants))
      variants += int(products.at(to++).variants.size());
    const QList<ShopifyProduct> batch = products.mid(from, to - from);
    const Status written = db::inTransaction(m_db, [&]() -> Status {
      auto done = writeProducts(*m_statements, m_shopId, batch);
      return done ? Status{} : Status{done.error()};
    });
    if (!written)
      return written.error();
    summary.products += int(batch.size());
    summary.variants += variants;
    from = to;
  }
  if (Status s = finish(row, QStringLiteral("completed"), summary); !s)
    return s.error();
  qCInfo(lcImport) << "catalogue import wrote" << summary.products << "product(s) and" << summary.variants
                   << "variant(s)";
  return summary;
}

Status CatalogueImporter::finish(const Row &row, const QString &status, const ImportSummary &summary)
{
  return db::inTransaction(m_db, [&]() -> Status {
    auto updated =
        db::exec(m_db,
                 QStringLiteral("UPDATE catalogue_imports SET status = ?, finished_at = ?, products_written "
                                "= ?, variants_written = ?, error = ? WHERE id = ?"),
                 {status, m_clock.nowUtc(), summary.products, summary.variants, db::textOrNull(summary.error), row.id});
    if (!updated)
      return updated.error();
    if (status != u"completed")
      return {};
    // The poller reads from the snapshot on: changes made while Shopify ran the export are not lost.
    auto watermark =
        db::exec(m_db,
                 QStringLiteral(
                     "INSERT INTO sync_watermarks (shop_id, name, value) SELECT shop_id, 'products', "
                     "COALESCE(snapshot_at, started_at) FROM catalogue_imports WHERE id = ? ON CONFLICT (shop_id, "
                     "name) DO UPDATE SET value = GREATEST(sync_watermarks.value, EXCLUDED.value), updated_at = now()"),
                 {row.id});
    return watermark ? Status{} : Status{watermark.error()};
  });
}

Result<ImportSummary> CatalogueImporter::run(const std::function<bool()> &stop)
{
  for (;;) {
    auto step = this->step();
    if (!step)
      return step;
    if (step->state != ImportState::Running)
      return step;
    if (stop && stop())
      return step;
    waitMs(m_settings.pollIntervalMs);
  }
}

} // namespace pb::shopify::catalogue
