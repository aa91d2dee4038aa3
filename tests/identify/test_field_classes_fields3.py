"""Field selection as classes of key conventions (session 14, fields3):

* a property record's name in any spelling (``{"name": "softVer", "value": ...}``, ``[{"Name": "DeviceModel",
  "Value": ...}]``, ``<item name="Model" value=".."/>``, ``<param name="firmwareVer">..</param>``, ONVIF's
  ``<SimpleItem Name=.. Value=../>``) is read as a member of that name (netscan/parsers/_util.py ``_RECORD_NAME``),
  and the field-name conventions decide what it names;
* the abbreviated model keys of client libraries (Home Assistant's MQTT discovery device block: ``mdl``, beside
  ``mf`` and ``sw``) and ``prod``-abbreviated keys (``prodModel``, ``prod_name``);
* the URLs a client wrote for a device in a text no protocol reader took (a log, a configuration: protocol
  ``other``) are read by the path and API conventions (netscan/parsers/http.py ``text_client_urls``).

Every class has counter-examples: a part's record, a user-set name, a record of another kind, a non-camera's model,
a link to a web site, a markup page's links."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.parsers import fields as parse_fields
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB

MODEL = "XQ-4521WF"
FIRMWARE = "V2.7.31.180611"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _ident(db: SignatureDB, protocol: str, raw: str, port: int | None = 80, request: str = "GET /") -> Identification:
    return identify(Observation(None, None, (Response(protocol, raw, port, request),)), db)


def _json(db: SignatureDB, doc: object) -> Identification:
    return _ident(db, "http", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps(doc))


def _xml(db: SignatureDB, body: str) -> Identification:
    return _ident(db, "http", "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + body)


def _text(db: SignatureDB, raw: str) -> Identification:
    return _ident(db, "other", raw, port=None, request="")


# ------------------------------------------------------------------ property records


@pytest.mark.parametrize(("model_key", "firmware_key"), [
    ("devModel", "softVer"), ("DeviceModel", "SoftwareVersion"), ("hwModel", "fwRev"), ("deviceModelName", "firmwareRevision"),
    ("model_name", "sw_version"), ("Model No.", "Firmware Ver."), ("productModel", "currentFirmwareVersion"),
])
def test_json_property_records_of_any_key_spelling(db: SignatureDB, model_key: str, firmware_key: str) -> None:
    # {"name": ..., "value": ...} records as a settings page's or a client library's property list keeps them
    got = _json(db, {"params": [{"name": model_key, "value": MODEL}, {"name": firmware_key, "value": FIRMWARE},
                                {"name": "serial", "value": "AB123456"}]})
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)
    got = _json(db, [{"Name": model_key, "Value": MODEL}, {"Name": firmware_key, "Value": FIRMWARE}])
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)
    got = _json(db, {"info": [{"key": model_key, "val": MODEL}, {"key": firmware_key, "val": FIRMWARE}]})
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)


def test_table_of_pairs_with_abbreviated_names(db: SignatureDB) -> None:
    got = _json(db, {"rows": [["devModel", MODEL], ["softVersion", FIRMWARE]]})
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)


@pytest.mark.parametrize("body", [
    f'<root><item name="Model" value="{MODEL}"/><item name="SoftwareVersion" value="{FIRMWARE}"/></root>',
    f'<root><param name="deviceModel">{MODEL}</param><param name="firmwareVer">{FIRMWARE}</param></root>',
    f'<root><SimpleItem Name="Model" Value="{MODEL}"/><SimpleItem Name="FirmwareVersion" Value="{FIRMWARE}"/></root>',
    f'<properties><property key="devModel">{MODEL}</property><property key="fwVersion">{FIRMWARE}</property></properties>',
])
def test_xml_property_elements(db: SignatureDB, body: str) -> None:
    got = _xml(db, body)
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)


def test_xml_property_element_is_read_as_a_member_of_its_parent() -> None:
    f = parse_fields(Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n"
                                      f'<root><info><item name="devModel" value="{MODEL}"/></info></root>', 80, "GET /"))
    assert f.get("http.xml.root/info/devModel") == [MODEL]


@pytest.mark.parametrize("name", ["Sensor Model", "chipModel", "lens_model", "Temperature", "Uptime", "Channel"])
def test_records_of_parts_and_other_kinds_name_no_model(db: SignatureDB, name: str) -> None:
    got = _json(db, {"params": [{"name": name, "value": MODEL}, {"name": "serial", "value": "AB123456"}]})
    assert got.model is None
    got = _xml(db, f'<root><item name="{name}" value="{MODEL}"/></root>')
    assert got.model is None


def test_record_of_a_user_set_name_is_no_model(db: SignatureDB) -> None:
    # the name its owner gave the device, even one shaped like a code, is not its model
    assert _json(db, {"params": [{"name": "deviceName", "value": "GarageCam2"}, {"name": "alias", "value": "XQ-4521"}]}).model is None
    assert _json(db, {"deviceName": MODEL}).model is None


def test_record_with_a_value_key_and_children_is_read_by_its_value_attribute(db: SignatureDB) -> None:
    got = _xml(db, f'<root><param name="devModel" value="{MODEL}"><desc>the device model</desc></param></root>')
    assert got.model == MODEL


# ------------------------------------------------------------------ abbreviated keys


def test_home_assistant_mqtt_device_abbreviations(db: SignatureDB) -> None:
    # homeassistant/components/mqtt/abbreviations.py DEVICE_ABBREVIATIONS: mf manufacturer, mdl model, sw sw_version
    got = _json(db, {"dev": {"ids": ["cam1"], "name": "Porch", "mf": "Hangzhou Hikvision Digital Technology Co., Ltd.",
                             "mdl": MODEL, "sw": FIRMWARE}})
    assert (got.vendor, got.model, got.firmware) == ("Hikvision", MODEL, FIRMWARE)


@pytest.mark.parametrize("key", ["mdl", "Mdl", "MDL", "prodModel", "prod_model", "ProdModel"])
def test_abbreviated_model_keys(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: MODEL, "serialNumber": "AB123456"}).model == MODEL
    assert _ident(db, "http", f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n{key}={MODEL}\r\nserial=AB123456\r\n").model == MODEL


@pytest.mark.parametrize("key", ["prodName", "prod_name", "ProdName"])
def test_abbreviated_product_name_keys(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: MODEL}).model == MODEL


def test_a_non_cameras_abbreviated_model_key_makes_no_camera(db: SignatureDB) -> None:
    # an ESP32 board's MQTT discovery block: its model is read, and it stays what it is (no camera)
    got = _json(db, {"dev": {"ids": ["irrigation_ctrl"], "name": "Irrigation Controller", "mf": "DIY", "mdl": "Nano ESP32", "sw": "1.0.3"}})
    assert got.model == "Nano ESP32"
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


@pytest.mark.parametrize("key", ["mdlName2", "remodel", "modelling", "prodId", "production"])
def test_words_that_only_contain_the_abbreviations_are_no_model_keys(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: MODEL}).model is None


# ------------------------------------------------------------------ client URLs in a text


@pytest.mark.parametrize(("line", "vendor"), [
    ("2023-01-01 12:00:00 INFO opening rtsp://admin:x@10.0.0.2:554/Streaming/Channels/101", "Hikvision"),
    ("[go2rtc] streams: front: rtsp://admin:x@192.168.1.20:554/cam/realmonitor?channel=1&subtype=0", "Dahua"),
    ("ffmpeg -i rtsp://admin:x@192.168.1.30:554/h264Preview_01_main -c copy out.mp4", "Reolink"),
    ("DEBUG GET http://192.168.1.64/ISAPI/System/deviceInfo -> 401", "Hikvision"),
    ("requests: http://camera-1/cgi-bin/magicBox.cgi?action=getSystemInfo timed out", "Dahua"),
    ("POST http://192.168.1.40/stw-cgi/system.cgi?msubmenu=deviceinfo&action=view", "Hanwha Vision"),
])
def test_urls_a_client_wrote_in_a_log_name_the_maker(db: SignatureDB, line: str, vendor: str) -> None:
    assert _text(db, line).vendor == vendor


def test_a_link_to_a_web_site_is_no_request_to_the_device(db: SignatureDB) -> None:
    # documentation pasted in a text: a public host's URL says nothing about the device in question
    got = _text(db, "See https://www.example.com/docs/ISAPI/System/deviceInfo and https://example.org/cgi-bin/magicBox.cgi?action=getSystemInfo")
    assert got.vendor is None


def test_a_markup_pages_links_are_not_read_as_client_urls() -> None:
    page = '<html><body><a href="http://192.168.1.64/ISAPI/System/deviceInfo">camera 1</a></body></html>'
    f = parse_fields(Response("other", page, None, ""))
    assert "http.client-url" not in f


def test_a_refused_path_in_a_log_counts_for_nothing() -> None:
    f = parse_fields(Response("other", "GET http://192.168.1.64/ISAPI/System/deviceInfo 404 Not Found\nretrying", None, ""))
    assert "http.client-url" not in f


def test_a_restreamers_own_loopback_url_names_no_camera() -> None:
    f = parse_fields(Response("other", "serving rtsp://127.0.0.1:8554/Streaming/Channels/101 to clients", None, ""))
    assert "rtsp.client-url" not in f


def test_a_video_software_api_url_in_a_log_makes_no_camera(db: SignatureDB) -> None:
    # a NAS's surveillance software's own API (not a camera maker's path)
    got = _text(db, "2024-01-01 INFO GET http://192.168.1.5:5000/webapi/entry.cgi?api=SYNO.SurveillanceStation.Camera&method=List&version=9")
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


# ------------------------------------------------------------------ a kind-of-device label before a model


@pytest.mark.parametrize(("text", "model"), [
    ("Router: Nighthawk R7800\nFirmware: V1.0.2.36", "R7800"),
    ("- Camera: Reolink RLC-811A at 192.168.0.92\n- Ports available: 3000", "RLC-811A"),
    ("NVR: DS-7608NI-K2 (8 channels)\nFirmware: V4.1.0", "DS-7608NI-K2"),
    ("Doorbell: DB-4521WF\n", "DB-4521WF"),
    ("Product: RICOH SP 377SFNwX\nSerialNumber: RH11117C", "SP 377SFNwX"),
])
def test_a_kind_label_before_a_model_code(db: SignatureDB, text: str, model: str) -> None:
    assert _text(db, text).model == model


@pytest.mark.parametrize("text", [
    "Camera: Front door\nStatus: online", "Camera: CAM2\n", "Device: /dev/video0\nDriver: uvcvideo", "Product: Windows 10 Pro\n",
    "Device: V2.0.14\n", "Hardware: 8H01A38PBVD53ED\n", "Camera: front_door_2\n",
])
def test_a_kind_label_before_a_name_or_a_version_is_no_model(db: SignatureDB, text: str) -> None:
    assert _text(db, text).model is None


def test_a_model_key_beats_a_kind_label(db: SignatureDB) -> None:
    got = _json(db, {"camera": "Garage QX-9917AB", "model": MODEL})
    assert got.model == MODEL


def test_a_kind_label_of_a_non_camera_makes_no_camera(db: SignatureDB) -> None:
    got = _text(db, "Router: Nighthawk R7800\nFirmware: V1.0.2.36")
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


def test_an_rtmp_stream_url_in_a_configuration_names_its_maker(db: SignatureDB) -> None:
    # Reolink's RTMP stream names (/bcs/channel<n>_<stream>.bcs) in a restreamer's configuration
    cfg = "cameras:\n  front:\n    ffmpeg:\n      inputs:\n        - path: rtmp://192.168.1.10/bcs/channel0_main.bcs?channel=0&stream=0\n"
    assert _text(db, cfg).vendor == "Reolink"
    assert _text(db, "see rtmp://live.example.com/bcs/channel0_main.bcs for the format").vendor is None


# ------------------------------------------------------------------ OCF platform keys, a firmware object's current member


def test_ocf_platform_resource_keys(db: SignatureDB) -> None:
    # IoTivity octypes.h: mnmn manufacturer name, mnmo model number, mnfv firmware version (mnhw hardware, mnos OS)
    got = _json(db, {"ocf": {"mnmn": "Hanwha Techwin", "mnmo": MODEL, "mnfv": FIRMWARE, "mnhw": "1.0", "mnos": "Linux 3.4.35", "vid": "x"}})
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)
    assert db.plan_for_field("http.json.ocf.mnmn").manufacturer


def test_ocf_hardware_and_os_versions_are_no_firmware(db: SignatureDB) -> None:
    assert _json(db, {"ocf": {"mnmo": MODEL, "mnhw": "1.0.2", "mnos": "3.4.35", "mnpv": "2.0.1"}}).firmware is None


@pytest.mark.parametrize(("parent", "member"), [("firmware", "current"), ("fw", "installed"), ("software", "running"), ("Firmware", "Active")])
def test_a_firmware_objects_current_member(db: SignatureDB, parent: str, member: str) -> None:
    got = _json(db, {"model": MODEL, parent: {member: FIRMWARE, "latest": "V2.9.0.200101"}})
    assert got.firmware == FIRMWARE


@pytest.mark.parametrize("doc", [
    {"model": MODEL, "firmware": {"latest": "V2.8.0.1", "available": "V2.8.1.1"}},  # what an update check offers
    {"model": MODEL, "app": {"current": "3.1.0.2"}},  # an application's version
    {"model": MODEL, "device": {"current": "0.5.1"}},  # an electric current, a device object's other member
    {"model": MODEL, "battery": {"current": "1.2.3"}},
])
def test_other_current_members_are_no_firmware(db: SignatureDB, doc: object) -> None:
    assert _json(db, doc).firmware is None


# ------------------------------------------------------------------ release and string spellings of the firmware key


@pytest.mark.parametrize("key", ["firmwareRelease", "fwRelease", "fw_rel", "softwareRelease", "swRelease", "firmware_string",
                                 "FirmwareString", "fw_str"])
def test_release_and_string_spellings_of_the_firmware_key(db: SignatureDB, key: str) -> None:
    assert _json(db, {"model": MODEL, key: FIRMWARE}).firmware == FIRMWARE


@pytest.mark.parametrize("key", ["firmwareReleaseDate", "releaseNotes", "appRelease", "latestFirmwareRelease", "hwRelease"])
def test_release_dates_notes_and_other_releases_are_no_firmware(db: SignatureDB, key: str) -> None:
    assert _json(db, {"model": MODEL, key: "2.1.0.5"}).firmware is None


def test_a_software_release_yields_to_a_firmware_release(db: SignatureDB) -> None:
    assert _json(db, {"softwareRelease": "3.0.1.2", "firmwareRelease": FIRMWARE}).firmware == FIRMWARE
    assert _json(db, {"firmwareRelease": FIRMWARE, "softwareRelease": "3.0.1.2"}).firmware == FIRMWARE


def test_a_model_display_name_is_the_model_as_marketed(db: SignatureDB) -> None:
    assert _json(db, {"modelName": "TS-X51", "modelDisplayName": "TS-451"}).model == "TS-451"


# ------------------------------------------------------------------ make-and-model keys in any spelling


@pytest.mark.parametrize("key", ["printer-make-and-model", "make_and_model", "makeAndModel", "CameraMakeAndModel", "device-make-and-model"])
def test_make_and_model_keys_in_a_document(db: SignatureDB, key: str) -> None:
    got = _json(db, {key: "Acme XQ-4521WF Series"})
    assert got.model == MODEL


def test_make_and_model_of_words_only_is_no_model(db: SignatureDB) -> None:
    assert _json(db, {"printer-make-and-model": "Generic PostScript Printer"}).model is None


# ------------------------------------------------------------------ a report form's bold labels and label phrases


@pytest.mark.parametrize("text", [
    f"**Router Model Affected**\n{MODEL}\n\n**Firmware Version Affected**\n{FIRMWARE}\n\nSo it allows me to ping.",
    f"### Which camera model do you use?\n\n{MODEL}\n\n### What firmware is it running?\n\n{FIRMWARE}\n",
    f"**Camera model:**\n{MODEL}\n**Firmware:**\n{FIRMWARE}\n",
])
def test_a_report_forms_labels_and_answers(db: SignatureDB, text: str) -> None:
    got = _text(db, text)
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)


@pytest.mark.parametrize("text", [
    "**Phone model**\nPixel 7\n**App version**\n3.2.1\n",  # the reporter's phone and app
    "### Home Assistant version\n\n2023.5.1\n",
    "**Steps to reproduce**\n1. open XQ-4521WF page\n2. close it\n",  # a list under a bold label: prose
    "**Integration model version**\nV2.7.31\n",
])
def test_labels_about_other_things_or_prose_are_no_device_fields(db: SignatureDB, text: str) -> None:
    got = _text(db, text)
    assert got.model is None
    assert got.firmware is None


def test_a_cut_xml_bodys_cdata_elements_are_read(db: SignatureDB) -> None:
    # the middle of a QDocRoot answer (its start cut: no parse): text-only elements holding one CDATA section
    raw = ("<authPassed><![CDATA[1]]></authPassed><model><modelName><![CDATA[TS-X73]]></modelName>"
           "<displayModelName><![CDATA[TVS-673]]></displayModelName></model>\n<firmware><name><![CDATA[QTS]]></name>")
    f = parse_fields(Response("other", raw, None, ""))
    assert any(k.endswith("displayModelName") and v == ["TVS-673"] for k, v in f.items())
    assert _text(db, raw).model == "TVS-673"


# ------------------------------------------------------------------ a kind label types the device


@pytest.mark.parametrize(("text", "kind"), [
    ("- Camera: Reolink RLC-811A at 192.168.0.92\n- Ports available: 3000", "camera"),
    ("NVR:         Model RLN16-410 Firmware: 3.0.0.186._22062406\n", "nvr"),
    ("DVR: DS-7204HGHI-F1\n", "dvr"),
    ("Doorbell: DB-4521WF\n", "doorbell"),
])
def test_a_kind_label_before_a_model_code_types_the_device(db: SignatureDB, text: str, kind: str) -> None:
    assert _text(db, text).device_type == kind


@pytest.mark.parametrize("text", [
    "Camera: 48MP + 12MP\nBattery: 4500mAh\n",  # a phone's specification: resolutions, no model code
    "Camera: Front door\n", "Camera: front_door_2\n", "Camera: CAM2\n",
    "Recorder: V2.0.14\n",
])
def test_a_kind_label_before_no_model_code_types_nothing(db: SignatureDB, text: str) -> None:
    got = _text(db, text)
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell")
    assert got.model is None


def test_a_kind_label_inside_a_list_of_cameras_types_nothing(db: SignatureDB) -> None:
    got = _json(db, {"cameras": {"front": {"camera": "XQ-4521WF", "enabled": True}, "back": {"camera": "XQ-4522WF"}}})
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell")


# ------------------------------------------------------------------ ONVIF's discovery answer under the ONVIF protocol


def test_a_ws_discovery_probe_match_recorded_as_onvif_is_read_as_ws_discovery(db: SignatureDB) -> None:
    scopes = (f"onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/hardware/{MODEL} "
              "onvif://www.onvif.org/name/Acme onvif://www.onvif.org/location/country/china")
    pm = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><d:ProbeMatches '
          'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter</d:Types>'
          f"<d:Scopes>{scopes}</d:Scopes><d:XAddrs>http://192.168.1.10/onvif/device_service</d:XAddrs></d:ProbeMatch>"
          "</d:ProbeMatches></s:Body></s:Envelope>")
    f = parse_fields(Response("onvif", pm, 3702, ""))
    assert f"onvif://www.onvif.org/hardware/{MODEL}" in f.get("wsd.scope", [])
    got = identify(Observation(None, None, (Response("onvif", pm, 3702, ""),)), db)
    assert got.model == MODEL


def test_an_onvif_device_information_answer_gets_no_discovery_fields() -> None:
    di = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetDeviceInformationResponse '
          'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Manufacturer>Acme</tds:Manufacturer><tds:Model>'
          f"{MODEL}</tds:Model><tds:FirmwareVersion>{FIRMWARE}</tds:FirmwareVersion></tds:GetDeviceInformationResponse></s:Body></s:Envelope>")
    f = parse_fields(Response("onvif", di, 80, "GetDeviceInformation"))
    assert not any(k.startswith("wsd.") for k in f)
    assert f.get("onvif.Model") == [MODEL]


# ------------------------------------------------------------------ the request recorded with an answer of no protocol


@pytest.mark.parametrize(("request_line", "vendor"), [
    ("GET /ISAPI/System/deviceInfo [authenticated]", "Hikvision"),
    ("GET /cgi-bin/magicBox.cgi?action=getSystemInfo", "Dahua"),
    ("/stw-cgi/system.cgi?msubmenu=deviceinfo&action=view", "Hanwha Vision"),
    ("rtsp://10.0.0.2/Streaming/Channels/101 DESCRIBE", "Hikvision"),
])
def test_the_path_a_client_asked_for_names_the_api_maker(db: SignatureDB, request_line: str, vendor: str) -> None:
    r = Response("other", "statusCode=4\nstatus=Invalid Operation\n", 80, request_line)
    assert identify(Observation(None, None, (r,)), db).vendor == vendor


@pytest.mark.parametrize(("request_line", "raw"), [
    ("snmpwalk -v2c -c public 192.168.1.10", "statusCode=4\n"),  # a request described in words
    ("GET /", "statusCode=4\n"),
    ("GET /ISAPI/System/deviceInfo", "HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n"),  # an answer recorded whole
    ("GET /ISAPI/System/deviceInfo", "404 Not Found\n<html>nothing here</html>"),  # a refusal
    ("rtsp://127.0.0.1:8554/Streaming/Channels/101", "ok\n"),  # a restreamer's own loopback URL
])
def test_requests_that_name_no_path_of_the_device(request_line: str, raw: str) -> None:
    f = parse_fields(Response("other", raw, 80, request_line))
    assert "http.client-url" not in f and "rtsp.client-url" not in f


# ------------------------------------------------------------------ a platform's private port as the answer's port


@pytest.mark.parametrize(("port", "vendor"), [(37777, "Dahua"), (34567, "Xiongmai"), (6036, "TVT")])
def test_an_answer_from_a_platforms_private_port(db: SignatureDB, port: int, vendor: str) -> None:
    r = Response("other", "\x00\x01 binary answer", port, "")
    got = identify(Observation(None, None, (r,)), db)
    assert got.vendor == vendor
    # the port names the platform's maker, never a type (a video-only maker's default type is resolve's, as for a port table)
    assert all("device_type" not in e.extracted for e in got.evidence if e.source.startswith("port-"))


@pytest.mark.parametrize("port", [3777, 34568, 60360, 8000, 554])
def test_other_ports_name_nobody(db: SignatureDB, port: int) -> None:
    r = Response("other", "\x00\x01 binary answer", port, "")
    assert identify(Observation(None, None, (r,)), db).vendor is None


def test_an_answers_header_lines_pasted_alone_are_no_client_urls() -> None:
    # the device's own Location / Content-Base URLs in its answer's headers (recorded without the status line)
    raw = "Server: Webs\r\nLocation: http://192.168.1.64/doc/page/login.asp\r\nContent-Type: text/html\r\n"
    f = parse_fields(Response("other", raw, None, ""))
    assert "http.client-url" not in f
