// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/outbox/progress.h"

#include "core/db/sqlvalues.h"

#include <QJsonArray>

namespace pb::outbox {

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

} // namespace

FulfillmentProgress FulfillmentProgress::fromJson(const QJsonObject &json)
{
  FulfillmentProgress progress;
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

QJsonObject FulfillmentProgress::toJson() const
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

LineQuantities FulfillmentProgress::postedQuantities() const
{
  LineQuantities total;
  for (const Posted &entry : posted) {
    for (auto it = entry.lines.cbegin(); it != entry.lines.cend(); ++it)
      total[it.key()] += it.value();
  }
  return total;
}

} // namespace pb::outbox
