"""Self-test of the signature database, in the spirit of recog's fingerprint self-test.

For every rule and every example: the example matches its own rule, extracts exactly what it says
(vendor/brand names compared after alias resolution), carries a public source, and is not already
claimed, with a different result, by an earlier rule reading the same field in the same file.
"""

from __future__ import annotations

from typing import Any

from netscan.model import DEVICE_TYPES
from netscan.sigdb.db import EXTRACT_KEYS, Rule, SignatureDB


def _canon(db: SignatureDB, extracted: dict[str, str]) -> dict[str, str]:
    out = dict(extracted)
    for key in ("vendor", "brand"):
        if key in out:
            v = db.vendor(out[key])
            if v is not None:
                out[key] = v.name
    return out


def _example_fields(rule: Rule, ex: dict[str, Any]) -> dict[str, list[str]] | None:
    if "fields" in ex and isinstance(ex["fields"], dict):
        # a list gives several values of one field (e.g. two WS-Discovery scopes); the first is
        # the one the rule's pattern must match
        return {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in ex["fields"].items()}
    if "value" in ex:
        fields = {rule.field.rstrip("*"): [str(ex["value"])]}
        return fields
    return None


def check_rule(db: SignatureDB, rule: Rule, earlier: list[Rule]) -> list[str]:
    """Problems with one rule's examples."""
    problems: list[str] = []
    where = f"{rule.file}: rule {rule.id!r}"
    for n, ex in enumerate(rule.examples):
        tag = f"{where} example {n + 1}"
        if not isinstance(ex, dict):
            problems.append(f"{tag}: must be a mapping")
            continue
        if not ex.get("source") or not str(ex["source"]).startswith(("http://", "https://")):
            problems.append(f"{tag}: needs a 'source' URL where the value was published")
        if "file" in ex and "value" not in ex and "fields" not in ex:
            continue  # whole recorded responses: checked by the corpus test
        fields = _example_fields(rule, ex)
        if fields is None:
            problems.append(f"{tag}: needs 'value', 'fields' or 'file'")
            continue
        fname = rule.field.rstrip("*")
        values = fields.get(fname)
        if values is None:
            problems.append(f"{tag}: 'fields' lacks the rule's field {rule.field!r}")
            continue
        got = rule.extract(values[0])
        if got is None:
            problems.append(f"{tag}: does not match its own pattern: {values[0][:80]!r}")
            continue
        if not rule.requires_ok(fields):
            problems.append(f"{tag}: matches but its 'requires' fields do not")
            continue
        got = _canon(db, got)
        expect = ex.get("expect")
        if not isinstance(expect, dict):
            problems.append(f"{tag}: needs an 'expect' mapping")
            continue
        bad_keys = set(expect) - EXTRACT_KEYS
        if bad_keys:
            problems.append(f"{tag}: unknown expect keys {sorted(bad_keys)}")
        want = _canon(db, {k: str(v) for k, v in expect.items() if v is not None})
        if got != want:
            problems.append(f"{tag}: extracts {got} but expects {want}")
        for key in ("vendor", "brand"):
            if key in got and db.vendor(got[key]) is None:
                problems.append(f"{tag}: {key} {got[key]!r} is not in signatures/vendors")
        if "device_type" in got and got["device_type"] not in DEVICE_TYPES:
            problems.append(f"{tag}: unknown device_type {got['device_type']!r}")
        for prev in earlier:
            if prev.field != rule.field or prev.file != rule.file:
                continue
            pg = prev.extract(values[0])
            pg = _canon(db, pg) if pg is not None else None
            conflict = pg is not None and any(pg[k] != got[k] for k in pg.keys() & got.keys())
            if conflict and prev.requires_ok(fields):
                problems.append(f"{tag}: shadowed by earlier rule {prev.id!r}, which extracts {pg}")
    return problems


def check(db: SignatureDB) -> list[str]:
    """Run every embedded example of every rule; return the problems found (empty: all good)."""
    problems: list[str] = []
    by_file: dict[str, list[Rule]] = {}
    for rule in db.rules:
        earlier = by_file.setdefault(rule.file, [])
        problems.extend(check_rule(db, rule, list(earlier)))
        earlier.append(rule)
    for v in db.vendors.values():
        if v.built_by and not v.built_by_source:
            problems.append(f"{v.file}: vendor {v.name!r}: 'built_by' needs a 'built_by_source'")
    return problems
