"""HTTP/1.x and RTSP/1.0 response parsing (status line, headers, body), hostile-input safe.

Grammar after RFC 9112 §4 (status-line) and §5 (field lines), and RFC 2326 §7 for RTSP, which
shares the shape. Obsolete line folding (RFC 9112 §5.2) is unfolded. The body is de-chunked when
``Transfer-Encoding: chunked`` is present, within the parse cap.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from netscan.parsers.javamap import java_map_pairs
from netscan.parsers._util import (
    MAX_BODY_CHARS,
    MAX_PARSE_BYTES,
    Fields,
    Unreadable,
    add,
    has_document_fields,
    header_params,
    json_leaves,
    loose_pairs,
    parse_loose,
    parse_xml,
    xml_leaves,
    xml_salvage,
)
from netscan.parsers.cassette import cassette_exchanges
from netscan.parsers.shapes import is_tool_output, page_script_fields, tool_fields
from netscan.parsers.keyvals import fragment_fields
from netscan.parsers.toolout import toolout_fields

_STATUS = re.compile(r"^(?P<proto>HTTP|RTSP)/(?P<ver>\d(?:\.\d)?)\s+(?P<code>\d{3})(?:\s+(?P<reason>[^\r\n]*))?$")
#: A key of a ``key=value`` body line (CGI answers of many DVRs). Used with ``fullmatch`` on the
#: already split-off key: a character class with a bounded count, linear by construction.
_KV_KEY = re.compile(r"[A-Za-z][\w.\-\[\]]{0,80}")
#: Longest <title> text looked at (after the opening tag).
MAX_TITLE_CHARS = 4096
#: key=value lines looked at, and the longest line parsed as one.
MAX_KV_LINES = 200
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
    later: list[tuple[str, str]] = field(default_factory=list)
    """Header lines of the further answers of a transcript (read as header fields, not in ``header-names``)."""
    text: str = ""
    """The whole text of a fragment (empty for an exchange): tool outputs and tables are read from it."""
    before: str = ""
    """What a log kept before the answer's status line (a client's request, its ``Authorization``)."""

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


#: A header field line (a name as real headers spell them -- RFC 9110 §5.1 tokens in practice --, colon,
#: value): the start of a header-block fragment. Quotes are not taken: `'key': value` is a dict excerpt;
#: nor Python logging's `LEVEL:logger:message` lines.
_HEADER_LINE = re.compile(r"^(?!(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|TRACE):)[A-Za-z][A-Za-z0-9_-]{0,63}:[ \t]*\S")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
#: curl -v prefixes received lines with "< " (and sent ones with "> ").
_CURL_IN = "< "
_CURL_STATUS = re.compile(r"(?m)^< (?:HTTP|RTSP)/")


#: Lines of ``curl -v`` that are neither the answer nor its body: ``*`` info, ``>`` request,
#: ``{ [5 bytes data]`` / ``} [...]`` transfer notes (curl's documented verbose format).
_CURL_OTHER = ("* ", "> ", "{ [", "} [")


def _unprefix_curl(raw: str) -> str:
    """``curl -v`` output: the ``< `` lines are the answer's head; the lines after the last of them
    that curl did not write itself are the body (curl prints the body unprefixed)."""
    lines = raw.splitlines()
    incoming = [i for i, ln in enumerate(lines) if ln.startswith(_CURL_IN) or ln.rstrip() == "<"]
    if not incoming:
        return raw
    head = [lines[i][2:] for i in incoming]
    body = [ln for ln in lines[incoming[-1] + 1 :] if not ln.startswith(_CURL_OTHER) and ln.strip() not in ("*", ">")]
    while head and not head[-1].strip():
        head.pop()
    return "\r\n".join(head) + "\r\n\r\n" + "\n".join(body)


#: Python's http.client with ``debuglevel`` 1 (requests/urllib3 debug logging): ``reply: 'HTTP/1.1 200 OK\\r\\n'``
#: then one ``header: Name: value`` line per received header.
_PY_REPLY = re.compile(r"(?m)^reply: ['\"]((?:HTTP|RTSP)/\d(?:\.\d)? \d{3}[^'\"\r\n]{0,200}?)(?:\\r\\n)?['\"]\s*$")


def _http_client_debug(text: str) -> str | None:
    """The answer of an ``http.client`` debug transcript (the last ``reply:`` and the ``header:``
    lines after it) as an exchange, or None when ``text`` is not one."""
    replies = list(_PY_REPLY.finditer(text, 0, 65536))
    if not replies:
        return None
    last = replies[-1]
    head = [last.group(1)]
    for ln in text[last.end() :].split("\n", MAX_HEADERS + 1)[1 : MAX_HEADERS + 1]:
        if ln.startswith("header: "):
            head.append(ln[8:].rstrip("\r"))
        elif ln.strip():
            break
    return "\r\n".join(head) + "\r\n\r\n"


def _head_block(text: str, at: int) -> list[str] | None:
    """The head lines of an answer whose status line starts at ``at`` and whose header lines are
    all indented alike (a log record's continuation lines: Android logcat, ExoPlayer), dedented;
    None when the line after the status line is not indented (then an indented line is obs-fold)."""
    lines = text[at:].split("\n", MAX_HEADERS + 2)[: MAX_HEADERS + 1]
    if len(lines) < 2 or not lines[1][:1].isspace() or not lines[1].strip():
        return None
    indent = lines[1][: len(lines[1]) - len(lines[1].lstrip())]
    out = [lines[0].rstrip("\r")]
    for ln in lines[1:]:
        if not ln.startswith(indent) or not ln.strip():
            break
        out.append(ln[len(indent) :].rstrip("\r"))
    return out


#: Further answers read from one transcript (a client's log of several exchanges).
MAX_TRANSCRIPT_ANSWERS = 16
#: How much of a log before an answer's status line is read for the client's echoed realm.
MAX_BEFORE_CHARS = 8192


def _later_answers(msg: Message, text: str, after: int) -> None:
    """The header lines of every further answer of a transcript (each status line after ``after``,
    its head up to a blank line or a line that is no header) added to ``msg``: a log of OPTIONS
    then DESCRIBE keeps the DESCRIBE's challenge. Requests are not answers and are not read."""
    seen = {(k.lower(), v) for k, v in msg.headers}
    for n, m in enumerate(_STATUS_INSIDE.finditer(text, after, 65536)):
        if n >= MAX_TRANSCRIPT_ANSWERS or len(msg.later) >= MAX_HEADERS:
            break
        head = _head_block(text, m.start()) or text[m.start() :].split("\n", MAX_HEADERS + 2)[: MAX_HEADERS + 1]
        for ln in head[1:]:
            name, colon, value = ln.strip().partition(":")
            if not colon or not name or " " in name or not _HEADER_LINE.match(ln.strip()):
                break
            key = (name.lower(), value.strip())
            if key not in seen and len(msg.later) < MAX_HEADERS:
                seen.add(key)
                msg.later.append((name, value.strip()))


#: Most lines of an indented answer read (its head and an SDP or a short body).
MAX_INDENTED_LINES = 400


def _dedent_status(text: str, at: int) -> str:
    """An answer indented as a block (``wget -S`` prints every line of the server response two
    blanks in; a logcat record indents its continuation lines; openRTSP's ``-V`` log a tab in, its SDP
    body too after a blank line): the status line at ``at`` and the following lines with the same
    indent, dedented, through one blank line. ``text[at:]`` when nothing is indented."""
    line_start = text.rfind("\n", 0, at) + 1
    indent = text[line_start:at]
    if not indent or indent.strip():
        block = _head_block(text, at)
        if block is not None:  # a status line after a log prefix, its header lines indented
            return "\r\n".join(block) + "\r\n\r\n"
        return text[at:]
    out: list[str] = []
    for ln in text[line_start:].split("\n", MAX_INDENTED_LINES + 1)[:MAX_INDENTED_LINES]:
        if not ln.strip():
            if out and out[-1] == "":
                break  # two blank lines: the block has ended
            out.append("")  # the blank line between the head and an indented body (openRTSP's SDP)
            continue
        if not ln.startswith(indent):
            break
        out.append(ln[len(indent) :].rstrip("\r"))
    while out and out[-1] == "":
        out.pop()
    if "" not in out:
        return "\r\n".join(out) + "\r\n\r\n"
    return "\r\n".join(out) + "\r\n"


#: A status line anywhere in a line (after a log prefix, or inside a longer transcript).
_STATUS_INSIDE = re.compile(r"(?:HTTP|RTSP)/\d(?:\.\d)? \d{3}(?: |$)", re.M)
#: Longest log prefix stripped from every line of a transcript ("[plugin]: ", a time stamp...).
MAX_LOG_PREFIX = 80
#: Lines compared to find that prefix (a longer transcript keeps the prefix of its first lines).
MAX_PREFIXED_LINES = 400


def _shape_of(line: str) -> str:
    """A line with every digit as ``0``: time stamps of one width compare equal."""
    return re.sub(r"\d", "0", line[: MAX_LOG_PREFIX + 1])


def _strip_log_prefix(text: str) -> str:
    """Lines of a log excerpt that all start with the same prefix (``[Rebroadcast Plugin]: ``, a
    fixed-width time stamp, ``DEBUG rtsp: ``): the prefix is cut from each line. The prefix is the
    longest common start of every non-empty line, digits compared as digits, cut back to end at a
    non-word character. Returns ``text`` unchanged when there is none."""
    lines = text.split("\n")
    body = [ln for ln in lines if ln.strip()]
    if len(body) < 2 or body[0][:1] != body[1][:1] and not (body[0][:1].isdigit() and body[1][:1].isdigit()):
        return text  # the first two lines already differ: no common prefix (the usual case)
    first = _shape_of(body[0])
    n = min(MAX_LOG_PREFIX, len(first))
    for ln in body[1:MAX_PREFIXED_LINES]:
        shape = _shape_of(ln[:n])
        k = 0
        limit = min(n, len(shape))
        while k < limit and shape[k] == first[k]:
            k += 1
        n = k
        if n < 2:
            return text
    while n > 0 and (first[n - 1].isalnum() or first[n - 1] in "/-_."):
        n -= 1  # end the prefix at a separator: never inside a word of the content
    if n < 2 or not any(c.isalnum() for c in first[:n]):
        return text  # no prefix, or punctuation only ('{"', "<", "'"): the content's own syntax
    return "\n".join(ln[n:].lstrip() if ln.strip() else ln for ln in lines)


_PY_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|[nrt'\"\\])")
_PY_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "'": "'", '"': '"', "\\": "\\"}


def _bytes_literal(t: str) -> str:
    """The text of a Python ``bytes`` repr on one line (``b'<?xml ...'``): the ``b`` and the quotes
    taken off (the closing one may be cut away), ``\\n``, ``\\r``, ``\\t``, quotes and ``\\xNN`` undone."""
    body = t[2:-1] if len(t) > 2 and t[-1] == t[1] else t[2:]
    return _PY_ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "x" else _PY_ESCAPES[m.group(1)], body)


def parse_fragment(raw: str, proto: str = "HTTP") -> Message:
    """Read a response that is not a complete exchange: a header block without its status line,
    a body without headers, one bare value, or an exchange inside a log excerpt (every line
    prefixed, or the answer after other lines). Never guesses what the device is; only what the
    text is. Raises Unreadable on empty input."""
    raw = raw[:MAX_PARSE_BYTES]
    nl = raw.find("\n", 0, 512)
    if _STATUS.match((raw[:nl] if nl >= 0 else raw[:512]).strip()):
        return parse_message(raw)  # the common case: a complete exchange
    curl = ("< HTTP/" in raw or "< RTSP/" in raw) and _CURL_STATUS.search(raw, 0, 65536) is not None
    text = _unprefix_curl(raw) if curl else raw
    if "reply: " in text:  # before escaped line ends are undone: the reply line ends with a written-out \r\n
        debug = _http_client_debug(text)
        if debug is not None:
            return parse_message(debug)
    t = text.strip()
    if len(t) > 2 and t[0] == t[-1] and t[0] in "'\"" and t[0] not in t[1:-1]:
        text = t[1:-1]  # a string literal as a client library printed it: 'version=2.420...\r\nBuildDate=...'
    elif t[:3] in ("b'<", 'b"<') and "\n" not in t:
        # a Python bytes repr of markup (b'<?xml ...'), perhaps cut before its closing quote; other
        # payloads in a bytes repr are read by the JSON and escaped-line-end readers as they are
        text = _bytes_literal(t)
    if "\\r\\n" in text and "\r\n" not in text:
        # a capture pasted with its line ends written out as the characters \r\n
        text = text.replace("\\r\\n\n", "\r\n").replace("\\r\\n", "\r\n")
    elif "\\n" in text and "\n" not in text.strip():
        text = text.replace("\\n", "\n")  # a one-line log entry with escaped line ends
    elif "\\r\n" in text and "\r\n" not in text:
        text = text.replace("\\r\n", "\r\n")  # socat -v: a CR written out as \r, the LF kept
    if _STATUS.match(text.split("\n", 1)[0].strip()):
        return parse_message(text)
    if ("[rtsp @" in text or "Input #" in text or "Nmap" in text or "STATE" in text) and is_tool_output(text):
        stripped = text.strip()  # ffmpeg's or nmap's output: netscan.parsers.shapes reads it whole
        return Message(proto=proto, status=None, reason="", body=stripped, shape="body", text=stripped)
    inside = _STATUS_INSIDE.search(text, 0, 65536) if "HTTP/" in text or "RTSP/" in text else None
    if inside is not None:
        text = _strip_log_prefix(text.replace("\r\n", "\n"))
        inside = _STATUS_INSIDE.search(text, 0, 65536)
        if inside is not None:  # the answer starts at its status line; what came before is not it
            msg = parse_message(_dedent_status(text, inside.start()))
            _later_answers(msg, text, inside.end())
            msg.before = text[max(0, inside.start() - MAX_BEFORE_CHARS) : inside.start()]
            return msg
    if "\n" in text.strip() and text.lstrip()[:1] not in ("{", "<"):
        unprefixed = _strip_log_prefix(text.replace("\r\n", "\n"))
        head = unprefixed.lstrip().split("\n", 1)[0].strip()
        # a log prefix is cut only when it hid the shape of what was logged: an SDP or a header block
        if unprefixed is not text and (_sdp_start(unprefixed, 0, 4096) or _HEADER_LINE.match(head)):
            text = unprefixed
    stripped = text.strip()
    if not stripped:
        raise Unreadable("empty")
    if _BINARY.search(stripped[:512]):
        raise Unreadable("no status line and not text")
    first = stripped.split("\n", 1)[0].strip()
    if _HEADER_LINE.match(first) and not first.lower().startswith(("http:", "https:", "rtsp:")):
        lines, body = _split_head(stripped)
        return _fill(Message(proto=proto, status=None, reason="", shape="headers", text=stripped), lines, body)
    one_line = "\n" not in stripped
    shape = "value" if one_line and not stripped.startswith(("<", "{", "[")) and "=" not in stripped else "body"
    return Message(proto=proto, status=None, reason="", body=stripped, shape=shape, text=stripped)


def _split_head(raw: str) -> tuple[list[str], str]:
    """The header block's lines and the body: the block ends at the first empty line (CRLF, else LF)."""
    head, sep, body = raw.partition("\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition("\n\n")
    return head.replace("\r\n", "\n").split("\n"), body


_ESCAPED_PARAM = re.compile(r'[\w-]=\\"[^"\\]*\\"')


#: A quoted value followed by the comma of an object literal: what a ``console.log`` of an object prints
#: (homebridge plugins' logs: ``serialNumber: 'DS-...',``). A wire header value of that shape is rare; it is read as a
#: printout on purpose (tests/parsers/test_parsers.py: the differential test against http.client leaves it out).
_OBJECT_LITERAL_VALUE = re.compile(r"""(['"])([^'"\r\n]{0,512})\1,""")


def _escaped_params(value: str) -> bool:
    """Whether a header value is a parameter list whose quotes were all escaped by a printout
    (``realm=\\"X\\", nonce=\\"Y\\"``): a whole escaped ``key=\\"...\\"`` pair and no bare quote.
    A wire value such as ``=\\"`` is left as sent."""
    return '"' not in value.replace('\\"', "") and _ESCAPED_PARAM.search(value) is not None


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
        value = value.strip()
        q = _OBJECT_LITERAL_VALUE.fullmatch(value)
        if q is not None:  # a line of a JavaScript/YAML object printout (``firmwareVersion: 'V3.4.101',``), no header
            value = q.group(2)
        if '=\\"' in value and _escaped_params(value):
            # a message printed inside a quoted string (go2rtc's trace: realm=\"X\"): its quotes escaped
            value = value.replace('\\"', '"')
        msg.headers.append((name.strip(), value))
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


#: A text that opens with markup: a declaration, a comment or a tag whose name is followed by ``>``, ``/>``
#: or an attribute; a runtime's print of an object (``<Response [200 OK]>``, ``<ClientResponse(...) ...>``,
#: ``<Foo object at 0x7f...>``) is no markup, and the lines below it are read as any text's.
_MARKUP_OPEN = re.compile(r"<(?:[?!]|/?[A-Za-z_][\w:.-]{0,80}(?:\s*/?>|\s+[A-Za-z_:][\w:.-]{0,80}\s*=))")
_MARKUP_TAG = _MARKUP_OPEN


def _body_fields(fields: Fields, prefix: str, body: str, ctype: str, tools: bool = True) -> None:
    """JSON, XML, ``key=value`` lines, the title of a body; with ``tools``, also the shapes of
    netscan.parsers.shapes (a fragment's caller reads those from its whole text instead)."""
    stripped = body.lstrip()
    if not stripped:
        return
    head = stripped[:500].lower()
    looks_html = "<html" in head or "<!doctype html" in head
    parsed = False
    markup = stripped.startswith("<") and _MARKUP_OPEN.match(stripped) is not None
    failed: set[str] = set()  # (texts parse_loose could not read: loose_fields does not try them again)
    if markup and not looks_html:
        try:
            root = parse_xml(stripped)
            xml_leaves(root, fields, f"{prefix}.xml.")
            if root.tag.startswith("{"):
                add(fields, f"{prefix}.xmlns", root.tag[1:].split("}", 1)[0])
            parsed = True
        except Unreadable as exc:
            add(fields, f"{prefix}.unreadable", f"body: {exc}")
    elif stripped[:1] in "{[":
        try:
            json_leaves(parse_loose(stripped), fields, f"{prefix}.json.")
            parsed = True
        except Unreadable as exc:
            failed.add(stripped)
            if "json" in ctype:  # only an error when the device said it was JSON
                add(fields, f"{prefix}.unreadable", f"body: {exc}")
    if not parsed and not looks_html:
        loose_fields(fields, prefix, stripped[:MAX_BODY_CHARS], failed)
    if "<" not in stripped[:200] or (not markup and _MARKUP_TAG.search(stripped, 0, 200) is None):
        for key, value in _kv_lines(stripped[:MAX_BODY_CHARS]):
            add(fields, f"{prefix}.kv.{key}", value)
    title = find_title(body[:MAX_BODY_CHARS])
    if title is not None:
        add(fields, f"{prefix}.title", " ".join(html.unescape(title).split()))
    if looks_html or stripped.startswith("<") or "<script" in head or "<meta" in head:
        page_script_fields(fields, prefix, stripped[:MAX_BODY_CHARS])
    elif tools and not parsed:
        tool_fields(fields, prefix, stripped[:MAX_BODY_CHARS])


#: A recorded answer body's head: an XML document (its declaration or a root element), a JSON object or array,
#: or the Python literal a client library made of it (``{'model': ...}``), the text's first character
#: (``bare_document``).
_DOCUMENT_START = re.compile(r"\s{0,64}(?:<\?xml[\s?]|<[A-Za-z_][\w.:-]{0,80}[\s/>]|[{\[][\s\"'\[{])")
#: The fields of an answer body that an HTTP API's conventions name (fingerprints/conventions-api.yaml and the
#: makers' body rules are written for ``http.json.*``, ``http.xml.*``, ``http.xmlns``, ``http.body``).
_BODY_FIELDS = ("http.json.", "http.xml.", "http.xmlns", "http.body")


#: One Markdown code block holding the whole text (an issue thread's or a README's pasted answer): its fence
#: (three backticks or tildes, a language word) and its closing fence.
_FENCED = re.compile(r"\A\s{0,16}(```|~~~)[\w.+-]{0,20}[ \t]*\r?\n(.*?)\r?\n[ \t]*\1[ \t]*\s*\Z", re.S)


def bare_document(raw: str) -> str | None:
    """The text of a recorded answer that is one JSON or XML document and nothing else around it -- a device's
    answer body as a client library's fixture, a ``curl`` without ``-i`` or a pasted reply keeps it (no status
    line, no log prefix); one Markdown code block holding it and a byte-order mark are taken off -- else None.
    Markup of a page is not one (``<html``, ``<!DOCTYPE``)."""
    text = raw.lstrip("\ufeff")
    if text[:1] not in ("<", "{", "[") and ("```" in text[:64] or "~~~" in text[:64]):
        fenced = _FENCED.match(text[:MAX_BODY_CHARS])
        if fenced is not None:
            text = fenced.group(2)
    if _DOCUMENT_START.match(text) is None:
        return None
    stripped = text.strip()
    head = stripped[:200].lower()
    if "<html" in head or "<!doctype" in head or "<body" in head:
        return None
    if stripped[:1] == "<":
        return stripped if stripped.endswith(">") else None
    return stripped if stripped.endswith(("}", "]")) else None


def answer_body_fields(fields: Fields, document: str) -> None:
    """A bare document (``bare_document``'s text) recorded as another protocol's text, read as the HTTP answer body
    it was: its ``http.json.*``/``http.xml.*`` leaves, namespace and body, so that the API conventions written for
    those names read it as they read the same body in a recorded exchange."""
    body: Fields = {}
    _body_fields(body, "http", document[:MAX_BODY_CHARS], "", tools=False)
    if any(k.startswith(("http.json.", "http.xml.")) for k in body):
        add(fields, "http.body", document[:MAX_BODY_CHARS])
        for key, values in body.items():
            if key.startswith(_BODY_FIELDS):
                for value in values:
                    add(fields, key, value)


#: Lines of a text fragment tried as one JSON document or Python literal each (log lines).
MAX_STRUCTURED_LINES = 50
_JSON_PREFIX = json.JSONDecoder()


def _parse_untried(text: str, failed: set[str]) -> Any:
    """``parse_loose(text)``; a text in ``failed`` (one it could not read before) is not parsed again: Unreadable at
    once (parse_loose is a pure function of the text). A text it cannot read is added to ``failed``."""
    if text in failed:
        raise Unreadable("read before: not a document")
    try:
        return parse_loose(text)
    except Unreadable:
        failed.add(text)
        raise


def loose_fields(fields: Fields, prefix: str, text: str, failed: set[str] | None = None) -> None:
    """Structured data in text that is not one JSON/XML document (docs/observations.md "Shapes of
    raw"): JSON or a Python dict after a log prefix, on one line or to the end of the text, as
    ``<prefix>.json.<path>``; else the quoted ``key: value`` pairs of a cut-off JSON or dict as
    ``<prefix>.json.<key>``, and the text-only elements of cut-off XML as ``<prefix>.xml.<name>``.
    ``failed``: texts the caller found parse_loose cannot read (each candidate below is parsed once: the whole
    text's tail, a line's, are often the same text)."""
    failed = set() if failed is None else failed
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    if start >= 0:
        try:
            json_leaves(_parse_untried(text[start:], failed), fields, f"{prefix}.json.")
            return
        except Unreadable:
            pass
        # a document that opens a line below a preamble and runs to the end (a status code and a header
        # print above a body: ``print(r.status_code)``, ``print(r.headers)``, ``print(r.text)``): only the
        # last line that opens with a bracket can start it (a pretty-printed document indents its inner
        # lines), so one parse is tried, never one per line of a JSON Lines log
        last = max(text.rfind("\n{"), text.rfind("\n["), -1) + 1
        for pos in ((start, last) if last > start else (start,)):
            if pos != start:
                try:
                    json_leaves(_parse_untried(text[pos:], failed), fields, f"{prefix}.json.")
                    break
                except Unreadable:
                    pass
            if pos and text[pos - 1] != "\n":
                continue  # (a member's value inside a cut document: not a document of its own)
            try:  # a JSON document with a line of the tool's below it (``<-- END HTTP (123-byte body)``)
                doc, end = _JSON_PREFIX.raw_decode(text, pos)
            except (ValueError, RecursionError):
                continue
            rest = text[end : end + 401]
            if isinstance(doc, (dict, list)) and doc and len(rest) <= 400 and rest.count("\n") <= 3 and not any(c in rest for c in '{}[]"'):
                json_leaves(doc, fields, f"{prefix}.json.")
                break
        for line in text.split("\n", MAX_STRUCTURED_LINES)[:MAX_STRUCTURED_LINES]:
            # from the first "{", else the first "[" (a "[logger.name]" prefix is no payload)
            for i in sorted({j for j in (line.find("{"), line.find("[")) if j >= 0}, key=lambda j: line[j] != "{"):
                if len(line) - i < 2:
                    continue
                candidate = line[i:].strip()
                if len(candidate) > 2 and candidate[-1] in "'\"" and line[i - 1 : i] == candidate[-1]:
                    candidate = candidate[:-1]  # a quoted payload: b'{...}', '{...}'
                try:
                    json_leaves(_parse_untried(candidate, failed), fields, f"{prefix}.json.")
                    break
                except Unreadable:
                    continue
    for key, value in loose_pairs(text):
        add(fields, f"{prefix}.json.{key}", value)
    if ", " in text and "=" in text:
        for key, value in java_map_pairs(text):  # a JVM-style ``{k=v, k=v}`` / ``Name(k=v, k=v)`` print (parsers/javamap.py)
            add(fields, f"{prefix}.json.{key}", value)
    if '\\"' in text:
        # JSON printed as a string literal (every quote escaped: a log's repr of a payload)
        unescaped = text.replace('\\"', '"')
        if unescaped != text:
            start = unescaped.find("{")
            try:
                json_leaves(parse_loose(unescaped[start:]) if start >= 0 else None, fields, f"{prefix}.json.")
            except Unreadable:
                for key, value in loose_pairs(unescaped):
                    add(fields, f"{prefix}.json.{key}", value)
    if "</" in text:
        for name, value in xml_salvage(text):
            add(fields, f"{prefix}.xml.{name}", value)
        if "xmlns" in text and f"{prefix}.xmlns" not in fields:
            # the namespaces of XML that did not parse (cut, wrapped in a page or a Markdown block)
            seen: list[str] = []
            for m in _XMLNS.finditer(text, 0, MAX_BODY_CHARS):
                if m.group(1) not in seen and len(seen) < 8:
                    seen.append(m.group(1))
                    add(fields, f"{prefix}.xmlns", m.group(1))


#: A namespace declaration's URI (``xmlns="http://www.hikvision.com/ver20/XMLSchema"``, ``xmlns:tds="..."``).
_XMLNS = re.compile(r"xmlns(?::[\w.-]{1,20})?=[\"']([a-z][a-z0-9+.-]{1,15}:[^\"'<>\s]{1,200})[\"']")


def _kv_lines(text: str) -> list[tuple[str, str]]:
    """``key=value`` lines (surrounding blanks stripped). Plain string splitting: the earlier
    regex ``\\s*=\\s*(.*?)\\s*$`` backtracked quadratically on long runs of blanks."""
    out: list[tuple[str, str]] = []
    if "=" not in text:
        return out
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
    """The text of the first ``<title ...>`` element, or None. One forward scan (a regex
    ``<title[^>]*>(.*?)</title>`` restarts at every unclosed ``<title``: quadratic); tags are matched
    with ASCII-only case folding (as ``str.lower`` of ASCII letters), the text is never copied whole."""
    if "<t" not in text and "<T" not in text:
        return None  # no "<title" in any case (speed: the text is not searched for nothing)
    pos = 0
    n = len(text)
    while True:
        m = _TITLE_OPEN.search(text, pos)
        if m is None:
            return None
        j = m.end()
        if j < n and (text[j] == ">" or text[j].isspace() or text[j] == "/"):
            break
        pos = j  # <titlebar>, <title-x>: not a title element
    gt = text.find(">", j)
    if gt < 0:
        return None
    end = min(n, gt + 1 + MAX_TITLE_CHARS + 16)
    for c in _TITLE_CLOSE.finditer(text, gt + 1, end):
        if text[c.end() : end].lstrip().startswith(">"):
            return text[gt + 1 : c.start()]
    return None


#: ``<title`` and ``</title`` in any ASCII case (no other letter folds: as the lower-cased text was searched).
_TITLE_OPEN = re.compile(r"<title", re.I | re.A)
_TITLE_CLOSE = re.compile(r"</title", re.I | re.A)


_SDP_LINE = re.compile(r"^([a-z])=(.*)$")
#: The version line that starts an SDP (RFC 8866 §5.1), at the start of a line.
_SDP_START = re.compile(r"(?m)^v=0\r?$")


def _sdp_start(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``_SDP_START.search(text, pos, endpos)``, searched from the first ``v=0`` in the range (the
    match starts with it): the same answer without trying the pattern at every line start."""
    at = text.find("v=0", pos, endpos)
    return None if at < 0 else _SDP_START.search(text, at, endpos)
#: fmtp parameters defined by the codec payload formats (RFC 6184 H.264, RFC 7798 H.265, RFC 3640
#: MPEG-4, RFC 6416 MP4V-ES...): they describe the stream, never the device.
_CODEC_PARAMS = frozenset({
    "profile-level-id", "packetization-mode", "config", "mode", "sizelength", "indexlength", "indexdeltalength",
    "streamtype", "level-asymmetry-allowed", "octet-align", "bitrate", "object", "cpresent", "profile", "level",
    "profile-space", "profile-id", "tier-flag", "level-id", "interop-constraints", "tx-mode", "decode_buf",
    "constraintsetflags", "maxplaybackrate", "sprop-maxcapturerate", "useinbandfec", "stereo", "ptime",
})
#: ``a=rtpmap`` encoding names read per SDP (those not in the list below: a maker's own payload).
MAX_SDP_ENCODINGS = 8
#: RTP payload formats of the IANA registry and the common camera codecs: they name no maker.
_STANDARD_ENCODINGS = frozenset({
    "h264", "h265", "h263", "h263-1998", "h263-2000", "h261", "mp4v-es", "mp4a-latm", "mpeg4-generic", "jpeg", "mpv",
    "mpa", "mp2t", "mp2p", "ps", "pcmu", "pcma", "g722", "g723", "g726-16", "g726-24", "g726-32", "g726-40", "g729",
    "g7221", "l16", "l8", "opus", "vp8", "vp9", "av1", "h264-svc", "rtx", "red", "ulpfec", "telephone-event", "aac",
    "amr", "amr-wb", "speex", "gsm", "pcm", "raw", "vnd.onvif.metadata", "t140", "octet-stream",
})
#: fmtp parameters read per SDP (a recorder's data track names its model and firmware there).
MAX_SDP_PARAMS = 32
#: Media streams summarised per SDP (``.sdp.media``): a camera offers two to four (video, audio,
#: metadata, a back channel); more is a list this reader need not finish.
MAX_SDP_MEDIA = 8
#: The static RTP payload types of RFC 3551 (table 4 and 5) an ``m=`` line may use without ``a=rtpmap``.
_STATIC_PAYLOADS = {"0": "PCMU/8000", "3": "GSM/8000", "4": "G723/8000", "8": "PCMA/8000", "9": "G722/8000",
                    "14": "MPA/90000", "26": "JPEG/90000", "31": "H261/90000", "32": "MPV/90000", "33": "MP2T/90000"}
_SDP_MEDIA_LINE = re.compile(r"^(audio|video|application|text|message|data)\s+\d+(?:/\d+)?\s+\S+\s+(\d{1,3})\b")
_SDP_PARAM_KEY = re.compile(r"[A-Za-z][\w.\-]{0,40}")


def _fmtp_params(fields: Fields, prefix: str, val: str, budget: int) -> int:
    """``a=fmtp:<pt> key=value; key=value`` parameters other than codec ones, as
    ``<prefix>.sdp.param.<key>`` (Sanyo cameras' data track: ``Model=VCC-HD2300P; FirmVer=010202``)."""
    _, _, params = val.partition(" ")
    for part in params.split(";")[:64]:
        key, eq, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if budget <= 0:
            break
        if not eq or not value or not _SDP_PARAM_KEY.fullmatch(key):
            continue
        low = key.lower()
        if low in _CODEC_PARAMS or low.startswith(("sprop-", "max-", "x-")):
            continue
        add(fields, f"{prefix}.sdp.param.{key}", value)
        budget -= 1
    return budget


#: fmtp parameters that only one video payload format defines (RFC 6184 H.264: packetization-mode,
#: profile-level-id, sprop-parameter-sets; RFC 7798 H.265: sprop-vps): they name the stream an SDP
#: cut before its first ``m=`` line was describing.
_H265_PARAMS = re.compile(r"(?i)(?:^|[\s;])sprop-vps=")
_H264_PARAMS = re.compile(r"(?i)(?:^|[\s;])(?:packetization-mode|profile-level-id|sprop-parameter-sets)=")


def _implied_video(fmtp: str) -> str:
    """The video encoding an ``a=fmtp`` line's parameters belong to (``H264/90000``, ``H265/90000``), or ''."""
    if _H265_PARAMS.search(fmtp):
        return "H265/90000"
    return "H264/90000" if _H264_PARAMS.search(fmtp) else ""


def sdp_fields(fields: Fields, prefix: str, body: str) -> None:
    """SDP lines (RFC 8866): session-level ``<prefix>.sdp.session`` (s=), ``.info`` (i=),
    ``.origin`` (o=), ``.host`` (the o= address when it is a host name), ``.tool`` (a=tool:), ``.attr`` (other session a= lines, first 32); from every
    media section ``.param.<key>`` (non-codec ``a=fmtp`` parameters), ``.control`` (a=control
    URLs, which carry a maker's stream paths) and ``.media`` (``<kind> <encoding>`` of its first
    payload: ``video H264/90000``, ``audio PCMA/8000``, a static payload type by its RFC 3551 name);
    ``.streams`` joins them in order (``video H264/90000, audio PCMA/8000``)."""
    attrs = 0
    encodings = 0
    budget = MAX_SDP_PARAMS
    session = True
    media: list[list[str]] = []  # per m= section: kind, first payload type, its encoding
    for line in body.replace("\r\n", "\n").split("\n")[:400]:
        m = _SDP_LINE.match(line.strip())
        if not m:
            continue
        key, val = m.group(1), m.group(2).strip()
        if key == "m":
            session = False  # media sections follow: session level ends
            mm = _SDP_MEDIA_LINE.match(val)
            if mm and len(media) < MAX_SDP_MEDIA:
                media.append([mm.group(1), mm.group(2), _STATIC_PAYLOADS.get(mm.group(2), "")])
        if key == "a" and val.startswith("rtpmap:") and media:
            pt, _, enc = val[7:].partition(" ")
            if pt.strip() == media[-1][1] and enc.strip():
                media[-1][2] = enc.strip()[:40]
        if key == "a" and val.startswith("fmtp:"):
            if session and not media:  # a media attribute before any m= line: an SDP cut inside its first stream
                implied = _implied_video(val)
                if implied:
                    media.append(["video", val[5:].split(" ", 1)[0], implied])
            budget = _fmtp_params(fields, prefix, val, budget)
            continue
        if key == "a" and val.startswith("control:") and val != "control:*":
            add(fields, f"{prefix}.sdp.control", val[8:].strip())
            continue
        if key == "a" and val.startswith("rtpmap:") and encodings < MAX_SDP_ENCODINGS:
            name = val[7:].split(None, 1)[1].split("/", 1)[0].strip() if len(val[7:].split(None, 1)) == 2 else ""
            if name and name.casefold() not in _STANDARD_ENCODINGS:
                encodings += 1
                add(fields, f"{prefix}.sdp.encoding", name)  # a maker's own payload (tp-link/25000)
            continue
        if not session:
            continue
        if key == "s":
            add(fields, f"{prefix}.sdp.session", val)
        elif key == "i":
            add(fields, f"{prefix}.sdp.info", val)
        elif key in ("u", "e"):
            add(fields, f"{prefix}.sdp.{'uri' if key == 'u' else 'email'}", val)
        elif key == "o":
            add(fields, f"{prefix}.sdp.origin", val)
            host = val.split()[-1] if len(val.split()) >= 6 else ""
            if any(c.isalpha() for c in host) and ":" not in host:
                add(fields, f"{prefix}.sdp.host", host)  # a host name, not an address literal
        elif key == "a" and val.startswith("tool:"):
            add(fields, f"{prefix}.sdp.tool", val[5:].strip())
        elif key == "a" and attrs < 32:
            attrs += 1
            add(fields, f"{prefix}.sdp.attr", val)
    for kind, _pt, encoding in media:
        add(fields, f"{prefix}.sdp.media", f"{kind} {encoding}".strip())
    if media:  # the whole offer in one value, for a rule that weighs the streams together
        add(fields, f"{prefix}.sdp.streams", ", ".join(f"{kind} {encoding}".strip() for kind, _pt, encoding in media))


#: Identity-bearing header fields quoted inside a line of text (a log entry, a forum post): the
#: header name after the start of the line or a separator, then ``:`` and the value to the line end.
_EMBEDDED_HEADER = re.compile(r"(?i)(?:^|[\s\"'\[(,;|>])(server|www-authenticate)[\"']?\s*:\s*(\S[^\r\n]{0,400})")
#: A Digest/Basic challenge quoted without its header name.
_EMBEDDED_CHALLENGE = re.compile(r"(?i)(?<![\w-])((?:Digest|Basic)\s+realm\s*=\s*\"[^\"\r\n]{0,200}\"[^\r\n]{0,300})")
#: Lines of a text fragment searched for quoted headers.
MAX_EMBEDDED_LINES = 200
#: A client's Digest ``Authorization`` header quoted in a line of text (a client's log or trace).
_EMBEDDED_AUTHORIZATION = re.compile(r"(?i)(?:^|[\s\"'\[(,;|>])authorization[\"']?\s*:\s*(Digest\s[^\r\n]{0,600})")
#: The ``realm`` parameter of a Digest ``Authorization`` header.
_REALM_PARAM = re.compile(r"(?i)(?<![\w-])realm\s*=\s*\"([^\"\r\n]{1,200})\"")


def echoed_realm(fields: Fields, prefix: str, authorizations: list[str]) -> None:
    """The server's realm as a client's Digest ``Authorization`` header echoes it (RFC 7616 §3.4: the
    client copies ``realm`` from the server's challenge), read as ``<prefix>.header.www-authenticate``
    ``Digest realm="..."`` when the recorded text kept no challenge of its own -- so every realm
    convention also reads a trace that only shows the client's side. Basic credentials carry no realm."""
    if f"{prefix}.header.www-authenticate" in fields:
        return
    for value in authorizations[:4]:
        v = value.strip()
        if v[:6].lower() != "digest":
            continue
        m = _REALM_PARAM.search(v, 0, 800)
        if m is not None:
            add(fields, f"{prefix}.header.www-authenticate", f'Digest realm="{m.group(1)}"')
            return


def realm_first(fields: Fields, prefix: str) -> None:
    """A challenge whose ``realm`` is not its first parameter (``Digest qop="auth", realm="..."``: RFC 7616
    lets the parameters come in any order) is also read as ``<scheme> realm="..."``, the form realm
    conventions are written against, so a rule holds whatever order the server writes."""
    name = f"{prefix}.header.www-authenticate"
    for value in list(fields.get(name, ()))[:4]:
        scheme, _, rest = value.strip().partition(" ")
        if scheme.lower() not in ("digest", "basic") or rest.lstrip()[:5].lower() == "realm":
            continue
        m = _REALM_PARAM.search(rest, 0, 800)
        if m is not None:
            add(fields, name, f'{scheme} realm="{m.group(1)}"')


def embedded_header_fields(fields: Fields, prefix: str, text: str) -> None:
    """``Server:`` / ``WWW-Authenticate:`` values (and bare ``Digest realm="..."`` challenges)
    quoted inside lines of a text fragment, such as a log line with a time stamp before them.
    Only what the text says: the value runs to the end of its line."""
    echoes: list[str] = []
    for line in text.split("\n", MAX_EMBEDDED_LINES)[:MAX_EMBEDDED_LINES]:
        if ":" not in line and "realm" not in line.lower():
            continue
        if "uthorization" in line and len(echoes) < 4:
            a = _EMBEDDED_AUTHORIZATION.search(line)
            if a is not None:
                echoes.append(a.group(1))
                continue
        for m in _EMBEDDED_HEADER.finditer(line):
            value = m.group(2).strip()
            if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()  # a quoted value: the quotes are the log's, not the header's
            if value:
                add(fields, f"{prefix}.header.{m.group(1).lower()}", value)
        if "realm" in line.lower() and f"{prefix}.header.www-authenticate" not in fields:
            c = _EMBEDDED_CHALLENGE.search(line)
            if c is not None:
                add(fields, f"{prefix}.header.www-authenticate", c.group(1).strip())
    if echoes:
        echoed_realm(fields, prefix, echoes)
    if f"{prefix}.header.www-authenticate" in fields:
        realm_first(fields, prefix)


#: An SDP cut before its version line: its first lines are all ``<letter>=`` lines (RFC 8866 §5) and one
#: of them is a media, rtpmap or control line (an RTSP client's log that kept only the media sections).
_SDP_TAIL_LINE = re.compile(r"[a-z]=\S")
_SDP_TAIL_MARK = re.compile(r"(?m)^(?:m=(?:video|audio|application|data|text)\b|a=(?:rtpmap|control):)")


def _sdp_tail(body: str) -> bool:
    lines = [ln.strip() for ln in body[:2048].splitlines() if ln.strip()][:6]
    return len(lines) >= 2 and all(_SDP_TAIL_LINE.match(ln) for ln in lines) and _SDP_TAIL_MARK.search(body, 0, 2048) is not None


#: ``url=`` of each stream in an RTSP ``RTP-Info`` header (RFC 2326 §12.33).
_RTP_INFO_URL = re.compile(r"(?:^|[,\s])url=([^;,\s]{1,300})")
#: Stream URLs read per response.
MAX_STREAM_URLS = 16


def stream_urls(fields: Fields, prefix: str) -> None:
    """``<prefix>.url``: the stream URLs the device itself wrote -- SDP ``a=control`` URLs, the
    ``Content-Base`` / ``Content-Location`` / ``Location`` headers, each ``url=`` of ``RTP-Info`` -- where a
    maker's path convention is read (fingerprints/conventions-paths.yaml); the request's URL is the client's."""
    urls: list[str] = []
    for name in ("sdp.control", "header.content-base", "header.content-location", "header.location"):
        urls.extend(fields.get(f"{prefix}.{name}", [])[:MAX_STREAM_URLS])
    for info in fields.get(f"{prefix}.header.rtp-info", [])[:4]:
        urls.extend(m.group(1) for m in _RTP_INFO_URL.finditer(info[:2048]))
    seen: set[str] = set()
    for url in urls:
        u = url.strip()
        if u and u not in seen and len(seen) < MAX_STREAM_URLS:
            seen.add(u)
            add(fields, f"{prefix}.url", u)


def message_fields(msg: Message, prefix: str) -> Fields:
    """Fields of a parsed message under ``prefix`` (``http`` or ``rtsp``)."""
    fields: Fields = {}
    if msg.status is not None:
        add(fields, f"{prefix}.status", msg.status)
    if msg.shape != "exchange":
        add(fields, f"{prefix}.shape", msg.shape)
    if msg.shape == "value":
        add(fields, f"{prefix}.value", msg.body)
        embedded_header_fields(fields, prefix, msg.body)
        if "':" in msg.body or '":' in msg.body:
            loose_fields(fields, prefix, msg.body)  # one "key": "value" line of a dict excerpt
        tool_fields(fields, prefix, msg.body)
        return fields
    for k, v in msg.headers:
        add(fields, f"{prefix}.header.{k.lower()}", v)
        header_params(fields, f"{prefix}.header.{k.lower()}", v)
        if msg.shape == "headers" and k.lower() not in ("server", "www-authenticate"):
            embedded_header_fields(fields, prefix, v)  # "12:00:01 debug: Server: ..." log lines
    if msg.headers:
        add(fields, f"{prefix}.header-names", ",".join(k for k, _ in msg.headers))
    for k, v in msg.later:  # further answers of a transcript
        add(fields, f"{prefix}.header.{k.lower()}", v)
    if f"{prefix}.header.authorization" in fields:
        echoed_realm(fields, prefix, fields[f"{prefix}.header.authorization"])
    if msg.before and "uthorization" in msg.before:  # the client's request a log kept before the answer
        echoed_realm(fields, prefix, [m.group(1) for m in _EMBEDDED_AUTHORIZATION.finditer(msg.before)][:4])
    if f"{prefix}.header.www-authenticate" in fields:
        realm_first(fields, prefix)
    sdp = False
    if msg.body:
        add(fields, f"{prefix}.body", msg.body[:MAX_BODY_CHARS], limit=MAX_BODY_CHARS)
        ctype = (msg.header("content-type") or "").lower()
        sdp_at = 0 if msg.body.lstrip().startswith("v=0") or (prefix == "rtsp" and _sdp_tail(msg.body)) else _sdp_start(msg.body, 0, 4096)
        sdp = sdp_at is not None
        if sdp_at is not None:  # an SDP, or one after a line or two of a client's log
            sdp_fields(fields, prefix, msg.body if isinstance(sdp_at, int) else msg.body[sdp_at.start() :])
        else:
            if prefix == "http":
                _body_fields(fields, prefix, msg.body, ctype, tools=msg.shape == "exchange")
            late = _sdp_start(msg.body, 4096, 65536) if msg.shape != "exchange" else None
            if late is not None:  # an SDP after a long client log (ffmpeg's banner): read too, nothing else skipped
                sdp_fields(fields, prefix, msg.body[late.start() :])
        structured = sdp or msg.body.lstrip()[:1] == "<" or has_document_fields(fields, prefix)
        if msg.shape == "body" and not structured and not is_tool_output(msg.body):
            embedded_header_fields(fields, prefix, msg.body[:MAX_BODY_CHARS])
    if prefix == "rtsp":
        stream_urls(fields, prefix)
    if msg.shape in ("headers", "body") and msg.text:
        # a fragment: other tools' output and tables anywhere in its text (not in an SDP or a parsed document)
        parsed = has_document_fields(fields, prefix)
        tool_fields(fields, prefix, msg.text[:MAX_BODY_CHARS], tables=not sdp and (not parsed or msg.shape == "headers"))
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
    exchanges = cassette_exchanges(raw) if raw[:16].lstrip("-\r\n \t").startswith("interactions:") else None
    if exchanges is not None:  # a client library's recorded exchanges (netscan/parsers/cassette.py)
        fields: Fields = {}
        for uri, text in exchanges:
            try:
                answer = parse_message(text)
            except Unreadable:
                continue
            for key, values in message_fields(answer, "http").items():
                for value in values:
                    add(fields, key, value)
            if uri and answer.status not in _REFUSAL_STATUS:
                add(fields, "http.client-url", uri)
        if fields:
            return fields
    try:
        msg = parse_fragment(raw, "HTTP")
    except Unreadable as exc:
        return {"http.unreadable": [str(exc)]}
    fields = message_fields(msg, "http")
    fragment_fields(fields, "http", raw)
    if raw[:5] not in ("HTTP/", "RTSP/"):  # other tools' recordings (netscan/parsers/toolout.py)
        toolout_fields(fields, "http", raw, tables="http.sdp.session" not in fields and "http.sdp.origin" not in fields)
    if msg.shape == "value":  # a bare value says what it is only through the request label
        label = request.strip().lower()
        if label in ("title", "http-title"):
            add(fields, "http.title", " ".join(html.unescape(msg.body).split()))
        else:
            value_header(fields, "http", label, msg.body)
    logged_challenge(fields, "http")
    path = request_path(request)
    if path:
        add(fields, "http.path", path)
    http_client_urls(fields, raw, msg, path)
    return fields


#: An HTTP URL written in a client's text (a log line, an error message, a configuration).
_HTTP_URL = re.compile(r"https?://[^\s\"'<>`|\\]{1,300}")
#: A request line a client's log kept (``GET /axis-cgi/param.cgi?action=list HTTP/1.1``).
_REQUEST_LINE = re.compile(r"(?m)(?:^|[\s\"'\[(>])(?:GET|POST|PUT|HEAD) (/[^\s\"'<>`|\\]{1,300}) HTTP/1\.[01]\b")
#: An XML namespace declaration or schema location right before a URL (``xmlns="http://..."``).
_XML_NAME_URL = re.compile(r"(?:xmlns(?::[\w.-]{1,20})?|schemaLocation|targetNamespace)=[\"'][ \t]{0,2}$")
#: A line that says the path was not there: its URL is no statement about the device.
_REFUSED = re.compile(r"(?i)\b(?:404|not found)\b")
#: Statuses with which a server refuses a path (its URL, echoed in the page, says nothing of the device).
_REFUSAL_STATUS = frozenset({400, 403, 404, 405, 410, 501})


def http_client_urls(fields: Fields, raw: str, msg: Message, path: str | None) -> None:
    """``http.client-url``: the HTTP API paths a client used for this device (fingerprints/conventions-urls.yaml):
    HTTP URLs and request lines in the recorded text (a client library's log or error message, a
    configuration), and the request's own path when another tool recorded the exchange (a log, a
    ``curl -v`` transcript, a fragment: the client's request, chosen by a user who knew the device).
    Nothing of an answer recorded whole (netscan's own probes, ``curl -i``) is taken: netscan asks a
    maker's paths only once it named the maker, a catch-all server answers every path alike, and a
    page's links may point at other devices (an NVR program's camera list). A line that says the path
    was not found, and an answer refusing the path, count for nothing."""
    if (raw.lstrip()[:5] if raw[:1].isspace() else raw[:5]) in ("HTTP/", "RTSP/") or msg.status in _REFUSAL_STATUS:
        # an answer recorded whole (netscan's own probes, curl -i): its request is netscan's or the user's
        # choice, and the URLs in its page are links, perhaps to other devices (an NVR program's camera list)
        return
    seen: set[str] = set()
    if path and path != "/" and (path[:1] == "/" or path[:7] == "http://" or path[:8] == "https://"):
        # a request line names a path or a whole URL; a request described in words ("Axis API list") names none
        seen.add(path)
        add(fields, "http.client-url", path)
    if "http://" not in raw and "https://" not in raw and " HTTP/1." not in raw:
        return
    _logged_http_urls(fields, raw, seen)


#: The host of a URL on the owner's network: an IPv4 or IPv6 address, or a name of one label or under a local suffix.
_LOCAL_HOST_URL = re.compile(r"(?i)(?:https?|rtmps?)://(?:[^@/\s]{0,64}@)?(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]{2,45}\]|[a-z0-9-]{1,63}"
                             r"(?:\.(?:local|lan|home|internal|localdomain|home\.arpa))?)(?=[:/?#]|$)")


def _logged_http_urls(fields: Fields, raw: str, seen: set[str], *, local_only: bool = False) -> None:
    """``http.client-url`` of the HTTP URLs and request lines in a client's text (``http_client_urls``); with
    ``local_only``, of the URLs whose host is on the owner's network only (an address, a local name: a link to a
    web site in a pasted text is documentation, not a request to the device)."""
    for rx in (_HTTP_URL, _REQUEST_LINE):
        for m in rx.finditer(raw, 0, MAX_BODY_CHARS):
            u = (m.group(1) if m.groups() else m.group(0)).rstrip(".,;:)]}'\"")
            start = raw.rfind("\n", 0, m.start()) + 1
            end = raw.find("\n", m.end())
            if u in seen or _REFUSED.search(raw, start, end if end >= 0 else len(raw)):
                continue
            if _XML_NAME_URL.search(raw, max(0, m.start() - 24), m.start()) is not None:
                continue  # an XML namespace or schema location: the document's vocabulary, not a URL a client used
            if local_only and rx is _HTTP_URL and _LOCAL_HOST_URL.match(u) is None:
                continue
            seen.add(u)
            add(fields, "http.client-url", u)
            if len(seen) >= MAX_CLIENT_URLS:
                return


#: An RTSP URL written in a client's text (a request line, a player's error message, a configuration).
_CLIENT_URL = re.compile(r"rtsps?://[^\s\"'<>`|\\]{1,300}")
MAX_CLIENT_URLS = 8
_LOOPBACK_URL = re.compile(r"rtsps?://(?:[^@/\s]*@)?(?:127\.|localhost\b|\[::1\])", re.IGNORECASE)


def logged_challenge(fields: Fields, prefix: str) -> None:
    """A challenge or a client's Digest credentials that a log kept only as ``Key: value`` lines
    (``<prefix>.kv.WWW-Authenticate``, ``<prefix>.kv.Authorization``: the line prefixes of a log made
    them unreadable as headers) are read as the headers are, so realm conventions read them too."""
    name = f"{prefix}.header.www-authenticate"
    if name in fields:
        return
    for value in fields.get(f"{prefix}.kv.WWW-Authenticate", [])[:2]:
        add(fields, name, value)
    if name not in fields and f"{prefix}.kv.Authorization" in fields:
        echoed_realm(fields, prefix, fields[f"{prefix}.kv.Authorization"])
    if name in fields:
        realm_first(fields, prefix)


def client_urls(fields: Fields, prefix: str, raw: str) -> None:
    """``<prefix>.client-url``: RTSP URLs written in the recorded text that the device did not write
    itself (``<prefix>.url``): a client's request lines, a player's error message, a restreamer's source
    configuration. The path a client asked for is the one its user configured for that device, weaker
    evidence than the device's own URLs (fingerprints/conventions-paths.yaml reads it at a lower weight)."""
    if "rtsp://" not in raw and "rtsps://" not in raw:
        return
    own = set(fields.get(f"{prefix}.url", ()))
    seen: set[str] = set()
    for m in _CLIENT_URL.finditer(raw, 0, MAX_BODY_CHARS):
        u = m.group(0).rstrip(".,;:)]}")
        if u in own or u in seen or _LOOPBACK_URL.match(u):
            continue  # a restreamer's own URL on the host it runs on names no camera
        seen.add(u)
        add(fields, f"{prefix}.client-url", u)
        if len(seen) >= MAX_CLIENT_URLS:
            return


#: Answer header names a bare value may be labelled with (its ``request``): the headers that say who
#: made the server (RFC 9110 ``Server``, ``WWW-Authenticate``; RFC 2326/7826 ``Public``, ``Content-Base``;
#: ``Location``, ``X-Powered-By``, ``Via``).
VALUE_HEADERS = frozenset({"server", "www-authenticate", "public", "content-base", "location", "x-powered-by", "via"})


def value_header(fields: Fields, prefix: str, label: str, value: str) -> None:
    """A bare value recorded under the name of the header it was (``request`` ``server``, ``Server:``)
    as ``<prefix>.header.<name>``."""
    name = label.rstrip(":").strip()
    if name in VALUE_HEADERS or (label.endswith(":") and _HEADER_NAME.fullmatch(name) is not None):
        add(fields, f"{prefix}.header.{name}", value)
        header_params(fields, f"{prefix}.header.{name}", value)


_HEADER_NAME = re.compile(r"[a-z][a-z0-9-]{0,40}")

#: Header names of HTTP and RTSP answers (RFC 9110, RFC 2326/7826): a block of ``Name: value`` lines
#: all of whose names are these (or ``X-...``) is an answer's headers pasted alone.
_ANSWER_HEADERS = frozenset({
    "server", "www-authenticate", "public", "content-base", "location", "x-powered-by", "via", "date", "content-type",
    "content-length", "connection", "cache-control", "pragma", "expires", "last-modified", "etag", "set-cookie",
    "accept-ranges", "keep-alive", "transfer-encoding", "content-encoding", "content-language", "vary", "allow",
    "cseq", "session", "rtp-info", "range", "transport", "content-location", "access-control-allow-origin",
    "strict-transport-security", "content-security-policy", "authentication-info", "proxy-authenticate"})
#: Headers at least one of which the block must hold: those that say something of the server.
_TELLING_HEADERS = frozenset({"server", "www-authenticate", "public", "content-base", "x-powered-by", "location", "via"})
_BLOCK_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]*(\S[^\r\n]*)?")


def pasted_headers(raw: str) -> str | None:
    """``http`` or ``rtsp`` when the whole text is an answer's header lines and nothing else (at most 40;
    one ``Server: X`` line pasted alone, an answer's headers copied without their status line), each name
    one an answer carries and one of them saying something of the server; None otherwise. RTSP when a
    header only RTSP has (``CSeq``, ``Session``, ``RTP-Info``, ``Content-Base``...) or an ``rtsp://`` URL is there."""
    head = raw[:4096]
    if ":" not in head[:64]:
        return None
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    if not lines or len(lines) > 40:
        return None
    telling = False
    rtsp = "rtsp://" in head or "RTSP/" in head
    for line in lines:
        m = _BLOCK_LINE.fullmatch(line)
        if m is None:
            return None
        name = m.group(1).lower()
        if name not in _ANSWER_HEADERS and not name.startswith("x-"):
            return None
        telling = telling or name in _TELLING_HEADERS
        rtsp = rtsp or name in ("cseq", "session", "rtp-info", "content-base", "transport")
        rtsp = rtsp or (name == "public" and "DESCRIBE" in line) or (name == "server" and "rtsp" in line.lower())
    if not telling:
        return None
    return "rtsp" if rtsp else "http"


_PAGE_START = re.compile(r"(?is)\A\ufeff?\s{0,64}(?:<\?xml[^>]{0,200}\?>\s{0,64})?(?:<!--.{0,400}?-->\s{0,64})?<(?:!doctype\s+html|html)\b")


def pasted_answer(raw: str) -> str | None:
    """What a text recorded as ``other`` is when it is an answer's part pasted alone: ``http`` or ``rtsp`` for
    its header lines (``pasted_headers``), ``page`` for an HTML page (the body of an HTTP answer: ``curl``
    without ``-i``, a browser's saved source), ``sdp`` for a session description (``v=0`` then ``o=``/``s=``
    lines: an RTSP DESCRIBE answer's body); None for anything else."""
    first = raw[:1]
    if first == "v" and raw.startswith("v=0") and ("\no=" in raw[:400] or "\ns=" in raw[:400]):
        return "sdp"
    if first in ("<", "\ufeff", " ", "\n", "\r", "\t") and _PAGE_START.match(raw[:1024]) is not None:
        return "page"
    if first.isalpha():
        return pasted_headers(raw)
    return None


#: An RTMP URL written in a client's text.
_RTMP_URL = re.compile(r"rtmps?://[^\s\"'<>`|\\]{1,300}")
#: A text that is a markup document (a page, an XML answer): its URLs are links and namespaces, not a client's.
_MARKUP_HEAD = re.compile(r"(?i)^\s{0,16}<(?:!doctype|html|\?xml|[a-z][\w:.-]{0,40}[\s>])")


#: A recorded request that names the path or URL a client asked for (``GET /ISAPI/System/deviceInfo [authenticated]``,
#: ``/stw-cgi/system.cgi?...``, ``rtsp://host/path DESCRIBE``): its method (perhaps), then the path or URL.
_REQUEST_TARGET = re.compile(r"^(?:(?:GET|POST|PUT|HEAD|DESCRIBE|OPTIONS|SETUP|PLAY) {1,3})?((?:https?|rtsps?|rtmps?)://[^\s\"'<>`|\\]{1,300}|/[A-Za-z][^\s\"'<>`|\\]{0,300})")


def request_client_url(fields: Fields, request: str, raw: str = "") -> None:
    """The path or URL of a request recorded with an answer no protocol reader took (protocol ``other``: a body
    pasted with the ``GET /path`` its client sent): ``rtsp.client-url`` for an RTSP URL, ``http.client-url`` for a
    path or an HTTP/RTMP URL, as the request of an HTTP exchange recorded by another tool is read. A request
    described in words (``snmpwalk ...``, ``the reporter's log``) names none, nor does one whose answer was recorded
    whole (a status line first: netscan's own probes' way) or says on its first line that the path was not found."""
    head = raw.lstrip()[:200].split("\n", 1)[0]
    if head[:5] in ("HTTP/", "RTSP/") or _REFUSED.search(head) is not None:
        return
    m = _REQUEST_TARGET.match(request.strip()[:400]) if request[:1] in ("G", "P", "H", "D", "O", "S", "/", "h", "r") else None
    if m is None:
        return
    target = m.group(1).rstrip(".,;:)]}'\"")
    if target.startswith("rtsp"):
        if _LOOPBACK_URL.match(target) is None:
            add(fields, "rtsp.client-url", target)
    elif target != "/":
        add(fields, "http.client-url", target)


def text_client_urls(fields: Fields, raw: str) -> None:
    """The URLs a client wrote for the device in a text no protocol reader took (protocol ``other``: a client
    library's or a restreamer's log, a configuration, a message pasted in an issue): its RTSP URLs as
    ``rtsp.client-url`` and its HTTP URLs and request lines as ``http.client-url``, read by the path and API
    conventions (fingerprints/conventions-paths.yaml, conventions-urls.yaml) at their client weight, as the same
    URLs in an HTTP or RTSP exchange's text are. A markup document's URLs are links and namespaces, and an
    answer recorded whole has its own reader (``http_client_urls``): neither is read here."""
    head = raw[:MAX_BODY_CHARS]
    if "://" not in head and " HTTP/1." not in head:
        return
    if head.lstrip()[:5] in ("HTTP/", "RTSP/") or _MARKUP_HEAD.match(head) or pasted_answer(head) is not None:
        return  # (an answer's part pasted alone -- its header lines, a page, an SDP -- holds the device's URLs, not a client's)
    client_urls(fields, "rtsp", head)
    seen: set[str] = set()
    if "http://" in head or "https://" in head or " HTTP/1." in head:
        _logged_http_urls(fields, head, seen, local_only=True)
    if "rtmp://" in head or "rtmps://" in head:  # a stream pulled over RTMP (Reolink's /bcs/channel<n>_main.bcs)
        for m in islice(_RTMP_URL.finditer(head), MAX_CLIENT_URLS):
            u = m.group(0).rstrip(".,;:)]}'\"")
            if u not in seen and _LOCAL_HOST_URL.match(u) is not None:
                seen.add(u)
                add(fields, "http.client-url", u)


def rtsp_fields(raw: str, request: str = "") -> Fields:
    """Fields of an RTSP exchange."""
    try:
        msg = parse_fragment(raw, "RTSP")
    except Unreadable as exc:
        return {"rtsp.unreadable": [str(exc)]}
    fields = message_fields(msg, "rtsp")
    fragment_fields(fields, "rtsp", raw)
    if raw[:5] not in ("HTTP/", "RTSP/"):  # other tools' recordings (netscan/parsers/toolout.py)
        toolout_fields(fields, "rtsp", raw, tables="rtsp.sdp.session" not in fields and "rtsp.sdp.origin" not in fields)
    client_urls(fields, "rtsp", raw)
    if ("rtsp://" in request or "rtsps://" in request) and raw.lstrip()[:5] not in ("HTTP/", "RTSP/"):
        # another tool's record (a log, a fragment): its request line holds the URL the client's user configured;
        # the request of an answer recorded whole is not taken (a restreamer serves any path name)
        client_urls(fields, "rtsp", request)
    if msg.shape == "value":
        value_header(fields, "rtsp", request.strip().lower(), msg.body)
    logged_challenge(fields, "rtsp")
    if request:
        add(fields, "rtsp.method", request.split()[0] if request.split() else "")
    return fields
