// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hub/dataexport.h"

#include "app/common/startup.h"
#include "app/hub/hubcommands.h"
#include "core/base/clock.h"
#include "core/shopify/customerdata.h"

#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace pb::app {

namespace {

int fail(const QString &message, int code)
{
  QTextStream(stderr) << "packbench-hub: " << message << Qt::endl;
  return code;
}

// The export holds the customer's data: the file is new (never over another) and readable by its owner only.
Status writePrivateFile(const QString &path, const QByteArray &bytes)
{
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
    return makeError(ErrorKind::InvalidInput, u"cannot create %1: %2"_s.arg(path, file.errorString()));
  if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || file.write(bytes) != bytes.size() ||
      !file.flush()) {
    file.remove();
    return makeError(ErrorKind::Unavailable, u"cannot write %1"_s.arg(path));
  }
  return {};
}

} // namespace

int runDataExport(const config::Config &config, const QStringList &args)
{
  const QString verb = args.value(1);
  if (verb != u"list" && verb != u"show")
    return fail(u"unknown data-export command '%1' (list, show ID [FILE])"_s.arg(verb), ExitBadConfig);
  bool numeric = false;
  const qint64 id = args.value(2).toLongLong(&numeric);
  if (verb == u"show" && (!numeric || args.size() > 4))
    return fail(u"data-export show needs an export ID and at most a FILE"_s, ExitBadConfig);
  const SystemClock clock;
  auto opened = openConfiguredDatabase(config, clock, u"hub-admin"_s);
  if (!opened)
    return fail(opened.error().message, ExitDatabase);
  QSqlDatabase db = *opened;
  QTextStream out(stdout);
  if (verb == u"list") {
    auto all = shopify::customerdata::listExports(db);
    if (!all)
      return fail(all.error().message, ExitDatabase);
    out << "id\tshop\tcustomer\trequested\torders\tdelivered\n";
    for (const auto &e : *all)
      out << e.id << '\t' << e.shopDomain << '\t' << e.customerId << '\t' << e.requestedAt.toString(Qt::ISODate) << '\t'
          << e.orders << '\t' << (e.deliveredAt.isValid() ? e.deliveredAt.toString(Qt::ISODate) : u"no"_s) << '\n';
    return ExitOk;
  }
  const QString path = args.value(3);
  if (!path.isEmpty() && QFile::exists(path))
    return fail(u"%1 exists already; nothing was written"_s.arg(path), ExitBadConfig);
  auto document = shopify::customerdata::deliverExport(db, id, adminActor());
  if (!document)
    return fail(document.error().message, document.error().kind == ErrorKind::NotFound ? ExitBadConfig : ExitDatabase);
  const QByteArray json = QJsonDocument(*document).toJson(QJsonDocument::Indented);
  if (path.isEmpty()) {
    out << QString::fromUtf8(json);
    return ExitOk;
  }
  if (Status written = writePrivateFile(path, json); !written)
    return fail(written.error().message, ExitFailure);
  out << "data export " << id << " written to " << path << Qt::endl;
  return ExitOk;
}

} // namespace pb::app
