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
  response of the first item's host, base64-decoded, read as the exchange it was.

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
    from netscan.parsers.toolout import _answer_fields  # noqa: PLC0415 (toolout imports this module)

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
    _answer_fields(fields, f"{version} {status} {reason}".rstrip(), unique, body)
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
    from netscan.parsers.toolout import _answer_fields  # noqa: PLC0415 (toolout imports this module)

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
        _answer_fields(fields, lines[0].strip(), pairs, body)


# ------------------------------------------------------------------ dispatch

def wirerec_fields(fields: Fields, prefix: str, text: str, head: str) -> None:
    """Every reader above whose tell is in ``head`` (the text's first few KiB)."""
    if '"layers"' in head and ('"_source"' in head or '"timestamp"' in head):
        wireshark_fields(fields, prefix, text)
    elif "<pdml" in head or ("<packet>" in head and "<proto name=" in head):
        wireshark_fields(fields, prefix, text)
    if ": '" in head and ("erver" in head or "uthenticate" in head):
        js_header_fields(fields, prefix, text)
    if "banner " in head or "\tBanner: " in head:
        masscan_list_fields(fields, text)
    if "<DeviceType." in head:
        kasa_repr_fields(fields, prefix, text)
    if "<items burpVersion=" in head:
        burp_fields(fields, text)
