#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts or stops a sandboxed cupsd on DIR/cups.sock with one queue, 'packbench-pdf', whose jobs
# are rendered to PDF. Each job's output lands whole in DIR/out/job-<id>.pdf (and, as the latest job,
# in DIR/out/packbench-pdf.pdf); tests read them through tests/support/cupscapture.h.
# Not a file: device: Debian's cupsd (2.4.2-3+deb12u10) opens those O_WRONLY|O_EXCL without O_CREAT,
# so a missing file stops the queue and an older, longer one leaves its tail behind.
# usage: cups-fixture.sh start|stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?directory}
ppd=/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd

. "$(dirname "$0")/fixture-lib.sh"

case "$action" in
start)
  command -v cupsd >/dev/null || { echo "cupsd not found (apt-get install cups)" >&2; exit 1; }
  [ -f "$ppd" ] || { echo "$ppd not found (apt-get install printer-driver-cups-pdf cups-filters)" >&2; exit 1; }
  stop_pidfile "$dir/cupsd.pid"
  rm -rf "$dir"; mkdir -p "$dir"/{spool,cache,state,logs,tmp,out,ppd,serverbin/backend}
  chmod 755 "$(dirname "$dir")" "$dir"; chmod 1777 "$dir/out" "$dir/tmp"
  # The system's filters and backends, plus our capture backend (cupsd wants them root-owned, not group-writable).
  for entry in /usr/lib/cups/*; do
    [ "$(basename "$entry")" = backend ] || ln -s "$entry" "$dir/serverbin/"
  done
  for entry in /usr/lib/cups/backend/*; do ln -s "$entry" "$dir/serverbin/backend/"; done
  install -m 0755 "$(dirname "$0")/pbcapture-backend.sh" "$dir/serverbin/backend/pbcapture"
  cat >"$dir/cupsd.conf" <<CONF
Listen $dir/cups.sock
Browsing No
LogLevel warn
MaxJobs 0
PreserveJobFiles Yes
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
  group=lp; getent group lp >/dev/null || group=$(id -gn)
  cat >"$dir/cups-files.conf" <<CONF
ServerRoot $dir
ServerBin $dir/serverbin
RequestRoot $dir/spool
StateDir $dir/state
CacheDir $dir/cache
TempDir $dir/tmp
AccessLog $dir/logs/access_log
ErrorLog $dir/logs/error_log
PageLog $dir/logs/page_log
FileDevice Yes
Sandboxing Relaxed
User lp
Group $group
SystemGroup root $(id -gn)
CONF
  # Detached, with its own output: ctest waits for every process holding the fixture's stdout.
  setsid cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" >"$dir/logs/cupsd.out" 2>&1 </dev/null &
  echo $! >"$dir/cupsd.pid"
  for _ in $(seq 100); do [ -S "$dir/cups.sock" ] && break; sleep 0.1; done
  [ -S "$dir/cups.sock" ] || { echo "cupsd did not start:" >&2; cat "$dir/logs/error_log" >&2 2>/dev/null; exit 1; }
  export CUPS_SERVER="$dir/cups.sock"
  lpadmin -p packbench-pdf -E -v "pbcapture:$dir/out" -P "$ppd" -D "Packbench test PDF queue"
  lpadmin -d packbench-pdf
  lpstat -p packbench-pdf >&2
  ;;
stop)
  stop_pidfile "$dir/cupsd.pid"
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
