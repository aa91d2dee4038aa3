"""mDNS / DNS-SD browse (UDP 5353) for camera service types, using zeroconf's DNS codec.

One query carries a PTR question per service type with the unicast-response bit set (RFC 6762
§5.4), sent to 224.0.0.251 from a socket bound to 5353 that has joined the group, so unicast and
multicast answers are both heard. zeroconf is used only to build and parse DNS messages here;
every reply is recorded as DNS-SD records in presentation format, one per line
(``<name> PTR <target>``, ``<name> TXT "k=v" ...``, ``<name> SRV <prio> <weight> <port> <host>``,
``<name> A <address>``).
"""

from __future__ import annotations

import ipaddress
import logging

from zeroconf import DNSAddress, DNSHinfo, DNSIncoming, DNSOutgoing, DNSPointer, DNSQuestion, DNSService, DNSText
from zeroconf.const import _CLASS_IN, _FLAGS_QR_QUERY, _TYPE_PTR

from netscan.model import Response
from netscan.probes.udp import Datagram, DiscoverySpec

logger = logging.getLogger(__name__)

PORT = 5353
GROUP = "224.0.0.251"

#: Service types browsed: Axis, Hikvision (_CGI), RTSP/ONVIF/HTTP generic, Arecont, PSIA, and the
#: DNS-SD meta-query that lists every type a responder has (RFC 6763 §9). Sources:
#: https://github.com/julienblitte/UniversalScanner/blob/fb7ae67/UniversalScanner/Axis.cs (Axis),
#: https://github.com/128keaton/hikvision-mdns (Hikvision _CGI).
SERVICE_TYPES: tuple[str, ...] = (
    "_axis-video._tcp.local.", "_axis-nvr._tcp.local.", "_rtsp._tcp.local.", "_http._tcp.local.",
    "_onvif._tcp.local.", "_CGI._tcp.local.", "_arec._tcp.local.", "_psia._tcp.local.",
    "_services._dns-sd._udp.local.",
)
#: Records rendered per reply (a hostile responder cannot make one reply huge).
MAX_RECORDS = 200


def query(types: tuple[str, ...] = SERVICE_TYPES) -> bytes:
    """One DNS query with a QU PTR question per service type."""
    out = DNSOutgoing(_FLAGS_QR_QUERY, True)
    for t in types:
        q = DNSQuestion(t, _TYPE_PTR, _CLASS_IN)
        q.unicast = True
        out.add_question(q)
    return out.packets()[0]


def _txt(data: bytes) -> str:
    parts: list[str] = []
    i = 0
    while i < len(data) and len(parts) < 64:
        n = data[i]
        s = data[i + 1 : i + 1 + n].decode("utf-8", "replace").replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'"{s}"')
        i += 1 + n
    return " ".join(parts)


def render(data: bytes) -> str | None:
    """A DNS response as presentation-format lines, or None when it is not a valid response."""
    try:
        msg = DNSIncoming(data)
    except Exception:  # noqa: BLE001 - zeroconf marks bad packets invalid; be safe anyway
        return None
    if not msg.valid or not msg.is_response():
        return None
    lines: list[str] = []
    for rec in msg.answers()[:MAX_RECORDS]:
        name = rec.name
        if isinstance(rec, DNSPointer):
            lines.append(f"{name} PTR {rec.alias}")
        elif isinstance(rec, DNSText):
            lines.append(f"{name} TXT {_txt(rec.text)}")
        elif isinstance(rec, DNSService):
            lines.append(f"{name} SRV {rec.priority} {rec.weight} {rec.port} {rec.server}")
        elif isinstance(rec, DNSAddress):
            try:
                addr = str(ipaddress.ip_address(rec.address))
            except ValueError:
                continue
            lines.append(f"{name} {'AAAA' if ':' in addr else 'A'} {addr}")
        elif isinstance(rec, DNSHinfo):
            lines.append(f'{name} HINFO "{rec.cpu}" "{rec.os}"')
    return "\n".join(lines) if lines else None


def _accept(data: bytes) -> bool:
    # QR bit set (a response) and at least one answer/additional record.
    return len(data) >= 12 and bool(data[2] & 0x80) and (data[6:8] != b"\0\0" or data[10:12] != b"\0\0")


def _response(d: Datagram) -> Response:
    text = render(d.data)
    if text is None:
        return Response(protocol="mdns", port=PORT, request="PTR browse", raw=d.data.decode("latin-1"), error="unreadable")
    return Response(protocol="mdns", port=PORT, request="PTR browse", raw=text)


def spec() -> DiscoverySpec:
    """mDNS browse as a DiscoverySpec."""
    return DiscoverySpec(
        protocol="mdns", port=PORT, group=GROUP, payloads=lambda: [query()], bind_port=PORT, join=True,
        accept=_accept, request="PTR browse", to_response=_response,
    )
