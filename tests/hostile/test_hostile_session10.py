"""Session 10's hostile inputs (helper hostile2): behaviour kept while the work done on them was made
linear. How long they take is measured by benchmarks/fuzz_regressions.py and benchmarks/hostile_inputs.py
(tests/hostile/fuzz_regressions/ holds the inputs themselves, replayed by test_fuzz.py)."""

from __future__ import annotations

import json

from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers._util import MAX_REPAIR_DEPTH, close_cut_json


def test_close_cut_json_deep_nesting_closes_every_level() -> None:
    # a cut document 200 levels deep: every open bracket closed, innermost first
    depth = 200
    cut = '{"a": ' + "[" * depth + "1, 2"
    repaired = close_cut_json(cut)
    assert repaired == '{"a": ' + "[" * depth + "1" + "]" * depth + "}"
    # mixed objects and arrays: the closers follow the opening order back
    cut = '[{"a": {"b": [1, {"c": 2}, 3'
    assert close_cut_json(cut) == '[{"a": {"b": [1, {"c": 2}]}}]'
    assert json.loads(close_cut_json(cut) or "") == [{"a": {"b": [1, {"c": 2}]}}]


def test_close_cut_json_reads_to_its_depth_limit() -> None:
    # deeper than MAX_REPAIR_DEPTH is read as if the text were cut there: the members before it kept
    assert close_cut_json('{"model": "X", "a": ' + "[" * (MAX_REPAIR_DEPTH + 1) + "1") == '{"model": "X"}'
    assert close_cut_json('{"model": "X", "a": ' + "[" * 5000 + "]" * 5000 + "}") == '{"model": "X"}'
    assert close_cut_json('{"model": "X", "a": ' + "[" * (MAX_REPAIR_DEPTH - 1) + "1, 2") is not None


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


def test_values_of_this_sessions_readers_are_escaped_in_every_report() -> None:
    # a Chinese device page's labels (netscan/parsers/console.py) carry a value with rich markup, an
    # ANSI escape, HTML and a bidi override. The firmware claim is cut at the version's extent
    # (netscan/identify/firmware.py: no scheme writes a control character, a tag or a glued bracket), so the
    # payload reaches the reports through the fields that still carry free text: the evidence's extracted
    # value (HTML and JSON) and, for the table, a bracketed remark after a blank (kept as the software's words:
    # "3.2.4 (ONVIF Device Manager)")
    import datetime as dt

    from netscan.model import Observation
    from netscan.pipeline import analyse
    from netscan.report import render

    def reports(raw: str) -> tuple[str, str, str]:
        doc = analyse([Observation(ip="10.0.0.2", mac=None, responses=(Response(protocol="other", port=9998, raw=raw),))],
                      now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        return render(doc, "table"), render(doc, "html"), render(doc, "json")

    evil = "[bold]B[/bold]\x1b[31m<script>alert(1)</script>\u202e"
    table, page, doc_json = reports(f"设备型号：DS-2CD2T47G2-L\n固件版本：V5.7{evil}\n制造商：Hikvision\n")
    device = json.loads(doc_json)["devices"][0]
    assert device["firmware"] == "V5.7"  # the version, not the rest of the line
    extracted = [e["extracted"].get("firmware", "") for e in device["evidence"]]
    # (precondition: the label's whole value still reaches the reports, in the evidence)
    assert any("alert(1)" in x and "\u202e" in x for x in extracted), "precondition: the evidence keeps the label's value"
    assert "alert(1)" not in table and "\x1b" not in table and "\u202e" not in table
    assert "&lt;script&gt;alert(1)" in page and "<script>alert" not in page and "\x1b" not in page and "\u202e" not in page
    assert "\u202e" not in doc_json and "\x1b" not in doc_json
    # rich markup in a value the table still shows: printed, not applied
    table, page, doc_json = reports(f"设备型号：DS-2CD2T47G2-L\n固件版本：V5.7 {evil}\n制造商：Hikvision\n")
    assert json.loads(doc_json)["devices"][0]["firmware"] == "V5.7 [bold]B", "precondition: the table's firmware column shows free text"
    assert "V5.7 [bold]B" in table and "\x1b" not in table and "\u202e" not in table


def test_stripped_xml_values_with_an_unclosed_declaration() -> None:
    # found by the banner fuzz target: '<?xml' with no '>' anywhere raised IndexError out of the reader
    from netscan.parsers.toolout import stripped_xml_values

    assert stripped_xml_values('<?xml vers: "S5720"\nHuawei\n[    0.000] x\n') == []
    # a declaration that survived the stripping still leads to the values under it
    assert stripped_xml_values('<?xml version="1.0"?>\nDS-2CD2042WD\nV5.4.0\nbuild 160414\n') != []
