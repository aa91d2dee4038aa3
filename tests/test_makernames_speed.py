"""The maker-name alternation's first characters written as case-sensitive classes (identification speed,
netscan/sigdb/makernames.py ``_first_class``) match exactly what the case-insensitive letters did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.sigdb import load_db
from netscan.sigdb.makernames import _CASE_EXTRA, _first_class


def test_case_extra_is_every_character_an_ascii_letter_matches() -> None:
    """Every code point that an ASCII letter or digit matches case-insensitively is in its class."""
    any_alnum = re.compile("(?i)[a-z0-9]")
    others = [chr(x) for x in range(0x110000) if not chr(x).isascii() and any_alnum.fullmatch(chr(x))]
    assert others  # (the Kelvin sign, the long s, the dotted and dotless i)
    for c in "abcdefghijklmnopqrstuvwxyz0123456789":
        want = {x for x in (c, c.upper(), *others) if re.fullmatch("(?i)" + c, x)}
        cls = re.compile(_first_class(c))
        assert {x for x in (c, c.upper(), *others) if cls.fullmatch(x)} == want, c
        assert set(_CASE_EXTRA.get(c, "")) == want - {c, c.upper()}, c
    assert _first_class("大") == "大" and _first_class("é") == "é"


_DB = load_db()
_NEW = _DB.maker_names.pattern if _DB.maker_names is not None else None
# the alternation as it was written before (each group's first character a case-insensitive letter)
_OLD = re.compile(re.sub(r"\(\?-i:\[([^\]]+)\]\)",
                         lambda m: next(c for c in m.group(1) if c.isascii() and (c.islower() or c.isdigit())),
                         _NEW.pattern)) if _NEW is not None else None
_NAMES = sorted({n for v in _DB.vendors.values() for n in (v.name, *v.aliases)})


def test_first_classes_are_used() -> None:
    assert _NEW is not None and _OLD is not None
    assert "(?-i:[Hh])" in _NEW.pattern and "(?-i:[Kk\u212a])" in _NEW.pattern
    assert _OLD.pattern != _NEW.pattern


def _same(text: str) -> None:
    assert _NEW is not None and _OLD is not None
    assert [(m.start(), m.group()) for m in _NEW.finditer(text)] == [(m.start(), m.group()) for m in _OLD.finditer(text)], text


def test_same_matches_on_every_name_and_example() -> None:
    for name in _NAMES:
        for text in (name, name.upper(), name.lower(), f"x {name} y", f"IPCam{name}", f"{name}NVR", f"a-{name}"):
            _same(text)
    for ex in _DB.maker_names.examples if _DB.maker_names is not None else ():
        for value in ex.values():
            if isinstance(value, str):
                _same(value)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_NAMES), st.text(max_size=10), st.text(alphabet="kKsSiI\u212a\u017f\u0130\u0131 -_.aZ9", max_size=8),
       st.sampled_from(["", "upper", "lower", "swap"]))
def test_same_matches_on_random_texts(name: str, noise: str, folds: str, case: str) -> None:
    """Names with random text around them, case changed, with the characters that match ASCII letters
    case-insensitively (Kelvin sign, long s, dotted/dotless i) in place of letters: the same matches."""
    text = noise + folds + name + folds + noise
    text = {"upper": text.upper(), "lower": text.lower(), "swap": text.swapcase()}.get(case, text)
    _same(text)
    _same(text.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131"))
    _same(text.replace("K", "\u212a").replace("I", "\u0130"))


def test_per_name_answers_kept_are_the_patterns_answers() -> None:
    """``ManufacturerFields.in_component`` and ``MakerNames.company_field`` keep their answer per field name (names
    repeat across responses and devices): asked twice, in any order, each is what its pattern says, on a fresh
    database and on one that has answered before (a component's sub-object, a certificate's organisation, others)."""
    names = ["http.json.chip.vendor", "http.json.device.manufacturer", "snmp.sysDescr", "tls.o", "tls.subject.O", "tls.issuer.o",
             "http.json.sensor_manufacturer", "http.json.cpu.model", "onvif.Manufacturer", "http.kv.Flash.Vendor",
             "http.json.result.cameras.front.chip.model", "other.kv.Company", "http.title"]
    for db in (load_db(lazy=True), _DB):
        mf, mn = db.manufacturer, db.maker_names
        assert mf is not None and mf.components is not None and mn is not None and mn.company_fields is not None
        comps, companies = mf.components, mn.company_fields
        for name in names + names[::-1]:
            assert mf.in_component(name) is (comps.search(name) is not None), name
            assert mn.company_field(name) is (companies.search(name) is not None), name
        assert any(mf.in_component(n) for n in names) and not all(mf.in_component(n) for n in names)
        assert any(mn.company_field(n) for n in names) and not all(mn.company_field(n) for n in names)
