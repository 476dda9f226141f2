// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The date filter: parses what Liquid accepts as a time and formats it with Ruby's strftime.
#include "core/documents/liquid/context.h"
#include "core/documents/liquid/filters.h"
#include "core/documents/liquid/value.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

namespace {

const QStringList &monthNames()
{
  static const QStringList names{u"January"_s,   u"February"_s, u"March"_s,    u"April"_s,
                                 u"May"_s,       u"June"_s,     u"July"_s,     u"August"_s,
                                 u"September"_s, u"October"_s,  u"November"_s, u"December"_s};
  return names;
}

const QStringList &dayNames()
{
  static const QStringList names{u"Sunday"_s,   u"Monday"_s, u"Tuesday"_s, u"Wednesday"_s,
                                 u"Thursday"_s, u"Friday"_s, u"Saturday"_s};
  return names;
}

int offsetSeconds(const QString &zone)
{
  if (zone.isEmpty() || zone == u"Z"_s || zone.compare(u"UTC"_s, Qt::CaseInsensitive) == 0 ||
      zone.compare(u"GMT"_s, Qt::CaseInsensitive) == 0)
    return 0;
  QString digits = zone.mid(1);
  digits.remove(u':');
  const int hours = digits.left(2).toInt();
  const int minutes = digits.mid(2, 2).toInt();
  return (zone.startsWith(u'-') ? -1 : 1) * (hours * 3600 + minutes * 60);
}

// Input as a time, or nullopt when it is not one (the filter then returns the input unchanged).
std::optional<QDateTime> parseTime(Context &ctx, const QVariant &in, bool *utcName)
{
  *utcName = false;
  if (in.metaType().id() == QMetaType::QDateTime)
    return in.toDateTime();
  if (isNumber(in))
    return QDateTime::fromSecsSinceEpoch(toInteger(in).value_or(0), Qt::UTC);
  const QString s = toOutput(in).trimmed();
  if (s.isEmpty())
    return std::nullopt;
  if (s.compare(u"now"_s, Qt::CaseInsensitive) == 0 || s.compare(u"today"_s, Qt::CaseInsensitive) == 0)
    return ctx.now();
  static const QRegularExpression epoch(u"^-?\\d+$"_s);
  if (epoch.match(s).hasMatch())
    return QDateTime::fromSecsSinceEpoch(s.toLongLong(), Qt::UTC);
  static const QRegularExpression iso(
      u"^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?$"_s,
      QRegularExpression::CaseInsensitiveOption);
  static const QRegularExpression ctime(u"^(\\w{3}) (\\w{3})\\s+(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$"_s);
  if (const auto m = iso.match(s); m.hasMatch()) {
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(),
                     m.captured(7).left(3).leftJustified(3, u'0').toInt());
    if (!date.isValid() || !time.isValid())
      return std::nullopt;
    *utcName = !m.captured(8).isEmpty() && !m.captured(8).front().isPunct() && m.captured(8) != u"Z"_s;
    if (m.captured(8).isEmpty())
      *utcName = true;
    return QDateTime(date, time, Qt::OffsetFromUTC, offsetSeconds(m.captured(8)));
  }
  if (const auto m = ctime.match(s); m.hasMatch()) {
    const int month = static_cast<int>(monthNames().indexOf(QRegularExpression(m.captured(2) + u".*"_s))) + 1;
    const QDate date(m.captured(7).toInt(), month, m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
      return std::nullopt;
    *utcName = true;
    return QDateTime(date, time, Qt::UTC);
  }
  return std::nullopt;
}

QString pad(qint64 value, int width, QChar fill)
{
  QString digits = QString::number(std::abs(value));
  digits = digits.rightJustified(width, fill);
  return value < 0 ? u'-' + digits : digits;
}

constexpr int kMaxWidth = 255;

QString formatTime(const QDateTime &t, const QString &format, bool utcName)
{
  const QDate d = t.date();
  const QTime tm = t.time();
  const int offset = t.offsetFromUtc();
  QString out;
  for (qsizetype i = 0; i < format.size(); ++i) {
    const QChar c = format[i];
    if (c != u'%' || i + 1 >= format.size()) {
      out += c;
      continue;
    }
    const qsizetype start = i;
    ++i;
    QChar flag;
    while (i < format.size() && QStringView(u"-_0^#").contains(format[i]))
      flag = format[i++];
    int width = -1;
    // A merchant's "%999999999d" would overflow and pad for ever: widths stop at kMaxWidth.
    while (i < format.size() && format[i].isDigit())
      width = std::min(std::max(width, 0) * 10 + format[i++].digitValue(), kMaxWidth);
    bool colon = false;
    if (i < format.size() && format[i] == u':') {
      colon = true;
      ++i;
    }
    if (i >= format.size()) {
      out += format.mid(start);
      break;
    }
    const QChar conv = format[i];
    auto num = [&](qint64 v, int w, QChar fill) {
      if (flag == u'-')
        return QString::number(v);
      if (flag == u'_')
        fill = u' ';
      else if (flag == u'0')
        fill = u'0';
      return pad(v, width >= 0 ? width : w, fill);
    };
    auto text = [&](QString s) {
      if (flag == u'^' || flag == u'#')
        s = s.toUpper();
      return width > 0 ? s.rightJustified(width, u' ') : s;
    };
    const int hour12 = tm.hour() % 12 == 0 ? 12 : tm.hour() % 12;
    const int wday = d.dayOfWeek() % 7;
    const int yday = d.dayOfYear() - 1;
    int isoYear = 0;
    const int isoWeek = d.weekNumber(&isoYear);
    switch (conv.unicode()) {
    case 'Y': out += num(d.year(), 1, u'0'); break;
    case 'C': out += num(d.year() / 100, 2, u'0'); break;
    case 'y': out += num(d.year() % 100, 2, u'0'); break;
    case 'm': out += num(d.month(), 2, u'0'); break;
    case 'B': out += text(monthNames().at(d.month() - 1)); break;
    case 'b':
    case 'h': out += text(monthNames().at(d.month() - 1).left(3)); break;
    case 'd': out += num(d.day(), 2, u'0'); break;
    case 'e': out += num(d.day(), 2, u' '); break;
    case 'j': out += num(d.dayOfYear(), 3, u'0'); break;
    case 'H': out += num(tm.hour(), 2, u'0'); break;
    case 'k': out += num(tm.hour(), 2, u' '); break;
    case 'I': out += num(hour12, 2, u'0'); break;
    case 'l': out += num(hour12, 2, u' '); break;
    case 'M': out += num(tm.minute(), 2, u'0'); break;
    case 'S': out += num(tm.second(), 2, u'0'); break;
    case 'L': out += num(tm.msec(), 3, u'0'); break;
    case 's': out += QString::number(t.toSecsSinceEpoch()); break;
    case 'p': out += flag == u'#' ? (tm.hour() < 12 ? u"am"_s : u"pm"_s) : (tm.hour() < 12 ? u"AM"_s : u"PM"_s); break;
    case 'P': out += tm.hour() < 12 ? u"am"_s : u"pm"_s; break;
    case 'A': out += text(dayNames().at(wday)); break;
    case 'a': out += text(dayNames().at(wday).left(3)); break;
    case 'u': out += QString::number(d.dayOfWeek()); break;
    case 'w': out += QString::number(wday); break;
    case 'U': out += num((yday + 7 - wday) / 7, 2, u'0'); break;
    case 'W': out += num((yday + 7 - (wday + 6) % 7) / 7, 2, u'0'); break;
    case 'V': out += num(isoWeek, 2, u'0'); break;
    case 'G': out += num(isoYear, 4, u'0'); break;
    case 'g': out += num(isoYear % 100, 2, u'0'); break;
    case 'z': {
      const int a = std::abs(offset);
      out += (offset < 0 ? u"-"_s : u"+"_s) + pad(a / 3600, 2, u'0') + (colon ? u":"_s : QString()) +
             pad((a % 3600) / 60, 2, u'0');
      break;
    }
    case 'Z': out += offset == 0 && utcName ? u"UTC"_s : QString(); break;
    case '%': out += u'%'; break;
    case 'n': out += u'\n'; break;
    case 't': out += u'\t'; break;
    case 'c': out += formatTime(t, u"%a %b %e %H:%M:%S %Y"_s, utcName); break;
    case 'x':
    case 'D': out += formatTime(t, u"%m/%d/%y"_s, utcName); break;
    case 'X':
    case 'T': out += formatTime(t, u"%H:%M:%S"_s, utcName); break;
    case 'F': out += formatTime(t, u"%Y-%m-%d"_s, utcName); break;
    case 'R': out += formatTime(t, u"%H:%M"_s, utcName); break;
    case 'r': out += formatTime(t, u"%I:%M:%S %p"_s, utcName); break;
    default: out += format.mid(start, i - start + 1); break;
    }
  }
  return out;
}

} // namespace

Result<QVariant> dateFilter(Context &ctx, const QVariant &in, const QVariantList &args, const QVariantMap &)
{
  if (isNil(in))
    return QVariant();
  const QString format = args.isEmpty() ? QString() : toOutput(args.at(0));
  if (format.isEmpty())
    return in;
  bool utcName = false;
  const auto time = parseTime(ctx, in, &utcName);
  // Epoch seconds past year 292 million parse into no date at all: the input stays as it was, like text.
  if (!time || !time->date().isValid())
    return in;
  return QVariant(formatTime(*time, format, utcName));
}

} // namespace pb::documents::liquid
