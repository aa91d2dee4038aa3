"""Self-check of the vulnerability data (``netscan signatures check`` runs it): load problems,
duplicate ids, vendor names, and every record's embedded test case."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from netscan.findings.matching import match_record
from netscan.findings.vulndb import Status, VulnDB, VulnRecord, vendor_key


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


def check_vulns(vdb: VulnDB, sigdb: Any = None) -> list[str]:
    """Every problem in the vulnerability data: load problems, duplicate ids, failing test cases.

    Each record's ``test`` must hold an ``affected`` case that matches as affected and a ``fixed``
    case (same model, fixed firmware) that matches as not affected. Records with no fix (every
    range ``all``) give an ``unaffected`` case instead. With ``sigdb`` (a netscan.sigdb
    SignatureDB), vendor and brand names must also be canonical names from vendors.yaml.
    """
    problems = list(vdb.problems)
    if sigdb is not None:
        names = {r.vendor for r in vdb.records} | {b for r in vdb.records for b in r.brands} | {e.vendor for e in vdb.eol}
        for name in sorted(names):
            v = sigdb.vendor(name)
            if v is None:
                problems.append(f"vendor or brand {name!r} is not in signatures/vendors")
            elif v.name != name:
                problems.append(f"vendor or brand {name!r} should be written {v.name!r} (canonical name)")
    seen: dict[tuple[str, str], str] = {}
    for rec in vdb.records:
        where = f"{rec.file}: {rec.id}"
        key = (vendor_key(rec.vendor), rec.id)
        if key in seen:
            problems.append(f"{where}: duplicate id (also in {seen[key]})")
        seen[key] = rec.file
        if not re.match(r"^(?:CVE-\d{4}-\d{4,7}|[A-Z][A-Z0-9]+-[A-Za-z0-9._-]+)$", rec.id):
            problems.append(f"{where}: id should be a CVE id or an advisory id like HSRC-202109-01")
        if not rec.references:
            problems.append(f"{where}: needs at least one reference")
        if rec.kev and not rec.kev_added:
            problems.append(f"{where}: kev: true needs kev_added (date CISA added it)")
        test = rec.test
        no_fix = all(r.all for a in rec.affected for r in a.ranges)
        aff = test.get("affected")
        if not isinstance(aff, dict):
            problems.append(f"{where}: test needs an 'affected' case {{model, firmware}}")
        else:
            got = _run_case(rec, aff)
            if got != "affected":
                problems.append(f"{where}: test affected case {aff} gives {got}")
        neg_key = "unaffected" if no_fix else "fixed"
        neg = test.get(neg_key)
        if not isinstance(neg, dict):
            problems.append(f"{where}: test needs a '{neg_key}' case {{model, firmware}}")
        else:
            got = _run_case(rec, neg)
            want = ("not-affected", "no-match") if no_fix else ("not-affected",)
            if got not in want:
                problems.append(f"{where}: test {neg_key} case {neg} gives {got}")
            if not no_fix and isinstance(aff, dict) and aff.get("model") != neg.get("model"):
                problems.append(f"{where}: test fixed case should use the affected case's model")
    return problems
