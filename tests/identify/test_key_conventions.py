"""Identity keys in the other real conventions of device APIs, standards and client libraries (benchmarks/keys_robustness.py):
a standard's key spelling (Bluetooth Device Information Service, Zigbee ZCL Basic cluster, ENTITY-MIB outside a walk),
Axis's ProdNbr, a Kasa/Tapo code under Dahua's deviceType key, and the keys that look like identity keys but are another
thing's (a client phone's model, a sensor's, a hardware revision, an app's version). Each reading has a counter-example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.parsers.labels import STANDARD_KEYS, _alias
from netscan.sigdb import SignatureDB


def _id(db: SignatureDB, raw: str, protocol: str = "other") -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw),)), db)


# ------------------------------------------------------------------ standard keys, aliased (netscan/parsers/labels.py)

@pytest.mark.parametrize(("name", "alias"), [
    ("other.json.ModelNumberString", "other.json.ModelNumber"),            # Bluetooth DIS 0x2A24, as BLE clients key it
    ("other.json.device.model_number_string", "other.json.device.ModelNumber"),
    ("other.kv.Firmware Revision String", "other.kv.FirmwareRevision"),   # a label written with spaces
    ("http.json.manufacturerNameString", "http.json.Manufacturer"),
    ("other.json.modelIdentifier", "other.json.modelId"),                  # Zigbee ZCL Basic cluster 0x0005
    ("other.json.softwareBuildID", "other.json.SoftwareVersion"),          # ZCL SWBuildID 0x4000 (zigbee-herdsman)
    ("other.json.software_build_id", "other.json.SoftwareVersion"),        # zigbee2mqtt's device list
    ("http.json.inventory.entPhysicalModelName", "http.json.inventory.ModelName"),  # ENTITY-MIB in an NMS's export
])
def test_standard_keys_are_aliased_to_the_conventions_names(name: str, alias: str) -> None:
    assert _alias(name) == alias


@pytest.mark.parametrize("name", [
    "snmp.entPhysicalModelName",          # an SNMP walk's own object: read by its convention under that name
    "other.json.HardwareRevisionString",  # Bluetooth DIS 0x2A27: the hardware's revision, no firmware
    "other.json.modelNumber",             # a key the conventions read as written: no second copy
    "other.json.phoneModelNumberString",  # another thing's key (a phone's) is not in the table
    "other.json.appVersion",
])
def test_other_keys_are_not_aliased(name: str) -> None:
    assert _alias(name) == ""


def test_standard_key_table_names_only_keys_the_conventions_read(db: SignatureDB) -> None:
    # every alias target is read by a field-name convention or is a manufacturer field
    for target in set(STANDARD_KEYS.values()):
        plan = db.plan_for_field(f"other.json.{target}")
        assert plan.semantic or plan.manufacturer, target


def test_ble_device_information_record_is_read(db: SignatureDB) -> None:
    # a BLE client's print of a camera's Device Information Service (the characteristic names, camelCased)
    raw = json.dumps({"manufacturerNameString": "Reolink", "modelNumberString": "Argus 3 Pro",
                      "firmwareRevisionString": "v3.0.0.1889_23031700", "hardwareRevisionString": "IPC_NT15NA68MP"})
    got = _id(db, raw)
    assert got.vendor == "Reolink" and got.firmware == "v3.0.0.1889_23031700"


def test_ble_hardware_revision_is_no_firmware(db: SignatureDB) -> None:
    raw = json.dumps({"manufacturerNameString": "Reolink", "hardwareRevisionString": "3.2.1"})
    assert _id(db, raw).firmware is None


def test_zigbee_basic_cluster_record_is_read(db: SignatureDB) -> None:
    # zigbee-herdsman's device: manufacturerName, modelID, softwareBuildID
    raw = json.dumps({"ieeeAddr": "0x00158d0001e1a2b3", "manufacturerName": "IKEA of Sweden", "modelID": "TRADFRI bulb E27 WS opal 980lm",
                      "softwareBuildID": "2.3.087"})
    got = _id(db, raw)
    assert got.firmware == "2.3.087"
    assert got.device_type not in VIDEO_TYPES


def test_entity_mib_export_model_is_read(db: SignatureDB) -> None:
    # an NMS inventory export of ENTITY-MIB rows (LibreNMS-style keys) outside an SNMP walk
    raw = json.dumps({"entPhysicalMfgName": "Hikvision", "entPhysicalModelName": "DS-7608NI-K2", "entPhysicalSoftwareRev": "V4.30.085"})
    got = _id(db, raw)
    assert got.vendor == "Hikvision" and got.model == "DS-7608NI-K2"


def test_alias_added_to_fields_once() -> None:
    f = fields(Response("other", json.dumps({"ModelNumberString": "DS-2CD2043G2-I"})))
    assert f.get("other.json.ModelNumber") == ["DS-2CD2043G2-I"]


# ------------------------------------------------------------------ generic.yaml key vocabulary

def test_axis_prodnbr_under_a_client_key_is_the_model(db: SignatureDB) -> None:
    # VAPIX basic device information's Brand group, re-keyed by a client (snake case)
    raw = json.dumps({"brand": "AXIS", "prod_nbr": "M1065-LW", "version": "9.80.1"})
    assert _id(db, raw).model == "M1065-LW"


def test_kasa_code_under_device_type_key_is_the_model(db: SignatureDB) -> None:
    raw = json.dumps({"manufacturer": "TP-Link", "deviceType": "P110", "fw_ver": "1.2.3 Build 230425 Rel.142542"})
    assert _id(db, raw).model == "P110"


def test_category_under_device_type_key_is_no_model(db: SignatureDB) -> None:
    raw = json.dumps({"manufacturer": "TP-Link", "deviceType": "SMART.TAPOPLUG"})
    assert _id(db, raw).model is None


@pytest.mark.parametrize(("key", "value"), [
    ("phone_model", "SM-G991B"),      # the client phone's (EZVIZ, Wyze login records)
    ("sensor_model", "SC2335"),       # a part's
    ("lens_model", "M12-2.8mm"),
    ("chip_model", "Hi3516EV300"),
    ("client_model", "iPhone14,2"),
])
def test_another_things_model_beside_the_device_model_is_not_taken(db: SignatureDB, key: str, value: str) -> None:
    raw = json.dumps({"manufacturer": "Hikvision", "model": "DS-2CD2143G0-I", key: value})
    got = _id(db, raw)
    assert got.model == "DS-2CD2143G0-I"


@pytest.mark.parametrize(("key", "value"), [
    ("phone_model", "SM-G991B"),
    ("sensor_model", "IMX335"),
])
def test_another_things_model_alone_is_no_model(db: SignatureDB, key: str, value: str) -> None:
    assert _id(db, json.dumps({key: value, "user": "admin"})).model is None


def test_samsung_platform_code_is_no_model(db: SignatureDB) -> None:
    # Samsung's TV REST API (port 8001 /api/v2/): "model" is the platform code, "modelName" the product
    raw = json.dumps({"device": {"model": "15_HAWKM_UHD_2D", "mdl": "UE48JU6400", "type": "Samsung SmartTV"}})
    got = _id(db, raw, "http")
    assert got.model == "UE48JU6400" and got.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ the key alone decides (no family grammar knows the values)

def test_ble_record_of_an_unknown_maker_is_read_by_its_keys(db: SignatureDB) -> None:
    raw = json.dumps({"manufacturerNameString": "Acme", "modelNumberString": "XK-2000", "firmwareRevisionString": "3.1.4"})
    got = _id(db, raw)
    assert (got.model, got.firmware) == ("XK-2000", "3.1.4")
    assert got.device_type not in VIDEO_TYPES  # a key says what the device is called, never what it is


def test_prodnbr_of_an_unknown_maker_is_the_model(db: SignatureDB) -> None:
    assert _id(db, json.dumps({"vendor": "Acme", "ProdNbr": "QX-1234"})).model == "QX-1234"


def test_entity_mib_export_of_an_unknown_maker(db: SignatureDB) -> None:
    raw = json.dumps({"entPhysicalMfgName": "Acme", "entPhysicalModelName": "QX-1234", "entPhysicalSoftwareRev": "4.1.7.26"})
    got = _id(db, raw)
    assert (got.model, got.firmware) == ("QX-1234", "4.1.7.26")


# ------------------------------------------------------------------ a part's key beside the device's (decoys)

@pytest.mark.parametrize("key", ["wifi_model", "storage_model", "modem_model", "nic_model", "mcu_model"])
def test_a_parts_model_is_not_the_devices(db: SignatureDB, key: str) -> None:
    assert _id(db, json.dumps({"manufacturer": "Acme", key: "ZX-9988"})).model is None


@pytest.mark.parametrize("text", [
    '{"manufacturer": "Acme", "hdd_firmware": "2.9.9"}',
    '{"manufacturer": "Acme", "NicFirmware": "2.9.9"}',
    "Manufacturer: Acme\nDisk Firmware: 2.9.9\n",
    "Manufacturer: Acme\nStorage Firmware Version: 2.9.9\n",
])
def test_a_disks_or_network_cards_firmware_is_not_the_devices(db: SignatureDB, text: str) -> None:
    assert _id(db, text).firmware is None


def test_the_devices_firmware_beside_a_disks_is_kept(db: SignatureDB) -> None:
    raw = json.dumps({"manufacturer": "Acme", "firmware_version": "3.1.4", "hdd_firmware": "2.9.9"})
    assert _id(db, raw).firmware == "3.1.4"


def test_airos_flat_lower_case_keys(db: SignatureDB) -> None:
    # airOS status.cgi's host record (CoMPaTech/python-airos fixtures): devmodel, fwversion
    raw = json.dumps({"host": {"hostname": "NanoStation M5", "devmodel": "NanoStation M5 ", "fwversion": "v6.3.16", "netrole": "bridge"}})
    got = _id(db, raw, "http")
    assert got.model == "NanoStation M5" and got.firmware == "v6.3.16"
    assert got.device_type not in VIDEO_TYPES


def test_flat_prefixed_model_keys_need_a_model_shaped_value(db: SignatureDB) -> None:
    assert _id(db, json.dumps({"devmodel": "unknown"})).model is None


UNVR = Path(__file__).resolve().parents[1] / "corpus" / "ubiquiti" / "ubiquiti-unvr-pro_protect-bootstrap-nvr-uiprotect.json"


@pytest.mark.parametrize("key", ["firmwareVersion", "currentFirmwareVersion", "devFirmwareVersion", "mnfv", "FIRMWARE_VERSION"])
def test_a_records_plain_version_yields_to_its_firmware_key_in_any_convention(db: SignatureDB, key: str) -> None:
    # uiprotect's bootstrap (a training file): the NVR record's "version" is Protect's (the application), its
    # "firmwareVersion" the console's; the same record with the firmware key in other conventions' spellings
    obs = load_path(UNVR)[0]
    raw = {r.raw.replace('"firmwareVersion"', f'"{key}"') for r in obs.responses}
    assert len(raw) == len(obs.responses)
    changed = Observation(ip=None, mac=None, responses=tuple(Response(r.protocol, r.raw.replace('"firmwareVersion"', f'"{key}"'), port=r.port,
                                                                      request=r.request) for r in obs.responses))
    assert identify(changed, db).firmware == "2.3.10"
