// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/configloader.h"
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

  // What led up to a crash is what a lead reads afterwards: an info line is in the file as soon as it is logged, not
  // when the program stops (a kill -9 or a power cut never flushes).
  void infoLine_isInTheFileAtOnce()
  {
    QTemporaryDir dir;
    pb::logging::LogOptions options;
    options.console = false;
    options.filePath = dir.filePath(QStringLiteral("station.log"));
    QVERIFY(pb::logging::setup(options).ok());
    qCInfo(lcTest) << "opened fulfillment order 7 at the bench";
    QFile file(options.filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    pb::logging::shutdown();
    QVERIFY2(text.contains("opened fulfillment order 7 at the bench"), text.constData());
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
  void optionsFromConfig_data()
  {
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("level");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("fileSuffix");
    QTest::addColumn<int>("maxSizeMb");
    QTest::addColumn<int>("maxFiles");
    QTest::newRow("defaults") << QStringList{} << QStringLiteral("info") << false << QStringLiteral("logs/hub.log")
                              << 10 << 5;
    QTest::newRow("console only") << QStringList{QStringLiteral("log.file=-"), QStringLiteral("log.format=json")}
                                  << QStringLiteral("info") << true << QString() << 10 << 5;
    QTest::newRow("explicit file") << QStringList{QStringLiteral("log.file=/var/log/pb.log"),
                                                  QStringLiteral("log.level=error"),
                                                  QStringLiteral("log.max_size_mb=3"),
                                                  QStringLiteral("log.max_files=9")}
                                   << QStringLiteral("error") << false << QStringLiteral("/var/log/pb.log") << 3 << 9;
  }

  void optionsFromConfig()
  {
    QFETCH(QStringList, overrides);
    QFETCH(QString, level);
    QFETCH(bool, json);
    QFETCH(QString, fileSuffix);
    QFETCH(int, maxSizeMb);
    QFETCH(int, maxFiles);
    pb::config::LoadOptions load;
    load.program = pb::config::Scope::Hub;
    load.overrides = overrides;
    auto config = pb::config::loadConfig(load);
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    const pb::logging::LogOptions options = pb::logging::optionsFromConfig(*config, QStringLiteral("hub"));
    QCOMPARE(options.level, level);
    QCOMPARE(options.json, json);
    if (fileSuffix.isEmpty())
      QVERIFY(options.filePath.isEmpty());
    else
      QVERIFY2(options.filePath.endsWith(fileSuffix), qPrintable(options.filePath));
    QCOMPARE(options.maxSizeMb, maxSizeMb);
    QCOMPARE(options.maxFiles, maxFiles);
  }

  void traceLevel_enablesDebugAndWarningsReachFile()
  {
    QTemporaryDir dir;
    pb::logging::LogOptions options;
    options.console = false;
    options.level = QStringLiteral("trace");
    options.filePath = dir.filePath(QStringLiteral("trace.log"));
    QVERIFY(pb::logging::setup(options).ok());
    qCDebug(lcTest) << "debug line";
    qCWarning(lcTest) << "warning line";
    qCCritical(lcTest) << "critical line";
    pb::logging::shutdown();
    QFile file(options.filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("debug line"));
    QVERIFY(text.contains("warning line"));
    QVERIFY(text.contains("critical line"));
    QVERIFY(text.contains("error")); // critical maps to spdlog's error level
  }

  void logDirectoryUnderAFile_isAClearError()
  {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    pb::logging::LogOptions options;
    options.console = false;
    options.filePath = dir.filePath(QStringLiteral("blocker/sub/x.log"));
    const pb::Status status = pb::logging::setup(options);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, pb::ErrorKind::Unavailable);
    QVERIFY(status.error().message.contains(QStringLiteral("log directory")));
  }
};

QTEST_GUILESS_MAIN(LoggingTest)
#include "logging_test.moc"
