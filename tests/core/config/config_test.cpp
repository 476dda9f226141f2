// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/commandline.h"
#include "core/config/configloader.h"
#include "core/config/inifile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace pb::config;

namespace {

// Root reads any file whatever its mode: as root, run the load as `nobody`, as a station user would.
class AsOrdinaryUser {
public:
  AsOrdinaryUser()
  {
    if (::geteuid() != 0)
      return;
    const passwd *nobody = ::getpwnam("nobody");
    m_switched = nobody && ::seteuid(nobody->pw_uid) == 0;
  }
  ~AsOrdinaryUser()
  {
    if (m_switched && ::seteuid(0) != 0)
      qFatal("cannot switch back to root");
  }
  bool ready() const { return ::geteuid() != 0; }
  Q_DISABLE_COPY_MOVE(AsOrdinaryUser)

private:
  bool m_switched = false;
};

} // namespace

class ConfigTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  QString writeFile(const QString &name, const QByteArray &text,
                    QFile::Permissions perms = QFile::ReadOwner | QFile::WriteOwner)
  {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
      qFatal("cannot write test file");
    file.write(text);
    file.close();
    file.setPermissions(perms);
    return path;
  }

  static LoadOptions options(Scope scope = Scope::Hub)
  {
    LoadOptions o;
    o.program = scope;
    o.environment = QProcessEnvironment();
    return o;
  }

private Q_SLOTS:
  void defaults_areUsedWhenNothingIsSet()
  {
    auto config = loadConfig(options());
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->get(keys::DatabaseDriver), QStringLiteral("sqlite"));
    QCOMPARE(config->get(keys::DatabasePort), 5432);
    QCOMPARE(config->get(keys::PrintAutoPrint), true);
    QCOMPARE(config->entry(keys::DatabasePort.def).source, Source::Default);
  }

  void layers_laterSourcesWin()
  {
    LoadOptions o = options();
    o.systemFile = writeFile(QStringLiteral("system.conf"), "[database]\nport = 6000\nhost = sys\nname = sysdb\n");
    o.userFile = writeFile(QStringLiteral("user.conf"), "[database]\nport = 6001\nhost = user\n");
    o.explicitFile = writeFile(QStringLiteral("explicit.conf"), "[database]\nport = 6002\n");
    o.environment.insert(QStringLiteral("PACKBENCH_LOG_LEVEL"), QStringLiteral("debug"));
    o.environment.insert(QStringLiteral("PACKBENCH_DATABASE_PORT"), QStringLiteral("6003"));
    o.overrides = {QStringLiteral("database.port=6004")};
    auto config = loadConfig(o);
    QVERIFY(config.ok());
    QCOMPARE(config->get(keys::DatabasePort), 6004);
    QCOMPARE(config->entry(keys::DatabasePort.def).source, Source::CommandLine);
    QCOMPARE(config->get(keys::LogLevel), QStringLiteral("debug"));
    QCOMPARE(config->entry(keys::LogLevel.def).source, Source::Environment);
    QCOMPARE(config->get(keys::DatabaseHost), QStringLiteral("user"));
    QCOMPARE(config->get(keys::DatabaseName), QStringLiteral("sysdb"));
    QVERIFY(config->entry(keys::DatabaseName.def).origin.endsWith(QStringLiteral("system.conf:4")));
  }

  void unknownKey_isRejectedNamingKeyAndFile()
  {
    LoadOptions o = options();
    o.explicitFile = writeFile(QStringLiteral("bad.conf"), "[database]\nhots = x\n");
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY(config.error().message.contains(QStringLiteral("database.hots")));
    QVERIFY(config.error().message.contains(QStringLiteral("bad.conf:2")));
  }

  void badValues_data()
  {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("port not a number") << QByteArray("database.port = abc") << QStringLiteral("database.port");
    QTest::newRow("port out of range") << QByteArray("database.port = 70000") << QStringLiteral("65535");
    QTest::newRow("enum") << QByteArray("log.level = loud") << QStringLiteral("trace, debug, info, warn, error");
    QTest::newRow("bool") << QByteArray("printing.auto_print = maybe") << QStringLiteral("true or false");
    QTest::newRow("url") << QByteArray("shopify.admin_base_url = ftp://x") << QStringLiteral("http(s) URL");
    QTest::newRow("syntax") << QByteArray("just words") << QStringLiteral("expected 'key = value'");
    QTest::newRow("section") << QByteArray("[broken") << QStringLiteral("malformed section");
    QTest::newRow("control character in a path") << QByteArray("database.sqlite_path = /tmp/a\x01b.db")
                                                 << QStringLiteral("a path cannot contain control characters");
  }

  void badValues()
  {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    LoadOptions o = options(Scope::Both);
    o.explicitFile = writeFile(QStringLiteral("values.conf"), text);
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(expected), qPrintable(config.error().message));
  }

  void allProblems_reportedAtOnce()
  {
    LoadOptions o = options();
    o.explicitFile = writeFile(QStringLiteral("many.conf"), "a.b = 1\nc.d = 2\ndatabase.port = x\n");
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY(config.error().message.contains(QStringLiteral("a.b")));
    QVERIFY(config.error().message.contains(QStringLiteral("c.d")));
    QVERIFY(config.error().message.contains(QStringLiteral("database.port")));
  }

  void missingExplicitFile_isAnError()
  {
    LoadOptions o = options();
    o.explicitFile = m_dir.filePath(QStringLiteral("nope.conf"));
    QVERIFY(!loadConfig(o).ok());
    o.explicitFile.clear();
    o.systemFile = m_dir.filePath(QStringLiteral("nope.conf")); // optional layers may be absent
    QVERIFY(loadConfig(o).ok());
  }

  // /etc/packbench 0750 root:packbench and a station user outside the group: the station ran on the
  // demo database instead of stopping (QFile::exists() is false for a file in a folder one cannot enter).
  void systemFile_inFolderThisUserCannotEnter_stopsNamingTheFile()
  {
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                    QFile::ExeOther));
    const QString folder = m_dir.filePath(QStringLiteral("etc-packbench"));
    QVERIFY(QDir().mkpath(folder));
    const QString path =
        writeFile(QStringLiteral("etc-packbench/station.conf"), "[database]\ndriver = postgres\nhost = db.internal\n",
                  QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    QVERIFY(QFile::setPermissions(folder, {})); // not even its owner may enter (for non-root runs)
    LoadOptions o = options(Scope::Station);
    o.programFile = path;
    o.userFile = m_dir.filePath(QStringLiteral("absent.conf")); // a file that is simply absent stays fine
    pb::Result<Config> config = pb::makeError(pb::ErrorKind::Internal, QStringLiteral("not loaded"));
    {
      const AsOrdinaryUser user;
      QVERIFY(user.ready());
      config = loadConfig(o);
    }
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY2(!config.ok(), "an unreadable config file was treated as absent");
    QVERIFY2(config.error().message.contains(path), qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(QStringLiteral("cannot be read by user")),
             qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(QStringLiteral("chmod 0755")), qPrintable(config.error().message));
    QVERIFY(!config.error().message.contains(QStringLiteral("absent.conf")));
  }

  void systemFile_unreadable_stopsNamingTheFile()
  {
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                    QFile::ExeOther));
    const QString path = writeFile(QStringLiteral("private-system.conf"), "[database]\ndriver = postgres\n", {});
    LoadOptions o = options(Scope::Hub);
    o.systemFile = path;
    pb::Result<Config> config = pb::makeError(pb::ErrorKind::Internal, QStringLiteral("not loaded"));
    {
      const AsOrdinaryUser user;
      QVERIFY(user.ready());
      config = loadConfig(o);
    }
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(path), qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(QStringLiteral("To fix:")), qPrintable(config.error().message));
  }

  void secretFile_unreadable_saysWhoMustOwnIt()
  {
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                    QFile::ExeOther));
    const QString secretPath = writeFile(QStringLiteral("db-password-root"), "pw\n", {});
    LoadOptions o = options(Scope::Station);
    o.environment.insert(QStringLiteral("PACKBENCH_DATABASE_PASSWORD_FILE"), secretPath);
    pb::Result<Config> config = pb::makeError(pb::ErrorKind::Internal, QStringLiteral("not loaded"));
    {
      const AsOrdinaryUser user;
      QVERIFY(user.ready());
      config = loadConfig(o);
    }
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(secretPath), qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(QStringLiteral("chmod 0600")), qPrintable(config.error().message));
  }

  void programFile_overridesTheSharedSystemFile()
  {
    LoadOptions o = options(Scope::Hub);
    o.systemFile = writeFile(QStringLiteral("shared.conf"), "[database]\nport = 6000\nhost = shared\n");
    o.programFile = writeFile(QStringLiteral("hub-program.conf"), "[database]\nport = 6010\n");
    auto config = loadConfig(o);
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->get(keys::DatabasePort), 6010);
    QCOMPARE(config->get(keys::DatabaseHost), QStringLiteral("shared"));
    QCOMPARE(config->entry(keys::DatabasePort.def).source, Source::SystemFile);
  }

  void secret_inWorldReadableFile_isRefused()
  {
    LoadOptions o = options();
    o.explicitFile = writeFile(QStringLiteral("loose.conf"), "shopify.access_token = shpat_x\n",
                               QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY(config.error().message.contains(QStringLiteral("shopify.access_token")));
    QVERIFY(!config.error().message.contains(QStringLiteral("shpat_x")));
  }

  void secret_fromPrivateFileReference_isLoaded()
  {
    const QString secretPath = writeFile(QStringLiteral("token"), "shpat_secret\n");
    LoadOptions o = options();
    o.explicitFile = writeFile(QStringLiteral("hub.conf"),
                               QStringLiteral("[shopify]\naccess_token_file = %1\n").arg(secretPath).toUtf8(),
                               QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    auto config = loadConfig(o);
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->get(keys::ShopifyAccessToken), QStringLiteral("shpat_secret"));
  }

  void secretFile_namingNoFile_isAClearProblem()
  {
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    LoadOptions o = options();
    o.explicitFile = writeFile(QStringLiteral("hub-empty-secret.conf"), "[shopify]\nwebhook_secret_file =\n");
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(QStringLiteral("'shopify.webhook_secret_file' names no file")),
             qPrintable(config.error().message));
  }

  // A NUL would cut the path short at stat() and name another, existing file in the message.
  void secretFile_pathWithControlCharacter_isRefusedBeforeAnyFileIsOpened()
  {
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    LoadOptions o = options();
    o.overrides = {QStringLiteral("shopify.webhook_secret_file=%1").arg(writeFile(QStringLiteral("secret"), "s\n")) +
                   QChar(u'\0') + QStringLiteral("x")};
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(QStringLiteral("a path cannot contain control characters")),
             qPrintable(config.error().message));
  }

  void secretFile_withLoosePermissions_isRefused()
  {
    const QString secretPath = writeFile(QStringLiteral("token-loose"), "shpat_secret\n",
                                         QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    LoadOptions o = options();
    o.environment.insert(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET_FILE"), secretPath);
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY(config.error().message.contains(QStringLiteral("0600")));
  }

  void secret_onCommandLine_isRefused()
  {
    LoadOptions o = options();
    o.overrides = {QStringLiteral("shopify.access_token=abc")};
    QVERIFY(!loadConfig(o).ok());
  }

  void secret_fromEnvironment_isMaskedInDescribe()
  {
    LoadOptions o = options();
    o.environment.insert(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET"), QStringLiteral("whsec_hidden"));
    auto config = loadConfig(o);
    QVERIFY(config.ok());
    QCOMPARE(config->get(keys::ShopifyWebhookSecret), QStringLiteral("whsec_hidden"));
    const QString text = config->describe(Scope::Hub);
    QVERIFY(!text.contains(QStringLiteral("whsec_hidden")));
    QVERIFY(text.contains(QStringLiteral("shopify.webhook_secret = ******** (set)")));
    QVERIFY(text.contains(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET")));
  }

  void station_refusesHubSecrets_ignoresOtherHubKeys()
  {
    LoadOptions o = options(Scope::Station);
    o.environment.insert(QStringLiteral("PACKBENCH_SHOPIFY_ACCESS_TOKEN"), QStringLiteral("x"));
    auto refused = loadConfig(o);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(QStringLiteral("stations never hold")));

    LoadOptions shared = options(Scope::Station);
    shared.explicitFile = writeFile(QStringLiteral("shared.conf"), "[hub]\nport = 9000\n[station]\nlocation = RNO\n");
    auto config = loadConfig(shared);
    QVERIFY(config.ok());
    QCOMPARE(config->get(keys::StationLocation), QStringLiteral("RNO"));
    QVERIFY(!config->describe(Scope::Station).contains(QStringLiteral("hub.port")));
  }

  void unknownEnvironmentVariable_isRejected()
  {
    LoadOptions o = options();
    o.environment.insert(QStringLiteral("PACKBENCH_DATABSE_HOST"), QStringLiteral("typo"));
    o.environment.insert(QStringLiteral("PACKBENCH_TEST_ANYTHING"), QStringLiteral("ok"));
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY(config.error().message.contains(QStringLiteral("PACKBENCH_DATABSE_HOST")));
    QVERIFY(!config.error().message.contains(QStringLiteral("PACKBENCH_TEST_ANYTHING")));
  }

  void ini_quotesCommentsAndSections()
  {
    auto entries =
        parseIni(QStringLiteral("# comment\n; other\n[a]\nb = \"spaced value \"\n\n[c.d]\ne=f\n"), QStringLiteral("x"));
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 2);
    QCOMPARE(entries->at(0).key, QStringLiteral("a.b"));
    QCOMPARE(entries->at(0).value, QStringLiteral("spaced value "));
    QCOMPARE(entries->at(1).key, QStringLiteral("c.d.e"));
    QCOMPARE(entries->at(1).line, 7);
  }

  void tlsFiles_readable_areLoaded()
  {
    LoadOptions o = options();
    const QString ca = writeFile(QStringLiteral("ca.crt"), "-----BEGIN CERTIFICATE-----\n",
                                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    const QString cert = writeFile(QStringLiteral("client.crt"), "cert", QFile::ReadOwner | QFile::ReadOther);
    const QString key = writeFile(QStringLiteral("client.key"), "key");
    o.explicitFile = writeFile(QStringLiteral("tls.conf"),
                               QStringLiteral("[database]\nsslmode = verify-full\nssl_root_cert = %1\nssl_cert = %2\n"
                                              "ssl_key = %3\n")
                                   .arg(ca, cert, key)
                                   .toUtf8());
    auto config = loadConfig(o);
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->get(keys::DatabaseSslMode), QStringLiteral("verify-full"));
    QCOMPARE(config->get(keys::DatabaseSslRootCert), ca);
    QCOMPARE(config->get(keys::DatabaseSslKey), key);
  }

  void tlsFiles_bad_areConfigErrorsNamingKeyAndOrigin_data()
  {
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing CA") << QStringLiteral("database.ssl_root_cert=%1/nope.crt")
                                << QStringLiteral("'database.ssl_root_cert': no such file");
    QTest::newRow("CA is a directory") << QStringLiteral("database.ssl_root_cert=%1")
                                       << QStringLiteral("'database.ssl_root_cert': not a regular file");
    QTest::newRow("key readable by others") << QStringLiteral("database.ssl_key=%1/loose.key")
                                            << QStringLiteral("'database.ssl_key': a private key must have mode 0600");
    QTest::newRow("semicolon in path") << QStringLiteral("database.ssl_root_cert=%1/a;b.crt")
                                       << QStringLiteral("a path with ';'");
    QTest::newRow("NUL in path") << QStringLiteral("database.ssl_root_cert=%1/a") + QChar(u'\0') +
                                        QStringLiteral("b.crt")
                                 << QStringLiteral(
                                        "'database.ssl_root_cert': a path cannot contain control characters");
    QTest::newRow("tab in path") << QStringLiteral("database.ssl_root_cert=%1/a\tb.crt")
                                 << QStringLiteral(
                                        "'database.ssl_root_cert': a path cannot contain control characters");
    QTest::newRow("unknown sslmode") << QStringLiteral("database.sslmode=verify")
                                     << QStringLiteral("'database.sslmode': expected one of: auto, disable");
  }

  void tlsFiles_bad_areConfigErrorsNamingKeyAndOrigin()
  {
    QFETCH(QString, setting);
    QFETCH(QString, expected);
    writeFile(QStringLiteral("loose.key"), "key", QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    writeFile(QStringLiteral("a;b.crt"), "cert", QFile::ReadOwner | QFile::WriteOwner);
    LoadOptions o = options();
    o.environment.insert(QStringLiteral("PACKBENCH_DATABASE_SSL_CERT"), writeFile(QStringLiteral("c.crt"), "cert"));
    o.overrides = {setting.arg(m_dir.path())};
    if (!setting.startsWith(u"database.ssl_key"))
      o.environment.remove(QStringLiteral("PACKBENCH_DATABASE_SSL_CERT")); // only the key case needs its pair
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(expected), qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(u"--set"), qPrintable(config.error().message));
  }

  void tlsClientCertificate_withoutKey_isRefused()
  {
    LoadOptions o = options();
    o.environment.insert(QStringLiteral("PACKBENCH_DATABASE_SSL_CERT"), writeFile(QStringLiteral("only.crt"), "c"));
    auto config = loadConfig(o);
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(u"'database.ssl_cert' and 'database.ssl_key' must be set together"),
             qPrintable(config.error().message));
  }

  void everyKey_hasValidDefault()
  {
    for (const KeyDef *key : allKeys()) {
      LoadOptions o = options();
      o.overrides = {toQString(key->name) + QLatin1Char('=') + toQString(key->defaultValue)};
      if (key->secret)
        continue;
      auto config = loadConfig(o);
      QVERIFY2(config.ok(), qPrintable(toQString(key->name)));
    }
  }
  void commandLine_mapsOptionsToLayers()
  {
    CommonOptions common;
    QCommandLineParser parser;
    common.addTo(parser);
    const QString file = writeFile(QStringLiteral("cli.conf"), "[database]\nport = 6100\n");
    QVERIFY(parser.parse({QStringLiteral("prog"), QStringLiteral("-c"), file, QStringLiteral("--set"),
                          QStringLiteral("log.level=debug"), QStringLiteral("--set"),
                          QStringLiteral("database.port=6200")}));
    QVERIFY(!common.printConfig(parser));
    LoadOptions o = common.loadOptions(parser, Scope::Station);
    QCOMPARE(o.program, Scope::Station);
    QCOMPARE(o.explicitFile, file);
    QCOMPARE(o.overrides, (QStringList{QStringLiteral("log.level=debug"), QStringLiteral("database.port=6200")}));
    QCOMPARE(o.systemFile, defaultSystemFile());
    QCOMPARE(o.programFile, QStringLiteral("/etc/packbench/station.conf"));
    QCOMPARE(o.userFile, defaultUserFile());
    o.environment = QProcessEnvironment(); // the test process environment is not ours to judge
    auto config = loadConfig(o);
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->get(keys::DatabasePort), 6200);
    QCOMPARE(config->entry(keys::DatabasePort.def).source, Source::CommandLine);
  }

  void commandLine_noDefaultFiles_andPrintConfig()
  {
    CommonOptions common;
    QCommandLineParser parser;
    common.addTo(parser);
    QVERIFY(
        parser.parse({QStringLiteral("prog"), QStringLiteral("--no-default-files"), QStringLiteral("--print-config")}));
    QVERIFY(common.printConfig(parser));
    const LoadOptions o = common.loadOptions(parser, Scope::Hub);
    QVERIFY(o.systemFile.isEmpty());
    QVERIFY(o.programFile.isEmpty());
    QVERIFY(o.userFile.isEmpty());
    QVERIFY(o.explicitFile.isEmpty());
    QVERIFY(o.overrides.isEmpty());
  }

  void commandLine_missingValue_isAParseError()
  {
    CommonOptions common;
    QCommandLineParser parser;
    common.addTo(parser);
    QVERIFY(!parser.parse({QStringLiteral("prog"), QStringLiteral("--set")}));
    QVERIFY(parser.errorText().contains(QStringLiteral("set")));
  }
};

QTEST_GUILESS_MAIN(ConfigTest)
#include "config_test.moc"
