// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: whatever bytes reach a hub ingest thread's socket, through the HTTP/1.1 request parser
// (request line, headers, Content-Length framing, pipelined requests one after another).
#include "core/hub/httprequest.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace pb::hub::http;

namespace {
void check(bool condition)
{
  if (!condition)
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  Limits limits;
  limits.maxHeadBytes = 2048;
  limits.maxHeaders = 20;
  limits.maxBodyBytes = 4096;
  QByteArrayView rest(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  // As a connection does: take requests from the front until one is incomplete or refused.
  for (int taken = 0; taken < 64; ++taken) {
    const Parsed parsed = parse(rest, limits);
    if (parsed.kind != Parsed::Kind::Request) {
      check(parsed.kind == Parsed::Kind::NeedMore || (parsed.status >= 400 && parsed.status < 600));
      break;
    }
    // A request never takes more than it was given or nothing at all, and its body is what it declared.
    check(parsed.consumed > 0 && parsed.consumed <= rest.size());
    check(parsed.request.body.size() <= limits.maxBodyBytes);
    check(parsed.request.body.size() == parsed.request.header("content-length").toLongLong());
    check(!parsed.request.method.isEmpty() && !parsed.request.target.isEmpty());
    // The same bytes cut short are never a different request: at most a wait for the rest.
    if (parsed.consumed > 1)
      check(parse(rest.first(parsed.consumed - 1), limits).kind != Parsed::Kind::Request);
    (void)parsed.request.path();
    rest = rest.sliced(parsed.consumed);
  }
  return 0;
}
