"""How fast the virtual lab comes up and answers: the figures the lab tests used to assert as fixed
wall-clock limits (tests assert behaviour; the timing lives here, with the machine's load).

    sudo .venv/bin/python benchmarks/lab_timings.py --prefix hcl-b [--hosts 1000] [--stall-seconds 9.5]

1. ``Lab.up(hosts=N)`` (default 1000 plain hosts plus the profiles): the wall time, the lab's own
   ``up_seconds``/``ready_seconds``, whether every host answers ARP from the scanner namespace, and
   how long ``Lab.down`` takes.
2. An instant lab of 40 hosts: the first request to every device's web or RTSP port right after
   ``lab up`` (time to first byte), then one ``GET /`` to a camera every 20 ms across a round of
   the emulator's chatter (the emulator used to stall ~0.9 s every round): requests, slowest,
   median and 99th percentile.

The 1-minute load average is recorded before and after each part (a 2-core machine shared with
other work runs everything slower). Results: benchmarks/results/lab-timings-<timestamp>.json.
Every lab is brought up under ``--prefix`` variants and always taken down.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netscan.lab import Lab, LabState  # noqa: E402
from netscan.lab.readiness import first_request_ops, plain_http_port  # noqa: E402

LABCLIENT = ROOT / "tests" / "lab" / "labclient.py"
#: One GET / every 20 ms, as the lab test did; each request may take this long before it counts as lost.
STALL_PROBE = """
import json, socket, sys, time
ip, end = sys.argv[1], time.monotonic() + float(sys.argv[2])
took, lost = [], 0
while time.monotonic() < end:
    t0 = time.monotonic()
    try:
        with socket.create_connection((ip, 80), 5) as s:
            s.settimeout(5)
            s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")
            s.recv(16)
        took.append(time.monotonic() - t0)
    except OSError:
        lost += 1
    time.sleep(0.02)
print(json.dumps({"took": took, "lost": lost}))
"""


def load() -> float:
    return round(os.getloadavg()[0], 2)


def client(state: LabState, ops: list[dict[str, Any]], timeout: float = 180.0) -> list[Any]:
    proc = state.run_in_scanner([sys.executable, str(LABCLIENT)], input=json.dumps(ops), capture_output=True,
                                text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"labclient failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def big_lab(prefix: str, hosts: int) -> dict[str, Any]:
    out: dict[str, Any] = {"hosts": hosts, "load_before": load()}
    t0 = time.monotonic()
    try:
        state = Lab.up(hosts=hosts, prefix=prefix)
        out["up_wall_s"] = round(time.monotonic() - t0, 2)
        out["up_seconds"] = round(state.up_seconds, 2)
        out["ready_seconds"] = round(state.ready_seconds, 2)
        out["devices"] = len(state.devices)
        (got,) = client(state, [{"op": "arp", "iface": state.scanner_iface, "ips": [d.ip for d in state.devices], "timeout": 3}])
        out["arp_answered"] = sum(1 for d in state.devices if got.get(d.ip) == d.mac)
        out["load_up"] = load()
    finally:
        t1 = time.monotonic()
        Lab.down(prefix=prefix)
        out["down_s"] = round(time.monotonic() - t1, 2)
    out["load_after"] = load()
    return out


def readiness_and_stall(prefix: str, seconds: float) -> dict[str, Any]:
    out: dict[str, Any] = {"load_before": load()}
    state = Lab.up(hosts=40, prefix=prefix)
    try:
        ops = first_request_ops(state.profile_devices, 5.0)
        first = [r.get("first_byte") for r in client(state, ops)]
        answered = sorted(x for x in first if x is not None)
        out["first_request"] = {"requests": len(ops), "answered": len(answered),
                                "max_s": round(max(answered), 3) if answered else None,
                                "median_s": round(statistics.median(answered), 3) if answered else None}
        cam = next(d for d in state.profile_devices if plain_http_port(d) == 80 and not d.hostile)
        proc = state.run_in_scanner([sys.executable, "-c", STALL_PROBE, cam.ip, str(seconds)], capture_output=True,
                                    text=True, timeout=seconds + 60)
        res = json.loads(proc.stdout)
        took = sorted(res["took"])
        out["stall"] = {"seconds": seconds, "requests": len(took), "lost": res["lost"],
                        "worst_s": round(took[-1], 3) if took else None,
                        "median_s": round(statistics.median(took), 4) if took else None,
                        "p99_s": round(took[int(0.99 * (len(took) - 1))], 3) if took else None}
        out["load_after"] = load()
    finally:
        Lab.down(prefix=prefix)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--prefix", required=True, help="lab prefix (yours; two labs are made from it)")
    ap.add_argument("--hosts", type=int, default=1000)
    ap.add_argument("--stall-seconds", type=float, default=9.5)
    args = ap.parse_args()
    p = args.prefix.rstrip("-")[:5]
    result = {"benchmark": "lab_timings", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "cpus": os.cpu_count(), "machine": "shared; see load_* fields",
              "big_lab": big_lab(f"{p}bx-", args.hosts),
              "instant_lab": readiness_and_stall(f"{p}ry-", args.stall_seconds)}
    out = ROOT / "benchmarks" / "results" / f"lab-timings-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
