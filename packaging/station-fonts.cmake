# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The fonts a packing slip is printed with, as Debian packages: the .deb depends on exactly these, and
# tests/ui/printing/slip_fonts_test prints customer names with only these fonts installed.
# - fonts-liberation2: Helvetica/Courier/Times metrics for the base-14 PDF fast path; Latin, Greek, Cyrillic.
# - fonts-dejavu-core: Arabic, Hebrew, Armenian, Georgian and most symbols.
# - fonts-wqy-microhei: Chinese, Japanese and Korean in one 5 MB font (fonts-noto-cjk is 91 MB).
# A character none of them has is marked on the slip and the job journaled as failed (ui/printing/glyphcoverage.h).
set(PACKBENCH_STATION_FONT_PACKAGES fonts-liberation2 fonts-dejavu-core fonts-wqy-microhei)
