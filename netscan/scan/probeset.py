"""The probes the engine calls, as one object it is given.

``NetworkProbes`` is the real network edge (the modules under ``netscan.probes``). A replay test
passes an object with the same methods that answers from recorded responses on a virtual clock,
so the scheduler is tested without sockets. Every method records and never interprets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from netscan import discovery
from netscan.model import Observation, Response
from netscan.probes.base import HostState, ProbeContext
from netscan.probes.ports import PortScan
from netscan.probes.udp import Link
from netscan.sigdb.requests import EndpointRequest

#: Multicast discovery searches, in the order they are started (the registry's, netscan/discovery.py).
DISCOVERY: tuple[str, ...] = tuple(s.key for s in discovery.SEARCHES)

OnReply = Callable[[str, Response], None]


class Probes(Protocol):
    """What the engine may ask of the network."""

    def interfaces(self) -> dict[str, Any]:
        """Interfaces with IPv4 addresses, by name (``netscan.probes.netif.Interface``)."""
        ...

    def default_interface(self) -> str | None:
        """The default route's interface."""
        ...

    def route_interface(self, ip: str) -> str | None:
        """The interface the kernel would use to reach ``ip``."""
        ...

    async def arp(self, ctx: ProbeContext, ifname: str, source: str, addrs: list[str],
                  on_found: Callable[[str, str], None]) -> int:
        """ARP sweep; returns requests sent. Raises PermissionError without raw sockets."""
        ...

    async def icmp(self, ctx: ProbeContext, addrs: list[str], on_found: Callable[[str], None]) -> None:
        """ICMP echo sweep. Raises PermissionError without raw sockets."""
        ...

    async def ports(self, ctx: ProbeContext, ip: str, ports: Sequence[int]) -> PortScan:
        """TCP connect scan of one host."""
        ...

    async def discover(self, ctx: ProbeContext, protocol: str, link: Link, on_reply: OnReply | None = None,
                       destinations: Sequence[tuple[str, int]] | None = None, rounds: int = 2) -> list[tuple[str, Response]]:
        """One discovery protocol: multicast/broadcast on ``link``, or unicast to ``destinations``."""
        ...

    def wants(self, port: int, host: HostState) -> bool:
        """Does some first-stage probe (HTTP/TLS, RTSP, banner) run on this open port?"""
        ...

    def expects_reply(self, port: int) -> bool:
        """Is silence on this port a slow device (web, TLS, RTSP, a server that speaks first), not a
        port that speaks something else?"""
        ...

    async def open(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        """The first-stage probes for one open port."""
        ...

    async def http(self, ctx: ProbeContext, host: HostState, port: int, tls: bool, request: EndpointRequest) -> Response:
        """One vendor request."""
        ...

    async def onvif(self, ctx: ProbeContext, host: HostState, port: int, path: str, tls: bool,
                    confirmed: bool = False) -> list[Response]:
        """ONVIF device (and media) service queries on one endpoint (``confirmed``: announced by
        WS-Discovery, so no probing request first)."""
        ...

    async def upnp(self, ctx: ProbeContext, host: HostState, url: str) -> list[Response]:
        """A UPnP description (and IGD port mappings)."""
        ...

    async def login(self, ctx: ProbeContext, obs: Observation, vendor: str, user: str, password: str) -> Response | None:
        """The one default-credential attempt."""
        ...

    async def nmap(self, addrs: list[str], ports: Sequence[int], privileged: bool, iface: str | None) -> Any:
        """nmap host discovery and port scan (``--engine nmap``)."""
        ...

    def close(self, ctx: ProbeContext) -> None:
        """Release what the probes hold (the connect scanner)."""
        ...


class NetworkProbes:
    """The real network edge."""

    def __init__(self) -> None:
        from netscan.probes.banner import BannerProbe
        from netscan.probes.http import HttpProbe
        from netscan.probes.rtsp import RtspProbe

        self.openers = (HttpProbe(), RtspProbe(), BannerProbe())

    def interfaces(self) -> dict[str, Any]:
        from netscan.probes import netif

        return dict(netif.interfaces())

    def default_interface(self) -> str | None:
        from netscan.probes import netif

        return netif.default_interface()

    def route_interface(self, ip: str) -> str | None:
        from netscan.probes import netif

        return netif.route_interface(ip)

    async def arp(self, ctx: ProbeContext, ifname: str, source: str, addrs: list[str],
                  on_found: Callable[[str, str], None]) -> int:
        from netscan.probes import arp

        return (await arp.sweep(ctx, ifname, source, addrs, on_found=on_found)).sent

    async def icmp(self, ctx: ProbeContext, addrs: list[str], on_found: Callable[[str], None]) -> None:
        from netscan.probes import icmp

        await icmp.sweep(ctx, addrs, on_found=on_found)

    async def ports(self, ctx: ProbeContext, ip: str, ports: Sequence[int]) -> PortScan:
        from netscan.probes import ports as ports_probe

        return await ports_probe.scan_ports(ctx, ip, ports)

    async def discover(self, ctx: ProbeContext, protocol: str, link: Link, on_reply: OnReply | None = None,
                       destinations: Sequence[tuple[str, int]] | None = None, rounds: int = 2) -> list[tuple[str, Response]]:
        from netscan.probes import udp

        spec: udp.DiscoverySpec = discovery.resolve(discovery.search(protocol).spec)()
        if destinations is not None:
            spec.bind_port, spec.join = 0, False  # unicast: replies come back to our own port
        return await udp.discover(ctx, spec, link, destinations=destinations, rounds=rounds, on_reply=on_reply)

    def wants(self, port: int, host: HostState) -> bool:
        return any(p.wants(port, host) for p in self.openers)

    def expects_reply(self, port: int) -> bool:
        from netscan.probes.banner import BANNER_PORTS
        from netscan.probes.http import TLS_PORTS, WEB_PORTS
        from netscan.probes.rtsp import RTSP_PORTS

        return port in WEB_PORTS or port in TLS_PORTS or port in RTSP_PORTS or port in BANNER_PORTS

    async def open(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        out: list[Response] = []
        for p in self.openers:
            if p.wants(port, host):
                out += await p.run(ctx, host, port)
        return out

    async def http(self, ctx: ProbeContext, host: HostState, port: int, tls: bool, request: EndpointRequest) -> Response:
        from netscan.probes.http import HttpRequest, fetch

        req = HttpRequest(request.method, request.path, request.body, request.content_type)
        host.requests += 1
        return await fetch(ctx, host.ip, port, req, tls=tls)

    async def onvif(self, ctx: ProbeContext, host: HostState, port: int, path: str, tls: bool,
                    confirmed: bool = False) -> list[Response]:
        from netscan.probes import onvif

        return await onvif.query(ctx, host, port, path, tls, confirmed=confirmed)

    async def upnp(self, ctx: ProbeContext, host: HostState, url: str) -> list[Response]:
        from netscan.probes import ssdp

        return await ssdp.describe(ctx, host, url)

    async def login(self, ctx: ProbeContext, obs: Observation, vendor: str, user: str, password: str) -> Response | None:
        from netscan.probes import credentials

        return await credentials.attempt(ctx, obs, vendor, user, password)

    async def nmap(self, addrs: list[str], ports: Sequence[int], privileged: bool, iface: str | None) -> Any:
        import asyncio

        from netscan.probes import nmap_engine

        return await asyncio.to_thread(nmap_engine.discover_and_scan, addrs, ports, privileged, iface)

    def close(self, ctx: ProbeContext) -> None:
        sc = ctx.shared.pop("connect_scanner", None)
        if sc is not None:
            sc.close()
