// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace pb::digest {

// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto: it uses the CPU's SHA instructions, where
// QCryptographicHash (Qt 6.4) feeds its own SHA-256 a byte at a time (a tenth of the hub's CPU per
// webhook went there).
QByteArray sha256(QByteArrayView data);
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

// Compares two byte strings in time that depends only on their lengths (OpenSSL's CRYPTO_memcmp).
bool equalInConstantTime(QByteArrayView a, QByteArrayView b);

} // namespace pb::digest
