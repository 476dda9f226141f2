// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/privatexvfb.h"
#include "tests/support/programrun.h"

#include "core/db/connection.h"

#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <QStandardPaths>

#include <memory>
#include <utility>

// In initTestCase of an end-to-end test: the tool that types at the stations is there.
#define VERIFY_XDOTOOL()                                                                                               \
  QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty(),                                       \
           "xdotool is missing (scripts/install-deps.sh installs it)")

namespace pb::test {

// One packbench station of an end-to-end test: its warehouse, its packer's badge, its own Xvfb and process.
struct ChainStation {
  ChainStation(QString warehouse, QString packerBadge, QString monitor = QStringLiteral("1280x800x24"),
               QString desktopLocale = {})
      : code(std::move(warehouse))
      , badge(std::move(packerBadge))
      , screen(std::move(monitor))
      , locale(std::move(desktopLocale))
  {}

  QString code; // the warehouse's code (station.location)
  QString badge;
  QString screen; // its Xvfb's screen: the bench's monitor
  QString locale; // the packer's desktop locale ("de_DE": German, on a German keyboard layout); empty: the test's own
  // Its scanner is still set to the factory's US keyboard (on a German desktop: scanning.scanner_layout=us).
  bool usFactoryScanner = false;
  std::unique_ptr<PrivateXvfb> x;
  std::unique_ptr<QProcess> process;
  qint64 stationId = 0;
};

// The real programs of an end-to-end test (tests/e2e): packbench-hub and packbench stations with sandboxed homes under
// one folder, on a throwaway PostgreSQL, each station on its own Xvfb typed at by xdotool as a wedge scanner and a
// person type. The QVERIFY-style helpers (void) fail the calling test; the others say false.
class ChainPrograms {
public:
  ChainPrograms(QString hubBinary, QString stationBinary, QString root, QString screenshotDir);

  // The scratch database and the test's own (owner's) connection to it.
  void setDatabase(const db::ConnectionSettings &pg, const QSqlDatabase &admin)
  {
    m_pg = pg;
    m_db = admin;
  }
  QStringList databaseArgs(const QString &user) const { return postgresArgs(m_pg, user); }
  // HOME, XDG_CONFIG_HOME, XDG_DATA_HOME (one installation id each) and XDG_RUNTIME_DIR under root/name.
  QProcessEnvironment sandboxEnv(const QString &name) const;
  // packbench-hub <args> as the operator runs it, as the database owner.
  ProgramRun hubCommand(const QStringList &args, const QByteArray &input = {}) const;
  // The operator's first steps: `packbench-hub migrate`, then `packer add` for one packer with this PIN.
  void migrateAndAddPacker(const QString &badge, const QString &name, const QString &pin) const;
  // The hub's sandbox with the shop's webhook secret and Admin API token in its environment, as the unit passes them.
  QProcessEnvironment hubEnv(const QByteArray &webhookSecret, const QByteArray &accessToken) const;
  // packbench-hub serve on a free port (returned) with these --set settings and extra environment.
  quint16 startHub(QProcess &hub, const QProcessEnvironment &env, const QStringList &settings) const;
  // A station of `shop` at its warehouse under a station login, with these extra --set settings; waits until it has
  // registered and its window has the keyboard. Started again (after a crash), it keeps its Xvfb and data directory.
  void startStation(ChainStation &station, const QString &shop, const QString &login, const QString &passwordFile,
                    const QStringList &settings = {}) const;
  // Only the process, as a packer switching the bench on does: no wait for the database or the window.
  void launchStation(ChainStation &station, const QString &shop, const QString &login, const QString &passwordFile,
                     const QStringList &settings = {}) const;
  // Waits until a window of the station's is up and gives it the keyboard, as a packer's click would.
  static void focusWindow(const ChainStation &station);
  // The badge scanned, then the PIN typed as a person types; waits for the sign-in session this opens.
  void signIn(const ChainStation &station, const QString &pin) const;
  // The same, saying whether the session opened within timeoutMs (a test that lets the packer try again).
  bool trySignIn(const ChainStation &station, const QString &pin, int timeoutMs = 15000) const;
  // Runs xdotool against a station's display while this thread's event loop keeps the fakes answering.
  static bool xdotool(const ChainStation &station, const QStringList &args);
  // A wedge scanner: the whole code and its Return in one burst (one xdotool, 5 ms a key, Shift as needed); a
  // US-factory scanner on a German keyboard presses the keys a US keyboard has the code on.
  static bool scan(const ChainStation &station, const QString &code);
  // A person at the keyboard: 250 ms a key (slower than scanning.max_gap_ms), then Return.
  static bool typeAsPerson(const ChainStation &station, const QString &text);
  // A numbered screenshot of the station's screen in the screenshot folder.
  void screenshot(const ChainStation &station, const QString &what);
  qint64 scalar(const QString &sql, const QVariantList &values = {}) const;
  // Call from each test's cleanup(): after a failure, prints what every program logged during that test function
  // (the tail of it), so that a failure on a CI machine says what the station and the hub were doing.
  void reportLogsOfAFailure();

private:
  QString m_hubBinary;
  QString m_stationBinary;
  QString m_root;
  QString m_screenshotDir;
  db::ConnectionSettings m_pg;
  QSqlDatabase m_db;
  int m_shots = 0;
  QHash<QString, qint64> m_logReadUpTo; // per log file: how much an earlier test function has already had
};

} // namespace pb::test
