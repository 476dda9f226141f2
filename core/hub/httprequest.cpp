// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/httprequest.h"

#include <optional>

namespace pb::hub::http {

namespace {

constexpr qsizetype kMaxTargetBytes = 8 * 1024;
constexpr qsizetype kMaxMethodBytes = 16;
constexpr qsizetype kMaxLeadingEmptyLines = 8;

bool isTokenChar(char c)
{
  const auto u = static_cast<unsigned char>(c);
  if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
    return true;
  return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
  if (text.isEmpty())
    return false;
  for (const char c : text) {
    if (!isTokenChar(c))
      return false;
  }
  return true;
}

// Field values: visible characters, spaces, tabs and obs-text; no other control character.
bool isFieldValue(QByteArrayView text)
{
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f)
      return false;
  }
  return true;
}

QByteArrayView trimmedSpaces(QByteArrayView text)
{
  while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
    text = text.sliced(1);
  while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
    text.chop(1);
  return text;
}

std::optional<qint64> contentLength(QByteArrayView text)
{
  if (text.isEmpty() || text.size() > 18)
    return std::nullopt;
  qint64 value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
  qsizetype start = 0;
  while (start <= list.size()) {
    qsizetype comma = list.indexOf(',', start);
    if (comma < 0)
      comma = list.size();
    if (trimmedSpaces(list.sliced(start, comma - start)).compare(token, Qt::CaseInsensitive) == 0)
      return true;
    start = comma + 1;
  }
  return false;
}

Parsed refused(int status)
{
  Parsed parsed;
  parsed.kind = Parsed::Kind::Refused;
  parsed.status = status;
  return parsed;
}

// "METHOD SP target SP HTTP/1.x": 0 when good, else the status to refuse with.
int parseRequestLine(QByteArrayView line, Request &request)
{
  const qsizetype firstSpace = line.indexOf(' ');
  if (firstSpace <= 0 || firstSpace > kMaxMethodBytes)
    return 400;
  const qsizetype secondSpace = line.indexOf(' ', firstSpace + 1);
  if (secondSpace < 0)
    return 400;
  const QByteArrayView method = line.first(firstSpace);
  const QByteArrayView target = line.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
  const QByteArrayView version = line.sliced(secondSpace + 1);
  if (!isToken(method) || target.isEmpty())
    return 400;
  if (target.size() > kMaxTargetBytes)
    return 414;
  for (const char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
      return 400;
  }
  if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' || version[5] < '0' ||
      version[5] > '9' || version[7] < '0' || version[7] > '9')
    return 400;
  if (version[5] != '1')
    return 505;
  request.method = method.toByteArray();
  request.target = target.toByteArray();
  request.minorVersion = version[7] - '0';
  return 0;
}

} // namespace

QByteArray Request::header(QByteArrayView lowerName) const
{
  for (const auto &[name, value] : headers) {
    if (name == lowerName)
      return value;
  }
  return {};
}

QByteArray Request::path() const
{
  const qsizetype query = target.indexOf('?');
  return query < 0 ? target : target.first(query);
}

Parsed parse(QByteArrayView buffer, const Limits &limits)
{
  // A client may send empty lines before a request (RFC 9112, 2.2): passed over.
  qsizetype start = 0;
  while (buffer.sliced(start).startsWith("\r\n")) {
    start += 2;
    if (start > kMaxLeadingEmptyLines * 2)
      return refused(400);
  }
  const qsizetype headEnd = buffer.indexOf("\r\n\r\n", start);
  if (headEnd < 0) {
    if (buffer.size() - start > limits.maxHeadBytes)
      return refused(431);
    // A line feed alone, or a bare carriage return, ends nothing here: refuse it rather than wait.
    const qsizetype bareLf = buffer.indexOf('\n', start);
    if (bareLf >= 0 && (bareLf == start || buffer[bareLf - 1] != '\r'))
      return refused(400);
    return {};
  }
  if (headEnd + 4 - start > limits.maxHeadBytes)
    return refused(431);

  Parsed parsed;
  Request &request = parsed.request;
  const QByteArrayView head = buffer.sliced(start, headEnd - start);
  qsizetype lineEnd = head.indexOf("\r\n");
  if (const int status = parseRequestLine(lineEnd < 0 ? head : head.first(lineEnd), request))
    return refused(status);

  std::optional<qint64> length;
  bool chunked = false;
  QByteArray connection;
  while (lineEnd >= 0) {
    const qsizetype from = lineEnd + 2;
    lineEnd = head.indexOf("\r\n", from);
    const QByteArrayView line = head.sliced(from, (lineEnd < 0 ? head.size() : lineEnd) - from);
    const qsizetype colon = line.indexOf(':');
    // No name, a folded continuation line, or space before the colon: all ways to hide a header.
    if (colon <= 0 || !isToken(line.first(colon)))
      return refused(400);
    const QByteArrayView value = trimmedSpaces(line.sliced(colon + 1));
    if (!isFieldValue(value))
      return refused(400);
    if (request.headers.size() >= limits.maxHeaders)
      return refused(431);
    QByteArray name = line.first(colon).toByteArray().toLower();
    if (name == "content-length") {
      const auto declared = contentLength(value);
      if (!declared || (length && *length != *declared))
        return refused(400);
      length = declared;
    } else if (name == "transfer-encoding") {
      chunked = true;
    } else if (name == "connection") {
      connection += value.toByteArray() + ',';
    }
    request.headers.append({std::move(name), value.toByteArray()});
  }
  if (chunked)
    return refused(length ? 400 : 411);
  if (length.value_or(0) > limits.maxBodyBytes)
    return refused(413);

  request.keepAlive = request.minorVersion >= 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
  const qsizetype bodyStart = headEnd + 4;
  const qint64 bodyBytes = length.value_or(0);
  if (buffer.size() - bodyStart < bodyBytes) {
    parsed.kind = Parsed::Kind::NeedMore;
    parsed.expectsContinue = request.minorVersion >= 1 && hasToken(request.header("expect"), "100-continue");
    parsed.request = {};
    return parsed;
  }
  request.body = buffer.sliced(bodyStart, bodyBytes).toByteArray();
  parsed.kind = Parsed::Kind::Request;
  parsed.consumed = bodyStart + bodyBytes;
  return parsed;
}

} // namespace pb::hub::http
