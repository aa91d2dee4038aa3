"""Severity arithmetic: counts per level and the ``--fail-on`` threshold test (the order itself is
:class:`netscan.model.Severity`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from netscan.model import FAIL_ON_LEVELS, Finding, Severity, severity_rank

__all__ = ["FAIL_ON_LEVELS", "rank", "severity_at_least", "sort_findings", "summarise"]


def _sev(f: Finding | Mapping[str, Any]) -> object:
    return f.severity if isinstance(f, Finding) else f.get("severity", "")


def rank(severity: object) -> int:
    """0 for critical … 4 for info; unknown levels rank below info."""
    return severity_rank(severity)


def summarise(findings: Iterable[Finding | Mapping[str, Any]]) -> dict[str, int]:
    """Number of findings per severity, every level present (zeros included), most severe first."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        s = Severity.parse(_sev(f))
        if s is not None:
            counts[s.value] += 1
    return counts


def severity_at_least(findings: Iterable[Finding | Mapping[str, Any]], level: str) -> bool:
    """True when some finding is at ``level`` or more severe (``--fail-on level``).

    Raises:
        ValueError: ``level`` is not one of critical, high, medium, low, info.
    """
    limit = Severity.parse(level)
    if limit is None:
        raise ValueError(f"unknown severity {level!r}; use one of {', '.join(Severity)}")
    return any(rank(_sev(f)) <= limit.rank for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by id and CVE, so output is stable."""
    return sorted(findings, key=lambda f: f.sort_key)
