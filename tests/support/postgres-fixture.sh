#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts or stops a throwaway PostgreSQL cluster listening only on a unix socket in DIR.
# usage: postgres-fixture.sh start|stop DIR [durable]
#        postgres-fixture.sh pause|resume|crash-restart DIR   (outage tests: a fast stop keeping the data, a start
#        with the same options, an immediate-mode stop and start: what a failover or an OOM kill does)
# "durable" keeps PostgreSQL's defaults (fsync, synchronous_commit on) for benchmarks that claim durability.
set -euo pipefail
action=${1:?start|stop}; dir=${2:?directory}; mode=${3:-fast}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# initdb refuses to run as root: run the server as the 'postgres' user then.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_cluster() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

case "$action" in
start)
  stop_cluster
  rm -rf "$dir"; mkdir -p "$dir"; chmod 755 "$(dirname "$dir")" "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Trust for everyone but members of pbt_password_login, whose password is really checked (tests/app: new logins).
  sed -i '1i local all +pbt_password_login scram-sha-256' "$dir/data/pg_hba.conf"
  # fsync off: correctness tests only; durability benchmarks start their own cluster with defaults.
  durability="-c fsync=off"
  [ "$mode" = durable ] && durability="-c fsync=on -c synchronous_commit=on"
  echo "-p 5432 -k $dir -c listen_addresses='' $durability -c max_connections=300 -c shared_buffers=128MB" >"$dir/options"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  "$bin/psql" -h "$dir" -p 5432 -U postgres -d postgres -Atc "select 'postgres ' || version()" >&2
  "$bin/psql" -h "$dir" -p 5432 -U postgres -d postgres -qc "CREATE ROLE pbt_password_login NOLOGIN" >&2
  ;;
stop)
  stop_cluster
  rm -rf "$dir"
  ;;
pause)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
resume)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  ;;
crash-restart)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  ;;
*) echo "usage: $0 start|stop|pause|resume|crash-restart DIR" >&2; exit 2 ;;
esac
