"""netscan and nmap side by side in the same virtual lab, same run, equivalent work.

    sudo .venv/bin/python benchmarks/run.py            # /24 lab; nmap inventory included (~3 min)
    sudo .venv/bin/python benchmarks/run.py --hosts 1000 --no-nmap-inventory   # the /22
    sudo .venv/bin/python benchmarks/run.py --realistic --repeat 1             # the realistic lab (docs/lab.md)

Steps, each timed as a whole process from the lab's scanner namespace (start-up included):
  1. nmap -sn -PR -n SUBNET                         vs  netscan scan --hosts-only SUBNET
  2. nmap -sS -sV -T4 --script banner,http-title,rtsp-methods -p PORTS (hosts from 1)
                                                    vs  netscan scan SUBNET (discovery, ports,
                                                        enrichment, identification, findings)
Reported per step: wall time, CPU (user+sys), peak RSS, packets sent on the scanner interface,
hosts found, camera/NVR profiles identified exactly (benchmarks/compare.py).

With ``--realistic`` the lab is ``lab up --realistic`` (slow devices, multicast-silent devices, 1%
loss, a routed segment, a second scanner interface); every step scans all its subnets, netscan's
inventory runs first (the first scan after ``lab up``), nmap's inventory is bounded
(``--host-timeout``), and the slowest device's floor is reported: the least time any scanner needs
to hear it through three dependent exchanges (an answer, the request it points to, the one that
answer points to) at its worst delay, plus its slow first request after idle. Results go to
benchmarks/results/<lab>-<timestamp>.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
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
from netscan.limits import DEFAULT_PORTS  # noqa: E402

TIME = "/usr/bin/time"


def tx_packets(state: Any) -> int:
    p = state.run_in_scanner(["cat", f"/sys/class/net/{state.scanner_iface}/statistics/tx_packets"],
                             capture_output=True, text=True, timeout=10)
    return int(p.stdout.strip() or 0)


SETTLE = r"""
import asyncio, sys, time
from netscan.probes import arp
from netscan.probes.base import ProbeContext
from netscan.limits import Timeouts
async def main():
    ctx = ProbeContext(timeouts=Timeouts(arp_max=0.3))
    t = time.monotonic()
    while time.monotonic() - t < 60:
        if (await arp.sweep(ctx, sys.argv[1], sys.argv[2], sys.argv[3:])).found:
            return
        await asyncio.sleep(0.5)
asyncio.run(main())
"""


def settle(state: Any) -> None:
    """Wait until the lab answers ARP again: every broadcast is cloned to every emulated host by
    the macvlan broadcast queue (1,000 frames), which takes seconds to drain after a /21 sweep.
    Real switches have no such queue; without this, one step would measure the previous one."""
    lan = [d for d in state.devices if getattr(d, "segment", "lan") == "lan"]
    sample = [d.ip for d in lan[-3:]]
    state.run_in_scanner([sys.executable, "-c", SETTLE, state.scanner_iface, state.scanner_ip, *sample],
                         capture_output=True, text=True, timeout=90, cwd=str(ROOT))


def loadavg() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages (what `uptime` shows): wall times on a shared
    2-core machine are only comparable within one run, and only read with the load beside them."""
    return [round(x, 2) for x in os.getloadavg()]


def measure(state: Any, argv: list[str], timeout: float = 1800) -> dict[str, Any]:
    """Run argv in the scanner namespace under /usr/bin/time; wall, cpu, rss, packets, output."""
    settle(state)
    load = loadavg()
    before = tx_packets(state)
    t0 = time.monotonic()
    p = state.run_in_scanner([TIME, "-f", "TIME %e %U %S %M", *argv], capture_output=True, text=True, timeout=timeout,
                             cwd=str(ROOT))
    wall = time.monotonic() - t0
    sent = tx_packets(state) - before
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", p.stderr)
    return {
        "argv": " ".join(argv), "exit": p.returncode, "wall_s": round(wall, 3), "load_before": load,
        "cpu_s": round(float(m.group(2)) + float(m.group(3)), 3) if m else None,
        "peak_rss_mb": round(int(m.group(4)) / 1024, 1) if m else None,
        "packets_sent": sent, "stdout": p.stdout, "stderr_tail": p.stderr[-500:],
    }


def nmap_hosts(out: str) -> list[str]:
    return re.findall(r"Nmap scan report for (\S+)", out)


def _on_term(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so the lab is taken down by the finally below


#: Dependent exchanges before a device is identified at best: an answer, the request it points
#: to (a vendor endpoint, ONVIF), the request that answer points to (GetDeviceInformation, media).
FLOOR_EXCHANGES = 3


def floor(state: Any) -> dict[str, Any]:
    """The slowest device's floor: its slow first request after idle plus FLOOR_EXCHANGES dependent
    exchanges at its worst delay (no scanner can identify it faster)."""
    best: dict[str, Any] = {"seconds": 0.0, "device": None}
    for d in state.profile_devices:
        delay = getattr(d, "delay_s", (0.0, 0.0))
        worst = max(delay) if delay else 0.0
        f = float(getattr(d, "idle_delay_s", 0.0)) + FLOOR_EXCHANGES * float(worst)
        if f > best["seconds"]:
            best = {"seconds": round(f, 2), "device": d.name, "delay_s": list(delay),
                    "idle_delay_s": getattr(d, "idle_delay_s", 0.0)}
    return best


def main() -> int:
    signal.signal(signal.SIGTERM, _on_term)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hosts", type=int, default=154, help="plain hosts beside the profiles (154 fills a /24)")
    ap.add_argument("--no-nmap-inventory", action="store_true", help="skip nmap -sV (minutes on a /22)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each fast step (the median is reported)")
    ap.add_argument("--prefix", default="nsbench-")
    ap.add_argument("--with-hostile", action="store_true",
                    help="keep the hostile profiles (nmap -sV then waits minutes on the slow-drip tarpit)")
    ap.add_argument("--realistic", action="store_true", help="lab up --realistic (docs/lab.md), all its subnets")
    ap.add_argument("--nmap-host-timeout", default="120s", help="nmap inventory: --host-timeout (bounds it)")
    args = ap.parse_args()
    from netscan.lab.config import PROFILES_DIR

    pdir = Path(tempfile.mkdtemp(prefix="netscan-bench-profiles-"))
    # netscan's inventory steps record into an inventory of their own (a new user's: this network's
    # scans only), not the machine's shared default one that other runs keep growing
    os.environ.setdefault("NETSCAN_DB", str(pdir / "inventory.sqlite"))
    for f in sorted(Path(PROFILES_DIR).glob("*.json")):
        if args.with_hostile or not f.name.startswith("hostile-"):
            shutil.copy(f, pdir / f.name)
    state = Lab.up(profiles_dir=pdir, hosts=args.hosts, prefix=args.prefix, realistic=args.realistic)
    targets = list(state.scan_targets) if args.realistic else [state.subnet]
    results: dict[str, Any] = {"lab": {"subnet": state.subnet, "targets": targets, "hosts": len(state.devices),
                                       "profiles": len(state.profile_devices), "realistic": args.realistic},
                               "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                               "load_start": loadavg(), "cpus": os.cpu_count(),
                               "inventory": "netscan records every inventory scan in NETSCAN_DB=" + os.environ["NETSCAN_DB"]}
    if args.realistic:
        results["lab"]["floor"] = floor(state)
    py = sys.executable
    try:
        def median(runs: list[dict[str, Any]]) -> dict[str, Any]:
            runs = sorted(runs, key=lambda r: r["wall_s"])
            best = dict(runs[len(runs) // 2])
            best["runs_wall_s"] = [r["wall_s"] for r in runs]
            if all("counts" in r for r in runs):  # every run's hosts found / cameras identified, not only the median's
                best["runs_found"] = [r["counts"]["found"] for r in runs]
                best["runs_identified"] = [r["counts"]["identified"] for r in runs]
            return best

        def inventory() -> dict[str, Any]:
            runs = []
            with tempfile.TemporaryDirectory() as tmp:
                for i in range(args.repeat):
                    out = Path(tmp) / f"r{i}.json"
                    r = measure(state, [py, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                                        *targets])
                    doc = json.loads(out.read_text())
                    problems, counts = compare(doc, json.loads(json.dumps(state.to_dict())))
                    r.update(counts=counts, problems=problems[:50], hosts_found=len(doc["devices"]),
                             video_devices=doc["scan"]["counts"].get("video_devices"))
                    runs.append(r)
            return median(runs)

        # the realistic lab: the first scan after lab up is netscan's inventory (what a user sees)
        first_inv = inventory() if args.realistic else None
        # 1. host discovery
        nsn = median([measure(state, ["nmap", "-sn", "-n", *(["-PR"] if not args.realistic else []), *targets])
                      for _ in range(args.repeat)])
        nsn["hosts_found"] = len(nmap_hosts(nsn["stdout"])) - 1  # minus the scanner itself
        hosts = [h for h in nmap_hosts(nsn["stdout"]) if h != state.scanner_ip]
        ho = median([measure(state, [py, "-m", "netscan", "scan", "--hosts-only", "--quiet", "--format", "jsonl",
                                     *targets]) for _ in range(args.repeat)])
        ho["hosts_found"] = sum(1 for line in ho["stdout"].splitlines() if '"ip"' in line and '"scan"' not in line[:9])
        # 2. inventory
        inv = first_inv if first_inv is not None else inventory()
        results["steps"] = {"nmap_sn": nsn, "netscan_hosts_only": ho, "netscan_inventory": inv}
        if not args.no_nmap_inventory:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
                fh.write("\n".join(hosts) + "\n")
            ports = ",".join(str(p) for p in DEFAULT_PORTS)
            nsv = measure(state, ["nmap", "-sS", "-sV", "-T4", "-n", "-Pn", "--host-timeout", args.nmap_host_timeout,
                                  "--script", "banner,http-title,rtsp-methods", "-p", ports, "-iL", fh.name], timeout=1200)
            nsv["hosts_reported"] = len(nmap_hosts(nsv["stdout"]))
            results["steps"]["nmap_inventory"] = nsv
            Path(fh.name).unlink()
        for s in results["steps"].values():
            s.pop("stdout", None)
    finally:
        Lab.down(prefix=args.prefix)
        shutil.rmtree(pdir, ignore_errors=True)
    st = results["steps"]
    ratios: dict[str, Any] = {
        "hosts_only_vs_nmap_sn": round(st["netscan_hosts_only"]["wall_s"] / st["nmap_sn"]["wall_s"], 3),
        "inventory_vs_nmap_sn": round(st["netscan_inventory"]["wall_s"] / st["nmap_sn"]["wall_s"], 3),
    }
    if "nmap_inventory" in st:
        nmap_total = st["nmap_sn"]["wall_s"] + st["nmap_inventory"]["wall_s"]
        ratios["inventory_vs_nmap_inventory"] = round(st["netscan_inventory"]["wall_s"] / nmap_total, 4)
        ratios["nmap_inventory_total_s"] = round(nmap_total, 1)
    if args.realistic:
        fl = results["lab"]["floor"]["seconds"]
        ratios["floor_s"] = fl
        ratios["floor_vs_nmap_sn"] = round(fl / st["nmap_sn"]["wall_s"], 3)
    results["ratios"] = ratios
    results["load_end"] = loadavg()
    outdir = ROOT / "benchmarks" / "results"
    outdir.mkdir(exist_ok=True)
    name = (f"{'realistic-' if args.realistic else ''}{'slash' + state.subnet.split('/')[1]}-"
            f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json")
    (outdir / name).write_text(json.dumps(results, indent=1) + "\n")
    print(f"lab {state.subnet}: {len(state.devices)} hosts, {len(state.profile_devices)} profiles -> {outdir / name}")
    print("| step | wall s | CPU s | peak RSS MB | packets | hosts | identified |")
    print("|---|---|---|---|---|---|---|")
    for key, s in st.items():
        ident = s.get("counts", {}).get("identified")
        total = s.get("counts", {}).get("profiles")
        hosts = s.get("hosts_found", s.get("hosts_reported", ""))
        print(f"| {key} | {s['wall_s']} | {s['cpu_s']} | {s['peak_rss_mb']} | {s['packets_sent']} | {hosts} | "
              f"{'' if ident is None else f'{ident}/{total}'} |")
    print(json.dumps(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
