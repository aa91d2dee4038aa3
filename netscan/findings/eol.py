"""The end-of-life finding: the device's model is listed in ``signatures/eol.yaml`` (loaded by
netscan.sigdb.eol)."""

from __future__ import annotations

from netscan.findings.catalogue import quote
from netscan.model import Finding, Identification, Severity
from netscan.sigdb.eol import EolEntry
from netscan.sigdb.names import vendor_key
from netscan.sigdb.vulns import MAX_MODEL_CHARS


def end_of_life(ident: Identification, entries: list[EolEntry]) -> list[Finding]:
    """A finding when the device's model is listed as end of life."""
    model = " ".join((ident.model or "").split())[:MAX_MODEL_CHARS]
    if not model:
        return []
    key = vendor_key(ident.vendor)
    for e in entries:
        if vendor_key(e.vendor) != key or not any(p.search(model) for p in e.models):
            continue
        since = f" since {e.since}" if e.since else ""
        return [Finding(
            id="end-of-life", severity=Severity.MEDIUM,
            title=f"End-of-life model: {quote(model, 60)} gets no more security fixes",
            detail=f"{e.vendor} no longer supports the {e.series}{since}. Flaws found from now on stay "
                   f"unfixed. {e.note}".strip(),
            remediation="Plan the device's replacement; until then keep it on an isolated network with "
                        "no internet access.",
            evidence=(f"model {quote(model, 60)} is in {e.series}", f"end-of-life statement: {e.source}"),
            references=(e.source,),
        )]
    return []
