// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Slips printed with only the fonts the .deb depends on (packaging/station-fonts.cmake): customers'
// names in the scripts they really write come out whole, and a character no font has is marked on
// the slip and reported, never printed as a blank.
#include "core/documents/slipdata.h"
#include "ui/printing/glyphcoverage.h"
#include "ui/printing/sliprenderer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace pb::printing;
using namespace Qt::StringLiterals;

namespace {

QString g_fontSetup; // what went wrong setting the fonts up, reported by initTestCase

// A fontconfig file that knows only the font files of `packages` (dpkg -L): the package's fonts, nothing else.
QString writeFontsConf(const QString &dir, const QStringList &packages)
{
  QSet<QString> fontDirs;
  for (const QString &package : packages) {
    QProcess dpkg;
    dpkg.start(u"dpkg"_s, {u"-L"_s, package});
    if (!dpkg.waitForFinished(30'000) || dpkg.exitCode() != 0) {
      g_fontSetup = u"%1 is not installed (scripts/install-deps.sh installs it)"_s.arg(package);
      return {};
    }
    for (const QString &file : QString::fromUtf8(dpkg.readAllStandardOutput()).split(u'\n')) {
      if (file.endsWith(u".ttf"_s) || file.endsWith(u".ttc"_s) || file.endsWith(u".otf"_s))
        fontDirs.insert(QFileInfo(file).canonicalPath());
    }
  }
  QString conf = u"<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"_s;
  for (const QString &fontDir : fontDirs)
    conf += u"  <dir>%1</dir>\n"_s.arg(fontDir);
  conf += u"  <cachedir>%1/cache</cachedir>\n</fontconfig>\n"_s.arg(dir);
  QFile file(dir + u"/fonts.conf"_s);
  if (!file.open(QIODevice::WriteOnly) || file.write(conf.toUtf8()) < 0) {
    g_fontSetup = u"cannot write %1"_s.arg(file.fileName());
    return {};
  }
  return file.fileName();
}

QString run(const QString &program, const QStringList &args)
{
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60'000) || p.exitCode() != 0)
    return u"<%1 failed>"_s.arg(program);
  return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class SlipFontsTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  int m_files = 0;

  QString pdfText(const QByteArray &pdf)
  {
    const QString path = m_dir.filePath(u"slip%1.pdf"_s.arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
      return {};
    file.close();
    return run(u"pdftotext"_s, {u"-layout"_s, path, u"-"_s});
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY2(g_fontSetup.isEmpty(), qPrintable(g_fontSetup));
    const QStringList families = QFontDatabase::families();
    QVERIFY2(families.contains(u"Liberation Sans"_s), qPrintable(families.join(u", "_s)));
    // Only the package's fonts: a font that came with something else would hide a missing dependency.
    QVERIFY2(!families.contains(u"Nimbus Sans"_s), qPrintable(families.join(u", "_s)));
  }

  void customerNames_printWhole_data()
  {
    QTest::addColumn<QString>("name");
    QTest::newRow("Chinese") << u"王小明"_s;
    QTest::newRow("Chinese traditional") << u"陳美麗"_s;
    QTest::newRow("Japanese") << u"山田 さくら (ヤマダ)"_s;
    QTest::newRow("Korean") << u"김민준"_s;
    QTest::newRow("Cyrillic") << u"Мария Иванова"_s;
    QTest::newRow("Greek") << u"Ελένη Παπαδοπούλου"_s;
    QTest::newRow("Vietnamese") << u"Nguyễn Thị Hồng"_s;
    QTest::newRow("Arabic") << u"ليلى"_s;
    QTest::newRow("Hebrew") << u"דוד לוי"_s;
  }

  void customerNames_printWhole()
  {
    QFETCH(QString, name);
    documents::SlipData slip = documents::sampleSlip(3);
    slip.shippingAddress[u"name"_s] = name;
    slip.lines[1].title = name + u" gift set"_s;
    SlipRenderInfo info;
    auto pdf = SlipRenderer(SlipPaper::Letter).renderPdf(slip, &info);
    QVERIFY(pdf.ok());
    QVERIFY2(info.missingCharacters.isEmpty(), qPrintable(codePointList(info.missingCharacters)));
    const QString text = pdfText(pdf.value());
    QVERIFY(!text.contains(u"cannot be printed"_s));
    // Right-to-left names come out of pdftotext in visual order: look for each letter.
    for (const QChar c : name) {
      if (!c.isSpace() && c != u'(' && c != u')')
        QVERIFY2(text.contains(c), qPrintable(u"%1 lost from: %2"_s.arg(c, text)));
    }
  }

  void characterNoFontHas_isMarkedAndNamed_notLeftBlank()
  {
    const QString linearA = QString::fromUcs4(U"\U00010600", 1); // no Debian font we depend on has Linear A
    documents::SlipData slip = documents::sampleSlip(2);
    slip.shippingAddress[u"name"_s] = u"Ana %1 Lee"_s.arg(linearA);
    SlipRenderInfo info;
    auto pdf = SlipRenderer(SlipPaper::Letter).renderPdf(slip, &info);
    QVERIFY(pdf.ok());
    QCOMPARE(info.missingCharacters, QList<char32_t>{0x10600});
    const QString text = pdfText(pdf.value());
    QVERIFY2(text.contains(u"cannot be printed"_s) && text.contains(u"U+10600"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Ana ? Lee"_s), qPrintable(text));
    QVERIFY(text.contains(slip.orderName)); // the rest of the slip is all there
    for (const documents::SlipLine &line : slip.lines)
      QVERIFY2(text.contains(line.sku), qPrintable(line.sku));
  }

  void missingGlyphs_countsOnlyWhatWouldBeLost()
  {
    const QFont font(u"Liberation Sans"_s, 9);
    QVERIFY(missingGlyphs(u"Plain text, 123 €"_s, font).isEmpty());
    QVERIFY(missingGlyphs(u"王小明 김민준"_s, font).isEmpty()); // found through font fallback
    // Spaces and format characters (zero-width joiner, soft hyphen) draw nothing by design.
    QVERIFY(missingGlyphs(u"a\u200Db\u00ADc\u2009d\u00A0e"_s, font).isEmpty());
    const QString twice = QString::fromUcs4(U"\U00010600x\U00010601\U00010600", 4);
    QCOMPARE(missingGlyphs(twice, font), (QList<char32_t>{0x10600, 0x10601}));
    QCOMPARE(codePointList({0x10600, 0x5c71}), u"U+10600 U+5C71"_s);
  }
};

int main(int argc, char *argv[])
{
  // Before the font database starts: this process sees the package's fonts only.
  QTemporaryDir fonts;
  const QString conf = writeFontsConf(
      fonts.path(), qEnvironmentVariable("PACKBENCH_STATION_FONT_PACKAGES").split(u',', Qt::SkipEmptyParts));
  if (!conf.isEmpty())
    qputenv("FONTCONFIG_FILE", QFile::encodeName(conf));
  QGuiApplication app(argc, argv);
  SlipFontsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "slip_fonts_test.moc"
