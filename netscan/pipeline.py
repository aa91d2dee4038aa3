"""The analysis half of the pipeline, shared by ``scan``, ``identify`` and ``demo``:
observations -> identifications -> findings -> one report document. Pure (``now`` passed in)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from netscan import findings
from netscan.identify import identify
from netscan.model import SEVERITIES, VIDEO_TYPES, Observation
from netscan.sigdb import load_db
from netscan.sigdb.db import default_db


def _services(obs: Observation) -> list[dict[str, Any]]:
    seen: dict[tuple[str, int | None], dict[str, Any]] = {}
    for r in obs.responses:
        if r.error and not r.raw:
            continue
        key = (r.protocol, r.port)
        if key not in seen:
            seen[key] = {"protocol": r.protocol, "port": r.port}
    return list(seen.values())


@lru_cache(maxsize=1)
def _default_vulns() -> findings.VulnDB:
    """The shipped vulnerability database, loaded once per process."""
    return findings.load_vulns()


def analyse(
    observations: list[Observation],
    *,
    signatures: str | Path | None = None,
    now: dt.datetime,
    header: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Identify every device and assess its findings; return the report document."""
    db = load_db(signatures) if signatures else default_db()
    vulns = findings.load_vulns(signatures) if signatures else _default_vulns()
    context = findings.network_context(observations)
    devices: list[dict[str, Any]] = []
    severity_counts: Counter[str] = Counter()
    for obs in observations:
        ident = identify(obs, db)
        d = ident.to_dict()
        d["open_ports"] = sorted(set(obs.open_ports) | {r.port for r in obs.responses if r.port and not r.error and r.protocol not in ("wsd", "sadp", "dhip", "xmeye", "ssdp", "mdns", "dns", "dhcp")})
        d["services"] = _services(obs)
        fl = findings.assess(ident, obs, vulns, now=now, context=context)
        d["findings"] = [f.to_dict() for f in fl]
        severity_counts.update(f.severity for f in fl)
        devices.append(d)
    counts = Counter(d["device_type"] for d in devices)
    head: dict[str, Any] = dict(header or {})
    head.setdefault("generated", now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    head["counts"] = {
        "devices": len(devices),
        "video_devices": sum(n for t, n in counts.items() if t in VIDEO_TYPES),
        "covered": sum(1 for d in devices if d.get("covered")),
        "by_type": dict(sorted(counts.items())),
        "findings": {s: severity_counts.get(s, 0) for s in SEVERITIES},
    }
    return {"scan": head, "devices": devices}
