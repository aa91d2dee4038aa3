"""Run one fuzz target under atheris (libFuzzer, coverage-guided).

    python fuzz/run.py TARGET [libFuzzer options...] [CORPUS_DIR...]

e.g. ``python fuzz/run.py http -max_total_time=600 -timeout=5 -max_len=65536 /tmp/fz/http``.
Targets: see fuzz/targets.py (``TARGETS``). Seed a corpus first with ``python fuzz/seeds.py DIR``.
A crash or timeout writes ``crash-*``/``timeout-*``; copy it to
tests/hostile/fuzz_regressions/<TARGET>/ and fix netscan: the tests replay every file there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["netscan"]):
    import netscan.findings  # noqa: F401
    import netscan.identify  # noqa: F401
    import netscan.nmapxml  # noqa: F401
    import netscan.observations  # noqa: F401
    import netscan.parsers  # noqa: F401
    import netscan.pipeline  # noqa: F401
    import netscan.report  # noqa: F401
    import netscan.report.csvfmt  # noqa: F401
    import netscan.report.htmlfmt  # noqa: F401
    import netscan.report.jsonfmt  # noqa: F401
    import netscan.report.table  # noqa: F401

from targets import TARGETS  # noqa: E402


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.stderr.write(f"usage: run.py TARGET [libFuzzer args]; targets: {', '.join(TARGETS)}\n")
        raise SystemExit(2)
    target = TARGETS[sys.argv[1]]
    # load the signature database before fuzzing (not part of any input's cost)
    from netscan.sigdb.db import default_db

    default_db()
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
