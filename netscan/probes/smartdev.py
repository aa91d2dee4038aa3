"""Read-only discovery probes of TP-Link smart devices (UDP 20002) and Ubiquiti devices (UDP 10001).

- TP-Link 20002 (Tapo cameras, Tapo/Kasa plugs and bulbs): a 16-byte header (version 2, type 0,
  op code 1, payload length, flags 0x11, a random serial, CRC-32 of the datagram) followed by JSON
  ``{"params": {"rsa_key": <PEM public key>}}``, broadcast; devices answer with their model, type,
  firmware and MAC in clear JSON after the same header (python-kasa ``discover.py``). The key is
  generated per scan and never used: netscan does not open the encrypted session.
- Ubiquiti 10001: the 4-byte v1 request ``01 00 00 00`` to 233.89.188.1 and the broadcast address
  (reference §1.7; nmap ubiquiti-discovery.nse); devices answer a TLV list (MAC/IP, firmware,
  hostname, platform, model).

Replies are recorded as ``b64:`` + base64 of the datagram (docs/observations.md).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import struct
from collections.abc import Callable
from functools import lru_cache

from netscan.model import Response
from netscan.probes.udp import Datagram, DiscoverySpec

TPLINK_PORT = 20002
UBNT_PORT = 10001
UBNT_GROUP = "233.89.188.1"
_TPLINK_HEADER = struct.Struct(">BBHHBBII")
_TPLINK_INITIAL_CRC = 0x5A6B7C8D


@lru_cache(maxsize=1)
def _public_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def tplink_probe() -> bytes:
    """One 20002 discovery request."""
    payload = json.dumps({"params": {"rsa_key": _public_key_pem()}}, separators=(",", ":")).encode()
    serial = int.from_bytes(secrets.token_bytes(4), "big")
    query = bytearray(_TPLINK_HEADER.pack(2, 0, 1, len(payload), 0x11, 0, serial, _TPLINK_INITIAL_CRC) + payload)
    query[12:16] = binascii.crc32(query).to_bytes(4, "big")
    return bytes(query)


def _tplink_accept(data: bytes) -> bool:
    # a reply: version 2, then JSON that is not our own key request
    return len(data) > 16 and data[0] == 2 and b'"rsa_key"' not in data[16:200]


def ubnt_probe() -> bytes:
    """The Ubiquiti v1 discovery request."""
    return b"\x01\x00\x00\x00"


def _ubnt_accept(data: bytes) -> bool:
    return len(data) > 4 and data[0] in (1, 2) and data[1] != 8 and data[:4] != b"\x01\x00\x00\x00"


def _b64_response(protocol: str, port: int, request: str) -> Callable[[Datagram], Response]:
    def convert(d: Datagram) -> Response:
        return Response(protocol=protocol, port=port, request=request, raw="b64:" + base64.b64encode(d.data).decode())

    return convert


def tplink_spec() -> DiscoverySpec:
    """TP-Link smart-device discovery (broadcast only)."""
    return DiscoverySpec(
        protocol="tplink", port=TPLINK_PORT, group=None, payloads=lambda: [tplink_probe()], broadcast=True,
        accept=_tplink_accept, request="discovery", to_response=_b64_response("tplink", TPLINK_PORT, "discovery"),
    )


def ubnt_spec() -> DiscoverySpec:
    """Ubiquiti discovery (multicast group and broadcast)."""
    return DiscoverySpec(
        protocol="ubnt", port=UBNT_PORT, group=UBNT_GROUP, payloads=lambda: [ubnt_probe()], broadcast=True,
        accept=_ubnt_accept, request="discovery-v1", to_response=_b64_response("ubnt", UBNT_PORT, "discovery-v1"),
    )
