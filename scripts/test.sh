#!/usr/bin/env bash
# The README's test command: installs what is missing, runs the linter (ruff) and the type checker
# (mypy --strict on netscan/, configured in pyproject.toml), then the whole test suite (lab tests
# included; they need root). Exit code: the first failing step's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
