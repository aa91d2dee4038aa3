"""Asyncio orchestration of an active scan: the only caller of probes.

    targets ─▶ ARP sweep (on-link, per interface) ─┐
               ICMP + TCP ping (routed) ───────────┼─▶ per host: ports ─▶ first-stage probes (HTTP/TLS, RTSP, banners)
               multicast discovery (per interface) ┘        │
                                                            ▼
                      plan (netscan.scan.planner, from the signatures) ─▶ vendor endpoints, ONVIF,
                      UPnP, unicast discovery ─▶ plan again with the new answers ─▶ ... ─▶ nothing new
                                                            │
                      (opt-in) the one default-credential attempt ◀─┘
                                                            │
                                         list[Observation] ◀┘

Every host is worked on as soon as it is found, all hosts in parallel. Per host, at most
``limits.per_host`` connections are open at a time, waits adapt to that host's own answers, a
request that reached a listening service is waited for once and patiently, an exchange whose
connection never came up is tried again, and a budget (requests, timeouts, ``host_total``)
replaces "slow: ask nothing more" (``netscan.scan.timing``). Every packet or
connection attempt takes a token from one global rate limiter. What was found is kept when the
scan is interrupted, and the result is marked incomplete.

The engine is given its probes (``netscan.scan.probeset.Probes``) and clock
(``netscan.scan.clock.Clock``), so a test can drive it with recorded answers and virtual time.
Target resolution, discovery attribution, the next-request policy, per-host timing and the report
header live in ``netscan.scan``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from netscan.discovery import UNICAST_PORTS
from netscan.errors import UsageError
from netscan.limits import DEFAULT_PORTS, PING_PORTS, Limits, Timeouts
from netscan.model import Observation, Response, ScanRun, parse_time
from netscan.probes.base import ExchangeTrace, HostState, ProbeContext, RateLimiter, Slots
from netscan.probes.udp import Link
from netscan.scan import attribution, planner
from netscan.scan.clock import Clock, SystemClock
from netscan.scan.header import Counters, scan_run
from netscan.scan.probeset import DISCOVERY, NetworkProbes, Probes
from netscan.scan.targets import ScanTargets, resolve
from netscan.scan.timing import HostTiming
from netscan.scope import IPNetwork

logger = logging.getLogger(__name__)

ENGINES = ("netscan", "nmap")

#: Plans made per host (one at the start of enrichment and one after each batch of answers;
#: each only asks what nothing asked before: discovery -> vendor endpoint -> ONVIF -> media needs few).
MAX_PLANS = 12
#: On-link targets above which port scans wait for the ARP sweep to end: on a large subnet, port
#: scans started by the first replies keep the loop busy enough (tens of thousands of connects)
#: that later ARP replies are read late and the sweep's silence-based end comes too soon.
HOLD_PORT_SCANS_ABOVE = 512
#: Beyond the wait for a reply to start, this long is allowed for the rest of it to arrive.
TRANSFER_ALLOWANCE = 2.0
#: Unicast discovery: a directed probe is answered at once (the random delays of WS-Discovery and
#: SSDP apply to multicast); wait at least this long (longer for a host known to be slow).
UNICAST_QUIET = 0.5
#: Unicast discovery: wait at most this much longer than that for late answers.
UNICAST_MAX = 1.0
#: Unicast discovery of a host that let an exchange time out: wait at least this long (DVRs answer
#: in up to ~3 s when busy or on the first request after idle).
UNICAST_SLOW_QUIET = 3.0
#: Unicast discovery: the longest a slow host's silence is listened to, per protocol (the slowest
#: answers real DVRs give, ~3 s, plus a margin; the probe's second copy goes out a quarter of it
#: later, and UNICAST_MAX more is allowed for its answer). A protocol the host answers ends
#: UNICAST_QUIET after its answers stop, so this only bounds what a protocol it does not speak costs.
UNICAST_QUIET_MAX = 4.0


@dataclass(frozen=True)
class ScanOptions:
    """Everything a scan needs to know, passed explicitly."""

    targets: tuple[str, ...] = ()
    """CIDRs, ranges, addresses. Empty: the subnets of the interfaces."""
    iface: str | None = None
    """Interface for ARP and multicast discovery (default: the default route's)."""
    ifaces: tuple[str, ...] = ()
    """Several interfaces (``--iface`` given more than once, or ``all``); overrides ``iface``."""
    ports: tuple[int, ...] = DEFAULT_PORTS
    allow_public: bool = False
    scope: tuple[IPNetwork, ...] | None = None
    """Networks the user owns (``--scope FILE``); nothing outside is touched."""
    engine: str = "netscan"
    """``netscan`` (own asyncio engine) or ``nmap`` (python-nmap drives nmap for discovery/ports)."""
    discovery: bool = True
    """Multicast/broadcast discovery on the interface."""
    hosts_only: bool = False
    """Host discovery only (ARP / ping), like ``nmap -sn``: no ports, no enrichment, no multicast."""
    limits: Limits = field(default_factory=Limits)
    timeouts: Timeouts = field(default_factory=Timeouts)
    privileged: bool | None = None
    """Use raw sockets (ARP, ICMP). None: when running as root."""
    signatures: str | None = None
    """Signature directory (``--signatures``): the planner identifies partial answers with it."""
    check_default_credentials: bool = False
    """Opt-in: the one default-credential attempt per device, as the scan's last phase."""

    @property
    def interface_names(self) -> tuple[str, ...]:
        """The interfaces asked for (empty: chosen from the targets or the default route)."""
        return self.ifaces or ((self.iface,) if self.iface else ())
    exclude: tuple[str, ...] = ()
    """Targets never to touch (``--exclude``, ``--exclude-file``; the same syntax as targets)."""


@dataclass
class ScanResult:
    """What a scan produced: observations, the scan's part of the report header, and whether it finished."""

    observations: list[Observation]
    run: ScanRun
    incomplete: bool = False
    notes: list[str] = field(default_factory=list)


class ScanProgress(Protocol):
    """An observer of the scan (the CLI drives rich progress bars from it)."""

    def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
        """``targets`` (total: the sweep starts), ``found`` (ip), ``sweep-end``, ``discovery-start``,
        ``discovery-end``, ``idle`` (hosts wait on the network), ``done`` (ip: a host's probing ended).
        Never raises."""
        ...


@dataclass
class _Host:
    """The engine's own state of one host: what probes see, plus timing and what was tried."""

    state: HostState
    timing: HostTiming
    slots: Slots
    ready: asyncio.Event
    """Its WS-Discovery answer is in (stage 2 need not wait for the whole window)."""
    answered: asyncio.Event = field(default_factory=asyncio.Event)
    """It has answered some exchange (its pace is known: side ports are sized by it)."""
    tried: list[str] = field(default_factory=list)


def _nothing(r: Response) -> bool:
    """An exchange that ran into its wait with nothing at all received."""
    return r.error == "timeout" and not r.raw


class Engine:
    """One scan's state. ``run()`` fills ``hosts``; ``result()`` can be called at any time."""

    def __init__(self, options: ScanOptions, progress: ScanProgress | None = None, *,
                 probes: Probes | None = None, clock: Clock | None = None, db: Any = None) -> None:
        self.options = options
        self.progress = progress
        self.probes: Probes = probes or NetworkProbes()
        self.clock: Clock = clock or SystemClock()
        self._db = db
        self.hosts: dict[str, HostState] = {}
        self._work_state: dict[str, _Host] = {}
        self.notes: list[str] = []
        self.start = self.clock.wall()
        self.end: str | None = None
        self.plan: ScanTargets | None = None
        self.incomplete = False
        self.stats = Counters()
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._discovery_done: asyncio.Event | None = None
        self._sweep_done = False
        self._sweep_event: asyncio.Event | None = None
        self._hold_ports = False
        self._idle_sent = False
        self._db_task: asyncio.Future[Any] | None = None
        self.ctx: ProbeContext | None = None
        self.privileged = options.privileged if options.privileged is not None else os.geteuid() == 0
        self.host_slots = max(options.limits.per_host, 1)

    # --- small helpers ------------------------------------------------------------------------

    @property
    def targets(self) -> Any:
        """The resolved target set (None before ``run``)."""
        return self.plan.targets if self.plan else None

    def _emit(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
        if self.progress is not None:
            try:
                self.progress.event(kind, ip=ip, total=total)
            except Exception:
                logger.debug("progress observer failed", exc_info=True)

    def note(self, text: str) -> None:
        """Say something once (logged at warning, and kept for the report header)."""
        if text not in self.notes:
            self.notes.append(text)
            logger.warning("%s", text)

    def _enrichable(self, ip: str) -> bool:
        return self.plan is not None and ip in self.plan.targets

    def host(self, ip: str, mac: str | None = None) -> HostState:
        """The state of ``ip``, created on first sight."""
        h = self.hosts.get(ip)
        if h is None:
            h = self.hosts[ip] = HostState(ip=ip, mac=mac)
            self._emit("found", ip=ip)
        elif mac and not h.mac:
            h.mac = mac
        return h

    def _work_of(self, h: HostState) -> _Host:
        w = self._work_state.get(h.ip)
        if w is None:
            t, lim = self.options.timeouts, self.options.limits
            w = self._work_state[h.ip] = _Host(
                state=h, timing=HostTiming(read=t.read, read_max=max(t.read_max, t.read), retries=max(lim.retries, 0)),
                slots=Slots(asyncio.Semaphore(self.host_slots), self._global_slots()), ready=asyncio.Event())
        return w

    def _global_slots(self) -> asyncio.Semaphore:
        assert self.ctx is not None and isinstance(self.ctx.connections, asyncio.Semaphore)
        return self.ctx.connections

    def start_host(self, ip: str, mac: str | None = None) -> None:
        """Find/create the host and start its scan task once (targets only)."""
        h = self.host(ip, mac)
        if self.options.hosts_only:
            return
        if ip not in self._tasks and self._enrichable(ip):
            self._tasks[ip] = asyncio.create_task(self._host_task(h))

    def _host_ctx(self, w: _Host, trace: ExchangeTrace | None = None) -> ProbeContext:
        """The context one exchange with this host gets: its slots, its wait, its source address,
        and the trace its probes fill in."""
        assert self.ctx is not None and self.plan is not None
        wait = w.timing.wait()
        link = self.plan.link_for(w.state.ip)
        return dataclasses.replace(
            self.ctx, timeouts=dataclasses.replace(self.ctx.timeouts, read=wait + TRANSFER_ALLOWANCE),
            wait=wait, connections=w.slots, on_reply=lambda seconds: self._answered(w, seconds),
            source_ip=link.address if link else None, reply_worst=0.0, trace=trace,
        )

    @staticmethod
    def _answered(w: _Host, seconds: float) -> None:
        w.timing.answered(seconds)
        w.answered.set()

    async def _exchange(self, w: _Host, what: str, call: Callable[[ProbeContext], Awaitable[list[Response]]],
                        expect_reply: bool = True) -> list[Response]:
        """One exchange (or probe sequence), tried again on a fresh connection while its connection
        never came up and the host's budget allows. A request that reached a listening service is
        not sent again: its one wait is the host's patient wait (``netscan.scan.timing``)."""
        attempt = 0
        while True:
            t0 = self.clock.monotonic()
            trace = ExchangeTrace()
            out = await call(self._host_ctx(w, trace))
            took = self.clock.monotonic() - t0
            logger.debug("host %s: %s took %.2f s", w.state.ip, what, took)
            lead = out[0] if out else None
            if lead is None or not _nothing(lead):
                if attempt:
                    w.tried.append(f"{what}: answered on attempt {attempt + 1}")
                return out
            if not expect_reply:
                return out  # a port that speaks something else first: silence is its answer
            w.timing.timed_out()
            tries = f" ({attempt + 1} attempts)" if attempt else ""
            if trace.connected:
                w.tried.append(f"{what}: connected, no answer in {took:.1f} s{tries}")
                return out
            if not w.timing.may_retry(attempt, connected=False):
                w.tried.append(f"{what}: no connection within {self.options.timeouts.connect:.1f} s{tries}")
                return out
            attempt += 1
            self.stats.retries += 1
            w.timing.retried += 1

    # --- set-up -------------------------------------------------------------------------------

    def _resolve(self) -> None:
        o = self.options
        self.plan = resolve(
            o.targets, o.interface_names, interfaces=self.probes.interfaces(),
            default_interface=self.probes.default_interface() if not o.targets and not o.interface_names else None,
            route_interface=self.probes.route_interface, allow_public=o.allow_public, scope=o.scope, exclude=o.exclude,
        )
        for n in self.plan.notes:
            self.note(n)

    def _load_db(self) -> Any:
        from netscan.sigdb import load_db
        from netscan.sigdb.db import default_db
        from netscan.sigdb.requests import load_book

        db = self._db if self._db is not None else (load_db(self.options.signatures) if self.options.signatures else default_db())
        return db, load_book(db.root, known_vendor=lambda n: db.vendor(n) is not None)

    async def _signatures(self) -> Any:
        if self._db_task is None:
            if self._db is not None:
                fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
                fut.set_result(self._load_db())
                self._db_task = fut
            else:
                # CPU-bound: a short GIL switch interval keeps the event loop responsive meanwhile
                sys.setswitchinterval(0.0005)
                self._db_task = asyncio.ensure_future(asyncio.to_thread(self._load_db))
        return await self._db_task

    # --- phases -------------------------------------------------------------------------------

    async def _arp(self, link: Link, onlink: list[str]) -> None:
        assert self.ctx is not None and link.ifname is not None
        try:
            await self.probes.arp(self.ctx, link.ifname, link.address, onlink,
                                  on_found=lambda ip, mac: self.start_host(ip, mac))
        except PermissionError:
            self.note("no permission for raw sockets: ARP sweep replaced by connect scans")
            await self._ping_tcp(onlink)

    async def _icmp(self, routed: list[str]) -> None:
        assert self.ctx is not None
        try:
            await self.probes.icmp(self.ctx, routed, on_found=lambda ip: self.start_host(ip))
        except PermissionError:
            self.note("no permission for raw sockets: no ICMP echo; TCP connect pings only")

    async def _ping_tcp(self, addrs: list[str]) -> None:
        """TCP connect ping: a host that accepts or refuses any ping port is alive."""
        assert self.ctx is not None
        ctx = self.ctx
        sem = asyncio.Semaphore(max(self.options.limits.connections // 2, 1))

        async def one(ip: str) -> None:
            async with sem:
                if ip in self._tasks:
                    return
                link = self.plan.link_for(ip) if self.plan else None
                c = dataclasses.replace(ctx, source_ip=link.address if link else None)
                scan = await self.probes.ports(c, ip, PING_PORTS)
                if scan.alive:
                    self.start_host(ip)
                    if ip in self.hosts:
                        self.hosts[ip].open_ports |= set(scan.open_ports)

        await asyncio.gather(*(one(ip) for ip in addrs))

    async def _discovery(self) -> None:
        """Multicast/broadcast discovery, every protocol on every interface at once."""
        assert self.ctx is not None and self.plan is not None
        jobs = [(p, link) for link in self.plan.links for p in DISCOVERY]
        results = await asyncio.gather(
            *(self.probes.discover(dataclasses.replace(self.ctx, source_ip=link.address), p, link, on_reply=self._record_discovery)
              for p, link in jobs), return_exceptions=True)
        for (p, link), res in zip(jobs, results):
            if isinstance(res, BaseException):
                logger.warning("%s discovery on %s failed: %s", p, link.ifname, res)

    def _record_discovery(self, src: str, resp: Response) -> None:
        assert self.plan is not None
        o = self.options
        ip = attribution.owner(src, resp)
        verdict = attribution.judge(ip, own=self.plan.own, scope=o.scope, allow_public=o.allow_public,
                                    is_target=self._enrichable(ip), on_link=self.plan.link_for(ip) is not None)
        if verdict is attribution.Verdict.OUT_OF_SCOPE:
            self.stats.out_of_scope_replies += 1
            return
        if verdict is attribution.Verdict.OUT_OF_TARGETS:
            self.stats.out_of_target_replies += 1
            return
        if verdict is not attribution.Verdict.KEEP:
            return
        h = self.host(ip)
        h.add(resp)
        if resp.protocol == "wsd" and ip in self._work_state:
            self._work_state[ip].ready.set()
        if ip not in self._tasks and self._enrichable(ip):
            self.start_host(ip)

    async def _host_task(self, h: HostState) -> None:
        t0 = self.clock.monotonic()
        try:
            await asyncio.wait_for(self._work(h), self.options.timeouts.host_total)
        except TimeoutError:
            logger.info("host %s: gave up after %.0f s", h.ip, self.options.timeouts.host_total)
            self._work_of(h).tried.append(f"stopped after {self.options.timeouts.host_total:.0f} s (host time budget)")
        except Exception:
            logger.warning("host %s: internal error", h.ip, exc_info=True)
        finally:
            w = self._work_state.get(h.ip)
            logger.info("host %s: done after %.1f s (%d requests, %d retries, %d timeouts)", h.ip,
                        self.clock.monotonic() - t0, h.requests, w.timing.retried if w else 0, w.timing.timeouts if w else 0)
            self._emit("done", ip=h.ip)

    def _snapshot(self, h: HostState) -> Observation:
        return Observation(ip=h.ip, mac=h.mac, responses=tuple(h.responses), open_ports=tuple(sorted(h.open_ports)))

    async def _work(self, h: HostState) -> None:
        assert self.ctx is not None
        w = self._work_of(h)
        if any(r.protocol == "wsd" for r in h.responses):
            w.ready.set()
        if self._hold_ports and self._sweep_event is not None and not self._sweep_event.is_set():
            await self._sweep_event.wait()  # a large sweep first: its replies need the loop (see HOLD_PORT_SCANS_ABOVE)
        # Every host gets the chosen port set, also one a TCP connect ping found (its open ping ports
        # are known already; the rest of the set is still to scan). With --engine nmap, nmap's scan stands.
        todo = () if h.ports_known else tuple(p for p in self.options.ports if p not in h.open_ports)
        if todo:
            link = self.plan.link_for(h.ip) if self.plan else None
            scan = await self.probes.ports(dataclasses.replace(self.ctx, source_ip=link.address if link else None),
                                           h.ip, todo)
            h.open_ports |= set(scan.open_ports)
            w.tried.append(f"TCP ports: {len(todo)} asked, {len(scan.open_ports)} open")

        async def opener(port: int) -> list[Response]:
            return await self._exchange(w, f"port {port}", lambda c: self.probes.open(c, h, port))

        ports = [p for p in sorted(h.open_ports) if self.probes.wants(p, h)]
        talk = [asyncio.ensure_future(opener(p)) for p in ports if self.probes.expects_reply(p)]

        async def side(port: int) -> list[Response]:
            """A port that may speak something else first (an SDK port asked ``GET /``): asked once the
            host's pace is known (its first answer, or its other openers are over, or
            ``Timeouts.banner`` passed), waited for as long as that pace says (``HostTiming.side_wait``)."""
            t = self.options.timeouts
            if talk:
                first = asyncio.ensure_future(w.answered.wait())
                rest = asyncio.ensure_future(asyncio.wait(talk))
                try:
                    await asyncio.wait([first, rest], timeout=t.banner, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    first.cancel()
                    rest.cancel()
            wait = w.timing.side_wait(t.banner)

            def call(c: ProbeContext) -> Awaitable[list[Response]]:
                return self.probes.open(dataclasses.replace(c, timeouts=dataclasses.replace(c.timeouts, banner=wait)), h, port)

            return await self._exchange(w, f"port {port}", call, expect_reply=False)

        sides = [side(p) for p in ports if not self.probes.expects_reply(p)]
        for out in await asyncio.gather(*talk, *sides):
            for r in out:
                h.add(r)
        await self._await_discovery(w)
        db, book = await self._signatures()
        logger.debug("host %s: stage 2 starts", h.ip)
        await self._enrich(w, db, book)
        if self.options.check_default_credentials:
            await self._credentials(w, db)

    async def _await_discovery(self, w: _Host) -> None:
        """Stage 2 uses discovery evidence (XAddrs, LOCATION, SADP/DHIP): wait for this host's
        WS-Discovery answer, or for the window to close when it sends none."""
        # no planning (CPU) or unicast bursts while the ARP sweep still listens for replies: a loop
        # busy for 100 ms ends an ARP round early on a large subnet
        if self._sweep_event is not None and not self._sweep_event.is_set():
            await self._sweep_event.wait()
        if self._discovery_done is None or self._discovery_done.is_set():
            return
        if self._sweep_event is not None and not self._idle_sent:  # the on-link sweep is over
            # Hosts are now waiting on the network: a good moment for CPU-bound work elsewhere.
            self._idle_sent = True
            self._emit("idle")
            # the signatures load in a thread now, not while the sweep and port scans need the loop
            asyncio.ensure_future(self._signatures())
        waits = [asyncio.ensure_future(self._discovery_done.wait()), asyncio.ensure_future(w.ready.wait())]
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for x in waits:
                x.cancel()

    async def _enrich(self, w: _Host, db: Any, book: Any) -> None:
        """Plan, ask, and plan again as each answer arrives (not round by round: a quick answer's
        follow-up does not wait for a slow device's other replies). Everything planned runs at once;
        the host's slots keep it gentle."""
        h = w.state
        running: dict[asyncio.Future[list[Response]], list[tuple[int | None, str]]] = {}
        plans = 0
        try:
            while True:
                if w.timing.exhausted:
                    if not any("timeout budget" in t for t in w.tried):
                        w.tried.append(f"stopped asking: {w.timing.timeouts} exchanges got no answer (timeout budget)")
                elif plans < MAX_PLANS:
                    inflight = frozenset(k for keys in running.values() for k in keys)
                    budget = self.options.limits.max_requests_per_host - h.requests - len(inflight)
                    # --no-discovery: no discovery by unicast either
                    done = self.options.discovery and (self._discovery_done is None or self._discovery_done.is_set())
                    p = planner.plan(self._snapshot(h), db, book, multicast_done=done, budget=max(budget, 0),
                                     inflight=inflight)
                    plans += 1
                    if p:
                        keys = planner.step_keys(p)
                        for step, key in zip(p.http, keys["http"]):
                            running[asyncio.ensure_future(self._http(w, step))] = [key]
                        if p.onvif:
                            running[asyncio.ensure_future(self._onvif(w, p.onvif))] = keys["onvif"]
                        for url, key in zip(p.upnp, keys["upnp"]):
                            running[asyncio.ensure_future(
                                self._exchange(w, f"UPnP {url}", lambda c, u=url: self.probes.upnp(c, h, u)))] = [key]  # type: ignore[misc]
                        # one future per protocol: an answer is planned on as it comes, not when the
                        # slowest protocol's window (that of one the host does not speak) has closed
                        for proto, key in zip(p.unicast, keys["unicast"]):
                            running[asyncio.ensure_future(self._unicast(w, (proto,)))] = [key]
                if not running:
                    break
                finished, _ = await asyncio.wait(list(running), return_when=asyncio.FIRST_COMPLETED)
                for f in [f for f in running if f in finished]:  # in the order they were planned
                    running.pop(f)
                    for r in f.result():
                        h.add(r)
        finally:
            for f in running:
                f.cancel()

    async def _http(self, w: _Host, step: planner.HttpStep) -> list[Response]:
        h = w.state

        async def one(c: ProbeContext) -> list[Response]:
            return [await self.probes.http(c, h, step.port, step.tls, step.request)]

        return await self._exchange(w, f"{step.request.method} {step.request.path} on {step.port}", one)

    async def _onvif(self, w: _Host, steps: tuple[planner.OnvifStep, ...]) -> list[Response]:
        from netscan.probes.onvif import is_soap

        h = w.state
        out: list[Response] = []
        for s in steps:
            answers = await self._exchange(w, f"ONVIF on {s.port}", lambda c, s=s: self.probes.onvif(c, h, s.port, s.path, s.tls, s.confirmed))  # type: ignore[misc]
            out += answers
            if answers and is_soap(answers[0].raw):
                break
        return out

    async def _unicast(self, w: _Host, protocols: tuple[str, ...]) -> list[Response]:
        """Discovery probes sent to the host's own address (it was silent to multicast). A protocol
        that brings nothing is recorded as a timed-out exchange, so the report can say so."""
        assert self.ctx is not None and self.plan is not None
        h = w.state
        ports = UNICAST_PORTS
        link = self.plan.link_for(h.ip) or (self.plan.links[0] if self.plan.links else None)
        if link is None:
            return []
        link = dataclasses.replace(link, ifname=None) if self.plan.link_for(h.ip) is None else link
        t = self.options.timeouts
        # as long as this host takes to answer anything (it is slow to discovery too), at least UNICAST_QUIET
        tm = w.timing
        quiet = UNICAST_QUIET if not tm.samples else min(max(UNICAST_QUIET, 3.0 * tm.service_worst + 0.5), UNICAST_QUIET_MAX)
        if tm.timeouts or not tm.samples:
            # it has let an exchange time out, or nothing it said measured its speed (a recorder whose
            # only open ports are SDK ports no probe speaks): give its discovery answers as long as a
            # slow DVR takes
            quiet = max(quiet, min(UNICAST_SLOW_QUIET, t.read_max))
        c = dataclasses.replace(self.ctx, timeouts=dataclasses.replace(t, discovery_min=quiet, discovery_quiet=quiet,
                                                                      discovery_max=quiet + UNICAST_MAX))

        async def one(proto: str) -> list[Response]:
            """One protocol's directed probe; its window ends ``UNICAST_QUIET`` after the host's
            answers stop (a directed probe has one answerer: nothing is gained by listening the
            whole window a slow host's silence would need)."""
            self.stats.unicast_discovery += 1
            t0 = self.clock.monotonic()
            mine: list[Response] = []
            heard = asyncio.Event()

            def on_reply(src: str, r: Response) -> None:
                if src == h.ip:
                    mine.append(r)
                    heard.set()

            task = asyncio.ensure_future(self.probes.discover(c, proto, link, destinations=[(h.ip, ports[proto])],
                                                              rounds=2, on_reply=on_reply))
            try:
                first = asyncio.ensure_future(heard.wait())
                try:
                    await asyncio.wait([task, first], return_when=asyncio.FIRST_COMPLETED)
                finally:
                    first.cancel()
                while not task.done():  # answered: take what else it says, then stop listening
                    heard.clear()
                    more = asyncio.ensure_future(heard.wait())
                    try:
                        await asyncio.wait([task, more], timeout=UNICAST_QUIET, return_when=asyncio.FIRST_COMPLETED)
                    finally:
                        more.cancel()
                    if not heard.is_set():
                        break
            finally:
                if not task.done():
                    task.cancel()
                    try:
                        await task
                    except asyncio.CancelledError:
                        me = asyncio.current_task()
                        if me is not None and me.cancelling():  # our own cancellation (Ctrl-C): pass it on
                            raise
            if task.done() and not task.cancelled() and task.exception() is None:
                for src, r in task.result():  # a probe that reports only at the end
                    if src == h.ip and r not in mine:
                        mine.append(r)
            logger.debug("host %s: %s unicast took %.2f s (%d answers)", h.ip, proto, self.clock.monotonic() - t0, len(mine))
            if mine:
                w.tried.append(f"{proto} unicast: answered")
                return mine
            w.tried.append(f"{proto} unicast to {ports[proto]}: no answer")
            return [Response(protocol=proto, port=ports[proto], request="unicast probe", raw="", error="timeout")]

        out: list[Response] = []
        for res in await asyncio.gather(*(one(p) for p in protocols)):
            out += res
        return out

    async def _credentials(self, w: _Host, db: Any) -> None:
        """The opt-in default-credential attempt: one per device, where identification shows the
        vendor's documented default applies; paced like every other exchange."""
        from netscan.findings import default_credentials
        from netscan.identify import identify

        h = w.state
        obs = self._snapshot(h)
        ident = identify(obs, db)
        pair = default_credentials(ident)
        if pair is None or not ident.vendor:
            return
        resp = await self.probes.login(self._host_ctx(w), obs, ident.vendor, pair[0], pair[1])
        if resp is not None:
            h.add(resp)
            w.tried.append(f"default credentials for {ident.vendor}: one attempt")

    async def _nmap(self, addrs: list[str]) -> None:
        assert self.plan is not None
        names = [i.name for i in self.plan.interfaces]
        found = await self.probes.nmap(addrs, self.options.ports, self.privileged, names[0] if names else None)
        self.notes.extend(found.notes)
        for ip, (mac, open_ports) in sorted(found.hosts.items()):
            h = self.host(ip, mac)
            h.open_ports |= set(open_ports)
            h.ports_known = True
            self.start_host(ip, mac)

    # --- the whole scan -----------------------------------------------------------------------

    async def run(self) -> None:
        """Run every phase; returns when every host is done (or raises CancelledError)."""
        o = self.options
        if o.engine not in ENGINES:
            raise UsageError(f"unknown engine {o.engine!r} (one of {', '.join(ENGINES)})")
        self._resolve()
        assert self.plan is not None
        links = self.plan.links
        self.ctx = ProbeContext(limits=o.limits, timeouts=o.timeouts, rate=RateLimiter(o.limits.rate, clock=self.clock.monotonic),
                                source_ip=links[0].address if len(links) == 1 else None)
        self.ctx.tls  # noqa: B018 - made once, shared by every per-host copy
        self._discovery_done = asyncio.Event()
        onlink = [ip for ips in self.plan.onlink.values() for ip in ips]
        routed = self.plan.routed
        self._emit("targets", total=len(onlink) + len(routed))
        if not self.privileged:
            why = "--unprivileged" if o.privileged is False and os.geteuid() == 0 else "not running as root"
            self.note(f"{why}: no ARP, ICMP or raw sockets. Hosts are found by TCP connect to ports "
                      f"{', '.join(map(str, PING_PORTS))} and by multicast discovery, then get the full port set; "
                      "a host that answers none of those is not seen, and MAC addresses (so MAC vendors) are "
                      "unknown for every host")
        if not o.hosts_only and o.signatures and self._db is None:
            self._db = self._load_db()[0]  # a bad --signatures directory fails before any packet
        phases: list[Any] = []
        if o.discovery and links and not o.hosts_only:
            async def discovery() -> None:
                t0 = self.clock.monotonic()
                self._emit("discovery-start")
                try:
                    await self._discovery()
                finally:
                    assert self._discovery_done is not None
                    self._discovery_done.set()
                    logger.info("multicast discovery done after %.1f s", self.clock.monotonic() - t0)
                    self._emit("discovery-end")

            phases.append(discovery())
        else:
            self._discovery_done.set()
        # The on-link sweep (ARP, or connect pings without raw sockets) is what stage 2 and held
        # port scans wait for: its replies need a responsive loop. Pinging a routed subnet is
        # not: its silent addresses take seconds (the router's own ARP gives up after ~3 s) and
        # nothing there is read against a silence deadline.
        sweeps: list[Any] = []
        routed_sweeps: list[Any] = []
        if o.engine == "nmap":
            sweeps.append(self._nmap(onlink + routed))
        else:
            for link in links:
                ips = self.plan.onlink.get(link.ifname or "", [])
                if ips:
                    sweeps.append(self._arp(link, ips) if self.privileged else self._ping_tcp(ips))
            if routed:
                if self.privileged:
                    routed_sweeps.append(self._icmp(routed))
                routed_sweeps.append(self._ping_tcp(routed))

        self._sweep_event = asyncio.Event()
        self._hold_ports = len(onlink) > HOLD_PORT_SCANS_ABOVE

        async def sweep() -> None:
            try:
                await asyncio.gather(*sweeps)
            finally:
                assert self._sweep_event is not None
                self._sweep_event.set()
            try:
                await asyncio.gather(*routed_sweeps)
            finally:
                self._sweep_done = True
                self._emit("sweep-end")

        phases.append(sweep())
        try:
            await asyncio.gather(*phases)
            # Host tasks may still be starting others (discovery replies); wait until none is left.
            while True:
                pending = [t for t in self._tasks.values() if not t.done()]
                if not pending:
                    break
                await asyncio.gather(*pending, return_exceptions=True)
        finally:
            self.probes.close(self.ctx)

    def cancel_tasks(self) -> None:
        """Cancel every host task (on interrupt or overall timeout)."""
        for t in self._tasks.values():
            t.cancel()

    def result(self) -> ScanResult:
        """Observations and header for what has been found so far."""
        self.end = self.end or self.clock.wall()
        obs: list[Observation] = []

        def key(ip: str) -> tuple[int, int]:
            a = ipaddress.ip_address(ip)
            return (a.version, int(a))

        for ip in sorted(self.hosts, key=key):
            h = self.hosts[ip]
            # observed_at: findings that compare with a clock (device clock, certificate expiry)
            # use it, so re-identifying saved observations later gives the same answers.
            # meta "tried": what the scan did for this host (identify/account.py reports it)
            meta: dict[str, Any] = {}
            w = self._work_state.get(ip)
            if w is not None and w.tried:
                meta["tried"] = list(w.tried)
            obs.append(Observation(ip=ip, mac=h.mac, responses=tuple(h.responses), open_ports=tuple(sorted(h.open_ports)),
                                   meta=meta, observed_at=parse_time(self.end)))
        run = scan_run(
            targets=list(self.plan.targets.texts) if self.plan else list(self.options.targets),
            start=self.start, end=self.end, engine=self.options.engine,
            interfaces=[i.name for i in self.plan.interfaces] if self.plan else [],
            privileged=self.privileged, incomplete=self.incomplete,
            addresses=self.plan.targets.size if self.plan else 0,
            observations=obs, probes_sent=self.ctx.rate.sent if self.ctx and self.ctx.rate else 0,
            counters=self.stats, notes=self.notes,
        )
        return ScanResult(observations=obs, run=run, incomplete=self.incomplete, notes=list(self.notes))


async def scan_async(options: ScanOptions, progress: ScanProgress | None = None, engine: Engine | None = None) -> ScanResult:
    """Run a scan inside a running event loop."""
    eng = engine or Engine(options, progress)
    try:
        await asyncio.wait_for(eng.run(), options.timeouts.scan_total)
    except TimeoutError:
        eng.incomplete = True
        eng.note(f"scan stopped after {options.timeouts.scan_total:.0f} s; results are partial")
        eng.cancel_tasks()
    return eng.result()


def scan(options: ScanOptions, progress: ScanProgress | None = None,
         on_engine: Callable[[Engine], None] | None = None) -> ScanResult:
    """Run a scan to completion (or until Ctrl-C: then what was found, marked incomplete).

    Raises:
        UsageError / ScopeError: bad targets, interface or engine.
    """
    eng = Engine(options, progress)
    if on_engine is not None:
        on_engine(eng)
    runner = asyncio.Runner()
    try:
        return runner.run(scan_async(options, progress, eng))
    except KeyboardInterrupt:
        eng.incomplete = True
        eng.note("interrupted: results are partial")
        return eng.result()
    finally:
        try:
            runner.close()
        except BaseException:  # noqa: BLE001, S110 - a second Ctrl-C while closing
            pass
