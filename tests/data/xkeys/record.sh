#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Records what a real X server delivers when a wedge scanner "types" a code: each case runs xev in
# a private Xvfb, types with xdotool (XTEST: the same path a USB HID keyboard's events take
# through the server), and keeps xev's log as tests/data/xkeys/<case>.xev. See README.md.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
for tool in Xvfb xev xdotool setxkbmap; do
  command -v "$tool" >/dev/null || { echo "record.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'kill "${xvfb_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
# -noreset: without it the server resets (and forgets setxkbmap) whenever its last client leaves.
Xvfb -displayfd 3 -screen 0 640x480x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 # xev's XmbLookupString then reports UTF-8

# record <case> <layout> <one chained xdotool command line>
record() {
  local name="$1" layout="$2" script="$3"
  setxkbmap "$layout"
  xev -event keyboard -geometry 300x200+0+0 >"$work/$name.log" 2>&1 &
  local xev_pid=$!
  local wid
  wid="$(timeout 10 xdotool search --sync --onlyvisible --name '^Event Tester$' | head -1 || true)"
  [ -n "$wid" ] || { echo "record.sh: no xev window for $name" >&2; exit 1; }
  xdotool windowfocus --sync "$wid"
  sleep 0.2
  # One xdotool process for the whole scan: separate invocations leave ~100 ms between them (process
  # start), which no scanner does and which the filter rightly takes for a person.
  eval "xdotool $script"
  sleep 0.3
  kill "$xev_pid"
  wait "$xev_pid" 2>/dev/null || true
  { echo "# case: $name  layout: $layout  xdotool: $script"; cat "$work/$name.log"; } >"$out/$name.xev"
}

record badge us "type --delay 5 --args 1 'PB-7009' key Return"
record command-complete us "type --delay 5 --args 1 'PB*COMPLETE' key Return"
record sku-mixed-case us "type --delay 5 --args 1 'TNT-2P-GRN' key Return"
record gs1-128-aim-gs us "type --delay 5 --args 1 ']C1010950110153000310LOT42' key --delay 5 ctrl+bracketright 1 7 2 6 1 2 3 1 Return"
record ean13 us "type --delay 5 --args 1 '4006381333931' key Return"
record upca us "type --delay 5 --args 1 '036000291452' key Return"
record tab-suffix us "type --delay 5 --args 1 'NW-MUG-12' key Tab"
record lf-suffix-linefeed us "type --delay 5 --args 1 'TNT-2P-GRN' key Linefeed"
record lf-suffix-ctrl-j us "type --delay 5 --args 1 'TNT-2P-GRN' key ctrl+j"
record keypad-enter us "type --delay 5 --args 1 'NW-T2D-001' key KP_Enter"
record de-gs1-altgr de "type --delay 5 --args 1 ']C1010950110153000310LOT42' key --delay 5 ctrl+bracketright 1 7 2 6 1 2 3 1 Return"
record de-command de "type --delay 5 --args 1 'PB*COMPLETE' key Return"
record de-dead-key de "type --delay 5 --args 1 'AB' key --delay 5 dead_circumflex space 1 2 Return"
record person-typing us "type --delay 150 --args 1 'Hello' sleep 0.15 key Return"
record person-ctrl-q us "type --delay 5 --args 1 'Ab' key ctrl+q"
echo "recorded $(ls "$out"/*.xev | wc -l) cases in $out"
