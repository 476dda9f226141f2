#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts or stops a private PulseAudio server on DIR/native with one null sink, 'bench': what the station plays
# goes nowhere audible, and its monitor (bench.monitor) records it for tests/ui/feedback_sounds_test.
# usage: pulse-fixture.sh start|stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?directory}

. "$(dirname "$0")/fixture-lib.sh"

case "$action" in
start)
  command -v pulseaudio >/dev/null || { echo "pulseaudio not found (apt-get install pulseaudio)" >&2; exit 1; }
  command -v parec >/dev/null || { echo "parec not found (apt-get install pulseaudio-utils)" >&2; exit 1; }
  stop_pidfile "$dir/pulse.pid"
  rm -rf "$dir"; mkdir -p "$dir/home" "$dir/runtime"; chmod 700 "$dir/runtime"
  # Its own home and runtime folder: no user's configuration, cookie or session bus is read or touched.
  HOME="$dir/home" XDG_RUNTIME_DIR="$dir/runtime" PULSE_RUNTIME_PATH="$dir/runtime" \
    setsid pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes \
    -L "module-null-sink sink_name=bench rate=44100" \
    -L "module-native-protocol-unix socket=$dir/native auth-anonymous=1" \
    -L "module-always-sink" >"$dir/pulse.log" 2>&1 &
  echo $! >"$dir/pulse.pid"
  for _ in $(seq 100); do
    PULSE_SERVER="unix:$dir/native" pactl info >/dev/null 2>&1 && exit 0
    kill -0 "$(cat "$dir/pulse.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "pulseaudio did not start:" >&2; cat "$dir/pulse.log" >&2; exit 1
  ;;
stop)
  stop_pidfile "$dir/pulse.pid"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
