// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/shopdirectory.h"

#include "core/config/configkeys.h"
#include "core/config/inifile.h"

#include <QFile>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace pb::shopify {

namespace {

bool isPrivateFile(const QString &path)
{
  const QFileDevice::Permissions loose = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                         QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
  return (QFile::permissions(path) & loose) == 0;
}

bool isWebUrl(const QString &text)
{
  const QUrl url(text, QUrl::StrictMode);
  return url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
}

} // namespace

bool ShopDirectory::isShopDomain(const QString &domain)
{
  static const QRegularExpression pattern(
      QStringLiteral(R"(^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$)"));
  return domain.size() <= 253 && pattern.match(domain).hasMatch();
}

void ShopDirectory::add(ShopCredentials shop)
{
  shop.domain = shop.domain.toLower();
  m_shops.insert(shop.domain, std::move(shop));
}

const ShopCredentials *ShopDirectory::find(QStringView domain) const
{
  auto it = m_shops.constFind(domain.toString().toLower());
  return it == m_shops.constEnd() ? nullptr : &it.value();
}

QStringList ShopDirectory::domains() const
{
  QStringList all = m_shops.keys();
  std::sort(all.begin(), all.end());
  return all;
}

Result<ShopDirectory> ShopDirectory::parse(const QString &text, const QString &origin, const QByteArray &defaultSecret)
{
  auto entries = config::parseIni(text, origin);
  if (!entries)
    return entries.error();
  QHash<QString, ShopCredentials> shops;
  QStringList problems;
  for (const config::IniEntry &entry : *entries) {
    const qsizetype dot = entry.key.lastIndexOf(QLatin1Char('.'));
    const QString domain = dot > 0 ? entry.key.left(dot).toLower() : QString();
    const QString name = entry.key.mid(dot + 1);
    const QString where = QStringLiteral("%1:%2").arg(origin).arg(entry.line);
    if (!isShopDomain(domain)) {
      problems << QStringLiteral("%1: '%2' is outside a [shop.myshopify.com] section").arg(where, name);
      continue;
    }
    ShopCredentials &shop = shops[domain];
    shop.domain = domain;
    if (name == u"access_token") {
      shop.accessToken = entry.value.toUtf8();
    } else if (name == u"webhook_secret") {
      shop.webhookSecret = entry.value.toUtf8();
    } else if (name == u"admin_base_url") {
      if (!isWebUrl(entry.value))
        problems << QStringLiteral("%1: admin_base_url of %2 is not an http(s) URL").arg(where, domain);
      shop.adminBaseUrl = entry.value;
    } else {
      // Never echo the value: a mistyped key may hold a secret.
      problems << QStringLiteral("%1: unknown key '%2' for %3 (access_token, webhook_secret, admin_base_url)")
                      .arg(where, name, domain);
    }
  }
  ShopDirectory directory;
  for (ShopCredentials &shop : shops) {
    if (shop.webhookSecret.isEmpty())
      shop.webhookSecret = defaultSecret;
    if (shop.webhookSecret.isEmpty())
      problems << QStringLiteral("%1: %2 has no webhook_secret and shopify.webhook_secret is empty")
                      .arg(origin, shop.domain);
    directory.add(std::move(shop));
  }
  if (!problems.isEmpty())
    return makeError(ErrorKind::InvalidInput, problems.join(QStringLiteral("\n  ")));
  return directory;
}

Result<ShopDirectory> ShopDirectory::load(const QString &path, const QByteArray &defaultSecret)
{
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("cannot read shopify.shops_file %1: %2").arg(path, file.errorString()));
  if (!isPrivateFile(path))
    return makeError(
        ErrorKind::InvalidInput,
        QStringLiteral("shopify.shops_file %1 holds secrets and must have mode 0600 or stricter").arg(path));
  return parse(QString::fromUtf8(file.readAll()), path, defaultSecret);
}

Result<ShopDirectory> ShopDirectory::fromConfig(const config::Config &config)
{
  using namespace config::keys;
  const QByteArray clientSecret = config.get(ShopifyWebhookSecret).toUtf8();
  ShopDirectory directory;
  if (const QString file = config.get(ShopifyShopsFile); !file.isEmpty()) {
    auto loaded = load(file, clientSecret);
    if (!loaded)
      return loaded.error();
    directory = std::move(*loaded);
  }
  if (const QString primary = config.get(ShopifyShop).trimmed().toLower(); !primary.isEmpty()) {
    if (!isShopDomain(primary))
      return makeError(ErrorKind::InvalidInput, QStringLiteral("shopify.shop '%1' is not a shop domain").arg(primary));
    if (directory.find(primary))
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("%1 is both shopify.shop and a section of shopify.shops_file").arg(primary));
    directory.add(ShopCredentials{primary, config.get(ShopifyAccessToken).toUtf8(), clientSecret,
                                  config.get(ShopifyAdminBaseUrl)});
  }
  return directory;
}

} // namespace pb::shopify
