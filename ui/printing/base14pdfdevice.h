// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QPageSize>
#include <QPaintDevice>
#include <QString>

#include <memory>

namespace pb::printing {

class Base14PdfEngine;

// A paint device that writes PDF operators itself, the way ReportLab does: text in the standard 14
// fonts (Helvetica, Courier, Times with WinAnsiEncoding, nothing embedded), rectangles, lines and
// paths as vector operators. Text must be laid out in a font with the same metrics (Liberation Sans,
// Mono or Serif). Anything it cannot write faithfully (other fonts, characters outside WinAnsi,
// gradients, rotated text) makes isFaithful() false, and the caller renders with QPdfWriter instead.
class Base14PdfDevice final : public QPaintDevice {
public:
  Base14PdfDevice(const QPageSize &pageSize, int resolution);
  ~Base14PdfDevice() override;
  Q_DISABLE_COPY_MOVE(Base14PdfDevice)

  // Ends the current page and starts another; the first page starts on its own.
  void newPage();
  int pageCount() const;
  bool isFaithful() const;
  QString unfaithfulReason() const; // what could not be written, for the log (no customer text)
  // The whole document; call once painting has ended.
  QByteArray toPdf(const QString &title, const QString &creator) const;

  QPaintEngine *paintEngine() const override;

protected:
  int metric(PaintDeviceMetric metric) const override;

private:
  std::unique_ptr<Base14PdfEngine> m_engine;
  QSizeF m_sizePoints;
  int m_resolution;
};

} // namespace pb::printing
