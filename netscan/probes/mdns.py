"""mDNS / DNS-SD browse (UDP 5353) for camera service types, using zeroconf's DNS codec.

One query carries a PTR question per service type with the unicast-response bit set (RFC 6762
§5.4), sent to 224.0.0.251 from a socket bound to 5353 that has joined the group, so unicast and
multicast answers are both heard. zeroconf builds the query; every reply is recorded as it came,
the packet's bytes as ``b64:`` base64 (netscan.parsers.discovery reads it).
"""

from __future__ import annotations

import logging

from zeroconf import DNSOutgoing, DNSQuestion
from zeroconf.const import _CLASS_IN, _FLAGS_QR_QUERY, _TYPE_PTR

from netscan.model import Response
from netscan.parsers._util import encode_raw
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
#: Bytes of one reply kept (an mDNS packet is at most 9000 octets, RFC 6762 §17).
MAX_PACKET_BYTES = 9000


def query(types: tuple[str, ...] = SERVICE_TYPES) -> bytes:
    """One DNS query with a QU PTR question per service type."""
    out = DNSOutgoing(_FLAGS_QR_QUERY, True)
    for t in types:
        q = DNSQuestion(t, _TYPE_PTR, _CLASS_IN)
        q.unicast = True
        out.add_question(q)
    return out.packets()[0]


def _accept(data: bytes) -> bool:
    # QR bit set (a response) and at least one answer/additional record.
    return len(data) >= 12 and bool(data[2] & 0x80) and (data[6:8] != b"\0\0" or data[10:12] != b"\0\0")


def _response(d: Datagram) -> Response:
    return Response(protocol="mdns", port=PORT, request="PTR browse", raw=encode_raw(d.data[:MAX_PACKET_BYTES]))


def spec() -> DiscoverySpec:
    """mDNS browse as a DiscoverySpec."""
    return DiscoverySpec(
        protocol="mdns", port=PORT, group=GROUP, payloads=lambda: [query()], bind_port=PORT, join=True,
        accept=_accept, request="PTR browse", to_response=_response,
    )
