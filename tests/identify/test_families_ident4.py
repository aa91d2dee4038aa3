"""Vendor families and conventions of session 6 (helper "makers"): Milesight NVRs and its NVR's RTSP
realm, TVT recorders, Tiandy firmware/title/TLS, VStarcam PPPP device IDs, the new CP PLUS, Digital
Watchdog, EverFocus, MOBOTIX, ACTi and Speco families, Hanwha's analog-HD line. The models below are
not the grammars' own examples (other published models of the same lines), so a pass shows the family
shape, not a memorised string; the look-alikes (Sharp MX- printers, Cisco CP- phones, TP-Link TD- modems,
Hanwha's solar maker) must not take the camera maker's name."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _one(db: SignatureDB, proto: str, raw: str, port: int):
    return identify(Observation(None, None, (Response(proto, raw, port, "GET /"),)), db)


def _title(db: SignatureDB, title: str):
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    return _one(db, "http", raw, 80)


@pytest.mark.parametrize(("title", "vendor", "model", "device_type"), [
    ("MS-N5008-UT", "Milesight", "MS-N5008-UT", "nvr"),
    ("MS-N7032-G", "Milesight", "MS-N7032-G", "nvr"),
    ("TD-3308H2-8P", "TVT", "TD-3308H2-8P", "nvr"),
    ("CP-UNC-VC61L5C-VMD-LQ", "CP PLUS", "CP-UNC-VC61L5C-VMD-LQ", "camera"),
    ("DWC-MT95WI28TW", "Digital Watchdog", "DWC-MT95WI28TW", "camera"),
    ("EZN2540", "EverFocus", "EZN2540", "camera"),
    ("MX-VD2A-2-IR", "Mobotix", "MX-VD2A-2-IR", "camera"),
    ("MOBOTIX Q26B", "Mobotix", "Q26B", "camera"),
    ("ACTi A425", "ACTi", "A425", "camera"),
    ("MOBOTIX T25", "Mobotix", "T25", "doorbell"),
    ("HCO-6070R", "Hanwha Vision", "HCO-6070R", "camera"),
])
def test_a_model_of_the_line_names_maker_model_and_type(db, title, vendor, model, device_type) -> None:
    ident = _title(db, title)
    assert (ident.vendor, ident.model, ident.device_type) == (vendor, model, device_type)


@pytest.mark.parametrize("title", ["SHARP MX-M503N", "Cisco IP Phone CP-8851", "TD-W8901G", "CP-1234", "DWC-MSHC"])
def test_look_alikes_take_no_camera_makers_name(db, title) -> None:
    ident = _title(db, title)
    assert ident.vendor not in {"Mobotix", "CP PLUS", "TVT", "Digital Watchdog"}
    assert ident.device_type not in {"camera", "nvr", "dvr"}


def test_milesight_nvr_rtsp_realm(db) -> None:
    raw = 'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="RECOVISION Streaming Service", nonce="0f1e"\r\n\r\n'
    ident = _one(db, "rtsp", raw, 554)
    assert (ident.vendor, ident.device_type) == ("Milesight", "nvr")


def test_vstarcam_device_id_in_get_status(db) -> None:
    raw = ('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nvar alias="";\r\n'
           'var deviceid="VSTH828707TXVEW";\r\nvar sys_ver="48.53.64.67";\r\n')
    ident = _one(db, "http", raw, 80)
    assert (ident.vendor, ident.device_type) == ("VStarcam", "camera")
    # another PPPP maker's ID names nobody
    other = _one(db, "http", raw.replace("VSTH828707TXVEW", "PPCS123456ABCDE"), 80)
    assert other.vendor != "VStarcam"


def test_tiandy_title_firmware_and_tls(db) -> None:
    assert _title(db, "Net Video Browser").vendor == "Tiandy"
    banner = _one(db, "telnet", "NVR login (DVRS_V11.7.4.20200721)\r\n", 23)
    assert (banner.vendor, banner.firmware, banner.device_type) == ("Tiandy", "DVRS_V11.7.4.20200721", "nvr")


def test_hanwha_solar_is_not_hanwha_vision(db) -> None:
    assert _title(db, "Hanwha Q CELLS Q.VOLT").vendor == "Hanwha Q CELLS"
    assert _title(db, "Hanwha Techwin").vendor == "Hanwha Vision"
