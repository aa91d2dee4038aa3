"""Hikvision SADP discovery (UDP 37020): an XML ``Probe`` with ``Types=inquiry``.

Sent to 239.255.255.250:37020 and the link broadcast (as UniversalScanner does:
https://github.com/julienblitte/UniversalScanner/blob/fb7ae67/UniversalScanner/Hikvision.cs; and
https://github.com/cameronnewman/hikvision-tooling/blob/master/internal/sadp/scanner.go). We bind 37020 and join the group because some firmware multicasts its ProbeMatch.
"""

from __future__ import annotations

import uuid

from netscan.probes.udp import DiscoverySpec

PORT = 37020
GROUP = "239.255.255.250"


def probe() -> bytes:
    """One SADP inquiry with a fresh upper-case UUID."""
    u = str(uuid.uuid4()).upper()
    return f'<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>{u}</Uuid><Types>inquiry</Types></Probe>'.encode()


def spec() -> DiscoverySpec:
    """SADP as a DiscoverySpec."""
    return DiscoverySpec(
        protocol="sadp", port=PORT, group=GROUP, payloads=lambda: [probe()], bind_port=PORT, join=True,
        broadcast=True, accept=lambda d: b"<ProbeMatch" in d[:4096] or b"<Hello" in d[:4096], request="Probe inquiry",
    )
