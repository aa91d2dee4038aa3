"""Recordings whose text is not the device's text as it was sent, undone before any parser reads them
(docs/observations.md "Shapes of raw", "Encoded recordings"). Each is recognised by its layout, never by
the device it names:

- hex dumps of the bytes: ``xxd`` (``00000000: 4854 5450 2f31 ...  HTTP/1...``), ``hexdump -C`` /
  ``od``-like (``00000000  48 54 54 50 ...  |HTTP/1.1 ...|``), Wireshark's "Copy as Hex Dump"
  (``0000   48 54 54 50 ...   HTTP/1.1 ...``), ``tcpdump -X``/``-xx`` (``\\t0x0000:  4854 5450 ...``) and
  GLib's ``gst_util_dump_mem`` (``00000000 (0x7f...): 76 3d 30 ...``): each run of dump lines with
  increasing offsets becomes the bytes it shows; a packet's Ethernet, IPv4 and TCP/UDP headers (a
  whole frame copied from Wireshark or tcpdump) are cut so the payload is read; a byte masked as ``XX``
  in the hex column (an identifier hidden before posting) reads as ``X``;
- GStreamer's RTSP message dumps (``gst_rtsp_message_dump``, printed by ``rtspsrc debug=true`` and
  gst-rtsp-server: ``RTSP response message 0x...`` / `` status line:`` / ``   code:   '401'`` /
  `` headers:`` / ``   key: 'Server', value: '...'`` / `` body: length N`` and a dump of the body):
  the message as it was on the wire (status line, header lines, body); requests stay requests (the
  HTTP/RTSP parsers do not read them as answers);
- text saved as UTF-16 (PowerShell 5's ``>`` and ``Out-File`` write UTF-16LE with a byte-order mark;
  every second byte of ASCII text zero): decoded;
- Wireshark's other "Copy Bytes" forms of a packet (Wireshark ui/qt: ByteViewTab::copyEscapedString, the packet
  bytes dialog ShowPacketBytesDialog): "as Escaped String" (``"\\x52\\x54..." \\``, sixteen bytes a line), "as C Array"
  (``char packet_bytes[] = {`` / ``0x52, 0x54, ...`` / ``};``, also the Rust array ``let packet_bytes:
  [u8; _] = [``) and "as Hex Stream" (one token of hex digits, at least 24 bytes): the bytes, as text
  when they are text with the look below (a frame's headers cut), or, for the escaped string and the
  arrays, ``b64:`` and the bytes of a binary packet;
- a message a program keeps as string literals, one a line (a library's test mock or fixture:
  TypeScript's ``'HTTP/1.1 200 OK\\r\\n' +`` lines below ``export const X =``, Python's adjacent
  ``b"..."`` literals, Java's ``"..." +``, C's adjacent literals, a list's ``"...",``): the literals'
  escapes undone and joined, when at least two hold written-out line ends and the whole starts as a
  message, markup, JSON or ``key=value`` lines;
- a stream Wireshark's "Follow Stream" saved as C arrays (``char peer1_0[] = { /* Packet 6 */`` and
  ``0x52, 0x54, ...`` lines) or as YAML (``peers:``, ``packets:``, each with ``peer: N`` and ``data:
  !!binary |`` base64 lines; ui/qt/follow_stream_dialog.cpp): the server's bytes (peer 1), in order;
- an object's members cut out of a pretty-printed JSON document, without its braces (one or more
  ``"model": "HS110(EU)",`` lines pasted from an issue or a fixture): the members in braces, when that
  parses as one JSON object (a line of a deeper nesting alone does not);
- a whole text in standard base64 (a body a tool printed encoded) or percent-encoded
  (``HTTP%2F1.1%20401...``, ``%3C%3Fxml...``), when the decoded text is text and has the look of
  a message, markup, JSON or ``key=value`` lines.

``unwrap(raw)`` returns the recovered text (or ``b64:`` bytes when a dump shows a binary packet), or
None when ``raw`` is none of these. Bounded: at most ``MAX_UNWRAP_CHARS`` characters and
``MAX_UNWRAP_LINES`` lines are read; patterns are anchored and made of bounded classes.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from urllib.parse import unquote

from netscan.parsers._util import DECODED_LOOK, add, xml_salvage
from netscan.parsers.literals import raw_literal

MAX_UNWRAP_CHARS = 256 * 1024
MAX_UNWRAP_LINES = 8000
#: Fewest dump lines in a run read as a dump (one line of hex digits may be anything).
MIN_DUMP_LINES = 2

# ------------------------------------------------------------------ hex dumps

#: The offset column of a dump line: ``0x0000:`` (tcpdump), ``00000000:`` (xxd), ``00000000`` (hexdump
#: -C, Wireshark's 4-digit ``0000``), ``00000000 (0x7f8b1c00a8f0):`` (gst_util_dump_mem).
_OFFSET = re.compile(r"^[ \t]{0,8}(?:0x)?([0-9A-Fa-f]{4,8})(?: \(0x[0-9A-Fa-f]{1,16}\))?:?[ \t]{1,4}(?=[0-9A-Fa-f]{2}|(?:XX|xx)[ \t])")
#: The same offset behind a log line's prefix (GStreamer's GST_MEMDUMP lines, a logger's hexdump):
#: after a blank, ``]``, ``>`` or ``|``, within the line's first ``MAX_DUMP_PREFIX`` characters.
_OFFSET_IN = re.compile(r"(?<=[ \t\]>|])(?:0x)?([0-9A-Fa-f]{4,8})(?: \(0x[0-9A-Fa-f]{1,16}\))?:?[ \t]{1,4}(?=[0-9A-Fa-f]{2}(?:[0-9A-Fa-f]{2})?[ \t])")
MAX_DUMP_PREFIX = 160
_BYTE = re.compile(r"[0-9A-Fa-f]{2}")
#: A byte the publisher masked in the hex column (``XX``: an address, a serial, a MAC hidden before posting; the
#: ASCII column shows ``X`` there): read as the byte ``X`` so the offsets, the lengths around it and the rest of
#: the packet stay as they were (wue-iot-note's discovery dumps mask identifiers this way).
MASKED_BYTE = b"X"


def _dump_line(line: str) -> tuple[int, bytes] | None:
    """(offset, bytes) of one hex-dump line, or None. Hex groups of 2 or 4 digits separated by one
    blank (two after the eighth byte: hexdump -C); a wider gap ends the hex column (the ASCII column
    follows it)."""
    m = _OFFSET.match(line)
    if m is None:
        m = _OFFSET_IN.search(line, 1, MAX_DUMP_PREFIX) if len(line) > 24 else None
        if m is None:
            return None
    pos = m.end()
    out = bytearray()
    n = len(line)
    while pos < n and len(out) < 32:
        end = pos
        while end < n and end - pos < 8 and line[end] in "0123456789abcdefABCDEF":
            end += 1
        width = end - pos
        masked = width == 0 and line[pos : pos + 2] in ("XX", "xx") and (pos + 2 == n or line[pos + 2].isspace())
        if masked:
            end, width = pos + 2, 2
        if width not in (2, 4, 8) or (end < n and not line[end].isspace()):
            break
        out.extend(MASKED_BYTE if masked else bytes.fromhex(line[pos:end]))
        gap = end
        while gap < n and line[gap] == " " and gap - end < 4:
            gap += 1
        if gap - end >= 2 and not (len(out) == 8 and gap - end == 2):
            break  # the ASCII column (or the line's end) follows
        if gap == end:
            break
        pos = gap
    if not out:
        return None
    return int(m.group(1), 16), bytes(out)


def _strip_frame(data: bytes) -> bytes:
    """A captured frame's payload: Ethernet II (IPv4 ethertype), IPv4 and TCP/UDP headers cut when
    they are there and consistent (the IPv4 total length fits the bytes)."""
    b = data
    if len(b) >= 34 and b[12:14] == b"\x08\x00" and b[14] >> 4 == 4:
        b = b[14:]
    if len(b) >= 20 and b[0] >> 4 == 4 and 5 <= (b[0] & 15) <= 15:
        ihl = (b[0] & 15) * 4
        total = int.from_bytes(b[2:4], "big")
        if ihl <= total <= len(b) + 4 and len(b) >= ihl + 8:
            if b[9] == 6 and len(b) >= ihl + 20:
                off = ihl + (b[ihl + 12] >> 4) * 4
                return b[off:total] if off <= total else data
            if b[9] == 17:
                return b[ihl + 8 : total]
    return data


def _text_of(data: bytes) -> str | None:
    """``data`` as text when it is text (UTF-8, else Latin-1 with few control bytes), else None."""
    if not data:
        return ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    return text if controls * 50 <= len(text) else None


def _dump_runs(lines: list[str]) -> list[tuple[int, int, list[bytes]]]:
    """Runs of consecutive dump lines as (first line, end line, [packet bytes...]): a run's offsets
    increase by each line's byte count; an offset back at zero starts the next packet."""
    runs: list[tuple[int, int, list[bytes]]] = []
    i = 0
    n = len(lines)
    while i < n:
        first = _dump_line(lines[i]) if "0000" in lines[i][:MAX_DUMP_PREFIX + 8] else None  # (a run starts at offset zero)
        if first is None:
            i += 1
            continue
        start = i
        packets = [bytearray(first[1])]
        expect = first[0] + len(first[1])
        count = 1
        continued = 0  # lines that carry on a packet at the offset the bytes before them reached
        j = i + 1
        while j < n:
            d = _dump_line(lines[j])
            if d is None:
                break
            off, data = d
            if off == expect:
                packets[-1].extend(data)
                continued += 1
            elif off == 0:
                packets.append(bytearray(data))
            else:
                break
            expect = off + len(data)
            count += 1
            j += 1
        if count >= MIN_DUMP_LINES and continued and first[0] == 0:
            runs.append((start, j, [bytes(p) for p in packets]))
        i = j
    return runs


# ------------------------------------------------------------------ GStreamer RTSP message dumps

_GST_HEAD = re.compile(r"^[ \t]{0,4}(RTSP|HTTP) (request|response) message 0x[0-9a-fA-F]{1,16}[ \t]*$")
_GST_ITEM = re.compile(r"^[ \t]{1,8}(method|uri|code|reason|version):[ \t]{0,8}'(.{0,2000})'[ \t]*$")
_GST_HEADER = re.compile(r"^[ \t]{1,8}key: '([^'\r\n]{1,100})', value: '(.{0,4000})'[ \t]*$")
_GST_BODY = re.compile(r"^[ \t]{0,4}body:(?: length \d{1,9})?[ \t]*$")
MAX_GST_MESSAGES = 32


def _gst_messages(lines: list[str], dumps: dict[int, tuple[int, list[bytes]]]) -> list[tuple[int, int, str]] | None:
    """(first line, end line, wire text) of each GStreamer RTSP message dump; None when there is none."""
    out: list[tuple[int, int, str]] = []
    i = 0
    n = len(lines)
    while i < n and len(out) < MAX_GST_MESSAGES:
        h = _GST_HEAD.match(lines[i]) if "message 0x" in lines[i] else None
        if h is None:
            i += 1
            continue
        proto, kind = h.group(1), h.group(2)
        items: dict[str, str] = {}
        headers: list[str] = []
        body = ""
        j = i + 1
        while j < n and j - i < 200:
            ln = lines[j]
            if (m := _GST_ITEM.match(ln)) is not None:
                items.setdefault(m.group(1), m.group(2))
            elif (k := _GST_HEADER.match(ln)) is not None:
                headers.append(f"{k.group(1)}: {k.group(2)}")
            elif _GST_BODY.match(ln) is not None:
                j += 1
                if j in dumps:
                    end, packets = dumps[j]
                    body = "".join(_text_of(p) or "" for p in packets)
                    j = end
                break
            elif ln.strip() not in ("status line:", "request line:", "headers:"):
                break
            j += 1
        version = items.get("version", "1.0").strip() or "1.0"
        if kind == "response" and items.get("code", "").isdigit():
            start = f"{proto}/{version} {items['code']} {items.get('reason', '')}".rstrip()
        elif kind == "request" and items.get("method") and items.get("uri"):
            start = f"{items['method']} {items['uri']} {proto}/{version}"
        else:
            i = j
            continue
        out.append((i, j, "\r\n".join([start, *headers]) + "\r\n\r\n" + body))
        i = j
    return out or None


# ------------------------------------------------------------------ UTF-16, base64, percent-encoding


def _utf16(raw: str) -> str | None:
    """Text saved as UTF-16 (every second character NUL, a byte-order mark perhaps) decoded."""
    head = raw[:512]
    if "\x00" not in head or len(head) < 8:
        return None
    body = head[2:] if head[:2] in ("\xff\xfe", "\xfe\xff") else head[1:] if head[:1] == "\ufeff" else head
    le = body[1::2]
    be = body[0::2]
    for zeros, order, bom in ((le, "utf-16-le", "\xff\xfe"), (be, "utf-16-be", "\xfe\xff")):
        if zeros.count("\x00") * 10 >= len(zeros) * 9:
            data = raw[:MAX_UNWRAP_CHARS].encode("latin-1", "replace")
            if data[:2] == bom.encode("latin-1"):
                data = data[2:]
            text = data[: len(data) // 2 * 2].decode(order, "replace")
            return _text_of(text.encode("utf-8"))
    return None


_B64_TEXT = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
#: Base64 as tools print it: one line, or lines wrapped at a fixed width.
_B64_LINES = re.compile(r"[A-Za-z0-9+/=\r\n]{16,}")
#: The first line of a dump: an offset of zero.
_DUMP_TELL = re.compile(r"(?:^|[ \t\]>|])(?:0x)?0000(?:0000)?(?: \(0x[0-9a-fA-F]{1,16}\))?:?[ \t]{1,4}[0-9A-Fa-f]{2}(?:[0-9A-Fa-f]{2})?[ \t]", re.M)


def dump_tell(head: str) -> bool:
    """True when ``head`` holds the first line of a hex dump (``_DUMP_TELL``: a dump starts at offset
    zero). The zeros of that offset are followed by a blank, a tab or a colon: those substrings are
    looked for first (most texts have none), and only then is the pattern searched."""
    return ("0000 " in head or "0000:" in head or "0000\t" in head) and _DUMP_TELL.search(head) is not None


def _base64(raw: str) -> str | None:
    t = "".join(raw[:MAX_UNWRAP_CHARS].split())
    if len(t) < 24 or len(t) % 4 or _B64_TEXT.fullmatch(t) is None:
        return None
    try:
        data = base64.b64decode(t, validate=True)
    except (binascii.Error, ValueError):
        return None
    text = _text_of(data)
    return text if text and DECODED_LOOK.match(text) is not None and "\ufffd" not in text else None


_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def _percent(raw: str) -> str | None:
    t = raw.strip()
    if len(t) < 12 or any(c.isspace() for c in t[:4096]) or len(_PERCENT.findall(t, 0, 4096)) < 3:
        return None
    text = unquote(t[:MAX_UNWRAP_CHARS])
    if DECODED_LOOK.match(text) is None or ("\n" not in text and "<" not in text and "{" not in text):
        return None
    # "replace": a lone surrogate (an observation file's JSON can spell one) must not make the answer unreadable
    return _text_of(text.encode("utf-8", "replace"))


# ------------------------------------------------------------------ markup escaped as \\u003c, markup inside JSON strings

#: ``\u003c`` / ``\u003e`` / ``\u0026``: Go's encoding/json escapes ``<``, ``>`` and ``&`` in every string
#: (HTML-safe by default), so a Go program's log of a JSON value holding XML shows its markup so.
_GO_MARKUP = re.compile(r"\\u00(3[cCeE]|26)")
_U_ESCAPE = re.compile(r"\\u00([2-7][0-9a-fA-F])")


def _go_escaped_markup(raw: str) -> str | None:
    """Text whose markup is written ``\\u003c...\\u003e`` outside a JSON document: the escapes of
    printable ASCII undone (a JSON document is left to the JSON parser, which undoes them itself)."""
    if raw.lstrip()[:1] in ("{", "[") or len(_GO_MARKUP.findall(raw, 0, 65536)) < 4:
        return None
    return _U_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw[:MAX_UNWRAP_CHARS])


#: JSON leaves read for markup, most per response.
MAX_MARKUP_LEAVES = 16


def markup_in_json_leaves(fields: dict[str, list[str]]) -> None:
    """XML held as a JSON string (``"body": "<DeviceInfo><model>X</model>..."``: a client's record of
    an answer, a diagnostics export; a value starting with ``<``, an HTML page excepted): its text-only
    elements as ``<proto>.xml.<name>``, as for XML cut from a body (``xml_salvage``)."""
    found = [(name, v) for name, values in fields.items() for v in values[:2]
             if v[:1] == "<" and ".json." in name and "</" in v and v[:5].lower() not in ("<html", "<!doc")]
    for name, v in found[:MAX_MARKUP_LEAVES]:
        proto = name.split(".", 1)[0]
        for element, text in xml_salvage(v):
            add(fields, f"{proto}.xml.{element}", text)


# ------------------------------------------------------------------ HTML-escaped text

#: Character references of markup and quotes (``&quot;``, ``&lt;``, ``&#34;``, ``&#x3C;``...).
_ENTITY = re.compile(r"&(?:quot|lt|gt|amp|apos|#\d{2,3}|#[xX][0-9a-fA-F]{2});")
#: Fewest references in a text read as HTML-escaped.
MIN_ENTITIES = 4


def _html_escaped(raw: str) -> str | None:
    """A JSON document or XML a page showed HTML-escaped whole (``{&quot;model&quot;: ...}``,
    ``&lt;model&gt;X&lt;/model&gt;``): unescaped, when it holds at least ``MIN_ENTITIES`` references,
    is not itself an HTML page (whose own markup would be changed) and starts as a document."""
    head = raw[:4096]
    low = head.lower()
    if "<html" in low or "<!doctype" in low or "<body" in low or len(_ENTITY.findall(head)) < MIN_ENTITIES:
        return None
    if '"' in head and "&quot;" in head:
        return None  # real quotes beside escaped ones: a page's attribute values, not an escaped document
    text = html.unescape(raw[:MAX_UNWRAP_CHARS])
    # a document escaped whole; escaped markup inside other text is read element by element (toolout)
    return text if text.lstrip()[:1] in ("<", "{", "[") else None


# ------------------------------------------------------------------ all of them


# ------------------------------------------------------------------ Wireshark's "Copy Bytes as ..." forms

#: "as Escaped String": quoted runs of ``\xNN`` escapes, each line but the last ending in `` \``.
_ESCAPED_LINE = re.compile(r'^[ \t]{0,8}"((?:\\x[0-9a-fA-F]{2}){1,64})"[ \t]{0,4}\\?[ \t]{0,4}$')
#: "as C Array" / the Rust array: the opening line, then ``0xNN`` items separated by commas.
_ARRAY_OPEN = re.compile(r"^[ \t]{0,8}(?:(?:static |const |unsigned |signed )?(?:char|u?int8_t|uint8_t|unsigned char) [A-Za-z_][A-Za-z0-9_]{0,40}\[\d{0,6}\] = \{|let [A-Za-z_][A-Za-z0-9_]{0,40}: \[u8; [_0-9]{1,6}\] = \[)[ \t]*$")
_ARRAY_ITEMS = re.compile(r"^[ \t]{0,16}((?:0x[0-9a-fA-F]{2}, ?){0,63}0x[0-9a-fA-F]{2}),?[ \t]*$")
_ARRAY_CLOSE = re.compile(r"^[ \t]{0,8}[}\]];?[ \t]*$")
_HEX_STREAM = re.compile(r"(?:[0-9a-fA-F]{2}){24,}")
#: Most bytes read from one literal.
MAX_LITERAL_BYTES = 64 * 1024


def _literal_bytes(raw: str) -> tuple[bytes, bool] | None:
    """The bytes of a text that is only one of Wireshark's byte literals, and whether the form spells
    out its bytes (an escaped string or an array: a binary packet may be given as ``b64:``)."""
    text = raw[: MAX_LITERAL_BYTES * 6].strip()
    lines = [ln.rstrip("\r") for ln in text.split("\n", MAX_UNWRAP_LINES)[:MAX_UNWRAP_LINES] if ln.strip()]
    if not lines:
        return None
    if lines[0].lstrip().startswith('"\\x'):
        parts = [_ESCAPED_LINE.match(ln) for ln in lines]
        if all(m is not None for m in parts):
            hexes = "".join(m.group(1) for m in parts if m is not None).replace("\\x", "")
            return bytes.fromhex(hexes)[:MAX_LITERAL_BYTES], True
        return None
    if _ARRAY_OPEN.match(lines[0]) is not None and len(lines) >= 3 and _ARRAY_CLOSE.match(lines[-1]) is not None:
        items = [_ARRAY_ITEMS.match(ln) for ln in lines[1:-1]]
        if all(m is not None for m in items):
            hexes = "".join(b[2:4] for m in items if m is not None for b in m.group(1).replace(" ", "").split(","))
            return bytes.fromhex(hexes)[:MAX_LITERAL_BYTES], True
        return None
    if len(lines) == 1 and len(text) % 2 == 0 and _HEX_STREAM.fullmatch(text) is not None:
        return bytes.fromhex(text)[:MAX_LITERAL_BYTES], False
    return None


def _byte_literal(raw: str) -> str | None:
    """The text (or ``b64:`` bytes) of a packet copied as one of Wireshark's byte literals, or None."""
    found = _literal_bytes(raw)
    if found is None:
        return None
    data, spelled = found
    payload = _strip_frame(data)
    text = _text_of(payload)
    if text is not None and text.strip() and DECODED_LOOK.match(text) is not None:
        return text
    if spelled and text is None:
        return "b64:" + base64.b64encode(payload).decode("ascii")
    return None



# ------------------------------------------------------------------ Wireshark's "Follow Stream" saved as C arrays or YAML

#: The head of one packet's array (ui/qt/follow_stream_dialog.cpp SHOW_CARRAY): peer 1 is the server.
_FOLLOW_ARRAY = re.compile(r"^char peer([01])_\d{1,9}\[\] = \{ /\* Packet \d{1,12} \*/[ \t]*$")
_FOLLOW_ITEMS = re.compile(r"^[ \t]{0,8}((?:0x[0-9a-fA-F]{2}, ?){0,15}0x[0-9a-fA-F]{2})(,| ?\};)?[ \t]*$")
#: The YAML form (SHOW_YAML): ``packets:`` entries with ``peer: N`` and ``data: !!binary |`` then base64 lines.
_FOLLOW_PEER = re.compile(r"^ {4}peer: ([01])[ \t]*$")
_FOLLOW_B64 = re.compile(r"^ {6}([A-Za-z0-9+/=]{1,200})[ \t]*$")


def _follow_stream(raw: str) -> str | None:
    """The server's bytes of a TCP/UDP stream Wireshark's "Follow Stream" saved as C arrays or as YAML
    (each packet tagged with its peer: 0 the client, 1 the server), as text (or ``b64:`` bytes)."""
    lines = [ln.rstrip("\r") for ln in raw[: MAX_LITERAL_BYTES * 6].split("\n", MAX_UNWRAP_LINES)[:MAX_UNWRAP_LINES]]
    server = bytearray()
    found = False
    peer: str | None = None
    if "peers:" in raw[:200] and "packets:" in raw:
        data: list[str] = []
        for ln in [*lines, "  - packet: end"]:
            p = _FOLLOW_PEER.match(ln)
            b = _FOLLOW_B64.match(ln) if p is None else None
            if p is not None:
                peer = p.group(1)
            elif b is not None and peer is not None:
                data.append(b.group(1))
            elif ln.startswith("  - packet:"):
                if peer == "1" and data:
                    try:
                        server += base64.b64decode("".join(data), validate=True)
                    except (binascii.Error, ValueError):
                        return None
                found = found or peer is not None
                peer, data = None, []
            if len(server) > MAX_LITERAL_BYTES:
                break
    else:
        open_array = False
        for ln in lines:
            head = _FOLLOW_ARRAY.match(ln)
            if head is not None:
                peer, open_array, found = head.group(1), True, True
                continue
            items = _FOLLOW_ITEMS.match(ln) if open_array else None
            if items is None:
                if ln.strip():
                    return None  # other text: not a saved stream
                continue
            if peer == "1":
                server += bytes.fromhex("".join(x.strip()[2:4] for x in items.group(1).split(",")))
            open_array = items.group(2) != " };" and items.group(2) != "};"
            if len(server) > MAX_LITERAL_BYTES:
                break
    if not found or not server:
        return None
    text = _text_of(bytes(server[:MAX_LITERAL_BYTES]))
    if text is None:
        return "b64:" + base64.b64encode(bytes(server[:MAX_LITERAL_BYTES])).decode("ascii")
    return text if DECODED_LOOK.match(text) is not None else None



# ------------------------------------------------------------------ a message kept as string literals in source code

#: One line of a message a program keeps as string literals (a test mock, a fixture: TypeScript's
#: ``'HTTP/1.1 200 OK\\r\\n' +``, Python's adjacent ``b"Server: X\\r\\n"``, Java's ``"..." +``, C's
#: adjacent literals, a list's ``"...",``): one quoted literal, a joining ``+`` before or after it, a
#: comma, a line continuation or a statement's end after it.
_SRC_LITERAL = re.compile(
    r"""^[ \t]{0,40}(?:\+[ \t]{0,4})?(?:[bBuUrR]{0,2})(['"`])((?:[^'"`\\\r\n]|\\.|(?!\1)['"`]){0,4000})\1[ \t]{0,4}(?:\+|,|\\|;|\)|\);|\)\)|\]|\],)?[ \t]{0,4}$""")
#: The head of the statement that holds the literals (``export const MSEARCH = ``, ``msg = (``,
#: ``static const char *reply =``), the first literal perhaps on the same line.
_SRC_HEAD = re.compile(r"^[ \t]{0,8}[A-Za-z_$][\w$ .*:<>\[\]-]{0,120}?[ \t]{0,4}(?:=|:|\(|return)[ \t]{0,4}[(\[{]?[ \t]{0,4}")
_SRC_CLOSE = re.compile(r"^[ \t]{0,8}[)\]};,]{1,4}[ \t]*$")
_SRC_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)", re.S)
_SRC_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "0": "\x00", "\\": "\\", "'": "'", '"': '"', "`": "`"}


def _src_unescape(m: re.Match[str]) -> str:
    e = m.group(1)
    if e[0] in "xu" and len(e) > 1:
        return chr(int(e[1:], 16))
    if e.isdigit() and len(e) > 1:
        return chr(int(e, 8) & 0xFF)
    return _SRC_SIMPLE.get(e, e)


def _source_literals(raw: str) -> str | None:
    """The message of a text made only of string literals in source code (module docstring), their
    escapes undone and joined; None unless at least two literals hold written-out line ends and the
    joined text starts as a message, markup, JSON or ``key=value`` / ``Key: value`` lines."""
    lines = [ln.rstrip("\r") for ln in raw[:MAX_UNWRAP_CHARS].split("\n", MAX_UNWRAP_LINES)[:MAX_UNWRAP_LINES]]
    lines = [ln for ln in lines if ln.strip() and not ln.strip().startswith(("```", "//", "#"))]
    if len(lines) < 2:
        return None
    parts: list[str] = []
    for n, ln in enumerate(lines):
        m = _SRC_LITERAL.match(ln)
        if m is None and n == 0:
            head = _SRC_HEAD.match(ln)
            if head is not None:
                rest = ln[head.end() :]
                m = _SRC_LITERAL.match(rest) if rest.strip() else None
                if m is None and rest.strip():
                    return None
                if m is None:
                    continue
        if m is None:
            if n == len(lines) - 1 and _SRC_CLOSE.match(ln) is not None:
                break
            return None
        parts.append(m.group(2))
    if len(parts) < 2 or sum(1 for p in parts if "\\n" in p or "\\r" in p) < 2:
        return None
    text = _SRC_ESCAPE.sub(_src_unescape, "".join(parts))
    return text if DECODED_LOOK.match(text) is not None else None



#: the first line of JSON object members without their braces: a quoted key, a colon, a value's start
_MEMBER_START = re.compile(r'"[^"\\\n]{1,80}"[ \t]*:[ \t]*(?:["{\[\-0-9]|true\b|false\b|null\b)')


def _json_members(raw: str) -> str | None:
    """``"key": value,`` lines (an object's members pasted without its braces) as the JSON object they
    are part of, when they parse as one; None otherwise."""
    text = raw[:MAX_UNWRAP_CHARS].strip().rstrip(",")
    candidate = "{" + text + "}"
    try:
        parsed = json.loads(candidate)
    except ValueError:
        return None
    return candidate if isinstance(parsed, dict) and parsed else None


def unwrap(raw: str) -> str | None:
    """The device's text of a recording that is encoded or dumped (module docstring), or None.
    A dump of one binary packet and nothing else gives ``b64:`` and its bytes (the packet parsers
    read that form)."""
    if not raw or raw.startswith("b64:"):
        return None
    head = raw[:4096]
    if "\x00" in head:
        return _utf16(raw)
    stripped = head.strip()
    if not stripped:
        return None
    if "&" in head and ";" in head:
        escaped = _html_escaped(raw)
        if escaped is not None:
            return escaped
    if ("\\n" in head or "\\r" in head) and ("'" in head or '"' in head or "`" in head):
        literals = _source_literals(raw)
        if literals is not None:
            return literals
    if "`" in head or '"""' in head or "'''" in head or 'r#"' in head or 'R"' in head or '@"' in head or "<<" in head:
        literal_text = raw_literal(raw)  # one multi-line literal of a source declaration (netscan/parsers/literals.py)
        if literal_text is not None:
            return literal_text
    if stripped.startswith(("char peer0_", "char peer1_", "peers:")):
        followed = _follow_stream(raw)
        if followed is not None:
            return followed
    if stripped[:1] == '"' and _MEMBER_START.match(stripped) is not None:
        members = _json_members(raw)
        if members is not None:
            return members
    if ("\\x" in head and stripped.startswith('"')) or ("0x" in head and ("[] = {" in head or "[u8; " in head)) or (
            " " not in stripped and len(stripped) >= 48 and stripped[:48].isalnum()):
        literal = _byte_literal(raw)
        if literal is not None:
            return literal
    if " " not in stripped and "\t" not in stripped:
        if "%" in stripped:
            return _percent(raw) if "\n" not in stripped else None
        return _base64(raw) if _B64_LINES.fullmatch(stripped) is not None else None
    if "\\u00" in head:
        go = _go_escaped_markup(raw)
        if go is not None:
            return go
    text = raw[:MAX_UNWRAP_CHARS]
    hexy = dump_tell(head)
    if not hexy and "message 0x" not in head:
        return None
    lines = text.split("\n", MAX_UNWRAP_LINES)[:MAX_UNWRAP_LINES]
    lines = [ln.rstrip("\r") for ln in lines]
    runs = _dump_runs(lines) if hexy else []
    dumps = {start: (end, packets) for start, end, packets in runs}
    gst = _gst_messages(lines, dumps) if "message 0x" in head else None
    if not runs and gst is None:
        return None
    replaced: dict[int, tuple[int, str]] = {}
    for start, end, wire in gst or ():
        replaced[start] = (end, wire)
    covered = {k for s, (e, _) in replaced.items() for k in range(s, e)}
    only_dump = len(runs) == 1 and gst is None and all(not ln.strip() for k, ln in enumerate(lines) if not runs[0][0] <= k < runs[0][1])
    for start, end, packets in runs:
        if start in covered:
            continue
        payloads = [_strip_frame(p) for p in packets]
        texts = [_text_of(p) for p in payloads]
        if any(t is None for t in texts):
            if only_dump:
                return "b64:" + base64.b64encode(b"".join(payloads)).decode("ascii")
            continue  # a binary packet inside other text: left as it is
        replaced[start] = (end, "".join(t or "" for t in texts))
    if not replaced:
        return None
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replaced:
            end, wire = replaced[i]
            out.append(wire)
            i = end
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


# ------------------------------------------------------------------ one document member re-printed flat

#: gron's assignment line (tomnomnom/gron: ``json.device_info.basic_info.device_model = "C210";``): the
#: root ``json``, the path (``.name`` or ``["name"]`` or ``[0]`` steps), `` = ``, a JSON value, ``;``.
_GRON_LINE = re.compile(r'json((?:\.[A-Za-z_$][\w$-]{0,80}|\[\d{1,4}\]|\["[^"\\\n]{1,80}"\]){1,16}) = (.{1,600});')
_GRON_STEP = re.compile(r'\.([A-Za-z_$][\w$-]{0,80})|\[(\d{1,4})\]|\["([^"\\\n]{1,80})"\]')
#: a flattened path and its value on one line (``device_info.basic_info.device_model = C210``: the
#: ``a.b = v`` of JSON flatten helpers): two or more dotted names, ``=`` or ``:``, the value.
_DOTTED_LINE = re.compile(r"([A-Za-z_][\w-]{0,80}(?:\[\d{1,4}\])?(?:\.[A-Za-z_][\w-]{0,80}(?:\[\d{1,4}\])?){0,15})[ \t]{0,4}(?:=|:(?=[ \t]))[ \t]{0,4}(\S.{0,600})")
#: one YAML mapping line (``device_model: C210``: a line of ipctool's or a diagnostics print) or one
#: two-cell table row (``| device_model | C210 |``, a row pasted from an issue's table)
_YAML_LINE = re.compile(r"([A-Za-z_][\w-]{0,80}):[ \t]{1,4}(\S.{0,600})")
_TABLE_ROW = re.compile(r"\|[ \t]{0,8}`?([A-Za-z_][\w.-]{0,80})`?[ \t]{0,8}\|[ \t]{0,8}(\S[^|]{0,600}?)[ \t]{0,8}\|")
_SCALAR_QUOTED = re.compile(r"""(["'])(.*)\1,?""")
MAX_FLAT_LINES = 400


def _nest(path: list[str | int], value: object, into: dict[str, object]) -> bool:
    """Set ``value`` at ``path`` in ``into`` (list indexes kept as keys: a member of a list's item is
    read as that item's); False when a step collides with a value already set."""
    node: dict[str, object] = into
    for step in path[:-1]:
        key = str(step)
        nxt = node.setdefault(key, {})
        if not isinstance(nxt, dict):
            return False
        node = nxt
    node[str(path[-1])] = value
    return True


def _plain(value: str) -> str:
    q = _SCALAR_QUOTED.fullmatch(value.strip())
    return q.group(2) if q is not None else value.strip().rstrip(",")


def flattened_members(raw: str) -> str | None:
    """A document's members re-printed flat, as the JSON object they stand for, or None: gron's
    assignment lines (every line one), or one line that is a dotted path and its value, a YAML
    ``key: value`` line or a two-cell table row. The members keep their path, so the conventions
    written for the document's member names read them as they read the document."""
    text = raw[:MAX_UNWRAP_CHARS].strip()
    if not text:
        return None
    obj: dict[str, object] = {}
    if text.startswith("json"):
        for line in text.split("\n", MAX_FLAT_LINES)[:MAX_FLAT_LINES]:
            line = line.strip()
            if not line or line.endswith(("= {};", "= [];")):
                continue
            m = _GRON_LINE.fullmatch(line)
            if m is None:
                return None
            try:
                value = json.loads(m.group(2))
            except ValueError:
                return None
            steps: list[str | int] = [s.group(1) or s.group(3) or int(s.group(2)) for s in _GRON_STEP.finditer(m.group(1))]
            if isinstance(value, (dict, list)) or not _nest(steps, value, obj):
                return None
        return json.dumps(obj) if obj else None
    if "\n" in text:
        return None
    for pattern in (_TABLE_ROW, _DOTTED_LINE, _YAML_LINE):
        m = pattern.fullmatch(text)
        if m is not None:
            value = _plain(m.group(2))
            if not value:
                return None
            steps = [s for s in re.split(r"\.|\[(\d{1,4})\]", m.group(1)) if s]
            if not _nest(list(steps), value, obj):
                return None
            return json.dumps(obj)
    return None


#: A UPnP device type (UPnP Device Architecture: ``urn:schemas-upnp-org:device:<type>:<version>``; TR-064's
#: ``urn:dslforum-org:device:...``; a vendor's own domain in the same form).
_UPNP_DEVICE_TYPE = re.compile(r"urn:[A-Za-z0-9][\w.-]{0,40}:device:[A-Za-z][\w-]{0,40}:\d{1,3}")


def upnp_device_type(fields: dict[str, list[str]]) -> None:
    """A member named ``deviceType`` whose value is a UPnP device type URN, pasted without its description (a YAML
    line, a flattened path, a table row, a log line), as that description's ``upnp.deviceType``."""
    if "upnp.deviceType" in fields:
        return
    for key in [k for k in fields if k.endswith(("deviceType", "devicetype", "DeviceType")) and not k.startswith("upnp.")][:8]:
        for value in fields[key][:4]:
            if isinstance(value, str) and _UPNP_DEVICE_TYPE.fullmatch(value.strip()) is not None:
                add(fields, "upnp.deviceType", value.strip())
                return
