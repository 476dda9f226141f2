// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/demodata.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/scanning/gtin.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace pb::db {

namespace {
Q_LOGGING_CATEGORY(lcDemo, "packbench.core.db.demo")

// Timestamps are stored as ISO-8601 UTC text in SQLite; PostgreSQL parses the same text.
Result<qint64> insertReturningId(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto query = exec(db, sql + QStringLiteral(" RETURNING id"), values);
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("insert returned no id"));
  return query.value().value(0).toLongLong();
}

QString normalizedBarcode(const QString &kind, const QString &code)
{
  if (kind == u"sku" || kind == u"custom")
    return code;
  auto gtin = scanning::normalizeGtin(code);
  return gtin ? *gtin : code;
}

class DemoLoader {
public:
  DemoLoader(const QSqlDatabase &db, const Clock &clock)
      : m_db(db)
      , m_clock(clock)
  {}

  Result<int> load(const QJsonObject &root)
  {
    const QJsonObject shop = root.value(u"shop").toObject();
    auto shopId = insertReturningId(
        m_db, QStringLiteral("INSERT INTO shops (domain, name, currency) VALUES (?, ?, ?)"),
        {shop.value(u"domain").toString(), shop.value(u"name").toString(), shop.value(u"currency").toString()});
    if (!shopId)
      return shopId.error();
    m_shopId = *shopId;
    if (Status s = loadLocations(root.value(u"locations").toArray()); !s)
      return s.error();
    if (Status s = loadPackers(root.value(u"packers").toArray()); !s)
      return s.error();
    if (Status s = loadCatalog(root.value(u"products").toArray(), root.value(u"variants").toArray()); !s)
      return s.error();
    int orders = 0;
    for (const QJsonValue &order : root.value(u"orders").toArray()) {
      if (Status s = loadOrder(order.toObject()); !s)
        return s.error();
      ++orders;
    }
    return orders;
  }

private:
  Status loadLocations(const QJsonArray &locations)
  {
    for (const QJsonValue &value : locations) {
      const QJsonObject l = value.toObject();
      auto id = insertReturningId(
          m_db,
          QStringLiteral("INSERT INTO locations (shop_id, shopify_id, code, name, timezone) VALUES (?, ?, ?, ?, ?)"),
          {m_shopId, l.value(u"shopify_id").toString(), l.value(u"code").toString(), l.value(u"name").toString(),
           l.value(u"timezone").toString()});
      if (!id)
        return id.error();
      m_locationIds.insert(l.value(u"code").toString(), *id);
    }
    return {};
  }

  Status loadPackers(const QJsonArray &packers)
  {
    for (const QJsonValue &value : packers) {
      const QJsonObject p = value.toObject();
      const QString pinHash = p.value(u"pin_hash").toString();
      auto done = exec(m_db, QStringLiteral("INSERT INTO packers (badge_id, name, role, pin_hash) VALUES (?, ?, ?, ?)"),
                       {p.value(u"badge_id").toString(), p.value(u"name").toString(), p.value(u"role").toString(),
                        textOrNull(pinHash)});
      if (!done)
        return done.error();
    }
    return {};
  }

  Status loadCatalog(const QJsonArray &products, const QJsonArray &variants)
  {
    QHash<int, qint64> productIds;
    for (const QJsonValue &value : products) {
      const QJsonObject p = value.toObject();
      auto id = insertReturningId(
          m_db, QStringLiteral("INSERT INTO products (shop_id, shopify_id, title, vendor) VALUES (?, ?, ?, ?)"),
          {m_shopId, p.value(u"shopify_id").toString(), p.value(u"title").toString(), p.value(u"vendor").toString()});
      if (!id)
        return id.error();
      productIds.insert(p.value(u"id").toInt(), *id);
      m_productTitles.insert(p.value(u"id").toInt(), p.value(u"title").toString());
    }
    for (const QJsonValue &value : variants) {
      const QJsonObject v = value.toObject();
      auto id = insertReturningId(m_db,
                                  QStringLiteral("INSERT INTO variants (product_id, shopify_id, inventory_item_id, "
                                                 "title, sku, weight_grams, price_minor, currency) "
                                                 "VALUES (?, ?, ?, ?, ?, ?, ?, 'USD')"),
                                  {productIds.value(v.value(u"product_id").toInt()), v.value(u"shopify_id").toString(),
                                   v.value(u"inventory_item_id").toString(), v.value(u"title").toString(),
                                   v.value(u"sku").toString(), v.value(u"weight_grams").toInt(),
                                   v.value(u"price_minor").toInt()});
      if (!id)
        return id.error();
      m_variants.insert(v.value(u"id").toInt(), VariantRow{*id, v});
      for (const QJsonValue &barcode : v.value(u"barcodes").toArray()) {
        const QString kind = barcode[u"kind"].toString();
        const QString code = barcode[u"code"].toString();
        auto done = exec(
            m_db,
            QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) VALUES (?, ?, ?, ?, ?)"),
            {m_shopId, *id, kind, code, normalizedBarcode(kind, code)});
        if (!done)
          return done.error();
      }
      for (const qint64 locationId : std::as_const(m_locationIds)) {
        auto level = exec(
            m_db,
            QStringLiteral(
                "INSERT INTO inventory_levels (location_id, variant_id, available, on_hand) VALUES (?, ?, 40, 40)"),
            {locationId, *id});
        if (!level)
          return level.error();
      }
    }
    return {};
  }

  Status loadOrder(const QJsonObject &o)
  {
    const QString address =
        QString::fromUtf8(QJsonDocument(o.value(u"shipping_address").toObject()).toJson(QJsonDocument::Compact));
    qint64 total = 0;
    for (const QJsonValue &line : o.value(u"lines").toArray()) {
      const VariantRow variant = m_variants.value(line[u"variant_id"].toInt());
      total += variant.json.value(u"price_minor").toInt() * line[u"quantity"].toInt();
    }
    auto orderId = insertReturningId(
        m_db,
        QStringLiteral(
            "INSERT INTO orders (shop_id, shopify_id, name, email, customer_name, shipping_address, billing_address, "
            "shipping_method, note, gift_message, currency, total_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', "
            "?)"),
        {m_shopId, o.value(u"shopify_id").toString(), o.value(u"name").toString(), o.value(u"email").toString(),
         o.value(u"customer_name").toString(), address, address, o.value(u"shipping_method").toString(),
         o.value(u"note").toString(), o.value(u"gift_message").toString(), total});
    if (!orderId)
      return orderId.error();
    const QDateTime shipBy = m_clock.nowUtc().addSecs(o.value(u"ship_by_hours").toInt() * 3600);
    const QString foShopifyId =
        o.value(u"shopify_id").toString().replace(QStringLiteral("/Order/"), QStringLiteral("/FulfillmentOrder/"));
    auto foId = insertReturningId(m_db,
                                  QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, shopify_id, "
                                                 "priority, ship_by) VALUES (?, ?, ?, ?, ?)"),
                                  {*orderId, m_locationIds.value(o.value(u"location").toString()), foShopifyId,
                                   o.value(u"priority").toInt(), isoUtc(shipBy)});
    if (!foId)
      return foId.error();
    int lineNo = 0;
    for (const QJsonValue &line : o.value(u"lines").toArray()) {
      const VariantRow variant = m_variants.value(line[u"variant_id"].toInt());
      const int quantity = line[u"quantity"].toInt();
      auto done =
          exec(m_db,
               QStringLiteral(
                   "INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, variant_id, title, "
                   "variant_title, sku, "
                   "bin_location, quantity, remaining_quantity, price_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {*foId, QStringLiteral("%1/line/%2").arg(foShopifyId).arg(++lineNo), variant.id,
                m_productTitles.value(variant.json.value(u"product_id").toInt()),
                variant.json.value(u"title").toString(), variant.json.value(u"sku").toString(),
                variant.json.value(u"bin").toString(), quantity, quantity, variant.json.value(u"price_minor").toInt()});
      if (!done)
        return done.error();
    }
    return {};
  }

  struct VariantRow {
    qint64 id = 0;
    QJsonObject json;
  };

  const QSqlDatabase &m_db;
  const Clock &m_clock;
  qint64 m_shopId = 0;
  QHash<QString, qint64> m_locationIds;
  QHash<int, QString> m_productTitles;
  QHash<int, VariantRow> m_variants;
};

} // namespace

Result<int> seedDemoData(QSqlDatabase &db, const Clock &clock, const QString &jsonPath)
{
  auto existing = exec(db, QStringLiteral("SELECT count(*) FROM shops"));
  if (!existing)
    return existing.error();
  existing.value().next();
  if (existing.value().value(0).toInt() > 0)
    return 0;

  QFile file(jsonPath);
  if (!file.open(QIODevice::ReadOnly))
    return makeError(ErrorKind::NotFound, QStringLiteral("demo data %1 not found").arg(jsonPath));
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (doc.isNull())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("demo data: %1").arg(parseError.errorString()));

  int orders = 0;
  const Status status = inTransaction(db, [&]() -> Status {
    auto loaded = DemoLoader(db, clock).load(doc.object());
    if (!loaded)
      return loaded.error();
    orders = *loaded;
    return {};
  });
  if (!status)
    return status.error();
  qCInfo(lcDemo) << "seeded demo data:" << orders << "orders";
  return orders;
}

} // namespace pb::db
