// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/printjournal.h"
#include "core/documents/printservice.h"
#include "ui/printing/labelsender.h"
#include "ui/printing/sliprenderer.h"

#include <QSet>
#include <QSqlDatabase>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace pb::printing {

struct PrinterDelivery;

// The one way a slip or label reaches paper: packing slips (rendered, QPrinter/CUPS), ZPL labels (raw to
// tcp://host:9100 or a CUPS raw queue) and PDF/PNG labels (QPrinter on a 4x6 in page). Every job is written to
// the print journal before it is sent and its outcome after; nothing here waits for a printer on the caller's
// thread (sockets and lp run on the event loop, QPrinter work on a worker thread), so each call returns the
// job's id at once and the outcome follows as jobPrinted / jobFailed / jobIncomplete. A raw label that fails is
// sent again after a delay, up to maxAttempts; any job can be retried, reprinted or moved by hand.
class JournaledPrinter final : public documents::PrintService {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(JournaledPrinter)

public:
  struct Policy {
    int maxAttempts = 3; // automatic sends of a raw label (a printer that was off may be back)
    int retryDelayMs = 5000;
    SendTimeouts timeouts;
    int exitWaitMs = 10'000; // how long the destructor waits for a QPrinter send still running (a slip takes < 1 s)
  };

  JournaledPrinter(QSqlDatabase db, Policy policy, QObject *parent = nullptr);
  ~JournaledPrinter() override;

  // How slips are laid out: paper, the merchant's template (empty: built-in) and its image folder.
  void setSlipLayout(SlipPaper paper, const QString &customTemplate = {}, const QString &templateFolder = {});

  // The slip of a fulfillment order, rendered from the database when it is sent; empty printer: system default.
  Result<qint64> printSlip(qint64 fulfillmentOrderId, const QString &printer) override;
  // The built-in 4x6 house label (ship-to, order name, Code 128), as ZPL to a label printer.
  Result<qint64> printHouseLabel(qint64 fulfillmentOrderId, const QString &printer, int box, int boxes) override;
  // A label as it came (a carrier's ZPL, PDF or PNG): ZPL raw to a label printer, PDF/PNG through QPrinter.
  Result<qint64> printLabel(qint64 fulfillmentOrderId, const QString &printer, const QByteArray &data,
                            documents::PrintFormat format, const QString &reference) override;
  Result<qint64> printHandoffSheet(const documents::HandoffSheet &sheet, const QString &printer) override;
  Result<documents::PrintJob> printUnjournaled(const documents::PrintJob &job,
                                               const documents::SlipData &slip) override;
  Result<qint64> reprint(qint64 jobId, const QString &printer = {}) override;
  Result<qint64> move(qint64 jobId, const QString &printer) override;
  // The CUPS queues as last listed (on a worker: CUPS may take a minute to answer); each call lists them again.
  QStringList systemPrinters() override;
  // Sends an open job again now, on its own printer (after the printer was fixed); same job id.
  Status retry(qint64 jobId);
  // Jobs sent or waiting for a retry right now.
  int jobsInFlight() const { return static_cast<int>(m_sending.size() + m_waiting.size()); }

private:
  Result<qint64> submit(const documents::PrintJob &job);
  void startAttempt(qint64 jobId, bool autoRetry);
  void send(const documents::PrintJob &job, bool autoRetry);
  void sendRaw(const documents::PrintJob &job, bool autoRetry);
  // Sends raw bytes to a label printer on the event loop; `done` gets how it went.
  void onLabelPrinter(const LabelTarget &target, const QByteArray &data,
                      std::function<void(bool, const QString &)> done);
  void sendToSystemPrinter(const documents::PrintJob &job);
  // One QPrinter send of `job` (a slip from `slip`), to run on the printer thread.
  std::function<PrinterDelivery()> systemWork(const documents::PrintJob &job, const documents::SlipData &slip) const;
  // Runs one QPrinter send on the printer thread; `done` gets its outcome back on this one.
  void onPrinterThread(std::function<PrinterDelivery()> work, std::function<void(const PrinterDelivery &)> done);
  void emitUnjournaledOutcome(qint64 jobId, bool printed, const QString &error, bool incomplete);
  void finishAttempt(qint64 jobId, bool printed, const QString &error, bool retryable, bool autoRetry);
  void finishSystemAttempt(qint64 jobId, const PrinterDelivery &delivery);
  Status refuseIfBusyOrClosed(qint64 jobId, const documents::PrintJob &job) const;
  void refreshSystemPrinters();

  QSqlDatabase m_db;
  documents::PrintJournal m_journal;
  Policy m_policy;
  SlipRenderer m_renderer;
  bool m_customTemplate = false;
  QSet<qint64> m_sending;       // an attempt is under way
  QSet<qint64> m_waiting;       // its automatic retry is scheduled
  qint64 m_lastUnjournaled = 0; // printUnjournaled's ids count down from -1
  // QPrinter work, one job at a time in journal order. The destructor gives a job being printed a moment, not more.
  std::unique_ptr<QThreadPool> m_systemPrinterThread = std::make_unique<QThreadPool>();
  // The CUPS queue list, apart from the sends so a long send does not hold it up.
  std::unique_ptr<QThreadPool> m_listThread = std::make_unique<QThreadPool>();
  QStringList m_knownPrinters;
  bool m_listing = false;
};

} // namespace pb::printing
