"""The family-grammar index (netscan.sigdb.firstchars, SignatureDB.any_field_rules): each grammar is
tried only at token starts whose character it can begin with, and that finds exactly the grammars a
plain search of every grammar finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netscan.observations import load_path
from netscan.parsers import fields as parse_fields
from netscan.sigdb import load_db
from netscan.sigdb.db import ANY_FIELD_MAX_CHARS, any_field_applies
from netscan.sigdb.firstchars import end_chars, first_chars

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("pattern", "flags", "want"), [
    (r"DS-\d", 0, {"D"}),
    (r"(?:DS|iDS|IDS)-7", 0, {"D", "i", "I"}),
    (r"[XQ]RN-\d", 0, {"X", "Q"}),
    (r"(?<![A-Za-z0-9_-])(?P<model>(?<=AXIS )M\d{4})", 0, {"M"}),
    (r"(?i:ab)1", 0, {"a", "A"}),
    (r"ab1", re.I, {"a", "A"}),
    (r"a?b1", 0, {"a", "b"}),
    (r"V?\d\.\d", 0, set("V0123456789")),
])
def test_first_characters(pattern: str, flags: int, want: set[str]) -> None:
    assert first_chars(pattern, flags) == frozenset(want)


@pytest.mark.parametrize("pattern", [r".x1", r"a*", r"[^a]1", r"\w1", r"\D1", r"(?:x|)"])
def test_patterns_whose_start_cannot_be_told_are_not_indexed(pattern: str) -> None:
    assert first_chars(pattern) is None


def _values() -> list[str]:
    db = load_db()
    vals: set[str] = {str(ex.get("value", "")) for r in db.any_rules for ex in r.examples}
    vals |= {str(n.get("value", "")) for r in db.any_rules for n in r.negatives}
    for d in (ROOT / "tests" / "corpus",):
        for p in sorted(d.rglob("*.json")):
            for obs in load_path(p):
                for resp in obs.responses:
                    for name, values in parse_fields(resp).items():
                        if any_field_applies(name):
                            vals.update(v for v in values if 3 <= len(v) <= ANY_FIELD_MAX_CHARS)
    return sorted(v for v in vals if v)


def test_the_index_finds_exactly_what_searching_every_grammar_finds() -> None:
    db = load_db()
    values = _values()
    assert len(values) > 500
    for value in values:
        brute = {r.id for r in db.any_rules if r.pattern.search(value)}
        if not re.search(r"\d", value) or value.isdigit():
            brute = set()  # no grammar is read in a value without a digit or made of digits only
        assert {r.id for r in db.any_field_rules(value)} == brute, value


def test_every_shipped_grammar_is_indexed_by_its_first_characters() -> None:
    db = load_db()
    assert db.any_anywhere == ()
    assert sum(len(v) for v in db.any_index.values()) >= len(db.any_rules)


@pytest.mark.parametrize(("pattern", "flags", "want"), [
    (r"(?:^|[./_])(?i:product[_-]?name)$", 0, {"e", "E"}),
    (r"^nuclei\.version$", 0, {"n"}),
    (r"(?:model|MDL)$|snmp\.x\d$", 0, {"l", "L", *"0123456789"}),
    (r"^(?!.{0,9}?list)(?:.*?(?:Firmware|FW)$|ver\Z)", 0, {"e", "W", "r"}),
    (r"(?:Model(?:Name)?)$", 0, {"l", "e"}),
])
def test_end_characters(pattern: str, flags: int, want: set[str]) -> None:
    assert end_chars(pattern, flags) == frozenset(want)


@pytest.mark.parametrize("pattern", [r"model", r"model$|name", r"x?$", r"\w$", r"[^a]$", r"caf\u00e9$"])
def test_patterns_whose_end_cannot_be_told_are_not_filtered(pattern: str) -> None:
    assert end_chars(pattern) is None


def test_a_field_name_convention_matches_only_names_ending_in_its_end_characters() -> None:
    """The necessary condition plan_for_field tests before searching a convention's key: every
    name a key matches ends with one of its end characters (or a newline, which ``$`` skips)."""
    db = load_db()
    keys, _key_of, _quick = db._semantic_keys()
    names: set[str] = set()
    for p in sorted((ROOT / "tests" / "corpus").rglob("*.json")):
        for obs in load_path(p):
            for resp in obs.responses:
                names.update(parse_fields(resp))
    names |= {n + "\n" for n in list(names)[:200]} | {"http.json.ModeL", "x.modelname", "a.DeviceType", "a.firmware_ver"}
    matched = 0
    for key, ends in zip(keys, db._semantic_key_ends):
        for name in names:
            if key.search(name):
                matched += 1
                assert ends is None or name[-1:] in ends or name.endswith("\n"), (key.pattern, name)
    assert matched > 100
    assert sum(e is not None for e in db._semantic_key_ends) >= len(keys) // 2
