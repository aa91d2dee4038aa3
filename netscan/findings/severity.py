"""Severity arithmetic: counts per level and the ``--fail-on`` threshold test."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from netscan.model import SEVERITIES, Finding

#: Levels ``--fail-on`` accepts, most severe first.
FAIL_ON_LEVELS: tuple[str, ...] = ("critical", "high", "medium", "low")


def _sev(f: Finding | Mapping[str, Any]) -> str:
    return f.severity if isinstance(f, Finding) else str(f.get("severity", ""))


def rank(severity: str) -> int:
    """0 for critical … 4 for info; unknown levels rank below info."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def summarise(findings: Iterable[Finding | Mapping[str, Any]]) -> dict[str, int]:
    """Number of findings per severity, every level present (zeros included), most severe first."""
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        s = _sev(f)
        if s in counts:
            counts[s] += 1
    return counts


def severity_at_least(findings: Iterable[Finding | Mapping[str, Any]], level: str) -> bool:
    """True when some finding is at ``level`` or more severe (``--fail-on level``).

    Raises:
        ValueError: ``level`` is not one of critical, high, medium, low, info.
    """
    if level not in SEVERITIES:
        raise ValueError(f"unknown severity {level!r}; use one of {', '.join(SEVERITIES)}")
    limit = rank(level)
    return any(rank(_sev(f)) <= limit for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by id and CVE, so output is stable."""
    return sorted(findings, key=lambda f: (rank(f.severity), f.id, f.cve or "", f.title))
