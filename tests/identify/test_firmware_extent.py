"""The extent of a firmware version and the choice of the device's version over other software's
(netscan/identify/firmware.py, signatures/families/generic.yaml ``semantic-firmware-in-text``,
netscan/identify/collect.py): what follows a version in its field (a date or build in brackets, the
next ``Key: value`` pair, a cut value's dangling word) is dropped, a maker's own build suffix is kept;
a version labelled as the web UI's, a plug-in's, the hardware's, a module's or a client's is never the
firmware, even in the maker's scheme."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.firmware import firmware_extent
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _fw(db, raw: str, protocol: str = "other", request: str = "") -> str | None:  # type: ignore[no-untyped-def]
    obs = Observation(None, None, (Response(protocol, raw, None, request),))
    return identify(obs, db).firmware


@pytest.mark.parametrize("value, want", [
    # a table cell bar or a separator left before the version (a printer page's "Main Firmware Version : | 1.01.00.36")
    ("| 1.01.00.36      10-29-2009", "1.01.00.36"),
    (": V5.5.0", "V5.5.0"),
    ("|| | x1.0", "|| | x1.0"),  # no version right after the bars: left alone
    # a release date or build in brackets after a blank (a device page's "Firmware Version: E++2.17 (20241224)"
    # shape; MikroTik RouterOS prints its channel so: "6.48.6 (long-term)", help.mikrotik.com "Upgrading and installation")
    ("5.1.0 (2021-01-01)", "5.1.0"),
    ("2.4.1.0 (Build 20181212)", "2.4.1.0"),
    ("1.12.1 (Jan  9 2024)", "1.12.1"),
    ("6.48.6 (long-term)", "6.48.6"),
    ("4.9.6.207 (beta)", "4.9.6.207"),
    # a date after a dash
    ("V1.3.0.0 - 2019/01/01", "V1.3.0.0"),
    # the next key/value pair of a line holding several (Dahua's ", Build Date: ...", a hardware pair)
    ("2.800.0000000.16.R, Build Date: 2019-01-04", "2.800.0000000.16.R"),
    ("V2.800.0000000.16.R build: 2019-01-04", "V2.800.0000000.16.R"),
    ("v1.0.12 Hardware: v2.0.0", "v1.0.12"),
    ("V5.7.3 build 221129 | Model: DS-2CD2143G2-I", "V5.7.3 build 221129"),
    # a value cut where it was published (python-kasa#1628's pretty-print: 'sw_version': '1.0.4 ' 'Build ...)
    ("1.0.4 Build", "1.0.4"),
    ("2.4.0.1-...", "2.4.0.1"),
    # kept: what the maker's scheme writes inside the version
    ("V5.5.0 build 170725", "V5.5.0 build 170725"),                                    # Hikvision
    ("1.0.2 Build 200915 Rel.085940", "1.0.2 Build 200915 Rel.085940"),                # TP-Link
    ("1.1.16 Build 211209 Rel.37726n(4555)", "1.1.16 Build 211209 Rel.37726n(4555)"),  # TP-Link, glued
    ("1.4.0 Build 20231017 Rel. 33876", "1.4.0 Build 20231017 Rel. 33876"),
    ("MCE16-2MP_V0_BU_STARIR-H5 V3.0.2.1 build 2020-05-05 14:10:20", "MCE16-2MP_V0_BU_STARIR-H5 V3.0.2.1 build 2020-05-05 14:10:20"),
    ("v3.0.0.2356_23062003", "v3.0.0.2356_23062003"),                                  # Reolink
    ("1.0.0.5-2023-05-12", "1.0.0.5-2023-05-12"),                                      # a date glued on by a dash
    ("2.800.0000000.13.R.221108", "2.800.0000000.13.R.221108"),
    ("FD8169A-VVTK-0103a", "FD8169A-VVTK-0103a"),                                      # Vivotek
    ("1029_16061700", "1029_16061700"),
    ("(5.5.0)", "(5.5.0)"),
    # other words in brackets name the software the version belongs to: not cut into a bare version
    ("3.2.4 (ONVIF Device Manager)", "3.2.4 (ONVIF Device Manager)"),
    ("4.30.0.1500 (R1)", "4.30.0.1500"),
    ("7.0.2 (build 91)", "7.0.2"),                                                            # nothing before the bracket: left alone
])
def test_firmware_extent(value: str, want: str) -> None:
    assert firmware_extent(value) == want


@pytest.mark.parametrize("raw, want", [
    # the field conventions read the whole value; the extent is the version
    ("Firmware: 5.1.0 (2021-01-01)", "5.1.0"),
    ("Firmware Version: 2.4.1.0 (Build 20181212)", "2.4.1.0"),
    ("FW: 5.0.1-1234 (latest)", "5.0.1-1234"),
    ("Firmware: v1.0.12 Hardware: v2.0.0", "v1.0.12"),
    # separators people and pages write between the label and the version
    ("Firmware Version          V5.5.0", "V5.5.0"),                  # a two-column page copied as text
    ("**Firmware version**: 5.5.0", "5.5.0"),                        # Markdown bold around the label
    ("Firmware - V5.5.0", "V5.5.0"),
    ("Firmware \u2013 V5.5.0", "V5.5.0"),
    ("Firmware\u00a0version:\u00a0V5.5.0", "V5.5.0"),              # non-breaking spaces of a web page
    ("<html><body><b>Firmware Version:</b> V5.5.0<br><b>Model:</b> X</body></html>", "V5.5.0"),
    ("firmware version is 5.5.0", "5.5.0"),
    ("The firmware is 4.36.9.139.", "4.36.9.139"),
    ("Firmware (4.5.2.1234)", "4.5.2.1234"),
    ("<p>Software version&nbsp;:&nbsp;V2.0.1</p>", "V2.0.1"),
    # labels in other languages: Chinese (固件版本 firmware version, 软件版本 software version), Russian (версия прошивки)
    ("\u56fa\u4ef6\u7248\u672c\uff1a1.0.5.12", "1.0.5.12"),
    ("\u8f6f\u4ef6\u7248\u672c\uff1a2.0.3.1", "2.0.3.1"),
    ("\u0412\u0435\u0440\u0441\u0438\u044f \u043f\u0440\u043e\u0448\u0438\u0432\u043a\u0438: V5.5.0", "V5.5.0"),
    # firmware shapes of consumer cameras (yi-hack-MStar#89 "firmware 4.5.0.0C_201910080934"; chuangmi-camera-v5#4 "3.4.5_2018091817")
    ("I have a 4FUS camera and firmware 4.5.0.0C_201910080934", "4.5.0.0C_201910080934"),
    ("latest firmware `3.4.5_2018091817`", "3.4.5_2018091817"),
    # a doubled separator before the build as a reporter typed it (training: home-assistant reolink_rest#7's line)
    ("NVR:         Model RLN16-410 Firmware: 3.0.0.186._22062406", "3.0.0.186._22062406"),
    ("Firmware: 3.0.0.186_", "3.0.0.186"),
])
def test_firmware_in_text(db, raw: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("raw, want", [
    # Hikvision's device page lists Firmware, Encoding, Web and Plugin versions; only the first is the firmware,
    # though the web UI's is written in the same scheme (V<x>.<y>.<z> build <yymmdd>)
    ("Web Version: V4.0.1 build 180313\nFirmware Version: V5.5.0 build 170725", "V5.5.0 build 170725"),
    ("WEB\u7248\u672c\uff1aV4.0.1 build 180313\n\u8f6f\u4ef6\u7248\u672c\uff1aV5.5.0 build 170725", "V5.5.0 build 170725"),
    ("Plugin Version: V3.0.6.23 build 180109\nSoftware Version: V5.4.5 build 170123", "V5.4.5 build 170123"),
    ("MCU firmware: 1.1.2724.442\nFirmware: 5.5.0", "5.5.0"),
    ("App version: 2.19.14\nCamera firmware: 4.36.9.139", "4.36.9.139"),
    ("Hardware version: V1.0.0\nSoftware version: V2.0.0", "V2.0.0"),
])
def test_device_firmware_over_other_versions(db, raw: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("raw", [
    # counter-examples: another software's or a part's version is never the firmware
    "Web Version: V4.0.1 build 180313",
    "Plugin Version V3.0.6.23 build 180109",
    "WEB\u7248\u672c\uff1aV4.0.1 build 180313",
    "MCU firmware: 1.1.2724.442",
    "Wi-Fi firmware 1.0.12",
    "client software version 3.5.1",
    "Kernel Version: 4.9.37",
    "Bootloader version 1.0.9",
    "U-Boot 2010.06 (Jan 28 2016 - 16:12:26)",
    "BusyBox v1.20.2 (2015-06-11 13:30:23 CST) built-in shell (ash)",
    "Linux version 3.10.14 (root@localhost) (gcc version 4.9.4) #1 SMP",
    "App version: 2.19.14",
    "ONVIF version 2.6.1",
    "SDK version 6.1.9.48",
    "Hardware version: 1.0.2",
    "Encoding Version: V7.3 build 170524",
    "available firmware 5.7.20",
    "Firmware 2019-06-04",
])
def test_other_versions_are_not_firmware(db, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) is None


def test_other_software_in_a_field_name(db) -> None:  # type: ignore[no-untyped-def]
    # a maker-scheme version under a web UI's key names the maker but is not the firmware
    ident = identify(Observation(None, None, (Response("http", '{"webVersion": "V4.0.1 build 180313"}', 80, "GET /"),)), db)
    assert ident.firmware is None
    assert ident.vendor == "Hikvision"
    assert _fw(db, '{"firmwareVersion": "V5.5.0 build 170725", "webVersion": "V4.0.1 build 180313"}', "http", "GET /") == "V5.5.0 build 170725"


@pytest.mark.parametrize("name, other", [
    ("other.kv.WebVersion", True), ("other.kv.PluginVersion", True), ("http.json.hw_ver", True),
    ("other.kv.EncodingVersion", True), ("http.kv.KernelVersion", True), ("http.json.latestFirmware", True),
    ("http.json.appVersion", True), ("http.json.web_ver", True),
    ("http.kv.FirmwareVersion", False), ("http.kv.SoftwareVersion", False), ("onvif.FirmwareVersion", False),
    ("http.xml.DeviceInfo/firmwareVersion", False), ("http.json.sw_ver", False), ("http.json.version", False),
])
def test_other_software_key(db, name: str, other: bool) -> None:  # type: ignore[no-untyped-def]
    assert db.other_software.key(name) is other


@pytest.mark.parametrize("text, version, other", [
    ("Web Version: V4.0.1 build 180313", "V4.0.1 build 180313", True),
    ("hw_ver=V1.0.0 build 200101", "V1.0.0 build 200101", True),
    ("Firmware Version: V5.5.0 build 170725", "V5.5.0 build 170725", False),
    ("DS-2CD2032-I V5.5.0 build 170725", "V5.5.0 build 170725", False),
    ("Web Version: V4.0.1\nFirmware V5.5.0 build 170725", "V5.5.0 build 170725", False),
])
def test_other_software_before(db, text: str, version: str, other: bool) -> None:  # type: ignore[no-untyped-def]
    assert db.other_software.before(text, version) is other


@pytest.mark.parametrize("protocol, port, req, raw, want", [
    # a video device's greeting: <model> <kind> <version> (<date>) (nmap-service-probes line 698's layout)
    ("other", 21, "", "220 AXIS 207W Network Camera 4.45 (Feb 21 2008) ready.", "4.45"),
    ("telnet", 23, "", "\r\nAXIS M1054 Network Camera 5.40.9.2 (2013)\r\n\r\nlogin: ", "5.40.9.2"),
    # nmap's -sV reading of a video device's own daemon, as netscan's nmap-XML reader records it
    ("other", 21, "nmap-service", "product: AXIS P1346 Network Camera ftpd\nversion: 5.20\ndevicetype: webcam", "5.20"),
])
def test_firmware_in_device_greetings(db, protocol: str, port: int, req: str, raw: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert identify(Observation(None, None, (Response(protocol, raw, port, req),)), db).firmware == want


@pytest.mark.parametrize("protocol, port, req, raw", [
    # counter-examples: a server's or a shell's version, a product generation, a greeting without a version
    ("other", 80, "nmap-service", "product: Boa httpd\nversion: 0.94.14rc21\ndevicetype: webcam"),
    ("other", 23, "nmap-service", "product: BusyBox telnetd\nversion: 1.14.3\ndevicetype: webcam"),
    ("other", 80, "nmap-service", "product: lighttpd\nversion: 1.4.35"),
    ("other", 80, "nmap-service", "product: Some Camera httpd\nversion: 2.1.0\ndevicetype: general purpose"),
    ("http", 80, "title", "IP Camera 2.0"),
    ("other", 21, "", "220 AXIS P1346 Network Camera ready."),
    ("rtsp", 554, "OPTIONS", "RTSP/1.0 200 OK\r\nServer: HiIpcam/V100R003 VodServer/1.0.0\r\nCSeq: 1\r\n\r\n"),
    ("rtsp", 554, "DESCRIBE", "RTSP/1.0 200 OK\r\nServer: LIVE555 Streaming Media v2013.04.08\r\nCSeq: 2\r\n\r\n"),
])
def test_no_firmware_from_servers_or_generations(db, protocol: str, port: int, req: str, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert identify(Observation(None, None, (Response(protocol, raw, port, req),)), db).firmware is None


# One list of other software's and parts' words (families/generic.yaml other_software) serves the family grammars,
# the line pass and the free-text firmware convention alike.
@pytest.mark.parametrize("raw, want", [
    ("MCU firmware version: 1.0.3", None),
    ("Lens firmware: 2.1.0", None),
    ("PTZ firmware version 1.0.4", None),
    ("Sensor FW: 3.2.1", None),
    ("BT firmware 1.2.3", None),
    ("Config Ver: v2.0.0.0", None),
    ("Client software version: 3.4.5", None),
    ("Wi-Fi firmware: 7.1.2", None),
    ("Required firmware version 5.7.0", None),
    # the device's own version after another part's in the same text is read
    ("MCU firmware version: 1.0.3\nFirmware version: V5.5.0 build 170725", "V5.5.0 build 170725"),
    ("Lens firmware 2.1.0, firmware 5.40.9.2", "5.40.9.2"),
    ("Web Version: V4.0.1 build 180313, Firmware Version: V5.4.1 build 160525", "V5.4.1 build 160525"),
    # an offer word before a firmware word describes the running firmware (hikvision_next#154's post)
    ("running the latest firmware V4.82.000 build 240224", "V4.82.000 build 240224"),
    ("Firmware version: 5.40.9.2", "5.40.9.2"),
])
def test_other_software_in_text(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("text, version, other", [
    ("MCU firmware version: 1.0.3", "1.0.3", True),
    ("boot 固件版本：1.0.3", "1.0.3", True),
    ("Latest version: 5.7.3", "5.7.3", True),
    ("the latest firmware 5.7.3", "5.7.3", False),
    ("**Web version:** V4.0.1", "V4.0.1", True),
    ("<td>Plugin Version</td><td>3.0.7.3</td>", "3.0.7.3", True),
    ("<td>Firmware Version</td><td>V5.4.5</td>", "V5.4.5", False),
    ("build 1.2.3", "1.2.3", False),  # "ui" inside a word is not the word
])
def test_other_software_label_shapes(db, text: str, version: str, other: bool) -> None:  # type: ignore[no-untyped-def]
    assert db.other_software.before(text, version) is other


def test_other_software_is_one_list_in_signatures(db) -> None:  # type: ignore[no-untyped-def]
    # the free-text convention no longer carries its own word list: the words live in other_software only
    rule = next(r for r in db.semantic_rules if r.id == "semantic-firmware-in-text")
    assert "(?<!" not in rule.value.pattern.replace("(?<![a-z0-9])", "")
    assert {"mcu", "lens", "ptz", "web", "plugin", "kernel"} <= set(db.other_software.words)
    assert "latest" in db.other_software.offer_words and "latest" not in db.other_software.words


def test_other_software_examples_are_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from netscan.sigdb.othersoftware import OtherSoftware, other_software_problems
    bad = OtherSoftware(("web",), ("latest",), ({"text": "Web Version: 1.2.3", "version": "1.2.3", "other": False,
                                                 "source": "https://example.org/"},))
    assert other_software_problems(bad) and "expects False" in other_software_problems(bad)[0]


@pytest.mark.parametrize("value, want", [
    # characters no scheme writes end the version: a control character, a bidi override, a tag, a glued bracket,
    # CJK text after it (a Chinese device page's label value runs to the end of its line)
    ("V5.7[bold]B[/bold]\x1b[31m<script>alert(1)</script>\u202e", "V5.7"),
    ("V5.7.3 build 221129（最新）", "V5.7.3 build 221129"),
    ("V5.5.0 build 170725 已是最新版本", "V5.5.0 build 170725"),
    ("2.800.0000000.16.R\u202e", "2.800.0000000.16.R"),
    ("V5.4.0\x00\x01junk", "V5.4.0"),
    ("V4.0.1<br>", "V4.0.1"),
    ("V5.7" + "\x1b[31m" * 80, "V5.7"),  # longer than the extent's 160-character limit: still cut
    # kept: what schemes write, brackets included
    ("3.0.3_20201113_RELEASE(HIK)", "3.0.3_20201113_RELEASE(HIK)"),
    ("1.1.16 Build 211209 Rel.37726n(4555)", "1.1.16 Build 211209 Rel.37726n(4555)"),
    ("V5.5.0\tbuild 170725", "V5.5.0\tbuild 170725"),
    # nothing left that is a version: the value as given
    ("<b>V5</b>", "<b>V5</b>"),
])
def test_firmware_extent_stops_at_what_no_version_writes(value: str, want: str) -> None:
    assert firmware_extent(value) == want


@pytest.mark.parametrize("raw, want", [
    ("设备型号：DS-2CD2T47G2-L\n固件版本：V5.7.3 build 221129（已是最新）\n", "V5.7.3 build 221129"),
    ("设备型号：DS-2CD2T47G2-L\n固件版本：V5.7<img src=x onerror=alert(1)>\n", "V5.7"),
    ("型号：IPC-HFW2431S-S-S2\n软件版本：V2.800.0000000.16.R\u202e\n", "V2.800.0000000.16.R"),
])
def test_chinese_label_firmware_is_cut_at_the_version(db, raw: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("doc, want", [
    # a firmware field-name convention under a part's or another software's key (other_software words)
    ('{"moduleFirmwareVersion": "1.2.3"}', None),
    ('{"viewerSoftwareVersion": "1.2.3"}', None),
    ('{"driver_fw_version": "1.2.3"}', None),
    ('{"Wi-Fi firmware": "7.1.2"}', None),
    # the device's own: the key names no part; a protocol's object around it is no part's name
    ('{"FirmwareVersion": "1.2.3"}', "1.2.3"),
    ('{"onvif": {"FirmwareVersion": "1.2.3"}}', "1.2.3"),
    # TR-064's output arguments start with "New": an offer word counts in a key only for family grammars
    ("<u:GetInfoResponse><NewSoftwareVersion>148.07.12</NewSoftwareVersion></u:GetInfoResponse>", "148.07.12"),
])
def test_other_software_keys_for_firmware_conventions(db, doc: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, doc, "http", "GET /") == want


@pytest.mark.parametrize("raw, want", [
    # a copula before the version, with a colon after it as well ("is:"), in either order of the label's words;
    # the value perhaps in Markdown's inline code (training: "Cam firmware is 1.05_180313", "Original firmware
    # was `7.1.00.17A_...`" read the copula without the colon)
    ("Camera firmware version is: `5.5.61`", "5.5.61"),
    ("The version firmware is: 2.3.4", "2.3.4"),
    ("Firmware was: V5.4.0 build 160530", "V5.4.0 build 160530"),
    # another software's version, a protocol's, an update's state, an address or a date after "is:" is no firmware
    ("The app version is: 2.1.0", None),
    ("Plugin version is: 1.4.2", None),
    ("ONVIF version is: 2.6", None),
    ("The firmware update was: successful", None),
    ("The firmware server is: 192.168.1.10", None),
    ("Firmware is: 2024-01-05", None),
])
def test_firmware_after_a_copula_and_colon(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("raw, want", [
    # a line's or a sentence's closing full stop after a labelled version is not the version's (training: "...
    # Bosch FLEXIDOME indoor 5100i IR, firmware 8.71.0066." read by the text convention)
    ("Model: DS-2CD2143G0-I\nFirmware version: 5.5.61.\n", "5.5.61"),
    ("Firmware: V5.5.0 build 170725.\n", "V5.5.0 build 170725"),
    ("Software Version: V2.800.0000000.16.R.\n", "V2.800.0000000.16.R"),
])
def test_firmware_without_a_closing_full_stop(db, raw: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("value, want", [
    ("1.2.3.", "1.2.3"),
    ("V4.21.100.", "V4.21.100"),
    # a scheme with lettered parts may end in a dot and keeps it (Xiongmai's V5 strings); a dot inside stays
    ("V5.00.R02.000807D8.10010.346632.S.000.", "V5.00.R02.000807D8.10010.346632.S.000."),
    ("3.0.0.186._22062406", "3.0.0.186._22062406"),
    ("1.2.3", "1.2.3"),
])
def test_closing_full_stop_extent(value: str, want: str) -> None:
    assert firmware_extent(value) == want


@pytest.mark.parametrize("raw, want", [
    # a client's log line naming the device and its software version after a "v" (training: homebridge-hue's
    # "<name>: <maker> <model> bridge v<swversion>, api v<apiversion>", ebaauw/homebridge-hue lib/HueBridge.js)
    ("[Hue] Philips hue: Philips BSB002 bridge v1901181309, api v1.29.0", "1901181309"),
    ("[Hue] deCONZ: dresden elektronik deCONZ gateway v2.05.69, api v1.16.0", "2.05.69"),
    # a product generation, the hub software's, a plug-in's, node's, the API's version: none is the device's
    ("I have a Hue bridge v2 and homebridge v1.3.4", None),
    ("homebridge-camera-ffmpeg v3.1.2 on node v14.15.1", None),
    ("Philips hue: warning: not using recommended Hue bridge api v1.31.0", None),
    ("Wyze Cam v3 with camera v2.5", None),
])
def test_firmware_after_the_device_word(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want


@pytest.mark.parametrize("raw, want", [
    # the request XML a Brother update tool sends: the MAIN part's FIRM element is the firmware, wherever it stands
    ("<REQUESTINFO><FIRMUPDATEINFO><MODELINFO><NAME>MFC-L2710DW series</NAME><FIRMINFO><FIRM>\n    <ID>MAIN</ID>\n"
     "    <VERSION>U2104191922</VERSION>\n</FIRM><FIRM>\n    <ID>SUB5</ID>\n    <VERSION>1.04</VERSION>\n</FIRM>"
     "</FIRMINFO></MODELINFO></FIRMUPDATEINFO></REQUESTINFO>", "U2104191922"),
    ("<FIRMINFO><FIRM><ID>SUB5</ID><VERSION>1.04</VERSION></FIRM><FIRM><ID>MAIN</ID><VERSION>1.19</VERSION></FIRM></FIRMINFO>",
     "1.19"),
    # the service's answer offers an update (LATESTVERSION); a SUB part's version is its sub-unit's
    ("<RESPONSEINFO><FIRMUPDATEINFO><FIRMID>MAIN</FIRMID><LATESTVERSION>V2106151824</LATESTVERSION></FIRMUPDATEINFO>"
     "</RESPONSEINFO>", None),
    ("<FIRMINFO><FIRM><ID>SUB5</ID><VERSION>1.04</VERSION></FIRM></FIRMINFO>", None),
])
def test_brother_request_main_part(db, raw: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _fw(db, raw) == want
