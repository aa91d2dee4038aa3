"""``netscan scan [TARGET...]``: active discovery, enrichment, identification and findings.

Wires the stages: scope -> engine (probes) -> observations -> pipeline.analyse -> report. The
engine's events drive a progress display on a terminal (phases, hosts found, ETA; silent with
--quiet or when not a TTY) and, with -v, per-host discoveries and phase timings on stderr.
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
from netscan.cli.outfile import Output, WriteFailed, rescue
from netscan.cli.run_output import add_analysis_options, add_report_options, deliver, plan_outputs, save_observations
from netscan.discovery import REGISTRY as DISCOVERY_REGISTRY
from netscan.errors import UsageError
from netscan.limits import DEFAULT_PORTS, Limits, Timeouts


#: The discovery protocols a scan asks, as --help and the progress display name them.
DISCOVERY_TITLES = ", ".join(p.title for p in DISCOVERY_REGISTRY)
#: Largest --rate (packets/s) and --timeout (s) accepted.
MAX_RATE = 1_000_000.0
MAX_TIMEOUT = 3600.0


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


#: ``--engine`` names; ``native`` is kept as a hidden alias of ``netscan`` (its old name).
ENGINE_NAMES: tuple[str, ...] = ("netscan", "nmap")


def engine_name(text: str) -> str:
    """``--engine`` value -> engine name (``native`` is the old name of ``netscan``)."""
    return "netscan" if text == "native" else text


def require_nmap() -> None:
    """``--engine nmap`` needs python-nmap (the ``nmap`` extra) and the nmap program."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("nmap") is None:
        raise UsageError("--engine nmap needs the python-nmap package: pip install 'netscan-cameras[nmap]' "
                         "(or use the default engine)")
    if shutil.which("nmap") is None:
        raise UsageError("--engine nmap needs the nmap program (apt-get install nmap), or use the default engine")


def register(sub: Any) -> None:
    """Add the ``scan`` sub-command."""
    p = sub.add_parser(
        "scan", help="find and identify cameras, NVRs and DVRs on networks you own",
        description="Scan targets (CIDRs, ranges, addresses; default: the subnets of the interface with the default "
        "route), identify every device and report findings. Only private, link-local, ULA and loopback space is "
        "scanned unless --allow-public. See docs/scanning.md for the gentle defaults. Every scan is recorded in "
        "the inventory (docs/inventory.md) unless --no-db.",
    )
    add_scan_options(p)
    add_report_options(p, "scan")
    add_passive_seconds_option(p)
    from netscan.cli.storeopts import add_store_options

    add_store_options(p, writer=True)
    from netscan.cli.output import add_view_options

    add_view_options(p)
    p.set_defaults(func=run)


#: Longest --passive-seconds accepted (an hour of listening before the scan).
MAX_PASSIVE_SECONDS = 3600.0


def add_passive_seconds_option(p: Any) -> None:
    """``--passive-seconds N`` (``scan``, and ``schedule`` which passes it on)."""
    p.add_argument("--passive-seconds", type=float, metavar="N",
                   help="listen N seconds before the scan and all through it, and merge what was heard (docs/passive.md)")


def check_passive_seconds(seconds: float | None) -> None:
    """A usage error unless ``seconds`` is None or in (0, MAX_PASSIVE_SECONDS]."""
    if seconds is not None and not 0 < seconds <= MAX_PASSIVE_SECONDS:
        raise UsageError(f"--passive-seconds must be between 0 and {MAX_PASSIVE_SECONDS:g}")


#: dests of the options ``add_scan_options`` adds (``netscan schedule`` turns them back into argv).
SCAN_OPTION_DESTS: list[str] = []


def add_scan_options(p: Any) -> None:
    """The options that say what and how to scan (shared by ``scan``, ``watch`` and ``schedule``)."""
    before = {a.dest for a in p._actions}
    _add_scan_options(p)
    SCAN_OPTION_DESTS[:] = [a.dest for a in p._actions if a.dest not in before]


def _add_scan_options(p: Any) -> None:
    p.add_argument("targets", nargs="*", metavar="TARGET",
                   help="CIDR, range (10.0.0.5-10.0.0.50 or 10.0.0.5-50), address, nmap octet pattern (10.0.0.*, "
                   "10.0.1-3.1-20) or a comma list of these")
    p.add_argument("-iL", "--input-list", metavar="FILE", dest="input_list",
                   help="read targets from FILE (whitespace, commas or lines; # comments; - for stdin)")
    p.add_argument("--exclude", metavar="LIST", action="append", default=[],
                   help="never touch these targets (same syntax, comma list; may be repeated)")
    p.add_argument("--exclude-file", metavar="FILE", help="never touch the targets listed in FILE")
    p.add_argument("--iface", "-i", metavar="IF", action="append",
                   help="interface for ARP and multicast discovery; give it several times, or 'all', to scan from "
                   "several (default: the interfaces the targets are on, else the default route's)")
    p.add_argument("--ports", "-p", metavar="LIST", help="TCP ports, e.g. 80,443,8000-8010 (+LIST adds to the default set)")
    p.add_argument("--allow-public", action="store_true", help="allow targets in public address space you own")
    p.add_argument("--scope", metavar="FILE", help="file of CIDRs you own; nothing outside them is touched")
    p.add_argument("--engine", type=engine_name, choices=ENGINE_NAMES, default="netscan",
                   help="netscan's own asyncio engine (default) or nmap (python-nmap, the 'nmap' extra) for host "
                   "discovery and ports")
    p.add_argument("--rate", type=float, metavar="PPS", help=f"packets/connection attempts per second (default {Limits().rate:g})")
    p.add_argument("--per-host", type=int, metavar="N", help=f"concurrent connections per host (default {Limits().per_host})")
    p.add_argument("--timeout", type=float, metavar="S", help=f"per-exchange read timeout in seconds (default {Timeouts().read:g})")
    p.add_argument("--retries", type=int, metavar="N", help=f"extra attempts for a silent port (default {Limits().retries})")
    p.add_argument("--hosts-only", action="store_true", help="host discovery only (ARP/ping, like nmap -sn): list addresses and MACs")
    p.add_argument("--no-discovery", action="store_true", help=f"skip multicast/broadcast discovery ({DISCOVERY_TITLES})")
    p.add_argument("--unprivileged", action="store_true", help="do not use raw sockets even as root (connect scans only)")
    p.add_argument("--check-default-credentials", action="store_true",
                   help="opt-in: ONE login attempt per device with the vendor-documented default pair, only where "
                   "identification shows it applies and a failure cannot lock the account (docs/findings.md)")
    add_analysis_options(p)


def _read_list(path: str, option: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{option}: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{option}: {path} is not a text file") from None


def targets_from_args(args: argparse.Namespace) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Targets (command line and -iL) and exclusions (--exclude, --exclude-file), each checked:
    a bad one is a one-line usage error naming where it came from."""
    from netscan.scope import parse_target, parse_targets_text, split_targets

    def check(items: list[str], option: str) -> list[str]:
        out = []
        for item in items:
            for t in split_targets(item):
                try:
                    parse_target(t)
                except UsageError as exc:
                    raise UsageError(f"{option}: {exc}" if option else str(exc)) from None
                out.append(t)
        return out

    targets = check(list(args.targets), "")
    if getattr(args, "input_list", None):
        listed = parse_targets_text(_read_list(args.input_list, "-iL"), args.input_list)
        if not listed:
            raise UsageError(f"-iL: {args.input_list} lists no targets")
        targets += listed
    exclude = check(list(getattr(args, "exclude", None) or []), "--exclude")
    if getattr(args, "exclude_file", None):
        exclude += parse_targets_text(_read_list(args.exclude_file, "--exclude-file"), args.exclude_file)
    return tuple(targets), tuple(exclude)


def options_from_args(args: argparse.Namespace) -> Any:
    """Build ScanOptions from parsed arguments."""
    from netscan.engine import ScanOptions
    from netscan.scope import parse_scope_text

    targets, exclude = targets_from_args(args)
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
    if args.engine == "nmap":
        require_nmap()
    return ScanOptions(
        targets=targets,
        exclude=exclude,
        ifaces=tuple(args.iface or ()),
        ports=parse_ports(args.ports) if args.ports is not None else DEFAULT_PORTS,
        allow_public=args.allow_public,
        scope=scope,
        engine=engine_name(args.engine),
        discovery=not args.no_discovery,
        hosts_only=args.hosts_only,
        limits=limits,
        timeouts=timeouts,
        privileged=False if args.unprivileged else None,
        signatures=getattr(args, "signatures", None),
        check_default_credentials=bool(getattr(args, "check_default_credentials", False)) and not args.hosts_only,
    )


PHASES: tuple[str, ...] = ("sweep", "discovery window", "probing", "identification")
#: Show an estimate of the time left once the probing phase has run this long (seconds).
ETA_AFTER = 5.0


class ScanWatcher:
    """Follows the engine's events: phase timings and per-host discoveries for ``-v`` (logged at
    INFO), and the progress display on a terminal (phases, hosts found, hosts probed, ETA)."""

    def __init__(self, display: bool, color: bool = True, clock: Any = None, console: Any = None) -> None:
        import logging
        import time

        self.log = logging.getLogger("netscan.scan")
        self.clock = clock or time.monotonic
        self.t0 = self.clock()
        self.started: dict[str, float] = {}
        self.ended: dict[str, float] = {}
        self.found = 0
        self.done = 0
        self.addresses = 0
        self.progress: Any = None
        self.closed = False
        self.tasks: dict[str, Any] = {}
        if display:
            self._make_display(color, console)

    # --- the display -----------------------------------------------------------------------------

    def _make_display(self, color: bool, console: Any) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.text import Text

        class Eta(ProgressColumn):
            def render(self, task: Any) -> Text:
                remaining = task.time_remaining
                if (not task.fields.get("eta") or task.finished or remaining is None or task.elapsed is None
                        or task.elapsed < ETA_AFTER):
                    return Text("")
                m, sec = divmod(int(remaining + 0.5), 60)
                return Text(f"ETA {m}:{sec:02d}", style="progress.remaining")

        self.progress = Progress(
            SpinnerColumn(finished_text="✓"), TextColumn("{task.description:<17}"), BarColumn(bar_width=24),
            TextColumn("{task.fields[info]}"), TimeElapsedColumn(), Eta(),
            console=console or Console(stderr=True, no_color=not color), transient=True, get_time=self.clock,
        )

    def _task(self, phase: str, info: str = "", total: float | None = None, eta: bool = False) -> None:
        if self.progress is not None and phase not in self.tasks:
            self.tasks[phase] = self.progress.add_task(phase, total=total, info=info, eta=eta)

    def _update(self, phase: str, **kw: Any) -> None:
        if self.progress is not None and phase in self.tasks:
            self.progress.update(self.tasks[phase], **kw)

    # --- phases ----------------------------------------------------------------------------------

    def start(self, phase: str, **kw: Any) -> None:
        """A phase begins."""
        if phase not in self.started:
            self.started[phase] = self.clock()
            self._task(phase, **kw)

    def end(self, phase: str, info: str | None = None) -> None:
        """A phase ends: logged with its duration at -v; shown as done."""
        if phase in self.started and phase not in self.ended:
            self.ended[phase] = self.clock()
            took = self.ended[phase] - self.started[phase]
            self.log.info("phase %s: %.2f s%s", phase, took, f" ({info})" if info else "")
            t = self.tasks.get(phase)
            if t is not None and self.progress is not None:
                task = next(x for x in self.progress.tasks if x.id == t)
                total = task.total if task.total else 1
                self._update(phase, total=total, completed=total, **({"info": info} if info else {}))

    def timings(self) -> str:
        """``sweep 0.41 s, discovery window 1.20 s, ...`` for the phases that ran."""
        return ", ".join(f"{p} {self.ended[p] - self.started[p]:.2f} s" for p in PHASES if p in self.ended)

    # --- engine events ---------------------------------------------------------------------------

    def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
        """The engine's observer interface (netscan.engine.ScanProgress)."""
        now = self.clock() - self.t0
        if kind == "targets":
            self.addresses = total or 0
            self.start("sweep", info=f"0 hosts found of {self.addresses} addresses")
        elif kind == "found":
            self.found += 1
            self.log.info("found %s (+%.2f s)", ip, now)
            self._update("sweep", info=f"{self.found} hosts found of {self.addresses} addresses")
            self.start("probing", total=0, info="", eta=False)
            self._update("probing", total=self.found, info=f"{self.done}/{self.found} hosts")
        elif kind == "sweep-end":
            self.end("sweep", info=f"{self.found} hosts found of {self.addresses} addresses")
            self._update("probing", eta=True)  # the number of hosts is known now: an ETA means something
        elif kind == "discovery-start":
            self.start("discovery window", info=DISCOVERY_TITLES)
        elif kind == "discovery-end":
            self.end("discovery window")
        elif kind == "done":
            self.done += 1
            self.log.info("probed %s (+%.2f s)", ip, now)
            self._update("probing", completed=self.done, info=f"{self.done}/{self.found} hosts")

    def close(self) -> None:
        """Take the display down (before the report is printed) and log the phase timings (-v)."""
        if self.progress is not None:
            self.progress.stop()
        if self.timings() and not self.closed:
            self.log.info("phase timings: %s", self.timings())
        self.closed = True

    def scan_finished(self) -> None:
        """The engine returned: the sweep and probing are over whatever events were missed."""
        self.end("sweep", info=f"{self.found} hosts found of {self.addresses} addresses")
        self.end("discovery window")
        self.end("probing", info=f"{self.done}/{self.found} hosts")


def _hosts_report(result: Any, signatures: str | None = None) -> Any:
    """A report of addresses, MACs and MAC vendors (the IEEE registrant, as ``nmap -sn`` prints,
    recorded as the same ``oui`` evidence a full analysis gives) only (``--hosts-only``): no
    identification is run."""
    from netscan.model import Device, Evidence, Identification, Report, ScanHeader
    from netscan.report.meta import header_versions
    from netscan.sigdb.db import oui_registrants

    registrants = oui_registrants([o.mac for o in result.observations], signatures)

    def evidence(mac: str | None) -> tuple[Evidence, ...]:
        hit = registrants.get(mac or "")
        if hit is None:
            return ()
        prefix, org = hit
        return (Evidence(kind="oui", source=prefix, detail=f"IEEE registrant of {prefix}: {org}",
                         extracted={"registrant": org}),)

    devices = tuple(
        Device(Identification(ip=o.ip, mac=o.mac, vendor=None, brand=None, model=None, firmware=None,
                              device_type="unknown", confidence=0.0, covered=None, evidence=evidence(o.mac)),
               open_ports=tuple(o.open_ports))
        for o in result.observations
    )
    return Report(scan=ScanHeader(command="scan", run=result.run, hosts_only=True, **header_versions(signatures)),
                  devices=devices)


def _prewarm(signatures: str | None) -> threading.Thread | None:
    """Load the signature database in a thread while the scan waits on the network."""
    if signatures:
        return None

    def load() -> None:
        try:
            from netscan.sigdb.db import SCAN_FIELDS, default_db

            default_db().warm(SCAN_FIELDS)  # and the gates of the fields nearly every scan reads
        except Exception:  # noqa: BLE001 - analyse() loads it again and reports the error
            pass

    t = threading.Thread(target=load, name="netscan-sigdb", daemon=True)
    # The loader is CPU-bound; a short GIL switch interval keeps the scan's event loop responsive
    # (replies handled within ~1 ms instead of the default 5 ms slices).
    sys.setswitchinterval(0.0005)
    t.start()
    return t


def _start_listener(args: argparse.Namespace, options: Any) -> Any:
    """``--passive-seconds N``: start listening on the scan's interface(s) and wait N seconds."""
    seconds = getattr(args, "passive_seconds", None)
    if seconds is None:
        return None
    import time

    from netscan.capture.background import BackgroundListener
    from netscan.probes.netif import default_interface, interfaces

    check_passive_seconds(seconds)
    names = [n for n in options.interface_names if n != "all"] or [default_interface() or ""]
    if not names[0]:
        raise UsageError("--passive-seconds: no interface to listen on (give --iface)")
    known = interfaces()
    ours: list[str] = []  # the scanner's own addresses and MACs on every interface: never a device
    for intf in known.values():
        ours += [a for a, _, _ in intf.addresses] + ([intf.mac] if intf.mac else [])
    listeners: list[BackgroundListener] = []
    try:
        for name in names:
            listener = BackgroundListener(name, ours)
            listener.start()
            listeners.append(listener)
    except BaseException:
        for listener in listeners:
            listener.stop()
        raise
    time.sleep(seconds)
    return listeners


def _stop_listeners(listeners: Any) -> tuple[list[Any], dict[str, Any]]:
    """Stop every listener; what they heard together and the packets they read."""
    heard: list[Any] = []
    packets = 0
    for listener in listeners:
        obs, counts = listener.stop()
        heard += obs
        packets += int(counts.get("packets_read", 0))
    return heard, {"packets_read": packets, "interfaces": [lst.iface for lst in listeners]}


def _merge_heard(result: Any, heard: tuple[list[Any], dict[str, Any]], options: Any) -> None:
    """Merge what the listeners heard into the scan's devices (scope rules as for discovery replies)."""
    from dataclasses import replace

    from netscan.capture.background import merge
    from netscan.scope import in_scope, resolve_targets

    observations, counts = heard
    scope = list(options.scope) if options.scope is not None else None
    texts = [str(t) for t in result.run.targets]
    try:
        targets = resolve_targets(texts, allow_public=True) if texts else None
    except Exception:  # noqa: BLE001 - the scan validated them; an interface name is no address set
        targets = None

    def keep(ip: str) -> bool:
        return in_scope(ip, scope, options.allow_public) and (targets is None or ip in targets)

    result.observations, added = merge(result.observations, observations, keep)
    note = (f"listened on {', '.join(counts['interfaces'])} before and during the scan: "
            f"{counts['packets_read']} packets read, {added} devices only heard")
    result.run = replace(result.run, notes=(*result.run.notes, note))


def run(args: argparse.Namespace) -> int:
    """Run ``scan``."""
    options = options_from_args(args)
    outputs = plan_outputs(args)  # checked before anything is sent
    args.signatures = signatures_dir(args.signatures)
    session = None
    if not getattr(args, "no_db", False) and not options.hosts_only:
        from netscan.cli.storeopts import StoreSession

        session = StoreSession(args, source=getattr(args, "store_source", "scan"), targets=list(options.targets),
                               engine=options.engine, defer=True)
    try:
        return _run(args, options, outputs, session)
    finally:
        if session is not None:
            session.close()


def _run(args: argparse.Namespace, options: Any, outputs: list[Output], session: Any) -> int:
    import contextlib

    from netscan.cli.output import use_color
    from netscan.engine import scan
    from netscan.observations import dumps

    show = not getattr(args, "quiet", False) and sys.stderr.isatty()
    watch = ScanWatcher(display=show, color=use_color(args, sys.stderr.isatty()))
    warm: list[threading.Thread | None] = []

    class Observer:
        """Forwards to the watcher; loads the signatures once the hosts wait on the network."""

        def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
            if kind == "idle" and not warm and not options.hosts_only:
                warm.append(_prewarm(args.signatures))
                if session is not None:
                    session.idle()  # the inventory's connection is made while hosts wait on the network
            watch.event(kind, ip=ip, total=total)

    if session is not None:
        session.ready()  # opened while the engine was imported
    with watch.progress if watch.progress is not None else contextlib.nullcontext():
        listener = _start_listener(args, options)
        try:
            result = scan(options, Observer())
        finally:
            if listener is not None:
                heard = _stop_listeners(listener)
        if listener is not None:
            _merge_heard(result, heard, options)
        watch.scan_finished()
        # From here on the scan is done: whatever fails, its observations are not lost.
        try:
            return _after_scan(args, options, outputs, result, warm, session, watch)
        except (BrokenPipeError, WriteFailed):  # a reader gone; or the report was already rescued
            raise
        except BaseException:  # a bug in analysis, Ctrl-C while it runs...
            saved = rescue(lambda fh: fh.write(dumps(result.observations)), "observations")
            if saved:
                sys.stderr.write(f"netscan: the scan's observations were saved to {saved} (netscan identify {saved})\n")
            raise


def _after_scan(args: argparse.Namespace, options: Any, outputs: list[Output], result: Any,
                warm: list[threading.Thread | None], session: Any = None,
                watch: ScanWatcher | None = None) -> int:
    watch = watch or ScanWatcher(display=False)
    save_observations(args.save_observations, result.observations)
    from netscan.cli.output import emit_all

    if options.hosts_only:
        watch.close()
        emit_all(_hosts_report(result, args.signatures), outputs, args)
        return int(ExitCode.INCOMPLETE if result.incomplete else ExitCode.OK)
    from netscan.model import ScanHeader
    from netscan.pipeline import analyse

    watch.start("identification", info=f"{len(result.observations)} hosts")
    for t in warm:
        if t is not None:
            t.join()
    report = analyse(result.observations, signatures=args.signatures, now=dt.datetime.now(dt.timezone.utc),
                     header=ScanHeader(command="scan", run=result.run))
    watch.end("identification")
    return deliver(args, outputs, report, result.observations, session, incomplete=result.incomplete,
                   what="the scan", before_output=watch.close)
