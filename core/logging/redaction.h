// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pb::logging {

// Masks e-mail addresses and phone numbers. A safety net: code must not log customer data at all.
QString redact(const QString &message);

} // namespace pb::logging
