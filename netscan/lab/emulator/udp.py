"""UDP discovery for every emulated device: every protocol of the discovery registry
(netscan/discovery.py), each with its reply function in :data:`REPLIES`.

One socket per protocol (``netscan.lab.profiles.LISTENING``), bound to the wildcard address and joined to the protocol's multicast
group on every emulated device's interface. ``IP_PKTINFO`` tells which device a datagram reached
(its interface, or its own address for unicast); the answer leaves from that device's address
and interface. Replies are the profile's raw text, with the device's address substituted and
the request's own identifiers echoed (WS-Discovery RelatesTo, SADP Uuid), as real devices do.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
import struct
from dataclasses import dataclass
from typing import Any, Callable

from netscan.lab.emulator.mdns import MDNS_GROUP, MDNS_PORT, MdnsRecords, is_qu
from netscan.lab.emulator.packets import dhip_packet, to_bytes, xmeye_msg_id, xmeye_packet
from netscan.lab.emulator.timing import Timing
from netscan.lab.profiles import LISTENING, TVT_XML_PORT, UDP_PORTS, served_raw, socket_for
from netscan.parsers._util import raw_bytes
from netscan.parsers.hanwha import SEARCH as HANWHA_SEARCH
from netscan.parsers.tvt import L2_MAGIC, L2_SEARCH
from netscan.probes.tvt import ST as TVT_SERVICE_TYPE

logger = logging.getLogger(__name__)

#: Multicast group each protocol listens on (None: broadcast/unicast only), from the registry.
GROUPS: dict[str, str | None] = {name: s.group for name, s in LISTENING.items()}
#: Where a protocol's replies go when not to the sender: its group and port (TVT Layer-2 replies go
#: to 234.55.55.56:23456), from the registry.
REPLY_TO: dict[str, tuple[str, int]] = {name: (s.reply_group, s.port) for name, s in LISTENING.items() if s.reply_group}
#: TVT's XML search names TVT_SERVICE_TYPE in its M-SEARCH (netscan/probes/tvt.py, with its sources).
TVT_ST = TVT_SERVICE_TYPE.encode()
#: Largest datagram read; discovery probes are well under 2 KiB.
MAX_DATAGRAM = 65535
#: Datagrams handled per wake-up of the reader, so one flood cannot starve the loop.
MAX_PER_WAKEUP = 256
#: XMEye discovery request / reply message ids (python-dvr DeviceManager.py SearchXM).
XMEYE_SEARCH, XMEYE_SEARCH_REPLY = 1530, 1531

_IN_PKTINFO = struct.Struct("I4s4s")
#: Linux <netinet/in.h> IP_PKTINFO (``IP_PKTINFO`` only exists from Python 3.12).
IP_PKTINFO: int = getattr(socket, "IP_PKTINFO", 8)
_MSGID_RE = re.compile(rb"<(?:[\w.-]+:)?MessageID[^>]*>\s*([^<]{1,200}?)\s*</", re.S)
_RELATES_RE = re.compile(r"(<(?:[\w.-]+:)?RelatesTo[^>]*>)([^<]*)(</)", re.S)
_UUID_REQ_RE = re.compile(rb"<Uuid>\s*([^<]{1,100}?)\s*</Uuid>", re.S | re.I)
_UUID_RAW_RE = re.compile(r"(<Uuid>)([^<]*)(</Uuid>)", re.I)
_ST_RE = re.compile(rb"(?im)^ST:\s*(\S+)")


@dataclass
class UdpDevice:
    """What the UDP side knows of one emulated device."""

    name: str
    ip: str
    ifindex: int
    profile: dict[str, Any]
    multicast_silent: bool = False
    """Ignore discovery queries sent to a multicast or broadcast address (answer unicast ones)."""
    timing: Timing | None = None
    """Answer delay (the device's one Timing; each protocol has its own idle clock)."""


def _resp(dev: UdpDevice, protocol: str, request: str | None = None) -> list[dict[str, Any]]:
    out = [r for r in dev.profile.get("responses", []) if r.get("protocol") == protocol]
    if request is not None:
        out = [r for r in out if str(r.get("request", "")).split()[:1] == [request]]
    return out


_MDNS_CACHE: dict[tuple[str, str], MdnsRecords] = {}


def mdns_records(dev: UdpDevice) -> MdnsRecords:
    """The device's mDNS records (built once)."""
    key = (dev.name, dev.ip)
    if key not in _MDNS_CACHE:
        text = "\n".join(served_raw(dev.profile, r, dev.ip) for r in _resp(dev, "mdns"))
        _MDNS_CACHE[key] = MdnsRecords(dev.name, dev.ip, text)
    return _MDNS_CACHE[key]


def reply(protocol: str, dev: UdpDevice, data: bytes, legacy: bool = False) -> bytes | None:
    """The device's answer to one datagram, or None when it stays silent (pure)."""
    answer = REPLIES.get(protocol)
    return answer(dev, data, legacy) if answer is not None else None


def _mdns(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    return mdns_records(dev).answer(data, legacy) if _resp(dev, "mdns") else None


def _echoed(
    dev: UdpDevice, r: dict[str, Any], data: bytes, req_re: re.Pattern[bytes], raw_re: re.Pattern[str],
    encoding: str = "utf-8",
) -> bytes:
    """A recorded reply with the request's id (WS-Discovery MessageID, SADP Uuid) echoed into it,
    as the devices do; a ``verbatim`` reply is served as recorded."""
    raw = served_raw(dev.profile, r, dev.ip)
    m = req_re.search(data)
    if m and not r.get("verbatim"):
        ident = m.group(1).decode(encoding, "replace")
        raw = raw_re.sub(lambda x: x.group(1) + ident + x.group(3), raw, count=1)
    return to_bytes(raw)


def _wsd(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    if b"Probe" not in data or b"ProbeMatch" in data:
        return None
    rs = _resp(dev, "wsd", "Probe") or [r for r in _resp(dev, "wsd") if "ProbeMatch" in r["raw"]]
    if not rs:
        return None
    return _echoed(dev, rs[0], data, _MSGID_RE, _RELATES_RE)


def _ssdp(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    if not data.startswith(b"M-SEARCH"):
        return None
    st = _ST_RE.search(data)
    want = st.group(1) if st else b""
    if want == TVT_ST:
        # TVT's XML search: its own reply (a multicastSearchResult), or silence
        xml = [r for r in _resp(dev, "tvt") if r.get("port") == TVT_XML_PORT]
        return to_bytes(served_raw(dev.profile, xml[0], dev.ip)) if xml else None
    rs = _resp(dev, "ssdp", "M-SEARCH")
    if not rs:
        return None
    target = want.decode("latin-1")
    chosen = next((r for r in rs if target and target in str(r.get("request", ""))), rs[0])
    return to_bytes(served_raw(dev.profile, chosen, dev.ip))


def _sadp(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    if b"<Probe" not in data and b"inquiry" not in data:
        return None
    rs = _resp(dev, "sadp", "Probe") or [r for r in _resp(dev, "sadp") if "ProbeMatch" in r["raw"]]
    if not rs:
        return None
    return _echoed(dev, rs[0], data, _UUID_REQ_RE, _UUID_RAW_RE, "latin-1")


def _dhip(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    if b"DHDiscover.search" not in data:
        return None
    rs = _resp(dev, "dhip")
    if not rs:
        return None
    pkt = to_bytes(served_raw(dev.profile, rs[0], dev.ip))
    if rs[0].get("verbatim"):
        return pkt
    body = pkt[32:] if len(pkt) >= 32 and pkt[4:8] == b"DHIP" else pkt
    return dhip_packet(body)


def _replayed(protocol: str, dev: UdpDevice, is_probe: bool) -> bytes | None:
    """A recorded datagram (``b64:``), replayed byte for byte."""
    rs = _resp(dev, protocol)
    if not is_probe or not rs:
        return None
    return raw_bytes(rs[0]["raw"])


def _tplink(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    # TP-Link 20002: a version-2 header then JSON
    return _replayed("tplink", dev, len(data) > 16 and data[0] == 2 and b"rsa_key" in data[16:])


def _ubnt(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    # Ubiquiti 10001: the 4-byte v1/v2 request
    return _replayed("ubnt", dev, data[:4] in (b"\x01\x00\x00\x00", b"\x02\x08\x00\x00"))


def _tvt(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    # Layer-2 search (``MHED``, code 1): the recorded reply, with the device's own address at 0x28
    if not (len(data) >= 12 and data[:4] == L2_MAGIC and struct.unpack_from("<I", data, 8)[0] == L2_SEARCH):
        return None
    rs = [r for r in _resp(dev, "tvt") if r.get("port") == UDP_PORTS["tvt"]]
    if not rs:
        return None
    l2 = bytearray(raw_bytes(rs[0]["raw"]))
    if len(l2) >= 0x2C and not rs[0].get("verbatim"):
        l2[0x28:0x2C] = socket.inet_aton(dev.ip)
    return bytes(l2)


def _hanwha(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    # UDP 7701 search (first byte 0x01): the recorded reply, with the device's own address in its
    # address field (offset 37) and web URL (offset 133), as the device states them
    rs = _resp(dev, "hanwha")
    if not data or data[0] != HANWHA_SEARCH or not rs:
        return None
    hw = bytearray(raw_bytes(rs[0]["raw"]))
    if len(hw) >= 172 and not rs[0].get("verbatim"):
        hw[37:53] = dev.ip.encode().ljust(16, b"\0")
        hw[133:172] = f"http://{dev.ip}/index.htm".encode()[:38].ljust(39, b"\0")
    return bytes(hw)


def _xmeye(dev: UdpDevice, data: bytes, legacy: bool) -> bytes | None:
    if xmeye_msg_id(data) != XMEYE_SEARCH:
        return None
    rs = _resp(dev, "xmeye")
    if not rs:
        return None
    pkt = to_bytes(served_raw(dev.profile, rs[0], dev.ip))
    if rs[0].get("verbatim"):
        return pkt
    msg_id = xmeye_msg_id(pkt)
    if msg_id is not None:
        return xmeye_packet(pkt[20:], msg_id or XMEYE_SEARCH_REPLY)
    return xmeye_packet(pkt, XMEYE_SEARCH_REPLY)


#: How a device answers one datagram on each discovery socket (``netscan.lab.profiles.LISTENING``):
#: ``(device, datagram, legacy) -> reply or None``; every registered protocol has one
#: (tests/test_discovery_registry.py).
REPLIES: dict[str, Callable[[UdpDevice, bytes, bool], bytes | None]] = {
    "wsd": _wsd, "ssdp": _ssdp, "mdns": _mdns, "sadp": _sadp, "dhip": _dhip, "xmeye": _xmeye,
    "tplink": _tplink, "ubnt": _ubnt, "tvt": _tvt, "hanwha": _hanwha,
}


def _serves(response: dict[str, Any], proto: str) -> bool:
    """Does this recorded response make the device listen on ``proto``'s socket? (A ``tvt`` XML
    reply is served by the SSDP socket, a ``tvt`` Layer-2 reply by the 23456 one.)"""
    return socket_for(response) == proto


class DiscoveryServer:
    """One wildcard socket per discovery protocol, dispatching to the device that was reached."""

    def __init__(self, devices: list[UdpDevice]) -> None:
        self.devices = devices
        self.by_ifindex = {d.ifindex: d for d in devices}
        self.by_ip = {d.ip: d for d in devices}
        self.sockets: dict[str, socket.socket] = {}
        self.answered = 0
        self.ignored_multicast = 0
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        """Open and register the sockets of every protocol some device speaks."""
        self._loop = loop
        for proto, port in UDP_PORTS.items():
            members = [d for d in self.devices if any(_serves(r, proto) for r in d.profile.get("responses", []))]
            if not members:
                continue
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
            sock.bind(("0.0.0.0", port))
            sock.setblocking(False)
            group = GROUPS.get(proto)
            if group:
                for d in members:
                    mreqn = socket.inet_aton(group) + socket.inet_aton(d.ip) + struct.pack("i", d.ifindex)
                    try:
                        sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn)
                    except OSError as exc:
                        logger.warning("join %s on %s failed: %s", group, d.name, exc)
            self.sockets[proto] = sock
            loop.add_reader(sock.fileno(), self._on_readable, proto, sock)

    def close(self, loop: asyncio.AbstractEventLoop) -> None:
        """Stop listening."""
        for sock in self.sockets.values():
            try:
                loop.remove_reader(sock.fileno())
            except (ValueError, OSError):
                pass
            sock.close()
        self.sockets.clear()

    def send_from(self, protocol: str, dev: UdpDevice, data: bytes, dest: tuple[str, int]) -> None:
        """Send ``data`` from the device's own address and interface on the protocol's port."""
        sock = self.sockets.get(protocol)
        if sock is None:
            return
        pkt = _IN_PKTINFO.pack(dev.ifindex, socket.inet_aton(dev.ip), b"\0\0\0\0")
        try:
            sock.sendmsg([data], [(socket.IPPROTO_IP, IP_PKTINFO, pkt)], 0, dest)
        except OSError as exc:
            logger.debug("send %s from %s to %s failed: %s", protocol, dev.name, dest, exc)

    def _device_for(self, ifindex: int, dst: str) -> UdpDevice | None:
        dev = self.by_ip.get(dst)
        if dev is not None:
            return dev
        try:
            if ipaddress.IPv4Address(dst).is_multicast or dst.endswith(".255") or dst == "255.255.255.255":
                return self.by_ifindex.get(ifindex)
        except ValueError:
            return None
        return self.by_ifindex.get(ifindex) if dst not in self.by_ip else None

    def _on_readable(self, proto: str, sock: socket.socket) -> None:
        for _ in range(MAX_PER_WAKEUP):
            try:
                data, anc, _flags, addr = sock.recvmsg(MAX_DATAGRAM, socket.CMSG_SPACE(_IN_PKTINFO.size))
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                logger.debug("recv %s: %s", proto, exc)
                return
            ifindex, dst = 0, ""
            for level, ctype, cdata in anc:
                if level == socket.IPPROTO_IP and ctype == IP_PKTINFO and len(cdata) >= _IN_PKTINFO.size:
                    ifindex, _spec, hdr_dst = _IN_PKTINFO.unpack(cdata[:_IN_PKTINFO.size])
                    dst = socket.inet_ntoa(hdr_dst)
            dev = self._device_for(ifindex, dst)
            if dev is None:
                continue
            # the lab's readiness probe comes from a device address inside the device namespace:
            # answered at once, over loopback, whatever the device's delay or multicast setting
            internal = addr[0] in self.by_ip
            if dev.multicast_silent and not internal and dst not in self.by_ip:  # group or broadcast
                self.ignored_multicast += 1
                continue
            dest = addr
            if proto in REPLY_TO:
                dest = REPLY_TO[proto]  # TVT's Layer-2 replies are multicast
            legacy = False
            if proto == "mdns":
                legacy = addr[1] != MDNS_PORT
                if not legacy and not is_qu(data) and dst == MDNS_GROUP:
                    dest = (MDNS_GROUP, MDNS_PORT)
            try:
                out = reply(proto, dev, data, legacy)
            except Exception:  # noqa: BLE001 - one bad datagram must not stop discovery
                logger.exception("%s reply for %s failed", proto, dev.name)
                continue
            if not out:
                continue
            self.answered += 1
            if internal:
                try:
                    sock.sendto(out, addr)
                except OSError as exc:
                    logger.debug("readiness reply %s for %s failed: %s", proto, dev.name, exc)
                continue
            delay = dev.timing.next_delay(f"udp/{proto}") if dev.timing is not None else 0.0
            if delay > 0 and self._loop is not None:
                self._loop.call_later(delay, self.send_from, proto, dev, out, dest)
            else:
                self.send_from(proto, dev, out, dest)



SendFn = Callable[[str, UdpDevice, bytes, tuple[str, int]], None]
