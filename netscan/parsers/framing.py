"""Datagram framing of the vendor discovery protocols, both ways (pure).

- Dahua DHIP: a 32-byte little-endian header (header length 0x20, ``DHIP``, 8 reserved bytes,
  body length, 4 bytes, body length again, 4 bytes) then a JSON body.
- Xiongmai DVRIP / NetSurveillance (XMEye): a 20-byte little-endian header (head flag 0xFF,
  version, 2 reserved, session, sequence, 2 bytes, message id, body length) then a JSON body.

The layouts are those documented by the open re-implementations (e.g. johndoe31415/numenworld-ipcam,
OpenIPC/python-dvr for DVRIP; ethodump-ng's dahua module for DHIP). Used by the probes, the lab
emulator and passive capture, so the three never disagree.
"""

from __future__ import annotations

import struct

DHIP_MAGIC = b"DHIP"
DHIP_HEADER = 32
XM_HEADER = struct.Struct("<BBHIIBBHI")
XM_HEAD_FLAG = 0xFF


def dhip_packet(body: bytes) -> bytes:
    """DHIP framing around ``body``."""
    return struct.pack("<I4s8sI4sI4s", 0x20, DHIP_MAGIC, b"\0" * 8, len(body), b"\0" * 4, len(body), b"\0" * 4) + body


def is_dhip(data: bytes) -> bool:
    """A DHIP-framed datagram."""
    return len(data) >= DHIP_HEADER and data[4:8] == DHIP_MAGIC


def dhip_body(data: bytes) -> bytes:
    """The body of a DHIP datagram (the data itself when it is not framed: some firmwares send bare JSON)."""
    return data[DHIP_HEADER:] if is_dhip(data) else data


def xmeye_packet(body: bytes, msg_id: int, session: int = 0, seq: int = 0) -> bytes:
    """DVRIP framing around ``body``."""
    return XM_HEADER.pack(XM_HEAD_FLAG, 1, 0, session, seq, 0, 0, msg_id, len(body)) + body


def xmeye_msg_id(packet: bytes) -> int | None:
    """Message id of a DVRIP packet, or None when it is not one."""
    if len(packet) < XM_HEADER.size or packet[0] != XM_HEAD_FLAG:
        return None
    return int(struct.unpack_from("<H", packet, 14)[0])
