"""Report documents rebuilt from the inventory (``netscan report``): one scan, or the newest
complete scan of every site, with accepted findings marked and the changes since the previous scan."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from netscan.errors import UsageError
from netscan.model import SEVERITIES, VIDEO_TYPES
from netscan.store import changes
from netscan.store.adapter import banners, finding_records, report_from_store, stored_findings
from netscan.store.db import ScanRow, Store, iso


def counts(devices: list[dict[str, Any]]) -> dict[str, Any]:
    """The header's counts for a list of device records (as the pipeline computes them)."""
    types = Counter(str(d.get("device_type") or "unknown") for d in devices)
    sev: Counter[str] = Counter(str(f.get("severity")) for d in devices for f in d.get("findings") or [])
    return {
        "devices": len(devices),
        "video_devices": sum(n for t, n in types.items() if t in VIDEO_TYPES),
        "covered": sum(1 for d in devices if d.get("covered")),
        "by_type": dict(sorted(types.items())),
        "findings": {s: sev.get(s, 0) for s in SEVERITIES},
    }


def _devices(store: Store, scan: ScanRow, accepted: set[tuple[int, str]], tag_site: bool) -> list[dict[str, Any]]:
    out = []
    for did, rec, obs in store.records(scan.id):
        rec = dict(rec)
        rec["device_id"] = did
        if obs is not None:
            rec["banners"] = banners(obs)
        if tag_site:
            rec["site"] = scan.site
        fl = list(rec.get("findings") or [])
        if fl and accepted:
            keys = finding_records(stored_findings(rec))
            rec["findings"] = [{**f, "accepted": True} if (did, k.key) in accepted or (did, k.finding_id) in accepted else f
                               for f, k in zip(fl, keys)]
        out.append(rec)
    return out


def pick_scans(store: Store, site: str | None, scan_id: int | None) -> list[ScanRow]:
    """The scans a report covers: ``--scan``, else the newest complete scan of ``--site`` or of every site."""
    if scan_id is not None:
        s = store.scan(scan_id)
        if s is None:
            raise UsageError(f"--scan: no scan {scan_id} in the inventory")
        return [s]
    sites = [site] if site is not None else store.sites()
    picked = []
    for name in sites:
        last = store.scans(name, complete_only=True, limit=1) or store.scans(name, limit=1)
        picked += last
    if not picked:
        raise UsageError("the inventory has no scan" + (f" of site {site!r}" if site else "") + " yet")
    return picked


def document(store: Store, site: str | None = None, scan_id: int | None = None,
             now: dt.datetime | None = None) -> dict[str, Any]:
    """The report document of the chosen scan(s)."""
    scans = pick_scans(store, site, scan_id)
    accepted = store.accepted(now)
    devices: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    prev: list[int] = []
    for s in scans:
        devices += _devices(store, s, accepted, tag_site=len(scans) > 1)
        before, ev = changes(store, s)
        events += ev
        if before is not None:
            prev.append(before.id)
    if len(scans) == 1:
        header = store.header(scans[0].id)
    else:
        header = {
            "command": "report", "targets": sorted({t for s in scans for t in s.targets}),
            "start": min(s.started_at or "" for s in scans), "end": max(s.ended_at or "" for s in scans),
            "incomplete": any(not s.complete for s in scans),
            "store": {"scans": [s.id for s in scans], "sites": [s.site for s in scans]},
        }
    header["generated"] = iso((now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0))
    header["counts"] = {**{k: v for k, v in (header.get("counts") or {}).items() if k not in ("devices",)}, **counts(devices)}
    header["previous_scans"] = prev
    return report_from_store(header, devices, events)
