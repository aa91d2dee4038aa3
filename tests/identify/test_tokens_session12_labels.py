"""Retail labels with no builder published (helper "tokens5", session 12): a form's or configuration's make
value naming one is the brand (and stands as the vendor while nothing names a maker); a maker other evidence
names takes the vendor and the label stays the brand. Counter-examples: a label's name inside another word,
used as an ordinary word or surname, or too short to look for as a word, names nobody; a label that also sells
other things types nothing by its name alone."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db

DB = load_db()
MN = DB.maker_names


def _ident(raw: str, protocol: str = "other", port: int | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, port=port, request="x", raw=raw),)), DB)


@pytest.mark.parametrize("raw, label", [
    ('{"name": "Camera", "manufacturer": "Jawa", "model": "Z_22047", "firmwareRevision": "1.70"}', "Jawa"),
    ("brand: wistino\nmodel: Other\nprotocol: rtsp\nport: 554\n", "Wistino"),
    ('{"brand": "LSC", "model": "Video Doorbell"}', "LSC"),
    ('{"manufacturer": "Chacon", "model": "FI02"}', "Chacon"),
    ('{"manufacturer": "OWSOO", "model": "XY-R9820-F4"}', "OWSOO"),
])
def test_a_make_field_naming_a_retail_label_is_the_brand(raw: str, label: str) -> None:
    got = _ident(raw)
    assert got.brand == label
    assert got.vendor == label  # no builder named: the label stands as the vendor


@pytest.mark.parametrize("raw, maker, label", [
    ("Manufacturer: OWSOO\nModel: DS-2CD2042WD-I\nFirmwareVersion: V5.4.5 build 170124\n", "Hikvision", "OWSOO"),
    ("Manufacturer: Chacon\nModel: IPC-HDW1230S\n", "Dahua", "Chacon"),
])
def test_a_maker_named_by_other_evidence_takes_the_vendor_and_the_label_stays_the_brand(raw: str, maker: str, label: str) -> None:
    got = _ident(raw, "onvif", 80)
    assert (got.vendor, got.brand) == (maker, label)


def test_labels_found_in_short_text_by_their_names() -> None:
    assert MN is not None
    assert MN.find("OWSOO camera") == "OWSOO" and MN.find("Wistino") == "Wistino"
    assert MN.find("LSC Smart Connect doorbell") == "LSC"


@pytest.mark.parametrize("value", [
    "LSC", "LSCX",                              # three letters: never searched as a bare word
    "Chacon", "Maria Chacon", "Chaconne",       # a surname and a longer word
    "Jawa", "Jawa Motorcycles", "Javanese",     # an ordinary word (Java's island, the motorcycle maker)
    "wistinoviani", "owsoon",                   # inside another word
])
def test_label_names_as_words_or_inside_words_name_nobody(value: str) -> None:
    assert MN is not None
    assert MN.find(value) is None


@pytest.mark.parametrize("raw", ["<title>Maria Chacon photography</title>", "<title>Jawa 350 motorcycle club</title>"])
def test_a_page_title_using_the_word_names_nobody(raw: str) -> None:
    got = _ident(raw, "http", 80)
    assert got.vendor is None and got.brand is None and got.device_type not in VIDEO_TYPES


@pytest.mark.parametrize("label", ["Chacon", "LSC", "OWSOO", "Jawa"])
def test_labels_that_sell_other_things_type_nothing_by_their_name(label: str) -> None:
    got = _ident(f'{{"manufacturer": "{label}", "model": "X100"}}')
    assert got.device_type not in VIDEO_TYPES
