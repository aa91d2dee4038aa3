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
from netscan.parsers.wirerec import (
    burp_fields,
    curl_trace_fields,
    js_header_fields,
    kasa_repr_fields,
    masscan_list_fields,
    mitmdump_fields,
    neolink_fields,
    ngrep_fields,
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
    got: dict[str, list[str]] = {}
    ngrep_fields(got, NGREP_FORMATTED)
    assert got["rtsp.status"] == ["401"]
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]  # the request's "Server" is the client's
    assert got["rtsp.header.www-authenticate"] == ['Digest realm="Hipcam RealServer/V1.0", nonce="3b1c9a8e"']
    byline = ("T 2026/12/07 10:00:00.000001 10.0.0.7:80 -> 10.0.0.2:50001 [AP] #2\n"
              "HTTP/1.1 401 Unauthorized.\nServer: App-webs/.\nWWW-Authenticate: Digest realm=\"IP Camera(C6126)\".\n.\n")
    got2 = _f(byline, "http")
    assert got2["http.header.server"] == ["App-webs/"]


def test_ngrep_two_answering_hosts_first_only() -> None:
    text = (NGREP_FORMATTED + "#\nT 192.168.1.11:554 -> 192.168.1.2:50001 [AP] #9\n"
            "  RTSP/1.0 200 OK..CSeq: 1..Server: GStreamer RTSP server....\n")
    got: dict[str, list[str]] = {}
    ngrep_fields(got, text)
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
    none: dict[str, list[str]] = {}
    ngrep_fields(none, "T 10.0.0.2:1 -> 10.0.0.7:80 [AP] #1\n  GET / HTTP/1.1..Host: 10.0.0.7....\n")
    assert none == {}


def test_hostile_second_wave_readers() -> None:
    texts = [
        "<= Recv header, 5 bytes (0x5)\n" + "0000: HTTP/1.1 200 OK\n" * 30000,
        ("<= Recv header, 16 bytes (0x10)\n0000: " + "41 " * 16 + "A" * 16 + "\n") * 5000,
        '<script id="http-headers" output="' + "&#xa;  A: b" * 30000 + '"/><port portid="1">',
        '<service product="' + "x" * 70000 + '" portid="1">' * 50,
        ("T 10.0.0.7:80 -> 10.0.0.2:1 [AP] #1\n  HTTP/1.1 200 OK" + "..A: b" * 5000 + "\n") * 20,
        "T 1.1.1.1:1 -> 2.2.2.2:2\n" * 30000,
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
