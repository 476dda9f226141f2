// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `packbench-hub data-export`: the merchant gets a customers/data_request export through the real binary.
#include "core/db/sql.h"
#include "core/shopify/compliance.h"
#include "tests/support/programrun.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pb;
using namespace Qt::StringLiterals;

class HubDataExportCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  test::MigratedDatabase m_db;
  qint64 m_export = 0;

  test::ProgramRun hub(const QStringList &args)
  {
    const QStringList connection = QStringList{u"--no-default-files"_s} + test::postgresArgs(m_db.settings) +
                                   QStringList{u"--set"_s, u"log.file=-"_s};
    return test::runProgramWithInput(QStringLiteral(PACKBENCH_HUB_BINARY), args + connection, m_dir.path(), {});
  }

  static QString why(const test::ProgramRun &r) { return test::describe(r); }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    auto db = test::createMigratedDatabase(u"dataexport"_s);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    QVERIFY(db::exec(m_db.db, u"INSERT INTO shops (domain, name) VALUES ('export.myshopify.com', 'Export')"_s).ok());
    QVERIFY(db::exec(m_db.db,
                     u"INSERT INTO orders (shop_id, shopify_id, name, email, customer_name, shopify_customer_id, "
                     "shipping_address) SELECT id, '9001', '#9001', 'wren@export.example', 'Wren Ashdown', '77', "
                     "'{\"address1\": \"4 Larkspur Close\"}' FROM shops WHERE domain = 'export.myshopify.com'"_s)
                .ok());
    const qint64 shop = test::scalar(m_db.db, u"SELECT id FROM shops WHERE domain = 'export.myshopify.com'"_s);
    int orders = 0;
    auto exported = shopify::compliance::exportDataRequest(
        m_db.db, shop, u"export.myshopify.com"_s,
        QJsonDocument::fromJson(R"({"customer": {"id": 77}, "orders_requested": [9001]})").object(), &orders);
    QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.error().message));
    QCOMPARE(orders, 1);
    m_export = *exported;
  }

  void list_showsTheWaitingExport()
  {
    const test::ProgramRun r = hub({u"data-export"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QVERIFY2(r.out.contains(u"%1\texport.myshopify.com\t77\t"_s.arg(m_export)), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"\t1\tno\n"_s), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"Wren"_s)); // the list names no customer data
  }

  void show_writesA0600File_andMarksItDelivered()
  {
    const QString path = m_dir.filePath(u"export.json"_s);
    const test::ProgramRun r = hub({u"data-export"_s, u"show"_s, QString::number(m_export), path});
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(document.value(u"customer_id").toString(), u"77"_s);
    const QJsonObject order = document.value(u"orders").toArray().first().toObject();
    QCOMPARE(order.value(u"customer_name").toString(), u"Wren Ashdown"_s);
    QCOMPARE(order.value(u"shipping_address").toObject().value(u"address1").toString(), u"4 Larkspur Close"_s);
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QCOMPARE(test::scalar(m_db.db, u"SELECT count(*) FROM customer_data_exports WHERE delivered_at IS NOT NULL"_s), 1);
    QCOMPARE(test::scalar(m_db.db,
                          u"SELECT count(*) FROM audit_log WHERE action = 'customer.data_export_delivered' "
                          "AND subject_id = ?"_s,
                          {QString::number(m_export)}),
             1);
    // Never over an existing file.
    const test::ProgramRun again = hub({u"data-export"_s, u"show"_s, QString::number(m_export), path});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains(u"exists already"_s), qPrintable(why(again)));
  }

  void show_unknownExport_isRefused()
  {
    const test::ProgramRun r = hub({u"data-export"_s, u"show"_s, QString::number(m_export + 100)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"no data export"_s), qPrintable(why(r)));
    const test::ProgramRun bad = hub({u"data-export"_s, u"show"_s, u"x"_s});
    QCOMPARE(bad.exitCode, 2);
  }
};

QTEST_GUILESS_MAIN(HubDataExportCliTest)
#include "hub_data_export_cli_test.moc"
