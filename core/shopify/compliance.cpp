// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/compliance.h"

#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/webhookadmission.h"
#include "core/shopify/webhookinbox.h"

#include <QJsonArray>

namespace pb::shopify::compliance {

namespace {

Status audit(QSqlDatabase &db, const QString &action, const QString &subjectKind, const QString &subjectId,
             const QJsonObject &details)
{
  return audit::write(
      db,
      {audit::Actor::hub(QStringLiteral("shopify-webhook")), action, {subjectKind, subjectId}, details, std::nullopt});
}

QString customerSubject(const customerdata::Subject &subject)
{
  return subject.customerId.isEmpty() ? QStringLiteral("unknown") : subject.customerId;
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
  auto done = db::exec(db, QStringLiteral("UPDATE webhook_inbox SET body = convert_to(?, 'UTF8') WHERE id = ?"),
                       {QString::fromLatin1(webhookinbox::kRedactedBody), inboxId});
  return done ? Status{} : Status{done.error()};
}

Result<customerdata::Scrubbed> redactCustomer(QSqlDatabase &db, qint64 shopId, const QString &shopDomain,
                                              const QJsonObject &payload)
{
  const customerdata::Subject subject =
      customerdata::fromPayload(shopId, shopDomain, payload, QStringLiteral("orders_to_redact"));
  if (subject.customerId.isEmpty() && subject.orderIds.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("customers/redact without customer id or orders"));
  auto scrubbed = customerdata::scrub(db, subject);
  if (!scrubbed)
    return scrubbed.error();
  if (Status s = audit(db, QStringLiteral("customer.redact"), QStringLiteral("customer"), customerSubject(subject),
                       scrubbed->counts());
      !s)
    return s.error();
  return scrubbed;
}

Result<customerdata::Scrubbed> redactShop(QSqlDatabase &db, qint64 shopId, const QString &shopDomain)
{
  customerdata::Subject subject;
  subject.shopId = shopId;
  subject.shopDomain = shopDomain;
  subject.wholeShop = true;
  auto scrubbed = customerdata::scrub(db, subject);
  if (!scrubbed)
    return scrubbed.error();
  if (auto marked = db::exec(db, QStringLiteral("UPDATE shops SET redacted_at = now() WHERE id = ?"), {shopId});
      !marked)
    return marked.error();
  if (Status s =
          audit(db, QStringLiteral("shop.redact"), QStringLiteral("shop"), QString::number(shopId), scrubbed->counts());
      !s)
    return s.error();
  return scrubbed;
}

Result<qint64> exportDataRequest(QSqlDatabase &db, qint64 shopId, const QString &shopDomain, const QJsonObject &payload,
                                 int *orders)
{
  const customerdata::Subject subject =
      customerdata::fromPayload(shopId, shopDomain, payload, QStringLiteral("orders_requested"));
  if (subject.customerId.isEmpty() && subject.orderIds.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("customers/data_request without customer id or orders"));
  int count = 0;
  auto exported = customerdata::exportCustomer(db, subject, &count);
  if (!exported)
    return exported.error();
  if (Status s =
          audit(db, QStringLiteral("customer.data_request"), QStringLiteral("customer"), customerSubject(subject),
                QJsonObject{{QStringLiteral("orders_held"), count},
                            {QStringLiteral("export_id"), QString::number(*exported)}});
      !s)
    return s.error();
  if (orders)
    *orders = count;
  return exported;
}

Status markUninstalled(QSqlDatabase &db, qint64 shopId)
{
  auto marked = db::exec(db, QStringLiteral("UPDATE shops SET uninstalled_at = now() WHERE id = ?"), {shopId});
  if (!marked)
    return marked.error();
  return audit(db, QStringLiteral("app.uninstalled"), QStringLiteral("shop"), QString::number(shopId),
               QJsonObject{{QStringLiteral("orders_held"), 0}});
}

} // namespace pb::shopify::compliance
