// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/digest.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>

using namespace pb;

class DigestTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void sha256_matchesTheStandardVectors()
  {
    // FIPS 180-2, appendix B.1, and the empty message.
    QCOMPARE(digest::sha256("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(digest::sha256("").toHex(),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  void hmacSha256_matchesRfc4231()
  {
    // RFC 4231, test case 2 (a key shorter than the block) and case 6 (a key longer than the block).
    QCOMPARE(digest::hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    // An empty key is a key of zeros (RFC 2104), as Qt has it.
    QCOMPARE(digest::hmacSha256("", "body"), QMessageAuthenticationCode::hash("body", "", QCryptographicHash::Sha256));
    const QByteArray longKey(131, '\xaa');
    QCOMPARE(digest::hmacSha256(longKey, "Test Using Larger Than Block-Size Key - Hash Key First").toHex(),
             QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
  }

  void bothAgreeWithQtOnRandomInput()
  {
    QRandomGenerator random(20261204);
    for (int round = 0; round < 50; ++round) {
      QByteArray key(static_cast<int>(random.bounded(1, 200)), Qt::Uninitialized);
      QByteArray body(static_cast<int>(random.bounded(0, 5000)), Qt::Uninitialized);
      for (char &c : key)
        c = static_cast<char>(random.bounded(256));
      for (char &c : body)
        c = static_cast<char>(random.bounded(256));
      QCOMPARE(digest::sha256(body), QCryptographicHash::hash(body, QCryptographicHash::Sha256));
      QCOMPARE(digest::hmacSha256(key, body), QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256));
    }
  }

  void equalInConstantTime_comparesWholeStrings()
  {
    QVERIFY(digest::equalInConstantTime("abc", "abc"));
    QVERIFY(digest::equalInConstantTime("", ""));
    QVERIFY(!digest::equalInConstantTime("abc", "abd"));
    QVERIFY(!digest::equalInConstantTime("xbc", "abc"));
    QVERIFY(!digest::equalInConstantTime("abc", "ab"));
    QVERIFY(!digest::equalInConstantTime(QByteArray("a\0c", 3), QByteArray("a\0d", 3)));
  }
};

QTEST_GUILESS_MAIN(DigestTest)
#include "digest_test.moc"
