"""Offline: every lab profile (a recorded device in the observation format) identifies as its
``expect`` says, and no non-camera profile is called video equipment. The live lab scan test
checks the same through the network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES
from netscan.observations import from_dict
from netscan.sigdb.db import default_db

PROFILES = sorted((Path(__file__).resolve().parents[2] / "netscan" / "lab" / "profiles").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_identifies_as_expected(path: Path) -> None:
    prof = _load(path)
    expect = prof.get("expect")
    if not expect:
        return  # hostile profiles state no identification; they are tested for robustness
    ident = identify(from_dict(prof, path.name), default_db())
    got = {"vendor": ident.vendor, "brand": ident.brand, "model": ident.model, "firmware": ident.firmware, "device_type": ident.device_type}
    want = {k: expect.get(k) for k in got if k in expect}
    assert {k: got[k] for k in want} == want
    if expect.get("device_type") not in VIDEO_TYPES:
        assert ident.device_type not in VIDEO_TYPES


def test_enough_profiles() -> None:
    profs = [_load(p) for p in PROFILES]
    video = [p for p in profs if (p.get("expect") or {}).get("device_type") in VIDEO_TYPES]
    other = [p for p in profs if p.get("expect") and p["expect"].get("device_type") not in VIDEO_TYPES]
    assert len(video) >= 20 and len(other) >= 5
