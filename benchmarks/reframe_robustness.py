#!/usr/bin/env python3
"""Re-framing robustness: does netscan keep a claim when a training file's exchange is printed by another tool?

Held-out material is often one device exchange as some other tool or client library printed it: ``curl -v``,
``print(r.headers)``, a Go ``%+v``, Node's ``console.log``, a HAR entry, a JSON log line, ``tshark -V``... For
every training corpus file (tests/corpus; the test split is never read) whose answer has correct claims (vendor,
model, firmware, device type agreeing with the file's ``expect``), each response that is an HTTP/RTSP answer
(status line, headers, body) or a JSON/XML document is re-expressed in the output shapes below and identified
alone (same protocol, port and request; no MAC, no other response). A re-framed text counts for a claim when it
still holds the claim's evidence text (benchmarks/fragment_robustness.py ``_evidence_texts``: a shape that drops
the body cannot keep a claim the body made). Kept = same claim; contradicted = a different one; a non-camera
file made a camera is a false camera.

Every shape is what a real tool or library writes (its documentation or source is cited beside each; Node's
``util.inspect`` and ``tshark -V`` are run for real when installed, else those shapes are skipped):

HTTP/RTSP answers (family ``transcript``: the answer's lines behind a tool's marks)
- ``curl-v``       curl -v: ``< `` before each received header line, ``<`` after them, ``* `` notes, ``> `` the
                   request (everything.curl.dev/usingcurl/verbose; src/tool_cb_dbg.c)
- ``wget-S``       wget -S / --server-response: the answer's head indented by two blanks after ``HTTP request
                   sent, awaiting response...`` (GNU Wget manual, "-S"; src/http.c print_server_response)
- ``http.client``  Python http.client at debuglevel 1 (requests' debugging recipe): ``reply: 'HTTP/1.1 401
                   Unauthorized\\r\\n'`` then ``header: Server: X`` lines (cpython Lib/http/client.py)
- ``okhttp``       OkHttp HttpLoggingInterceptor BODY: ``<-- 401 Unauthorized http://... (35ms)``, header
                   lines, body, ``<-- END HTTP (n-byte body)`` (okhttp-logging-interceptor HttpLoggingInterceptor.kt)
- ``mitmdump``     mitmdump --flow-detail 2: `` << 401 Unauthorized 0b`` and the headers indented below
                   (mitmproxy/addons/dumper.py)
- ``follow``       Wireshark "Follow HTTP/TCP Stream" as text: the request, then the answer (Wireshark User's
                   Guide "Following Protocol Streams")
- ``php-headers``  PHP ``print_r($http_response_header)``: ``Array ( [0] => HTTP/1.1 401 ... [1] => Server: X``
                   (php.net reserved.variables.httpresponseheader, print_r)
HTTP/RTSP answers (family ``mapping``: the headers as a dict/map/object literal)
- ``requests``     ``print(r.status_code)``, ``print(r.headers)`` (CaseInsensitiveDict prints as a dict:
                   requests/structures.py ``__repr__``), ``print(r.text)``
- ``urllib3``      ``HTTPHeaderDict({'Server': 'X', ...})`` (urllib3/_collections.py ``__repr__``)
- ``aiohttp``      ``print(resp)``: ``<ClientResponse(url) [401 Unauthorized]>`` then ``<CIMultiDictProxy('Server':
                   'X', ...)>`` (aiohttp/client_reqrep.py ``__repr__``; multidict ``__repr__``), then the text
- ``httpx``        ``<Response [401 Unauthorized]>``, ``Headers({'server': 'X', ...})`` (keys lower-cased:
                   httpx/_models.py ``Headers.__repr__`` over ``multi_items``), then the text
- ``node``         ``console.log(res.statusCode)``, ``console.log(res.headers)`` (Node lower-cases header names:
                   nodejs.org/api/http.html message.headers; printed by util.inspect), then the body
- ``go``           ``fmt.Printf("%+v\\n", resp)`` of a ``*http.Response`` (pkg.go.dev/fmt: ``&{Status:401
                   Unauthorized StatusCode:401 ... Header:map[Server:[X]] Body:0xc... ...}``; keys canonical
                   (net/http CanonicalHeaderKey), maps printed key-sorted), then ``fmt.Println(string(body))``
- ``reqwest``      ``println!("{:?}", resp)`` (reqwest src/async_impl/response.rs Debug: url, status, headers;
                   http's HeaderMap Debug ``{"server": "X"}``), then the text
- ``ruby``         ``p res`` (``#<Net::HTTPUnauthorized 401 Unauthorized readbody=true>``), ``p res.to_hash``
                   (``{"server"=>["X"]}``: Net::HTTPHeader keeps names lower-cased), ``puts res.body``
- ``java``         ``System.out.println(conn.getHeaderFields())`` (``{null=[HTTP/1.1 401 Unauthorized],
                   Server=[X]}``: java.net.URLConnection getHeaderFields, AbstractMap.toString)
- ``dotnet``       ``Console.WriteLine(response)`` of an HttpResponseMessage (``StatusCode: 401, ReasonPhrase:
                   'Unauthorized', Version: 1.1, Content: ..., Headers:`` then ``{`` a header a line ``}``:
                   dotnet/runtime HttpResponseMessage.ToString)
- ``powershell``   Invoke-WebRequest's default list view (``StatusCode : 401``, ``RawContent : HTTP/1.1 ...``
                   continuation lines indented, ``Headers : {[Server, X]...}``: learn.microsoft.com
                   Invoke-WebRequest examples)
HTTP/RTSP answers (family ``record``: a structured record of the exchange)
- ``har``          a HAR 1.2 entry (``response.status``, ``statusText``, ``headers``: name/value objects,
                   ``content.text``: w3c.github.io/web-performance/specs/HAR/Overview.html), pretty-printed
- ``json-log``     a JSON log line of a Go service (log/slog JSONHandler; an http.Header marshals as
                   ``{"Server":["X"]}``: pkg.go.dev/log/slog, encoding/json of map[string][]string)
- ``json-pairs``   a flow as mitmweb's JSON writes it (mitmproxy/tools/web/app.py ``flow_to_json``: the response's
                   ``http_version``, ``status_code``, ``reason``, ``headers`` as [name, value] pairs; the export
                   scripts built on it add the text as ``content``)
- ``vcr``          a vcrpy cassette (YAML: ``interactions:``, ``response: {status: {code, message}, headers:
                   {Server: [X]}, body: {string: ...}}``: vcrpy docs, vcr/serializers)
- ``tshark-V``     ``tshark -V`` packet details of the answer (run for real on a capture built from it)
ONVIF device information (family ``onvif``: a GetDeviceInformationResponse as ONVIF clients print it)
- ``zeep``         python-onvif-zeep's ``print(devicemgmt.GetDeviceInformation())``: zeep's object print
                   (zeep/objects.py ``CompoundValue.__repr__``: ``{`` then ``    'Manufacturer': 'X',`` a line, ``}``)
- ``ha-onvif``     Home Assistant's ONVIF debug line: ``<time> DEBUG (MainThread) [homeassistant.components.onvif]
                   ... DeviceInfo(manufacturer='X', model='Y', fw_version='Z', serial_number='S', mac=None)``
                   (homeassistant/components/onvif/models.py ``DeviceInfo`` dataclass repr)
- ``node-onvif``   agsh/onvif's ``cam.getDeviceInformation`` result printed by console.log (lib/device.js: the
                   members' first letters lower-cased: ``{ manufacturer: 'X', model: 'Y', firmwareVersion: ... }``)
- ``go-onvif``     a Go client's ``%+v`` of its GetDeviceInformationResponse struct (use-go/onvif
                   device.GetDeviceInformationResponse: ``{Manufacturer:X Model:Y FirmwareVersion:Z ...}``)
UPnP device descriptions (family ``discovery``: the description's device as discovery tools print it)
- ``ha-ssdp``      Home Assistant's ``SsdpServiceInfo`` repr in a debug line (homeassistant/helpers/service_info/ssdp.py:
                   ``ssdp_usn``, ``ssdp_st``, ``upnp={'deviceType': ..., 'friendlyName': ..., 'manufacturer': ...,
                   'modelName': ...}``, ``ssdp_location``...)
- ``nmap-upnp``    nmap's ``upnp-info`` script in normal output (nselib/upnp.lua: ``Server:``, ``Location:``, then
                   ``Name:``, ``Manufacturer:``, ``Model Descr:``, ``Model Name:``, ``Model Version:`` per device)
JSON or XML documents (family ``document``: a parsed body printed)
- ``py-dict``      ``print(r.json())``: Python's dict repr (single quotes, True/False/None)
- ``node-obj``     ``console.log(JSON.parse(body))`` (util.inspect: bare identifier keys, single quotes, depth 2
                   then ``[Object]``)
- ``go-map``       ``fmt.Println(m)`` of a ``map[string]interface{}`` (``map[model:X name:Y]``, keys sorted)
- ``yaml``         ``yaml.safe_dump`` of the parsed body (PyYAML, block style)
- ``xmltodict``    ``print(xmltodict.parse(xml))``: a dict repr with ``@attr`` and ``#text`` keys (xmltodict
                   README; namespace prefixes kept as written)

    .venv/bin/python benchmarks/reframe_robustness.py [--losses] [--group] [--json OUT] [--shapes a,b]

Training split only.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TRAINING, labelled_observations, parser, write_json  # noqa: E402
from fragment_robustness import _carries, _evidence_texts, _text, correct_claims, rule_index  # noqa: E402

from netscan.identify import identify  # noqa: E402
from netscan.identify.accuracy import answer_matches  # noqa: E402
from netscan.model import VIDEO_TYPES, Observation, Response  # noqa: E402
from netscan.sigdb import load_db  # noqa: E402

KINDS = ("vendor", "model", "firmware", "device_type")
MAX_BODY = 60000
HOST = "192.168.1.64"

FAMILY = {
    "curl-v": "transcript", "wget-S": "transcript", "http.client": "transcript", "okhttp": "transcript",
    "mitmdump": "transcript", "follow": "transcript", "php-headers": "transcript",
    "requests": "mapping", "urllib3": "mapping", "aiohttp": "mapping", "httpx": "mapping", "node": "mapping",
    "go": "mapping", "reqwest": "mapping", "ruby": "mapping", "java": "mapping", "dotnet": "mapping",
    "powershell": "mapping",
    "har": "record", "json-log": "record", "json-pairs": "record", "vcr": "record", "tshark-V": "record",
    "zeep": "onvif", "ha-onvif": "onvif", "node-onvif": "onvif", "go-onvif": "onvif",
    "ha-ssdp": "discovery", "nmap-upnp": "discovery",
    "py-dict": "document", "node-obj": "document", "go-map": "document", "yaml": "document", "xmltodict": "document",
}

_STATUS = re.compile(r"^((?:HTTP|RTSP)/\d\.\d) (\d{3})(?: (.*))?$")
_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,60}):[ \t]*(.*)$")


class Exchange:
    """One answer split into its parts."""

    def __init__(self, proto: str, code: int, reason: str, headers: list[tuple[str, str]], body: str,
                 path: str, scheme: str) -> None:
        self.proto, self.code, self.reason, self.headers, self.body = proto, code, reason, headers, body
        self.path, self.scheme = path, scheme

    @property
    def status_line(self) -> str:
        return f"{self.proto} {self.code} {self.reason}".rstrip()

    @property
    def url(self) -> str:
        return f"{self.scheme}://{HOST}{self.path}"


def split_answer(text: str, resp: Response) -> Exchange | None:
    norm = text.replace("\r\n", "\n")
    lines = norm.split("\n")
    m = _STATUS.match(lines[0]) if lines else None
    if m is None:
        return None
    try:
        end = lines.index("", 1)
    except ValueError:
        end = len(lines)
    headers: list[tuple[str, str]] = []
    for line in lines[1:end]:
        h = _HEADER.match(line)
        if h:
            headers.append((h.group(1), h.group(2).strip()))
        elif headers and line[:1] in (" ", "\t"):
            headers[-1] = (headers[-1][0], headers[-1][1] + " " + line.strip())
    body = "\n".join(lines[end + 1:])[:MAX_BODY]
    req = resp.request or ""
    pm = re.search(r"(/\S*)", req)
    path = pm.group(1) if pm else "/"
    scheme = "rtsp" if m.group(1).startswith("RTSP") else ("https" if resp.protocol == "https" else "http")
    return Exchange(m.group(1), int(m.group(2)), m.group(3) or "", headers, body, path, scheme)


def _request_line(ex: Exchange) -> str:
    method = "DESCRIBE" if ex.scheme == "rtsp" else "GET"
    target = ex.url if ex.scheme == "rtsp" else ex.path
    return f"{method} {target} {ex.proto}"


# ------------------------------------------------------------------ transcripts

def curl_v(ex: Exchange) -> str:
    out = [f"*   Trying {HOST}:80...", f"* Connected to {HOST} ({HOST}) port 80 (#0)", f"> {_request_line(ex)}",
           f"> Host: {HOST}", "> User-Agent: curl/7.81.0", "> Accept: */*", ">"]
    out += ["* Mark bundle as not supporting multiuse", f"< {ex.status_line}"]
    out += [f"< {k}: {v}" for k, v in ex.headers] + ["<"]
    if ex.body.strip():
        out.append(ex.body)
    out.append(f"* Connection #0 to host {HOST} left intact")
    return "\n".join(out)


def wget_s(ex: Exchange) -> str:
    out = [f"--2024-03-01 10:12:44--  {ex.url}", f"Connecting to {HOST}:80... connected.",
           "HTTP request sent, awaiting response... ", f"  {ex.status_line}"]
    out += [f"  {k}: {v}" for k, v in ex.headers]
    out.append(f"{ex.code} {ex.reason}".rstrip() + ("." if ex.code >= 400 else ""))
    return "\n".join(out)


def http_client(ex: Exchange) -> str:
    out = ["send: b'" + _request_line(ex) + f"\\r\\nHost: {HOST}\\r\\nUser-Agent: python-requests/2.31.0\\r\\n"
           "Accept-Encoding: gzip, deflate\\r\\nAccept: */*\\r\\nConnection: keep-alive\\r\\n\\r\\n'"]
    out.append("reply: " + repr(ex.status_line + "\r\n"))
    out += [f"header: {k}: {v}" for k, v in ex.headers]
    return "\n".join(out)


def okhttp(ex: Exchange) -> str:
    out = [f"--> GET {ex.url}", "--> END GET", f"<-- {ex.code} {ex.reason} {ex.url} (35ms)".replace("  ", " ")]
    out += [f"{k}: {v}" for k, v in ex.headers]
    if ex.body.strip():
        out += ["", ex.body]
    out.append(f"<-- END HTTP ({len(ex.body.encode())}-byte body)")
    return "\n".join(out)


def mitmdump(ex: Exchange) -> str:
    out = [f"{HOST}:51234: GET {ex.url}", "    Host: " + HOST, "    User-Agent: curl/7.81.0", "",
           f" << {ex.code} {ex.reason} {len(ex.body.encode())}b"]
    out += [f"    {k}: {v}" for k, v in ex.headers]
    return "\n".join(out)


def follow(ex: Exchange) -> str:
    out = [_request_line(ex), f"Host: {HOST}", "User-Agent: Mozilla/5.0", "", ex.status_line]
    out += [f"{k}: {v}" for k, v in ex.headers] + [""]
    if ex.body.strip():
        out.append(ex.body)
    return "\n".join(out)


def php_headers(ex: Exchange) -> str:
    out = ["Array", "("]
    for i, line in enumerate([ex.status_line] + [f"{k}: {v}" for k, v in ex.headers]):
        out.append(f"    [{i}] => {line}")
    out += [")", ""]
    return "\n".join(out)


# ------------------------------------------------------------------ header mappings

def _merged(ex: Exchange, lower: bool = False) -> dict[str, str]:
    """Headers as a client library's case-insensitive mapping gives them: a repeated name's values joined by
    ``, `` (requests/urllib3/httpx items merge so), the first spelling kept."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for k, v in ex.headers:
        key = k.lower() if lower else k
        first = seen.setdefault(k.lower(), key)
        out[first] = f"{out[first]}, {v}" if first in out else v
    return out


def _grouped(ex: Exchange, key: Callable[[str], str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in ex.headers:
        out.setdefault(key(k), []).append(v)
    return out


def requests_(ex: Exchange) -> str:
    return f"{ex.code}\n{_merged(ex)!r}\n{ex.body}"


def urllib3(ex: Exchange) -> str:
    return f"HTTPHeaderDict({_merged(ex)!r})"


def aiohttp(ex: Exchange) -> str:
    body = ", ".join(f"'{k}': {v!r}" for k, v in ex.headers)
    return f"<ClientResponse({ex.url}) [{ex.code} {ex.reason}]>\n<CIMultiDictProxy({body})>\n\n{ex.body}"


def httpx(ex: Exchange) -> str:
    pairs = [(k.lower(), v) for k, v in ex.headers]
    as_dict = dict(pairs)
    rep = f"Headers({as_dict!r})" if len(as_dict) == len(pairs) else f"Headers({pairs!r})"
    return f"<Response [{ex.code} {ex.reason}]>\n{rep}\n{ex.body}"


def _canonical(name: str) -> str:
    """net/http CanonicalHeaderKey: first letter and each letter after a hyphen upper case, the rest lower."""
    return "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))


def go(ex: Exchange) -> str:
    hdr = _grouped(ex, _canonical)
    hmap = "map[" + " ".join(f"{k}:[{' '.join(v)}]" for k, v in sorted(hdr.items())) + "]"
    length = next((v for k, v in ex.headers if k.lower() == "content-length"), "-1")
    text = (f"&{{Status:{ex.code} {ex.reason} StatusCode:{ex.code} Proto:{ex.proto} ProtoMajor:1 ProtoMinor:{ex.proto[-1]}"
            f" Header:{hmap} Body:0xc0001a2040 ContentLength:{length} TransferEncoding:[] Close:false Uncompressed:false"
            " Trailer:map[] Request:0xc000132000 TLS:<nil>}")
    return text + ("\n" + ex.body if ex.body.strip() else "")


def reqwest(ex: Exchange) -> str:
    hdr = ", ".join(f"{json.dumps(k.lower())}: {json.dumps(v)}" for k, v in ex.headers)
    url = (f'Url {{ scheme: "{ex.scheme}", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4({HOST})),'
           f' port: None, path: {json.dumps(ex.path.split("?")[0])}, query: None, fragment: None }}')
    return f"Response {{ url: {url}, status: {ex.code}, headers: {{{hdr}}} }}\n{ex.body}"


_RUBY_CLASS = {200: "OK", 301: "MovedPermanently", 302: "Found", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound"}


def ruby(ex: Exchange) -> str:
    cls = _RUBY_CLASS.get(ex.code, "OK" if ex.code < 300 else "ClientError")
    hdr = _grouped(ex, str.lower)
    items = ", ".join(f"{json.dumps(k)}=>[{', '.join(json.dumps(x) for x in v)}]" for k, v in hdr.items())
    return f"#<Net::HTTP{cls} {ex.code} {ex.reason} readbody=true>\n{{{items}}}\n{ex.body}"


def java(ex: Exchange) -> str:
    hdr = _grouped(ex, lambda k: k)
    items = [f"null=[{ex.status_line}]"] + [f"{k}=[{', '.join(v)}]" for k, v in hdr.items()]
    return "{" + ", ".join(items) + "}"


def dotnet(ex: Exchange) -> str:
    out = [f"StatusCode: {ex.code}, ReasonPhrase: '{ex.reason}', Version: {ex.proto.split('/')[1]}, Content: "
           "System.Net.Http.HttpConnectionResponseContent, Headers:", "{"]
    out += [f"  {k}: {v}" for k, v in ex.headers]
    out.append("}")
    return "\n".join(out)


def powershell(ex: Exchange) -> str:
    raw = [ex.status_line] + [f"{k}: {v}" for k, v in ex.headers] + [""] + ex.body.split("\n")[:3]
    content = " ".join(ex.body.split())[:40] + ("..." if len(ex.body) > 40 else "")
    pad = " " * 20
    hdr = ", ".join(f"[{k}, {v}]" for k, v in _merged(ex).items())
    if len(hdr) > 60:
        hdr = hdr[:60] + "..."
    out = [f"StatusCode        : {ex.code}", f"StatusDescription : {ex.reason}", f"Content           : {content}",
           f"RawContent        : {raw[0]}"] + [pad + r for r in raw[1:]]
    out += ["Forms             : {}", f"Headers           : {{{hdr}}}", "Images            : {}",
            "InputFields       : {}", "Links             : {}", "ParsedHtml        : mshtml.HTMLDocumentClass",
            f"RawContentLength  : {len(ex.body.encode())}"]
    return "\n".join(out)


# ------------------------------------------------------------------ records

def har(ex: Exchange) -> str:
    ctype = next((v for k, v in ex.headers if k.lower() == "content-type"), "")
    entry = {"startedDateTime": "2024-03-01T10:12:44.123Z", "time": 35,
             "request": {"method": "GET", "url": ex.url, "httpVersion": ex.proto, "headers": [], "queryString": [],
                         "cookies": [], "headersSize": -1, "bodySize": 0},
             "response": {"status": ex.code, "statusText": ex.reason, "httpVersion": ex.proto, "cookies": [],
                          "headers": [{"name": k, "value": v} for k, v in ex.headers],
                          "content": {"size": len(ex.body.encode()), "mimeType": ctype, "text": ex.body},
                          "redirectURL": "", "headersSize": -1, "bodySize": len(ex.body.encode())}}
    return json.dumps(entry, indent=2)


def json_log(ex: Exchange) -> str:
    rec = {"time": "2024-03-01T10:12:44.123Z", "level": "DEBUG", "msg": "response", "url": ex.url,
           "status": ex.code, "headers": _grouped(ex, _canonical), "body": ex.body}
    return json.dumps(rec)


def json_pairs(ex: Exchange) -> str:
    rec = {"request": {"method": "GET", "url": ex.url},
           "response": {"http_version": ex.proto, "status_code": ex.code, "reason": ex.reason,
                        "headers": [[k, v] for k, v in ex.headers], "contentLength": len(ex.body.encode()),
                        "content": ex.body}}
    return json.dumps(rec)


def _yaml_str(s: str) -> str:
    return json.dumps(s)


def vcr(ex: Exchange) -> str:
    out = ["interactions:", "- request:", "    body: null", "    headers: {}", "    method: GET",
           f"    uri: {ex.url}", "  response:", f"    body: {{string: {_yaml_str(ex.body)}}}", "    headers:"]
    for k, v in _grouped(ex, lambda k: k).items():
        out.append(f"      {k}: [{', '.join(_yaml_str(x) for x in v)}]")
    out += [f"    status: {{code: {ex.code}, message: {_yaml_str(ex.reason)}}}", "version: 1"]
    return "\n".join(out)


# ------------------------------------------------------------------ documents

def py_dict(doc: Any) -> str:
    return repr(doc)


def _go_value(v: Any) -> str:
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{_go_value(x)}" for k, x in sorted(v.items())) + "]"
    if isinstance(v, list):
        return "[" + " ".join(_go_value(x) for x in v) + "]"
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def go_map(doc: Any) -> str:
    return _go_value(doc)


def yaml_dump(doc: Any) -> str:
    import yaml  # noqa: PLC0415

    return str(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000))


def xml_to_dict(xml: str) -> Any:
    """xmltodict.parse's result (no namespace processing: names as written; attributes ``@``; text ``#text``;
    repeated children a list; an element with only text its text; an empty element None)."""
    stack: list[tuple[str, dict[str, Any], list[str]]] = [("", {}, [])]

    def start(name: str, attrs: dict[str, str]) -> None:
        stack.append((name, {f"@{k}": v for k, v in attrs.items()}, []))

    def end(name: str) -> None:
        tag, node, text = stack.pop()
        data = "".join(text).strip()
        value: Any
        if node:
            if data:
                node["#text"] = data
            value = node
        else:
            value = data or None
        parent = stack[-1][1]
        if tag in parent:
            if not isinstance(parent[tag], list):
                parent[tag] = [parent[tag]]
            parent[tag].append(value)
        else:
            parent[tag] = value

    def chars(data: str) -> None:
        stack[-1][2].append(data)

    p = expat.ParserCreate()
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.Parse(xml, True)
    return stack[0][1]


# ------------------------------------------------------------------ real tools run in batches

def node_inspect(objects: list[Any]) -> list[str] | None:
    """util.inspect of each object (as console.log prints it), by a real Node.js; None without node."""
    node = shutil.which("node")
    if node is None or not objects:
        return None
    script = ("const fs=require('fs');const util=require('util');const a=JSON.parse(fs.readFileSync(0,'utf8'));"
              "process.stdout.write(JSON.stringify(a.map(o=>util.inspect(o))));")
    try:
        out = subprocess.run([node, "-e", script], input=json.dumps(objects), capture_output=True, text=True,
                             timeout=120, check=True).stdout
        got = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return [str(x) for x in got] if isinstance(got, list) and len(got) == len(objects) else None


def _pcap(payloads: list[tuple[int, bytes]]) -> bytes:
    """A classic pcap of one TCP segment per answer (server port -> client), one connection each."""
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)]
    for i, (port, data) in enumerate(payloads):
        data = data[:65000]
        tcp = struct.pack("!HHIIBBHHH", port, 40000 + i % 20000, 1000, 2000, 5 << 4, 0x18, 65535, 0, 0)
        total = 20 + len(tcp) + len(data)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, i & 0xFFFF, 0x4000, 64, 6, 0,
                         bytes([192, 168, 1, 64]), bytes([192, 168, 1, 10]))
        eth = b"\x00\x11\x22\x33\x44\x55" + b"\x66\x77\x88\x99\xaa\xbb" + b"\x08\x00"
        frame = eth + ip + tcp + data
        out.append(struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)) + frame)
    return b"".join(out)


def tshark_details(items: list[tuple[int, str]]) -> list[str] | None:
    """``tshark -V`` of each answer (its packet's application-layer details), by a real tshark; None without it."""
    tshark = shutil.which("tshark")
    if tshark is None or not items:
        return None
    with tempfile.TemporaryDirectory(prefix="rf-") as d:
        cap = Path(d) / "answers.pcap"
        cap.write_bytes(_pcap([(port, text.encode("utf-8", "replace")) for port, text in items]))
        try:
            out = subprocess.run([tshark, "-r", str(cap), "-V", "-o", "tcp.analyze_sequence_numbers:FALSE",
                                  "-o", "tcp.desegment_tcp_streams:FALSE"], capture_output=True, text=True,
                                 timeout=300, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return None
    frames = re.split(r"(?m)^(?=Frame \d+: )", out)
    frames = [f for f in frames if f.startswith("Frame ")]
    if len(frames) != len(items):
        return None
    res = []
    for f in frames:
        res.append(f.rstrip())  # the whole frame, as a reporter pastes it (Frame, Ethernet, IP, TCP, then the answer)
    return res


EXCHANGE_SHAPES: dict[str, Callable[[Exchange], str]] = {
    "curl-v": curl_v, "wget-S": wget_s, "http.client": http_client, "okhttp": okhttp, "mitmdump": mitmdump,
    "follow": follow, "php-headers": php_headers, "requests": requests_, "urllib3": urllib3, "aiohttp": aiohttp,
    "httpx": httpx, "go": go, "reqwest": reqwest, "ruby": ruby, "java": java, "dotnet": dotnet,
    "powershell": powershell, "har": har, "json-log": json_log, "json-pairs": json_pairs, "vcr": vcr,
}
#: The shapes a tool also prints for an RTSP answer (curl speaks RTSP; Wireshark follows and dissects it); the
#: HTTP client libraries do not.
RTSP_SHAPES = frozenset({"curl-v", "follow"})
DOC_SHAPES: dict[str, Callable[[Any], str]] = {"py-dict": py_dict, "go-map": go_map, "yaml": yaml_dump}


_ONVIF_INFO = ("Manufacturer", "Model", "FirmwareVersion", "SerialNumber", "HardwareId")


def onvif_info(doc: Any) -> dict[str, str] | None:
    """The members of a GetDeviceInformationResponse found anywhere in an xmltodict result, or None."""
    stack, seen = [doc], 0
    while stack and seen < 2000:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            for k, v in node.items():
                if k.split(":")[-1] == "GetDeviceInformationResponse" and isinstance(v, dict):
                    out = {}
                    for name in _ONVIF_INFO:
                        got = next((x for key, x in v.items() if key.split(":")[-1] == name), None)
                        if isinstance(got, dict):
                            got = got.get("#text")
                        if isinstance(got, str):
                            out[name] = got
                    return out or None
                stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
    return None


def zeep(info: dict[str, str]) -> str:
    return "{\n" + ",\n".join(f"    {k!r}: {v!r}" for k, v in info.items()) + "\n}"


def ha_onvif(info: dict[str, str]) -> str:
    return ("2024-03-01 10:12:44.123 DEBUG (MainThread) [homeassistant.components.onvif] Front door: "
            f"DeviceInfo(manufacturer={info.get('Manufacturer')!r}, model={info.get('Model')!r}, "
            f"fw_version={info.get('FirmwareVersion')!r}, serial_number={info.get('SerialNumber')!r}, mac=None)")


def go_onvif(info: dict[str, str]) -> str:
    return "{" + " ".join(f"{k}:{v}" for k, v in info.items()) + "}"


def upnp_device(doc: Any) -> dict[str, str] | None:
    """The root device's text members of a UPnP description (xmltodict result), or None."""
    root = doc.get("root") if isinstance(doc, dict) else None
    device = root.get("device") if isinstance(root, dict) else None
    if not isinstance(device, dict):
        return None
    out = {k: v for k, v in device.items() if isinstance(v, str) and not k.startswith("@")}
    return out if "manufacturer" in out or "modelName" in out else None


def ha_ssdp(info: dict[str, str]) -> str:
    udn = info.get("UDN", "uuid:00000000-0000-0000-0000-000000000000")
    st = info.get("deviceType", "upnp:rootdevice")
    return ("2024-03-01 10:12:44.123 DEBUG (MainThread) [homeassistant.components.ssdp] Discovered "
            f"SsdpServiceInfo(ssdp_usn='{udn}::{st}', ssdp_st='{st}', upnp={info!r}, "
            f"ssdp_location='http://{HOST}:49152/description.xml', ssdp_nt=None, ssdp_udn='{udn}', ssdp_ext='', "
            "ssdp_server=None, ssdp_headers={}, ssdp_all_locations=set(), x_homeassistant_matching_domains=set())")


def nmap_upnp(info: dict[str, str]) -> str:
    out = ["PORT     STATE SERVICE", "1900/udp open  upnp", "| upnp-info: ", f"| {HOST}",
           f"|     Location: http://{HOST}:49152/description.xml"]
    for key, label in (("friendlyName", "Name"), ("manufacturer", "Manufacturer"), ("modelDescription", "Model Descr"),
                       ("modelName", "Model Name"), ("modelNumber", "Model Version")):
        if key in info:
            out.append(f"|       {label}: {info[key]}")
    out[-1] = "|_" + out[-1][2:]
    return "\n".join(out)


def _document(text: str) -> tuple[str, Any] | None:
    s = text.strip()
    if s[:1] in ("{", "["):
        try:
            return "json", json.loads(s)
        except ValueError:
            return None
    if s[:1] == "<" and not s[:15].lower().startswith(("<!doctype", "<html")):
        try:
            return "xml", xml_to_dict(s)
        except (expat.ExpatError, ValueError):
            return None
    return None


def reframes(resp: Response, text: str) -> list[tuple[str, str]]:
    """(shape, text) for every shape applicable to one response (the batch-run shapes marked for later)."""
    out: list[tuple[str, str]] = []
    ex = split_answer(text, resp)
    body = text
    if ex is not None:
        for name, fn in EXCHANGE_SHAPES.items():
            if ex.scheme != "rtsp" or name in RTSP_SHAPES:
                out.append((name, fn(ex)))
        if ex.scheme != "rtsp":
            out.append(("node", "\0node-headers"))
        out.append(("tshark-V", "\0tshark"))
        body = ex.body
    doc = _document(body)
    if doc is not None:
        kind, value = doc
        if kind == "xml":
            out.append(("xmltodict", repr(value)))
            device = upnp_device(value)
            if device:
                out += [("ha-ssdp", ha_ssdp(device)), ("nmap-upnp", nmap_upnp(device))]
            info = onvif_info(value)
            if info:
                out += [("zeep", zeep(info)), ("ha-onvif", ha_onvif(info)), ("go-onvif", go_onvif(info)),
                        ("node-onvif", "\0node-onvif")]
        else:
            for name, fn in DOC_SHAPES.items():
                out.append((name, fn(value)))
            out.append(("node-obj", "\0node-doc"))
    return out


def run(shapes: set[str] | None = None, split: Path = TRAINING) -> dict[str, Any]:
    db = load_db()
    rules, family = rule_index(db)
    jobs: list[dict[str, Any]] = []
    files = 0
    for path, obs, expect in labelled_observations(split):
        files += 1
        ident = identify(obs, db)
        claims = correct_claims(db, ident, expect)
        noncam = expect.get("device_type") not in VIDEO_TYPES
        if not claims and not noncam:
            continue
        texts = {k: _evidence_texts(db, rules, family, obs, ident, k, v) for k, v in claims.items()}
        for resp in obs.responses:
            text = _text(resp)
            if text is None:
                continue
            ex = split_answer(text, resp)
            for shape, framed in reframes(resp, text):
                if shapes and shape not in shapes:
                    continue
                jobs.append({"file": str(path.relative_to(split)), "resp": resp, "shape": shape, "text": framed,
                             "ex": ex, "claims": claims, "texts": texts, "noncam": noncam,
                             "want_type": expect.get("device_type")})
    # the real tools, once each over all their inputs
    node_h = [j for j in jobs if j["text"] == "\0node-headers"]
    node_d = [j for j in jobs if j["text"] == "\0node-doc"]
    node_o = [j for j in jobs if j["text"] == "\0node-onvif"]
    objs: list[Any] = [dict(_merged(j["ex"], lower=True)) for j in node_h]
    for j in node_d + node_o:
        doc = _document(j["ex"].body if j["ex"] else (_text(j["resp"]) or ""))
        if j in node_o:
            info = onvif_info(doc[1]) if doc else None
            objs.append({k[:1].lower() + k[1:]: v for k, v in (info or {}).items()})
        else:
            objs.append(doc[1] if doc else None)
    printed = node_inspect(objs)
    for i, j in enumerate(node_h + node_d + node_o):
        if printed is None:
            j["text"] = ""
        elif i < len(node_h):
            ex = j["ex"]
            j["text"] = f"{ex.code}\n{printed[i]}\n{ex.body}"
        else:
            j["text"] = printed[i]
    tj = [j for j in jobs if j["text"] == "\0tshark"]
    details = tshark_details([(554 if j["ex"].scheme == "rtsp" else 80, _text(j["resp"]) or "")  # (https: as decrypted)
                              for j in tj])
    for i, j in enumerate(tj):
        j["text"] = details[i] if details else ""
    kept: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    contradicted: Counter[tuple[str, str]] = Counter()
    false_cameras: Counter[str] = Counter()
    losses: list[dict[str, str]] = []
    tried = 0
    for j in jobs:
        if not j["text"]:
            continue
        resp, shape, framed = j["resp"], j["shape"], j["text"]
        via = {k: _carries(j["texts"][k], framed) for k in j["claims"]}
        relevant = [k for k in j["claims"] if via[k] is not None]
        if not relevant and not j["noncam"]:
            continue
        tried += 1
        frag = Response(protocol=resp.protocol, raw=framed, port=resp.port, request=resp.request)
        fi = identify(Observation(ip=None, mac=None, responses=(frag,)), db)
        if j["noncam"] and fi.device_type in VIDEO_TYPES:
            false_cameras[shape] += 1
            losses.append({"file": j["file"], "kind": "false-camera", "shape": shape, "want": str(j["want_type"]),
                           "got": str(fi.device_type), "protocol": resp.protocol, "text": framed[:200]})
        for kind in relevant:
            want = j["claims"][kind]
            got = getattr(fi, kind)
            total[(kind, shape)] += 1
            if got is not None and answer_matches(db, kind, got, want):
                kept[(kind, shape)] += 1
                continue
            if got is not None and got != "unknown":
                contradicted[(kind, shape)] += 1
            losses.append({"file": j["file"], "kind": kind, "shape": shape, "want": want, "got": str(got),
                           "protocol": resp.protocol, "text": framed[:200]})

    def table(index: int, names: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for name in names:
            t = sum(v for k, v in total.items() if k[index] == name)
            kk = sum(v for k, v in kept.items() if k[index] == name)
            c = sum(v for k, v in contradicted.items() if k[index] == name)
            if t:
                out[name] = {"kept": kk, "of": t, "rate": round(kk / t, 4), "contradicted": c}
        return out

    by_shape = table(1, list(FAMILY))
    for name, row in by_shape.items():
        row["by_kind"] = {k: f"{kept[(k, name)]}/{total[(k, name)]}" for k in KINDS if total[(k, name)]}
        row["false_cameras"] = false_cameras[name]
    fam: dict[str, dict[str, Any]] = {}
    for name, row in by_shape.items():
        f = fam.setdefault(FAMILY[name], {"kept": 0, "of": 0, "contradicted": 0})
        f["kept"] += row["kept"]
        f["of"] += row["of"]
        f["contradicted"] += row["contradicted"]
    for f in fam.values():
        f["rate"] = round(f["kept"] / f["of"], 4) if f["of"] else 1.0
    t_all, k_all = sum(total.values()), sum(kept.values())
    return {"files": files, "texts": tried, "checks": t_all, "kept": k_all,
            "retention": round(k_all / t_all, 4) if t_all else 1.0, "contradicted": sum(contradicted.values()),
            "false_cameras": sum(false_cameras.values()), "by_kind": table(0, list(KINDS)), "by_family": fam,
            "by_shape": by_shape, "losses": losses}


def main(argv: list[str]) -> int:
    ap = parser(__doc__, prog="reframe_robustness.py", paragraph=True)
    ap.add_argument("--losses", action="store_true", help="list each loss")
    ap.add_argument("--group", action="store_true", help="count losses by kind and shape")
    ap.add_argument("--shapes", default="", help="comma-separated shapes to run (default all)")
    ap.add_argument("--json", default="", help="write the figures (and losses) to this file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    out = run({s for s in args.shapes.split(",") if s} or None)
    losses = out.pop("losses")
    if args.group:
        out["loss_groups"] = dict(Counter(f"{d['kind']} {d['shape']}" for d in losses).most_common(60))
    out["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        write_json(args.json, {**out, "losses": losses})
    if args.losses:
        out["losses"] = losses
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
