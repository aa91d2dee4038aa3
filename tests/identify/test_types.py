"""Device type from what a device says it is (signatures/families/types.yaml and the type
conventions): product-name words in the short fields a maker writes, with guards so that software,
TV recorders, a doorbell's chime and a client's own log text never make a device video gear."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _type(db: SignatureDB, proto: str, raw: str, port: int = 80) -> str:
    return identify(Observation(None, None, (Response(proto, raw, port, ""),)), db).device_type


def _json(obj: object) -> str:
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps(obj)


@pytest.mark.parametrize(("raw", "want"), [
    (_json({"model": "Acme Video Doorbell 2"}), "doorbell"),
    (_json({"productName": "XY-5000 4MP IR Bullet Network Camera"}), "camera"),
    (_json({"deviceName": "Network Video Recorder"}), "nvr"),
    (_json({"device_type": "Embedded Net DVR"}), "dvr"),
    (_json({"type": "Acme SmartTV"}), "tv"),
    (_json({"model-name": "Roku Express"}), "tv"),
    (_json({"productName": "Acme LaserJet Pro 400"}), "printer"),
    (_json({"modelName": "Acme Wireless Router AX3000"}), "router"),
    (_json({"model": "Acme DiskStation DS920+"}), "nas"),
    (_json({"marketName": "UP Chime"}), "other"),
    (_json({"model": "Smart Wi-Fi Plug Mini"}), "other"),
    (_json({"model": "Acme Floodlight Cam"}), "camera"),     # a camera's light is no light fitting
    ("RTSP/1.0 404 Not Found\r\nCSeq: 1\r\nServer: minisatip/1.0.2\r\n\r\n", "server"),
    ("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"IP Camera(X9)\"\r\n\r\n", "camera"),
])
def test_product_words_in_maker_fields_type_the_device(db: SignatureDB, raw: str, want: str) -> None:
    assert _type(db, "rtsp" if raw.startswith("RTSP/") else "http", raw, port=554 if raw.startswith("RTSP/") else 80) == want


def test_a_camera_stack_named_in_a_server_header_is_no_media_server(db: SignatureDB) -> None:
    raw = "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nServer: LIVE555 Streaming Media v2018.08.28\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n"
    assert _type(db, "rtsp", raw, port=554) != "server"


@pytest.mark.parametrize("raw", [
    _json({"model": "Ring Chime Pro"}),                       # a doorbell's chime: no video
    _json({"model": "Doorbell push button"}),
    _json({"productName": "Channels DVR Server"}),            # a TV recorder's software
    _json({"FriendlyName": "HDHomeRun DVR"}),
    _json({"productName": "Frigate NVR"}),                    # NVR software on a PC
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>IP Camera Viewer</title></html>",
    _json({"cameras": [{"model": "IP Camera"}, {"model": "Video Doorbell"}]}),  # an NVR's or a NAS's camera list
    _json({"name": "Network Camera"}),                        # a name the user gives
])
def test_guards_keep_non_video_out(db: SignatureDB, raw: str) -> None:
    assert _type(db, "http", raw) not in VIDEO_TYPES


def test_a_clients_logger_name_is_not_the_devices_word(db: SignatureDB) -> None:
    log = "2026-05-26 10:34:29.505 | DEBUG    | doorbell:sdk_device_ability:526 - Response url for sdk_device_ability: <x/>"
    assert _type(db, "other", log, port=8000) == "unknown"


def test_a_vendor_or_non_video_rule_outweighs_a_word(db: SignatureDB) -> None:
    # a UPnP TV description: the TV word wins over nothing, and a camera word in the friendly name
    # of a TV does not make it a camera when the TV word is there too
    raw = ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
           "<deviceType>urn:dial-multiscreen-org:device:dial:1</deviceType><friendlyName>[LG] webOS TV</friendlyName>"
           "<manufacturer>LG Electronics</manufacturer><modelName>LG Smart TV</modelName></device></root>")
    assert _type(db, "upnp", raw, port=1900) == "tv"


def test_a_cut_sadp_reply_with_a_comment_is_read_leniently(db: SignatureDB) -> None:
    # a blog's annotated SADP ProbeMatch, cut: the comment is no DTD, so the flat elements are read,
    # and the Turbo HD DVR line (DS-78xxH...) types it
    from netscan.parsers.vendorudp import sadp_fields
    raw = ("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<ProbeMatch>\n\t<!--note-->\n"
           "    <Types>inquiry</Types>\n    <DeviceDescription>DS-7804HQH-K1</DeviceDescription>\n    <CommandPort>8000</Comm")
    f = sadp_fields(raw)
    assert f["sadp.DeviceDescription"] == ["DS-7804HQH-K1"] and "sadp.malformed" in f
    assert "sadp.DeviceDescription" not in sadp_fields(raw.replace("<!--note-->", "<!DOCTYPE x>"))
    ident = identify(Observation(None, None, (Response("sadp", raw, 37020, ""),)), db)
    assert (ident.vendor, ident.model, ident.device_type) == ("Hikvision", "DS-7804HQH-K1", "dvr")


def test_a_cut_isapi_device_info_tail_says_door_station(db: SignatureDB) -> None:
    tail = "<deviceType>VIS</deviceType>\n<subDeviceType>doorStation</subDeviceType>\n<alarmInNum>4</alarmInNum>\n</DeviceInfo>\n"
    assert _type(db, "http", tail) == "doorbell"
    assert _type(db, "http", tail.replace("doorStation", "indoorStation")) not in VIDEO_TYPES


def test_doorbird_door_station_and_controller_by_their_product_codes(db: SignatureDB) -> None:
    station = identify(Observation(None, None, (Response("http", _json({"BHA": {"VERSION": [{"DEVICE-TYPE": "DoorBird D1101V"}]}}), 80, ""),)), db)
    assert (station.vendor, station.model, station.device_type) == ("DoorBird", "D1101V", "doorbell")
    ctrl = identify(Observation(None, None, (Response("http", _json({"BHA": {"VERSION": [{"DEVICE-TYPE": "DoorBird A1081"}]}}), 80, ""),)), db)
    assert ctrl.vendor == "DoorBird" and ctrl.device_type not in VIDEO_TYPES


@pytest.mark.parametrize(("devicetype", "want"), [
    ("printer", "printer"), ("broadband router", "router"), ("storage-misc", "nas"), ("switch", "other"),
])
def test_nmaps_device_type_of_a_service_or_host(db: SignatureDB, devicetype: str, want: str) -> None:
    # nmap XML's service line as netscan.nmapxml records it, and nmap's text "Device type:" line
    assert _type(db, "other", f"product: Acme httpd\ndevicetype: {devicetype}") == want
    assert _type(db, "other", f"Nmap scan report for 10.0.0.9\nPORT   STATE SERVICE\n80/tcp open  http\nDevice type: {devicetype}\n") == want


def test_a_dahua_door_stations_call_button_event_says_doorbell(db: SignatureDB) -> None:
    stream = ("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=myboundary\r\n\r\n"
              "--myboundary\r\nContent-Type: text/plain\r\nContent-Length:60\r\n\r\n"
              "Code=BackKeyLight;action=Pulse;index=0;data={\"State\":1}\r\n")
    assert _type(db, "http", stream) == "doorbell"
    assert _type(db, "http", stream.replace("BackKeyLight", "VideoMotion")) != "doorbell"


def test_a_dahua_device_class_printed_by_a_tool_types_the_device(db: SignatureDB) -> None:
    line = "DHIP reply: " + json.dumps({"params": {"deviceInfo": {"DeviceClass": "VTO", "DeviceType": "VTO2211G-P"}}})
    assert _type(db, "other", line, port=37810) == "doorbell"
    assert _type(db, "other", line.replace('"VTO"', '"IPC"').replace("VTO2211G-P", "X"), port=37810) == "camera"
