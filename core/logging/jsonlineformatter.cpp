// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging/jsonlineformatter.h"

#include <spdlog/fmt/chrono.h>

#include <string_view>

namespace pb::logging {

namespace {

void appendEscaped(spdlog::memory_buf_t &dest, std::string_view text)
{
  for (const char c : text) {
    switch (c) {
    case '"': dest.append(std::string_view("\\\"")); break;
    case '\\': dest.append(std::string_view("\\\\")); break;
    case '\n': dest.append(std::string_view("\\n")); break;
    case '\r': dest.append(std::string_view("\\r")); break;
    case '\t': dest.append(std::string_view("\\t")); break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        fmt::format_to(std::back_inserter(dest), "\\u{:04x}", static_cast<unsigned>(c));
      else
        dest.push_back(c);
    }
  }
}

} // namespace

void JsonLineFormatter::format(const spdlog::details::log_msg &msg, spdlog::memory_buf_t &dest)
{
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count() % 1000;
  fmt::format_to(std::back_inserter(dest), "{{\"ts\":\"{:%Y-%m-%dT%H:%M:%S}.{:03d}Z\",\"level\":\"",
                 fmt::gmtime(std::chrono::system_clock::to_time_t(msg.time)), millis);
  const auto level = spdlog::level::to_string_view(msg.level);
  dest.append(level.data(), level.data() + level.size());
  dest.append(std::string_view("\",\"category\":\""));
  appendEscaped(dest, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
  dest.append(std::string_view("\",\"msg\":\""));
  appendEscaped(dest, std::string_view(msg.payload.data(), msg.payload.size()));
  dest.append(std::string_view("\"}\n"));
}

std::unique_ptr<spdlog::formatter> JsonLineFormatter::clone() const
{
  return std::make_unique<JsonLineFormatter>();
}

} // namespace pb::logging
