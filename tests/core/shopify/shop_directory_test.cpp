// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The shops a hub serves (shopify.shops_file plus shopify.shop): each shop's Admin token, webhook secret and endpoint,
// read from a private file only; a bad file is refused whole, with the line and without echoing any value.
#include "core/config/configloader.h"
#include "core/shopify/shopdirectory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class ShopDirectoryTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  QString writeFile(const QString &name, const QByteArray &text, QFileDevice::Permissions perms)
  {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
      qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    file.close();
    file.setPermissions(perms);
    return path;
  }
  static constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

  static const QByteArray &twoShops()
  {
    static const QByteArray text = "[shop-a.myshopify.com]\n"
                                   "access_token = shpat_a\n"
                                   "webhook_secret = secret-a\n"
                                   "admin_base_url = https://proxy.example/shop-a\n"
                                   "[Shop-B.myshopify.com]\n"
                                   "access_token = shpat_b\n";
    return text;
  }

  Result<config::Config> hubConfig(const QStringList &overrides, const QByteArray &clientSecret = "client-secret")
  {
    config::LoadOptions o;
    o.program = config::Scope::Hub;
    o.environment = QProcessEnvironment();
    if (!clientSecret.isEmpty())
      o.environment.insert(u"PACKBENCH_SHOPIFY_WEBHOOK_SECRET"_s, QString::fromUtf8(clientSecret));
    o.environment.insert(u"PACKBENCH_SHOPIFY_ACCESS_TOKEN"_s, u"shpat_primary"_s);
    o.overrides = overrides;
    return config::loadConfig(o);
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void parse_eachShopWithItsOwnCredentials_secretDefaulted_domainsCaseInsensitive()
  {
    auto shops = shopify::ShopDirectory::parse(QString::fromUtf8(twoShops()), u"shops.conf"_s, "client-secret");
    QVERIFY2(shops.ok(), qPrintable(shops.ok() ? QString() : shops.error().message));
    QCOMPARE(shops->domains(), (QStringList{u"shop-a.myshopify.com"_s, u"shop-b.myshopify.com"_s}));
    const shopify::ShopCredentials *a = shops->find(u"SHOP-A.myshopify.com");
    QVERIFY(a);
    QCOMPARE(a->accessToken, QByteArray("shpat_a"));
    QCOMPARE(a->webhookSecret, QByteArray("secret-a"));
    QCOMPARE(a->adminBaseUrl, u"https://proxy.example/shop-a"_s);
    const shopify::ShopCredentials *b = shops->find(u"shop-b.myshopify.com");
    QVERIFY(b);
    QCOMPARE(b->webhookSecret, QByteArray("client-secret")); // the app's, from shopify.webhook_secret
    QVERIFY(b->adminBaseUrl.isEmpty());                      // https://{domain}
    QVERIFY(!shops->find(u"shop-c.myshopify.com"));
  }

  void parse_badFile_refusedWhole_withLines_neverEchoingAValue()
  {
    const QString text = u"stray = hunter2-outside\n"
                         "[shop-a.myshopify.com]\n"
                         "access_tokn = shpat_typo_secret\n"
                         "admin_base_url = ftp://nowhere\n"
                         "[shop-b.myshopify.com]\n"
                         "access_token = shpat_b\n"_s;
    auto shops = shopify::ShopDirectory::parse(text, u"shops.conf"_s, {});
    QVERIFY(!shops.ok());
    const QString message = shops.error().message;
    QCOMPARE(shops.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(message.contains(u"shops.conf:1: 'stray' is outside a [shop.myshopify.com] section"), qPrintable(message));
    QVERIFY2(message.contains(u"shops.conf:3: unknown key 'access_tokn' for shop-a.myshopify.com"),
             qPrintable(message));
    QVERIFY2(message.contains(u"shops.conf:4: admin_base_url of shop-a.myshopify.com is not an http(s) URL"),
             qPrintable(message));
    // No client secret and none of its own: the shop's webhooks could not be checked.
    QVERIFY2(message.contains(u"shop-b.myshopify.com has no webhook_secret"), qPrintable(message));
    QVERIFY(!message.contains(u"hunter2"));
    QVERIFY(!message.contains(u"shpat_typo_secret"));
  }

  void isShopDomain_acceptsHostNamesOnly()
  {
    QVERIFY(shopify::ShopDirectory::isShopDomain(u"shop-a.myshopify.com"_s));
    QVERIFY(!shopify::ShopDirectory::isShopDomain(u"shop_a.myshopify.com"_s));
    QVERIFY(!shopify::ShopDirectory::isShopDomain(u"localhost"_s)); // one label
    QVERIFY(!shopify::ShopDirectory::isShopDomain(u"-a.myshopify.com"_s));
    QVERIFY(!shopify::ShopDirectory::isShopDomain(u"Shop.myshopify.com"_s)); // as Shopify names it: lower case
    QVERIFY(!shopify::ShopDirectory::isShopDomain(QString(254, u'a')));
  }

  void load_onlyFromAPrivateFile()
  {
    const QString open = writeFile(u"open.conf"_s, twoShops(), kPrivate | QFileDevice::ReadGroup);
    auto refused = shopify::ShopDirectory::load(open, "client-secret");
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"must have mode 0600 or stricter"), qPrintable(refused.error().message));

    auto missing = shopify::ShopDirectory::load(m_dir.filePath(u"none.conf"_s), "client-secret");
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.startsWith(u"cannot read shopify.shops_file"));

    const QString privateFile = writeFile(u"private.conf"_s, twoShops(), kPrivate);
    auto loaded = shopify::ShopDirectory::load(privateFile, "client-secret");
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(loaded->domains().size(), 2);
  }

  void fromConfig_fileAndPrimaryShop_together()
  {
    const QString file = writeFile(u"hub-shops.conf"_s, twoShops(), kPrivate);
    auto config = hubConfig({u"shopify.shops_file="_s + file, u"shopify.shop=Primary.myshopify.com"_s});
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    auto shops = shopify::ShopDirectory::fromConfig(*config);
    QVERIFY2(shops.ok(), qPrintable(shops.ok() ? QString() : shops.error().message));
    QCOMPARE(shops->domains().size(), 3);
    const shopify::ShopCredentials *primary = shops->find(u"primary.myshopify.com");
    QVERIFY(primary);
    QCOMPARE(primary->accessToken, QByteArray("shpat_primary"));
    QCOMPARE(primary->webhookSecret, QByteArray("client-secret"));
  }

  void fromConfig_primaryAlsoInTheFile_orNotADomain_isRefused()
  {
    const QString file = writeFile(u"twice.conf"_s, twoShops(), kPrivate);
    auto twice = hubConfig({u"shopify.shops_file="_s + file, u"shopify.shop=shop-a.myshopify.com"_s});
    QVERIFY(twice.ok());
    auto doubled = shopify::ShopDirectory::fromConfig(*twice);
    QVERIFY(!doubled.ok());
    QVERIFY2(doubled.error().message.contains(u"both shopify.shop and a section of shopify.shops_file"),
             qPrintable(doubled.error().message));

    auto bad = hubConfig({u"shopify.shop=not a shop"_s});
    QVERIFY(bad.ok());
    auto refused = shopify::ShopDirectory::fromConfig(*bad);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(u"is not a shop domain"));

    auto empty = hubConfig({});
    QVERIFY(empty.ok());
    auto none = shopify::ShopDirectory::fromConfig(*empty);
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
  }
};

QTEST_GUILESS_MAIN(ShopDirectoryTest)
#include "shop_directory_test.moc"
