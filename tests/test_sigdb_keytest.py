"""netscan.sigdb.keytest: a field-name pattern's test gives exactly what ``pattern.search`` gives."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import load_db
from netscan.sigdb.keytest import _split, key_test

CORPUS = Path(__file__).resolve().parent / "corpus"


@lru_cache(maxsize=1)
def _shipped_keys() -> list[re.Pattern[str]]:
    return [r.key for r in load_db(lazy=True).semantic_rules]


@pytest.fixture(scope="module")
def keys() -> list[re.Pattern[str]]:
    got = _shipped_keys()
    assert any(_split(k.pattern) is not None for k in got)  # the shipped firmware keys take the quick test
    return got


def _names() -> list[str]:
    names: set[str] = set()
    for path in sorted(CORPUS.rglob("*.json")):
        for obs in load_path(path):
            for resp in obs.responses:
                names.update(fields(resp))
    return sorted(names)


def test_every_shipped_key_on_every_training_field_name(keys) -> None:  # type: ignore[no-untyped-def]
    names = _names() + ["http.json.latest.firmware", "http.json.device.firmware\nx", "upnp.Display", "a.hardwareVersion",
                        "http.json.dev_info.version", "x.fwVersion", "x.upgradeFirmwareVersion", "\n" * 3 + "firmware"]
    for key in keys:
        test = key_test(key)
        for name in names:
            assert test(name) == (key.search(name) is not None), (key.pattern[:60], name)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abfirmwaeFWvsonlt._-/ \nVupgdh", max_size=40))
def test_shipped_keys_on_random_names(name: str) -> None:
    for key in _shipped_keys():
        assert key_test(key)(name) == (key.search(name) is not None)


@pytest.mark.parametrize("pattern, flags, split", [
    (r"^(?!x)abc", 0, True), (r"^(?!x)abc|def", 0, False), (r"^(?!x(y))(z)\1", 0, False), (r"^(?!a)b", re.M, False),
    (r"a(?!x)b", 0, False), (r"^(?![)]x)y", 0, True), (r"^(?!\))y", 0, True), (r"^(?!a)(?:b|c)$", 0, True),
])
def test_shapes(pattern: str, flags: int, split: bool) -> None:
    rx = re.compile(pattern, flags)
    test = key_test(rx)
    assert (_split(pattern) is not None and not flags and "\\1" not in pattern) == split
    for name in ("", "abc", "xabc", "def", "xdef", "b", "ab", "c", "\nb", ")y", "y", "xyzz", "zz"):
        assert test(name) == (rx.search(name) is not None), (pattern, name)
