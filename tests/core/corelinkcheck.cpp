// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A program that links every core library and calls into each, so `ldd` on it shows everything core
// pulls in at run time (core_links_no_widgets: no Qt Gui, no Widgets). It prints one line per library.
#include "core/admin/databaselogins.h"
#include "core/audit/auditlog.h"
#include "core/base/version.h"
#include "core/config/configkeys.h"
#include "core/db/transportsecurity.h"
#include "core/documents/liquid/template.h"
#include "core/hub/ingestcounters.h"
#include "core/logging/redaction.h"
#include "core/outbox/message.h"
#include "core/packing/pinhash.h"
#include "core/queue/claimsql.h"
#include "core/scanning/scandecoder.h"
#include "core/shopify/ordermapper.h"

#include <QTextStream>

int main()
{
  using namespace pb;
  QTextStream out(stdout);
  out << "base " << versionString() << Qt::endl;
  out << "config " << config::allKeys().size() << " keys" << Qt::endl;
  out << "logging " << logging::redact(QStringLiteral("ok")) << Qt::endl;
  out << "scanning " << scanning::ScanDecoder().decode(u"]E00012345678905").gtin << Qt::endl;
  out << "db " << db::isLocalHost(QStringLiteral("localhost")) << Qt::endl;
  out << "outbox " << outbox::kindName(outbox::Kind::FulfillmentCreate) << Qt::endl;
  out << "audit " << audit::actorKindName(audit::Actor::Kind::Station) << Qt::endl;
  out << "queue " << queue::claimNextPostgresSql().size() << Qt::endl;
  out << "shopify " << shopify::ordermapper::numericId(QStringLiteral("gid://shopify/Order/1")) << Qt::endl;
  out << "packing " << packing::verifyPin(QStringLiteral("1"), QStringLiteral("x")) << Qt::endl;
  out << "documents " << documents::liquid::Template::parse(QStringLiteral("{{ a }}")).ok() << Qt::endl;
  out << "hub " << hub::IngestCounters(1).threads() << Qt::endl;
  out << "admin " << admin::groupRole(admin::LoginGroup::Station) << Qt::endl;
  return 0;
}
