"""Short cuts of signature loading that must not change what is refused: the quick test before
regexsafe.nested_quantifier parses a pattern (only a group that can repeat more than once can hold a
catastrophic repeat), and the YAML alias check skipped for a text without an anchor (``&``)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from netscan.errors import SignatureError
from netscan.sigdb import load_db
from netscan.sigdb.regexsafe import _P, _find_nested, nested_quantifier
from netscan.sigdb.yamlsafe import load_yaml_text


def _parsed_answer(pattern: str, flags: int = 0) -> bool:
    """nested_quantifier without its quick test: the parse tree read every time."""
    parsed = _P.parse(pattern, flags)
    return _find_nested(parsed, bool((flags | parsed.state.flags) & re.IGNORECASE))


@pytest.mark.parametrize("pattern", [r"(a+)+", r"(?:a|ab)*", r"(\w*\s?){2,}", r"(a+){3}", r"(a+){1,}", r"(?:x|y+){2,}",
                                     r"(?x)(a+) +", r"(?x)(?:a|ab) *", r"(?ix)(a+)\s*(?:b+) {2,}"])
def test_catastrophic_shapes_still_refused(pattern: str) -> None:
    assert _parsed_answer(pattern) and nested_quantifier(pattern)


@pytest.mark.parametrize("pattern", [r"(a+)?", r"(?:a|ab)?x", r"(a+){1}", r"(a+){0,1}", r"(\.\d+)*"])
def test_groups_repeated_at_most_once_are_fine(pattern: str) -> None:
    assert nested_quantifier(pattern) == _parsed_answer(pattern) is False


def test_quick_test_agrees_with_the_parse_on_shipped_and_random_patterns() -> None:
    db = load_db(lazy=True)
    pats = {(r.pattern.pattern, int(r.pattern.flags) & ~re.UNICODE) for r in db.rules}
    pats |= {(p.pattern, int(p.flags) & ~re.UNICODE) for r in db.rules for _n, p in r.requires}
    pats |= {(r.key.pattern, 0) for r in db.semantic_rules} | {(r.value.pattern, 0) for r in db.semantic_rules}
    rnd = random.Random(3)
    atoms = ["a", "b+", "a*", r"\w*", r"\s?", "(?:a|ab)", "(a+)", "(?:b)", "x{2,}", "[ab]+"]
    quants = ["", "?", "*", "+", "{2}", "{1}", "{0,1}", "{2,}", "*?", "+?", " +", " *"]
    for _ in range(3000):
        body = "".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 3)))
        pats.add((rnd.choice(["", "(?x)", "(?i)"]) + f"({body}){rnd.choice(quants)}" + rnd.choice(["", "c", "(?:d+)+"]), 0))
    found = 0
    for p, f in pats:
        try:
            want = _parsed_answer(p, f)
        except re.error:
            continue
        found += want
        assert nested_quantifier(p, f) == want, p
    assert found > 100


def test_yaml_aliases_refused_with_or_without_other_ampersands() -> None:
    bomb = "a: &x [1, 2]\nb: [*x, *x]\n"
    with pytest.raises(SignatureError, match="aliases are not allowed"):
        load_yaml_text(bomb, "t.yaml")
    with pytest.raises(SignatureError, match="invalid YAML"):  # an alias without an anchor is no YAML
        load_yaml_text("a: [*x, *x]\n", "t.yaml")
    assert load_yaml_text("a: '(?:make|&)model'\nb: ['*x']\n", "t.yaml") == {"a": "(?:make|&)model", "b": ["*x"]}
    assert load_yaml_text("a: [1, 2]\nb: x*y\n", "t.yaml") == {"a": [1, 2], "b": "x*y"}


def test_shipped_signatures_load_the_same() -> None:
    root = Path(__file__).resolve().parent.parent / "signatures"
    assert load_db(root).problems == []


def test_load_leaves_the_collector_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """load_db pauses the cyclic garbage collector while it builds the database (a load's objects all live
    on: a collection then walks them for nothing) and restores it: enabled stays enabled, disabled stays
    disabled, also when the load fails."""
    import gc

    import netscan.sigdb.db as dbmod

    was = gc.isenabled()
    seen: list[bool] = []
    real = dbmod._load_rules

    def spy(db: object, root: Path) -> None:
        seen.append(gc.isenabled())
        real(db, root)  # type: ignore[arg-type]

    monkeypatch.setattr(dbmod, "_load_rules", spy)
    try:
        gc.enable()
        assert load_db(lazy=True).rules and gc.isenabled()
        gc.disable()
        assert load_db(lazy=True).rules and not gc.isenabled()
        assert seen == [False, False]  # paused while the rules were read

        def broken(db: object, root: Path) -> None:
            raise RuntimeError("a failing load")

        monkeypatch.setattr(dbmod, "_load_rules", broken)
        gc.enable()
        with pytest.raises(RuntimeError):
            load_db(lazy=True)
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
