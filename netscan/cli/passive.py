"""``netscan passive --pcap FILE... | --iface IF [--seconds N]``: the inventory by listening.

Wires the stages like ``scan`` does: capture (libpcap, BPF) -> observations -> pipeline.analyse ->
report, with the same output options and exit codes. Nothing is ever sent (docs/passive.md).
Without capture rights, live mode says so in one line and exits 6 (NEEDS_ROOT).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from netscan.cli.args import signatures_dir
from netscan.cli.outfile import Output
from netscan.cli.run_output import add_analysis_options, add_report_options, deliver, plan_outputs, save_observations
from netscan.errors import UsageError

#: Longest --seconds accepted (a day; longer listening is a job for `watch`/a service).
MAX_SECONDS = 86400.0


def register(sub: Any) -> None:
    """Add the ``passive`` sub-command."""
    p = sub.add_parser(
        "passive", help="inventory cameras by listening or from a capture file, sending nothing",
        description="Read packet captures (pcap, pcapng, gzip; - for stdin) or listen on an interface, and report "
        "the devices heard (ARP, DHCP, mDNS, SSDP, WS-Discovery, SADP, DHIP, XMEye, TP-Link, Ubiquiti, LLDP, CDP, "
        "HTTP/RTSP responses, TLS certificates, cloud look-ups) with the same identification and findings as scan. "
        "Sends nothing, ever. See docs/passive.md.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--pcap", nargs="+", metavar="FILE", help="capture file(s): pcap, pcapng, optionally gzip-compressed; - reads stdin")
    src.add_argument("--iface", "-i", metavar="IF", help="listen live on this interface (needs root or CAP_NET_RAW)")
    p.add_argument("--seconds", type=float, metavar="N", help="with --iface: stop after N seconds (default: until Ctrl-C)")
    p.add_argument("--allow-public", action="store_true", help="also report devices with public addresses (default: private, link-local and ULA only)")
    add_report_options(p, "heard")
    add_analysis_options(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    from netscan.cli.storeopts import add_store_options

    add_store_options(p, writer=True)
    p.set_defaults(func=run)


class _Progress:
    """Packets kept and devices so far, on one refreshed stderr line (terminals only)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.live import Live
        from rich.text import Text

        self._text = Text
        self.live = Live(Text(""), console=Console(stderr=True), transient=True, refresh_per_second=4)

    def __call__(self, packets: int, devices: int) -> None:
        self.live.update(self._text(f"listening: {packets} packets read, {devices} devices so far"))


def run(args: argparse.Namespace) -> int:
    """Run ``passive``."""
    if args.seconds is not None:
        if args.iface is None:
            raise UsageError("--seconds needs --iface")
        if not 0 < args.seconds <= MAX_SECONDS:
            raise UsageError(f"--seconds must be between 0 and {MAX_SECONDS:g}")
    if args.pcap and args.pcap.count("-") > 1:
        raise UsageError("--pcap: stdin (-) can be read only once")
    outputs = plan_outputs(args)
    args.signatures = signatures_dir(args.signatures)
    session = None
    if not getattr(args, "no_db", False):  # what was heard is recorded like a scan (docs/inventory.md)
        from netscan.cli.storeopts import StoreSession

        session = StoreSession(args, source="passive", targets=list(args.pcap or [f"iface:{args.iface}"]),
                               engine="passive")
    try:
        return _run(args, outputs, session)
    finally:
        if session is not None:
            session.close()


def _run(args: argparse.Namespace, outputs: list[Output], session: Any) -> int:
    from netscan.capture import listen, read_captures

    show = not args.quiet and sys.stderr.isatty()
    bar = _Progress() if show else None

    def go() -> Any:
        if args.pcap:
            return read_captures(list(args.pcap), allow_public=args.allow_public, progress=bar)
        return listen(args.iface, args.seconds, allow_public=args.allow_public, progress=bar)

    if bar is not None:
        with bar.live:
            result = go()
    else:
        result = go()
    cap = result.capture
    if args.pcap and cap["inputs_unreadable"] >= cap["inputs"] and not result.observations:
        raise UsageError("; ".join(n.removeprefix("unreadable input: ") for n in result.notes[:3]) or "no readable capture")
    return report(args, outputs, result, "passive", session)


def report(args: argparse.Namespace, outputs: list[Output], result: Any, command: str, session: Any = None) -> int:
    """Save observations, analyse, write the report, choose the exit code (as ``scan`` does)."""
    from netscan.model import ScanHeader
    from netscan.pipeline import analyse

    save_observations(args.save_observations, result.observations)
    for note in result.notes:
        sys.stderr.write(f"netscan: {note}\n")
    rep = analyse(result.observations, signatures=args.signatures, now=dt.datetime.now(dt.timezone.utc),
                  header=ScanHeader(command=command, run=result.run, extra={"capture": result.capture}))
    return deliver(args, outputs, rep, result.observations, session, incomplete=result.incomplete,
                   what="what was heard")
