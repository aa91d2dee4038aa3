"""The long-text line pass (netscan/identify/lines.py): family grammars on the lines of logs,
console transcripts, banners and boot logs longer than a field value, with its guards.

Real examples are training files (tests/corpus); the counter-examples are the shapes the guards
exist for: a client's request lines, a list of models, a boot loader's and a device tree's board
lines, and non-cameras' logs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.lines import WEAK_SOURCE, platform_board, read_lines, strong_token, text_lines
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields as parse_fields
from netscan.sigdb import SignatureDB, load_db

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _banner(path: str, response: int = 0) -> str:
    """The long text a training file's response gives (its ``other.banner``)."""
    obs = load_path(CORPUS / path)[0]
    values = parse_fields(obs.responses[response])["other.banner"]
    assert len(values[0]) > 256
    return values[0]


def _background() -> str:
    """The Annke boot log as a long text that says nothing of the device, less its SoC line (an IP-camera
    SoC's die, Novatek NA51055, says camera by itself: signatures/fingerprints/stacks-soc.yaml)."""
    return "\n".join(line for line in _banner(ANNKE_LOG).splitlines() if "NA51055" not in line)


def _hits(db: SignatureDB, text: str) -> list[tuple[str, dict[str, str], bool]]:
    return [(h.rule.id, h.got, h.strong) for h in read_lines(text, db.family_matcher(keep=False))]


def _other(raw: str, ip: str = "10.0.0.9") -> Observation:
    return Observation(ip=ip, mac=None, responses=(Response(protocol="other", port=None, request="console", raw=raw),))


# The real (training) boot log of an Annke camera: it names only its SoC board, in a device-tree line.
ANNKE_LOG = "annke/annke-ncd800_diag-kernel-log-openipc-firmware1390.json"


def test_console_lines_name_the_model(db: SignatureDB) -> None:
    """A console tool's lines (training: rroller/dahua#6, a Dahua console's print) name the model in a
    line the key-value readers also read: found, strong, and the identification does not change."""
    hits = _hits(db, _banner("dahua/imou-cue-2c-ipc-c22c_nmap-dahua-console-dahua6.json", 1))
    assert ("family-dahua-camera", {"vendor": "Dahua", "device_type": "camera", "model": "IPC-C22C"}, True) in hits
    assert any(got.get("firmware") == "2.680.0000000.22.R" for _, got, _ in hits)


def test_a_bridge_table_row_names_the_camera(db: SignatureDB) -> None:
    """docker-wyze-bridge#1036 (training): the bridge's camera table, one row per field, long."""
    hits = _hits(db, _banner("wyze/wyze-cam-v3_bridge-camera-table-wyze-bridge1036.json"))
    assert ("family-wyze-camera", {"vendor": "Wyze", "device_type": "camera", "model": "WYZE_CAKP2JFUS"}, True) in hits


def test_a_model_and_its_series_code_are_one_model(db: SignatureDB) -> None:
    """pyEzvizApi#274 (training): the full code and the series code inside it are one model, not a list."""
    hits = _hits(db, _banner("ezviz/ezviz-cs-h6c-r101-1g2wf_scan-summary-pyezvizapi274.json"))
    assert any(got.get("model") == "CS-H6c-R101-1G2WF" and strong for _, got, strong in hits)


def test_firmware_in_a_line_of_a_long_snmp_print(db: SignatureDB) -> None:
    """A switch's SNMP walk (training, sysobject15): the VRP version sits in a line of the long
    sysDescr print; it is now read, and the switch stays a non-camera."""
    obs = load_path(CORPUS / "noncameras/huawei-s5720-12tp-pwr-li-ac_snmp-sysdescr-sysobject15.json")[0]
    ident = identify(obs, db)
    assert ident.firmware == "V200R010C00SPC600"
    assert ident.device_type not in VIDEO_TYPES
    assert any(e.source == WEAK_SOURCE and e.extracted.get("firmware") == "V200R010C00SPC600" for e in ident.evidence)


def test_a_boot_log_naming_only_its_soc_board_names_nothing(db: SignatureDB) -> None:
    """The Annke boot log (training): ``OF: fdt: Machine model: Novatek NA51055`` is the SoC's board."""
    assert _hits(db, _banner(ANNKE_LOG)) == []
    ident = identify(load_path(CORPUS / ANNKE_LOG)[0], db)
    assert ident.vendor is None and ident.model is None


def test_a_kernel_line_with_the_device_model(db: SignatureDB) -> None:
    """A model code in its maker's shape in a kernel line of a long boot log names the maker and the
    model, weaker than a field; a strong code also says what the device is."""
    text = _banner(ANNKE_LOG) + "\n[    0.000000] Booting DS-2CD1043G0-I prototype rev 2\n"
    ident = identify(_other(text), db)
    assert (ident.vendor, ident.model, ident.device_type) == ("Hikvision", "DS-2CD1043G0-I", "camera")
    line_ev = [e for e in ident.evidence if "in a line of other.banner" in e.detail]
    assert line_ev and all(e.weight <= 0.31 for e in line_ev)


def test_a_short_code_alone_in_a_long_text_says_no_type(db: SignatureDB) -> None:
    """A short code (Eufy's ``T8419``) in one line of a long non-camera log names a maker and a model
    at most, never a camera."""
    text = _background() + "\n2024-12-09 19:05:30.551 DEBUG send_message serialNumber T8419 ok\n"
    hits = _hits(db, text)
    assert hits and all(not strong and "device_type" not in got for _, got, strong in hits)
    ident = identify(_other(text), db)
    assert ident.device_type not in VIDEO_TYPES


@pytest.mark.parametrize("line", [
    "GET /ISAPI/System/deviceInfo/DS-2CD2142FWD-IS HTTP/1.1",
    "Sending request: DESCRIBE rtsp://10.0.0.5:554/DS-2CD2142FWD-IS RTSP/1.0",
    "> GET /cgi-bin/DS-2CD2142FWD-IS HTTP/1.1",
    "User-Agent: DS-2CD2142FWD-IS-client/1.0",
    "opening http://10.0.0.5/doc/DS-2CD2142FWD-IS/index.html",
])
def test_client_lines_and_urls_are_not_read(db: SignatureDB, line: str) -> None:
    """A client's request line, header or URL says what the user asked for, not what the device is."""
    text = _background() + "\n" + line + "\n"
    assert _hits(db, text) == []


@pytest.mark.parametrize("line", [
    "Board: ISVP (Ingenic XBurst T31 SoC)",
    "Model: Hisilicon HI3516DV300 DEMO Board",
    "Board: HI3516EV300_85H50AI",
    "CPU: IPC-HDW4631C-A rev 1",
    "SoC: DS-2CD2142FWD-IS",
])
def test_platform_lines_are_not_read(db: SignatureDB, line: str) -> None:
    """The boot loader's and device tree's board, SoC and CPU lines describe the platform."""
    assert line not in text_lines("x1\n" + line + "\n")


def test_a_kernel_command_line_is_read(db: SignatureDB) -> None:
    """Only a line's label says it is about the platform: a kernel command line that mentions flash
    partitions is read (a device's model passed to its firmware there names it)."""
    line = "[    0.000000] Kernel command line: console=ttyAMA0 mtdparts=hi_sfc:1M(boot) model=DS-2CD1043G0-I"
    assert any(x.endswith("model=DS-2CD1043G0-I") for x in text_lines("x1\n" + line + "\n"))
    assert "[    0.000000] Linux version 4.19.91 (root@x) (gcc version 6.5.0 (Buildroot 2019.05.2))" not in text_lines(
        "x1\n[    0.000000] Linux version 4.19.91 (root@x) (gcc version 6.5.0 (Buildroot 2019.05.2))\n")


def test_a_list_of_models_names_no_model(db: SignatureDB) -> None:
    """A line listing several models is a list (skipped); a text naming two models on separate lines
    (a client's camera list) gives no model and no type, only the maker they share."""
    one_line = _background() + "\nsupported: DS-2CD2142FWD-IS, DS-2CD2346G2-ISU, DS-7608NI-K2\n"
    assert _hits(db, one_line) == []
    two_lines = _background() + "\nadded front [DS-2CD2142FWD-IS]\nadded back [DS-2CD2346G2-ISU]\n"
    hits = _hits(db, two_lines)
    assert [got for _, got, _ in hits] == [{"vendor": "Hikvision"}]
    ident = identify(_other(two_lines), db)
    assert ident.model is None and ident.device_type not in VIDEO_TYPES


def test_json_and_markup_are_left_to_their_readers(db: SignatureDB) -> None:
    """A JSON document or markup keeps its keys (a list of devices stays a list): not read by lines."""
    doc = json.dumps({"cameras": [{"model": "DS-2CD2142FWD-IS", "note": "x" * 300}]}, indent=1)
    assert _hits(db, doc) == []
    assert _hits(db, "<html>\n" + "<p>DS-2CD2142FWD-IS</p>\n" * 30 + "</html>") == []


def test_a_raspberry_pi_boot_log_is_no_camera(db: SignatureDB) -> None:
    """A non-camera's boot log: the device-tree model of a Raspberry Pi 4 (torvalds/linux
    arch/arm64/boot/dts/broadcom/bcm2711-rpi-4-b.dts, ``model = "Raspberry Pi 4 Model B"``)."""
    text = "\n".join([
        "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]",
        "[    0.000000] Linux version 5.15.61-v8+ (dom@buildbot) (aarch64-linux-gnu-gcc-8 (Ubuntu/Linaro 8.4.0-3ubuntu1) 8.4.0) #1579 SMP PREEMPT",
        "[    0.000000] random: crng init done",
        "[    0.000000] Machine model: Raspberry Pi 4 Model B Rev 1.4",
        "[    0.000000] efi: UEFI not found.",
    ])
    ident = identify(_other(text), db)
    assert ident.vendor is None and ident.device_type not in VIDEO_TYPES


def test_an_evaluation_board_is_no_model(db: SignatureDB) -> None:
    """A boot loader's ``Model:`` line naming the SoC maker's demo or evaluation board (U-Boot prints
    the device tree's model) is read by the key-value readers, but is no device model."""
    assert platform_board("Hisilicon HI3516DV300 DEMO Board")
    assert platform_board("Rockchip RV1126 EVB DDR3 V13 Board")
    assert not platform_board("DS-2CD2142FWD-IS")
    assert not platform_board("Raspberry Pi 4 Model B Rev 1.4")
    ident = identify(_other("U-Boot 2016.11 (Jan 16 2020)\nModel: Hisilicon HI3516DV300 DEMO Board\nDRAM:  64 MiB\nNet:   eth0\n"), db)
    assert ident.model is None


def test_strong_tokens() -> None:
    assert strong_token("DS-7616NI-K2") and strong_token("WYZE_CAKP2JFUS")
    assert not strong_token("T8419") and not strong_token("C200") and not strong_token("H6c")


def test_bounded_and_plain_path_agrees(db: SignatureDB) -> None:
    """Many lines are read up to the bound; the plain path (every grammar on every line) gives the
    same identification as the memoised one."""
    from netscan.identify.collect import collect

    text = "\n".join(f"[{i:6d}.000] tick {i}" for i in range(5000)) + "\n[ 9.0] Machine: DS-2CD1043G0-I\n"
    assert identify(_other(text), db).model is None  # past MAX_LINES: not read
    short = _banner(ANNKE_LOG) + "\n[    0.000000] Machine: DS-2CD1043G0-I\n"
    fast = collect(_other(short), db)
    plain = collect(_other(short), load_db(), exhaustive=True)
    assert [(c.key, c.value, c.weight) for c in fast[0]] == [(c.key, c.value, c.weight) for c in plain[0]]


def test_the_databases_matcher_carries_its_soc_part_check(db: SignatureDB) -> None:
    # a HiSilicon SDK kernel module written in lower case (OpenIPC/firmware br-ext-chip-hisilicon): the database's
    # matcher knows the chip's part number and leaves the token; a matcher without the check reads the shape
    # of a Xiongmai board id in it (the check is the database's, handed out with its matcher: no caller passes it)
    from netscan.identify.lines import lower_code_matches
    from netscan.sigdb.db import FamilyMatcher

    line = "hi3536dv100_adec 6231 0 - Live 0xbf3e5000 (PO)"
    matcher = db.family_matcher(keep=False)
    assert matcher.soc is not None and matcher.soc("Hi3536DV100") and not matcher.soc("DS-2CD2042WD-I")
    assert read_lines(line, matcher) == () and lower_code_matches(line, matcher) == []
    bare = FamilyMatcher(matcher.match)
    assert [got.get("model") for _, got in lower_code_matches(line, bare)] == ["HI3536DV100_ADEC"]
    assert db.family_matcher()("DS-2CD2042WD-I") == db.family_matches("DS-2CD2042WD-I")
