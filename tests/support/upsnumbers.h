// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pb::test::ups {

// Valid UPS numbers of the courier dataset (../shared/reference/tracking-numbers/ups.json): their check digits
// hold, so the scan recogniser and the carrier fake take them as real labels.
inline const QString kUps1 = QStringLiteral("1Z5R89390357567127");
inline const QString kUps2 = QStringLiteral("1Z879E930346834440");
inline const QString kUps3 = QStringLiteral("1Z410E7W0392751591");

} // namespace pb::test::ups
