// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pb::queue {

// The PostgreSQL claim as one statement: pick with SKIP LOCKED, flip to claimed, open the lease,
// audit it. Parameters in order: location, now, station, packer, now, now, expires, now,
// actor kind, actor id, station. Answers (claim id, fulfillment order id, order version). Shared with the pgbench
// baseline so both run the same SQL. Only that benchmark runs it (its audit row is the bench's): stations claim
// through packbench_claim_next (migration 0012), and C++ writes the audit log through core/audit.
QString claimNextPostgresSql();

} // namespace pb::queue
