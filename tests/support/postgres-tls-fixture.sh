#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts or stops a throwaway PostgreSQL cluster that speaks only TLS with client certificates, on
# 127.0.0.1 and a free port (written to DIR/port). DIR/certs holds a throwaway CA and what it signed:
#   ca.crt               the CA that signed the server and the client certificates
#   server.crt/.key      CN and subjectAltName "localhost" only (so 127.0.0.1 fails verify-full)
#   postgres.crt/.key    client certificate for the role postgres
#   pbt_tls_station.crt/.key  client certificate for a station role tests create
#   other-ca.crt         an unrelated CA (a wrong sslrootcert)
#   stranger.crt/.key    a "postgres" client certificate signed by the unrelated CA
# pg_hba.conf has one kind of line: hostssl … cert. Plain TCP and the unix socket are refused.
# usage: postgres-tls-fixture.sh start|stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl not found (apt-get install openssl)" >&2; exit 1; }

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_cluster() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

# make_cert NAME CN CA [EXT]: NAME.key + NAME.crt signed by CA (EC P-256: fast to make).
make_cert() {
  local name=$1 cn=$2 ca=$3 ext=${4:-extendedKeyUsage=clientAuth}
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -keyout "$name.key" \
    -out "$name.csr" -subj "/CN=$cn" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA "$ca.crt" -CAkey "$ca.key" -CAcreateserial -days 2 \
    -out "$name.crt" -extfile <(printf '%s\n' "$ext") 2>/dev/null
  rm -f "$name.csr"
  chmod 600 "$name.key"
}

make_ca() {
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 2 \
    -keyout "$1.key" -out "$1.crt" -subj "/CN=$2" 2>/dev/null
  chmod 600 "$1.key"
}

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Htln "( sport = :$port )" 2>/dev/null | grep -q .; then echo "$port"; return; fi
  done
  echo "no free TCP port found" >&2; return 1
}

case "$action" in
start)
  stop_cluster
  rm -rf "$dir"; mkdir -p "$dir/certs"; chmod 755 "$(dirname "$dir")" "$dir"
  (
    cd "$dir/certs"
    make_ca ca "Packbench test CA"
    make_ca other-ca "Unrelated test CA"
    make_cert server localhost ca $'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth'
    make_cert postgres postgres ca
    make_cert pbt_tls_station pbt_tls_station ca
    make_cert stranger postgres other-ca
  )
  [ "$(id -u)" = 0 ] && chown postgres: "$dir" "$dir/certs/server.key"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=reject -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # The only way in: TLS from loopback with a client certificate whose CN is the role name.
  printf 'hostssl all all 127.0.0.1/32 cert\nhostssl all all ::1/128 cert\n' >"$dir/data/pg_hba.conf"
  started=""
  for _ in 1 2 3; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50 -c ssl=on \
          -c ssl_cert_file=$dir/certs/server.crt -c ssl_key_file=$dir/certs/server.key \
          -c ssl_ca_file=$dir/certs/ca.crt" start >/dev/null; then
      started=1; break
    fi
  done
  [ -n "$started" ] || { cat "$dir/server.log" >&2; exit 1; }
  echo "$port" >"$dir/port"
  PGSSLMODE=verify-full PGSSLROOTCERT="$dir/certs/ca.crt" PGSSLCERT="$dir/certs/postgres.crt" \
    PGSSLKEY="$dir/certs/postgres.key" "$bin/psql" -h localhost -p "$port" -U postgres -d postgres \
    -Atc "select 'postgres (TLS, client certificates) ' || version()" >&2
  ;;
stop)
  stop_cluster
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
