#!/usr/bin/env python3
"""Identification speed: ``identify`` of N observations (default 10,000), built by repeating the
recorded corpus with distinct addresses and request tags so every response is parsed afresh, as in a
real scan. Reports seconds per 10,000 observations, warm (the 10,000 re-tagged observations on one
database: every response parsed afresh, a value matched before comes from the database's memo) and
cold (a fresh database, each recorded observation identified once: every response parsed and every
value matched for the first time), wall-clock and CPU, and the machine's load average at the end.

    .venv/bin/python benchmarks/identify_speed.py [--n N] [--corpus DIR ...] [--baseline-src DIR] [--rounds R]

``--baseline-src DIR`` times another checkout's ``netscan`` package (e.g. /work/main) on the same
observations in the same run, rounds alternating, and reports the ratio (this machine is shared:
only side-by-side ratios mean anything; the CPU time of the identifying process is reported beside
the wall-clock time, as it is less disturbed by other work on the machine). The corpus must be readable by both trees (use the
pre-issue-11 tests/corpus when the baseline predates the tplink/ubnt/dvrip protocols).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(n: int, dirs: list[Path]) -> dict[str, float]:
    from netscan.identify import identify
    from netscan.observations import load_path
    from netscan.parsers import _cached_fields
    from netscan.sigdb import load_db

    base = [o for d in dirs for p in sorted(d.rglob("*.json")) for o in load_path(p)]
    # cold: a fresh database, each recorded observation identified once (every response parsed and
    # every field value matched for the first time), as a scan of that many different devices
    cold_db = load_db()
    once = [dataclasses.replace(o, responses=tuple(dataclasses.replace(r, request=f"{r.request} #cold") for r in o.responses))
            for o in base]
    _cached_fields.cache_clear()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for o in once:
        identify(o, cold_db)
    cold_s = time.perf_counter() - t0
    cold_cpu = time.process_time() - c0
    del cold_db, once
    t_load = time.perf_counter()
    db = load_db()
    load_s = time.perf_counter() - t_load
    obs = []
    for i in range(n):
        o = base[i % len(base)]
        resp = tuple(dataclasses.replace(r, request=f"{r.request} #{i}") for r in o.responses)
        obs.append(dataclasses.replace(o, ip=f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}", responses=resp))
    _cached_fields.cache_clear()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for o in obs:
        identify(o, db)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"observations": n, "distinct_recorded": len(base), "seconds": round(dt, 3), "seconds_per_10000": round(dt * 10_000 / n, 3),
            "cpu_seconds_per_10000": round(cpu * 10_000 / n, 3), "db_load_seconds": round(load_s, 3), "rules": len(db.rules),
            "cold_seconds_per_10000": round(cold_s * 10_000 / len(base), 3),
            "cold_cpu_seconds_per_10000": round(cold_cpu * 10_000 / len(base), 3)}


def _child(src: str | None, n: int, dirs: list[Path]) -> dict[str, float]:
    cmd = [sys.executable]
    env = dict(os.environ)
    if src:
        import yaml  # site-packages of this interpreter, for the dependencies

        site = str(Path(yaml.__file__).resolve().parent.parent)
        cmd.append("-S")
        env["PYTHONPATH"] = os.pathsep.join([src, site])
    cmd += [str(Path(__file__).resolve()), "--child", "--n", str(n), "--corpus", *map(str, dirs)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800, check=True)
    return json.loads(out.stdout)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--corpus", nargs="*", type=Path, default=[ROOT / "tests" / "corpus", ROOT / "tests" / "corpus_test"])
    ap.add_argument("--baseline-src", metavar="DIR")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(measure(a.n, a.corpus)))
        return 0
    if not a.baseline_src:
        print(json.dumps(_child(None, a.n, a.corpus), indent=2))
        return 0
    mine: list[float] = []
    base: list[float] = []
    mine_cpu: list[float] = []
    base_cpu: list[float] = []
    mine_load: list[float] = []
    base_load: list[float] = []
    cold: dict[str, list[float]] = {"this": [], "baseline": [], "this_cpu": [], "baseline_cpu": []}
    rules: dict[str, int] = {}
    for _ in range(a.rounds):
        got = _child(a.baseline_src, a.n, a.corpus)
        base.append(got["seconds_per_10000"])
        base_cpu.append(got.get("cpu_seconds_per_10000", float("nan")))
        base_load.append(got.get("db_load_seconds", float("nan")))
        rules["baseline"] = int(got.get("rules", 0))
        cold["baseline"].append(got["cold_seconds_per_10000"])
        cold["baseline_cpu"].append(got["cold_cpu_seconds_per_10000"])
        got = _child(None, a.n, a.corpus)
        mine.append(got["seconds_per_10000"])
        mine_cpu.append(got["cpu_seconds_per_10000"])
        mine_load.append(got["db_load_seconds"])
        rules["this"] = int(got["rules"])
        cold["this"].append(got["cold_seconds_per_10000"])
        cold["this_cpu"].append(got["cold_cpu_seconds_per_10000"])
    m, b = statistics.median(mine), statistics.median(base)
    ml, bl = statistics.median(mine_load), statistics.median(base_load)
    mc, bc = statistics.median(mine_cpu), statistics.median(base_cpu)
    cm = {k: statistics.median(v) for k, v in cold.items()}
    print(json.dumps({"observations": a.n, "corpus": [str(d) for d in a.corpus], "baseline_src": a.baseline_src,
                      "seconds_per_10000": m, "baseline_seconds_per_10000": b, "ratio": round(m / b, 3),
                      "cpu_seconds_per_10000": mc, "baseline_cpu_seconds_per_10000": bc, "cpu_ratio": round(mc / bc, 3),
                      "db_load_seconds": ml, "baseline_db_load_seconds": bl, "load_ratio": round(ml / bl, 3),
                      "cold_seconds_per_10000": cm["this"], "baseline_cold_seconds_per_10000": cm["baseline"],
                      "cold_ratio": round(cm["this"] / cm["baseline"], 3),
                      "cold_cpu_seconds_per_10000": cm["this_cpu"], "baseline_cold_cpu_seconds_per_10000": cm["baseline_cpu"],
                      "cold_cpu_ratio": round(cm["this_cpu"] / cm["baseline_cpu"], 3),
                      "load_average": os.getloadavg(), "cpus": os.cpu_count(),
                      "rules": rules,
                      "rounds": {"cold": cold, "this": mine, "baseline": base, "this_cpu": mine_cpu, "baseline_cpu": base_cpu,
                                 "this_load": mine_load, "baseline_load": base_load}}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
