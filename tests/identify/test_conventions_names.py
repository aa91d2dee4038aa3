"""Conventions of session 7: makers' names where devices write them (new vendor entries of
signatures/vendors/video-makers-conventions.yaml), registered company names cut to the maker's name,
and the URL, SDP, realm and port conventions of the conventions-*.yaml files. Values are written from
the public material the rules cite (never the test split's)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.names import short_company_name


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _onvif_info(manufacturer: str, model: str = "IPC-1") -> Response:
    body = ('<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetDeviceInformationResponse>'
            f"<tds:Manufacturer>{manufacturer}</tds:Manufacturer><tds:Model>{model}</tds:Model>"
            "<tds:FirmwareVersion>V1.0</tds:FirmwareVersion></tds:GetDeviceInformationResponse></s:Body></s:Envelope>")
    return Response("onvif", body, 80, "GetDeviceInformation")


# ------------------------------------------------------------------ registered company names
@pytest.mark.parametrize(("name", "short"), [
    ("Shenzhen Century Xinyang Tech Co., Ltd.", "Century Xinyang"),   # openwrt commit 5d0ccaf (Wodesys WD-R1802U)
    ("Shenzhen Jixiang Tenda Technology Co., Ltd.", "Jixiang Tenda"),
    ("SHENZHEN AONI ELECTRONIC CO., LTD", "AONI"),                     # a webcam's USB manufacturer string
    ("Zhuhai Raysharp Technology Co.,Ltd", "Raysharp"),                  # IEEE registrant of 002363
    ("Foo (Shenzhen) Co., Ltd.", "Foo"),
    ("ACME", "ACME"),
    ("Technology Co., Ltd.", "Technology Co., Ltd."),                  # nothing left: kept as written
    ("Shenzhen Co., Ltd.", "Shenzhen"),
])
def test_a_registered_company_name_is_cut_to_the_makers_name(name: str, short: str) -> None:
    assert short_company_name(name) == short


def test_an_unknown_makers_registered_name_is_answered_by_its_short_name(db: SignatureDB) -> None:
    got = _id(db, _onvif_info("Shenzhen Century Xinyang Tech Co., Ltd."))
    assert got.vendor == "Century Xinyang"


def test_a_registered_name_around_a_known_short_name_names_that_maker(db: SignatureDB) -> None:
    # "TVT" is too short to be searched as a word in free text; cut from its registered name it is the maker
    got = _id(db, _onvif_info("Shenzhen TVT Digital Technology Co.,Ltd."))
    assert got.vendor == "TVT"


def test_a_placeholder_left_after_the_cut_names_nobody(db: SignatureDB) -> None:
    assert _id(db, _onvif_info("Shenzhen IPCAM Technology Co., Ltd.")).vendor is None


# ------------------------------------------------------------------ makers not listed before
@pytest.mark.parametrize(("resp", "maker"), [
    (Response("other", "SNMPv2-MIB::sysDescr.0 = STRING: Sunell IP Camera", 161, "snmpwalk"), "Sunell"),
    (Response("rtsp", "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"Raysharp\", "
                      "nonce=\"0a1b2c\"\r\n\r\n", 554, "DESCRIBE"), "Raysharp"),
    (Response("wsd", '<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
                     'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><e:Body><d:ProbeMatches><d:ProbeMatch>'
                     '<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/KEDACOM '
                     'onvif://www.onvif.org/hardware/IPC2252</d:Scopes></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>',
              3702, "probe"), "Kedacom"),
    (Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 1 1 IN IP4 10.0.0.9\r\n"
                      "s=Dallmeier Stream\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n", 554, "DESCRIBE"),
     "Dallmeier"),
])
def test_a_new_makers_name_where_devices_write_it_names_the_maker(db: SignatureDB, resp: Response, maker: str) -> None:
    assert _id(db, resp).vendor == maker


def test_a_brand_of_a_new_maker_is_the_brand_and_its_builder_the_maker(db: SignatureDB) -> None:
    got = _id(db, Response("wsd", '<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
                                  'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><e:Body><d:ProbeMatches>'
                                  '<d:ProbeMatch><d:Scopes>onvif://www.onvif.org/name/Yoosee</d:Scopes></d:ProbeMatch>'
                                  '</d:ProbeMatches></e:Body></e:Envelope>', 3702, "probe"))
    assert (got.vendor, got.brand) == ("Gwell", "Yoosee")


def test_a_maker_of_more_than_video_types_nothing_by_its_name(db: SignatureDB) -> None:
    got = _id(db, Response("other", "SNMPv2-MIB::sysDescr.0 = STRING: Tenda AC10 router", 161, "snmpwalk"))
    assert got.vendor == "Tenda"
    assert got.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ RTSP URL path conventions
def _describe(content_base: str) -> Response:
    raw = (f"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: {content_base}\r\nContent-Type: application/sdp\r\n\r\n"
           "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=Session\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
           "a=control:trackID=1\r\na=rtpmap:96 H264/90000\r\n")
    return Response("rtsp", raw, 554, "DESCRIBE")


@pytest.mark.parametrize(("url", "maker"), [
    ("rtsp://10.0.0.10:554/user=admin_password=tlJwpbo6_channel=1_stream=0.sdp?real_stream", "Xiongmai"),  # iSpy Sources.xml
    ("rtsp://10.6.3.57:554/user=admin&password=&channel=1&stream=0.sdp?", "Xiongmai"),  # zip11/webpage
    ("rtsp://10.0.0.1:554/chID=1&streamType=main", "TVT"),                       # dannielperez/pytvt
    ("rtsp://10.0.0.12:8554/CH001.sdp", "GeoVision"),                            # iSpy Sources.xml
    ("rtsp://10.0.0.13:554/stream/profile1=r", "Canon"),
    ("rtsp://10.0.0.14:554/snl/live/1/1", "Sunell"),
])
def test_a_makers_rtsp_path_names_its_platform(db: SignatureDB, url: str, maker: str) -> None:
    assert _id(db, _describe(url)).vendor == maker


@pytest.mark.parametrize("url", [
    "rtsp://10.0.0.9:554/live.sdp",        # Vivotek, Brickcom, Infinova, Trendnet, Netgear (Robocam RTSP-Formats.md)
    "rtsp://10.0.0.9:554/tcp/av0_0",       # VStarcam and some 40 other labels (iSpy Sources.xml)
    "rtsp://10.0.0.9:554/onvif1",          # some 38 labels
    "rtsp://10.0.0.9:554/live0.264",
])
def test_a_path_many_labels_serve_names_nobody(db: SignatureDB, url: str) -> None:
    assert _id(db, _describe(url)).vendor is None


# ------------------------------------------------------------------ SDP payload names, media servers, ports
HIK_SDP = ("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n\r\n"
           "v=0\r\no=- 1686826680075169 1686826680075169 IN IP4 192.168.1.100\r\ns=Media Presentation\r\ne=NONE\r\n"
           "b=AS:5050\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
           "m=application 0 RTP/AVP 107\r\na=rtpmap:107 isapi.metadata/90000\r\n")  # evercam/ex_nvr media_track_test.exs


def test_hikvisions_metadata_track_names_hikvision(db: SignatureDB) -> None:
    assert _id(db, Response("rtsp", HIK_SDP, 554, "DESCRIBE")).vendor == "Hikvision"
    onvif_meta = HIK_SDP.replace("isapi.metadata", "vnd.onvif.metadata")
    assert _id(db, Response("rtsp", onvif_meta, 554, "DESCRIBE")).vendor is None


@pytest.mark.parametrize("server", [
    "Wowza Streaming Engine 4.7.7 build20181108145350",   # recog rtsp_servers.xml
    "Flussonic (http://www.flussonic.com/) 20.01",
    "WMServer/9.1.1.3862",
])
def test_a_streaming_server_product_is_a_server_not_a_camera(db: SignatureDB, server: str) -> None:
    raw = f"RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nServer: {server}\r\nWWW-Authenticate: Digest realm=\"Streaming\", nonce=\"1\"\r\n\r\n"
    got = _id(db, Response("rtsp", raw, 554, "OPTIONS"))
    assert got.vendor is None
    assert got.device_type == "server"


@pytest.mark.parametrize(("port", "maker"), [("37777", "Dahua"), ("34567", "Xiongmai")])
def test_a_makers_binary_protocol_port_in_a_port_table_names_the_platform(db: SignatureDB, port: str, maker: str) -> None:
    table = f"Nmap scan report for 10.0.0.5\nPORT      STATE SERVICE\n80/tcp    open  http\n554/tcp   open  rtsp\n{port}/tcp open  unknown\n"
    assert _id(db, Response("other", table, None, "nmap")).vendor == maker


def test_common_ports_name_nobody(db: SignatureDB) -> None:
    table = "Nmap scan report for 10.0.0.5\nPORT     STATE SERVICE\n80/tcp   open  http\n554/tcp  open  rtsp\n8000/tcp open  http-alt\n"
    assert _id(db, Response("other", table, None, "nmap")).vendor is None


# ------------------------------------------------------------------ realm order, API naming
@pytest.mark.parametrize(("raw", "proto", "maker"), [
    # RFC 7616 lets qop come before realm; Hikvision's "IP Camera(<serial tail>)" and Dahua's "Login to <serial>"
    ('RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest qop="auth", realm="IP Camera(C2875)", '
     'nonce="938032d9", stale="FALSE"\r\n\r\n', "rtsp", "Hikvision"),
    ('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest qop="auth", realm="Login to 4E02A7APAZ1234F", nonce="1"\r\n\r\n',
     "http", "Dahua"),
])
def test_a_realm_convention_holds_whatever_the_parameter_order(db: SignatureDB, raw: str, proto: str, maker: str) -> None:
    assert _id(db, Response(proto, raw, 554 if proto == "rtsp" else 80, "DESCRIBE")).vendor == maker


def test_tvts_api_namespace_names_tvt(db: SignatureDB) -> None:
    body = ('<?xml version="1.0" encoding="UTF-8"?><config version="1.0" xmlns="http://www.ipc.com/ver10">'
            "<status>success</status></config>")   # dannielperez/pytvt test_netsdk_client.py
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n{body}"
    assert _id(db, Response("http", raw, 80, "POST /GetDeviceInfo")).vendor == "TVT"


# ------------------------------------------------------------------ paths a client wrote, challenges kept as log lines
@pytest.mark.parametrize(("raw", "maker"), [
    # Frigate's ffmpeg error line (blakeblackshear/frigate#9554): the URL its user configured for the recorder
    ("2024-02-01 05:03:39.619045911  [2024-02-01 10:33:39] ffmpeg.Third.detect ERROR : "
     "rtsp://192.168.1.65:554/ISAPI/Streaming/channels/1101: Server returned 401 Unauthorized (authorization failed)", "Hikvision"),
    # a restreamer's request line in its log (koush/scrypted#344)
    ("[Rebroadcast Plugin]:  OPTIONS rtsp://10.20.0.15:554/ISAPI/Streaming/channels/101/?transportmode=unicast RTSP/1.0\n"
     "[Rebroadcast Plugin]: CSeq: 0\n[Rebroadcast Plugin]:  RTSP/1.0 200 OK\n[Rebroadcast Plugin]: CSeq: 0\n", "Hikvision"),
    ("DESCRIBE rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0 RTSP/1.0\r\nCSeq: 2\r\n", "Dahua"),
])
def test_a_makers_path_in_a_clients_url_names_the_maker(db: SignatureDB, raw: str, maker: str) -> None:
    got = _id(db, Response("rtsp", raw, 554, "client log"))
    assert got.vendor == maker


def test_a_restreamers_own_url_in_a_client_log_names_nobody(db: SignatureDB) -> None:
    raw = "2023-05-01 10:00:00 INF [rtsp] listen addr=:8554\n2023-05-01 10:00:01 INF [streams] rtsp://127.0.0.1:8554/front_door\n"
    assert _id(db, Response("rtsp", raw, 8554, "go2rtc log")).vendor is None


def test_digest_credentials_kept_as_log_lines_echo_the_realm(db: SignatureDB) -> None:
    # go2rtc's trace through Home Assistant's log (AlexxIT/go2rtc#331): only the client's Authorization line
    raw = ("2023-04-06 12:42:14.231 DEBUG (webrtc) [custom_components.webrtc.utils] DESCRIBE rtsp://192.168.1.128:554/ RTSP/1.0\n"
           "2023-04-06 12:42:14.232 DEBUG (webrtc) [custom_components.webrtc.utils] CSeq: 4\n"
           '2023-04-06 12:42:14.232 DEBUG (webrtc) [custom_components.webrtc.utils] Authorization: Digest username="admin", '
           'realm="BC Streaming Media", nonce="bb3a00ecb74d14032862f0c4658acec3", uri="rtsp://192.168.1.128:554/", '
           'response="2a9d069d5a28641ffa4513e0a7cdf1e1"\n')
    assert _id(db, Response("rtsp", raw, 554, "go2rtc trace")).vendor == "Reolink"


@pytest.mark.parametrize(("realm", "maker"), [("Apexis", "Apexis"), ("Jooan", "Jooan"), ("LaView", "LaView")])
def test_a_consumer_camera_brands_name_in_a_realm_names_it(db: SignatureDB, realm: str, maker: str) -> None:
    raw = f'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="{realm}"\r\n\r\n'
    assert _id(db, Response("http", raw, 80, "GET /")).vendor == maker


def test_a_brand_of_a_white_label_maker_counts_towards_its_builder(db: SignatureDB) -> None:
    got = _id(db, _onvif_info("Aokwevision", "AK-HD54F25"))
    assert (got.vendor, got.brand) == ("Hankvision", "Aokwevision")


def test_a_registered_name_resolves_to_the_known_maker_everywhere(db: SignatureDB) -> None:
    raysharp = db.vendor("Zhuhai Raysharp Technology Co.,Ltd")
    assert raysharp is not None and raysharp.name == "Raysharp"
    jooan = db.vendor("SHENZHEN JOOAN TECHNOLOGY CO., LTD")
    assert jooan is not None and jooan.name == "Jooan"
    assert db.vendor("Shenzhen Century Xinyang Tech Co., Ltd.") is None
    assert db.vendor("Technology Co., Ltd.") is None


def test_xiongmais_dvrip_json_envelope_recorded_as_text_names_xiongmai(db: SignatureDB) -> None:
    raw = ('{ "Name" : "SystemInfo", "Ret" : 100, "SessionID" : "0x00000007", '
           '"SystemInfo" : { "AlarmInChannel" : 1, "BuildTime" : "2016-12-20 18:50:36" } }')   # OpenIPC/python-dvr README
    assert _id(db, Response("other", raw, 34567, "DVRIP SystemInfo (log)")).vendor == "Xiongmai"
    look_alike = '{ "id" : 3, "result" : true, "session" : "0x00000007" }'
    assert _id(db, Response("other", look_alike, 5000, "log")).vendor != "Xiongmai"


def test_a_restreamers_loopback_url_with_a_makers_path_names_nobody(db: SignatureDB) -> None:
    raw = "2023-05-01 10:00:01 INF [streams] rtsp://127.0.0.1:8554/Streaming/Channels/101 ready\n"
    assert _id(db, Response("rtsp", raw, 8554, "go2rtc log")).vendor is None


def test_philips_hue_by_its_mdns_instance_and_its_upnp_manufacturer(db: SignatureDB) -> None:
    # the Hue bridge announces _hue._tcp as "Philips Hue - <id>"; its UPnP description names Signify (home-assistant#28265)
    raw = ("_hue._tcp.local. PTR Philips Hue - 685F41._hue._tcp.local.\n"
           'Philips Hue - 685F41._hue._tcp.local. 120 IN TXT "bridgeid=ecb5fafffe685f41" "modelid=BSB002"\n')
    got = _id(db, Response("mdns", raw, 5353))
    assert got.vendor == "Philips"
    assert got.device_type not in VIDEO_TYPES
    desc = ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
            "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><manufacturer>Signify</manufacturer>"
            "<modelDescription>Philips hue Personal Wireless Lighting</modelDescription></device></root>")
    # Signify makes the Hue line; Philips is the name on the box (a licensed label): maker and label both kept
    hue = _id(db, Response("upnp", desc, 80))
    assert hue.vendor == "Signify" and hue.brand == "Philips"
