// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/zpl.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pb::documents {

QByteArray zplFieldText(const QString &text)
{
  QByteArray out;
  const QByteArray utf8 = text.toUtf8();
  out.reserve(utf8.size());
  for (const char c : utf8) {
    switch (c) {
    case '^': out += "_5E"; break;
    case '~': out += "_7E"; break;
    case '_': out += "_5F"; break;
    case '\n':
    case '\r': out += ' '; break;
    default: out += c;
    }
  }
  return out;
}

namespace {

QByteArray field(int x, int y, const char *font, const QString &text)
{
  return "^FO" + QByteArray::number(x) + ',' + QByteArray::number(y) + font + "^FH^FD" + zplFieldText(text) + "^FS\n";
}

} // namespace

QByteArray houseLabelZpl(const SlipData &slip, int box, int boxes)
{
  const QJsonObject &to = slip.shippingAddress;
  QStringList toLines;
  toLines << to.value(u"name"_s).toString() << to.value(u"company"_s).toString() << to.value(u"address1"_s).toString()
          << to.value(u"address2"_s).toString()
          << QString(to.value(u"city"_s).toString() + u' ' + to.value(u"province_code"_s).toString() + u' ' +
                     to.value(u"zip"_s).toString())
                 .simplified()
          << to.value(u"country_code"_s).toString();
  toLines.removeAll(QString());

  QByteArray zpl = "^XA\n^CI28\n^PW812\n^LL1218\n^LH0,0\n";
  zpl += field(40, 40, "^A0N,28,28", u"FROM: "_s + slip.shopName);
  zpl += field(40, 76, "^A0N,24,24", slip.locationName);
  zpl += "^FO40,120^GB732,4,4^FS\n";
  zpl += field(40, 150, "^A0N,30,30", u"SHIP TO:"_s);
  int y = 196;
  for (qsizetype i = 0; i < toLines.size(); ++i) {
    zpl += field(60, y, i == 0 ? "^A0N,52,52" : "^A0N,44,44", toLines.at(i));
    y += i == 0 ? 64 : 54;
  }
  zpl += "^FO40,640^GB732,4,4^FS\n";
  zpl += field(40, 670, "^A0N,30,30", slip.shippingMethod.isEmpty() ? u"House delivery"_s : slip.shippingMethod);
  zpl += field(40, 720, "^A0N,110,110", slip.orderName);
  // Code 128 of the order name: ^BY module width 3 dots, ^BC normal orientation, 160 dots tall, no text line.
  zpl += "^FO40,860^BY3^BCN,160,N,N,N^FH^FD" + zplFieldText(slip.orderName) + "^FS\n";
  const int of = std::max(box, boxes);
  const QString items = of == 1 ? u"%1 item(s)"_s.arg(slip.totalItems()) // the order's, not this box's
                                : u"%1 item(s) in %2 boxes"_s.arg(slip.totalItems()).arg(of);
  zpl += field(40, 1060, "^A0N,26,26", items + u" · "_s + slip.locationCode);
  zpl += field(40, 1100, "^A0N,90,90", u"BOX %1 OF %2"_s.arg(box).arg(of));
  zpl += "^XZ\n";
  return zpl;
}

} // namespace pb::documents
