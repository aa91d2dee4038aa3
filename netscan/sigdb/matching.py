"""Matching one device against vulnerability records: vendor, brand, model, then firmware ranges.

A firmware string the record's scheme cannot parse, or a comparison it cannot decide, gives
``unknown``, never ``affected``.
"""

from __future__ import annotations

from collections.abc import Iterable

from netscan.sigdb.versions import parse
from netscan.sigdb.names import vendor_key
from netscan.sigdb.vulns import MAX_MODEL_CHARS, VulnDB, VulnMatch, VulnRecord


def match_record(
    record: VulnRecord,
    *,
    vendor: str | None,
    model: str | None,
    firmware: str | None,
    brand: str | None = None,
    device_type: str | None = None,
    facts: Iterable[str] = (),
) -> VulnMatch:
    """Decide whether one device is affected by one record.

    ``facts`` are conditions established elsewhere (``cloud`` when the device uses a vendor cloud),
    checked against the record's ``requires``.
    """
    if vendor_key(vendor) != vendor_key(record.vendor):
        return VulnMatch(record, "no-match", reason="different vendor")
    if record.brands and vendor_key(brand) not in {vendor_key(b) for b in record.brands}:
        return VulnMatch(record, "no-match", reason="different brand")
    if set(record.requires) - set(facts):
        return VulnMatch(record, "no-match", reason=f"requires {', '.join(record.requires)}")
    m = " ".join((model or "").split())[:MAX_MODEL_CHARS]
    if not m and not any(p.fullmatch("") for a in record.affected for p in a.models):
        # Only a record that covers every model of the vendor ('.*') can match an unknown model.
        return VulnMatch(record, "unknown", reason="model unknown")
    version = parse(record.scheme, firmware) if firmware else None
    unknown: VulnMatch | None = None
    series_matched = False
    for a in record.affected:
        if a.device_types and device_type and device_type not in a.device_types:
            continue
        if not any(p.search(m) for p in a.models):
            continue
        series_matched = True
        for r in a.ranges:
            inside = r.contains(version)
            if inside:
                return VulnMatch(record, "affected", a.series, f"{r.describe()}", version, r)
            if inside is None and unknown is None:
                why = "firmware unknown" if not firmware else (
                    f"firmware {firmware!r} is not a {record.scheme} version" if version is None
                    else f"firmware {firmware!r} cannot be compared with {r.describe()}")
                unknown = VulnMatch(record, "unknown", a.series, why, version, r)
    if unknown is not None:
        return unknown
    if series_matched:
        return VulnMatch(record, "not-affected", reason="firmware outside the affected ranges", version=version)
    return VulnMatch(record, "no-match", reason="model not listed")


def match_vulns(
    vdb: VulnDB,
    *,
    vendor: str | None,
    model: str | None,
    firmware: str | None,
    brand: str | None = None,
    device_type: str | None = None,
    facts: Iterable[str] = (),
) -> list[VulnMatch]:
    """Match a device against every record of its vendor (``no-match`` results left out)."""
    facts = tuple(facts)
    out = []
    for rec in vdb.for_vendor(vendor):
        m = match_record(rec, vendor=vendor, model=model, firmware=firmware, brand=brand,
                         device_type=device_type, facts=facts)
        if m.status != "no-match":
            out.append(m)
    return out
