// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/inboxstore.h"

#include "core/db/statementcache.h"
#include "core/hub/inboxwriter.h"

#include <QSemaphore>

namespace pb::test {

Result<shopify::StoreOutcome> storeWebhook(QSqlDatabase &db, const shopify::WebhookDelivery &delivery)
{
  db::StatementCache statements(db);
  auto outcomes = shopify::webhookinbox::storeBatch(statements, {delivery});
  if (!outcomes)
    return outcomes.error();
  return outcomes->first();
}

Result<shopify::StoreOutcome> storeAndWait(hub::InboxWriter &writer, const shopify::WebhookDelivery &delivery)
{
  QSemaphore done;
  Result<shopify::StoreOutcome> outcome = makeError(ErrorKind::Internal, QStringLiteral("not stored"));
  writer.storeAsync(delivery, [&](Result<shopify::StoreOutcome> stored) {
    outcome = std::move(stored);
    done.release();
  });
  done.acquire();
  return outcome;
}

} // namespace pb::test
