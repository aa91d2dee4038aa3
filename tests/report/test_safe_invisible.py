"""Invisible characters in device strings are shown escaped in the table, CSV and HTML, as JSON escapes them."""

from __future__ import annotations

import re

import pytest

from netscan.report.jsonfmt import UNSAFE
from netscan.report.safe import html_text, visible


@pytest.mark.parametrize("ch", ["\u200b", "\u200d", "\u200e", "\u2060", "\u2063", "\ufeff", "\u061c", "\u2028", "\u202e", "\u2067"])
def test_invisible_characters_are_shown_escaped(ch: str) -> None:
    out = visible(f"Hik{ch}vision")
    assert ch not in out and f"\\u{ord(ch):04x}" in out
    assert ch not in html_text(f"Hik{ch}vision")


def test_the_table_escapes_what_json_escapes() -> None:
    for c in range(0x80, 0x10000):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue  # lone surrogates are replaced before any report (netscan.parsers.fields)
        if UNSAFE.match(ch):
            assert ch not in visible(f"a{ch}b"), hex(c)


def test_ordinary_text_is_left_alone() -> None:
    text = "Hikvision DS-2CD2143G0-I · 海康威视 · Ünïcödé — V5.5.0"
    assert visible(text) == text
    assert not re.search(r"\\u[0-9a-f]{4}", visible(text))
