"""The one place that knows the shape of a report: a :class:`~netscan.model.Report` <-> what the
store keeps.

Everything here reads the typed Report (a saved JSON report document is read with
:func:`as_report` first). The store keeps each device as the report's JSON device record
(``Device.to_dict``), so a report rebuilt from the store is the report that was stored; everything
else in ``netscan.store`` works on :class:`SightingRecord` and :class:`FindingRecord`. The
inventory's additions to a report are made here too, on the typed Report: ``accepted`` findings
(``Finding.accepted``), each device's ``banners`` (``Device.extra``); the caller adds the header's
``store`` and the ``changes``.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from netscan.model import Device, Finding, Observation, Report
from netscan.store.identity import normalise_mac

#: zlib level for stored JSON: 6 is zlib's default trade-off (level 9 saves ~2% more, 2x slower).
ZLIB_LEVEL = 6


@dataclass(frozen=True)
class FindingRecord:
    """One finding of one device in one scan, as the store indexes it."""

    key: str
    """The CVE id, else the finding id; a finding id seen twice on a device gets ``id:title``."""
    finding_id: str
    severity: str
    cve: str | None
    title: str


@dataclass(frozen=True)
class SightingRecord:
    """A device as one scan saw it."""

    ip: str | None
    mac: str | None
    serial: str | None
    vendor: str | None
    brand: str | None
    model: str | None
    firmware: str | None
    device_type: str | None
    confidence: float
    covered: bool
    record: dict[str, Any]
    """The report's whole device record (identification, evidence, services, findings)."""
    observation: dict[str, Any] | None = None
    findings: tuple[FindingRecord, ...] = field(default=())


def pack(value: Any) -> bytes:
    """JSON, zlib-compressed (sorted keys, so equal values store equal bytes)."""
    return zlib.compress(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(), ZLIB_LEVEL)


def unpack(blob: bytes | None) -> Any:
    """Inverse of :func:`pack`; None stays None."""
    if blob is None:
        return None
    return json.loads(zlib.decompress(bytes(blob)).decode())


def _s(value: Any, limit: int = 200) -> str | None:
    if value is None or value == "":
        return None
    return str(value)[:limit]


def finding_records(findings: Iterable[Finding]) -> tuple[FindingRecord, ...]:
    """The store's view of a device's findings (keys unique per device)."""
    out: list[FindingRecord] = []
    seen: set[str] = set()
    for f in findings:
        fid = (f.id or "unknown")[:100]
        cve = _s(f.cve, 40)
        key = (cve or fid)[:300]
        if key in seen:
            key = f"{fid}:{f.title}"[:300]
        n = 2
        base = key
        while key in seen:
            key = f"{base}#{n}"[:300]
            n += 1
        seen.add(key)
        out.append(FindingRecord(key=key, finding_id=fid, severity=f.severity.value, cve=cve, title=f.title))
    return tuple(out)


def stored_findings(record: Mapping[str, Any]) -> list[Finding]:
    """The findings of a stored device record (a report's ``Device.to_dict``), read back as Findings."""
    fl = record.get("findings")
    return [Finding.from_dict(f) for f in fl if isinstance(f, Mapping)] if isinstance(fl, list) else []


def as_report(doc: Report | Mapping[str, Any]) -> Report:
    """A Report, from a Report or a saved JSON report document (``Report.from_dict``)."""
    return doc if isinstance(doc, Report) else Report.from_dict(doc)


def sightings_from_report(report: Report, observations: list[Observation] | None = None) -> list[SightingRecord]:
    """Every device of a report, with its raw observation when one is given. The stored record is
    the device's JSON record (``Device.to_dict``), so a report rebuilt from the store is the report
    that was stored."""
    by_addr: dict[tuple[str | None, str | None], Observation] = {}
    for o in observations or []:
        by_addr.setdefault((o.ip, normalise_mac(o.mac)), o)
        by_addr.setdefault((o.ip, None), o)
    out: list[SightingRecord] = []
    for d in report.devices:
        i = d.identification
        ip, mac = _s(i.ip, 64), normalise_mac(i.mac)
        obs = by_addr.get((ip, mac)) or by_addr.get((ip, None))
        out.append(SightingRecord(
            ip=ip, mac=mac, serial=_s(i.serial), vendor=_s(i.vendor), brand=_s(i.brand),
            model=_s(i.model), firmware=_s(i.firmware), device_type=_s(i.device_type, 40),
            confidence=i.reported_confidence, covered=i.covered is not None,
            record=d.to_dict(), observation=obs.to_dict() if obs is not None else None,
            findings=finding_records(d.findings),
        ))
    return out


#: Per device in a report: responses shown, and characters of each.
MAX_BANNERS = 20
MAX_BANNER_CHARS = 300


def banners(observation: dict[str, Any] | None) -> list[dict[str, Any]]:
    """What a device sent, briefly (protocol, port, request, the first characters of each answer),
    for reports; raw text, to be escaped by the renderer."""
    out: list[dict[str, Any]] = []
    for r in (observation or {}).get("responses") or []:
        if not isinstance(r, dict) or r.get("error") or not r.get("raw"):
            continue
        raw = str(r.get("raw"))
        if raw.startswith("b64:"):
            raw = "(binary)"
        out.append({"protocol": r.get("protocol"), "port": r.get("port"), "request": str(r.get("request") or "")[:100],
                    "text": raw[:MAX_BANNER_CHARS]})
        if len(out) >= MAX_BANNERS:
            break
    return out


def with_banners(report: Report, observations: list[Observation]) -> Report:
    """The report with each device's :func:`banners` in ``Device.extra`` (for the HTML report)."""
    sent = {o.ip: banners(o.to_dict()) for o in observations}
    return replace(report, devices=tuple(replace(d, extra={**d.extra, "banners": sent.get(d.identification.ip, [])})
                                         for d in report.devices))


def _in_baseline(device_ids: list[int], accepted: set[tuple[int, str]], report: Report) -> Iterator[tuple[Device, list[bool]]]:
    """Each device of ``report`` with, per finding, whether the baseline accepts it (device i of the
    report is device ``device_ids[i]`` of the store; a finding is accepted by its key or its id)."""
    for n, d in enumerate(report.devices):
        did = device_ids[n] if n < len(device_ids) else None
        if did is None or not d.findings or not accepted:
            yield d, [False] * len(d.findings)
            continue
        yield d, [(did, k.key) in accepted or (did, k.finding_id) in accepted for k in finding_records(d.findings)]


def without_accepted(report: Report, device_ids: list[int], accepted: set[tuple[int, str]]) -> Report:
    """The report minus the findings in the baseline (what ``--fail-on`` judges)."""
    if not accepted:
        return report
    devices = [d if not any(marks) else replace(d, findings=tuple(f for f, m in zip(d.findings, marks) if not m))
               for d, marks in _in_baseline(device_ids, accepted, report)]
    return replace(report, devices=tuple(devices))


def mark_accepted(report: Report, device_ids: list[int], accepted: set[tuple[int, str]]) -> Report:
    """The report whose findings in the baseline are marked ``accepted`` (shown, not judged)."""
    if not accepted:
        return report
    devices = [d if not any(marks) else replace(d, findings=tuple(replace(f, accepted=True) if m else f
                                                                  for f, m in zip(d.findings, marks)))
               for d, marks in _in_baseline(device_ids, accepted, report)]
    return replace(report, devices=tuple(devices))


def parse_time(value: Any) -> dt.datetime | None:
    """An ISO 8601 time from a report header -> aware UTC datetime (None when absent or bad)."""
    if isinstance(value, dt.datetime):
        t = value
    elif isinstance(value, str) and value:
        try:
            t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t.astimezone(dt.timezone.utc)


def header_from_report(report: Report) -> dict[str, Any]:
    """The report's scan header, as the store keeps it (``ScanHeader.to_dict``)."""
    return report.scan.to_dict()


def report_from_store(header: dict[str, Any], records: list[dict[str, Any]], changes: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Rebuild a report document from stored parts (the renderers' input)."""
    doc: dict[str, Any] = {"scan": header, "devices": records}
    if changes is not None:
        doc["changes"] = changes
    return doc
