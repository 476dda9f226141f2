// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/journaledprinter.h"

#include "core/documents/sliprepository.h"
#include "core/documents/zpl.h"
#include "ui/printing/handoffsheetdocument.h"
#include "ui/printing/systemprinter.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {
Q_LOGGING_CATEGORY(lcPrinter, "packbench.ui.printing.journaledprinter")

using documents::PrintFormat;
using documents::PrintJob;
using documents::PrintKind;
using documents::PrintStatus;

constexpr int kListTimeoutMs = 10'000;

QString slipReference(qint64 fulfillmentOrderId, bool custom)
{
  return u"slip:fulfillment_order=%1;template=%2"_s.arg(fulfillmentOrderId).arg(custom ? u"custom"_s : u"builtin"_s);
}
} // namespace

JournaledPrinter::JournaledPrinter(QSqlDatabase db, Policy policy, QObject *parent)
    : PrintService(parent)
    , m_db(db)
    , m_journal(db)
    , m_policy(policy)
    , m_renderer(SlipPaper::Letter)
{
  m_systemPrinterThread->setMaxThreadCount(1);
  m_listThread->setMaxThreadCount(1);
}

JournaledPrinter::~JournaledPrinter()
{
  // A send held by a print server that never answers (libcups waits minutes) must not hold the station's exit, and
  // with it the bench lock a restart needs: jobs not started stay open in the journal, and a send still running
  // after a moment is left to the end of the process (it owns nothing of this object).
  for (std::unique_ptr<QThreadPool> *pool : {&m_systemPrinterThread, &m_listThread}) {
    (*pool)->clear();
    if (!(*pool)->waitForDone(m_policy.exitWaitMs)) {
      qCWarning(lcPrinter, "a print job or printer list still waits for CUPS: not waiting for it to stop");
      (void)pool->release(); // deliberately leaked: its thread may still be in libcups
    }
  }
}

void JournaledPrinter::setSlipLayout(SlipPaper paper, const QString &customTemplate, const QString &templateFolder)
{
  m_renderer = SlipRenderer(paper, customTemplate);
  m_renderer.setTemplateFolder(templateFolder);
  m_customTemplate = !customTemplate.trimmed().isEmpty();
}

Result<qint64> JournaledPrinter::printSlip(qint64 fulfillmentOrderId, const QString &printer)
{
  PrintJob job;
  job.fulfillmentOrderId = fulfillmentOrderId;
  job.kind = PrintKind::Slip;
  job.printer = printer; // empty: the default, whose name the send finds off this thread
  job.format = PrintFormat::Pdf;
  job.reference = slipReference(fulfillmentOrderId, m_customTemplate);
  return submit(job);
}

Result<qint64> JournaledPrinter::printHouseLabel(qint64 fulfillmentOrderId, const QString &printer, int box, int boxes)
{
  auto slip = documents::SlipRepository(m_db).load(fulfillmentOrderId);
  if (!slip)
    return slip.error();
  return printLabel(fulfillmentOrderId, printer, documents::houseLabelZpl(slip.value(), box, boxes), PrintFormat::Zpl,
                    documents::houseLabelReference(fulfillmentOrderId, box));
}

Result<qint64> JournaledPrinter::printLabel(qint64 fulfillmentOrderId, const QString &printer, const QByteArray &data,
                                            PrintFormat format, const QString &reference)
{
  PrintJob job;
  job.fulfillmentOrderId = fulfillmentOrderId;
  job.kind = PrintKind::Label;
  job.printer = printer;
  job.format = format;
  job.payload = data;
  job.reference = reference;
  return submit(job);
}

Result<qint64> JournaledPrinter::printHandoffSheet(const documents::HandoffSheet &sheet, const QString &printer)
{
  return printLabel(0, printer, HandoffSheetDocument::render(sheet), PrintFormat::Pdf,
                    u"handoff-sheet:%1"_s.arg(sheet.madeAt.toString(Qt::ISODate)));
}

Result<qint64> JournaledPrinter::reprint(qint64 jobId, const QString &printer)
{
  auto old = m_journal.get(jobId);
  if (!old)
    return old.error();
  if (Status gone = documents::refuseIfLabelGone(old.value()); !gone)
    return gone.error();
  PrintJob copy = old.value();
  if (!printer.isEmpty())
    copy.printer = printer;
  return submit(copy); // a slip is rendered again from the database; a label's bytes are the journaled ones
}

Result<qint64> JournaledPrinter::move(qint64 jobId, const QString &printer)
{
  auto job = m_journal.get(jobId);
  if (!job)
    return job.error();
  if (Status refused = refuseIfBusyOrClosed(jobId, job.value()); !refused)
    return refused.error();
  if (Status gone = documents::refuseIfLabelGone(job.value()); !gone)
    return gone.error();
  auto moved = m_journal.moveTo(jobId, printer);
  if (!moved)
    return moved.error();
  m_waiting.remove(jobId); // its scheduled retry finds it gone
  m_sending.insert(moved.value());
  QMetaObject::invokeMethod(
      this, [this, id = moved.value()] { startAttempt(id, true); }, Qt::QueuedConnection);
  return moved.value();
}

QStringList JournaledPrinter::systemPrinters()
{
  refreshSystemPrinters();
  return m_knownPrinters;
}

void JournaledPrinter::refreshSystemPrinters()
{
  if (m_listing)
    return;
  m_listing = true;
  auto *watcher = new QFutureWatcher<std::optional<QStringList>>(this);
  connect(watcher, &QFutureWatcher<std::optional<QStringList>>::finished, this, [this, watcher] {
    watcher->deleteLater();
    m_listing = false;
    const std::optional<QStringList> listed = watcher->result();
    if (!listed || *listed == m_knownPrinters) // no answer: the last list stands
      return;
    m_knownPrinters = *listed;
    Q_EMIT systemPrintersListed();
  });
  // Bounded (the lpstat is killed): a print server that never answers must not hold the station's exit either.
  watcher->setFuture(QtConcurrent::run(m_listThread.get(), &SystemPrinter::queueNamesWithin, kListTimeoutMs));
}

Status JournaledPrinter::retry(qint64 jobId)
{
  auto job = m_journal.get(jobId);
  if (!job)
    return job.error();
  if (Status refused = refuseIfBusyOrClosed(jobId, job.value()); !refused)
    return refused;
  if (Status gone = documents::refuseIfLabelGone(job.value()); !gone)
    return gone;
  if (auto retrying = m_journal.markRetrying(jobId); !retrying)
    return retrying;
  m_waiting.remove(jobId);
  m_sending.insert(jobId);
  QMetaObject::invokeMethod(
      this, [this, jobId] { startAttempt(jobId, false); }, Qt::QueuedConnection);
  return {};
}

Status JournaledPrinter::refuseIfBusyOrClosed(qint64 jobId, const PrintJob &job) const
{
  if (job.status == PrintStatus::Moved || job.status == PrintStatus::Done)
    return makeError(ErrorKind::Conflict,
                     tr("Print job %1 is already closed (%2)").arg(jobId).arg(statusName(job.status)));
  if (m_sending.contains(jobId))
    return makeError(ErrorKind::Conflict, tr("Print job %1 is being sent right now").arg(jobId));
  return {};
}

Result<qint64> JournaledPrinter::submit(const PrintJob &job)
{
  PrintJob fresh = job;
  fresh.id = 0;
  fresh.status = PrintStatus::Queued;
  fresh.attempts = 0;
  fresh.lastError.clear();
  fresh.movedToJobId = 0;
  if (fresh.kind == PrintKind::Slip)
    fresh.payload.clear(); // rendered from the order when it is sent
  auto id = m_journal.create(fresh);
  if (!id)
    return id.error();
  m_sending.insert(id.value());
  fresh.id = id.value();
  // Queued: the caller has the id before any outcome can arrive. Sent as journaled, without reading it back (nothing
  // can move or close a job that is being sent).
  QMetaObject::invokeMethod(
      this, [this, fresh] { send(fresh, true); }, Qt::QueuedConnection);
  return id.value();
}

void JournaledPrinter::startAttempt(qint64 jobId, bool autoRetry)
{
  auto job = m_journal.get(jobId);
  if (!job) {
    m_sending.remove(jobId);
    qCWarning(lcPrinter).noquote() << "print job" << jobId << "not read back:" << job.error().message;
    Q_EMIT jobFailed(jobId, job.error().message, false);
    return;
  }
  if (job.value().status == PrintStatus::Moved || job.value().status == PrintStatus::Done) {
    m_sending.remove(jobId); // moved (or printed) while its retry waited
    return;
  }
  send(job.value(), autoRetry);
}

void JournaledPrinter::send(const PrintJob &job, bool autoRetry)
{
  if (Status gone = documents::refuseIfLabelGone(job); !gone) { // cleared while it waited: never send nothing
    finishAttempt(job.id, false, gone.error().message, false, false);
    return;
  }
  if (job.format == PrintFormat::Zpl)
    sendRaw(job, autoRetry);
  else
    sendToSystemPrinter(job);
}

void JournaledPrinter::sendRaw(const PrintJob &job, bool autoRetry)
{
  auto target = LabelTarget::parse(job.printer);
  if (!target) {
    finishAttempt(job.id, false, target.error().message, false, autoRetry);
    return;
  }
  onLabelPrinter(target.value(), job.payload, [this, jobId = job.id, autoRetry](bool ok, const QString &error) {
    finishAttempt(jobId, ok, error, true, autoRetry);
  });
}

void JournaledPrinter::onLabelPrinter(const LabelTarget &target, const QByteArray &data,
                                      std::function<void(bool, const QString &)> done)
{
  auto *sender = new LabelSender(this);
  connect(sender, &LabelSender::finished, this, [sender, done = std::move(done)](bool ok, const QString &error) {
    sender->deleteLater();
    done(ok, error);
  });
  sender->start(target, data, m_policy.timeouts);
}

void JournaledPrinter::sendToSystemPrinter(const PrintJob &job)
{
  documents::SlipData slip;
  if (job.kind == PrintKind::Slip) {
    auto loaded = documents::SlipRepository(m_db).load(job.fulfillmentOrderId);
    if (!loaded) {
      finishAttempt(job.id, false, loaded.error().message, false, false);
      return;
    }
    slip = std::move(loaded).value();
  }
  onPrinterThread(systemWork(job, slip), [this, jobId = job.id,
                                          toDefault = job.printer.isEmpty()](const PrinterDelivery &delivery) {
    if (toDefault) // the journal names the queue the default turned out to be
      if (Status named = m_journal.recordDefaultPrinter(jobId, delivery.printer); !named)
        qCWarning(lcPrinter).noquote() << "print job" << jobId << "printer not journaled:" << named.error().message;
    finishSystemAttempt(jobId, delivery);
  });
}

std::function<PrinterDelivery()> JournaledPrinter::systemWork(const PrintJob &job,
                                                              const documents::SlipData &slip) const
{
  // What the worker needs is copied here; the database stays on this thread.
  if (job.kind == PrintKind::Slip)
    return [renderer = m_renderer, slip, printer = job.printer] {
      return SystemPrinter::printSlip(renderer, slip, printer);
    };
  return [data = job.payload, format = job.format, printer = job.printer] {
    return SystemPrinter::printLabelImage(data, format, printer);
  };
}

void JournaledPrinter::onPrinterThread(std::function<PrinterDelivery()> work,
                                       std::function<void(const PrinterDelivery &)> done)
{
  auto *watcher = new QFutureWatcher<PrinterDelivery>(this);
  connect(watcher, &QFutureWatcher<PrinterDelivery>::finished, this, [watcher, done = std::move(done)] {
    watcher->deleteLater();
    done(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(m_systemPrinterThread.get(), std::move(work)));
}

Result<PrintJob> JournaledPrinter::printUnjournaled(const PrintJob &job, const documents::SlipData &slip)
{
  PrintJob sent = job;
  sent.id = --m_lastUnjournaled;   // negative: never a journal row
  sent.status = PrintStatus::Sent; // an empty printer stays "the default": its name is found off this thread
  const qint64 jobId = sent.id;
  if (sent.format == PrintFormat::Zpl) {
    auto target = LabelTarget::parse(sent.printer);
    if (!target)
      return target.error();
    onLabelPrinter(target.value(), sent.payload,
                   [this, jobId](bool ok, const QString &error) { emitUnjournaledOutcome(jobId, ok, error, false); });
    return sent;
  }
  onPrinterThread(systemWork(sent, slip), [this, jobId](const PrinterDelivery &delivery) {
    if (!delivery.notice.isEmpty())
      qCWarning(lcPrinter).noquote() << "unjournaled print job" << jobId << delivery.notice;
    emitUnjournaledOutcome(jobId, delivery.printed, delivery.error, delivery.printed && delivery.incomplete);
  });
  return sent;
}

void JournaledPrinter::emitUnjournaledOutcome(qint64 jobId, bool printed, const QString &error, bool incomplete)
{
  if (incomplete)
    Q_EMIT jobIncomplete(jobId, error);
  else if (printed)
    Q_EMIT jobPrinted(jobId);
  else
    Q_EMIT jobFailed(jobId, error, false);
}

void JournaledPrinter::finishSystemAttempt(qint64 jobId, const PrinterDelivery &delivery)
{
  if (!delivery.notice.isEmpty())
    qCWarning(lcPrinter).noquote() << "print job" << jobId << delivery.notice;
  if (!delivery.printed || !delivery.incomplete) {
    // CUPS queues a job for a printer that is off by itself; a missing or stopped queue does not come back alone.
    finishAttempt(jobId, delivery.printed, delivery.error, false, false);
    return;
  }
  m_sending.remove(jobId);
  // Printed with the gaps marked; the journal keeps it failed so it is reprinted once a font has them.
  qCWarning(lcPrinter, "print job %lld printed with characters no installed font has", static_cast<long long>(jobId));
  if (auto sent = m_journal.markSent(jobId); !sent)
    qCWarning(lcPrinter).noquote() << "print job" << jobId << "not journaled as sent:" << sent.error().message;
  if (auto incomplete = m_journal.markIncomplete(jobId, delivery.error); !incomplete)
    qCWarning(lcPrinter).noquote() << "print job" << jobId << "not journaled:" << incomplete.error().message;
  Q_EMIT jobIncomplete(jobId, delivery.error);
}

void JournaledPrinter::finishAttempt(qint64 jobId, bool printed, const QString &error, bool retryable, bool autoRetry)
{
  m_sending.remove(jobId);
  if (printed) {
    // Accepted by CUPS or by the printer's socket: what happens on paper is the printer's, so the job is done.
    Status journaled = m_journal.markSent(jobId);
    if (journaled)
      journaled = m_journal.markDone(jobId);
    if (!journaled)
      qCWarning(lcPrinter).noquote() << "print job" << jobId
                                     << "printed but not journaled:" << journaled.error().message;
    qCInfo(lcPrinter, "print job %lld printed", static_cast<long long>(jobId));
    Q_EMIT jobPrinted(jobId);
    return;
  }
  if (auto marked = m_journal.markFailed(jobId, error); !marked)
    qCWarning(lcPrinter).noquote() << "print job" << jobId << "failure not journaled:" << marked.error().message;
  auto job = m_journal.get(jobId);
  const int attempts = job ? job.value().attempts : m_policy.maxAttempts;
  const bool willRetry = retryable && autoRetry && attempts < m_policy.maxAttempts;
  // The error names a printer, never the order's content: fit for the log.
  qCWarning(lcPrinter).noquote() << QStringLiteral("print job %1 failed (attempt %2 of %3):")
                                        .arg(jobId)
                                        .arg(attempts)
                                        .arg(retryable && autoRetry ? m_policy.maxAttempts : attempts)
                                 << error;
  if (willRetry) {
    if (auto retrying = m_journal.markRetrying(jobId); !retrying)
      qCWarning(lcPrinter).noquote() << "print job" << jobId << "retry not journaled:" << retrying.error().message;
    m_waiting.insert(jobId);
    QTimer::singleShot(m_policy.retryDelayMs, this, [this, jobId] {
      if (!m_waiting.remove(jobId))
        return; // retried or moved by hand meanwhile
      m_sending.insert(jobId);
      startAttempt(jobId, true);
    });
  }
  Q_EMIT jobFailed(jobId, error, willRetry);
}

} // namespace pb::printing
