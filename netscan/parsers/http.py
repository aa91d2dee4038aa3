"""HTTP/1.x and RTSP/1.0 response parsing (status line, headers, body), hostile-input safe.

Grammar after RFC 9112 §4 (status-line) and §5 (field lines), and RFC 2326 §7 for RTSP, which
shares the shape. Obsolete line folding (RFC 9112 §5.2) is unfolded. The body is de-chunked when
``Transfer-Encoding: chunked`` is present, within the parse cap.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from netscan.parsers._util import (
    MAX_BODY_CHARS,
    MAX_PARSE_BYTES,
    Fields,
    Unreadable,
    add,
    json_leaves,
    parse_json,
    parse_xml,
    xml_leaves,
)

_STATUS = re.compile(r"^(?P<proto>HTTP|RTSP)/(?P<ver>\d(?:\.\d)?)\s+(?P<code>\d{3})(?:\s+(?P<reason>[^\r\n]*))?$")
#: A key of a ``key=value`` body line (CGI answers of many DVRs). Used with ``fullmatch`` on the
#: already split-off key: a character class with a bounded count, linear by construction.
_KV_KEY = re.compile(r"[A-Za-z][\w.\-\[\]]{0,80}")
#: Longest <title> text looked at (after the opening tag).
MAX_TITLE_CHARS = 4096
#: key=value lines looked at, and the longest line parsed as one.
MAX_KV_LINES = 200
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
MAX_KV_LINE = 4096
#: Most header lines kept.
MAX_HEADERS = 100


@dataclass
class Message:
    """A parsed HTTP or RTSP response."""

    proto: str
    status: int | None
    reason: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""
    shape: str = "exchange"
    """What ``raw`` was (docs/observations.md): ``exchange`` (status line, headers, body),
    ``headers`` (a header block without its status line), ``body`` (a body without headers),
    ``value`` (one bare value: a title, a banner, a version string)."""

    def header(self, name: str) -> str | None:
        """First value of a header, case-insensitively."""
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None


def _dechunk(body: str) -> str:
    out: list[str] = []
    pos = 0
    for _ in range(10000):
        nl = body.find("\n", pos)
        if nl < 0:
            break
        size_txt = body[pos:nl].split(";", 1)[0].strip()
        try:
            size = int(size_txt, 16)
        except ValueError:
            return body  # not really chunked; keep as is
        if size == 0:
            break
        out.append(body[nl + 1 : nl + 1 + size])
        pos = nl + 1 + size
        if body[pos : pos + 2] == "\r\n":
            pos += 2
        elif body[pos : pos + 1] == "\n":
            pos += 1
    return "".join(out)


#: A header field line (RFC 9110 §5.1 token, colon, value): the start of a header-block fragment.
_HEADER_LINE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}:[ \t]*\S")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
#: curl -v prefixes received lines with "< " (and sent ones with "> ").
_CURL_IN = "< "
_CURL_STATUS = re.compile(r"(?m)^< (?:HTTP|RTSP)/")


def _unprefix_curl(raw: str) -> str:
    lines = raw.splitlines()
    incoming = [ln for ln in lines if ln.startswith("<")]
    if len(incoming) * 2 < len([ln for ln in lines if ln.strip()]) or not incoming:
        return raw
    return "\r\n".join(ln[2:] if ln.startswith(_CURL_IN) else ln[1:] for ln in incoming)


def parse_fragment(raw: str, proto: str = "HTTP") -> Message:
    """Read a response that is not a complete exchange: a header block without its status line,
    a body without headers, or one bare value. Never guesses what the device is; only what the
    text is. Raises Unreadable on empty input."""
    raw = raw[:MAX_PARSE_BYTES]
    nl = raw.find("\n", 0, 512)
    if _STATUS.match((raw[:nl] if nl >= 0 else raw[:512]).strip()):
        return parse_message(raw)  # the common case: a complete exchange
    text = _unprefix_curl(raw) if _CURL_STATUS.search(raw, 0, 65536) else raw
    if "\\r\\n" in text and "\r\n" not in text:
        # a capture pasted with its line ends written out as the characters \r\n
        text = text.replace("\\r\\n\n", "\r\n").replace("\\r\\n", "\r\n")
    if _STATUS.match(text.split("\n", 1)[0].strip()):
        return parse_message(text)
    stripped = text.strip()
    if not stripped:
        raise Unreadable("empty")
    if _BINARY.search(stripped[:512]):
        raise Unreadable("no status line and not text")
    first = stripped.split("\n", 1)[0].strip()
    if _HEADER_LINE.match(first) and not first.lower().startswith(("http:", "https:", "rtsp:")):
        lines, body = _split_head(stripped)
        return _fill(Message(proto=proto, status=None, reason="", shape="headers"), lines, body)
    one_line = "\n" not in stripped
    shape = "value" if one_line and not stripped.startswith(("<", "{", "[")) and "=" not in stripped else "body"
    return Message(proto=proto, status=None, reason="", body=stripped, shape=shape)


def _split_head(raw: str) -> tuple[list[str], str]:
    """The header block's lines and the body: the block ends at the first empty line (CRLF, else LF)."""
    head, sep, body = raw.partition("\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition("\n\n")
    return head.replace("\r\n", "\n").split("\n"), body


def _fill(msg: Message, header_lines: list[str], body: str) -> Message:
    """``msg`` with its headers read from ``header_lines`` (capped, obs-fold joined, malformed lines
    skipped) and its body (de-chunked when the headers say so)."""
    for line in header_lines:
        if len(msg.headers) >= MAX_HEADERS:
            break
        if line[:1] in (" ", "\t") and msg.headers:  # obs-fold
            k, v = msg.headers[-1]
            msg.headers[-1] = (k, f"{v} {line.strip()}")
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or " " in name.strip():
            continue
        msg.headers.append((name.strip(), value.strip()))
    te = msg.header("transfer-encoding")
    if te and "chunked" in te.lower():
        body = _dechunk(body)
    msg.body = body
    return msg


def parse_message(raw: str) -> Message:
    """Parse an HTTP or RTSP response. Raises Unreadable when there is no status line."""
    lines, body = _split_head(raw[:MAX_PARSE_BYTES])
    m = _STATUS.match(lines[0].strip())
    if not m:
        raise Unreadable("no status line")
    msg = Message(proto=m.group("proto"), status=int(m.group("code")), reason=(m.group("reason") or "").strip())
    return _fill(msg, lines[1:], body)


def _body_fields(fields: Fields, prefix: str, body: str, ctype: str) -> None:
    stripped = body.lstrip()
    if not stripped:
        return
    head = stripped[:500].lower()
    looks_html = "<html" in head or "<!doctype html" in head
    if stripped.startswith("<") and not looks_html:
        try:
            xml_leaves(parse_xml(stripped), fields, f"{prefix}.xml.")
        except Unreadable as exc:
            add(fields, f"{prefix}.unreadable", f"body: {exc}")
    elif stripped[:1] in "{[":
        try:
            json_leaves(parse_json(stripped), fields, f"{prefix}.json.")
        except Unreadable as exc:
            if "json" in ctype:  # only an error when the device said it was JSON
                add(fields, f"{prefix}.unreadable", f"body: {exc}")
    if "<" not in stripped[:200]:
        for key, value in _kv_lines(stripped[:MAX_BODY_CHARS]):
            add(fields, f"{prefix}.kv.{key}", value)
    title = find_title(body[:MAX_BODY_CHARS])
    if title is not None:
        add(fields, f"{prefix}.title", " ".join(html.unescape(title).split()))


def _kv_lines(text: str) -> list[tuple[str, str]]:
    """``key=value`` lines (surrounding blanks stripped). Plain string splitting: the earlier
    regex ``\\s*=\\s*(.*?)\\s*$`` backtracked quadratically on long runs of blanks."""
    out = []
    start = 0
    for _ in range(MAX_KV_LINES):
        if start >= len(text):
            break
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        line = text[start : min(end, start + MAX_KV_LINE)]
        start = end + 1
        key, eq, value = line.partition("=")
        key = key.strip()
        if eq and _KV_KEY.fullmatch(key):
            out.append((key, value.strip()))
    return out


def find_title(text: str) -> str | None:
    """The text of the first ``<title ...>`` element, or None. One forward scan with ``find``
    (a regex ``<title[^>]*>(.*?)</title>`` restarts at every unclosed ``<title``: quadratic)."""
    low = text.translate(_ASCII_LOWER)  # same length as text (str.lower() may not be)
    pos = 0
    while True:
        i = low.find("<title", pos)
        if i < 0:
            return None
        j = i + 6
        if j < len(low) and (low[j] == ">" or low[j].isspace() or low[j] == "/"):
            break
        pos = j  # <titlebar>, <title-x>: not a title element
    gt = low.find(">", j)
    if gt < 0:
        return None
    window = low[gt + 1 : gt + 1 + MAX_TITLE_CHARS + 16]
    k = window.find("</title")
    while k >= 0:
        rest = window[k + 7 :].lstrip()
        if rest.startswith(">"):
            return text[gt + 1 : gt + 1 + k]
        k = window.find("</title", k + 7)
    return None


_SDP_LINE = re.compile(r"^([a-z])=(.*)$")


def sdp_fields(fields: Fields, prefix: str, body: str) -> None:
    """Session-level SDP lines (RFC 8866): ``<prefix>.sdp.session`` (s=), ``.info`` (i=),
    ``.origin`` (o=), ``.tool`` (a=tool:), ``.attr`` (other session a= lines, first 32)."""
    attrs = 0
    for line in body.replace("\r\n", "\n").split("\n")[:400]:
        m = _SDP_LINE.match(line.strip())
        if not m:
            continue
        key, val = m.group(1), m.group(2).strip()
        if key == "m":
            break  # media sections follow: session level ends
        if key == "s":
            add(fields, f"{prefix}.sdp.session", val)
        elif key == "i":
            add(fields, f"{prefix}.sdp.info", val)
        elif key == "o":
            add(fields, f"{prefix}.sdp.origin", val)
        elif key == "a" and val.startswith("tool:"):
            add(fields, f"{prefix}.sdp.tool", val[5:].strip())
        elif key == "a" and attrs < 32:
            attrs += 1
            add(fields, f"{prefix}.sdp.attr", val)


def message_fields(msg: Message, prefix: str) -> Fields:
    """Fields of a parsed message under ``prefix`` (``http`` or ``rtsp``)."""
    fields: Fields = {}
    if msg.status is not None:
        add(fields, f"{prefix}.status", msg.status)
    if msg.shape != "exchange":
        add(fields, f"{prefix}.shape", msg.shape)
    if msg.shape == "value":
        add(fields, f"{prefix}.value", msg.body)
        return fields
    for k, v in msg.headers:
        add(fields, f"{prefix}.header.{k.lower()}", v)
    if msg.headers:
        add(fields, f"{prefix}.header-names", ",".join(k for k, _ in msg.headers))
    if msg.body:
        add(fields, f"{prefix}.body", msg.body[:MAX_BODY_CHARS], limit=MAX_BODY_CHARS)
        ctype = (msg.header("content-type") or "").lower()
        if msg.body.lstrip().startswith("v=0"):
            sdp_fields(fields, prefix, msg.body)
        elif prefix == "http":
            _body_fields(fields, prefix, msg.body, ctype)
    return fields


def request_path(request: str) -> str | None:
    """The path of a request line such as ``GET /ISAPI/System/deviceInfo``."""
    parts = request.split()
    if len(parts) >= 2 and parts[0].isalpha():
        return parts[1]
    if parts and parts[0].startswith("/"):
        return parts[0]
    return None


def http_fields(raw: str, request: str = "") -> Fields:
    """Fields of an HTTP exchange (docs/signatures.md)."""
    try:
        msg = parse_fragment(raw, "HTTP")
    except Unreadable as exc:
        return {"http.unreadable": [str(exc)]}
    fields = message_fields(msg, "http")
    if msg.shape == "value":  # a bare value says what it is only through the request label
        label = request.strip().lower()
        if label in ("title", "http-title"):
            add(fields, "http.title", " ".join(html.unescape(msg.body).split()))
        elif label.endswith(":") or label in ("server", "www-authenticate"):
            add(fields, f"http.header.{label.rstrip(':')}", msg.body)
    path = request_path(request)
    if path:
        add(fields, "http.path", path)
    return fields


def rtsp_fields(raw: str, request: str = "") -> Fields:
    """Fields of an RTSP exchange."""
    try:
        msg = parse_fragment(raw, "RTSP")
    except Unreadable as exc:
        return {"rtsp.unreadable": [str(exc)]}
    fields = message_fields(msg, "rtsp")
    if request:
        add(fields, "rtsp.method", request.split()[0] if request.split() else "")
    return fields
