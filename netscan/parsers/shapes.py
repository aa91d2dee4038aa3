"""Device data as people paste it (docs/observations.md "Shapes of raw"): other tools' output and
plain text tables inside a response's ``raw``. Each reader recognises a shape by how the text is
laid out -- never by which device it names -- and turns what it says into the fields the rest of
netscan already reads:

- ``Key: Value`` / ``Key = Value`` / ``Key=Value`` lines (YAML, ``onvif-cli``/suds object dumps
  ``Manufacturer = "X"``, CGI ``key=value`` answers, vendor tools' "Firmware Version: ..." tables)
  and Markdown tables (two-column key/value rows, or a header row over data rows) as
  ``<prefix>.kv.<Key>``, the key's words joined (``Firmware Version`` -> ``FirmwareVersion``);
- JavaScript object dumps (``{ Manufacturer: 'X', Model: 'Y' }``, Node's ``util.inspect``) as
  ``<prefix>.json.<key>``; inline script variables of a page (``var model = "X"``) as
  ``<prefix>.js.<name>``, ``<meta name=... content=...>`` as ``<prefix>.meta.<name>``;
- SNMP as tools record it (``snmpwalk``/``snmpget`` lines, snmpsim ``.snmprec`` recordings,
  SnmpWalk.exe) as ``snmp.*``: netscan.parsers.snmp;
- nmap's normal output: ``PORT STATE SERVICE VERSION`` lines as ``nmap.service``, ``Service Info:``
  / ``Device type:`` as ``nmap.devicetype``, ``MAC Address:`` as ``nmap.mac``, and the script
  output nmap's XML importer also reads (``http-title`` -> ``http.title``, ``http-server-header``
  and ``http-headers`` -> ``http.header.*``, ``snmp-sysdescr`` -> ``snmp.sysDescr``, ``banner``, ``upnp-info``
  -> ``upnp.friendlyName`` / ``manufacturer`` / ``modelName`` / ``modelNumber``);
- ffmpeg/ffprobe logs of an RTSP source: the ``Metadata:`` block of ``Input #0, rtsp`` (ffmpeg's
  ``title`` is the SDP ``s=`` line, ``comment`` its ``i=`` line: libavformat/rtsp.c) as
  ``rtsp.sdp.session`` / ``rtsp.sdp.info``, and ``-v trace`` ``line='...'`` reply lines as the
  RTSP answer's headers.

Everything is bounded: text, lines and pairs are capped, and every pattern is a bounded character
class or a fixed word (no nested quantifiers), so a hostile text costs linear time.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add
from netscan.parsers.snmp import snmp_fields
from netscan.parsers.printed import ONESIXTYONE_HINT

#: Longest text looked at, most lines read, longest line read, most pairs kept per reader.
MAX_SHAPE_CHARS = 256 * 1024
MAX_SHAPE_LINES = 2000
MAX_SHAPE_LINE = 4096
MAX_SHAPE_PAIRS = 300

# ------------------------------------------------------------------ key/value lines and tables

#: A key of a "Key: Value" line: up to 6 words of a name (letters first), nothing else.
_TABLE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_./()#-]{0,47}(?: [A-Za-z0-9_./()#-]{1,24}){0,5}")
#: Log levels written as ``LEVEL: message`` / ``LEVEL:logger:message``: not keys.
_LEVELS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "trace", "notice", "fatal", "note", "http", "https", "rtsp"})
_WORD_SPLIT = re.compile(r"[ ()#/]+")
_MD_SEPARATOR = re.compile(r":?-{2,}:?")


def norm_key(key: str) -> str:
    """A table key as a field-name part: its words joined, each after the first capitalised
    (``Firmware Version`` -> ``FirmwareVersion``, ``device model`` -> ``deviceModel``); dots
    padding a dotted-leader table (``Model ........``) dropped."""
    key = key.strip().strip(".").strip()
    words = [w for w in _WORD_SPLIT.split(key) if w and w != "."]
    if not words:
        return ""
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def _unquote(value: str) -> str:
    v = value.strip().rstrip(",;").strip()
    if v[:2] in ("u'", 'u"', "b'", 'b"') and len(v) > 2 and v[-1] == v[1]:
        v = v[1:]
    if len(v) >= 2 and v[0] in "\"'`":
        end = v.find(v[0], 1)
        if end > 0 and not v[end + 1 :].strip(" ,;})]"):  # the quoted value, then a dump's closing brackets
            v = v[1:end].strip()
    return v


#: A key that is a path of names, each part starting with a letter: a camera's parameter tree (VAPIX param.cgi
#: ``root.Properties.Firmware.Version=9.80.1``, ``root.Brand.ProdNbr``: Kane610/axis's recorded param lists), not an
#: OID (``1.3.6.1.2.1.1.1.0``, ``iso.3.6.1``, ``sysDescr.0``: a part starting with a digit).
_DOTTED_NAME = re.compile(r"[A-Za-z][\w-]{0,40}(?:\.[A-Za-z][\w\[\]-]{0,40}){3,7}")


#: The lead of a log line: its date and/or time (``16/02/2023 16:23:22``, ``2023-11-02 13:34:12.813``,
#: ``[4/13/2025, 3:42:40 PM]``, ``5:55:13 PM:``), then perhaps a level (``[INFO]``, ``DEBUG``) and a thread or source
#: in brackets (``(MainThread)``, ``[reolink_aio.api]``) -- amcrest2mqtt's ``[INFO] Device type: AD110`` lines.
_LOG_LEAD = re.compile(
    r"\[?(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:,?[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?(?: ?[AP]M)?)?"
    r"|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?[AP]M)?)\]?:?[ \t]{1,4}"
    r"(?:\[?(?i:debug|info|warn(?:ing)?|error|trace|notice|critical)\]?:?[ \t]{1,4})?"
    r"(?:[\[(][^\])\n]{1,60}[\])]:?[ \t]{1,4}){0,3}")


#: A key, a run of leader dots (``Firmware ........ 5.5.0``, ``Model . . . . M3045-V``: a printout's dotted leaders), its value.
#: The value starts as a value does (a capital, a digit, a ``v`` before a digit), never a sentence's lower-case words
#: after an ellipsis (``Waiting... done``, ``I tried ... nothing worked``).
_LEADER_PAIR = re.compile(r"([A-Za-z][^.:=\r\n]{0,60}?)[ \t]{0,4}(?:\.{4,60}|(?:\.[ \t]){3,30}\.?)[ \t]{0,4}((?:[A-Z0-9]|[Vv]\d)[^\r\n]{0,256})")
#: The marks around a key of a hash or array print (PHP's print_r ``[model] => X``, Ruby's ``"model" => "X"`` and
#: ``:model => "X"``, Perl's ``'model' => 'X'``).
_HASH_KEY_MARKS = "[]\"':"


#: A label that joins two field names with a slash (``Model/SW``, ``Hardware / Firmware``, ``Make/Model``).
_COMPOUND_KEY = re.compile(r"([A-Za-z][A-Za-z]{0,15}(?: [A-Za-z]{1,15}){0,2}) ?/ ?([A-Za-z][A-Za-z]{0,15}(?: [A-Za-z]{1,15}){0,2})")


def compound_pairs(key: str, value: str) -> list[tuple[str, str]]:
    """Each part of a compound label with its part of the value: a label joining two field names with a slash
    and a value of as many parts joined by a comma (pyatv's ``atvremote scan`` prints ``Model/SW: Apple TV 4K,
    tvOS 15.3``, https://github.com/postlund/pyatv/issues/1688) -> ``[("Model", "Apple TV 4K"), ("SW", "tvOS
    15.3")]``; nothing when the counts differ (``Manufacturer/Model: Reolink RLC-510A`` is one answer to both)."""
    m = _COMPOUND_KEY.fullmatch(key.strip())
    if m is None:
        return []
    parts = [p.strip() for p in value.split(", ")]
    if len(parts) != 2 or not all(parts):
        return []
    return [(norm_key(m.group(1)), parts[0]), (norm_key(m.group(2)), parts[1])]


def _split_pair(line: str) -> tuple[str, str] | None:
    """``Key: Value`` / ``Key = Value`` / ``Key => Value`` / ``Key ...... Value`` -> (key, value), or None."""
    colon = line.find(":")
    eq = line.find("=")
    if colon < 0 and eq < 0:
        leader = _LEADER_PAIR.fullmatch(line) if "..." in line or ". . ." in line else None
        if leader is None:
            return None
        line = f"{leader.group(1)}: {leader.group(2)}"
        colon = line.find(":")
    if eq > 0 and line[eq + 1 : eq + 2] == ">":
        key = line[:eq].strip().strip(_HASH_KEY_MARKS).strip()
        if ":" not in key:  # an arrow between a hash print's key and value: the key without its brackets or quotes
            rest = line[eq + 2 :].strip()
            if rest in ("Array", "Array(", "(", "{", "[") or rest.endswith(" Object"):
                return None  # a nested array or object opens below (print_r's "[channels] => Array")
            line = f"{key}={rest}"
            colon, eq = line.find(":"), line.find("=")
    at = colon if eq < 0 or (0 <= colon < eq) else eq
    key, value = line[:at].strip(), line[at + 1 :]
    if value[:2] in ("**", "__") and key[:2] not in ("**", "__"):
        value = value[2:]  # the closing emphasis of a bold label ("- **Model:** X": the list mark took the opening one)
    if value[:1] in (":", "/", "=") or not value.strip():  # "::" MIB names, "http://", "=="
        return None
    key = key.rstrip(". \t")
    if key[-2:] in ("**", "__") and key[:-2].strip() and key[0] not in "*_":
        key = key[:-2].rstrip()  # a bold label before its colon ("- **Model**: X": the list mark took the opening marks)
    if key.endswith(")") and " (" in key:
        key = key[: key.rindex(" (")].rstrip()  # an attribute dump's value type: "printer-info (textWithoutLanguage)"
    if key.startswith(("var ", "let ", "const ")):
        return None  # a script's variable: page_script_fields
    if not key or _TABLE_KEY.fullmatch(key) is None or key.lower() in _LEVELS or (key.count(".") > 2 and _DOTTED_NAME.fullmatch(key) is None):
        return None  # (dotted OIDs are snmp_fields'; a parameter tree's path of names is a key)
    value = _unquote(value)
    if not value or len(value) > 256:
        return None
    if ";" in value and " ".join(key.split()).upper() in _DEVICE_ID_KEYS:
        return None  # an IEEE 1284 device ID: device_id_pairs
    return key, value


def _md_cells(line: str) -> list[str]:
    """The cells of a Markdown table row, emphasis and code marks cut; a cell that is a quoted JSON
    string (a JSON document pasted as a key/value table: ``| "model" | "X", |``) without its quotes."""
    cells = [c.strip().strip("*`_ ").strip() for c in line.strip().strip("|").split("|")]
    return [c.rstrip(",").strip()[1:-1] if len(c) >= 2 and c[0] == '"' and c.rstrip(",").strip()[-1:] == '"' else c for c in cells]


#: A key cell of a row of alternating keys and values: words of letters (a colon may end it).
_ALT_KEY = re.compile(r"[A-Za-z][A-Za-z_.#/()-]{0,30}(?: [A-Za-z_.#/()-]{1,30}){0,4}:?")


def _alternating_pairs(cells: list[str], next_line: str) -> list[tuple[str, str]]:
    """A Markdown row of alternating keys and values (``| Model | X | Firmware | 1.2 |``: a device's
    details laid out two or more to a row, perhaps the table's only row): (normalised key, value) when
    every even cell is a key of letters, every value is filled, one value holds a digit, and no
    separator row follows (a row above a separator is a header)."""
    nxt = next_line[:MAX_SHAPE_LINE].strip()
    if nxt.startswith("|") and all(_MD_SEPARATOR.fullmatch(c) for c in _md_cells(nxt) if c) and any(_md_cells(nxt)):
        return []
    keys, values = cells[0::2], cells[1::2]
    if not all(_ALT_KEY.fullmatch(k) for k in keys) or not all(values) or not any(any(ch.isdigit() for ch in v) for v in values):
        return []
    pairs = [(norm_key(k.rstrip(":")), v) for k, v in zip(keys, values) if len(v) <= 256]
    return [(k, v) for k, v in pairs if k]


def table_pairs(text: str) -> list[tuple[str, str]]:
    """(normalised key, value) of every ``Key: Value`` / ``Key = Value`` line and Markdown table
    row of ``text``, in order. A two-cell row is a key/value pair unless the next row is a
    Markdown separator: then it was a header, and the rows below map its column names to cells."""
    out: list[tuple[str, str]] = []
    header: list[str] | None = None
    prev_cells: list[str] | None = None
    pending: tuple[str, str] | None = None  # a two-cell row: a pair, or a header
    parents: list[tuple[int, str]] = []  # YAML-like nesting: (indent, key) of "Key:" lines without a value
    lines = text[:MAX_SHAPE_CHARS].split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES]
    for at, raw_line in enumerate(lines):
        line = raw_line[:MAX_SHAPE_LINE].strip()
        indent = len(raw_line) - len(raw_line.lstrip(" "))
        while parents and line and (parents[-1][0] > indent or (parents[-1][0] == indent and not line.startswith("- "))):
            parents.pop()  # (a YAML sequence may sit at its key's own indent: "sensors:" / "- vendor: X")
        if line.startswith("|") and line.count("|") >= 2:
            cells = _md_cells(line)
            if prev_cells is not None and all(_MD_SEPARATOR.fullmatch(c) for c in cells if c) and any(cells):
                pending = None
                key_value = len(prev_cells) == 2 and prev_cells[1].lower() in ("value", "values", "details", "")
                header = None if key_value else prev_cells
                prev_cells = None
                continue
            if pending is not None:
                out.append(pending)
                pending = None
            if header is None and len(cells) >= 4 and not len(cells) % 2:
                alternating = _alternating_pairs(cells, lines[at + 1] if at + 1 < len(lines) else "")
                if alternating:
                    out.extend(alternating)
                    prev_cells = cells
                    continue
            if header is not None and len(cells) == len(header):
                for name, cell in zip(header, cells):
                    key = norm_key(name)
                    if key and cell and _TABLE_KEY.fullmatch(name.strip()):
                        out.append((key, cell))
            elif len(cells) == 2 and cells[0] and cells[1] and _TABLE_KEY.fullmatch(cells[0]):
                pending = (norm_key(cells[0]), cells[1])
            prev_cells = cells
        else:
            if pending is not None:
                out.append(pending)
                pending = None
            header = prev_cells = None
            item = line.lstrip("-*+> \t")
            if item[:1].isdigit() or item[:1] == "[":
                lead = _LOG_LEAD.match(item)  # a log line's time, level and source before its "Key: Value" (at the start only:
                if lead is not None:          # a version's dotted digits later in the line are no date)
                    item = item[lead.end():]
            # (a line with no ":" or "=" and no leader dots is no pair: _split_pair's own first test, without the call)
            pair = _split_pair(item) if (":" in item or "=" in item or "..." in item or ". . ." in item) else None
            if pair is not None:
                key = norm_key(pair[0])
                if key:
                    out.append((".".join([p for _, p in parents] + [key]), pair[1]))
                    if "/" in pair[0] and ", " in pair[1]:
                        out.extend((".".join([p for _, p in parents] + [k]), v) for k, v in compound_pairs(pair[0], pair[1]))
            elif item.endswith(":") and len(parents) < 8:
                parent = norm_key(item[:-1])
                if parent and _TABLE_KEY.fullmatch(item[:-1].strip()) and item[:-1].strip().lower() not in _LEVELS:
                    parents.append((indent, parent))
        if len(out) >= MAX_SHAPE_PAIRS:
            break
    if pending is not None:
        out.append(pending)
    return out[:MAX_SHAPE_PAIRS]


#: ``key=value`` pairs several to a line (``manufacturer=X, model=Y``, a Python ``repr`` of keyword
#: arguments ``DeviceInfo(model='Y', sw_version='Z')``, a log's ``k=v k=v``). A value may be quoted with
#: escaped quotes: markup or a parameter list printed inside a string literal keeps its quotes backslashed
#: (``SoftwareVersion=\"45.1-56150\"``: a Sonos ZoneGroupState printed as an escaped string by a client,
#: https://github.com/bencevans/sonos-cli/issues/6); a bare value never starts with a backslash.
_INLINE_PAIR = re.compile(
    r"""(?<![\w.-])([A-Za-z_][\w.-]{0,40})=(?:"([^"\r\n]{0,256})"|'([^'\r\n]{0,256})'"""
    r'|\\"([^"\\\r\n]{0,256})\\"'
    r"""|([^\s,;&)"'}\]\\][^\s,;&)"'}\]]{0,255}))""")


def inline_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of the ``key=value`` pairs on lines that hold two or more of them."""
    out: list[tuple[str, str]] = []
    for line in text[:MAX_SHAPE_CHARS].split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES]:
        if line.count("=") < 2:
            continue
        for m in _INLINE_PAIR.finditer(line[:MAX_SHAPE_LINE]):
            value = next((g for g in m.groups()[1:] if g is not None), "").strip()
            if value:
                out.append((m.group(1), value))
        if len(out) >= MAX_SHAPE_PAIRS:
            break
    return out[:MAX_SHAPE_PAIRS]


#: A label line of a page copied as text: 1-4 words of letters, each capitalised or all lower case.
_LABEL_LINE = re.compile(r"[A-Z][A-Za-z]{1,20}(?: [A-Za-z]{1,20}){0,3}")


def label_value_lines(text: str) -> list[tuple[str, str]]:
    """A two-column page copied as text, label and value on alternate lines ("Device Type",
    "IPC-HDW4300C", "Software Version", "2.420.0009.0.R, build : 2015-11-06"): read only when every
    other line, from the first, is a label (words of letters) and no line has a ``:``/``=``
    separator, at least two pairs, and at least half of the values holding a digit. (normalised
    label, value)."""
    lines = [ln.strip() for ln in text[:16384].split("\n", 201)[:200] if ln.strip()]
    if len(lines) < 4 or len(lines) % 2 or len(lines) > 100:
        return []
    labels, values = lines[0::2], lines[1::2]
    if not all(_LABEL_LINE.fullmatch(lb) for lb in labels) or any(":" in lb or "=" in lb for lb in labels):
        return []
    if sum(any(c.isdigit() for c in v) for v in values) * 2 < len(values):
        return []  # prose, or a list of words: device information is mostly numbers and versions
    return [(norm_key(lb), v[:256]) for lb, v in zip(labels, values)]


#: A Markdown heading line that labels the paragraph below it (``### Firmware version (if known)``).
_HEADING = re.compile(r"#{2,4} {1,3}([^#\r\n]{1,80}?)[ \t]*")
#: A bold line that labels the line or the paragraph below it (``**Router Model Affected**``, ``**Firmware:**``), as a
#: bug-report template written in Markdown puts it.
_BOLD_HEADING = re.compile(r"\*\*([^*\r\n]{1,80}?):?\*\*:?")
#: The placeholder GitHub writes for an optional issue-form field left empty.
_NO_RESPONSE = frozenset({"_no response_", "no response", "n/a", "none", "-"})
#: Words of a form's label that say it asks about something else than the device (the reporter's phone, app,
#: integration, server, a part of the device): such a label is not reduced to the device's key.
_FORM_OTHER_WORDS = frozenset({"phone", "app", "application", "client", "browser", "integration", "plugin", "addon", "add-on",
                               "home", "assistant", "ha", "hacs", "python", "os", "kernel", "docker", "server", "library",
                               "sensor", "lens", "chip", "soc", "disk", "hdd", "router's", "latest", "previous", "old", "new"})
#: The key words of a form's label phrase (``Router Model Affected``, ``Which camera model do you use``, ``Firmware
#: Version Affected``): the field-name conventions read a label that ends in one of them as it is.
_FORM_KEY_ENDS = ("model", "modelname", "modelnumber", "modelno", "version", "firmware", "manufacturer", "brand", "make")


def _form_key(label: str) -> str:
    """A form label as a field-name part: a label phrase whose words ask for the device's firmware or model but do
    not end in that word (``Router Model Affected``, ``Firmware Version Affected``, ``Which camera model do you
    use``) is reduced to the key the conventions read (``Model``, ``FirmwareVersion``, ``SoftwareVersion``), unless a
    word says it asks about something else (the reporter's phone or app, an integration, a part); any other label
    is ``norm_key``'s."""
    key = norm_key(label)
    words = [w.strip("?:.,").lower() for w in label.split()]
    if len(words) < 2 or key.lower().endswith(_FORM_KEY_ENDS) or not _FORM_OTHER_WORDS.isdisjoint(words):
        return key
    if "firmware" in words or "fw" in words:
        return "FirmwareVersion"
    if "software" in words and "version" in words:
        return "SoftwareVersion"
    if "model" in words:
        return "Model"
    return key


def heading_value_pairs(text: str) -> list[tuple[str, str]]:
    """A form rendered as Markdown, each answer a one-line paragraph under its label's heading (GitHub
    issue forms render every field as ``### <label>``, a blank line, the answer; "_No response_" when
    it was left empty: docs.github.com "Syntax for issue forms"): (normalised label, answer). A label's
    trailing remark in parentheses ("Manufacturer (make)", "Firmware version (if known)") is cut; only
    labels of up to six words and one-line answers up to 120 characters count (prose under a heading
    is no field)."""
    out: list[tuple[str, str]] = []
    lines = text[:MAX_SHAPE_CHARS].split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES]
    n = len(lines)
    for i, raw_line in enumerate(lines):
        head = raw_line[:MAX_SHAPE_LINE].strip()
        m = _HEADING.fullmatch(head) if head[:1] == "#" else _BOLD_HEADING.fullmatch(head) if head[:2] == "**" else None
        if m is None:
            continue
        bold = head[:1] == "*"
        label = m.group(1).strip().rstrip("?:").rstrip()  # (a question's mark: "Which camera model do you use?")
        if label.endswith(")") and " (" in label:
            label = label[: label.rindex(" (")].rstrip()
        if _TABLE_KEY.fullmatch(label) is None or label.lower() in _LEVELS:
            continue
        j = i + 1
        while j < n and not lines[j].strip():
            j += 1
        if j >= n or (j == i + 1 and not bold):
            continue  # the answer follows a blank line (a bold label's may follow on the next line)
        value = lines[j].strip()
        after = lines[j + 1].strip() if j + 1 < n else ""
        if after and not after.startswith(("#", "**")):
            continue  # a paragraph of several lines: prose, a log, a list
        if not value or len(value) > 120 or value[:1] in "#|`>-*" or value.lower() in _NO_RESPONSE:
            continue
        key = _form_key(label)
        if key:
            out.append((key, value))
        if len(out) >= MAX_SHAPE_PAIRS:
            break
    return out


# ------------------------------------------------------------------ IEEE 1284 device IDs, HTML tables

#: IEEE 1284 device-ID keys (case-insensitive; the long spellings are mapped to the short ones).
_DEVICE_ID_KEYS = {"MFG": "MFG", "MANUFACTURER": "MFG", "MDL": "MDL", "MODEL": "MDL", "CMD": "CMD", "COMMAND SET": "CMD",
                   "CLS": "CLS", "CLASS": "CLS", "DES": "DES", "DESCRIPTION": "DES", "SN": "SN", "SERN": "SN", "CID": "CID"}
_DEVICE_ID_HINT = re.compile(r"(?i)(?<![a-z0-9])(?:mfg|manufacturer)\s{0,4}:[^;\r\n]{1,200};")


def device_id_pairs(text: str) -> list[tuple[str, str]]:
    """``MFG:HP;MDL:DeskJet 4530 series;CMD:...;`` (an IEEE 1284 device ID, as printers report it in
    IPP ``printer-device-id``, SNMP and USB; keys in any case, blanks around them, the last ``;``
    optional): (key, value) with the long keys spelled as the short ones (``MODEL`` -> ``MDL``); a model
    that ends in the word "series" (HP's and Epson's device IDs: ``MDL:DeskJet 4530 series``) without it."""
    out: list[tuple[str, str]] = []
    for line in text[:MAX_SHAPE_CHARS].split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES]:
        hint = _DEVICE_ID_HINT.search(line[:MAX_SHAPE_LINE])
        if hint is None:
            continue
        for part in line[hint.start() : MAX_SHAPE_LINE].split(";")[:64]:
            key, colon, value = part.partition(":")
            short = _DEVICE_ID_KEYS.get(" ".join(key.split()).upper())
            value = value.strip().rstrip("\"'").strip()
            if short == "MDL" and value[-7:].lower() == " series" and any(c.isdigit() for c in value[:-7]):
                value = value[:-7].rstrip()  # "DeskJet 4530 series": the model, the family word cut
            if colon and short is not None and value:
                out.append((short, value))
        if len(out) >= MAX_SHAPE_PAIRS:
            break
    return out[:MAX_SHAPE_PAIRS]


#: Longest table row looked at.
MAX_ROW_CHARS = 4096
_CELL = re.compile(r"(?is)<t([dh])(?:\s[^<>]{0,200})?>(.{0,600}?)</t[dh]\s{0,4}>")
_TAG = re.compile(r"<[^<>]{0,400}>")


def html_table_pairs(text: str) -> list[tuple[str, str]]:
    """Two-cell rows of HTML tables (``<tr><td>Firmware Version</td><td>V5.4.0</td></tr>``, also
    ``<th>`` keys): a device's status page as pasted; (normalised key, cell text)."""
    import html as _html  # noqa: PLC0415

    out: list[tuple[str, str]] = []
    t = text[:MAX_SHAPE_CHARS]
    low = t.lower()
    pos = 0
    for _ in range(MAX_SHAPE_LINES):
        start = low.find("<tr", pos)
        if start < 0:
            break
        end = low.find("</tr", start)
        nxt = low.find("<tr", start + 3)
        stop = min(e for e in (end, nxt, len(t)) if e >= 0)
        cells: list[str] = []
        for m in _CELL.finditer(t, start, min(stop, start + MAX_ROW_CHARS)):
            cells.append(" ".join(_html.unescape(_TAG.sub(" ", m.group(2))).split()))
            if len(cells) > 2:
                break
        pos = stop if stop > start else start + 3
        if len(cells) == 2 and cells[0] and cells[1]:
            key = cells[0].rstrip(":").strip()
            if _TABLE_KEY.fullmatch(key) and len(cells[1]) <= 256:
                out.append((norm_key(key), cells[1]))
        if len(out) >= MAX_SHAPE_PAIRS:
            break
    return out


# ------------------------------------------------------------------ a page's rendered "Label: value" lines

#: Elements whose content a browser never shows as the page's text (scripts, styles, comments) or that offer
#: choices rather than state one (a ``<select>``'s options: a form's list of models, time zones...).
_PAGE_HIDDEN = re.compile(r"(?i)<!--|<(script|style|select|textarea|noscript)\b[^<>]{0,400}>")
#: A text input's value (a device page's read-only form: ``<label>Model:</label><input value="X" readonly>``); hidden,
#: password and button inputs hold no shown text.
_PAGE_INPUT = re.compile(r"""(?i)<input\b(?![^<>]{0,400}type\s{0,4}=\s{0,4}["']?(?:hidden|password|submit|button|checkbox|radio|image|reset)\b)"""
                         r"""[^<>]{0,400}?\bvalue\s{0,4}=\s{0,4}(?:"([^"<>]{0,256})"|'([^'<>]{0,256})')[^<>]{0,400}>""")
#: A definition list's term closed and its description opened (``<dt>Model</dt><dd>X</dd>``): one label and its value.
_PAGE_DT_DD = re.compile(r"(?i)</dt\s{0,4}>\s{0,64}<dd\b[^<>]{0,400}>")
#: A cell closed and the next opened on one row (``<td>Model:</td><td>X</td>``): the row's text continues.
_PAGE_CELL_GAP = re.compile(r"(?i)</t[dh]\s{0,4}>\s{0,64}<t[dh]\b[^<>]{0,400}>")
#: Tags a browser breaks a line at: a line break, blocks, list items, rows, headings, a form's parts.
_PAGE_BREAK = re.compile(r"(?i)<(?:br|/?(?:p|div|li|ul|ol|dl|dt|dd|tr|table|tbody|thead|h[1-6]|section|article|header|footer|nav|form"
                         r"|fieldset|legend|center|pre|hr|body|html|head|title|option))\b[^<>]{0,400}>")
_PAGE_TAG = re.compile(r"<[^<>]{0,400}>")
#: A rendered line that is one ``Label: value`` (a label of 1-4 words, letters first).
_PAGE_PAIR = re.compile(r"([A-Za-z][\w.()#/-]{0,30}(?: [\w.()#/-]{1,20}){0,3})[ \t]{0,4}:{1,2}[ \t]{0,8}(\S[^\n]{0,199})")
#: A shop's or a catalogue's words: a page that sells devices names products, not the device that serves it.
_PAGE_SHOP = re.compile(r"(?i)add to (?:cart|basket|bag|wish ?list)|buy now|checkout|(?:in|out of) stock|shopping cart")
#: Most rendered lines read, most pairs kept.
MAX_PAGE_LINES = 1500
MAX_PAGE_PAIRS = 64


def _without_hidden(t: str) -> str:
    """``t`` without its comments, scripts, styles, text areas and selects (each cut to its end, or to the text's end when
    it is not closed, as a browser does): one forward scan (a lazy ``<!--.*?-->`` pattern restarts at every opening and
    is quadratic on a text of openings)."""
    if "<" not in t:
        return t
    low = t.lower()
    kept: list[str] = []
    pos = 0
    while True:
        m = _PAGE_HIDDEN.search(t, pos)
        if m is None:
            break
        kept.append(t[pos : m.start()])
        close = "-->" if m.group(1) is None else "</" + m.group(1).lower()
        end = low.find(close, m.end())
        if end < 0:
            pos = len(t)
            break
        pos = end + len(close)
        if m.group(1) is not None:
            gt = t.find(">", pos, pos + 16)
            pos = gt + 1 if gt >= 0 else pos
        kept.append("\n")
    kept.append(t[pos:])
    return "".join(kept)


def page_text_pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) of the lines a browser shows for an HTML page that are one ``Label: value`` each: the device's
    own status or information page as its web server answers (``Model: XC-2210<br>``, ``<b>Model:</b> XC-2210<br>``,
    ``<dt>Model</dt><dd>XC-2210</dd>``, ``<span>Model:</span> <span>XC-2210</span></div>``, ``<td>Model:</td><td>X</td>``,
    a read-only form's ``<label>Model</label>: <input value="X">``). Scripts, styles, comments and a ``<select>``'s
    options are not shown text (the choices of a form are not the device's state). A label that a page gives two
    different values is a list (several cameras' models on an NVR's page, a catalogue's entries): none of its values
    is kept; a page with a shop's words (``Add to cart``, ``Buy now``, ``In stock``) sells products: nothing is read."""
    import html as _html  # noqa: PLC0415

    t = text[:MAX_SHAPE_CHARS]
    if ":" not in t and "<dd" not in t and "<DD" not in t:
        return []
    t = _without_hidden(t)
    if "<input" in t or "<INPUT" in t:
        t = _PAGE_INPUT.sub(lambda m: " " + (m.group(1) if m.group(1) is not None else m.group(2) or "") + " ", t)
    t = _PAGE_DT_DD.sub(": ", t)
    t = _PAGE_CELL_GAP.sub(" ", t)
    t = _PAGE_TAG.sub(" ", _PAGE_BREAK.sub("\n", t))
    if _PAGE_SHOP.search(t) is not None:
        return []
    values: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for n, raw_line in enumerate(t.split("\n", MAX_PAGE_LINES)):
        if n >= MAX_PAGE_LINES:
            break
        if ":" not in raw_line:
            continue
        line = " ".join(_html.unescape(raw_line).split())
        m = _PAGE_PAIR.fullmatch(line)
        if m is None or "://" in m.group(2):
            continue
        key = norm_key(m.group(1))
        if not key or key.lower() in _LEVELS:
            continue
        value = m.group(2).strip()
        got = values.setdefault(key.lower(), [])
        labels.setdefault(key.lower(), key)
        if value not in got:
            got.append(value)
        if len(values) >= MAX_PAGE_PAIRS:
            break
    return [(labels[k], v[0]) for k, v in values.items() if len(v) == 1]


# ------------------------------------------------------------------ JavaScript object dumps, page scripts

#: ``key: 'value'`` / ``key: "value"`` with a bare key (Node's util.inspect, a JS object literal).
_JS_PAIR = re.compile(r"""(?<![\w$"'.])([A-Za-z_$][\w$]{0,60})\s{0,4}:\s{0,4}(?:'([^'\r\n]{1,256})'|"([^"\r\n]{1,256})")""")
#: ``var name = "value"`` (also let/const, and ``name: "value"`` is _JS_PAIR).
_JS_VAR = re.compile(r"""\b(?:var|let|const)\s{1,8}([A-Za-z_$][\w$]{0,60})\s{0,4}=\s{0,4}(?:'([^'\r\n]{0,256})'|"([^"\r\n]{0,256})")""")
_META = re.compile(r"""(?i)<meta\s{1,8}(?:name|property)\s{0,4}=\s{0,4}["']([\w.:-]{1,40})["']\s{1,8}content\s{0,4}=\s{0,4}["']([^"'<>]{1,256})["']""")


def js_object_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of an object dump with bare keys: ``{ Manufacturer: 'HIKVISION', ... }``."""
    out: list[tuple[str, str]] = []
    for m in _JS_PAIR.finditer(text[:MAX_SHAPE_CHARS]):
        value = (m.group(2) if m.group(2) is not None else m.group(3)).strip()
        if value:
            out.append((m.group(1), value))
        if len(out) >= MAX_SHAPE_PAIRS:
            break
    return out


def page_script_fields(fields: Fields, prefix: str, text: str) -> None:
    """``var name = "value"`` of a page's inline scripts as ``<prefix>.js.<name>``,
    ``<meta name="x" content="y">`` as ``<prefix>.meta.<x>``, two-cell table rows as ``<prefix>.kv.<Key>``."""
    t = text[:MAX_SHAPE_CHARS]
    n = 0
    if "var " in t or "let " in t or "const " in t:
        for m in _JS_VAR.finditer(t):
            value = (m.group(2) if m.group(2) is not None else m.group(3)).strip()
            if value:
                add(fields, f"{prefix}.js.{m.group(1)}", value)
                n += 1
            if n >= MAX_SHAPE_PAIRS:
                return
    if "<tr" in t or "<TR" in t:
        for key, value in html_table_pairs(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if (":" in t and ("<br" in t or "<BR" in t or "</" in t)) or "<dd" in t or "<DD" in t:
        for key, value in page_text_pairs(t):
            if value not in fields.get(f"{prefix}.kv.{key}", ()):
                add(fields, f"{prefix}.kv.{key}", value)
    if "<meta" in t or "<META" in t:
        for m in _META.finditer(t):
            add(fields, f"{prefix}.meta.{m.group(1)}", m.group(2).strip())
            n += 1
            if n >= MAX_SHAPE_PAIRS:
                return


# ------------------------------------------------------------------ snmpwalk / snmpget / snmprec

# netscan.parsers.snmp reads every SNMP shape (snmpwalk, snmpsim recordings, SnmpWalk.exe)

# ------------------------------------------------------------------ nmap normal output

_NMAP_PORT = re.compile(r"^(\d{1,5})/(tcp|udp|sctp)\s{1,40}(open|open\|filtered)\s{1,40}(\S{1,60})(?:\s{1,40}(\S.{0,400}))?$")
_NMAP_SCRIPT = re.compile(r"^\|_?\s?([a-z][a-z0-9-]{1,40}):\s{0,4}(.{0,1000})$")
_NMAP_HINT = re.compile(r"(?m)^(?:\d{1,5}/(?:tcp|udp)\s+open\b|\|_?\s?[a-z][a-z0-9-]{1,40}:|Nmap scan report for |Service Info: |Host: \S{1,64} \()")
#: One port of a grepable (``-oG``) ``Ports:`` list: port/state/protocol/owner/service/rpc info/version/.
_NMAP_GREP_PORT = re.compile(r"(\d{1,5})/(open|open\|filtered)/(tcp|udp|sctp)/[^/,]{0,60}/([^/,]{0,60})/[^/,]{0,60}/([^/]{0,400})/")
_NO_TITLE = ("Site doesn't have a title", "Did not follow redirect")


def _script_block(fields: Fields, script: str, first: str, rest: list[str]) -> None:
    if script == "http-title" and first and not first.startswith(_NO_TITLE):
        add(fields, "http.title", first)
    elif script == "http-server-header":
        for v in [first, *rest]:
            if v:
                add(fields, "http.header.server", v)
    elif script == "http-headers":
        for v in rest:
            name, colon, value = v.partition(":")
            if colon and name and " " not in name.strip() and value.strip():
                add(fields, f"http.header.{name.strip().lower()}", value.strip())
    elif script == "snmp-sysdescr" and first:
        add(fields, "snmp.sysDescr", first)
    elif script in ("banner", "telnet-banner", "ftp-banner") and first:
        add(fields, "other.banner", first)
    elif script == "fingerprint-strings":
        _fingerprint_strings(fields, rest)
    elif script in ("upnp-info", "broadcast-upnp-info"):
        _upnp_info(fields, rest)


#: The labels nselib/upnp.lua prints for a description's root device and the element each is.
_UPNP_INFO = {"Name": "friendlyName", "Manufacturer": "manufacturer", "Model Descr": "modelDescription",
              "Model Name": "modelName", "Model Version": "modelNumber"}


def _upnp_info(fields: Fields, lines: list[str]) -> None:
    """nmap's ``upnp-info`` block: ``Server: X`` (the SSDP answer's header) and the first device's
    ``Name:`` / ``Manufacturer:`` / ``Model Descr:`` / ``Model Name:`` / ``Model Version:`` lines as the
    description's elements (``upnp.<element>``); a label seen again starts another device: not read."""
    seen: set[str] = set()
    for ln in lines[:64]:
        label, colon, value = ln.strip().partition(": ")
        if not colon or not value.strip():
            continue
        if label == "Server" and not seen:
            add(fields, "ssdp.header.server", value.strip())
        elif label in _UPNP_INFO:
            if label in seen:
                break
            seen.add(label)
            add(fields, f"upnp.{_UPNP_INFO[label]}", value.strip())


def _fingerprint_strings(fields: Fields, lines: list[str]) -> None:
    """``fingerprint-strings`` blocks (one per probe, the reply indented below it): a reply that
    starts with a status line gives its server and challenge headers."""
    from netscan.parsers.http import _STATUS, parse_message  # noqa: PLC0415 (http imports this module)

    blocks: list[list[str]] = []
    for ln in lines:
        if ln.rstrip().endswith(":") and not ln.startswith(" "):  # "GetRequest:", "DNSStatusRequest, GenericLines:"
            blocks.append([])
        elif blocks:
            blocks[-1].append(ln.strip())
    for block in blocks[:16]:
        if not block or not _STATUS.match(block[0]):
            continue
        msg = parse_message("\r\n".join(block) + "\r\n\r\n")
        proto = msg.proto.lower()
        for k in ("server", "www-authenticate"):
            v = msg.header(k)
            if v:
                add(fields, f"{proto}.header.{k}", v)


def nmap_fields(fields: Fields, text: str) -> None:
    """Fields of nmap's normal (``-oN``) output (see module docstring)."""
    t = text[:MAX_SHAPE_CHARS]
    if _NMAP_HINT.search(t) is None:
        return
    script: str | None = None
    first = ""
    rest: list[str] = []
    for raw_line in t.split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES]:
        line = raw_line[:MAX_SHAPE_LINE].rstrip("\r")
        if line.startswith("|"):
            body = line[2:] if line[1:2] in ("_", " ") else line[1:]
            m = _NMAP_SCRIPT.match(line) if not body.startswith(" ") else None
            if m is not None:
                if script is not None:
                    _script_block(fields, script, first, rest)
                script, first, rest = m.group(1), m.group(2).strip(), []
            elif script is not None:
                rest.append(body[2:] if body.startswith("  ") else body.strip())
            continue
        if script is not None:
            _script_block(fields, script, first, rest)
            script, rest = None, []
        s = line.strip()
        if s.startswith("Host: ") and "\tPorts: " in s:  # grepable output: one line per host
            for g in _NMAP_GREP_PORT.finditer(s[s.index("\tPorts: ") :]):
                add(fields, "nmap.port", f"{g.group(1)}/{g.group(3)} {g.group(4) or 'unknown'}")
                if g.group(5).strip():
                    add(fields, "nmap.service", g.group(5).strip())
            continue
        m = _NMAP_PORT.match(s)
        if m is not None:
            add(fields, "nmap.port", f"{m.group(1)}/{m.group(2)} {m.group(4)}")
            if m.group(5):
                add(fields, "nmap.service", m.group(5).strip())
        elif s.startswith("Service Info:"):
            for part in s[13:].split(";"):
                k, _, v = part.strip().partition(":")
                k, v = k.strip().lower(), v.strip()
                if v and k in ("device", "os", "cpe", "host"):
                    add(fields, f"nmap.{'devicetype' if k == 'device' else k}", v)
        elif s.startswith("Device type:"):
            for v in s[12:].split("|"):
                if v.strip():
                    add(fields, "nmap.devicetype", v.strip())
        elif s.startswith("MAC Address:"):
            add(fields, "nmap.mac", s[12:].strip().split(" ", 1)[0])
    if script is not None:
        _script_block(fields, script, first, rest)
    if "\nSF:" in t:
        _service_fingerprint(fields, t)


def _service_fingerprint(fields: Fields, text: str) -> None:
    """nmap's fingerprint of a service it did not recognise, as normal output prints it
    (``SF-Port80-TCP:V=...`` then ``SF:`` lines holding ``%r(GetRequest,1FF,"HTTP/1.0 401 ...")``,
    the same data as the XML's ``servicefp``): each reply that starts with a status line gives its
    server and challenge headers, as a ``fingerprint-strings`` block does."""
    from netscan.nmapxml import servicefp_replies  # noqa: PLC0415 (only for this shape)
    from netscan.parsers.http import _STATUS, parse_message  # noqa: PLC0415 (http imports this module)

    sf = "\n".join(ln.strip() for ln in text.split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES] if ln.lstrip().startswith("SF:"))
    for _probe, reply in servicefp_replies(sf)[:16]:
        if not _STATUS.match(reply.split("\n", 1)[0].strip()):
            continue
        msg = parse_message(reply.split("\r\n\r\n", 1)[0] + "\r\n\r\n")
        proto = msg.proto.lower()
        for k in ("server", "www-authenticate"):
            v = msg.header(k)
            if v:
                add(fields, f"{proto}.header.{k}", v)


# ------------------------------------------------------------------ ffmpeg / ffprobe

_FF_INPUT = re.compile(r"(?m)^Input #\d{1,3}, rtsp, from ")
_FF_META = re.compile(r"^(\s{2,12})([A-Za-z_][\w-]{0,40})\s{0,40}:\s?(.{0,1000})$")
_FF_TRACE = re.compile(r"^\[rtsp @ (?:0x)?[0-9a-fA-F]{1,16}\] line='(.{0,2000})'\s*$")
#: ffmpeg's stream line of an input (``Stream #0:1: Audio: pcm_mulaw, 8000 Hz, ...``): kind and codec.
_FF_STREAM = re.compile(r"^\s{0,12}Stream #\d{1,3}:\d{1,3}\S{0,24}: (Video|Audio|Data): ([a-z][\w]{0,24})(?:[ ,(]|$)")
#: ffmpeg's codec names -> the RTP encoding names an SDP gives them (RFC 3551, 6184, 7798), as
#: ``rtsp.sdp.media`` is written from an SDP; other codecs keep ffmpeg's name.
_FF_CODECS = {"h264": "H264/90000", "hevc": "H265/90000", "mjpeg": "JPEG/90000", "mpeg4": "MP4V-ES/90000",
              "pcm_mulaw": "PCMU/8000", "pcm_alaw": "PCMA/8000", "adpcm_g726": "G726-32/8000", "aac": "MPEG4-GENERIC"}


def ffmpeg_fields(fields: Fields, text: str) -> None:
    """``rtsp.sdp.session`` / ``rtsp.sdp.info`` from ffmpeg's Metadata block of an RTSP input,
    ``rtsp.sdp.media`` from its stream lines (``video H264/90000``, ``audio PCMU/8000``), and
    the reply lines of ``-v trace`` as ``rtsp.header.*`` / ``rtsp.status``."""
    t = text[:MAX_SHAPE_CHARS]
    lines = t.split("\n", MAX_SHAPE_LINES)[:MAX_SHAPE_LINES]
    inp = _FF_INPUT.search(t)
    if inp is not None:
        start = t.count("\n", 0, inp.start())
        in_meta = False
        streams = 0
        for line in lines[start + 1 : start + 60]:
            line = line.rstrip("\r")
            if line.strip() == "Metadata:":
                in_meta = not streams  # a stream's own Metadata block is not the session's
                continue
            st = _FF_STREAM.match(line)
            if st is not None:  # the streams the RTSP input offered, as the SDP's m= sections
                in_meta = False
                streams += 1
                codec = st.group(2)
                add(fields, "rtsp.sdp.media", f"{st.group(1).lower()} {_FF_CODECS.get(codec, codec)}")
                continue
            m = _FF_META.match(line)
            if not in_meta or m is None or len(m.group(1)) < 4:
                in_meta = False
                continue
            key, value = m.group(2).lower(), m.group(3).strip()
            if key == "title" and value:
                add(fields, "rtsp.sdp.session", value)
            elif key == "comment" and value:
                add(fields, "rtsp.sdp.info", value)
    if fields.get("rtsp.sdp.media") and "rtsp.sdp.streams" not in fields:
        add(fields, "rtsp.sdp.streams", ", ".join(fields["rtsp.sdp.media"][:8]))
    if "line='" in t:
        reply = [m.group(1) for ln in lines if (m := _FF_TRACE.match(ln.rstrip("\r"))) is not None]
        if reply:
            from netscan.parsers.http import _STATUS, parse_message  # noqa: PLC0415 (http imports this module)

            starts = [i for i, ln in enumerate(reply) if _STATUS.match(ln)]
            for s, e in zip(starts[:8], [*starts[1:9], len(reply)]):
                msg = parse_message("\r\n".join(reply[s:e]) + "\r\n\r\n")
                if msg.status is not None:
                    add(fields, "rtsp.status", msg.status)
                for k, v in msg.headers:
                    add(fields, f"rtsp.header.{k.lower()}", v)


# ------------------------------------------------------------------ all of them

#: The start of a line only a tool writes (ffmpeg's ``[rtsp @ 0x...]`` log and ``Input #0``, nmap's
#: report): such text is read as that tool's output, not as an exchange quoted inside it.
_TOOL_LINE = re.compile(r"(?m)^(?:\[rtsp @ (?:0x)?[0-9a-fA-F]{1,16}\] |Input #\d{1,3}, rtsp, from |Nmap scan report for |PORT {1,10}STATE {1,10}SERVICE\b)")


def is_tool_output(text: str) -> bool:
    """True when ``text`` is ffmpeg's or nmap's output (a line only they write, in the first 64 KiB)."""
    return _TOOL_LINE.search(text, 0, 65536) is not None


def tool_fields(fields: Fields, prefix: str, text: str, tables: bool = True) -> None:
    """Every reader above over ``text`` (a fragment's text, a banner): tool outputs under their
    own field names, tables as ``<prefix>.kv.*`` (unless ``tables`` is false: the text is an SDP or a
    parsed document), object dumps as ``<prefix>.json.*``. Cheap
    tests first: a reader runs only when its tell is in the text (a tell holding a rarer character after a test
    for that character alone: a memchr, many times faster than a longer needle's search)."""
    t = text[:MAX_SHAPE_CHARS]
    if " = " in t or "sys" in t or "entPhysical" in t or "hrDevice" in t or "|" in t or "OID=" in t or "1.3.6.1." in t \
            or ("<" in t and "<AUTHSNMP>" in t) or ONESIXTYONE_HINT.match(t) is not None or t.find("SNMPVariable value=", 0, 8192) >= 0 \
            or t.find("System information:", 0, 8192) >= 0:
        snmp_fields(fields, t)
    if "/tcp" in t or "/udp" in t or "\n|" in t or t.startswith("|") or "Service Info:" in t:
        nmap_fields(fields, t)
    if ("#" in t and "Input #" in t) or ("[" in t and "[rtsp @" in t):
        ffmpeg_fields(fields, t)
    if tables and t.count("\n") >= 3:
        for key, value in label_value_lines(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if tables and (t[:2] in ("##", "**") or ("#" in t and "\n##" in t) or ("*" in t and "\n**" in t)):  # (t is already cut to MAX_SHAPE_CHARS: no copy of it)
        for key, value in heading_value_pairs(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if tables and (":" in t or "=" in t or "|" in t or "..." in t or ". . ." in t):
        for key, value in table_pairs(t):
            add(fields, f"{prefix}.kv.{key}", value)
        if t.count("=") >= 2:
            for key, value in inline_pairs(t):
                add(fields, f"{prefix}.kv.{key}", value)
        if "var " in t or "let " in t or "const " in t or ("<" in t and ("<tr" in t or "<TR" in t)):
            page_script_fields(fields, prefix, t)
        if ";" in t and _DEVICE_ID_HINT.search(t) is not None:
            for key, value in device_id_pairs(t):
                add(fields, f"{prefix}.kv.{key}", value)
    if tables and ("'" in t or '"' in t) and "{" in t:
        for key, value in js_object_pairs(t):
            add(fields, f"{prefix}.json.{key}", value)
