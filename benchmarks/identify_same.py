#!/usr/bin/env python3
"""Same answers as another tree: ``identify`` of every recorded observation (as recorded, and as
benchmarks/identify_speed.py re-tags it), cold (a fresh database) and warm (the same database again),
fast and plain path, each reduced to a SHA-256 of its ``to_dict()`` JSON; run in this tree and in
``--baseline-src DIR`` (another checkout's ``netscan`` package, e.g. a speed change's parent) with
the same signatures, and the digests compared. A speed change is only done when nothing differs.

    .venv/bin/python benchmarks/identify_same.py --baseline-src DIR [--corpus DIR ...] [--signatures DIR]

Files of the test split (tests/corpus_test) are compared by count only: no name or content of them
is printed (THE TEST-SPLIT RULE).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def digests(dirs: list[Path], signatures: str | None) -> dict[str, str]:
    from netscan.identify import identify
    from netscan.observations import load_path
    from netscan.sigdb import load_db

    db = load_db(signatures) if signatures else load_db()
    out: dict[str, str] = {}
    items = []
    for d in dirs:
        for p in sorted(d.rglob("*.json")):
            for k, o in enumerate(load_path(p)):
                name = f"{d.name}/{p.relative_to(d)}:{k}"
                items.append((name, o))
                resp = tuple(dataclasses.replace(r, request=f"{r.request} #{k}") for r in o.responses)
                items.append((name + " tagged", dataclasses.replace(o, ip=f"10.0.{k >> 8}.{k & 255}", responses=resp)))
    for rnd in ("cold", "warm"):
        for name, o in items:
            got = json.dumps(identify(o, db).to_dict(), sort_keys=True, default=str)
            out[f"{name} {rnd}"] = hashlib.sha256(got.encode()).hexdigest()
    return out


def _child(src: str | None, dirs: list[Path], signatures: str | None) -> dict[str, str]:
    cmd = [sys.executable]
    env = dict(os.environ)
    if src:
        import yaml

        site = str(Path(yaml.__file__).resolve().parent.parent)
        cmd.append("-S")
        env["PYTHONPATH"] = os.pathsep.join([src, site])
    cmd += [str(Path(__file__).resolve()), "--child", "--corpus", *map(str, dirs)]
    if signatures:
        cmd += ["--signatures", signatures]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", nargs="*", type=Path, default=[ROOT / "tests" / "corpus", ROOT / "tests" / "corpus_test"])
    ap.add_argument("--baseline-src", metavar="DIR")
    ap.add_argument("--signatures", metavar="DIR", help="signatures both trees use (default: this tree's)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(digests(a.corpus, a.signatures)))
        return 0
    if not a.baseline_src:
        ap.error("--baseline-src is required")
    sigs = a.signatures or str(ROOT / "signatures")
    mine = _child(None, a.corpus, sigs)
    base = _child(a.baseline_src, a.corpus, sigs)
    differ = sorted(k for k in mine.keys() | base.keys() if mine.get(k) != base.get(k))
    hidden = [k for k in differ if k.startswith("corpus_test/")]
    shown = [k for k in differ if not k.startswith("corpus_test/")]
    print(json.dumps({"compared": len(mine), "baseline_src": a.baseline_src, "signatures": sigs, "differ": len(differ),
                      "differ_test_split_count": len(hidden), "differ_training": shown[:50]}, indent=2))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
