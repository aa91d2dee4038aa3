"""netscan.sigdb.gate's quick pattern scans pass over an escape or a character class with one helper
(``_skip_atom``): a ``(``, ``)`` or ``|`` inside one neither opens, closes nor splits anything."""

from __future__ import annotations

import re

import pytest

from netscan.sigdb import gate
from netscan.sigdb.gate import _Unsure, _group_end, _skip_atom, _top_branches, _top_level
from netscan.sigdb import load_db


@pytest.mark.parametrize(("pattern", "at", "want"), [
    (r"\(x", 0, 2),
    (r"a\|b", 1, 3),
    (r"\\", 0, 2),
    ("\\", 0, 2),  # (an escape cut at the end: past the end, as the scans expect)
    (r"[()|]x", 0, 5),
    (r"[]()]x", 0, 5),  # (a "]" first in a class is a member)
    (r"[^]|]x", 0, 5),
    (r"[\]|]x", 0, 5),  # (an escaped "]" does not close the class)
    (r"a[b\\]c", 1, 6),
])
def test_skip_atom(pattern: str, at: int, want: int) -> None:
    assert _skip_atom(pattern, at) == want


@pytest.mark.parametrize("pattern", [r"[a", r"[[:alpha:]]", r"[\]"])
def test_skip_atom_leaves_odd_classes_to_the_parser(pattern: str) -> None:
    with pytest.raises(_Unsure):
        _skip_atom(pattern, 0)


def test_the_scans_pass_over_escapes_and_classes() -> None:
    assert _group_end(r"(a\)b[)]c)d", 0) == 9
    assert _group_end(r"((a)|[(])x", 0) == 8
    assert _top_branches(r"a\|b|[|]c|(d|e)") == [r"a\|b", "[|]c", "(d|e)"]
    assert _top_level(r"a\|b[|](c|d)e", 0, 13) == "abe"
    with pytest.raises(_Unsure):
        _group_end(r"(a[)", 0)  # (the class never closes)
    with pytest.raises(_Unsure):
        _group_end(r"(a\)", 0)  # (the group never closes)


def _shipped_patterns() -> list[str]:
    db = load_db()
    return sorted({r.pattern.pattern for r in db.rules if isinstance(r.pattern.pattern, str)})


def test_the_scans_agree_with_the_parser_on_every_shipped_pattern() -> None:
    """Every top-level alternative of a shipped rule's pattern is a pattern of its own, and together they match
    what the whole does; every group the scans close is a pattern of its own (balanced)."""
    patterns = _shipped_patterns()
    assert len(patterns) > 500
    groups = 0
    for p in patterns:
        try:
            branches = _top_branches(p)
        except _Unsure:
            continue
        assert "|".join(branches) == p
        for b in branches:
            re.compile(b)  # (a split inside a group or a class would leave it unbalanced)
        i = 0
        while i < len(p):
            c = p[i]
            if c in "\\[":
                try:
                    i = _skip_atom(p, i)
                except _Unsure:
                    break
                continue
            if c == "(":
                try:
                    end = _group_end(p, i)
                except _Unsure:
                    break
                assert p[end] == ")"
                re.compile(p[i:end + 1])
                groups += 1
            i += 1
    assert groups > 500


def test_quick_literal_reads_a_class_as_one_item() -> None:
    assert gate.quick_literal(r"Hik[v]ision-Webs") == "hikvision-webs"  # (a class of one character: a literal)
    assert gate.quick_literal(r"abcd[()|]efgh") == "abcd"  # (a class of several: the run ends, the first is longer)
