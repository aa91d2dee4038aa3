"""Makers' names as tokens (helper "tokens6", session 13): a manufacturer field's one-slip misspelling of a known
maker's name, camera makers' product-line and app names, and new makers and labels. Each case has a
counter-example that must name nobody, name another maker, or stay a non-camera."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.names import one_edit_keys

DB = load_db()


def _ident(raw: str, protocol: str = "other", port: int | None = None, request: str = "a recorded text"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, port=port, request=request, raw=raw),)), DB)


# ---------------------------------------------------------------- a manufacturer field's typing slip

def test_one_slip_keys_keep_the_first_letter_and_make_only_doubling_and_swap_slips() -> None:
    keys = one_edit_keys("sonoff")
    assert "sonof" in keys and "sonofff" in keys and "snooff" in keys
    assert "osnoff" not in keys and "ssonoff" not in keys                      # the first letter is kept
    assert "sonofx" not in keys and "zonoff" not in keys and "sonaff" not in keys  # nothing added, changed
    assert "sonoff" not in keys


@pytest.mark.parametrize("typed, maker", [
    ("Sonof", "Sonoff"),        # a camera-database contribution's brand (StrixCamDB issue 17: the maintainer mapped it to Sonoff)
    ("Phillips", "Philips"),    # a letter written twice
    ("Amcerst", "Amcrest"),     # neighbours swapped
    ("Reolnik", "Reolink"),
])
def test_a_manufacturer_fields_one_slip_names_the_maker(typed: str, maker: str) -> None:
    got = DB.misspelled_vendor(typed)
    assert got is not None and got.name == maker
    dev = _ident(f"brand: {typed}\nmodel: X100\n")
    assert maker in (dev.vendor, dev.brand)          # (Amcrest: a label, its maker Dahua the vendor)


@pytest.mark.parametrize("name", [
    "Hivision",     # an IEEE registrant (Hivision Co., Ltd.): a letter dropped from Hikvision, another company
    "Genvision",    # Shanghai Genvision Industries: a letter changed from GeoVision
    "Redlink",      # Beijing Redlink: one letter changed from Reolink
    "Boscam",       # an FPV brand: the first letter changed from Foscam
    "Telink",       # a Bluetooth chip maker: one edit from TP-Link's key
    "Brothers",     # Brother is a word: never matched by a slip
    "Sonny",        # Sony is too short to match a slip
    "Sonoff",       # the name itself is no slip of itself
])
def test_other_companies_one_edit_away_are_no_slips(name: str) -> None:
    assert DB.misspelled_vendor(name) is None


def test_a_slip_inside_a_longer_value_or_in_free_text_names_nobody() -> None:
    assert DB.misspelled_vendor("Sonof Smart Home") is None          # several words: a name netscan does not know
    dev = _ident("the camera said Sonof on its box\n")
    assert dev.vendor is None
