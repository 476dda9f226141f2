// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/retention.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcRetention, "packbench.core.hub.retention")

// One batch: `update` blanks up to `limit` rows with an id above `afterId` from before `before` and returns their ids.
Result<retention::Expired> expireBatch(const QSqlDatabase &db, const QString &update, const QDateTime &before,
                                       qint64 afterId, int limit)
{
  auto rows = db::exec(db, update, {afterId, db::timeOrNull(before), limit});
  if (!rows)
    return rows.error();
  retention::Expired expired{0, afterId};
  while (rows.value().next()) {
    ++expired.rows;
    expired.lastId = std::max(expired.lastId, rows->value(0).toLongLong());
  }
  return expired;
}
} // namespace

namespace retention {

Result<Expired> expireLabelPrintJobs(const QSqlDatabase &db, const QDateTime &createdBefore, qint64 afterId, int limit)
{
  // Walks the primary key from afterId; rows a station is updating right now are skipped, the next start sees them.
  return expireBatch(db,
                     QStringLiteral("WITH batch AS (SELECT id FROM print_jobs WHERE id > ? AND kind = 'label' AND "
                                    "payload IS NOT NULL AND status IN ('done', 'moved', 'failed') AND created_at < ? "
                                    "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE print_jobs j SET payload = "
                                    "NULL, updated_at = now() FROM batch WHERE j.id = batch.id RETURNING j.id"),
                     createdBefore, afterId, limit);
}

Result<Expired> expireCarrierLabels(const QSqlDatabase &db, const QDateTime &before, qint64 afterId, int limit)
{
  return expireBatch(db,
                     QStringLiteral("WITH batch AS (SELECT id FROM label_requests WHERE id > ? AND label_bytes IS NOT "
                                    "NULL AND state IN ('printed', 'voided', 'failed') AND coalesce(printed_at, "
                                    "voided_at, updated_at) < ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE "
                                    "label_requests l SET label_bytes = NULL FROM batch WHERE l.id = batch.id "
                                    "RETURNING l.id"),
                     before, afterId, limit);
}

} // namespace retention

RetentionSweep::RetentionSweep(RetentionDays days)
{
  if (days.webhookBodies.count() > 0)
    m_kinds.push_back({"the bodies of %1 settled webhooks", days.webhookBodies, shopify::webhookinbox::expireBodies});
  if (days.labels.count() > 0) {
    m_kinds.push_back({"the bytes of %1 printed label jobs", days.labels, retention::expireLabelPrintJobs});
    m_kinds.push_back({"the bytes of %1 carrier labels", days.labels, retention::expireCarrierLabels});
  }
}

Result<bool> RetentionSweep::step(const QSqlDatabase &db, const QDateTime &now, int batch)
{
  bool more = false;
  for (Kind &kind : m_kinds) {
    auto done = kind.expire(db, now.addDays(-kind.days.count()), kind.through, batch);
    if (!done)
      return done.error();
    kind.through = done->lastId;
    kind.thisRun += done->rows;
    if (done->rows == batch) {
      more = true;
    } else if (kind.thisRun > 0) {
      qCInfo(lcRetention).noquote() << QStringLiteral("blanked %1 older than %2 days")
                                           .arg(QString::fromLatin1(kind.what).arg(kind.thisRun))
                                           .arg(kind.days.count());
      kind.thisRun = 0;
    }
  }
  return more;
}

} // namespace pb::hub
