#!/usr/bin/env bash
# The README's main command: installs what is missing, then runs `netscan demo`
# (starts the virtual lab, scans it from the isolated scanner namespace, reports, tears it down).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/netscan demo "$@"
