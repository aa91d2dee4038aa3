"""ICMP echo sweep (raw socket, needs CAP_NET_RAW) for routed targets, with adaptive waits."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import struct
from collections.abc import Callable, Iterable

from netscan.probes.base import ProbeContext

logger = logging.getLogger(__name__)


def checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return int(~s & 0xFFFF)


def echo_request(ident: int, seq: int) -> bytes:
    """An ICMP echo request with a small payload."""
    payload = b"netscan-ping"
    head = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    return struct.pack("!BBHHH", 8, 0, checksum(head + payload), ident, seq) + payload


async def sweep(
    ctx: ProbeContext, targets: Iterable[str], on_found: Callable[[str], None] | None = None, tries: int = 2
) -> set[str]:
    """Ping every target; returns the addresses that answered (``on_found`` called at once)."""
    loop = asyncio.get_running_loop()
    wanted = list(dict.fromkeys(targets))
    index = {ip: i for i, ip in enumerate(wanted)}
    ident = os.getpid() & 0xFFFF
    found: set[str] = set()
    got = asyncio.Event()
    last = [loop.time()]
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    try:
        sock.setblocking(False)
        if ctx.source_ip:
            sock.bind((ctx.source_ip, 0))

        def readable() -> None:
            for _ in range(256):
                try:
                    pkt, addr = sock.recvfrom(2048)
                except (BlockingIOError, InterruptedError, OSError):
                    return
                ihl = (pkt[0] & 0x0F) * 4 if pkt else 0
                if len(pkt) < ihl + 8:
                    continue
                typ, _code, _ck, pid, _seq = struct.unpack("!BBHHH", pkt[ihl : ihl + 8])
                ip = addr[0]
                if typ == 0 and pid == ident and ip in index and ip not in found:
                    found.add(ip)
                    last[0] = loop.time()
                    got.set()
                    if on_found is not None:
                        on_found(ip)

        loop.add_reader(sock.fileno(), readable)
        t = ctx.timeouts
        start = loop.time()
        for attempt in range(tries):
            for ip in wanted:
                if ip in found:
                    continue
                assert ctx.rate is not None
                await ctx.rate.take()
                try:
                    sock.sendto(echo_request(ident, index[ip] & 0xFFFF), (ip, 0))
                except OSError as exc:
                    logger.debug("ping %s failed: %r", ip, exc)
            sent = loop.time()
            quiet = max(0.25, 8 * ctx.rtt.worst) * (1 + attempt)
            while True:
                now = loop.time()
                deadline = max(sent, last[0]) + quiet
                if now >= deadline or now - start > t.discovery_max or len(found) == len(wanted):
                    break
                got.clear()
                try:  # never past the sweep's cap (a slow learned RTT can make the quiet long)
                    async with asyncio.timeout(min(deadline, start + t.discovery_max) - now):  # not wait_for: it can lose a Ctrl-C on 3.11
                        await got.wait()
                except TimeoutError:
                    pass
    finally:
        try:
            loop.remove_reader(sock.fileno())
        except Exception:  # noqa: BLE001
            pass
        sock.close()
    return found
