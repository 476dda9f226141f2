// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station's printers as configured: settings that cannot work, and configured CUPS queues this computer lacks.
#include "app/station/printersetup.h"

#include "ui/printing/labelsender.h"
#include "ui/printing/systemprinter.h"

#include <QCoreApplication>

namespace pb::app {

QString printingConfigProblem(const config::Config &settings)
{
  using namespace pb::config::keys;
  const QString labelPrinter = settings.get(PrintLabelPrinter);
  if (!labelPrinter.isEmpty()) {
    if (auto target = printing::LabelTarget::parse(labelPrinter); !target)
      return QStringLiteral("printing.label_printer: ") + target.error().message;
  }
  const bool carrierLabels = settings.get(PrintCarrierLabels) && settings.get(DatabaseDriver) != u"sqlite";
  if (carrierLabels && settings.get(PrintCarrierLabelFormat) == u"zpl" && labelPrinter.isEmpty())
    return QStringLiteral("printing.carrier_label_format zpl needs printing.label_printer");
  return {};
}

QList<std::pair<QString, QString>> configuredQueues(const config::Config &settings)
{
  using namespace pb::config::keys;
  QList<std::pair<QString, QString>> queues;
  const auto add = [&](const QString &what, const QString &queue) {
    if (!queue.isEmpty())
      queues.append({what, queue});
  };
  add(QCoreApplication::translate("main", "Slip printer"), settings.get(PrintSlipPrinter));
  if (auto label = printing::LabelTarget::parse(settings.get(PrintLabelPrinter));
      label && label->kind == printing::LabelTarget::Kind::CupsRaw)
    add(QCoreApplication::translate("main", "Label printer"), label->queue);
  if (settings.get(PrintCarrierLabels))
    add(QCoreApplication::translate("main", "Label printer (PDF)"), settings.get(PrintLabelPdfPrinter));
  return queues;
}

QStringList missingPrinters(const QList<std::pair<QString, QString>> &queues)
{
  if (queues.isEmpty())
    return {};
  const QStringList silent{QCoreApplication::translate(
      "main", "The print service (CUPS) does not answer: nothing prints until it does; what fails waits in the print "
              "jobs list (F4)")};
  // At most 3 s: a print server that takes the connection and says nothing would hold a queue list for minutes.
  const std::optional<QStringList> installed = printing::SystemPrinter::queueNamesWithin(3000);
  if (!installed)
    return silent;
  QStringList missing;
  for (const auto &[what, queue] : queues)
    if (!installed->contains(queue))
      missing.append(QCoreApplication::translate("main", "%1 '%2' is not set up on this computer").arg(what, queue));
  // With CUPS down no queue is listed either: say that, or the lead sets up printers that are fine.
  if (!missing.isEmpty() && !printing::SystemPrinter::serviceAnswers())
    return silent;
  return missing;
}

} // namespace pb::app
