"""The shipped database as a scan loads it (``default_db``: patterns compiled on first use) behaves
exactly as the eagerly compiled one that ``netscan signatures check`` validates."""
from __future__ import annotations

import re
from pathlib import Path

from netscan.sigdb.db import LazyPattern, group_names, load_db


def test_lazy_and_eager_databases_extract_the_same() -> None:
    eager, lazy = load_db(), load_db(lazy=True)
    assert len(eager.rules) == len(lazy.rules) > 1000
    assert any(isinstance(r.pattern, LazyPattern) for r in lazy.rules)
    assert not any(isinstance(r.pattern, LazyPattern) for r in eager.rules)
    compared = 0
    for e, lz in zip(eager.rules, lazy.rules, strict=True):
        assert (e.id, e.pattern.pattern) == (lz.id, lz.pattern.pattern)
        # the compiled flags also carry inline ones ((?i) in the text); the lazy pattern's are those passed
        assert lz.pattern.flags & ~e.pattern.flags == 0
        assert group_names(lz.pattern) == set(e.pattern.groupindex)
        for ex in (*e.examples, *e.negatives):
            values = [ex["value"]] if "value" in ex else [str(v) for v in (ex.get("fields") or {}).values()]
            for v in values:
                assert e.extract(str(v)) == lz.extract(str(v)), (e.id, v)
                compared += 1
    assert compared > 2000


def test_a_lazy_pattern_compiles_once_and_answers_like_re() -> None:
    p = LazyPattern(r"(?P<model>DS-\d+)", re.I)
    assert p._rx is None
    m = p.search("model: ds-2042")
    assert m is not None and m.group("model") == "ds-2042"
    first = p._rx
    assert first is not None and p.search("nothing") is None and p._rx is first
    assert p.groupindex == {"model": 1} and p.match("DS-1") is not None


def test_a_users_signature_directory_is_still_checked_at_load(tmp_path: Path) -> None:
    """A bad --signatures directory fails before any packet: eager load, as before."""
    import shutil

    from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR

    root = tmp_path / "sigs"
    shutil.copytree(DEFAULT_SIGNATURES_DIR, root, symlinks=False)
    (root / "fingerprints" / "zz-bad.yaml").write_text(
        "rules:\n  - id: bad\n    field: http.title\n    pattern: '(unclosed'\n    set: {device_type: camera}\n"
    )
    db = load_db(root)
    assert any("zz-bad.yaml" in p and "bad pattern" in p for p in db.problems), db.problems[:3]
