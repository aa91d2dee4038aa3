"""Asyncio orchestration of an active scan: the only caller of probes.

    targets ─▶ ARP sweep (on-link, root) ──┐
               ICMP + TCP ping (routed) ───┼─▶ per host: ports ─▶ openers (HTTP/TLS, RTSP, banners)
               multicast discovery ────────┘                  └─▶ (after discovery) ONVIF, UPnP, DHIP
                                                                         │
                                              list[Observation] ◀────────┘

Every host is worked on as soon as it is found, all hosts in parallel; per host, at most
``limits.per_host`` connections are open at a time, and every packet or connection attempt takes a
token from one global rate limiter. Waits adapt to the replies (see ``probes/udp.py``,
``probes/arp.py``, ``probes/ports.py``); there are no fixed sleeps. What was found is kept when
the scan is interrupted, and the result is marked incomplete.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import ipaddress
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from netscan.errors import UsageError
from netscan.limits import DEFAULT_PORTS, PING_PORTS, Limits, Timeouts
from netscan.model import Observation, Response, ScanRun, ScanStats, parse_time
from netscan.probes import dhip as dhip_probe
from netscan.probes import netif, ports as ports_probe, udp
from netscan.probes.banner import BannerProbe
from netscan.probes.base import HostState, Probe, ProbeContext
from netscan.probes.http import HttpProbe
from netscan.probes.rtsp import RtspProbe
from netscan.scope import IPNetwork, TargetSet, in_scope, resolve_targets

logger = logging.getLogger(__name__)

ENGINES = ("netscan", "nmap")


@dataclass(frozen=True)
class ScanOptions:
    """Everything a scan needs to know, passed explicitly."""

    targets: tuple[str, ...] = ()
    """CIDRs, ranges, addresses. Empty: the subnets of ``iface``."""
    iface: str | None = None
    """Interface for ARP and multicast discovery (default: the default route's)."""
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
        """``targets`` (total), ``found`` (ip), ``done`` (ip), ``phase`` ... never raises."""
        ...


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


#: Probes run on each open port as soon as ports are known (first speakers and openers).
OPENERS: tuple[Probe, ...] = (HttpProbe(), RtspProbe(), BannerProbe())
#: Hint words that make a host worth an ONVIF query even without a WS-Discovery reply.
_CAMERA_HINTS = {"hikvision", "dahua", "axis", "uniview", "hanwha", "xiongmai", "onvif"}
_ONVIF_PORTS = (80, 8899, 2020, 8000, 8080, 5000, 443, 8443)


def _stalled(r: Response) -> bool:
    """A reply that was expected (web/RTSP port, or data started arriving) but never completed."""
    from netscan.probes.http import TLS_PORTS, WEB_PORTS
    from netscan.probes.rtsp import RTSP_PORTS

    if r.error != "timeout":
        return False
    return bool(r.raw) or r.port in WEB_PORTS or r.port in TLS_PORTS or r.port in RTSP_PORTS


class Engine:
    """One scan's state. ``run()`` fills ``hosts``; ``result()`` can be called at any time."""

    def __init__(self, options: ScanOptions, progress: ScanProgress | None = None) -> None:
        self.options = options
        self.progress = progress
        self.hosts: dict[str, HostState] = {}
        self.notes: list[str] = []
        self.start = _now()
        self.end: str | None = None
        self.targets: TargetSet | None = None
        self.link: udp.Link | None = None
        self.iface: netif.Interface | None = None
        self.incomplete = False
        self.dropped_out_of_scope = 0
        self.dropped_out_of_targets = 0
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._discovery_done: asyncio.Event | None = None
        self._ready: dict[str, asyncio.Event] = {}
        self._sweep_done = False
        self._idle_sent = False
        """Per host: its WS-Discovery answer is in (stage 2 need not wait for the whole window)."""
        self.ctx: ProbeContext | None = None
        self.privileged = options.privileged if options.privileged is not None else os.geteuid() == 0
        self.raw_sent = 0

    # --- small helpers ------------------------------------------------------------------------

    def _emit(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
        if self.progress is not None:
            try:
                self.progress.event(kind, ip=ip, total=total)
            except Exception:  # noqa: BLE001 - a progress display never breaks a scan
                logger.debug("progress observer failed", exc_info=True)

    def note(self, text: str) -> None:
        """Say something once (logged at warning, and kept for the report header)."""
        if text not in self.notes:
            self.notes.append(text)
            logger.warning("%s", text)

    def _on_link(self, ip: str) -> bool:
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return self.iface is not None and any(a in n for n in self.iface.networks)

    def _enrichable(self, ip: str) -> bool:
        return self.targets is not None and ip in self.targets

    def host(self, ip: str, mac: str | None = None) -> HostState:
        """The state of ``ip``, created on first sight; starts its work if it is a target."""
        h = self.hosts.get(ip)
        if h is None:
            h = self.hosts[ip] = HostState(ip=ip, mac=mac)
            self._emit("found", ip=ip)
        elif mac and not h.mac:
            h.mac = mac
        return h

    def start_host(self, ip: str, mac: str | None = None, known_alive: bool = True) -> None:
        """Find/create the host and start its scan task once."""
        h = self.host(ip, mac)
        if self.options.hosts_only:
            return
        if ip not in self._tasks and self._enrichable(ip):
            self._tasks[ip] = asyncio.create_task(self._host_task(h, known_alive))

    # --- set-up -------------------------------------------------------------------------------

    def _resolve(self) -> None:
        o = self.options
        ifs = netif.interfaces()
        name = o.iface
        if name is not None and name not in ifs:
            raise UsageError(f"interface {name!r} has no IPv4 address (or does not exist)")
        texts = o.targets
        if not texts:
            name = name or netif.default_interface()
            if name is None:
                # No default route (an isolated segment, the lab): the one interface there is.
                others = [i for i in ifs.values() if i.name != "lo" and not i.addresses[0][0].startswith("127.")]
                name = others[0].name if len(others) == 1 else None
            if name is None or name not in ifs:
                raise UsageError("no target given and no interface with a default route; give targets or --iface")
            texts = tuple(str(n) for n in ifs[name].networks)
        scope = list(o.scope) if o.scope is not None else None
        self.targets = resolve_targets(texts, allow_public=o.allow_public, scope=scope)
        if self.targets.dropped:
            self.note(f"{self.targets.dropped} target addresses lie outside the scope file and are skipped")
        if name is None:
            first = next(self.targets.addresses(), None)
            for iface in ifs.values():
                if first and iface.address_for(first):
                    name = iface.name
                    break
            if name is None and first:
                name = netif.route_interface(first)
        if name is not None and name in ifs:
            self.iface = ifs[name]
            addr, _plen, bcast = self.iface.addresses[0]
            self.link = udp.Link(ifname=name, address=addr, broadcast=bcast)

    def _split_targets(self) -> tuple[list[str], list[str]]:
        assert self.targets is not None
        onlink: list[str] = []
        routed: list[str] = []
        nets = self.iface.networks if self.iface else []
        own = {a for a, _, _ in self.iface.addresses} if self.iface else set()
        for ip in self.targets.addresses():
            if ip in own:
                continue
            a = ipaddress.ip_address(ip)
            (onlink if any(a in n for n in nets) else routed).append(ip)
        return onlink, routed

    # --- phases -------------------------------------------------------------------------------

    async def _arp(self, onlink: list[str]) -> None:
        from netscan.probes import arp

        assert self.ctx is not None and self.iface is not None and self.link is not None
        try:
            res = await arp.sweep(self.ctx, self.iface.name, self.link.address, onlink,
                                  on_found=lambda ip, mac: self.start_host(ip, mac))
            self.raw_sent += res.sent
        except PermissionError:
            self.note("no permission for raw sockets: ARP sweep replaced by connect scans")
            await self._ping_tcp(onlink)

    async def _icmp(self, routed: list[str]) -> None:
        from netscan.probes import icmp

        assert self.ctx is not None
        try:
            await icmp.sweep(self.ctx, routed, on_found=lambda ip: self.start_host(ip))
        except PermissionError:
            self.note("no permission for raw sockets: no ICMP echo; TCP connect pings only")

    async def _ping_tcp(self, addrs: list[str]) -> None:
        """TCP connect ping: a host that accepts or refuses any ping port is alive."""
        assert self.ctx is not None
        sem = asyncio.Semaphore(max(self.options.limits.connections // 2, 1))

        async def one(ip: str) -> None:
            async with sem:
                if ip in self._tasks:
                    return
                scan = await ports_probe.scan_ports(self.ctx, ip, PING_PORTS)  # type: ignore[arg-type]
                if scan.alive:
                    self.start_host(ip)
                    if ip in self.hosts:
                        self.hosts[ip].open_ports |= set(scan.open_ports)

        await asyncio.gather(*(one(ip) for ip in addrs))

    async def _discovery(self) -> None:
        from netscan.probes import mdns, sadp, smartdev, ssdp, wsd, xmeye

        assert self.ctx is not None and self.link is not None
        specs = [wsd.spec(), ssdp.spec(), mdns.spec(), sadp.spec(), dhip_probe.spec(), xmeye.spec(),
                 smartdev.tplink_spec(), smartdev.ubnt_spec()]
        results = await asyncio.gather(*(udp.discover(self.ctx, s, self.link, on_reply=self._record_discovery)
                                         for s in specs), return_exceptions=True)
        for spec, res in zip(specs, results):
            if isinstance(res, BaseException):
                logger.warning("%s discovery failed: %s", spec.protocol, res)

    def _record_discovery(self, src: str, resp: Response) -> None:
        o = self.options
        if resp.protocol == "mdns":
            from netscan.parsers.discovery import mdns_owner

            src = mdns_owner(resp.raw, src)
        if self.link is not None and src == self.link.address:
            return
        scope = list(o.scope) if o.scope is not None else None
        if not in_scope(src, scope, o.allow_public):
            self.dropped_out_of_scope += 1
            return
        if not self._enrichable(src) and self.iface is not None and self._on_link(src):
            # On our own subnet but outside the targets the user chose: not part of this scan.
            # (A device answering from a foreign subnet's address is reported: that is the point.)
            self.dropped_out_of_targets += 1
            return
        h = self.host(src)
        h.add(resp)
        if resp.protocol == "wsd":
            h.hints.add("onvif")
            from netscan.parsers import fields

            h.onvif_xaddrs.extend(x for x in fields(resp).get("wsd.xaddrs", []) if x not in h.onvif_xaddrs)
            self._ready.setdefault(src, asyncio.Event()).set()
        elif resp.protocol == "ssdp":
            from netscan.probes.ssdp import location

            loc = location(resp.raw)
            if loc and loc not in h.upnp_locations:
                h.upnp_locations.append(loc)
        elif resp.protocol == "mdns":
            from netscan.parsers import fields

            if any("_onvif" in s for s in fields(resp).get("mdns.service", [])):
                h.hints.add("onvif")
        if src not in self._tasks and self._enrichable(src):
            self.start_host(src)

    async def _host_task(self, h: HostState, known_alive: bool) -> None:
        try:
            await asyncio.wait_for(self._work(h), self.options.timeouts.host_total)
        except asyncio.TimeoutError:
            logger.info("host %s: gave up after %.0f s", h.ip, self.options.timeouts.host_total)
        except Exception:  # noqa: BLE001 - one host's trouble never ends the scan
            logger.warning("host %s: internal error", h.ip, exc_info=True)
        finally:
            self._emit("done", ip=h.ip)

    async def _work(self, h: HostState) -> None:
        assert self.ctx is not None
        ctx = self.ctx
        if not h.open_ports and "nmap" not in h.hints:  # with --engine nmap, nmap's port scan stands
            scan = await ports_probe.scan_ports(ctx, h.ip, self.options.ports)
            h.open_ports |= set(scan.open_ports)
        sem = asyncio.Semaphore(max(self.options.limits.per_host, 1))

        async def run(probe: Probe, port: int) -> None:
            async with sem:
                for r in await probe.run(ctx, h, port):
                    h.add(r)

        await asyncio.gather(*(run(p, port) for port in sorted(h.open_ports) for p in OPENERS if p.wants(port, h)))
        h.slow = any(_stalled(r) for r in h.responses)
        if h.slow:
            logger.info("host %s: a reply ran into the read timeout; no further requests", h.ip)
            return
        # Stage 2 uses discovery evidence (XAddrs, LOCATION, SADP/DHIP): wait for this host's
        # WS-Discovery answer, or for the window to close when it sends none.
        if self._discovery_done is not None and not self._discovery_done.is_set():
            if self._sweep_done and not self._idle_sent:
                # Hosts are now waiting on the network: a good moment for CPU-bound work elsewhere.
                self._idle_sent = True
                self._emit("idle")
            ready = self._ready.setdefault(h.ip, asyncio.Event())
            waits = [asyncio.ensure_future(self._discovery_done.wait()), asyncio.ensure_future(ready.wait())]
            try:
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for w in waits:
                    w.cancel()
        await self._vendor(h)
        await asyncio.gather(self._onvif(h), self._upnp(h), self._dhip_unicast(h))

    async def _vendor(self, h: HostState) -> None:
        """Vendor information endpoints on the first web port, chosen by every hint so far."""
        from netscan.probes.http import host_hints, vendor_requests

        assert self.ctx is not None
        h.hints |= host_hints(h)
        web = [r for r in h.responses if r.protocol in ("http", "https") and r.request == "GET /" and r.raw.startswith("HTTP/")]
        if not web:
            return
        first = min(web, key=lambda r: (r.port != 80, r.protocol == "https", r.port or 0))
        for r in await vendor_requests(self.ctx, h, first.port or 80, first.protocol == "https"):
            h.add(r)

    async def _onvif(self, h: HostState) -> None:
        from netscan.probes import onvif

        assert self.ctx is not None
        endpoint = onvif.endpoint_from_xaddrs(h.onvif_xaddrs, h.ip)
        if endpoint is not None:
            port, path, tls = endpoint
            for r in await onvif.query(self.ctx, h, port, path, tls):
                h.add(r)
            return
        camera_like = bool(h.hints & _CAMERA_HINTS) or bool(h.open_ports & {554, 8554, 8899, 2020, 37777, 34567})
        if not camera_like:
            return
        web = {r.port for r in h.responses if r.protocol in ("http", "https") and r.raw.startswith("HTTP/")}
        for port in _ONVIF_PORTS:
            if port not in web:
                continue
            answers = await onvif.query(self.ctx, h, port, onvif.DEVICE_PATH, port in (443, 8443))
            for r in answers:
                h.add(r)
            if answers and onvif.is_soap(answers[0].raw):
                return

    async def _upnp(self, h: HostState) -> None:
        from netscan.probes import ssdp

        assert self.ctx is not None
        for loc in h.upnp_locations[:4]:
            for r in await ssdp.describe(self.ctx, h, loc):
                h.add(r)

    async def _dhip_unicast(self, h: HostState) -> None:
        """Dahua devices answer DHIP unicast too: ask one that showed 37777 but stayed silent."""
        assert self.ctx is not None
        if 37777 not in h.open_ports or any(r.protocol == "dhip" for r in h.responses) or self.link is None:
            return
        spec = dhip_probe.spec()
        spec.bind_port, spec.join = 0, False
        t = self.options.timeouts
        quick = ProbeContext(limits=self.ctx.limits, rate=self.ctx.rate, rtt=self.ctx.rtt,
                             connections=self.ctx.connections, source_ip=self.ctx.source_ip,
                             timeouts=Timeouts(discovery_min=0.0, discovery_quiet=min(0.5, t.discovery_quiet),
                                               discovery_max=min(1.0, t.discovery_max)))
        for src, resp in await udp.discover(quick, spec, self.link, destinations=[(h.ip, dhip_probe.PORT)], rounds=1):
            if src == h.ip:
                h.add(resp)

    async def _nmap(self, onlink: list[str], routed: list[str]) -> None:
        from netscan.probes import nmap_engine

        assert self.targets is not None
        found = await asyncio.to_thread(
            nmap_engine.discover_and_scan, onlink + routed, self.options.ports, self.privileged,
            self.iface.name if self.iface else None,
        )
        self.notes.extend(found.notes)
        for ip, (mac, open_ports) in sorted(found.hosts.items()):
            h = self.host(ip, mac)
            h.open_ports |= set(open_ports)
            h.hints.add("nmap")
            self.start_host(ip, mac)

    # --- the whole scan -----------------------------------------------------------------------

    async def run(self) -> None:
        """Run every phase; returns when every host is done (or raises CancelledError)."""
        o = self.options
        if o.engine not in ENGINES:
            raise UsageError(f"unknown engine {o.engine!r} (one of {', '.join(ENGINES)})")
        self._resolve()
        assert self.targets is not None
        self.ctx = ProbeContext(limits=o.limits, timeouts=o.timeouts,
                                source_ip=self.link.address if self.link else None)
        self._discovery_done = asyncio.Event()
        onlink, routed = self._split_targets()
        self._emit("targets", total=len(onlink) + len(routed))
        if not self.privileged:
            self.note("not running as root: no ARP or raw sockets; using TCP connect scans and multicast discovery")
        phases: list[Any] = []
        if o.discovery and self.link is not None and not o.hosts_only:
            async def discovery() -> None:
                try:
                    await self._discovery()
                finally:
                    assert self._discovery_done is not None
                    self._discovery_done.set()

            phases.append(discovery())
        else:
            self._discovery_done.set()
        sweeps: list[Any] = []
        if o.engine == "nmap":
            sweeps.append(self._nmap(onlink, routed))
        else:
            if onlink:
                sweeps.append(self._arp(onlink) if self.privileged else self._ping_tcp(onlink))
            if routed:
                if self.privileged:
                    sweeps.append(self._icmp(routed))
                sweeps.append(self._ping_tcp(routed))

        async def sweep() -> None:
            await asyncio.gather(*sweeps)
            self._sweep_done = True

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
            sc = getattr(self.ctx, "_connect_scanner", None)
            if sc is not None:
                sc.close()

    def cancel_tasks(self) -> None:
        """Cancel every host task (on interrupt or overall timeout)."""
        for t in self._tasks.values():
            t.cancel()

    def result(self) -> ScanResult:
        """Observations and header for what has been found so far."""
        self.end = self.end or _now()
        obs: list[Observation] = []

        def key(ip: str) -> tuple[int, int]:
            a = ipaddress.ip_address(ip)
            return (a.version, int(a))

        for ip in sorted(self.hosts, key=key):
            h = self.hosts[ip]
            # observed_at: findings that compare with a clock (device clock, certificate expiry)
            # use it, so re-identifying saved observations later gives the same answers
            obs.append(Observation(ip=ip, mac=h.mac, responses=tuple(h.responses), open_ports=tuple(sorted(h.open_ports)),
                                   observed_at=parse_time(self.end)))
        sent = (self.ctx.rate.sent if self.ctx and self.ctx.rate else 0)
        run = ScanRun(
            targets=tuple(self.targets.texts) if self.targets else tuple(self.options.targets),
            start=self.start,
            end=self.end,
            engine=self.options.engine,
            interface=self.iface.name if self.iface else None,
            privileged=self.privileged,
            incomplete=self.incomplete,
            stats=ScanStats(
                addresses=self.targets.size if self.targets else 0,
                hosts=len(obs),
                responses=sum(len(o.responses) for o in obs),
                open_ports=sum(len(o.open_ports) for o in obs),
                probes_sent=sent,
                out_of_scope_replies=self.dropped_out_of_scope,
                out_of_target_replies=self.dropped_out_of_targets,
            ),
            notes=tuple(self.notes),
        )
        return ScanResult(observations=obs, run=run, incomplete=self.incomplete, notes=list(self.notes))


async def scan_async(options: ScanOptions, progress: ScanProgress | None = None, engine: Engine | None = None) -> ScanResult:
    """Run a scan inside a running event loop."""
    eng = engine or Engine(options, progress)
    try:
        await asyncio.wait_for(eng.run(), options.timeouts.scan_total)
    except asyncio.TimeoutError:
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
        except BaseException:  # noqa: BLE001 - a second Ctrl-C while closing
            pass
