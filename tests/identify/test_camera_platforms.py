"""Camera platforms' own conventions say what a device is without naming its maker: an IP-camera SoC's die
(Novatek NA51055), the Xiaoyi camera firmware scheme, a Baichuan IPC_ board id as the hardware version,
Netatmo's camera and doorbell module codes in a logged module record. Each with the counter-examples it
must not read: a recorder SoC, router firmware with a build date, an industrial PC, another JSON's NDB."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _other(raw: str) -> Observation:
    return Observation(ip="10.0.0.9", mac=None, responses=(Response(protocol="other", port=None, request="console", raw=raw),))


def _type(db: SignatureDB, raw: str) -> str:
    return identify(_other(raw), db).device_type


@pytest.mark.parametrize("raw", [
    "[    0.000000] OF: fdt: Machine model: Novatek NA51055\n[    0.000000] Memory policy: Data cache writealloc",
    "chip: nt98528\nsensor: imx335",
])
def test_a_novatek_camera_soc_says_camera(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) == "camera"


@pytest.mark.parametrize("raw", [
    "[    0.000000] OF: fdt: Machine model: Novatek NA51068\n[    0.000000] Memory policy: Data cache writealloc",
    "[    0.000000] OF: fdt: Machine model: Novatek NA51103",
])
def test_a_novatek_recorder_die_says_nothing(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) not in VIDEO_TYPES


@pytest.mark.parametrize("raw", [
    "My camera is on firmware version 8.2.0.0A_201912270941 according to the app",
    "The firmware version is: `9.0.19.09_202010291747`",
    "Original firmware was `7.1.00.17A_201909271014`",
])
def test_the_xiaoyi_firmware_scheme_says_camera(db: SignatureDB, raw: str) -> None:
    ident = identify(_other(raw), db)
    assert ident.device_type == "camera" and ident.vendor is None


@pytest.mark.parametrize("raw", [
    "Firmware Version: 3.16.9 Build 20191223 Rel. 63419",
    "Firmware Version: V1.0.0.18_20190315",
    "the latest firmware `3.4.5_2018091817` works",
    "FW: 12.1.47.05",
    "build 1.2.3.4_20191301999999",
])
def test_other_version_and_date_schemes_say_nothing(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) not in VIDEO_TYPES


def test_an_ipc_board_as_hardware_version_says_camera(db: SignatureDB) -> None:
    assert _type(db, "Hardware Ver: IPC_36S8M\nConfig Ver: v2.0.0.0\nFirmware Ver 1029_16061700") == "camera"


@pytest.mark.parametrize("raw", [
    "Hardware Ver: IPC-610\nChassis: 4U rackmount",
    "Process: IPC_SERVER\nState: running",
])
def test_an_ipc_word_elsewhere_says_nothing(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) not in VIDEO_TYPES


def _module(kind: str, **extra: str) -> str:
    return json.dumps({"type": kind, "firmware_name": "2.18.0", **extra}, indent=2)


def test_netatmo_module_codes_in_a_logged_record(db: SignatureDB) -> None:
    vpn = "https://prodvpn-eu-6.netatmo.net/10.20.30.40/1111111111111/2222222222222,,"
    doorbell = identify(_other(_module("NDB", vpn_url=vpn)), db)
    camera = identify(_other(_module("NOC", vpn_url=vpn)), db)
    assert (doorbell.vendor, doorbell.device_type) == ("Netatmo", "doorbell")
    assert (camera.vendor, camera.device_type) == ("Netatmo", "camera")


def test_the_same_letters_without_the_camera_relay_say_nothing(db: SignatureDB) -> None:
    beacon = identify(_other(_module("NDB", ident="TBN", name="Tabon")), db)
    assert beacon.device_type not in VIDEO_TYPES and beacon.vendor is None


def test_a_codec_stream_resolution_setting_says_camera(db: SignatureDB) -> None:
    """Sercomm camera firmware's /util/query.cgi settings (edent/Sercomm-API#12, training)."""
    raw = "For the RC8230 I have V1.0.03 firmware:\n- mpeg4_resolution=640\n- mjpeg_resolution=640\n- h264_resolution=640\n"
    assert _type(db, raw) == "camera"


@pytest.mark.parametrize("raw", [
    "export GST_MJPEG_RESOLUTION=640x480\nexport GST_USE_RAW_CAMERA=0\n",
    "h264_resolution=auto\nbitrate=high\n",
])
def test_other_resolution_settings_say_nothing(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) not in VIDEO_TYPES


def test_an_nvr_soc_says_nvr_and_a_hybrid_dvr_soc_says_nothing(db: SignatureDB) -> None:
    """The Ohwoai K8208-W's cpuinfo (training): a HiSilicon NVR SoC. A hybrid DVR SoC (also in NVRs and HDMI
    encoders) is not read."""
    nvr = "processor : 0\nmodel name : ARMv7 Processor rev 5 (v7l)\nHardware : Hisilicon Hi3536DV100 (Flattened Device Tree)\n"
    assert _type(db, nvr) == "nvr"
    hybrid = "processor : 0\nHardware : Hisilicon Hi3520DV400 (Flattened Device Tree)\n"
    assert _type(db, hybrid) not in VIDEO_TYPES
