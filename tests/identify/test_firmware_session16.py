"""Session 16 firmware lane (firmware7): label conventions of a firmware string's build part, a writer's words
after a comma, the reporters' layouts ``firmware v.1.2.3``, ``software version to be 1.2.3`` and an update done
(``I updated the firmware to 5.1.3``), and a firmware read when no maker is known -- never another software's,
a protocol's, a kernel's, an app's version or a date (netscan/identify/firmware.py, signatures/families/generic.yaml,
docs/signatures.md "Label conventions of a firmware string")."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.firmware import firmware_extent
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(db, raw: str, protocol: str = "other", request: str = ""):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol, raw, None, request),)), db)


@pytest.mark.parametrize("value, want", [
    # a build *number* after a comma is the scheme's (Hikvision recorders' ONVIF string, home-assistant/core#92732)
    ("V4.21.100, build 200307", "V4.21.100, build 200307"),
    # a build *date* after a comma is dropped (Dahua: the training labels write the version alone)
    ("2.811.0000013.0.R,build:2023-12-20", "2.811.0000013.0.R"),
    ("2.420.0009.0.R, build : 2015-11-06", "2.420.0009.0.R"),
    ("2.460.0001.5.R, Build Date 2017-08-11", "2.460.0001.5.R"),
    ("V4.001.0000007.1 Build Date 27-08-2021", "V4.001.0000007.1"),  # Build Date without the comma
    ("V1.2.3, build", "V1.2.3"),  # a cut value's dangling build word
    # a writer's words after a comma are not the version (home-assistant/core#42415)
    ("5.20.3, this is most recent available..", "5.20.3"),
    ("V5.3.0 build 220623, but I am not getting the stream", "V5.3.0 build 220623"),
    # kept: a build date written without a comma after the build word, a release word after the comma
    ("V3.0.2.1 build 2020-05-05 14:10:20", "V3.0.2.1 build 2020-05-05 14:10:20"),
    ("4.3.4.0569 Build 20180501", "4.3.4.0569 Build 20180501"),
    ("1.0.0, rc1", "1.0.0, rc1"),
])
def test_build_and_comma_conventions(value: str, want: str) -> None:
    assert firmware_extent(value) == want


def test_comma_build_number_kept_end_to_end(db) -> None:  # type: ignore[no-untyped-def]
    raw = "```\nDS-7108HQHI-K1\nby Hangzhou Hikvision Digital Technology Co., Ltd\nFirmware: V4.21.100, build 200307\n```"
    assert _ident(db, raw).firmware == "V4.21.100, build 200307"
    # Dahua's comma build date still goes, whichever reader took the value
    assert _ident(db, "Firmware: 2.840.0000000.28.R, Build Date: 2024-08-07").firmware == "2.840.0000000.28.R"


@pytest.mark.parametrize("raw, want", [
    # reporters' layouts (training: amcrest2mqtt#82, LSCOutdoor1080P#34, ha-ezviz#77, hikvision_next#204)
    ("These errors were fixed when AD110 firmware v.1.000.00AC008.1.R.20210712 was pushed to device.", "1.000.00AC008.1.R.20210712"),
    ("The app reports the camera software version to be **3.2023.92**.", "3.2023.92"),
    ("C1C, which worked well until I updated the firmware. to 5.1.3. Since then", "5.1.3"),
    ("when I upgraded my NVR from Firmware__V4.82.100_240606_S3000578964 to Firmware__V4.83.005_240802_S3000591321.", "V4.83.005"),
    ("The firmware was upgraded to 5.7.3 last night", "5.7.3"),
    ("Since I upgraded the camera firmware to v3.0.0.2356_23062003 the stream drops", "v3.0.0.2356_23062003"),
    # counter-examples: no firmware word, a plan, another software's update, a version not after "to", a calendar release
    ("I updated HA to 2023.12.3 and the integration to 1.4.2 yesterday", None),
    ("I want to update the firmware to 5.1.4 but nothing happens", None),
    ("I upgraded the firmware to the latest one, 5.1.4, last week", None),
    ("I updated the app firmware to 3.2.1", None),
    ("I updated the MCU firmware to 1.0.3", None),
    ("I upgraded the firmware to 2024.01.15", None),
    ("I expect the firmware version to be fixed in 1.2.4", None),
    ("the firmware v.2 is out", None),
    ("Firmware upgraded to 192.168.1.20 address", None),
])
def test_reporter_layouts(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == want


@pytest.mark.parametrize("raw, protocol, want", [
    # no maker is named anywhere: the device's labelled firmware is still its firmware (as a model field's model is)
    ('{"deviceName": "cam1", "firmwareVersion": "3.1.4.2"}', "http", "3.1.4.2"),
    ("<DeviceInfo><firmwareVersion>2.5.11</firmwareVersion></DeviceInfo>", "http", "2.5.11"),
    ("fw_ver=4.2.17\nhw_ver=1.0\n", "other", "4.2.17"),
    ("Firmware Version: 7.1.2.21", "other", "7.1.2.21"),
    ("IP Camera firmware 1.2.3.4 ready", "telnet", "1.2.3.4"),
    # never a non-device version: a web server's, a library's, a kernel's, a protocol's, an app's, a date
    ("Server: lighttpd/1.4.35", "http", None),
    ('{"api_version": "1.2.3", "protocol_version": "2.0.1"}', "http", None),
    ("Linux version 4.9.37 (gcc version 6.3.0)", "other", None),
    ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: GStreamer RTSP server 1.18.4\r\n\r\n", "rtsp", None),
    ('{"app_version": "3.4.5", "client_version": "2.1.0"}', "http", None),
    ("Kernel version: 3.10.14", "other", None),
    ("Build date: 2021-03-04", "other", None),
    ("OpenSSL 1.1.1k  25 Mar 2021", "other", None),
    ("Web Version: V4.0.1 build 180313", "other", None),
])
def test_firmware_without_a_maker(db, raw: str, protocol: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(db, raw, protocol, "GET /" if protocol == "http" else "")
    assert ident.firmware == want
    if want is not None:
        assert ident.vendor is None  # the firmware stands without a maker


@pytest.mark.parametrize("value, want", [
    # a query string's next parameter (a client's log prints the request it sent)
    ("10.12.176&model=M3045", "10.12.176"),
    ("V5.5.0&amp;lang=en", "V5.5.0"),
    ("1.2.3&4", "1.2.3&4"),  # no parameter after the ampersand: left alone
    # a remark in brackets that the version is the newest or the installed one
    ("10.12.176 (up to date)", "10.12.176"),
    ("1.2.3 (installed)", "1.2.3"),
    ("3.2.4 (ONVIF Device Manager)", "3.2.4 (ONVIF Device Manager)"),  # the software a version belongs to stays
])
def test_query_and_remark_tails(value: str, want: str) -> None:
    assert firmware_extent(value) == want


@pytest.mark.parametrize("raw, protocol, want", [
    # label spellings and layouts of the device's firmware (no maker named)
    ("F/W ver. 10.12.176", "other", "10.12.176"),
    ("Firmware release 10.12.176", "other", "10.12.176"),
    ("Firmware version of the camera: 10.12.176", "other", "10.12.176"),
    ("Firmware version installed: 10.12.176", "other", "10.12.176"),
    ("GET /set?firmware=10.12.176&model=X HTTP/1.1", "other", "10.12.176"),
    # TP-Link's release tag in an XML attribute and a sysDescr-like string
    ('<firmware version="1.1.2 Build 220329 Rel.57538n"/>', "http", "1.1.2 Build 220329 Rel.57538n"),
    ("sysDescr.0 = STRING: IP Camera firmware 1.1.2 Build 220329 Rel.57538n", "other", "1.1.2 Build 220329 Rel.57538n"),
    # counter-examples: another part's release, a release of an app, a library's
    ("MCU firmware release 1.0.3", "other", None),
    ("App release 3.4.5 of the client", "other", None),
    ("Release notes for libcurl 7.88.1", "other", None),
])
def test_label_spellings(db, raw: str, protocol: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw, protocol, "GET /" if protocol == "http" else "").firmware == want


@pytest.mark.parametrize("raw, protocol, want", [
    # a family grammar whose extent ends early (Amcrest's 1.000.00AC008.1) beside the field's whole string: the string
    ("Model: X1\nFirmware Version: 1.000.00AC008.1.R.20210712\n", "other", "1.000.00AC008.1.R.20210712"),
    ('{"model": "X1", "firmwareVersion": "1.000.00AC008.1.R.20210712"}', "http", "1.000.00AC008.1.R.20210712"),
    # a rule reading Hikvision's version without its build, beside the field's string with it
    ("<DeviceInfo><model>X1</model><firmwareVersion>V5.7.3 build 220315</firmwareVersion></DeviceInfo>", "http", "V5.7.3 build 220315"),
    # TP-Link's bracketed (4555) is no extension: the conventions' reading without it stands (docs/accuracy.md)
    ('{"system": {"get_sysinfo": {"model": "X1", "sw_ver": "1.3.11 Build 240110 Rel.64341n(4555)"}}}', "http", None),
])
def test_whole_string_over_a_shorter_reading(db, raw: str, protocol: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    got = _ident(db, raw, protocol, "GET /" if protocol == "http" else "").firmware
    if want is None:  # the TP-Link case: whichever spelling wins, it is one of the two readings, never a merged third
        assert got in ("1.3.11 Build 240110 Rel.64341n", "1.3.11 Build 240110 Rel.64341n(4555)")
    else:
        assert got == want


@pytest.mark.parametrize("raw, want", [
    # one device printed as a blank-aligned table (a CLI listing, tabulate's simple format, a one-row DataFrame)
    ("IP              Model             Firmware\n192.168.1.64    X1                3.1.4.2", "3.1.4.2"),
    ("ip            model        firmware_version     serial\n-----------   ----------   ----------------     ------\n"
     "10.0.0.5      X1           V5.3.0 build 200417  BD123", "V5.3.0 build 200417"),
    ("  serial      model  sw_version\n0  BD12345  X1  3.1.4.2", "3.1.4.2"),
    # the header's firmware word above the device's address is no version (four octets, the first 10 or 100-255)
    ("IP              Model     Firmware\n192.168.1.64", None),
    ("Firmware\n10.0.0.5", None),
    # a four-part version with a leading zero or a small first part is a version
    ("Firmware Version:\n16.06.00.52", "16.06.00.52"),
    # several data rows are a list of devices, none of them this one; a sentence with double blanks is no table
    ("Name  Model  Firmware\ncam1  X1  3.1.4.2\ncam2  X2  3.1.4.3", None),
    ("This is  a sentence  with blanks\nand 1.2.3  more", None),
])
def test_aligned_tables_and_addresses(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == want


@pytest.mark.parametrize("raw, want", [
    # an update's two versions: the one it went to is the running firmware, the one it went from never is
    ("I upgraded the firmware from 5.5.0 to 5.7.3 and now RTSP fails", "5.7.3"),
    ("After upgrading from firmware 5.5.0 to firmware 5.7.3 the stream stopped", "5.7.3"),
    ("Firmware: 5.5.0 -> 5.7.3", "5.7.3"),
    ("updated firmware 5.5.0 => 5.7.3", "5.7.3"),
    ("Firmware updated from v5.5.0 to v5.7.3, RTSP still fails", "v5.7.3"),
    ("The camera was on 5.5.0, I updated the firmware to 5.7.3", "5.7.3"),
    ("After upgrading from firmware 5.5.0 the stream stopped", None),
    # counter-example: an arrow between a version and a word is no update
    ("Firmware: 5.5.0 -> see release notes", "5.5.0"),
])
def test_update_versions(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == want


@pytest.mark.parametrize("raw, want", [
    # PPStrong's firmware id is the firmware wherever it is written (guino/BazzDoorbell#58's mangled pair, a table)
    ('I hacked my camera: (hardwareversion ":" M16S_A2_V10_F37 "," firmwareversion ":" ppstrong-a3-tuya2_lsc-4.0.6.20210311 ")',
     "ppstrong-a3-tuya2_lsc-4.0.6.20210311"),
    ('model | "Speed 3S"\nsoftwareversion | "2.9.7"\nfirmwareversion | "ppstrong-c51-tuya2_laxihub-2.9.7.20201028"',
     "ppstrong-c51-tuya2_laxihub-2.9.7.20201028"),
    # the kernel parameter types the camera and gives no firmware
    ("mem=37M console=ttyAMA0,115200n8 ppsAppParts=5 ppsWatchInitEnd", None),
])
def test_ppstrong_firmware_id(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == want


@pytest.mark.parametrize("raw, want", [
    # the name a maker gives its devices' firmware, then the version
    ("Using a FRITZ!Box 7590 AX with FRITZ!OS: 7.56", "7.56"),
    ("**Device Model Number**: TS-453A\n\n**QTS Version**: 5.0.1.2194\n", "5.0.1.2194"),
    ("The camera runs AXIS OS 10.12.176 and the VAPIX stream drops", "10.12.176"),
    ("RouterOS 6.48.6 (long-term) on the switch", "6.48.6"),
    # never a minimum, latest or from version; names of other systems are not read
    ("Minimum AXIS OS version: 11.11.205", None),
    ("the latest QTS 5.1.0 is out", None),
    ("I am on iOS 16.1 and Home Assistant OS 10.1", None),
])
def test_firmware_os_names(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == want


@pytest.mark.parametrize("raw, want", [
    # Brother's parts: an inkjet whose one part is named FIRM (sedrubal/brother_printer_fwupd#9), in the tool's line and
    # in the request XML it sends; the MAIN part as before
    ("[i] Detected MFC-J480DW with following firmware version(s): FIRM@N1901041316:79BC", "N1901041316:79BC"),
    ("<FIRMINFO>\n<FIRM>\n<ID>FIRM</ID>\n<VERSION>N1901041316:79BC</VERSION>\n</FIRM>\n</FIRMINFO>", "N1901041316:79BC"),
    ("[i] Detected HL-2270DW series with following firmware version(s): MAIN@1.19, BRNET@1.11", "1.19"),
    # counter-example: a mail address after the firmware word is no part
    ("firmware questions to the law firm@example.com please", None),
])
def test_brother_firm_part(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == want


@pytest.mark.parametrize("raw, protocol, want", [
    # a reporter's "Firmware in camera:" with Hikvision's build date written without its word (mezz64/pyHik#13)
    ("Using this in Home-Assistant with my Hikvision DS-2CD2135FWD-IS.\nFirmware in camera: V5.4.5 170124", "other", "V5.4.5 170124"),
    ("Firmware: 5.5.0 123456 bytes downloaded", "other", "5.5.0"),  # six digits not closing the line: not the build
    # a device record's running image (hass-bbox2's info fixture: main, reco and running, each with a version)
    ('{"device": {"running": {"version": "24.0.12", "date": "2024-06-27T11:14:25+0200"}, "spl": {"version": "3.6.2"}}}',
     "http", "24.0.12"),
    ('{"running": {"version": "2.1"}}', "http", None),  # a two-part number is no firmware's shape
])
def test_session16_harvest_layouts(db, raw: str, protocol: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw, protocol, "GET /" if protocol == "http" else "").firmware == want


@pytest.mark.parametrize("value, want", [
    # a writer's lower-case words after a blank are not the version; a scheme's own words stay
    ("5.20.3 this is the latest", "5.20.3"),
    ("5.5.0 123456 bytes downloaded", "5.5.0"),
    ("v3.0.0.2356_23062003 now", "v3.0.0.2356_23062003"),
    ("V5.5.0 build 170725", "V5.5.0 build 170725"),
    ("1.3.6 Build 20240829 rel.71119", "1.3.6 Build 20240829 rel.71119"),
    ("7.1.2 beta", "7.1.2 beta"),
    ("3.2.4 (ONVIF Device Manager)", "3.2.4 (ONVIF Device Manager)"),
    ("10.12.176 (up to date)", "10.12.176"),
])
def test_writer_words_after_a_blank(value: str, want: str) -> None:
    assert firmware_extent(value) == want


@pytest.mark.parametrize("raw, protocol, want", [
    # a rule reading a firmware scheme in any field is refused under another software's key or label ...
    ('{"model": "X1", "latestFirmwareVersion": "ppstrong-a3-tuya2_lsc-4.0.6.20210311"}', "http", None),
    ("Model: X1\nWeb Version: ppstrong-a3-tuya2_lsc-4.0.6.20210311\n", "other", None),
    # ... but a product phrase ending in a part's word is no label (Axis's FTP greeting: "Video Encoder 5.50.2")
    ("220 AXIS Q7401 Video Encoder 5.50.2 (2013) ready.\r\n", "other", "5.50.2"),
])
def test_scheme_rules_refuse_other_software(db, raw: str, protocol: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw, protocol, "GET /" if protocol == "http" else "").firmware == want
