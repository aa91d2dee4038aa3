"""Replay harness for the engine: a virtual-time event loop, a fixed wall clock, and probes that
answer from recorded responses (lab profiles) with per-device delays. No sockets."""

from __future__ import annotations

import asyncio
import json
import selectors
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netscan.lab.config import PROFILES_DIR
from netscan.lab.profiles import served_raw
from netscan.model import Observation, Response
from netscan.probes.base import HostState, ProbeContext
from netscan.probes.netif import Interface
from netscan.probes.ports import CLOSED, OPEN, PortScan
from netscan.probes.udp import Link
from netscan.sigdb.requests import EndpointRequest


class _JumpSelector(selectors.DefaultSelector):
    """Never sleeps: when nothing is ready, virtual time jumps to the next timer."""

    loop: VirtualLoop | None = None

    def select(self, timeout: float | None = None) -> list[Any]:  # type: ignore[override]
        ready = super().select(0)
        if not ready and timeout is not None and timeout > 0 and self.loop is not None:
            self.loop.now += timeout
        return ready


class VirtualLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock only moves when every coroutine waits on a timer."""

    def __init__(self) -> None:
        sel = _JumpSelector()
        super().__init__(sel)
        sel.loop = self
        self.now = 1000.0

    def time(self) -> float:
        return self.now


class FakeClock:
    """The engine's clock on the virtual loop; the wall clock is fixed."""

    def __init__(self, wall: str = "2026-01-01T00:00:00Z") -> None:
        self._wall = wall

    def monotonic(self) -> float:
        return asyncio.get_running_loop().time()

    def wall(self) -> str:
        return self._wall


FIRST_STAGE = ("GET /", "certificate", "OPTIONS", "DESCRIBE", "banner")


@dataclass
class Device:
    """One replayed device: a lab profile's recorded answers and how it behaves."""

    profile: str
    ip: str
    delay: float = 0.01
    """Service time of every request (seconds to the first byte)."""
    first_delay: float | None = None
    """Service time of the first request (slow first request after idle)."""
    silent: bool = False
    """Accepts connections, never answers (nor discovery)."""
    lost_connects: int = 0
    """Its first this many connection attempts get no answer at all (a SYN or SYN-ACK lost twice,
    a device too busy to accept): they run into the connect timeout."""
    multicast_silent: bool = False
    arp: bool = True
    """Answers ARP (a discovery-only device does not)."""
    ports_open: bool = True
    data: dict[str, Any] = field(default_factory=dict)
    requests: int = 0
    active: int = 0
    max_active: int = 0

    def __post_init__(self) -> None:
        self.data = json.loads((Path(PROFILES_DIR) / f"{self.profile}.json").read_text())

    @property
    def mac(self) -> str:
        return str(self.data["mac"])

    @property
    def open_ports(self) -> list[int]:
        if not self.ports_open:
            return []
        tcp = {r.get("port") for r in self.data.get("responses", [])
               if r["protocol"] in ("http", "https", "tls", "rtsp", "onvif", "upnp", "telnet", "ssh") and r.get("port")}
        return sorted(set(self.data.get("open_ports") or []) | tcp)

    def responses(self, pred: Callable[[dict[str, Any]], bool]) -> list[Response]:
        return [Response(protocol=r["protocol"], raw=served_raw(self.data, r, self.ip), port=r.get("port"),
                         request=str(r.get("request", "")), error=r.get("error"))
                for r in self.data.get("responses", []) if pred(r)]

    def next_delay(self) -> float:
        self.requests += 1
        if self.requests == 1 and self.first_delay is not None:
            return self.first_delay
        return self.delay


class ReplayProbes:
    """The engine's probes, answering from Device records on the virtual clock."""

    def __init__(self, devices: Sequence[Device], scanner: str = "10.9.0.1", plen: int = 24) -> None:
        self.devices = {d.ip: d for d in devices}
        self.scanner = scanner
        self.iface = Interface(name="scan0", mac="02:00:00:00:00:01",
                               addresses=((scanner, plen, scanner.rsplit(".", 1)[0] + ".255"),))
        self.sent: list[tuple[str, str]] = []
        """(kind, where) of everything sent."""
        self.done_at: dict[str, float] = {}
        """Virtual time (seconds after the scan started) at which each host's work ended."""

    def interfaces(self) -> dict[str, Any]:
        return {"scan0": self.iface}

    def default_interface(self) -> str | None:
        return "scan0"

    def route_interface(self, ip: str) -> str | None:
        return "scan0"

    async def arp(self, ctx: ProbeContext, ifname: str, source: str, addrs: list[str],
                  on_found: Callable[[str, str], None]) -> int:
        await asyncio.sleep(0.05)
        for ip in addrs:
            d = self.devices.get(ip)
            if d is not None and d.arp:
                on_found(ip, d.mac)
        await asyncio.sleep(0.1)
        return len(addrs)

    async def icmp(self, ctx: ProbeContext, addrs: list[str], on_found: Callable[[str], None]) -> None:
        return None

    async def ports(self, ctx: ProbeContext, ip: str, ports: Sequence[int]) -> PortScan:
        await asyncio.sleep(0.01)
        d = self.devices.get(ip)
        scan = PortScan(ip)
        for p in ports:
            scan.states[p] = OPEN if d is not None and p in d.open_ports else CLOSED
        return scan

    async def discover(self, ctx: ProbeContext, protocol: str, link: Link, on_reply: Any = None,
                       destinations: Sequence[tuple[str, int]] | None = None, rounds: int = 2) -> list[tuple[str, Response]]:
        out: list[tuple[str, Response]] = []
        targets = [self.devices[ip] for ip, _ in destinations or [] if ip in self.devices] if destinations is not None \
            else [d for d in self.devices.values() if not d.multicast_silent]
        self.sent.append((f"discover-{protocol}", "unicast" if destinations is not None else "multicast"))
        await asyncio.sleep(0.05)
        for d in targets:
            if d.silent:
                continue
            for r in d.responses(lambda r, p=protocol: r["protocol"] == p)[:1]:
                out.append((d.ip, r))
                if on_reply is not None:
                    on_reply(d.ip, r)
        t = ctx.timeouts
        await asyncio.sleep(t.discovery_quiet if destinations is not None else t.discovery_min)
        return out

    def wants(self, port: int, host: HostState) -> bool:
        return port not in (8000, 9000, 34567, 37777)

    def expects_reply(self, port: int) -> bool:
        return port in (80, 443, 554, 8080, 8443, 8899, 2020)

    async def _answer(self, ctx: ProbeContext, d: Device | None, lead: str, port: int, found: list[Response],
                      protocol: str = "http") -> list[Response]:
        assert ctx.connections is not None
        async with ctx.connections:
            if d is None:
                return [Response(protocol, "", port, lead, error="refused")]
            if d.lost_connects > 0:
                d.lost_connects -= 1
                await asyncio.sleep(ctx.timeouts.connect)
                return [Response(protocol, "", port, lead, error="timeout")]
            if ctx.trace is not None:
                ctx.trace.connected += 1  # what open_tcp records once the TCP connection is up
            d.active += 1
            d.max_active = max(d.max_active, d.active)
            try:
                delay = d.next_delay()
                wait = ctx.first_byte_timeout()
                if d.silent or delay > wait:
                    await asyncio.sleep(wait)
                    return [Response(protocol, "", port, lead, error="timeout")]
                await asyncio.sleep(delay)
                ctx.reply_seen(delay)
            finally:
                d.active -= 1
        return found or [Response(protocol, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", port, lead)]

    async def open(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        d = self.devices.get(host.ip)
        self.sent.append(("open", f"{host.ip}:{port}"))
        found = d.responses(lambda r: r.get("port") == port and r["protocol"] in ("http", "https", "tls", "rtsp", "telnet", "ssh")
                            and str(r.get("request", "")).startswith(FIRST_STAGE)) if d else []
        host.requests += 1
        lead = found[0] if found else None
        return await self._answer(ctx, d, lead.request if lead else "GET /", port, found, lead.protocol if lead else "http")

    async def http(self, ctx: ProbeContext, host: HostState, port: int, tls: bool, request: EndpointRequest) -> Response:
        d = self.devices.get(host.ip)
        label = f"{request.method} {request.path}"
        self.sent.append(("http", f"{host.ip}:{port} {label}"))
        host.requests += 1
        found = d.responses(lambda r: r.get("port") == port and r.get("request") == label) if d else []
        return (await self._answer(ctx, d, label, port, found[:1], "https" if tls else "http"))[0]

    async def onvif(self, ctx: ProbeContext, host: HostState, port: int, path: str, tls: bool,
                    confirmed: bool = False) -> list[Response]:
        d = self.devices.get(host.ip)
        self.sent.append(("onvif", f"{host.ip}:{port}"))
        host.requests += 1
        found = d.responses(lambda r: r["protocol"] == "onvif") if d else []
        return await self._answer(ctx, d, "GetSystemDateAndTime", port, found, "onvif")

    async def upnp(self, ctx: ProbeContext, host: HostState, url: str) -> list[Response]:
        d = self.devices.get(host.ip)
        self.sent.append(("upnp", url))
        host.requests += 1
        found = d.responses(lambda r: r["protocol"] == "upnp") if d else []
        return await self._answer(ctx, d, "GET /", 80, found, "upnp")

    async def login(self, ctx: ProbeContext, obs: Observation, vendor: str, user: str, password: str) -> Response | None:
        self.sent.append(("login", f"{obs.ip} {vendor}"))
        return None

    async def nmap(self, addrs: list[str], ports: Sequence[int], privileged: bool, iface: str | None) -> Any:
        raise AssertionError("not used")

    def close(self, ctx: ProbeContext) -> None:
        return None


def run_replay(devices: Sequence[Device], **options: Any) -> tuple[Any, ReplayProbes, float]:
    """Scan the replayed devices' /24 with the engine; (result, probes, virtual seconds)."""
    from netscan.engine import Engine, ScanOptions, scan_async
    from netscan.sigdb.db import default_db

    probes = ReplayProbes(devices)
    opts = ScanOptions(targets=("10.9.0.0/24",), privileged=True, **options)
    loop = VirtualLoop()
    t0 = loop.time()

    class Done:
        def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
            if kind == "done" and ip is not None:
                probes.done_at[ip] = loop.time() - t0

    try:
        eng = Engine(opts, Done(), probes=probes, clock=FakeClock(), db=default_db())
        result = loop.run_until_complete(scan_async(opts, engine=eng))
        return result, probes, loop.time() - t0
    finally:
        loop.close()
