// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace pb::carriers {

// What went wrong with a carrier call, in the terms a caller acts on.
enum class CarrierErrorKind {
  Auth,        // 401/403: the API key is wrong, expired or lacks the right; fix the configuration
  Validation,  // 400: the request is wrong (address, weight, service); retrying will not help
  NotFound,    // 404: no such label, rate, carrier or tracking number
  RateLimited, // 429 still after the retries: wait retryAfterMs
  Server,      // 5xx still after the retries: the carrier is down; nothing happened
  Timeout,     // no answer in time: the call may or may not have taken effect
  Lost,        // the connection closed without an answer: the call may or may not have taken effect
  Protocol,    // an answer we cannot read (not the definition's shape)
  Stopped,     // not sent: the caller is shutting down
};

QString carrierErrorKindName(CarrierErrorKind kind);

struct CarrierError {
  CarrierErrorKind kind = CarrierErrorKind::Server;
  QString message;          // for logs and the lead; never holds the key, an address or label bytes
  int httpStatus = 0;       // 0 when there was no answer
  qint64 retryAfterMs = 0;  // RateLimited: how long the carrier asked us to wait
  QString requestId{};      // the carrier's request_id, for its support
  QStringList errorCodes{}; // the carrier's error_code values, e.g. invalid_address
  QStringList fields{};     // the fields its errors name (field_name), e.g. shipment.packages[0].weight.value
  QStringList reasons{};    // its errors' messages as the carrier wrote them, for the people at the bench

  // Whether the call may have taken effect although no success came back (a purchase must be looked up).
  bool outcomeUnknown() const { return kind == CarrierErrorKind::Timeout || kind == CarrierErrorKind::Lost; }
  // Whether the same call may succeed later unchanged.
  bool transient() const;
  // The project-wide error for layers that do not care about carrier details.
  Error toError() const;
};

// A value or a CarrierError.
template <typename T> class [[nodiscard]] CarrierResult {
public:
  CarrierResult(T value) // NOLINT(google-explicit-constructor)
      : m_state(std::move(value))
  {}
  CarrierResult(CarrierError error) // NOLINT(google-explicit-constructor)
      : m_state(std::move(error))
  {}

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }
  const T &value() const & { return std::get<T>(m_state); }
  T &value() & { return std::get<T>(m_state); }
  T &&value() && { return std::get<T>(std::move(m_state)); }
  const T *operator->() const { return &value(); }
  const CarrierError &error() const { return std::get<CarrierError>(m_state); }

private:
  std::variant<T, CarrierError> m_state;
};

} // namespace pb::carriers
