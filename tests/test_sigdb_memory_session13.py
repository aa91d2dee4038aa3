"""Session-13 memory mends of a loaded database that must not change what it answers: the OUI table keeps one
string object per distinct block kind and registrant (and one tuple per distinct pair), every field gate files its
literals under shared start strings with its own pairs, and the gate-literal file is parsed once for both tables.
Also the quick surrogate test of ``clean_text`` (the regular expression only where UTF-8 encoding fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.parsers._util import clean_text
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB
from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR
from netscan.sigdb.gate import FieldGate, shipped_alternatives, shipped_literals


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db(lazy=True)


def _rows() -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for line in (DEFAULT_SIGNATURES_DIR / "oui" / "registry.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 3:
            continue
        rows[parts[0]] = (parts[1], f"{parts[2]} (formerly {parts[3]})" if len(parts) == 4 and parts[3] else parts[2])
    return rows


def test_oui_table_is_the_files_with_shared_strings(db: SignatureDB) -> None:
    rows = _rows()
    assert db.oui == rows  # every row, as written
    kinds = {id(kind) for kind, _ in db.oui.values()}
    assert len(kinds) == len({kind for kind, _ in rows.values()})  # one object per block kind
    names = {id(name) for _, name in db.oui.values()}
    assert len(names) < len(db.oui) * 0.7  # registrants with several blocks share one name object
    # a registrant's blocks name it with the same object, and look-ups still answer as before
    xerox = [v for k, v in db.oui.items() if v[1] == "XEROX CORPORATION"]
    assert len(xerox) > 1 and len({id(v) for v in xerox}) == 1
    assert db.lookup_mac("00:00:00:11:22:33") == ("000000", "XEROX CORPORATION", "Xerox")


class _R:
    def __init__(self, pattern: str) -> None:
        import re

        self.pattern = re.compile(pattern)


def test_gates_share_start_strings_and_find_the_same_candidates() -> None:
    a = FieldGate([_R("Hikvision-Webs"), _R("Boa/"), _R(r"\d+")])
    b = FieldGate([_R(r"\w"), _R("Hikvision-Webs")])
    ka = next(k for k in a._by_start if k == "hik")
    kb = next(k for k in b._by_start if k == "hik")
    assert ka is kb  # one start string for every gate
    assert all(pair in a._literals for pairs in a._by_start.values() for pair in pairs)
    assert a.candidates(["Server: Hikvision-Webs"]) == [0, 2]
    assert a.candidates(["boa/0.94"]) == [1, 2]
    assert a.candidates(["x" * 300 + "BOA/"]) == [1, 2]  # a long value, read literal by literal
    assert b.candidates(["nothing"]) == [0]


def test_gate_literal_tables_are_both_read() -> None:
    # (parsed once for both: each table as the file has it)
    import json

    from netscan.sigdb.gate import LITERALS_FILE

    data = json.loads(Path(LITERALS_FILE).read_text(encoding="utf-8"))
    assert shipped_literals() == data["literals"]
    assert shipped_alternatives() == {k: tuple(v) for k, v in data["alternatives"].items()}


@pytest.mark.parametrize("text", ["plain", "caf\u00e9", "\u4e2d\u6587 camera", "emoji \U0001f4f7"])
def test_clean_text_keeps_valid_text_itself(text: str) -> None:
    assert clean_text(text) is text


@pytest.mark.parametrize(("text", "want"), [("a\ud800b", "a\ufffdb"), ("caf\u00e9\udfff", "caf\u00e9\ufffd"),
                                            ("\udbff\udc00x\u4e2d", "\ufffd\ufffdx\u4e2d")])
def test_clean_text_replaces_lone_surrogates(text: str, want: str) -> None:
    assert clean_text(text) == want
