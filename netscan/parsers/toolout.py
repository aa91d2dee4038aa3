"""Other tools' recordings of a device, as security teams paste them (docs/observations.md "Shapes
of raw"). Each reader recognises a tool's output by its documented layout -- never by the device
it names -- and turns it into the fields the identifiers already read:

- nuclei results (projectdiscovery/nuclei pkg/output/format_screen.go: ``[template-id:matcher]
  [type] [severity] matched-at ["extracted",...]``, optionally after ``[date time]``; its JSON Lines
  ``ResultEvent`` with ``template-id``, ``info.name``, ``matcher-name``, ``extractor-name``,
  ``extracted-results``, ``response``): ``nuclei.template``, ``nuclei.matcher``, ``nuclei.name``
  (the template author's classification: read for a maker's name only, at the weight of a maker's
  name in a short text field, signatures/families/generic.yaml ``maker_names``),
  ``nuclei.extracted`` (each extracted value: the family grammars read it for a model or firmware
  shape), ``nuclei.kv.<extractor-name>``, ``nuclei.url``; ``nuclei.version`` for each extracted
  value when the extractor's name (or, none named, the template id) says it is a version or a
  firmware (``version``, ``firmware``, ``fw``...) and names no component or web stack (an
  application CPE in the event's classification, ``nginx-version``); an extracted value that is
  itself a key/value snippet (a regex extractor without a group returns the whole match:
  ``"firmwareVersion":"V5.5.0"``, ``<model>X</model>``, ``Firmware Version: 2.1``) also as
  ``nuclei.kv.<key>``; a recorded ``response`` is
  read as the exchange it is;
- ONVIF discovery tools: ZoneMinder ``zmonvif-probe.pl probe`` lines (``xaddr, 1.2,
  (name='X', hardware='Y', ...)``: ZoneMinder scripts/ZoneMinder/lib/ZoneMinder/ONVIF.pm
  interpret_messages) as ``wsd.xaddrs`` and ``wsd.scope`` (``onvif://www.onvif.org/<attr>/<value>``
  as the device sent them); libonvif ``onvif-util`` lines (``-a``: ``<ip> <hostname>(<camera
  name>)``; after logging in ``name: <camera name>``; sr99622/libonvif onvif-util.cpp), whose
  camera name is the ``name`` scope followed by the ``hardware`` scope (libonvif getCameraName),
  as ``wsd.name``, and a last word holding a digit after the name's words back as those two scopes;
- HTTP headers logged as Java/Kotlin prints: ``URLConnection.getHeaderFields()`` as a map
  (``{null=[HTTP/1.1 200 OK], Server=[X]}``), Spring ``HttpHeaders.formatHeaders``
  (``[Server:"X", ...]``), Kotlin/OkHttp pairs (``[(Server, X), ...]``), Apache HttpClient and Netty
  header arrays (``[Server: X, ...]``), a map of plain values (``{Server=X, Date=...}``):
  ``<http|rtsp>.header.<name>`` (``.status`` from the map's ``null`` entry);
- Go's fmt prints (pkg.go.dev/fmt "Printing"): an ``http.Header`` map (``map[Server:[X] Www-Authenticate:[Y]]``,
  also inside a printed ``http.Response`` ``&{401 Unauthorized 401 HTTP/1.1 ... map[...] ...}``, whose
  status code is read) and ``Name: [value]`` lines as ``<http|rtsp>.header.<name>``; a flat struct's
  ``%+v`` (``{Manufacturer:X Model:Y FirmwareVersion:Z}``) as ``<prefix>.kv.<Field>``;
- PowerShell's ``Headers : {[Server, X], [Date, Y]...}`` (Invoke-WebRequest) as ``http.header.<name>``;
- Python ``OrderedDict``/tuple-pair prints (``OrderedDict([('Model', 'X'), ...])``, xmltodict's
  result in older Python): ``<prefix>.json.<key>``;
- ffprobe's machine-readable writers of an RTSP input (doc/ffprobe.texi "Writers": default
  ``[FORMAT]`` with ``TAG:title=``, ``-of json``, ``flat``, ``ini``, ``compact``, ``xml``): the
  format's ``title`` / ``comment`` tags are the SDP's ``s=`` / ``i=`` lines (libavformat/rtsp.c
  ff_sdp_parse), ``rtsp.sdp.session`` / ``rtsp.sdp.info``;
- MQTT console logs (``mosquitto_sub -v``: ``topic payload``, below at most two pasted command lines; Home Assistant's ``Received message on
  <topic> ... : b'<payload>'``; zigbee2mqtt's ``MQTT publish: topic '<t>', payload '<p>'``): JSON
  payloads as ``<prefix>.json.*``, a scalar payload as ``<prefix>.kv.<last topic level>``; Home
  Assistant discovery's abbreviated device keys (homeassistant/components/mqtt/abbreviations.py
  DEVICE_ABBREVIATIONS: ``dev.mf``, ``dev.mdl``, ``dev.sw``, ``dev.hw``...) also under their long
  names (``<prefix>.json.device.manufacturer``...); the ``o`` (origin: the publishing software)
  block is not expanded;
- transcripts with direction markers (``<< RTSP/1.0 401 ...`` / ``<< Server: X``, ``[RX]``, a time
  stamp and ``<-``): each answer's status and header lines behind the same prefix; an answer quoted
  whole below a log's or a note's lines (no marker; a standard header right below its status line) the
  same, unless the text starts with a message (a sequence the message parser reads);
- a dict of bytes (``{b'model': b'X'}``) as ``<prefix>.json.<key>``; XML pasted as a Markdown table
  (``| <Model> | X |``, ``| tds:Model | ...`` column names, ``| <Model>X</Model> |``) as ``<prefix>.xml.<name>``;
- log transcripts whose every line carries a time stamp and level prefix (``16/02/2023 16:23:22
  [INFO] Device type: AD110``, Python logging's ``asctime - name - LEVEL - message``, Home
  Assistant's ``DEBUG (MainThread) [logger]``): the prefixes cut, the ``Key: Value`` messages as
  ``<prefix>.kv.<Key>``;
- XML whose markup was HTML-escaped (``&lt;model&gt;X&lt;/model&gt;``): ``<prefix>.xml.<name>``;
  XML whose markup was stripped (a page rendered the elements' text only, one value a line):
  each short value line as ``<prefix>.line`` (read by the family grammars only);
- a console tool's status line that names the remote device by its model beside its video device
  class (``Connected to DS-7608NI-K2 (NVR)``, ``Doorbell [T8210] online``), once in the text and not
  as a list entry (an NVR's channel list, a client's camera list name other devices):
  ``<prefix>.status.model`` and ``<prefix>.status.deviceClass``;
- a response's headers printed as a dictionary (Python's dict / requests' CaseInsensitiveDict,
  aiohttp's CIMultiDictProxy, httpx's Headers, a JSON object) on a line that pairs ``Server`` or
  ``WWW-Authenticate`` with another standard header name: ``http.header.<name>`` (``rtsp.`` with a CSeq);
- a neighbour listing that names one host (arp-scan's ``IP<TAB>MAC<TAB>vendor`` line, ``arp -a``, ``ip
  neigh``): its MAC as ``<prefix>.kv.mac`` (read as a MAC the device reported: its OUI); several hosts
  are a network's listing: nothing;
- one device exported as CSV (a discovery tool's export: a header row of column names and ONE data
  row; several rows are a list of other devices): ``<prefix>.kv.<Column>``;
- records of an answer other tools keep: a packet dissection printed as text (tshark ``-V``,
  Wireshark's "Copy as Text": an HTTP/RTSP answer's head lines ending in a written-out ``\r\n``, an SDP's
  ``Session Name (s): X`` items), masscan ``--banners`` lines (``[http]`` with ``\x0d\x0a``, ``[title]``),
  WhatWeb's brief log (``HTTPServer[X]``, ``Title[X]``), zgrab2 JSON (``data.http.result.response``) and
  HAR archives (``log.entries[].response``, the first entry's host only): each answer read as the
  exchange it was (``<proto>.status``, ``.header.*``, the body's fields);
- ``KEY="value"`` pairs inside SNMP string values (``snmp_string_pairs``): ``snmp.kv.<KEY>``.

Every reader is capped in characters, lines and values; every pattern is a bounded character class
or a fixed word next to one (no two adjacent repeats that match the same characters).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import unquote

from netscan.parsers._util import MODEL_TOKEN, Fields, add, json_leaves, model_shaped, xml_salvage
from netscan.parsers.console import column_fields, console_fields
from netscan.parsers.records import (
    devinfo_order_pairs,
    dns_details_fields,
    ipp_attribute_fields,
    message_header_fields,
    ssdp_json_fields,
    status_trace_fields,
    upnp_stripped_fields,
)
from netscan.parsers.wirerec import wirerec_fields
from netscan.parsers.printed import printed_fields

#: Longest text looked at, most lines, longest line, most values kept per reader.
MAX_TEXT = 256 * 1024
MAX_LINES = 2000
MAX_LINE = 8192
MAX_VALUES = 200
#: Head of a text in which the readers' tells are looked for.
TELL_WINDOW = 8192
#: Longest JSON line (nuclei JSON Lines keep the whole response) and response read.
MAX_JSON_LINE = 1024 * 1024
MAX_RESPONSE = 64 * 1024

_ANSI = re.compile(r"\x1b\[[0-9;]{0,20}m")


def _lines(text: str) -> list[str]:
    return [ln[:MAX_LINE].rstrip("\r") for ln in text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]]


def put_first(fields: Fields, name: str, values: list[str]) -> None:
    """``values`` as the first values of field ``name``; a value another reader took from the same
    text that runs past one of them or keeps the print's escapes (a header quoted in a line of text:
    ``Server: X, Content-Type: ...``; ``realm=\\"X\\"``) is dropped."""
    def norm(v: str) -> str:
        return v.replace("\\", "").lstrip("\"' ")

    mine = [norm(v) for v in values]
    kept = [v for v in fields.get(name, []) if v not in values and not any(norm(v).startswith(p) for p in mine if p)]
    fields.pop(name, None)
    for v in values + kept:
        add(fields, name, v)


def put_headers(fields: Fields, proto: str, pairs: list[tuple[str, str]]) -> None:
    """Header (name, value) pairs read from one print as ``<proto>.header.<name>``, each name's values
    first in its field (``put_first``)."""
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(f"{proto}.header.{name.lower()}", []).append(value)
    for field, values in grouped.items():
        put_first(fields, field, values)


# ------------------------------------------------------------------ nuclei

#: One result line of nuclei's screen writer (format_screen.go): optional time stamp, template id
#: (``:matcher`` or ``:extractor`` name), optional ``[matched]``/``[failed]``, type, severity, target.
_NUCLEI_LINE = re.compile(
    r"^(?:\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] )?\[([A-Za-z0-9][\w.-]{0,119})(?::([^\]\s]{1,120}))?\]"
    r"(?: \[(?:matched|failed)\])? \[([a-z0-9-]{2,20})\] \[(info|low|medium|high|critical|unknown)\] (\S{1,2000})(.{0,6000})"
)
#: A quoted extracted value (nuclei v3 quotes each with strconv.QuoteToASCII, then un-escapes ``\"``).
_NUCLEI_QUOTED = re.compile(r'"((?:[^"\\]|\\.){0,512})"')
_KEYLIKE = re.compile(r"[A-Za-z][\w-]{0,40}")
_GO_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt\\\"'])")
_GO_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "'": "'"}


def _go_unquote(s: str) -> str:
    return _GO_ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "xu" else _GO_ESCAPES[m.group(1)], s)


def _nuclei_extracted(rest: str) -> list[str]:
    """The values of the ``[...]`` list that follows the target on a screen line."""
    if not rest.startswith(" ["):
        return []
    body = rest[2:]
    if body.startswith("LN: "):
        return []
    if body.startswith('"'):
        out: list[str] = []
        pos = 0
        while pos < len(body) and len(out) < 32:
            m = _NUCLEI_QUOTED.match(body, pos)
            if m is None:
                break
            out.append(_go_unquote(m.group(1)).strip())
            pos = m.end()
            if body[pos : pos + 1] != ",":
                break
            pos += 1
        return [v for v in out if v]
    end = body.find("]")
    if end < 0 or "=" in body[:end]:  # no list, or the metadata list (name="value")
        return []
    return [v.strip() for v in body[:end].split(",")[:32] if v.strip()]


#: A template id or extractor name that says its values are a version (nuclei-templates' technology
#: templates: ``<product>-version``, ``<product>-version-detect``, ``<product>-firmware``, an
#: extractor named ``version`` / ``firmware-version`` / ``fw``): a word of it, between ``-``, ``_``,
#: ``:`` or the ends.
_NUCLEI_VERSION_WORD = re.compile(r"(?:^|[-_:])(?:version|versions|ver|firmware|fw|build|sw-version|software-version)(?:$|[-_:])", re.I)
#: ... unless a word of it names a component or a web stack, whose version is not the device's
#: firmware (nuclei-templates http/technologies/nginx/nginx-version.yaml extracts nginx's version;
#: the words follow signatures/families/generic.yaml semantic-firmware's component list).
_NUCLEI_COMPONENT_WORD = re.compile(
    r"(?:^|[-_:])(?:app|apps|client|plugin|sdk|library|lib|framework|kernel|linux|os|boot|uboot|bootloader|api|web|webui|ui"
    r"|browser|php|nginx|apache|httpd|lighttpd|tomcat|iis|jetty|openssh|ssh|openssl|ssl|tls|jquery|angular|react|vue"
    r"|bootstrap|wordpress|drupal|joomla|node|nodejs|express|python|java|ruby|perl|dotnet|aspnet|asp|jenkins|gitlab"
    r"|grafana|kibana|elasticsearch|mysql|postgres|redis|mongodb|wp|cms)(?:$|[-_:])",
    re.I,
)


def _nuclei_names_version(template: str, name: str, name_is_extractor: bool | None) -> bool:
    """True when the extractor's name, or (no extractor named) the template id, says the extracted
    values are a version, and neither names a component or a web stack."""
    named = name if name and name_is_extractor is not False else ""
    said = named if named and _NUCLEI_VERSION_WORD.search(named) else (template if _NUCLEI_VERSION_WORD.search(template) else "")
    if not said:
        return False
    return _NUCLEI_COMPONENT_WORD.search(template) is None and _NUCLEI_COMPONENT_WORD.search(named) is None


#: An extracted value that is itself a key and its value (a regex extractor without a group returns
#: the whole match): ``<firmwareVersion>V5.4.5</firmwareVersion>``, ``"firmwareVersion":"V5.5.0"``,
#: ``Firmware Version: 2.1.7``, ``version=1.0.2``.
_SNIPPET_XML = re.compile(r"<([A-Za-z][\w:.-]{0,60})(?: [^<>]{0,200})?>([^<>]{1,160})</\1>")
_SNIPPET_PAIR = re.compile(r"""["']?([A-Za-z][\w.-]{0,40}(?: [A-Za-z][\w.-]{0,20}){0,3})["']?[ \t]{0,3}[:=][ \t]{0,3}["']?([^"'\r\n<>{}]{1,160}?)["']?[,;]?""")


def _snippet_pair(value: str) -> tuple[str, str] | None:
    """(key, value) when an extracted value is one key/value snippet, else None."""
    v = value.strip()
    m = _SNIPPET_XML.fullmatch(v)
    if m is None and (":" in v or "=" in v) and "://" not in v:
        m = _SNIPPET_PAIR.fullmatch(v)
    if m is None or not m.group(2).strip():
        return None
    key = m.group(1).rsplit(":", 1)[-1]
    words = re.split(r"[ _.-]+", key.strip())
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:]), m.group(2).strip()


def _nuclei_add(fields: Fields, template: str, name: str, extracted: list[str], url: str, name_is_extractor: bool | None,
                application: bool = False) -> None:
    add(fields, "nuclei.template", template)
    if name:
        add(fields, "nuclei.matcher", name)
    if url:
        add(fields, "nuclei.url", url[:512])
    version = bool(extracted) and not application and _nuclei_names_version(template, name, name_is_extractor)
    for v in extracted[:32]:
        if len(v) <= 256:
            add(fields, "nuclei.extracted", v)
            if name and (name_is_extractor or name_is_extractor is None) and _KEYLIKE.fullmatch(name):
                add(fields, f"nuclei.kv.{name}", v)
            pair = _snippet_pair(v)
            if pair is not None:
                add(fields, f"nuclei.kv.{pair[0]}", pair[1])  # read as the pair it is (field-name conventions)
            if version:
                add(fields, "nuclei.version", pair[1] if pair is not None else v)


def nuclei_fields(fields: Fields, text: str) -> None:
    """Fields of nuclei's screen output and JSON Lines / JSON export (see module docstring)."""
    n = 0
    if "] [" in text:
        for line in _lines(text):
            if "] [" not in line or n >= MAX_VALUES:
                continue
            m = _NUCLEI_LINE.match(_ANSI.sub("", line).strip())
            if m is None:
                continue
            n += 1
            _nuclei_add(fields, m.group(1), m.group(2) or "", _nuclei_extracted(m.group(6)), m.group(5), None)
    if '"template-id"' in text:
        for event in _nuclei_events(text):
            n += 1
            if n > MAX_VALUES:
                break
            _nuclei_event(fields, event)


def _nuclei_events(text: str) -> list[dict[str, Any]]:
    t = text[:MAX_TEXT * 4].strip()
    docs: list[Any] = []
    if t.startswith("["):  # -json-export: one array of events
        try:
            docs = json.loads(t)
        except (ValueError, RecursionError):
            docs = []
    if not docs:
        for line in t.split("\n", MAX_LINES)[:MAX_LINES]:
            s = line.strip()
            if not s.startswith("{") or '"template-id"' not in s or len(s) > MAX_JSON_LINE:
                continue
            try:
                docs.append(json.loads(s))
            except (ValueError, RecursionError):
                continue
    return [d for d in docs if isinstance(d, dict) and isinstance(d.get("template-id"), str)][:MAX_VALUES]


def _nuclei_event(fields: Fields, event: dict[str, Any]) -> None:
    raw_info = event.get("info")
    info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    raw_extractor, raw_matcher = event.get("extractor-name"), event.get("matcher-name")
    extractor = raw_extractor if isinstance(raw_extractor, str) else ""
    matcher = raw_matcher if isinstance(raw_matcher, str) else ""
    results = event.get("extracted-results")
    extracted = [str(v).strip() for v in results[:32] if isinstance(v, (str, int, float)) and str(v).strip()] if isinstance(results, list) else []
    url = next((event[k] for k in ("matched-at", "host", "url") if isinstance(event.get(k), str) and event[k]), "")
    classification = info.get("classification")
    cpe = classification.get("cpe") if isinstance(classification, dict) else None
    # a CPE of part "a" (an application): the template versions a software, not a device's firmware
    application = isinstance(cpe, str) and cpe.lower().startswith(("cpe:2.3:a:", "cpe:/a:"))
    _nuclei_add(fields, event["template-id"], extractor or matcher, extracted, url, bool(extractor), application)
    if isinstance(info.get("name"), str) and info["name"].strip():
        add(fields, "nuclei.name", info["name"].strip())
    response = event.get("response")
    if isinstance(response, str) and response[:5] in ("HTTP/", "RTSP/"):
        from netscan.parsers.http import message_fields, parse_message  # noqa: PLC0415 (http imports shapes, which imports this)

        try:
            msg = parse_message(response[:MAX_RESPONSE])
        except Exception:  # noqa: BLE001 -- a cut response: nothing of it is read
            return
        for name, values in message_fields(msg, msg.proto.lower()).items():
            if ".header." in name:
                put_first(fields, name, values)  # the line read as an exchange with its escapes left in
            else:
                for v in values:
                    add(fields, name, v)


# ------------------------------------------------------------------ ONVIF discovery tools

#: zmonvif-probe.pl: ``<xaddr>, <soap version>, (<attr>='<value>', ...)``.
#: (behind a log's or a prompt's prefix at most; a line the console cut keeps its pairs without the ")")
_ZM_LINE = re.compile(r"(?:^|[\s>:])(https?://[^\s,]{1,500}), (1\.[12]), \((.{0,4000}?)\)?[ \t]*$")
#: The longest text ``_ZM_LINE`` matches (a separator, the URL, the version, the pairs, the ")"): a match ends at the
#: line's end, so a (stripped) line is searched from this far before its end only -- searched from every URL of a
#: long line, the 4,000-character tail made each start cost 4,000 steps (hostile4, session 12).
ZM_LINE_MAX = 1 + len("https://") + 500 + len(", 1.2, (") + 4000 + 1
_ZM_PAIR = re.compile(r"([A-Za-z0-9_.%/-]{1,120})='([^'\r\n]{0,300})'")
#: onvif-util -a: ``<ip> <host name>(<camera name>)``.
_OU_LINE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3}) ([^\s()]{0,120})\(([^()\r\n]{1,300})\)$")
_MODEL_WORD = re.compile(r"[A-Za-z0-9][\w./+()-]{1,47}")
_OU_NAME = re.compile(r"^name:[ \t]{1,12}(\S[^\r\n]{0,300})$")


def _camera_name_scopes(fields: Fields, name: str) -> None:
    """libonvif's camera name is the ``name`` scope, a blank and the ``hardware`` scope (getCameraName; the
    hardware left out when the name holds it): a last word with a digit (a model code) after the name's
    words is the hardware scope, the words before it the name scope, as the ProbeMatch said them."""
    words = name.split()
    if 2 <= len(words) <= 6 and any(c.isdigit() for c in words[-1]) and _MODEL_WORD.fullmatch(words[-1]) is not None:
        add(fields, "wsd.scope", f"onvif://www.onvif.org/hardware/{words[-1]}")
        add(fields, "wsd.scope", "onvif://www.onvif.org/name/" + " ".join(words[:-1]))


def discovery_tool_fields(fields: Fields, text: str) -> None:
    """ZoneMinder zmonvif-probe and libonvif onvif-util lines (see module docstring)."""
    logged_in = "successfully connected to host" in text
    n = 0
    for raw in _lines(text):
        line = raw.strip()
        if n >= MAX_VALUES:
            break
        if ", (" in line:
            m = _ZM_LINE.search(line, max(0, len(line) - ZM_LINE_MAX))
            if m is not None:
                n += 1
                add(fields, "wsd.xaddrs", m.group(1))
                for p in _ZM_PAIR.finditer(m.group(3)):
                    add(fields, "wsd.scope", unquote(f"onvif://www.onvif.org/{p.group(1)}/{p.group(2)}"))
                continue
        if line.endswith(")"):
            m = _OU_LINE.match(line)
            if m is not None and m.group(3) != "UNKNOWN CAMERA":
                n += 1
                add(fields, "wsd.name", m.group(3).strip())
                _camera_name_scopes(fields, m.group(3).strip())
                if m.group(2):
                    add(fields, "onvif.hostname", m.group(2))
                continue
        if logged_in and line.startswith("name:"):
            m = _OU_NAME.match(line)
            if m is not None and m.group(1).strip() != "UNKNOWN CAMERA":
                n += 1
                add(fields, "wsd.name", m.group(1).strip())
                _camera_name_scopes(fields, m.group(1).strip())


#: An ONVIF scope URI (ONVIF Core Specification 7.3.2.2: ``onvif://www.onvif.org/<attribute>/<value>``) as
#: a discovery tool prints it: python-wsdiscovery's ``wsdiscover`` (wsdiscovery/cmdline.py: `` - <scope>``
#: a line, Scope.__repr__ the value as received), onvif tools' ``Scopes:`` lists, a Python list print.
_SCOPE_TOKEN = re.compile(r"onvif://www\.onvif\.org/([A-Za-z][\w.-]{0,40})/([^\s'\",\]\)<>]{1,300})")
_SCOPE_ALONE = re.compile(r"^(?:[-*] {1,4})?onvif://www\.onvif\.org/([A-Za-z][\w.-]{0,40})/([^\r\n'\"<>]{1,300})$")


#: python-wsdiscovery's ``wsdiscover`` result: ``Discovered:``, then per service `` address: <netloc>`` (the host and
#: port of the service's first XAddr, urlparse(...).netloc; wsdiscovery/cmdline.py) and its scopes as `` - `` lines.
_WSDISCOVER_ADDRESS = re.compile(r"^ address: ([\w.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?[ \t]*$")


def wsdiscover_address_fields(fields: Fields, text: str) -> None:
    """The `` address:`` lines of a ``wsdiscover`` print as ``wsd.netloc`` (the XAddr's host[:port], all the tool
    shows of it), only below its ``Discovered:`` heading."""
    seen = False
    for line in _lines(text):
        if line.strip() == "Discovered:":
            seen = True
            continue
        m = _WSDISCOVER_ADDRESS.match(line) if seen else None
        if m is not None:
            add(fields, "wsd.netloc", m.group(1) + (f":{m.group(2)}" if m.group(2) else ""))


def scope_token_fields(fields: Fields, text: str) -> None:
    """Every ONVIF scope URI in a text as ``wsd.scope`` (URL-decoded as the discovery parser does); a
    scope alone on its line keeps the blanks of a value a tool printed decoded (``name/IP Camera``)."""
    n = 0
    for line in _lines(text):
        if "onvif://www.onvif.org/" not in line:
            continue
        alone = _SCOPE_ALONE.match(line.strip()) if line.count("onvif://") == 1 else None
        found = [alone] if alone is not None else list(_SCOPE_TOKEN.finditer(line))
        for m in found[:64]:
            add(fields, "wsd.scope", unquote(f"onvif://www.onvif.org/{m.group(1)}/{m.group(2).strip()}"))
            n += 1
        if n >= MAX_VALUES:
            return


# ------------------------------------------------------------------ Java / Kotlin header prints

#: Response header names (RFC 9110, RFC 2326 and the common extensions): at least one must be in a
#: print for it to be read as headers.
_HEADER_NAMES = frozenset(
    "server www-authenticate content-type content-length date connection cache-control expires pragma "
    "last-modified etag set-cookie location transfer-encoding keep-alive accept-ranges vary allow public "
    "cseq session content-base content-encoding access-control-allow-origin x-frame-options "
    "x-content-type-options x-xss-protection strict-transport-security content-security-policy "
    "proxy-authenticate retry-after age via upgrade".split()
)
_HNAME = r"[A-Za-z][A-Za-z0-9_-]{0,63}"
#: (entry start, text that ends the last value) per print style; the start's group 1 is the name.
_HEADER_PRINTS = (
    (re.compile(r"(?:(?<=\{)|(?<=, ))(null|" + _HNAME + r")=\["), "]}", "]"),  # Map<String, List<String>>
    (re.compile(r"(?:(?<=\[)|(?<=, ))(" + _HNAME + r"):\""), '"]', '"'),  # Spring HttpHeaders
    (re.compile(r"(?:(?<=\[)|(?<=, ))\((" + _HNAME + r"), "), ")]", ")"),  # Kotlin Pair list
    (re.compile(r"(?:(?<=\[)|(?<=, ))(" + _HNAME + r"): "), "]", ""),  # Apache Header[], Netty
    (re.compile(r"(?:(?<=\{)|(?<=, ))(" + _HNAME + r")="), "}", ""),  # Map<String, String>
    # PowerShell's Invoke-WebRequest ``Headers : {[Server, X], [Date, Y]...}`` (a dictionary's
    # KeyValuePair entries; the console cuts a long one with "...": learn.microsoft.com Invoke-WebRequest)
    (re.compile(r"(?:(?<=\{)|(?<=, ))\[(" + _HNAME + r"), "), "]}", "]"),
)
#: Most header entries read from one line.
MAX_HEADER_ENTRIES = 100
#: Ktor ``Headers.toString()`` (ktorio/ktor Headers.kt: ``"Headers ${entries()}"``, a set of
#: ``name=[values]`` entries): ``Headers [Server=[X], Date=[Y]]``.
_KTOR_ENTRY = re.compile(r"(?:(?<=Headers \[)|(?<=\], ))(" + _HNAME + r")=\[")
#: A two-component object per header: a Kotlin data class or Lombok ``Pair(first=Server, second=X)`` /
#: ``Header(name=Server, value=X)``, a Java record ``Header[name=Server, value=X]``.
_OBJECT_PAIR = re.compile(r"\b[A-Za-z][\w$]{0,40}([(\[])(?:first|name|key)=(" + _HNAME + r"), (?:second|value)=")
#: Each header in its own brackets: ``[Server: X][Date: Y]``.
_BRACKETED = re.compile(r"\[(" + _HNAME + r"): ([^\]\r\n]{1,1024})\]")


#: One header entry alone on a line (a client's headers printed one per line: Kotlin ``(Server, X)`` of
#: OkHttp's ``Iterable<Pair<String, String>>``, a component object, ``[Server: X]``, a map entry
#: ``Server=[X]``).
_ENTRY_LINE = re.compile(
    r"^(?:\((" + _HNAME + r"), (.{1,1024})\)|[A-Za-z][\w$]{0,40}[(\[](?:first|name|key)=(" + _HNAME + r"), (?:second|value)=(.{1,1024})[)\]]"
    r"|\[(" + _HNAME + r"): (.{1,1024})\]|(" + _HNAME + r")=\[(.{0,1024})\])$"
)


def _entry_lines(lines: list[str]) -> list[tuple[str, str]]:
    """(name, value) of runs of lines that each hold one header entry (``_ENTRY_LINE``): at least
    two in a run, one of them a known header name."""
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for line in [*lines, ""]:
        m = _ENTRY_LINE.match(line.strip()) if line[:1] in "([" or "=[" in line or "=" in line[:80] else None
        if m is not None:
            g = m.groups()
            name, value = next((g[i], g[i + 1]) for i in range(0, 8, 2) if g[i] is not None)
            run.append((name, value.strip()))
            continue
        if len(run) >= 2 and any(n.lower() in _HEADER_NAMES for n, _ in run):
            out += run
        run = []
        if len(out) >= MAX_HEADER_ENTRIES:
            break
    return [(n, v) for n, v in out if v][:MAX_HEADER_ENTRIES]


def _extra_header_prints(line: str) -> list[tuple[str, str]]:
    """(name, value) of the header prints that do not separate entries by ``, `` alone: Ktor's
    ``Headers [...]``, component objects, bracketed entries; at least two entries, one a known name."""
    out: list[tuple[str, str]] = []
    if "Headers [" in line:
        entries = list(_KTOR_ENTRY.finditer(line))[:MAX_HEADER_ENTRIES]
        end = line.rfind("]]")
        for i, m in enumerate(entries):
            stop = entries[i + 1].start() - 2 if i + 1 < len(entries) else end
            value = line[m.end() : stop]
            out.append((m.group(1), value[:-1] if value.endswith("]") else value))
    if not out and ("first=" in line or "name=" in line or "key=" in line):
        objs = list(_OBJECT_PAIR.finditer(line))[:MAX_HEADER_ENTRIES]
        for i, m in enumerate(objs):
            value = line[m.end() : objs[i + 1].start()] if i + 1 < len(objs) else line[m.end() :]
            value = value.rstrip()
            closer = ")" if m.group(1) == "(" else "]"
            if i + 1 < len(objs):
                value = value.rstrip(",").rstrip()  # the list's ", " before the next object
            elif value[-2:-1] == closer and value[-1:] in ")]}":
                value = value[:-1]  # the list's own closer after the last object's
            if value.endswith(closer):
                value = value[:-1]
            out.append((m.group(2), value))
    if not out and "][" in line:
        out = [(m.group(1), m.group(2)) for m in _BRACKETED.finditer(line)][:MAX_HEADER_ENTRIES]
    out = [(n, v.strip()) for n, v in out if v.strip() and len(v) <= 1024]
    if len(out) < 2 or not any(n.lower() in _HEADER_NAMES for n, _ in out):
        return []
    return out


def java_header_fields(fields: Fields, prefix: str, text: str) -> None:
    """Headers printed by a Java/Kotlin client's ``toString`` (see module docstring)."""
    proto = prefix if prefix in ("http", "rtsp") else "http"
    all_lines = _lines(text)
    if len(all_lines) >= 2:
        put_headers(fields, proto, _entry_lines(all_lines))
    for line in all_lines:
        if len(line) < 10:
            continue
        if line.endswith("]...}"):
            line = line[:-4] + "}"  # a dictionary the console cut short: the entries before the cut
        extra = _extra_header_prints(line) if ("Headers [" in line or "=" in line or "][" in line) else []
        if extra:
            put_headers(fields, proto, extra)
            continue
        if ", " not in line:
            continue
        for start, closer, tail in _HEADER_PRINTS:
            entries = [m for m in start.finditer(line)][:MAX_HEADER_ENTRIES]
            strict = tail == ""  # ``Name: `` / ``Name=`` also occur inside values: known names only
            entries = [m for m in entries if m.group(1).lower() in _HEADER_NAMES or m.group(1).lower().startswith("x-")
                       or (not strict and m.group(1) != "null" and "-" in m.group(1)) or m.group(1) == "null"]
            if len(entries) < 2 or not any(m.group(1).lower() in _HEADER_NAMES for m in entries):
                continue
            end = line.rfind(closer)
            if end <= entries[-1].end():
                continue
            read: list[tuple[str, str]] = []
            for i, m in enumerate(entries):
                value = line[m.end() : entries[i + 1].start() - 2] if i + 1 < len(entries) else line[m.end() : end]
                if tail and value.endswith(tail):
                    value = value[: -len(tail)]
                value = value.strip()
                if not value or len(value) > 1024:
                    continue
                name = m.group(1)
                if name == "null":
                    status = value.split(", ")[0]
                    parts = status.split()
                    if len(parts) >= 2 and parts[0][:5] in ("HTTP/", "RTSP/") and parts[1].isdigit():
                        add(fields, f"{parts[0][:4].lower()}.status", parts[1])
                    continue
                read.append((name, value))
            put_headers(fields, proto, read)
            break


# ------------------------------------------------------------------ Go fmt prints

#: One entry of Go's print of an ``http.Header`` (``map[string][]string``): fmt prints a map as
#: ``map[k:v k:v]`` in sorted key order and a slice as ``[e e]`` (pkg.go.dev/fmt, "Printing"), so a
#: response's headers print as ``map[Content-Length:[0] Server:[X] Www-Authenticate:[Digest realm="Y"]]``.
_GO_HEADER_ENTRY = re.compile(r"(?:(?<=map\[)|(?<=\] ))(" + _HNAME + r"):\[")
#: Go's print of a header on its own line, ``Name: [value]`` / ``Name:[value]`` (a loop over an
#: ``http.Header`` printing each key and its slice).
_GO_HEADER_LINE = re.compile(r"^(" + _HNAME + r"): ?\[([^\]\r\n]{1,1024})\]$")
#: A field name of Go's ``%+v`` print of a struct (``{Manufacturer:X Model:Y FirmwareVersion:Z}``):
#: an exported (capitalised) identifier after the opening brace or a blank, then a colon.
_GO_FIELD = re.compile(r"(?:(?<=\{)|(?<= ))([A-Z][A-Za-z0-9]{1,40}):(?=[^ :])")
#: The tell of a ``%+v`` struct print: an opening brace right before a field name and its colon (a
#: literal first character, so a text without one is passed over at C speed).
_GO_STRUCT_TELL = re.compile(r"\{[A-Z][A-Za-z0-9]{1,40}:[^ :\"]")
#: Most structs read from one text.
MAX_GO_STRUCTS = 32


def _go_slice_end(line: str, start: int) -> int:
    """The index of the ``]`` closing a slice whose ``[`` is just before ``start`` (nested brackets
    counted), or -1."""
    depth = 1
    for i in range(start, min(len(line), start + 2048)):
        c = line[i]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
    return -1


def go_header_fields(fields: Fields, prefix: str, text: str) -> None:
    """Headers as Go prints them: an ``http.Header`` map (``map[Server:[X] ...]``, also inside a
    printed ``http.Response``: ``&{401 Unauthorized 401 HTTP/1.1 1 1 map[...] ...}``, whose status
    code is read too) and runs of ``Name: [value]`` lines; at least two entries, one a known header
    name: ``<http|rtsp>.header.<name>``."""
    proto = prefix if prefix in ("http", "rtsp") else "http"
    lines = _lines(text)
    for line in lines:
        if "map[" not in line:
            continue
        pairs: list[tuple[str, str]] = []
        for m in list(_GO_HEADER_ENTRY.finditer(line))[:MAX_HEADER_ENTRIES]:
            end = _go_slice_end(line, m.end())
            if end < 0:
                break
            value = line[m.end() : end].strip()
            if value and len(value) <= 1024:
                pairs.append((m.group(1), value))
        status = _GO_RESPONSE.search(line)
        if not pairs or not any(n.lower() in _HEADER_NAMES for n, _ in pairs) or (len(pairs) < 2 and status is None):
            continue  # (one header alone counts inside a printed Response)
        put_headers(fields, proto, pairs)
        if status is not None:
            add(fields, f"{status.group(2).lower()}.status", status.group(1))
    run: list[tuple[str, str]] = []
    for line in [*lines, ""]:
        entry = _GO_HEADER_LINE.match(line.strip()) if "[" in line else None
        if entry is not None:
            run.append((entry.group(1), entry.group(2).strip()))
            continue
        if len(run) >= 2 and any(n.lower() in _HEADER_NAMES for n, _ in run):
            put_headers(fields, proto, run[:MAX_HEADER_ENTRIES])
        run = []


#: The head of Go's print of an ``*http.Response`` (``&{Status StatusCode Proto ...}``, or ``%+v``'s
#: ``&{Status:401 Unauthorized StatusCode:401 Proto:HTTP/1.1 ...}``): the status code and the protocol.
_GO_RESPONSE = re.compile(r"&\{(?:Status:)?\d{3} [^{}\r\n]{0,60}? (?:StatusCode:)?(\d{3}) (?:Proto:)?(HTTP|RTSP)/\d\.\d ")


def go_struct_pairs(text: str) -> list[tuple[str, str]]:
    """(field name, value) of Go's ``%+v`` prints of flat structs (``{Manufacturer:X Model:Y
    FirmwareVersion:V5.4.5 build 170123 SerialNumber:1}``: a Go client's device information, as
    use-go/onvif and go2rtc users paste it): each value runs to the next field name; a struct needs
    two fields at least, and a value holding a nested struct or map (``{``, ``map[``) is left out."""
    out: list[tuple[str, str]] = []
    structs = 0
    for line in _lines(text):
        if "{" not in line or ":" not in line:
            continue
        pos = 0
        while structs < MAX_GO_STRUCTS:
            start = line.find("{", pos)
            if start < 0:
                break
            end = line.find("}", start)
            if end < 0:
                break
            body = line[start + 1 : end]
            pos = end + 1
            if "{" in body or '"' in body[:1]:
                continue
            names = list(_GO_FIELD.finditer(line, start, end))
            if len(names) < 2 or names[0].start() != start + 1:
                continue
            structs += 1
            for i, m in enumerate(names):
                stop = names[i + 1].start() - 1 if i + 1 < len(names) else end
                value = line[m.end() : stop].strip()
                if value and len(value) <= 256 and "map[" not in value:
                    out.append((m.group(1), value))
        if len(out) >= MAX_VALUES:
            break
    return out[:MAX_VALUES]


# ------------------------------------------------------------------ Python tuple pairs

_TUPLE_PAIR = re.compile(r"""\((['"])([^'"\r\n]{1,80})\1, ?(['"])([^'"\r\n]{0,256})\3\)""")


def tuple_pair_fields(fields: Fields, prefix: str, text: str) -> None:
    """``('key', 'value')`` pairs of an ``OrderedDict([...])`` / ``dict_items([...])`` print."""
    n = 0
    for m in _TUPLE_PAIR.finditer(text, 0, MAX_TEXT):
        key, value = m.group(2).strip().lstrip("@#"), m.group(4).strip()
        if value and _KEYLIKE.fullmatch(key.replace(":", "_")):
            add(fields, f"{prefix}.json.{key}", value)
            n += 1
            if n >= MAX_VALUES:
                return


#: ``b'key': b'value'`` (a dict of bytes, as a client library returns a parsed answer).
_BYTES_PAIR = re.compile(r"""b(['"])([^'"\r\n]{1,80})\1: ?b(['"])([^'"\r\n]{0,256})\3""")


def bytes_dict_fields(fields: Fields, prefix: str, text: str) -> None:
    """``{b'model': b'X', ...}``: ``<prefix>.json.<key>``."""
    n = 0
    for m in _BYTES_PAIR.finditer(text, 0, MAX_TEXT):
        key, value = m.group(2).strip(), m.group(4).strip()
        if value and _KEYLIKE.fullmatch(key):
            add(fields, f"{prefix}.json.{key}", value)
            n += 1
            if n >= MAX_VALUES:
                return


# ------------------------------------------------------------------ XML pasted as a Markdown table

#: A table cell naming an XML element: ``<Model>``, ``</Model>``, ``<tds:Model/>``, ``tds:Model``.
_XML_NAME_CELL = re.compile(r"</?(?:[A-Za-z_][\w.-]{0,40}:)?([A-Za-z_][\w.-]{0,60})\s{0,2}/?>|[A-Za-z_][\w.-]{0,40}:([A-Za-z_][\w.-]{0,60})")
_MD_SEP_CELL = re.compile(r":?-{2,}:?")


def _md_row(line: str) -> list[str]:
    return [c.strip().strip("*`").strip() for c in line.strip().strip("|").split("|")]


def xml_table_fields(fields: Fields, prefix: str, text: str) -> None:
    """A Markdown table whose key cells (or column names) are XML element names (``| <Model> |
    X |``, ``| tds:Model | ... |``), or whose cells hold whole elements (``| <Model>X</Model> |``):
    ``<prefix>.xml.<name>``."""
    header: list[str | None] | None = None
    prev: list[str] | None = None
    n = 0
    for line in _lines(text):
        s = line.strip()
        if not s.startswith("|") or s.count("|") < 2:
            header = prev = None
            continue
        cells = _md_row(s)
        if prev is not None and all(_MD_SEP_CELL.fullmatch(c) for c in cells if c) and any(cells):
            names = [(_XML_NAME_CELL.fullmatch(c) or None) for c in prev]
            header = [(m.group(1) or m.group(2)) if m else None for m in names] if sum(m is not None for m in names) >= 1 and len(prev) > 2 else None
            prev = None
            continue
        if header is not None and len(cells) == len(header):
            for name, cell in zip(header, cells):
                if name and cell:
                    add(fields, f"{prefix}.xml.{name}", cell[:256])
                    n += 1
        elif len(cells) == 2 and cells[1]:
            m = _XML_NAME_CELL.fullmatch(cells[0])
            if m is not None:
                add(fields, f"{prefix}.xml.{m.group(1) or m.group(2)}", cells[1][:256])
                n += 1
        if "</" in s:
            for name, value in xml_salvage(s):
                add(fields, f"{prefix}.xml.{name}", value)
                n += 1
        prev = cells
        if n >= MAX_VALUES:
            return


# ------------------------------------------------------------------ ffprobe writers

_FF_FLAT = re.compile(r'^format\.(format_name|filename|tags\.title|tags\.comment)="((?:[^"\\]|\\.){0,2000})"$')
_FF_XML_FORMAT = re.compile(r"<format\s[^<>]{0,4000}>")
_FF_XML_TAG = re.compile(r"""<tag\s{1,4}key="(title|comment)"\s{1,4}value="([^"<>]{0,2000})"\s{0,4}/>""")
_BACKSLASHED = re.compile(r"\\(.)")


def _is_rtsp(format_name: str, filename: str) -> bool:
    return "rtsp" in format_name.split(",") or filename.lower().startswith(("rtsp://", "rtsps://"))


def _ff_add(fields: Fields, tags: dict[str, str]) -> None:
    if tags.get("title", "").strip():
        add(fields, "rtsp.sdp.session", tags["title"].strip())
    if tags.get("comment", "").strip():
        add(fields, "rtsp.sdp.info", tags["comment"].strip())


def ffprobe_fields(fields: Fields, text: str) -> None:
    """The title/comment tags of ffprobe's report of an RTSP input in any of its writers."""
    t = text[:MAX_TEXT]
    if '"format_name"' in t or '"format":' in t:
        start = t.find("{")
        try:
            doc = json.loads(t[start:]) if start >= 0 else None
        except (ValueError, RecursionError):
            doc = None
        fmt = doc.get("format") if isinstance(doc, dict) else None
        if isinstance(fmt, dict):
            raw_tags = fmt.get("tags")
            tags: dict[str, Any] = raw_tags if isinstance(raw_tags, dict) else {}
            if _is_rtsp(str(fmt.get("format_name", "")), str(fmt.get("filename", ""))):
                _ff_add(fields, {k: str(v) for k, v in tags.items() if isinstance(v, (str, int, float))})
    if "<format " in t and "<tag " in t:
        m = _FF_XML_FORMAT.search(t)
        if m is not None:
            attrs = dict(re.findall(r'\b(format_name|filename)="([^"<>]{0,2000})"', m.group(0)))
            if _is_rtsp(html.unescape(attrs.get("format_name", "")), html.unescape(attrs.get("filename", ""))):
                end = t.find("</format>", m.end())
                seg = t[m.end() : end if end > 0 else m.end() + 65536]
                _ff_add(fields, {k: html.unescape(v) for k, v in _FF_XML_TAG.findall(seg)})
    if "[FORMAT]" in t or "format." in t or "[format" in t or "format|" in t:
        section = ""  # default / ini writers: the section we are in
        got: dict[str, str] = {}
        for line in _lines(t):
            s = line.strip()
            if s.startswith("[") and s.endswith("]"):
                section = s[1:-1].lower()
                continue
            if s.startswith("format|"):  # compact writer: one line, tags as tag:name
                for part in re.split(r"(?<!\\)\|", s)[1:200]:
                    k, eq, v = part.partition("=")
                    if eq:
                        got[k.strip().lower().removeprefix("tag:")] = _BACKSLASHED.sub(r"\1", v)
                continue
            m = _FF_FLAT.match(s)
            if m is not None:
                got[m.group(1).removeprefix("tags.")] = _BACKSLASHED.sub(r"\1", m.group(2))
                continue
            if section in ("format", "format.tags"):
                k, eq, v = s.partition("=")
                if eq:
                    key = k.strip()
                    if section == "format" and key.startswith("TAG:"):
                        key = key[4:]
                    got[key.lower() if section == "format.tags" or key in ("format_name", "filename") else key] = _BACKSLASHED.sub(r"\1", v)
        if got and _is_rtsp(got.get("format_name", ""), got.get("filename", "")):
            _ff_add(fields, got)


# ------------------------------------------------------------------ MQTT console logs

#: ``topic payload`` (mosquitto_sub -v): a topic of 2-16 levels, no blanks, then the payload.
_MQTT_LINE = re.compile(r"^([A-Za-z0-9_$][\w$.+#-]{0,63}(?:/[\w$.+#-]{1,100}){1,15}) (\S.{0,65535})$")
#: The start of a text that is a ``topic payload`` line (the gate of mqtt_fields).
_MQTT_START = re.compile(r"[ \t\r\n]{0,8}[A-Za-z0-9_$][\w$.+#-]{0,63}/[\w$.+#/-]{1,200} \S")
_MQTT_HA = re.compile(r"Received message on (\S{1,400}) \(qos=\d\)(?: \(retain=\w+\))?: b?(['\"])(.{0,65535})\2\s*$")
_MQTT_Z2M = re.compile(r"MQTT publish: topic '([^'\s]{1,400})', payload '(.{0,65535})'\s*$")
_VERSIONISH = re.compile(r"\d+(?:\.\d+)+")
#: Home Assistant MQTT discovery's device-block abbreviations (abbreviations.py DEVICE_ABBREVIATIONS).
_HA_DEVICE = {"mf": "manufacturer", "mdl": "model", "mdl_id": "model_id", "sw": "sw_version", "hw": "hw_version",
              "sn": "serial_number", "ids": "identifiers", "cns": "connections", "sa": "suggested_area", "name": "name"}


def _mqtt_payload(fields: Fields, prefix: str, topic: str, payload: str) -> None:
    p = payload.strip()
    if p[:1] in ("{", "["):
        try:
            doc = json.loads(p)
        except (ValueError, RecursionError):
            try:
                doc = json.loads(_BACKSLASHED.sub(r"\1", p)) if "\\" in p else None
            except (ValueError, RecursionError):
                doc = None
        if doc is None:
            return
        json_leaves(doc, fields, f"{prefix}.json.")
        dev = (doc.get("dev") or doc.get("device")) if isinstance(doc, dict) else None
        if isinstance(dev, dict):  # Home Assistant discovery config: the device block's short keys (HA's
            # discovery expands them in the block under either name, "dev" or "device")
            for k, v in list(dev.items())[:32]:
                if k in _HA_DEVICE and isinstance(v, (str, int, float)) and str(v).strip():
                    add(fields, f"{prefix}.json.device.{_HA_DEVICE[k]}", str(v).strip())
        return
    level = topic.rsplit("/", 1)[-1]
    if p and len(p) <= 256 and _KEYLIKE.fullmatch(level):
        add(fields, f"{prefix}.kv.{level}", p)


#: A shell prompt that starts a pasted command line (``$ mosquitto_sub -v -t '#'``, ``# ...``, ``user@host:~$ ...``).
_PROMPT_LINE = re.compile(r"[ \t]{0,8}(?:[$#>%]|[\w.-]{1,32}@[\w.-]{1,64}[:~][^\r\n$#]{0,120}[$#])[ \t][^\r\n]{0,2000}\r?\n")


def _after_prompts(head: str) -> int:
    """Where a text's lines start after at most two command lines typed at a shell prompt (0: none)."""
    pos = 0
    for _ in range(2):
        m = _PROMPT_LINE.match(head, pos)
        if m is None:
            break
        pos = m.end()
    return pos


def mqtt_fields(fields: Fields, prefix: str, text: str) -> None:
    """Messages of an MQTT console log (see module docstring)."""
    found: list[tuple[str, str]] = []
    explicit = 0  # lines that say they are MQTT messages (Home Assistant's, zigbee2mqtt's)
    for raw in _lines(text):
        line = raw.strip()
        if "Received message on " in line:
            m = _MQTT_HA.search(line)
            if m is not None:
                payload = m.group(3)
                found.append((m.group(1), payload.encode("latin-1", "replace").decode("unicode_escape", "replace") if "\\x" in payload else payload))
                explicit += 1
                continue
        if "MQTT publish: topic '" in line:
            m = _MQTT_Z2M.search(line)
            if m is not None:
                found.append((m.group(1), m.group(2)))
                explicit += 1
                continue
        if "/" in line[:64] and " " in line:
            m = _MQTT_LINE.match(line)
            if m is not None and not any(_VERSIONISH.fullmatch(level) for level in m.group(1).split("/")):
                found.append((m.group(1), m.group(2)))
        if len(found) >= MAX_VALUES:
            break
    plain = [f for f in found if f[1].lstrip()[:1] not in ("{", "[")]
    if not explicit and len(found) - len(plain) == 0 and len(plain) < 2:
        return  # one "a/b value" line alone is no MQTT log
    for topic, payload in found:
        _mqtt_payload(fields, prefix, topic, payload)


# ------------------------------------------------------------------ log lines with per-line prefixes

#: A time stamp at the start of a log line: ISO 8601 (``2023-02-16 16:23:18,123``, ``T``, zone),
#: day-first or month-first dates (``16/02/2023 16:23:18``), syslog (``Feb 16 16:23:18``), a time alone.
_LOG_STAMP = re.compile(
    r"^\[?(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,6})?(?: ?[AP]M)?"
    r"|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}"
    r"|\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?"  # Android logcat's threadtime: MM-DD HH:MM:SS.mmm
    r"|[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}"  # glog: Lmmdd hh:mm:ss.uuuuuu
    r"| {0,8}\d{1,6}\.\d{3,6}(?=\])"  # the kernel's printk time: [    1.234567]
    r"|\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?)\]?"
)
_LOG_LEVEL = r"(?:DEBUG|INFO|WARN|WARNING|ERROR|ERR|CRITICAL|TRACE|NOTICE|FATAL|VERBOSE|debug|info|warn|warning|error|trace)"
#: What may follow the time stamp before the message: blanks, ``[...]``/``(...)`` groups, a level,
#: a logger name before a level, one-character separators.
#: A source location (``main.c:123``, ``sys/cfg.cpp:45:``, glog's ``main.cc:123]``), a thread or process id
#: before more prefix (glog's thread id, logcat's pid and tid), ``<...>`` groups, a logcat level letter.
_SOURCE_AT = r"[\w./-]{1,80}\.(?:c|cc|cpp|cxx|h|hpp|go|py|java|kt|rs|js|ts|m|mm|lua):\d{1,6}(?::\d{1,5})?[\]:]?"
#: (a module's peer before its message: ``10.0.0.7:80 - `` (msf/core/module/ui/message.rb print_prefix))
_LOG_TOKEN = re.compile(r"[ \t]{1,8}|\[[^\]\r\n]{0,80}\]|\([^)\r\n]{0,60}\)|<[^<>\r\n]{0,60}>|" + _LOG_LEVEL + r"\b:?|"
                        r"\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?=[ \t]{1,4}-[ \t])|"
                        + _SOURCE_AT + r"|\d{3,7}(?=[ \t])|[VDIWEF](?=[ \t])|(?<=\b[VDIWEF] )[\w.$/-]{1,60}:(?= )|[\w.]{1,60}(?=[ \t]{1,8}" + _LOG_LEVEL + r"\b)|[-|:>]")
#: A docker compose service prefix (``frigate  | ``).
_COMPOSE = re.compile(r"^[\w.-]{1,40}[ \t]{1,20}\| ")


#: A line that starts with its level instead of a time stamp: ``[INFO][main.c:12] ...``, ``INFO ...``,
#: Python logging's default ``%(levelname)s:%(name)s:%(message)s`` (``INFO:onvif.client:...``).
#: Metasploit's console marks (rex/ui/text/output.rb: print_status ``[*]``, print_good ``[+]``,
#: print_error ``[-]``, print_warning ``[!]``) lead a line the same way.
_LOG_LEAD = re.compile(r"^(?:\[" + _LOG_LEVEL + r"\]|" + _LOG_LEVEL + r":[\w.]{1,60}:(?=\S)|" + _LOG_LEVEL + r"(?=[ \t])|\[[*+!-]\](?= ))")


def _log_start(s: str) -> re.Match[str] | None:
    """The time stamp (or, none, the level) that starts a log line."""
    return _LOG_STAMP.match(s) or (_LOG_LEAD.match(s) if s[:1] in "[DIWEVCTNFdiwetv" else None)


def _log_message(line: str) -> str | None:
    c = _COMPOSE.match(line)  # (the compose prefix cut: as a substitution of it, without a copy of every line)
    s = line[c.end() :] if c is not None else line
    m = _log_start(s)
    if m is None:
        return None
    rest = s[m.end() :]
    if rest.count(" - ") >= 2:  # Python logging's "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
        parts = rest.split(" - ", 3)
        if any(re.fullmatch(_LOG_LEVEL, p.strip()) for p in parts[:3]):
            return parts[-1].strip()
    pos = 0
    for _ in range(12):
        t = _LOG_TOKEN.match(rest, pos)
        if t is None or t.end() == pos:
            break
        pos = t.end()
    return rest[pos:].strip()


#: The first characters of a head line that may start a stamped (or levelled, or compose-prefixed) line, besides digits.
_LOG_FIRST = "[ACDEFIJMNOSTVWabcdefghijklmnopqrstuvwxyz"


def log_prefix_text(text: str) -> str | None:
    """The messages of a log whose lines start with a time stamp (the prefixes cut), one a line;
    None when fewer than two lines have one."""
    head = text[:4096].split("\n", 8)[:8]
    need = min(2, len(head))  # a log starts with stamped lines (a command line above them at most)
    for ln in head:
        if need <= 0:
            break
        if (ln[:1].isdigit() or ln[:1] in _LOG_FIRST) and (
                _log_start(ln) is not None or ((c := _COMPOSE.match(ln)) is not None and _log_start(ln[c.end() :]) is not None)):
            need -= 1
    if need > 0:
        return None
    out: list[str] = []
    stamped = 0
    for line in _lines(text):
        msg = _log_message(line)
        if msg is None:
            out.append(line)
            continue
        stamped += 1
        out.append(msg)
    return "\n".join(out) if stamped >= 2 else None


# ------------------------------------------------------------------ transcripts with direction markers

_STATUS_AT = re.compile(r"(HTTP|RTSP)/\d(?:\.\d)? (\d{3})(?: |$)")
_REQUEST_LINE = re.compile(r"^[A-Z_]{3,16} \S{1,2000} (?:HTTP|RTSP)/\d(?:\.\d)?\s*$")
_HEADER_AT = re.compile(r"([A-Za-z][A-Za-z0-9-]{0,63}):[ \t]{0,8}(\S.{0,2000})$")
_DIGITS = re.compile(r"\d")
#: OkHttp's HttpLoggingInterceptor answer line (square/okhttp okhttp-logging-interceptor
#: HttpLoggingInterceptor.kt: ``<-- 401 Unauthorized http://host/path (35ms)``), its header lines
#: ``Name: value`` below it behind the same log prefix, up to ``<-- END HTTP``.
_OKHTTP_STATUS = re.compile(r"<-- ([1-5]\d\d)(?: [^\r\n]{0,200}?)? (https?|rtsp)://\S{1,2000}")
#: Most answers read from one transcript.
MAX_ANSWERS = 16


def marked_answer_fields(fields: Fields, text: str) -> None:
    """Answers in a transcript whose lines carry a direction marker or a time stamp that differs
    between the request and the answer (``<< RTSP/1.0 401 ...`` / ``<< Server: X``; ``[RX]``;
    ``12:00:01.100 <- ...``): from each status line on, the following lines behind the same
    prefix (digits compared as digits) that are header lines: ``<proto>.status``,
    ``<proto>.header.<name>``. Requests are not answers and are not read."""
    lines = _lines(text)
    answers = 0
    okhttp = "<-- " in text
    # a text that starts with a message (a request or an answer) is a sequence of messages the message
    # parser reads as it reads an exchange
    sequence = bool(lines) and (lines[0][:5] in ("HTTP/", "RTSP/") or _REQUEST_LINE.match(lines[0]) is not None)
    for i, line in enumerate(lines):
        if "/" not in line or answers >= MAX_ANSWERS:
            continue
        m = _STATUS_AT.search(line, 0, 200)
        if m is not None and 0 < m.start() <= 60:
            marker, proto, status = line[: m.start()], m.group(1).lower(), m.group(2)
            if marker.strip() == "":
                continue  # no prefix: the HTTP/RTSP parser reads it
        elif m is not None and m.start() == 0:
            if i == 0 or sequence or line.endswith(("\\r", "\\r\\n", "\\n")):
                continue  # the text's first message (the message parser's: the text is a sequence of
                # messages, read as the parser reads it), or a print with its line ends written out (a dump's)
            # an answer quoted whole below other lines of a log or a note (the message parser reads only
            # the text's first message): its header lines below it, up to a blank line
            marker, proto, status = "", m.group(1).lower(), m.group(2)
            below = _HEADER_AT.match(lines[i + 1]) if i + 1 < len(lines) else None
            if below is None or below.group(1).lower() not in _HEADER_NAMES:
                continue  # a status line in prose, no answer below it
        elif okhttp and "<-- " in line and (k := _OKHTTP_STATUS.search(line, 0, 400)) is not None and k.start() <= 80:
            marker, proto, status = line[: k.start()], "rtsp" if k.group(2) == "rtsp" else "http", k.group(1)
        else:
            continue
        shape = _DIGITS.sub("0", marker)
        answers += 1
        add(fields, f"{proto}.status", status)
        read: list[tuple[str, str]] = []
        for nxt in lines[i + 1 : i + 101]:
            if len(nxt) <= len(marker) or (marker and _DIGITS.sub("0", nxt[: len(marker)]) != shape):
                break
            body = nxt[len(marker) :].strip()
            if marker[-1:] in ("'", '"') and body.endswith(marker[-1]):
                body = body[:-1]  # each line quoted (ffmpeg's -v trace: line='...')
            if body.endswith("[\\n]"):  # Apache HttpClient's wire log: << "Server: X[\r][\n]"
                body = body.removesuffix("[\\n]").removesuffix("[\\r]").replace('\\"', '"')
            h = _HEADER_AT.match(body)
            if h is None:
                break
            read.append((h.group(1), h.group(2).strip()))
        put_headers(fields, proto, read)


# ------------------------------------------------------------------ XML without its markup

_VALUE_LINE = re.compile(r"[A-Za-z0-9][\w .,/()+@#-]{0,63}")


_LOWER_WORD = re.compile(r"[a-z]{2,}[,.]?")
#: A token that may be a value of a stripped document (a letter or a digit, then a model's or a version's characters).
_VALUE_TOKEN = re.compile(r"[A-Za-z0-9][\w.()+/-]{0,63}")


def _with_builds(values: list[str]) -> list[str]:
    """The values, and each version joined with a ``build NNNNNN`` that follows it (ISAPI's
    firmwareVersion then firmwareReleasedDate: ``V5.4.5`` / ``build 170123``)."""
    out = list(values)
    for a, b in zip(values, values[1:]):
        if b.startswith("build ") and any(c.isdigit() for c in a) and " " not in a:
            out.append(f"{a} {b}")
    return out


# ------------------------------------------------------------------ scanners' and analysers' records of an answer

#: Most answers read from one scanner record or archive.
MAX_RECORDS = 16


def _answer_fields(fields: Fields, head: str, headers: list[tuple[str, str]], body: str) -> None:
    """An answer a tool stored in parts (status line, header pairs, body) read as the exchange it was."""
    from netscan.parsers.http import message_fields, parse_message  # noqa: PLC0415 (http imports this module)

    raw = head + "\r\n" + "".join(f"{n}: {v}\r\n" for n, v in headers[:MAX_HEADER_ENTRIES]) + "\r\n" + body[:MAX_RESPONSE]
    try:
        msg = parse_message(raw)
    except Exception:  # noqa: BLE001 -- a record that is no answer: nothing read
        return
    proto = msg.proto.lower()
    for name, values in message_fields(msg, proto).items():
        for v in values:
            add(fields, name, v)


#: tshark ``-V`` / Wireshark "Copy as text" packet details (epan/print.c): a protocol's name alone on
#: its line, its items indented below it; HTTP and RTSP print each head line as sent, its CR LF written
#: ``\r\n`` (RTSP's status line behind ``Response: ``; the RTSP dissector's Content-type and Content-length
#: items without it); the body is the next layer: ``Line-based text data`` (each line and its ``\n``),
#: ``JavaScript Object Notation`` (packet-json.c: ``Object``, ``Member: <key>``, ``String value: X``...),
#: ``eXtensible Markup Language`` (packet-xml.c: each tag, attribute and text on its own line); an SDP
#: is a layer inside RTSP's or after HTTP's.
_DISSECTION = re.compile(
    r"^([ \t]{0,16})(Hypertext Transfer Protocol|Real Time Streaming Protocol|Session Description Protocol"
    r"|Line-based text data|JavaScript Object Notation|eXtensible Markup Language)\b[^\r\n]{0,200}$")
_ESCAPED_HEAD_LINE = re.compile(r"^(?:Response: )?(\S[^\r\n]{0,4000}?)(?:\\r\\n|\\n)$")
#: An SDP item of the dissection: ``Session Name (s): Media Presentation``.
_SDP_ITEM = re.compile(r"^[A-Z][^()\r\n:]{0,80}\(([a-z])\): ([^\r\n]{0,2000})$")
#: A line's text escape at its end in a text dissection (``<html>\n``).
_LINE_END_ESCAPE = re.compile(r"(?:\\r)?\\n$")
#: Most lines of a dissection read; deepest JSON tree rebuilt.
MAX_DISSECTION_LINES = 4000
MAX_JSON_TREE_DEPTH = 24


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _json_tree(block: list[tuple[int, str]]) -> Any:
    """The JSON value a ``JavaScript Object Notation`` dissection prints (its items as (depth, text))."""

    def children(k: int) -> list[int]:
        d = block[k][0]
        out: list[int] = []
        first = -1
        for j in range(k + 1, len(block)):
            dj = block[j][0]
            if dj <= d:
                break
            if first < 0:
                first = dj
            if dj == first:
                out.append(j)
        return out

    def value(k: int, level: int) -> Any:
        text = block[k][1]
        if level > MAX_JSON_TREE_DEPTH:
            return None
        if text == "Object":
            obj: dict[str, Any] = {}
            for c in children(k):
                member = block[c][1]
                if not member.startswith("Member"):
                    continue
                key = member.partition(": ")[2]
                got: Any = None
                for cc in children(c):
                    t = block[cc][1]
                    if t.startswith("Key: "):
                        key = t[5:]
                    elif got is None and t[:1] != "[" and (t in ("Object", "Array") or t.partition(":")[0].endswith(" value")):
                        got = value(cc, level + 1)
                obj[key] = got
            return obj
        if text == "Array":
            return [value(c, level + 1) for c in children(k) if not block[c][1].startswith("[")]
        kind, _, rest = text.partition(": ")
        if kind == "True value":
            return True
        if kind == "False value":
            return False
        if kind.endswith(" value") and rest:
            return rest
        return None

    roots = [k for k, (d, t) in enumerate(block) if d == block[0][0] and t in ("Object", "Array")] if block else []
    return value(roots[0], 0) if roots else None


def _dissected_body(name: str, block: list[tuple[int, str]]) -> str:
    """The body a ``Line-based text data`` / ``JavaScript Object Notation`` / ``eXtensible Markup Language``
    layer prints, as the text it was (the JSON as a document, the XML's items joined)."""
    if not block:
        return ""
    if name == "Line-based text data":
        base = block[0][0]
        return "\n".join(_LINE_END_ESCAPE.sub("", t if d <= base else " " * (d - base) + t) for d, t in block)
    if name == "JavaScript Object Notation":
        doc = _json_tree(block)
        return json.dumps(doc) if doc is not None else ""
    return " ".join(t for _, t in block)


def dissection_fields(fields: Fields, prefix: str, text: str) -> None:
    """The HTTP/RTSP answers and SDPs of a packet dissection printed as text (tshark ``-V``, Wireshark's
    "Copy ... as Text"): an answer's status line and first-level header lines (requests are a client's,
    not read) with the body layer after it (or the SDP inside it) as that exchange; an SDP's ``(x)`` items
    as its ``x=`` lines (``<prefix>.sdp.*``)."""
    from netscan.parsers.http import sdp_fields  # noqa: PLC0415 (http imports this module)

    lines = [ln for ln in _lines(text)[:MAX_DISSECTION_LINES] if ln.strip()]
    answer: tuple[str, list[tuple[str, str]]] | None = None
    body = ""
    answers = 0

    def flush() -> None:
        nonlocal answer, body, answers
        if answer is not None and answers < MAX_RECORDS:
            answers += 1
            _answer_fields(fields, answer[0], answer[1], body[:MAX_RESPONSE])
        answer, body = None, ""

    def sdp_of(block: list[tuple[int, str]]) -> str:
        top = block[0][0] if block else 0
        items = [f"{k.group(1)}={k.group(2)}" for k in (_SDP_ITEM.match(t) for d, t in block if d == top) if k is not None]
        return "\n".join(items) + "\n" if items and items[0].startswith("v=") else ""

    i = 0
    while i < len(lines):
        m = _DISSECTION.match(lines[i])
        if m is None:
            i += 1
            continue
        base = len(m.group(1))
        j = i + 1
        while j < len(lines) and _depth(lines[j]) > base:
            j += 1
        block = [(_depth(ln), ln.strip()) for ln in lines[i + 1 : j]]
        name = m.group(2)
        i = j
        if name in ("Hypertext Transfer Protocol", "Real Time Streaming Protocol"):
            flush()
            top = block[0][0] if block else 0
            items = [t for d, t in block if d == top]
            first = _ESCAPED_HEAD_LINE.match(items[0]) if items else None
            if first is None or _STATUS_AT.match(first.group(1)) is None:
                continue  # a request, or not the head
            pairs: list[tuple[str, str]] = []
            for item in items[1:]:
                h = _HEADER_AT.match(_LINE_END_ESCAPE.sub("", item.replace("\\r\\n", "\\n")))
                if h is not None and " " not in h.group(1):
                    pairs.append((h.group(1), h.group(2).strip()))
            answer = (first.group(1), pairs)
            inner = next((k for k, (d, t) in enumerate(block) if t == "Session Description Protocol"), -1)
            if inner >= 0:
                d0 = block[inner][0]
                end = next((k for k in range(inner + 1, len(block)) if block[k][0] <= d0), len(block))
                body = sdp_of(block[inner + 1 : end])
        elif name == "Session Description Protocol":
            sdp = sdp_of(block)
            if answer is not None and not body:
                body = sdp
                flush()
            elif sdp:
                sdp_fields(fields, prefix, sdp)
        elif answer is not None and not body:
            body = _dissected_body(name, block)
            flush()
    flush()


#: masscan's banner lines (src/output.c, out-text.c): ``Banner on port 80/tcp on 10.0.0.7: [http] HTTP/1.0 200 OK\x0d\x0a...``,
#: each byte that is not printable written ``\xNN``.
_MASSCAN_BANNER = re.compile(r"^Banner on port \d{1,5}/tcp on [0-9a-fA-F.:]{3,45}: \[([a-z0-9-]{1,20})\] ?([^\r\n]{0,16000})$", re.M)
_HEX_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")


def masscan_fields(fields: Fields, text: str) -> None:
    """masscan ``--banners`` output: an ``[http]`` banner (the answer's head, CR LF written ``\\x0d\\x0a``)
    read as that exchange, a ``[title]`` banner as ``http.title``."""
    for n, m in enumerate(_MASSCAN_BANNER.finditer(text, 0, MAX_TEXT)):
        if n >= MAX_RECORDS * 4:
            break
        kind, value = m.group(1), m.group(2)
        if kind == "title" and value.strip():
            add(fields, "http.title", _HEX_ESCAPE.sub(lambda h: chr(int(h.group(1), 16)), value).strip())
        elif kind in ("http", "http.server", "rtsp") and _STATUS_AT.match(value) is not None:
            raw = _HEX_ESCAPE.sub(lambda h: chr(int(h.group(1), 16)), value)
            head, _, body = raw.partition("\r\n\r\n")
            lines = head.split("\r\n")
            pairs = [(h.group(1), h.group(2).strip()) for h in map(_HEADER_AT.match, lines[1:]) if h is not None]
            _answer_fields(fields, lines[0], pairs, body)


#: WhatWeb's brief log (one line a target: ``http://10.0.0.7 [200 OK] HTTPServer[App-webs/], Title[X], ...``),
#: its plugins' names and values (WhatWeb's plugins/http_server.rb, title.rb, x-powered-by.rb...).
_WHATWEB_LINE = re.compile(r"^(?:https?|rtsp)://\S{1,400} \[(\d{3})[^\]\r\n]{0,60}\] (.{1,8000})$", re.M)
_WHATWEB_PLUGIN = re.compile(r"(?:^|, )([A-Za-z][\w-]{0,40})\[([^\[\]\r\n]{0,400})\]")
_WHATWEB_HEADERS = {"HTTPServer": "Server", "X-Powered-By": "X-Powered-By", "PoweredBy": "X-Powered-By"}


def whatweb_fields(fields: Fields, text: str) -> None:
    """WhatWeb's brief output: ``HTTPServer[...]`` as the Server header, ``Title[...]`` as the title,
    ``X-Powered-By[...]`` as that header; one target's line (several targets: the first)."""
    m = _WHATWEB_LINE.search(text, 0, MAX_TEXT)
    if m is None:
        return
    pairs: list[tuple[str, str]] = []
    for p in _WHATWEB_PLUGIN.finditer(m.group(2)):
        name, value = p.group(1), p.group(2).strip()
        if not value:
            continue
        if name == "Title":
            add(fields, "http.title", value)
        elif name in _WHATWEB_HEADERS:
            pairs.append((_WHATWEB_HEADERS[name], value))
    if pairs:
        add(fields, "http.status", m.group(1))
        put_headers(fields, "http", pairs)


def _json_answers(doc: Any) -> list[tuple[str, list[tuple[str, str]], str]]:
    """(status line, headers, body) of the answers a scanner's or a browser's JSON record holds:
    zgrab2's ``data.<module>.result.response`` (status_code, protocol.name, headers as a map of
    lower-case names with ``_`` to lists of values, body: zmap/zgrab2 modules/http), and a HAR
    archive's ``log.entries[].response`` (status, statusText, httpVersion, headers as name/value
    objects, content.text: HAR 1.2), only the entries for the first entry's host (other hosts'
    entries are a page's third-party resources)."""
    out: list[tuple[str, list[tuple[str, str]], str]] = []
    if not isinstance(doc, dict):
        return out
    log = doc.get("log")
    if isinstance(log, dict) and isinstance(log.get("entries"), list):
        host = None
        for entry in log["entries"][:MAX_RECORDS * 4]:
            req, resp = (entry.get("request"), entry.get("response")) if isinstance(entry, dict) else (None, None)
            if not isinstance(resp, dict) or not isinstance(resp.get("status"), int) or not 100 <= resp["status"] <= 599:
                continue
            url = req.get("url") if isinstance(req, dict) else None
            here = url.split("/")[2] if isinstance(url, str) and url.count("/") >= 2 else None
            host = host or here
            if here != host:
                continue
            version = resp.get("httpVersion") if isinstance(resp.get("httpVersion"), str) and str(resp.get("httpVersion")).startswith(("HTTP/", "RTSP/")) else "HTTP/1.1"
            headers = [(str(h.get("name")), str(h.get("value"))) for h in resp.get("headers", [])[:MAX_HEADER_ENTRIES]
                       if isinstance(h, dict) and isinstance(h.get("name"), str) and isinstance(h.get("value"), str)]
            content = resp.get("content")
            text = content.get("text") if isinstance(content, dict) and content.get("encoding") != "base64" else None
            out.append((f"{version} {resp['status']} {resp.get('statusText') or ''}".rstrip(), headers, text if isinstance(text, str) else ""))
            if len(out) >= MAX_RECORDS:
                break
        return out
    data = doc.get("data")
    if isinstance(data, dict):
        for module in list(data.values())[:MAX_RECORDS]:
            result = module.get("result") if isinstance(module, dict) else None
            resp = result.get("response") if isinstance(result, dict) else None
            if not isinstance(resp, dict) or not isinstance(resp.get("status_code"), int):
                continue
            proto = resp.get("protocol")
            version = str(proto["name"]) if isinstance(proto, dict) and isinstance(proto.get("name"), str) else "HTTP/1.1"
            pairs: list[tuple[str, str]] = []
            raw_headers = resp.get("headers")
            if isinstance(raw_headers, dict):
                for name, values in list(raw_headers.items())[:MAX_HEADER_ENTRIES]:
                    if name == "unknown" and isinstance(values, list):  # headers zgrab2 has no name for: {key, value}
                        for u in values[:MAX_HEADER_ENTRIES]:
                            value = u.get("value") if isinstance(u, dict) else None
                            if isinstance(value, list):
                                value = value[0] if value else None
                            if isinstance(u, dict) and isinstance(u.get("key"), str) and isinstance(value, str):
                                pairs.append((u["key"], value))
                        continue
                    for v in (values if isinstance(values, list) else [values])[:4]:
                        if isinstance(v, str):
                            pairs.append((str(name).replace("_", "-"), v))
            body = resp.get("body")
            out.append((f"{version if version.startswith(('HTTP/', 'RTSP/')) else 'HTTP/1.1'} {resp['status_code']}", pairs,
                        body if isinstance(body, str) else ""))
    return out


def recorded_answer_fields(fields: Fields, text: str) -> None:
    """zgrab2 JSON records and HAR archives (``_json_answers``): each answer as the exchange it was."""
    from netscan.parsers._util import Unreadable, parse_loose  # noqa: PLC0415

    try:
        doc = parse_loose(text[:MAX_TEXT].strip())
    except Unreadable:
        return
    for head, headers, body in _json_answers(doc):
        _answer_fields(fields, head, headers, body)


# ------------------------------------------------------------------ headers printed as a dictionary

#: One quoted ``'Name': 'value'`` pair of a dictionary print (Python's dict / requests'
#: ``CaseInsensitiveDict`` repr, aiohttp's ``<CIMultiDictProxy('Server': 'X', ...)>``, httpx's
#: ``Headers({"server": "X"})``, a JSON object).
#: The value runs to its own closing quote: the other quote may be inside it (Python's ``'Digest
#: realm="X"'``), and an escaped quote is part of it (Rust's and JSON's ``"Digest realm=\\"X\\""``).
_DICT_PAIR = re.compile(r"""(['"])(""" + _HNAME + r""")\1(?:: ?| ?=> ?)\[?(?:'((?:[^'\\\r\n]|\\.){0,1024})'|"((?:[^"\\\r\n]|\\.){0,1024})")""")
_DICT_ESCAPE = re.compile(r"""\\(['"\\])""")
#: Most pairs read from one print.
MAX_DICT_PAIRS = 100


def dict_header_fields(fields: Fields, prefix: str, text: str) -> None:
    """A response's headers printed as a mapping literal on one line: Python's dict (``print(r.headers)``,
    ``HTTPHeaderDict({...})``, httpx's ``Headers({...})``, aiohttp's ``<CIMultiDictProxy('Server': 'X')>``),
    a JSON object, Ruby's Hash (``{"server"=>["X"]}``: ``Net::HTTPResponse#to_hash``), a value alone or
    in a one-item list. Read when the line holds a ``Server`` or ``WWW-Authenticate`` pair and at least one
    more standard header name (a device's own JSON with a "server" member, such as an NTP setting, has
    no Content-Type beside it), or a ``CSeq`` and another (an RTSP answer's), or is a header class's print
    or one capitalised ``Server`` / ``WWW-Authenticate`` pair alone (``{'Server': 'X'}``): as
    ``http.header.<name>`` (``rtsp.`` with a CSeq or in an RTSP record; ``put_headers``: a value another
    reader ran past the print's quote is dropped)."""
    for line in _lines(text):
        if "'" not in line and '"' not in line:
            continue
        pairs = [(m.group(2), _DICT_ESCAPE.sub(r"\1", m.group(3) if m.group(3) is not None else m.group(4)))
                 for m in _DICT_PAIR.finditer(line)][:MAX_DICT_PAIRS]
        if not pairs:
            continue
        names = {n.lower() for n, _ in pairs}
        known = len(names & _HEADER_NAMES)
        headed = names & {"server", "www-authenticate"}
        if not ((headed and known >= 2) or ("cseq" in names and known >= 2)):
            wrapped = _HEADER_CLASS.search(line) is not None
            alone = len(pairs) == 1 and pairs[0][0] in _CAPITAL_HEADERS and _ONE_PAIR.fullmatch(line.strip()) is not None
            if not (wrapped and (headed or known >= 2)) and not alone:
                continue
        proto = "rtsp" if "cseq" in names or prefix == "rtsp" else "http"
        put_headers(fields, proto, [(n, v) for n, v in pairs if n.lower() in _HEADER_NAMES or n.lower().startswith("x-")])


#: A header class's print around a mapping: urllib3's ``HTTPHeaderDict(``, httpx's ``Headers(``, aiohttp's
#: (multidict's) ``<CIMultiDictProxy(``, requests' ``CaseInsensitiveDict(``.
_HEADER_CLASS = re.compile(r"(?:HTTPHeaderDict|\bHeaders|CIMultiDict(?:Proxy)?|CaseInsensitiveDict)\(")
#: Header names as a server writes them (a lone pair of a print counts only so: an NTP setting's ``server``
#: member is lower-cased).
_CAPITAL_HEADERS = frozenset({"Server", "SERVER", "WWW-Authenticate", "Www-Authenticate", "WWW-AUTHENTICATE"})
#: A line that is one mapping of one pair and nothing else (``{'Server': 'X'}``, ``{"Server"=>["X"]}``).
_ONE_PAIR = re.compile(r"""\{\s?(['"])[A-Za-z-]{6,16}\1(?::|\s?=>)\s?\[?(['"]).{0,1024}\2\]?\s?\}""")


# ------------------------------------------------------------------ one device exported as CSV

#: A column name of an export's header row: 1-5 words (``Device Type``, ``Software Version``,
#: ``Device Serial No.``, ``IPv4 Address``).
_CSV_COLUMN = re.compile(r"[A-Za-z][A-Za-z0-9_.#()/-]{0,30}(?: [A-Za-z0-9_.#()/-]{1,20}){0,4}")


def csv_row_pairs(text: str) -> list[tuple[str, str]]:
    """(column name, cell) of a device list exported as CSV (a discovery tool's "Export", such as
    SADP's ``ID,Device Type,Status,...,Software Version``, or a spreadsheet saved as CSV; ``,`` ``;``
    or tab separated, a UTF-8 BOM allowed) that holds ONE device: a header row of at least three
    column names and a single data row of as many cells. Several data rows are a list of devices,
    none of them this one: nothing is read."""
    import csv  # noqa: PLC0415 (only a text that looks like an export pays for it)

    lines = [ln for ln in text[:MAX_RESPONSE].lstrip("\ufeff").splitlines()[:8] if ln.strip()]
    if len(lines) != 2 or len(lines[0]) > 2000 or len(lines[1]) > 4000:
        return []
    sep = max((",", ";", "\t"), key=lines[0].count)
    if lines[0].count(sep) < 2:
        return []
    try:
        header, row = list(csv.reader(lines, delimiter=sep))[:2]
    except (csv.Error, ValueError):
        return []
    names = [h.strip() for h in header]
    if (len(row) != len(names) or not all(_CSV_COLUMN.fullmatch(h) for h in header) or len(set(names)) != len(names)
            or not any(_DIGITS.search(c) for c in row)):
        return []  # (an export pads no column name with blanks: a sentence with commas is no header)
    return [(n, c.strip()) for n, c in zip(names, row) if c.strip() and len(c) <= 256][:MAX_VALUES]

#: The columns of a table printed with blanks: two blanks or more between cells (tabulate's ``plain``/``simple``
#: formats, pandas' print of a one-row DataFrame, CLI tools' ``IP  Model  Firmware`` listings).
_ALIGNED_SPLIT = re.compile(r"\s{2,}")
#: A rule line under a printed table's header (tabulate ``simple``: dashes under each column).
_ALIGNED_RULE = re.compile(r"[-=+| ]{3,}")


def aligned_row_pairs(text: str) -> list[tuple[str, str]]:
    """(column name, cell) of ONE device printed as a blank-aligned table: a header row of at least three column
    names separated by two blanks or more, perhaps a rule line of dashes, and a single data row of as many cells
    (pandas adds the row's index in front: a small number, dropped). A sentence is no header (every name is one to
    five short words, ``_CSV_COLUMN``); several data rows are a list of devices, none of them this one."""
    lines = [ln for ln in text[:MAX_RESPONSE].splitlines()[:8] if ln.strip()]
    if len(lines) == 3 and _ALIGNED_RULE.fullmatch(lines[1].strip()):
        lines = [lines[0], lines[2]]
    if len(lines) != 2 or len(lines[0]) > 1000 or len(lines[1]) > 2000:
        return []
    header = _ALIGNED_SPLIT.split(lines[0].strip())
    row = _ALIGNED_SPLIT.split(lines[1].strip())
    if len(row) == len(header) + 1 and row[0].isdigit() and len(row[0]) <= 3:
        row = row[1:]  # a DataFrame's index
    if (len(header) < 3 or len(row) != len(header) or not all(_CSV_COLUMN.fullmatch(h) for h in header)
            or len(set(header)) != len(header) or not any(_DIGITS.search(c) for c in row)):
        return []
    return [(n, c) for n, c in zip(header, row) if len(c) <= 256][:MAX_VALUES]

# ------------------------------------------------------------------ a host's MAC address in a neighbour listing

#: One host of a neighbour listing: arp-scan (``192.168.1.64<TAB>44:19:b6:12:34:56<TAB>Vendor``:
#: royhills/arp-scan arp-scan.c display_packet), ``arp -a`` (``? (192.168.1.64) at 44:19:b6:12:34:56 [ether]
#: on eth0``, net-tools arp.c), ``ip neigh`` (``192.168.1.64 dev eth0 lladdr 44:19:b6:12:34:56 REACHABLE``).
_NEIGHBOUR = re.compile(
    r"^(?:(\d{1,3}(?:\.\d{1,3}){3})\t([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\t"
    r"|\S{1,255} \((\d{1,3}(?:\.\d{1,3}){3})\) at ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}) "
    r"|(\d{1,3}(?:\.\d{1,3}){3}) dev \S{1,32} lladdr ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\b)", re.M)


def neighbour_macs(text: str) -> list[str]:
    """The MAC address of the one host a neighbour listing names (arp-scan, ``arp -a``, ``ip neigh``);
    nothing when it lists several hosts (a network's listing, not this device's)."""
    found: dict[str, str] = {}
    for n, m in enumerate(_NEIGHBOUR.finditer(text, 0, MAX_TEXT)):
        ip = m.group(1) or m.group(3) or m.group(5)
        mac = m.group(2) or m.group(4) or m.group(6)
        if n > 8 or (ip in found and found[ip] != mac.lower()):
            return []
        found[ip] = mac.lower()
    return list(found.values()) if len(found) == 1 else []

# ------------------------------------------------------------------ a console tool's status line

#: Device classes a client's status line puts beside the remote device's model (``Connected to
#: DS-7608NI-K2 (NVR)``, ``Found T8210 [Doorbell]``, ``camera (C6N) online``): video classes only.
_DEVICE_CLASS = (r"(?i:ip ?camera|network camera|ptz camera|camera|ipc|nvt|nvr|dvr|xvr|hvr|network video recorder|"
                 r"digital video recorder|video recorder|video doorbell|doorbell|door ?station|vto|video encoder|encoder|"
                 r"base ?station|home ?base)")
_CLASS_ONLY = re.compile(_DEVICE_CLASS)
_MODEL_ONLY = re.compile(MODEL_TOKEN)
#: A bracketed word or token: where a status line's pair is looked for (``(NVR)``, ``[T8210]``).
_BRACKETED_WORD = re.compile(r"[(\[]([A-Za-z0-9][A-Za-z0-9 ._/-]{0,40}?(?:\([A-Z0-9]{1,4}\))?)[)\]](?![\w-])")
#: The model right before (or after: ``[NVR] DS-7608NI-K2 online``) a bracketed class, and the class
#: right before a bracketed model.
_MODEL_BEFORE = re.compile(r"(?<![\w.:/-])" + MODEL_TOKEN + r"[ \t]{1,3}$")
_MODEL_AFTER = re.compile(r"[ \t]{1,3}" + MODEL_TOKEN + r"(?![\w-])")
_CLASS_BEFORE = re.compile(r"(?<![\w-])" + _DEVICE_CLASS + r"[ \t]{1,3}$")
#: The tell: a bracket opening on a class word or on a model-like token.
_STATUS_TELL = re.compile(r"[(\[](?:" + _DEVICE_CLASS + r"[)\]]|[A-Z0-9][A-Za-z0-9._/-]{1,40}[)\]])")
#: The same, one pattern per opening bracket: a pattern that starts with one literal character is
#: scanned for it quickly, one that starts with a class tests the class at every position.
_STATUS_TELLS = tuple(re.compile(re.escape(b) + _STATUS_TELL.pattern[5:]) for b in "([")
#: A line that is one entry of a list of other devices (an NVR's channels, a client's cameras): ``CH1``,
#: ``Channel 2:``, ``Camera 3 -``, ``D4``, ``[5]``, ``6.``, ``- `` ... Such a line is another device.
_LIST_ENTRY = re.compile(r"(?i)^[ \t]{0,40}(?:[-*+][ \t]|\d{1,3}[.):][ \t]|\[\d{1,3}\]|#\d{1,3}\b|(?:ch|channel|cam|camera|d|ipc|chan|input)[ \t#_-]{0,2}\d{1,3}\b)", re.M)


def status_line_models(text: str) -> list[tuple[str, str]]:
    """(model, device class) of a client's status line that names the remote device by its model
    and its class together (``Connected to DS-7608NI-K2 (NVR)``, ``Doorbell [T8210] online``, ``[NVR]
    DS-7608NI-K2 connected``). Only
    when the text names one model so: a text that pairs several models with classes is a list of
    other devices (an NVR's channels, a client's cameras), and so is a line that starts as a list
    entry (``CH1``, ``Camera 2:``, ``- ``, ``3.``): none of them is the device's own."""
    found: list[tuple[str, str]] = []
    end = min(len(text), MAX_TEXT)
    for n, m in enumerate(_BRACKETED_WORD.finditer(text, 0, end)):
        if n >= MAX_VALUES:
            break
        inner = m.group(1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        look = max(line_start, m.start() - 64)
        if _CLASS_ONLY.fullmatch(inner) is not None:
            before = _MODEL_BEFORE.search(text, look, m.start()) or _MODEL_AFTER.match(text, m.end(), min(end, m.end() + 64))
            if before is None:
                continue
            model, cls = before.group(1), inner
        elif _MODEL_ONLY.fullmatch(inner) is not None:
            before = _CLASS_BEFORE.search(text, look, m.start())
            if before is None:
                continue
            model, cls = inner, before.group(0)
        else:
            continue
        if _LIST_ENTRY.match(text, line_start, min(end, line_start + 80)) is not None:
            continue  # one entry of a list of other devices
        if not model_shaped(model):
            continue
        if all(model != f[0] for f in found):
            found.append((model, " ".join(cls.split())))
        if len(found) > 1:
            return []
    return found


def stripped_xml_values(text: str) -> list[str]:
    """The values of XML whose tags were stripped (a page showed the elements' text only): read
    only when the text has no markup and no ``:``/``=`` pairs. One value a line: at least three
    non-empty lines -- and nine in ten of them -- short values (1-64 characters, at most five
    words), at least one holding a digit. The values run together on one or two long lines (a
    rendered paragraph): its blank-separated tokens, when at least eight and fewer than three in
    ten of them are lower-case words (prose is), the tokens that hold a digit."""
    head = text[:16384]
    if head.lstrip().startswith("<?xml") and head.count("<") == 1:
        head = head.partition(">")[2]  # the declaration survived (the renderer stripped the elements only); unclosed: nothing
    if "<" in head or ">" in head or "=" in head or "{" in head:
        return []
    lines = [ln.strip() for ln in head.split("\n", 201)[:200] if ln.strip()]
    # a caption above the values ("Response:", "I get this from GetDeviceInformation"): at most two
    # leading lines that end with ":" or are words of prose, when at least four lines follow
    for _ in range(2):
        if len(lines) >= 5 and (lines[0].endswith(":") or (lines[0].count(" ") >= 5 and not any(map(str.isdigit, lines[0])))):
            lines = lines[1:]
    if len(lines) < 3:
        joined = " ".join(lines)
        if len(joined) <= 256 or ": " in joined:
            return []  # a short value is read whole by the family grammars
        tokens = joined.split()[:400]
        if len(tokens) < 8 or sum(_LOWER_WORD.fullmatch(t) is not None for t in tokens) * 10 >= len(tokens) * 3:
            return []
        lines = [t for t in tokens if _VALUE_TOKEN.fullmatch(t) and any(c.isdigit() for c in t)]
        lines += [f"build {b}" if a == "build" else "" for a, b in zip(tokens, tokens[1:])]
        lines = [v for v in lines if v]
        values = lines
    else:
        if len(lines) > 120:
            return []
        values = [ln for ln in lines if _VALUE_LINE.fullmatch(ln) and ln.count(" ") <= 4 and ": " not in ln]
        if len(values) * 10 < len(lines) * 9 or not any(any(c.isdigit() for c in v) for v in values):
            return []
        if sum(ln.endswith(".") and " " in ln for ln in lines) * 4 > len(lines):
            return []  # sentences
    if len(lines) < 3:
        values = [v for v in values if not v.startswith("build ")]
    # a serial number written as the model followed by digits (DS-2CD2142FWD-I20170405AAWR...) is
    # not read: a model grammar would take a cut of it for the model
    whole = {v for v in values if len(v) >= 6}
    values = [v for v in values if not any(v != w and v.startswith(w) and v[len(w) : len(w) + 1].isdigit() for w in whole)]
    return _with_builds(values)[:MAX_VALUES]


# ------------------------------------------------------------------ JSON behind a stray HTML prefix

_JSON_DECODER = json.JSONDecoder()
_TAGS_ONLY = re.compile(r"(?:\s{0,200}<[^<>]{0,200}>){1,8}\s{0,200}")


def html_prefixed_json(fields: Fields, prefix: str, text: str) -> None:
    """A JSON document behind tags only (``<pre>{...}</pre>``, ``<br>{...}``, a page's wrapper left
    in front of an API answer): the document's leaves as ``<prefix>.json.*``. Read only when nothing
    but tags and blanks comes before it (a script's ``var x = {...}`` is not a document)."""
    m = _TAGS_ONLY.match(text)
    if m is None or text[m.end() : m.end() + 1] not in ("{", "["):
        return
    try:
        doc, _ = _JSON_DECODER.raw_decode(text[: MAX_JSON_LINE], m.end())
    except (ValueError, RecursionError):
        return
    if isinstance(doc, (dict, list)) and doc:
        json_leaves(doc, fields, f"{prefix}.json.")


_LEAD_TAGS = re.compile(r"^(?:<[^<>]{0,80}>){1,4}")
_TAIL_TAGS = re.compile(r"(?:<[^<>]{0,80}>){1,4}$")


def markup_table_rows(text: str) -> str:
    """The Markdown table rows of a text that markup surrounds (``<details>`` around a pasted table,
    ``<p>| "model" | "X" |</p>``): the lines that are table rows once tags at their ends are cut,
    one a line; empty when fewer than two."""
    rows = []
    for line in _lines(text):
        s = line.strip()
        if "|" not in s:
            continue
        if s[:1] == "<":
            s = _LEAD_TAGS.sub("", s)
        if s[-1:] == ">":
            s = _TAIL_TAGS.sub("", s)
        if s[:1] == "|" and s[-1:] == "|" and s.count("|") >= 3:
            rows.append(s)
    return "\n".join(rows) if len(rows) >= 2 else ""


# ------------------------------------------------------------------ KEY="value" inside SNMP strings

_SNMP_PAIR = re.compile(r"""(?<![\w.-])([A-Za-z_][\w.-]{0,40})=(?:\\"([^"\\\r\n]{0,256})\\"|"([^"\r\n]{0,256})"|'([^'\r\n]{0,256})')""")
#: ``KEY=value`` without quotes: read when a value holds two or more of them (``MODEL=X FW=Y``).
_SNMP_BARE_PAIR = re.compile(r"(?<![\w.-])([A-Za-z_][\w.-]{0,40})=([^\s\"';,=]{1,256})")


def snmp_string_pairs(fields: Fields) -> None:
    """``KEY="value"`` pairs inside SNMP text values (a walked string that is a key/value record:
    ``MODEL="X" FIRMWARE="Y"``): ``snmp.kv.<KEY>``."""
    n = 0
    for name, values in list(fields.items()):
        if not name.startswith("snmp.") or name.startswith("snmp.kv."):
            continue
        for v in values[:8]:
            if "=" not in v:
                continue
            pairs = [(m.group(1), next((g for g in m.groups()[1:] if g is not None), "").strip()) for m in _SNMP_PAIR.finditer(v[:MAX_LINE])]
            if not pairs and v.count("=") >= 2:
                bare = [(m.group(1), m.group(2)) for m in _SNMP_BARE_PAIR.finditer(v[:MAX_LINE])]
                pairs = bare if len(bare) >= 2 else []
            for key, value in pairs[:MAX_VALUES]:
                if value:
                    add(fields, f"snmp.kv.{key}", value)
                    n += 1
                if n >= MAX_VALUES:
                    return


# ------------------------------------------------------------------ all of them

#: A print of header entries: ``{Name=[``, ``[Name:"``, ``[(Name, ``, ``[Name: ``, ``{Name=``.
_HEADER_TELL = re.compile(r"[{\[](?:\(|null=\[)?[A-Za-z][A-Za-z0-9_-]{1,63}(?:=|:\"|: |, )")


def toolout_fields(fields: Fields, prefix: str, text: str, tables: bool = True) -> None:
    """Every reader above over ``text`` (a fragment's text, a banner, a non-SOAP ONVIF answer).
    Cheap tests first: a reader runs only when its tell is in the text (substring tests, no copy
    of the text)."""
    t = text if len(text) <= MAX_TEXT else text[:MAX_TEXT]
    # tells are looked for in the head: a tool's output starts there (a command line above it at most)
    h = t if len(t) <= TELL_WINDOW else t[:TELL_WINDOW]
    lines = "\n" in h
    # (a tell holding a quote, a bracket or ``(`` is looked for only when that character is in the head: a
    # one-character test is a memchr, many times faster than a longer needle's search)
    sq, dq, lb, lp = "'" in h, '"' in h, "[" in h, "(" in h
    if (lb and "] [" in h) or (dq and '"template-id"' in h):
        nuclei_fields(fields, t)
    if (sq and lp and "='" in h and ", (" in h) or "cameras on interface" in h or "successfully connected to host" in h or t.endswith((")", ")\n", ")\r\n")):
        discovery_tool_fields(fields, t)
    if lb and ("map[" in h or ":[" in h or ": [" in h) and ("erver" in h or "uthenticate" in h or "Header:map[" in h):
        go_header_fields(fields, prefix, t)  # Go's prints of http.Header
    if tables and "{" in h and _GO_STRUCT_TELL.search(h) is not None:
        for key, value in go_struct_pairs(t):
            add(fields, f"{prefix}.kv.{key}", value)
    if ("erver" in h or "uthenticate" in h or "ERVER" in h or (lb and ("null=[HTTP/" in h or "null=[RTSP/" in h))) and (
            # (a print without Server or WWW-Authenticate says nothing the identifiers read, unless it is an answer's:
            # getHeaderFields' null entry is the status line)
            (", " in h and _HEADER_TELL.search(h) is not None) or "][" in h or "(first=" in h or "[name=" in h or "(name=" in h
            or "\n[" in h or "=[" in h or "\n(" in h):
        java_header_fields(fields, prefix, t)
    if lp and ("('" in h or '("' in h):
        tuple_pair_fields(fields, prefix, t)
    if (sq and "b'" in h) or (dq and 'b"' in h):
        bytes_dict_fields(fields, prefix, t)
    if "|" in h and ("<" in h or ":" in h):
        xml_table_fields(fields, prefix, t)
    if "format" in h and ("rtsp" in h or "RTSP" in h):
        ffprobe_fields(fields, t)
    if t[:1] == "<" and ('{"' in h or "[{" in h):
        html_prefixed_json(fields, prefix, t)
    if tables and t[:1] == "<" and lines and ("\n|" in h or ">|" in h):
        rows = markup_table_rows(t)
        if rows:
            from netscan.parsers.shapes import table_pairs  # noqa: PLC0415 (shapes is imported with http)

            for key, value in table_pairs(rows):
                add(fields, f"{prefix}.kv.{key}", value)
    if "onvif://www.onvif.org/" in t:
        scope_token_fields(fields, t)
        if "Discovered:" in t:
            wsdiscover_address_fields(fields, t)
    if "/" in h and ("Received message on " in h or "MQTT publish: topic" in h
                     or _MQTT_START.match(h) is not None or _MQTT_START.match(h, _after_prompts(h)) is not None):
        mqtt_fields(fields, prefix, t)
    if tables and lines and ":" in t:
        messages = log_prefix_text(t)
        if messages is not None:
            from netscan.parsers.shapes import table_pairs  # noqa: PLC0415 (shapes is imported with http)

            for key, value in table_pairs(messages):
                add(fields, f"{prefix}.kv.{key}", value)
    if lines and ("RTSP/" in h or "HTTP/" in h or ("<" in h and "<-- " in h)):
        marked_answer_fields(fields, t)
    if "&" in h and "&lt;" in h:
        for name, value in xml_salvage(html.unescape(t)):
            add(fields, f"{prefix}.xml.{name}", value)
    if "Protocol" in h and ("Hypertext Transfer Protocol" in h or "Real Time Streaming Protocol" in h or "Session Description Protocol" in h):
        dissection_fields(fields, prefix, t)
    if tables and lines and t.count("\n") <= 8 and ("," in h or ";" in h or "\t" in h):
        from netscan.parsers.shapes import norm_key  # noqa: PLC0415 (shapes is imported with http)

        for key, value in csv_row_pairs(t):
            add(fields, f"{prefix}.kv.{norm_key(key)}", value)
    if tables and lines and t.count("\n") <= 8 and "  " in h and "\t" not in h:
        from netscan.parsers.shapes import norm_key  # noqa: PLC0415 (shapes is imported with http)

        for key, value in aligned_row_pairs(t):
            add(fields, f"{prefix}.kv.{norm_key(key)}", value)
    if (" at " in h or "\t" in h or " lladdr " in h) and ":" in h:
        for mac in neighbour_macs(t):
            add(fields, f"{prefix}.kv.mac", mac)
    if ((sq and ("erver'" in h or "uthenticate'" in h or "Seq'" in h or "seq'" in h))
            or (dq and ('erver"' in h or 'uthenticate"' in h or 'Seq"' in h or 'seq"' in h))) and (
            ": '" in h or ': "' in h or "':'" in h or '":"' in h or '"=>' in h or "'=>" in h or '" =>' in h):
        dict_header_fields(fields, prefix, t)
    if "Banner on port " in h:
        masscan_fields(fields, t)
    wirerec_fields(fields, prefix, t, h)  # packet exports, scanner lists, client prints (netscan/parsers/wirerec.py)
    printed_fields(fields, prefix, t, h)  # literals, runtimes' prints, prober records (netscan/parsers/printed.py)
    if "pairs: {" in h:
        message_header_fields(fields, t)  # Java's MessageHeader prints (netscan/parsers/records.py)
    if ": type " in h and ", class " in h:
        dns_details_fields(fields, t)
    if "printer-" in h or "Attribute Name: " in h:
        ipp_attribute_fields(fields, t)
    if dq and ('USN"' in h or 'usn"' in h or 'Usn"' in h) and '":' in h:
        ssdp_json_fields(fields, t)
    if "Status: " in h and "://" in h and lines:
        status_trace_fields(fields, t)
    if ":device:" in h and "uuid:" in h and lines:
        upnp_stripped_fields(fields, t)  # a UPnP description without its markup
    if lb and "://" in h and "] " in h:
        whatweb_fields(fields, t)
    if dq and (('"entries"' in h and '"log"' in h) or ('"result"' in h and '"status_code"' in h)) and t.lstrip()[:1] == "{":
        recorded_answer_fields(fields, t)
    if any(b in h and rx.search(h) is not None for b, rx in zip("([", _STATUS_TELLS)):  # (_STATUS_TELL.search(h))
        for model, cls in status_line_models(t):
            add(fields, f"{prefix}.status.model", model)
            add(fields, f"{prefix}.status.deviceClass", cls)
    if lines:
        console_fields(fields, prefix, t)
    if tables:
        column_fields(fields, prefix, t)
    if tables and (lines or len(t) > 256):
        stripped = stripped_xml_values(t)
        for value in stripped:
            add(fields, f"{prefix}.line", value)
        if stripped and lines:
            for key, value in devinfo_order_pairs(t):  # GetDeviceInformation's values in its schema's order
                add(fields, f"{prefix}.kv.{key}", value)
