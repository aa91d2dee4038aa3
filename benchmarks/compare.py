"""Compare a netscan JSON report with the running lab's expectations (used by tests and benchmarks).

Usage: python benchmarks/compare.py REPORT.json [STATE.json]
Prints one line per mismatch and a summary; exit status 0 when everything matches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from netscan.model import VIDEO_TYPES

FIELDS = ("vendor", "brand", "model", "firmware")


def compare(report: dict[str, Any], state: dict[str, Any]) -> tuple[list[str], dict[str, int]]:
    """Mismatches between a report and the lab state, and counts."""
    by_ip = {d["ip"]: d for d in report.get("devices", [])}
    problems: list[str] = []
    counts = {"lab_hosts": 0, "found": 0, "profiles": 0, "identified": 0, "false_cameras": 0}
    for dev in state["devices"]:
        counts["lab_hosts"] += 1
        got = by_ip.get(dev["ip"])
        if got is None:
            problems.append(f"missing host {dev['ip']} ({dev['name']})")
            continue
        counts["found"] += 1
        exp = dev.get("expect") or {}
        is_video = exp.get("device_type") in VIDEO_TYPES
        if dev["kind"] == "profile" and is_video:
            counts["profiles"] += 1
            bad = [f"{k}: want {exp.get(k)!r} got {got.get(k)!r}" for k in FIELDS if exp.get(k) != got.get(k)]
            if got.get("device_type") not in VIDEO_TYPES:
                bad.append(f"device_type: want {exp.get('device_type')!r} got {got.get('device_type')!r}")
            if bad:
                problems.append(f"{dev['name']} {dev['ip']}: " + "; ".join(bad))
            else:
                counts["identified"] += 1
        elif got.get("device_type") in VIDEO_TYPES:
            counts["false_cameras"] += 1
            problems.append(f"{dev['name']} {dev['ip']}: not a camera but reported as {got.get('device_type')}")
    return problems, counts


def main(argv: list[str]) -> int:
    report = json.loads(Path(argv[1]).read_text())
    state_path = Path(argv[2]) if len(argv) > 2 else Path("/run/netscan-lab/nslab/state.json")
    state = json.loads(state_path.read_text())
    problems, counts = compare(report, state)
    for p in problems:
        print(p)
    print(json.dumps(counts))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
