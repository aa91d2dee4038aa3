"""Session 13 "formats5" readers (netscan/parsers/wirerec.py; docs/observations.md "Shapes other tools
print"): Wireshark's JSON / EK / PDML exports, Node's util.inspect header objects, masscan's -oL / -oG
banner lines, python-kasa's device repr and Burp Suite's saved items. Each reader has counter-examples
that must stay unread, and hostile inputs that must neither crash nor hang."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.unwrap import unwrap
from netscan.parsers.wirerec import (
    burp_fields,
    curl_trace_fields,
    js_header_fields,
    kasa_repr_fields,
    masscan_list_fields,
    mitmdump_fields,
    neolink_fields,
    nmap_xml_fields,
    wireshark_fields,
)
from netscan.sigdb import SignatureDB

DATA = Path(__file__).parent / "formats5_data"


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, "recorded"))


def _ident(db: SignatureDB, raw: str, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, None, "recorded"),)), db)


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------ Wireshark exports (real tshark output)

def test_tshark_json_rtsp_answers_and_sdp() -> None:
    got: dict[str, list[str]] = {}
    wireshark_fields(got, "rtsp", _read("rtsp.trim.json"))
    assert got["rtsp.status"] == ["401", "200"]  # the client's DESCRIBE is not an answer
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
    assert got["rtsp.header.www-authenticate"][0].startswith('Digest realm="Hipcam RealServer/V1.0"')
    assert got["rtsp.header.content-base"] == ["rtsp://10.0.0.7:554/Streaming/Channels/101/"]
    assert got["rtsp.sdp.session"] == ["HIK Media Server V3.0.2"]
    assert got["rtsp.sdp.info"] == ["HIK Media Server Session Description : standard"]
    assert got["rtsp.sdp.tool"] == ["LIVE555 Streaming Media v2011.05.25"]
    assert "rtsp.header.user-agent" not in got and "rtsp.header.accept" not in got  # the request's headers


def test_tshark_json_http_answer() -> None:
    got: dict[str, list[str]] = {}
    wireshark_fields(got, "http", _read("http.trim.json"))
    assert got["http.status"] == ["401"]
    assert got["http.header.server"] == ["App-webs/"]
    assert got["http.header.www-authenticate"][0] == 'Digest qop="auth", realm="IP Camera(C6126)", nonce="4e5749"'
    assert "http.header.user-agent" not in got and "http.header.host" not in got


def test_tshark_ek_and_pdml_give_the_same_answers() -> None:
    for kind in ("ek", "pdml"):
        rtsp: dict[str, list[str]] = {}
        wireshark_fields(rtsp, "rtsp", _read(f"rtsp.trim.{kind}"))
        assert rtsp["rtsp.status"] == ["401", "200"], kind
        assert rtsp["rtsp.header.server"] == ["Hipcam RealServer/V1.0"], kind
        assert rtsp["rtsp.sdp.session"] == ["HIK Media Server V3.0.2"], kind
        http: dict[str, list[str]] = {}
        wireshark_fields(http, "http", _read(f"http.trim.{kind}"))
        assert http["http.header.server"] == ["App-webs/"], kind
        assert http["http.header.www-authenticate"][0].startswith('Digest qop="auth", realm="IP Camera(C6126)"'), kind
        assert "http.header.user-agent" not in http, kind


def test_tshark_export_through_fields_and_identify(db: SignatureDB) -> None:
    got = _f(_read("http.trim.json"), "http")
    assert got["http.header.server"][0] == "App-webs/"
    dev = _ident(db, _read("http.trim.pdml"), "http")
    assert dev.vendor == "Hikvision"  # App-webs/ and the "IP Camera(C6126)" realm, read from the dissection


def test_tshark_request_only_and_other_json_are_not_read() -> None:
    # a capture of the client's request only
    doc = json.loads(_read("rtsp.trim.json"))[:1]
    got: dict[str, list[str]] = {}
    wireshark_fields(got, "rtsp", json.dumps(doc))
    assert got == {}
    # a device's JSON that happens to have "layers" and "timestamp" (a map style, a video layout)
    got2: dict[str, list[str]] = {}
    wireshark_fields(got2, "http", '{"timestamp": 1, "layers": {"http": {"url": "x", "server": "tiles.example"}}}')
    assert got2 == {}
    # PDML of another protocol
    got3: dict[str, list[str]] = {}
    wireshark_fields(got3, "http", '<pdml version="0"><packet><proto name="dns"><field name="dns.qry.name" show="a"/></proto></packet></pdml>')
    assert got3 == {}


# ------------------------------------------------------------------ Node util.inspect (real node output)

def test_node_inspect_headers() -> None:
    text = _read("node-inspect.txt")
    got: dict[str, list[str]] = {}
    js_header_fields(got, "http", text)
    assert set(got["http.header.server"]) == {"App-webs/", "Hipcam"}
    assert 'Digest qop="auth", realm="IP Camera(C6126)", nonce="4e5749"' in got["http.header.www-authenticate"]
    assert got["http.header.content-type"] == ["text/html; it's"]  # util.inspect's double quotes around a single quote
    assert "http.header.manufacturer" not in got and "http.header.model" not in got


def test_node_inspect_through_fields(db: SignatureDB) -> None:
    text = "[2/1/2024, 10:00:00 AM] [Hikvision] response headers {\n  server: 'App-webs/',\n  date: 'Thu, 01 Feb 2024 10:00:00 GMT',\n  connection: 'close'\n}\n"
    got = _f(text)
    assert got["http.header.server"] == ["App-webs/"]


def test_node_inspect_counter_examples() -> None:
    for text in (
        "{ server: 'pool.ntp.org', port: 123, enabled: true }",  # a device's NTP setting: no other header
        "{ server: 'App-webs/' }",  # a lone member
        "{ host: '10.0.0.5', date: 'today', connection: 'close' }",  # no Server / WWW-Authenticate
    ):
        got: dict[str, list[str]] = {}
        js_header_fields(got, "http", text)
        assert got == {}, text


# ------------------------------------------------------------------ masscan -oL / -oG (src/out-text.c, out-grepable.c)

OL = ("#masscan\n"
      "open tcp 80 10.0.0.7 1700000000\n"
      "banner tcp 80 10.0.0.7 1700000001 http HTTP/1.1 401 Unauthorized\\x0d\\x0aServer: App-webs/\\x0d\\x0a"
      'WWW-Authenticate: Digest realm="IP Camera(C6126)"\\x0d\\x0a\\x0d\\x0a\n'
      "banner tcp 80 10.0.0.7 1700000001 title Document Error: Unauthorized\n"
      "# end\n")


def test_masscan_list_banner() -> None:
    got: dict[str, list[str]] = {}
    masscan_list_fields(got, OL)
    assert got["http.status"] == ["401"]
    assert got["http.header.server"] == ["App-webs/"]
    assert got["http.title"] == ["Document Error: Unauthorized"]


def test_masscan_grepable_banner() -> None:
    text = ("# Masscan 1.3.2 scan initiated Mon Dec  7 10:00:00 2026\n"
            "Timestamp: 1700000001\tHost: 10.0.0.7 ()\tPort: 554\tService: rtsp\tBanner: RTSP/1.0 200 OK\\x0d\\x0aCSeq: 1\\x0d\\x0a"
            "Server: Hipcam RealServer/V1.0\\x0d\\x0a\\x0d\\x0a\n")
    got: dict[str, list[str]] = {}
    masscan_list_fields(got, text)
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]


def test_masscan_list_of_several_hosts_names_no_device() -> None:
    text = OL + "banner tcp 80 10.0.0.8 1700000001 http HTTP/1.1 200 OK\\x0d\\x0aServer: Boa/0.94.14rc21\\x0d\\x0a\\x0d\\x0a\n"
    got: dict[str, list[str]] = {}
    masscan_list_fields(got, text)
    assert got == {}
    got2: dict[str, list[str]] = {}
    masscan_list_fields(got2, "#masscan\nopen tcp 80 10.0.0.7 1700000000\n# end\n")  # no banner
    assert got2 == {}


# ------------------------------------------------------------------ python-kasa reprs (kasa/device.py)

def test_kasa_repr() -> None:
    got = _f("Found device: <DeviceType.Camera at 192.168.1.20 - Front door (C200)>\n")
    assert got["other.kv.model"] == ["C200"]
    assert got["other.kv.device_type"] == ["camera"]
    old: dict[str, list[str]] = {}
    kasa_repr_fields(old, "other", "<DeviceType.Plug model HS110(EU) at 192.168.1.5 (Lamp), is_on: True - dev specific: {}>")
    assert old["other.kv.model"] == ["HS110(EU)"]
    alias: dict[str, list[str]] = {}
    kasa_repr_fields(alias, "other", "<DeviceType.Camera at 10.0.0.5 - Garage (back) (C210) - update() needed>")
    assert alias["other.kv.model"] == ["C210"]


def test_kasa_repr_counter_examples() -> None:
    several: dict[str, list[str]] = {}
    kasa_repr_fields(several, "other", "{'10.0.0.5': <DeviceType.Plug at 10.0.0.5 - A (HS100)>, "
                                       "'10.0.0.6': <DeviceType.Bulb at 10.0.0.6 - B (KL130)>}")
    assert several == {}
    unknown: dict[str, list[str]] = {}
    kasa_repr_fields(unknown, "other", "<DeviceType.Plug at 10.0.0.5 - update() needed>")  # no model printed
    assert unknown == {}
    child: dict[str, list[str]] = {}
    kasa_repr_fields(child, "other", "<DeviceType.StripSocket(child) of <DeviceType.Strip at 10.0.0.5 - update() needed>>")
    assert child == {}


# ------------------------------------------------------------------ Burp Suite saved items

def _burp(host: str, answer: bytes) -> str:
    return (f"<item><time>Mon Dec 07 10:00:00 UTC 2026</time><url><![CDATA[http://{host}/]]></url>"
            f'<host ip="{host}">{host}</host><port>80</port><protocol>http</protocol>'
            f'<request base64="true"><![CDATA[{base64.b64encode(b"GET / HTTP/1.1").decode()}]]></request>'
            f"<status>401</status>"
            f'<response base64="true"><![CDATA[{base64.b64encode(answer).decode()}]]></response></item>')


def test_burp_items_first_host_only() -> None:
    text = ('<?xml version="1.0"?>\n<items burpVersion="2023.10.3" exportTime="Mon Dec 07 10:00:00 UTC 2026">'
            + _burp("10.0.0.7", b'HTTP/1.1 401 Unauthorized\r\nServer: App-webs/\r\nWWW-Authenticate: Digest realm="IP Camera(C6126)"\r\n\r\n')
            + _burp("cdn.example", b"HTTP/1.1 200 OK\r\nServer: cloudflare\r\n\r\n")
            + "</items>")
    got: dict[str, list[str]] = {}
    burp_fields(got, text)
    assert got["http.header.server"] == ["App-webs/"]
    assert got["http.status"] == ["401"]
    bad: dict[str, list[str]] = {}
    burp_fields(bad, '<items burpVersion="1"><item><host>a</host><response base64="true"><![CDATA[!!!notbase64]]></response></item></items>')
    assert bad == {}


# ------------------------------------------------------------------ hostile inputs

def test_hostile_inputs_stay_fast_and_never_crash() -> None:
    texts = [
        '[{"_source": {"layers": {"http": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}}}]",
        '[{"_source": {"layers": {"rtsp": {' + ", ".join(f'"Server: {i}\\\\r\\\\n": ""' for i in range(20000)) + "}}}}]",
        '{"timestamp": "1", "layers": {"http": {}}}\n' * 20000,
        "<pdml><packet>" + '<proto name="http">' * 20000,
        "<pdml>" + "<packet><proto name=\"rtsp\"><field name=\"\" show=\"RTSP/1.0 200 OK\"/>" * 5000,
        "{ server: '" + "a" * 300000,
        "{ server: 'x', date: 'y', " + "a: 'b', " * 50000 + "}",
        "banner tcp 80 10.0.0.7 1 http HTTP/1.1 200 OK" + "\\x0d\\x0aA: b" * 20000 + "\n",
        "<DeviceType.Camera at " * 30000,
        '<items burpVersion="1">' + "<item><host>a</host>" * 30000,
        '<items burpVersion="1"><item><host>a</host><response base64="true"><![CDATA[' + "QUFB" * 200000,
    ]
    for text in texts:
        for proto in ("http", "rtsp", "other"):
            start = time.process_time()
            got = _f(text, proto)
            assert time.process_time() - start < 5.0
            assert not any(v.startswith("parser error") for vs in got.values() for v in vs)


# ------------------------------------------------------------------ curl --trace / --trace-ascii (real curl 7.88.1 output)

def test_curl_trace_ascii_and_hex() -> None:
    for name in ("curl-trace-ascii.txt", "curl-trace.txt"):
        got = _f(_read(name), "http")
        assert got["http.status"] == ["401"], name
        assert got["http.header.server"][0] == "App-webs/", name
        assert got["http.header.www-authenticate"][0].endswith('stale="FALSE"'), name  # a line wrapped at 64 columns, joined
        assert "http.header.user-agent" not in got and "http.header.host" not in got, name  # what curl sent
        assert got.get("http.xml.statusString", got.get("http.xml.userCheck/statusString")) == ["Unauthorized"], name


def test_curl_trace_time_prefix_and_no_answer() -> None:
    text = ("10:00:00.000001 == Info: Connected to 10.0.0.7 (10.0.0.7) port 554\n"
            "10:00:00.000002 => Send header, 39 bytes (0x27)\n0000: OPTIONS rtsp://10.0.0.7/ RTSP/1.0\n0023: CSeq: 1\n"
            "10:00:00.000003 <= Recv header, 17 bytes (0x11)\n0000: RTSP/1.0 200 OK\n"
            "10:00:00.000004 <= Recv header, 32 bytes (0x20)\n0000: Server: Hipcam RealServer/V1.0\n")
    got: dict[str, list[str]] = {}
    curl_trace_fields(got, text)
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
    sent_only: dict[str, list[str]] = {}
    curl_trace_fields(sent_only, "=> Send header, 39 bytes (0x27)\n0000: GET / HTTP/1.1\n0010: Server: not-an-answer\n")
    assert sent_only == {}


# ------------------------------------------------------------------ nmap XML (real nmap 7.93 -oX output)

def test_nmap_xml_document_and_fragment() -> None:
    doc = _read("nmap-sV.xml")
    port = doc[doc.index("<port ") : doc.index("</port>") + 7]
    for text in (doc, port):
        got = _f(text)
        assert got["http.header.server"] == ["App-webs/"]
        assert got["http.header.www-authenticate"][0].startswith('Digest qop="auth", realm="IP Camera(C6126)"')
        assert got["nmap.service"] == ["BaseHTTPServer 0.6 (Python 3.11.7)"]
        assert "http.title" not in got  # "Site doesn't have a title" is nmap's, not the page's


def test_nmap_xml_counter_example() -> None:
    # an ONVIF/SOAP or HTML text with <script> elements is no nmap XML
    got: dict[str, list[str]] = {}
    nmap_xml_fields(got, '<html><script src="a.js"></script><script>var server="x";</script></html>')
    assert got == {}


# ------------------------------------------------------------------ ngrep (ngrep.c dump_packet, dump_formatted / dump_byline)

NGREP_FORMATTED = (
    "interface: eth0 (192.168.1.0/255.255.255.0)\nfilter: ( port 554 ) and ((ip || ip6) || (vlan && (ip || ip6)))\n#\n"
    "T 192.168.1.2:50000 -> 192.168.1.10:554 [AP] #3\n"
    "  DESCRIBE rtsp://192.168.1.10:554/11 RTSP/1.0..CSeq: 2..Server: client-side-not-read....\n"
    "##\n"
    "T 192.168.1.10:554 -> 192.168.1.2:50000 [AP] #4\n"
    "  RTSP/1.0 401 Unauthorized..CSeq: 2..Server: Hipcam RealServer/V1.0..WWW-Authenticate: Digest realm=\"H\n"
    "  ipcam RealServer/V1.0\", nonce=\"3b1c9a8e\"....\n"
)


def test_ngrep_formatted_and_byline() -> None:
    # netscan/parsers/keyvals.py's ngrep reader, with the frame count, -t's time and -W byline
    got = _f(NGREP_FORMATTED, "rtsp")
    assert got["rtsp.status"] == ["401"]
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]  # the request's "Server" is the client's
    assert got["rtsp.header.www-authenticate"][0] == 'Digest realm="Hipcam RealServer/V1.0", nonce="3b1c9a8e"'
    byline = ("T 2026/12/07 10:00:00.000001 10.0.0.7:80 -> 10.0.0.2:50001 [AP] #2\n"
              "HTTP/1.1 401 Unauthorized.\nServer: App-webs/.\nWWW-Authenticate: Digest realm=\"IP Camera(C6126)\".\n.\n")
    got2 = _f(byline, "http")
    assert "App-webs/" in got2["http.header.server"]  # (another reader keeps the CR's dot: "App-webs/.")
    request_only = _f("T 10.0.0.2:1 -> 10.0.0.7:80 [AP] #1\n  GET / HTTP/1.1..Host: 10.0.0.7..Server: x....\n", "http")
    assert "http.status" not in request_only


def test_hostile_second_wave_readers() -> None:
    texts = [
        "<= Recv header, 5 bytes (0x5)\n" + "0000: HTTP/1.1 200 OK\n" * 30000,
        ("<= Recv header, 16 bytes (0x10)\n0000: " + "41 " * 16 + "A" * 16 + "\n") * 5000,
        '<script id="http-headers" output="' + "&#xa;  A: b" * 30000 + '"/><port portid="1">',
        '<service product="' + "x" * 70000 + '" portid="1">' * 50,
        ("T 10.0.0.7:80 -> 10.0.0.2:1 [AP] #1\n  HTTP/1.1 200 OK" + "..A: b" * 5000 + "\n") * 20,
        "T 1.1.1.1:1 -> 2.2.2.2:2\n" * 30000,
        '"' + "\\x41" * 300000 + '"',
        ('"' + "\\x41" * 16 + '" \\\n') * 20000,
        "char packet_bytes[] = {\n" + "  0x41, 0x42,\n" * 40000 + "};\n",
        "ab" * 200000,
        "0x41, " * 100000 + "[] = {",
        "[2023-11-16T10:00:01Z INFO  neolink] a: Model " + "x" * 100000 + "\n",
        " << 200 OK 5b\n" + "    A: b\n" * 30000,
        "char peer1_0[] = { /* Packet 1 */\n" + "0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,\n" * 40000,
        "peers:\npackets:\n" + "  - packet: 1\n    peer: 1\n    data: !!binary |\n      QUFB\n" * 20000,
    ]
    for text in texts:
        start = time.process_time()
        got = _f(text, "http")
        assert time.process_time() - start < 5.0
        assert not any(v.startswith("parser error") for vs in got.values() for v in vs)


# ------------------------------------------------------------------ neolink (src/common/neocam.rs, src/main.rs)

NEOLINK_LOG = (
    "[2023-11-16T10:00:00Z INFO  neolink::rtsp] garage: Connecting to camera at Address: 192.168.1.20:9000\n"
    "[2023-11-16T10:00:01Z INFO  neolink::common::neocam] garage: Connected and logged in\n"
    "[2023-11-16T10:00:01Z INFO  neolink::common::neocam] garage: Model RLC-410W\n"
    "[2023-11-16T10:00:01Z INFO  neolink::common::neocam] garage: Firmware Version v3.0.0.136_20121102\n"
)


def test_neolink_model_and_firmware(db: SignatureDB) -> None:
    got = _f(NEOLINK_LOG)
    assert got["other.kv.Model"] == ["RLC-410W"]
    assert got["other.kv.FirmwareVersion"] == ["v3.0.0.136_20121102"]
    dev = _ident(db, NEOLINK_LOG)
    assert (dev.vendor, dev.model, dev.firmware) == ("Reolink", "RLC-410W", "v3.0.0.136_20121102")
    old: dict[str, list[str]] = {}
    neolink_fields(old, "other", "[2021-01-10T10:00:01Z INFO  neolink] Driveway: Camera reports firmware version 1029_16061700\n")
    assert old == {"other.kv.FirmwareVersion": ["1029_16061700"]}


def test_neolink_counter_examples() -> None:
    several: dict[str, list[str]] = {}
    neolink_fields(several, "other", NEOLINK_LOG + "[2023-11-16T10:00:02Z INFO  neolink::common::neocam] porch: Model E1 Zoom\n")
    assert several == {}  # two cameras' reports
    bare: dict[str, list[str]] = {}
    neolink_fields(bare, "other", "Note: Model X\n")  # no logger head, no firmware line beside it
    assert bare == {}
    undeclared: dict[str, list[str]] = {}
    neolink_fields(undeclared, "other", "[2023-11-16T10:00:01Z INFO  neolink::common::neocam] cam: Model Undeclared\n")
    assert undeclared == {}


# ------------------------------------------------------------------ mitmdump (mitmproxy/addons/dumper.py)

MITMDUMP = (
    "[10:00:00.123][127.0.0.1:59519] client connect\n"
    "127.0.0.1:59519: GET http://10.0.0.7/ISAPI/System/deviceInfo\n"
    "    Host: 10.0.0.7\n"
    "    User-Agent: python-requests/2.31.0\n"
    " << 401 Unauthorized 133b\n"
    "    Date: Mon, 07 Dec 2026 10:00:00 GMT\n"
    "    Server: App-webs/\n"
    "    Content-Length: 133\n"
    '    WWW-Authenticate: Digest qop="auth", realm="IP Camera(C6126)", nonce="4e5749"\n'
)


def test_mitmdump_answer_headers(db: SignatureDB) -> None:
    got = _f(MITMDUMP, "http")
    assert got["http.status"] == ["401"]
    assert got["http.header.server"] == ["App-webs/"]
    assert "http.header.user-agent" not in got and "http.header.host" not in got
    assert _ident(db, MITMDUMP, "http").vendor == "Hikvision"
    h2: dict[str, list[str]] = {}
    mitmdump_fields(h2, "[replay] << HTTP/2.0 200 OK 1.2k\n    server: nginx\n    content-type: text/html\n")
    assert h2["http.header.server"] == ["nginx"] and h2["http.status"] == ["200"]


def test_mitmdump_counter_examples() -> None:
    for text in (
        "127.0.0.1:59519: GET http://10.0.0.7/\n              << 200 OK 5.1k\n",  # --flow-detail 1: no headers
        "x << 200 OK 5b\n    Server: y\n",  # not mitmdump's line
        "a << b\n    Server: y\n",
    ):
        got: dict[str, list[str]] = {}
        mitmdump_fields(got, text)
        assert got == {}, text


# ------------------------------------------------------------------ Wireshark's "Copy Bytes as ..." forms (netscan/parsers/unwrap.py)

_ANSWER = (b"RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nServer: Hipcam RealServer/V1.0\r\n"
           b'WWW-Authenticate: Digest realm="Hipcam RealServer/V1.0", nonce="3b1c9a8e"\r\n\r\n')


def _escaped_string(data: bytes) -> str:
    # ByteViewTab::copyEscapedString: a quote, \xNN escapes, '" \' and a new line every sixteen bytes
    out = '"'
    for i, b in enumerate(data):
        if i % 16 == 0 and i != 0 and i != len(data) - 1:
            out += '" \\\n"'
        out += f"\\x{b:02x}"
    return out + '"\n'


def _c_array(data: bytes, head: str = "char packet_bytes[] = {", close: str = "};") -> str:
    rows = [", ".join(f"0x{b:02x}" for b in data[i : i + 8]) for i in range(0, len(data), 8)]
    return head + "\n" + ",\n".join("  " + r for r in rows) + "\n" + close + "\n"


def test_wireshark_byte_literals() -> None:
    frame = bytes.fromhex("020000000002020000000001080045000094000100004006664a0a0000070a000002022ac35000000001000000015018ffff00000000")
    for text in (_escaped_string(_ANSWER), _c_array(_ANSWER), _c_array(_ANSWER, "let packet_bytes: [u8; _] = [", "];"),
                 _ANSWER.hex(), (frame + _ANSWER).hex(), _c_array(frame + _ANSWER)):
        got = _f(text, "rtsp")
        assert got.get("rtsp.header.server") == ["Hipcam RealServer/V1.0"], text[:60]
        assert got["rtsp.status"] == ["401"]


def test_wireshark_byte_literal_counter_examples() -> None:
    sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert _f(sha, "http").get("http.value") == [sha]  # a hash is a hex token too: left as it is
    assert unwrap(sha) is None
    binary = bytes(range(256))
    assert unwrap(binary.hex()) is None  # a binary hex stream: not decoded (a key, a hash, a serial)
    assert unwrap(_c_array(binary)) == "b64:" + base64.b64encode(binary).decode()  # spelled-out bytes of a binary packet
    assert unwrap(_escaped_string(binary)) == "b64:" + base64.b64encode(binary).decode()
    # C source with other items (a struct, comments) is no copied packet
    src = "char packet_bytes[] = {\n  0x48, 0x54, /* H T */\n  0x54, 0x50\n};\n"
    assert "other.status" not in _f(src)


# ------------------------------------------------------------------ Wireshark's "Follow Stream" saved (ui/qt/follow_stream_dialog.cpp)

_REQUEST = b"DESCRIBE rtsp://10.0.0.7:554/11 RTSP/1.0\r\nCSeq: 2\r\nUser-Agent: LibVLC/3.0.18\r\n\r\n"


def _follow_array(name: str, packet: int, data: bytes) -> str:
    rows = [", ".join(f"0x{b:02x}" for b in data[i : i + 8]) for i in range(0, len(data), 8)]
    return f"char {name}[] = {{ /* Packet {packet} */\n" + ",\n".join(rows) + " };\n"


def _follow_yaml(packets: list[tuple[int, bytes]]) -> str:
    out = "peers:\n  - peer: 0\n    host: 10.0.0.2\n    port: 50000\n  - peer: 1\n    host: 10.0.0.7\n    port: 554\npackets:\n"
    for n, (peer, data) in enumerate(packets):
        enc = base64.b64encode(data).decode()
        out += (f"  - packet: {n + 4}\n    peer: {peer}\n    index: {n}\n    timestamp: 1700000001.{n:09d}\n    data: !!binary |\n"
                + "".join(f"      {enc[i : i + 76]}\n" for i in range(0, len(enc), 76)))
    return out


def test_follow_stream_server_side_only() -> None:
    arrays = _follow_array("peer0_0", 4, _REQUEST) + _follow_array("peer1_0", 6, _ANSWER)
    yaml = _follow_yaml([(0, _REQUEST), (1, _ANSWER)])
    for text in (arrays, yaml):
        assert unwrap(text) == _ANSWER.decode()
        got = _f(text, "rtsp")
        assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
        assert "rtsp.header.user-agent" not in got


def test_follow_stream_counter_examples() -> None:
    assert unwrap(_follow_array("peer0_0", 4, _REQUEST)) is None  # the client's bytes only
    mixed = _follow_array("peer1_0", 6, _ANSWER) + "int main(void) { return 0; }\n"
    assert unwrap(mixed) is None  # C source around the arrays
    assert unwrap("peers:\n  - peer: 0\n    host: a\npackets:\n  - packet: 1\n    peer: 1\n    data: !!binary |\n      !!!\n") is None


# ------------------------------------------------------------------ a message kept as string literals in source code (unwrap.py)

TS_MOCK = (
    "export const DESCRIBE_401 =\n"
    "    'RTSP/1.0 401 Unauthorized\\r\\n' +\n"
    "    'CSeq: 2\\r\\n' +\n"
    "    'Server: Hipcam RealServer/V1.0\\r\\n' +\n"
    "    'WWW-Authenticate: Digest realm=\"Hipcam RealServer/V1.0\", nonce=\"3b1c9a8e\"\\r\\n' +\n"
    "    '\\r\\n';\n"
)
PY_FIXTURE = (
    "RESPONSE = (\n"
    '    b"HTTP/1.1 401 Unauthorized\\r\\n"\n'
    '    b"Server: App-webs/\\r\\n"\n'
    "    b'WWW-Authenticate: Digest realm=\"IP Camera(C6126)\"\\r\\n'\n"
    '    b"\\r\\n"\n'
    ")\n"
)
JAVA_CONST = ('static final String SSDP = "HTTP/1.1 200 OK\\r\\n" +\n'
              '        "SERVER: Linux/3.10, UPnP/1.0, DH-IPC/1.0\\r\\n" +\n'
              '        "ST: upnp:rootdevice\\r\\n\\r\\n";\n')


def test_source_literals_are_read_as_the_message() -> None:
    assert unwrap(TS_MOCK) == _ANSWER.decode()
    got = _f(TS_MOCK, "rtsp")
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
    got2 = _f(PY_FIXTURE, "http")
    assert got2["http.header.server"] == ["App-webs/"] and got2["http.status"] == ["401"]
    got3 = _f(JAVA_CONST, "ssdp")
    assert got3.get("ssdp.header.server") == ["Linux/3.10, UPnP/1.0, DH-IPC/1.0"]


def test_source_literals_counter_examples() -> None:
    assert unwrap('x = "a\\n" +\n    "b\\n"\n') is None  # joined, no message
    assert unwrap("msg = 'HTTP/1.1 200 OK\\r\\n'\n") is None  # one literal
    assert unwrap("print('Server: x\\n')\nprint(foo(bar))\n") is None  # code, not literals only
    assert unwrap('    "HTTP/1.1 200 OK",\n    "Server: x",\n') is None  # a list of lines without line ends


# ------------------------------------------------------------------ a discovery answer in another shape (parsers/__init__.py)

def test_discovery_protocol_fragment_in_another_shape(db: SignatureDB) -> None:
    js = ("deviceDescription: {\n  deviceType: 'urn:schemas-upnp-org:device:MediaRenderer:1',\n"
          "  friendlyName: 'Living room',\n  manufacturer: 'Sony Corporation',\n  modelName: 'KD-55XH9005'\n}\n")
    got = _f(js, "upnp")
    assert got["upnp.unreadable"] == ["no xml"]  # the marker stays
    assert got["upnp.json.manufacturer"] == ["Sony Corporation"]
    assert _f(TS_MOCK.replace("RTSP/1.0 401 Unauthorized", "HTTP/1.1 200 OK"), "ssdp").get("ssdp.header.server") == ["Hipcam RealServer/V1.0"]
    # one line of prose in a discovery record reads nothing more than before
    assert set(_f("no answer", "upnp")) == {"upnp.unreadable"}


# ------------------------------------------------------------------ a HAP accessory database behind a log line's words (keyvals.py)

def test_hap_database_behind_a_log_prefix() -> None:
    db_json = ('{"accessories":[{"aid":1,"services":[{"iid":1,"type":"3E","characteristics":['
               '{"iid":2,"type":"14","format":"bool","perms":["pw"]},'
               '{"iid":3,"type":"20","format":"string","value":"Netatmo","perms":["pr"]},'
               '{"iid":4,"type":"21","format":"string","value":"Smart Video Doorbell","perms":["pr"]},'
               '{"iid":7,"type":"52","format":"string","value":"2.3.1","perms":["pr"]}]},'
               '{"iid":9,"type":"121","characteristics":[]}]},{"aid":2,"services":[{"iid":1,"type":"3E","characteristics":['
               '{"iid":3,"type":"20","format":"string","value":"Other Maker","perms":["pr"]}]}]}]}')
    got = _f("2024-01-01T10:00:00.000Z attributeDatabase: " + db_json + "\n", "other")
    assert got["other.kv.Manufacturer"] == ["Netatmo"]  # the first accessory: the device itself
    assert got["other.kv.FirmwareRevision"] == ["2.3.1"]
    assert "Other Maker" not in got["other.kv.Manufacturer"]
    cut = _f("attributeDatabase: " + db_json[:60] + "\n", "other")
    assert "other.kv.Manufacturer" not in cut
