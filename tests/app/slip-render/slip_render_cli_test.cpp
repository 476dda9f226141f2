// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-slip-render run as a merchant would to try a slip template before it goes live: what the PDF and PNG
// hold (read back with poppler), what it says when the template or the arguments are wrong, and that a failed run
// leaves no file behind.
#include "tests/support/pdftools.h"
#include "tests/support/programrun.h"

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class SlipRenderCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  test::ProgramRun render(const QStringList &args)
  {
    return test::runProgram(QStringLiteral(PACKBENCH_SLIP_RENDER_BINARY), args, m_dir.path());
  }

  QString path(const QString &name) const { return m_dir.filePath(name); }

  QString templateFile(const QString &name, const QByteArray &liquid) const
  {
    return test::writeFile(path(name), liquid);
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void builtInSlip_onLetter_holdsTheSampleOrder()
  {
    const test::ProgramRun r = render({path(u"letter.pdf"_s)});
    QVERIFY2(r.exitCode == 0, qPrintable(test::describe(r)));
    QCOMPARE(r.out.trimmed(), u"1 page(s)"_s);
    QCOMPARE(test::pdfPageCount(path(u"letter.pdf"_s)), 1);
    const QString text = test::pdfText(path(u"letter.pdf"_s));
    QVERIFY2(text.contains(u"Northwind Outfitters"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Trailhead 28L Daypack"_s), qPrintable(text));
    QVERIFY2(text.contains(u"#1002"_s), qPrintable(text));
  }

  void longOrder_on4x6_runsOverPages_ofThermalSize()
  {
    const test::ProgramRun r = render({u"--paper"_s, u"4x6"_s, u"--lines"_s, u"40"_s, path(u"thermal.pdf"_s)});
    QVERIFY2(r.exitCode == 0, qPrintable(test::describe(r)));
    const int pages = test::pdfPageCount(path(u"thermal.pdf"_s));
    QVERIFY2(pages > 1, qPrintable(r.out));
    QCOMPARE(r.out.trimmed(), u"%1 page(s)"_s.arg(pages));
    QVERIFY(test::runTool(u"pdfinfo"_s, {path(u"thermal.pdf"_s)}).contains(u"288 x 432 pts"_s));
    QVERIFY(test::pdfText(path(u"thermal.pdf"_s), pages).contains(u"Page %1 of %1"_s.arg(pages)));
  }

  void onePage_asPng_atTheAskedResolution()
  {
    const test::ProgramRun r = render({u"--png-page"_s, u"1"_s, u"--dpi"_s, u"50"_s, path(u"page.png"_s)});
    QVERIFY2(r.exitCode == 0, qPrintable(test::describe(r)));
    const QImage page(path(u"page.png"_s));
    QCOMPARE(page.size(), QSize(425, 550)); // US Letter, 8.5 × 11 in

    const test::ProgramRun beyond = render({u"--png-page"_s, u"3"_s, path(u"beyond.png"_s)});
    QCOMPARE(beyond.exitCode, 1);
    QVERIFY2(beyond.err.contains(u"the slip has 1 page(s); there is no page 3"_s), qPrintable(beyond.err));
    QVERIFY(!QFile::exists(path(u"beyond.png"_s)));
  }

  void customTemplate_isWhatPrints()
  {
    const QString liquid = templateFile(u"mine.liquid"_s, "<h1>Packed with care by {{ shop.name }}</h1>"
                                                          "{% for line in line_items_in_shipment %}"
                                                          "<p>{{ line.quantity }} x {{ line.title }}</p>{% endfor %}");
    const test::ProgramRun r = render({u"--template"_s, liquid, path(u"mine.pdf"_s)});
    QVERIFY2(r.exitCode == 0, qPrintable(test::describe(r)));
    QVERIFY2(r.err.isEmpty() || !r.err.contains(u"packbench-slip-render:"_s), qPrintable(r.err));
    const QString text = test::pdfText(path(u"mine.pdf"_s));
    QVERIFY2(text.contains(u"Packed with care by Northwind Outfitters"_s), qPrintable(text));
    QVERIFY2(text.contains(u"x Trailhead 28L Daypack"_s), qPrintable(text));
  }

  // The station would print the built-in slip with a note at its top; the tool shows that PDF and says why.
  void brokenTemplate_saysWhere_exits1_andShowsTheBuiltInSlip()
  {
    const QString liquid = templateFile(u"broken.liquid"_s, "Hello {{ order.name }} {% if %}");
    const test::ProgramRun r = render({u"--template"_s, liquid, path(u"broken.pdf"_s)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"custom template not used: line 1, column "_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"This is the built-in slip the station prints instead"_s), qPrintable(r.err));
    const QString text = test::pdfText(path(u"broken.pdf"_s));
    QVERIFY2(text.contains(u"Custom slip template not used"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Trailhead 28L Daypack"_s), qPrintable(text));
  }

  void sideFiles_forTemplateAuthors()
  {
    const test::ProgramRun r = render({u"--dump-json"_s, path(u"vars.json"_s), u"--dump-html"_s, path(u"slip.html"_s),
                                       u"--dump-barcode"_s, path(u"order.png"_s), path(u"with-dumps.pdf"_s)});
    QVERIFY2(r.exitCode == 0, qPrintable(test::describe(r)));
    QFile json(path(u"vars.json"_s));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject vars = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(vars.value(u"order"_s).toObject().value(u"name"_s).toString(), u"#1002"_s);
    QFile html(path(u"slip.html"_s));
    QVERIFY(html.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(html.readAll()).contains(u"Northwind Outfitters"_s));
    const QImage barcode(path(u"order.png"_s));
    QVERIFY(!barcode.isNull());
    QVERIFY(barcode.width() > barcode.height()); // a linear Code 128
  }

  void wrongArguments_exit2_andWriteNothing_data()
  {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("paper") << QStringList{u"--paper"_s, u"a5"_s} << u"--paper is a4, letter or 4x6, not \"a5\""_s;
    QTest::newRow("lines") << QStringList{u"--lines"_s, u"0"_s} << u"--lines takes 1 to 1000"_s;
    QTest::newRow("dpi") << QStringList{u"--dpi"_s, u"high"_s} << u"--dpi 36 to 600"_s;
  }

  void wrongArguments_exit2_andWriteNothing()
  {
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    const test::ProgramRun r = render(args << path(u"wrong.pdf"_s));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    QVERIFY(!QFile::exists(path(u"wrong.pdf"_s)));
  }

  void noOutputNamed_exit2()
  {
    const test::ProgramRun r = render({});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"name one output file"_s), qPrintable(r.err));
  }

  void unreadableTemplate_orUnwritableOutput_exit1_andSayWhich()
  {
    const test::ProgramRun missing = render({u"--template"_s, path(u"nope.liquid"_s), path(u"nope.pdf"_s)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(u"cannot read %1"_s.arg(path(u"nope.liquid"_s))), qPrintable(missing.err));
    QVERIFY(!QFile::exists(path(u"nope.pdf"_s)));

    const QString nowhere = path(u"no-such-folder/slip.pdf"_s);
    const test::ProgramRun unwritable = render({nowhere});
    QCOMPARE(unwritable.exitCode, 1);
    QVERIFY2(unwritable.err.contains(u"cannot write %1"_s.arg(nowhere)), qPrintable(unwritable.err));

    const QString nowherePng = path(u"no-such-folder/page.png"_s);
    const test::ProgramRun unwritablePng = render({u"--png-page"_s, u"1"_s, nowherePng});
    QCOMPARE(unwritablePng.exitCode, 1);
    QVERIFY2(unwritablePng.err.contains(u"cannot write %1"_s.arg(nowherePng)), qPrintable(unwritablePng.err));
  }
};

QTEST_GUILESS_MAIN(SlipRenderCliTest)
#include "slip_render_cli_test.moc"
