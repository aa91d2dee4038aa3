"""Fields a device's own text names plainly but no convention selected (session 17, lane fields8), each read end to
end on the recorded training example and on a constructed variant that shows it holds for another maker or
spelling, with counter-examples that must stay unread:

- a text the protocol's own reader finds nothing in is read as text (netscan/parsers/__init__.py): an SNMP
  client's debug log, a DNS-SD browser's TXT listing, a report's ``Firmware:`` line;
- a firmware code followed by a day-month-year date (netscan/identify/firmware.py);
- a maker's name as the prefix of an os-release vendor key (netscan/identify/keymakers.py);
- a device-class code in a type / kind / category field, a ``system_version`` key
  (signatures/families/fields-conventions.yaml);
- a bare ``version`` in the answer to a software-version request (signatures/fingerprints/conventions-fields.yaml).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.firmware import firmware_extent
from netscan.identify.keymakers import os_release_vendor
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import SignatureDB

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _corpus(db: SignatureDB, rel: str) -> Identification:
    (obs,) = load_path(CORPUS / rel)
    return identify(obs, db)


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


# ------------------------------------------------------------------ a text the protocol's reader found nothing in
def test_snmp_debug_log_lines_are_read(db: SignatureDB) -> None:
    # brother/fwupd issue 26: an SNMP client's debug log recorded as the SNMP answer; its MODEL=/FIRMVER= lines
    got = _corpus(db, "noncameras/brother-ads-4300n_snmp-debug-log-brother-printer-fwupd26.json")
    assert (got.model, got.firmware) == ("ADS-4300N", "2.52")


def test_dns_sd_txt_listing_is_read(db: SignatureDB) -> None:
    # OpenPrinting/ipp-usb issue 109: an avahi-browse listing recorded as the mDNS answer
    got = _corpus(db, "noncameras/brother-mfc-l8390cdw_dns-sd-txt-ipp-usb109.json")
    assert got.vendor == "Brother"
    assert got.model is not None and got.model.startswith("MFC-L8390CDW")


def test_report_lines_under_another_protocol_are_read(db: SignatureDB) -> None:
    # constructed: a maker's report pasted as an ONVIF answer, where the ONVIF reader finds no SOAP
    raw = "Camera report\n\nManufacturer: Acme Vision\nFirmware version: V3.2.1 build 230101\nSerial: ABC123\n"
    f = fields(Response("onvif", raw))
    assert any(k.startswith("onvif.kv.") for k in f)
    assert _id(db, Response("onvif", raw)).firmware == "V3.2.1 build 230101"


def test_a_read_answer_is_not_read_again_as_text(db: SignatureDB) -> None:
    # an SNMP walk the SNMP reader reads: no text fields are added beside its own
    raw = 'SNMPv2-MIB::sysDescr.0 = STRING: "Linux cam 3.10.14"\nSNMPv2-MIB::sysName.0 = STRING: "cam"\n'
    f = fields(Response("snmp", raw))
    assert "snmp.sysDescr" in f
    assert not any(k.startswith("snmp.kv.") for k in f)


# ------------------------------------------------------------------ a code's release date
def test_day_month_year_date_after_a_code(db: SignatureDB) -> None:
    # Ircama/epson_print_conf issue 116: "Firmware: YB30IB 30 Nov 2018"
    assert _corpus(db, "noncameras/epson-ep-777a_printer-status-dict-epson-print-conf116.json").firmware == "YB30IB"
    assert firmware_extent("YB30IB 30 Nov 2018") == "YB30IB"
    assert firmware_extent("V2.1.7 9 January 2021") == "V2.1.7"         # constructed: a dotted version, a long month


@pytest.mark.parametrize("value", ["hello 30 Nov 2018", "ABCD 12 Dec 2020", "2018 30 Nov 2018", "YB30IB"])
def test_no_code_no_cut(value: str) -> None:
    assert firmware_extent(value) == value


# ------------------------------------------------------------------ os-release vendor keys
def test_os_release_vendor_key_names_the_maker(db: SignatureDB) -> None:
    # Filipowicz251/mijia-1080P-hacks issue 47: XIAOMI_VERSION=3.4.2_0159 under Buildroot's NAME=/ID=
    got = _corpus(db, "white-label/xiaomi-mijia-1080p-camera_hack-script-log-os-version-mijia1080p47.json")
    assert (got.vendor, got.firmware) == ("Xiaomi", "3.4.2_0159")


def test_os_release_vendor_key_of_another_maker(db: SignatureDB) -> None:
    # constructed: another maker's image with the same layout
    raw = "NAME=Buildroot\nVERSION=2019.02\nID=buildroot\nVERSION_ID=2019.02\nHIKVISION_VERSION=5.5.0\n"
    assert _id(db, Response("telnet", raw)).vendor == "Hikvision"


@pytest.mark.parametrize("raw", [
    "NAME=Buildroot\nID=buildroot\nOPENIPC_VERSION=2.4.08.16\nGITHUB_VERSION=master\n",     # a firmware project, no maker
    "XIAOMI_VERSION=3.4.2_0159\nPYTHON_VERSION=3.11\n",                                       # no os-release lines
    "NAME=Buildroot\nID=buildroot\nBUILDROOT_VERSION=2019.02\n",                              # a build system's key
    "NAME=Buildroot\nID=buildroot\nSUPPORT_VERSION=2\nGOOGLE_VERSION=1.2.3\n",               # a standard prefix; an ignored word
])
def test_os_release_keys_that_name_nobody(db: SignatureDB, raw: str) -> None:
    resp = Response("other", raw)
    assert os_release_vendor(db, fields(resp), "other", resp, []) is None


# ------------------------------------------------------------------ device-class codes
def test_class_code_types_a_kasa_camera(db: SignatureDB) -> None:
    # plasticrake/tplink-smarthome-api issue 98: "type":"IOT.IPCAMERA"
    got = _corpus(db, "tp-link/kasa-kc100_discovery-get-sysinfo-tplink-smarthome-api98.json")
    assert got.device_type == "camera"


def test_class_code_types_an_abode_camera(db: SignatureDB) -> None:
    # MisterWil/abodepy tests/mock/devices/ir_camera.py: "type_tag":"device_type.ir_camera"
    assert _corpus(db, "abode/abode-motion-camera_device-json-abodepy-mock.json").device_type == "camera"


def test_class_code_of_another_platform(db: SignatureDB) -> None:
    # constructed: another namespace and key spelling, and a doorbell class
    cam = {"result": {"device_category": "home.ip_camera", "fw": "1.0.4"}}
    bell = {"device": {"deviceType": "SMART.DOORBELL"}}
    assert _id(db, Response("http", json.dumps(cam))).device_type == "camera"
    assert _id(db, Response("http", json.dumps(bell))).device_type == "doorbell"


@pytest.mark.parametrize("record", [
    {"type": "camera"},                                   # a bare word: any system's entity kind
    {"type": "IOT.SMARTPLUGSWITCH"},                      # a plug's class
    {"devices": [{"type": "IOT.IPCAMERA"}], "type": "hub"},   # a hub's list of other devices
    {"type_tag": "device_type.door_contact"},
])
def test_class_codes_that_do_not_say_camera(db: SignatureDB, record: dict[str, object]) -> None:
    assert _id(db, Response("http", json.dumps(record))).device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ system_version
def test_system_version_is_the_firmware(db: SignatureDB) -> None:
    # home-assistant/core issue 124012: Yamaha getDeviceInfo system_version 1.88 beside api_version 2.15
    assert _corpus(db, "noncameras/yamaha-rx-v585_getdeviceinfo-json-ha-core124012.json").firmware == "1.88"
    # constructed: camel case, and a firmware key beside it wins
    assert _id(db, Response("http", json.dumps({"systemVersion": "V2.1.7", "model": "X1"}))).firmware == "V2.1.7"
    both = {"system_version": "4.4.2", "firmware_version": "V5.5.0"}
    assert _id(db, Response("http", json.dumps(both))).firmware == "V5.5.0"


# ------------------------------------------------------------------ version in a software-version answer
def test_version_answer_to_a_software_version_request(db: SignatureDB) -> None:
    # RCooLeR/DahuaBridge driver_test.go: magicBox getSoftwareVersion answers "version=1.2.3, build:2026-04-27"
    assert _corpus(db, "dahua/dahua-vto_magicbox-kv-dahuabridge-test.json").firmware == "1.2.3"


def test_version_answer_of_another_api(db: SignatureDB) -> None:
    # constructed: a JSON answer to /api/getFirmwareVersion; and the same body to another request is not read
    raw = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"version": "5.4.132"}'
    asked = Response("http", raw, request="GET /api/getFirmwareVersion HTTP/1.1")
    other = Response("http", raw, request="GET /api/v2/ HTTP/1.1")
    assert _id(db, asked).firmware == "5.4.132"
    assert _id(db, other).firmware is None


# ------------------------------------------------------------------ a short maker name in title case
def test_title_case_short_name_before_a_device_noun(db: SignatureDB) -> None:
    # roleoroleo/yi-hack-Allwinner issue 279: "It's a Yi 1080p Home Camera IFUS"
    assert _corpus(db, "white-label/yi-1080p-home-camera-ifus_firmware-line-yi-hack-allwinner279.json").vendor == "YI"
    # constructed: another short name so written, before a recorder
    assert _id(db, Response("other", "Our Tvt recorder stopped recording last night.\nAny idea?")).vendor == "TVT"


@pytest.mark.parametrize("text", [
    "My camera stopped recording last night.",              # a possessive, no maker
    "Is the camera on the same network? It is a home camera.",
    "Yi said the camera works.",                            # a name, no device noun after it
])
def test_title_case_words_that_name_no_maker(db: SignatureDB, text: str) -> None:
    assert _id(db, Response("other", text)).vendor is None


# ------------------------------------------------------------------ a camera's imaging setting
def test_night_vision_setting_types_a_camera(db: SignatureDB) -> None:
    # evanjd/python-logi-circle tests/fixtures/accessory.json: configuration.nightVisionMode
    assert _corpus(db, "logitech/logi-circle-a1533_accessory-json-logi-circle-fixture.json").device_type == "camera"
    # bachya/simplisafe-python tests/fixtures/subscriptions_response.json: cameraSettings.nightVision
    assert _corpus(db, "simplisafe/simplisafe-ss001_camera-record-json-simplisafe-python-fixture.json").device_type == "camera"


def test_ir_cut_setting_of_another_api(db: SignatureDB) -> None:
    # constructed: an ONVIF imaging answer's IrCutFilter; a device record's day/night switch
    xml = ("<ImagingSettings><Brightness>50</Brightness><IrCutFilter>AUTO</IrCutFilter></ImagingSettings>")
    assert _id(db, Response("http", xml)).device_type == "camera"
    assert _id(db, Response("http", json.dumps({"video": {"day_night_mode": "auto"}}))).device_type == "camera"


@pytest.mark.parametrize("record", [
    {"cameras": [{"nightVisionMode": "auto"}], "model": "VMB4000"},    # a hub's list of its cameras
    {"nightVisionModes": ["auto", "on", "off"]},                         # the modes an app offers
    {"night_light": "on", "mode": "auto"},                               # a lamp's night light
])
def test_settings_that_do_not_say_camera(db: SignatureDB, record: dict[str, object]) -> None:
    assert _id(db, Response("http", json.dumps(record))).device_type not in VIDEO_TYPES
