// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/trackingnumber.h"

#include "core/carriers/trackingchecksum.h"
#include "core/carriers/trackingcompany.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace pb::carriers {

namespace {
Q_LOGGING_CATEGORY(lcTracking, "packbench.core.carriers.trackingnumber")

struct LookupEntry {
  QString matches;                 // exact value, or
  QRegularExpression matchesRegex; // a pattern for the whole value
  QString name;                    // what it means ("UPS United States Ground"; for S10 posts the post's name)
};

struct Lookup {
  QString name;  // "Service Type", "Courier"
  QString group; // the regex group it reads
  QList<LookupEntry> entries;
};

struct Format {
  QString courierCode;
  QString courierName;
  QString id;
  QString name;
  QRegularExpression pattern; // anchored
  TrackingChecksum checksum;
  QRegularExpression prependIf; // serial_number_format.prepend_if
  QString prependContent;
  QList<Lookup> lookups;
  QStringList mustExist; // validation.additional.exists
  QString urlTemplate;
};

QString withoutSpaces(QStringView s)
{
  QString out;
  out.reserve(s.size());
  for (const QChar c : s) {
    if (!c.isSpace())
      out.append(c);
  }
  return out;
}

QString joinedRegex(const QJsonValue &value)
{
  if (value.isString())
    return value.toString();
  QString joined;
  for (const QJsonValue &part : value.toArray())
    joined += part.toString();
  return joined;
}

const LookupEntry *findEntry(const Lookup &lookup, const QString &value)
{
  for (const LookupEntry &entry : lookup.entries) {
    if (!entry.matches.isEmpty() ? entry.matches == value : entry.matchesRegex.match(value).hasMatch())
      return &entry;
  }
  return nullptr;
}

Result<Lookup> parseLookup(const QJsonObject &json)
{
  Lookup lookup{json.value(u"name").toString(), json.value(u"regex_group_name").toString(), {}};
  for (const QJsonValue &value : json.value(u"lookup").toArray()) {
    const QJsonObject item = value.toObject();
    LookupEntry entry;
    entry.matches = item.value(u"matches").toString();
    if (entry.matches.isEmpty()) {
      entry.matchesRegex =
          QRegularExpression(QRegularExpression::anchoredPattern(item.value(u"matches_regex").toString()));
      if (!entry.matchesRegex.isValid() || entry.matchesRegex.pattern().isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("bad lookup in %1").arg(lookup.name));
    }
    // S10 posts name the operator under "courier"; every other lookup under "name".
    entry.name = item.contains(u"courier") ? item.value(u"courier").toString() : item.value(u"name").toString();
    lookup.entries.append(std::move(entry));
  }
  return lookup;
}

Result<Format> parseFormat(const QJsonObject &courier, const QJsonObject &json)
{
  Format format;
  format.courierCode = courier.value(u"courier_code").toString();
  format.courierName = courier.value(u"name").toString();
  format.name = json.value(u"name").toString();
  format.id = json.value(u"id").toString(format.name);
  format.pattern = QRegularExpression(QRegularExpression::anchoredPattern(joinedRegex(json.value(u"regex"))));
  if (!format.pattern.isValid())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("%1: bad regex (%2)").arg(format.name, format.pattern.errorString()));
  format.pattern.optimize();
  const QJsonObject validation = json.value(u"validation").toObject();
  format.checksum = TrackingChecksum::fromJson(validation.value(u"checksum").toObject());
  if (!format.checksum.isKnown())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("%1: unknown checksum %2").arg(format.name, format.checksum.name));
  const QJsonObject prepend = validation.value(u"serial_number_format").toObject().value(u"prepend_if").toObject();
  if (!prepend.isEmpty()) {
    format.prependIf = QRegularExpression(prepend.value(u"matches_regex").toString());
    format.prependContent = prepend.value(u"content").toString();
    if (!format.prependIf.isValid())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("%1: bad prepend_if").arg(format.name));
  }
  for (const QJsonValue &name : validation.value(u"additional").toObject().value(u"exists").toArray())
    format.mustExist.append(name.toString());
  for (const QJsonValue &value : json.value(u"additional").toArray()) {
    auto lookup = parseLookup(value.toObject());
    if (!lookup)
      return makeError(ErrorKind::InvalidInput, format.name + QStringLiteral(": ") + lookup.error().message);
    format.lookups.append(std::move(*lookup));
  }
  format.urlTemplate = json.value(u"tracking_url").toString();
  return format;
}

bool onlyZeros(QStringView serial)
{
  return std::all_of(serial.begin(), serial.end(), [](QChar c) { return c == u'0'; });
}

} // namespace

struct TrackingNumberRecognizer::Data {
  QList<Format> formats;
  QHash<QString, QString> urlTemplates; // company → template
};

TrackingNumberRecognizer::TrackingNumberRecognizer(std::shared_ptr<const Data> data)
    : m_data(std::move(data))
{}

Result<TrackingNumberRecognizer> TrackingNumberRecognizer::load(const QStringList &jsonFiles)
{
  auto data = std::make_shared<Data>();
  for (const QString &path : jsonFiles) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
      return makeError(ErrorKind::NotFound, QStringLiteral("cannot read %1").arg(path));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("%1: %2").arg(path, parseError.errorString()));
    const QJsonObject courier = doc.object();
    for (const QJsonValue &value : courier.value(u"tracking_numbers").toArray()) {
      auto format = parseFormat(courier, value.toObject());
      if (!format)
        return makeError(ErrorKind::InvalidInput, QStringLiteral("%1: %2").arg(path, format.error().message));
      if (!format->urlTemplate.isEmpty())
        data->urlTemplates.insert(
            shopifyTrackingCompany(format->courierCode, format->id, QString(), format->courierName),
            format->urlTemplate);
      data->formats.append(std::move(*format));
    }
  }
  return TrackingNumberRecognizer(std::move(data));
}

const TrackingNumberRecognizer &TrackingNumberRecognizer::builtIn()
{
  static const TrackingNumberRecognizer recognizer = [] {
    QStringList files;
    const QDir dir(QStringLiteral(":/tracking-numbers"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
      files.append(dir.filePath(name));
    auto loaded = load(files);
    if (!loaded) { // a build defect: nothing will be recognised, and the tests say so
      qCCritical(lcTracking).noquote() << "tracking-number dataset not loaded:" << loaded.error().message;
      return TrackingNumberRecognizer(std::make_shared<Data>());
    }
    if (files.isEmpty())
      qCCritical(lcTracking) << "no tracking-number dataset embedded";
    return std::move(*loaded);
  }();
  return recognizer;
}

QString TrackingNumberRecognizer::normalise(QStringView scanned)
{
  QString out;
  out.reserve(scanned.size());
  for (const QChar c : scanned) {
    if (!c.isSpace() && c != QChar(0x1D))
      out.append(c.toUpper());
  }
  return out;
}

qsizetype TrackingNumberRecognizer::formatCount() const
{
  return m_data->formats.size();
}

QHash<QString, QString> TrackingNumberRecognizer::urlTemplates() const
{
  return m_data->urlTemplates;
}

QString TrackingNumberRecognizer::trackingUrl(const QString &company, const QString &number) const
{
  const QString url = m_data->urlTemplates.value(company);
  return url.isEmpty() ? QString() : QString(url).replace(QLatin1String("%s"), number);
}

QList<TrackingNumber> TrackingNumberRecognizer::recognise(QStringView scanned) const
{
  QList<TrackingNumber> verified;
  QList<TrackingNumber> patternOnly;
  const QString text = normalise(scanned);
  if (text.isEmpty() || text.size() > kMaxLength)
    return {};
  for (const Format &format : m_data->formats) {
    const QRegularExpressionMatch match = format.pattern.match(text);
    if (!match.hasMatch())
      continue;
    QString serial = withoutSpaces(match.capturedView(u"SerialNumber"));
    if (!format.prependContent.isEmpty() && format.prependIf.match(serial).hasMatch())
      serial.prepend(format.prependContent);
    if (!format.checksum.isEmpty()) {
      if (onlyZeros(serial) || !format.checksum.verify(serial, withoutSpaces(match.capturedView(u"CheckDigit"))))
        continue;
    }
    TrackingNumber found;
    found.courierCode = format.courierCode;
    found.courierName = format.courierName;
    QString postalCountry;
    for (const Lookup &lookup : format.lookups) {
      const QString value = withoutSpaces(match.capturedView(lookup.group));
      const LookupEntry *entry = findEntry(lookup, value);
      if (!entry)
        continue;
      found.details.insert(lookup.name, entry->name);
      if (format.courierCode == u"s10" && lookup.group == u"CountryCode") {
        postalCountry = value;
        found.courierName = entry->name;
      }
    }
    const auto missing = [&](const QString &name) { return !found.details.contains(name); };
    if (std::any_of(format.mustExist.begin(), format.mustExist.end(), missing))
      continue; // an S10 number from a country no post has
    // A USPS routing prefix (420 + ZIP) sorts mail; the tracking number starts at the serial.
    const qsizetype start =
        match.capturedLength(u"RoutingApplicationId") > 0 ? match.capturedStart(u"SerialNumber") : 0;
    found.number = text.sliced(start);
    found.formatId = format.id;
    found.formatName = format.name;
    found.company = shopifyTrackingCompany(format.courierCode, format.id, postalCountry, found.courierName);
    found.url = trackingUrl(found.company, found.number);
    found.checkDigitVerified = !format.checksum.isEmpty();
    (found.checkDigitVerified ? verified : patternOnly).append(std::move(found));
  }
  return verified + patternOnly;
}

bool shippingMethodNames(QStringView shippingMethod, const TrackingNumber &reading)
{
  // An empty name is in every text: a reading without a company or courier name is named by none.
  const auto names = [&](const QString &name) {
    return !name.isEmpty() && shippingMethod.contains(name, Qt::CaseInsensitive);
  };
  return names(reading.company) || names(reading.courierName);
}

std::optional<TrackingNumber> TrackingNumberRecognizer::recogniseBest(QStringView scanned,
                                                                      QStringView shippingMethod) const
{
  const QList<TrackingNumber> all = recognise(scanned);
  if (all.isEmpty())
    return std::nullopt;
  if (!shippingMethod.isEmpty()) {
    for (const TrackingNumber &candidate : all) {
      if (candidate.checkDigitVerified != all.first().checkDigitVerified)
        break;
      if (shippingMethodNames(shippingMethod, candidate))
        return candidate;
    }
  }
  return all.first();
}

} // namespace pb::carriers
