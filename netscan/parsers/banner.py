"""Plain banners (telnet, ssh, anything else).

An ``other`` text that holds an HTTP or RTSP answer -- a status line at the start of a line, perhaps
indented or after a label (``wget -S``'s two blanks, PowerShell ``Invoke-WebRequest``'s
``RawContent        : HTTP/1.1 200 OK`` with its continuation lines indented, Wireshark's "Follow
TCP Stream" text with the request above the answer, an answer saved to a file) -- is also read as that
exchange: ``http.*`` / ``rtsp.*`` status, headers, title and SDP (netscan.parsers.http.parse_fragment).
"""

from __future__ import annotations

import re

from netscan.parsers._util import MAX_BODY_CHARS, Fields, add
from netscan.parsers.console import without_client_prompts
from netscan.parsers.http import loose_fields, message_fields, parse_fragment, request_client_url, text_client_urls
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


#: A status line at the start of a line: perhaps indented, quoted by ``>``, or after a label and a colon
#: (PowerShell's ``RawContent        : ``).
_STATUS_AT_LINE = re.compile(r"(?m)^[ \t>]{0,24}(?:[A-Za-z]{1,24}[ \t]{0,24}:[ \t]{0,4})?(HTTP|RTSP)/\d\.\d \d{3}(?:[ \t\r]|$)")
#: Parts of an exchange's fields taken from an ``other`` text (its body's values are the banner readers').
_EXCHANGE_PARTS = frozenset({"status", "header", "header-names", "title", "sdp"})


def exchange_fields(fields: Fields, raw: str) -> None:
    """An HTTP or RTSP answer inside an ``other`` text, read as that exchange (see the module's doc)."""
    head = raw[:MAX_BODY_CHARS]
    m = _STATUS_AT_LINE.search(head)
    if m is None:
        return
    proto = m.group(1)
    try:
        msg = parse_fragment(head, proto)
    except Exception:  # noqa: BLE001 -- a cut or hostile answer: the banner's own fields stay
        return
    if msg.status is None:
        return
    for name, values in message_fields(msg, proto.lower()).items():
        if name.split(".", 2)[1] in _EXCHANGE_PARTS:
            for value in values:
                add(fields, name, value)


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
        braces = "{" in text or "[" in text
        if braces:
            loose_fields(fields, protocol, text)
        tool_fields(fields, protocol, text)
        fragment_fields(fields, protocol, text)
        toolout_fields(fields, protocol, text)
        if not braces and "</" in text and all(k.startswith(f"{protocol}.") for k in fields):
            # an XML answer cut short: its complete elements (a tool's own XML report is left to its reader)
            loose_fields(fields, protocol, text)
    if protocol == "other" and ("HTTP/" in cleaned or "RTSP/" in cleaned):
        exchange_fields(fields, raw)
    if protocol == "other" and ("://" in cleaned or " HTTP/1." in cleaned):
        text_client_urls(fields, raw)  # the URLs a client used for the device (its maker's paths and API)
    if protocol == "other" and request:
        request_client_url(fields, request, raw)  # the path a client asked for, recorded with the answer
    return fields
