# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the webhook benchmarks: a throwaway PostgreSQL with default durability on a private
# socket in $work, database `bench` migrated by $hub, and a cleanup trap that also kills "${pids[@]}".
# Needs: hub (packbench-hub binary); BENCH_AFTER_MIGRATE_SQL optional. Defines: bin work as_owner pids cleanup psql db.
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/pbbench-XXXXXX); chmod 755 "$work"
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_owner "$bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres: "$work"
as_owner "$bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1
as_owner "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p 5432 -k $work -c listen_addresses='' -c max_connections=200" start >/dev/null
psql() { "$bin/psql" -h "$work" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
psql -d postgres -c "CREATE DATABASE bench"
db=(--no-default-files --set database.driver=postgres --set database.host="$work" --set database.user=postgres --set database.name=bench)
"$hub" migrate "${db[@]}" >/dev/null
# An A/B's baseline schema: SQL run after migrating (e.g. an index a later migration dropped, created again).
if [ -n "${BENCH_AFTER_MIGRATE_SQL:-}" ]; then psql -d bench -c "$BENCH_AFTER_MIGRATE_SQL"; fi
