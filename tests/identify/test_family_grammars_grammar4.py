"""Family grammars of session 11 (grammar4): Arlo's cameras, doorbells and base stations, Lorex's D-series DVRs.

Each new line is checked on published codes and on look-alikes that must name nobody: Arlo's short codes
without the brand, out-of-range numbers in Arlo's letters, a FireBrick router, Lorex's series digits without
the channel/storage part, and routers, phones and printers. A base station is no camera and no recorder.
"""

from __future__ import annotations

import pytest

from netscan.model import VIDEO_TYPES
from netscan.sigdb import SignatureDB


def _named(db: SignatureDB, value: str) -> list[tuple[str | None, str | None, str | None, str]]:
    out = []
    for rule, got in db.family_matches(value):
        merged = {**rule.set, **got}
        if merged.get("vendor") or merged.get("brand"):
            out.append((merged.get("vendor"), merged.get("brand"), merged.get("model"), merged.get("device_type", "camera")))
    return out


@pytest.mark.parametrize(
    ("value", "vendor", "brand", "model", "device_type"),
    [
        # Arlo cameras as the cloud API's modelId gives them, with their colour/line suffixes
        ("VMC4030", "Arlo", "Arlo", "VMC4030", "camera"),
        ("VMC5040", "Arlo", "Arlo", "VMC5040", "camera"),
        ('"modelId": "VMC4041PB"', "Arlo", "Arlo", "VMC4041PB", "camera"),
        ("Model: VMC2040B", "Arlo", "Arlo", "VMC2040B", "camera"),
        ("VMC3040S", "Arlo", "Arlo", "VMC3040S", "camera"),
        ("VML4030", "Arlo", "Arlo", "VML4030", "camera"),
        # Arlo video doorbells
        ("AVD1001", "Arlo", "Arlo", "AVD1001", "doorbell"),
        ("AVD2001", "Arlo", "Arlo", "AVD2001", "doorbell"),
        ("Model: AVD1001B", "Arlo", "Arlo", "AVD1001B", "doorbell"),
        # base stations and SmartHubs: named, typed other
        ("VMB4000", "Arlo", "Arlo", "VMB4000", "other"),
        ("VMB4000r3", "Arlo", "Arlo", "VMB4000r3", "other"),
        ("VMB5000", "Arlo", "Arlo", "VMB5000", "other"),
        # the short codes after the brand
        ("Arlo FB1001", "Arlo", "Arlo", "FB1001", "camera"),
        ("Arlo ABC1000", "Arlo", "Arlo", "ABC1000", "camera"),
        # Lorex's D-series DVRs (Dahua-built)
        ("D841A82B", "Dahua", "Lorex", "D841A82B", "dvr"),
        ("D841A62", "Dahua", "Lorex", "D841A62", "dvr"),
        ("D441A62T", "Dahua", "Lorex", "D441A62T", "dvr"),
        ("Lorex D841", "Dahua", "Lorex", "D841", "dvr"),
    ],
)
def test_line_is_named(db: SignatureDB, value: str, vendor: str, brand: str | None, model: str, device_type: str) -> None:
    assert _named(db, value) == [(vendor, brand, model, device_type)], value


@pytest.mark.parametrize(
    "value",
    [
        # Arlo's short codes without the brand, Arlo's letters with numbers outside its lines
        "ABC1000",
        "FB1001",
        "FB2900",  # a FireBrick router
        "Acme FB1001",
        "VMC1000",
        "VMC-4030",
        "VMC4090",
        "VMB1000",
        "VMB2000",
        "AVD1234",
        "AVD5001",
        "VML3030",
        "AAD1001",  # Arlo's audio-only doorbell: no video, never a doorbell camera
        "AC1001",  # Arlo's chime
        # Lorex's D series without its channel/storage part, or after another maker's name
        "D841",
        "D8410",
        "D841A",
        "D941A82B",
        "D831A82B",
        "Acme D841",
        # routers, phones, printers (the router RT-AC68U is named as ASUS's router since session 18:
        # signatures/families/asus.yaml, tests/identify/test_harvest7_mechanisms.py)
        "SM-G991B",
        "HL-L2350DW",
        "DIR-841",  # (TP-Link's TL-WR841N is named as its router since session 16: test_harvest3_dumps.py)
    ],
)
def test_look_alike_names_nobody(db: SignatureDB, value: str) -> None:
    assert _named(db, value) == [], value


def test_base_station_is_not_video(db: SignatureDB) -> None:
    """An Arlo base station is named but never typed as a camera or recorder."""
    types = {t for *_, t in _named(db, "VMB4540")}
    assert types == {"other"}
    assert not types & VIDEO_TYPES
