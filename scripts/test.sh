#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs the whole test suite
# (lab tests included; they need root). Exit code is pytest's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m pytest -q "$@"
