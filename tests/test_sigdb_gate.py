"""netscan.sigdb.gate: the literal gate that picks a field's candidate rules must never leave out a
rule whose pattern matches (it only saves running the others)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.sigdb import load_db
from netscan.sigdb.gate import MIN_RULES, FieldGate, required_literal


@pytest.mark.parametrize(
    ("pattern", "flags", "want"),
    [
        (r"^Hikvision-Webs$", 0, "hikvision-webs"),
        (r"(?i)^Boa/(?P<firmware>\d[\d.]*)$", 0, "boa/"),
        (r"^(?:Basic|Digest) realm=\"(?P<model>DCS-[^\"]+)\"", 0, " realm=\"dcs-"),
        (r"^(?:220[ -])?AXIS (?P<model>\S+) Network Camera", re.M, " network camera"),
        (r"^(?:foo|bar)$", 0, None),  # an alternation: nothing is required
        (r"^ab\d+$", 0, None),  # too short
        (r"^(?:xyz)?Camera$", 0, "camera"),  # an optional group is not required
        (r"(?:Web)+Cam", 0, "web"),  # a repeat at least once: its content is required
    ],
)
def test_required_literal(pattern: str, flags: int, want: str | None) -> None:
    assert required_literal(pattern, flags) == want


def test_required_literal_is_in_every_example() -> None:
    """On the shipped rules: each example value (case-folded) holds its rule's literal."""
    db = load_db()
    for rule in db.rules:
        lit = required_literal(rule.pattern.pattern, rule.pattern.flags)
        if lit is None:
            continue
        for ex in rule.examples:
            value = ex.get("value") if isinstance(ex, dict) else None
            if value is None and isinstance(ex, dict) and isinstance(ex.get("fields"), dict):
                value = ex["fields"].get(rule.field)
            if isinstance(value, str) and rule.pattern.search(value):
                assert lit in value.casefold(), (rule.id, lit, value)


def _gated_fields() -> list[tuple[str, list]]:
    db = load_db()
    out = []
    for name in sorted(db.rules_by_field):
        plan = db.plan_for_field(name)
        if plan.gate is not None:
            out.append((name, plan.rules))
    return out


def test_big_fields_are_gated() -> None:
    names = [n for n, _ in _gated_fields()]
    assert "http.header.server" in names and "http.title" in names
    assert all(len(rules) >= MIN_RULES for _, rules in _gated_fields())


def test_gate_keeps_every_example() -> None:
    for name, rules in _gated_fields():
        gate = FieldGate(rules)
        for i, rule in enumerate(rules):
            for ex in rule.examples:
                if not isinstance(ex, dict):
                    continue
                value = ex.get("value")
                if value is None and isinstance(ex.get("fields"), dict):
                    value = ex["fields"].get(name)
                if isinstance(value, str) and rule.pattern.search(value):
                    assert i in gate.candidates([value]), (name, rule.id, value)


_FIELDS = _gated_fields()
_VALUES = sorted({str(ex.get("value")) for _, rules in _FIELDS for r in rules for ex in r.examples
                  if isinstance(ex, dict) and ex.get("value") is not None})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_VALUES), st.sampled_from(_VALUES), st.text(max_size=6), st.booleans(), st.integers(0, 40))
def test_gate_never_drops_a_match(a: str, b: str, noise: str, upper: bool, cut: int) -> None:
    """Values mixed from examples of any rule (case changed, cut, joined, noise in between): every
    rule whose pattern matches is among the gate's candidates."""
    value = a[cut:] + noise + b
    if upper:
        value = value.upper()
    for _name, rules in _FIELDS:
        gate = FieldGate(rules)
        got = set(gate.candidates([value]))
        for i, rule in enumerate(rules):
            if rule.pattern.search(value):
                assert i in got, (rule.id, value)


def test_json_signature_document_reads_like_yaml() -> None:
    """A signature file written as JSON (the generated recog-*/nmap-* files) is read by the json
    fast path to the same data YAML gives; a flow mapping that is not JSON still reads as YAML."""
    import json

    import yaml

    from netscan.sigdb.yamlsafe import load_yaml_text

    doc = {"note": "x", "rules": [{"id": "a", "pattern": "^Foo\\d+$", "set": {"vendor": "Axis"},
                                   "examples": [{"value": "Foo1", "expect": {"vendor": "Axis"}}]}]}
    text = json.dumps(doc, indent=1)
    assert load_yaml_text(text, "t") == doc == yaml.safe_load(text)
    assert load_yaml_text("{a: 1, b: [x, y]}", "t") == {"a": 1, "b": ["x", "y"]}
    with pytest.raises(Exception, match="aliases"):
        load_yaml_text("{a: &x [1], b: *x}", "t")
