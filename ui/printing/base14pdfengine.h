// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBrush>
#include <QByteArray>
#include <QList>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPen>
#include <QSizeF>
#include <QTransform>

#include <array>

namespace pb::printing {

// The paint engine behind Base14PdfDevice: turns QPainter calls into PDF content-stream operators,
// one stream per page, and keeps the fonts and images the pages use.
class Base14PdfEngine final : public QPaintEngine {
public:
  static constexpr int kFaceCount = 12;

  Base14PdfEngine(QSizeF pagePoints, int resolution);
  ~Base14PdfEngine() override;
  Q_DISABLE_COPY_MOVE(Base14PdfEngine)

  void newPage();
  const QList<QByteArray> &pages() const { return m_pages; }
  const std::array<bool, kFaceCount> &usedFaces() const { return m_usedFaces; }
  const QList<QByteArray> &images() const { return m_images; } // image XObjects (dictionary + stream)
  bool isFaithful() const { return m_reason.isEmpty(); }
  const QString &unfaithfulReason() const { return m_reason; }
  static const char *faceName(int face);

  bool begin(QPaintDevice *device) override;
  bool end() override;
  void updateState(const QPaintEngineState &state) override;
  void drawRects(const QRectF *rects, int rectCount) override;
  void drawLines(const QLineF *lines, int lineCount) override;
  void drawPath(const QPainterPath &path) override;
  void drawPolygon(const QPointF *points, int pointCount, PolygonDrawMode mode) override;
  void drawPixmap(const QRectF &rect, const QPixmap &pixmap, const QRectF &source) override;
  void drawImage(const QRectF &rect, const QImage &image, const QRectF &source,
                 Qt::ImageConversionFlags flags = Qt::AutoColor) override;
  void drawTextItem(const QPointF &point, const QTextItem &textItem) override;
  Type type() const override { return QPaintEngine::User; }

private:
  QByteArray &out() { return m_pages.last(); }
  void unfaithful(const QString &reason);
  void resetEmitted();
  void applyClip();
  void setClip(const QPainterPath &logical, Qt::ClipOperation operation);
  void number(double value);
  void point(QPointF device);
  void writePath(const QPainterPath &device);
  bool prepareFill();
  bool prepareStroke();
  void setFillColor(const QColor &color);
  void finishPath(bool fill, bool stroke, bool oddEven);
  int faceFor(const QFont &font);

  double m_scale;      // points per device pixel
  double m_pageHeight; // in points
  QList<QByteArray> m_pages;
  std::array<bool, kFaceCount> m_usedFaces{};
  QList<QByteArray> m_images;
  QString m_reason;

  QTransform m_transform;
  QPen m_pen;
  QBrush m_brush;
  bool m_clipEnabled = false;
  QList<QPainterPath> m_clips;        // device coordinates, intersected
  QList<QPainterPath> m_appliedClips; // what the current stream has in effect
  // What the stream already says, so unchanged state is not repeated.
  QRgb m_fill = 0;
  QRgb m_stroke = 0;
  bool m_fillKnown = false;
  bool m_strokeKnown = false;
  QByteArray m_lineState;
  double m_charSpacing = 0;
  double m_wordSpacing = 0;
};

} // namespace pb::printing
