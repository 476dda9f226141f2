#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Packing-slip rendering: Packbench (Liquid + QTextDocument + its standard-14 PDF writer) against ReportLab and
# WeasyPrint, same slip content, same run. Per-slip times are wall and process CPU milliseconds;
# ratios use CPU time (the build machine is shared, wall time swings with its load). Packbench's batch
# is one PDF holding all slips; ReportLab's batch is one PDF per slip, its way. Steady runs 200 slips:
# at ~6 ms a slip, 50 lasted a third of a second and the shared machine's noise swung the ratio ±40 %.
# usage: slip_render_bench.sh RENDER_BIN [LINES] [STEADY_N] [BATCH_N] [WEASY_N]
set -euo pipefail
bin=${1:?packbench-slip-render}; lines=${2:-12}; steady=${3:-200}; batch=${4:-1000}; weasy=${5:-20}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3 # Debian's python with python3-reportlab and weasyprint, whatever PATH says
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
"$bin" --paper letter --lines "$lines" --dump-json "$work/slip.json" --dump-html "$work/slip.html" \
  --dump-barcode "$work/barcode.png" "$work/slip.pdf" >/dev/null
pages=$(pdfinfo "$work/slip.pdf" | awk '/^Pages:/ {print $2}')

read -r pb_wall pb_cpu < <("$bin" --paper letter --lines "$lines" --repeat "$steady" "$work/x.pdf")
read -r pbb_wall pbb_cpu < <("$bin" --paper letter --lines "$lines" --repeat "$batch" --batch "$work/x.pdf")
read -r rl_wall rl_cpu < <("$py" "$here/slip_baselines.py" reportlab "$work/slip.json" "$work/slip.html" "$work/barcode.png" "$steady")
read -r rlb_wall rlb_cpu < <("$py" "$here/slip_baselines.py" reportlab "$work/slip.json" "$work/slip.html" "$work/barcode.png" "$batch")
read -r wp_wall wp_cpu < <("$py" "$here/slip_baselines.py" weasyprint "$work/slip.json" "$work/slip.html" "$work/barcode.png" "$weasy" 1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-34s %12s %12s\n' "slip ($lines lines, $pages pages, letter)" "wall ms" "cpu ms"
printf '%-34s %12s %12s\n' "packbench steady ($steady)" "$pb_wall" "$pb_cpu"
printf '%-34s %12s %12s\n' "packbench batch ($batch, one PDF)" "$pbb_wall" "$pbb_cpu"
printf '%-34s %12s %12s\n' "reportlab steady ($steady)" "$rl_wall" "$rl_cpu"
printf '%-34s %12s %12s\n' "reportlab batch ($batch)" "$rlb_wall" "$rlb_cpu"
printf '%-34s %12s %12s\n' "weasyprint steady ($weasy)" "$wp_wall" "$wp_cpu"
vs_rl=$(ratio "$rl_cpu" "$pb_cpu"); vs_rl_batch=$(ratio "$rlb_cpu" "$pbb_cpu"); vs_wp=$(ratio "$wp_cpu" "$pb_cpu")
echo "packbench is ${vs_rl}x ReportLab (steady), ${vs_rl_batch}x (batch), ${vs_wp}x WeasyPrint (cpu time; targets 2x and 50x)"
printf '{"bench":"slip_render","lines":%s,"pages":%s,"packbench_ms":%s,"packbench_cpu_ms":%s,"packbench_batch_cpu_ms":%s,"reportlab_cpu_ms":%s,"reportlab_batch_cpu_ms":%s,"weasyprint_cpu_ms":%s,"speedup_vs_reportlab":%s,"speedup_vs_reportlab_batch":%s,"speedup_vs_weasyprint":%s}\n' \
  "$lines" "$pages" "$pb_wall" "$pb_cpu" "$pbb_cpu" "$rl_cpu" "$rlb_cpu" "$wp_cpu" "$vs_rl" "$vs_rl_batch" "$vs_wp"
