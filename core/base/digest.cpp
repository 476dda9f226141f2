// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/digest.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

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
  // Fetched once: OpenSSL 3's one-shot HMAC() looks the algorithm up again on every call (most of its cost
  // for a webhook-sized body). EVP_MAC objects are safe to share between threads once fetched.
  static EVP_MAC *const hmac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  if (!hmac)
    qFatal("HMAC is not available from OpenSSL");
  const std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(EVP_MAC_CTX_new(hmac), &EVP_MAC_CTX_free);
  char digestName[] = "SHA256";
  const OSSL_PARAM parameters[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
                                   OSSL_PARAM_construct_end()};
  QByteArray out(kSha256Bytes, Qt::Uninitialized);
  size_t length = 0;
  if (!context ||
      EVP_MAC_init(context.get(), reinterpret_cast<const unsigned char *>(key.data()), static_cast<size_t>(key.size()),
                   parameters) != 1 ||
      EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char *>(data.data()),
                     static_cast<size_t>(data.size())) != 1 ||
      EVP_MAC_final(context.get(), reinterpret_cast<unsigned char *>(out.data()), &length, out.size()) != 1 ||
      length != kSha256Bytes)
    qFatal("HMAC(SHA-256) failed");
  return out;
}

bool equalInConstantTime(QByteArrayView a, QByteArrayView b)
{
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

} // namespace pb::digest
