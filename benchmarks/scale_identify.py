"""Memory and time of ``netscan identify`` on a generated observation file of N devices (issue 16:
100,000 devices must stay under 1 GB; JSON output must stream).

    python benchmarks/scale_identify.py [N] [--formats json,jsonl,csv,table] [--out benchmarks/results]

The devices are the recorded responses of tests/corpus and the lab profiles, cycled, each with its
own address and MAC (so identification and findings do their full work per device). Each format is
a separate ``netscan identify FILE --format F -o /dev/null`` process, measured by GNU time (peak
RSS, wall and CPU seconds). Results are printed and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "corpus", ROOT / "netscan" / "lab" / "profiles")


def templates() -> list[dict]:
    out = []
    for src in SOURCES:
        for p in sorted(src.rglob("*.json")):
            try:
                data = json.loads(p.read_text())
            except ValueError:
                continue
            for d in data if isinstance(data, list) else [data]:
                if isinstance(d, dict) and d.get("responses") and not d.get("hostile"):
                    out.append({"responses": [r for r in d["responses"] if len(r.get("raw", "")) < 20000][:12],
                                "open_ports": [x for x in d.get("open_ports", []) if isinstance(x, int)]})
    return out


def generate(path: Path, n: int) -> int:
    tpl = templates()
    with open(path, "w") as fh:
        for i in range(n):
            t = tpl[i % len(tpl)]
            ip = f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"
            mac = "02:00:%02x:%02x:%02x:%02x" % (i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255)
            fh.write(json.dumps({"ip": ip, "mac": mac, "responses": t["responses"], "open_ports": t["open_ports"]}) + "\n")
    return path.stat().st_size


def measure(obs: Path, fmt: str) -> dict:
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "netscan", "identify", str(obs), "--format", fmt, "-o", "/dev/null",
           "--now", "2026-12-01T00:00:00Z"]
    t = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.monotonic() - t
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", r.stderr).group(1))
    return {"format": fmt, "exit": r.returncode, "wall_s": round(wall, 1), "cpu_user_s": user, "peak_rss_mb": round(rss / 1024, 1),
            "stderr_tail": r.stderr.split("\tCommand being timed")[0].strip()[-300:]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--formats", default="json,jsonl,csv,table")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="netscan-scale-") as tmp:
        obs = Path(tmp) / "obs.jsonl"
        size = generate(obs, args.n)
        print(f"{args.n} devices, observation file {size / 1e6:.0f} MB", flush=True)
        rows = []
        for fmt in args.formats.split(","):
            row = measure(obs, fmt)
            print(json.dumps(row), flush=True)
            rows.append(row)
    result = {"benchmark": "scale_identify", "devices": args.n, "observation_bytes": size, "python": platform.python_version(),
              "cpus": os.cpu_count(), "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": rows}
    out = Path(args.out) / f"scale-identify-{args.n}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"written {out}")


if __name__ == "__main__":
    main()
