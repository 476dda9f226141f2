// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/outboxprogress.h"

#include "core/db/sqlvalues.h"
#include "core/shopify/fulfillmentapi.h"

#include <QJsonArray>

namespace pb::shopify {

namespace {

LineQuantities linesFromJson(const QJsonObject &json)
{
  LineQuantities lines;
  for (auto it = json.begin(); it != json.end(); ++it)
    lines.insert(it.key().toLongLong(), it.value().toInt());
  return lines;
}

QJsonObject linesToJson(const LineQuantities &lines)
{
  QJsonObject json;
  for (auto it = lines.cbegin(); it != lines.cend(); ++it)
    json.insert(QString::number(it.key()), it.value());
  return json;
}

bool madeBy(const OutboxProgress::Sent &call, const RemoteFulfillment &fulfillment,
            const QHash<qint64, QString> &lineItemOf)
{
  if (!fulfillment.createdAt.isValid() || !call.sentAt.isValid() ||
      fulfillment.createdAt < call.sentAt.addSecs(-kClockSkewSeconds))
    return false;
  QHash<QString, int> expected; // by numeric LineItem id, as Shopify lists a fulfillment's lines
  int total = 0;
  for (auto it = call.lines.cbegin(); it != call.lines.cend(); ++it) {
    if (it.value() <= 0)
      continue;
    expected[lineItemOf.value(it.key())] += it.value();
    total += it.value();
  }
  if (total != fulfillment.totalQuantity)
    return false;
  for (auto it = fulfillment.lineItems.cbegin(); it != fulfillment.lineItems.cend(); ++it) {
    if (expected.value(it.key()) != it.value())
      return false;
  }
  // A fulfillment of more lines than one page shows is judged by that page and its total.
  return fulfillment.moreLines || fulfillment.lineItems.size() == expected.size();
}

} // namespace

OutboxProgress OutboxProgress::fromJson(const QJsonObject &json)
{
  OutboxProgress progress;
  for (const QJsonValue &value : json.value(u"posted").toArray()) {
    const QJsonObject entry = value.toObject();
    progress.posted.append(
        {entry.value(u"fulfillment_id").toString(), linesFromJson(entry.value(u"lines").toObject())});
  }
  for (const QJsonValue &value : json.value(u"sent").toArray()) {
    const QJsonObject entry = value.toObject();
    progress.sent.append({linesFromJson(entry.value(u"lines").toObject()),
                          QDateTime::fromString(entry.value(u"sent_at").toString(), Qt::ISODateWithMs)});
  }
  return progress;
}

QJsonObject OutboxProgress::toJson() const
{
  QJsonArray postedJson;
  for (const Posted &entry : posted)
    postedJson.append(QJsonObject{{QStringLiteral("fulfillment_id"), entry.fulfillmentId},
                                  {QStringLiteral("lines"), linesToJson(entry.lines)}});
  QJsonArray sentJson;
  for (const Sent &entry : sent)
    sentJson.append(QJsonObject{{QStringLiteral("lines"), linesToJson(entry.lines)},
                                {QStringLiteral("sent_at"), db::isoUtc(entry.sentAt)}});
  return QJsonObject{{QStringLiteral("posted"), postedJson}, {QStringLiteral("sent"), sentJson}};
}

LineQuantities OutboxProgress::postedQuantities() const
{
  LineQuantities total;
  for (const Posted &entry : posted) {
    for (auto it = entry.lines.cbegin(); it != entry.lines.cend(); ++it)
      total[it.key()] += it.value();
  }
  return total;
}

int OutboxProgress::confirmSent(const QList<RemoteFulfillment> &atShopify, const QHash<qint64, QString> &lineItemOf)
{
  QStringList known;
  for (const Posted &entry : std::as_const(posted))
    known.append(entry.fulfillmentId);
  int found = 0;
  for (auto call = sent.begin(); call != sent.end();) {
    const auto made = std::find_if(atShopify.begin(), atShopify.end(), [&](const RemoteFulfillment &f) {
      return !known.contains(f.id) && madeBy(*call, f, lineItemOf);
    });
    if (made == atShopify.end()) {
      ++call;
      continue;
    }
    posted.append({made->id, call->lines});
    known.append(made->id);
    call = sent.erase(call);
    ++found;
  }
  return found;
}

} // namespace pb::shopify
