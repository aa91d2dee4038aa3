"""Family grammars of session 12 (grammar5): where a model's extent ends, and new makers' lines.

A device that writes its model with the last octets of its MAC address after a ``_`` (a Digest/Basic realm, an
access point's name: D-Link's ``Basic realm="DCS-932L_68"``) is read as the whole model, not cut at the last
``-`` inside it nor passed over; a ``_`` tail that is not such a hex run still joins the token.
"""

from __future__ import annotations

import pytest

from netscan.sigdb import SignatureDB
from tests.identify.familyclaims import family_claims


def _models(db: SignatureDB, value: str) -> list[tuple[str | None, str | None]]:
    return [(c.get("vendor"), c.get("model")) for c in family_claims(db, value) if c.get("vendor")]


@pytest.mark.parametrize(
    ("value", "vendor", "model"),
    [
        ('WWW-Authenticate: Basic realm="DCS-932L_68"', "D-Link", "DCS-932L"),
        ('Digest realm="DCS-930L_5F", nonce="0123abcd"', "D-Link", "DCS-930L"),
        # a code with a '-' inside: the whole code, not the part before its last '-'
        ('Digest realm="IPC-HFW2431S-S-S2_1a2b3c"', "Dahua", "IPC-HFW2431S-S-S2"),
        ('Digest realm="XNV-8080R_0009187A7B1C"', "Hanwha Vision", "XNV-8080R"),
    ],
)
def test_mac_tail_after_model(db: SignatureDB, value: str, vendor: str, model: str) -> None:
    assert (vendor, model) in _models(db, value), _models(db, value)


@pytest.mark.parametrize(
    "value",
    [
        "DCS-930L_face",  # hex letters only: a word, not a MAC tail
        "DCS-930L_abc",  # odd length
        "DCS-930L_0a1b2c3d4e5f6a7b",  # longer than a MAC
        "DCS-930L_backup",  # a word
        "XNV-8080R_V2",  # not hex
    ],
)
def test_other_underscore_tails_join_the_token(db: SignatureDB, value: str) -> None:
    assert _models(db, value) == [], value


def test_cut_short_model_not_claimed(db: SignatureDB) -> None:
    # before: the grammar backtracked to the part before the last '-' ('IPC-HFW2431S-S')
    models = {m for _, m in _models(db, 'Digest realm="IPC-HFW2431S-S-S2_1a2b3c"')}
    assert "IPC-HFW2431S-S" not in models


def test_board_code_after_soc_kept_whole(db: SignatureDB) -> None:
    # Xiongmai's SoC_board code: the '_' tail has letters that are not hex
    assert ("Xiongmai", "HI3516EV300_85H50AI") in _models(db, "HI3516EV300_85H50AI")


def _brands(db: SignatureDB, value: str) -> set[tuple[str | None, str | None, str | None]]:
    return {(c.get("vendor"), c.get("brand"), c.get("model")) for c in family_claims(db, value) if c.get("brand")}


@pytest.mark.parametrize(
    ("value", "model"),
    [
        ("IPC-A22EP", "IPC-A22EP"),  # Ranger 2
        ("Imou IPC-C22EP-S2", "IPC-C22EP-S2"),  # Cue 2, an option after a hyphen
        ("IPC-F22AP", "IPC-F22AP"),  # Bullet
        ("IPC-GS7EP", "IPC-GS7EP"),  # Cruiser (one digit)
        ("IPC-S42F-D", "IPC-S42F-D"),
        ("IPC-K3DP-5H0WF", "IPC-K3DP-5H0WF"),  # Bullet 2E's SKU with its H0W suffix
    ],
)
def test_imou_consumer_codes_name_the_brand(db: SignatureDB, value: str, model: str) -> None:
    assert ("Dahua", "Imou", model) in _brands(db, value), _brands(db, value)


@pytest.mark.parametrize(
    "value",
    [
        "DH-IPC-K15P",  # written with Dahua's own prefix: Dahua's
        "IPC-HFW2431S-S-S2",  # Dahua's professional lines
        "IPC-HDBW2431E-S-S2",
        "IPC-EBW81242",
        "IPC-T23S-A40",  # Uniview's China-market line
        "IPC-Q23S-M3",
        "IPC-B469HAD-LUF",
        "IPC-1080P",  # a resolution
    ],
)
def test_other_ipc_codes_name_no_imou(db: SignatureDB, value: str) -> None:
    assert not any(b == "Imou" for _, b, _ in _brands(db, value)), _brands(db, value)


@pytest.mark.parametrize(
    ("value", "model", "device_type"),
    [
        ("ZG28110M", "ZG28110M", "camera"),
        ("ZOSI ZG2323M", "ZG2323M", "camera"),
        ("ZWNVK-A81300-US", "ZWNVK-A81300-US", "nvr"),
        ("ZSWNVK-A41001-US", "ZSWNVK-A41001-US", "nvr"),
    ],
)
def test_zosi_lines(db: SignatureDB, value: str, model: str, device_type: str) -> None:
    got = [(c.get("vendor"), c.get("model"), c.get("device_type")) for c in family_claims(db, value)]
    assert ("Zosi", model, device_type) in got, got


@pytest.mark.parametrize(
    "value",
    [
        "EFR32ZG23B020F512IM48",  # Silicon Labs radio part: ZG23 inside a longer token
        "ZG23",  # the part family alone
        "ZG2323",  # no closing M
        "SWNVK-MR4KPROSD4-AU",  # Swann's kit, not Zosi's
    ],
)
def test_zosi_look_alikes(db: SignatureDB, value: str) -> None:
    assert not any(c.get("vendor") == "Zosi" for c in family_claims(db, value)), family_claims(db, value)


@pytest.mark.parametrize(
    ("value", "model"),
    [
        ("Reolink Argus 3 Pro", "Argus 3 Pro"),
        ("REOLINK Argus 2E", "Argus 2E"),
        ("Reolink Duo 3 PoE", "Duo 3 PoE"),
        ("Reolink Duo 2V PoE camera", "Duo 2V PoE"),
        ("Reolink Duo 4G", "Duo 4G"),
        ("Reolink E1 Outdoor PoE", "E1 Outdoor PoE"),
        ("Reolink E1 Zoom", "E1 Zoom"),
    ],
)
def test_reolink_retail_names_after_the_brand(db: SignatureDB, value: str, model: str) -> None:
    assert ("Reolink", model) in _models(db, value), _models(db, value)


@pytest.mark.parametrize(
    "value",
    [
        "Argus 3 Pro",  # without the brand: a word and a digit
        "E1 Outdoor PoE",
        "Duo 2",
        "Sony Argus 3",  # another maker's name first
        "Reolink Argus",  # no generation number
    ],
)
def test_reolink_retail_names_need_the_brand(db: SignatureDB, value: str) -> None:
    assert not any(c.get("rule") == "family-reolink-retail-name" for c in family_claims(db, value)), family_claims(db, value)


@pytest.mark.parametrize("value", ["IPC-B140H", "IPC-T281H-MU", "IPC-B1120HAP-LUF", "Model: IPC-D140H"])
def test_hilook_codes_name_the_brand(db: SignatureDB, value: str) -> None:
    assert any(v == "Hikvision" and b == "HiLook" for v, b, _ in _brands(db, value)), _brands(db, value)


@pytest.mark.parametrize("value", ["DS-2CD2143G0-I", "IPC-B1B20", "IPC-T5442T-ZE", "DS-7608NI-K2"])
def test_hikvision_and_dahua_codes_name_no_hilook(db: SignatureDB, value: str) -> None:
    assert not any(b == "HiLook" for _, b, _ in _brands(db, value)), _brands(db, value)


@pytest.mark.parametrize(("value", "model"), [("DVR8-4580V", "DVR8-4580V"), ("Swann DVR4-1200", "DVR4-1200")])
def test_swann_dvr_with_its_v_suffix(db: SignatureDB, value: str, model: str) -> None:
    assert ("Swann", model) in _models(db, value), _models(db, value)


@pytest.mark.parametrize("value", ["DVR8-4580VX", "DVR5-4580V", "NVR8-4580V"])
def test_swann_dvr_look_alikes(db: SignatureDB, value: str) -> None:
    assert not any(v == "Swann" for v, _ in _models(db, value)), _models(db, value)
