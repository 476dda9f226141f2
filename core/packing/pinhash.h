// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace pb::packing {

// PBKDF2-HMAC-SHA256 (RFC 8018) for packer PINs, stored as
// "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" in packers.pin_hash.
inline constexpr int kDefaultPinIterations = 120'000;

QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations, int length = 32);
QString hashPin(const QString &pin, int iterations = kDefaultPinIterations);
// Constant-time comparison; false for a malformed or empty stored hash.
bool verifyPin(const QString &pin, const QString &storedHash);

} // namespace pb::packing
