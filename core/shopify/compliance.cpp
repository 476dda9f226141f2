// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/compliance.h"

#include "core/db/sql.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/webhookadmission.h"

#include <QJsonArray>

namespace pb::shopify::compliance {

namespace {

const QString kRedactColumns =
    QStringLiteral("email = NULL, phone = NULL, customer_name = NULL, shipping_address = NULL, billing_address = NULL, "
                   "note = NULL, gift_message = NULL, redacted_at = now(), updated_at = now()");

Status audit(QSqlDatabase &db, const QString &action, const QString &subjectKind, const QString &subjectId,
             const QString &countName, int count)
{
  auto added = db::exec(db,
                        QStringLiteral("INSERT INTO audit_log (actor_kind, actor_id, action, subject_kind, "
                                       "subject_id, details) VALUES ('hub', 'shopify-webhook', ?, ?, ?, "
                                       "jsonb_build_object(?::text, ?::int))"),
                        {action, subjectKind, subjectId, countName, count});
  return added ? Status{} : Status{added.error()};
}

QString idList(const QJsonArray &ids)
{
  QStringList out;
  for (const QJsonValue &value : ids) {
    const QString id = ordermapper::numericId(value);
    if (!id.isEmpty())
      out.append(id);
  }
  return out.join(QLatin1Char(','));
}

const QString kBlankBody = QStringLiteral("convert_to('{\"redacted\": true}', 'UTF8')");

// Raw bodies are bytes and may not even be JSON (dead letters): match by byte search, not by parsing.
Result<int> blankInboxBodiesMentioning(QSqlDatabase &db, const QString &shopDomain, const QStringList &needles)
{
  int blanked = 0;
  for (const QString &needle : needles) {
    if (needle.size() < 3)
      continue;
    auto done = db::exec(db,
                         QStringLiteral("UPDATE webhook_inbox SET body = ") + kBlankBody +
                             QStringLiteral(" WHERE shop_domain = ? AND status <> 'pending' AND "
                                            "position(convert_to(?, 'UTF8') in body) > 0"),
                         {shopDomain, needle});
    if (!done)
      return done.error();
    blanked += done->numRowsAffected();
  }
  return blanked;
}

} // namespace

Result<std::optional<qint64>> requestedShop(QSqlDatabase &db, const QJsonObject &payload, const QString &headerDomain)
{
  const webhookadmission::NamedShop named = webhookadmission::shopNamedBy(payload);
  if (named.domain.isEmpty() || named.shopifyId.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("privacy request without shop_domain or shop_id"));
  if (named.domain != headerDomain.toLower())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("privacy request for %1 arrived as %2").arg(named.domain, headerDomain));
  auto found = db::exec(db, QStringLiteral("SELECT id, shopify_id FROM shops WHERE domain = ?"), {named.domain});
  if (!found)
    return found.error();
  if (!found.value().next())
    return std::optional<qint64>();
  const QString knownId = found->value(1).toString();
  if (!knownId.isEmpty() &&
      ordermapper::numericId(QJsonValue(knownId)) != ordermapper::numericId(QJsonValue(named.shopifyId)))
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("privacy request names shop_id %1, but %2 is %3")
                         .arg(named.shopifyId, named.domain, ordermapper::numericId(QJsonValue(knownId))));
  return std::optional<qint64>(found->value(0).toLongLong());
}

Status blankInboxBody(QSqlDatabase &db, qint64 inboxId)
{
  auto done = db::exec(
      db, QStringLiteral("UPDATE webhook_inbox SET body = ") + kBlankBody + QStringLiteral(" WHERE id = ?"), {inboxId});
  return done ? Status{} : Status{done.error()};
}

Result<int> redactCustomer(QSqlDatabase &db, qint64 shopId, const QString &shopDomain, const QJsonObject &payload)
{
  const QJsonObject customer = payload.value(u"customer").toObject();
  const QString customerId = ordermapper::numericId(customer.value(u"id"));
  if (customerId.isEmpty() && !payload.value(u"orders_to_redact").isArray())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("customers/redact without customer id or orders"));
  auto redacted = db::exec(db,
                           QStringLiteral("UPDATE orders SET ") + kRedactColumns +
                               QStringLiteral(" WHERE shop_id = ? AND (shopify_customer_id = ? OR shopify_id = "
                                              "ANY(string_to_array(?, ',')))"),
                           {shopId, customerId, idList(payload.value(u"orders_to_redact").toArray())});
  if (!redacted)
    return redacted.error();
  const int count = redacted->numRowsAffected();
  QStringList needles{customerId, customer.value(u"email").toString(), customer.value(u"phone").toString()};
  const QString orderIds = idList(payload.value(u"orders_to_redact").toArray());
  if (!orderIds.isEmpty())
    needles += orderIds.split(QLatin1Char(','));
  auto blanked = blankInboxBodiesMentioning(db, shopDomain, needles);
  if (!blanked)
    return blanked.error();
  if (Status s = audit(db, QStringLiteral("customer.redact"), QStringLiteral("customer"),
                       customerId.isEmpty() ? QStringLiteral("unknown") : customerId, QStringLiteral("orders_redacted"),
                       count);
      !s)
    return s.error();
  return count;
}

Result<int> redactShop(QSqlDatabase &db, qint64 shopId, const QString &shopDomain)
{
  auto blanked = db::exec(db,
                          QStringLiteral("UPDATE webhook_inbox SET body = ") + kBlankBody +
                              QStringLiteral(" WHERE shop_domain = ? AND status <> 'pending'"),
                          {shopDomain});
  if (!blanked)
    return blanked.error();
  auto redacted = db::exec(
      db, QStringLiteral("UPDATE orders SET ") + kRedactColumns + QStringLiteral(" WHERE shop_id = ?"), {shopId});
  if (!redacted)
    return redacted.error();
  const int count = redacted->numRowsAffected();
  if (auto marked = db::exec(db, QStringLiteral("UPDATE shops SET redacted_at = now() WHERE id = ?"), {shopId});
      !marked)
    return marked.error();
  if (Status s = audit(db, QStringLiteral("shop.redact"), QStringLiteral("shop"), QString::number(shopId),
                       QStringLiteral("orders_redacted"), count);
      !s)
    return s.error();
  return count;
}

Result<int> recordDataRequest(QSqlDatabase &db, qint64 shopId, const QJsonObject &payload)
{
  const QString customerId = ordermapper::numericId(payload.value(u"customer").toObject().value(u"id"));
  auto held = db::exec(db,
                       QStringLiteral("SELECT count(*) FROM orders WHERE shop_id = ? AND (shopify_customer_id = ? OR "
                                      "shopify_id = ANY(string_to_array(?, ',')))"),
                       {shopId, customerId, idList(payload.value(u"orders_requested").toArray())});
  if (!held)
    return held.error();
  held.value().next();
  const int count = held->value(0).toInt();
  if (Status s =
          audit(db, QStringLiteral("customer.data_request"), QStringLiteral("customer"),
                customerId.isEmpty() ? QStringLiteral("unknown") : customerId, QStringLiteral("orders_held"), count);
      !s)
    return s.error();
  return count;
}

Status markUninstalled(QSqlDatabase &db, qint64 shopId)
{
  auto marked = db::exec(db, QStringLiteral("UPDATE shops SET uninstalled_at = now() WHERE id = ?"), {shopId});
  if (!marked)
    return marked.error();
  return audit(db, QStringLiteral("app.uninstalled"), QStringLiteral("shop"), QString::number(shopId),
               QStringLiteral("orders_held"), 0);
}

} // namespace pb::shopify::compliance
