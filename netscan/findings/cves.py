"""Vulnerability findings: an Identification matched against the vulnerability records."""

from __future__ import annotations

from collections.abc import Iterable

from netscan.findings.catalogue import quote
from netscan.sigdb.matching import match_vulns
from netscan.sigdb.vulns import VulnDB, VulnMatch
from netscan.model import Finding, Identification


def _source_of(ident: Identification, key: str) -> str:
    """Which evidence gave the model / firmware, e.g. ``sadp`` or ``rule hikvision-isapi-model``."""
    for e in ident.evidence:
        if key in e.extracted and e.weight >= 0:
            where = e.protocol or e.kind
            return f"{where} ({e.source})" if e.source and e.source != where else where
    return "identification"


def vuln_finding(ident: Identification, m: VulnMatch) -> Finding:
    """The finding for one ``affected`` match."""
    rec = m.record
    label = f" (sold as {ident.brand})" if ident.brand and ident.brand != ident.vendor else ""
    evidence = [f"made by {ident.vendor} ({_source_of(ident, 'vendor')})"]
    if ident.model:
        evidence.append(f"model {quote(ident.model, 60)} from {_source_of(ident, 'model')} is in series {m.series}")
    else:
        evidence.append(f"model not identified; the advisory covers {m.series}")
    if m.range is not None and m.range.all:
        evidence.append("every firmware version is affected (no fix published)")
    else:
        evidence.append(f"firmware {quote(ident.firmware or '', 80)} from {_source_of(ident, 'firmware')}: "
                        f"affected are {m.reason}")
    if rec.requires:
        evidence.append(f"condition met: {', '.join(rec.requires)}")
    if rec.kev:
        evidence.append(f"listed in CISA's Known Exploited Vulnerabilities catalogue since {rec.kev_added}")
    detail = rec.summary
    if rec.detail_note:
        detail = f"{detail} {rec.detail_note}"
    cvss = f"CVSS {rec.cvss:g}" if rec.cvss is not None else "no CVSS score"
    detail = f"{detail} ({cvss}{', ' + rec.cvss_source if rec.cvss_source else ''}.){label}"
    return Finding(
        id="cve",
        severity=rec.effective_severity,
        title=f"{rec.id}: {rec.title}",
        detail=detail,
        remediation=rec.remediation,
        evidence=tuple(evidence),
        cve=rec.id if rec.id.startswith("CVE-") else None,
        cvss=rec.cvss,
        kev=rec.kev,
        references=rec.references,
    )


def vuln_findings(ident: Identification, vdb: VulnDB, facts: Iterable[str] = ()) -> list[Finding]:
    """One finding per record the device is affected by; unknown versions give none."""
    matches = match_vulns(
        vdb, vendor=ident.vendor, model=ident.model, firmware=ident.firmware,
        brand=ident.brand, device_type=ident.device_type, facts=facts,
    )
    return [vuln_finding(ident, m) for m in matches if m.status == "affected"]
