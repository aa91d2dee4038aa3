"""miIO/MIoT model identifiers (signatures/fingerprints/conventions-miio.yaml): '<maker>.camera.<model>' as a whole
value is a camera; the maker part names Imilab (chuangmi) or Xiaomi (mijia, xiaomi); other categories, other
dotted names and identifiers inside running text say nothing of the type."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(db, raw: str):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response("other", raw, None, ""),)), db)


@pytest.mark.parametrize("raw, vendor", [
    ("Model: chuangmi.camera.039a01\nHardware version: Linux\nFirmware version: 5.1.6_0396", "Imilab"),
    ("  - Model: chuangmi.camera.81ac1", "Imilab"),
    ("Model: mijia.camera.v1", "Xiaomi"),
    ("Model: xiaomi.camera.c01a01", "Xiaomi"),
    ("Model: isa.camera.hlc7", None),  # a maker part netscan does not know: a camera, no maker
])
def test_a_miio_camera_identifier_is_a_camera(db, raw: str, vendor: str | None) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(db, raw)
    assert ident.device_type == "camera"
    assert ident.vendor == vendor


@pytest.mark.parametrize("raw", [
    "Model: chuangmi.plug.m1",                           # the same maker's smart plug
    "Model: zhimi.airpurifier.v6",                       # another category
    "feature: android.hardware.camera.flash",            # an Android feature name
    "uses com.example.camera.preview for the preview",   # a Java package inside text
    "INFO:miio.discovery:Found 'mijia.camera.v1' at 192.168.1.10",  # a log line about a camera, not its own answer
])
def test_other_identifiers_and_text_are_not_cameras(db, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).device_type != "camera"


def test_chuangmi_plug_names_the_maker_but_is_no_camera(db) -> None:  # type: ignore[no-untyped-def]
    # Imilab (Chuangmi) is not a video-only maker: its plugs must not become cameras by the maker's name
    ident = _ident(db, "Model: chuangmi.plug.m1")
    assert ident.vendor == "Imilab"
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell")
