// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs Shopify's liquid-spec conformance cases (tests/data/liquid-spec) against our engine.
#include "core/documents/liquid/template.h"
#include "core/documents/liquid/value.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace pb::documents::liquid;
using namespace Qt::StringLiterals;

namespace {

// Raise this when the engine improves; the test fails if fewer cases pass.
constexpr int kPassFloor = 497;

struct Outcome {
  bool pass = false;
  QString detail;
};

Outcome runCase(const QJsonObject &spec)
{
  const QString source = spec.value(u"template"_s).toString();
  const QVariantMap env = normalize(spec.value(u"environment"_s).toObject().toVariantMap()).toMap();
  RenderOptions options;
  options.now = QDateTime(QDate(2024, 1, 1), QTime(0, 1, 58), Qt::UTC);
  options.inlineErrors = spec.value(u"render_errors"_s).toBool();
  const QJsonObject errors = spec.value(u"errors"_s).toObject();
  auto parsed = Template::parse(source);
  if (errors.contains(u"parse_error"_s)) {
    if (parsed)
      return {false, u"expected a parse error"_s};
    for (const QJsonValue &part : errors.value(u"parse_error"_s).toArray())
      if (!parsed.error().message.contains(part.toString(), Qt::CaseInsensitive))
        return {false, u"parse error lacks '%1': %2"_s.arg(part.toString(), parsed.error().message)};
    return {true, {}};
  }
  if (!parsed)
    return {false, u"parse error: "_s + parsed.error().message};
  auto rendered = parsed.value().render(env, options);
  if (!rendered)
    return {false, u"render error: "_s + rendered.error().message};
  const QString out = rendered.value();
  if (errors.contains(u"output"_s)) {
    for (const QJsonValue &part : errors.value(u"output"_s).toArray())
      if (!out.contains(part.toString(), Qt::CaseInsensitive))
        return {false, u"output lacks '%1': %2"_s.arg(part.toString(), out)};
    return {true, {}};
  }
  if (spec.contains(u"expected_pattern"_s)) {
    const QRegularExpression re(spec.value(u"expected_pattern"_s).toString());
    return {re.match(out).hasMatch(), u"got '%1'"_s.arg(out)};
  }
  const QString expected = spec.value(u"expected"_s).toString();
  return {out == expected, u"expected '%1' got '%2'"_s.arg(expected, out)};
}

// name → reason, from unsupported.txt ("name  # reason").
QHash<QString, QString> unsupportedCases()
{
  QHash<QString, QString> cases;
  QFile file(QStringLiteral(PACKBENCH_LIQUID_SPEC_DIR "/../liquid-spec-unsupported.txt"));
  if (!file.open(QIODevice::ReadOnly))
    return cases;
  for (const QByteArray &raw : file.readAll().split('\n')) {
    const QString line = QString::fromUtf8(raw).trimmed();
    if (line.isEmpty() || line.startsWith(u'#'))
      continue;
    const qsizetype hash = line.indexOf(u'#');
    cases.insert(line.left(hash).trimmed(), hash < 0 ? QString() : line.mid(hash + 1).trimmed());
  }
  return cases;
}

} // namespace

class LiquidSpecTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void spec_passCountHoldsTheFloor()
  {
    const QDir dir(QStringLiteral(PACKBENCH_LIQUID_SPEC_DIR));
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), "no liquid-spec files found");
    const QHash<QString, QString> unsupported = unsupportedCases();
    int total = 0;
    int passed = 0;
    QStringList unexpected;
    for (const QString &name : files) {
      QFile file(dir.filePath(name));
      QVERIFY(file.open(QIODevice::ReadOnly));
      const QJsonArray specs = QJsonDocument::fromJson(file.readAll()).object().value(u"specs"_s).toArray();
      for (const QJsonValue &value : specs) {
        const QJsonObject spec = value.toObject();
        const QString caseName = spec.value(u"name"_s).toString();
        ++total;
        const Outcome outcome = runCase(spec);
        if (outcome.pass)
          ++passed;
        else if (!unsupported.contains(caseName))
          unexpected.append(u"%1/%2: %3"_s.arg(name, caseName, outcome.detail));
      }
    }
    qInfo("liquid-spec: %d of %d cases pass (%d listed as deliberately unsupported)", passed, total,
          static_cast<int>(unsupported.size()));
    for (const QString &line : std::as_const(unexpected))
      qWarning("%s", qPrintable(line));
    QCOMPARE(total, 503);
    QVERIFY2(passed >= kPassFloor, qPrintable(u"pass count %1 fell below the floor %2"_s.arg(passed).arg(kPassFloor)));
    QVERIFY2(unexpected.isEmpty(),
             qPrintable(u"%1 failing cases are not listed as unsupported"_s.arg(unexpected.size())));
  }
};

QTEST_GUILESS_MAIN(LiquidSpecTest)
#include "liquid_spec_test.moc"
