"""Firmware schemes and device records added by firmware3: Bosch's <major>.<minor>.<0nnn> scheme
(signatures/families/bosch.yaml family-bosch-firmware) found in any field, and the top-level version of a
device record that names its model and MAC (signatures/fingerprints/firmware-device-records.yaml);
counter-examples: other makers' schemes, dates, a bare API version, a record with an explicit firmware
field beside an application's version."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(db, raw: str, protocol: str = "other", port: int | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol, raw, port, "GET /" if protocol == "http" else ""),)), db)


@pytest.mark.parametrize("raw, fw", [
    # the scheme in a banner-like value
    ("CPP13 8.71.0066", "8.71.0066"),
    ("<tt:FirmwareVersion>7.80.0128</tt:FirmwareVersion>", "7.80.0128"),
])
def test_bosch_scheme_is_read_but_does_not_name_a_maker_alone(db, raw: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    # a version's shape alone is no evidence of who made the device (names_maker: false)
    ident = _ident(db, raw)
    assert ident.firmware == fw
    assert ident.vendor is None


@pytest.mark.parametrize("raw, fw", [
    # the device page's lines a user copied (CamioCam/rtsp#146): the product line names Bosch
    ("Device Type: FLEXIDOME IP panoramic 5000 MP (CPP4)\n\nFirmware: 6.20.0089", "6.20.0089"),
    ("Bosch FLEXIDOME IP 5000i\nFirmware: 8.71.0066", "8.71.0066"),
])
def test_bosch_scheme_with_other_evidence_of_the_maker(db, raw: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(db, raw)
    assert (ident.vendor, ident.firmware) == ("Bosch", fw)


@pytest.mark.parametrize("raw", [
    "Backup taken 12.05.2020",              # a dotted date: a year never starts with 0
    "Firmware version: 5.40.9.2",           # Axis's scheme
    "Kernel 4.19.125 built 1.10.2023",      # a kernel and a dotted date
    "Brother NC-6400h, Firmware Ver.1.11  (06.12.20),MID 84UZ93",
    "SoftwareVersion: 2.800.0000000.16.R",  # Dahua's scheme
])
def test_bosch_scheme_counter_examples(db, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).vendor != "Bosch"


def test_device_record_version_is_the_firmware(db) -> None:  # type: ignore[no-untyped-def]
    # a Meari-platform doorbell's /search answer (guino/BazzDoorbell#24): model, MAC and a top-level version
    doc = {"deviceName": "059554188", "model": "Mini 8S", "mac": "ac:64:cf:ea:1d:3e", "version": "2.9.5"}
    assert _ident(db, json.dumps(doc), "http", 80).firmware == "2.9.5"


@pytest.mark.parametrize("doc", [
    {"version": "2.9.5"},                                               # a bare top-level version: an API's or a document's
    {"model": "Mini 8S", "version": "2.9.5"},                           # no hardware address: a catalogue entry
    {"model": "Mini 8S", "mac": "ac:64:cf:ea:1d:3e", "version": "1.0"},  # two parts: a protocol's version
])
def test_device_record_counter_examples(db, doc) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, json.dumps(doc), "http", 80).firmware is None


def test_an_explicit_firmware_field_beats_the_record_version(db) -> None:  # type: ignore[no-untyped-def]
    # UniFi Protect's NVR record (uilibs/uiprotect sample_nvr.json): version is Protect's, firmwareVersion the console's
    doc = {"mac": "4B8290F6D7A3", "model": "UNVR-PRO", "version": "1.21.0-beta.3", "firmwareVersion": "2.3.10"}
    assert _ident(db, json.dumps(doc), "http", 80).firmware == "2.3.10"


@pytest.mark.parametrize("key", ["firmwareVersion", "fw_ver", "FIRMWARE_VERSION", "firmwareRev", "swVersion", "software_version"])
def test_a_firmware_key_in_any_spelling_beats_the_record_version(db, key) -> None:  # type: ignore[no-untyped-def]
    # the record reading's firmware-key vocabulary (collect.py _FIRMWARE_KEY): each spelling names the firmware
    doc = {"mac": "4B8290F6D7A3", "model": "UNVR-PRO", "version": "1.21.0-beta.3", key: "2.3.10"}
    assert _ident(db, json.dumps(doc), "http", 80).firmware == "2.3.10"


@pytest.mark.parametrize("key", ["hardwareVersion", "appVersion", "deviceVersion"])
def test_a_version_key_not_named_for_the_firmware_leaves_the_record_version(db, key) -> None:  # type: ignore[no-untyped-def]
    doc = {"deviceName": "059554188", "model": "Mini 8S", "mac": "ac:64:cf:ea:1d:3e", "version": "2.9.5", key: "1.0"}
    assert _ident(db, json.dumps(doc), "http", 80).firmware == "2.9.5"


def test_bosch_scheme_leaves_a_routers_version_alone(db) -> None:  # type: ignore[no-untyped-def]
    # Tomato's UPnP server string (rapid7/recog http_servers.xml): a router's 1.28.0000 is not Bosch's firmware
    ident = _ident(db, "HTTP/1.1 200 OK\r\nServer: UPnP/Tomato 1.28.0000 MIPSR2-132 K26 USB VPN UPnP/1.1 MiniUPnPd/1.9\r\n\r\n", "http", 80)
    assert ident.vendor != "Bosch" and ident.firmware != "1.28.0000"
