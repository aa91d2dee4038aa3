"""ARP sweep of on-link targets over a raw AF_PACKET socket (needs CAP_NET_RAW).

The whole sweep is sent back to back within the global rate; replies are read as they come and
reported at once (so port scans start while the sweep is still running). The sweep stops
``arp_quiet`` after the last reply, then asks the silent addresses again (``arp_tries`` in all),
within ``arp_max``. Frames are built with ``struct`` (RFC 826 layout); importing scapy's full
stack costs ~1.2 s of CPU, which is most of a /24 sweep (``python -X importtime -c 'import
scapy.all'`` shows it).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from netscan.probes.base import ProbeContext

logger = logging.getLogger(__name__)

ETH_P_ARP = 0x0806
_BROADCAST = b"\xff" * 6
_ARP = struct.Struct("!HHBBH6s4s6s4s")


def mac_text(raw: bytes) -> str:
    """``aa:bb:cc:dd:ee:ff``."""
    return ":".join(f"{b:02x}" for b in raw)


def request_frame(src_mac: bytes, src_ip: str, target_ip: str) -> bytes:
    """An Ethernet broadcast frame carrying an ARP who-has for ``target_ip``."""
    arp = _ARP.pack(1, 0x0800, 6, 4, 1, src_mac, socket.inet_aton(src_ip), b"\0" * 6, socket.inet_aton(target_ip))
    return _BROADCAST + src_mac + struct.pack("!H", ETH_P_ARP) + arp


def parse_reply(frame: bytes) -> tuple[str, str, str] | None:
    """(sender ip, sender mac, target ip) of an ARP reply frame, or None."""
    if len(frame) < 42 or frame[12:14] != b"\x08\x06":
        return None
    try:
        _h, ptype, hlen, plen, op, sha, spa, _tha, tpa = _ARP.unpack(frame[14:42])
    except struct.error:
        return None
    if op != 2 or ptype != 0x0800 or hlen != 6 or plen != 4:
        return None
    return socket.inet_ntoa(spa), mac_text(sha), socket.inet_ntoa(tpa)


@dataclass
class ArpResult:
    """What the sweep found."""

    found: dict[str, str] = field(default_factory=dict)
    """ip -> MAC of the first reply."""
    conflicts: dict[str, set[str]] = field(default_factory=dict)
    """ip -> other MACs that answered too."""
    sent: int = 0


#: Shortest silence that ends an ARP round, however fast replies came: above the ARP latency of
#: wired LAN hosts (well under 10 ms), with room for a slow kernel or a busy switch.
ARP_MIN_QUIET = 0.05


def _own_mac(ifname: str) -> bytes:
    with open(f"/sys/class/net/{ifname}/address", encoding="ascii") as fh:
        return bytes.fromhex(fh.read().strip().replace(":", ""))


async def sweep(
    ctx: ProbeContext,
    ifname: str,
    src_ip: str,
    targets: Iterable[str],
    on_found: Callable[[str, str], None] | None = None,
) -> ArpResult:
    """ARP every target on ``ifname``; call ``on_found(ip, mac)`` at the first reply of each.

    Raises:
        PermissionError: no CAP_NET_RAW (the engine falls back to connect scans).
    """
    loop = asyncio.get_running_loop()
    src_mac = _own_mac(ifname)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))
    result = ArpResult()
    wanted = [t for t in dict.fromkeys(targets) if t != src_ip and ipaddress.ip_address(t).version == 4]
    wanted_set = set(wanted)
    got = asyncio.Event()
    last_reply = [loop.time()]
    sent_at: dict[str, float] = {}
    # How long silence must last to mean "no more replies": from the pace replies actually arrive
    # at (the largest gap between two replies) and the fastest request->reply time (what one lone
    # re-ask costs), never from the queueing delay of a whole burst.
    pace = {"gap": 0.0, "rtt": 0.0}
    try:
        sock.bind((ifname, ETH_P_ARP))
        sock.setblocking(False)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)

        def readable() -> None:
            for _ in range(256):
                try:
                    frame = sock.recv(128)
                except (BlockingIOError, InterruptedError):
                    return
                except OSError:
                    return
                parsed = parse_reply(frame)
                if parsed is None:
                    continue
                ip, mac, tpa = parsed
                if ip not in wanted_set or tpa != src_ip:
                    continue
                now = loop.time()
                if result.found:
                    pace["gap"] = max(pace["gap"], now - last_reply[0])
                if ip in sent_at and ip not in result.found:
                    rtt = now - sent_at[ip]
                    pace["rtt"] = rtt if not pace["rtt"] else min(pace["rtt"], rtt)
                last_reply[0] = now
                if ip in result.found:
                    if mac != result.found[ip]:
                        result.conflicts.setdefault(ip, set()).add(mac)
                    continue
                result.found[ip] = mac
                got.set()
                if on_found is not None:
                    on_found(ip, mac)

        loop.add_reader(sock.fileno(), readable)
        t = ctx.timeouts
        start = loop.time()
        for _attempt in range(max(ctx.limits.arp_tries, 1)):
            silent = [ip for ip in wanted if ip not in result.found]
            if not silent or loop.time() - start >= t.arp_max:
                break
            for ip in silent:
                assert ctx.rate is not None
                await ctx.rate.take()
                try:
                    sock.send(request_frame(src_mac, src_ip, ip))
                    sent_at[ip] = loop.time()
                    result.sent += 1
                except BlockingIOError:
                    await asyncio.sleep(0.001)  # transmit queue full: yield to the NIC
                except OSError as exc:
                    logger.debug("arp send failed: %r", exc)
            sent_done = loop.time()
            # Wait while replies keep coming: stop `arp_quiet` after the later of the last send
            # and the last reply (replies still arriving keep pushing the end back).
            while True:
                now = loop.time()
                # adaptive: 4x the reply pace, within [ARP_MIN_QUIET, arp_quiet]; a fast LAN stops
                # sooner, a slow or loaded one waits the full quiet period
                seen = max(pace["gap"], pace["rtt"])
                quiet = min(t.arp_quiet, max(ARP_MIN_QUIET, 4.0 * seen)) if seen else t.arp_quiet
                deadline = max(sent_done, last_reply[0]) + quiet
                if now >= deadline or now - start >= t.arp_max or len(result.found) == len(wanted):
                    break
                got.clear()
                try:
                    async with asyncio.timeout(min(deadline, start + t.arp_max) - now):  # not wait_for: it can lose a Ctrl-C on 3.11
                        await got.wait()
                except TimeoutError:
                    pass
    finally:
        try:
            loop.remove_reader(sock.fileno())
        except Exception:  # noqa: BLE001
            pass
        sock.close()
    return result
