"""Makers' conventions added in session 12 (conventions-paths.yaml, conventions-kinds.yaml, conventions-cloud.yaml,
conventions-urls.yaml, conventions-api.yaml), read end to end from the shapes a security team holds: an RTSP answer,
a client's log line, a cloud API's device record. Values follow the public material the rules cite (iSpy's camera
URL database, python-ring-doorbell's kind table, Netatmo's API documentation and Home Assistant's netatmo fixtures, the Cast setup API as
openHAB, Chromium and Metasploit read it), never the test split's; every convention is checked against look-alikes of
other makers and of non-cameras."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _rules(got: Identification) -> set[str]:
    return {e.source for e in got.evidence}


def _describe(base: str) -> Response:
    sdp = ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Media Presentation\r\nt=0 0\r\n"
           f"a=control:{base}\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:{base}/track1\r\n")
    head = f"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: {base}/\r\nContent-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n"
    return Response("rtsp", head + sdp, 554, f"DESCRIBE {base} RTSP/1.0")


def _json(protocol: str, doc: object, port: int | None = None, request: str = "") -> Response:
    body = json.dumps(doc)
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{body}" if protocol == "http" else body
    return Response(protocol, raw, port, request)


# ------------------------------------------------ RTSP path families


@pytest.mark.parametrize(("base", "maker"), [
    ("rtsp://192.168.0.10/ONVIF/MediaInput?profile=def_profile1", "i-PRO"),
    ("rtsp://10.0.0.7/live/h264_ulaw/VGA", "AVTECH"),
    ("rtsp://10.0.0.7:554/live/h264/HD1080P", "AVTECH"),
    ("rtsp://10.0.0.9:554/mobotix.h264", "Mobotix"),
    ("rtsp://10.0.0.9/onvif/stream0/mobotix.mjpeg", "Mobotix"),
    ("rtsp://192.168.0.20:554/live1s1.sdp", "Vivotek"),
    ("rtsp://192.168.1.64:554/Streaming/tracks/101?starttime=20240101T000000Z", "Hikvision"),
])
def test_a_makers_path_family_in_the_devices_own_answer_names_it(db: SignatureDB, base: str, maker: str) -> None:
    got = _id(db, _describe(base))
    assert got.vendor == maker


@pytest.mark.parametrize("base", [
    "rtsp://10.0.0.7/live/h264",  # twenty makers serve the bare path
    "rtsp://10.0.0.7/live/h264/VGA",  # listed under Linia too
    "rtsp://192.168.0.10/VideoInput/1/h264/1",  # Siqura, Q-See and others besides Panasonic
    "rtsp://192.168.0.10/onvif/media",  # six makers' ONVIF media path
    "rtsp://192.168.0.10/stream1",  # Tapo, Pelco, ACTi... and every restreamer
    "rtsp://192.168.0.20/live.sdp",  # Vivotek's older path, listed under 54 makers
    "rtsp://192.168.0.20/live1.sdp",  # D-Link, LevelOne and 40 more
])
def test_shared_paths_name_nobody(db: SignatureDB, base: str) -> None:
    got = _id(db, _describe(base))
    assert got.vendor is None


def test_the_path_a_client_asked_for_names_the_maker_without_a_type(db: SignatureDB) -> None:
    line = ("[ffmpeg] Input #0, rtsp, from 'rtsp://admin:***@10.0.0.7/live/h264_ulaw/VGA':\n"
            "  Metadata:\n    title           : Session streamed by \"stream\"\n")
    got = _id(db, Response("rtsp", line, None, "ffmpeg -i rtsp://admin:***@10.0.0.7/live/h264_ulaw/VGA"))
    assert got.vendor == "AVTECH"
    assert "path-avtech-live-resolution-client-url" in _rules(got)


# ------------------------------------------------ Ring's unversioned kind codes


@pytest.mark.parametrize(("kind", "kind_type"), [
    ("doorbell_scallop", "doorbell"),
    ("doorbell_portal", "doorbell"),
    ("doorbot", "doorbell"),
    ("stickup_cam_lunar", "camera"),
    ("cocoa_camera", "camera"),
    ("chime_pro", "other"),
])
def test_rings_unversioned_kind_names_ring_and_the_kind(db: SignatureDB, kind: str, kind_type: str) -> None:
    rec = {"id": 123456, "description": "Front Door", "kind": kind, "firmware_version": "Up to Date"}
    got = _id(db, _json("other", rec))
    assert got.vendor == "Ring"
    assert got.device_type == kind_type


@pytest.mark.parametrize("kind", ["doorbell", "chime", "camera", "floodlight"])
def test_plain_kind_words_name_nobody(db: SignatureDB, kind: str) -> None:
    got = _id(db, _json("other", {"id": 1, "kind": kind, "name": "Porch"}))
    assert got.vendor is None
    assert got.device_type != "camera"


def test_a_ring_codename_inside_a_sentence_is_not_read_as_the_code(db: SignatureDB) -> None:
    got = _id(db, Response("other", "the doorbell_scallop integration was renamed last year", None, ""))
    assert got.vendor is None


# ------------------------------------------------ Netatmo's module types and its camera relay


def _netatmo_home(module_type: str) -> dict[str, object]:
    # the shape of Netatmo's gethomedata answer (Home Assistant's test fixture; values of our own)
    return {"body": {"homes": [{"id": "5a1b2c3d4e5f60718293a4b5", "name": "Home", "cameras": [{
        "id": "70:ee:50:00:00:01", "type": module_type, "status": "on",
        "vpn_url": "https://prodvpn-eu-3.netatmo.net/restricted/10.255.1.2/0123456789abcdef0123456789abcdef/AbCdEf,,",
        "is_local": True, "name": "Garden"}]}]}, "status": "ok"}


@pytest.mark.parametrize(("module_type", "kind"), [("NOC", "camera"), ("NACamera", "camera"), ("NDB", "doorbell")])
def test_a_netatmo_module_record_names_netatmo_and_its_kind(db: SignatureDB, module_type: str, kind: str) -> None:
    got = _id(db, _json("http", _netatmo_home(module_type), 443, "GET /api/homesdata"))
    assert got.vendor == "Netatmo"
    assert got.device_type == kind


def test_netatmos_relay_url_alone_names_netatmo_without_a_type(db: SignatureDB) -> None:
    rec = {"camera": {"name": "Garden", "vpn_url": "https://prodvpn-eu-2.netatmo.net/restricted/10.255.248.91/abc/Mp,,"}}
    got = _id(db, _json("other", rec))
    assert got.vendor == "Netatmo"
    assert "cloud-relay-url-netatmo" in _rules(got)
    assert got.device_type == "unknown"


@pytest.mark.parametrize("url", [
    "https://prodvpn.eu/restricted/10/abcdef/live",  # a look-alike host outside Netatmo's domain
    "https://example.blob.core.windows.net/production/abc",  # another tenant of the blob service
    "https://dev.netatmo.com/apidocumentation",  # the developer site, not a relay
])
def test_other_urls_are_not_netatmos_relay(db: SignatureDB, url: str) -> None:
    got = _id(db, _json("other", {"name": "Garden", "vpn_url": url}))
    assert "cloud-relay-url-netatmo" not in _rules(got)


@pytest.mark.parametrize("value", ["NOC", "NDB"])
def test_short_module_codes_outside_a_json_type_name_nobody(db: SignatureDB, value: str) -> None:
    # a host called NOC (a network operations centre) is no Netatmo camera
    got = _id(db, Response("dhcp", f"hostname={value}", None, ""), _json("other", {"name": value}))
    assert got.vendor is None
    assert got.device_type != "camera"


def test_a_netatmo_weather_station_is_netatmo_and_no_camera(db: SignatureDB) -> None:
    got = _id(db, _json("http", {"body": {"devices": [{"_id": "70:ee:50:00:00:02", "type": "NAMain",
                                                       "modules": [{"type": "NAModule1"}]}]}}, 443))
    assert got.vendor == "Netatmo"
    assert got.device_type != "camera"


# ------------------------------------------------ the Google Cast setup API


_EUREKA = {"bssid": "aa:bb:cc:dd:ee:ff", "build_version": "1.23.4", "cast_build_revision": "1.56.270000",
           "connected": True, "ethernet_connected": False, "has_update": False, "name": "Living Room",
           "ssdp_udn": "f3b4c10a-4a82-1e90-b8f0-41235b849201", "ssid": "home", "uptime": 1234.5}


def test_the_cast_setup_answer_names_google_and_a_tv(db: SignatureDB) -> None:
    got = _id(db, _json("http", _EUREKA, 8008, "GET /setup/eureka_info"))
    assert got.vendor == "Google"
    assert got.device_type == "tv"
    assert "api-google-cast-eureka-info" in _rules(got)


def test_the_cast_setup_answer_in_a_log_names_google(db: SignatureDB) -> None:
    got = _id(db, _json("other", _EUREKA))
    assert got.vendor == "Google"


def test_the_cast_setup_endpoint_in_a_clients_log_names_google_and_no_type(db: SignatureDB) -> None:
    got = _id(db, Response("http", "DEBUG GET http://10.0.0.7:8008/setup/eureka_info 200", 8008, "GET (client log)"))
    assert got.vendor == "Google"
    assert got.device_type == "unknown"


def test_a_uuid_without_the_cast_build_is_not_cast(db: SignatureDB) -> None:
    got = _id(db, _json("http", {"ssdp_udn": "f3b4c10a-4a82-1e90-b8f0-41235b849201", "name": "NAS"}, 5000))
    assert "api-google-cast-eureka-info" not in _rules(got)
    assert got.vendor is None


def test_a_tv_makers_cast_receiver_keeps_its_own_maker(db: SignatureDB) -> None:
    doc = dict(_EUREKA, device_info={"manufacturer": "Sony", "model_name": "BRAVIA 4K GB"})
    upnp = Response("upnp", "<root><device><manufacturer>Sony Corporation</manufacturer><modelName>KD-55XH9096</modelName>"
                    "<deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType></device></root>", 8008)
    got = _id(db, _json("http", doc, 8008, "GET /setup/eureka_info"), upnp)
    assert got.vendor == "Sony"


# ------------------------------------------------ Dahua's RPC objects (NetSDK capability objects, factory calls)


@pytest.mark.parametrize("method", ["devVideoAnalyse.getCaps", "videoDiagnosisServer.factory.getCollect", "ptz.factory.instance",
                                    "OSDManager.getCaps"])
def test_dahuas_rpc_objects_and_factory_calls_name_dahua(db: SignatureDB, method: str) -> None:
    got = _id(db, _json("other", {"method": method, "params": None, "id": 7, "session": 12345}, 37777))
    assert got.vendor == "Dahua"


def test_dahuas_rpc_call_as_a_log_pair_names_dahua(db: SignatureDB) -> None:
    got = _id(db, Response("other", "rpc2 call method=videoDiagnosisServer.factory.getCollect id=7", 80, ""))
    assert got.vendor == "Dahua"


@pytest.mark.parametrize("method", ["system.listMethods", "system.listService", "log.getCaps", "ptz.start", "factory.instance"])
def test_generic_rpc_names_are_not_dahuas(db: SignatureDB, method: str) -> None:
    got = _id(db, _json("other", {"jsonrpc": "2.0", "method": method, "id": 1}))
    assert got.vendor is None


# ------------------------------------------------ Blink's cloud


def test_a_blink_cloud_url_in_a_record_names_blink(db: SignatureDB) -> None:
    rec = {"name": "Porch", "thumbnail": "https://rest-u011.immedia-semi.com/media/production/account/1/network/2/camera/3/clip.jpg"}
    got = _id(db, _json("other", rec))
    assert got.vendor == "Blink"


def test_a_look_alike_of_blinks_host_names_nobody(db: SignatureDB) -> None:
    got = _id(db, _json("other", {"url": "https://immedia-semi.example.com/api"}))
    assert got.vendor is None


# ------------------------------------------------ Reolink's Baichuan: reverse magic, UDP header, message classes in a log


@pytest.mark.parametrize("payload", [
    bytes.fromhex("a0cbed0f010000002c0000000000000000006414"),  # the reverse magic 0x0fedcba0
    bytes.fromhex("3acf872a2c000000000000000100000000000000"),  # UDP heartbeat header
])
def test_baichuan_headers_name_reolink(db: SignatureDB, payload: bytes) -> None:
    got = _id(db, Response("other", payload.decode("latin-1"), 9000, ""))
    assert got.vendor == "Reolink"


def test_a_udp_header_with_another_type_byte_is_not_baichuan(db: SignatureDB) -> None:
    got = _id(db, Response("other", bytes.fromhex("7fcf872a2c00000000000000").decode("latin-1"), 2000, ""))
    assert got.vendor is None


def test_baichuan_message_classes_in_neolinks_log_name_reolink(db: SignatureDB) -> None:
    line = ("[2023-01-01T10:00:00Z DEBUG neolink_core::bc_protocol] Received Bc { meta: BcMeta { msg_id: 1, channel_id: 0, "
            "msg_num: 0, stream_type: 0, response_code: 200, class: 25620 }, body: ModernMsg }\n")
    got = _id(db, Response("other", line, 9000, ""))
    assert got.vendor == "Reolink"


@pytest.mark.parametrize("line", ["class: 0x6414", "Message { msg_id: 7, class: 3 }", "css class: 25620px"])
def test_other_class_fields_name_nobody(db: SignatureDB, line: str) -> None:
    got = _id(db, Response("other", line, 9000, ""))
    assert got.vendor is None
