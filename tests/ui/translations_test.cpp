// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded .qm catalogues answer tr() under the contexts the widgets really use.
#include "core/station/stationcontroller.h"
#include "ui/signinview.h"
#include "ui/stationwindow.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace pb;

class TranslationsTest final : public QObject {
  Q_OBJECT

private slots:
  void german_translatesWidgetStringsUnderTheirNamespacedContext_data()
  {
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sign-in") << QByteArray(ui::SignInView::staticMetaObject.className())
                             << QStringLiteral("Scan your badge, then type your PIN")
                             << QStringLiteral("Ausweis scannen, dann PIN eingeben");
    // core/station is in the catalogue too: the controller says what the station shows.
    QTest::newRow("controller") << QByteArray(station::StationController::staticMetaObject.className())
                                << QStringLiteral("No order open") << QStringLiteral("Keine Bestellung offen");
    QTest::newRow("station") << QByteArray(ui::StationWindow::staticMetaObject.className())
                             << QStringLiteral("Take &next order") << QStringLiteral("&Nächste Bestellung nehmen");
    QTest::newRow("printing") << QByteArray("pb::printing::SystemPrinter") << QStringLiteral("Packing slip %1")
                              << QStringLiteral("Lieferschein %1");
  }

  void german_translatesWidgetStringsUnderTheirNamespacedContext()
  {
    QFETCH(QByteArray, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n/packbench_de")));
    QCOMPARE(german.translate(context.constData(), source.toUtf8().constData()), expected);
  }

  void english_pluralsPickTheRightForm()
  {
    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/packbench_en")));
    QVERIFY(QCoreApplication::installTranslator(&english));
    const char *context = ui::StationWindow::staticMetaObject.className();
    QCOMPARE(QCoreApplication::translate(context, "%n order(s) waiting at %1", nullptr, 1).arg(QStringLiteral("A")),
             QStringLiteral("1 order waiting at A"));
    QCOMPARE(QCoreApplication::translate(context, "%n order(s) waiting at %1", nullptr, 3).arg(QStringLiteral("A")),
             QStringLiteral("3 orders waiting at A"));
    QCoreApplication::removeTranslator(&english);
  }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "translations_test.moc"
