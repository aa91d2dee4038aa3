"""Plain banners (telnet, ssh, anything else)."""

from __future__ import annotations

from netscan.parsers._util import Fields, add

#: IAC (0xFF) starts a telnet negotiation sequence of up to 3 bytes (RFC 854).
_IAC = "\xff"


def _strip_telnet(raw: str) -> str:
    out: list[str] = []
    i = 0
    n = min(len(raw), 8192)
    while i < n:
        ch = raw[i]
        if ch == _IAC:
            i += 3 if i + 1 < n and raw[i + 1] in "\xfb\xfc\xfd\xfe" else 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def banner_fields(protocol: str, raw: str, request: str = "") -> Fields:
    """``<protocol>.banner`` (the text, telnet negotiation removed) and ``other.hex``."""
    fields: Fields = {}
    text = _strip_telnet(raw) if protocol == "telnet" else raw[:8192]
    cleaned = text.strip("\r\n\x00 ")
    if cleaned:
        add(fields, f"{protocol}.banner", cleaned)
    if protocol == "other" and raw:
        add(fields, "other.hex", raw[:64].encode("latin-1", "replace").hex())
    return fields
