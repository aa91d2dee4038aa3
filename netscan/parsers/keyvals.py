"""Values that pasted text states literally but the other readers pass over (docs/observations.md
"Shapes of raw"). Each reader recognises a shape by its layout -- never by the device it names --
and yields the fields the rest of netscan already reads:

- a Python or JSON string literal inside a log line whose text has written-out line ends
  (``Response (...): b'root.Properties.Firmware.Version=5.51.6\\nroot.Properties...'``, as the
  Home Assistant Axis library logs a param.cgi answer): its text, unescaped, read for
  ``key=value`` lines (``<prefix>.kv.<key>``, dotted keys kept) and ``Key: Value`` tables;
- an SDP that is a string value (``"sdp": "v=0\\r\\no=..."`` in go2rtc's stream info, ``'v=0\\n...'``
  quoted by ZoneMinder's debug log), or a JSON/XML leaf whose value is an SDP: ``<prefix>.sdp.*``;
- two-column pipe tables without the outer pipes (``firmware_ver | 4.36.9.139`` under a
  ``-- | --`` separator row, a table pasted into a GitHub comment): every row whose first cell is a
  key is a pair, the header row too (``<prefix>.kv.<key>``);
- ``ngrep`` output (``T 192.168.1.28:554 -> 192.168.1.8:54418 [AP]`` then the payload indented by
  two blanks, wrapped, each non-printable byte -- CR, LF -- printed as ``.``): a payload that starts
  with a status line is the device's answer; it is read as that exchange (``<prefix>.header.*``);
- a firmware section of a copied device page (``Firmware:`` alone on its line, then, perhaps after
  a blank line, ``Version: 1.3.1``): ``<prefix>.kv.FirmwareVersion``;
- a HomeKit accessory database (HAP ``GET /accessories``, as aiohomekit and Home Assistant's
  homekit_controller save it, also cut off): the Accessory Information service (type ``3E``) of the
  first accessory -- the device itself; bridged accessories follow it -- gives its characteristics by
  type (``20`` Manufacturer, ``21`` Model, ``23`` Name, ``30`` SerialNumber, ``52`` FirmwareRevision,
  ``53`` HardwareRevision, short or in the full ``0000xxxx-0000-1000-8000-0026BB765291`` form) as
  ``<prefix>.kv.<Name>``, and the services of that accessory that say what it is (``110`` camera stream
  management, ``121`` doorbell, ``D8`` television...) as ``<prefix>.kv.HAPService``.
- typographic quotes (``var model=“C6N”;`` as a blog typeset it): the quote-delimited readers of
  netscan.parsers.shapes run again on the text with straight quotes;
- a device field quoted in a sentence: a field name in a Markdown code span and its quoted value
  (``the `deviceModel` field is "C6N"``), a code span holding a pair, ``key=value`` / ``key: "value"``
  written in prose: ``<prefix>.kv.<key>`` (never from a JSON document's or object dump's own lines);
- a model-shaped token right before a firmware key and its version on one line
  (``Model IPC_388M, Firmware Version 541_17051800``): ``<prefix>.fwline.token`` (a weak model).

Every reader is capped in characters, lines and pairs; every pattern is a bounded character class or
a fixed word next to one, so a hostile text costs linear time.
"""

from __future__ import annotations

import re

from netscan.parsers._util import MODEL_TOKEN, Fields, Unreadable, add, has_document_fields, model_shaped, parse_loose, unescape
from netscan.parsers.shapes import _TABLE_KEY, norm_key, table_pairs, tool_fields

#: Longest text looked at, most lines, longest line, most pairs kept per reader.
MAX_TEXT = 256 * 1024
MAX_LINES = 2000
MAX_LINE = 8192
MAX_PAIRS = 300
#: Most string literals and SDPs read from one text.
MAX_LITERALS = 16

# ------------------------------------------------------------------ string literals with escaped line ends

#: A Python ``bytes``/``str`` repr or a JSON string on one line: quote, escaped content, the same
#: quote (or the end of the line: a cut-off literal). The content excludes its own quote unescaped.
_LITERAL = re.compile(r"""(?<![\w\\])b?(?:'((?:[^'\\\r\n]|\\.){8,65536})(?:'|$)|"((?:[^"\\\r\n]|\\.){8,65536})(?:"|$))""", re.M)
#: A ``key=value`` line of a decoded payload (CGI parameter lists: ``root.Brand.ProdNbr=M1031-W``).
_KV_LINE = re.compile(r"([A-Za-z][\w.\-\[\]]{0,120})=([^\r\n]{1,256})")


def escaped_payloads(text: str) -> list[str]:
    """The unescaped text of every string literal of ``text`` that holds a written-out line end
    (``\\n``): a multi-line answer logged on one line. Literals that are JSON documents are left
    to the JSON readers."""
    out: list[str] = []
    if "\\n" not in text:
        return out
    for m in _LITERAL.finditer(text, 0, MAX_TEXT):
        body = m.group(1) if m.group(1) is not None else m.group(2)
        if "\\n" not in body:
            continue
        decoded = unescape(body)
        if decoded.lstrip()[:1] in ("{", "["):
            continue
        out.append(decoded)
        if len(out) >= MAX_LITERALS:
            break
    return out


def kv_lines(text: str) -> list[tuple[str, str]]:
    """``key=value`` lines (the whole line one pair), dotted and bracketed keys kept."""
    out: list[tuple[str, str]] = []
    for line in text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]:
        m = _KV_LINE.fullmatch(line[:MAX_LINE].strip())
        if m is not None and m.group(2).strip():
            out.append((m.group(1), m.group(2).strip()))
            if len(out) >= MAX_PAIRS:
                break
    return out


# ------------------------------------------------------------------ an SDP inside a string

#: ``v=0`` right after an opening quote, then a line end (real or written out).
_QUOTED_SDP = re.compile(r"""(["'])v=0(?:\r?\n|\\r\\n|\\n)""")
#: The closing quote of a quoted SDP: the quote at the end of a line, perhaps before a dump's
#: closing brackets and a comma.
_SDP_END = {'"': re.compile(r'(?<!\\)"[,\]})]{0,4}[ \t]*(?:\r?\n|$)'), "'": re.compile(r"(?<!\\)'[,\]})]{0,4}[ \t]*(?:\r?\n|$)")}
_STRING_END = {'"': re.compile(r'(?<!\\)"'), "'": re.compile(r"(?<!\\)'")}
#: Longest SDP read.
MAX_SDP = 16 * 1024


def quoted_sdps(text: str) -> list[str]:
    """Every SDP written as a quoted string in ``text`` (its line ends real or written out),
    unescaped when it was escaped."""
    out: list[str] = []
    if "v=0" not in text:
        return out
    pos = 0
    for _ in range(MAX_LITERALS):
        m = _QUOTED_SDP.search(text, pos, MAX_TEXT)
        if m is None:
            break
        start = m.start() + 1
        # an escaped string ends at its first unescaped quote; a quoted block of real lines (a log's
        # 'v=0\n...') at a quote that ends a line
        ends = _STRING_END if "\\" in m.group(0) else _SDP_END
        end_m = ends[m.group(1)].search(text, start, min(len(text), start + MAX_SDP))
        end = end_m.start() if end_m is not None else min(len(text), start + MAX_SDP)
        body = text[start:end]
        if "\\n" in body:
            body = unescape(body)
        out.append(body.replace("\r\n", "\n"))
        pos = max(end, m.end())
    return out


def sdp_leaves(fields: Fields) -> list[str]:
    """Values of parsed JSON/XML leaves that are an SDP (``{"sdp": "v=0\\r\\n..."}``)."""
    out: list[str] = []
    for name, values in fields.items():
        if ".json." not in name and ".xml." not in name:
            continue
        for v in values[:4]:
            if v.startswith(("v=0\r\n", "v=0\n")):
                out.append(v.replace("\r\n", "\n"))
        if len(out) >= MAX_LITERALS:
            break
    return out


# ------------------------------------------------------------------ pipe tables without outer pipes

#: A Markdown separator row, outer pipes optional: ``-- | --``, ``|---|:---:|``.
_PIPE_SEPARATOR = re.compile(r"\|?[ \t]{0,8}:?-{2,64}:?[ \t]{0,8}(?:\|[ \t]{0,8}:?-{2,64}:?[ \t]{0,8}){1,15}\|?")


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip().strip("*`_ ").strip() for c in s.split("|")]


#: A column name of a table's header row: capitalised words (``Model``, ``Firmware Version``).
_COLUMN_NAME = re.compile(r"[A-Z][A-Za-z]{0,30}(?: [A-Za-z]{1,30}){0,4}")
#: A column name of a wider table's header row: words of two letters or more, any case, perhaps
#: joined by ``_`` (``model``, ``product_model``, ``Firmware Version``, ``IP``); one letter is no name.
_WIDE_COLUMN = re.compile(r"[A-Za-z][A-Za-z_]{1,30}(?: [A-Za-z_()#.]{1,30}){0,4}")
#: The key cell of a separator-less key/value row: one identifier (``firmwareversion``, ``sw_ver``,
#: ``Model``) or a label of two to four capitalised words as a status page prints it (``Firmware Version |
#: 0.1.1``, ``Base Version | V0525.1.276build20201103``: a custom camera firmware's system-information table
#: copied into an issue, https://github.com/roleoroleo/sonoff-hack/issues/79); words in lower case are a sentence's.
_ROW_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,40}|[A-Z][A-Za-z0-9_.-]{0,20}(?: [A-Z][A-Za-z0-9_.-]{0,20}){1,3}")
#: Most columns of a table read.
MAX_COLUMNS = 16


def _unquoted(cell: str) -> str:
    """A cell that is a quoted string (``"Speed 3S"``, ``'2.9.7'``) without its quotes."""
    c = cell.strip()
    return c[1:-1].strip() if len(c) >= 2 and c[0] == c[-1] and c[0] in "\"'" else c


def _header_columns(head: list[str]) -> list[str] | None:
    """The normalised column names of a header row of three or more cells, or None when a cell is no name."""
    if len(head) < 3 or len(head) > MAX_COLUMNS or not all(_WIDE_COLUMN.fullmatch(c) for c in head):
        return None
    return [norm_key(c) for c in head]


def pipe_table_pairs(text: str) -> list[tuple[str, str]]:
    """(normalised key, value) of pipe tables without the outer pipes (tables with them are
    netscan.parsers.shapes.table_pairs'):

    - two columns under a separator row: a header row of column names (capitalised words:
      ``Model | Firmware Version``) names the cells of the rows below; any other header row is the
      first pair of a key/value dump pasted as a table (``audio | true``), and so is every row whose
      first cell is a key;
    - three columns or more under a separator row (``Model | Firmware | IP`` / ``--- | --- | ---``):
      every header cell a column name, each data row's cells under their column's name;
    - no separator row at all: a block of three rows or more, each ``key | value`` with one pipe, the
      key one identifier or a label of two to four capitalised words (a device's values copied from an app:
      ``model | "Speed 3S"``; a status page's ``Firmware Version | 0.1.1``), and at least
      half of the values holding a digit or quoted (prose and shell pipelines have neither shape);
      values lose their quotes."""
    out: list[tuple[str, str]] = []
    lines = text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]
    in_table = False
    columns: list[str] | None = None
    block: list[tuple[str, str, bool]] = []  # separator-less rows: (key, value, digit or quoted)

    def flush() -> None:
        if len(block) >= 3 and sum(1 for *_, tell in block if tell) * 2 >= len(block):
            out.extend((norm_key(k), v) for k, v, _ in block)
        block.clear()

    for i, raw in enumerate(lines):
        line = raw[:MAX_LINE].strip()
        if _PIPE_SEPARATOR.fullmatch(line) is not None:
            if block:
                block.pop()  # the row above is this table's header, not a separator-less pair
            flush()
            n_sep = line.count("|") - line.startswith("|") - line.endswith("|") + 1
            in_table = not line.startswith("|") and i > 0 and not lines[i - 1].strip().startswith("|")
            columns = None
            if in_table:
                head = _cells(lines[i - 1][:MAX_LINE])
                if n_sep >= 3:
                    columns = _header_columns(head) if len(head) == n_sep else None
                    in_table = columns is not None
                elif len(head) != 2 or not head[0] or not head[1]:
                    in_table = False
                elif head[1].lower() in ("value", "values", "details"):
                    pass
                elif _COLUMN_NAME.fullmatch(head[0]) and _COLUMN_NAME.fullmatch(head[1]):
                    columns = [norm_key(head[0]), norm_key(head[1])]
                elif _TABLE_KEY.fullmatch(head[0]):
                    out.append((norm_key(head[0]), head[1]))
            continue
        if "|" not in line:
            in_table = False
            flush()
            continue
        if not in_table:
            if line.count("|") == 1 and not line.startswith("|") and not line.endswith("|"):
                key, _, value = line.partition("|")
                key, value = key.strip(), value.strip()
                if _ROW_KEY.fullmatch(key) and value and len(value) <= 256:
                    tell = any(c.isdigit() for c in value) or (len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'")
                    block.append((key, _unquoted(value), tell))
                    continue
            flush()
            continue
        cells = _cells(line)
        if columns is not None and len(columns) >= 3:
            if len(cells) == len(columns):
                out.extend((name, cell) for name, cell in zip(columns, cells) if name and cell and len(cell) <= 256)
        elif len(cells) != 2 or not cells[0] or not cells[1] or len(cells[1]) > 256:
            continue
        elif columns is not None:
            out.extend((columns[n], cells[n]) for n in (0, 1) if columns[n])
        elif _TABLE_KEY.fullmatch(cells[0]):
            out.append((norm_key(cells[0]), cells[1]))
        if len(out) >= MAX_PAIRS:
            break
    flush()
    return out[:MAX_PAIRS]


# ------------------------------------------------------------------ ngrep

#: ngrep's packet line (ngrep.c dump_packet): protocol letter, ``-t``'s time, source -> destination, TCP
#: flags, the frame count ``#N`` (left out with ``-q``'s single-line form).
_NGREP_PACKET = re.compile(
    r"^[TUI] (?:\d{4}/\d{2}/\d{2} [0-9:.]{8,15} )?[0-9A-Fa-f.:]{3,45}:\d{1,5} -> [0-9A-Fa-f.:]{3,45}:\d{1,5}(?: \[[A-Z]{0,8}\])?(?: #\d{1,10})?[ \t]*$")
#: A status line at the start of a payload.
_NGREP_STATUS = re.compile(r"^(?:HTTP|RTSP)/\d(?:\.\d)? \d{3}[ .]")
#: ``..`` printed for CR LF before the next header name (or the end of the head).
_NGREP_CRLF = re.compile(r"\.\.(?=[A-Za-z][A-Za-z0-9-]{0,60}:|\.\.|$)")
_NGREP_TELL = re.compile(r"(?m)^[TUI] (?:\d{4}/\d{2}/\d{2} [0-9:.]{8,15} )?[0-9A-Fa-f.:]{3,45}:\d{1,5} -> ")
#: Most packets read from one ngrep text.
MAX_PACKETS = 32


def ngrep_answers(text: str) -> list[str]:
    """The device answers of ngrep output: each packet's payload lines joined (ngrep wraps them),
    the ``..`` of each CR LF made a line end again; only payloads that start with a status line."""
    if " -> " not in text:
        return []
    lines = text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]
    out: list[str] = []
    i = 0
    while i < len(lines) and len(out) < MAX_PACKETS:
        if _NGREP_PACKET.match(lines[i].rstrip("\r")) is None:
            i += 1
            continue
        i += 1
        parts: list[str] = []
        while i < len(lines) and lines[i].startswith("  ") and len(parts) < 400:
            parts.append(lines[i][2:].rstrip("\r\n"))
            i += 1
        if not parts and i < len(lines) and _NGREP_STATUS.match(lines[i]):  # -W byline: a line a line, each CR a dot
            while i < len(lines) and lines[i].rstrip("\r") not in ("", ".") and len(parts) < 400:
                line = lines[i].rstrip("\r")
                parts.append(line[:-1] if line.endswith(".") else line)
                i += 1
            out.append("\r\n".join(parts)[: MAX_LINE * 4] + "\r\n\r\n")
            continue
        payload = "".join(parts)
        if _NGREP_STATUS.match(payload):
            out.append(_NGREP_CRLF.sub("\r\n", payload[:MAX_LINE * 4]))
    return out


# ------------------------------------------------------------------ HomeKit accessory databases

#: The HAP base UUID of Apple-defined types (HAP specification, "Service and characteristic types").
_HAP_BASE = "-0000-1000-8000-0026BB765291"
#: Accessory Information characteristics by short type.
_HAP_INFO = {"20": "Manufacturer", "21": "Model", "23": "Name", "30": "SerialNumber", "52": "FirmwareRevision",
             "53": "HardwareRevision"}
#: Services that say what the accessory is (``<prefix>.kv.HAPService``).
_HAP_SERVICES = {"110": "CameraRTPStreamManagement", "121": "Doorbell", "D8": "Television", "43": "Lightbulb",
                 "47": "Outlet", "49": "Switch"}
_HAP_SHORT = re.compile(r"[0-9A-F]{1,8}")
#: Most accessories, services and characteristics looked at.
MAX_HAP_ITEMS = 64


def _hap_type(value: object) -> str | None:
    """A HAP type's short form (``3E``, ``52``) from either form; None for a vendor's own UUID."""
    if not isinstance(value, str):
        return None
    t = value.strip().upper()
    if t.endswith(_HAP_BASE) and len(t) == 36:
        t = t[:8]
    if _HAP_SHORT.fullmatch(t) is None:
        return None
    return t.lstrip("0") or "0"


def hap_accessory_info(text: str) -> list[tuple[str, str]]:
    """(name, value) of the Accessory Information service of the first accessory of a HAP accessory
    database (``[{"aid": 1, "services": [...]}]`` or ``{"accessories": [...]}``, JSON or cut JSON), the whole
    text or after a log line's prefix (HAP-NodeJS's ``attributeDatabase: {"accessories":...}`` debug line)."""
    try:
        doc = parse_loose(text[:MAX_TEXT])
    except Unreadable:  # behind a log line's words (a controller's ``attributeDatabase: {...}``): from its start
        starts = [i for i in (text.find('{"accessories"', 0, MAX_TEXT), text.find('[{"aid"', 0, MAX_TEXT)) if i > 0]
        try:
            doc = parse_loose(text[min(starts) : MAX_TEXT].split("\n", 1)[0]) if starts else None
        except Unreadable:
            return []
    accessories = doc.get("accessories") if isinstance(doc, dict) else doc
    if not isinstance(accessories, list):
        return []
    for acc in accessories[:MAX_HAP_ITEMS]:
        services = acc.get("services") if isinstance(acc, dict) else None
        if not isinstance(services, list):
            continue
        out: list[tuple[str, str]] = []
        kinds: list[tuple[str, str]] = []
        for svc in services[:MAX_HAP_ITEMS]:
            stype = _hap_type(svc.get("type")) if isinstance(svc, dict) else None
            if stype in _HAP_SERVICES and ("HAPService", _HAP_SERVICES[stype]) not in kinds:
                kinds.append(("HAPService", _HAP_SERVICES[stype]))
            if stype != "3E" or not isinstance(svc.get("characteristics"), list):
                continue
            for ch in svc["characteristics"][:MAX_HAP_ITEMS]:
                name = _HAP_INFO.get(_hap_type(ch.get("type")) or "") if isinstance(ch, dict) else None
                value = ch.get("value") if name else None
                if name and isinstance(value, str) and value.strip() and len(value) <= 256:
                    out.append((name, value.strip()))
        if out:
            return out + kinds  # the first accessory that describes itself: the device (bridged ones follow)
    return []


# ------------------------------------------------------------------ a version under a firmware heading

#: Headings of a copied device-information page's firmware section (the words alone on their line,
#: perhaps as a Markdown heading or in bold, perhaps with a colon).
_FIRMWARE_HEADINGS = frozenset({"firmware", "software", "firmware information", "firmware info", "firmware details",
                                "software information", "software info", "system firmware", "device firmware"})
#: ``Version: X`` / ``Ver = X`` / ``- Version: X`` under such a heading.
_SECTION_VERSION = re.compile(r"(?i)(?:[-*] )?(?:version|ver\.?|firmware version|software version)[ \t]{0,4}[:=][ \t]{0,4}(\S[^\r\n]{0,80})")
#: Lines looked at below a heading (blank lines not counted).
SECTION_LINES = 3


def firmware_section_versions(text: str) -> list[str]:
    """The ``Version:`` value of each firmware section of ``text``: a line that is only a firmware
    heading (``Firmware:``, ``## Software``, ``**Firmware**``) and, within the next three non-blank
    lines, a version line (``Version: 1.3.1``) -- a device page's "Firmware" box copied as lines, the
    box's title on its own line and a blank line between (so the table readers see a bare ``Version``)."""
    out: list[str] = []
    lines = text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]
    for i, raw in enumerate(lines):
        head = raw[:MAX_LINE].strip().strip("#*_ \t").rstrip(":").strip().strip("*_ ").lower()
        if head not in _FIRMWARE_HEADINGS:
            continue
        seen = 0
        for nxt in lines[i + 1 : i + 12]:
            line = nxt[:MAX_LINE].strip()
            if not line:
                continue
            seen += 1
            m = _SECTION_VERSION.fullmatch(line)
            if m is not None:
                out.append(m.group(1).strip())
                break
            if seen >= SECTION_LINES:
                break
        if len(out) >= MAX_LITERALS:
            break
    return out


# ------------------------------------------------------------------ typographic quotes

#: Quotes a blog engine, a word processor or a chat client typeset in place of the straight ones a
#: device or a tool printed (U+2018-U+201F single and double quotation marks, U+2032/U+2033 primes,
#: fullwidth U+FF02/U+FF07): ``var model=“C6N”;`` is ``var model="C6N";`` as the device sent it.
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\uff07": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\uff02": '"'})
_TYPOGRAPHIC_TELL = re.compile("[\u2018-\u201f\u2032\u2033\uff02\uff07]")


def straight_quotes(text: str) -> str | None:
    """``text`` with its typographic quotes made straight, or None when it has none (then the other
    readers have already read it as it is)."""
    if text.isascii() or _TYPOGRAPHIC_TELL.search(text) is None:
        return None
    return text.translate(_TYPOGRAPHIC)


# ------------------------------------------------------------------ a field quoted in a sentence

#: A field name in a Markdown code span, a few joining words (``is``, ``field says``, ``returns``,
#: ``=``, ``:``), then its value quoted or in a code span of its own: a reporter quoting what the
#: device answered (``the `deviceModel` field is "C6N"``, ```model` = `DS-2CD2042WD` ``).
_SPAN_FIELD = re.compile(
    r"`([A-Za-z_][\w.-]{0,40}(?: [A-Za-z][\w.-]{0,20}){0,3})`[ \t]{0,4}(?:[A-Za-z,()'-]{1,16}[ \t]{1,4}){0,4}(?:[A-Za-z'-]{1,16})?(?:(?:[:=]|->|=>|\u2192)[ \t]{0,4})?"
    r"""(?:"([^"`\r\n]{1,128})"|'([^'`\r\n]{1,128})'|`([^`\r\n]{1,128})`)""")
#: A code span that is itself a pair: ```model="C6N"` ``, ```model: C6N` ``, ```"model": "C6N"` ``.
_SPAN_PAIR = re.compile(r"""`(["']?)([A-Za-z_][\w.-]{0,60})\1[ \t]{0,2}[:=][ \t]{0,2}(["']?)([^"'`\r\n]{1,128})\3,?`""")
#: A pair written in a sentence: ``key=value`` (a value quoted or one token) or ``key: "value"`` /
#: ``"key": "value"`` (a quoted value), after a blank or an opening bracket -- never inside a URL's
#: query (``?``/``&`` before it) or a longer name.
#: Its separator (where the reader looks: ``=`` after a name, or a colon before a quote), the key
#: right before it (after a blank or an opening bracket, perhaps quoted), and the value after it.
_PROSE_SEP = re.compile(r"""=(?<=[\w"']=)|:(?<=[\w"']:)(?=[ \t]{0,2}["'])""")
#: (each branch starts with its separator, the character before it tested after: the pattern is tried
#: only where a ``=`` or ``:`` is, not at every position)
#: (the key is matched on the reversed text before the separator: one attempt, at its start)
_PROSE_KEY_REVERSED = re.compile(r"""(["']?)([\w.-]{0,60}[A-Za-z_])""")
_PROSE_EQ_VALUE = re.compile(r""""([^"\r\n]{1,128})"|'([^'\r\n]{1,128})'|([A-Za-z0-9][\w.+/-]{0,63})""")
_PROSE_QUOTED_VALUE = re.compile(r"""[ \t]{0,2}(?:"([^"\r\n]{1,128})"|'([^'\r\n]{1,128})')""")
#: A line that is a document's or an object dump's own line (the JSON/object readers' business,
#: which keep its nesting: an NVR's camera list is not the NVR).
_STRUCTURE_LINE = re.compile(r"""^[ \t]{0,200}[{\[<"',}\]]""")
#: Words of a sentence that end in a colon before a quote (``shows up as: "X"``): not keys.
_JOINING_WORDS = frozenset({"as", "is", "was", "are", "be", "to", "of", "in", "on", "at", "by", "it", "says", "said", "shows", "showed",
                            "reads", "returns", "returned", "reports", "reported", "gives", "gave", "called", "named", "got", "get",
                            "see", "saw", "like", "with", "value", "string", "text", "output", "error", "message", "e.g", "eg", "i.e"})
#: What a line holding a pair in prose has: a code span, ``=`` after a name, or a quote after a colon.
_CANDIDATE = re.compile(r"""`|=|:[ \t]{0,2}["']""")
#: A word of a sentence before a pair written in prose (two at least).
_WORD = re.compile(r"(?<![\w.:/-])[A-Za-z]{2,}(?![\w.:/-])")


def quoted_field_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of the device fields a reporter quoted inside a sentence: a field name in a code
    span and its quoted value (``the `model` is "X"``), a code span holding a pair, and ``key=value``
    or ``key: "value"`` written in prose. Lines that are a document's own (JSON, an object dump,
    markup) are left to the readers of those, which keep their nesting; a line that starts with
    its key is the table readers' (``Key: Value``)."""
    out: list[tuple[str, str]] = []
    # only the lines that can hold such a pair are visited (found in one pass over the text)
    end = min(len(text), MAX_TEXT)
    pos = 0
    for _ in range(MAX_LINES):
        tell = _CANDIDATE.search(text, pos, end)
        if tell is None:
            break
        start = text.rfind("\n", 0, tell.start()) + 1
        stop = text.find("\n", tell.end(), end)
        stop = end if stop < 0 else stop
        pos = stop + 1
        line = text[start:stop][:MAX_LINE]
        if _STRUCTURE_LINE.match(line) is not None:
            continue
        if "`" in line:
            for m in _SPAN_FIELD.finditer(line):
                value = next(g for g in m.groups()[1:] if g is not None).strip()
                key = norm_key(m.group(1))
                if value and key:
                    out.append((key, value))
            for m in _SPAN_PAIR.finditer(line):
                value = m.group(4).strip()
                if value:
                    out.append((m.group(2), value))
        if "=" in line or ":" in line:
            # cheap bounds first (the same answers): a key needs two words of the sentence before it
            # (so a separator before the line's second word ends is none) and no bracket before it
            # (so none after the line's first bracket is either)
            second = len(line)
            for n, w in enumerate(_WORD.finditer(line)):
                if n == 1:
                    second = w.end()
                    break
            brackets = [i for i in (line.find("{"), line.find("["), line.find("<")) if i >= 0]
            last = min(brackets) if brackets else len(line)
            for sep in _PROSE_SEP.finditer(line, second):
                if sep.start() > last:
                    break
                k = _PROSE_KEY_REVERSED.match(line[max(0, sep.start() - 64) : sep.start()][::-1])
                if k is None:
                    continue
                quote, key = k.group(1), k.group(2)[::-1]
                start = sep.start() - len(quote) - len(key)
                if quote:
                    start -= 1
                    if start < 0 or line[start] != quote:
                        continue
                if start > 0 and line[start - 1] not in " \t(":
                    continue
                # (the words of line[:start] are the line's words that end by ``start``, as line[start - 1]
                # is a blank or a bracket: two of them when the line's second word ends by then)
                if start < second or "{" in line[:start] or "[" in line[:start] or "<" in line[:start]:
                    continue  # not in a sentence (a table's line, a header's parameters), or inside an object or a tag
                v = (_PROSE_EQ_VALUE if sep.group(0) == "=" else _PROSE_QUOTED_VALUE).match(line, sep.end())
                if v is None:
                    continue
                value = next((g for g in v.groups() if g is not None), "").strip()
                value = value.rstrip(".,;:") if sep.group(0) == "=" and v.group(3) is not None else value
                if value and key.lower() not in _JOINING_WORDS:
                    out.append((key, value))
        if len(out) >= MAX_PAIRS:
            break
    return out[:MAX_PAIRS]


# ------------------------------------------------------------------ a model token before a firmware key

#: On one line, a model-shaped token right before a firmware key and its version (``C6N firmware
#: V5.3.0``, ``QX-9000 running firmware 2.1.3``, ``Model IPC_388M, Firmware Version 541_17051800``, ``DS-2CD2142FWD-I / FW: V5.4.5``): a
#: reporter's or a client's line naming what the device is and runs. The token has an upper-case
#: letter and a digit and is not itself a version.
#: The firmware key and the start of its version (where the reader looks back for the token).
_FW_KEY = re.compile(r"[FfSs](?<![\w.-][FfSs])(?i:irmware|w|oftware)(?:[ \t_-](?i:version|ver\.?|rev\.?))?[ \t]{0,2}[:=]?[ \t]{1,3}[Vv]?\d")
#: The token, then at most one separator and two joining words (``running``, ``with``, ``on``...), right
#: before the key (matched on the text before the key).
_TOKEN_BEFORE = re.compile(r"(?<![\w.:/-])" + MODEL_TOKEN + r"(?:[ \t]{0,2}[,;/|(-][ \t]{0,3}|[ \t]{1,3})(?:(?:running|runs|with|on|using|has|at|and)[ \t]{1,3}){0,2}$")


def model_before_firmware(text: str) -> list[str]:
    """The model token written just before a firmware key on one line, when the text names one such
    token (several are a list of devices, none of them this one for sure)."""
    found: list[str] = []
    for k in _FW_KEY.finditer(text, 0, MAX_TEXT):
        line_start = max(text.rfind("\n", 0, k.start()) + 1, k.start() - 96)
        m = _TOKEN_BEFORE.search(text, line_start, k.start())
        if m is None:
            continue
        token = m.group(1)
        if not model_shaped(token):
            continue
        if token not in found:
            found.append(token)
        if len(found) > 1:
            return []
    return found


# ------------------------------------------------------------------ all of them

def fragment_fields(fields: Fields, prefix: str, text: str) -> None:
    """Every reader above over the text of a fragment (``prefix``: ``http``, ``rtsp``, a banner's
    protocol), adding to ``fields``. Cheap tests first: a reader runs only when its tell is in the text."""
    t = text[:MAX_TEXT]
    straight = straight_quotes(t)
    if straight is not None:  # typographic quotes: the quote-delimited readers again, on straight quotes
        parsed = has_document_fields(fields, prefix)
        tool_fields(fields, prefix, straight, tables=not parsed)
        t = straight
    head = t[:5] if t[:1] not in " \t\r\n" else t.lstrip()[:5]
    # a device's own answer, a markup page and a parsed document hold no reporter's sentence
    prose = head not in ("HTTP/", "RTSP/") and head[:1] != "<" and not (
        head[:1] in ("{", "[") and has_document_fields(fields, prefix))
    if prose and ("`" in t or "=" in t or ": " in t):
        for key, value in quoted_field_pairs(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if prose and ("irmware" in t or "IRMWARE" in t or "FW" in t or "fw" in t or "oftware" in t or "SW" in t or "sw" in t):
        for token in model_before_firmware(t):
            add(fields, f"{prefix}.fwline.token", token)
    if "\\" in t and "\\n" in t:  # (a one-character test first: a memchr, many times faster than a longer needle)
        for payload in escaped_payloads(t):
            for key, value in kv_lines(payload):
                add(fields, f"{prefix}.kv.{key}", value)
            if ":" in payload:
                for key, value in table_pairs(payload):
                    add(fields, f"{prefix}.kv.{key}", value)
    if "v=0" in t and f"{prefix}.sdp.session" not in fields and f"{prefix}.sdp.origin" not in fields:
        sdps = quoted_sdps(t) + sdp_leaves(fields)
        if sdps:
            from netscan.parsers.http import sdp_fields  # noqa: PLC0415 (http imports this module)

            for sdp in sdps[:MAX_LITERALS]:
                sdp_fields(fields, prefix, sdp)
    if "|" in t and ("--" in t or t.count("|") >= 3):
        for key, value in pipe_table_pairs(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if ("irmware" in t or "oftware" in t or "IRMWARE" in t or "OFTWARE" in t) and ("ersion" in t or "er." in t or "ER" in t):
        for value in firmware_section_versions(t):
            add(fields, f"{prefix}.kv.FirmwareVersion", value)
    if '"characteristics"' in t and '"services"' in t:
        for key, value in hap_accessory_info(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if ">" in t and " -> " in t and _NGREP_TELL.search(t) is not None:
        answers = ngrep_answers(t)
        if answers:
            from netscan.parsers.http import message_fields, parse_message  # noqa: PLC0415

            for answer in answers:
                try:
                    msg = parse_message(answer)
                except Exception:  # noqa: BLE001 -- a cut payload: what was read stays
                    continue
                proto = msg.proto.lower()
                for name, values in message_fields(msg, proto).items():
                    if ".header." in name:  # first, and a reading that kept a CR's dot (-W byline) dropped
                        from netscan.parsers.toolout import put_first  # noqa: PLC0415 (toolout imports this module)

                        put_first(fields, name, values)
                        continue
                    for v in values:
                        add(fields, name, v)
