"""Session-17 speed work that must not change any answer: a field's rules and gating made once per set of parts,
loose_fields parsing each candidate text once, collect walking only the field-name conventions that read
something; and what a hinted convention reads (its hints, then its value pattern), the reference any
pre-test of its value must keep."""

from __future__ import annotations

import dataclasses
import random

import pytest

from netscan.identify.collect import _read_by
from netscan.parsers._util import Fields, Unreadable
from netscan.parsers.http import _parse_untried, loose_fields
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB


@pytest.fixture(scope="module")
def shipped() -> SignatureDB:
    return load_db()


# ---------------------------------------------------------------- rules and gating per set of parts


NAMES = ["http.json.model", "http.json.result.model", "http.json.data.device.model", "http.xml.DeviceInfo/model",
         "onvif.xml.GetDeviceInformationResponse/Model", "http.title", "other.banner", "upnp.modelName", "snmp.sysDescr",
         "http.kv.FirmwareVersion", "no.such.field", "http.json.a.b.c.d.e.f.firmwareVersion"]


def test_plan_rules_are_rules_for_field_and_shared_per_set(shipped: SignatureDB) -> None:
    db = load_db()  # (a database of its own: the plans below are made here first)
    for name in NAMES:
        plan = db.plan_for_field(name)
        assert [r.id for r in plan.rules] == [r.id for r in shipped.rules_for_field(name)], name
        assert db.rules_for_field(name) is not plan.rules or not plan.rules  # (a copy for callers)
    # names read by the same parts share one list and one gate
    a, b = db.plan_for_field("http.json.x.model"), db.plan_for_field("http.json.y.model")
    assert a.rules is b.rules and a.gate is b.gate


def test_plan_gating_finds_the_candidates_a_fresh_gate_finds(shipped: SignatureDB) -> None:
    from netscan.sigdb.gate import FieldGate

    values = ["DS-2CD2143G0-I", "V5.5.0 build 170725", "AXIS M1054", "hikvision", "IPC-HDW4300C", "", "x" * 300]
    for name in NAMES:
        plan = shipped.plan_for_field(name)
        fresh = FieldGate(plan.rules)
        for v in values:
            want = fresh.candidates((v,)) if plan.gate is not None else list(range(len(plan.rules)))
            got = list(plan.candidates(v))
            assert set(got) <= set(want) if plan.gate is None else got == want, (name, v)


# ---------------------------------------------------------------- loose_fields: each candidate parsed once


def test_parse_untried_does_not_parse_a_failed_text_again() -> None:
    failed: set[str] = set()
    with pytest.raises(Unreadable):
        _parse_untried("{not json at all", failed)
    assert failed == {"{not json at all"}
    failed.add('{"a": 1}')  # (a text given as failed is not parsed: Unreadable at once, even a readable one)
    with pytest.raises(Unreadable):
        _parse_untried('{"a": 1}', failed)
    assert _parse_untried('{"b": 2}', set()) == {"b": 2}


@pytest.mark.parametrize("text", [
    'INFO got {"model": "DS-2CD2143G0-I", "firmware": "V5.5.0"',
    '{"model": "X1", "fw": "1.2.3"}\n{"model": "X2"',
    "status 200\n{'model': 'IPC-HDW4300C', 'ok': True}",
    "[2024-01-01] {broken\n[x] {\"deviceModel\": \"Y\"}",
    "{\"a\": {\"b\": [1, 2, {\"model\": \"Z\"}]}, \"cut\": \"",
])
def test_loose_fields_with_the_failed_texts_reads_the_same(text: str) -> None:
    plain: Fields = {}
    loose_fields(plain, "other", text)
    failed: set[str] = set()
    for start in (i for i, c in enumerate(text) if c in "{["):
        try:
            _parse_untried(text[start:], failed)
        except Unreadable:
            pass
    given: Fields = {}
    loose_fields(given, "other", text, failed)
    assert given == plain


# ---------------------------------------------------------------- collect: the conventions that read something


def test_read_by_is_the_conventions_with_a_match(shipped: SignatureDB) -> None:
    semantic = shipped.semantic_rules[:12]
    rnd = random.Random(17)
    for _ in range(200):
        found = [tuple(None if rnd.random() < 0.8 else {"model": "x"} for _ in semantic) for _ in range(rnd.randint(1, 4))]
        want = [(j, r) for j, r in enumerate(semantic) if any(row[j] is not None for row in found)]
        assert _read_by(semantic, found) == want


# ---------------------------------------------------------------- a hinted convention's reading


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.replace("s", "\u017f"), text.replace("i", "\u0130"), f"  {text}  ",
            text.replace(" ", "\t"), text[: len(text) // 2], "x" * 300 + " " + text]


def test_hinted_conventions_read_what_their_patterns_read(shipped: SignatureDB) -> None:
    """Every hinted convention reads in a value exactly what its hints and its value pattern alone read, on every
    convention's examples and their case/Unicode variants."""
    values = [str(ex.get("value", "")) for r in shipped.semantic_rules for ex in r.examples]
    values = [v for text in values for v in _variants(text)]
    hinted = [r for r in shipped.semantic_rules if r.hints]
    assert len(hinted) >= 10
    matched = 0
    for rule in hinted:
        plain = dataclasses.replace(rule, hints=())
        for value in values:
            v = value.strip()[: rule.max_chars] if rule.max_chars is not None else value.strip()
            hinted_in = any(h in v.lower() for h in rule.hints)
            want = plain.extract_value(value) if hinted_in else None
            got = rule.extract_value(value)
            assert got == want, (rule.id, value[:80])
            matched += got is not None
    assert matched > 50  # (not vacuous: the examples are read)
