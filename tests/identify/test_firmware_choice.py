"""Which of several versions is the firmware, and new places a firmware version is read from
(netscan/identify/firmware.py ``firmware_shape_share`` / ``firmware_key_share``; signatures/families/generic.yaml
semantic-firmware, semantic-firmware-in-text, semantic-firmware-os-release-prefixed; other_software)."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.identify.firmware import (
    BARE_NUMBER_SHARE,
    SOFTWARE_KEY_SHARE,
    firmware_extent,
    firmware_key_share,
    firmware_shape_share,
)
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _fw(db, raw: object, protocol: str = "other") -> str | None:  # type: ignore[no-untyped-def]
    text = raw if isinstance(raw, str) else json.dumps(raw)
    obs = Observation(None, None, (Response(protocol, text, None, "a pasted text"),))
    return identify(obs, db).firmware


@pytest.mark.parametrize("value, share", [
    ("12", BARE_NUMBER_SHARE), ("010202", BARE_NUMBER_SHARE), ("V2", BARE_NUMBER_SHARE),
    ("1.2.3", 1.0), ("V5.5.0 build 170725", 1.0), ("1029_16061700", 1.0),
])
def test_bare_number_share(value: str, share: float) -> None:
    assert firmware_shape_share(value) == share


@pytest.mark.parametrize("name, share", [
    ("other.kv.softwareversion", SOFTWARE_KEY_SHARE), ("http.json.sw_ver", SOFTWARE_KEY_SHARE),
    ("http.json.systemVersion", SOFTWARE_KEY_SHARE), ("http.json.os_version", SOFTWARE_KEY_SHARE),
    ("other.kv.firmwareversion", 1.0), ("http.json.fw_ver", 1.0), ("onvif.FirmwareVersion", 1.0),
    # free-text fields and look-alike words are not software keys
    ("snmp.sysDescr", 1.0), ("http.json.osd_version", 1.0), ("other.kv.Sweep", 1.0),
])
def test_software_key_share(name: str, share: float) -> None:
    assert firmware_key_share(name) == share


def test_version_string_beats_bare_revision_in_one_record(db) -> None:  # type: ignore[no-untyped-def]
    # Matter's Basic Information cluster: SoftwareVersion is a number, SoftwareVersionString the version
    assert _fw(db, {"VendorName": "Acme", "SoftwareVersion": 12, "SoftwareVersionString": "1.2.3"}) == "1.2.3"
    # alone, a bare number in a firmware field still stands
    assert _fw(db, {"VendorName": "Acme", "FirmwareVersion": "000125"}) == "000125"


def test_firmware_key_beats_software_key_in_one_record(db) -> None:  # type: ignore[no-untyped-def]
    # PPStrong's device-value table (guino/ppsapp-rtsp#7): the firmware key names the image, the software key ppsapp
    table = ('model | "Speed 3S"\nsoftwareversion | "2.9.7"\nhardwareversion | "S3S_H1_V10_F23"\n'
             'firmwareversion | "ppstrong-c51-tuya2_laxihub-2.9.7.20201028"')
    assert _fw(db, table) == "ppstrong-c51-tuya2_laxihub-2.9.7.20201028"
    # either order
    assert _fw(db, {"firmwareVersion": "3.1.0", "softwareVersion": "1.0.7"}) == "3.1.0"
    assert _fw(db, {"softwareVersion": "1.0.7", "firmwareVersion": "3.1.0"}) == "3.1.0"
    # a software key alone is still the firmware
    assert _fw(db, {"model": "X1", "softwareVersion": "1.0.7"}) == "1.0.7"


OPENIPC = ('NAME=Buildroot\nVERSION=2023.02.1\nID=buildroot\nVERSION_ID=2023.02.1\nPRETTY_NAME="Buildroot 2023.02.1"\n'
           'OPENIPC_VERSION=2.4.08.16\nGITHUB_VERSION="master+1ab2c3d, 2024-08-16"\nBUILD_OPTION=lite\n')


@pytest.mark.parametrize("text, want", [
    (OPENIPC, "2.4.08.16"),
    # the same key in an environment dump (no NAME=/ID= lines) is a tool's
    ("PYTHON_VERSION=3.11.4\nNODE_VERSION=18.17.1\nHOSTNAME=cam-bridge\n", None),
    # a PC distribution: its standard keys and multi-word vendor keys are the OS's
    ('NAME="Fedora Linux"\nVERSION="38 (Workstation Edition)"\nID=fedora\nVERSION_ID=38\n'
     'REDHAT_SUPPORT_PRODUCT_VERSION=38\nIMAGE_VERSION=38.1.6\n', None),
    ('NAME="Ubuntu"\nVERSION="22.04.3 LTS (Jammy Jellyfish)"\nID=ubuntu\nVERSION_ID="22.04"\nUBUNTU_CODENAME=jammy\n', None),
    # a kernel's or a build system's version beside the os-release lines is not the firmware
    ("NAME=Buildroot\nID=buildroot\nKERNEL_VERSION=4.9.37\nBUILDROOT_VERSION=2023.02.1\n", None),
])
def test_os_release_vendor_version_key(db, text: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, text) == want


@pytest.mark.parametrize("text, want", [
    # Edgecore/SMC `show version` (nocproject/noc sa/profiles/EdgeCore/ES/get_version.py)
    ("Unit 1\n Serial Number          : EC1821004423\n Loader Version         : 0.2.1.1\n"
     " Linux Kernel Version   : 2.6.19\n Operation Code Version : 1.2.2.9\n", "1.2.2.9"),
    (" Loader Version         : 0.2.1.1\n Linux Kernel Version   : 2.6.19\n", None),
    (" Operation Code         : 1.2.2.9\n", None),
])
def test_operation_code_version(db, text: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, text) == want


@pytest.mark.parametrize("text, want", [
    ("Cisco IOS Software, 2800 Software (C2800NM-ADVENTERPRISEK9-M), Version 15.1(4)M3, RELEASE SOFTWARE (fc1)", "15.1(4)M3"),
    ("Acme Camera Software, Version 4.5.6", "4.5.6"),
    ("The camera is on the newest firmware [version 5.5.0] and drops the stream", "5.5.0"),
    ("My doorbell runs firmware (V2.3.4) since last week", "V2.3.4"),
    # counter-examples: a kernel's version in the same layout, a licence's version, a glued call
    ("Linux Software, Version 5.10.0", None),
    ("This program is free software; either version 2 of the License", None),
    ("fw(2.1)", None),
])
def test_version_after_a_product_phrase_or_in_brackets(db, text: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, text) == want


@pytest.mark.parametrize("value, want", [
    ("1.2.3`", "1.2.3"), ("`1.2.3`", "1.2.3"), ("V5.7.3` (latest)", "V5.7.3"),
    ("V5.5.0 build 170725", "V5.5.0 build 170725"),
])
def test_inline_code_backtick_is_not_part_of_the_version(value: str, want: str) -> None:
    assert firmware_extent(value) == want


@pytest.mark.parametrize("text, want", [
    # a V run together with the label is the label's when the scheme writes no V or an optional one
    ("AXIS M1054 Network Camera, FirmwareV5.40.9.2", "5.40.9.2"),
    ("SoftwareVersionV2.800.0000000.16.R", "2.800.0000000.16.R"),
    ("FWV1.2.3", "1.2.3"),
    # ... and the version's when the maker's scheme always writes it (Hikvision, Xiongmai, Reolink)
    ("FirmwareV5.5.0 build 170725", "V5.5.0 build 170725"),
    ("SoftwareV4.02.R11.34500140.12001.131600.00000", "V4.02.R11.34500140.12001.131600.00000"),
    ("Firmwarev3.0.0.2356_23062003", "v3.0.0.2356_23062003"),
    # a V after a blank or a separator is the version's, as written
    ("firmware v5.5.0", "v5.5.0"),
    ("Firmware: V1.2.3", "V1.2.3"),
])
def test_v_run_together_with_the_label(db, text: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, text) == want


def test_os_release_printed_indented_after_a_prompt(db) -> None:  # type: ignore[no-untyped-def]
    text = "$ cat /etc/os-release\n    NAME=Buildroot\n    ID=buildroot\n    OPENIPC_VERSION=2.4.08.16\n"
    assert _fw(db, text) == "2.4.08.16"


@pytest.mark.parametrize("text, want", [
    # a version right before the firmware word (edent/Sercomm-API#12)
    ("For the RC8230 I have V1.0.03 firmware version that displays the followings:", "V1.0.03"),
    ("Only upgrade from 1.2.3 firmware to 1.2.4 firmware", None),
    ("It needs a 4.30 firmware or newer", None),
    ("Linux 5.10.0 firmware loader crashed", None),
    # 'was' between the word and the version; a Yi-style build stamp of 13 digits stays whole
    ("Original firmware was `7.1.00.17A_201909271014`", "7.1.00.17A_201909271014"),
    ("App shows Firmware FW 7.1.00.25A_2020022711051", "7.1.00.25A_2020022711051"),
    # an update done names the version the device runs now (semantic-firmware-update-done; training: ha-ezviz#77,
    # hikvision_next#204 label the version updated to); a plan or a version not after "to" is not read
    ("the firmware was updated to 1.2.3 yesterday", "1.2.3"),
    ("I will update the firmware to 1.2.3 tomorrow", None),
])
def test_reporter_sentence_layouts(db, text: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, text) == want


@pytest.mark.parametrize("text, want", [
    # Brother's firmware parts as brother_printer_fwupd and oh-brother print them: MAIN is the device's
    ("[i] Detected HL-2270DW series with following firmware version(s): MAIN@1.19, BRNET@1.11", "1.19"),
    ("[i]  Detected HL-L2375DW series with following firmware version(s): MAIN @ 1.40, SUB5 @ 1.04", "1.40"),
    ("   firmwares\n      category = MAIN, version = G1601190055:7877\n      category = SUB2, version = C14112610", "G1601190055:7877"),
    # without a firmware word, or a word that is no version
    ("MAIN@1.19, BRNET@1.11", None),
    ("firmware page: MAIN@home", None),
])
def test_main_firmware_part(db, text: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, text) == want
