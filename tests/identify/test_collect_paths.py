"""The fast identify path (gates, literals, first-character index, per-value memo: netscan.identify.collect,
netscan.sigdb.db) gives exactly what the plain path gives: every rule of a field run on every value.

Compared on every TRAINING corpus file (tests/corpus), as recorded and as the speed benchmark
re-tags them (benchmarks/identify_speed.py), on a fresh database and again once its memo is warm,
eager and lazy. Any difference in vendor, model, firmware, confidence or any piece of evidence fails.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.resolve import resolve
from netscan.model import Observation
from netscan.observations import load_path
from netscan.sigdb import SignatureDB, load_db

collect_module = importlib.import_module("netscan.identify.collect")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _observations() -> list[tuple[str, Observation]]:
    out = []
    for path in sorted(CORPUS.rglob("*.json")):
        for k, obs in enumerate(load_path(path)):
            name = f"{path.relative_to(CORPUS)}:{k}"
            out.append((name, obs))
            # as the speed benchmark builds its 10,000: another address, a tagged request
            tagged = tuple(dataclasses.replace(r, request=f"{r.request} #{k}") for r in obs.responses)
            out.append((name + " tagged", dataclasses.replace(obs, ip="10.0.0.7", responses=tagged)))
    return out


def _plain(obs: Observation, db: SignatureDB) -> dict:
    claims, evidence = collect_module.collect(obs, db, exhaustive=True)
    return resolve(obs, claims, evidence, db).to_dict()


@pytest.fixture(scope="module")
def observations() -> list[tuple[str, Observation]]:
    got = _observations()
    assert len(got) >= 2 * 250
    return got


@pytest.mark.parametrize("lazy", [False, True])
def test_fast_path_is_the_plain_path(observations, lazy: bool) -> None:  # type: ignore[no-untyped-def]
    reference = load_db()
    want = {name: _plain(obs, reference) for name, obs in observations}
    db = load_db(lazy=lazy)
    for rnd in ("cold", "warm"):  # warm: every value's matches now come from the memo
        for name, obs in observations:
            assert identify(obs, db).to_dict() == want[name], f"{name} ({rnd}, lazy={lazy})"
    assert db._field_memo and db._family_memo and db._semantic_memo and db._semantic_set_memo  # the memo was used


def test_memo_hands_out_copies() -> None:
    """Evidence never shares the memo's mappings: a caller changing a report cannot change the next one."""
    db = load_db(lazy=True)
    obs = next(o for _, o in _observations() if identify(o, db).evidence)
    first = identify(obs, db)
    for e in first.evidence:
        e.extracted["vendor"] = "changed"
    assert identify(obs, db).to_dict() == _plain(obs, load_db())


def test_plain_path_runs_every_rule(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The reference really is plain: no gate, literal or memo is consulted."""
    db = load_db()

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("the plain path used the fast path's machinery")

    monkeypatch.setattr(SignatureDB, "field_matches", refuse)
    monkeypatch.setattr(SignatureDB, "family_matches", refuse)
    monkeypatch.setattr(SignatureDB, "semantic_match", refuse)
    monkeypatch.setattr(SignatureDB, "any_field_rules", refuse)
    for _, obs in _observations()[:60]:
        _plain(obs, db)


def test_long_values_are_kept_under_a_digest() -> None:
    """A value longer than MEMO_MAX_CHARS (a page, a banner) is kept in the match memo under a digest
    of its text (``memo_key``): seen again it is not run through the rules again, the memo never holds
    the text, and two long values that differ anywhere (here: only past the first MEMO_MAX_CHARS
    characters) are never taken for each other."""
    from netscan.sigdb.db import MEMO_MAX_CHARS, memo_key

    db = load_db()
    rule = next(r for r in db.rules if r.field == "http.body" and r.examples)
    example = str(rule.examples[0]["fields"]["http.body"])
    filler = "<p>" + "x" * MEMO_MAX_CHARS + "</p>\n"
    with_rule = filler + example
    without = filler + "<p>" + "y" * len(example) + "</p>"
    assert memo_key("short value") == "short value"
    assert isinstance(memo_key(with_rule), bytes) and len(memo_key(with_rule)) == 32
    assert memo_key(with_rule) != memo_key(without)
    assert memo_key("".join(list(with_rule))) == memo_key(with_rule)  # an equal text in another object
    plan = db.plan_for_field("http.body")
    pos = plan.rules.index(rule)
    for _ in range(2):  # the second round reads the memo
        assert pos in dict(db.field_matches(plan, "http.body", with_rule))
        assert pos not in dict(db.field_matches(plan, "http.body", without))
    kept = [k for _, k in db._field_memo]
    assert any(isinstance(k, bytes) for k in kept)
    assert all(len(k) <= MEMO_MAX_CHARS for k in kept if isinstance(k, str))
