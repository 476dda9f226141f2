#!/bin/sh
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# CUPS backend of the test fixture (DEVICE_URI pbcapture:DIR): writes each job's output to
# DIR/job-<id>.pdf and publishes it there only once it is whole (rename), then as DIR/packbench-pdf.pdf.
# usage (by cupsd): pbcapture job user title copies options [file]
if [ $# -eq 0 ]; then
  echo 'direct pbcapture "Unknown" "Packbench test capture"'
  exit 0
fi
dir=${DEVICE_URI#pbcapture:}
job=$1
part="$dir/.job-$job.part"
if [ $# -ge 6 ]; then cat "$6" >"$part"; else cat >"$part"; fi || {
  echo "ERROR: pbcapture cannot write $part" >&2
  exit 1 # CUPS_BACKEND_FAILED
}
chmod 0644 "$part"
cp "$part" "$dir/.latest-$job.part" && chmod 0644 "$dir/.latest-$job.part"
mv -f "$part" "$dir/job-$job.pdf"
mv -f "$dir/.latest-$job.part" "$dir/packbench-pdf.pdf"
echo "INFO: job $job captured ($(wc -c <"$dir/job-$job.pdf") bytes)" >&2
exit 0
