"""Records of a device's answer that other tools keep (netscan/parsers/toolout.py, docs/observations.md
"Shapes of raw"): a packet dissection printed as text (tshark -V / Wireshark "Copy as Text"), masscan
--banners lines, WhatWeb's brief log, zgrab2 JSON, HAR archives, and one device exported as CSV. The
examples are written here in each tool's documented layout; the guards are a client's request (not
the device's answer), a list of devices, and a page's third-party hosts."""

from __future__ import annotations

import json
import time

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.toolout import csv_row_pairs


def _ident(proto: str, raw: str) -> tuple[str | None, str | None, str | None]:
    i = identify(Observation(None, None, (Response(proto, raw),)))
    return i.vendor, i.model, i.firmware


TSHARK = (
    "Frame 12: 412 bytes on wire (3296 bits)\n"
    "Hypertext Transfer Protocol\n"
    "    HTTP/1.1 401 Unauthorized\\r\\n\n"
    "        [Expert Info (Chat/Sequence): HTTP/1.1 401 Unauthorized\\r\\n]\n"
    "        Response Version: HTTP/1.1\n"
    "        Status Code: 401\n"
    "    Server: Acme-Webs/2.1\\r\\n\n"
    '    WWW-Authenticate: Digest realm="Acme Camera", qop="auth", nonce="abc"\\r\\n\n'
    "    \\r\\n\n"
)


def test_tshark_dissection_answer_is_read_as_the_exchange() -> None:
    f = fields(Response("other", TSHARK))
    assert f["http.status"] == ["401"]
    assert f["http.header.server"] == ["Acme-Webs/2.1"]
    assert f["http.header.www-authenticate"][0].startswith('Digest realm="Acme Camera"')


def test_tshark_dissection_of_a_request_is_not_the_device() -> None:
    request = ("Hypertext Transfer Protocol\n    GET /cgi-bin/x HTTP/1.1\\r\\n\n    User-Agent: Acme-Client/1.0\\r\\n\n"
               "    Server: not-a-server-header\\r\\n\n")
    f = fields(Response("other", request))
    assert "http.header.server" not in f and "http.header.user-agent" not in f


def test_tshark_sdp_items_are_read_as_an_sdp() -> None:
    text = ("Session Description Protocol\n"
            "    Session Description Protocol Version (v): 0\n"
            "    Owner/Creator, Session Id (o): - 1 1 IN IP4 10.0.0.7\n"
            "        Owner Username: -\n"
            "    Session Name (s): QX-9000 Stream\n"
            "    Media Description, name and address (m): video 0 RTP/AVP 96\n")
    f = fields(Response("rtsp", text))
    assert f["rtsp.sdp.session"] == ["QX-9000 Stream"]


def test_masscan_banners() -> None:
    text = ("Discovered open port 80/tcp on 10.0.0.7\n"
            "Banner on port 80/tcp on 10.0.0.7: [http] HTTP/1.1 200 OK\\x0d\\x0aServer: Acme-Webs/2.1\\x0d\\x0a\\x0d\\x0a\n"
            "Banner on port 80/tcp on 10.0.0.7: [title] QX-9000 Web\n")
    f = fields(Response("other", text))
    assert f["http.status"] == ["200"] and f["http.header.server"] == ["Acme-Webs/2.1"] and f["http.title"] == ["QX-9000 Web"]


def test_whatweb_brief_line() -> None:
    text = "http://10.0.0.7 [200 OK] Country[RESERVED][ZZ], HTTPServer[Acme-Webs/2.1], IP[10.0.0.7], Title[QX-9000 Web], X-Powered-By[Acme]"
    f = fields(Response("other", text))
    assert f["http.header.server"] == ["Acme-Webs/2.1"] and f["http.title"] == ["QX-9000 Web"]
    assert f["http.header.x-powered-by"] == ["Acme"]


def test_zgrab2_record() -> None:
    rec = {"ip": "10.0.0.7", "data": {"http": {"status": "success", "protocol": "http", "result": {"response": {
        "status_line": "200 OK", "status_code": 200, "protocol": {"name": "HTTP/1.1"},
        "headers": {"server": ["Acme-Webs/2.1"], "content_type": ["application/json"],
                    "unknown": [{"key": "X-Acme-Model", "value": ["QX-9000"]}]},
        "body": '{"model": "QX-9000", "firmwareVersion": "2.1.3"}'}}}}}
    f = fields(Response("other", json.dumps(rec)))
    assert f["http.header.server"] == ["Acme-Webs/2.1"] and f["http.header.x-acme-model"] == ["QX-9000"]
    assert _ident("other", json.dumps(rec))[1:] == ("QX-9000", "2.1.3")


def test_har_archive_reads_the_first_hosts_answers_only() -> None:
    def entry(url: str, server: str, text: str) -> dict[str, object]:
        return {"request": {"method": "GET", "url": url},
                "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                             "headers": [{"name": "Server", "value": server}],
                             "content": {"mimeType": "application/xml", "text": text}}}
    har = {"log": {"version": "1.2", "entries": [
        entry("http://10.0.0.7/cgi/deviceInfo", "Acme-Webs/2.1", "<DeviceInfo><model>QX-9000</model><firmwareVersion>2.1.3</firmwareVersion></DeviceInfo>"),
        entry("https://cdn.example.net/lib.js", "cdn-server", "<x/>")]}}
    f = fields(Response("other", json.dumps(har)))
    assert f["http.header.server"] == ["Acme-Webs/2.1"]
    assert _ident("other", json.dumps(har))[1:] == ("QX-9000", "2.1.3")


def test_csv_export_of_one_device() -> None:
    text = ("ID,Device Type,Status,IPv4 Address,Port,Software Version,Device Serial No.\n"
            "001,QX-9000,Active,192.168.1.64,8000,V2.1.3 build 230101,QX-900020230101AB\n")
    assert ("DeviceType", "QX-9000") not in csv_row_pairs(text)  # names as written; the field name is normalised
    assert ("Device Type", "QX-9000") in csv_row_pairs(text)
    f = fields(Response("other", text))
    assert f["other.kv.DeviceType"] == ["QX-9000"] and f["other.kv.SoftwareVersion"] == ["V2.1.3 build 230101"]
    assert _ident("other", text)[2] == "V2.1.3 build 230101"


def test_csv_export_of_several_devices_is_a_list() -> None:
    text = "ID,Device Type,Software Version\n1,QX-1,V1.0.0\n2,QX-2,V1.0.1\n"
    assert csv_row_pairs(text) == []
    assert _ident("other", text) == (None, None, None)
    assert csv_row_pairs("a sentence, with commas, and no header\nanother one, here, too\n") == []


def test_records_readers_cost_linear_time_on_hostile_text() -> None:
    texts = ["Hypertext Transfer Protocol\n" + "    HTTP/1.1 200 OK\\r\\n\n" * 5000,
             "Banner on port 80/tcp on 1.2.3.4: [http] HTTP/1.1 200 OK" + "\\x0d\\x0a" * 5000,
             "http://a [200 OK] " + "X[" * 20000, '{"log": {"entries": [' + "{}," * 20000 + "{}]}}",
             ",".join(["a"] * 30000) + "\n" + ",".join(["b"] * 30000)]
    for text in texts:
        start = time.perf_counter()
        fields(Response("other", text))
        # a guard against super-linear (backtracking) readers, not a speed figure: quadratic work on these
        # 30,000-character texts takes minutes; 10 s leaves room for a loaded shared machine
        assert time.perf_counter() - start < 10.0


def test_metasploit_console_lines_are_log_lines() -> None:
    # rex/ui/text/output.rb marks ([*] [+] [-] [!]) and a module's "rhost:rport - " peer prefix
    text = ("[*] 10.0.0.7:80 - Requesting device information\n[+] 10.0.0.7:80 - Model: QX-9000\n"
            "[+] 10.0.0.7:80 - Firmware Version: 2.1.3\n[*] Scanned 1 of 1 hosts (100% complete)\n")
    f = fields(Response("other", text))
    assert f["other.kv.Model"] == ["QX-9000"] and f["other.kv.FirmwareVersion"] == ["2.1.3"]
    assert _ident("other", text)[1:] == ("QX-9000", "2.1.3")


def test_neighbour_listing_of_one_host_gives_its_mac() -> None:
    from netscan.parsers.toolout import neighbour_macs

    arp_scan = ("Interface: eth0, type: EN10MB, MAC: 00:0c:29:aa:bb:cc, IPv4: 192.168.1.10\n"
                "192.168.1.64\t00:40:8c:12:34:56\tAxis Communications AB\n\n1 packets received by filter\n")
    assert neighbour_macs(arp_scan) == ["00:40:8c:12:34:56"]  # the host's, not the scanner's own interface
    assert fields(Response("other", arp_scan))["other.kv.mac"] == ["00:40:8c:12:34:56"]
    assert neighbour_macs("? (192.168.1.64) at 00:40:8c:12:34:56 [ether] on eth0\n") == ["00:40:8c:12:34:56"]
    assert neighbour_macs("192.168.1.64 dev eth0 lladdr 00:40:8c:12:34:56 REACHABLE\n") == ["00:40:8c:12:34:56"]
    two = "192.168.1.64 dev eth0 lladdr 00:40:8c:12:34:56 REACHABLE\n192.168.1.65 dev eth0 lladdr 44:19:b6:12:34:56 STALE\n"
    assert neighbour_macs(two) == []  # a network's listing


def test_headers_printed_as_a_dictionary() -> None:
    for text in ("DEBUG headers: {'Date': 'Mon, 01 Jan 2024', 'Server': 'Acme-Webs/2.1', 'Content-Type': 'text/html'}",
                 "<CIMultiDictProxy('Server': 'Acme-Webs/2.1', 'Content-Length': '0')>",
                 'Headers({"server": "Acme-Webs/2.1", "content-type": "text/html"})'):
        f = fields(Response("other", text))
        assert f["http.header.server"] == ["Acme-Webs/2.1"], text
    rtsp = "{'CSeq': '2', 'Server': 'Acme Streaming/1.0', 'Public': 'OPTIONS, DESCRIBE'}"
    assert fields(Response("other", rtsp))["rtsp.header.server"] == ["Acme Streaming/1.0"]
    # a device's own JSON with a "server" member (an NTP setting) is no header print
    assert "http.header.server" not in fields(Response("http", '{"server": "pool.ntp.org", "port": 123}'))
