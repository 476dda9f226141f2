// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/httpresponse.h"

#include <QJsonDocument>

namespace pb::hub::http {

Response Response::json(const QJsonObject &object, int status)
{
  return {status, QByteArrayLiteral("application/json"), QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

Response Response::text(QByteArray contentType, QByteArray body)
{
  return {200, std::move(contentType), std::move(body), {}};
}

QByteArray reasonPhrase(int status)
{
  switch (status) {
  case 100: return QByteArrayLiteral("Continue");
  case 200: return QByteArrayLiteral("OK");
  case 400: return QByteArrayLiteral("Bad Request");
  case 401: return QByteArrayLiteral("Unauthorized");
  case 404: return QByteArrayLiteral("Not Found");
  case 405: return QByteArrayLiteral("Method Not Allowed");
  case 408: return QByteArrayLiteral("Request Timeout");
  case 411: return QByteArrayLiteral("Length Required");
  case 413: return QByteArrayLiteral("Payload Too Large");
  case 414: return QByteArrayLiteral("URI Too Long");
  case 431: return QByteArrayLiteral("Request Header Fields Too Large");
  case 500: return QByteArrayLiteral("Internal Server Error");
  case 503: return QByteArrayLiteral("Service Unavailable");
  case 505: return QByteArrayLiteral("HTTP Version Not Supported");
  default: return QByteArrayLiteral("Status");
  }
}

QByteArray serialize(const Response &response, bool closing)
{
  QByteArray out;
  out.reserve(128 + response.body.size());
  out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
  if (!response.contentType.isEmpty())
    out += "Content-Type: " + response.contentType + "\r\n";
  for (const auto &[name, value] : response.headers)
    out += name + ": " + value + "\r\n";
  out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
  if (closing)
    out += "Connection: close\r\n";
  out += "\r\n";
  out += response.body;
  return out;
}

} // namespace pb::hub::http
