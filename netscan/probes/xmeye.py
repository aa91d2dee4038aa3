"""Xiongmai XMEye / NetSurveillance discovery (UDP 34569): DVRIP message 1530, empty payload.

20-byte little-endian header: 0xFF, version, 2 reserved, session, sequence, 2 bytes, message id,
payload length (``SearchXM`` in https://github.com/OpenIPC/python-dvr/blob/7f4af29/DeviceManager.py). Broadcast from a socket bound
to 34569, where devices answer (message 1531, ``NetWork.NetCommon`` JSON).
"""

from __future__ import annotations

import struct

from netscan.probes.udp import DiscoverySpec

PORT = 34569
REQUEST_ID = 1530
REPLY_ID = 1531
_HEADER = struct.Struct("<BBHIIBBHI")


def probe() -> bytes:
    """One discovery request (header only)."""
    return _HEADER.pack(0xFF, 0, 0, 0, 0, 0, 0, REQUEST_ID, 0)


def _accept(data: bytes) -> bool:
    if len(data) >= 20 and data[0] == 0xFF:
        return bool(_HEADER.unpack(data[:20])[7] != REQUEST_ID)
    return data.lstrip()[:1] == b"{"


def spec() -> DiscoverySpec:
    """XMEye discovery as a DiscoverySpec (broadcast only)."""
    return DiscoverySpec(
        protocol="xmeye", port=PORT, group=None, payloads=lambda: [probe()], bind_port=PORT,
        broadcast=True, accept=_accept, request="1530 search",
    )
