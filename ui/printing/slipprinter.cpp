// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/slipprinter.h"

#include "core/documents/sliprepository.h"
#include "ui/printing/glyphcoverage.h"

#include <QFile>
#include <QLoggingCategory>
#include <QPrinter>
#include <QPrinterInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {
Q_LOGGING_CATEGORY(lcSlipPrinter, "packbench.ui.printing.slipprinter")

QString reference(qint64 fulfillmentOrderId, bool custom)
{
  return u"slip:fulfillment_order=%1;template=%2"_s.arg(fulfillmentOrderId).arg(custom ? u"custom"_s : u"builtin"_s);
}
} // namespace

SlipPrinter::SlipPrinter(QSqlDatabase db, SlipPaper paper, QString customTemplate, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_journal(db)
    , m_renderer(paper, customTemplate)
    , m_customTemplate(!customTemplate.trimmed().isEmpty())
{}

SlipPrinter::~SlipPrinter() = default;

Result<qint64> SlipPrinter::printSlip(qint64 fulfillmentOrderId, const QString &printerName)
{
  documents::PrintJob job;
  job.fulfillmentOrderId = fulfillmentOrderId;
  job.kind = documents::PrintKind::Slip;
  job.printer = printerName.isEmpty() ? QPrinterInfo::defaultPrinterName() : printerName;
  job.format = documents::PrintFormat::Pdf;
  job.reference = reference(fulfillmentOrderId, m_customTemplate);
  auto id = m_journal.create(job);
  if (!id)
    return id.error();
  if (auto status = sendToPrinter(id.value(), fulfillmentOrderId, job.printer); !status)
    return status.error();
  return id.value();
}

Status SlipPrinter::exportPdf(qint64 fulfillmentOrderId, const QString &path) const
{
  auto slip = documents::SlipRepository(m_db).load(fulfillmentOrderId);
  if (!slip)
    return slip.error();
  auto pdf = m_renderer.renderPdf(slip.value());
  if (!pdf)
    return pdf.error();
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(pdf.value()) != pdf.value().size() || !file.commit())
    return makeError(ErrorKind::Unavailable, tr("Cannot write %1: %2").arg(path, file.errorString()));
  return {};
}

Result<qint64> SlipPrinter::reprint(qint64 jobId, const QString &printerName)
{
  auto old = m_journal.get(jobId);
  if (!old)
    return old.error();
  if (old.value().kind != documents::PrintKind::Slip)
    return makeError(ErrorKind::InvalidInput, tr("Print job %1 is not a packing slip").arg(jobId));
  return printSlip(old.value().fulfillmentOrderId, printerName.isEmpty() ? old.value().printer : printerName);
}

Status SlipPrinter::retry(qint64 jobId)
{
  auto job = m_journal.get(jobId);
  if (!job)
    return job.error();
  if (job.value().status == documents::PrintStatus::Moved || job.value().status == documents::PrintStatus::Done)
    return makeError(ErrorKind::Conflict, tr("Print job %1 is already closed").arg(jobId));
  if (auto retrying = m_journal.markRetrying(jobId); !retrying)
    return retrying;
  return sendToPrinter(jobId, job.value().fulfillmentOrderId, job.value().printer);
}

Result<qint64> SlipPrinter::moveJob(qint64 jobId, const QString &printerName)
{
  auto moved = m_journal.moveTo(jobId, printerName);
  if (!moved)
    return moved.error();
  auto job = m_journal.get(moved.value());
  if (!job)
    return job.error();
  if (auto status = sendToPrinter(moved.value(), job.value().fulfillmentOrderId, printerName); !status)
    return status.error();
  return moved.value();
}

Status SlipPrinter::sendToPrinter(qint64 jobId, qint64 fulfillmentOrderId, const QString &printerName)
{
  auto fail = [&](const QString &error) -> Status {
    qCWarning(lcSlipPrinter, "slip job %lld failed on %s: %s", static_cast<long long>(jobId),
              qUtf8Printable(printerName), qUtf8Printable(error));
    (void)m_journal.markFailed(jobId, error);
    Q_EMIT slipFailed(jobId, error);
    return makeError(ErrorKind::Unavailable, error);
  };
  auto slip = documents::SlipRepository(m_db).load(fulfillmentOrderId);
  if (!slip)
    return fail(slip.error().message);
  const QPrinterInfo info = QPrinterInfo::printerInfo(printerName);
  if (printerName.isEmpty() || info.isNull())
    return fail(tr("Printer '%1' was not found").arg(printerName));
  if (info.state() == QPrinter::Error || info.state() == QPrinter::Aborted)
    return fail(tr("Printer '%1' is stopped or offline").arg(printerName));
  QPrinter printer(info, QPrinter::HighResolution);
  if (!printer.isValid())
    return fail(tr("Printer '%1' cannot be used").arg(printerName));
  printer.setDocName(tr("Packing slip %1").arg(slip.value().orderName));
  printer.setFullPage(false);
  auto rendered = m_renderer.render(slip.value(), &printer);
  if (!rendered)
    return fail(rendered.error().message);
  if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted)
    return fail(tr("Printer '%1' refused the job").arg(printerName));
  if (auto sent = m_journal.markSent(jobId); !sent)
    return sent;
  if (rendered.value().usedFallback)
    qCWarning(lcSlipPrinter, "slip job %lld used the built-in template: %s", static_cast<long long>(jobId),
              qUtf8Printable(rendered.value().templateError));
  if (const QList<char32_t> &missing = rendered.value().missingCharacters; !missing.isEmpty()) {
    // Printed with the gaps marked; the journal keeps it failed so it is reprinted once a font has them.
    const QString what = tr("The slip printed without %n character(s) that no installed font has (%1): "
                            "they are marked ? on it. Install a font that has them, then reprint.",
                            nullptr, static_cast<int>(missing.size()))
                             .arg(codePointList(missing));
    qCWarning(lcSlipPrinter, "slip job %lld printed without %lld character(s) no installed font has",
              static_cast<long long>(jobId), static_cast<long long>(missing.size()));
    if (auto incomplete = m_journal.markIncomplete(jobId, what); !incomplete)
      return incomplete;
    Q_EMIT slipFailed(jobId, what);
    return makeError(ErrorKind::InvalidInput, what); // printing it again as it is would not help
  }
  // CUPS has the job now; what happens on paper is the printer's, so the journal calls it done.
  if (auto done = m_journal.markDone(jobId); !done)
    return done;
  Q_EMIT slipPrinted(jobId);
  return {};
}

} // namespace pb::printing
