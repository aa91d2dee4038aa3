#!/usr/bin/env python3
"""Identification speed: ``identify`` of N observations (default 10,000), built by repeating the
recorded corpus with distinct addresses and request tags so every response is parsed afresh, as in a
real scan. Reports seconds per 10,000 observations, warm (the 10,000 re-tagged observations on one
database: every response parsed afresh, a value matched before comes from the database's memo) and
cold (a fresh database, each recorded observation identified once: every response parsed and every
value matched for the first time), wall-clock and CPU, and the machine's load average at the end.
A full collection (``gc.collect``, not timed) runs before each timed phase.

    .venv/bin/python benchmarks/identify_speed.py [--n N] [--corpus DIR ...] [--baseline-src DIR ...] [--rounds R]

``--baseline-src DIR`` times another checkout's ``netscan`` package (e.g. /work/main) on the same
observations in the same run, rounds alternating, and reports the ratio; given more than once (or
with several directories), every baseline is timed in each round and reported under ``baselines``
(the first one also in the top-level ``baseline_*`` keys). Each measuring process also reports its
peak resident memory (``ru_maxrss``: signature database, observations and identification) (this machine is shared:
only side-by-side ratios mean anything; the CPU time of the identifying process is reported beside
the wall-clock time, as it is less disturbed by other work on the machine). The corpus must be readable by both trees (use the
pre-issue-11 tests/corpus when the baseline predates the tplink/ubnt/dvrip protocols).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(n: int, dirs: list[Path]) -> dict[str, float]:
    import resource

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
    gc.collect()  # (not timed: a collection the set-up left due does not land in the timed pass)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for o in once:
        identify(o, cold_db)
    cold_s = time.perf_counter() - t0
    cold_cpu = time.process_time() - c0
    del cold_db, once
    gc.collect()
    t_load = time.perf_counter()
    db = load_db()
    load_s = time.perf_counter() - t_load
    obs = []
    for i in range(n):
        o = base[i % len(base)]
        resp = tuple(dataclasses.replace(r, request=f"{r.request} #{i}") for r in o.responses)
        obs.append(dataclasses.replace(o, ip=f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}", responses=resp))
    _cached_fields.cache_clear()
    gc.collect()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for o in obs:
        identify(o, db)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"observations": n, "distinct_recorded": len(base), "seconds": round(dt, 3), "seconds_per_10000": round(dt * 10_000 / n, 3),
            "cpu_seconds_per_10000": round(cpu * 10_000 / n, 3), "db_load_seconds": round(load_s, 3), "rules": len(db.rules),
            "cold_seconds_per_10000": round(cold_s * 10_000 / len(base), 3),
            "cold_cpu_seconds_per_10000": round(cold_cpu * 10_000 / len(base), 3),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


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


#: Figures each measuring process reports, medians compared across trees.
_FIGURES = ("seconds_per_10000", "cpu_seconds_per_10000", "db_load_seconds", "cold_seconds_per_10000",
            "cold_cpu_seconds_per_10000", "peak_rss_mib")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--corpus", nargs="*", type=Path, default=[ROOT / "tests" / "corpus", ROOT / "tests" / "corpus_test"])
    ap.add_argument("--baseline-src", metavar="DIR", nargs="+", action="extend", default=[])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(measure(a.n, a.corpus)))
        return 0
    if not a.baseline_src:
        print(json.dumps(_child(None, a.n, a.corpus), indent=2))
        return 0
    load_start = os.getloadavg()
    trees: list[str | None] = [*a.baseline_src, None]  # None: this tree (timed last in each round)
    got: dict[str | None, dict[str, list[float]]] = {t: {k: [] for k in _FIGURES} for t in trees}
    rules: dict[str | None, int] = {}
    for _ in range(a.rounds):
        for t in trees:
            one = _child(t, a.n, a.corpus)
            for k in _FIGURES:
                got[t][k].append(float(one.get(k, float("nan"))))
            rules[t] = int(one.get("rules", 0))
    med = {t: {k: statistics.median(v) for k, v in got[t].items()} for t in trees}
    mine = med[None]

    def ratios(t: str) -> dict[str, float]:
        b = med[t]
        return {"ratio": round(mine["seconds_per_10000"] / b["seconds_per_10000"], 3),
                "cpu_ratio": round(mine["cpu_seconds_per_10000"] / b["cpu_seconds_per_10000"], 3),
                "load_ratio": round(mine["db_load_seconds"] / b["db_load_seconds"], 3),
                "cold_ratio": round(mine["cold_seconds_per_10000"] / b["cold_seconds_per_10000"], 3),
                "cold_cpu_ratio": round(mine["cold_cpu_seconds_per_10000"] / b["cold_cpu_seconds_per_10000"], 3),
                "peak_rss_ratio": round(mine["peak_rss_mib"] / b["peak_rss_mib"], 3)}

    first = a.baseline_src[0]
    b0 = med[first]
    out: dict[str, object] = {
        "observations": a.n, "corpus": [str(d) for d in a.corpus], "baseline_src": first,
        "seconds_per_10000": mine["seconds_per_10000"], "baseline_seconds_per_10000": b0["seconds_per_10000"],
        "cpu_seconds_per_10000": mine["cpu_seconds_per_10000"], "baseline_cpu_seconds_per_10000": b0["cpu_seconds_per_10000"],
        "db_load_seconds": mine["db_load_seconds"], "baseline_db_load_seconds": b0["db_load_seconds"],
        "cold_seconds_per_10000": mine["cold_seconds_per_10000"], "baseline_cold_seconds_per_10000": b0["cold_seconds_per_10000"],
        "cold_cpu_seconds_per_10000": mine["cold_cpu_seconds_per_10000"],
        "baseline_cold_cpu_seconds_per_10000": b0["cold_cpu_seconds_per_10000"],
        "peak_rss_mib": mine["peak_rss_mib"], "baseline_peak_rss_mib": b0["peak_rss_mib"],
        **ratios(first),
        "baselines": {t: {**med[t], **ratios(t), "rules": rules[t]} for t in a.baseline_src},
        "load_average_start": load_start, "load_average": os.getloadavg(), "cpus": os.cpu_count(),
        "rules": {"this": rules[None], **{t: rules[t] for t in a.baseline_src}},
        "rounds": {("this" if t is None else t): got[t] for t in trees},
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
