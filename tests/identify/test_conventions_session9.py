"""Makers' protocol conventions added in session 9 (signatures/fingerprints/conventions-paths.yaml,
conventions-urls.yaml, conventions-webui.yaml, hikvision.yaml, hanwha.yaml), read end to end from the shapes a
security team holds: a client's log line, a whole HTTP or RTSP answer, a served page. Values are written after
the public material the rules cite (iSpy's URL database, reolink_aio, uiprotect, Greenbone's detection NVTs),
never the test split's; each convention is checked against a look-alike it must not claim."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


@pytest.mark.parametrize(("line", "maker"), [
    ("ERR [rtsp] error=EOF url=rtsps://192.168.1.1:7441/lkKCp5QaJNJnwKBV?enableSrtp", "Ubiquiti"),
    ("ERR [rtsp] error=EOF url=rtsp://192.168.1.1:7447/lkKCp5QaJNJnwKBV", "Ubiquiti"),
    ("[rtsp @ 0x5] error opening input rtsp://10.0.0.5:554/H264/media.smp: Connection timed out", "Hanwha Vision"),
    ("[rtsp @ 0x5] error opening input rtsp://10.0.0.5:554/mpeg4unicast: Connection timed out", "Hanwha Vision"),
    ("[rtsp @ 0x5] method DESCRIBE failed: 404 Not Found rtsp://10.0.0.6/nphMpeg4/g726-640x480", "i-PRO"),
    ("[rtsp @ 0x5] error opening input rtsp://10.0.0.7/h264_vga.sdp: Connection timed out", "TP-Link"),
])
def test_a_makers_stream_path_in_a_clients_rtsp_log_names_the_maker(db: SignatureDB, line: str, maker: str) -> None:
    got = _id(db, Response("rtsp", line, 554, "DESCRIBE (client log)"))
    assert got.vendor == maker
    # a client's words, the path its user configured: the rule itself claims no type (a video-only maker's name
    # may still default the type, netscan/identify/resolve.py)
    assert all("device_type" not in e.extracted for e in got.evidence if e.kind == "rule")


@pytest.mark.parametrize(("url", "maker"), [
    ("http://192.168.0.139/flv?port=1935&app=bcs&stream=channel0_main.bcs&user=admin&password=x", "Reolink"),
    ("http://10.0.0.8/SnapshotJPEG?Resolution=640x480", "i-PRO"),
    ("http://10.0.0.8/cgi-bin/nphContinuousServerPush", "i-PRO"),
    ("http://10.0.0.9/oneshotimage.jpg", "Sony"),
    ("http://10.0.0.10/-wvhttp-01-/GetOneShot", "Canon"),
    ("http://10.0.0.11/record/current.jpg", "Mobotix"),
    ("http://10.0.0.12:88/cgi-bin/CGIStream.cgi?cmd=GetMJStream", "Foscam"),
])
def test_a_makers_http_path_in_a_clients_log_names_the_maker(db: SignatureDB, url: str, maker: str) -> None:
    got = _id(db, Response("http", f"[http @ 0x5] HTTP error 401 Unauthorized opening '{url}'", 80, "GET (client log)"))
    assert got.vendor == maker
    assert got.device_type == "unknown"


@pytest.mark.parametrize("url", [
    "http://10.0.0.13/nphMotionJpeg?Resolution=320x240",  # Panasonic's MJPEG CGI, served by many clones
    "http://10.0.0.13/control/faststream.jpg?stream=MxPEG",  # Mobotix's MxPEG stream, listed under other makers
    "http://10.0.0.13/snapshot.jpg",
])
def test_paths_many_makers_serve_name_nobody(db: SignatureDB, url: str) -> None:
    got = _id(db, Response("http", f"[http @ 0x5] HTTP error 404 Not Found opening '{url}'", 80, "GET (client log)"))
    assert got.vendor is None


def test_the_device_written_media_smp_family_names_hanwha(db: SignatureDB) -> None:
    raw = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.168.1.100:554/MainStream/media.smp/\r\n\r\n"
    got = _id(db, Response("rtsp", raw, 554, "DESCRIBE rtsp://192.168.1.100/"))
    assert got.vendor == "Hanwha Vision"


HIK_401 = ('HTTP/1.1 401 Unauthorized\r\nServer: Webs\r\nWWW-Authenticate: Digest realm="DVRNVRDVS", domain="::", '
           'qop="auth", nonce="16c2671a88d919b48d011bfe56765a0e:1540569274326", opaque="", algorithm="MD5", '
           'stale="FALSE"\r\nContent-Length: 0\r\n\r\n')


def test_hikvisions_digest_challenge_layout_names_hikvision_whatever_the_realm(db: SignatureDB) -> None:
    assert _id(db, Response("http", HIK_401, 80, "GET /ISAPI/System/deviceInfo")).vendor == "Hikvision"
    other_realm = HIK_401.replace("DVRNVRDVS", "c504892f438ee5f2114e9fdd")
    assert _id(db, Response("http", other_realm, 80, "GET /")).vendor == "Hikvision"


def test_an_rfc_digest_challenge_names_nobody(db: SignatureDB) -> None:
    raw = ('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="testrealm@host.com", qop="auth,auth-int", '
           'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"\r\n\r\n')
    assert _id(db, Response("http", raw, 80, "GET /")).vendor is None


def test_dahuas_web_ui_needs_its_markup_not_just_the_title(db: SignatureDB) -> None:
    page = ('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>WEB SERVICE</title></head>'
            '<body><div class="ui-dialog-content"></div></body></html>')
    assert _id(db, Response("http", page, 80, "GET /")).vendor == "Dahua"
    bare = page.replace('<div class="ui-dialog-content"></div>', "<p>Welcome</p>")
    assert _id(db, Response("http", bare, 80, "GET /")).vendor is None


def test_xiongmai_web_ui_cookie_name_names_xiongmai(db: SignatureDB) -> None:
    page = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<script>var c = new Hash.Cookie('NetSuveillanceWebCookie',"
            " {duration: 3600});</script>")
    assert _id(db, Response("http", page, 80, "GET /Login.htm")).vendor == "Xiongmai"


def test_samsung_smartcam_web_service_is_a_hanwha_camera(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nX-Powered-By: PHP/5.2.17\r\nServer: SmartCamWebService\r\nContent-Type: application/json\r\n\r\n{}"
    got = _id(db, Response("http", raw, 80, "GET /"))
    assert (got.vendor, got.device_type) == ("Hanwha Vision", "camera")


def test_hikvisions_intercom_ability_document_names_hikvision_and_a_door_station(db: SignatureDB) -> None:
    door = ('<IpViewDevAbility version="2.0">\n<VideoIntercom>\n<DeviceID>\n<enabled>true</enabled>\n'
            '<supportUnitType opt="OutDoorDevice,OutDoorFenceDevice"/>\n</DeviceID>\n</VideoIntercom>')
    got = _id(db, Response("other", f"DEBUG | sdk_device_ability - Response: {door}", 8000, "HCNetSDK device ability (log)"))
    assert (got.vendor, got.device_type) == ("Hikvision", "doorbell")
    indoor = door.replace('opt="OutDoorDevice,OutDoorFenceDevice"', 'opt="IndoorDevice"')
    got = _id(db, Response("other", f"DEBUG | sdk_device_ability - Response: {indoor}", 8000, "HCNetSDK device ability (log)"))
    assert got.vendor == "Hikvision"
    assert got.device_type != "doorbell"


@pytest.mark.parametrize(("body", "vendor", "model"), [
    ('var initProdNbr="B1073"; var BrandCopyright="Beward R&D Co., Ltd.";', "Beward", "B1073"),
    ('var initProdNbr="NC200"; var BrandCopyright="TP-Link ";', "TP-Link", "NC200"),
])
def test_the_shared_camera_ui_platform_gives_the_model_and_its_label(db: SignatureDB, body: str, vendor: str, model: str) -> None:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\n\r\n{body}"
    got = _id(db, Response("http", raw, 80, "GET /profile"))
    assert (got.vendor, got.model, got.device_type) == (vendor, model, "camera")


def test_an_unknown_label_on_that_platform_names_no_maker(db: SignatureDB) -> None:
    raw = 'HTTP/1.1 200 OK\r\n\r\nvar initProdNbr="X123"; var BrandCopyright="Acme Widgets";'
    got = _id(db, Response("http", raw, 80, "GET /profile"))
    assert got.vendor is None
