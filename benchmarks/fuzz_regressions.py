"""CPU time of every input the fuzzer ever kept (tests/hostile/fuzz_regressions/): the test replays
them and checks they are handled; how long each takes is measured here, with the machine's load.

    .venv/bin/python benchmarks/fuzz_regressions.py [--repeat 5]

Each input is run ``--repeat`` times through its fuzz target (fuzz/targets.py); the smallest CPU
time (``time.process_time``) of the runs is kept, so other work on a shared machine counts as little
as it can. Results: benchmarks/results/fuzz-regressions-<timestamp>.json (per input, the slowest,
and the 1-minute load average before and after). A slow input is a regression when it takes as long
as the fuzzer's own per-input limit (``-timeout`` in fuzz/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "tests" / "hostile" / "fuzz_regressions"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "fuzz"))

from targets import TARGETS  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    load_before = round(os.getloadavg()[0], 2)
    inputs = []
    for d in sorted(p for p in REGRESSIONS.iterdir() if p.is_dir()):
        for path in sorted(p for p in d.iterdir() if p.is_file()):
            data = path.read_bytes()
            best = float("inf")
            for _ in range(args.repeat):
                t = time.process_time()
                TARGETS[d.name](data)
                best = min(best, time.process_time() - t)
            inputs.append({"target": d.name, "input": path.name, "bytes": len(data), "cpu_s": round(best, 6)})
    result = {"benchmark": "fuzz_regressions", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "repeat": args.repeat, "load_before": load_before, "load_after": round(os.getloadavg()[0], 2),
              "slowest": max(inputs, key=lambda x: x["cpu_s"]) if inputs else None, "inputs": inputs}
    out = ROOT / "benchmarks" / "results" / f"fuzz-regressions-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "inputs"}, indent=2))
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
