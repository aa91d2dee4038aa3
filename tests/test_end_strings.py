"""firstchars.end_strings, the filter SignatureDB._make_plan files the field-name conventions' keys (and
MAC_FIELD, the manufacturer fields) by: every match of an end-anchored pattern ends with one of the
strings it gives, so a name whose last characters end with none of them is not searched. The filter
may only save work: these tests run it over every shipped end-anchored pattern, over names a pattern
is made to match, and over random small patterns, and never find a match it would have dropped."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netscan.observations import load_path
from netscan.parsers import fields as parse_fields
from netscan.sigdb import load_db
from netscan.sigdb.db import MAC_FIELD, TAIL, SignatureDB
from netscan.sigdb.firstchars import end_strings, start_strings

ROOT = Path(__file__).resolve().parent.parent


def _admits(ends: frozenset[str] | None, name: str) -> bool:
    """What the filter lets through: everything it cannot tell, else a name ending with an end string."""
    tail = name[-TAIL:]
    if ends is None or not tail.isascii() or name.endswith("\n"):
        return True
    return any(name.endswith(t) for t in ends)


@pytest.mark.parametrize(("pattern", "flags", "want"), [
    (r"(?:^|[./_])fw$", 0, {".fw", "/fw", "_fw", "fw"}),  # at the start of the name: the match is "fw"
    (r"^nuclei\.version$", 0, {"ion"}),
    (r"(?:model|MDL)$|snmp\.x\d$", 0, {"del", "MDL", *(f".x{d}" for d in range(10))}),
    (r"(?i:ab)c$", 0, {"abc", "aBc", "Abc", "ABc"}),
    (r"abc$", re.I, {"abc", "abC", "aBc", "aBC", "Abc", "AbC", "ABc", "ABC"}),
    (r"(?<=[a-z])(?:Firmware|FW)$", 0, {"are", "FW"}),  # a look-behind reads no text of the match
    (r"x?$", 0, {"", "x"}),  # the match can be empty: any name
    (r"[^a]bc$", 0, {"bc"}),  # a negated class ends what is known
    (r"caf\u00e9$", 0, {""}),  # a non-ASCII letter: nothing known (it might match an ASCII one)
    (r"ab\Z", 0, {"ab"}),
    (r"(?:ab|cd)+$", 0, {"ab", "cd", "bab", "bcd", "dab", "dcd"}),
])
def test_end_strings(pattern: str, flags: int, want: set[str]) -> None:
    assert end_strings(pattern, flags) == frozenset(want)


@pytest.mark.parametrize("pattern", [r"model", r"model$|name", r"(?m)model$", r"a$b|(", r"(?:x$)y"])
def test_patterns_not_anchored_at_their_end_are_not_filtered(pattern: str) -> None:
    assert end_strings(pattern) is None


def test_too_many_strings_read_fewer_characters() -> None:
    """Three characters of ``[A-Za-z0-9]`` make some 238,000 strings: two are read instead."""
    got = end_strings(r"\.x[A-Za-z0-9]{1,16}$")
    assert got is not None and "" not in got and {len(t) for t in got} == {2}
    assert _admits(got, "a.xQ9") and not _admits(got, "a.x-")


def _shipped_patterns(db: SignatureDB) -> list[re.Pattern[str]]:
    keys, _key_of, quick = db._semantic_keys()
    out: list[re.Pattern[str]] = [*keys, *(q for q in quick if q is not None), MAC_FIELD]
    if db.manufacturer is not None:
        out.append(db.manufacturer.key)
        if db.manufacturer.make_and_model is not None:
            out.append(db.manufacturer.make_and_model)
    if db.maker_names is not None:
        out.append(db.maker_names.fields)
    out += [r.pattern for r in db.rules] + [p for r in db.rules for _n, p in r.requires]
    return out


_DB: list[SignatureDB] = []


def _db() -> SignatureDB:
    if not _DB:
        _DB.append(load_db())
    return _DB[0]


def _anchored() -> list[tuple[re.Pattern[str], frozenset[str]]]:
    out = []
    for p in _shipped_patterns(_db()):
        ends = end_strings(p.pattern, p.flags)
        if ends is not None:
            out.append((p, ends))
    return out


def test_shipped_end_anchored_patterns_admit_every_corpus_name_they_match() -> None:
    anchored = _anchored()
    assert len(anchored) >= 35  # the keys, MAC_FIELD, the manufacturer fields and rules anchored at the end
    names: set[str] = set()
    for p in sorted((ROOT / "tests" / "corpus").rglob("*.json")):
        for obs in load_path(p):
            for resp in obs.responses:
                for name, values in parse_fields(resp).items():
                    names.add(name)
                    names.update(v for v in values if len(v) <= 200)
    names |= {n + "\n" for n in list(names)[:300]} | {"", "\n", "x.fw", "fw", "a.DeviceType", "a.firmware_ver", "a.Firmware",
                                                      "http.json.macAddress", "upnp.manufacturer", "x.modelnamE", "x.ModeL\u212a"}
    matched = 0
    for p, ends in anchored:
        for name in names:
            if p.search(name):
                matched += 1
                assert _admits(ends, name), (p.pattern[:120], name)
    assert matched > 200


@st.composite
def _pattern_and_match(draw: st.DrawFn) -> tuple[re.Pattern[str], frozenset[str], str]:
    anchored = _ANCHORED or _ANCHORED.extend(_anchored()) or _ANCHORED
    p, ends = draw(st.sampled_from(anchored))
    return p, ends, draw(st.from_regex(p, fullmatch=False))


_ANCHORED: list[tuple[re.Pattern[str], frozenset[str]]] = []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_pattern_and_match())
def test_shipped_end_anchored_patterns_admit_generated_matches(got: tuple[re.Pattern[str], frozenset[str], str]) -> None:
    p, ends, name = got
    assert p.search(name)
    assert _admits(ends, name), (p.pattern[:120], name)


_ATOMS = ["a", "b", "B", "x", ".", r"\.", "[ab]", "[^a]", r"\d", r"\w", "[a-c]", "_", "(?i:a)", "(?i:B)", "\u212a", "k",
          "(?<=a)", "(?<![b])", "(?=b)", "(?!a)", "^", r"\b"]


def _random_pattern(rnd: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rnd.randint(1, 4)):
        r = rnd.random()
        if r < 0.2 and depth < 2:
            alts = [_random_pattern(rnd, depth + 1) for _ in range(rnd.randint(1, 3))]
            item = "(?:" + "|".join(alts) + ")"
        else:
            item = rnd.choice(_ATOMS)
        if rnd.random() < 0.3 and not item.startswith(("(?<", "(?=", "(?!", "^", r"\b")):
            item += rnd.choice(["?", "*", "+", "{2}", "{1,3}", "*?", "{0,2}"])
        parts.append(item)
    if depth == 0:
        parts.append(rnd.choice(["$", r"\Z", "$", ""]))
    return "".join(parts)


def test_random_small_patterns_never_lose_a_match() -> None:
    """Small patterns over a few characters (classes, repeats, groups, case-insensitive parts, look-arounds,
    the Kelvin sign that matches ``k`` case-insensitively) and every short string over those characters:
    no match the filter would drop."""
    rnd = random.Random(12)
    alphabet = "abBk_.1\u212a\n"
    strings = [""] + [c for c in alphabet]
    for _ in range(3000):
        strings.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 7))))
    checked = 0
    for _ in range(400):
        text = _random_pattern(rnd)
        flags = rnd.choice([0, 0, re.I])
        try:
            p = re.compile(text, flags)
        except re.error:
            continue
        ends = end_strings(text, flags)
        if ends is None:
            continue
        for s in strings:
            if p.search(s):
                checked += 1
                assert _admits(ends, s), (text, flags, s)
    assert checked > 1000


# start_strings: the same reading from the start of a match (SignatureDB.any_field_rules narrows the family
# grammars filed under a token start's character to those that can begin with the two characters there)


def _starts_ok(starts: frozenset[str] | None, text: str, pos: int) -> bool:
    two = text[pos:pos + 2]
    if starts is None or "" in starts or len(two) < 2 or not two.isascii():
        return True
    return two in starts or two[0] in starts


@pytest.mark.parametrize(("pattern", "flags", "want"), [
    (r"(?<![A-Za-z0-9_-])(?P<model>DS-2CD\d+)", 0, {"DS"}),
    (r"(?:IPC|NVR)-\d", re.I, {"ip", "iP", "Ip", "IP", "nv", "nV", "Nv", "NV"}),
    (r"a?bc", 0, {"ab", "bc"}),
    (r"x$", 0, {"x"}),  # the match ends after one character
    (r"[^a]b", 0, {""}),
])
def test_start_strings(pattern: str, flags: int, want: set[str]) -> None:
    assert start_strings(pattern, flags) == frozenset(want)


def test_start_strings_of_random_small_patterns_never_lose_a_match() -> None:
    rnd = random.Random(21)
    alphabet = "abBk_.1\u212a\n"
    strings = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 7))) for _ in range(2000)]
    checked = 0
    for _ in range(400):
        text = _random_pattern(rnd)
        flags = rnd.choice([0, 0, re.I])
        try:
            p = re.compile(text, flags)
        except re.error:
            continue
        starts = start_strings(text, flags)
        for s in strings:
            for pos in range(len(s) + 1):
                if p.match(s, pos):
                    checked += 1
                    assert _starts_ok(starts, s, pos), (text, flags, s, pos)
    assert checked > 1000


def test_family_grammars_start_with_their_start_strings() -> None:
    db = _db()
    assert len(db.any_starts) == len(db.any_rules) and sum(s is not None for s in db.any_starts) >= len(db.any_rules) - 5
    checked = 0
    for rule, starts in zip(db.any_rules, db.any_starts):
        for ex in rule.examples:
            value = ex.get("value") if isinstance(ex, dict) else None
            if isinstance(value, str):
                for m in rule.pattern.finditer(value):
                    checked += 1
                    assert _starts_ok(starts, value, m.start()), (rule.id, value)
    assert checked >= 150


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_generated_matches_of_family_grammars_start_with_their_start_strings(data: st.DataObject) -> None:
    db = _db()
    i = data.draw(st.integers(0, len(db.any_rules) - 1))
    rule = db.any_rules[i]
    value = data.draw(st.from_regex(rule.pattern, fullmatch=False))
    for m in rule.pattern.finditer(value):
        assert _starts_ok(db.any_starts[i], value, m.start()), (rule.id, value)
