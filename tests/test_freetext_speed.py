"""Free-text firmware conventions (signatures/families/generic.yaml) that check a case-sensitive class of their
words' first letters first (speed): semantic-firmware-running-idiom before its verbs, semantic-firmware-after-product-kind
before its product kinds. Each matches exactly what its pattern without the check matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.sigdb import load_db

_CHECK = "(?=(?-i:[aAhHiItTwWsS\\u0130\\u0131\\u017f]))"
_DB = load_db()
_RULE = next(r for r in _DB.semantic_rules if r.id == "semantic-firmware-running-idiom")
_NEW = _RULE.value
_OLD = re.compile(_NEW.pattern.replace(_CHECK, ""), _NEW.flags)
_VERBS = ("is", "are", "am", "was", "were", "it's", "they're", "i'm", "we're", "he's", "she's")


def test_the_check_is_there_and_covers_the_verbs() -> None:
    assert _CHECK in _NEW.pattern and _OLD.pattern != _NEW.pattern
    cls = re.compile(_CHECK)
    first = re.compile("(?i)[" + "".join(sorted({v[0] for v in _VERBS})) + "]")
    # every character a verb's first letter matches case-insensitively passes the class, and no other
    assert [x for x in range(0x110000) if first.fullmatch(chr(x))] == [x for x in range(0x110000) if cls.match(chr(x))]


def _same(text: str) -> None:
    a, b = _OLD.search(text), _NEW.search(text)
    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text


def test_same_on_the_examples() -> None:
    seen = 0
    for ex in _RULE.examples:
        value = ex.get("value")
        if isinstance(value, str):
            _same(value)
            seen += 1
    assert seen >= 3


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_VERBS, "IS", "İs", "ıs", "ſhe's", "now", "running", "on", "firmware", "version", "the", "latest",
                                 "app", "1.3.3.4", "v2.1.32", "192.168.1.20", "2023.12.3", "4.30", "camera", " ", "  ", "\t", "\n", "x"]),
                max_size=14),
       st.text(max_size=8), st.sampled_from(["", "upper", "lower"]))
def test_same_on_random_sentences(words: list[str], noise: str, case: str) -> None:
    text = " ".join(words) + noise
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    _same(text)
    _same("firmware " + text)


_KIND_CHECK = "(?=(?-i:[dDiInNpPvV\\u0130\\u0131]))"
_KIND = next(r for r in _DB.semantic_rules if r.id == "semantic-firmware-after-product-kind")
_KIND_OLD = re.compile(_KIND.value.pattern.replace(_KIND_CHECK, ""), _KIND.value.flags)
_KINDS = ("network camera", "network video server", "video server", "video encoder", "network video encoder",
          "network video recorder", "network dome camera", "dome camera", "ptz camera", "ip camera", "network video decoder")


def test_product_kind_check_covers_the_names() -> None:
    assert _KIND.value.pattern.startswith("(?i)" + _KIND_CHECK)
    for kind in _KINDS:
        assert "|" + kind in _KIND.value.pattern or "(?:" + kind in _KIND.value.pattern
    first = re.compile("(?i)[" + "".join(sorted({k[0] for k in _KINDS})) + "]")
    cls = re.compile(_KIND_CHECK)
    assert [x for x in range(0x110000) if first.fullmatch(chr(x))] == [x for x in range(0x110000) if cls.match(chr(x))]


def _same_kind(text: str) -> None:
    a, b = _KIND_OLD.search(text), _KIND.value.search(text)
    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text


def test_product_kind_same_on_the_examples() -> None:
    values = [ex["value"] for ex in _KIND.examples if isinstance(ex.get("value"), str)]
    assert values
    for value in values:
        _same_kind(value)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_KINDS), st.text(max_size=8), st.sampled_from(["V1.2.3 (Jan 05 2015)", "2.5.0 (2014-03-01)", "1.0", "x"]),
       st.sampled_from(["", "upper", "lower", "dotted"]))
def test_product_kind_same_on_random_texts(kind: str, noise: str, version: str, case: str) -> None:
    text = f"{noise}{kind} {version}{noise}"
    text = {"upper": text.upper(), "lower": text.lower(), "dotted": text.replace("i", "\u0131").replace("I", "\u0130")}.get(case, text)
    _same_kind(text)


_TEXT_CHECK = "(?=(?-i:[FSfs\\u017f\\u0412\\u041f\\u0432\\u043f\\u1c80固软系韌軟]))"
_TEXT = next(r for r in _DB.semantic_rules if r.id == "semantic-firmware-in-text")
_TEXT_OLD = re.compile(_TEXT.value.pattern.replace("(?i)" + _TEXT_CHECK + "(?<![a-z0-9])", "(?i)(?<![a-z0-9])(?=[fsпв固软系韌軟])"),
                       _TEXT.value.flags)


def test_in_text_check_is_what_the_case_insensitive_class_matched() -> None:
    assert _TEXT.value.pattern.startswith("(?i)" + _TEXT_CHECK) and _TEXT_OLD.pattern != _TEXT.value.pattern
    was = re.compile("(?i)[fsпв固软系韌軟]")
    cls = re.compile(_TEXT_CHECK)
    assert [x for x in range(0x110000) if was.fullmatch(chr(x))] == [x for x in range(0x110000) if cls.match(chr(x))]


def _same_text(text: str) -> None:
    a, b = _TEXT_OLD.search(text), _TEXT.value.search(text)
    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text


def test_in_text_same_on_the_examples() -> None:
    values = [ex["value"] for ex in _TEXT.examples if isinstance(ex.get("value"), str)]
    assert values
    for value in values:
        _same_text(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["firmware", "FW", "Software Version", "sw_ver", "SysVer", "system version", "прошивка",
                                 "версия по", "固件版本", "软件版本", ":", "=", " is ", " ", "\n", "V5.5.3", "1.2.3.4", "build 20230101",
                                 "ſoftware", "x"]), max_size=10),
       st.text(max_size=6), st.sampled_from(["", "upper", "lower"]))
def test_in_text_same_on_random_texts(words: list[str], noise: str, case: str) -> None:
    text = noise + "".join(words) + noise
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    _same_text(text)
