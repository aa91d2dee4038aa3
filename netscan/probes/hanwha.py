"""Hanwha Vision (Wisenet / Samsung Techwin) LAN discovery (UDP 7701): a read-only search.

A 262-byte datagram whose first byte is 0x01 (the rest zero), broadcast to port 7701 from an
ephemeral port; devices answer the sender with a 0x0b reply naming their MAC, addresses, model and
web URL (julienblitte/UniversalScanner UniversalScanner/Hanwha.cs, which sends the same zeroed
request). Replies are recorded as protocol ``hanwha``, the datagram as ``b64:``.
"""

from __future__ import annotations


from netscan.model import Response
from netscan.parsers._util import encode_raw
from netscan.parsers.hanwha import PORT, REPLY, SEARCH, SIZE
from netscan.probes.udp import Datagram, DiscoverySpec

REQUEST = "7701 search"


def probe() -> bytes:
    """The search request: 0x01, then zeros."""
    return bytes([SEARCH]).ljust(SIZE, b"\0")


def is_reply(data: bytes) -> bool:
    """A 7701 discovery reply (not a search, ours or another tool's)?"""
    return len(data) >= 119 and data[0] == REPLY


def _response(d: Datagram) -> Response:
    return Response(protocol="hanwha", port=PORT, request=REQUEST, raw=encode_raw(d.data[:4096]))


def spec() -> DiscoverySpec:
    """The 7701 search as a DiscoverySpec (broadcast only; replies come back to our own port)."""
    return DiscoverySpec(protocol="hanwha", port=PORT, group=None, payloads=lambda: [probe()], broadcast=True,
                         accept=is_reply, request=REQUEST, to_response=_response)
