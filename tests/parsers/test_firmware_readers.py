"""Firmware extraction that generalises (session 7, helper "firmware"): SNMP OID -> value dicts,
UCS-2 hex strings, scanner-template version extractors, version keys in device logs and friendly
names, a version under a firmware heading, and firmware value sanity. Examples are written from the tools' and
makers' documentation (cited in each test) or from training material; none from the test split."""

from __future__ import annotations

import json

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, ""))


def _ident(db: SignatureDB, raw: str, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=[Response(protocol, raw, None, "")]), db)


# ------------------------------------------------------------------ SNMP: {oid: value} dicts
# HIK-DEVICE-MIB softwVersion 1.3.6.1.4.1.39165.1.3 / deviceType .1 (snmpsim-data camera/hikvision.snmprec);
# DAHUA-SNMP-MIB softwareRevision 1.3.6.1.4.1.1004849.2.1.1.1 (pysnmp/mibs asn1/DAHUA-SNMP-MIB).
HIK_JSON = json.dumps({"1.3.6.1.2.1.1.1.0": "Hikvision camera", "1.3.6.1.4.1.39165.1.1.0": "DS-2CD2042WD-I",
                       "1.3.6.1.4.1.39165.1.3.0": "V5.4.0 build 160530", "1.3.6.1.4.1.39165.1.2.0": 5}, indent=2)
DAHUA_DICT = "{'.1.3.6.1.4.1.1004849.2.1.1.1.0': 'V2.800.0000000.16.R, Build Date 2019-01-04', '.1.3.6.1.2.1.1.5.0': 'cam'}"


def test_oid_value_json_is_read_as_a_walk() -> None:
    f = _f(HIK_JSON, "snmp")
    assert f["snmp.sysDescr"] == ["Hikvision camera"]
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.3"] == ["V5.4.0 build 160530"]
    assert f["snmp.subtree"] == ["39165.1"]
    assert "snmp.oid.1.3.6.1.4.1.39165.1.2" not in f  # a number is not a private text value
    g = _f(DAHUA_DICT)  # a Python dict print pasted as a banner
    assert g["snmp.oid.1.3.6.1.4.1.1004849.2.1.1.1"] == ["V2.800.0000000.16.R, Build Date 2019-01-04"]
    assert g["snmp.sysName"] == ["cam"]


def test_oid_value_dicts_identify(db: SignatureDB) -> None:
    hik = _ident(db, HIK_JSON, "snmp")
    assert (hik.vendor, hik.model, hik.firmware) == ("Hikvision", "DS-2CD2042WD-I", "V5.4.0 build 160530")
    assert _ident(db, DAHUA_DICT).firmware == "V2.800.0000000.16.R"


def test_oid_pairs_need_a_quoted_numeric_oid_key() -> None:
    f = _f('{"sysDescr": "1.3.6.1.4.1.39165.1.3", "oid": "1.3.6.1.4.1.9"}')  # OIDs as values, not keys
    assert not any(k.startswith("snmp.oid.") for k in f)
    big = "{" + ", ".join(f'"1.3.6.1.4.1.99.{i}.0": "v{i}"' for i in range(3000)) + "}"
    assert sum(len(v) for k, v in _f(big).items() if k.startswith("snmp.oid.")) <= 300


# ------------------------------------------------------------------ SNMP: UCS-2 strings
def _ucs2(text: str) -> str:
    return " ".join(f"{b:02X}" for b in text.encode("utf-16-le")) + " 00 00"


def test_ucs2_hex_strings_are_text() -> None:
    walk = (f".1.3.6.1.4.1.99.1.1.0 = Hex-STRING: {_ucs2('XR-100')}\n"
            ".1.3.6.1.4.1.99.1.2.0 = Hex-STRING: 56 31 2E 32 2E 33\n"
            ".1.3.6.1.4.1.99.1.3.0 = Hex-STRING: 00 12 79 62 F9 40\n")
    f = _f(walk, "snmp")
    assert f["snmp.oid.1.3.6.1.4.1.99.1.1"] == ["XR-100"]
    assert f["snmp.oid.1.3.6.1.4.1.99.1.2"] == ["V1.2.3"]  # ASCII hex is still read as ASCII
    assert "snmp.oid.1.3.6.1.4.1.99.1.3" not in f  # a MAC is still no text


# ------------------------------------------------------------------ scanner templates' version extractors
# nuclei: screen lines "[template-id:extractor-name] [type] [severity] url [\"extracted\"]" (pkg/output/
# format_screen.go), JSON Lines events with extractor-name / extracted-results / info.classification.cpe
# (pkg/output/output.go); extractor names per SYNTAX-REFERENCE.md; nuclei-templates' technology templates
# are named <product>-version / <product>-detect (http/technologies/nginx/nginx-version.yaml versions nginx).
def test_nuclei_version_extractors_give_the_firmware(db: SignatureDB) -> None:
    f = _f('[acme-ipcam-version] [http] [info] http://10.0.0.3/ ["2.1.7.9"]\n'
           '[acme-detect:version] [http] [info] http://10.0.0.3/ ["V5.5.61 build 180718"]\n', "http")
    assert f["nuclei.version"] == ["2.1.7.9", "V5.5.61 build 180718"]
    assert _ident(db, '[acme-ipcam-version] [http] [info] http://10.0.0.3/ ["2.1.7.9"]\n', "http").firmware == "2.1.7.9"
    event = {"template-id": "acme-camera-detect", "info": {"name": "ACME camera"}, "extractor-name": "firmware-version",
             "extracted-results": ["FW 3.2.1 (2023-05-01)"], "matched-at": "http://10.0.0.3/"}
    assert _ident(db, json.dumps(event), "http").firmware == "3.2.1"  # the label word and the bracketed date are not the version


def test_nuclei_software_versions_are_not_firmware(db: SignatureDB) -> None:
    # a web stack's template, an application CPE, a template naming no version, a name/version banner
    for raw in ('[nginx-version] [http] [info] http://h/ ["1.18.0"]\n',
                '[acme-web-version] [http] [info] http://h/ ["2.0.1"]\n',
                json.dumps({"template-id": "acme-version", "info": {"classification": {"cpe": "cpe:2.3:a:acme:portal:*:*:*:*:*:*:*:*"}},
                            "extracted-results": ["4.2.0"]}),
                '[acme-detect] [http] [info] http://h/ ["1.2.3"]\n',
                '[acme-version] [http] [info] http://h/ ["Boa/0.94.14rc21"]\n',
                '[acme-version] [http] [info] http://h/ ["unknown"]\n'):
        assert _ident(db, raw, "http").firmware is None, raw


def test_nuclei_extracted_key_value_snippets() -> None:
    # a regex extractor without a group returns the whole match
    f = _f('[acme-detect] [http] [info] http://h/ ["\\"firmwareVersion\\":\\"V5.5.0\\"","<model>DS-2CD2042WD-I</model>"]\n'
           '[acme-detect] [http] [info] http://h/ ["http://10.0.0.1:80/x"]\n', "http")
    assert f["nuclei.kv.firmwareVersion"] == ["V5.5.0"] and f["nuclei.kv.model"] == ["DS-2CD2042WD-I"]
    assert not any(k.startswith("nuclei.kv.http") for k in f)


# ------------------------------------------------------------------ device logs: system-version keys
# DAHUA-SNMP-MIB names the firmware "systemVersion" ("The system Version of device"); a device's own log
# prints such keys behind time stamps and source locations, a BSD syslog line (RFC 3164) behind its header.
def test_system_version_keys_in_device_logs(db: SignatureDB) -> None:
    log = ("[01-01 00:00:05][main.c:123] boot ok\n"
           "[01-01 00:00:05][sys_info.c:45] System Version: V5.5.0 build 190108\n")
    assert _ident(db, log).firmware == "V5.5.0 build 190108"
    assert _ident(db, "Jan  1 00:00:12 ipcam user.info main[123]: softVersion=V2.0.3\n").firmware == "V2.0.3"
    assert _ident(db, "Jan  1 00:00:12 nas kernel: sys_ver=4.0.1.22\n").firmware == "4.0.1.22"
    # a version line labelled "software" alone (training: OpenIPC/coupler#21)
    assert _ident(db, "software V5.00.R02.000659MB.10010.140d00.0020000\nplatform IPC_GK7205V200_G5C_S38\n").firmware == \
        "V5.00.R02.000659MB.10010.140d00.0020000"
    for text in ("Operating system version: Android 9\n", "System Version: unknown\n", "subsystem versioning enabled 2\n",
                 "free software 2 you\n"):
        assert _ident(db, text).firmware is None, text


# ------------------------------------------------------------------ value sanity
def test_placeholder_words_are_never_firmware(db: SignatureDB) -> None:
    from netscan.identify.resolve import firmware_sane

    for v in ("unknown", "N/A", "null", "None", "default", "latest", "xxx", "--", "0", "0.0.0", "00000000", "", "Firmware"):
        assert not firmware_sane(v), v
    for v in ("5.40.9.2", "V5.5.61 build 180718", "1.0", "2.800.0000000.16.R", "A5.00.07", "v3.1.0.1349_22092302", "10"):
        assert firmware_sane(v), v
    # masked by whoever published it: never a version
    for v in ("5.x.x", "V5.X.X build 1807XX", "V2.800.XXXXXXX.0.R", "1.0.***", "3.2.1 [REDACTED]", "4.1.## (hidden)", "V4.x"):
        assert not firmware_sane(v), v
    # x inside a part is not a mask
    for v in ("V4.02.R11.X8000.10010", "4.2.x86", "V1.0.0_0x1A", "IPCX_2.1.0"):
        assert firmware_sane(v), v
    # a field named for the firmware holding a placeholder gives no firmware
    assert _ident(db, '{"model": "XC-100", "firmwareVersion": "0.0.0", "fw_ver": "unknown"}', "http").firmware is None


# ------------------------------------------------------------------ friendly names ending in a version
# UPnP Device Architecture 2.0 (2.3): friendlyName is a short description for the end user; some
# products write their version after the product name.
def _upnp(friendly: str) -> str:
    return ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
            "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>"
            f"<friendlyName>{friendly}</friendlyName></device></root>")


def test_friendly_name_tail_version(db: SignatureDB) -> None:
    assert _ident(db, _upnp("IP Camera V5.4.5"), "upnp").firmware == "V5.4.5"
    assert _ident(db, _upnp("NVR 4.1.25"), "upnp").firmware == "4.1.25"
    for name in ("Camera 192.168.1.64", "My bridge (192.168.178.14)", "Living room TV 2.0", "192.168.1.180 - Sonos PLAY:1"):
        assert _ident(db, _upnp(name), "upnp").firmware is None, name


# ------------------------------------------------------------------ a version under a firmware heading
# the layout of a device page's "Firmware" box copied as lines (training: JurajNyiri/HomeAssistant-Tapo-Control#1110)
def test_version_under_a_firmware_heading(db: SignatureDB) -> None:
    from netscan.parsers.keyvals import firmware_section_versions

    page = "## C201 details\n\nFirmware:\n\nVersion: 1.3.1 \nBuild: 250910 Re.65017n\n\nModell:\nHardware-Version: 5.0"
    assert firmware_section_versions(page) == ["1.3.1"]
    assert _f(page)["other.kv.FirmwareVersion"] == ["1.3.1"]
    assert _ident(db, page).firmware == "1.3.1"
    assert firmware_section_versions("**Software**\n- Version: V2.0.3\n") == ["V2.0.3"]
    # a version too far below the heading, under another heading, or a heading that is not alone
    assert firmware_section_versions("Firmware:\na\nb\nc\nVersion: 1.2.3\n") == []
    assert firmware_section_versions("Hardware:\n\nVersion: 5.0\n") == []
    assert firmware_section_versions("Firmware update available\nVersion: 9.9.9\n") == []
