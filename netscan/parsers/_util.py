"""Shared helpers for the parsers: caps, safe XML and JSON flattening.

Every parser takes hostile input. Sizes are capped here; XML goes through defusedxml, which refuses
entity declarations (billion laughs, external entities) outright.
"""

from __future__ import annotations

import json
import re
from itertools import chain, islice
from operator import methodcaller
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

Fields = dict[str, list[str]]

#: What a text unwrapped from another shape (a dump, an encoding, a source literal) must look like to be taken: a
#: message, markup, JSON, ``key=value`` / ``Key: value`` lines (netscan/parsers/unwrap.py, netscan/parsers/literals.py).
DECODED_LOOK = re.compile(r"^\s*(?:(?:HTTP|RTSP)/\d|<|\{|\[|[A-Za-z][\w.-]{0,40}\s*[=:])")

#: Only the first MiB of any response is parsed; a 50 MB body must not cost 50 MB of work.
MAX_PARSE_BYTES = 1024 * 1024
#: Longest single field value kept (regexes run on these; Python's re has no timeout).
MAX_VALUE_CHARS = 2048
#: Most values kept per field, and most fields per response (a flood of XML leaves stops here).
MAX_VALUES_PER_FIELD = 64
MAX_FIELDS = 2000
#: Deepest XML / JSON nesting walked.
MAX_DEPTH = 32
#: http.body keeps this much of the body.
MAX_BODY_CHARS = 64 * 1024


#: UTF-16 surrogates: a lone one (``"\\ud800"`` escaped in a device's JSON) is not valid Unicode and
#: cannot be encoded, so it would fail every report format.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Device text -> valid Unicode: each lone surrogate becomes U+FFFD. Linear; a no-op on
    ASCII. Everything a parser returns passes through here once (``netscan.parsers.fields``)."""
    if text.isascii():
        return text
    try:  # (UTF-8 encoding fails on a surrogate and on nothing else: a C pass several times quicker than the search)
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def clean_fields(fields: Fields) -> Fields:
    """``clean_text`` over every field name and value (returns ``fields`` itself when clean)."""
    if "".join(fields).isascii() and all(map(str.isascii, chain.from_iterable(fields.values()))):
        return fields  # (str.isascii is a flag test: two C-level passes, no Python loop)
    out: Fields = {}
    for name, values in fields.items():
        bucket = out.setdefault(clean_text(name), [])
        for v in values:
            v = clean_text(v)
            if v not in bucket:
                bucket.append(v)
    return out


def has_document_fields(fields: Fields, prefix: str) -> bool:
    """True when ``fields`` holds a field of a JSON or XML document read under ``prefix``
    (``<prefix>.json.*``, ``<prefix>.xml.*``). (The names are tested in C: no Python frame per name.)"""
    return any(map(methodcaller("startswith", (f"{prefix}.json.", f"{prefix}.xml.")), fields))


class Unreadable(Exception):
    """Raised inside parsers when a response cannot be read; turned into an 'unreadable' field."""


def add(fields: Fields, name: str, value: object, limit: int = MAX_VALUE_CHARS) -> None:
    """Append a value to a field, respecting the caps."""
    if value is None:
        return
    text = str(value)
    if len(text) > limit:
        text = text[:limit]
    bucket = fields.get(name)
    if bucket is None:
        if len(fields) >= MAX_FIELDS:
            return
        fields[name] = [text]
    elif len(bucket) < MAX_VALUES_PER_FIELD and text not in bucket:
        bucket.append(text)


def local(tag: str) -> str:
    """Strip a namespace from an ElementTree tag: '{ns}Model' -> 'Model'."""
    if tag.startswith("{"):
        return tag.split("}", 1)[1]
    return tag.split(":", 1)[-1]


def parse_xml(text: str) -> Element:
    """Parse XML safely: size-capped, no DTDs or entities. Raises Unreadable."""
    if len(text) > MAX_PARSE_BYTES:
        raise Unreadable("xml too large")
    start = text.find("<")
    if start < 0:
        raise Unreadable("no xml")
    try:
        return DET.fromstring(text[start:].strip(), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise Unreadable(f"xml refused: {type(exc).__name__}") from None
    except Exception as exc:  # ParseError, ValueError, RecursionError on pathological input
        raise Unreadable(f"bad xml: {type(exc).__name__}") from None


def xml_leaves(root: Element, fields: Fields, prefix: str) -> None:
    """Add every leaf of an XML tree as ``<prefix><Root>/<a>/<leaf>`` (namespaces dropped), and an
    element's identity attributes (``<DeviceInfo model="X" firmwareVersion="Y"/>``: the maker, model
    and firmware names of ``IDENTITY_NAME``) as if they were its child elements (``<Root>/DeviceInfo/model``)."""

    def walk(el: Element, path: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        children = list(el)
        if el.attrib:
            for n, (attr, value) in enumerate(el.attrib.items()):
                if n >= MAX_IDENTITY_ATTRIBUTES:
                    break
                name = local(attr)
                if value.strip() and IDENTITY_NAME.match(name):
                    add(fields, f"{prefix}{path}/{name}", value.strip())
            if len(el.attrib) <= 4 and not _NAME_KEY_SET.isdisjoint(el.attrib):
                # a property element (<item name="Model" value="X"/>, <param name="firmwareVer">Y</param>, ONVIF's
                # <SimpleItem Name=.. Value=../>): its name as a member of the element's parent, as a JSON record's
                pair = _named_value(el.attrib if children or "value" in el.attrib or "Value" in el.attrib
                                    else {**el.attrib, "value": (el.text or "").strip()})
                if pair is not None:
                    add(fields, f"{prefix}{path.rpartition('/')[0] or path}/{pair[0]}", pair[1])
        if not children:
            text = (el.text or "").strip()
            if text:
                add(fields, prefix + path, text)
            return
        for child in children[:500]:
            walk(child, f"{path}/{local(child.tag)}", depth + 1)

    walk(root, local(root.tag), 0)


def find_first(root: Element, name: str) -> Element | None:
    """First descendant (or self) whose local tag is ``name``."""
    for el in root.iter():
        if local(el.tag) == name:
            return el
    return None


def parse_json(text: str) -> Any:
    """Decode JSON; raises Unreadable."""
    if len(text) > MAX_PARSE_BYTES:
        raise Unreadable("json too large")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Unreadable(f"bad json: {type(exc).__name__}") from None


#: The keys under which xml-js (the JavaScript XML-to-JSON converter, "compact" form:
#: https://github.com/nashwaan/xml-js#compact-vs-non-compact) puts an element's text and CDATA
#: (``"modelName": {"_cdata": "TS-X73A"}``): read as the element's value.
_XMLJS_TEXT = frozenset({"_text", "_cdata"})


#: A member name written as a label of words (``Camera model``, ``Firmware version``, ``Model No.``): a diagnostics
#: dump's or a client library's human-readable keys (Home Assistant's reolink diagnostics: ``firmware version``,
#: ``hardware version``); at most six words of letters and digits.
_LABEL_KEY = re.compile(r"[A-Za-z][A-Za-z0-9]{0,23}(?:[ ._/-]{1,2}[A-Za-z0-9]{1,24}){1,5}\.?")
_LABEL_SPLIT = re.compile(r"[ ._/-]+")
#: First words of a label that name a part of the device, not the device (families/generic.yaml's components).
_PART_WORDS = frozenset({"chip", "soc", "cpu", "sensor", "lens", "ethernet", "phy", "flash", "rom", "ram", "wifi", "wlan",
                         "modem", "disk", "hdd", "sd", "board", "module", "battery", "camera's", "plugin", "app", "client"})


def _label_key(key: str) -> str | None:
    """A label key's words joined, each after the first capitalised (``Camera model`` -> ``CameraModel``), so
    that the field-name conventions read it as they read the same key written as one word; None for a key that
    is no label (a sentence, punctuation)."""
    if len(key) > 64 or _LABEL_KEY.fullmatch(key) is None:
        return None
    words = [w for w in _LABEL_SPLIT.split(key) if w]
    if words[0].lower() in _PART_WORDS:
        return None  # a part's label (``Sensor model``, ``Chip model``): its model is not the device's
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def json_leaves(obj: Any, fields: Fields, prefix: str, depth: int = 0) -> None:
    """Add every scalar leaf of decoded JSON as ``<prefix>a.b.c``; list items share the path."""
    if depth > MAX_DEPTH or len(fields) >= MAX_FIELDS:
        return
    if isinstance(obj, dict):
        deeper = depth + 1 > MAX_DEPTH
        if 2 <= len(obj) <= 4 and not _NAME_KEY_SET.isdisjoint(obj):  # (no name key: no property record; tested in C)
            pair = _named_value(obj)
            if pair is not None:  # {"name": "Firmware Version", "value": "2.3.4"}: also <prefix>FirmwareVersion
                add(fields, f"{prefix}{pair[0]}", pair[1])
        for k, v in islice(obj.items(), 500):
            if isinstance(v, (dict, list)):
                json_leaves(v, fields, f"{prefix}{k}.", depth + 1)
            elif isinstance(v, str) and v[:1] in ("{", "[", " "):
                json_leaves(v, fields, f"{prefix}{k}", depth + 1)
            elif v is not None:  # a plain scalar, added as ``add`` would (speed: no call per leaf)
                if deeper or len(fields) >= MAX_FIELDS:
                    return
                name = f"{prefix}{k}" if k not in _XMLJS_TEXT else prefix  # xml-js: the element's own text
                if name[-1:] == ".":
                    name = name[:-1]
                text = v if type(v) is str else str(v).lower() if isinstance(v, bool) else str(v)
                if len(text) > MAX_VALUE_CHARS:
                    text = text[:MAX_VALUE_CHARS]
                bucket = fields.get(name)
                if bucket is None:
                    fields[name] = [text]  # (fewer than MAX_FIELDS: tested above)
                elif len(bucket) < MAX_VALUES_PER_FIELD and text not in bucket:
                    bucket.append(text)
                if type(k) is str and " " in k:
                    label = _label_key(k)  # {"Camera model": "X"}: also <prefix>CameraModel
                    if label is not None:
                        add(fields, f"{prefix}{label}", text)
    elif isinstance(obj, list):
        for v in obj[:100]:
            if (isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], (str, int, float))
                    and not isinstance(v[1], bool)):  # (a flag is no identity)
                key = _identity_key(v[0], wide=True)  # [["Manufacturer", "X"], ["Model", "Y"]]: a table of pairs
                if key is not None:
                    add(fields, f"{prefix}{key}", v[1])
            json_leaves(v, fields, prefix if not isinstance(v, (dict, list)) else prefix, depth + 1)
    elif isinstance(obj, str) and obj[:1] in ("{", "[", " ") and _embedded_json(obj):
        try:  # JSON carried as a string value ("payload": "{\\"model\\": ...}"): its members too
            inner = json.loads(obj)
        except (ValueError, RecursionError):
            inner = None
        if isinstance(inner, (dict, list)):
            json_leaves(inner, fields, prefix if prefix.endswith(".") else prefix + ".", depth + 1)
        else:
            add(fields, prefix[:-1] if prefix.endswith(".") else prefix, obj)
    elif obj is not None:
        name = prefix[:-1] if prefix.endswith(".") else prefix
        add(fields, name, str(obj).lower() if isinstance(obj, bool) else obj)


#: The keys of a property record's name and value (``{"name": "Model", "value": "X"}``, ``{"key": ..., "val": ...}``).
_NAME_KEYS = ("name", "key", "label", "property", "field", "title", "param", "parameter", "attribute", "Name", "Key", "Label")
_VALUE_KEYS = ("value", "val", "text", "data", "content", "Value", "Val", "Text")
_NAME_KEY_SET = frozenset(_NAME_KEYS)
_KEY_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]*")


#: A property record's name (its words joined) that may say what the device is: a maker, model, product, type,
#: firmware, software or version word in any of the spellings client libraries and device APIs use (camelCase,
#: snake_case, abbreviations: devModel, prod_name, mdl, softVer, fwRev, sw_version, hwModel, SKU). Which of them name
#: the device's maker, model or firmware the field-name conventions decide (signatures/families/generic.yaml), as for
#: a member written as a key; the rest add a field nothing reads.
_RECORD_NAME = re.compile(r"(?i)model|mdl|firm|fw|soft|sw|ver|rev|manufact|vendor|brand|make|mfr|mfg|oem|prod|type|sku|build")


def _identity_key(name: str, *, wide: bool = False) -> str | None:
    """A property's name as a field-name part when it names the device's maker, model or firmware
    (``IDENTITY_NAME``; ``Firmware Version`` -> ``FirmwareVersion``), else None. ``wide``: a property record's
    name (``_RECORD_NAME``), unless its first word names a part of the device (a sensor's, a chip's model)."""
    if not 2 <= len(name) <= 48:
        return None
    words = _KEY_WORDS.findall(name)
    if not words or len(words) > 4:
        return None
    key = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    if wide:
        return key if _RECORD_NAME.search(key) and words[0].lower() not in _PART_WORDS else None
    return key if IDENTITY_NAME.match(key) else None


def _named_value(obj: dict[Any, Any]) -> tuple[str, str] | None:
    """(field-name part, value) of a property record naming the device's maker, model or firmware."""
    name = next((obj[k] for k in _NAME_KEYS if k in obj), None)
    value = next((obj[k] for k in _VALUE_KEYS if k in obj), None)
    if not isinstance(name, str) or not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    key = _identity_key(name, wide=True)
    text = str(value).strip()
    return (key, text) if key is not None and text else None


#: Longest string value tried as an embedded JSON document.
MAX_EMBEDDED_JSON = 64 * 1024


def _embedded_json(text: str) -> bool:
    """A string value that is itself a JSON object or array (by its first and last characters)."""
    if len(text) < 2 or len(text) > MAX_EMBEDDED_JSON:
        return False
    t = text.strip()
    return (t[:1] == "{" and t[-1:] == "}" and '"' in t) or (t[:2] == "[{" and t[-2:] == "}]")


#: Prefix of a response's ``raw`` text that carries binary bytes as standard base64 (the shared
#: convention for raw DNS/mDNS/DHCP packets, TP-Link 20002, Ubiquiti 10001, DVRIP, LLDP, CDP).
B64_PREFIX = "b64:"


def encode_raw(data: bytes) -> str:
    """Bytes as a response's ``raw`` text: ``b64:`` + standard base64."""
    import base64

    return B64_PREFIX + base64.b64encode(data).decode("ascii")


def decode_raw(raw: str) -> bytes | str:
    """A response's ``raw``: ``b64:`` + standard base64 gives the bytes; anything else is text.

    Undecodable base64 is returned as the text it is (a parser then reports it unreadable)."""
    if raw.startswith("b64:"):
        import base64
        import binascii

        try:
            return base64.b64decode(raw[4 : 4 + MAX_PARSE_BYTES * 2], validate=False)
        except (binascii.Error, ValueError):
            return raw
    return raw


def raw_bytes(raw: str) -> bytes:
    """``raw`` as bytes: base64-decoded when ``b64:``, else the latin-1 bytes of the text."""
    got = decode_raw(raw)
    if isinstance(got, bytes):
        return got
    return got.encode("latin-1", "replace")[:MAX_PARSE_BYTES]


#: Largest text handed to the Python-literal reader (a ``repr`` of a dict pasted from a log).
MAX_LITERAL_CHARS = 64 * 1024
#: Most pairs read by the loose readers below (a flood stops here).
MAX_LOOSE_PAIRS = 400


def parse_literal(text: str) -> Any:
    """A Python literal (``{'model': 'X', 'ok': True}``, ``u'...'`` strings), as client libraries
    print device answers in their logs. Only literals are evaluated (``ast.literal_eval``); raises
    Unreadable on anything else, on size, or on pathological nesting."""
    if len(text) > MAX_LITERAL_CHARS:
        raise Unreadable("literal too large")
    import ast

    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise Unreadable(f"not a literal: {type(exc).__name__}") from None


def parse_loose(text: str) -> Any:
    """JSON, else JSON cut off at its end (closed after its last complete member), else a Python
    literal. Raises Unreadable."""
    try:
        return parse_json(text)
    except Unreadable:
        repaired = close_cut_json(text)
        if repaired is not None:
            try:
                return parse_json(repaired)
            except Unreadable:
                pass
        if "'" not in text and "True" not in text and "False" not in text and "None" not in text:
            raise
        return parse_literal(text)


_CLOSER = {"{": "}", "[": "]"}
#: Deepest nesting ``close_cut_json`` reads: a document is repaired as if cut where it nests deeper
#: (``json_leaves`` walks MAX_DEPTH levels; ``json.loads`` raises RecursionError near 1000).
MAX_REPAIR_DEPTH = 8 * MAX_DEPTH
#: What ``close_cut_json`` looks at outside strings, and the rest of a string after its opening quote
#: (escapes skipped: a backslash takes the next character, whatever it is).
_JSON_STRUCTURE = re.compile(r'["{}\[\],]')
_JSON_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def close_cut_json(text: str) -> str | None:
    """A JSON document cut off before its end, closed after its last complete member: the open
    objects and arrays get their closing brackets. None when it does not start as JSON or when no
    member was complete. One pass, bounded by MAX_PARSE_BYTES and MAX_REPAIR_DEPTH levels."""
    t = text[:MAX_PARSE_BYTES]
    start = len(t) - len(t.lstrip())
    if t[start : start + 1] not in ("{", "["):
        return None
    # the open brackets' closers as a linked list (closer, rest): a safe point keeps the list as it
    # is then in O(1) (joining a copy at every ',' was quadratic in the nesting: '['*n + ']'*n)
    stack: tuple[str, Any] | None = None
    depth = 0
    safe_at: int = -1
    safe_stack: tuple[str, Any] | None = None
    i = start
    while True:  # from one structural character to the next (a regex skips the rest and whole strings)
        m = _JSON_STRUCTURE.search(t, i)
        if m is None:
            break
        c = m.group()
        i = m.end()
        if c == '"':
            s = _JSON_STRING_REST.match(t, i)
            if s is None:
                break  # the text ends inside this string
            i = s.end()
        elif c in "{[":
            if depth >= MAX_REPAIR_DEPTH:
                break  # read as if cut here: nothing deeper is walked, and the decoder refuses ~1000 levels
            stack = (_CLOSER[c], stack)
            depth += 1
        elif c in "}]":
            if stack is None or stack[0] != c:
                return None
            stack = stack[1]
            depth -= 1
            if stack is None:
                return None  # complete: nothing to repair (it failed for another reason)
            safe_at, safe_stack = i, stack  # (i: just after the bracket)
        elif c == ",":
            safe_at, safe_stack = m.start(), stack
    if safe_at < 0:
        return None
    closers = []
    while safe_stack is not None:  # innermost first
        closers.append(safe_stack[0])
        safe_stack = safe_stack[1]
    return t[:safe_at] + "".join(closers)


#: ``"key": "value"`` / ``'key': u'value'`` / ``"key": 12`` pairs in text that is JSON or a Python
#: dict cut at either end (a log excerpt, a truncated body). Bounded classes: linear.
_LOOSE_PAIR = re.compile(
    r"""["']([A-Za-z_@][\w.@-]{0,60})["']\s*[:=]\s*(?:u?"([^"\r\n]{0,256})"|u?'([^'\r\n]{0,256})'|(-?\d[\d.]{0,30}|true|false|True|False))"""
)


#: A string literal continuing the one before it on the next line (``pprint`` splits a long string
#: into adjacent literals: ``'sw_version': '1.0.4 '`` / ``'Build 240902'``), not followed by ``:``.
_CONTINUED = re.compile(r"""[ \t]{0,8}\r?\n[ \t]{1,160}(?:"([^"\r\n]{0,256})"|'([^'\r\n]{0,256})')(?![ \t]{0,8}:)""")


def _continued(text: str, pos: int) -> str:
    """The text of the adjacent literals after ``pos`` (at most 8 lines), joined."""
    out = ""
    for _ in range(8):
        m = _CONTINUED.match(text, pos)
        if m is None:
            break
        out += m.group(1) if m.group(1) is not None else m.group(2)
        pos = m.end()
    return out


def loose_pairs(text: str) -> list[tuple[str, str]]:
    """Quoted key/value pairs of JSON or a Python dict that does not parse as a whole (cut off,
    excerpted with ``[...]``): each pair's own key, the nesting is lost."""
    out: list[tuple[str, str]] = []
    for m in _LOOSE_PAIR.finditer(text[:MAX_PARSE_BYTES]):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        if m.group(2) is not None or m.group(3) is not None:
            value += _continued(text, m.end())
        if value.strip():
            out.append((m.group(1), value.strip()))
        if len(out) >= MAX_LOOSE_PAIRS:
            break
    return out


#: An XML element holding only text, in markup that does not parse as a whole (both ends cut).
#: A text-only element; its text may be one CDATA section (``<modelName><![CDATA[TS-X73]]></modelName>``:
#: QNAP's QDocRoot answers and many devices' CGI XML keep every value so).
_XML_LEAF = re.compile(r"<([A-Za-z_][\w.-]{0,60}:)?([A-Za-z_][\w.-]{0,60})(?:\s[^<>]{0,400})?>(?:([^<>]{1,512})|<!\[CDATA\[([^<>\]]{1,512})\]\]>)</\1?\2\s*>")


#: The last element of a text that ends inside that element's end tag (an excerpt cut mid-tag).
_XML_CUT_LEAF = re.compile(r"<([A-Za-z_][\w.-]{0,60}:)?([A-Za-z_][\w.-]{0,60})(?:\s[^<>]{0,400})?>([^<>]{1,512})</([A-Za-z_][\w.-]{0,60}:)?([\w.-]{0,60})$")


def xml_salvage(text: str) -> list[tuple[str, str]]:
    """(element name, text) of every text-only element of XML that does not parse (a body cut at
    either end), its text plain or one CDATA section: namespace prefixes dropped, blank texts skipped, in
    document order."""
    out: list[tuple[str, str]] = []
    if "<!" in text[:MAX_PARSE_BYTES] and ("<!ENTITY" in text or "<!DOCTYPE" in text):
        return out  # refused as a whole for its declarations: nothing of it is read
    for m in _XML_LEAF.finditer(text[:MAX_PARSE_BYTES]):
        value = (m.group(3) if m.group(3) is not None else m.group(4)).strip()
        if value:
            out.append((m.group(2), value))
        if len(out) >= MAX_LOOSE_PAIRS:
            break
    cut = _XML_CUT_LEAF.search(text[:MAX_PARSE_BYTES][-700:].rstrip())
    if cut is not None and cut.group(2).startswith(cut.group(5)) and (cut.group(4) or "") in ("", cut.group(1) or ""):
        value = cut.group(3).strip()  # the last element, its end tag cut (`<manufacturer>Panasonic</manuf`)
        if value and len(out) < MAX_LOOSE_PAIRS:
            out.append((cut.group(2), value))
    return out


#: A model number as a reporter or a console tool writes it in a line (``DS-7608NI-K2``, ``T8210``,
#: ``IPC_388M``, a bracketed suffix kept: ``DS-KD8003-IME1(B)``), as one group: the status-line and
#: firmware-line readers (toolout.status_line_models, keyvals.model_before_firmware) look for it.
MODEL_TOKEN = r"([A-Z0-9][A-Za-z0-9]{0,19}(?:[-_./][A-Za-z0-9]{1,15}){0,5}(?:\([A-Z0-9]{1,4}\))?)"
_MODEL_UPPER = re.compile(r"[A-Z]")
_MODEL_DIGIT = re.compile(r"\d")
_VERSION_SHAPED = re.compile(r"[Vv]?\d{1,4}(?:[._]\d{1,10}){1,6}[A-Za-z]?")


def model_shaped(token: str) -> bool:
    """A ``MODEL_TOKEN`` match that can be a model: three characters at least, an upper-case letter
    and a digit, and not a version number itself (``V5.4.0``)."""
    return (len(token) >= 3 and _MODEL_UPPER.search(token) is not None and _MODEL_DIGIT.search(token) is not None
            and _VERSION_SHAPED.fullmatch(token) is None)


#: At most this many attributes of one element are looked at for identity names.
MAX_IDENTITY_ATTRIBUTES = 32

#: An identity parameter of a header value (``X-Device: model=DS-2CD2042WD; manufacturer="Foo Co., Ltd";
#: fw=V5.4.0``): a ``name=value`` pair, the value quoted or running to the next ``;``/``,`` (a quoted one may
#: hold both). Only names that say what the device is (its maker, model or firmware: the key vocabulary
#: of families/generic.yaml) are kept; structural parameters (charset, realm, nonce, max-age, ns) are not.
_IDENTITY_WORDS = (r"manufacturer|manufacturer[_-]?name|mfr|mfg|vendor|vendor[_-]?name|brand|make|oem|"
                   r"model|model[_-]?(?:name|number|no|id)|product|product[_-]?(?:name|model)|device[_-]?(?:model|type)|"
                   r"fw|fw[_-]?ver(?:sion)?|firmware|firmware[_-]?ver(?:sion)?|sw[_-]?ver(?:sion)?|software[_-]?ver(?:sion)?")
_HEADER_PARAM = re.compile(
    r"(?:^|[;,]\s{0,8})(?P<name>(?i:" + _IDENTITY_WORDS + r"))"
    r"\s{0,4}=\s{0,4}(?:\"(?P<quoted>[^\"]{1,128})\"|(?P<bare>[^;,\"\s][^;,\"]{0,127}))"
)
#: A parameter or attribute name that says it holds the device's maker, model or firmware.
IDENTITY_NAME = re.compile(r"(?i:" + _IDENTITY_WORDS + r")$")
#: At most this many identity parameters are read from one header value.
MAX_HEADER_PARAMS = 8
#: The DLNA AV info headers a device answers (``X-AV-Server-Info``) or asks (``X-AV-Client-Info``) with, whose
#: identity parameters have two-letter names: ``cn`` the company name, ``mn`` the model name (``av=5.0;
#: cn="Sony Corporation"; mn="BRAVIA KDL-40CX520"; mv="1.7"``).
_AV_INFO_HEADER = re.compile(r"\.x-av-(?:server|client)-info$")
_AV_INFO_PARAM = re.compile(r"(?:^|;\s{0,8})(?P<name>cn|mn)\s{0,4}=\s{0,4}\"(?P<quoted>[^\"]{1,128})\"")


def header_params(fields: Fields, name: str, value: str) -> None:
    """Identity parameters of a header value as ``<name>.<param>`` (the parameter's name lower-cased):
    ``ssdp.header.x-device.manufacturer``. A value without ``=`` is left alone at once."""
    if "=" not in value or len(value) > 1024:
        return
    for n, m in enumerate(_HEADER_PARAM.finditer(value)):
        if n >= MAX_HEADER_PARAMS:
            break
        got = (m.group("quoted") or m.group("bare") or "").strip()
        if got:
            add(fields, f"{name}.{m.group('name').lower()}", got)
    if _AV_INFO_HEADER.search(name):
        for m in islice(_AV_INFO_PARAM.finditer(value), MAX_HEADER_PARAMS):
            if m.group("quoted").strip():
                add(fields, f"{name}.{m.group('name')}", m.group("quoted").strip())


#: Backslash escapes of a string literal (a Python ``bytes``/``str`` repr, a JSON string, a C or Go print).
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt'\"\\/])")
#: The same with ``\0`` (C, Go and Python prints of a NUL byte: netscan/parsers/printed.py).
_ESCAPE_NUL = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt'\"\\/0])")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "'": "'", '"': '"', "\\": "\\", "/": "/", "0": "\x00"}


def unescape(text: str, nul: bool = False) -> str:
    """``\\n``, ``\\r``, ``\\t``, quotes, ``\\\\``, ``\\/``, ``\\xNN`` and ``\\uNNNN`` undone (and ``\\0`` when ``nul``)."""

    def one(m: re.Match[str]) -> str:
        g = m.group(1)
        if g[0] in "xu":
            return chr(int(g[1:], 16))
        return _ESCAPES[g]

    return (_ESCAPE_NUL if nul else _ESCAPE).sub(one, text)
