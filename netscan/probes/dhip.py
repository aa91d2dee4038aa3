"""Dahua DHIP discovery (UDP 37810): ``DHDiscover.search`` in the 32-byte DHIP framing.

Header (little-endian): header length 0x20, ``DHIP``, 8 zero bytes, body length, 4 zero bytes,
body length again, 4 zero bytes
(https://github.com/julienblitte/UniversalScanner/blob/fb7ae67/UniversalScanner/Dahua2.cs). Sent to 239.255.255.251 and the
link broadcast; unicast probes are answered too. Replies (``client.notifyDevInfo``) are recorded
whole, header as latin-1.
"""

from __future__ import annotations

import json
import struct

from netscan.probes.udp import DiscoverySpec

PORT = 37810
GROUP = "239.255.255.251"


def frame(body: bytes) -> bytes:
    """Wrap a JSON body in the DHIP header."""
    return struct.pack("<I4sQIIII", 0x20, b"DHIP", 0, len(body), 0, len(body), 0) + body


def probe() -> bytes:
    """One DHDiscover.search request."""
    body = json.dumps({"method": "DHDiscover.search", "params": {"mac": "", "uni": 0}}, separators=(",", ":"))
    return frame(body.encode())


def _accept(data: bytes) -> bool:
    return b"DHDiscover.search" not in data[:200] and (b"DHIP" in data[:8] or data.lstrip()[:1] == b"{")


def spec() -> DiscoverySpec:
    """DHIP as a DiscoverySpec."""
    return DiscoverySpec(
        protocol="dhip", port=PORT, group=GROUP, payloads=lambda: [probe()], bind_port=PORT, join=True,
        broadcast=True, accept=_accept, request="DHDiscover.search",
    )
