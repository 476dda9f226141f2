// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <utility>

namespace pb::hub::http {

struct Response {
  int status = 200;
  QByteArray contentType; // none when the body is empty
  QByteArray body;
  QList<std::pair<QByteArray, QByteArray>> headers; // more, e.g. Allow on a 405

  static Response json(const QJsonObject &object, int status = 200);
  static Response text(QByteArray contentType, QByteArray body);
};

QByteArray reasonPhrase(int status);

// The bytes on the wire: status line, Content-Length, "Connection: close" when the connection ends after it.
QByteArray serialize(const Response &response, bool closing);

} // namespace pb::hub::http
