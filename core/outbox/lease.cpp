// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/outbox/lease.h"

#include "core/db/sql.h"

#include <QJsonDocument>
#include <QLoggingCategory>

namespace pb::outbox {

namespace {
Q_LOGGING_CATEGORY(lcLease, "packbench.core.outbox.lease")

QString joinIds(const QList<qint64> &ids)
{
  QStringList parts;
  for (const qint64 id : ids)
    parts.append(QString::number(id));
  return parts.join(QLatin1Char(','));
}
} // namespace

Lease::Lease(QSqlDatabase db, QString workerId, int leaseSeconds, QList<qint64> rows)
    : m_db(std::move(db))
    , m_workerId(std::move(workerId))
    , m_leaseSeconds(std::max(1, leaseSeconds))
    , m_rows(std::move(rows))
{
  m_sinceRenewal.start();
  m_timer.setInterval(m_leaseSeconds * 1000 / 3);
  QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this]() {
    // No way to fail the call in flight from here: a row lost now is found lost when it is written.
    if (Status renewed = renewIfDue(); !renewed)
      qCWarning(lcLease).noquote() << "lease renewal failed:" << renewed.error().message;
  });
  m_timer.start();
}

Lease::~Lease() = default;

Status Lease::renewIfDue()
{
  if (m_rows.isEmpty() || m_sinceRenewal.elapsed() < m_leaseSeconds * 1000LL / 3)
    return {};
  return renew();
}

Status Lease::renew()
{
  auto renewed = db::exec(
      m_db,
      QStringLiteral("UPDATE outbox SET locked_until = now() + make_interval(secs => ?) WHERE id = "
                     "ANY(string_to_array(?, ',')::bigint[]) AND locked_by = ? AND status = 'in_flight' RETURNING id"),
      {m_leaseSeconds, joinIds(m_rows), m_workerId});
  if (!renewed)
    return renewed.error();
  m_sinceRenewal.restart();
  QList<qint64> still;
  while (renewed.value().next())
    still.append(renewed->value(0).toLongLong());
  for (const qint64 row : std::as_const(m_rows)) {
    if (!still.contains(row))
      qCWarning(lcLease) << "outbox row" << row << "was taken by another worker; leaving it to them";
  }
  m_rows = still;
  return {};
}

Result<bool> Lease::storeProgress(qint64 row, const QJsonObject &progress)
{
  if (!holds(row))
    return false;
  auto stored = db::exec(
      m_db,
      QStringLiteral("UPDATE outbox SET progress = ?::jsonb, locked_until = now() + make_interval(secs => ?) "
                     "WHERE id = ? AND locked_by = ? AND status = 'in_flight'"),
      {QString::fromUtf8(QJsonDocument(progress).toJson(QJsonDocument::Compact)), m_leaseSeconds, row, m_workerId});
  if (!stored)
    return stored.error();
  if (stored.value().numRowsAffected() == 1)
    return true;
  qCWarning(lcLease) << "outbox row" << row << "was taken by another worker; not posting for it";
  m_rows.removeAll(row);
  return false;
}

} // namespace pb::outbox
