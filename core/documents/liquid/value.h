// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariant>

#include <optional>

// Liquid values are QVariants: invalid = nil, bool, qint64, double, QString, QVariantList, QVariantMap.
namespace pb::documents::liquid {

bool isNil(const QVariant &v);
bool isTruthy(const QVariant &v);
bool isInteger(const QVariant &v);
bool isNumber(const QVariant &v);
bool isString(const QVariant &v);
bool isList(const QVariant &v);
bool isMap(const QVariant &v);

// Liquid's `empty` (empty string, list or map) and `blank` (also nil, false, whitespace).
bool isEmptyValue(const QVariant &v);
bool isBlankValue(const QVariant &v);

// How a value prints: nil → "", floats like Ruby (2.0, 3.14), lists concatenated.
QString toOutput(const QVariant &v);
QString formatFloat(double d);

// Number coercion used by the math filters: "19.99" → 19.99, nil/garbage → 0.
QVariant toNumber(const QVariant &v);
std::optional<qint64> toInteger(const QVariant &v);
// A double truncated to qint64 where it fits; nullopt past ±2^63, for inf and NaN (the cast would be UB).
std::optional<qint64> integerIfFits(double d);
double toDouble(const QVariant &v);

bool liquidEquals(const QVariant &a, const QVariant &b);
// A key that values liquidEquals calls equal share (unequal ones may share it too), for finding equals by hash;
// empty for a value equal to nothing, itself included.
QString equalityBucket(const QVariant &v);
// <0, 0, >0, or nullopt when the two cannot be compared (number with string).
std::optional<int> liquidCompare(const QVariant &a, const QVariant &b);
bool liquidContains(const QVariant &haystack, const QVariant &needle);

// Property access: map key, list index, and the size/first/last pseudo-properties.
QVariant lookup(const QVariant &container, const QVariant &key);

// Lists, or a one-element list for a scalar (nil → empty list); maps iterate as [key, value] pairs.
QVariantList toList(const QVariant &v);

// Normalizes JSON-born values: integral doubles from JSON stay doubles; containers are recursed.
QVariant normalize(const QVariant &v);

} // namespace pb::documents::liquid
