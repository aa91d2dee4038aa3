"""Hanwha Vision (Wisenet, formerly Samsung Techwin) LAN discovery replies, UDP 7701.

The search is a broadcast datagram to port 7701 whose first byte is 0x01; devices answer the
sender with a 262-byte datagram whose first byte is 0x0b and whose fields are NUL-padded ASCII at
fixed offsets: the MAC (``00:16:6C:7D:75:6E``) at 19, the IPv4 address at 37, the mask at 53,
the gateway at 69 (16 bytes each), the model (``SND-6083``, 10 bytes) at 109 and the web URL
(``http://172.16.125.55/index.htm``, 39 bytes) at 133 (julienblitte/UniversalScanner
UniversalScanner/Hanwha.cs: the ``HanwhaHeader`` layout and a real SND-6083's answer in its
comment). Fields: ``hanwha.message`` (``reply`` or ``search``), ``hanwha.mac``, ``hanwha.ip``,
``hanwha.mask``, ``hanwha.gateway``, ``hanwha.model``, ``hanwha.url``. Hostile input: fixed
offsets inside a capped buffer, text fields only when printable, never an exception.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add, raw_bytes

PORT = 7701
SEARCH, REPLY = 0x01, 0x0B
#: Size of a search and of a reply.
SIZE = 262
#: (field, offset, length) of the reply's text fields.
LAYOUT = (("mac", 19, 18), ("ip", 37, 16), ("mask", 53, 16), ("gateway", 69, 16), ("model", 109, 10), ("url", 133, 39))
_PRINTABLE = re.compile(r"[\x20-\x7e]{1,64}")


def _text(data: bytes, off: int, size: int) -> str | None:
    raw = data[off : off + size].split(b"\0", 1)[0]
    text = raw.decode("latin-1").strip()
    return text if text and _PRINTABLE.fullmatch(text) else None


def hanwha_fields(raw: str, request: str = "") -> Fields:
    """One UDP 7701 datagram (``b64:`` or latin-1 text) as ``hanwha.*`` fields."""
    data = raw_bytes(raw)[:4096]
    if not data:
        return {"hanwha.unreadable": ["empty"]}
    if data[0] == SEARCH:
        return {"hanwha.message": ["search"]}
    if data[0] != REPLY or len(data) < 119:
        return {"hanwha.unreadable": ["not a 7701 discovery reply"]}
    fields: Fields = {}
    add(fields, "hanwha.message", "reply")
    for name, off, size in LAYOUT:
        add(fields, f"hanwha.{name}", _text(data, off, size))
    return fields
