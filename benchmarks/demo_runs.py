"""`netscan demo`, run N times as a new user runs it: is every video profile identified on its
FIRST scan, every time (issue 12's done-when: five runs out of five, realistic lab)?

    sudo .venv/bin/python benchmarks/demo_runs.py --prefix htim- --runs 5

Each run is the real command (`python -m netscan demo --prefix P --keep`): it brings the lab up
(realistic by default), scans it once from the scanner namespace and prints its table. The scan
records itself in the inventory; each run gets an inventory of its own (NETSCAN_DB), so the report
read back afterwards (`netscan report --db ... --format json`) is exactly that first scan. It is
compared with the lab's expectations (benchmarks/compare.py: vendor, brand, model, firmware, type
of every video profile; no non-camera called a camera) and every profile's expected findings;
then the lab is taken down. Results: benchmarks/results/demo-<N>runs-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from compare import compare  # noqa: E402

from netscan.lab import Lab  # noqa: E402
from netscan.model import VIDEO_TYPES  # noqa: E402


def missing_findings(doc: dict[str, Any], state: dict[str, Any]) -> list[str]:
    """Video profiles whose expected findings the scan did not report."""
    by_ip = {d["ip"]: d for d in doc.get("devices", [])}
    out = []
    for dev in state["devices"]:
        want = set(dev.get("expect_findings") or [])
        if dev["kind"] != "profile" or (dev.get("expect") or {}).get("device_type") not in VIDEO_TYPES or not want:
            continue
        got = by_ip.get(dev["ip"], {})
        ids = {f.get("id") for f in got.get("findings") or []} | {
            f"cve:{f['cve']}" for f in got.get("findings") or [] if f.get("cve")}
        lost = sorted(want - ids)
        if lost:
            out.append(f"{dev['name']}: findings missing {lost}")
    return out


def one_run(i: int, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    env = dict(os.environ, NETSCAN_DB=str(tmp / f"inventory-{i}.sqlite"), NO_COLOR="1", COLUMNS="200")
    html = tmp / f"demo-{i}.html"
    cmd = [sys.executable, "-m", "netscan", "demo", "--prefix", args.prefix, "--keep", "--html", str(html)]
    if args.instant:
        cmd.append("--instant")
    load = [round(x, 2) for x in os.getloadavg()]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=str(ROOT), env=env)
    wall = time.monotonic() - t0
    run: dict[str, Any] = {"run": i, "exit": proc.returncode, "demo_wall_s": round(wall, 2), "load_before": load,
                           "stderr_tail": proc.stderr[-600:]}
    try:
        state = Lab.status(prefix=args.prefix)
        if state is None:
            run["problems"] = ["the lab was not up after the demo"]
            return run
        rep = subprocess.run([sys.executable, "-m", "netscan", "report", "--db", env["NETSCAN_DB"], "--format", "json"],
                             capture_output=True, text=True, timeout=120, cwd=str(ROOT), env=env)
        if rep.returncode != 0:
            run["problems"] = [f"netscan report failed: {rep.stderr[-300:]}"]
            return run
        doc = json.loads(rep.stdout)
        sd = json.loads(json.dumps(state.to_dict()))
        problems, counts = compare(doc, sd)
        problems += missing_findings(doc, sd)
        scans = subprocess.run([sys.executable, "-m", "netscan", "inventory", "scans", "--db", env["NETSCAN_DB"]],
                               capture_output=True, text=True, timeout=60, cwd=str(ROOT), env=env)
        scan_line = [line for line in scans.stdout.splitlines() if line.strip()][-1:] if scans.returncode == 0 else []
        scan_head = doc.get("scan", {})
        run.update(counts=counts, problems=problems, scan_start=scan_head.get("start"), scan_end=scan_head.get("end"),
                   scans_in_inventory=scans.stdout.count("\n") if scans.returncode == 0 else None,
                   inventory_last_scan=scan_line, seed=sd.get("seed"), realistic=sd.get("realistic"))
        if scan_head.get("start") and scan_head.get("end"):
            s = dt.datetime.fromisoformat(str(scan_head["start"]).replace("Z", "+00:00"))
            e = dt.datetime.fromisoformat(str(scan_head["end"]).replace("Z", "+00:00"))
            run["scan_s"] = round((e - s).total_seconds(), 2)
        return run
    finally:
        Lab.down(prefix=args.prefix)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--prefix", default="nsdemo-")
    ap.add_argument("--instant", action="store_true", help="the instant lab instead of the realistic one")
    args = ap.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="netscan-demo-runs-") as tmp:
        for i in range(1, max(args.runs, 1) + 1):
            r = one_run(i, args, Path(tmp))
            runs.append(r)
            c = r.get("counts", {})
            print(f"run {i}: exit {r['exit']}, {c.get('identified')}/{c.get('profiles')} video profiles exact, "
                  f"{len(r.get('problems', []))} problems, scan {r.get('scan_s')} s, demo {r['demo_wall_s']} s, "
                  f"load {r['load_before']}", flush=True)
            for p in r.get("problems", [])[:20]:
                print("   ", p)
    ok = sum(1 for r in runs if r["exit"] == 0 and not r.get("problems")
             and r.get("counts", {}).get("identified") == r.get("counts", {}).get("profiles"))
    result = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "command": "netscan demo --keep",
              "lab": "instant" if args.instant else "realistic", "runs": runs, "all_first_scans_exact": ok,
              "of": len(runs), "cpus": os.cpu_count()}
    out = ROOT / "benchmarks" / "results" / f"demo-{len(runs)}runs-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"{ok} of {len(runs)} runs identified every video profile on the first scan -> {out}")
    return 0 if ok == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
