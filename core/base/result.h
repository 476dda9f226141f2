// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace pb {

// What went wrong, coarse enough for a caller to decide (retry, tell the user, give up).
enum class ErrorKind {
  InvalidInput, // the caller's data is wrong; retrying will not help
  NotFound,
  Conflict,       // someone else got there first (claim, unique key, stale version)
  Unavailable,    // a server, printer or database is down; retry later
  SchemaMismatch, // database schema is not the one this binary expects
  Permission,
  LockedOut, // too many wrong PINs for this badge: the message says how long to wait
  SignedOut, // the packer's sign-in ended (signed out, expired, replaced): sign in again; nothing was done
  Internal,
};

struct Error {
  ErrorKind kind = ErrorKind::Internal;
  QString message;
  QString code{}; // the SQLSTATE (or SQLite code) when a database raised it: tells a replay from a refusal
};

// A value or an Error; the project's return type for DB, network, printer and parser calls.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value)
      : m_state(std::move(value))
  {} // NOLINT(google-explicit-constructor)
  Result(Error error)
      : m_state(std::move(error))
  {} // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  const T &value() const & { return std::get<T>(m_state); }
  T &value() & { return std::get<T>(m_state); }
  T &&value() && { return std::get<T>(std::move(m_state)); }
  const T &operator*() const & { return value(); }
  const T *operator->() const { return &value(); }

  const Error &error() const { return std::get<Error>(m_state); }

private:
  std::variant<T, Error> m_state;
};

// Success or an Error, for calls with nothing to return.
template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error)
      : m_error(std::move(error))
  {} // NOLINT(google-explicit-constructor)

  bool ok() const { return !m_error.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error &error() const { return *m_error; }

private:
  std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(ErrorKind kind, QString message)
{
  return Error{kind, std::move(message)};
}

} // namespace pb
