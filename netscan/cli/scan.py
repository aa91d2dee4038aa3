"""``netscan scan [TARGET...]``: active discovery, enrichment, identification and findings.

Wires the stages: scope -> engine (probes) -> observations -> pipeline.analyse -> report. The
engine's progress drives rich bars on a terminal (silent with --quiet or when not a TTY).
Ctrl-C stops the scan; what was found is still printed and saved, marked incomplete.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading
from pathlib import Path
from typing import Any

from netscan.cli.args import int_at_least, positive_float, signatures_dir
from netscan.cli.exitcodes import ExitCode
from netscan.cli.outfile import Output, WriteFailed, check, plan, rescue, write_stream
from netscan.errors import UsageError
from netscan.model import FAIL_ON_LEVELS
from netscan.limits import DEFAULT_PORTS, Limits, Timeouts


#: Largest --rate (packets/s) and --timeout (s) accepted.
MAX_RATE = 1_000_000.0
MAX_TIMEOUT = 3600.0

#: Report formats (``netscan.report.FORMATS``; spelled out so that ``--hosts-only`` does not import
#: the renderers before it needs them; a test keeps the two equal).
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "html")


def parse_ports(text: str) -> tuple[int, ...]:
    """``80,443,8000-8010`` -> ports; a leading ``+`` adds to the default set."""
    if not text.strip() or not text.strip().lstrip("+").strip(" ,"):
        raise UsageError("--ports: no ports given (an empty list; omit -p for the default set)")
    base: list[int] = list(DEFAULT_PORTS) if text.startswith("+") else []
    for part in text.lstrip("+").split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        try:
            a, b = int(lo), int(hi or lo)
        except ValueError:
            raise UsageError(f"--ports: {part!r} is not a port or range") from None
        if not (1 <= a <= b <= 65535):
            raise UsageError(f"--ports: {part!r} out of range 1-65535")
        if b - a > 65535:
            raise UsageError("--ports: range too large")
        base.extend(range(a, b + 1))
    ports = tuple(dict.fromkeys(base))
    if not ports:
        raise UsageError("--ports: no ports given")
    return ports


def register(sub: Any) -> None:
    """Add the ``scan`` sub-command."""
    p = sub.add_parser(
        "scan", help="find and identify cameras, NVRs and DVRs on networks you own",
        description="Scan targets (CIDRs, ranges, addresses; default: the subnets of the interface with the default "
        "route), identify every device and report findings. Only private, link-local, ULA and loopback space is "
        "scanned unless --allow-public. See docs/scanning.md for the gentle defaults.",
    )
    p.add_argument("targets", nargs="*", metavar="TARGET", help="CIDR, range (10.0.0.5-10.0.0.50 or 10.0.0.5-50) or address")
    p.add_argument("--iface", "-i", metavar="IF", action="append",
                   help="interface for ARP and multicast discovery; give it several times, or 'all', to scan from "
                   "several (default: the interfaces the targets are on, else the default route's)")
    p.add_argument("--ports", "-p", metavar="LIST", help="TCP ports, e.g. 80,443,8000-8010 (+LIST adds to the default set)")
    p.add_argument("--allow-public", action="store_true", help="allow targets in public address space you own")
    p.add_argument("--scope", metavar="FILE", help="file of CIDRs you own; nothing outside them is touched")
    p.add_argument("--engine", choices=("netscan", "native", "nmap"), default="netscan",
                   help="netscan's own asyncio engine (default) or nmap (python-nmap) for host discovery and ports")
    p.add_argument("--rate", type=float, metavar="PPS", help=f"packets/connection attempts per second (default {Limits().rate:g})")
    p.add_argument("--per-host", type=int, metavar="N", help=f"concurrent connections per host (default {Limits().per_host})")
    p.add_argument("--timeout", type=float, metavar="S", help=f"per-exchange read timeout in seconds (default {Timeouts().read:g})")
    p.add_argument("--retries", type=int, metavar="N", help=f"extra attempts for a silent port (default {Limits().retries})")
    p.add_argument("--hosts-only", action="store_true", help="host discovery only (ARP/ping, like nmap -sn): list addresses and MACs")
    p.add_argument("--no-discovery", action="store_true", help="skip multicast/broadcast discovery (WS-Discovery, SSDP, mDNS, SADP, DHIP, XMEye)")
    p.add_argument("--unprivileged", action="store_true", help="do not use raw sockets even as root (connect scans only)")
    p.add_argument("--check-default-credentials", action="store_true",
                   help="opt-in: ONE login attempt per device with the vendor-documented default pair, only where "
                   "identification shows it applies and a failure cannot lock the account (docs/findings.md)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from the -o file's extension, else table)")
    p.add_argument("--output", "-o", metavar="FILE", action="append",
                   help="write the report to FILE instead of stdout; repeat for several formats "
                   "(-o scan.json -o scan.html); the extension picks the format")
    p.add_argument("--save-observations", metavar="FILE", help="write the raw observations (for `netscan identify FILE`)")
    p.add_argument("--signatures", metavar="DIR", help="use another signature directory")
    p.add_argument("--fail-on", choices=FAIL_ON_LEVELS, help="exit 4 when a finding at or above this severity exists")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    p.add_argument("--passive-seconds", type=float, metavar="N",
                   help="listen N seconds before the scan and all through it, and merge what was heard (docs/passive.md)")
    p.set_defaults(func=run)


def options_from_args(args: argparse.Namespace) -> Any:
    """Build ScanOptions from parsed arguments."""
    from netscan.engine import ScanOptions
    from netscan.scope import parse_scope_text

    scope = None
    if args.scope:
        try:
            text = Path(args.scope).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--scope: cannot read {args.scope}: {exc.strerror}") from None
        scope = tuple(parse_scope_text(text, args.scope))
    base = Limits()
    positive_float("--rate", args.rate, maximum=MAX_RATE)
    positive_float("--timeout", args.timeout, maximum=MAX_TIMEOUT)
    int_at_least("--per-host", args.per_host, 1, 1024)
    int_at_least("--retries", args.retries, 0, 10)
    limits = Limits(
        rate=args.rate or base.rate,
        per_host=args.per_host or base.per_host,
        retries=base.retries if args.retries is None else args.retries,
    )
    timeouts = Timeouts(read=args.timeout) if args.timeout else Timeouts()
    return ScanOptions(
        targets=tuple(args.targets),
        ifaces=tuple(args.iface or ()),
        ports=parse_ports(args.ports) if args.ports is not None else DEFAULT_PORTS,
        allow_public=args.allow_public,
        scope=scope,
        engine="netscan" if args.engine == "native" else args.engine,
        discovery=not args.no_discovery,
        hosts_only=args.hosts_only,
        limits=limits,
        timeouts=timeouts,
        privileged=False if args.unprivileged else None,
        signatures=getattr(args, "signatures", None),
        check_default_credentials=bool(getattr(args, "check_default_credentials", False)) and not args.hosts_only,
    )


class _RichProgress:
    """Engine progress -> a rich progress bar on stderr."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self.sweep = self.progress.add_task("hosts found", total=None)
        self.work = self.progress.add_task("hosts probed", total=0)
        self.found = 0
        self.done = 0

    def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
        if kind == "targets" and total is not None:
            self.progress.update(self.sweep, total=total)
        elif kind == "found":
            self.found += 1
            self.progress.update(self.sweep, completed=self.found)
            self.progress.update(self.work, total=self.found)
        elif kind == "done":
            self.done += 1
            self.progress.update(self.work, completed=self.done)


def _hosts_report(result: Any) -> Any:
    """A report of addresses and MACs only (``--hosts-only``): no identification is run."""
    from netscan.model import Device, Identification, Report, ScanHeader

    devices = tuple(
        Device(Identification(ip=o.ip, mac=o.mac, vendor=None, brand=None, model=None, firmware=None,
                              device_type="unknown", confidence=0.0, covered=None),
               open_ports=tuple(o.open_ports))
        for o in result.observations
    )
    return Report(scan=ScanHeader(command="scan", run=result.run), devices=devices)


def _prewarm(signatures: str | None) -> threading.Thread | None:
    """Load the signature database in a thread while the scan waits on the network."""
    if signatures:
        return None

    def load() -> None:
        try:
            from netscan.sigdb.db import default_db

            default_db()
        except Exception:  # noqa: BLE001 - analyse() loads it again and reports the error
            pass

    t = threading.Thread(target=load, name="netscan-sigdb", daemon=True)
    # The loader is CPU-bound; a short GIL switch interval keeps the scan's event loop responsive
    # (replies handled within ~1 ms instead of the default 5 ms slices).
    sys.setswitchinterval(0.0005)
    t.start()
    return t


def _plan_outputs(args: argparse.Namespace) -> list[Output]:
    """Every output of this run, checked before anything is sent (exit 2 on an unwritable path)."""
    outputs = plan(args.output, args.format, "table")
    for o in outputs:
        if o.path is not None:
            check(o.path)
    if args.save_observations:
        check(args.save_observations, "--save-observations")
    return outputs


def _start_listener(args: argparse.Namespace, options: Any) -> Any:
    """``--passive-seconds N``: start listening on the scan's interface and wait N seconds."""
    seconds = getattr(args, "passive_seconds", None)
    if seconds is None:
        return None
    import time

    from netscan.capture.background import BackgroundListener
    from netscan.probes.netif import default_interface, interfaces

    if not 0 < seconds <= 3600:
        raise UsageError("--passive-seconds must be between 0 and 3600")
    named = [n for n in options.interface_names if n != "all"]  # several --iface: listen on the first
    iface = named[0] if named else default_interface()
    if not iface:
        raise UsageError("--passive-seconds: no interface to listen on (give --iface)")
    intf = interfaces().get(iface)
    ignore: list[str] = []
    if intf is not None:
        ignore = [a for a, _, _ in intf.addresses] + ([intf.mac] if intf.mac else [])
    listener = BackgroundListener(iface, ignore)
    listener.start()
    time.sleep(seconds)
    return listener


def _merge_heard(result: Any, heard: tuple[list[Any], dict[str, Any]], options: Any) -> None:
    """Merge what the listener heard into the scan's devices (scope rules as for discovery replies)."""
    from dataclasses import replace

    from netscan.capture.background import merge
    from netscan.scope import in_scope

    observations, counts = heard
    scope = list(options.scope) if options.scope is not None else None
    from netscan.scope import resolve_targets

    texts = [str(t) for t in result.run.targets]
    try:
        targets = resolve_targets(texts, allow_public=True) if texts else None
    except Exception:  # noqa: BLE001 - the scan validated them; an interface name is no address set
        targets = None

    def keep(ip: str) -> bool:
        return in_scope(ip, scope, options.allow_public) and (targets is None or ip in targets)

    result.observations, added = merge(result.observations, observations, keep)
    note = (f"listened on {options.iface or 'the scan interface'} before and during the scan: "
            f"{counts.get('packets_read', 0)} packets read, {added} devices only heard")
    result.run = replace(result.run, notes=(*result.run.notes, note))


def run(args: argparse.Namespace) -> int:
    """Run ``scan``."""
    from netscan.engine import scan
    from netscan.observations import dumps

    options = options_from_args(args)
    outputs = _plan_outputs(args)
    args.signatures = signatures_dir(args.signatures)
    show = not args.quiet and sys.stderr.isatty()
    bars = _RichProgress() if show else None
    warm: list[threading.Thread | None] = []

    class Observer:
        """Forwards to the bars; loads the signatures once the hosts wait on the network."""

        def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
            if kind == "idle" and not warm and not options.hosts_only:
                warm.append(_prewarm(args.signatures))
            if bars is not None:
                bars.event(kind, ip=ip, total=total)

    listener = _start_listener(args, options)
    try:
        if bars is not None:
            with bars.progress:
                result = scan(options, Observer())
        else:
            result = scan(options, Observer())
    finally:
        if listener is not None:
            heard = listener.stop()
    if listener is not None:
        _merge_heard(result, heard, options)
    # From here on the scan is done: whatever fails, its observations are not lost.
    try:
        return _after_scan(args, options, outputs, result, warm, dumps)
    except (BrokenPipeError, WriteFailed):  # a reader gone; or the report was already rescued
        raise
    except BaseException:  # a bug in analysis, Ctrl-C while it runs...
        saved = rescue(lambda fh: fh.write(dumps(result.observations)), "observations")
        if saved:
            sys.stderr.write(f"netscan: the scan's observations were saved to {saved} (netscan identify {saved})\n")
        raise


def _after_scan(args: argparse.Namespace, options: Any, outputs: list[Output], result: Any,
                warm: list[threading.Thread | None], dumps: Any) -> int:
    if args.save_observations:
        text = dumps(result.observations)
        try:
            write_stream(args.save_observations, lambda fh: fh.write(text))
        except OSError as exc:
            saved = rescue(lambda fh: fh.write(text), "observations")
            raise WriteFailed(f"cannot write {args.save_observations}: {exc.strerror or exc}; "
                              f"the observations were saved to {saved}") from None
    from netscan.cli.output import emit_all, fail_on_exit

    if options.hosts_only:
        emit_all(_hosts_report(result), outputs)
        return int(ExitCode.INCOMPLETE if result.incomplete else ExitCode.OK)
    from netscan.pipeline import analyse

    for t in warm:
        if t is not None:
            t.join()
    from netscan.model import ScanHeader

    report = analyse(result.observations, signatures=args.signatures, now=dt.datetime.now(dt.timezone.utc),
                     header=ScanHeader(command="scan", run=result.run))
    emit_all(report, outputs)
    if result.incomplete:
        return int(ExitCode.INCOMPLETE)
    return int(fail_on_exit(report, args.fail_on) or ExitCode.OK)
