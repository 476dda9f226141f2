// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace pb::hub::http {

// One HTTP/1.x request as the hub's ingest threads read it: a request line, headers and a body framed by
// Content-Length (Shopify and nginx's buffered proxying always send one).
struct Request {
  QByteArray method;
  QByteArray target; // as sent, query included
  int minorVersion = 1;
  QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case, values without surrounding spaces
  QByteArray body;
  bool keepAlive = true; // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive"
  QString peer;          // the client's address, for log lines

  // The first header of that name (give it in lower case), or empty.
  QByteArray header(QByteArrayView lowerName) const;
  QByteArray path() const; // the target without its query
};

struct Limits {
  qsizetype maxHeadBytes = 16 * 1024; // request line and headers (nginx's large_client_header_buffers)
  int maxHeaders = 100;
  qint64 maxBodyBytes = 2 * 1024 * 1024; // hub.max_body_bytes
};

// What the bytes at the front of a connection's buffer hold.
struct Parsed {
  enum class Kind {
    NeedMore, // no whole request yet
    Request,  // request is the first `consumed` bytes
    Refused,  // answer `status` and close the connection: what follows cannot be framed or is not wanted
  };
  Kind kind = Kind::NeedMore;
  qsizetype consumed = 0;
  Request request;
  int status = 0;
  // NeedMore with the head complete and "Expect: 100-continue": the client waits for a 100 before the body.
  bool expectsContinue = false;
};

// Strict on framing (so that nothing can be smuggled past nginx): CRLF line ends, no folded headers, no
// space before a colon, one Content-Length, no Transfer-Encoding (411: a length is required).
Parsed parse(QByteArrayView buffer, const Limits &limits);

} // namespace pb::hub::http
