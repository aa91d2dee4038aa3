"""``netscan demo``: bring the virtual lab up, scan it from its isolated scanner namespace with the
real scanner, show the inventory and findings, write an HTML report, and take the lab down again,
also on Ctrl-C or failure."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from netscan.cli.exitcodes import ExitCode
from netscan.cli.output import terminal_width, use_color
from netscan.cli.scan import ENGINE_NAMES, engine_name
from netscan.errors import LabError
from netscan.model import Report
from netscan.report import render
from netscan.report.table import renderables


def register(sub: Any) -> None:
    """Add the ``demo`` sub-command."""
    p = sub.add_parser("demo", help="scan a virtual lab of emulated cameras (root; touches no real network)",
                       description="Start the virtual lab, scan it from the lab's scanner namespace, show the results, "
                       "write an HTML report and take the lab down.")
    p.add_argument("--html", metavar="FILE", default="netscan-demo-report.html", help="where to write the HTML report (default: %(default)s)")
    p.add_argument("--hosts", type=int, default=40, metavar="N", help="plain hosts to add beside the device profiles (default: %(default)s)")
    p.add_argument("--engine", type=engine_name, choices=ENGINE_NAMES, default="netscan",
                   help="scan engine (default: %(default)s)")
    p.add_argument("--prefix", "--lab-prefix", dest="prefix", default="nslab-", metavar="PREFIX",
                   help="name prefix of the lab's namespaces and links (default: %(default)s)")
    p.add_argument("--instant", action="store_true",
                   help="use the instant lab (every device answers at once, all on one LAN) instead of the realistic one")
    p.add_argument("--seed", type=int, default=None, metavar="N", help="seed of the realistic lab's mix (default: a fixed one)")
    p.add_argument("--keep", action="store_true", help="leave the lab up afterwards (take it down with `netscan lab down`)")
    p.set_defaults(func=run)


def _iface_args(ifaces: list[str]) -> list[str]:
    """``--iface`` for each scanner interface when ``scan`` takes several (multicast discovery then
    goes out on each); otherwise none: the scanner picks the first target's interface and reaches
    the second LAN through its route."""
    if len(ifaces) < 2:
        return []
    from netscan.cli import build_parser

    try:
        ns = build_parser(only="scan").parse_args(["scan", "--iface", ifaces[0], "--iface", ifaces[1], "x"])
    except SystemExit:
        return []
    if getattr(ns, "iface", None) != ifaces[:2]:
        return []
    return [arg for name in ifaces for arg in ("--iface", name)]


def _on_term(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Run the demo; the lab always comes down unless --keep."""
    if os.geteuid() != 0:
        sys.stderr.write("netscan: the demo builds network namespaces and needs root (try: sudo bash scripts/demo.sh)\n")
        return int(ExitCode.NEEDS_ROOT)
    if not 0 <= args.hosts <= 1000:
        sys.stderr.write("netscan: --hosts must be between 0 and 1000\n")
        return int(ExitCode.USAGE)
    from netscan.lab import Lab

    tty = sys.stdout.isatty()
    err = Console(stderr=True, highlight=False, no_color=not use_color(args, sys.stderr.isatty()))
    width = terminal_width(tty)
    out = Console(highlight=False, width=width, no_color=not use_color(args, tty))
    old = signal.signal(signal.SIGTERM, _on_term)
    try:
        t0 = time.monotonic()
        err.print("Starting the virtual lab (network namespaces; nothing leaves this machine)…")
        state = Lab.up(hosts=args.hosts, prefix=args.prefix, realistic=not args.instant, seed=args.seed)
        where = ", ".join(state.scan_targets)
        err.print(f"Lab up in {time.monotonic() - t0:.1f} s: {len(state.devices)} hosts in {where}, "
                  f"{len(state.profile_devices)} of them emulated devices. Scanning from namespace {state.scanner_netns}…")
        if state.realistic:
            slow = [d for d in state.profile_devices if d.slow]
            err.print(f"Realistic lab (seed {state.seed}): {len(slow)} slow devices (up to "
                      f"{max((d.max_delay_s for d in slow), default=0):.1f} s per answer), "
                      f"{sum(d.multicast_silent for d in state.devices)} ignore multicast, "
                      f"{len(state.segment_devices('routed'))} behind a router, "
                      f"{len(state.segment_devices('lan2'))} on the scanner's second interface, "
                      f"{state.loss_pct:g}% packet loss.")
        with tempfile.TemporaryDirectory(prefix="netscan-demo-") as tmp:
            report = Path(tmp) / "scan.json"
            t1 = time.monotonic()
            # an inventory of the demo's own: the lab's made-up devices never enter the user's inventory
            inventory = Path(tmp) / "demo-inventory.sqlite"
            proc = state.run_in_scanner(
                [sys.executable, "-m", "netscan", "scan", "--quiet", "--engine", args.engine, "--db", str(inventory),
                 "--format", "json", "--output", str(report), *_iface_args(state.scanner_ifaces), *state.scan_targets],
                timeout=600, capture_output=True, text=True,
            )
            elapsed = time.monotonic() - t1
            if proc.returncode not in (0, int(ExitCode.FINDINGS)) or not report.exists():
                sys.stderr.write(proc.stderr[-2000:])
                sys.stderr.write(f"netscan: the lab scan failed (exit {proc.returncode})\n")
                return int(ExitCode.ERROR)
            doc = Report.from_dict(json.loads(report.read_text(encoding="utf-8")))
        out.print(renderables(doc, width))
        Path(args.html).write_text(render(doc, "html"), encoding="utf-8")
        err.print(f"Scanned {where} in {elapsed:.1f} s. HTML report: {os.path.abspath(args.html)}")
        return int(ExitCode.OK)
    except LabError as exc:
        sys.stderr.write(f"netscan: lab: {exc}\n")
        return int(ExitCode.ERROR)
    except KeyboardInterrupt:
        sys.stderr.write("netscan: interrupted; taking the lab down\n")
        return int(ExitCode.INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, old)
        if not args.keep:
            Lab.down(prefix=args.prefix)
