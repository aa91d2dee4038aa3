"""SignatureDB.plan_for_field: the indexes that make a plan cheaply (field-name conventions, MAC_FIELD and
the manufacturer fields filed by the strings their keys end with, prefix rules grouped by prefix and their
rules kept per set of prefixes, body paths cut to the deepest rule field and looked up by their tails,
gates shared by names read by the same rules) must give the plan the plain computation gives,
for every name: they only save work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import load_db
from netscan.sigdb.db import _BODY_PATHS, MAC_FIELD, SignatureDB, _shorter_paths, any_field_applies
from netscan.sigdb.gate import MIN_RULES, rule_literals

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _all_paths(name: str) -> list[str]:
    """Every shorter body path (the computation before ``deepest`` bounded it)."""
    for prefix, sep in _BODY_PATHS:
        if name.startswith(prefix):
            parts = name[len(prefix):].split(sep)
            return [prefix + sep.join(parts[i:]) for i in range(1, len(parts))]
    return []


def _plain(db: SignatureDB, name: str) -> tuple[list[str], list[str], object, tuple[str | tuple[str, ...] | None, ...], bool, bool, bool]:
    """(rule ids, convention ids, gate literals, literals) of ``name`` computed the plain way: every key
    tried, every shorter path looked up, every prefix rule tested, the gate made afresh."""
    keys, key_of, _ = db._semantic_keys()
    found = [k.search(name) is not None for k in keys]
    semantic = [r.id for r, i in zip(db.semantic_rules, key_of) if found[i]]
    rules = list(db.rules_by_field.get(name, []))
    for shorter in _all_paths(name):
        rules += db.rules_by_field.get(shorter, [])
    applies = any_field_applies(name)
    rules += [r for r in db.prefix_rules if name.startswith(r.field[:-1]) and (applies or r.field != "*")]
    gated = len(rules) >= MIN_RULES
    literals = () if gated else tuple(rule_literals(r.pattern.pattern, r.pattern.flags) for r in rules)
    from netscan.sigdb.gate import FieldGate

    gate = FieldGate(rules) if gated else None
    manufacturer = db.manufacturer is not None and db.manufacturer.applies(name)
    mac_field = MAC_FIELD.search(name) is not None
    names = db.maker_names is not None and db.maker_names.applies(name) and not (
        db.manufacturer is not None and db.manufacturer.in_component(name))
    return ([r.id for r in rules], semantic, None if gate is None else (gate._literals, gate._always),
            literals if any(lit is not None for lit in literals) else (), manufacturer, mac_field, names)


def _planned(db: SignatureDB, name: str) -> tuple[list[str], list[str], object, tuple[str | tuple[str, ...] | None, ...], bool, bool, bool]:
    plan = db.plan_for_field(name)
    gate = plan.gate
    return ([r.id for r in plan.rules], [r.id for r in plan.semantic], None if gate is None else (gate._literals, gate._always),
            plan.literals, plan.manufacturer, plan.mac_field, plan.names)


def _corpus_names() -> list[str]:
    names: set[str] = set()
    for p in sorted(CORPUS.rglob("*.json")):
        for o in load_path(p):
            for r in o.responses:
                names.update(fields(r))
    return sorted(names)


def _crafted_names(db: SignatureDB) -> list[str]:
    """Every rule field and convention-looking name, under envelopes, with odd last characters."""
    out = [""]
    for name in db.rules_by_field:
        out.append(name)
        for prefix, sep in _BODY_PATHS:
            if name.startswith(prefix):
                tail = name[len(prefix):]
                out += [f"{prefix}result{sep}{tail}", f"{prefix}a{sep}b{sep}c{sep}d{sep}{tail}", f"{prefix}{tail}{sep}x"]
    for r in db.prefix_rules:
        out += [r.field[:-1], r.field[:-1] + "model", r.field[:-1] + "a.b.firmwareVersion"]
    words = ["vendor", "Vendor", "brand", "make", "mfr", "MFG", "manufacturer_name", "cameraMakeAndModel", "chip.vendor", "model", "modelName", "Model", "firmware", "FirmwareVersion", "version", "deviceType", "Manufacturer",
             "productName", "friendlyName", "kind", "Code", "DeviceClass", "banner", "title", "mac", "serial", "macAddress",
             "hwaddr", "oui", "modelnumbeR", "fwVer", "Fw", "FW", "fw"]
    for proto in ("http.json.", "http.xml.", "onvif.xml.", "upnp.", "http.kv.", "rtsp.", "other.kv.", "snmp."):
        for w in words:
            out += [proto + w, proto + "device." + w, proto + "cameras.0." + w, proto + "latest." + w, proto + w + "é",
                    proto + w + "\n", proto + "DeviceInfo/" + w, proto + w.upper(), proto + "sub_" + w,
                    proto + w[:-2] + "\u212a" + w[-1:], proto + w[:-1] + "\u0130", proto + w[-2:], w[-1:], w[-2:]]
    return out


def test_plans_equal_plain_computation_on_corpus_names(db: SignatureDB) -> None:
    names = _corpus_names()
    assert len(names) > 1000  # the training corpus's field names
    for name in names:
        assert _planned(db, name) == _plain(db, name), name


def test_plans_equal_plain_computation_on_crafted_names(db: SignatureDB) -> None:
    names = _crafted_names(db)
    for name in names:
        assert _planned(db, name) == _plain(db, name), name
    # the crafted names do reach conventions, rules through shorter paths, prefix rules and gates
    planned = [db.plan_for_field(n) for n in names]
    assert sum(bool(p.semantic) for p in planned) > 100
    assert sum(p.gate is not None for p in planned) > 10
    assert sum(bool(p.literals) for p in planned) > 10
    assert sum(p.manufacturer for p in planned) > 10
    assert sum(p.mac_field for p in planned) > 10
    assert sum(p.names for p in planned) > 10


_PART = st.sampled_from(["http", "json", "xml", "onvif", "upnp", "kv", "result", "data", "device", "DeviceInfo", "model",
                         "modelName", "firmware", "version", "Version", "deviceType", "name", "0", "cameras", "Envelope",
                         "Body", "GetStreamUriResponse", "MediaUri", "Uri", "latest", "é", "Code", "kind", "type"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=9), st.lists(st.sampled_from("./_"), min_size=8, max_size=8))
def test_plans_equal_plain_computation_on_generated_names(parts: list[str], seps: list[str]) -> None:
    db = _DB[0] if _DB else _DB.append(load_db()) or _DB[0]
    name = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:]))
    assert _planned(db, name) == _plain(db, name)


_DB: list[SignatureDB] = []


def test_shorter_paths_bounded_by_deepest() -> None:
    assert _shorter_paths("http.json.a.b.c.d") == ["http.json.b.c.d", "http.json.c.d", "http.json.d"]
    assert _shorter_paths("http.json.a.b.c.d", {"http.json.": 2}) == ["http.json.c.d", "http.json.d"]
    assert _shorter_paths("http.json.a.b.c.d", {"http.json.": 9}) == _shorter_paths("http.json.a.b.c.d")
    assert _shorter_paths("http.xml.A/B/C", {}) == []  # no rule field under the prefix: none wanted
    assert _shorter_paths("rtsp.header.server", {"http.json.": 3}) == []
    # bounded or not, the same paths of at most ``deepest`` parts, longest first
    for depth in range(8):
        for prefix, sep in _BODY_PATHS:
            name = prefix + sep.join(f"p{i}" for i in range(depth))
            for k in range(7):
                assert _shorter_paths(name, {prefix: k}) == [p for p in _all_paths(name) if p.count(sep, len(prefix)) < k]


def test_plan_indexes_follow_rules_added_after_loading(db: SignatureDB) -> None:
    """A rule added to a loaded database (tests do) is read: the indexes are remade when the rule
    lists change length."""
    fresh = load_db()
    name = "http.json.result.someNewField"
    assert [r.id for r in fresh.rules_for_field(name)] == [r.id for r in fresh.prefix_rules if name.startswith(r.field[:-1])]
    rule = next(r for r in fresh.rules if not r.field.endswith("*"))
    fresh.rules_by_field.setdefault("http.json.someNewField", []).append(rule)
    assert rule.id in [r.id for r in fresh.rules_for_field(name)]
    json.dumps([r.id for r in fresh.rules_for_field(name)])
