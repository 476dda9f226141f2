// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/printjournal.h"
#include "core/documents/slipdata.h"
#include "ui/printing/sliprenderer.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>

#include <optional>

namespace pb::printing {

// How one send to a system printer (QPrinter/CUPS) went. Built on a worker thread, read on the printer's.
struct PrinterDelivery {
  bool printed = false;
  QString error;           // why it did not print, or (printed) which characters are missing
  bool incomplete = false; // printed, with characters no installed font has marked '?'
  QString notice;          // for the log only (no customer text): e.g. why the built-in slip printed instead
  QString printer;         // the queue it went to: the default's name when it was asked for with an empty name
};

// The system's printers (QPrinter over CUPS). Each call is safe on any thread (QPainter on a QPrinter), so the
// journaled printer runs them on a worker and the GUI thread never waits for CUPS. An empty printer name is the
// system default, looked up here too: CUPS (or a print server that does not answer) may take a minute to say it.
class SystemPrinter final {
  Q_DECLARE_TR_FUNCTIONS(pb::printing::SystemPrinter)

public:
  // Renders a slip and prints it on `printerName` (empty: the default).
  static PrinterDelivery printSlip(const SlipRenderer &renderer, const documents::SlipData &slip,
                                   const QString &printerName);
  // Prints a PDF or PNG label on a 4x6 in page of `printerName` (empty: the default); a PDF with larger pages (a
  // carrier manifest, a hand-off sheet) on paper of its own size.
  static PrinterDelivery printLabelImage(const QByteArray &data, documents::PrintFormat format,
                                         const QString &printerName);
  // Whether the print service (CUPS, or the print server CUPS_SERVER names) answers at all: when it does not, every
  // printer looks as if it were not set up. Asks `lpstat -r` (cups-client), at most timeoutMs.
  static bool serviceAnswers(int timeoutMs = 3000);
  // The names of the system's print queues (CUPS) as `lpstat -e` gives them within timeoutMs; nullopt when the print
  // service did not answer by then (a print server that takes the connection and says nothing makes libcups wait a
  // minute or more).
  static std::optional<QStringList> queueNamesWithin(int timeoutMs);
  // The label's pages as images at `dpi` (PDF pages rasterised with QtPdf).
  static Result<QList<QImage>> rasterizeLabel(const QByteArray &data, documents::PrintFormat format, int dpi);

private:
  // What lpstat (cups-client) printed within timeoutMs; nullopt when it did not finish by then (it is killed).
  static std::optional<QByteArray> lpstat(const QStringList &arguments, int timeoutMs);
  // The sends themselves, on a queue already resolved.
  static PrinterDelivery sendSlip(const SlipRenderer &renderer, const documents::SlipData &slip,
                                  const QString &printerName);
  static PrinterDelivery sendLabelImage(const QByteArray &data, documents::PrintFormat format,
                                        const QString &printerName);
};

} // namespace pb::printing
