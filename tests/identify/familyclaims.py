"""Shared by the family-grammar tests: what the grammar pass alone claims for a value."""

from __future__ import annotations

from netscan.sigdb import SignatureDB


def family_claims(db: SignatureDB, value: str) -> list[dict[str, str]]:
    """Every family-grammar claim on ``value``: the rule's fixed claims, what it read, and the rule's id."""
    out = []
    for rule, got in db.family_matches(value):
        merged = {**rule.set, **got}
        merged["rule"] = rule.id
        out.append(merged)
    return out
