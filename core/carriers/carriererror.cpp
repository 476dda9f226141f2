// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/carriererror.h"

namespace pb::carriers {

QString carrierErrorKindName(CarrierErrorKind kind)
{
  switch (kind) {
  case CarrierErrorKind::Auth: return QStringLiteral("auth");
  case CarrierErrorKind::Validation: return QStringLiteral("validation");
  case CarrierErrorKind::NotFound: return QStringLiteral("not-found");
  case CarrierErrorKind::RateLimited: return QStringLiteral("rate-limited");
  case CarrierErrorKind::Server: return QStringLiteral("server");
  case CarrierErrorKind::Timeout: return QStringLiteral("timeout");
  case CarrierErrorKind::Lost: return QStringLiteral("lost");
  case CarrierErrorKind::Protocol: return QStringLiteral("protocol");
  case CarrierErrorKind::Stopped: return QStringLiteral("stopped");
  }
  return QStringLiteral("unknown");
}

bool CarrierError::transient() const
{
  switch (kind) {
  case CarrierErrorKind::RateLimited:
  case CarrierErrorKind::Server:
  case CarrierErrorKind::Timeout:
  case CarrierErrorKind::Lost:
  case CarrierErrorKind::Stopped: return true;
  default: return false;
  }
}

Error CarrierError::toError() const
{
  ErrorKind projectKind = ErrorKind::Unavailable;
  switch (kind) {
  case CarrierErrorKind::Auth: projectKind = ErrorKind::Permission; break;
  case CarrierErrorKind::Validation: projectKind = ErrorKind::InvalidInput; break;
  case CarrierErrorKind::NotFound: projectKind = ErrorKind::NotFound; break;
  case CarrierErrorKind::Protocol: projectKind = ErrorKind::Internal; break;
  default: projectKind = ErrorKind::Unavailable; break;
  }
  Error error = makeError(projectKind, message);
  error.code = carrierErrorKindName(kind);
  return error;
}

} // namespace pb::carriers
