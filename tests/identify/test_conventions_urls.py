"""HTTP API path conventions (signatures/fingerprints/conventions-urls.yaml) read from the URLs a client
used (netscan/parsers/http.py ``http_client_urls``), and the client-side text a log keeps before an
answer (its request URL, its echoed realm). Values are written here after the public material the rules
cite (never the test split's)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _log(line: str, request: str = "GET / (client log)") -> Response:
    return Response("http", line, 80, request)


@pytest.mark.parametrize(("url", "maker"), [
    ("http://192.168.1.64/ISAPI/System/deviceInfo", "Hikvision"),
    ("http://192.168.1.64/ISAPI/Event/notification/alertStream", "Hikvision"),
    ("http://192.168.1.108/cgi-bin/magicBox.cgi?action=getSystemInfo", "Dahua"),
    ("http://192.168.1.108/cgi-bin/eventManager.cgi?action=attach&codes=[All]", "Dahua"),
    ("http://10.0.0.7/axis-cgi/param.cgi?action=list&group=Brand", "Axis"),
    ("http://10.0.0.7/vapix/services", "Axis"),
    ("https://10.0.0.8/stw-cgi/system.cgi?msubmenu=deviceinfo&action=view", "Hanwha Vision"),
    ("http://10.0.0.9/LAPI/V1.0/Channels/0/Media/Video/Streams/DetailInfos", "Uniview"),
    ("https://10.0.0.10/rcp.xml?command=0x0a1a&type=P_OCTET&direction=READ", "Bosch"),
    ("http://10.0.0.11:88/cgi-bin/CGIProxy.fcgi?cmd=getDevState", "Foscam"),
    ("http://10.0.0.12/cgi-bin/api.cgi?cmd=GetAbility&token=x", "Reolink"),
    ("http://10.0.0.13/cgi-bin/anonymous/getparam.cgi?system_hostname", "Vivotek"),
    ("http://10.0.0.14/cgi-bin/admin/admin.cgi?action=get.system.information", "Milesight"),
    ("http://192.168.1.64/doc/page/login.asp?_1700000000000", "Hikvision"),
    ("http://192.168.1.64/PSIA/Custom/SelfExt/userCheck", "Hikvision"),
    ("http://10.0.0.15/control/userimage.html", "Mobotix"),
    ("https://10.0.0.16/stok=3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c/ds", "TP-Link"),
    ("https://10.0.0.1/proxy/protect/api/cameras", "Ubiquiti"),
])
def test_a_makers_api_root_in_a_clients_log_names_the_maker_and_no_type(db: SignatureDB, url: str, maker: str) -> None:
    got = _id(db, _log(f"2024-01-02 10:11:12 ERROR [client] request failed: 401 Unauthorized for url '{url}'"))
    assert got.vendor == maker
    # the maker's other products serve the same API (a Hikvision alarm panel answers ISAPI): no type from it
    assert got.device_type == "unknown"


def test_a_request_line_in_a_log_is_read(db: SignatureDB) -> None:
    raw = "DEBUG send: GET /stw-cgi/system.cgi?msubmenu=deviceinfo&action=view HTTP/1.1\nDEBUG reply: timed out\n"
    assert "/stw-cgi/system.cgi?msubmenu=deviceinfo&action=view" in fields(_log(raw)).get("http.client-url", [])
    assert _id(db, _log(raw)).vendor == "Hanwha Vision"


def test_a_curl_transcript_names_the_maker_by_the_path_it_asked(db: SignatureDB) -> None:
    raw = "> GET /axis-cgi/motion/motiondata.cgi HTTP/1.1\n> Host: 10.0.0.7\n>\n< HTTP/1.0 204 No Content\n"
    assert _id(db, Response("http", raw, 80, "GET /axis-cgi/motion/motiondata.cgi")).vendor == "Axis"


@pytest.mark.parametrize("raw", [
    "2024-01-02 10:11:12 WARNING GET http://10.0.0.5/ISAPI/System/deviceInfo -> 404 Not Found",
    "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: http://10.0.0.5/cgi-bin/magicBox.cgi?action=getSystemInfo",
])
def test_a_path_the_device_did_not_have_names_nobody(db: SignatureDB, raw: str) -> None:
    assert _id(db, _log(raw)).vendor is None


def test_netscans_own_request_on_a_catch_all_server_names_nobody(db: SignatureDB) -> None:
    # netscan asks a maker's paths only once it named the maker; a catch-all answers every path alike
    for raw in ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nok\r\n",
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"Login\"\r\n\r\n"):
        got = _id(db, Response("http", raw, 80, "GET /ISAPI/System/deviceInfo"))
        assert got.vendor is None
        assert "http.client-url" not in fields(Response("http", raw, 80, "GET /ISAPI/System/deviceInfo"))


@pytest.mark.parametrize("url", [
    "http://192.168.1.5:5000/webapi/entry.cgi?api=SYNO.SurveillanceStation.Camera&method=List&version=9",
    "http://192.168.1.20/zm/cgi-bin/nph-zms?mode=jpeg&monitor=1",
    "http://192.168.1.2:1984/api/stream.mp4?src=axis_front",
    "http://192.168.1.3:5000/api/front_door/latest.jpg",
    "http://192.168.1.4:9997/v3/paths/list",
    "http://192.168.1.6:81/image/frontcam?q=50",
])
def test_media_servers_and_nvr_software_apis_name_no_camera_maker(db: SignatureDB, url: str) -> None:
    # Synology Surveillance Station, ZoneMinder, go2rtc, Frigate, mediamtx, Blue Iris: their own API roots
    got = _id(db, _log(f"GET {url} 200"))
    assert got.vendor is None
    assert got.device_type == "unknown"


def test_a_live555_client_log_keeps_the_realm_it_echoed(db: SignatureDB) -> None:
    # openRTSP / testRTSPClient verbose output: the client's request (with its Digest Authorization,
    # which copies the server's realm, RFC 7616) is printed before the answer's status line
    raw = ('Sending request: DESCRIBE rtsp://admin:*****@10.0.0.20/stream1 RTSP/1.0\nCSeq: 3\n'
           'Authorization: Digest username="admin", realm="TP-LINK IP-Camera", nonce="0123", uri="rtsp://10.0.0.20/stream1", '
           'response="abcd"\nUser-Agent: LIVE555 Streaming Media v2023.11.30\n\n\n'
           'Received a complete DESCRIBE response:\nRTSP/1.0 401 Unauthorized\n')
    f = fields(Response("rtsp", raw, 554, "DESCRIBE"))
    assert 'Digest realm="TP-LINK IP-Camera"' in f["rtsp.header.www-authenticate"]
    assert _id(db, Response("rtsp", raw, 554, "DESCRIBE")).vendor == "TP-Link"


def test_the_request_url_of_another_tools_record_is_a_client_url(db: SignatureDB) -> None:
    log = "[client] RTSP/1.0 401 Unauthorized\n[client] CSeq: 1\n"
    req = "OPTIONS rtsp://10.0.0.30:554/cam/realmonitor?channel=1&subtype=1 RTSP/1.0"
    got = fields(Response("rtsp", log, 554, req))
    assert "rtsp://10.0.0.30:554/cam/realmonitor?channel=1&subtype=1" in got["rtsp.client-url"]
    # an answer recorded whole keeps its request out (tests/identify/test_conventions.py)
    whole = fields(Response("rtsp", "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n", 554, req))
    assert "rtsp.client-url" not in whole


def _challenge(proto: str, value: str) -> Response:
    head = "HTTP/1.1" if proto == "http" else "RTSP/1.0"
    return Response(proto, f"{head} 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: {value}\r\n\r\n", 80 if proto == "http" else 554, "GET /")


@pytest.mark.parametrize("proto", ["http", "rtsp"])
@pytest.mark.parametrize("realm", ["Login to 2J01018PAA00813", "Login to 11839e10161ff4ebab8e3260b8779f14", "Login to XXXXXXXXXXXX"])
def test_dahuas_login_to_realm_holds_whatever_token_it_carries(db: SignatureDB, proto: str, realm: str) -> None:
    # a serial, a per-device hash on newer firmware, or the publisher's mask
    assert _id(db, _challenge(proto, f'Digest realm="{realm}", nonce="abc"')).vendor == "Dahua"


@pytest.mark.parametrize("value", ['Basic realm="Login to XIMS"', 'Digest realm="Login to the web interface", nonce="abc"'])
def test_a_login_to_realm_of_a_web_application_names_nobody(db: SignatureDB, value: str) -> None:
    assert _id(db, _challenge("http", value)).vendor is None


@pytest.mark.parametrize("url", ["rtsp://160.10.0.1/?inst=2", "rtsp://160.10.0.1/?line=1&inst=1&h26x=4", "rtsp://160.10.0.1/rtsp_tunnel?inst=1"])
def test_boschs_stream_parameters_on_the_root_path_name_bosch(db: SignatureDB, url: str) -> None:
    raw = f"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: {url}\r\n\r\n"
    assert _id(db, Response("rtsp", raw, 554, "DESCRIBE rtsp://160.10.0.1/")).vendor == "Bosch"


def test_other_root_path_queries_name_nobody(db: SignatureDB) -> None:
    raw = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://10.0.0.2/?token=1&channel=2\r\n\r\n"
    assert _id(db, Response("rtsp", raw, 554, "DESCRIBE rtsp://10.0.0.2/")).vendor is None


def test_the_links_of_a_page_recorded_whole_are_not_client_urls(db: SignatureDB) -> None:
    # an NVR program's page listing its cameras' URLs: the links point at other devices
    page = ('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><a href="http://192.168.1.64/ISAPI/Streaming/channels/101/picture">'
            'front</a> <a href="http://192.168.1.108/cgi-bin/snapshot.cgi">back</a></body></html>')
    assert "http.client-url" not in fields(Response("http", page, 80, "GET /cameras"))
    assert _id(db, Response("http", page, 80, "GET /cameras")).vendor is None


def test_boschs_rcp_answer_names_bosch(db: SignatureDB) -> None:
    body = ("<rcp><command><hex>0x0a1a</hex><dec>2586</dec></command><type>P_OCTET</type><direction>READ</direction>"
            "<num>1</num><idstring></idstring><payload></payload><result><hex>0x00</hex></result></rcp>")
    for raw in (body, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n" + body):
        assert _id(db, Response("http", raw, 80, "GET /rcp.xml?command=0x0a1a&type=P_OCTET&direction=READ")).vendor == "Bosch"


def test_an_rcp_root_without_bosch_s_direction_names_nobody(db: SignatureDB) -> None:
    body = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<rcp><command><hex>0x0a1a</hex></command><status>ok</status></rcp>"
    assert _id(db, Response("http", body, 80, "GET /")).vendor is None


# ------------------------------------------------------------------ binary headers (conventions-binary.yaml)
def _b64(data: bytes, port: int) -> Response:
    import base64

    return Response("other", "b64:" + base64.b64encode(data).decode(), port, "banner")


@pytest.mark.parametrize(("data", "port", "maker"), [
    # neolink src/bc/model.rs: magic 0x0abcdef0, message id 1 (login), body length, encryption offset
    (bytes.fromhex("f0debc0a01000000a8000000000000000000dd12") + b"<?xml", 9000, "Reolink"),
    # a DHIP answer: length 0x20, "DHIP", session, request id, lengths, then JSON
    (bytes.fromhex("200000004448495000000000010000002a000000000000002a00000000000000") + b'{"id":1,"result":true}', 5000, "Dahua"),
    # a DVRIP answer: 0xff, version 1, session, sequence, message id 1001 (login reply), length, JSON
    (bytes.fromhex("ff010000" "11000000" "00000000" "0000" "e903" "0f000000") + b'{ "Ret" : 100 }', 34567, "Xiongmai"),
])
def test_a_private_protocols_header_names_its_platform(db: SignatureDB, data: bytes, port: int, maker: str) -> None:
    assert _id(db, _b64(data, port)).vendor == maker


@pytest.mark.parametrize("data", [
    bytes.fromhex("f0debc"),                                  # the magic cut short
    bytes.fromhex("ff01000011000000") + b"\x00" * 12,         # an 0xff 0x01 run without a DVRIP body
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 32,  # a TLS ClientHello
])
def test_other_binary_answers_name_nobody(db: SignatureDB, data: bytes) -> None:
    assert _id(db, _b64(data, 9000)).vendor is None


def test_axis_api_discovery_ids_name_axis(db: SignatureDB) -> None:
    # Kane610/axis models/api_discovery.py: the ids Axis firmware registers
    body = ('{"apiVersion":"1.0","context":"c","method":"getApiList","data":{"apiList":['
            '{"id":"basic-device-info","version":"1.1","name":"Basic Device Information"},'
            '{"id":"ntp","version":"1.4","name":"NTP"}]}}')
    assert _id(db, Response("http", body, 80, "POST /axis-cgi/apidiscovery.cgi")).vendor == "Axis"
    # generic service ids of the same list name nobody
    other = '{"data":{"apiList":[{"id":"ntp","version":"1.0"},{"id":"ssh","version":"1.0"},{"id":"upnp","version":"1.0"}]}}'
    assert _id(db, Response("http", other, 80, "GET /")).vendor is None


def test_a_request_described_in_words_gives_no_client_url(db: SignatureDB) -> None:
    assert "http.client-url" not in fields(Response("http", '{"a": 1}', 80, "Axis API discovery list (diagnostics)"))


def test_a_request_for_a_whole_url_is_a_client_url(db: SignatureDB) -> None:
    got = fields(Response("http", "  < HTTP/1.1 401 Unauthorized", 80, "GET http://192.168.1.64/ISAPI/System/deviceInfo"))
    assert "http://192.168.1.64/ISAPI/System/deviceInfo" in got["http.client-url"]
