#!/usr/bin/env python3
"""Identification cost as instruction counts: ``identify`` of the recorded corpus counted by
valgrind (callgrind, no cache simulation: instructions executed, Ir), which, unlike wall-clock or
CPU time, does not move with the load of a shared machine. One process per tree builds every
re-tagged observation without instrumentation, then counts, each phase on its own:

- ``load``: loading the signature database;
- ``cold``: each recorded observation identified once on a fresh database (every response parsed
  and every field value matched for the first time), as a scan of that many different devices;
- ``warm``: a pass over the observations re-tagged (every response parsed afresh, a value matched
  before comes from the database's memo), the mean of passes 2-5 on one database (pass 1, partly
  cold, is reported apart as ``warm_first``).

Before each phase a full collection (``gc.collect``, not counted) leaves no collection the previous
phase's allocations made due to land in it: a phase's count does not move with where one lands.

    .venv/bin/python benchmarks/identify_instructions.py --src DIR [--src DIR ...] [--corpus DIR ...]

``--src`` names trees (checkouts) whose ``netscan`` package and signatures are counted, the first
being the reference the others are divided by; the corpus must be readable by every tree. Needs
valgrind with its callgrind.h header and a C compiler (a five-line helper is built in a temporary
directory to switch the counting on and off); runs under PYTHONHASHSEED=0; a tree takes a few
minutes of one core.
"""

from __future__ import annotations

import argparse
import ctypes
import dataclasses
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("load", "cold", "warm_first", "warm")
_HELPER = """#include <valgrind/callgrind.h>
void vg_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void vg_zero(void) { CALLGRIND_ZERO_STATS; }
void vg_dump(const char *s) { CALLGRIND_DUMP_STATS_AT(s); }
"""


def work(helper: str, dirs: list[Path]) -> None:
    from netscan.identify import identify
    from netscan.observations import load_path
    from netscan.sigdb import load_db

    vg = ctypes.CDLL(helper)
    base = [o for d in dirs for p in sorted(d.rglob("*.json")) for o in load_path(p)]
    passes = []
    for k in range(5):
        one = []
        for i, o in enumerate(base):
            resp = tuple(dataclasses.replace(r, request=f"{r.request} #{k}.{i}") for r in o.responses)
            one.append(dataclasses.replace(o, ip=f"10.{k}.{i >> 8}.{i & 255}", responses=resp))
        passes.append(one)
    cold_obs = [dataclasses.replace(o, responses=tuple(dataclasses.replace(r, request=f"{r.request} #cold")
                                                       for r in o.responses)) for o in base]
    # (before each counted phase, outside the count, a full collection: a collection the previous phase's
    # allocations left due does not land in the next one, whose count would move with where it lands)
    gc.collect()
    vg.vg_start()
    vg.vg_zero()
    cold_db = load_db()
    vg.vg_dump(b"load")
    gc.collect()
    vg.vg_zero()
    for o in cold_obs:
        identify(o, cold_db)
    vg.vg_dump(b"cold")
    db = load_db()
    gc.collect()
    vg.vg_zero()
    for o in passes[0]:
        identify(o, db)
    vg.vg_dump(b"warm_first")
    gc.collect()
    vg.vg_zero()
    for one in passes[1:]:
        for o in one:
            identify(o, db)
    vg.vg_dump(b"warm")
    print(json.dumps({"observations": len(base), "rules": len(db.rules)}))


def count(src: Path, dirs: list[Path], helper: str, tmp: Path) -> dict[str, int]:
    import yaml  # site-packages of this interpreter, for the dependencies

    site = str(Path(yaml.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=os.pathsep.join([str(src), site]))
    out = tmp / f"cg-{abs(hash(str(src)))}"
    out.mkdir()
    cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}/cg.%p",
           sys.executable, "-S", str(Path(__file__).resolve()), "--child", helper, "--corpus", *map(str, dirs)]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600, cwd=src, check=True)
    got: dict[str, int] = json.loads(run.stdout.strip().splitlines()[-1])
    for f in out.iterdir():
        text = f.read_text(errors="replace")
        trig = re.search(r"^desc: Trigger: Client Request: (\S+)", text, re.M)
        total = re.search(r"^(?:summary|totals):\s+(\d+)", text, re.M)
        if trig and total and trig.group(1) in PHASES:
            got[trig.group(1)] = int(total.group(1))
    missing = [p for p in PHASES if p not in got]
    if missing:
        raise SystemExit(f"{src}: no count for {missing}")
    got["warm"] //= 4
    return got


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", type=Path, action="append", default=[])
    ap.add_argument("--corpus", nargs="*", type=Path, default=[ROOT / "tests" / "corpus"])
    ap.add_argument("--child", metavar="HELPER", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        work(a.child, a.corpus)
        return 0
    trees = [s.resolve() for s in a.src] or [ROOT]
    got: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="icount-") as tmpdir:
        tmp = Path(tmpdir)
        (tmp / "vgctl.c").write_text(_HELPER)
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(tmp / "vgctl.so"), str(tmp / "vgctl.c")], check=True)
        for src in trees:
            got[str(src)] = dict(count(src, [d.resolve() for d in a.corpus], str(tmp / "vgctl.so"), tmp))
            print(json.dumps({str(src): got[str(src)]}), file=sys.stderr, flush=True)
    ref = got[str(trees[0])]
    for row in got.values():
        for p in PHASES:
            row[f"{p}_ratio"] = round(int(str(row[p])) / int(str(ref[p])), 4)
    print(json.dumps({"how": "valgrind --tool=callgrind (instructions executed, Ir) per phase; warm = mean of passes 2-5",
                      "reference": str(trees[0]), "corpus": [str(d) for d in a.corpus], "trees": got}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
