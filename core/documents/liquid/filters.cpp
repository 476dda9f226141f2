// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/filters.h"

#include "core/documents/liquid/context.h"
#include "core/documents/liquid/filtersupport.h"

#include <QRegularExpression>
#include <QUrl>

namespace pb::documents::liquid {

using namespace filtersupport;

namespace {

// --- strings ------------------------------------------------------------------------------------

Result<QVariant> upcase(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(str(in).toUpper());
}
Result<QVariant> downcase(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(str(in).toLower());
}
Result<QVariant> capitalize(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  const QString s = str(in);
  return QVariant(s.left(1).toUpper() + s.mid(1).toLower());
}
Result<QVariant> concatenated(const Context &ctx, const QString &head, const QString &tail)
{
  if (Status fits = fitsBudget(ctx, qint64(head.size()) + tail.size()); !fits)
    return fits.error();
  return QVariant(head + tail);
}
Result<QVariant> append(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  return concatenated(ctx, str(in), str(arg(a, 0)));
}
Result<QVariant> prepend(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  return concatenated(ctx, str(arg(a, 0)), str(in));
}
Result<QVariant> strip(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(str(in).trimmed());
}
Result<QVariant> lstrip(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  const QString s = str(in);
  qsizetype n = 0;
  while (n < s.size() && s[n].isSpace())
    ++n;
  return QVariant(s.mid(n));
}
Result<QVariant> rstrip(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  qsizetype n = s.size();
  while (n > 0 && s[n - 1].isSpace())
    --n;
  s.truncate(n);
  return QVariant(s);
}
Result<QVariant> stripNewlines(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  s.remove(u'\r');
  s.remove(u'\n');
  return QVariant(s);
}
Result<QVariant> newlineToBr(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  s.replace(u"\r\n"_s, u"\n"_s);
  s.replace(u"\n"_s, u"<br />\n"_s);
  return QVariant(s);
}
Result<QVariant> stripHtml(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  static const QRegularExpression blocks(u"<script.*?</script>|<!--.*?-->|<style.*?</style>"_s,
                                         QRegularExpression::DotMatchesEverythingOption |
                                             QRegularExpression::CaseInsensitiveOption);
  static const QRegularExpression tags(u"<.*?>"_s, QRegularExpression::DotMatchesEverythingOption);
  QString s = str(in);
  s.remove(blocks);
  s.remove(tags);
  return QVariant(s);
}
QString escapeHtml(const QString &s)
{
  QString out;
  out.reserve(s.size());
  for (const QChar c : s) {
    switch (c.unicode()) {
    case '&': out += u"&amp;"_s; break;
    case '<': out += u"&lt;"_s; break;
    case '>': out += u"&gt;"_s; break;
    case '"': out += u"&quot;"_s; break;
    case '\'': out += u"&#39;"_s; break;
    default: out += c;
    }
  }
  return out;
}
Result<QVariant> escape(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  return QVariant(escapeHtml(str(in)));
}
Result<QVariant> escapeOnce(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  static const QRegularExpression entity(u"&(?:lt|gt|amp|quot|#39|#\\d+|#x[0-9a-fA-F]+);"_s);
  const QString s = str(in);
  QString out;
  qsizetype at = 0;
  auto it = entity.globalMatch(s);
  while (it.hasNext()) {
    const auto m = it.next();
    out += escapeHtml(s.mid(at, m.capturedStart() - at)) + m.captured();
    at = m.capturedEnd();
  }
  out += escapeHtml(s.mid(at));
  return QVariant(out);
}
Result<QVariant> urlEncode(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  QString s = QString::fromLatin1(QUrl::toPercentEncoding(str(in), "*-._"));
  s.replace(u"%20"_s, u"+"_s);
  return QVariant(s);
}
Result<QVariant> urlDecode(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  s.replace(u'+', u' ');
  return QVariant(QUrl::fromPercentEncoding(s.toUtf8()));
}
Result<QVariant> replace(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  QString s = str(in);
  const QString before = str(arg(a, 0));
  const QString after = str(arg(a, 1));
  // Sized before it is built: an empty pattern matches between every two characters.
  const qint64 matches = before.isEmpty() ? qint64(s.size()) + 1 : qint64(s.count(before));
  if (Status fits = fitsBudget(ctx, qint64(s.size()) + matches * (qint64(after.size()) - before.size())); !fits)
    return fits.error();
  return QVariant(s.replace(before, after));
}
Result<QVariant> replaceFirst(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QString s = str(in);
  const QString what = str(arg(a, 0));
  const qsizetype at = s.indexOf(what);
  if (at >= 0)
    s.replace(at, what.size(), str(arg(a, 1)));
  return QVariant(s);
}
Result<QVariant> replaceLast(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QString s = str(in);
  const QString what = str(arg(a, 0));
  const qsizetype at = s.lastIndexOf(what);
  if (at >= 0)
    s.replace(at, what.size(), str(arg(a, 1)));
  return QVariant(s);
}
Result<QVariant> remove(Context &c, const QVariant &in, const Args &a, const Kwargs &k)
{
  return replace(c, in, {arg(a, 0), QVariant(QString())}, k);
}
Result<QVariant> removeFirst(Context &c, const QVariant &in, const Args &a, const Kwargs &k)
{
  return replaceFirst(c, in, {arg(a, 0), QVariant(QString())}, k);
}
Result<QVariant> removeLast(Context &c, const QVariant &in, const Args &a, const Kwargs &k)
{
  return replaceLast(c, in, {arg(a, 0), QVariant(QString())}, k);
}
Result<QVariant> truncate(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  const QString s = str(in);
  auto length = a.isEmpty() ? Result<qint64>(50) : intArg(a, 0, u"truncate"_s);
  if (!length)
    return length.error();
  const QString ellipsis = a.size() > 1 ? str(a.at(1)) : u"..."_s;
  const qint64 limit = std::max<qint64>(*length, -1); // any negative length acts alike; -2^63 - 3 would overflow
  if (s.size() <= limit)
    return QVariant(s);
  const qint64 keep = std::max<qint64>(0, limit - ellipsis.size());
  return QVariant(s.left(keep) + ellipsis);
}
Result<QVariant> truncateWords(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  auto count = a.isEmpty() ? Result<qint64>(15) : intArg(a, 0, u"truncatewords"_s);
  if (!count)
    return count.error();
  const QString ellipsis = a.size() > 1 ? str(a.at(1)) : u"..."_s;
  const QStringList words = str(in).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
  const qint64 keep = std::max<qint64>(1, *count);
  if (words.size() <= keep)
    return QVariant(str(in));
  return QVariant(words.mid(0, keep).join(u' ') + ellipsis);
}
Result<QVariant> split(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QString s = str(in);
  const QString sep = str(arg(a, 0));
  QVariantList out;
  if (s.isEmpty())
    return QVariant(out);
  if (sep.isEmpty()) {
    for (const QChar c : s)
      out.append(QVariant(QString(c)));
    return QVariant(out);
  }
  QStringList parts = sep == u" "_s ? s.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts) : s.split(sep);
  while (!parts.isEmpty() && parts.last().isEmpty()) // Ruby drops trailing empty fields
    parts.removeLast();
  for (const QString &p : parts)
    out.append(QVariant(p));
  return QVariant(out);
}
Result<QVariant> slice(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QVariant first = arg(a, 0);
  std::optional<qint64> start;
  if (isNumber(first)) {
    start = toInteger(first);
  } else if (isString(first)) {
    bool ok = false;
    const qint64 v = first.toString().trimmed().toLongLong(&ok);
    if (ok)
      start = v;
  }
  if (!start)
    return fail(u"invalid integer"_s);
  auto length = a.size() > 1 ? intArg(a, 1, u"slice"_s) : Result<qint64>(1);
  if (!length)
    return length.error();
  const qint64 size = isList(in) ? in.toList().size() : str(in).size();
  const qint64 from = *start < 0 ? *start + size : *start;
  if (from < 0 || from >= size || *length <= 0)
    return isList(in) ? QVariant(QVariantList()) : QVariant(QString());
  if (isList(in))
    return QVariant(in.toList().mid(from, *length));
  return QVariant(str(in).mid(from, *length));
}

// --- misc ---------------------------------------------------------------------------------------

Result<QVariant> defaultFilter(Context &, const QVariant &in, const Args &a, const Kwargs &k)
{
  const bool allowFalse = isTruthy(k.value(u"allow_false"_s));
  const bool isFalse = in.metaType().id() == QMetaType::Bool && !in.toBool();
  if (isNil(in) || (isFalse && !allowFalse) || isEmptyValue(in))
    return arg(a, 0);
  return in;
}

} // namespace

FilterFn findFilter(const QString &name)
{
  static const FilterTable filters = [] {
    FilterTable table{
        {u"upcase"_s, upcase},
        {u"downcase"_s, downcase},
        {u"capitalize"_s, capitalize},
        {u"append"_s, append},
        {u"prepend"_s, prepend},
        {u"strip"_s, strip},
        {u"lstrip"_s, lstrip},
        {u"rstrip"_s, rstrip},
        {u"strip_newlines"_s, stripNewlines},
        {u"newline_to_br"_s, newlineToBr},
        {u"strip_html"_s, stripHtml},
        {u"escape"_s, escape},
        {u"h"_s, escape},
        {u"escape_once"_s, escapeOnce},
        {u"url_encode"_s, urlEncode},
        {u"url_decode"_s, urlDecode},
        {u"replace"_s, replace},
        {u"replace_first"_s, replaceFirst},
        {u"replace_last"_s, replaceLast},
        {u"remove"_s, remove},
        {u"remove_first"_s, removeFirst},
        {u"remove_last"_s, removeLast},
        {u"truncate"_s, truncate},
        {u"truncatewords"_s, truncateWords},
        {u"split"_s, split},
        {u"slice"_s, slice},
        {u"default"_s, defaultFilter},
        {u"date"_s, dateFilter},
    };
    addNumberFilters(table);
    addListFilters(table);
    return table;
  }();
  return filters.value(name, nullptr);
}

} // namespace pb::documents::liquid
