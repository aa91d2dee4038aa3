"""Prints of a device's answers and values that client libraries, packet tools and language runtimes
write in their own shapes (docs/observations.md "Shapes other tools print"). Each reader recognises
a print's layout -- never the device it names -- and hands what it holds to the readers of the
shape it stands for:

- an answer kept as a string literal inside a line (scapy's ``Packet.show()``: ``load      =
  'HTTP/1.1 401 Unauthorized\\r\\nServer: ...'``; its ``repr``: ``<Raw  load='HTTP/1.1 ...' |>``; a
  Python log's ``b'RTSP/1.0 401 ...\\r\\n...'``; a JSON record's string member holding the banner it
  grabbed, as Shodan's ``data``): the literal's escapes undone and the answer read as the exchange
  it was (status line, header lines, body). Only a literal that starts with a status line and
  holds a written-out line end is read: a status line quoted in a sentence is not an answer;
- an answer whose status line follows a log line's prefix, its header lines below it unprefixed (Go's
  ``log.Printf`` of ``httputil.DumpResponse``: ``2024/01/01 10:00:00 HTTP/1.1 401 Unauthorized`` then
  ``Server: X``), read from its status line when a standard header name opens the next line;
- SNMP values as other tools print them, rewritten as net-snmp lines for the SNMP reader
  (netscan/parsers/snmp.py): easysnmp's ``SNMPVariable`` repr (easysnmp/variables.py
  ``__repr__``: ``<SNMPVariable value='X' (oid='sysDescr', oid_index='0', snmp_type='OCTETSTR')>``),
  onesixtyone's answer line (onesixtyone.c: ``<ip> [<community>] <sysDescr>``: the tool asks for
  sysDescr.0 only), gosnmp's ``SnmpPDU`` printed with ``%+v`` (``{Name:.1.3.6.1.2.1.1.1.0 Type:OctetString
  Value:[76 105 110 117 120]}``: the bytes as decimals) and snmp-check's / Metasploit snmp_enum's ``System information`` block
  (``Description : X``, ``Hostname : Y``, ``Contact``, ``Location``);
- PHP's ``var_dump`` (``["model"]=>`` then ``string(14) "DS-2CD2042WD-I"`` on the next line: the
  PHP manual's var_dump), whose values the ``key => value`` reader cannot see;
- C# record and anonymous-type ``ToString()`` (``DeviceInfo { Manufacturer = X, Model = Y }``:
  Microsoft's C# reference, "Records: built-in formatting for display") and Lua table literals
  (``{ model = "X", firmware = "Y" }``): the values unquoted, each running to the next ``, Key =``;
- a table whose header is underlined by runs of dashes, with ONE data row (PowerShell's
  ``Format-Table``: ``Manufacturer Model`` / ``------------ -----`` / ``HIKVISION    DS-...``; SQL
  clients print the same): each column's cell, cut at the dash runs' columns, under its header's
  name; several data rows are a list of devices, none of them this one: nothing;
- .NET's ``HttpResponseMessage.ToString()`` (``StatusCode: 401, ReasonPhrase: 'Unauthorized', Version:
  1.1, Content: ..., Headers:`` and the headers between braces, one an indented line: System.Net.Http);
- Nikto's text report (``+ Server: X``, ``+ Retrieved x-powered-by header: Y`` under ``+ Target IP:``);
- HTTP probers' and IDS records that keep an answer's parts as JSON members: ProjectDiscovery
  httpx's ``-json`` lines (``"webserver"``, ``"title"``, ``"status_code"`` beside ``"url"``) and
  Suricata's EVE ``http`` events (``"status"``, ``"response_headers": [{"name": ..., "value": ...}]``
  with ``dump-all-headers``), and Zeek's ``software.log`` records of an HTTP server (``"software_type":
  "HTTP::SERVER"``, ``"unparsed_version": "lighttpd/1.4.18"``: base/frameworks/software): the answer's status,
  ``Server`` header and other headers, title.

Every reader is capped in characters, lines and pairs; patterns are bounded character classes, and
nothing here raises on hostile input (the callers also guard).
"""

from __future__ import annotations

import json
import re
from typing import Any

from netscan.parsers._util import Fields, add, unescape

#: Longest text looked at, most answers / pairs read from one text.
MAX_TEXT = 256 * 1024
MAX_ANSWERS = 8
MAX_PAIRS = 100
MAX_LINES = 4000
#: Longest literal (its escaped text) read as an answer.
MAX_LITERAL = 64 * 1024

# ------------------------------------------------------------------ answers inside string literals

#: A literal that opens with a status line: the quote (and a bytes/unicode prefix) before it.
_LITERAL_START = re.compile(r"""(?<![\w\\])(?:[bBuU]?)(['"])(?=(?:HTTP|RTSP)/\d\.\d \d{3}[ \\])""")
_LITERAL_BODY = {"'": re.compile(r"(?:[^'\\\n]++|\\.){0,65536}+'?"), '"': re.compile(r'(?:[^"\\\n]++|\\.){0,65536}+"?')}
_STATUS_LINE = re.compile(r"^((?:HTTP|RTSP)/\d\.\d) (\d{3})(?: ([^\r\n]{0,200}))?$")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]{0,63}):[ \t]{0,8}([^\r\n]{0,4000})$")


def answer_parts(text: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """(status line, header pairs, body) of an answer's text, or None when it does not start with a
    status line."""
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    lines = head.split("\n", 200)[:200]
    if _STATUS_LINE.match(lines[0].rstrip()) is None:
        return None
    pairs: list[tuple[str, str]] = []
    for line in lines[1:]:
        m = _HEADER_LINE.match(line.rstrip())
        if m is None:
            break  # a line that is no header line ends the head (a cut record)
        pairs.append((m.group(1), m.group(2).strip()))
    return lines[0].rstrip(), pairs[:MAX_PAIRS], body if sep else ""


def _answer(fields: Fields, head: str, pairs: list[tuple[str, str]], body: str) -> None:
    from netscan.parsers.wirerec import _answer as wire_answer  # noqa: PLC0415 (wirerec is imported with toolout)

    wire_answer(fields, head, pairs, body)


def literal_answer_fields(fields: Fields, text: str) -> None:
    """Each string literal in ``text`` that holds an answer (see the module's doc), read as that exchange."""
    t = text[:MAX_TEXT]
    answers = 0
    for m in _LITERAL_START.finditer(t):
        body_rx = _LITERAL_BODY[m.group(1)]
        lit = body_rx.match(t, m.end())
        if lit is None:
            continue
        raw = lit.group(0)
        if raw.endswith(m.group(1)) and not raw.endswith("\\" + m.group(1)):
            raw = raw[:-1]
        if "\\n" not in raw[:MAX_LITERAL]:
            continue  # one status line quoted in a sentence: no answer
        parts = answer_parts(unescape(raw[:MAX_LITERAL], nul=True))
        if parts is None or not parts[1]:
            continue
        _answer(fields, *parts)
        answers += 1
        if answers >= MAX_ANSWERS:
            return


# ------------------------------------------------------------------ an answer after a log line's prefix

_STATUS_AT = re.compile(r"(?:HTTP|RTSP)/\d\.\d \d{3}(?: [^\r\n]{0,200})?\r?(?:\n|$)")
#: Header names that open an answer's head (one of them right below the status line).
_FIRST_HEADERS = frozenset({"server", "www-authenticate", "date", "cseq", "content-length", "content-type", "connection",
                            "cache-control", "set-cookie", "location", "public", "content-base", "transfer-encoding", "x-frame-options"})


def prefixed_answer_fields(fields: Fields, text: str) -> None:
    """An answer whose status line follows a log line's prefix and whose header lines follow it
    unprefixed (Go's ``log.Printf("%s", httputil.DumpResponse(...))``: ``2024/01/01 10:00:00 HTTP/1.1 401
    Unauthorized`` then ``Server: X``): read from its status line as that exchange; a standard header
    name must open the next line (a status line quoted in a sentence is not an answer)."""
    t = text[:MAX_TEXT]
    answers = 0
    for needle in (" HTTP/", " RTSP/"):
        pos = 0
        for _ in range(64):
            at = t.find(needle, pos)
            if at < 0:
                break
            at += 1
            pos = at + 5
            if t[at + 8 : at + 9] != " " or _STATUS_AT.match(t, at) is None:
                continue  # no status line here (a request line's version, a URL)
            line_start = t.rfind("\n", max(0, at - 161), at) + 1
            if at - line_start > 160 or (line_start == 0 and at > 160):
                continue
            parts = answer_parts(t[at : at + MAX_LITERAL])
            if parts is None or not parts[1] or parts[1][0][0].lower() not in _FIRST_HEADERS:
                continue
            _answer(fields, *parts)
            answers += 1
            if answers >= MAX_ANSWERS:
                return


# ------------------------------------------------------------------ SNMP values other tools print

_EASYSNMP = re.compile(
    r"<\w{0,40}SNMPVariable value=(?:u?'((?:[^'\\\n]|\\.){0,4000})'|u?\"((?:[^\"\\\n]|\\.){0,4000})\"|None) "
    r"\(oid=u?'([^'\n]{1,300})', oid_index=u?'([^'\n]{0,100})', snmp_type=u?'([A-Za-z0-9]{1,20})'\)>")
#: easysnmp's type names (net-snmp's) and the net-snmp print's type each stands for.
_EASY_TYPES = {"OCTETSTR": "STRING", "OBJECTID": "OID", "INTEGER": "INTEGER", "INTEGER32": "INTEGER", "UNSIGNED32": "Gauge32",
               "COUNTER": "Counter32", "COUNTER64": "Counter64", "GAUGE": "Gauge32", "TICKS": "Timeticks", "UINTEGER": "INTEGER",
               "IPADDR": "IpAddress", "NETADDR": "IpAddress"}
#: onesixtyone's output: its banner line at most, then an answer line (cheap, anchored).
ONESIXTYONE_HINT = re.compile(r"(?:Scanning \d{1,9} hosts, \d{1,9} communities\r?\n)?\d{1,3}(?:\.\d{1,3}){3} \[[^\]\s]{0,64}\] ")
_ONESIXTYONE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3}) \[([^\]\s]{0,64})\] ([^\r\n]{1,2000})$")
#: snmp-check's (and Metasploit snmp_enum's) System information labels and the object each prints.
_SNMPCHECK_LABELS = {"Description": "sysDescr", "Hostname": "sysName", "Contact": "sysContact", "Location": "sysLocation"}
_SNMPCHECK_LINE = re.compile(r"^[ \t]{0,8}(Host IP(?: address)?|Hostname|Description|Contact|Location|Uptime [a-z]{1,8}|System date|Domain)"
                             r"[ \t]{1,60}:[ \t]{0,4}([^\r\n]{0,2000})$")


#: gosnmp's SnmpPDU printed with ``%+v`` (gosnmp.go: Name, Type, Value; older releases Value first): an
#: OctetString's bytes as a decimal list, an ObjectIdentifier as its dotted text.
_GOSNMP = (re.compile(r"\{Name:(\.?\d[\d.]{0,300}) Type:(OctetString|ObjectIdentifier) Value:(\[[\d ]{0,12000}\]|\.?\d[\d.]{0,300})\}"),
           re.compile(r"\{Value:(\[[\d ]{0,12000}\]|\.?\d[\d.]{0,300}) Name:(\.?\d[\d.]{0,300}) Type:(OctetString|ObjectIdentifier)\}"))


def _go_bytes(value: str) -> str | None:
    if not value.startswith("["):
        return value
    try:
        data = bytes(int(b) for b in value[1:-1].split()[:4000])
    except ValueError:  # a number above 255: no byte list
        return None
    text = data.decode("utf-8", "replace")
    return text if text.isprintable() or all(c.isprintable() or c in "\r\n\t" for c in text) else None


def _snmp_line(oid: str, kind: str, value: str) -> str:
    if kind == "STRING":
        value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if "::" not in oid and not oid.lstrip(".")[:1].isdigit() and not oid.startswith("iso."):
        oid = "SNMPv2-MIB::" + oid if oid.split(".", 1)[0] in _SNMPCHECK_LABELS.values() or oid.startswith("sys") else oid
    return f"{oid} = {kind}: {value}"


def snmp_print_lines(text: str) -> str | None:
    """net-snmp lines (``SNMPv2-MIB::sysDescr.0 = STRING: "X"``) of the SNMP values other tools printed
    in ``text`` (see the module's doc), or None when it holds none."""
    t = text[:MAX_TEXT]
    out: list[str] = []
    if t.find("SNMPVariable value=", 0, 8192) >= 0:
        for m in _EASYSNMP.finditer(t):
            kind = _EASY_TYPES.get(m.group(5).upper())
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if kind is None or value is None:
                continue
            oid, index = m.group(3), m.group(4)
            out.append(_snmp_line(f"{oid}.{index}" if index else oid, kind, unescape(value, nul=True)))
            if len(out) >= MAX_PAIRS:
                break
    if t.find("Type:", 0, 8192) >= 0 and ("{Name:" in t or "{Value:" in t):
        for n, rx in enumerate(_GOSNMP):
            for g in rx.finditer(t):
                oid, kind, value = (g.group(1), g.group(2), g.group(3)) if n == 0 else (g.group(2), g.group(3), g.group(1))
                if len(out) >= MAX_PAIRS:
                    break
                decoded = _go_bytes(value)
                if decoded is not None:
                    out.append(_snmp_line(oid, "STRING" if kind == "OctetString" else "OID", decoded))
    if ONESIXTYONE_HINT.match(t) is not None:
        hosts: set[str] = set()
        descr: list[str] = []
        for line in t.split("\n", MAX_LINES)[:MAX_LINES]:
            a = _ONESIXTYONE.match(line.rstrip("\r"))
            if a is not None:
                hosts.add(a.group(1))
                descr.append(a.group(3).strip())
        if len(hosts) == 1 and descr:  # answers of several hosts are a network's: none of them this one
            out.extend(_snmp_line("sysDescr.0", "STRING", d) for d in dict.fromkeys(descr))
    at = t.find("System information:", 0, 8192)
    if at >= 0:
        lines = t[at : at + 16384].split("\n", 40)[1:40]
        seen = False
        for line in lines:
            line = line.rstrip("\r")
            if not line.strip():
                if seen:
                    break
                continue
            c = _SNMPCHECK_LINE.match(line)
            if c is None:
                break
            seen = True
            name = _SNMPCHECK_LABELS.get(c.group(1))
            value = c.group(2).strip()
            if name is not None and value and value != "-":
                out.append(_snmp_line(f"{name}.0", "STRING", value))
    return "\n".join(out) + "\n" if out else None


# ------------------------------------------------------------------ language runtimes' prints

_VAR_DUMP_KEY = re.compile(r'^[ \t]{0,40}\["([A-Za-z_][\w .-]{0,60})"(?::"?[\w\\]{1,60}"?(?::private|:protected)?)?\]=>[ \t]*$')
_VAR_DUMP_STRING = re.compile(r'^[ \t]{0,40}string\(\d{1,6}\) "(.{0,2000})"[ \t]*$')


def var_dump_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of PHP ``var_dump`` string members: ``["model"]=>`` and ``string(N) "X"`` below it."""
    out: list[tuple[str, str]] = []
    lines = text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]
    for i, line in enumerate(lines[:-1]):
        if '"]=>' not in line:
            continue
        k = _VAR_DUMP_KEY.match(line.rstrip("\r"))
        if k is None:
            continue
        v = _VAR_DUMP_STRING.match(lines[i + 1].rstrip("\r"))
        if v is not None and v.group(1).strip():
            out.append((k.group(1), v.group(1).strip()))
            if len(out) >= MAX_PAIRS:
                break
    return out


#: ``{ Key = value, Key = value }`` (C# records and anonymous types, Lua tables): the brace's content.
_BRACE_ASSIGN = re.compile(r"\{ ([A-Za-z_]\w{0,60} = [^{}\r\n]{1,4000}?) \}")
_ASSIGN_SPLIT = re.compile(r", (?=[A-Za-z_]\w{0,60} = )")
_ASSIGN = re.compile(r"^([A-Za-z_]\w{0,60}) = (.{1,2000})$")


def brace_assign_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of ``{ Key = value, ... }`` groups with two pairs or more (see the module's doc)."""
    out: list[tuple[str, str]] = []
    for m in _BRACE_ASSIGN.finditer(text[:MAX_TEXT]):
        items = _ASSIGN_SPLIT.split(m.group(1))
        if len(items) < 2:
            continue
        for item in items[:MAX_PAIRS]:
            a = _ASSIGN.match(item.strip())
            if a is None:
                continue
            value = a.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value and value not in ("null", "nil", "\"\""):
                out.append((a.group(1), value))
        if len(out) >= MAX_PAIRS:
            break
    return out[:MAX_PAIRS]


_DASH_ROW = re.compile(r"^[ \t]{0,8}-{2,200}(?: {1,80}-{2,200}){1,40}[ \t]*$")


def dashed_table_pairs(text: str) -> list[tuple[str, str]]:
    """(column name, cell) of a table with ONE data row under a dash-underlined header (see the
    module's doc)."""
    lines = text[:MAX_TEXT].replace("\r\n", "\n").split("\n", MAX_LINES)[:MAX_LINES]
    out: list[tuple[str, str]] = []
    tables = 0
    for i, line in enumerate(lines):
        if i == 0 or "--" not in line or _DASH_ROW.match(line) is None:
            continue
        tables += 1
        if tables > 1:
            return []  # several tables: a report of many things
        head = lines[i - 1]
        spans = [(m.start(), m.end()) for m in re.finditer(r"-{2,200}", line)]
        data = []
        for row in lines[i + 1 : i + 4]:
            if not row.strip():
                break
            data.append(row)
        if len(data) != 1:
            return []  # no row, or a list of devices
        row = data[0]
        names = []
        for n, (start, _end) in enumerate(spans):
            stop = spans[n + 1][0] if n + 1 < len(spans) else None
            name = head[start:stop].strip() if stop is not None else head[start:].strip()
            if not re.fullmatch(r"[A-Za-z][\w .-]{0,60}", name) or name.count(" ") > 3:
                return []
            cell = row[start:stop].strip() if stop is not None else row[start:].strip()
            names.append((name, cell))
        out = [(k, v) for k, v in names if v]
    return out


# ------------------------------------------------------------------ HTTP probers' and IDS JSON records

def _records(text: str) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    t = text[:MAX_TEXT].strip()
    try:
        doc = json.loads(t)
        candidates = doc if isinstance(doc, list) else [doc]
    except (ValueError, RecursionError):
        candidates = []
        for line in t.split("\n", 64)[:64]:
            line = line.strip()
            if line.startswith("{"):
                try:
                    candidates.append(json.loads(line))
                except (ValueError, RecursionError):
                    continue
    for c in candidates[:MAX_ANSWERS * 4]:
        if isinstance(c, dict):
            docs.append(c)
    return docs


def _host(doc: dict[str, Any]) -> str:
    for key in ("host", "input", "dest_ip", "src_ip", "ip"):
        v = doc.get(key)
        if isinstance(v, str):
            return v
    return ""


def prober_record_fields(fields: Fields, text: str) -> None:
    """httpx ``-json`` results and Suricata EVE ``http`` events (see the module's doc): each answer of
    one host as the exchange it was."""
    records = [r["software"] if isinstance(r.get("software"), dict) and len(r) == 1 else r for r in _records(text)]
    hosts = {_host(d) for d in records if "webserver" in d or "url" in d or d.get("event_type") == "http" or "software_type" in d}
    if len(hosts) > 1:
        return  # several hosts: a network's answers, none of them this one
    answers = 0
    for doc in records:
        pairs: list[tuple[str, str]] = []
        status: Any = None
        title = ""
        if "url" in doc and ("webserver" in doc or "status_code" in doc) and ("input" in doc or "host" in doc):  # httpx
            if isinstance(doc.get("webserver"), str) and doc["webserver"]:
                pairs.append(("Server", doc["webserver"]))
            status = doc.get("status_code")
            title = doc["title"] if isinstance(doc.get("title"), str) else ""
        elif doc.get("event_type") == "http" and isinstance(doc.get("http"), dict):  # Suricata EVE
            http = doc["http"]
            status = http.get("status")
            headers = http.get("response_headers")
            if isinstance(headers, list):
                for h in headers[:MAX_PAIRS]:
                    if isinstance(h, dict) and isinstance(h.get("name"), str) and isinstance(h.get("value"), str):
                        pairs.append((h["name"], h["value"]))
            for key, name in (("server", "Server"), ("www_authenticate", "WWW-Authenticate")):
                if isinstance(http.get(key), str) and all(n.lower() != name.lower() for n, _ in pairs):
                    pairs.append((name, http[key]))
        elif doc.get("software_type") == "HTTP::SERVER" and isinstance(doc.get("unparsed_version"), str):  # Zeek software.log
            if doc["unparsed_version"].strip():
                add(fields, "http.header.server", " ".join(doc["unparsed_version"].split())[:1000])
            continue
        else:
            continue
        if not isinstance(status, int) or not 100 <= status <= 599 or not (pairs or title):
            continue
        body = f"<html><head><title>{_escape_title(title)}</title></head></html>" if title else ""
        _answer(fields, f"HTTP/1.1 {status}", [(n, v.replace("\r", " ").replace("\n", " ")) for n, v in pairs], body)
        answers += 1
        if answers >= MAX_ANSWERS:
            return


def _escape_title(title: str) -> str:
    return title[:512].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------ recorded HTTP fixtures

#: Most objects of a fixture document walked, deepest nesting walked, most answers read.
MAX_NODES = 2000
MAX_DEPTH = 8
_FIXTURE_START = re.compile(r"\A(?:---[ \t]*\r?\n)?(?:version:[ \t]{0,4}\d{1,3}[ \t]*\r?\n)?(?:http_interactions|interactions|responses):[ \t]*\r?\n")


def _int_status(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 100 <= value <= 599:
        return value
    if isinstance(value, str) and re.fullmatch(r"[1-5]\d\d(?: [^\r\n]{0,100})?", value.strip()):
        return int(value.strip()[:3])
    return None


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _fixture_headers(node: dict[str, Any]) -> list[tuple[str, str]]:
    """A recorded answer's headers in the shapes fixture recorders keep them: a map of a name to a value
    or a list of values (vcrpy, Ruby VCR, Betamax, go-vcr, WireMock, responses), a list of
    ``{name|key, value}`` objects (HAR, Postman), nock's flat ``rawHeaders`` list."""
    pairs: list[tuple[str, str]] = []
    headers = node.get("headers", node.get("header"))
    if isinstance(headers, dict):
        for name, values in list(headers.items())[:MAX_PAIRS]:
            for v in (values if isinstance(values, list) else [values])[:8]:
                if isinstance(name, str) and _str(v):
                    pairs.append((name, _str(v)))
    elif isinstance(headers, list):
        for h in headers[:MAX_PAIRS]:
            if isinstance(h, dict):
                name, v = h.get("name", h.get("key")), h.get("value")
                if isinstance(name, str) and _str(v):
                    pairs.append((name, _str(v)))
            elif isinstance(h, list) and len(h) == 2 and isinstance(h[0], str) and _str(h[1]):
                pairs.append((h[0], _str(h[1])))  # [name, value] pairs (a JSON dump of a header list's items)
    raw = node.get("rawHeaders")
    if isinstance(raw, list):
        for i in range(0, min(len(raw), 2 * MAX_PAIRS) - 1, 2):
            if isinstance(raw[i], str) and _str(raw[i + 1]):
                pairs.append((raw[i], _str(raw[i + 1])))
    clean = []
    for name, value in pairs:
        name = name.strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{0,63}", name):
            clean.append((name, " ".join(value.split())[:4000]))
    return clean[:MAX_PAIRS]


def _fixture_body(node: dict[str, Any], nock: bool) -> str:
    body = node.get("response") if nock else node.get("body")
    if isinstance(body, dict):
        body = body.get("string", body.get("text"))
    if not isinstance(body, str) and isinstance(node.get("content"), dict):
        body = node["content"].get("text")
    if not isinstance(body, str):
        body = node.get("content", node.get("text"))  # a record's ``content`` / ``text`` member
    return body[:MAX_LITERAL] if isinstance(body, str) else ""


def _fixture_answers(doc: Any) -> list[tuple[str, int, list[tuple[str, str]], str]]:
    """(asked URL, status, headers, body) of every recorded answer in a fixture document."""
    out: list[tuple[str, int, list[tuple[str, str]], str]] = []
    stack: list[tuple[Any, int, str]] = [(doc, 0, "")]
    nodes = 0
    while stack and nodes < MAX_NODES and len(out) < MAX_ANSWERS * 4:
        node, depth, url = stack.pop()
        nodes += 1
        if isinstance(node, list):
            stack.extend((item, depth + 1, url) for item in reversed(node[:MAX_NODES]) if depth < MAX_DEPTH)
            continue
        if not isinstance(node, dict):
            continue
        request = node.get("request")
        if isinstance(request, dict):
            url = _str(request.get("uri", request.get("url"))) or url
            if isinstance(request.get("url"), dict):  # Postman: {"raw": "http://..."}
                url = _str(request["url"].get("raw")) or url
        nock = "rawHeaders" in node and "scope" in node
        if nock:
            url = _str(node.get("scope")) + _str(node.get("path"))
        raw_status = node.get("status")
        status = _int_status(raw_status.get("code")) if isinstance(raw_status, dict) else _int_status(raw_status)
        if status is None:
            status = _int_status(node.get("code", node.get("status_code")))
        headers = _fixture_headers(node) if status is not None else []
        body = node.get("body", node.get("content"))
        if status is not None and (headers or isinstance(body, str) or (isinstance(body, dict) and isinstance(body.get("string"), str)) or nock):
            own = _str(node.get("url"))
            out.append((url or own, status, headers, _fixture_body(node, nock)))
            continue
        if depth < MAX_DEPTH:
            stack.extend((v, depth + 1, url) for v in reversed(list(node.values())[:200]) if isinstance(v, (dict, list)))
    return out


def _url_host(url: str) -> str:
    m = re.match(r"[a-z]{2,8}://([^/?#\s]{1,300})", url)
    return m.group(1).lower() if m else ""


def recorded_fixture_fields(fields: Fields, text: str) -> None:
    """HTTP exchanges a client library's tests recorded (see the module's doc), each answer read as
    the exchange it was, and the URL asked of an answer that did not refuse it as ``http.client-url``;
    only the first asked host's answers (a fixture of several hosts records other services too)."""
    t = text[:MAX_TEXT]
    doc: Any = None
    if t.lstrip()[:1] in ("{", "["):
        try:
            doc = json.loads(t)
        except (ValueError, RecursionError):
            return
    elif _FIXTURE_START.match(t) is not None:
        from netscan.errors import SignatureError  # noqa: PLC0415
        from netscan.sigdb.yamlsafe import load_yaml_text  # noqa: PLC0415

        try:
            doc = load_yaml_text(t, "fixture")
        except (SignatureError, ValueError, RecursionError):
            return
    if doc is None:
        return
    first_host = ""
    answers = 0
    for url, status, headers, body in _fixture_answers(doc):
        host = _url_host(url)
        if host:
            first_host = first_host or host
            if host != first_host:
                continue
        _answer(fields, f"HTTP/1.1 {status}", headers, body)
        if url and status not in (400, 403, 404, 405, 410, 501) and "://" in url:
            add(fields, "http.client-url", url[:2000])
        answers += 1
        if answers >= MAX_ANSWERS:
            return


# ------------------------------------------------------------------ .NET's HttpResponseMessage.ToString()

_DOTNET_RESPONSE = re.compile(r"StatusCode: (\d{3}), ReasonPhrase: '([^'\r\n]{0,200})', Version: \d{1,2}(?:\.\d{1,2})?, (?:Content|Data): [^\r\n]{0,300}?, Headers:[ \t]*\r?\n")
_DOTNET_HEADER = re.compile(r"^[ \t]{1,8}([A-Za-z][A-Za-z0-9-]{0,63}): ?([^\r\n]{0,4000})$")


def dotnet_response_fields(fields: Fields, text: str) -> None:
    """.NET's ``HttpResponseMessage.ToString()`` (System.Net.Http: ``StatusCode: 401, ReasonPhrase:
    'Unauthorized', Version: 1.1, Content: ..., Headers:`` then ``{``, the headers one an indented line,
    ``}``), printed by a .NET client's log: each answer as the exchange it was."""
    t = text[:MAX_TEXT]
    answers = 0
    for m in _DOTNET_RESPONSE.finditer(t):
        lines = t[m.end() : m.end() + 65536].split("\n", 120)[:120]
        pairs: list[tuple[str, str]] = []
        opened = False
        for line in lines:
            line = line.rstrip("\r")
            if not opened:
                if line.strip() == "{":
                    opened = True
                    continue
                break
            if line.strip().startswith("}"):
                break
            h = _DOTNET_HEADER.match(line)
            if h is None:
                break
            pairs.append((h.group(1), h.group(2).strip()))
        if pairs:
            _answer(fields, f"HTTP/1.1 {m.group(1)} {m.group(2)}".rstrip(), pairs[:MAX_PAIRS], "")
            answers += 1
            if answers >= MAX_ANSWERS:
                return


# ------------------------------------------------------------------ Nikto's report

_NIKTO_SERVER = re.compile(r"^\+ Server: ([^\r\n]{1,500})$", re.M)
_NIKTO_RETRIEVED = re.compile(r"^\+ (?:/[^\s:]{0,200}: )?Retrieved ([A-Za-z][A-Za-z0-9-]{0,63}) header: ([^\r\n]{1,500})$", re.M)


def nikto_fields(fields: Fields, text: str) -> None:
    """Nikto's text report (``+ Target IP:``, ``+ Server: App-webs/``, ``+ Retrieved x-powered-by header:
    PHP/5.6``): the answer's ``Server`` and the headers it says it retrieved, as ``http.header.<name>``;
    ``No banner retrieved`` is no server. Reports of several targets are a network's: nothing."""
    t = text[:MAX_TEXT]
    if t.count("+ Target IP:") > 1:
        return
    for m in _NIKTO_SERVER.finditer(t):
        value = m.group(1).strip()
        if value and value != "No banner retrieved":
            add(fields, "http.header.server", value)
    for m in _NIKTO_RETRIEVED.finditer(t):
        add(fields, f"http.header.{m.group(1).lower()}", m.group(2).strip())


# ------------------------------------------------------------------ dispatch

_JSON_START = re.compile(r"\s{0,64}[\[{]")
_DASH_RUNS = re.compile(r"-- {1,80}--")


# ------------------------------------------------------------------ PowerShell's list view of a web response

#: The ``RawContent`` property of ``Invoke-WebRequest``'s list view (Format-List: the name padded to the
#: longest property's, `` : ``, the value; a value's further lines indented to the value's column).
_PS_RAW_CONTENT = re.compile(r"(?m)^(RawContent[ \t]{0,40}: )(?=(?:HTTP|RTSP)/\d\.\d \d{3})")


def powershell_response_fields(fields: Fields, text: str) -> None:
    """``Invoke-WebRequest``'s default list view (``StatusCode : 401``, ``RawContent : HTTP/1.1 401 ...`` and
    its continuation lines indented to the value's column, then ``Forms``, ``Headers``...): the RawContent
    value dedented -- status line, header lines, the body lines it shows -- read as the exchange it was."""
    m = _PS_RAW_CONTENT.search(text, 0, MAX_TEXT)
    if m is None:
        return
    col = len(m.group(1))
    pad = " " * col
    rest = text[m.end() : m.end() + MAX_LITERAL].split("\n", MAX_LINES)
    lines = [rest[0].rstrip("\r")]
    for line in rest[1:]:
        line = line.rstrip("\r")
        if line.startswith(pad):
            lines.append(line[col:])
        elif not line.strip():
            lines.append("")
        else:
            break  # the next property
    parts = answer_parts("\n".join(lines))
    if parts is not None:
        _answer(fields, *parts)


# ------------------------------------------------------------------ Go's fmt print of a map

#: A key of Go's ``%v`` print of a map (``map[model:X]``): no blank, colon or bracket in it.
_GO_MAP_KEY = re.compile(r"([^\s:\[\]]{1,80}):")
#: Deepest nesting and most entries read from one printed map; longest line looked at.
MAX_GO_DEPTH = 12
MAX_GO_ENTRIES = 400
MAX_GO_LINE = 64 * 1024


class _GoMap:
    """A parser of Go's fmt print of a ``map[string]interface{}`` (pkg.go.dev/fmt: ``map[k:v k2:v2]``, a
    nested map ``map[...]``, a slice ``[a b]``; fmt prints a map's keys SORTED (internal/fmtsort), so a
    value that holds blanks runs to the next ``key:`` that sorts after its own key)."""

    def __init__(self, line: str) -> None:
        self.s = line
        self.entries = 0

    def scalar_end(self, i: int, key: str | None) -> int:
        """Where a scalar starting at ``i`` ends: before a closing bracket that ends its map or slice, or
        before `` next:`` when the next key sorts after ``key`` (in a slice: at the next blank)."""
        s = self.s
        j = i
        while j < len(s):
            c = s[j]
            if c == "]" and (j + 1 == len(s) or s[j + 1] in " ]"):
                return j
            if c == " ":
                if key is None:
                    return j
                m = _GO_MAP_KEY.match(s, j + 1)
                if m is not None and m.group(1) > key:
                    return j
            j += 1
        return -1

    def value(self, i: int, key: str | None, depth: int) -> tuple[Any, int]:
        s = self.s
        if s.startswith("map[", i):
            return self.map(i + 4, depth + 1)
        if s.startswith("[", i):
            return self.slice(i + 1, depth + 1)
        end = self.scalar_end(i, key)
        if end < 0:
            raise ValueError("unterminated")
        return s[i:end], end

    def map(self, i: int, depth: int) -> tuple[dict[str, Any], int]:
        if depth > MAX_GO_DEPTH:
            raise ValueError("too deep")
        s = self.s
        out: dict[str, Any] = {}
        while i < len(s):
            if s[i] == "]":
                return out, i + 1
            if s[i] == " " and out:
                i += 1
            m = _GO_MAP_KEY.match(s, i)
            if m is None or (out and m.group(1) <= next(reversed(out))):
                raise ValueError("no key")
            self.entries += 1
            if self.entries > MAX_GO_ENTRIES:
                raise ValueError("too many")
            out[m.group(1)], i = self.value(m.end(), m.group(1), depth)
        raise ValueError("unterminated")

    def slice(self, i: int, depth: int) -> tuple[list[Any], int]:
        if depth > MAX_GO_DEPTH:
            raise ValueError("too deep")
        s = self.s
        out: list[Any] = []
        while i < len(s):
            if s[i] == "]":
                return out, i + 1
            if s[i] == " " and out:
                i += 1
            self.entries += 1
            if self.entries > MAX_GO_ENTRIES:
                raise ValueError("too many")
            item, i = self.value(i, None, depth)
            out.append(item)
        raise ValueError("unterminated")


def go_map_docs(text: str) -> list[Any]:
    """The maps of Go's ``fmt.Print``/``%v`` prints of decoded JSON (``map[data:map[model:X] name:Y]``: a Go
    client's ``map[string]interface{}``), each as the document it was; only a map that parses to its
    closing bracket with its keys in sorted order, two entries at least, and not an ``http.Header``
    (every value a slice: the header readers' shape)."""
    out: list[Any] = []
    for line in text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]:
        start = line.find("map[")
        if start < 0 or (start > 0 and (line[start - 1].isalnum() or line[start - 1] == "_")):
            continue
        listed = start > 0 and line[start - 1] == "["  # a slice of maps: ``[map[...] map[...]]``
        line = line[start - listed : start + MAX_GO_LINE].rstrip("\r ")
        try:
            doc: Any = _GoMap(line).slice(1, 1)[0] if listed else _GoMap(line).map(4, 1)[0]
        except (ValueError, IndexError, RecursionError):
            continue
        maps = [d for d in doc if isinstance(d, dict)] if listed else [doc]
        if not maps or sum(len(m) + sum(len(v) for v in m.values() if isinstance(v, dict)) for m in maps) < 2:
            continue
        if all(isinstance(v, list) for m in maps for v in m.values()):
            continue
        out.append(maps if listed else doc)
        if len(out) >= MAX_ANSWERS:
            break
    return out


#: The head a print's tell is looked for in (a fixture's, a prober's, a report's first lines): 2 KiB.
TELL_HEAD = 2048


def printed_fields(fields: Fields, prefix: str, text: str, head: str) -> None:
    """Every reader above whose tell is in ``head`` (the text's first few KiB; all but the literal
    reader look at its first 2 KiB only). Each tell is one or two substring tests, the rarest first (a
    one-character test first where it can: it is a memchr, many times faster than a longer needle)."""
    if "\\" in head and "\\n" in head and ("TTP/" in head or "TSP/" in head) and ("'HTTP/" in head or '"HTTP/' in head or "'RTSP/" in head or '"RTSP/' in head):
        literal_answer_fields(fields, text)
    if (" HTTP/" in head or " RTSP/" in head) and not any(".header." in k for k in fields):  # (no other reader read an answer)
        prefixed_answer_fields(fields, text)
    h = head[:TELL_HEAD]
    if "=" in h:
        if " = " in h and "{ " in h:
            for key, value in brace_assign_pairs(text):
                add(fields, f"{prefix}.kv.{key}", value)
        if '"]=>' in h and "string(" in h:
            for key, value in var_dump_pairs(text):
                add(fields, f"{prefix}.kv.{key}", value)
    if "--" in h and _DASH_RUNS.search(h) is not None:
        from netscan.parsers.shapes import norm_key  # noqa: PLC0415 (shapes is imported with http)

        for key, value in dashed_table_pairs(text):
            add(fields, f"{prefix}.kv.{norm_key(key)}", value)
    if _JSON_START.match(h) is not None:  # a JSON fixture or record
        if "esponse" in h and ('"rawHeaders"' in h or "http_interactions" in h or ('"response"' in h and ('"status' in h or '"code"' in h))):
            recorded_fixture_fields(fields, text)
        if ('"webserver"' in h and '"url"' in h) or ('"event_type"' in h and '"http"' in h) or '"software_type"' in h:
            prober_record_fields(fields, text)
    elif _FIXTURE_START.match(h) is not None:  # a YAML fixture
        recorded_fixture_fields(fields, text)
    if "'" in h and "ReasonPhrase: '" in h:
        dotnet_response_fields(fields, text)
    if "RawContent" in h:
        powershell_response_fields(fields, text)
    if "map[" in head:
        from netscan.parsers._util import json_leaves  # noqa: PLC0415

        for doc in go_map_docs(text):
            json_leaves(doc, fields, f"{prefix}.json.")
    if "+" in h and "+ Server: " in h and ("+ Target IP:" in h or "- Nikto v" in h):
        nikto_fields(fields, text)
