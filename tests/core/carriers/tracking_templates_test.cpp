// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The database computes a package's tracking URL from its own copy of the courier dataset's templates
// (migration 0015 / SQLite 0013): it must give every valid dataset vector the URL the recogniser gives it.
// Built twice: on the embedded SQLite database (unit) and on PostgreSQL (db).
#include "core/carriers/trackingnumber.h"
#include "core/db/sql.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"
#ifdef PACKBENCH_TEST_POSTGRES
#include "tests/support/testdatabase.h"
#endif

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using carriers::TrackingNumberRecognizer;

class TrackingTemplatesTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC)};

private Q_SLOTS:
  void initTestCase()
  {
#ifdef PACKBENCH_TEST_POSTGRES
    auto scratch = test::createMigratedDatabase(QStringLiteral("trackingtemplates"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
#else
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("t.sqlite")), QStringLiteral("t"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
#endif
  }

  void templates_areTheDatasets()
  {
    auto rows = db::exec(m_db, QStringLiteral("SELECT company, url_template FROM tracking_url_templates"));
    VERIFY_OK(rows);
    QHash<QString, QString> stored;
    while (rows.value().next())
      stored.insert(rows.value().value(0).toString(), rows.value().value(1).toString());
    QCOMPARE(stored, TrackingNumberRecognizer::builtIn().urlTemplates());
  }

  void everyValidVector_getsTheRecognisersUrl()
  {
    const QDir dir(QStringLiteral(":/tracking-numbers"));
    int compared = 0;
    int withUrl = 0;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
      QFile file(dir.filePath(name));
      QVERIFY(file.open(QIODevice::ReadOnly));
      for (const QJsonValue &format :
           QJsonDocument::fromJson(file.readAll()).object().value(u"tracking_numbers").toArray()) {
        const QJsonArray valid = format.toObject().value(u"test_numbers").toObject().value(u"valid").toArray();
        for (const QJsonValue &number : valid) {
          for (const auto &t : TrackingNumberRecognizer::builtIn().recognise(number.toString())) {
            auto url = db::exec(m_db,
                                QStringLiteral("SELECT replace(url_template, '%s', ?) FROM tracking_url_templates "
                                               "WHERE company = ?"),
                                {t.number, t.company});
            VERIFY_OK(url);
            const QString fromDatabase = url.value().next() ? url.value().value(0).toString() : QString();
            QCOMPARE(fromDatabase, t.url);
            ++compared;
            withUrl += t.url.isEmpty() ? 0 : 1;
          }
        }
      }
    }
    QVERIFY(compared >= 192);
    QVERIFY(withUrl > 150);
  }
};

QTEST_GUILESS_MAIN(TrackingTemplatesTest)
#include "tracking_templates_test.moc"
