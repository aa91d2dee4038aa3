"""Session-14 speed work that must not change any answer: YAML built directly for the common tags, each
signature pattern parsed once while a database loads, one lower-casing of a value for all the field-name
conventions that look for hint words in it, and a response's record keys filed once for the one-camera lists."""

from __future__ import annotations

import importlib
import random
import re
from typing import Any

import pytest
import yaml

from netscan.errors import SignatureError
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB
from netscan.sigdb.firstchars import first_and_start_strings
from netscan.sigdb.regexsafe import _P, _tree_compiles, compile_parsed, nested_quantifier
from netscan.sigdb.yamlsafe import load_yaml_text

collect_mod: Any = importlib.import_module("netscan.identify.collect")

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


# ---------------------------------------------------------------- YAML


@pytest.mark.parametrize("text", [
    "a: 1\nb: [1, 2.5, true, null, ~, 2020-01-01, '3', 0x1f, 1_000, .inf]\n",
    "<<: {a: 1}\nb: 2\n",  # a merge key: left to PyYAML's constructor
    "base: {x: 1}\nother:\n  <<: {y: 2}\n  z: 3\n",
    "= : 3\n",  # a value key
    "!!set {a, b}\n",
    "a: !!str 12\nb: !!int '7'\nc: !!float '1'\n",
    "- {a: {b: [c, {d: e}]}}\n- []\n- {}\n",
    "a: 1\na: 2\n",  # the last of a duplicate key wins
    "",
    "just a string\n",
    "? - 1\n  - 2\n: x\n",  # a key that is a list: the constructor's error
    "? {a: 1}\n: 2\n",
    "1: one\n2.5: two\ntrue: three\n~: four\n",
    "!!omap [a: 1, b: 2]\n",
    "!!pairs [a: 1, a: 2]\n",
    "s: |\n  two\n  lines\nf: >\n  folded\n  text\n",
])
def test_yaml_documents_read_as_pyyaml_reads_them(text: str) -> None:
    try:
        want: Any = ("ok", yaml.load(text, Loader=_Loader))  # noqa: S506 - the safe loader
    except yaml.YAMLError:
        want = ("error",)
    try:
        got: Any = ("ok", load_yaml_text(text, "t"))
    except SignatureError:
        got = ("error",)
    assert got == want and repr(got) == repr(want)


def test_yaml_random_documents_read_as_pyyaml_reads_them() -> None:
    rnd = random.Random(14)
    scalars = ["x", "'1'", "1", "1.5", "true", "no", "null", "~", "2021-02-03", "'a b'", '"q"', "0o17", "-3", "!!str 5"]

    def node(depth: int) -> Any:
        kind = rnd.random()
        if depth > 3 or kind < 0.4:
            return yaml.safe_load(rnd.choice(scalars)) if rnd.random() < 0.5 else rnd.choice(scalars)
        if kind < 0.7:
            return [node(depth + 1) for _ in range(rnd.randint(0, 3))]
        return {f"k{rnd.randint(0, 5)}": node(depth + 1) for _ in range(rnd.randint(0, 3))}

    for _ in range(300):
        text = yaml.safe_dump(node(0), default_flow_style=rnd.random() < 0.5)
        assert repr(load_yaml_text(text, "t")) == repr(yaml.load(text, Loader=_Loader))  # noqa: S506


def test_yaml_aliases_still_refused() -> None:
    with pytest.raises(SignatureError, match="aliases are not allowed"):
        load_yaml_text("a: &x [1, 2]\nb: *x\n", "t")


# ---------------------------------------------------------------- patterns parsed once


def test_compile_parsed_compiles_as_re_compile_does() -> None:
    assert _tree_compiles()
    db = load_db()
    pats = [r.pattern for r in db.rules] + [p for r in db.rules for _n, p in r.requires]
    pats += [p for s in db.semantic_rules for p in (s.key, s.value)]
    assert len(pats) > 1000
    for p in pats:
        assert isinstance(p, re.Pattern)
        again = re.compile(p.pattern, p.flags)
        assert again == p and again.groupindex == p.groupindex and again.groups == p.groups, p.pattern
    for p, f in [(r"(?P<model>[A-Z]{2}\d+)", re.I), (r"(?x) a b # c", 0), (r"(?m)^x$", re.S), (r"[\u4e00-\u9fff]+", 0)]:
        compiled, tree = compile_parsed(p, f)
        assert compiled == re.compile(p, f) and compiled.pattern == p and compiled.flags == re.compile(p, f).flags
        assert nested_quantifier(p, f, tree) == nested_quantifier(p, f)


@pytest.mark.parametrize("pattern", [r"(a+", r"a{2,1}", r"(?<=a+)b", r"(?P<x>a)(?P<x>b)"])
def test_compile_parsed_raises_what_re_compile_raises(pattern: str) -> None:
    with pytest.raises(re.error) as want:
        re.compile(pattern)
    with pytest.raises(re.error) as got:
        compile_parsed(pattern)
    assert str(got.value) == str(want.value)


def test_family_index_from_kept_trees_is_the_index_from_parsing() -> None:
    eager, lazy = load_db(), load_db(lazy=True)
    assert eager.any_index == lazy.any_index and eager.any_anywhere == lazy.any_anywhere
    assert eager.any_starts == lazy.any_starts
    for rule in eager.any_rules[:50]:
        p = rule.pattern
        assert first_and_start_strings(p.pattern, p.flags, 2, _P.parse(p.pattern, p.flags)) == first_and_start_strings(p.pattern, p.flags, 2)


def test_a_bad_or_catastrophic_pattern_is_still_a_problem(tmp_path: Any) -> None:
    import shutil
    from pathlib import Path

    import netscan.sigdb.files as files

    root = tmp_path / "sig"
    shutil.copytree(Path(files.DEFAULT_SIGNATURES_DIR) / "vendors", root / "vendors")
    (root / "fingerprints").mkdir()
    (root / "fingerprints" / "x.yaml").write_text(
        "field: http.title\nrules:\n"
        "  - {id: bad-one, pattern: '(a+', set: {vendor: Axis}, examples: [{value: a}]}\n"
        "  - {id: nested-one, pattern: '(a+)+b', set: {vendor: Axis}, examples: [{value: ab}]}\n"
        "  - {id: twin-a, pattern: 'AXIS (?P<model>[A-Z]\\d+)', set: {vendor: Axis}, examples: [{value: AXIS M1}]}\n"
        "  - {id: twin-b, pattern: 'AXIS (?P<model>[A-Z]\\d+)', set: {vendor: Axis}, examples: [{value: AXIS M1}]}\n")
    db = load_db(root)
    assert any("bad-one" in p and "bad pattern" in p for p in db.problems)
    assert any("nested-one" in p and "backtrack" in p for p in db.problems)
    twins = [r for r in db.rules if r.id.startswith("twin-")]
    assert len(twins) == 2 and twins[0].pattern is twins[1].pattern  # one compile for a shared pattern


# ---------------------------------------------------------------- one lower-casing per value


@pytest.fixture(scope="module")
def shipped() -> SignatureDB:
    return load_db()


VALUES = [
    "Firmware version: V5.5.0 build 170725", "The camera is running firmware 2.3.4 now", "smart plug HS110 v2",
    "  Network Camera firmware 1.2.3  ", "İSTANBUL KAMERA firmware 4.5.6", "ΑΣ firmware Σ 1.2.3 ΣΑ", "x" * 9000 + " fw 1.2.3",
    "DVR firmware\u0130 9.9.9", "doorbell v1.2.3", "Software Version 3.1", "", "   ",
]


@pytest.mark.parametrize("name", ["http.body", "http.title", "other.banner", "telnet.banner", "upnp.modelName", "http.json.firmwareVersion"])
def test_semantic_matches_as_each_convention_alone(shipped: SignatureDB, name: str) -> None:
    plan = shipped.plan_for_field(name)
    rnd = random.Random(len(name))
    values = [*VALUES, *("".join(rnd.choice("aAfFwW sv.0129İı") for _ in range(rnd.randint(1, 300))) for _ in range(40))]
    for value in values:
        got = shipped.semantic_matches(plan, value)
        assert got == tuple(r.extract_value(value) for r in plan.semantic), value[:60]


def test_shared_lower_case_only_for_ascii(shipped: SignatureDB) -> None:
    rule = next(r for r in shipped.semantic_rules if r.hints and r.max_chars)
    value = "Firmware version 1.2.3 " * 20
    assert rule.extract_value(value, value.strip().lower()) == rule.extract_value(value)


# ---------------------------------------------------------------- one-camera lists


def _one_record_plain(name: str, f: dict[str, list[str]]) -> bool:
    """The reference reading: every field looked at for every model key."""
    m = collect_mod._CAMERA_LIST_MODEL.match(name)
    if m is None:
        return False
    if m.group("key") is None and m.group("list").lower() in ("cameras", "cams"):
        return True
    cut = max(name.rfind("."), name.rfind("/"))
    parent = name[: cut + 1]
    keys = [n[cut + 1:] for n in f if n.startswith(parent) and "." not in n[cut + 1:] and "/" not in n[cut + 1:]]
    account = collect_mod._ACCOUNT_LIST.fullmatch(m.group("list")) is not None
    if not (account or any(collect_mod._RECORD_MAKER.fullmatch(k) for k in keys)) or not any(
            collect_mod._RECORD_FIRMWARE.fullmatch(k) for k in keys):
        return False
    root = m.group("root")
    members = 0
    for n, vs in f.items():
        if n.startswith(root) and n.endswith(collect_mod._CAMERA_MODEL_TAILS):
            other = collect_mod._CAMERA_LIST_MODEL.match(n)
            if other is not None and other.group("root") == root:
                members += len(vs)
    return members == 1


def test_one_record_as_the_plain_reading() -> None:
    rnd = random.Random(11)
    lists = ["devices", "channels", "deviceList", "cameras", "accessories", "items"]
    keys = ["model", "manufacturer", "firmwareVersion", "version", "name", "brand", "deviceModel", "sw_version", "serial"]
    docs = []
    for _ in range(200):
        f: dict[str, list[str]] = {}
        for _ in range(rnd.randint(1, 12)):
            sep = rnd.choice("./")
            lst = rnd.choice(lists)
            member = rnd.choice(["0", "1", "cam1", "a"])
            f[f"http.json.result{sep}{lst}{sep}{member}{sep}{rnd.choice(keys)}"] = ["X"] * rnd.randint(1, 2)
            if rnd.random() < 0.3:
                f[f"http.json.{lst}.{rnd.choice(keys)}"] = ["Y"]
        docs.append(f)
    checked = 0
    for f in docs + docs[::-1]:  # (the same fields again, and others between: the filed keys follow the fields)
        for name in f:
            assert collect_mod._one_record(name, f) == _one_record_plain(name, f), (name, f)
            checked += 1
    assert checked > 500


# ---------------------------------------------------------------- a text's lead without a copy


def test_lead_is_the_stripped_text_s_start() -> None:
    from netscan.identify.lines import lead, structured
    from netscan.identify.prose import prose_text

    rnd = random.Random(5)
    for _ in range(5000):
        text = "".join(rnd.choice(" \t\n\u3000\u00a0aH<{[\"") for _ in range(rnd.choice([0, 1, 3, 5, 200, 255, 256, 257, 300, 600])))
        for n in (1, 5):
            assert lead(text, n) == text.lstrip()[:n]
        head = text.lstrip()[:5]
        assert prose_text(text) == (bool(head) and not structured(text) and head not in ("HTTP/", "RTSP/", "SIP/2"))
    assert not prose_text(" " * 300 + "<html>") and not prose_text(" " * 300 + "HTTP/1.1 200 OK") and prose_text(" " * 300 + "my camera")


def test_token_starts_found_as_with_the_look_behind_first(shipped: SignatureDB) -> None:
    """The family index's token-start pattern reads its class first (searched in C from one class character to the
    next) and looks behind over it: the same starts as the look-behind written first."""
    chars = "".join(re.escape(c) for c in sorted(shipped.any_index))
    plain = re.compile(r"(?<![A-Za-z0-9_-])[" + chars + "]", re.S)
    rnd = random.Random(2)
    alphabet = "aA0-_ .\n/:Zz9\u00e9K(cdfvT8"
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        assert [(m.start(), m.group()) for m in shipped.any_start.finditer(text)] == [(m.start(), m.group()) for m in plain.finditer(text)]
