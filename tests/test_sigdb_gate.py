"""netscan.sigdb.gate: the literal gate that picks a field's candidate rules must never leave out a
rule whose pattern matches (it only saves running the others)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netscan.sigdb import load_db
from netscan.sigdb.gate import MIN_LITERAL, MIN_RULES, FieldGate, gate_text, required_literal, rule_literals, short_literal


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


def _parsed_literal(pattern: str, flags: int) -> str | None:
    """required_literal by the parse tree only (the reference for the quick reading)."""
    from netscan.sigdb import gate

    parsed = gate._P.parse(pattern, flags)
    if parsed.state.flags & re.VERBOSE:
        return None
    best = max((s for s in gate._all_runs(parsed) if s.isascii()), key=len, default="")
    return best.casefold() if len(best) >= gate.MIN_LITERAL else None


def _quick(pattern: str, flags: int = 0) -> str | None | type:
    from netscan.sigdb import gate

    try:
        return gate.quick_literal(pattern, flags)
    except (gate._Unsure, IndexError, ValueError, RecursionError):
        return gate._Unsure


def test_quick_literal_agrees_with_the_parse_tree_on_every_shipped_pattern() -> None:
    db = load_db(lazy=True)
    patterns = {(r.pattern.pattern, r.pattern.flags) for r in db.rules}
    read = 0
    for pattern, flags in patterns:
        got = _quick(pattern, flags)
        if got is not _unsure():
            read += 1
            assert got == _parsed_literal(pattern, flags), pattern
    assert read >= len(patterns) // 2  # the quick reading does most of the work


def _unsure() -> type:
    from netscan.sigdb import gate

    return gate._Unsure


@pytest.mark.parametrize("pattern", [
    r"^Hikvision-Webs$", r"abc(?P<model>def\d+)ghi", r"(?:xyz)?Camera", r"(?:Web)+Cam", r"ab(?=cd)cde",
    r"(?i:Boa)/server", r"(?>atomic)group", r"foo\bbar\Bbaz", r"\AServer: \S+ build\Z", r"a{2,}bcd{0,3}efg",
    r"(?:abc){2}def", r"x(?#comment)yzw", r"(?i)^realm=\"(?P<model>DCS-[^\"]+)\"", r"(abc|abd)efgh",
    r"abc|abd", r"[abc]+defg[^h]ijk", r"ab\.cd\-ef", r"(?P<v>x)(?P=v)yzab", r"ab+cdef*?ghi", r"(?s).*Server",
    r"Ünïcode ascii-run", r"a}b]cde", r"x{}yzw", r"(?-i:abc)def",
])
def test_quick_literal_on_tricky_shapes(pattern: str) -> None:
    got = _quick(pattern)
    if got is not _unsure():
        assert got == _parsed_literal(pattern, 0), pattern


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab(?:)|*+{}[]^$.\\-,2=<>P!#iW", min_size=1, max_size=24))
@example("[2,--]")
def test_quick_literal_never_disagrees(pattern: str) -> None:
    """Random pattern text: where Python compiles it and the quick reading answers, the answer is the parse tree's."""
    import warnings

    with warnings.catch_warnings():  # a FutureWarning (e.g. "[2,--]", possible set difference) is no failure
        warnings.simplefilter("ignore")
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError):
            return
        got = _quick(pattern)
        if got is not _unsure():
            assert got == _parsed_literal(pattern, 0), pattern


def test_gate_text_keeps_what_case_insensitive_letters_match() -> None:
    """A case-insensitive ``i`` also matches U+0130 and U+0131; the gate text must still show the literal."""
    from netscan.sigdb.gate import gate_text

    for value in ("NV\u0130DIA-HDMI", "nv\u0131dia-hdmi", "NVIDIA-HDMI", "\u212aelvin-Camera"):
        for lit in ("nvidia", "kelvin"):
            if re.search(lit, value, re.I):
                assert lit in gate_text(value), (lit, value)


def test_shipped_literals_are_the_computed_ones() -> None:
    """netscan/sigdb/gate_literals.json (scripts/gate_literals.py) only speeds gate building up: every
    entry for a shipped pattern is that pattern's computed literal, and most shipped patterns are in it."""
    from netscan.sigdb import gate

    shipped = gate.shipped_literals()
    patterns = _rule_patterns()
    found = 0
    for pattern, flags in patterns:
        key = gate.literal_key(pattern, flags)
        if key in shipped:
            found += 1
            assert shipped[key] == gate.compute_literal(pattern, flags), pattern
    assert found >= len(patterns) // 2


def test_required_literal_without_the_shipped_file(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A missing or malformed literals file: every literal is computed (same answers)."""
    from netscan.sigdb import gate

    for text in (None, "not json", '{"literals": {"k": 5}}', '{"literals": {"k": "ab"}}',
                 '{"literals": {"k": "abcd"}, "alternatives": {"k": [5]}}'):
        target = gate.LITERALS_FILE.with_name("absent-literals.json") if text is None else None
        if text is not None:
            import tempfile

            target = Path(tempfile.mkdtemp()) / "gate_literals.json"
            target.write_text(text, encoding="utf-8")
        monkeypatch.setattr(gate, "LITERALS_FILE", target)
        assert gate.shipped_alternatives() == {}
        if text is None or "alternatives" not in text:
            assert gate.shipped_literals() == {}
        else:  # (each table is checked on its own: a malformed one leaves the other)
            assert gate.shipped_literals() == {"k": "abcd"}
    gate.required_literal.cache_clear()
    assert gate.required_literal(r"^Hikvision-Webs$") == "hikvision-webs"  # (computed)
    gate.required_literal.cache_clear()
    monkeypatch.undo()
    assert gate.shipped_literals() and gate.shipped_alternatives()  # (the shipped file's again: the tables are read per path)


def test_without_lookahead_is_a_necessary_condition() -> None:
    """``^(?!N)R`` -> ``^(?:R)`` only for that exact shape; every name the full key matches, the quick one
    matches (the shipped field-name conventions, on names that do and do not match)."""
    from netscan.sigdb.gate import without_lookahead

    assert without_lookahead(re.compile(r"^(?!x)a")).pattern == "^(?:a)"  # type: ignore[union-attr]
    # (an alternation: each alternative of that shape without its lookahead, the others as they are)
    assert without_lookahead(re.compile(r"^(?!x)a|b|^(?!y)[|]c")).pattern == "(?:^(?:a))|(?:b)|(?:^(?:[|]c))"  # type: ignore[union-attr]
    for shape in (r"^(?=x)a", r"(?!x)a", r"^(?<!x)a", r"^(?!(x))(a)\1", r"^a", r"a|^(?=x)b"):
        assert without_lookahead(re.compile(shape)) is None
    db = load_db()
    keys, _key_of, quick = db._semantic_keys()
    assert any(q is not None for q in quick)
    names = ["http.json.firmwareVersion", "http.json.latestFirmwareVersion", "http.json.device.version", "upnp.modelName",
             "http.kv.sw_ver", "http.xml.DeviceInfo/firmwareVersion", "http.json.app.fw", "http.title", "snmp.sysDescr"]
    for k, q in zip(keys, quick):
        if q is not None:
            for n in names:
                assert q.search(n) is not None or k.search(n) is None, (k.pattern[:40], n)


def _short_gated_rules() -> list:
    """The shipped rules gated on a literal of fewer than MIN_LITERAL characters (``short_literal``)."""
    db = load_db()
    return [r for r in db.rules
            if isinstance(lits := rule_literals(r.pattern.pattern, r.pattern.flags), str) and len(lits) < MIN_LITERAL]


def test_short_literal_of_rules_without_a_longer_one() -> None:
    assert short_literal(r"(?<![A-Za-z0-9])(?P<serial>T8(?:[0-9][0-9A-Z]{2}|[A-Z][0-9]{2})[0-9A-Z]{11})(?![A-Za-z0-9])") == "t8"
    assert short_literal(r"(?i)\bVS(?:T[A-P]|G[GMS])-?\d{6}") == "vs"
    assert short_literal(r"\S") is None and short_literal(r"[ab]c") is None and short_literal("(") is None
    # a rule with a literal of three characters or alternatives keeps them
    assert rule_literals(r"Boa/\d") == "boa/" and rule_literals(r"(?:hi35\d\d|gk7\d{3})") == ("gk7", "hi35")
    ids = {r.id for r in _short_gated_rules()}
    assert {"eufy-device-serial", "vstarcam-pppp-did"} <= ids


def test_short_literal_is_in_every_example() -> None:
    for rule in _short_gated_rules():
        lit = rule_literals(rule.pattern.pattern, rule.pattern.flags)
        assert isinstance(lit, str) and len(lit) == 2
        seen = 0
        for ex in rule.examples:
            value = ex.get("value") if isinstance(ex, dict) else None
            if value is None and isinstance(ex, dict) and isinstance(ex.get("fields"), dict):
                value = ex["fields"].get(rule.field)
            if isinstance(value, str) and rule.pattern.search(value):
                assert lit in gate_text(value), (rule.id, lit, value)
                seen += 1
        assert seen or rule.id not in ("eufy-device-serial", "vstarcam-pppp-did"), rule.id


_SHORT_RULES = _short_gated_rules()
_SHORT_DB = load_db()
_SHORT_VALUES = sorted({str(ex["value"]) for r in _SHORT_RULES for ex in r.examples if isinstance(ex, dict) and "value" in ex})


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_SHORT_VALUES), st.text(max_size=12), st.text(max_size=12), st.sampled_from(["", "upper", "lower"]),
       st.sampled_from(["http.title", "upnp.serialNumber", "rtsp.header.server", "snmp.sysDescr", "onvif.SerialNumber"]))
def test_short_gated_rules_are_never_dropped(example_value: str, before: str, after: str, case: str, name: str) -> None:
    """A value holding a match of a short-literal rule (cut from its examples, random text around it, case
    changed) keeps the rule among the candidates of every field plan it is in, gated or not; and a random
    text that one of them matches holds its literal."""
    db = _SHORT_DB
    value = before + example_value + after
    value = value.upper() if case == "upper" else value.lower() if case == "lower" else value
    plan = db.plan_for_field(name)
    got = set(plan.candidates(value))
    for i, rule in enumerate(plan.rules):
        if rule.pattern.search(value):
            assert i in got, (name, rule.id, value)
    for rule in _SHORT_RULES:
        if rule.pattern.search(before + after):
            assert rule_literals(rule.pattern.pattern, rule.pattern.flags) in gate_text(before + after)


def test_short_literal_gate_skips_values_without_it() -> None:
    db = load_db()
    plan = db.plan_for_field("http.title")
    ids = {i for i, r in enumerate(plan.rules) if r.id in ("eufy-device-serial", "vstarcam-pppp-did")}
    assert len(ids) == 2
    assert not ids & set(plan.candidates("Network Camera 1080P"))
    assert ids <= set(plan.candidates("t8010 and vstc"))
    gate = FieldGate([r for r in plan.rules])
    assert ids <= set(gate.candidates(["x T8010N2300000000 y", "VSTC-123456-ABCDE"]))
    assert not ids & set(gate.candidates(["abc", "T-8 V S"]))


def test_shipped_short_literals_are_the_computed_ones(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """gate_literals.json's ``short`` table (scripts/gate_literals.py) only spares the parse of a pattern with neither a
    required literal nor alternatives: each entry is ``short_literal`` of its pattern, the table holds some, and a
    malformed table (a one-character or upper-case literal) is empty, the others kept."""
    import tempfile

    from netscan.sigdb import gate

    shorts = gate.shipped_short_literals()
    assert sum(v is not None for v in shorts.values()) >= 10
    patterns = _rule_patterns()
    checked = 0
    for pattern, flags in patterns:
        key = gate.literal_key(pattern, flags)
        if key in shorts:
            checked += 1
            assert shorts[key] == gate.short_literal(pattern, flags), pattern
            assert gate.rule_literals(pattern, flags) == shorts[key]
    assert checked == len(shorts)
    for bad in ('{"k": "a"}', '{"k": "AB"}', '{"k": 5}', '[]'):
        target = Path(tempfile.mkdtemp()) / "gate_literals.json"
        target.write_text('{"literals": {"k": "abcd"}, "short": ' + bad + "}", encoding="utf-8")
        monkeypatch.setattr(gate, "LITERALS_FILE", target)
        assert gate.shipped_short_literals() == {} and gate.shipped_literals() == {"k": "abcd"}
    monkeypatch.undo()
    assert gate.shipped_short_literals() == shorts


def _rule_patterns() -> set[tuple[str, int]]:
    """Every rule's (pattern, flags) of the shipped database, also as compiled (an inline (?i) in the flags)."""
    db = load_db(lazy=True)
    patterns = {(r.pattern.pattern, int(r.pattern.flags)) for r in (*db.rules, *db.any_rules)}
    return patterns | {(p, int(re.compile(p, f).flags)) for p, f in patterns}
