"""Covered-vendor finding: equipment made by an entity on the NDAA FY2019 §889 / FCC Covered List,
including relabelled equipment (the label differs from the true maker)."""

from __future__ import annotations

from netscan.findings.catalogue import quote
from netscan.model import Finding, Identification, Severity

_LIST_NAMES = {"NDAA-889": "NDAA FY2019 §889", "FCC-covered-list": "FCC Covered List"}


def covered_vendor(ident: Identification) -> list[Finding]:
    """A finding when identification says the maker (or brand's maker) is covered."""
    cov = ident.covered
    if not cov:
        return []
    lists = [_LIST_NAMES.get(x, x) for x in cov.lists] or ["a covered list"]
    entity = str(cov.entity or cov.maker or ident.vendor or "a covered entity")
    maker = str(cov.maker or ident.vendor or entity)
    label = cov.label or ident.brand
    relabelled = bool(label) and str(label).casefold() != maker.casefold()
    title = f"Made by {maker}" + (f", sold as {label}" if relabelled else "") + f": on the {' and '.join(lists)}"
    evidence: list[str] = []
    if relabelled:
        evidence.append(f"label on the device: {quote(label, 60)}; true maker: {maker}")
    via = cov.via
    if via and via != "maker":
        evidence.append(f"covered through: {quote(via, 120)}")
    basis = list(dict.fromkeys(cov.evidence))
    if basis:
        evidence.append(f"identified by: {quote(', '.join(basis[:10]), 300)}")
    if cov.source:
        evidence.append(f"list source: {cov.source}")
    return [Finding(
        id="covered-vendor", severity=Severity.MEDIUM,
        title=title,
        detail=(f"{entity} is named in {' and '.join(lists)}. US federal agencies, their contractors "
                "and grant recipients may not buy or use its video surveillance equipment for the "
                "covered purposes, and the FCC no longer authorises new equipment from it. "
                + ("The device carries another brand's name, which hides its maker. " if relabelled else "")
                + "Whether the rules apply to you depends on who you are and what the device is used for."),
        remediation="Check whether §889 / FCC rules apply to your organisation; if they do, plan the "
                    "device's replacement and record it in your compliance inventory.",
        evidence=tuple(evidence),
        references=tuple(s for s in [cov.source] if s),
    )]
