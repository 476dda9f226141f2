// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/customerdata.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace pb::shopify {

// Shopify's mandatory privacy topics and app/uninstalled. Redaction really removes customer data
// from every table that holds it (customerdata::scrub) and leaves an audit_log row that says so
// (counts and ids only, never the data).
namespace compliance {

// The shop a privacy request is about, taken from its signed body (shop_domain, shop_id), never from the
// unsigned header alone: the body must name headerDomain, and its shop_id the one we know for that shop.
// nullopt when we hold nothing of that shop. InvalidInput when body and header or shop_id disagree.
Result<std::optional<qint64>> requestedShop(QSqlDatabase &db, const QJsonObject &payload, const QString &headerDomain);

// customers/redact: {customer:{id,email,phone}, orders_to_redact:[ids]}. The customer's orders and
// every stored delivery, print job, reason and export that belongs to them, by structure.
Result<customerdata::Scrubbed> redactCustomer(QSqlDatabase &db, qint64 shopId, const QString &shopDomain,
                                              const QJsonObject &payload);
// shop/redact: 48 hours after uninstall; all of the shop's customer data and its credentials.
Result<customerdata::Scrubbed> redactShop(QSqlDatabase &db, qint64 shopId, const QString &shopDomain);
// Blanks one inbox row's body (a compliance request carries the customer's contact data itself).
Status blankInboxBody(QSqlDatabase &db, qint64 inboxId);
// customers/data_request: writes the customer's data as a customer_data_exports row for the merchant
// (`packbench-hub data-export`), audited; returns the export's id and sets *orders.
Result<qint64> exportDataRequest(QSqlDatabase &db, qint64 shopId, const QString &shopDomain, const QJsonObject &payload,
                                 int *orders);
Status markUninstalled(QSqlDatabase &db, qint64 shopId);

} // namespace compliance
} // namespace pb::shopify
