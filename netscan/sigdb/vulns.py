"""Vulnerability records (``signatures/vulns/*.yaml``): the types and the loader (error policy:
netscan.sigdb.files).

A record is matched (netscan.sigdb.matching) only against an Identification: vendor (the true
maker), optionally brand, model patterns, and firmware ranges in the vendor's own version scheme
(netscan.sigdb.versions). netscan.sigdb.selfcheck validates the data. The file format is
documented in docs/findings.md.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from netscan.errors import SignatureError
from netscan.model import Severity
from netscan.sigdb.eol import EolEntry, load_eol
from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR, load_yaml
from netscan.sigdb.names import vendor_key
from netscan.sigdb.versions import SCHEMES, Version, compare, parse

logger = logging.getLogger(__name__)

Status = Literal["affected", "not-affected", "unknown", "no-match"]

#: Longest model string a pattern is run against (Python's re has no timeout).
MAX_MODEL_CHARS = 128

_RANGE_KEYS = frozenset({"introduced", "fixed", "last_affected", "all"})
_RECORD_KEYS = frozenset({
    "id", "title", "summary", "detail_note", "cvss", "cvss_version", "cvss_source", "kev", "kev_added",
    "severity", "brands", "device_types", "requires", "remediation", "references", "affected", "test",
})


def default_path() -> Path:
    """The shipped ``signatures/vulns`` directory."""
    return DEFAULT_SIGNATURES_DIR / "vulns"


@dataclass(frozen=True)
class VersionRange:
    """One range of affected versions; bounds are parsed in the record's scheme."""

    introduced: Version | None = None
    """First affected version (inclusive); None: every earlier version too."""
    fixed: Version | None = None
    """First fixed version (exclusive upper bound)."""
    last_affected: Version | None = None
    """Last affected version (inclusive upper bound), when no fixed version is known."""
    all: bool = False
    """Every version is affected (no fix exists)."""

    def contains(self, v: Version | None) -> bool | None:
        """True/False, or None when the version is unknown or cannot be compared."""
        if self.all:
            return True
        if v is None:
            return None
        if self.introduced is not None:
            c = _cmp_bound(v, self.introduced)
            if c is None:
                return None
            if c < 0:
                return False
        if self.fixed is not None:
            c = _cmp_bound(v, self.fixed)
            if c is None:
                return None
            return c < 0
        if self.last_affected is not None:
            c = _cmp_bound(v, self.last_affected)
            if c is None:
                return None
            return c <= 0
        return True

    def describe(self) -> str:
        """Human-readable form, e.g. ``V5.2.0 build 140721 to V5.4.0 build 160530``."""
        if self.all:
            return "all versions"
        lo = f"from {self.introduced} " if self.introduced else ""
        if self.fixed:
            return f"{lo}before {self.fixed}".strip()
        if self.last_affected:
            return f"{lo}up to {self.last_affected}".strip()
        return lo.strip() or "all versions"


def _cmp_bound(v: Version, bound: Version) -> int | None:
    # A bound written without a build ("V5.4.0") stands for the whole release: compare numbers only.
    if bound.build is None and v.scheme == bound.scheme and v.family == bound.family:
        return compare(Version(v.scheme, v.text, v.numbers, None, v.family), bound)
    return compare(v, bound)


@dataclass(frozen=True)
class Affected:
    """A model series and the versions of it that are affected."""

    series: str
    models: tuple[re.Pattern[str], ...]
    ranges: tuple[VersionRange, ...]
    device_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class VulnRecord:
    """One advisory / CVE."""

    id: str
    vendor: str
    scheme: str
    title: str
    summary: str
    remediation: str
    affected: tuple[Affected, ...]
    cvss: float | None = None
    cvss_source: str = ""
    kev: bool = False
    kev_added: str | None = None
    severity: Severity | None = None
    brands: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    detail_note: str = ""
    references: tuple[str, ...] = ()
    test: Mapping[str, Any] = field(default_factory=dict)
    file: str = ""

    @property
    def effective_severity(self) -> Severity:
        """Severity from CVSS (or the record's override); KEV listing raises it to at least high."""
        sev = self.severity or severity_from_cvss(self.cvss)
        if self.kev and not sev.at_least(Severity.HIGH):
            sev = Severity.HIGH
        return sev


def severity_from_cvss(cvss: float | None) -> Severity:
    """CVSS v3 qualitative rating: 9.0+ critical, 7.0+ high, 4.0+ medium, else low."""
    if cvss is None:
        return Severity.MEDIUM
    if cvss >= 9.0:
        return Severity.CRITICAL
    if cvss >= 7.0:
        return Severity.HIGH
    if cvss >= 4.0:
        return Severity.MEDIUM
    return Severity.LOW if cvss > 0 else Severity.INFO


@dataclass(frozen=True)
class VulnMatch:
    """The outcome of matching one record against one device."""

    record: VulnRecord
    status: Status
    series: str = ""
    reason: str = ""
    version: Version | None = None
    range: VersionRange | None = None


@dataclass
class VulnDB:
    """Every vulnerability record, with the problems found while loading."""

    records: list[VulnRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    eol: list[EolEntry] = field(default_factory=list)
    """End-of-life entries from ``eol.yaml`` next to the vulns directory."""

    def for_vendor(self, vendor: str | None) -> list[VulnRecord]:
        """Records whose vendor is ``vendor`` (case and punctuation ignored)."""
        key = vendor_key(vendor)
        return [r for r in self.records if key and vendor_key(r.vendor) == key]


# ---------------------------------------------------------------------------------------- loading


def load_vulns(path: str | Path | None = None) -> VulnDB:
    """Load every ``*.yaml`` under ``path`` (default: the shipped ``signatures/vulns``; a signatures
    root holding ``vulns/`` is accepted too), plus ``eol.yaml`` next to that directory.

    Structural problems (bad YAML, unknown scheme, bad regex, unparseable bound) are collected in
    ``VulnDB.problems``; the records that did load are usable. ``check_vulns`` reports them.
    Raises SignatureError only when the directory itself does not exist.
    """
    base = Path(path) if path is not None else default_path()
    if base.is_dir() and (base / "vulns").is_dir():
        base = base / "vulns"  # the signatures root was given (``netscan signatures check --signatures DIR``)
    if not base.exists():
        raise SignatureError(f"vulnerability directory not found: {base}")
    files = sorted(base.glob("*.yaml")) if base.is_dir() else [base]
    db = VulnDB()
    for f in files:
        try:
            doc = load_yaml(f)
        except SignatureError as exc:
            db.problems.append(str(exc))
            continue
        _load_file(db, f.name, doc)
    eol_file = (base if base.is_dir() else base.parent).parent / "eol.yaml"
    if eol_file.exists():
        try:
            db.eol, eol_problems = load_eol(eol_file)
            db.problems.extend(eol_problems)
        except SignatureError as exc:
            db.problems.append(str(exc))
    return db


def _load_file(db: VulnDB, fname: str, doc: Any) -> None:
    if not isinstance(doc, dict) or not isinstance(doc.get("records"), list):
        db.problems.append(f"{fname}: expected a mapping with 'vendor', 'scheme' and a 'records' list")
        return
    vendor = doc.get("vendor")
    scheme = doc.get("scheme", "dotted")
    if not isinstance(vendor, str) or not vendor:
        db.problems.append(f"{fname}: missing 'vendor'")
        return
    if scheme not in SCHEMES:
        db.problems.append(f"{fname}: unknown scheme {scheme!r} (one of {', '.join(sorted(SCHEMES))})")
        return
    for i, raw in enumerate(doc["records"]):
        where = f"{fname}: record {i}"
        if not isinstance(raw, dict):
            db.problems.append(f"{where}: not a mapping")
            continue
        rid = raw.get("id")
        if isinstance(rid, str):
            where = f"{fname}: {rid}"
        try:
            db.records.append(_record(raw, vendor, scheme, fname, where, db.problems))
        except _Bad as exc:
            db.problems.append(f"{where}: {exc}")


class _Bad(Exception):
    pass


def _bound(scheme: str, value: Any, where: str) -> Version | None:
    if value is None:
        return None
    v = parse(scheme, str(value))
    if v is None:
        raise _Bad(f"{where}: {value!r} is not a valid {scheme} version")
    return v


def _record(raw: dict[str, Any], vendor: str, scheme: str, fname: str, where: str, problems: list[str]) -> VulnRecord:
    unknown = set(raw) - _RECORD_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "title", "summary", "remediation"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _Bad(f"missing or empty {key!r}")
    affected: list[Affected] = []
    for j, a in enumerate(raw.get("affected") or []):
        if not isinstance(a, dict):
            raise _Bad(f"affected[{j}] is not a mapping")
        pats = a.get("models")
        if not isinstance(pats, list) or not pats:
            raise _Bad(f"affected[{j}] needs a non-empty 'models' list")
        models: list[re.Pattern[str]] = []
        for p in pats:
            try:
                models.append(re.compile(str(p), re.IGNORECASE))
            except re.error as exc:
                raise _Bad(f"affected[{j}] bad model pattern {p!r}: {exc}") from exc
        ranges: list[VersionRange] = []
        for k, r in enumerate(a.get("versions") or []):
            if not isinstance(r, dict) or not r or set(r) - _RANGE_KEYS:
                raise _Bad(f"affected[{j}].versions[{k}] must use only {sorted(_RANGE_KEYS)}")
            if r.get("all"):
                ranges.append(VersionRange(all=True))
                continue
            if "fixed" in r and "last_affected" in r:
                raise _Bad(f"affected[{j}].versions[{k}] has both 'fixed' and 'last_affected'")
            w = f"affected[{j}].versions[{k}]"
            ranges.append(VersionRange(
                introduced=_bound(scheme, r.get("introduced"), w),
                fixed=_bound(scheme, r.get("fixed"), w),
                last_affected=_bound(scheme, r.get("last_affected"), w),
            ))
        if not ranges:
            raise _Bad(f"affected[{j}] needs a 'versions' list")
        affected.append(Affected(
            series=str(a.get("series") or ", ".join(str(p) for p in pats)),
            models=tuple(models),
            ranges=tuple(ranges),
            device_types=tuple(str(t) for t in a.get("device_types") or ()),
        ))
    if not affected:
        raise _Bad("needs at least one 'affected' entry")
    cvss = raw.get("cvss")
    if cvss is not None and not (isinstance(cvss, (int, float)) and 0 <= float(cvss) <= 10):
        raise _Bad(f"cvss {cvss!r} is not a number from 0 to 10")
    sev = raw.get("severity")
    if sev is not None and Severity.parse(sev) is None:
        raise _Bad(f"severity {sev!r} is not one of {tuple(s.value for s in Severity)}")
    if cvss is None and sev is None:
        raise _Bad("needs 'cvss' or an explicit 'severity'")
    refs = raw.get("references") or []
    if not isinstance(refs, list) or not all(isinstance(u, str) and u.startswith("https://") for u in refs):
        raise _Bad("'references' must be a list of https:// URLs")
    return VulnRecord(
        id=raw["id"].strip(),
        vendor=vendor,
        scheme=scheme,
        title=raw["title"].strip(),
        summary=" ".join(raw["summary"].split()),
        remediation=" ".join(raw["remediation"].split()),
        affected=tuple(affected),
        cvss=float(cvss) if cvss is not None else None,
        cvss_source=str(raw.get("cvss_source") or ""),
        kev=bool(raw.get("kev")),
        kev_added=str(raw["kev_added"]) if raw.get("kev_added") else None,
        severity=Severity.parse(sev),
        brands=tuple(str(b) for b in raw.get("brands") or ()),
        requires=tuple(str(x) for x in raw.get("requires") or ()),
        detail_note=" ".join(str(raw.get("detail_note") or "").split()),
        references=tuple(refs),
        test=test if isinstance(test := raw.get("test"), dict) else {},
        file=fname,
    )
