"""The one place that knows the shape of a report: a :class:`~netscan.model.Report` (or a saved JSON
report document) <-> what the store keeps.

The store keeps each device as the report's JSON device record (``Device.to_dict``), so a report
rebuilt from the store is the report that was stored; everything else in ``netscan.store`` works on
:class:`SightingRecord` and :class:`FindingRecord`. Store-only additions to a report document
(``changes``, ``accepted`` findings, ``banners``, ``device_id``, ``site``) are made here too.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from collections.abc import Mapping

from netscan.model import Device, Observation, Report
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


def finding_records(findings: list[dict[str, Any]]) -> tuple[FindingRecord, ...]:
    """The store's view of a device's findings (keys unique per device)."""
    out: list[FindingRecord] = []
    seen: set[str] = set()
    for f in findings:
        fid = str(f.get("id") or "unknown")[:100]
        cve = _s(f.get("cve"), 40)
        title = str(f.get("title") or "")
        key = (cve or fid)[:300]
        if key in seen:
            key = f"{fid}:{title}"[:300]
        n = 2
        base = key
        while key in seen:
            key = f"{base}#{n}"[:300]
            n += 1
        seen.add(key)
        out.append(FindingRecord(key=key, finding_id=fid, severity=str(f.get("severity") or "info")[:10], cve=cve, title=title))
    return tuple(out)


def as_document(doc: Report | Mapping[str, Any]) -> dict[str, Any]:
    """The JSON report document of a Report (a document is copied)."""
    return doc.to_dict() if isinstance(doc, Report) else dict(doc)


def sightings_from_report(doc: Report | Mapping[str, Any], observations: list[Observation] | None = None) -> list[SightingRecord]:
    """Every device of a report, with its raw observation when one is given."""
    doc = as_document(doc)
    by_addr: dict[tuple[str | None, str | None], Observation] = {}
    for o in observations or []:
        by_addr.setdefault((o.ip, normalise_mac(o.mac)), o)
        by_addr.setdefault((o.ip, None), o)
    out: list[SightingRecord] = []
    for d in doc.get("devices") or []:
        if not isinstance(d, dict):
            continue
        ip, mac = _s(d.get("ip"), 64), normalise_mac(d.get("mac"))
        obs = by_addr.get((ip, mac)) or by_addr.get((ip, None))
        covered = d.get("covered")
        out.append(SightingRecord(
            ip=ip, mac=mac, serial=_s(d.get("serial")), vendor=_s(d.get("vendor")), brand=_s(d.get("brand")),
            model=_s(d.get("model")), firmware=_s(d.get("firmware")), device_type=_s(d.get("device_type"), 40),
            confidence=float(d.get("confidence") or 0.0), covered=bool(covered),
            record=d, observation=obs.to_dict() if obs is not None else None,
            findings=finding_records([f for f in d.get("findings") or [] if isinstance(f, dict)]),
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


def with_banners(doc: Report | Mapping[str, Any], observations: list[Observation]) -> dict[str, Any]:
    """The report document with each device's :func:`banners` (for the HTML report)."""
    out = as_document(doc)
    sent = {o.ip: banners(o.to_dict()) for o in observations}
    out["devices"] = [{**d, "banners": sent.get(d.get("ip"), [])} for d in out.get("devices") or []]
    return out


def without_accepted(report: Report, device_ids: list[int], accepted: set[tuple[int, str]]) -> Report:
    """The report minus the findings in the baseline (what ``--fail-on`` judges)."""
    if not accepted:
        return report
    from dataclasses import replace

    devices: list[Device] = []
    for i, d in enumerate(report.devices):
        did = device_ids[i] if i < len(device_ids) else None
        if did is None or not d.findings:
            devices.append(d)
            continue
        keys = finding_records([f.to_dict() for f in d.findings])
        kept = tuple(f for f, k in zip(d.findings, keys) if (did, k.key) not in accepted and (did, k.finding_id) not in accepted)
        devices.append(replace(d, findings=kept))
    return replace(report, devices=tuple(devices))


def mark_accepted(doc: Report | Mapping[str, Any], device_ids: list[int], accepted: set[tuple[int, str]]) -> dict[str, Any]:
    """The report document whose findings in the baseline carry ``"accepted": true`` (device i of
    the report is device ``device_ids[i]`` of the store)."""
    out = as_document(doc)
    if not accepted:
        return out
    devices = []
    for i, d in enumerate(out.get("devices") or []):
        did = device_ids[i] if i < len(device_ids) else None
        fl = list(d.get("findings") or [])
        if did is None or not fl:
            devices.append(d)
            continue
        keys = finding_records(fl)
        devices.append({**d, "findings": [{**f, "accepted": True} if (did, k.key) in accepted or (did, k.finding_id) in accepted
                                          else f for f, k in zip(fl, keys)]})
    out["devices"] = devices
    return out


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


def header_from_report(doc: Report | Mapping[str, Any]) -> dict[str, Any]:
    """The report's scan header (a copy)."""
    head = as_document(doc).get("scan")
    return dict(head) if isinstance(head, dict) else {}


def report_from_store(header: dict[str, Any], records: list[dict[str, Any]], changes: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Rebuild a report document from stored parts (the renderers' input)."""
    doc: dict[str, Any] = {"scan": header, "devices": records}
    if changes is not None:
        doc["changes"] = changes
    return doc
