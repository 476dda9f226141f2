// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <spdlog/formatter.h>

namespace pb::logging {

// One JSON object per line: {"ts","level","category","msg"}; for log shippers on the hub.
class JsonLineFormatter final : public spdlog::formatter {
public:
  void format(const spdlog::details::log_msg &msg, spdlog::memory_buf_t &dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

} // namespace pb::logging
