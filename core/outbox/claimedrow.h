// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/message.h"

#include <QJsonObject>
#include <QString>

namespace pb::outbox {

// One row a worker claimed, its payload already read into the typed body.
struct ClaimedRow {
  qint64 id = 0;
  QString kind;
  Result<Body> body = makeError(ErrorKind::Internal, QStringLiteral("not read")); // InvalidInput: not of its shape
  int attempts = 0;                                                               // this attempt included
  QJsonObject progress;                                                           // outbox.progress as claimed
  QString shopDomain;  // the shop of the order the row acts on; its credentials post it
  QString shopProblem; // set when the row's shop cannot be trusted (it waits with this error)
};

} // namespace pb::outbox
