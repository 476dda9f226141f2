#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Packbench builds, runs and tests with. Idempotent: does nothing
# when everything is present. Works as root or through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache clang-format pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-httpserver-dev qt6-websockets-dev qt6-serialport-dev qt6-multimedia-dev qt6-svg-dev qt6-pdf-dev
  libqt6sql6-psql libqt6sql6-sqlite libgl-dev
  libspdlog-dev libzint-dev libzxing-dev libssl-dev libsimdjson-dev
  postgresql postgresql-contrib libpq-dev
  cups cups-bsd cups-client printer-driver-cups-pdf cups-filters poppler-utils
  xvfb xauth imagemagick gcovr lcov
  # xev and xdotool: scanner key sequences are recorded and typed as a real X keyboard sends them.
  x11-utils xdotool x11-xkb-utils xkb-data
  # The slip fonts the .deb depends on (packaging/station-fonts.cmake): Latin/Greek/Cyrillic, Arabic/Hebrew, CJK.
  fonts-liberation2 fonts-dejavu-core fonts-wqy-microhei
  wrk python3-fastapi uvicorn python3-psycopg2 openssl curl
  # The webhook ingest baseline as a FastAPI developer writes it: uvloop, httptools, asyncpg or psycopg 3's pool.
  python3-uvloop python3-httptools python3-asyncpg python3-psycopg python3-psycopg-pool
  python3-reportlab weasyprint
  # The asan preset builds with clang (ASan, UBSan) and links the libFuzzer targets against its runtime.
  clang libclang-rt-14-dev
  # packaging/test-install.sh checks the .deb packages with it.
  lintian
  # The reverse proxy in front of the hub (packaging/nginx): e2e tests run a private, unprivileged copy.
  nginx
  # feedback_sounds_test records the station's cues from a private PulseAudio server's null sink.
  pulseaudio pulseaudio-utils
  # station_netcut_test cuts a station's path to PostgreSQL: a network namespace and a veth pair.
  iproute2
)
# A node from elsewhere (nodesource …) is fine; Debian's only when there is none.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
support_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/support"
# graphql-js validates our GraphQL documents, ajv our carrier calls against ShipEngine's OpenAPI definition;
# npm ci is skipped for a validator already in place.
install_validator() {
  local dir
  for dir in "$support_dir/graphql-validator" "$support_dir/openapi-validator"; do
    if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      npm ci --prefix "$dir" --no-audit --no-fund >/dev/null
    fi
  done
}
if [ ${#missing[@]} -eq 0 ]; then
  install_validator
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the system services on install; the tests run their own sandboxed copies.
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now cups cups-browsed postgresql nginx >/dev/null 2>&1 || true
fi
install_validator
