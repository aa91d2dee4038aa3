"""Maker knowledge that is not a model number (signatures/fingerprints/conventions-*.yaml and the
per-vendor files): product types written after a model, software stacks that name no device maker,
API/URL, realm and SDP conventions. Values are the public material the rules cite (never the test
split's)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _snmp(descr: str) -> Response:
    return Response("other", f"SNMPv2-MIB::sysDescr.0 = STRING: {descr}", 161, "snmpwalk")


# ------------------------------------------------------------------ Axis product lines
@pytest.mark.parametrize("descr", [
    "AXIS 1650 Network Print Server",          # 1xxx: print servers (www.axis.com/products/axis-1650)
    "AXIS 640 Network Print Server",
    "AXIS 5600+ Network Print Server V7.10.2 Jan 30 2007",
    "AXIS 70U Network Document Server,Version: 1.08",  # recog snmp_sysdescr.xml
    "AXIS 700 Network Scan Server",
])
def test_axis_print_and_document_servers_are_printers_not_cameras(db: SignatureDB, descr: str) -> None:
    got = _id(db, _snmp(descr))
    assert got.vendor == "Axis"
    assert got.device_type == "printer"


@pytest.mark.parametrize(("banner", "kind"), [
    ("220 AXIS Q7401 Video Encoder 5.20.3 (Oct 12 2011) ready.", "encoder"),   # zmap/ztag FtpAxis.py
    ("220 AXIS M7001 Video Encoder 5.02 (Feb 10 2009) ready.", "encoder"),
    ("220 AXIS A1001 Network Door Controller 1.65.1.1 (2018) ready.", "other"),  # recog ftp_banners.xml
    ("220 AXIS 2100 Network Camera 2.43 Nov 08 2004 ready.", "camera"),
    ("220 AXIS P3344 Fixed Dome Network Camera 5.20 (Sep 21 2010) ready.", "camera"),
])
def test_axis_product_type_after_the_model_says_what_the_device_is(db: SignatureDB, banner: str, kind: str) -> None:
    got = _id(db, Response("other", banner, 21, "banner"))
    assert (got.vendor, got.device_type) == ("Axis", kind)


# ------------------------------------------------------------------ software stacks name no maker
MINIDLNA_ROOT = ("<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
                 "<deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType><friendlyName>media</friendlyName>"
                 "<manufacturer>Justin Maggard</manufacturer><modelName>Windows Media Connect compatible (MiniDLNA)</modelName>"
                 "</device></root>")
# gst-rtsp-server's DESCRIBE answer (rtsp-client.c): the same on an AXIS OS camera and on a Linux PC
GST_DESCRIBE = ("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nServer: GStreamer RTSP server\r\n\r\n"
                "v=0\r\no=- 1188340656180883 1 IN IP4 10.0.0.5\r\ns=Session streamed with GStreamer\r\ni=rtsp-server\r\n"
                "t=0 0\r\na=tool:GStreamer\r\na=type:broadcast\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n")


def test_a_media_library_author_is_not_the_device_maker(db: SignatureDB) -> None:
    """MiniDLNA writes its author as the UPnP manufacturer of the router or NAS that runs it: no maker."""
    got = _id(db, Response("upnp", MINIDLNA_ROOT, 8200, "GET /rootDesc.xml"))
    assert got.vendor is None
    assert any(e.extracted.get("software") == "MiniDLNA" for e in got.evidence)


def test_a_software_stack_is_evidence_of_what_runs_not_of_who_made_it(db: SignatureDB) -> None:
    got = _id(db, Response("rtsp", GST_DESCRIBE, 554, "DESCRIBE"))
    assert got.vendor is None
    assert {e.extracted.get("software") for e in got.evidence} >= {"GStreamer"}


def test_a_software_stack_does_not_turn_a_maker_name_into_a_camera(db: SignatureDB) -> None:
    """A video-only maker named in a title types nothing on its own; a software stack beside it is no
    protocol evidence of video gear either (resolve: software evidence is not counted)."""
    title = Response("http", "Hikvision", 80, "title")
    assert _id(db, title).device_type == "unknown"
    got = _id(db, title, Response("http", "HTTP/1.1 200 OK\r\nServer: Boa/0.94.14rc21\r\n\r\n", 80, "GET /"))
    assert got.vendor == "Hikvision"
    assert got.device_type not in VIDEO_TYPES


def test_software_only_its_maker_ships_still_names_the_maker(db: SignatureDB) -> None:
    """HIK Media Server and Dahua Rtsp Server only run on their makers' devices: they name the maker."""
    sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=HIK Media Server V3.4.106\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
    assert _id(db, Response("rtsp", sdp, 554, "DESCRIBE")).vendor == "Hikvision"
    assert _id(db, Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Dahua Rtsp Server\r\n\r\n", 554, "OPTIONS")).vendor == "Dahua"


# ------------------------------------------------------------------ URL paths and API shapes
def _describe(content_base: str, sdp_control: str = "trackID=1") -> Response:
    raw = (f"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: {content_base}\r\nContent-Type: application/sdp\r\n\r\n"
           f"v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=Media Presentation\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
           f"a=control:{sdp_control}\r\na=rtpmap:96 H264/90000\r\n")
    return Response("rtsp", raw, 554, "DESCRIBE")


@pytest.mark.parametrize(("url", "maker"), [
    ("rtsp://10.0.0.9:554/Streaming/Channels/101/", "Hikvision"),        # go2rtc rtsp_test.go, CamioCam/rtsp
    ("rtsp://10.0.0.9:554/cam/realmonitor?channel=1&subtype=0/", "Dahua"),  # CamioCam/rtsp (Amcrest, FLIR DNR)
    ("rtsp://10.0.0.9/onvif/profile2/media.smp/", "Hanwha Vision"),        # onvif-viewer URL templates
    ("rtsp://10.0.0.9:554/rtsp_tunnel?h26x=4&line=1&inst=1", "Bosch"),
    ("rtsp://10.0.0.9/MediaInput/h264/", "i-PRO"),
    ("rtsp://10.0.0.9:554/h264Preview_01_main/", "Reolink"),
    ("rtsp://10.0.0.9:554/unicast/c1/s0/live/", "Uniview"),
    ("rtsp://10.0.0.9/axis-media/media.amp/", "Axis"),
    ("rtsp://10.0.0.9:554/defaultPrimary?streamType=u", "Avigilon"),   # Robocam RTSP-Formats.md
])
def test_a_makers_rtsp_path_in_the_devices_answer_names_the_maker(db: SignatureDB, url: str, maker: str) -> None:
    assert _id(db, _describe(url)).vendor == maker


def test_a_generic_rtsp_path_names_nobody(db: SignatureDB) -> None:
    # /live/ch00_0: Ubiquiti airCam, Vivotek, Grandstream, Beward, EnGenius... (iSpy Sources.xml)
    for url in ("rtsp://10.0.0.9:554/stream1/", "rtsp://10.0.0.9:554/live/", "rtsp://10.0.0.9:554/11/", "rtsp://10.0.0.9:554/live/ch00_0"):
        assert _id(db, _describe(url)).vendor is None


@pytest.mark.parametrize(("raw", "proto", "maker"), [
    # hikvision_next#176: an ISAPI ResponseStatus body (no model in it)
    ('<ResponseStatus xmlns="http://www.isapi.org/ver20/XMLSchema" version="1.0">\n<requestURL>/ISAPI/System/IO/inputs/901'
     '</requestURL>\n<statusCode>4</statusCode>\n<statusString>Invalid Operation</statusString>\n</ResponseStatus>', "http", "Hikvision"),
    # home-assistant/core#100181: reolink_aio's login answer
    ('[\n {\n  "cmd" : "Login",\n  "code" : 0,\n  "value" : {"Token" : {"leaseTime" : 3600, "name" : "615d3dc6f563564"}}\n }\n]',
     "http", "Reolink"),
    # rroller/dahua#6: the RPC login challenge of a Dahua-built Imou camera
    ('{"result":false,"params":{"realm":"Login to 907F3C6C73FEDA77","random":"1f1e4fbc-858a-47c8-8a50-cb9310ad48cb",'
     '"encryption":"Default"},"error":{"code":268632079,"message":"Component error: login challenge!"},"id":0,"session":2869194125}',
     "http", "Dahua"),
    ('{"Response": {"ResponseURL": "/LAPI/V1.0/System/DeviceInfo", "ResponseCode": 0, "ResponseString": "Succeed",'
     ' "StatusCode": 0, "Data": {}}}', "http", "Uniview"),
])
def test_an_api_document_shape_names_its_platform(db: SignatureDB, raw: str, proto: str, maker: str) -> None:
    assert _id(db, Response(proto, raw, 80, "GET /")).vendor == maker


def test_a_look_alike_json_rpc_names_nobody(db: SignatureDB) -> None:
    """A JSON-RPC answer with a session and a cmd/code pair from someone else's API names no maker."""
    for raw in ('{"jsonrpc":"2.0","id":1,"result":{"session":"abc"}}', '[{"cmd":"play","code":0}]',
                '{"Action":"Start","Code":"x","Index":"a"}'):
        assert _id(db, Response("http", raw, 80, "GET /")).vendor is None


# ------------------------------------------------------------------ realms and parameter trees
def test_hanwha_ipolis_realm_names_hanwha_and_live555_realm_names_nobody(db: SignatureDB) -> None:
    ipolis = "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"iPOLiS_00:09:18:52:39:00\", nonce=\"b42f\", qop=\"auth\"\r\n\r\n"
    assert _id(db, Response("rtsp", ipolis, 554, "OPTIONS")).vendor == "Hanwha Vision"
    live555 = "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"LIVE555 Streaming Media\", nonce=\"a2c8\"\r\n\r\n"
    got = _id(db, Response("rtsp", live555, 554, "OPTIONS"))
    assert got.vendor is None
    assert any(e.extracted.get("software") == "LIVE555" for e in got.evidence)


def test_a_vapix_parameter_tree_names_axis(db: SignatureDB) -> None:
    body = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nroot.Image.I0.Appearance.Resolution=1920x1080\nroot.Image.I0.Appearance.Compression=30\n"
    assert _id(db, Response("http", body, 80, "GET /axis-cgi/param.cgi?action=list&group=root.Image")).vendor == "Axis"


def test_an_axis_recorder_is_a_recorder(db: SignatureDB) -> None:
    got = _id(db, Response("http", "AXIS S3008 Recorder", 80, "title"))
    assert (got.vendor, got.device_type) == ("Axis", "nvr")


def test_dahua_rpc_envelope_and_vivotek_parameter_names(db: SignatureDB) -> None:
    # myhomeiot/DahuaVTO#13: a keep-alive answer of a VTO door station (no model, no name)
    log = ('2022-02-11 14:23:06 DEBUG (MainThread) [custom_components.dahua_vto.sensor] <<< '
           '{"id":15588,"params":{"timeout":60},"result":true,"session":394176402}')
    assert _id(db, Response("other", log, 5000, "global.keepAlive")).vendor == "Dahua"
    # nmap's http-vivotek-camera-info.nse: a PT7135's model name
    vivotek = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nsystem_info_modelname='PT7135'\r\n"
    got = _id(db, Response("http", vivotek, 80, "GET /cgi-bin/viewer/getparam.cgi?system_info_modelname"))
    assert (got.vendor, got.model) == ("Vivotek", "PT7135")


def test_unifi_protect_sdp_on_the_console_port_is_the_recorder(db: SignatureDB) -> None:
    """homebridge-unifi-protect#1189: UniFi Protect's SDP (u=www.ui.com) served on the console's 7441."""
    sdp = ("v=0\r\no=- 4781 0 IN IP4 192.168.0.1\r\ns=stream_0\r\nu=www.ui.com\r\ne=info@ui.com\r\nc=IN IP4 192.168.0.1\r\n"
           "t=0 0\r\na=recvonly\r\na=control:*\r\nm=video 0 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n")
    got = _id(db, Response("rtsp", sdp, 7441, "DESCRIBE"))
    assert (got.vendor, got.device_type) == ("Ubiquiti", "nvr")
    assert _id(db, Response("rtsp", sdp, 554, "DESCRIBE")).device_type != "nvr"


# ------------------------------------------------------------------ makers' own streaming servers, realm echoes
# Reolink's SDP (go2rtc pkg/rtsp/rtsp_test.go TestBugSDP3) and realm (go2rtc issue 331)
REOLINK_SDP = ("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n\r\n"
               "v=0\r\no=- 1680614126554766 1 IN IP4 192.168.0.3\r\ns=Session streamed by \"preview\"\r\nt=0 0\r\n"
               "a=tool:BC Streaming Media v202210012022.10.01\r\na=type:broadcast\r\na=control:*\r\n"
               "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:track1\r\n")


def test_reolinks_own_streaming_server_names_reolink(db: SignatureDB) -> None:
    got = _id(db, Response("rtsp", REOLINK_SDP, 554, "DESCRIBE rtsp://192.168.0.3/"))
    assert got.vendor == "Reolink"


@pytest.mark.parametrize("line", [
    # a client's trace that kept only its own request: the Digest Authorization header echoes the realm
    '12:42:14.232 DEBUG Authorization: Digest username="admin", realm="BC Streaming Media", nonce="bb3a00ec", '
    'uri="rtsp://192.168.1.128:554/h264Preview_01_main", response="2a9d069d"',
    'Authorization: Digest username="admin", realm="BC Streaming Media", nonce="bb3a00ec", uri="/", response="2a9d"',
])
def test_a_realm_echoed_by_the_clients_authorization_header_is_read(db: SignatureDB, line: str) -> None:
    got = _id(db, Response("rtsp", line, 554, "DESCRIBE (client log)"))
    assert got.vendor == "Reolink"


def test_basic_credentials_echo_no_realm(db: SignatureDB) -> None:
    got = _id(db, Response("rtsp", "Authorization: Basic YWRtaW46MTIzNDU=", 554, "DESCRIBE (client log)"))
    assert got.vendor is None


def test_a_makers_name_as_an_sdp_encoding_name(db: SignatureDB) -> None:
    # TP-Link's smart-event track (pixelbender/go-sdp issue 5), without the session line that names it too
    sdp = ("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n\r\n"
           "v=0\r\no=- 14665860 31787219 1 IN IP4 192.168.35.39\r\ns=Session\r\nt=0 0\r\n"
           "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H265/90000\r\na=control:track1\r\n"
           "m=application/tp-link 0 RTP/AVP smart/0/25000\r\na=rtpmap:95 tp-link/25000\r\na=control:track3\r\n")
    got = _id(db, Response("rtsp", sdp, 554, "DESCRIBE rtsp://192.168.35.39/stream1"))
    assert got.vendor == "TP-Link"


def test_a_media_servers_session_name_names_no_maker(db: SignatureDB) -> None:
    sdp = ("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n\r\n"
           "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=RTSP Session, streamed by the ZLMediaKit\r\ni=ZLMediaKit Live Stream\r\n"
           "t=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n")
    got = _id(db, Response("rtsp", sdp, 554, "DESCRIBE rtsp://10.0.0.5/live/cam"))
    assert got.vendor is None
    assert got.device_type == "unknown"


@pytest.mark.parametrize(("value", "maker"), [
    ("HikvisionRtspServer", "Hikvision"),     # a name glued to the next CamelCase word
    ("ReolinkStreaming/1.0", "Reolink"),
    ("ACTIONS", None),                        # an all-capitals word is one word (not ACTi)
    ("Hikvisionx", None),
])
def test_a_makers_name_glued_in_camel_case_is_a_word(db: SignatureDB, value: str, maker: str | None) -> None:
    assert db.maker_names is not None
    assert db.maker_names.find(value) == maker


def test_a_camera_soc_makers_name_names_no_device_maker(db: SignatureDB) -> None:
    # HiSilicon's SDK media server and an SDK's default ONVIF Manufacturer: the platform, not the maker
    rtsp = Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Hisilicon Streaming Media Server/1.0.0(Jul 30 2015)\r\n"
                            "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n", 554, "OPTIONS")
    got = _id(db, rtsp)
    assert got.vendor is None and got.covered is None
    onvif = Response("onvif", "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                              "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Body><tds:GetDeviceInformationResponse>"
                              "<tds:Manufacturer>Ingenic</tds:Manufacturer><tds:Model>T31</tds:Model>"
                              "</tds:GetDeviceInformationResponse></s:Body></s:Envelope>", 80, "GetDeviceInformation")
    assert _id(db, onvif).vendor is None


@pytest.mark.parametrize(("raw", "maker"), [
    # Hikvision ISAPI under its newer namespace (hikvision_next fixture nvr.xml), a door station's model not in any grammar
    ('<?xml version="1.0" encoding="UTF-8"?><DeviceInfo version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">'
     '<deviceName>Door</deviceName><model>XX-1234</model></DeviceInfo>', "Hikvision"),
    # Hikvision's login check in a 401 body (Tedyst/HikLoad issue 3)
    ('<?xml version="1.0" encoding="UTF-8" ?>\n<userCheck>\n<statusValue>401</statusValue>\n'
     '<statusString>Unauthorized</statusString>\n</userCheck>\n', "Hikvision"),
    # Foscam CGIProxy.fcgi answer (quatanium/foscam-python-lib)
    ("<CGI_Result>\n    <result>0</result>\n    <devName>Garage</devName>\n</CGI_Result>", "Foscam"),
])
def test_a_makers_api_document_names_the_platform(db: SignatureDB, raw: str, maker: str) -> None:
    assert _id(db, Response("http", raw, 80, "GET /")).vendor == maker


def test_a_restreamer_answering_as_an_onvif_device_is_no_camera(db: SignatureDB) -> None:
    # go2rtc's ONVIF server (pkg/onvif/server.go): empty Manufacturer, Model "go2rtc", its version, the host as serial
    body = ('<?xml version="1.0" encoding="utf-8" standalone="yes"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">'
            '<s:Body><tds:GetDeviceInformationResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl">'
            '<tds:Manufacturer></tds:Manufacturer><tds:Model>go2rtc</tds:Model><tds:FirmwareVersion>1.9.4</tds:FirmwareVersion>'
            '<tds:SerialNumber>10.0.0.1:1984</tds:SerialNumber><tds:HardwareId>1.00</tds:HardwareId>'
            '</tds:GetDeviceInformationResponse></s:Body></s:Envelope>')
    got = _id(db, Response("onvif", body, 1984, "GetDeviceInformation"))
    assert got.vendor is None
    assert got.device_type not in VIDEO_TYPES


@pytest.mark.parametrize(("raw", "maker"), [
    # a PLAY answer: the device's own stream URLs in RTP-Info (RFC 2326 12.33), Hikvision's /Streaming/Channels/
    ("RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 1234\r\nRTP-Info: url=rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1"
     "?transportmode=unicast;seq=1;rtptime=2\r\n\r\n", "Hikvision"),
    # an SDP cut before its v=0 line (a client's log kept the media sections): Uniview's /unicast/c1/s0/live
    ("m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=control:rtsp://10.0.0.6:554/unicast/c1/s0/live/trackID=1\n"
     "m=audio 0 RTP/AVP 8\na=control:rtsp://10.0.0.6:554/unicast/c1/s0/live/trackID=2\n", "Uniview"),
])
def test_a_path_convention_read_wherever_the_device_wrote_its_stream_url(db: SignatureDB, raw: str, maker: str) -> None:
    assert _id(db, Response("rtsp", raw, 554, "PLAY rtsp://10.0.0.6/")).vendor == maker


def test_the_clients_request_url_names_nobody(db: SignatureDB) -> None:
    # the path a client asked for is the client's choice (a restreamer serves any path name)
    got = _id(db, Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 2\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n", 554,
                           "OPTIONS rtsp://10.0.0.6:554/Streaming/Channels/101 RTSP/1.0"))
    assert got.vendor is None


def test_dahuas_configuration_tables_name_the_platform_and_a_p2p_host_the_brand(db: SignatureDB) -> None:
    # an Amcrest camera's P2P configuration (khoanguyen-3fc/dh-p2p issue 17): Dahua's table.<Section>.<Key> lines
    body = ("table.T2UServer.Address=p2p.amcrestview.com\ntable.T2UServer.Enable=true\n"
            "table.T2UServer.RegisterServerEx=p2pregister.easy4ipcloud.com\ntable.T2UServer.Type=dhp2p\n")
    got = _id(db, Response("http", body, 80, "GET /cgi-bin/configManager.cgi?action=getConfig&name=T2UServer"))
    assert (got.vendor, got.brand, got.device_type) == ("Dahua", "Amcrest", "camera")


def test_tplinks_api_error_code_names_tplink_but_no_type(db: SignatureDB) -> None:
    # pytapo ERROR_CODES.py: -40401 "Invalid stok value" (Tapo cameras and TP-Link routers answer alike)
    got = _id(db, Response("http", '{"error_code": -40401}', 443, "POST /stok=x/ds"))
    assert got.vendor == "TP-Link" and got.device_type == "unknown"
