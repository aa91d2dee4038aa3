"""Client libraries' device records (fixtures2 lane): the keys and codes each library's record carries, read end to
end from the shapes people paste -- the API's JSON, the library's own print of it (a Python dict or dataclass repr) --
and the values that stand where a model belongs without being one (a serial, a MAC, a placeholder). Shapes follow the
libraries' code and fixtures cited per test; every reading has a counter-example (another system's record with the
same keys, a look-alike value)."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.identify.modelname import model_generic
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.sigdb import SignatureDB


def _id(db: SignatureDB, raw: str, protocol: str = "other") -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw),)), db)


# ------------------------------------------------------------------ Blink (fronzbot/blinkpy)
# blinkpy/api.py @45ba46e6: request_get_config() by product_type "owl" or "catalina"; the homescreen camera record
# (id, name, serial, fw_version, type, thumbnail /media/production/account/<id>/network/<id>/camera/<id>/..., network_id)
BLINK_HOMESCREEN = {"cameras": [{"id": 193210, "name": "Camera", "serial": "G8T1-0000-0000-0000", "fw_version": "10.72",
                                 "type": "catalina", "enabled": True, "thumbnail": "/media/production/account/1234/network/189117/camera/193210/clip",
                                 "status": "online", "battery": "ok", "network_id": 189117}]}


def test_blink_camera_record_names_blink(db: SignatureDB) -> None:
    got = _id(db, json.dumps(BLINK_HOMESCREEN, indent=2))
    assert got.vendor == "Blink" and got.device_type == "camera" and got.firmware == "10.72"


def test_blinkpy_attributes_print_names_blink(db: SignatureDB) -> None:
    # the same record as blinkpy's camera.attributes prints it (a Python dict: single quotes, True/None)
    attrs = ("{'name': 'Front', 'camera_id': '5678', 'serial': 'G8T1-0000-0000-0001', 'battery': 'ok', 'thumbnail': None, "
             "'motion_enabled': True, 'wifi_strength': -56, 'network_id': '10', 'sync_module': 'Home', 'type': 'lotus', 'version': '10.70'}")
    got = _id(db, attrs)
    assert (got.vendor, got.device_type) == ("Blink", "doorbell")


@pytest.mark.parametrize("record", [
    {"name": "laptop", "type": "catalina", "build": "19H2"},      # macOS Catalina as another record's type
    {"species": "barn", "type": "owl", "network_id": "birds"},    # a word, and a network id that is no Blink number
])
def test_blink_codenames_alone_name_nobody(db: SignatureDB, record: dict[str, str]) -> None:
    got = _id(db, json.dumps(record))
    assert got.vendor != "Blink" and got.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ Google Nest (Smart Device Management API)
# developers.google.com/nest/device-access/api/doorbell: a device record's "type" sdm.devices.types.DOORBELL
def test_nest_sdm_device_record(db: SignatureDB) -> None:
    record = {"name": "enterprises/project-id/devices/device-id", "type": "sdm.devices.types.DOORBELL",
              "traits": {"sdm.devices.traits.Info": {"customName": "Front door"}}}
    got = _id(db, json.dumps(record))
    assert (got.vendor, got.device_type) == ("Google", "doorbell")
    thermostat = dict(record, type="sdm.devices.types.THERMOSTAT", traits={})
    got = _id(db, json.dumps(thermostat))
    assert got.vendor == "Google" and got.device_type not in VIDEO_TYPES


def test_google_home_device_types_are_any_maker_s(db: SignatureDB) -> None:
    # a cloud-to-cloud SYNC answer: every maker's camera declares action.devices.types.CAMERA to Google Home
    sync = {"devices": [{"id": "123", "type": "action.devices.types.CAMERA", "traits": ["action.devices.traits.CameraStream"]}]}
    assert _id(db, json.dumps(sync)).vendor != "Google"


# ------------------------------------------------------------------ a library's print of its parsed record
def test_a_python_literal_record_is_read_as_the_body_it_was(db: SignatureDB) -> None:
    # JurajNyiri/pytapo getBasicInfo() as printed: the JSON answer turned into a Python dict
    printed = ("{'device_info': {'basic_info': {'device_type': 'SMART.IPCAMERA', 'device_model': 'C200', 'device_name': 'C200 2.0', "
               "'device_info': 'C200 2.0 IPC', 'hw_version': '2.0', 'sw_version': '1.1.18 Build 220518 Rel.53137n(4555)', 'features': 3, "
               "'is_cal': True, 'barcode': ''}}}")
    got = _id(db, printed)
    assert (got.vendor, got.model, got.device_type) == ("TP-Link", "C200", "camera")
    assert got.firmware == "1.1.18 Build 220518 Rel.53137n"


# ------------------------------------------------------------------ what stands where a model belongs
@pytest.mark.parametrize("value", [
    "ACCC8E000000",            # a MAC written bare (Axis's serial is its MAC)
    "210235C3EN3190000000",    # Uniview's serial number
    "T8200P0000000000",        # Eufy's device_sn
    "202106091200",            # a timestamp / an id
])
def test_identifiers_are_no_model(value: str) -> None:
    assert model_generic(value)


@pytest.mark.parametrize("value", [
    "IPC3614SR3-ADPF28-F", "DS-2CD2386G2-IU", "WYZE_CAKP2JFUS", "T8200", "VMC4030P", "HI3516EV300_85H50AI", "GQ77S95FATXZG",
    "FI9821W", "C6CN", "RLC-810A", "DCS8000LHA1",
])
def test_model_codes_stay_models(value: str) -> None:
    assert not model_generic(value)


def test_a_record_with_its_serial_in_the_model_field(db: SignatureDB) -> None:
    rec = {"manufacturer": "Uniview", "model": "210235C3EN3190000000", "firmware": "IPC_G6103-B5013P12D1901"}
    got = _id(db, json.dumps(rec))
    assert got.vendor == "Uniview" and got.model is None
    rec = {"manufacturer": "Axis", "model": "ACCC8E000000", "firmwareVersion": "9.80.1"}
    got = _id(db, json.dumps(rec))
    assert got.vendor == "Axis" and got.model is None and got.firmware == "9.80.1"


# ------------------------------------------------------------------ a cloud API's list of the account's devices
# user2684/imouapi tests/const.py @11b212ab: deviceBaseDetailList's "deviceList" of one record (catalog, deviceId,
# version, deviceModel, brand, channels)
def _imou(*records: dict[str, object]) -> str:
    return json.dumps({"result": {"msg": "Operation is successful.", "code": "0",
                                  "data": {"count": len(records), "deviceList": list(records)}}, "id": "21"})


IMOU_RECORD = {"catalog": "IPC", "deviceId": "8L0DF93PAZ55FD2", "version": "2.680.0000000.25.R.220527",
               "channels": [{"channelName": "8L0DF93PAZ55FD2-1", "channelId": "0"}], "name": "webcam",
               "deviceModel": "Ranger2-C2", "brand": "imou", "status": "online"}


def test_the_only_member_of_a_device_list_is_the_device(db: SignatureDB) -> None:
    got = _id(db, _imou(IMOU_RECORD))
    assert got.model == "Ranger2-C2" and got.firmware == "2.680.0000000.25.R.220527"


def test_a_device_list_of_two_names_no_model(db: SignatureDB) -> None:
    other = dict(IMOU_RECORD, deviceId="7K0000000000000", deviceModel="Bullet2C")
    assert _id(db, _imou(IMOU_RECORD, other)).model is None


def test_a_device_list_member_without_a_version_names_no_model(db: SignatureDB) -> None:
    bare = {"deviceId": "8L0DF93PAZ55FD2", "deviceModel": "Ranger2-C2", "status": "online"}
    assert _id(db, _imou(bare)).model is None


# piekstra/tplink-cloud-api tests/wiremock/__files/tapo_get_device_list_response.json @f2131310: the cloud's
# getDeviceList records (deviceType, fwVer, deviceName, deviceHwVer, deviceModel; no maker key)
def _tplink_cloud(*records: dict[str, object]) -> str:
    return json.dumps({"error_code": 0, "result": {"deviceList": list(records)}})


def test_a_cloud_account_s_one_device_needs_no_maker_key(db: SignatureDB) -> None:
    camera = {"deviceType": "SMART.IPCAMERA", "role": 0, "fwVer": "1.3.7 Build 230512 Rel.53719n(4555)", "deviceName": "C200",
              "deviceHwVer": "4.0", "deviceModel": "C200", "status": 1}
    got = _id(db, _tplink_cloud(camera))
    assert got.vendor == "TP-Link" and got.model == "C200"


def test_a_cloud_account_s_plug_stays_a_plug(db: SignatureDB) -> None:
    plug = {"deviceType": "SMART.TAPOPLUG", "role": 0, "fwVer": "1.3.0 Build 230425 Rel.163532",
            "deviceName": "Tapo Mini Smart Wi-Fi Plug", "deviceHwVer": "1.0", "deviceModel": "P100", "status": 1}
    got = _id(db, _tplink_cloud(plug))
    assert got.model == "P100" and got.device_type not in VIDEO_TYPES
    bulb = dict(plug, deviceType="SMART.TAPOBULB", deviceModel="L530", deviceName="Tapo Smart Wi-Fi Light Bulb")
    assert _id(db, _tplink_cloud(plug, bulb)).model is None  # an account of two devices names neither


# ------------------------------------------------------------------ keys written as labels of words
# Home Assistant's reolink diagnostics (homeassistant/components/reolink/diagnostics.py: "model", "hardware version",
# "firmware version", "HTTP(S) port", ...) and other dumps keep human-readable member names
@pytest.mark.parametrize("key", ["Camera model", "Model name", "Product Name", "Device model", "Model No.", "Hardware Model"])
def test_a_label_key_reads_as_its_one_word_form(db: SignatureDB, key: str) -> None:
    got = _id(db, json.dumps({"Manufacturer": "Acme Vision", key: "QX-7731B", "Firmware version": "4.2.1"}))
    assert got.model == "QX-7731B" and got.firmware == "4.2.1"


def test_a_part_s_label_is_no_device_model(db: SignatureDB) -> None:
    got = _id(db, json.dumps({"Manufacturer": "Acme Vision", "Chip model": "QX-7731B", "Sensor model": "QZ-5500"}))
    assert got.model is None


def test_a_sentence_key_is_no_label(db: SignatureDB) -> None:
    got = _id(db, json.dumps({"the model of the camera in the hall is": "QX-7731B"}))
    assert got.model is None


def test_ha_reolink_diagnostics_keys(db: SignatureDB) -> None:
    diag = {"data": {"model": "RLC-811A", "hardware version": "IPC_523SD10", "firmware version": "v3.1.0.2174_23050905",
                     "HTTPS": True, "HTTP(S) port": 443, "WiFi connection": False, "RTSP enabled": True}}
    got = _id(db, json.dumps(diag))
    assert (got.vendor, got.model, got.firmware) == ("Reolink", "RLC-811A", "v3.1.0.2174_23050905")


# ------------------------------------------------------------------ a HomeKit accessory database after a log prefix
# HAP-NodeJS's controller debug log prints the accessory database behind a prefix (homebridge/HAP-NodeJS issue 976:
# "<time> attributeDatabase: {"accessories":[{"aid":1,"services":[{"type":"3E",...}]}]}"); HAP's short types
# 20 Manufacturer, 21 Model, 52 FirmwareRevision, 121 Doorbell (the HAP specification's type table)
def test_a_hap_database_behind_a_log_prefix(db: SignatureDB) -> None:
    database = {"accessories": [{"aid": 1, "services": [
        {"iid": 1, "type": "3E", "characteristics": [
            {"iid": 3, "type": "20", "format": "string", "value": "Logitech"},
            {"iid": 4, "type": "21", "format": "string", "value": "Circle View Doorbell"},
            {"iid": 7, "type": "52", "format": "string", "value": "8.10.67"}]},
        {"iid": 20, "type": "121", "characteristics": []}]}]}
    line = "2022-10-20T01:02:09.061Z attributeDatabase: " + json.dumps(database)
    got = _id(db, line[:-40])  # cut before its end, as a log excerpt is
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("Logitech", "Circle View Doorbell", "8.10.67", "doorbell")


def test_a_hap_database_of_a_lightbulb_stays_a_lightbulb(db: SignatureDB) -> None:
    database = {"accessories": [{"aid": 1, "services": [
        {"iid": 1, "type": "3E", "characteristics": [
            {"iid": 3, "type": "20", "format": "string", "value": "Philips"},
            {"iid": 4, "type": "21", "format": "string", "value": "LCT015"}]},
        {"iid": 10, "type": "43", "characteristics": []}]}]}
    got = _id(db, "debug attributeDatabase: " + json.dumps(database))
    assert got.model == "LCT015" and got.device_type not in VIDEO_TYPES


def test_a_bytes_key_with_a_blank_is_read_not_refused() -> None:
    # a Python bytes dict ({b'Camera model': ...}: a library's print of raw bytes) has non-str keys: still read
    from netscan.parsers import fields  # noqa: PLC0415

    f = fields(Response("http", "{b'Camera model': b'QX-7731B', b'model': b'DS-2CD2042WD-I'}"))
    assert "http.unreadable" not in f and f["http.json.model"] == ["DS-2CD2042WD-I"]
