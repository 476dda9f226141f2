// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

// The documents the carrier fake makes, as a carrier would: 4×6 in labels in ZPL (203 dpi), PDF and PNG
// with the tracking number as a Code 128 barcode (encoded by libzint), the manifest as a PDF, and
// tracking numbers with the courier's check digit (../shared/reference/tracking-numbers).
namespace pb::test::carrierdocs {

struct LabelContent {
  QString carrierName; // e.g. "UPS"
  QString serviceName; // e.g. "UPS Ground"
  QString trackingNumber;
  QStringList shipFrom; // address lines
  QStringList shipTo;
  QString reference; // label_messages.reference1
  QString weight;    // e.g. "1.2 lb"
  QString labelId;
};

// Code 128 bars in module units (quiet zones included in width), as libzint lays the symbol out.
struct Bars {
  double width = 0;
  QList<QRectF> bars;
};
Bars code128(const QString &data);

QByteArray labelZpl(const LabelContent &label);
QByteArray labelPdf(const LabelContent &label);
QByteArray labelPng(const LabelContent &label); // the ZPL rasterised at 203 dpi (zplraster.h)

// A letter-size manifest listing each parcel (label id, tracking number, service) with a Code 128 of the
// manifest id, several pages when needed.
QByteArray manifestPdf(const QString &manifestId, const QString &carrierName, const QString &shipDate,
                       const QList<QStringList> &rows);

// The mod 10 check digit of the dataset's CHECKSUM_ALGORITHMS.md (letters count as (code − 3) mod 10).
int mod10CheckDigit(const QString &serial, int evensMultiplier, int oddsMultiplier);
// 1Z + shipper (6) + service (2) + package (7) + check digit: the dataset's "UPS" format.
QString upsTrackingNumber(const QString &shipper, const QString &service, qint64 package);
// service (2) + shipper (9) + package (8) + check digit: the dataset's "USPS 20" format.
QString usps20TrackingNumber(const QString &service, const QString &shipper, qint64 package);

} // namespace pb::test::carrierdocs
