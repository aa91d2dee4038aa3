"""Session 10's hostile inputs (helper hostile2): behaviour kept while the work done on them was made
linear. How long they take is measured by benchmarks/fuzz_regressions.py and benchmarks/hostile_inputs.py
(tests/hostile/fuzz_regressions/ holds the inputs themselves, replayed by test_fuzz.py)."""

from __future__ import annotations

import json

from netscan.model import Response
from netscan.parsers import fields
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


def test_percent_encoded_answer_with_a_lone_surrogate_is_read() -> None:
    # an observation file's JSON can spell a lone surrogate; unwrapping the percent-encoding used to
    # raise UnicodeEncodeError, and fields() recorded the whole answer as unreadable
    raw = "%3C%3Fxml%20version%3D%221.0%22%3F%3E%3CDeviceInfo%3E%3Cmodel%3EDS-2CD2042WD\udcff%3C/model%3E%3C/DeviceInfo%3E"
    f = fields(Response(protocol="http", port=80, raw=raw))
    assert "http.unreadable" not in f
    assert f["http.xml.DeviceInfo/model"] == ["DS-2CD2042WD?"]
    for values in f.values():
        for v in values:
            v.encode("utf-8")
