"""One captured frame -> facts for the Collector, deciding from the fewest bytes first.

Link type, then EtherType, then IP protocol and ports are read straight from the frame with
slices and ``struct`` (no per-packet objects); only a frame that belongs to a protocol we read is
looked at further, and its payload is handed over as the device sent it (``b64:`` for binary
protocols, text for the HTTP-like ones), so identification reads it with the parsers that read
active scans. Every length is checked against what was captured: a frame cut by the snap length,
malformed or hostile, is counted and skipped, never raised.
"""

from __future__ import annotations

import base64
import re
import struct
from collections import OrderedDict
from collections.abc import Callable

from netscan.capture.collect import Collector
from netscan.discovery import BY_CAPTURE_PORT as DISCOVERY_BY_CAPTURE_PORT
from netscan.discovery import REGISTRY as DISCOVERY_REGISTRY
from netscan.parsers._util import B64_PREFIX
from netscan.parsers.dhcp import options as dhcp_options
from netscan.parsers.discovery import mdns_owner
from netscan.parsers.dnswire import DnsError, decode
from netscan.parsers.lldp import cdp_packet_fields, lldp_packet_fields
from netscan.parsers.snmp import ber_varbinds, walk_text

#: Link types read (pcap LINKTYPE_* values): Ethernet, Linux cooked v1/v2, raw IPv4.
LINK_ETHERNET, LINK_SLL, LINK_SLL2, LINK_RAW, LINK_RAW_BSD, LINK_IPV4 = 1, 113, 276, 101, 12, 228
ETH_IPV4, ETH_ARP, ETH_LLDP, ETH_VLAN, ETH_QINQ = 0x0800, 0x0806, 0x88CC, 0x8100, 0x88A8
CDP_DST = b"\x01\x00\x0c\xcc\xcc\xcc"
CDP_SNAP = b"\xaa\xaa\x03\x00\x00\x0c\x20\x00"
#: Most bytes of one TCP response kept (status line, headers and the start of the body).
MAX_STREAM_BYTES = 16384
#: TCP conversations followed at once (oldest dropped first).
MAX_FLOWS = 1024
#: Client request lines remembered (so a response can say what was asked).
MAX_REQUESTS = 2048
#: DHCP options a client states about itself (host name, parameter list, vendor class, client id, FQDN).
_DHCP_SAID = (12, 55, 60, 61, 81)
_SSDP_STARTS = (b"NOTIFY ", b"HTTP/1.1 200", b"HTTP/1.0 200")
#: The MAC a discovery reply states for the device (SADP <MAC>, WS-Discovery MAC scope, XMEye and
#: DHIP "MAC"), with the address it states, so a unicast reply (no link-layer proof) still binds.
_STATED_MAC = re.compile(rb"(?:<MAC>|<macAddr>|onvif://www\.onvif\.org/MAC/|\"mac\"\s*:\s*\")"
                         rb"([0-9A-Fa-f]{2}(?:(?:[-:]|%3[Aa])[0-9A-Fa-f]{2}){5})", re.I)


def _mac(b: bytes) -> str:
    return b.hex(":")


def _ip(b: bytes) -> str:
    return f"{b[0]}.{b[1]}.{b[2]}.{b[3]}"


def b64(data: bytes) -> str:
    """Bytes as a response's ``raw`` (the shared ``b64:`` convention)."""
    return B64_PREFIX + base64.b64encode(data).decode("ascii")


def _text(data: bytes) -> str:
    return data.decode("latin-1")


class _Flow:
    __slots__ = ("buf", "next_seq", "protocol", "port", "request", "ip", "mac", "ts", "done")

    def __init__(self, protocol: str, port: int, request: str, ip: str, mac: str | None, ts: float, seq: int) -> None:
        self.buf = bytearray()
        self.next_seq = seq
        self.protocol = protocol
        self.port = port
        self.request = request
        self.ip = ip
        self.mac = mac
        self.ts = ts
        self.done = False


class Decoder:
    """Feeds frames to a Collector; counts what it could not read."""

    def __init__(self, collector: Collector, cloud_domains: tuple[str, ...] = ()) -> None:
        self.c = collector
        self.cloud = tuple(d.lower().strip(".") for d in cloud_domains)
        self.frames = 0
        self.malformed = 0
        self.other_links = 0
        self.flows: OrderedDict[bytes, _Flow] = OrderedDict()
        self.requests: OrderedDict[bytes, str] = OrderedDict()

    # -- link layer -----------------------------------------------------------------------------

    def frame(self, link: int, data: bytes, ts: float) -> None:
        """Decode one frame (never raises on its content)."""
        self.frames += 1
        try:
            self._frame(link, data, ts)
        except (IndexError, struct.error, ValueError, UnicodeError):
            self.malformed += 1

    def _frame(self, link: int, data: bytes, ts: float) -> None:
        src_mac: str | None = None
        link_local = False
        if link == LINK_ETHERNET:
            if len(data) < 14:
                self.malformed += 1
                return
            et = (data[12] << 8) | data[13]
            off = 14
            while et in (ETH_VLAN, ETH_QINQ) and len(data) >= off + 4:
                et = (data[off + 2] << 8) | data[off + 3]
                off += 4
            src_mac = _mac(data[6:12])
            link_local = bool(data[0] & 1)  # group address: broadcast or multicast, never routed
            if et < 0x0600:
                if data[0:6] == CDP_DST and data[off : off + 8] == CDP_SNAP:
                    self._cdp(src_mac, data[off + 8 :], ts)
                return
        elif link == LINK_SLL:
            if len(data) < 16:
                self.malformed += 1
                return
            et = (data[14] << 8) | data[15]
            if data[4:6] == b"\x00\x06":
                src_mac = _mac(data[6:12])
            link_local = data[0:2] in (b"\x00\x01", b"\x00\x02")  # broadcast / multicast to us
            off = 16
        elif link == LINK_SLL2:
            if len(data) < 20:
                self.malformed += 1
                return
            et = (data[0] << 8) | data[1]
            if data[11] == 6:
                src_mac = _mac(data[12:18])
            link_local = data[10] in (1, 2)
            off = 20
        elif link in (LINK_RAW, LINK_RAW_BSD, LINK_IPV4):
            et, off = ETH_IPV4, 0
        else:
            self.other_links += 1
            return
        if et == ETH_IPV4:
            self._ipv4(data, off, src_mac, link_local, ts)
        elif et == ETH_ARP:
            self._arp(data, off, ts)
        elif et == ETH_LLDP and src_mac:
            self._lldp(src_mac, data[off:], ts)

    def _arp(self, data: bytes, off: int, ts: float) -> None:
        # Ethernet/IPv4 ARP only (RFC 826): htype 1, ptype 0x0800, hlen 6, plen 4
        if data[off : off + 6] != b"\x00\x01\x08\x00\x06\x04" or len(data) < off + 28:
            self.malformed += 1
            return
        sha, spa = data[off + 8 : off + 14], data[off + 14 : off + 18]
        if spa == b"\0\0\0\0":
            return  # ARP probe (RFC 5227): the sender has no address yet
        ip, mac = _ip(spa), _mac(sha)
        self.c.bind(ip, mac)
        self.c.seen(ip, ts)

    def _lldp(self, mac: str, pdu: bytes, ts: float) -> None:
        ip = _v4(lldp_packet_fields(pdu[:1500]).get("lldp.mgmt_ip", []))
        if ip:
            self.c.on_link(ip)
            self.c.bind(ip, mac)
        self.c.add(ip, mac, ts, "lldp", None, "LLDP", pdu[:1500], b64(pdu[:1500]))

    def _cdp(self, mac: str, pdu: bytes, ts: float) -> None:
        ip = _v4(cdp_packet_fields(pdu[:1500]).get("cdp.address", []))
        if ip:
            self.c.on_link(ip)
            self.c.bind(ip, mac)
        self.c.add(ip, mac, ts, "cdp", None, "CDP", pdu[:1500], b64(pdu[:1500]))

    # -- IPv4 -----------------------------------------------------------------------------------

    def _ipv4(self, data: bytes, off: int, src_mac: str | None, link_local: bool, ts: float) -> None:
        if len(data) < off + 20 or data[off] >> 4 != 4:
            self.malformed += 1
            return
        ihl = (data[off] & 0x0F) * 4
        total = (data[off + 2] << 8) | data[off + 3]
        if ihl < 20 or total < ihl:
            self.malformed += 1
            return
        if ((data[off + 6] & 0x1F) << 8) | data[off + 7]:
            return  # a later fragment: no transport header
        proto = data[off + 9]
        src, dst = data[off + 12 : off + 16], data[off + 16 : off + 20]
        l4 = off + ihl
        end = min(len(data), off + total)  # Ethernet padding cut; snaplen-cut frames end earlier
        if (dst[0] & 0xF0) == 0xE0 or dst == b"\xff\xff\xff\xff":
            link_local = True
        if proto == 17:
            if end < l4 + 8:
                self.malformed += 1
                return
            sport, dport = struct.unpack_from("!HH", data, l4)
            self._udp(_ip(src), _ip(dst), sport, dport, data[l4 + 8 : end], src_mac if link_local else None, ts)
        elif proto == 6:
            if end < l4 + 20:
                self.malformed += 1
                return
            self._tcp(data, l4, end, src, dst, ts)

    # -- UDP ------------------------------------------------------------------------------------

    def _udp(self, src: str, dst: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> None:
        c = self.c
        if mac and src != "0.0.0.0":
            c.bind(src, mac)
        if sport == 68 and dport == 67:
            self._dhcp_client(src, p, ts)
        elif sport == 67 and dport == 68:
            self._dhcp_server(p)
        elif dport == 53 or sport == 53:
            self._dns(src if dport == 53 else dst, p, ts)
        else:
            readers = _READERS_BY_PORT.get(sport, ())
            other = _READERS_BY_PORT.get(dport, ())
            if other and other is not readers:
                readers = tuple(sorted(set(readers) | set(other), key=_READ_ORDER.index))
            for name in readers:
                if _UDP_READERS[name](self, src, sport, dport, p, mac, ts):
                    return
            if sport == 161:  # an agent's answer: its values as walk lines, never the community string
                text = walk_text(ber_varbinds(p[:65536]))
                if text:
                    c.add(src, mac, ts, "snmp", 161, "get-response", text.encode(), text)

    # One reader per discovery protocol of the registry (netscan/discovery.py), asked for a datagram
    # to or from one of its ``capture_ports``: True when the datagram is that protocol's (recorded,
    # or a search nobody answers with, ignored), False to let the next reader look.

    def _read_mdns(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if len(p) >= 12 and p[2] & 0x80:  # responses (announcements, answers) only
            raw = b64(p[:9000])
            owner = mdns_owner(raw, src)
            self.c.add(owner, mac if owner == src else None, ts, "mdns", 5353, "announcement", p, raw)
        return True

    def _read_tvt(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if (dport == 1900 or sport == 1900) and b"<multicastSearchResult" in p[:8192]:
            # TVT's XML search reply (to an M-SEARCH for its own service type): the device describing itself
            self.c.add(src, mac, ts, "tvt", 1900, "M-SEARCH EmbeddedNetDeviceControl", p[:65536], _text(p[:65536]))
            if mac is None:
                self._stated_mac(src, p[:65536])
            return True
        if (dport == 23456 or sport == 23456) and p[:4] == b"MHED":
            if len(p) >= 0x44 and p[8:12] == b"\x02\0\0\0":  # a Layer-2 reply (code 2), not a tool's search
                self.c.add(src, mac, ts, "tvt", 23456, "MHED search", p[:4096], b64(p[:4096]))
            return True
        return False

    def _read_hanwha(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if sport == 7701 and len(p) >= 119 and p[0] == 0x0B:
            # a Hanwha (Wisenet) discovery reply (searches, first byte 0x01, name no device)
            self.c.add(src, mac, ts, "hanwha", 7701, "7701 search", p[:4096], b64(p[:4096]))
            return True
        return False

    def _read_ssdp(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if p.startswith(_SSDP_STARTS):
            req = "NOTIFY" if p.startswith(b"NOTIFY") else "M-SEARCH reply"
            self.c.add(src, mac, ts, "ssdp", 1900, req, p[:8192], _text(p[:8192]))
        return True

    def _read_wsd(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        head = p[:16384]  # gSOAP firmware declares ~45 namespaces (3 KB and more) before the Action
        for word, req in ((b"/discovery/Hello", "Hello"), (b"/discovery/Bye", "Bye"), (b"/discovery/ProbeMatches", "ProbeMatch")):
            if word in head:
                self.c.add(src, mac, ts, "wsd", 3702, req, p[:65536], _text(p[:65536]))
                if mac is None:
                    self._stated_mac(src, p[:65536])
                break
        return True

    def _read_sadp(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        head = p[:4096]
        if b"<Probe>" in head and b"<DeviceSN>" not in head:
            return True  # a tool's inquiry, not a device
        req = "Hello" if b"<Hello" in head else "Probe"
        self.c.add(src, mac, ts, "sadp", 37020, req, p[:65536], _text(p[:65536]))
        if mac is None:
            self._stated_mac(src, p[:65536])
        return True

    def _read_dhip(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if b"deviceInfo" in p[:65536]:
            self.c.add(src, mac, ts, "dhip", 37810, "DHDiscover.search", p[:65536], _text(p[:65536]))
            if mac is None:
                self._stated_mac(src, p[:65536])
        return True

    def _read_xmeye(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if b"NetWork.NetCommon" in p[:65536]:
            self.c.add(src, mac, ts, "xmeye", 34569, "1530", p[:65536], _text(p[:65536]))
            if mac is None:
                self._stated_mac(src, p[:65536])
        return True

    def _read_tplink(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if sport != 20002:
            return False
        if len(p) > 4:
            self.c.add(src, mac, ts, "tplink", sport, "discovery reply", p[:4096], b64(p[:4096]))
        return True

    def _read_ubnt(self, src: str, sport: int, dport: int, p: bytes, mac: str | None, ts: float) -> bool:
        if sport != 10001:
            return False
        if len(p) > 4:
            self.c.add(src, mac, ts, "ubnt", sport, "discovery reply", p[:4096], b64(p[:4096]))
            if mac is None:
                self._ubnt_mac(src, p[:4096])
        return True

    def _stated_mac(self, src: str, p: bytes) -> None:
        """Bind ``src`` to the MAC a discovery reply states, when the reply also states ``src`` as
        its own address (as text, or XMEye's little-endian hex HostIP): a unicast reply may have
        crossed a router, so its Ethernet source proves nothing, but the device's words do."""
        m = _STATED_MAC.search(p)
        if m is None:
            return
        a = src.encode()
        quads = [int(x) for x in src.split(".")]
        hex_le = b"0x%02x%02x%02x%02x" % (quads[3], quads[2], quads[1], quads[0])
        if _mentions(p, a) or hex_le in p.lower():
            mac = m.group(1).decode("ascii").lower().replace("%3a", ":").replace("-", ":")
            self.c.bind(src, mac)

    def _ubnt_mac(self, src: str, p: bytes) -> None:
        """Ubiquiti 10001: TLV 0x02 pairs a MAC with an address; bind the pair naming ``src``."""
        i, end = 4, min(len(p), 4 + ((p[2] << 8) | p[3]))
        while i + 3 <= end:
            typ, ln = p[i], (p[i + 1] << 8) | p[i + 2]
            val = p[i + 3 : i + 3 + ln]
            if typ == 0x02 and len(val) == 10 and _ip(val[6:]) == src:
                self.c.bind(src, _mac(val[:6]))
                return
            i += 3 + ln

    def _dhcp_client(self, src: str, p: bytes, ts: float) -> None:
        if len(p) < 240 or p[0] != 1:
            self.malformed += 1
            return
        mac = _mac(p[28:34]) if p[2] == 6 else None
        opts = dhcp_options(p)
        ip = src if src != "0.0.0.0" else None
        ciaddr = p[12:16]
        if ip is None and ciaddr != b"\0\0\0\0":
            ip = _ip(ciaddr)
        if ip is None and len(opts.get(50, b"")) == 4:
            ip = _ip(opts[50])
        if ip and mac:
            self.c.bind(ip, mac)
        msg = opts.get(53, b"\0")[:1]
        req = {b"\x01": "DISCOVER", b"\x03": "REQUEST", b"\x08": "INFORM"}.get(msg, "DHCP")
        # a client repeats itself (DISCOVER then REQUEST, a renewal every half lease) with a new
        # transaction id, elapsed time and requested address each time: what it says of itself is
        # its hardware address, host name, vendor class, parameter list and client id
        said = p[28:34] + b"".join(struct.pack("!BH", k, len(opts.get(k, b""))) + opts.get(k, b"") for k in _DHCP_SAID)
        self.c.add(ip, mac, ts, "dhcp", 67, req, said, b64(p[:1500]), same="client")

    def _dhcp_server(self, p: bytes) -> None:
        if len(p) < 240 or p[0] != 2 or p[2] != 6:
            return
        yiaddr = p[16:20]
        opts = dhcp_options(p)
        if yiaddr != b"\0\0\0\0" and opts.get(53, b"")[:1] == b"\x05":  # ACK: the address is the client's
            self.c.bind(_ip(yiaddr), _mac(p[28:34]))

    def _dns(self, device: str, p: bytes, ts: float) -> None:
        if not self.cloud or len(p) < 12:
            return
        try:
            msg = decode(p[:4096])
        except DnsError:
            self.malformed += 1
            return
        names = [n.lower() for n, _ in msg.questions]
        if any(n == d or n.endswith("." + d) for n in names for d in self.cloud):
            req = "response" if msg.is_response else "query"
            self.c.add(device, None, ts, "dns", 53, req, p[:4096], b64(p[:4096]))

    # -- TCP ------------------------------------------------------------------------------------

    def _tcp(self, data: bytes, l4: int, end: int, src: bytes, dst: bytes, ts: float) -> None:
        sport, dport, seq = struct.unpack_from("!HHI", data, l4)
        doff = (data[l4 + 12] >> 4) * 4
        if doff < 20:
            self.malformed += 1
            return
        payload = data[l4 + doff : end]
        if not payload:
            return
        key = src + dst + data[l4 : l4 + 4]
        flow = self.flows.get(key)
        if flow is not None and self._more(key, flow, seq, payload):
            return
        head = payload[:8]
        if head.startswith((b"HTTP/1.", b"RTSP/1.")):
            rkey = dst + src + data[l4 + 2 : l4 + 4] + data[l4 : l4 + 2]
            request = self.requests.pop(rkey, "")
            proto = "rtsp" if head.startswith(b"RTSP") else "http"
            self._start(key, proto, sport, request, _ip(src), ts, seq, payload)
        elif head[:1] == b"\x16" and head[1:2] == b"\x03" and len(payload) > 5 and payload[5] == 2:
            self._start(key, "tls", sport, "certificate", _ip(src), ts, seq, payload)  # ServerHello: a server's handshake
        elif head[:4] in (b"GET ", b"POST", b"HEAD", b"OPTI", b"DESC"):
            line = payload[:512].split(b"\r\n", 1)[0].decode("latin-1")
            parts = line.split(" ")
            if len(parts) >= 2:
                self.requests[key] = f"{parts[0]} {parts[1][:256]}"
                if len(self.requests) > MAX_REQUESTS:
                    self.requests.popitem(last=False)

    def _start(self, key: bytes, proto: str, port: int, request: str, ip: str, ts: float, seq: int, payload: bytes) -> None:
        if not self.c.is_local(ip) or ip in self.c.ignore:
            return
        flow = _Flow(proto, port, request, ip, None, ts, seq)
        self.flows[key] = flow
        if len(self.flows) > MAX_FLOWS:
            _, old = self.flows.popitem(last=False)
            self._finish(old)
        self._more(key, flow, seq, payload)

    def _more(self, key: bytes, flow: _Flow, seq: int, payload: bytes) -> bool:
        """Add a segment to a followed response; False when it does not continue it (a gap: the
        segment may start the next message on the connection)."""
        if seq != flow.next_seq:
            if (seq - flow.next_seq) & 0xFFFFFFFF < 0x80000000:  # a gap (segment lost or filtered out)
                self._finish(flow)
                self.flows.pop(key, None)
                return False
            return True  # retransmission or old segment
        flow.buf += payload[: MAX_STREAM_BYTES - len(flow.buf)]
        flow.next_seq = (seq + len(payload)) & 0xFFFFFFFF
        if self._complete(flow):
            self._finish(flow)
            self.flows.pop(key, None)
        return True

    def _complete(self, flow: _Flow) -> bool:
        if len(flow.buf) >= MAX_STREAM_BYTES:
            return True
        if flow.protocol == "tls":
            return _certificate(bytes(flow.buf)) is not None or not _handshake_may_continue(bytes(flow.buf))
        return b"\r\n\r\n" in flow.buf and len(flow.buf) >= 1024 or b"\r\n\r\n" in flow.buf and flow.protocol == "rtsp"

    def _finish(self, flow: _Flow) -> None:
        if flow.done:
            return
        flow.done = True
        data = bytes(flow.buf)
        if flow.protocol == "tls":
            der = _certificate(data)
            if der is None:
                return
            pem = _pem(der)
            self.c.add(flow.ip, None, flow.ts, "tls", flow.port, flow.request, der, pem, tcp_port=True)
            return
        truncated = b"\r\n\r\n" not in data
        # the dedup key leaves out the headers that change per response (Date)
        self.c.add(flow.ip, None, flow.ts, flow.protocol, flow.port, flow.request, _stable(data), _text(data),
                   tcp_port=True, truncated=truncated)

    def flush(self) -> None:
        """End of input: responses still being reassembled are recorded with what arrived."""
        for flow in list(self.flows.values()):
            self._finish(flow)
        self.flows.clear()


def _mentions(data: bytes, addr: bytes) -> bool:
    """``addr`` (dotted quad) occurs in ``data`` as a whole address, not inside a longer one."""
    i = data.find(addr)
    for _ in range(64):
        if i < 0:
            return False
        j = i + len(addr)
        if (i == 0 or data[i - 1] not in _ADDR_CHARS) and (j == len(data) or data[j] not in _ADDR_CHARS):
            return True
        i = data.find(addr, i + 1)
    return False


_ADDR_CHARS = frozenset(b"0123456789.")


def _v4(values: list[str]) -> str | None:
    """The first IPv4 address among a neighbour announcement's management addresses."""
    return next((v for v in values if v.count(".") == 3), None)


def _stable(data: bytes) -> bytes:
    out = []
    for line in data.split(b"\r\n"):
        if line[:5].lower() in (b"date:", b"cseq:", b"sessi"):
            continue
        out.append(line)
    return b"\r\n".join(out)


def _handshake_may_continue(buf: bytes) -> bool:
    """True while the server's handshake records could still carry a Certificate message."""
    i = 0
    while i + 5 <= len(buf):
        ctype = buf[i]
        ln = (buf[i + 3] << 8) | buf[i + 4]
        if ctype != 0x16:
            return False  # ChangeCipherSpec / application data: TLS 1.3 or resumption, no clear certificate
        if i + 5 + ln > len(buf):
            return True
        i += 5 + ln
    return True


def _certificate(buf: bytes) -> bytes | None:
    """The first certificate (DER) of a TLS 1.0-1.2 Certificate handshake message, when complete."""
    hs = bytearray()
    i = 0
    while i + 5 <= len(buf) and len(hs) < MAX_STREAM_BYTES:
        if buf[i] != 0x16:
            break
        ln = (buf[i + 3] << 8) | buf[i + 4]
        hs += buf[i + 5 : i + 5 + ln]
        if i + 5 + ln > len(buf):
            break
        i += 5 + ln
    j = 0
    while j + 4 <= len(hs):
        mtype = hs[j]
        mlen = (hs[j + 1] << 16) | (hs[j + 2] << 8) | hs[j + 3]
        if mtype == 11:
            body = hs[j + 4 : j + 4 + mlen]
            if len(body) < 6:
                return None
            clen = (body[3] << 16) | (body[4] << 8) | body[5]
            der = bytes(body[6 : 6 + clen])
            return der if len(der) == clen and clen > 0 else None
        j += 4 + mlen
    return None


def _pem(der: bytes) -> str:
    text = base64.b64encode(der).decode("ascii")
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


_UdpReader = Callable[[Decoder, str, int, int, bytes, "str | None", float], bool]
#: Each discovery protocol's reader; every protocol of the registry has one (tests/test_discovery_registry.py).
_UDP_READERS: dict[str, _UdpReader] = {
    "wsd": Decoder._read_wsd, "ssdp": Decoder._read_ssdp, "mdns": Decoder._read_mdns, "sadp": Decoder._read_sadp,
    "dhip": Decoder._read_dhip, "xmeye": Decoder._read_xmeye, "tplink": Decoder._read_tplink,
    "ubnt": Decoder._read_ubnt, "tvt": Decoder._read_tvt, "hanwha": Decoder._read_hanwha,
}
#: The order readers are asked in: the registry's, last first (netscan/discovery.py ``BY_CAPTURE_PORT``).
_READ_ORDER: tuple[str, ...] = tuple(reversed([p.name for p in DISCOVERY_REGISTRY]))
#: The readers of each capture port, in reading order.
_READERS_BY_PORT = DISCOVERY_BY_CAPTURE_PORT
