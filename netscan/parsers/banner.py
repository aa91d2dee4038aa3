"""Plain banners (telnet, ssh, anything else)."""

from __future__ import annotations

from netscan.parsers._util import MAX_BODY_CHARS, Fields, add
from netscan.parsers.console import without_client_prompts
from netscan.parsers.http import loose_fields
from netscan.parsers.keyvals import fragment_fields
from netscan.parsers.shapes import tool_fields
from netscan.parsers.toolout import toolout_fields

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
    """``<protocol>.banner`` (the text, telnet negotiation removed) and ``other.hex``; for text of
    several lines, also the structured data and tool output in it (``<protocol>.json.*``,
    ``<protocol>.kv.*``, ``snmp.*``, ``nmap.*``: netscan.parsers.shapes)."""
    fields: Fields = {}
    text = _strip_telnet(raw) if protocol == "telnet" else raw[:8192]
    cleaned = text.strip("\r\n\x00 ")
    if "@" in cleaned and "\n" in cleaned:
        cleaned = without_client_prompts(cleaned)  # the user's own shell prompts are not the device's words
    if cleaned:
        add(fields, f"{protocol}.banner", cleaned)
    if protocol == "other" and raw:
        add(fields, "other.hex", raw[:64].encode("latin-1", "replace").hex())
    if cleaned and ("\n" in cleaned or "{" in cleaned or "=" in cleaned or ":" in cleaned or "`" in cleaned or ")" in cleaned or "]" in cleaned
                    or "irmware" in cleaned or "IRMWARE" in cleaned):
        # a tool's output or a log pasted as the device's answer (docs/observations.md "Shapes of
        # raw"; a discovery tool's "<ip> <host>(camera name)" line, a client's "<model> (NVR)" status
        # line, a field quoted in a `code span`); a banner without those marks
        # is read by the rules as it is
        text = (_strip_telnet(raw) if protocol == "telnet" else raw)[:MAX_BODY_CHARS]
        if "{" in text or "[" in text:
            loose_fields(fields, protocol, text)
        tool_fields(fields, protocol, text)
        fragment_fields(fields, protocol, text)
        toolout_fields(fields, protocol, text)
    return fields
