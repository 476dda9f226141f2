// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging/logging.h"
#include "core/logging/redaction.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

namespace {
Q_LOGGING_CATEGORY(lcTest, "packbench.tests.logging")
}

class LoggingTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void redact_data()
  {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("email") << QStringLiteral("mail to ava.okafor@example.com failed")
                           << QStringLiteral("mail to <email> failed");
    QTest::newRow("intl phone") << QStringLiteral("call +1 555 0142 now") << QStringLiteral("call <phone> now");
    QTest::newRow("us phone") << QStringLiteral("tel (555) 123-4567") << QStringLiteral("tel <phone>");
    QTest::newRow("dashed phone") << QStringLiteral("tel 555-123-4567.") << QStringLiteral("tel <phone>.");
    QTest::newRow("barcode kept") << QStringLiteral("scan 081234500017 ok") << QStringLiteral("scan 081234500017 ok");
    QTest::newRow("tracking kept") << QStringLiteral("1Z999AA10123456784") << QStringLiteral("1Z999AA10123456784");
    QTest::newRow("order kept") << QStringLiteral("order #1001 claimed") << QStringLiteral("order #1001 claimed");
    QTest::newRow("timestamp kept") << QStringLiteral("at 2026-11-26T07:00:00.000Z")
                                    << QStringLiteral("at 2026-11-26T07:00:00.000Z");
  }

  void redact()
  {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(pb::logging::redact(input), expected);
  }

  void jsonLines_goToFile_withCategoryAndRedaction()
  {
    QTemporaryDir dir;
    pb::logging::LogOptions options;
    options.json = true;
    options.console = false;
    options.level = QStringLiteral("debug");
    options.filePath = dir.filePath(QStringLiteral("logs/hub.log"));
    QVERIFY(pb::logging::setup(options).ok());
    qCInfo(lcTest) << "packed for"
                   << "jo@example.com"
                   << "with \"quotes\"";
    qCDebug(lcTest) << "debug visible";
    pb::logging::shutdown();

    QFile file(options.filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QJsonParseError error;
    const QJsonObject first = QJsonDocument::fromJson(lines.first(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(first.value(u"category").toString(), QStringLiteral("packbench.tests.logging"));
    QCOMPARE(first.value(u"level").toString(), QStringLiteral("info"));
    QVERIFY(first.value(u"msg").toString().contains(QStringLiteral("<email>")));
    QVERIFY(!lines.first().contains("jo@example.com"));
    QVERIFY(first.value(u"ts").toString().endsWith(QLatin1Char('Z')));
  }

  void levelFilter_dropsBelowLevel()
  {
    QTemporaryDir dir;
    pb::logging::LogOptions options;
    options.console = false;
    options.level = QStringLiteral("warn");
    options.filePath = dir.filePath(QStringLiteral("station.log"));
    QVERIFY(pb::logging::setup(options).ok());
    qCInfo(lcTest) << "quiet";
    qCWarning(lcTest) << "loud";
    pb::logging::shutdown();
    QFile file(options.filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("loud"));
    QVERIFY(!text.contains("quiet"));
    QVERIFY(text.contains("[packbench.tests.logging]"));
  }

  void unwritableLogFile_isAClearError()
  {
    pb::logging::LogOptions options;
    options.console = false;
    options.filePath = QStringLiteral("/proc/packbench/nope.log");
    const pb::Status status = pb::logging::setup(options);
    QVERIFY(!status.ok());
    QVERIFY(status.error().message.contains(QStringLiteral("/proc/packbench")));
  }
};

QTEST_GUILESS_MAIN(LoggingTest)
#include "logging_test.moc"
