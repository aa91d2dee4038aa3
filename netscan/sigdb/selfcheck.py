"""Self-check of all the signature data (``netscan signatures check`` and the tests run it), in
the spirit of recog's fingerprint self-test.

The self-check is a list of independent checks, :data:`CHECKS`. Each is a function
``(Signatures) -> Iterable[str]`` that yields one line per problem (``<file>: <item>: <what>``) and
yields nothing for a part of the data it does not cover (``sig.db`` or ``sig.vulns`` may be None).
To add a check, write such a function and append it to :data:`CHECKS`.

- :func:`load_problems`: what the loaders could not read (netscan.sigdb.files).
- :func:`rule_examples`: every example matches its own rule, extracts exactly what it says
  (vendor/brand names compared after alias resolution) and carries a public source.
- :func:`shadowing`: no example is claimed, with a different result, by another rule reading the
  same field -- in any file, so one vendor's rule cannot silently contradict another vendor's.
- :func:`vendor_sources`: ``built_by`` (OEM) claims carry a source.
- :func:`vuln_names`: vulnerability and EOL vendor/brand names are canonical vendor names.
- :func:`vuln_records`: ids, references, KEV dates, and every record's embedded test cases.
- :func:`semantic_examples`: the field-name conventions' examples (signatures/families/generic.yaml).
- :func:`maker_name_examples`: the maker-name and manufacturer-field conventions' examples (same file).
- :func:`soc_part_examples`: the SoC part numbers' examples and negatives (fingerprints/stacks-soc.yaml).
- :func:`os_release_examples`: the os-release field names' examples and negatives (families/fields-conventions.yaml).
- :func:`family_negatives`: the look-alikes listed under a family grammar's ``negatives`` (another
  maker's product code, a router or printer model) are claimed by no family grammar at all.
- :func:`rule_negatives`: the look-alikes listed under a fingerprint rule's ``negatives`` are not
  matched by that rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from netscan.errors import SignatureError
from netscan.model import DEVICE_TYPES
from netscan.sigdb.cloud import cloud_problems
from netscan.sigdb.db import EXTRACT_KEYS, Rule, SignatureDB
from netscan.sigdb.makernames import name_problems
from netscan.sigdb.othersoftware import other_software_problems
from netscan.sigdb.osrelease import os_release_problems
from netscan.sigdb.socparts import soc_parts_problems
from netscan.sigdb.matching import match_record
from netscan.sigdb.names import vendor_key
from netscan.sigdb.signatures import Signatures
from netscan.sigdb.snmp import table_problems
from netscan.sigdb.vulns import Status, VulnDB, VulnRecord

Check = Callable[[Signatures], Iterable[str]]

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


def _claims(rule: Rule, extracted: dict[str, str]) -> dict[str, str]:
    """What a rule's extraction claims: a ``label`` rule's vendor is a brand."""
    if rule.claims == "label" and "vendor" in extracted:
        out = dict(extracted)
        out["brand"] = out.pop("vendor")
        return out
    return extracted


def _examples(rule: Rule) -> Iterator[tuple[str, dict[str, Any] | None, dict[str, list[str]] | None]]:
    """(tag, example, its fields) for every example; fields None when the example has none to run."""
    where = f"{rule.file}: rule {rule.id!r}"
    for n, ex in enumerate(rule.examples):
        tag = f"{where} example {n + 1}"
        if not isinstance(ex, dict):
            yield tag, None, None
            continue
        yield tag, ex, _example_fields(rule, ex)


def load_problems(sig: Signatures) -> Iterable[str]:
    """What the loaders could not read."""
    return sig.problems


def snmp_products(sig: Signatures) -> Iterable[str]:
    """Every row of signatures/snmp/sysobjectids.tsv: a numeric OID, a known vendor, a known type."""
    return table_problems(sig.db) if sig.db is not None else []


def rule_examples(sig: Signatures) -> Iterable[str]:
    """Every example of every rule: source, own pattern, requires, and exactly the expected extraction."""
    db = sig.db
    if db is None:
        return
    for rule in db.rules:
        for tag, ex, fields in _examples(rule):
            if ex is None:
                yield f"{tag}: must be a mapping"
                continue
            if not ex.get("source") or not str(ex["source"]).startswith(("http://", "https://")):
                yield f"{tag}: needs a 'source' URL where the value was published"
            if "file" in ex and "value" not in ex and "fields" not in ex:
                continue  # whole recorded responses: checked by the corpus test
            if fields is None:
                yield f"{tag}: needs 'value', 'fields' or 'file'"
                continue
            values = fields.get(rule.field.rstrip("*"))
            if values is None:
                yield f"{tag}: 'fields' lacks the rule's field {rule.field!r}"
                continue
            got = rule.extract(values[0])
            if got is None:
                yield f"{tag}: does not match its own pattern: {values[0][:80]!r}"
                continue
            if not rule.requires_ok(fields):
                yield f"{tag}: matches but its 'requires' fields do not"
                continue
            got = _canon(db, got)
            expect = ex.get("expect")
            if not isinstance(expect, dict):
                yield f"{tag}: needs an 'expect' mapping"
                continue
            bad_keys = set(expect) - EXTRACT_KEYS
            if bad_keys:
                yield f"{tag}: unknown expect keys {sorted(bad_keys)}"
            want = _canon(db, {k: str(v) for k, v in expect.items() if v is not None})
            if got != want:
                yield f"{tag}: extracts {got} but expects {want}"
            for key in ("vendor", "brand"):
                if key in got and db.vendor(got[key]) is None:
                    yield f"{tag}: {key} {got[key]!r} is not in signatures/vendors"
            if "device_type" in got and got["device_type"] not in DEVICE_TYPES:
                yield f"{tag}: unknown device_type {got['device_type']!r}"


def shadowing(sig: Signatures) -> Iterable[str]:
    """An example's value that another rule reading the same field also matches, claiming a
    different value for something both claim. Within one file every such earlier rule is a problem
    (order the file from specific to general, and make them agree); across files -- one vendor's
    rule against another's, or against a generic rule -- when the other rule weighs at least as
    much, so the example's own claim would not win in identification (netscan.identify.resolve).
    Only examples that pass their own rule are considered."""
    db = sig.db
    if db is None:
        return
    for rule in db.rules:
        for tag, ex, fields in _examples(rule):
            if ex is None or fields is None:
                continue
            values = fields.get(rule.field.rstrip("*"))
            if not values:
                continue
            mine = rule.extract(values[0])
            if mine is None or not rule.requires_ok(fields):
                continue
            mine = _claims(rule, _canon(db, mine))
            for other in db.rules_for_field(rule.field.rstrip("*")):
                if other is rule:
                    continue
                if other.file == rule.file:
                    if other.index > rule.index:
                        continue
                elif other.weight < rule.weight:
                    continue
                theirs = other.extract(values[0])
                if theirs is None or not other.requires_ok(fields):
                    continue
                theirs = _claims(other, _canon(db, theirs))
                if any(theirs[k] != mine[k] for k in theirs.keys() & mine.keys()):
                    where = "earlier rule" if other.file == rule.file else f"rule {other.file}:"
                    yield f"{tag}: shadowed by {where} {other.id!r} (weight {other.weight:.2f}), which claims {theirs}"


def vendor_sources(sig: Signatures) -> Iterable[str]:
    """OEM claims need a source."""
    if sig.db is None:
        return
    for v in sig.db.vendors.values():
        if v.built_by and not v.built_by_source:
            yield f"{v.file}: vendor {v.name!r}: 'built_by' needs a 'built_by_source'"


def vuln_names(sig: Signatures) -> Iterable[str]:
    """Vendor and brand names of vulnerability and EOL records are canonical vendor names."""
    vdb, db = sig.vulns, sig.db
    if vdb is None or db is None:
        return
    names = {r.vendor for r in vdb.records} | {b for r in vdb.records for b in r.brands} | {e.vendor for e in vdb.eol}
    for name in sorted(names):
        v = db.vendor(name)
        if v is None:
            yield f"vendor or brand {name!r} is not in signatures/vendors"
        elif v.name != name:
            yield f"vendor or brand {name!r} should be written {v.name!r} (canonical name)"


def _run_case(rec: VulnRecord, case: Mapping[str, Any]) -> Status:
    facts = ("cloud",) if case.get("cloud", True) else ()
    return match_record(
        rec,
        vendor=str(case.get("vendor", rec.vendor)),
        model=str(case.get("model", "")),
        firmware=str(case["firmware"]) if case.get("firmware") is not None else None,
        brand=str(case.get("brand")) if case.get("brand") else (rec.brands[0] if rec.brands else None),
        device_type=str(case.get("device_type")) if case.get("device_type") else None,
        facts=facts,
    ).status


def vuln_records(sig: Signatures) -> Iterable[str]:
    """Duplicate ids, id form, references, KEV dates, and both directions of every embedded test.

    Each record's ``test`` must hold an ``affected`` case that matches as affected and a ``fixed``
    case (same model, fixed firmware) that matches as not affected. Records with no fix (every
    range ``all``) give an ``unaffected`` case instead.
    """
    vdb = sig.vulns
    if vdb is None:
        return
    seen: dict[tuple[str, str], str] = {}
    for rec in vdb.records:
        where = f"{rec.file}: {rec.id}"
        key = (vendor_key(rec.vendor), rec.id)
        if key in seen:
            yield f"{where}: duplicate id (also in {seen[key]})"
        seen[key] = rec.file
        if not re.match(r"^(?:CVE-\d{4}-\d{4,7}|[A-Z][A-Z0-9]+-[A-Za-z0-9._-]+)$", rec.id):
            yield f"{where}: id should be a CVE id or an advisory id like HSRC-202109-01"
        if not rec.references:
            yield f"{where}: needs at least one reference"
        if rec.kev and not rec.kev_added:
            yield f"{where}: kev: true needs kev_added (date CISA added it)"
        test = rec.test
        no_fix = all(r.all for a in rec.affected for r in a.ranges)
        aff = test.get("affected")
        if not isinstance(aff, dict):
            yield f"{where}: test needs an 'affected' case {{model, firmware}}"
        else:
            got = _run_case(rec, aff)
            if got != "affected":
                yield f"{where}: test affected case {aff} gives {got}"
        neg_key = "unaffected" if no_fix else "fixed"
        neg = test.get(neg_key)
        if not isinstance(neg, dict):
            yield f"{where}: test needs a '{neg_key}' case {{model, firmware}}"
        else:
            got = _run_case(rec, neg)
            want = ("not-affected", "no-match") if no_fix else ("not-affected",)
            if got not in want:
                yield f"{where}: test {neg_key} case {neg} gives {got}"
            if not no_fix and isinstance(aff, dict) and aff.get("model") != neg.get("model"):
                yield f"{where}: test fixed case should use the affected case's model"


def cloud_entries(sig: Signatures) -> Iterable[str]:
    """Every maker-cloud domain (``cloud.yaml``) names its service and cites a source."""
    if sig.db is None:
        return []
    try:
        return cloud_problems(sig.db.root)
    except SignatureError as exc:
        return [str(exc)]


def semantic_examples(sig: Signatures) -> Iterable[str]:
    """Field-name conventions (signatures/families/generic.yaml): each example's field name and
    value give exactly the expected claim, and carry a public source."""
    db = sig.db
    if db is None:
        return
    for sr in db.semantic_rules:
        for n, ex in enumerate(sr.examples):
            tag = f"{sr.file}: semantic {sr.id!r} example {n + 1}"
            if not isinstance(ex, dict) or not str(ex.get("source", "")).startswith(("http://", "https://")):
                yield f"{tag}: needs a 'source' URL"
                continue
            got = sr.extract(str(ex.get("field", "")), str(ex.get("value", "")))
            want = {k: str(v) for k, v in (ex.get("expect") or {}).items() if v is not None}
            if (got or {}) != want:
                yield f"{tag}: extracts {got} but expects {want}"


def maker_name_examples(sig: Signatures) -> Iterable[str]:
    """The maker-name and manufacturer-field conventions' examples (families/generic.yaml)."""
    return name_problems(sig.db) if sig.db is not None else []


def other_software_examples(sig: Signatures) -> Iterable[str]:
    """The other-software words' examples (families/generic.yaml ``other_software``)."""
    return other_software_problems(sig.db.other_software) if sig.db is not None else []


def soc_part_examples(sig: Signatures) -> Iterable[str]:
    """The SoC part numbers' examples and negatives (fingerprints/stacks-soc.yaml ``soc_part_numbers``)."""
    return soc_parts_problems(sig.db.soc_parts) if sig.db is not None else []


def os_release_examples(sig: Signatures) -> Iterable[str]:
    """The os-release field names' examples and negatives (families/fields-conventions.yaml ``os_release``)."""
    return os_release_problems(sig.db.os_release) if sig.db is not None else []


def family_negatives(sig: Signatures) -> Iterable[str]:
    """Each family grammar's ``negatives``: a look-alike value with its public source that no family
    grammar (of this maker or any other) may claim: it must name nobody."""
    db = sig.db
    if db is None:
        return
    for rule in db.any_rules:
        for n, neg in enumerate(rule.negatives):
            tag = f"{rule.file}: rule {rule.id!r} negative {n + 1}"
            if not isinstance(neg, dict) or not isinstance(neg.get("value"), str):
                yield f"{tag}: must be a mapping with a 'value'"
                continue
            if not str(neg.get("source", "")).startswith(("http://", "https://")):
                yield f"{tag}: needs a 'source' URL where the look-alike was published"
            value = neg["value"]
            for other in db.any_rules:
                got = other.extract(value)
                if got is not None:
                    yield f"{tag}: {value[:80]!r} is claimed by {other.id!r} ({got.get('model') or got.get('firmware')})"


def rule_negatives(sig: Signatures) -> Iterable[str]:
    """Each fingerprint rule's ``negatives``: a look-alike as published (``value``, or ``fields``
    for a rule with ``requires``), with its public source, that the rule itself must not match."""
    db = sig.db
    if db is None:
        return
    for rule in db.rules:
        for n, neg in enumerate(rule.negatives):
            tag = f"{rule.file}: rule {rule.id!r} negative {n + 1}"
            fields = _example_fields(rule, neg) if isinstance(neg, dict) else None
            if fields is None:
                yield f"{tag}: must be a mapping with a 'value' or 'fields'"
                continue
            if not str(neg.get("source", "")).startswith(("http://", "https://")):
                yield f"{tag}: needs a 'source' URL where the look-alike was published"
            for value in fields.get(rule.field, []):
                got = rule.extract(value)
                if got is not None and (not rule.requires or rule.requires_ok(fields)):
                    yield f"{tag}: {value[:80]!r} is matched by the rule ({got})"


#: Every check, in the order its problems are listed.
CHECKS: list[Check] = [load_problems, vendor_sources, rule_examples, shadowing, vuln_names, vuln_records,
                       semantic_examples, maker_name_examples, other_software_examples, soc_part_examples, os_release_examples,
                       cloud_entries, family_negatives, rule_negatives, snmp_products]


def run_checks(sig: Signatures) -> list[str]:
    """Every problem every check finds (empty: all good)."""
    return [p for chk in CHECKS for p in chk(sig)]


def check(db: SignatureDB, vulns: VulnDB | None = None) -> list[str]:
    """Check the fingerprint database (and, when given, the vulnerability data with it)."""
    return run_checks(Signatures(db=db, vulns=vulns))


def check_vulns(vdb: VulnDB, sigdb: SignatureDB | None = None) -> list[str]:
    """Check the vulnerability data alone (with ``sigdb``: its names against the vendors too)."""
    problems = run_checks(Signatures(db=None, vulns=vdb))  # the fingerprint checks yield nothing
    if sigdb is not None:
        problems += vuln_names(Signatures(db=sigdb, vulns=vdb))
    return problems
