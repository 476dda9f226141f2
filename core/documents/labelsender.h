// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

namespace pb::documents {

// Where a label goes: "tcp://host:9100" (raw socket, the printer's JetDirect port) or a CUPS
// queue name (sent raw with `lp -o raw`).
struct LabelTarget {
  enum class Kind { RawTcp, CupsRaw };
  Kind kind = Kind::CupsRaw;
  QString host;
  quint16 port = 9100;
  QString queue;

  static Result<LabelTarget> parse(const QString &spec);
  QString describe() const;
};

struct SendTimeouts {
  int connectMs = 3000;
  int writeMs = 5000;
  int processMs = 15000; // lp
};

// Sends bytes to a label printer exactly as they are. Unavailable when the printer is off,
// refuses the connection, stalls past the timeout or CUPS rejects the job.
Status sendRawLabel(const LabelTarget &target, const QByteArray &data, const SendTimeouts &timeouts = {});

} // namespace pb::documents
