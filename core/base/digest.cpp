// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace pb::digest {

namespace {
constexpr int kSha256Bytes = 32;
}

QByteArray sha256(QByteArrayView data)
{
  QByteArray out(kSha256Bytes, Qt::Uninitialized);
  unsigned int length = 0;
  // One-shot EVP_Digest cannot fail for SHA-256 on valid pointers short of an allocation failure.
  if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), reinterpret_cast<unsigned char *>(out.data()), &length,
                 EVP_sha256(), nullptr) != 1)
    qFatal("EVP_Digest(SHA-256) failed");
  return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
  QByteArray out(kSha256Bytes, Qt::Uninitialized);
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char *>(data.data()), static_cast<size_t>(data.size()),
            reinterpret_cast<unsigned char *>(out.data()), &length))
    qFatal("HMAC(SHA-256) failed");
  return out;
}

bool equalInConstantTime(QByteArrayView a, QByteArrayView b)
{
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

} // namespace pb::digest
