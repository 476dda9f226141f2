// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/outbox/claims.h"

#include "core/db/sql.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStringList>

namespace pb::outbox {

namespace {

QString jsonText(const QJsonObject &object)
{
  return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The claim. A row's shop is the shop of the order it acts on (its fulfillment order's order, or the order an
// order.sync reads), never only the shop_id column its writer filled in: a row naming another shop than its
// order comes back with a mismatch flag so it waits with an error instead of going out with that shop's token.
QString claimSql()
{
  return QStringLiteral(
             "WITH claimed AS (UPDATE outbox SET status = 'in_flight', locked_by = ?, locked_until = now() + "
             "make_interval(secs => ?), attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox WHERE kind = "
             "ANY(string_to_array(?, ',')) AND ((status IN ('pending', 'failed') AND next_attempt_at <= now()) OR "
             "(status = 'in_flight' AND (locked_until < now() OR locked_by = ?))) ORDER BY next_attempt_at, id LIMIT ? "
             "FOR UPDATE SKIP LOCKED) RETURNING id, kind, payload, attempts, progress, shop_id) "
             "SELECT c.id, c.kind, c.payload, c.attempts, c.progress, s.domain, c.shop_id IS NOT NULL AND d.shop_id "
             "IS NOT NULL AND c.shop_id <> d.shop_id FROM claimed c "
             "LEFT JOIN LATERAL (SELECT coalesce((SELECT o.shop_id FROM fulfillment_orders f JOIN orders o ON o.id = "
             "f.order_id WHERE f.id = CASE WHEN c.payload->>'%1' ~ '^[0-9]{1,18}$' THEN (c.payload->>'%1')::bigint "
             "END), CASE WHEN c.kind = '%3' AND c.payload->>'%2' ~ '^[0-9]{1,18}$' THEN (c.payload->>'%2')::bigint "
             "END) AS shop_id) d ON true "
             "LEFT JOIN shops s ON s.id = coalesce(d.shop_id, c.shop_id) ORDER BY c.id")
      .arg(QString::fromLatin1(field::kFulfillmentOrderId), QString::fromLatin1(field::kShopId),
           kindName(Kind::OrderSync));
}

} // namespace

Claims::Claims(QSqlDatabase db, ClaimSettings settings)
    : m_db(std::move(db))
    , m_settings(std::move(settings))
{}

Claims::~Claims() = default;

Result<QList<ClaimedRow>> Claims::claim(const QList<Kind> &kinds)
{
  QStringList names;
  for (const Kind kind : kinds)
    names.append(kindName(kind));
  auto claimed = db::exec(m_db, claimSql(),
                          {m_settings.workerId, m_settings.leaseSeconds, names.join(QLatin1Char(',')),
                           m_settings.workerId, m_settings.batchSize});
  if (!claimed)
    return claimed.error();
  QList<ClaimedRow> rows;
  while (claimed.value().next()) {
    ClaimedRow row;
    row.id = claimed->value(0).toLongLong();
    row.kind = claimed->value(1).toString();
    row.body = parse(row.kind, QJsonDocument::fromJson(claimed->value(2).toByteArray()).object());
    row.attempts = claimed->value(3).toInt();
    row.progress = QJsonDocument::fromJson(claimed->value(4).toByteArray()).object();
    row.shopDomain = claimed->value(5).toString();
    if (claimed->value(6).toBool())
      row.shopProblem = QStringLiteral("the row's shop_id is not the shop of the order it acts on");
    rows.append(std::move(row));
  }
  return rows;
}

Result<Settled> Claims::done(const ClaimedRow &row, const std::optional<QJsonObject> &progress,
                             const std::function<Status()> &alsoWrite)
{
  bool lost = false;
  Status written = db::inTransaction(m_db, [&]() -> Status {
    const QVariant stored = progress ? QVariant(jsonText(*progress)) : QVariant(QMetaType::fromType<QString>());
    auto marked = db::exec(m_db,
                           QStringLiteral("UPDATE outbox SET status = 'done', done_at = now(), last_error = NULL, "
                                          "locked_by = NULL, locked_until = NULL, progress = coalesce(?::jsonb, "
                                          "progress) WHERE id = ? AND locked_by = ? AND status = 'in_flight'"),
                           {stored, row.id, m_settings.workerId});
    if (!marked)
      return marked.error();
    if (marked.value().numRowsAffected() != 1) {
      lost = true;
      return makeError(ErrorKind::Conflict, QStringLiteral("lease lost")); // rolls back: write nothing
    }
    return alsoWrite ? alsoWrite() : Status{};
  });
  if (lost)
    return Settled::LeaseLost;
  if (!written)
    return written.error();
  return Settled::Written;
}

Result<Settled> Claims::failed(const ClaimedRow &row, const Error &error, bool *dead)
{
  const bool final = error.kind == ErrorKind::InvalidInput || error.kind == ErrorKind::Permission ||
                     row.attempts >= m_settings.maxAttempts;
  if (dead)
    *dead = final;
  const qint64 base = static_cast<qint64>(m_settings.backoffBaseMs) << std::min(row.attempts - 1, 20);
  const qint64 capped = std::min<qint64>(base, m_settings.backoffMaxMs);
  const qint64 delay =
      capped / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(capped / 2 + 1)));
  auto marked = db::exec(m_db,
                         QStringLiteral("UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = now() + "
                                        "make_interval(secs => ?), locked_by = NULL, locked_until = NULL WHERE id = ? "
                                        "AND locked_by = ? AND status = 'in_flight'"),
                         {final ? QStringLiteral("dead") : QStringLiteral("failed"), error.message,
                          static_cast<double>(delay) / 1000.0, row.id, m_settings.workerId});
  if (!marked)
    return marked.error();
  return marked.value().numRowsAffected() == 1 ? Settled::Written : Settled::LeaseLost;
}

Result<Settled> Claims::park(const ClaimedRow &row, const QString &why, int seconds)
{
  auto parked = db::exec(m_db,
                         QStringLiteral("UPDATE outbox SET status = 'failed', attempts = greatest(attempts - 1, 0), "
                                        "last_error = ?, next_attempt_at = now() + make_interval(secs => ?), "
                                        "locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ? AND "
                                        "status = 'in_flight'"),
                         {why, seconds, row.id, m_settings.workerId});
  if (!parked)
    return parked.error();
  return parked.value().numRowsAffected() == 1 ? Settled::Written : Settled::LeaseLost;
}

} // namespace pb::outbox
