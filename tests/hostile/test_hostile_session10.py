"""Session 10's hostile inputs (helper hostile2): behaviour kept while the work done on them was made
linear. How long they take is measured by benchmarks/fuzz_regressions.py and benchmarks/hostile_inputs.py
(tests/hostile/fuzz_regressions/ holds the inputs themselves, replayed by test_fuzz.py)."""

from __future__ import annotations

import json

from netscan.parsers._util import close_cut_json


def test_close_cut_json_deep_nesting_closes_every_level() -> None:
    # a cut document 5,000 levels deep: every open bracket closed, innermost first
    depth = 5000
    cut = '{"a": ' + "[" * depth + "1, 2"
    repaired = close_cut_json(cut)
    assert repaired == '{"a": ' + "[" * depth + "1" + "]" * depth + "}"
    # mixed objects and arrays: the closers follow the opening order back
    cut = '[{"a": {"b": [1, {"c": 2}, 3'
    assert close_cut_json(cut) == '[{"a": {"b": [1, {"c": 2}]}}]'
    assert json.loads(close_cut_json(cut) or "") == [{"a": {"b": [1, {"c": 2}]}}]


def test_close_cut_json_refuses_what_it_cannot_mend() -> None:
    n = 60_000  # the regression input's shape: complete, only too deep for json.loads
    assert close_cut_json("[" * n + "]" * n) is None
    assert close_cut_json("{]") is None
    assert close_cut_json("[1]") is None
    assert close_cut_json("x[1,") is None
    assert close_cut_json("[[[") is None  # no complete member
