// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/pinhash.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QStringList>

namespace pb::packing {

QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations, int length)
{
  QMessageAuthenticationCode mac(QCryptographicHash::Sha256, password);
  QByteArray derived;
  for (quint32 block = 1; derived.size() < length; ++block) {
    QByteArray counter(4, '\0');
    counter[0] = static_cast<char>((block >> 24) & 0xff);
    counter[1] = static_cast<char>((block >> 16) & 0xff);
    counter[2] = static_cast<char>((block >> 8) & 0xff);
    counter[3] = static_cast<char>(block & 0xff);
    mac.reset();
    mac.addData(salt);
    mac.addData(counter);
    QByteArray u = mac.result();
    QByteArray t = u;
    for (int i = 1; i < iterations; ++i) {
      mac.reset();
      mac.addData(u);
      u = mac.result();
      for (qsizetype j = 0; j < t.size(); ++j)
        t[j] = static_cast<char>(t.at(j) ^ u.at(j));
    }
    derived += t;
  }
  return derived.first(length);
}

QString hashPin(const QString &pin, int iterations)
{
  QByteArray salt(16, '\0');
  QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), salt.size() / 4);
  const QByteArray hash = pbkdf2Sha256(pin.toUtf8(), salt, iterations);
  return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
      .arg(iterations)
      .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
}

bool verifyPin(const QString &pin, const QString &storedHash)
{
  const QStringList parts = storedHash.split(u'$');
  if (parts.size() != 4 || parts.at(0) != u"pbkdf2-sha256" || pin.isEmpty())
    return false;
  bool ok = false;
  const int iterations = parts.at(1).toInt(&ok);
  if (!ok || iterations < 1 || iterations > 10'000'000)
    return false;
  const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
  const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
  if (salt.isEmpty() || expected.isEmpty())
    return false;
  const QByteArray actual = pbkdf2Sha256(pin.toUtf8(), salt, iterations, static_cast<int>(expected.size()));
  char difference = 0;
  for (qsizetype i = 0; i < expected.size(); ++i)
    difference = static_cast<char>(difference | (actual.at(i) ^ expected.at(i)));
  return difference == 0;
}

} // namespace pb::packing
