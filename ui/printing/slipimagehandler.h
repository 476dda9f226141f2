// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "ui/printing/barcodeimage.h"

#include <QHash>
#include <QObject>
#include <QTextObjectInterface>

class QTextDocument;

namespace pb::printing {

// Draws a slip's images: <img src="barcode:DATA"> as a vector Code 128 (sharp at any resolution,
// no bitmap in the PDF), any other image as Qt's own handler would. Sizes follow Qt's rules.
class SlipImageHandler final : public QObject, public QTextObjectInterface {
  Q_OBJECT
  Q_INTERFACES(QTextObjectInterface)

public:
  explicit SlipImageHandler(QObject *parent = nullptr);
  ~SlipImageHandler() override;
  Q_DISABLE_COPY_MOVE(SlipImageHandler)

  // Encodes every barcode the HTML asks for; an unencodable one is the render's error.
  Status prepare(const QString &html);
  // Makes this handler draw the images of `doc` (which it must outlive).
  void install(QTextDocument &doc);

  QSizeF intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format) override;
  void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc, int posInDocument,
                  const QTextFormat &format) override;

private:
  const Code128Bars *barcodeFor(const QString &name);
  QHash<QString, Code128Bars> m_barcodes; // by image name ("barcode:%231002")
};

} // namespace pb::printing
