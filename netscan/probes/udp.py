"""Multicast/broadcast discovery over UDP: send a probe, collect replies while they keep coming.

Waits adapt to the replies: listen at least ``discovery_min`` (devices delay answers at random,
e.g. WS-Discovery APP_MAX_DELAY 500 ms, SSDP MX), then stop once nothing arrived for
``discovery_quiet``, never past ``discovery_max``. Every send uses TTL 1 and, when an interface
is given, is bound to it (SO_BINDTODEVICE / IP_MULTICAST_IF): discovery never leaves the link.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from netscan.limits import MAX_DISCOVERY_REPLIES
from netscan.model import Response
from netscan.probes.base import ProbeContext, text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Link:
    """The interface discovery runs on."""

    ifname: str | None
    """Interface name (None in loopback tests)."""
    address: str
    """Our IPv4 address on it."""
    broadcast: str = "255.255.255.255"
    """Directed broadcast of the attached subnet (or the limited broadcast)."""


@dataclass(frozen=True)
class Datagram:
    """One reply: who sent it and the bytes."""

    ip: str
    port: int
    data: bytes


@dataclass
class DiscoverySpec:
    """How one discovery protocol is spoken."""

    protocol: str
    """Observation protocol name of the replies (wsd, ssdp, sadp, dhip, xmeye, mdns)."""
    port: int
    """The UDP port devices listen on."""
    group: str | None
    """Multicast group the probe goes to (None: broadcast only)."""
    payloads: Callable[[], list[bytes]]
    """Fresh probe payload(s) for one round (new UUIDs each time)."""
    bind_port: int = 0
    """Local port to bind (0: any). XMEye replies go to 34569, SADP/DHIP may multicast to theirs."""
    join: bool = False
    """Join ``group`` (or ``join_group``) to hear replies multicast back to it."""
    join_group: str | None = None
    """The group replies are multicast to, when it is not the one the probe goes to (TVT Layer-2)."""
    broadcast: bool = False
    """Also send the probe to the link's broadcast address."""
    accept: Callable[[bytes], bool] = field(default=lambda data: True)
    """Is this datagram a reply (and not our own probe, echoed)?"""
    request: str = "probe"
    """How the request is recorded."""
    to_response: Callable[[Datagram], Response] | None = None
    """Convert a reply into a Response (default: latin-1 text of the bytes)."""

    def response(self, d: Datagram) -> Response:
        """The Response recorded for one reply."""
        if self.to_response is not None:
            return self.to_response(d)
        return Response(protocol=self.protocol, port=self.port, request=self.request, raw=text(d.data))


#: Per-request identifiers a device echoes (WS-Addressing RelatesTo/MessageID, SADP Uuid): two
#: replies that differ only there are the same answer to two of our probes.
_ECHOED = re.compile(rb"(<(?:[\w.-]+:)?(?:RelatesTo|MessageID|Uuid)\b[^>]*>)[^<]{0,200}(</)", re.I)


def _answer_key(data: bytes) -> bytes:
    return _ECHOED.sub(rb"\1\2", data[:65536]) if b"<" in data[:4096] else data


class _Collector(asyncio.DatagramProtocol):
    def __init__(self, accept: Callable[[bytes], bool], own: set[bytes], limit: int) -> None:
        self.accept = accept
        self.own = own
        self.limit = limit
        self.replies: list[Datagram] = []
        self.seen: set[tuple[str, bytes]] = set()
        self.event = asyncio.Event()
        self.dropped = 0
        self.on_reply: Callable[[Datagram], None] | None = None

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if data in self.own or not self.accept(data):
            return
        key = (addr[0], _answer_key(data))
        if key in self.seen:
            return
        if len(self.replies) >= self.limit:
            self.dropped += 1
            return
        self.seen.add(key)
        d = Datagram(addr[0], addr[1], data)
        self.replies.append(d)
        self.event.set()
        if self.on_reply is not None:
            try:
                self.on_reply(d)
            except Exception:  # noqa: BLE001 - a consumer bug must not kill the socket
                logger.warning("discovery reply handler failed", exc_info=True)

    def error_received(self, exc: Exception) -> None:  # ICMP unreachable etc.: just data loss
        logger.debug("discovery socket error: %r", exc)


def _socket(spec: DiscoverySpec, link: Link) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 1 if link.ifname else 64)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
    if link.ifname:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, link.ifname.encode())
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(link.address))
    # Bound to the wildcard so broadcast/multicast replies to our port are heard; the device
    # binding above keeps it on the one link.
    bind_ip = "0.0.0.0" if link.ifname else link.address
    try:
        sock.bind((bind_ip, spec.bind_port))
    except OSError:
        sock.bind((bind_ip, 0))  # well-known port taken (another tool): unicast replies still reach us
    group = spec.join_group or spec.group
    if spec.join and group and link.ifname:
        mreq = struct.pack("4s4s", socket.inet_aton(group), socket.inet_aton(link.address))
        try:
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        except OSError as exc:
            logger.debug("cannot join %s: %r", group, exc)
    sock.setblocking(False)
    return sock


async def discover(
    ctx: ProbeContext,
    spec: DiscoverySpec,
    link: Link,
    destinations: Sequence[tuple[str, int]] | None = None,
    rounds: int = 2,
    on_reply: Callable[[str, Response], None] | None = None,
) -> list[tuple[str, Response]]:
    """Run one discovery protocol on ``link``; returns (source ip, Response) per distinct reply.

    Args:
        destinations: where to send instead of the multicast group/broadcast (unicast probing of
            routed hosts, and loopback tests).
        rounds: how many times the probe is sent (multicast is lossy), spaced by a quarter of
            the quiet time.
        on_reply: called with (source ip, Response) as each distinct reply arrives.
    """
    loop = asyncio.get_running_loop()
    t = ctx.timeouts
    try:
        sock = _socket(spec, link)
    except OSError as exc:
        logger.warning("%s discovery unavailable on %s: %s", spec.protocol, link.ifname or link.address, exc)
        return []
    own: set[bytes] = set()
    collector = _Collector(spec.accept, own, MAX_DISCOVERY_REPLIES)
    if on_reply is not None:
        collector.on_reply = lambda d: on_reply(d.ip, spec.response(d))
    transport, _ = await loop.create_datagram_endpoint(lambda: collector, sock=sock)
    if destinations is None:
        dests: list[tuple[str, int]] = []
        if spec.group:
            dests.append((spec.group, spec.port))
        if spec.broadcast or not spec.group:
            dests.append((link.broadcast, spec.port))
    else:
        dests = list(destinations)
    start = loop.time()
    try:
        for n in range(max(rounds, 1)):
            for payload in spec.payloads():
                own.add(payload)
                for d in dests:
                    # A handful of datagrams per protocol: they do not queue behind the port
                    # scan's tokens (the window below would close before they left).
                    if destinations is not None:
                        assert ctx.rate is not None
                        await ctx.rate.take()
                    try:
                        transport.sendto(payload, d)
                    except OSError as exc:
                        logger.debug("%s send to %s failed: %r", spec.protocol, d, exc)
            if n == 0:
                start = loop.time()  # the listening window opens when the probe has left
            if n + 1 < rounds:
                try:
                    async with asyncio.timeout(t.discovery_quiet / 4):  # not wait_for: it can lose a Ctrl-C on 3.11
                        await collector.event.wait()
                except TimeoutError:
                    pass
        last = start
        count = -1
        while True:
            if len(collector.replies) != count:
                count = len(collector.replies)
                last = loop.time()
            now = loop.time()
            if now - start >= t.discovery_max:
                break
            deadline = max(start + t.discovery_min, last + t.discovery_quiet)
            if now >= deadline:
                break
            collector.event.clear()
            try:
                async with asyncio.timeout(min(deadline, start + t.discovery_max) - now):  # not wait_for: it can lose a Ctrl-C on 3.11
                    await collector.event.wait()
            except TimeoutError:
                pass
    finally:
        transport.close()
    if collector.dropped:
        logger.warning("%s: %d further replies dropped (cap %d)", spec.protocol, collector.dropped, MAX_DISCOVERY_REPLIES)
    return [(d.ip, spec.response(d)) for d in collector.replies]
