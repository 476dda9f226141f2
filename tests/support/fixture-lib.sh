# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the service fixtures (sourced, not run).

# Stops the daemon whose pid is in FILE, if it runs, and waits up to 5 s for it to go.
stop_pidfile() {
  local file=$1
  if [ -f "$file" ]; then
    kill "$(cat "$file")" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$(cat "$file")" 2>/dev/null || break; sleep 0.1; done
  fi
}
