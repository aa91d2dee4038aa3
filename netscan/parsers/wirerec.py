"""Records of a device's answers that packet tools, scanners and client libraries write in their own
shapes (docs/observations.md "Shapes other tools print"). Each reader recognises its tool's layout
-- never the device it names -- and hands the answer to the message parser as the exchange it was:

- Wireshark's packet exports (epan/print.c): ``tshark -T json`` / "Export Packet Dissections as
  JSON" (``_source.layers.<proto>``; a field's key is its filter name, a text-only item's key is
  its label: ``"Server: X\\r\\n"``), ``tshark -T ek`` (Elasticsearch bulk lines; a field's key is
  ``<parent>_<filter name>`` with ``.`` written ``_``: ``http_http_server``; text-only items under
  ``text``) and PDML (``<proto name="http">`` holding ``<field name="http.server" show="X"/>``;
  text-only items with an empty name and the label as ``show``). The HTTP dissector's header
  fields (epan/dissectors/packet-http.c: ``http.server``, ``http.www_authenticate``,
  ``http.response.code``, ``http.file_data``...), the RTSP dissector's (packet-rtsp.c:
  ``rtsp.response``, ``rtsp.status``; other headers are text-only items) and the SDP dissector's
  (packet-sdp.c: ``sdp.session_name``, ``sdp.session_info``, ``sdp.owner``, ``sdp.session_attr``)
  are read back into the answer's status line, header lines and SDP; a request (``http.request``,
  ``rtsp.request``, a request line) is a client's and is not read;
- Node.js ``util.inspect`` prints of a response's headers (``console.log(res.headers)``,
  undici's ``Headers {...}``, axios's ``AxiosHeaders {...}``: identifier keys unquoted, other keys
  and string values in single quotes, one pair a line when the object is long): a flat object
  whose pairs include ``server`` or ``www-authenticate`` and another standard header name, as
  ``<http|rtsp>.header.<name>``;
- masscan's list (``-oL``: ``banner tcp 80 10.0.0.7 1600000000 http HTTP/1.1 ...\\x0d\\x0a...``,
  src/out-text.c) and grepable (``-oG``: ``Host: 10.0.0.7 ()<TAB>Port: 80<TAB>Service: http<TAB>Banner:
  ...``, src/out-grepable.c) banner lines, read as its ``--banners`` lines are (one host only);
- python-kasa's device ``repr`` (kasa/device.py ``Device.__repr__``: ``<DeviceType.Camera at
  10.0.0.5 - Front door (C200)>``; before 0.7 ``<DeviceType.Plug model HS110(EU) at 10.0.0.5
  (Lamp), is_on: True - dev specific: {...}>``): the model as ``<prefix>.kv.model`` and the enum's
  device class as ``<prefix>.kv.device_type``; the alias is the owner's name, not read; several
  devices (a discovery's dictionary of reprs) name no one device: nothing;
- Burp Suite's saved items (``<items burpVersion=...><item>...<response base64="true">``): each
  response of the first item's host, base64-decoded, read as the exchange it was;
- curl's ``--trace`` / ``--trace-ascii`` (src/tool_cb_dbg.c, docs/examples/debug.c): the ``<= Recv
  header`` blocks' dumped bytes (hex columns decoded, ascii lines joined) as each answer's head, the
  ``<= Recv data`` after it as its body; ``=> Send`` blocks are the client's;
- nmap XML (``-oX``, docs/nmap.dtd), whole or a ``<port>`` element pasted: the ``<service>`` match as
  ``nmap.service`` / ``nmap.devicetype``, each ``<script id output>`` read as the ``-oN`` script block;
- neolink's log of the Baichuan camera it logged in to (``[... INFO  neolink::common::neocam] garage:
  Model RLC-410W``, ``garage: Firmware Version v3.0.0.136_20121102``; before 2023 ``garage: Camera
  reports firmware version ...``): ``<prefix>.kv.Model``, ``<prefix>.kv.FirmwareVersion``;
- mitmproxy's ``mitmdump`` at ``--flow-detail 2`` or more (mitmproxy/addons/dumper.py): `` << 401
  Unauthorized 0b`` and the answer's header lines indented below it, as that exchange.

Every reader is capped in characters, records and pairs; patterns are bounded character classes.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from typing import Any

from netscan.parsers._util import Fields, add

#: Longest text looked at, most packets / records read, most pairs kept from one record.
MAX_TEXT = 512 * 1024
MAX_RECORDS = 32
MAX_PAIRS = 100
#: Deepest nesting of a tshark JSON layer walked, most items taken from one layer.
MAX_LAYER_DEPTH = 6
MAX_LAYER_ITEMS = 400
#: Longest answer (decoded) read.
MAX_ANSWER = 64 * 1024

def _answer(fields: Fields, head: str, pairs: list[tuple[str, str]], body: str) -> None:
    """An answer read from a tool's record (toolout's ``_answer_fields``), its header values put first in
    their fields: another reader's reading of the same lines that kept the record's escapes or ran on
    (``Server: X.`` of a line whose CR a tool showed as a dot) is dropped (toolout ``put_first``)."""
    from netscan.parsers.toolout import _answer_fields, put_first  # noqa: PLC0415 (toolout imports this module)

    got: Fields = {}
    _answer_fields(got, head, pairs, body)
    for name, values in got.items():
        if ".header." in name:
            put_first(fields, name, values)
        else:
            for v in values:
                add(fields, name, v)


# ------------------------------------------------------------------ Wireshark exports

#: Header fields of Wireshark's HTTP and RTSP dissectors (their filter names) and the header each is.
_WS_HEADERS = {
    "http.server": "Server", "http.www_authenticate": "WWW-Authenticate", "http.content_type": "Content-Type",
    "http.date": "Date", "http.location": "Location", "http.set_cookie": "Set-Cookie",
    "http.content_length_header": "Content-Length", "http.connection": "Connection",
    "http.cache_control": "Cache-Control", "http.last_modified": "Last-Modified",
    "http.content_encoding": "Content-Encoding", "http.transfer_encoding": "Transfer-Encoding",
    "http.proxy_authenticate": "Proxy-Authenticate", "http.upgrade": "Upgrade",
    "rtsp.content-type": "Content-Type", "rtsp.content-length": "Content-Length", "rtsp.session": "Session",
    "rtsp.transport": "Transport",
}
#: SDP dissector fields (packet-sdp.c) and the SDP line each is.
_WS_SDP = {"sdp.version": "v", "sdp.owner": "o", "sdp.session_name": "s", "sdp.session_info": "i",
           "sdp.uri": "u", "sdp.session_attr": "a", "sdp.media": "m", "sdp.media_attr": "a"}
_WS_STATUS_LINE = re.compile(r"^((?:HTTP|RTSP)/\d\.\d) (\d{3})(?: ([^\r\n]{0,200}))?$")
_WS_REQUEST_LINE = re.compile(r"^[A-Z_]{3,16} \S{1,2000} (?:HTTP|RTSP)/\d\.\d$")
_WS_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]{0,63}): ?([^\r\n]{0,4000})$")
#: A written-out line end at the end of a label (``Server: X\r\n``: the dissectors' labels keep it).
_WS_CRLF = re.compile(r"(?:\\r\\n|\r\n|\\n|\n)$")


class _Obj(dict):  # type: ignore[type-arg]
    """A JSON object that keeps every member in order: tshark's JSON repeats keys (each header line
    of an answer, each SDP attribute)."""

    pairs: list[tuple[str, Any]]


def _obj(pairs: list[tuple[str, Any]]) -> _Obj:
    obj = _Obj(pairs)
    obj.pairs = pairs
    return obj


def _load(text: str) -> Any:
    """JSON with repeated keys kept (``_Obj``); None when the text is no JSON document."""
    if len(text) > MAX_TEXT:
        return None
    try:
        return json.loads(text, object_pairs_hook=_obj)
    except (ValueError, RecursionError):
        return None


def _ws_label(text: str) -> str:
    return _WS_CRLF.sub("", text.strip("\x00")).strip()


def _ws_items(node: Any, out: list[tuple[str, str]], depth: int = 0) -> None:
    """(key, value) items of one tshark JSON layer, depth first in document order: a field's
    filter name and its value, a text-only item's label (its key) with an empty value."""
    if depth > MAX_LAYER_DEPTH or len(out) >= MAX_LAYER_ITEMS or not isinstance(node, dict):
        return
    members = node.pairs if isinstance(node, _Obj) else list(node.items())
    for key, value in members[:MAX_LAYER_ITEMS]:
        if not isinstance(key, str):
            continue
        if isinstance(value, str):
            out.append((key, value))
        elif isinstance(value, list):
            for v in value[:MAX_LAYER_ITEMS]:
                if isinstance(v, str):
                    out.append((key, v))
                elif isinstance(v, dict):
                    _ws_items(v, out, depth + 1)
        elif isinstance(value, dict):
            if not key.endswith("_tree") and not key.startswith("_ws."):
                out.append((key, ""))  # a text-only item with children: its label is the key
            _ws_items(value, out, depth + 1)


#: The filter names the readers look up, by their EK spelling (``.`` written ``_``).
_WS_KNOWN = {k.replace(".", "_"): k for k in (
    *_WS_HEADERS, *_WS_SDP, "http.response.code", "http.response.version", "http.response.phrase", "http.file_data",
    "http.request.method", "http.unknown_header", "http.response.line", "rtsp.response", "rtsp.status",
    "rtsp.request", "rtsp.method")}
_EK_KEY = re.compile(r"^([a-z][a-z0-9]{0,30})_\1_([A-Za-z0-9_-]{1,120})$")


def _ws_ek_name(key: str) -> str:
    """An EK key (``http_http_server``: the parent protocol's name, ``_``, the field's filter name
    with ``.`` written ``_``) as the field's filter name; other keys as they are."""
    m = _EK_KEY.match(key)
    if m is None:
        return key
    short = f"{m.group(1)}_{m.group(2)}"
    return _WS_KNOWN.get(short, short)


def _ws_message(fields: Fields, proto: str, items: list[tuple[str, str]]) -> str | None:
    """One HTTP/RTSP layer's items read as the answer it dissected; returns its SDP lines' text
    (an RTSP answer's body) or None. A request's layer is not read."""
    status: str | None = None
    version = "RTSP/1.0" if proto == "rtsp" else "HTTP/1.1"
    reason = ""
    pairs: list[tuple[str, str]] = []
    body = ""
    sdp: list[tuple[str, str]] = []
    for key, value in items:
        if key in _WS_SDP:  # an SDP the dissector found in the answer's body
            sdp.append((key, value))
            continue
        label = _ws_label(key if not value else value)
        if key in (f"{proto}.request", "http.request.method", "rtsp.method") or (not value and _WS_REQUEST_LINE.match(label)):
            return None  # a client's request
        if key in ("http.response.code", "rtsp.status") and value.isdigit() and status is None:
            status = value
        elif key == "http.response.version" and value.startswith(("HTTP/", "RTSP/")):
            version = value
        elif key == "http.response.phrase":
            reason = value
        elif key in _WS_HEADERS and value:
            pairs.append((_WS_HEADERS[key], _ws_label(value)))
        elif key == "http.file_data" and value:
            body = value
        elif key in ("rtsp.response", "", "text", "http.unknown_header", "http.response.line") or not value:
            m = _WS_STATUS_LINE.match(label)
            if m is not None:
                version, reason = m.group(1), m.group(3) or reason
                status = status or m.group(2)
                continue
            h = _WS_HEADER_LINE.match(label)
            if h is not None and (key in ("text", "http.unknown_header", "http.response.line", "") or not value):
                pairs.append((h.group(1), h.group(2).strip()))
        if len(pairs) >= MAX_PAIRS:
            break
    if status is None:
        return None
    seen: set[tuple[str, str]] = set()
    unique = [p for p in pairs if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]  # a named field and its label
    if not body and sdp:
        body = _ws_sdp(sdp) + "\r\n"
        if not any(n.lower() == "content-type" for n, _ in unique):
            unique.append(("Content-Type", "application/sdp"))
    _answer(fields, f"{version} {status} {reason}".rstrip(), unique, body)
    return status


def _ws_sdp(items: list[tuple[str, str]]) -> str:
    lines = []
    for key, value in items:
        letter = _WS_SDP.get(key)
        if letter is not None and value:
            lines.append(f"{letter}={_ws_label(value)}")
    return "\r\n".join(lines[:200])


def _ws_layers(fields: Fields, prefix: str, layers: list[dict[str, Any]]) -> None:
    from netscan.parsers.http import sdp_fields  # noqa: PLC0415 (http imports this module)

    for layer_set in layers[:MAX_RECORDS]:
        for proto in ("http", "rtsp"):
            layer = layer_set.get(proto)
            for one in (layer if isinstance(layer, list) else [layer])[:4]:
                if not isinstance(one, dict):
                    continue
                items: list[tuple[str, str]] = []
                _ws_items(one, items)
                items = [(_ws_ek_name(k), v) for k, v in items]
                _ws_message(fields, proto, items)
        sdp = layer_set.get("sdp")
        if isinstance(sdp, dict):
            items = []
            _ws_items(sdp, items)
            text = _ws_sdp([(_ws_ek_name(k), v) for k, v in items])
            if text and "http" not in layer_set and "rtsp" not in layer_set:  # an SDP alone (an answer's is read with it)
                sdp_fields(fields, "rtsp", text)


def _ws_json_layers(doc: Any) -> list[dict[str, Any]]:
    """The ``layers`` objects of a tshark ``-T json`` document (a list of packets with
    ``_source.layers``) or of one EK document (``layers``)."""
    packets = doc if isinstance(doc, list) else [doc]
    out: list[dict[str, Any]] = []
    for packet in packets[: MAX_RECORDS * 8]:
        if not isinstance(packet, dict):
            continue
        source = packet.get("_source")
        layers = source.get("layers") if isinstance(source, dict) else packet.get("layers")
        if isinstance(layers, dict) and ("http" in layers or "rtsp" in layers or "sdp" in layers):
            out.append(layers)
            if len(out) >= MAX_RECORDS:
                break
    return out


#: PDML (epan/print.c write_pdml): a protocol's element and its fields' ``name`` and ``show`` attributes.
_PDML_PROTO = re.compile(r'<proto name="(http|rtsp|sdp)"[^<>]{0,2000}>')
_PDML_FIELD = re.compile(r'<field\b([^<>]{0,8000})>')
_PDML_ATTR = re.compile(r'\b(name|show)="([^"]{0,8000})"')
#: Longest protocol element read from a PDML packet.
MAX_PDML_PROTO = 256 * 1024


def _pdml_layers(text: str) -> list[dict[str, Any]]:
    """Each ``<packet>``'s HTTP/RTSP/SDP fields, as the JSON reader's layers."""
    out: list[dict[str, Any]] = []
    for chunk in text.split("<packet>", MAX_RECORDS + 1)[1 : MAX_RECORDS + 1]:
        layers: dict[str, Any] = {}
        for n, m in enumerate(_PDML_PROTO.finditer(chunk)):
            if n >= 16:
                break
            end = chunk.find("</proto>", m.end(), m.end() + MAX_PDML_PROTO)
            element = chunk[m.end() : end if end >= 0 else m.end() + MAX_PDML_PROTO]
            pairs: list[dict[str, str]] = []
            for f in _PDML_FIELD.finditer(element):
                if len(pairs) >= MAX_LAYER_ITEMS:
                    break
                attrs = dict(_PDML_ATTR.findall(f.group(1)))
                name, show = attrs.get("name", ""), html.unescape(attrs.get("show", ""))
                if name:
                    pairs.append({name: show})
                elif show:
                    pairs.append({"text": show})
            layers.setdefault(m.group(1), {"items": pairs})
        if layers:
            out.append(layers)
    return out


def wireshark_fields(fields: Fields, prefix: str, text: str) -> None:
    """Wireshark's JSON, EK and PDML exports (module docstring): each dissected answer as the
    exchange it was, an SDP's fields as ``<proto>.sdp.*``."""
    t = text[:MAX_TEXT]
    s = t.lstrip()
    if s.startswith("<"):
        if "<pdml" in s[:4096] or "<packet>" in s[:8192]:
            _ws_layers(fields, prefix, _pdml_layers(t))
        return
    doc = _load(s)
    layers = _ws_json_layers(doc) if doc is not None else []
    if doc is None:  # EK: one JSON document a line (an index line between them)
        for line in s.splitlines()[: MAX_RECORDS * 8]:
            line = line.strip()
            one = _load(line) if '"layers"' in line else None
            if one is not None:
                layers.extend(_ws_json_layers(one))
            if len(layers) >= MAX_RECORDS:
                break
    _ws_layers(fields, prefix, layers)


# ------------------------------------------------------------------ Node.js util.inspect header objects

#: A flat object print (no nested braces): ``{ server: 'X', 'content-type': 'text/html' }``.
_JS_OBJECT = re.compile(r"\{([^{}]{1,16384})\}")
#: One pair of util.inspect's print: an identifier key bare or another key in single quotes, a
#: string value in single quotes (double quotes or backticks when the string holds a single quote).
_JS_PAIR = re.compile(
    r"(?:^|(?<=[\s{,]))(?:'([A-Za-z][A-Za-z0-9_-]{0,63})'|([A-Za-z_$][A-Za-z0-9_$]{0,63})): "
    r"(?:'((?:[^'\\\r\n]|\\.){0,2048})'|\"((?:[^\"\\\r\n]|\\.){0,2048})\"|`((?:[^`\\\r\n]|\\.){0,2048})`)"
)
_JS_ESCAPE = re.compile(r"\\(['\"`\\])")


def js_header_fields(fields: Fields, prefix: str, text: str) -> None:
    """Response headers printed by Node's util.inspect (module docstring) as ``<http|rtsp>.header.<name>``."""
    from netscan.parsers.toolout import _HEADER_NAMES, put_headers  # noqa: PLC0415 (toolout imports this module)

    for n, m in enumerate(_JS_OBJECT.finditer(text, 0, MAX_TEXT)):
        if n >= MAX_RECORDS * 4:
            break
        body = m.group(1)
        if "erver" not in body and "uthenticate" not in body:
            continue
        pairs: list[tuple[str, str]] = []
        for p in list(_JS_PAIR.finditer(body))[:MAX_PAIRS]:
            value = next(v for v in (p.group(3), p.group(4), p.group(5)) if v is not None)
            pairs.append((p.group(1) or p.group(2), _JS_ESCAPE.sub(r"\1", value)))
        names = {k.lower() for k, _ in pairs}
        if not names & {"server", "www-authenticate"} or len(names & _HEADER_NAMES) < 2:
            continue
        proto = "rtsp" if "cseq" in names or prefix == "rtsp" else "http"
        put_headers(fields, proto, [(k, v) for k, v in pairs if k.lower() in _HEADER_NAMES or k.lower().startswith("x-")])


# ------------------------------------------------------------------ masscan -oL / -oG

_MASSCAN_LIST = re.compile(r"^banner (?:tcp|udp|sctp) (\d{1,5}) ([0-9a-fA-F.:]{3,45}) \d{1,20} ([a-z0-9.-]{1,20}) ([^\r\n]{0,16000})$", re.M)
_MASSCAN_GREP = re.compile(
    r"^(?:Timestamp: \d{1,20}\t)?Host: ([0-9a-fA-F.:]{3,45}) \([^()\t]{0,255}\)\tPort: (\d{1,5})\tService: ([a-z0-9.-]{1,20})\tBanner: ([^\r\n]{0,16000})$", re.M)


def masscan_list_fields(fields: Fields, text: str) -> None:
    """masscan ``-oL`` / ``-oG`` banner lines, read as the ``--banners`` lines they restate; a list of
    several hosts' banners is a network's: nothing."""
    from netscan.parsers.toolout import masscan_fields  # noqa: PLC0415 (toolout imports this module)

    t = text[:MAX_TEXT]
    found = [(m.group(2), m.group(1), m.group(3), m.group(4)) for m in _MASSCAN_LIST.finditer(t)][: MAX_RECORDS * 4]
    found += [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in _MASSCAN_GREP.finditer(t)][: MAX_RECORDS * 4]
    if not found or len({ip for ip, _, _, _ in found}) > 1:
        return
    lines = [f"Banner on port {port}/tcp on {ip}: [{kind}] {banner}" for ip, port, kind, banner in found]
    masscan_fields(fields, "\n".join(lines))


# ------------------------------------------------------------------ python-kasa reprs

_KASA_REPR = re.compile(
    r"<DeviceType\.([A-Za-z]{2,20}) (?:at \S{1,253} - [^<>\r\n]{0,200} \(([^\s<>]{1,40})\)(?: - update\(\) needed)?>"
    r"|model ([^\s<>]{1,40}) at \S{1,253} \()")


def kasa_repr_fields(fields: Fields, prefix: str, text: str) -> None:
    """python-kasa's device repr (module docstring): ``<prefix>.kv.model``, ``<prefix>.kv.device_type``;
    a child's repr (``<DeviceType.X(child) ...>``, ``... (model) of <parent>``: no ``at``) and prints
    of several devices are not read."""
    found: set[tuple[str, str]] = set()
    for n, m in enumerate(_KASA_REPR.finditer(text, 0, MAX_TEXT)):
        if n >= MAX_RECORDS:
            break
        found.add(((m.group(2) or m.group(3)), m.group(1).lower()))
    if len(found) != 1:
        return
    model, kind = found.pop()
    add(fields, f"{prefix}.kv.model", model)
    add(fields, f"{prefix}.kv.device_type", kind)


# ------------------------------------------------------------------ Burp Suite saved items

_BURP_HOST = re.compile(r"<host\b[^<>]{0,200}>([^<]{1,255})</host>")
_BURP_RESPONSE = re.compile(r'<response base64="(true|false)"><!\[CDATA\[')
#: Longest saved item read.
MAX_BURP_ITEM = 4 * MAX_ANSWER


def burp_fields(fields: Fields, text: str) -> None:
    """Burp Suite's saved items: each response of the first item's host read as that exchange."""
    host = None
    for chunk in text[: 4 * MAX_TEXT].split("<item>", MAX_RECORDS + 1)[1 : MAX_RECORDS + 1]:
        item = chunk[:MAX_BURP_ITEM]
        h = _BURP_HOST.search(item)
        here = h.group(1).strip() if h is not None else None
        host = host or here
        if here != host:
            continue
        r = _BURP_RESPONSE.search(item)
        if r is None:
            continue
        end = item.find("]]>", r.end())
        raw = item[r.end() : end if end >= 0 else len(item)]
        if r.group(1) == "true":
            try:
                raw = base64.b64decode(raw[: MAX_ANSWER * 2], validate=False).decode("latin-1")
            except (binascii.Error, ValueError):
                continue
        raw = raw[:MAX_ANSWER]
        head, _, body = raw.replace("\r\n", "\n").partition("\n\n")
        lines = head.split("\n")
        if _WS_STATUS_LINE.match(lines[0].strip()) is None:
            continue
        pairs = [(x.group(1), x.group(2).strip()) for x in map(_WS_HEADER_LINE.match, lines[1:MAX_PAIRS]) if x is not None]
        _answer(fields, lines[0].strip(), pairs, body)


# ------------------------------------------------------------------ curl --trace / --trace-ascii

#: A block head of curl's trace (src/tool_cb_dbg.c; libcurl's docs/examples/debug.c and the many
#: programs that copy its ``my_trace``): ``<= Recv header, 27 bytes (0x1b)``, behind ``--trace-time``'s
#: time stamp and ``--trace-ids``' ``[0-0]`` at most.
_CURL_BLOCK = re.compile(r"^(?:[0-9:.]{8,15} )?(?:\[[0-9x-]{1,24}\] )?(<=|=>) (Recv|Send) (header|data|SSL data), {0,10}(\d{1,10}) bytes \(0x[0-9a-fA-F]{1,16}\)$")
#: A dump line: the offset, then (``--trace``) up to 16 hex bytes and their characters, or
#: (``--trace-ascii``) the characters only, 64 a line, a line ending at each CR LF.
_CURL_LINE = re.compile(r"^([0-9a-f]{4,8}): ?(.{0,200})$")
_CURL_HEX = re.compile(r"^((?:[0-9a-f]{2} ){1,16})")
#: Width of a ``--trace-ascii`` line (debug.c: 0x40).
_CURL_ASCII_WIDTH = 64


def _curl_block_text(lines: list[str], size: int) -> str:
    """One dumped block's bytes as text (hex lines decoded; ascii lines joined, a full line continued).
    Lines that are no dump lines are the block's bytes already (netscan/parsers/unwrap.py decodes a
    ``--trace`` dump's hex columns before the readers run): joined as they are."""
    if any(_CURL_LINE.match(ln) is None for ln in lines):
        return "\n".join(lines)
    dumped = [str(_CURL_LINE.match(ln).group(2)) for ln in lines]  # type: ignore[union-attr]
    hexes = [_CURL_HEX.match(ln) for ln in dumped]
    if dumped and all(h is not None for h in hexes):
        data = bytes.fromhex("".join(h.group(1) for h in hexes if h is not None))
        if len(data) == size or (len(dumped) == 1 and len(data) <= 16):
            return data.decode("latin-1")
    out: list[str] = []
    for ln in dumped:
        out.append(ln)
        if len(ln) < _CURL_ASCII_WIDTH:
            out.append("\r\n")  # --trace-ascii cut the line's CR LF
    return "".join(out)


def curl_trace_fields(fields: Fields, text: str) -> None:
    """curl ``--trace`` / ``--trace-ascii`` output: the ``Recv header`` blocks of each answer (its
    status line and header lines) and the ``Recv data`` after them, read as that exchange; what
    curl sent (``=> Send``) is the client's."""
    answers: list[tuple[list[str], list[str]]] = []  # (head lines, body parts)
    block: tuple[str, str, int] | None = None
    dumped: list[str] = []

    def close() -> None:
        if block is None or block[0] != "<=":
            return
        chunk = _curl_block_text(dumped, block[2])
        if block[1] == "header":
            for line in chunk.replace("\r\n", "\n").split("\n"):
                line = line.strip("\r")
                if _WS_STATUS_LINE.match(line):
                    if len(answers) >= MAX_RECORDS:
                        return
                    answers.append(([line], []))
                elif line and answers and len(answers[-1][0]) < MAX_PAIRS:
                    answers[-1][0].append(line)
        elif block[1] == "data" and answers and sum(map(len, answers[-1][1])) < MAX_ANSWER:
            answers[-1][1].append(chunk)

    for raw in text[:MAX_TEXT].split("\n", 20000)[:20000]:
        line = raw.rstrip("\r")
        m = _CURL_BLOCK.match(line)
        if m is not None:
            close()
            block, dumped = (m.group(1), m.group(3), int(m.group(4))), []
            continue
        if line.startswith("== Info:") or (block is None and not line):
            close()
            block, dumped = None, []
        elif block is not None and line and len(dumped) < 4096:
            dumped.append(line)
    close()
    for head, body in answers:
        pairs = [(h.group(1), h.group(2).strip()) for h in map(_WS_HEADER_LINE.match, head[1:]) if h is not None]
        _answer(fields, head[0], pairs, "".join(body)[:MAX_ANSWER])


# ------------------------------------------------------------------ nmap XML fragments

#: nmap's XML (docs/nmap.dtd): a port's ``<service>`` match and its ``<script>`` results.
_NX_SERVICE = re.compile(r"<service\b([^<>]{0,4000})/?>")
_NX_SCRIPT = re.compile(r"<script\b([^<>]{0,70000})/?>")
_NX_ATTR = re.compile(r'\b([a-z]{2,12})="([^"]{0,65536})"')


def nmap_xml_fields(fields: Fields, text: str) -> None:
    """An nmap XML document or a piece of one (``<port>`` elements pasted from ``-oX``): each
    ``<service>`` match as the ``-oN`` VERSION column (``nmap.service``: product, version,
    ``(extrainfo)``) and ``nmap.devicetype``; each ``<script id output>`` read as the ``-oN`` script
    block (``http-title``, ``http-server-header``, ``http-headers``, ``banner``...), and a
    ``servicefp`` attribute's replies as the exchanges they were."""
    from netscan.parsers.shapes import _script_block, _service_fingerprint  # noqa: PLC0415 (shapes imports toolout)

    t = text[:MAX_TEXT]
    for n, m in enumerate(_NX_SERVICE.finditer(t)):
        if n >= MAX_RECORDS * 4:
            break
        attrs = {k: html.unescape(v) for k, v in _NX_ATTR.findall(m.group(1))}
        words = [attrs.get("product", ""), attrs.get("version", "")]
        if attrs.get("extrainfo"):
            words.append(f"({attrs['extrainfo']})")
        version_column = " ".join(w for w in words if w)
        if version_column:
            add(fields, "nmap.service", version_column)
        if attrs.get("devicetype"):
            add(fields, "nmap.devicetype", attrs["devicetype"])
        if attrs.get("servicefp"):
            _service_fingerprint(fields, "\n".join("SF:" + ln for ln in attrs["servicefp"].split("\n")[:400]))
    for n, m in enumerate(_NX_SCRIPT.finditer(t)):
        if n >= MAX_RECORDS * 4:
            break
        attrs = {k: html.unescape(v) for k, v in _NX_ATTR.findall(m.group(1))}
        script, output = attrs.get("id", ""), attrs.get("output", "")
        if not script or not output:
            continue
        lines = output.rstrip("\n").split("\n")[:400]
        # -oN prints the output's first line beside the id and the rest below it (nmap indents it two blanks)
        _script_block(fields, script, lines[0].strip(), [ln[2:] if ln.startswith("  ") else ln.strip() for ln in lines[1:]])


# ------------------------------------------------------------------ neolink

#: env_logger's line head (``[2023-11-16T10:00:00Z INFO  neolink::common::neocam] ``) in front of a
#: neolink message naming the camera by its configured name: ``<name>: Model <model>``, ``<name>:
#: Firmware Version <version>`` (src/common/neocam.rs, 2023 on), ``<name>: Camera reports firmware
#: version <version>`` (src/main.rs, 2020-2023).
_NEOLINK_LINE = re.compile(
    r"^(?:\[[0-9TZ:.+-]{10,40} {1,2}(?:TRACE|DEBUG|INFO|WARN|ERROR) {0,2}(neolink[A-Za-z0-9_:]{0,80})\] )?"
    r"([^\s:\[\]][^:\r\n]{0,63}): (Model|Firmware Version|Camera reports firmware version) (\S[^\r\n,;]{0,63}?)\s*$")


def neolink_fields(fields: Fields, prefix: str, text: str) -> None:
    """neolink's report of the camera it logged in to (module docstring): ``<prefix>.kv.Model``,
    ``<prefix>.kv.FirmwareVersion``. Lines without neolink's logger head are read only when the text
    has both a model and a firmware line for the same camera name; several cameras' reports (a
    config with many cameras) name no one device: nothing."""
    found: dict[str, dict[str, str]] = {}
    logged = False
    for raw in text[:MAX_TEXT].split("\n", 5000)[:5000]:
        if ": " not in raw:
            continue
        m = _NEOLINK_LINE.match(raw.strip())
        if m is None:
            continue
        logged = logged or m.group(1) is not None
        kind = "Model" if m.group(3) == "Model" else "FirmwareVersion"
        found.setdefault(m.group(2).strip(), {}).setdefault(kind, m.group(4))
        if len(found) > 1:
            return
    if len(found) != 1:
        return
    values = next(iter(found.values()))
    if not logged and len(values) < 2:
        return
    for kind, value in values.items():
        if kind == "Model" and value == "Undeclared":
            continue
        add(fields, f"{prefix}.kv.{kind}", value)


# ------------------------------------------------------------------ mitmproxy's mitmdump

#: mitmdump's answer line (mitmproxy/addons/dumper.py ``_echo_response_line``): `` << 401 Unauthorized 0b``,
#: the HTTP version only when it is not HTTP/1.x or differs from the request's, padded under the
#: request line at ``--flow-detail 1``, ``[replay]`` in front of a replayed answer; at flow detail 2
#: and more each header follows, indented four blanks (``_echo_headers``).
_MITM_ANSWER = re.compile(r"^(?:\[replay\])? {0,60}<< (?:(HTTP/[0-9.]{1,3}) )?(\d{3}) ([^\r\n]{0,80}?) (?:\d{1,4}b|\d{1,4}(?:\.\d)?[kmgt]|\(content missing\))\s*$")
_MITM_HEADER = re.compile(r"^ {4}([A-Za-z][A-Za-z0-9_-]{0,63}): ([^\r\n]{0,4000})$")


def mitmdump_fields(fields: Fields, text: str) -> None:
    """mitmdump's answers (``--flow-detail 2`` or more): each answer line and the header lines
    indented below it as that exchange; the request's headers (below the request line) are the
    client's, not read."""
    lines = text[:MAX_TEXT].split("\n", 20000)[:20000]
    answers = 0
    for i, raw in enumerate(lines):
        if "<< " not in raw:
            continue
        m = _MITM_ANSWER.match(raw.rstrip("\r"))
        if m is None:
            continue
        pairs: list[tuple[str, str]] = []
        for follow in lines[i + 1 : i + 1 + MAX_PAIRS]:
            h = _MITM_HEADER.match(follow.rstrip("\r"))
            if h is None:
                break
            pairs.append((h.group(1), h.group(2)))
        if not pairs:
            continue  # --flow-detail 1: no headers printed, nothing the answer line alone says
        _answer(fields, f"{m.group(1) or 'HTTP/1.1'} {m.group(2)} {m.group(3)}".rstrip(), pairs, "")
        answers += 1
        if answers >= MAX_RECORDS:
            return


# ------------------------------------------------------------------ dispatch

def wirerec_fields(fields: Fields, prefix: str, text: str, head: str) -> None:
    """Every reader above whose tell is in ``head`` (the text's first few KiB). (A tell holding ``<``, a quote or
    ``(`` is looked for only when that character is in the head: a one-character test is a memchr, many times
    faster than a longer needle, and most texts hold no ``<`` or ``'``.)"""
    lt, dq = "<" in head, '"' in head
    if dq and '"layers"' in head and ('"_source"' in head or '"timestamp"' in head):
        wireshark_fields(fields, prefix, text)
    elif lt and ("<pdml" in head or ("<packet>" in head and "<proto name=" in head)):
        wireshark_fields(fields, prefix, text)
    if "'" in head and ": '" in head and ("erver" in head or "uthenticate" in head):
        js_header_fields(fields, prefix, text)
    if "banner " in head or ("\t" in head and "\tBanner: " in head):
        masscan_list_fields(fields, text)
    if lt and "<DeviceType." in head:
        kasa_repr_fields(fields, prefix, text)
    if lt and "<items burpVersion=" in head:
        burp_fields(fields, text)
    if "(" in head and " bytes (0x" in head and ("<= Recv " in head or "=> Send " in head):
        curl_trace_fields(fields, text)
    if lt and ("<service " in head or "<script " in head) and ('portid="' in head or "<nmaprun" in head or ' output="' in head):
        nmap_xml_fields(fields, text)
    if ": Model " in head or ": Firmware Version " in head or "reports firmware version " in head:
        neolink_fields(fields, prefix, text)
    if lt and "<< " in head and "\n    " in head:
        mitmdump_fields(fields, text)
