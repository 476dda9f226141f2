#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds packbench-station and packbench-hub (release preset), checks them with lintian, dpkg -i's them
# (dependencies from apt), runs `packbench --self-test` as an ordinary user outside the packbench group
# against a throwaway PostgreSQL, starts the hub as its unit's user with the unit's own command lines and
# checks /healthz, then purges both and leaves the machine as it found it.
# usage (root, Debian 12): packaging/test-install.sh [--no-build]   (--no-build: reuse build/release's .debs)
# scripts/run-tests runs it when CI=true.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/release"
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs and purges packages)"
# Never touch a real installation: everything this script installs it also removes.
for p in packbench packbench-station packbench-hub; do
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    fail "$p is installed on this machine; run this on a machine (or container) without it"
  fi
done
getent passwd packbench >/dev/null && fail "a 'packbench' user exists already"
[ -e /etc/packbench ] && fail "/etc/packbench exists already"

packer=pbinstall-packer # an ordinary desktop user, in no packbench group
getent passwd "$packer" >/dev/null && fail "user $packer exists already"
work="$(mktemp -d /tmp/pb-install.XXXXXX)"
chmod 0755 "$work"
touch "$work/installed-for-test"
hub_pid=""

cleanup() {
  local rc=$?
  set +e
  step "cleanup"
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -TERM "$hub_pid"
    for _ in $(seq 1 300); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$hub_pid" 2>/dev/null
    wait "$hub_pid" 2>/dev/null
  fi
  rm -f /etc/packbench/db-password # the test's own file; dpkg removes what the packages made
  dpkg --purge packbench-station packbench-hub >/dev/null 2>&1
  # Dependencies apt pulled in for the packages go too (only those: others may install packages meanwhile).
  added=$(tr '\n' ' ' <"$work/installed-for-test")
  if [ -n "${added// /}" ]; then
    echo "removing dependencies installed for the test: $added"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $added >/dev/null
  fi
  "$root/tests/support/postgres-fixture.sh" stop "$work/pg" >/dev/null 2>&1
  getent passwd "$packer" >/dev/null && userdel -r "$packer" >/dev/null 2>&1
  local left=""
  for path in /etc/packbench /var/lib/packbench /usr/bin/packbench /usr/bin/packbench-hub /usr/bin/packbench-slip-render \
    /lib/systemd/system/packbench-hub.service /usr/share/icons/hicolor/scalable/apps/io.packbench.Station.svg; do
    [ -e "$path" ] && left="$left $path"
  done
  getent passwd packbench >/dev/null && left="$left user:packbench"
  getent group packbench >/dev/null && left="$left group:packbench"
  for p in packbench-station packbench-hub $added; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' && left="$left package:$p"
  done
  rm -rf "$work"
  if [ -n "$left" ]; then
    echo "test-install: FAILED: left behind:$left" >&2
    rc=1
  fi
  echo "test-install: $([ $rc = 0 ] && echo passed || echo FAILED) in $(($(date +%s) - started)) s"
  exit $rc
}
trap cleanup EXIT

if [ "${1:-}" != "--no-build" ]; then
  step "build (release preset) and cpack"
  cd "$root"
  cmake --preset release >/dev/null
  cmake --build --preset release -j2 >/dev/null
  rm -f "$build"/packbench-*.deb
  (cd "$build" && cpack -G DEB >/dev/null)
fi
station_deb=$(ls "$build"/packbench-station_*.deb)
hub_deb=$(ls "$build"/packbench-hub_*.deb)

step "package metadata"
station_depends=$(dpkg-deb -f "$station_deb" Depends)
hub_depends=$(dpkg-deb -f "$hub_deb" Depends)
echo "packbench-station Depends: $station_depends"
echo "packbench-hub Depends: $hub_depends"
grep -q 'libqt6httpserver' <<<"$station_depends" && fail "the station depends on the HTTP server library"
grep -Eq 'libqt6(widgets|printsupport|gui)6' <<<"$hub_depends" && fail "the hub depends on GUI libraries"
for need in fonts-wqy-microhei fonts-liberation2 fonts-dejavu-core libqt6sql6-psql libqt6sql6-sqlite libqt6widgets6; do
  grep -q "$need" <<<"$station_depends" || fail "packbench-station does not depend on $need"
done
# The hub serves HTTP itself (core/hub/ingestloop.cpp): Qt Network, OpenSSL's libcrypto and simdjson, no QtHttpServer.
for need in libqt6sql6-psql libqt6network6 libssl3 libsimdjson14 adduser; do
  grep -q "$need" <<<"$hub_depends" || fail "packbench-hub does not depend on $need"
done
dpkg-deb -I "$station_deb" conffiles | grep -qx /etc/packbench/station.conf || fail "station.conf is not a conffile"
dpkg-deb -I "$hub_deb" conffiles | grep -qx /etc/packbench/hub.conf || fail "hub.conf is not a conffile"

step "lintian"
lintian --fail-on error,warning "$station_deb" "$hub_deb" || fail "lintian"

step "dpkg -i (dependencies from apt)"
dpkg-query -W -f='${binary:Package}\n' | sort >"$work/packages-before"
if ! dpkg -i "$station_deb" "$hub_deb"; then
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends >/dev/null
fi
dpkg-query -W -f='${binary:Package}\n' | sort >"$work/packages-after"
comm -13 "$work/packages-before" "$work/packages-after" | grep -v '^packbench-' >"$work/installed-for-test" || true
dpkg-query -W -f='${Status}\n' packbench-station packbench-hub | grep -v 'install ok installed' && fail "not installed"

step "installed files"
ldd /usr/bin/packbench | grep -q libQt6HttpServer && fail "/usr/bin/packbench loads the HTTP server library"
ldd /usr/bin/packbench-hub | grep -Eq 'libQt6(Widgets|Gui|PrintSupport)' && fail "/usr/bin/packbench-hub loads GUI libraries"
icon=$(sed -n 's/^Icon=//p' /usr/share/applications/io.packbench.Station.desktop)
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256; do
  [ -f "/usr/share/icons/hicolor/$size/apps/$icon.png" ] || fail "icon $icon missing at $size"
done
[ -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "scalable icon $icon missing"
[ "$(stat -c '%a %U:%G' /etc/packbench)" = "755 root:root" ] || fail "/etc/packbench is $(stat -c '%a %U:%G' /etc/packbench)"
[ "$(stat -c '%a %U:%G' /etc/packbench/secrets)" = "750 root:packbench" ] || fail "/etc/packbench/secrets has the wrong mode"
getent passwd packbench | grep -q ':/usr/sbin/nologin$' || fail "the packbench user is not a system account without a shell"

step "throwaway PostgreSQL, migrated by the administrator"
"$root/tests/support/postgres-fixture.sh" start "$work/pg" 2>/dev/null
pg="$work/pg"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql_admin() { "$pgbin/psql" -h "$pg" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_admin -d postgres -c "CREATE DATABASE packbench"
admin=(--no-default-files --set database.driver=postgres --set "database.host=$pg" --set database.user=postgres
  --set log.file=-)
packbench-hub "${admin[@]}" migrate
packbench-hub "${admin[@]}" hub-login create packbench >/dev/null
psql_admin -d packbench -c "INSERT INTO shops (domain, name) VALUES ('install-test.myshopify.com', 'Install test');
  INSERT INTO locations (shop_id, code, name) SELECT id, 'RNO', 'Reno' FROM shops"
# Where station logins are mapped to their shop and warehouse (#12), the login says which.
mapping=()
if packbench-hub --help | grep -- '--location' >/dev/null; then mapping=(--shop install-test.myshopify.com --location RNO); fi
packbench-hub "${admin[@]}" station-login create station_bench_07 "${mapping[@]}" \
  --password-file "$work/bench-07.password" >/dev/null
psql_admin -d packbench -c "GRANT pbt_password_login TO station_bench_07" # its password is really checked

step "station: packbench --self-test as $packer (not in group packbench)"
useradd --create-home --home-dir "$work/home-$packer" --shell /bin/sh "$packer"
id -nG "$packer" | grep -qw packbench && fail "$packer is in group packbench"
install -m 0600 -o "$packer" -g "$packer" "$work/bench-07.password" /etc/packbench/db-password
cat >/etc/packbench/station.conf <<EOF
environment = production
[station]
id = bench-07
location = RNO
[database]
driver = postgres
host = $pg
name = packbench
user = station_bench_07
password_file = /etc/packbench/db-password
EOF
as_packer() { runuser -u "$packer" -- env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@"; }
as_packer packbench --self-test | tee "$work/self-test.out"
grep -q 'shop scope (row-level security): install-test.myshopify.com' "$work/self-test.out" || fail "no shop scope"
grep -q 'queue notifications: ok' "$work/self-test.out" || fail "no NOTIFY round trip"
grep -q 'passed$' "$work/self-test.out" || fail "self-test did not pass"
# The mode of older builds: the station must stop and say so, not open the demo database.
chown root:packbench /etc/packbench && chmod 0750 /etc/packbench
set +e
as_packer packbench --self-test >"$work/hidden.out" 2>&1
hidden_rc=$?
set -e
chown root:root /etc/packbench && chmod 0755 /etc/packbench
cat "$work/hidden.out"
[ "$hidden_rc" = 2 ] || fail "an unreadable /etc/packbench gave exit code $hidden_rc, not 2"
grep -q "/etc/packbench/station.conf: cannot be read by user '$packer'" "$work/hidden.out" ||
  fail "no clear message for an unreadable station.conf"

step "station: packbench-slip-render as $packer, a merchant trying a slip template"
printf '<h1>Packed for {{ order.name }}</h1>{%% for line in line_items_in_shipment %%}<p>{{ line.sku }}</p>{%% endfor %%}' \
  >"$work/try.liquid"
chmod 0644 "$work/try.liquid"
as_packer packbench-slip-render --paper a4 --template "$work/try.liquid" "$work/home-$packer/try.pdf" ||
  fail "packbench-slip-render did not render the template"
pdftotext "$work/home-$packer/try.pdf" - | grep -q 'Packed for #1002' || fail "the slip is not the template's"

step "hub: the unit's ExecStartPre and ExecStart as its user"
unit=/lib/systemd/system/packbench-hub.service
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit"
  systemd-analyze security --offline=true "$unit" | tail -n 1
fi
unit_value() { sed -n "s/^$1=//p" "$unit"; }
unit_user=$(unit_value User)
[ "$unit_user" = packbench ] || fail "the unit runs as '$unit_user'"
# A database still down at boot must not leave the hub failed for good (systemd's default start limit).
[ "$(unit_value StartLimitIntervalSec)" = 0 ] || fail "the unit stops restarting the hub (StartLimitIntervalSec)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
install -m 0600 -o packbench -g packbench /dev/null /etc/packbench/secrets/shopify-webhook-secret
printf 'install-test-secret\n' >/etc/packbench/secrets/shopify-webhook-secret
cat >/etc/packbench/hub.conf <<EOF
environment = production
[hub]
listen_address = 127.0.0.1
port = $port
[database]
driver = postgres
host = $pg
name = packbench
user = packbench
[shopify]
webhook_secret_file = /etc/packbench/secrets/shopify-webhook-secret
EOF
# What systemd would do for StateDirectory= and EnvironmentFile=-.
install -d -m 0700 -o packbench -g packbench /var/lib/packbench
unit_env=()
for f in $(unit_value EnvironmentFile); do
  f="${f#-}"
  [ -f "$f" ] && mapfile -t -O "${#unit_env[@]}" unit_env < <(grep -Ev '^\s*(#|$)' "$f")
done
# As systemd would start it: the unit's user and group, no new privileges, no capabilities, a clean
# environment (setpriv execs, so $! is the hub itself and SIGTERM reaches it as systemd's stop would).
as_unit=(setpriv "--reuid=$unit_user" "--regid=$(unit_value Group)" --init-groups --no-new-privs --bounding-set=-all
  --inh-caps=-all -- env -i HOME=/var/lib/packbench PATH=/usr/bin:/bin "${unit_env[@]}")
# shellcheck disable=SC2046
"${as_unit[@]}" $(unit_value ExecStartPre) || fail "ExecStartPre failed"
# shellcheck disable=SC2046
"${as_unit[@]}" $(unit_value ExecStart) >"$work/hub.out" 2>&1 &
hub_pid=$!
healthy=""
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >"$work/healthz.out" 2>/dev/null; then
    healthy=yes
    break
  fi
  kill -0 "$hub_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$healthy" ] || { cat "$work/hub.out"; fail "/healthz did not answer"; }
echo "/healthz: $(cat "$work/healthz.out")"
[ "$(ps -o user= -p "$hub_pid")" = "$unit_user" ] || fail "the hub (pid $hub_pid) does not run as $unit_user"
kill -TERM "$hub_pid"
wait "$hub_pid" || { cat "$work/hub.out"; fail "the hub did not stop cleanly on SIGTERM"; }
hub_pid=""
grep -q 'stopped, exit code 0' "$work/hub.out" || fail "the hub did not log its orderly stop"

step "dpkg --purge"
rm -f /etc/packbench/db-password
dpkg --purge packbench-station packbench-hub
