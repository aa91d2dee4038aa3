"""Makers named by tokens (helper "tokens", session 8): firmware schemes, IEEE registrants of makers
that were not mapped, a maker's name in a body's top-level name/title key, and a video maker's
smart-home line that must not be called a camera."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _ident(db: SignatureDB, raw: str, protocol: str = "other", port: int | None = None) -> Identification:
    return identify(Observation(None, None, (Response(protocol, raw, port),)), db)


def test_xiongmai_firmware_device_id_with_letters_names_xiongmai(db: SignatureDB) -> None:
    # the fourth field is the board build's device id, not hex only (OpenIPC/coupler: 000699H7, 000669HC)
    ident = _ident(db, "software V5.00.R02.000659MB.10010.140d00.0020000\nplatform IPC_GK7205V200_G5C_S38")
    assert ident.vendor == "Xiongmai"
    assert ident.firmware == "V5.00.R02.000659MB.10010.140d00.0020000"


def test_a_look_alike_dotted_version_is_not_xiongmai(db: SignatureDB) -> None:
    ident = _ident(db, "version V5.00.R02.0006-9MB.10010.140d00.0020000")
    assert ident.vendor is None


@pytest.mark.parametrize("prefix,vendor", [
    ("000463", "Bosch"),          # Bosch Security Systems (no Inc.)
    ("A41894", "Bosch"),          # Bosch Security Systems B.V.
    ("9C756E", "Ajax Systems"),   # Ajax Systems DMCC
    ("187F88", "Ring"),           # Ring LLC
    ("5870C6", "YI"),             # Shanghai Xiaoyi Technology
    ("E47D5A", "Hanbang"),        # Beijing Hanbang Technology Corp.
    ("04CF8C", "Xiaomi"),         # XIAOMI Electronics,CO.,LTD
    ("24CF24", "Xiaomi"),         # Beijing Xiaomi Mobile Software
    ("2CAA8E", "Wyze"),           # already matched by name; must stay
    ("50DCD0", "Alibi"),          # Observint Technologies, Alibi Security's maker
    ("68F0D0", "SkyBell"),        # SkyBell Technologies Inc.
    ("001150", "Belkin"),         # Belkin Corporation (an older block of the same company)
])
def test_ieee_registrants_name_their_makers(db: SignatureDB, prefix: str, vendor: str) -> None:
    assert db.oui_vendor.get(prefix) == vendor


def test_bosch_access_and_automotive_blocks_stay_unmapped(db: SignatureDB) -> None:
    # 'Bosch Security Systems' must not pull in the group's other companies
    assert db.oui_vendor.get("001017") is None   # Bosch Access Systems GmbH
    assert db.oui_vendor.get("70C6AC") is None   # Bosch Automotive Aftermarket


def test_a_maker_name_in_a_top_level_name_key(db: SignatureDB) -> None:
    raw = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"name": "Philips hue", "swversion": "1952086020"}'
    assert _ident(db, raw, "http", 80).vendor == "Philips"


def test_names_in_a_nested_list_are_not_the_device(db: SignatureDB) -> None:
    # an NVR-software's camera list: its entries' names are other devices
    raw = ('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n'
           '{"cameras": [{"name": "Reolink Doorbell"}, {"name": "Hikvision Garage"}]}')
    assert _ident(db, raw, "http", 80).vendor is None


@pytest.mark.parametrize("raw", ["CS-T30-10A-EU", '"deviceType": "CS-T30-10B-EU"', "model: CS-T31-10B-EU"])
def test_ezviz_smart_plug_is_not_a_camera(db: SignatureDB, raw: str) -> None:
    ident = _ident(db, raw)
    assert ident.device_type not in VIDEO_TYPES
    assert ident.device_type == "other"


@pytest.mark.parametrize("raw", ["CS-C6N-A0-1C2WFR", "CS-TY1-B0-1G2WF", "CS-H6c-R100-8B4WF"])
def test_ezviz_cameras_stay_cameras(db: SignatureDB, raw: str) -> None:
    ident = _ident(db, raw)
    assert ident.brand == "EZVIZ" or ident.vendor == "EZVIZ"
    assert ident.device_type == "camera"


@pytest.mark.parametrize("raw,brand,firmware", [
    ("version=4.000.00AC000.0,build:2020-05-21", "Amcrest", "4.000.00AC000.0"),   # an Amcrest recorder's version
    ("Software Version: V2.622.00AC000.0.R, Build Date: 2020-10-22", "Amcrest", "V2.622.00AC000.0.R"),
    ("version=2.622.00LR000.10.R", "Lorex", "2.622.00LR000.10.R"),
])
def test_dahua_oem_code_in_the_version_names_the_label(db: SignatureDB, raw: str, brand: str, firmware: str) -> None:
    ident = _ident(db, raw)
    assert (ident.vendor, ident.brand, ident.firmware) == ("Dahua", brand, firmware)


def test_dahua_general_build_has_no_label(db: SignatureDB) -> None:
    ident = _ident(db, "version=2.800.0000018.0.R")
    assert (ident.vendor, ident.brand) == ("Dahua", None)


@pytest.mark.parametrize("raw,model,device_type", [
    ('"kind": "lpd_v1",', "lpd_v1", "doorbell"),            # Ring Video Doorbell Pro
    ('"kind": "stickup_cam_mini_v2",', "stickup_cam_mini_v2", "camera"),
    ('"kind": "chime_pro_v2",', "chime_pro_v2", "other"),  # a chime is no camera
])
def test_ring_kind_codes_name_ring(db: SignatureDB, raw: str, model: str, device_type: str) -> None:
    ident = _ident(db, raw)
    assert (ident.vendor, ident.model, ident.device_type) == ("Ring", model, device_type)


@pytest.mark.parametrize("raw", ['"kind": "doorbell"', '"kind": "chime"', "doorbell_v9", "lpd_v1x"])
def test_ring_plain_words_and_look_alikes_name_nobody(db: SignatureDB, raw: str) -> None:
    assert _ident(db, raw).vendor is None
