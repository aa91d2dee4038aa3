"""Firmware read from device-API version keys at any depth (signatures/families/generic.yaml:
semantic-firmware, semantic-firmware-device-object-version, semantic-firmware-short-key) and from SNMP
text (signatures/fingerprints/snmp-mibs.yaml): the device's own software version is taken; a
component's (an app, a Wi-Fi module, the hardware) or the version offered for an update is not."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _fw(db, doc: object, protocol: str = "http") -> str | None:  # type: ignore[no-untyped-def]
    raw = doc if isinstance(doc, str) else json.dumps(doc)
    obs = Observation(None, None, (Response(protocol, raw, 80 if protocol == "http" else 161, "GET /"),))
    return identify(obs, db).firmware


@pytest.mark.parametrize("doc, want", [
    # Dahua RPC magicBox.getSoftwareVersion (ItsNotGoodName/ipcmanview pkg/dahuarpc/modules/magicbox)
    ({"id": 3, "result": True, "params": {"version": {"Build": "", "BuildDate": "2019-11-20", "SecurityBaseLineVersion": "2.0.0",
                                                      "Version": "2.800.0000000.18.R", "WebVersion": "3.2.1.781570"}}},
     "2.800.0000000.18.R"),
    # EZVIZ cloud device list entry (pyEzvizApi get_device_infos shape)
    ({"deviceInfos": {"deviceSerial": "BG0000000", "deviceType": "CS-C6N-A0-1C2WFR", "version": "V5.3.0 build 200417"}},
     "V5.3.0 build 200417"),
    # Ricoh THETA GetDeviceInfo: device_version is the firmware
    ({"device_version": "1.62.1", "serial_number": "00112233"}, "1.62.1"),
    # short keys at depth
    ({"data": {"dev_info": {"ver": "4.36.9.139", "hw_ver": "1.0"}}}, "4.36.9.139"),
    ({"result": {"sw": "1.2.3 Build 240101 Rel.1234"}}, "1.2.3 Build 240101 Rel.1234"),
    ({"info": {"devVer": "V2.3.1.4"}}, "V2.3.1.4"),
    # a build date written after a comma is not part of the version (Dahua's "2.800.0000000.16.R, Build Date 2019-01-04",
    # "2.811.0000013.0.R,build:2023-12-20"); a build number after a comma is the scheme's, as the training label of
    # home-assistant/core#92732 writes Hikvision's "V4.21.100, build 200307" (docs/signatures.md "Label conventions")
    ({"fw_ver": "V2.1.0, build 200101"}, "V2.1.0, build 200101"),
    ({"fw_ver": "V2.1.0,build:2020-01-01"}, "V2.1.0"),
    ({"SoftwareVersion": "2.800.0000000.16.R, Build Date 2019-01-04"}, "2.800.0000000.16.R"),
    # ... while a build inside the version string stays (TP-Link's scheme)
    ({"sw_ver": "1.0.2 Build 200915 Rel.085940"}, "1.0.2 Build 200915 Rel.085940"),
    # QNAP's firmware object, as XML
    ("<QDocRoot><firmware><version>4.2.2</version><build>20160601</build></firmware></QDocRoot>", "4.2.2"),
])
def test_device_version_keys(db, doc, want) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, doc) == want


@pytest.mark.parametrize("doc", [
    {"params": {"version": "1.00"}},                      # Dahua magicBox.getHardwareVersion
    {"ver": "3.3", "gwId": "x"},                          # a protocol version, two parts
    {"app_ver": "2.19.14", "appVersion": "2.19.14"},       # the phone app
    {"wifi_fw_ver": "1.0.12", "mcu_ver": "1.1.2724.442"},  # modules of the device
    {"latestFirmwareVersion": "4.48.16", "latest_fw_ver": "1.2.3.4", "newFirmware": "5.6.7"},  # an update offered
    {"hw_ver": "1.0.0", "hardwareVersion": "2.0.1", "hardVer": "IPC_51516M5M"},
    {"version": "2.1.0"},                                 # a bare top-level version: an API's or a document's
    {"client": {"sw_version": "1.2.3"}, "cloud": {"fw_ver": "2.3.4"}},
    {"sec_sw_version": "1.0.44", "sub_ver": "0.0.131.1852-1.4.40"},  # Eufy's secondary firmware, a Kasa sub-module
])
def test_component_and_update_versions_are_no_firmware(db, doc) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, doc) is None


def test_device_firmware_beside_the_offered_update(db) -> None:  # type: ignore[no-untyped-def]
    # UniFi Protect bootstrap: firmwareVersion is what runs, latestFirmwareVersion what is offered
    assert _fw(db, {"type": "UVC G4 Doorbell Pro", "firmwareVersion": "4.48.16", "latestFirmwareVersion": "4.51.2"}) == "4.48.16"
    # Eufy: main_sw_version is the device's, sec_sw_version its secondary module's (in either order)
    assert _fw(db, {"sec_sw_version": "1.0.44", "main_sw_version": "2.1.7.9"}) == "2.1.7.9"
    # TR-064's output arguments start with "New": it is the running version
    assert _fw(db, "<u:GetInfoResponse><NewManufacturerName>AVM</NewManufacturerName>"
                   "<NewSoftwareVersion>148.07.12</NewSoftwareVersion></u:GetInfoResponse>") == "148.07.12"


@pytest.mark.parametrize("walk, want", [
    # Axis sysDescr layout: "; AXIS <model>; <kind>; <firmware>; <build date>; ..." (Observium, Greenbone)
    ("SNMPv2-MIB::sysDescr.0 = STRING:  ; AXIS M1011-W; Network Camera; 5.20.2; Sep 09 2011 10:44; 171; 1;\n", ("Axis", "M1011-W", "5.20.2")),
    ("1.3.6.1.2.1.1.1.0|4|; AXIS Q1700-LE; License Plate Camera; 11.10.61; Apr 18 2024 18:26; 7C8; 1\n", ("Axis", "Q1700-LE", "11.10.61")),
    # DAHUA-SNMP-MIB softwareRevision (2.1.1.1) in a recorder's shape; hardwareRevision (2.1.1.2) is not the firmware
    (".1.3.6.1.4.1.1004849.2.1.1.2.0 = STRING: \"1.00.0\"\n.1.3.6.1.4.1.1004849.2.1.1.1.0 = STRING: \"4.001.0000005.0, Build Date 2019-01-04\"\n",
     ("Dahua", None, "4.001.0000005.0")),
    ("DAHUA-SNMP-MIB::hardwareRevision.0 = STRING: 1.0.0\nDAHUA-SNMP-MIB::softwareRevision.0 = STRING: 2.680.0000000013.R.230110\n",
     ("Dahua", None, "2.680.0000000013.R.230110")),
])
def test_snmp_firmware_positions(db, walk, want) -> None:  # type: ignore[no-untyped-def]
    ident = identify(Observation(None, None, (Response("snmp", walk, 161, "snmpwalk"),)), db)
    assert (ident.vendor, ident.model, ident.firmware) == want


def test_linux_kernel_in_sysdescr_is_no_firmware(db) -> None:  # type: ignore[no-untyped-def]
    ident = identify(Observation(None, None, (Response("snmp", "SNMPv2-MIB::sysDescr.0 = STRING: Linux cam 3.10.14 #1 SMP Mon Jan 1 2018 armv7l\n",
                                                        161, "snmpwalk"),)), db)
    assert ident.firmware is None
