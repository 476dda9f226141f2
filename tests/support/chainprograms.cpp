// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/chainprograms.h"

#include "tests/support/runningprogram.h"
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTest>

namespace pb::test {

ChainPrograms::ChainPrograms(QString hubBinary, QString stationBinary, QString root, QString screenshotDir)
    : m_hubBinary(std::move(hubBinary))
    , m_stationBinary(std::move(stationBinary))
    , m_root(std::move(root))
    , m_screenshotDir(std::move(screenshotDir))
{}

QProcessEnvironment ChainPrograms::sandboxEnv(const QString &name) const
{
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  const QString home = QDir(m_root).filePath(name);
  QDir().mkpath(home + QStringLiteral("/runtime"));
  QFile::setPermissions(home + QStringLiteral("/runtime"),
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  env.insert(QStringLiteral("HOME"), home);
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
  env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data")); // one installation id each
  env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
  return env;
}

ProgramRun ChainPrograms::hubCommand(const QStringList &args, const QByteArray &input) const
{
  return runProgramWithInput(
      m_hubBinary, args + QStringList{QStringLiteral("--no-default-files")} + databaseArgs(QStringLiteral("postgres")),
      m_root, input, sandboxEnv(QStringLiteral("admin")));
}

void ChainPrograms::migrateAndAddPacker(const QString &badge, const QString &name, const QString &pin) const
{
  const auto migrated = hubCommand({QStringLiteral("migrate")});
  QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.err));
  const auto added = hubCommand(
      {QStringLiteral("packer"), QStringLiteral("add"), badge, QStringLiteral("--name"), name}, pin.toUtf8() + '\n');
  QVERIFY2(added.exitCode == 0, qPrintable(added.err + added.out));
}

QProcessEnvironment ChainPrograms::hubEnv(const QByteArray &webhookSecret, const QByteArray &accessToken) const
{
  QProcessEnvironment env = sandboxEnv(QStringLiteral("hub"));
  env.insert(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET"), QString::fromLatin1(webhookSecret));
  env.insert(QStringLiteral("PACKBENCH_SHOPIFY_ACCESS_TOKEN"), QString::fromLatin1(accessToken));
  return env;
}

quint16 ChainPrograms::startHub(QProcess &hub, const QProcessEnvironment &env, const QStringList &settings) const
{
  const quint16 port = freePort();
  QStringList args{QStringLiteral("serve"), QStringLiteral("--no-default-files")};
  args += databaseArgs(QStringLiteral("postgres"));
  const QString log = QDir(m_root).filePath(QStringLiteral("hub-%1.log").arg(port)); // for reportLogsOfAFailure
  for (const QString &setting :
       QStringList{QStringLiteral("hub.port=%1").arg(port), QStringLiteral("log.file=") + log} + settings)
    args += QStringList{QStringLiteral("--set"), setting};
  hub.setProcessEnvironment(env);
  hub.setProcessChannelMode(QProcess::MergedChannels);
  hub.start(m_hubBinary, args);
  return hub.waitForStarted(10000) ? port : 0;
}

void ChainPrograms::launchStation(ChainStation &station, const QString &shop, const QString &login,
                                  const QString &passwordFile, const QStringList &settings) const
{
  if (!station.x || station.x->display().isEmpty()) { // a restarted station keeps its bench's X server
    station.x = std::make_unique<PrivateXvfb>();
    QVERIFY2(!station.x->start(station.screen).isEmpty(), "Xvfb did not start (scripts/install-deps.sh installs it)");
    if (!station.locale.isEmpty()) { // a German desktop has a German keyboard layout (de_DE: de)
      QProcess layout;
      QProcessEnvironment display = QProcessEnvironment::systemEnvironment();
      display.insert(QStringLiteral("DISPLAY"), station.x->display());
      layout.setProcessEnvironment(display);
      layout.start(QStringLiteral("setxkbmap"),
                   {QStringLiteral("-layout"), station.locale.section(QLatin1Char('_'), 1).toLower()});
      QVERIFY2(layout.waitForFinished(10000) && layout.exitCode() == 0, "setxkbmap did not set the layout");
    }
  }
  QProcessEnvironment env = sandboxEnv(QStringLiteral("station-") + station.code);
  if (!station.locale.isEmpty()) { // what a packer's desktop session sets; Qt picks the catalogue from it
    env.insert(QStringLiteral("LANG"), station.locale + QStringLiteral(".UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), station.locale.section(QLatin1Char('_'), 0, 0));
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
  }
  env.insert(QStringLiteral("DISPLAY"), station.x->display());
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb")); // a real X window, not offscreen
  const QString name = QStringLiteral("e2e-") + station.code;
  QStringList args{QStringLiteral("--no-default-files")};
  args += databaseArgs(login);
  // A loaded CI machine may stretch xdotool's 5 ms gaps; the default 40 ms is held to in xcb_wedge_test.
  for (const QString &setting :
       QStringList{QStringLiteral("database.password_file=") + passwordFile, QStringLiteral("station.id=") + name,
                   QStringLiteral("station.shop=") + shop, QStringLiteral("station.location=") + station.code,
                   QStringLiteral("station.sounds=false"), QStringLiteral("scanning.max_gap_ms=100"),
                   QStringLiteral("printing.auto_print=false"),
                   QStringLiteral("log.file=") +
                       QDir(m_root).filePath(QStringLiteral("station-%1.log").arg(station.code))} +
           settings)
    args += QStringList{QStringLiteral("--set"), setting};
  station.process = std::make_unique<QProcess>();
  station.process->setProcessEnvironment(env);
  station.process->setProcessChannelMode(QProcess::MergedChannels);
  station.process->start(m_stationBinary, args);
  QVERIFY(station.process->waitForStarted(10000));
}

void ChainPrograms::startStation(ChainStation &station, const QString &shop, const QString &login,
                                 const QString &passwordFile, const QStringList &settings) const
{
  launchStation(station, shop, login, passwordFile, settings);
  if (QTest::currentTestFailed())
    return;
  const QString name = QStringLiteral("e2e-") + station.code;
  QTRY_VERIFY_WITH_TIMEOUT(
      (station.stationId = scalar(QStringLiteral("SELECT id FROM stations WHERE name = ?"), {name})) > 0, 30000);
  focusWindow(station);
}

void ChainPrograms::focusWindow(const ChainStation &station)
{
  // The window is up when xdotool finds it; give it the keyboard as a packer's click would.
  QTRY_VERIFY_WITH_TIMEOUT(
      xdotool(station, {QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                        QStringLiteral("Packbench"), QStringLiteral("windowfocus"), QStringLiteral("--sync")}),
      30000);
  QVERIFY(xdotool(station, {QStringLiteral("mousemove"), QStringLiteral("600"), QStringLiteral("400")}));
}

void ChainPrograms::signIn(const ChainStation &station, const QString &pin) const
{
  QVERIFY2(trySignIn(station, pin), "the station did not sign the packer in");
}

bool ChainPrograms::trySignIn(const ChainStation &station, const QString &pin, int timeoutMs) const
{
  // A restarted station's earlier sign-in may still be open: only a session opened now counts.
  const qint64 before = scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM sign_in_sessions"));
  if (!scan(station, station.badge)) // the badge scan only selects the packer
    return false;
  QTest::qWait(500);
  if (!typeAsPerson(station, pin))
    return false;
  // The station signs in through packbench_sign_in (migration 0016): an open session at this bench, whose token
  // every work call carries.
  QElapsedTimer waited;
  waited.start();
  const QString opened =
      QStringLiteral("SELECT count(*) FROM sign_in_sessions s JOIN packers p ON p.id = s.packer_id "
                     "WHERE p.badge_id = ? AND s.station_id = ? AND s.ended_at IS NULL AND s.id > ?");
  while (scalar(opened, {station.badge, station.stationId, before}) != 1) {
    if (waited.elapsed() > timeoutMs)
      return false;
    QTest::qWait(50);
  }
  return true;
}

bool ChainPrograms::xdotool(const ChainStation &station, const QStringList &args)
{
  return station.x->xdotool(args);
}

void ChainPrograms::reportLogsOfAFailure()
{
  // Each program logs to a file below the scratch folder as well as to the pipe the tests read (and empty).
  constexpr qsizetype kMostLines = 150;
  QDirIterator logs(m_root, {QStringLiteral("*.log")}, QDir::Files, QDirIterator::Subdirectories);
  while (logs.hasNext()) {
    QFile log(logs.next());
    if (!log.open(QIODevice::ReadOnly))
      continue;
    qint64 &readUpTo = m_logReadUpTo[log.fileName()];
    if (log.size() < readUpTo) // rotated or written anew by a restarted program
      readUpTo = 0;
    log.seek(readUpTo);
    const QByteArray added = log.readAll();
    readUpTo += added.size();
    if (!QTest::currentTestFailed() || added.isEmpty())
      continue;
    QList<QByteArray> lines = added.trimmed().split('\n');
    if (lines.size() > kMostLines)
      lines = lines.mid(lines.size() - kMostLines);
    qWarning().noquote() << "--- the last" << lines.size() << "lines" << QTest::currentTestFunction() << "added to"
                         << QDir(m_root).relativeFilePath(log.fileName()) << "---\n"
                         << QString::fromUtf8(lines.join('\n'));
  }
}

namespace {
// What a German X keyboard layout has on the keys a US keyboard presses for `code` (xdotool types by character):
// digits and most letters stay, Y and Z swap, '-' is ß, '*' is '(' and '_' is '?'. Empty for a character not mapped.
QString onGermanKeysOfAUsKeyboard(const QString &code)
{
  static const QHash<QChar, QChar> moved{{u'-', u'ß'}, {u'*', u'('}, {u'_', u'?'}, {u'y', u'z'},
                                         {u'z', u'y'}, {u'Y', u'Z'}, {u'Z', u'Y'}};
  QString typed;
  for (const QChar c : code) {
    if (moved.contains(c))
      typed += moved.value(c);
    else if (c.isLetterOrNumber() && c.unicode() < 0x80)
      typed += c;
    else
      return {};
  }
  return typed;
}
} // namespace

bool ChainPrograms::scan(const ChainStation &station, const QString &code)
{
  if (!station.usFactoryScanner)
    return station.x->type(code, 5);
  const QString typed = onGermanKeysOfAUsKeyboard(code);
  if (typed.isEmpty())
    qWarning().noquote() << "no German keys for a US scanner's" << code;
  return !typed.isEmpty() && station.x->type(typed, 5);
}

bool ChainPrograms::typeAsPerson(const ChainStation &station, const QString &text)
{
  return station.x->type(text, 250);
}

void ChainPrograms::screenshot(const ChainStation &station, const QString &what)
{
  QDir().mkpath(m_screenshotDir);
  QProcess::execute(QStringLiteral("import"), {QStringLiteral("-display"), station.x->display(),
                                               QStringLiteral("-window"), QStringLiteral("root"),
                                               QStringLiteral("%1/%2-%3-%4.png")
                                                   .arg(m_screenshotDir)
                                                   .arg(++m_shots, 2, 10, QLatin1Char('0'))
                                                   .arg(station.code, what)});
}

qint64 ChainPrograms::scalar(const QString &sql, const QVariantList &values) const
{
  return test::scalar(m_db, sql, values);
}

} // namespace pb::test
