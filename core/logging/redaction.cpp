// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging/redaction.h"

#include <QRegularExpression>

namespace pb::logging {

QString redact(const QString &message)
{
  static const QRegularExpression email(QStringLiteral(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"));
  // International (+…) and North-American punctuated forms; bare digit runs are barcodes, not phones.
  static const QRegularExpression phone(
      QStringLiteral(R"(\+\d[\d ().-]{6,}\d|\(\d{3}\) ?\d{3}[-. ]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b)"));
  if (!message.contains(QLatin1Char('@')) && !message.contains(QLatin1Char('+')) &&
      !message.contains(QLatin1Char('-')) && !message.contains(QLatin1Char('.')) && !message.contains(QLatin1Char('(')))
    return message; // fast path for the common case
  QString out = message;
  out.replace(email, QStringLiteral("<email>"));
  out.replace(phone, QStringLiteral("<phone>"));
  return out;
}

} // namespace pb::logging
