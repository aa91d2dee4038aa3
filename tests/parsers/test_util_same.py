"""The speed rewrites of netscan/parsers/_util.py give exactly what the plain versions give: a cut
JSON document closed the same way, the same leaves in the same order, the same cleaning."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.parsers._util import (
    MAX_DEPTH, MAX_FIELDS, MAX_PARSE_BYTES, Fields, _identity_key, add, clean_fields, clean_text, close_cut_json,
    json_leaves,
)

_CLOSER = {"{": "}", "[": "]"}


def _close_cut_json_plain(text: str) -> str | None:
    """close_cut_json as a character-by-character loop (its earlier form)."""
    t = text[:MAX_PARSE_BYTES]
    start = len(t) - len(t.lstrip())
    if t[start : start + 1] not in ("{", "["):
        return None
    stack: list[str] = []
    safe_at, safe_stack = -1, ""
    in_string = escaped = False
    for i in range(start, len(t)):
        c = t[i]
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
            continue
        if c == '"':
            in_string = True
        elif c in "{[":
            stack.append(_CLOSER[c])
        elif c in "}]":
            if not stack or stack[-1] != c:
                return None
            stack.pop()
            if not stack:
                return None
            safe_at, safe_stack = i + 1, "".join(reversed(stack))
        elif c == ",":
            safe_at, safe_stack = i, "".join(reversed(stack))
    if safe_at < 0:
        return None
    return t[:safe_at] + safe_stack


def _json_leaves_plain(obj: Any, fields: Fields, prefix: str, depth: int = 0) -> None:
    """json_leaves with every scalar added through ``add`` (its earlier form)."""
    if depth > MAX_DEPTH or len(fields) >= MAX_FIELDS:
        return
    if isinstance(obj, dict):
        for k, v in list(obj.items())[:500]:
            if isinstance(v, (dict, list)):
                _json_leaves_plain(v, fields, f"{prefix}{k}.", depth + 1)
            elif isinstance(v, str) and v[:1] in ("{", "[", " "):
                json_leaves(v, fields, f"{prefix}{k}", depth + 1)  # (a string: the same code either way)
            elif v is not None:
                if depth + 1 > MAX_DEPTH or len(fields) >= MAX_FIELDS:
                    return
                name = f"{prefix}{k}"
                add(fields, name[:-1] if name.endswith(".") else name, str(v).lower() if isinstance(v, bool) else v)
    elif isinstance(obj, list):
        for v in obj[:100]:
            if (isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and type(v[1]) in (str, int, float)
                    and (key := _identity_key(v[0], wide=True)) is not None):
                add(fields, f"{prefix}{key}", v[1])  # a table of pairs: [["Manufacturer", "X"], ...]
            _json_leaves_plain(v, fields, prefix, depth + 1)
    else:
        json_leaves(obj, fields, prefix, depth)


_JSONISH = st.text(alphabet='{}[],:"\\ ab1\n', max_size=40)


@settings(max_examples=600, deadline=None)
@given(_JSONISH)
def test_close_cut_json_is_the_plain_loop(text: str) -> None:
    assert close_cut_json(text) == _close_cut_json_plain(text)


def test_close_cut_json_examples() -> None:
    for text in ('{"a": "x\\"}", "b": [1, 2', '[{"a": 1}, {"b": "\\\\"', '{"a": "cut', '{"a": 1}', '  [1, [2, 3], 4',
                 '{"a": "}", "b": 2', '{"k": "v\\', '{]'):
        assert close_cut_json(text) == _close_cut_json_plain(text), text


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=8), st.sampled_from(["{x", "[1]", " pad", "x" * 3000, '{"in": 1}']))
_DOCS = st.recursive(_SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                        st.dictionaries(st.sampled_from(["a", "b", "c.", "", "d"]), kids, max_size=4)),
                     max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(_DOCS)
def test_json_leaves_is_the_plain_walk(doc: Any) -> None:
    got: Fields = {}
    want: Fields = {}
    json_leaves(doc, got, "http.json.")
    _json_leaves_plain(doc, want, "http.json.")
    assert got == want
    assert list(got) == list(want)  # the same order


def test_json_leaves_deep_and_wide() -> None:
    deep: Any = "leaf"
    for _ in range(MAX_DEPTH + 5):
        deep = {"k": deep, "n": 1}
    wide = {f"k{i}": i for i in range(MAX_FIELDS + 50)}
    pairs = [["MFG", False], ["Manufacturer", "X"], ["Model", 7], ["a", "b"]]
    for doc in (deep, wide, json.loads('{"a": {"b": [1, true, null, "s"]}, "c": false}'), pairs):
        got: Fields = {}
        want: Fields = {}
        json_leaves(doc, got, "p.")
        _json_leaves_plain(doc, want, "p.")
        assert got == want and list(got) == list(want)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.lists(st.text(max_size=6), max_size=3), max_size=4))
def test_clean_fields_is_the_plain_cleaning(fields: Fields) -> None:
    want: Fields = {}
    for name, values in fields.items():
        bucket = want.setdefault(clean_text(name), [])
        for v in values:
            v = clean_text(v)
            if v not in bucket:
                bucket.append(v)
    clean = all(n.isascii() and all(v.isascii() for v in vs) for n, vs in fields.items())
    got = clean_fields(fields)
    assert (got is fields) if clean else (got == want)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _find_title_plain(text: str) -> str | None:
    """find_title on a lower-cased copy of the text (its earlier form)."""
    from netscan.parsers.http import MAX_TITLE_CHARS

    if "<t" not in text and "<T" not in text:
        return None
    low = text.lower() if text.isascii() else text.translate(_ASCII_LOWER)
    pos = 0
    while True:
        i = low.find("<title", pos)
        if i < 0:
            return None
        j = i + 6
        if j < len(low) and (low[j] == ">" or low[j].isspace() or low[j] == "/"):
            break
        pos = j
    gt = low.find(">", j)
    if gt < 0:
        return None
    window = low[gt + 1 : gt + 1 + MAX_TITLE_CHARS + 16]
    k = window.find("</title")
    while k >= 0:
        rest = window[k + 7 :].lstrip()
        if rest.startswith(">"):
            return text[gt + 1 : gt + 1 + k]
        k = window.find("</title", k + 7)
    return None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["<", "/", ">", " ", "\u2028", "\x1c", "t", "T", "i", "I", "\u0130", "\u0131", "l", "L", "e",
                                  "E", "x", "K", "\u212a", "titLe", "<title>", "</TITLE", "<title "]), max_size=20).map("".join))
def test_find_title_is_the_lowered_search(text: str) -> None:
    from netscan.parsers.http import find_title

    assert find_title(text) == _find_title_plain(text)


def test_find_title_examples() -> None:
    from netscan.parsers.http import MAX_TITLE_CHARS, find_title

    for text in ("<html><TITLE>Hik</TITLE></html>", "<titlebar>x</titlebar><title id=a>Cam</title >", "<title>x</title",
                 "<title>\u0130P Camera</titlé></title\n>", "<TiTlE>" + "y" * (MAX_TITLE_CHARS + 20) + "</title>",
                 "<title>" + "y" * (MAX_TITLE_CHARS + 8) + "</title>", "<title/>", "<title", "no title"):
        assert find_title(text) == _find_title_plain(text), text
