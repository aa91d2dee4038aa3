"""Cheap pre-checks in front of the readers' detection (a substring test before a pattern search, a
set test before a record's look-ups) never skip a text the full test would take: on the recorded
corpus, on crafted dumps and on generated text, the pre-checked test and the full one agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netscan.observations import load_path
from netscan.parsers import _util
from netscan.parsers.unwrap import _DUMP_TELL, dump_tell, unwrap

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

_DUMPS = [
    "00000000: 4854 5450 2f31 2e31 2032 3030 204f 4b0d  HTTP/1.1 200 OK.\n00000010: 0a0d 0a                                  ...\n",
    "00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|\n00000010  0a 0d 0a                                          |...|\n",
    "0000   48 54 54 50 2f 31 2e 31 20 32 30 30 20 4f 4b 0d   HTTP/1.1 200 OK.\n0010   0a 0d 0a                                          ...\n",
    "\t0x0000:  4854 5450 2f31 2e31 2032 3030 204f 4b0d  HTTP/1.1.200.OK.\n\t0x0010:  0a0d 0a                                  ...\n",
    "00000000 (0x7f8b1c00a8f0): 76 3d 30 0d 0a 6f 3d 2d 20 31 20 31 20 49 4e 20  v=0..o=- 1 1 IN \n"
    "00000010 (0x7f8b1c00a900): 49 50 34 0d 0a                                   IP4..\n",
    "0:00:01.2 12 0x55 MEMDUMP rtspsrc> 00000000: 52 54 53 50 2f 31 2e 30 20 32 30 30 20 4f 4b 0d  RTSP/1.0 200 OK.\n",
    "[dump]|0000\t48 54 54 50\n",
]


def _old_tell(head: str) -> bool:
    """The tell as it was: any ``0000``, then the pattern."""
    return "0000" in head and _DUMP_TELL.search(head) is not None


def test_dump_tell_agrees_on_corpus_and_crafted_dumps() -> None:
    heads = [r.raw[:4096] for p in sorted(CORPUS.rglob("*.json")) for o in load_path(p) for r in o.responses]
    assert len(heads) > 300
    for head in heads + _DUMPS:
        assert dump_tell(head) == _old_tell(head), head[:80]
    assert all(dump_tell(d) for d in _DUMPS)  # every dump layout is told
    assert all(unwrap(d) is not None for d in _DUMPS[:5])  # and read


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0000 \t:x()afAF19\n]>|", max_size=60))
@example("0x0000: 4854 5450 ")
@example("|00000000 (0x7f00): 48 ")
@example("0000\t48\t")
def test_dump_tell_agrees_on_generated_text(text: str) -> None:
    assert dump_tell(text) == _old_tell(text)


_KEYS = st.sampled_from(list(_util._NAME_KEYS) + list(_util._VALUE_KEYS) + ["model", "id", "Name ", "NAME", "vendor", "x"])
_VALUES = st.one_of(st.sampled_from(["Model", "Firmware Version", "Manufacturer", "serial", "", "  ", "X-1"]),
                    st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(), st.lists(st.integers(), max_size=2))


@settings(max_examples=2000, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, min_size=2, max_size=4))
def test_property_record_precheck_skips_only_records_without_a_name_key(obj: dict[str, Any]) -> None:
    """``json_leaves`` asks ``_named_value`` only when a name key is there: without one it finds nothing."""
    if _util._NAME_KEY_SET.isdisjoint(obj):
        assert _util._named_value(obj) is None


def test_property_records_are_still_read() -> None:
    fields: dict[str, list[str]] = {}
    _util.json_leaves([{"name": "Firmware Version", "value": "2.3.4"}, {"Key": "Model", "Val": "X-1"}], fields, "http.json.")
    assert fields["http.json.FirmwareVersion"] == ["2.3.4"]
    assert fields["http.json.Model"] == ["X-1"]
    fields = {}
    _util.json_leaves({"title": "Device Model", "data": "Y-2", "id": 3}, fields, "http.json.")
    assert fields.get("http.json.DeviceModel") == ["Y-2"]
    fields = {}
    _util.json_leaves({"model": "Z-3", "value": "2.3.4"}, fields, "http.json.")  # no name key: no record
    assert "http.json.Model" not in fields and fields["http.json.model"] == ["Z-3"]


def test_cjk_labels_need_a_non_ascii_text() -> None:
    """``column_fields`` looks for Chinese labels only in a text that is not all ASCII (a flag of the
    string): every text in which the search finds a CJK character is such a text, and labels are read."""
    from netscan.parsers.console import _CJK_CHAR, column_fields

    raws = [r.raw for p in sorted(CORPUS.rglob("*.json")) for o in load_path(p) for r in o.responses]
    for raw in raws + ["型号: DS-2CD2042WD-I\n", "Model: X\n"]:
        if _CJK_CHAR.search(raw, 0, 4096) is not None:
            assert not raw.isascii()
    fields: dict[str, list[str]] = {}
    column_fields(fields, "http", "设备型号：DS-2CD2042WD-I\n固件版本：V5.4.5 build 170124\n")
    assert fields["http.kv.Model"] == ["DS-2CD2042WD-I"]
    assert fields["http.kv.FirmwareVersion"] == ["V5.4.5 build 170124"]
