// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-fake-carrier: the tests' ShipEngine fake as a program, for scripts, manual runs and benchmarks.
// The API under /v1/… (API-Key: TEST_packbench_fake_key); GET /fake/stats; POST /fake/faults,
// /fake/rate-limit, /fake/tracking. The first line printed is the base URL.
#include "tests/support/fakecarrier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace pb;

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("packbench-fake-carrier"));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("A local ShipEngine (ShipStation API v2) carrier fake."));
  parser.addHelpOption();
  const QCommandLineOption port({QStringLiteral("p"), QStringLiteral("port")},
                                QStringLiteral("Port to listen on (0: any free one)."), QStringLiteral("port"),
                                QStringLiteral("0"));
  const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to listen on (loopback only)."),
                                QStringLiteral("address"), QStringLiteral("127.0.0.1"));
  const QCommandLineOption limit(
      QStringLiteral("rate-limit"),
      QStringLiteral("Requests allowed per window, as N or N/WINDOW_MS (default 200/60000)."), QStringLiteral("limit"),
      QStringLiteral("200/60000"));
  const QCommandLineOption latency(QStringLiteral("latency-ms"), QStringLiteral("The carrier's own time per answer."),
                                   QStringLiteral("ms"), QStringLiteral("0"));
  const QCommandLineOption serverErrors(QStringLiteral("server-errors"),
                                        QStringLiteral("Share of calls answered 500, nothing done (0..1)."),
                                        QStringLiteral("share"), QStringLiteral("0"));
  const QCommandLineOption lost(QStringLiteral("lost"),
                                QStringLiteral("Share of calls done whose connection is closed with no answer (0..1)."),
                                QStringLiteral("share"), QStringLiteral("0"));
  const QCommandLineOption slow(QStringLiteral("slow"), QStringLiteral("Share of calls done and answered late (0..1)."),
                                QStringLiteral("share"), QStringLiteral("0"));
  const QCommandLineOption slowMs(QStringLiteral("slow-ms"), QStringLiteral("How late a slow answer comes."),
                                  QStringLiteral("ms"), QStringLiteral("5000"));
  const QCommandLineOption faultOps(QStringLiteral("fault-operations"),
                                    QStringLiteral("Comma-separated operationIds the faults hit (default: all)."),
                                    QStringLiteral("ids"));
  const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the fault dice."), QStringLiteral("n"),
                                QStringLiteral("1"));
  const QCommandLineOption noCheck(QStringLiteral("no-contract-check"),
                                   QStringLiteral("Do not check requests and answers against the OpenAPI definition."));
  const QCommandLineOption advance(QStringLiteral("auto-advance-tracking"),
                                   QStringLiteral("Every tracking poll moves the parcel one step on."));
  parser.addOptions({port, bind, limit, latency, serverErrors, lost, slow, slowMs, faultOps, seed, noCheck, advance});
  parser.process(app);
  QTextStream out(stdout);
  QTextStream err(stderr);

  test::FakeCarrier fake;
  const QStringList limitParts = parser.value(limit).split(QLatin1Char('/'));
  const int requests = limitParts.value(0).toInt();
  const qint64 window = limitParts.size() > 1 ? limitParts.at(1).toLongLong() : 60000;
  if (requests <= 0 || window <= 0) {
    err << "--rate-limit wants N or N/WINDOW_MS, e.g. 200/60000" << Qt::endl;
    return 2;
  }
  fake.setRateLimit(requests, window);
  fake.setLatencyMs(parser.value(latency).toInt());
  test::FakeCarrier::Faults faults;
  faults.serverError = parser.value(serverErrors).toDouble();
  faults.lost = parser.value(lost).toDouble();
  faults.slow = parser.value(slow).toDouble();
  faults.slowMs = parser.value(slowMs).toInt();
  if (parser.isSet(faultOps))
    faults.operations = parser.value(faultOps).split(QLatin1Char(','), Qt::SkipEmptyParts);
  fake.setFaults(faults, parser.value(seed).toUInt());
  fake.setContractCheck(!parser.isSet(noCheck));
  fake.setAutoAdvanceTracking(parser.isSet(advance));

  const QHostAddress address(parser.value(bind));
  if (!address.isLoopback()) {
    err << "--bind must be a loopback address: this fake is for tests" << Qt::endl;
    return 2;
  }
  const quint16 bound = fake.listen(static_cast<quint16>(parser.value(port).toUInt()), address);
  if (bound == 0) {
    err << "cannot listen on " << parser.value(bind) << ':' << parser.value(port) << Qt::endl;
    return 1;
  }
  out << "http://" << parser.value(bind) << ':' << bound << Qt::endl;
  out << "API-Key: " << test::FakeCarrier::apiKey() << "; carriers " << test::FakeCarrier::upsCarrierId() << " (ups), "
      << test::FakeCarrier::uspsCarrierId() << " (stamps_com); warehouse " << test::FakeCarrier::warehouseId()
      << "; limit " << requests << " per " << window << " ms; GET /fake/stats" << Qt::endl;
  return QCoreApplication::exec();
}
