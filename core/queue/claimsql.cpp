// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/queue/claimsql.h"

namespace pb::queue {

QString claimNextPostgresSql()
{
  return QStringLiteral(
      "WITH next AS ("
      "  SELECT id FROM fulfillment_orders WHERE location_id = ? AND pack_state = 'queued'"
      "  ORDER BY priority DESC, ship_by NULLS LAST, id LIMIT 1 FOR UPDATE SKIP LOCKED),"
      " taken AS ("
      "  UPDATE fulfillment_orders f SET pack_state = 'claimed', updated_at = ?::timestamptz"
      "  FROM next WHERE f.id = next.id RETURNING f.id, f.version),"
      " lease AS ("
      "  INSERT INTO claims (fulfillment_order_id, station_id, packer_id, claimed_at, heartbeat_at, expires_at)"
      "  SELECT id, ?, ?::bigint, ?::timestamptz, ?::timestamptz, ?::timestamptz FROM taken"
      "  RETURNING id, fulfillment_order_id),"
      " audit AS ("
      "  INSERT INTO audit_log (at, actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)"
      "  SELECT ?::timestamptz, ?, ?, ?, 'claim', 'fulfillment_order', fulfillment_order_id::text,"
      "         jsonb_build_object('claim_id', id) FROM lease)"
      " SELECT lease.id, lease.fulfillment_order_id, taken.version FROM lease JOIN taken ON taken.id = "
      "lease.fulfillment_order_id");
}

} // namespace pb::queue
