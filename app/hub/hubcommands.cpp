// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hub/hubcommands.h"

#include "app/common/startup.h"
#include "core/admin/databaselogins.h"
#include "core/admin/packeradmin.h"
#include "core/admin/stationlogins.h"

#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iterator>
#include <pwd.h>
#include <string>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pb::app {

namespace {

const QCommandLineOption kName(u"name"_s, u"Packer's name (packer add)."_s, u"name"_s);
const QCommandLineOption kRole(u"role"_s, u"packer, lead or admin (packer add; default packer)."_s, u"role"_s,
                               u"packer"_s);
const QCommandLineOption kPasswordFile(u"password-file"_s,
                                       u"Where *-login create writes the new login's password (created 0600; "
                                       "default ./NAME.password)."_s,
                                       u"file"_s);
const QCommandLineOption kAuth(u"auth"_s, u"How a new login authenticates: password, peer or cert."_s, u"method"_s);
const QCommandLineOption kShop(u"shop"_s, u"Shop domain a new station login packs for (station-login create)."_s,
                               u"domain"_s);
const QCommandLineOption kLocation(u"location"_s,
                                   u"Location code(s) a new station login may work at, comma-separated "
                                   "(station-login create)."_s,
                                   u"codes"_s);

QTextStream &out()
{
  static QTextStream stream(stdout);
  return stream;
}

QTextStream &err()
{
  static QTextStream stream(stderr);
  return stream;
}

int fail(const Error &error)
{
  err() << "packbench-hub: " << error.message << Qt::endl;
  switch (error.kind) {
  case ErrorKind::InvalidInput: return ExitBadConfig;
  case ErrorKind::Unavailable:
  case ErrorKind::SchemaMismatch:
  case ErrorKind::Permission: return ExitDatabase;
  default: return ExitFailure;
  }
}

int usage(const QString &message)
{
  return fail(makeError(ErrorKind::InvalidInput, message + u" (packbench-hub --help lists the commands)"_s));
}

// The administrator, for the audit log: the account behind sudo when there is one.
QString actor()
{
  if (const QString sudoUser = qEnvironmentVariable("SUDO_USER"); !sudoUser.isEmpty())
    return sudoUser;
  const passwd *entry = getpwuid(geteuid());
  return entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(geteuid());
}

// The terminal as it was before a hidden prompt, for the signal handler to put back.
termios g_terminalBefore{};

// Ctrl+C (or a stop) at a hidden prompt: the shell gets its echo back, then the signal does what it would have.
extern "C" void restoreTerminalAndRaise(int signalNumber)
{
  tcsetattr(STDIN_FILENO, TCSANOW, &g_terminalBefore);
  signal(signalNumber, SIG_DFL);
  raise(signalNumber);
}

constexpr int kPromptSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// One line from the terminal with echo off, so the PIN is never shown nor kept in shell history.
Result<QString> promptHidden(const QString &prompt)
{
  const bool hide = tcgetattr(STDIN_FILENO, &g_terminalBefore) == 0;
  struct sigaction restoring {};
  restoring.sa_handler = restoreTerminalAndRaise;
  sigemptyset(&restoring.sa_mask);
  struct sigaction before[std::size(kPromptSignals)]{};
  if (hide) { // before the prompt, and without flushing: a PIN typed (or pasted) at once is neither shown nor lost
    for (size_t i = 0; i < std::size(kPromptSignals); ++i)
      sigaction(kPromptSignals[i], &restoring, &before[i]);
    termios quiet = g_terminalBefore;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  err() << prompt << Qt::flush;
  std::string line;
  char c = 0;
  ssize_t got = 0;
  while ((got = ::read(STDIN_FILENO, &c, 1)) == 1 && c != '\n')
    line.push_back(c);
  if (hide) {
    tcsetattr(STDIN_FILENO, TCSANOW, &g_terminalBefore);
    for (size_t i = 0; i < std::size(kPromptSignals); ++i)
      sigaction(kPromptSignals[i], &before[i], nullptr);
  }
  err() << Qt::endl;
  if (got != 1 && line.empty())
    return makeError(ErrorKind::InvalidInput, u"no PIN typed"_s);
  return QString::fromStdString(line).trimmed();
}

// A new PIN: typed twice at a hidden prompt, or one line of standard input when it is not a terminal.
Result<QString> readNewPin(const QString &badgeId)
{
  if (!isatty(STDIN_FILENO)) {
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (line.isNull())
      return makeError(ErrorKind::InvalidInput, u"no PIN on standard input (one line, 4-12 digits)"_s);
    return line.trimmed();
  }
  auto first = promptHidden(u"New PIN for %1 (4-12 digits, not shown): "_s.arg(badgeId));
  if (!first)
    return first;
  if (Status valid = admin::PackerAdmin::checkPin(*first); !valid)
    return valid.error();
  auto again = promptHidden(u"The same PIN again: "_s);
  if (!again)
    return again;
  if (*again != *first)
    return makeError(ErrorKind::InvalidInput, u"the two PINs differ; nothing was changed"_s);
  return first;
}

Result<QSqlDatabase> openForAdmin(const config::Config &config)
{
  const SystemClock clock;
  return openConfiguredDatabase(config, clock, u"hub-admin"_s); // refuses a database at another schema version
}

int runPacker(const config::Config &config, const QCommandLineParser &parser, const QStringList &args)
{
  const QString verb = args.value(1);
  const QString badge = args.value(2).trimmed();
  if (verb != u"list" && badge.isEmpty())
    return usage(u"packer %1 needs a BADGE"_s.arg(verb));
  if (args.size() > (verb == u"list" ? 2 : 3))
    return usage(u"too many arguments for packer %1"_s.arg(verb));
  QString pin;
  if (verb == u"add" || verb == u"set-pin") {
    if (verb == u"add" && parser.value(kName).trimmed().isEmpty())
      return usage(u"packer add needs --name"_s);
    auto typed = readNewPin(badge); // before the database: a bad PIN leaves nothing half-done
    if (!typed)
      return fail(typed.error());
    pin = *typed;
  } else if (verb != u"disable" && verb != u"enable" && verb != u"list") {
    return usage(u"unknown packer command '%1' (add, set-pin, disable, enable, list)"_s.arg(verb));
  }
  auto db = openForAdmin(config);
  if (!db)
    return fail(db.error());
  admin::PackerAdmin packers(*db, actor());
  Status done;
  if (verb == u"add")
    done = packers.add(badge, parser.value(kName), parser.value(kRole), pin);
  else if (verb == u"set-pin")
    done = packers.setPin(badge, pin);
  else if (verb == u"disable" || verb == u"enable")
    done = packers.setActive(badge, verb == u"enable");
  if (!done)
    return fail(done.error());
  if (verb == u"list") {
    auto all = packers.list();
    if (!all)
      return fail(all.error());
    out() << "badge\trole\tactive\tpin\tname\n";
    for (const admin::PackerRecord &p : *all)
      out() << p.badgeId << '\t' << p.role << '\t' << (p.active ? "yes" : "no") << '\t' << (p.hasPin ? "set" : "none")
            << '\t' << p.name << '\n';
    out() << Qt::flush;
    return ExitOk;
  }
  static const QHash<QString, QString> said{{u"add"_s, u"added"_s},
                                            {u"set-pin"_s, u"has a new PIN"_s},
                                            {u"disable"_s, u"disabled: the badge and PIN no longer sign in"_s},
                                            {u"enable"_s, u"enabled"_s}};
  out() << "packer " << badge << ' ' << said.value(verb) << Qt::endl;
  return ExitOk;
}

// Creates the file for a new password: 0600 from the start, and never over an existing file.
Status writeSecretFile(const QString &path, const QString &secret)
{
  const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return makeError(errno == EEXIST ? ErrorKind::Conflict : ErrorKind::InvalidInput,
                     u"cannot create %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno))));
  const QByteArray bytes = secret.toUtf8() + '\n';
  const bool written = ::write(fd, bytes.constData(), static_cast<size_t>(bytes.size())) == bytes.size();
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    QFile::remove(path);
    return makeError(ErrorKind::Unavailable, u"cannot write %1"_s.arg(path));
  }
  return {};
}

// The [station] part of the configuration a new station login is used with.
void explainStationScope(const QString &name, const admin::StationScope &scope)
{
  out() << "It may read and pack only shop " << scope.shopDomain << " at " << scope.locationCodes.join(u", ")
        << ". The station's configuration:\n"
        << "  [station]\n  shop = " << scope.shopDomain << "\n  location = " << scope.locationCodes.constFirst() << "\n"
        << "Revoke it with: packbench-hub station-login revoke " << name << '\n';
}

void explainLogin(const config::Config &config, const QString &name, const QString &how, const QString &passwordFile)
{
  const QString database = config.get(config::keys::DatabaseName);
  out() << "Created database login " << name << ".\n";
  if (how == u"password") {
    out() << "Its password is in " << QFileInfo(passwordFile).absoluteFilePath()
          << " (0600). Copy it to the machine that uses the login, as a 0600 file owned by the account "
             "running Packbench, and set in its configuration:\n"
          << "  [database]\n  user = " << name << "\n  password_file = /etc/packbench/db-password\n"
          << "pg_hba.conf needs a line such as:\n  host " << database << ' ' << name << " 0.0.0.0/0 scram-sha-256\n";
  } else if (how == u"peer") {
    out() << "It has no password: run Packbench as the operating-system account '" << name
          << "' on the database host and connect over the local socket (database.host = /run/postgresql, "
             "user = "
          << name << "). pg_hba.conf needs (Debian's default 'local all all peer' covers it):\n  local " << database
          << ' ' << name << " peer\n";
  } else {
    out() << "It has no password: it signs in with a client certificate whose CN is '" << name << "'.\n"
          << "1. Issue the certificate from the CA the server trusts (ssl_ca_file), e.g.\n"
          << "   openssl req -new -newkey rsa:3072 -nodes -subj /CN=" << name << " -keyout postgresql.key -out " << name
          << ".csr\n"
          << "2. On that machine put postgresql.crt and postgresql.key (0600) in ~/.postgresql/ of the account "
             "running Packbench, the CA as ~/.postgresql/root.crt, and set PGSSLMODE=verify-full in its "
             "environment.\n"
          << "3. pg_hba.conf:\n  hostssl " << database << ' ' << name << " 0.0.0.0/0 cert\n";
  }
  out() << Qt::flush;
}

int runStationLoginListOrRevoke(const config::Config &config, const QStringList &args)
{
  const bool revoke = args.value(1) == u"revoke";
  if (revoke ? args.size() != 3 : args.size() != 2)
    return usage(revoke ? u"station-login revoke needs exactly one NAME"_s : u"station-login list takes no NAME"_s);
  auto db = db::openDatabase(db::ConnectionSettings::fromConfig(config), u"hub-admin"_s);
  if (!db)
    return fail(db.error());
  if (revoke) {
    if (Status revoked = admin::revokeStationLogin(*db, args.value(2)); !revoked)
      return fail(revoked.error());
    out() << "station login " << args.value(2) << " revoked: it can no longer log in, and its open sessions were "
          << "ended" << Qt::endl;
    return ExitOk;
  }
  auto logins = admin::listStationLogins(*db);
  if (!logins)
    return fail(logins.error());
  out() << "login\tshop\tlocations\tstate\n";
  for (const admin::StationLoginRecord &login : *logins) {
    const QString state = !login.revokedAt.isNull()    ? u"revoked"_s
                          : login.shopDomain.isEmpty() ? u"no mapping (sees nothing)"_s
                          : login.canLogin             ? u"active"_s
                                                       : u"cannot log in"_s;
    out() << login.name << '\t' << (login.shopDomain.isEmpty() ? u"-"_s : login.shopDomain) << '\t'
          << (login.locationCodes.isEmpty() ? u"-"_s : login.locationCodes.join(u',')) << '\t' << state << '\n';
  }
  out() << Qt::flush;
  return ExitOk;
}

int runLogin(const config::Config &config, const QCommandLineParser &parser, const QStringList &args,
             admin::LoginGroup group)
{
  const QString verb = args.value(1);
  const bool station = group == admin::LoginGroup::Station;
  if (station && (verb == u"list" || verb == u"revoke"))
    return runStationLoginListOrRevoke(config, args);
  if (verb == u"list") {
    auto db = db::openDatabase(db::ConnectionSettings::fromConfig(config), u"hub-admin"_s);
    if (!db)
      return fail(db.error());
    auto logins = admin::listLogins(*db, group);
    if (!logins)
      return fail(logins.error());
    for (const admin::DatabaseLogin &login : *logins)
      out() << login.name << (login.canLogin ? "" : "\t(cannot log in)") << '\n';
    out() << Qt::flush;
    return ExitOk;
  }
  if (verb != u"create")
    return usage(station ? u"unknown station-login command '%1' (create, list, revoke)"_s.arg(verb)
                         : u"unknown %1 command '%2' (create, list)"_s.arg(args.value(0), verb));
  const QString name = args.value(2);
  if (args.size() != 3)
    return usage(u"%1 create needs exactly one NAME"_s.arg(args.value(0)));
  if (Status valid = admin::checkLoginName(name); !valid)
    return fail(valid.error());
  if (station && (!parser.isSet(kShop) || !parser.isSet(kLocation)))
    return usage(u"station-login create needs --shop DOMAIN and --location CODE[,CODE]: a station login may reach "
                 "only that shop and those locations"_s);
  if (!station && (parser.isSet(kShop) || parser.isSet(kLocation)))
    return usage(u"--shop and --location go with station-login create"_s);
  const QString how =
      parser.isSet(kAuth) ? parser.value(kAuth) : (group == admin::LoginGroup::Hub ? u"peer"_s : u"password"_s);
  if (how != u"password" && how != u"peer" && how != u"cert")
    return usage(u"--auth is password, peer or cert, not '%1'"_s.arg(how));
  if (how != u"password" && parser.isSet(kPasswordFile))
    return usage(u"--password-file goes with --auth password"_s);
  auto db = db::openDatabase(db::ConnectionSettings::fromConfig(config), u"hub-admin"_s);
  if (!db)
    return fail(db.error());
  admin::StationScope scope;
  if (station) {
    auto resolved = admin::resolveStationScope(*db, parser.value(kShop), parser.value(kLocation).split(u','));
    if (!resolved)
      return fail(resolved.error());
    scope = *resolved;
  }
  QString password;
  const QString passwordFile = parser.isSet(kPasswordFile) ? parser.value(kPasswordFile) : name + u".password"_s;
  if (how == u"password") {
    password = admin::generatePassword();
    if (Status written = writeSecretFile(passwordFile, password); !written)
      return fail(written.error());
  }
  const Status created =
      station ? admin::createStationLogin(*db, name, scope, password) : admin::createLogin(*db, name, group, password);
  if (!created) {
    if (!password.isEmpty())
      QFile::remove(passwordFile); // no login, so no password to keep
    return fail(created.error());
  }
  explainLogin(config, name, how, passwordFile);
  if (station)
    explainStationScope(name, scope);
  return ExitOk;
}

} // namespace

QString adminActor()
{
  return actor();
}

QString adminCommandsHelp()
{
  return u"  packer add BADGE --name NAME [--role packer|lead|admin]\n"
         "                      add a packer; the PIN is typed at a hidden prompt (or one line of stdin)\n"
         "  packer set-pin BADGE    give a packer a new PIN (typed by the packer or an admin)\n"
         "  packer disable BADGE    stop a badge and its PIN from signing in (enable undoes it)\n"
         "  packer list\n"
         "  station-login create NAME --shop DOMAIN --location CODE[,CODE] [--password-file FILE | --auth cert|peer]\n"
         "                      a PostgreSQL login for one station, limited to that shop and those locations;\n"
         "                      the password goes to a new 0600 file\n"
         "  station-login revoke NAME   end a station login's access (its sessions too)\n"
         "  hub-login create NAME [--auth peer|password|cert]   a PostgreSQL login for the hub\n"
         "  station-login list, hub-login list\n"
         "  data-export list        customers/data_request exports waiting for the merchant\n"
         "  data-export show ID [FILE]   one export as JSON (to FILE, created 0600), marked delivered"_s;
}

void addAdminOptions(QCommandLineParser &parser)
{
  parser.addOptions({kName, kRole, kPasswordFile, kAuth, kShop, kLocation});
}

bool isAdminCommand(const QString &command)
{
  return command == u"packer" || command == u"station-login" || command == u"hub-login";
}

int runAdminCommand(const config::Config &config, const QCommandLineParser &parser)
{
  const QStringList args = parser.positionalArguments();
  if (args.value(0) == u"packer")
    return runPacker(config, parser, args);
  return runLogin(config, parser, args,
                  args.value(0) == u"hub-login" ? admin::LoginGroup::Hub : admin::LoginGroup::Station);
}

} // namespace pb::app
