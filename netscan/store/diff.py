"""What changed between two scans (pure): the change events of docs/events.md.

Input: two snapshots, ``{device_id: DeviceState}``; output: events in a fixed order (event type,
then device id, then finding key), so the same two scans always give the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netscan.model import Severity

#: Event types in output order (docs/events.md; schema in docs/events.schema.json).
EVENT_TYPES: tuple[str, ...] = (
    "device-new", "device-gone", "ip-changed", "mac-changed", "firmware-changed", "model-changed",
    "identity-changed", "finding-new", "finding-resolved",
)
_SEV_ORDER = {s.value: s.rank for s in Severity}  # the order is model.Severity's; unknown names rank 9


@dataclass(frozen=True)
class FindingState:
    """A finding as the diff sees it."""

    key: str
    finding_id: str
    severity: str
    title: str
    cve: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``finding`` object of an event."""
        return {"key": self.key, "id": self.finding_id, "severity": self.severity, "title": self.title, "cve": self.cve}


@dataclass(frozen=True)
class DeviceState:
    """A device as one scan saw it."""

    device_id: int
    ip: str | None
    mac: str | None
    serial: str | None
    vendor: str | None
    brand: str | None
    model: str | None
    firmware: str | None
    device_type: str | None
    covered: bool = False
    findings: tuple[FindingState, ...] = field(default=())

    def summary(self) -> dict[str, Any]:
        """The ``device`` object of an event."""
        return {
            "id": self.device_id, "ip": self.ip, "mac": self.mac, "serial": self.serial, "vendor": self.vendor,
            "brand": self.brand, "model": self.model, "firmware": self.firmware, "device_type": self.device_type,
            "covered": self.covered,
        }


def version_direction(before: str | None, after: str | None) -> str:
    """``up``, ``down`` or ``unknown`` for a firmware change (numeric parts compared in order)."""
    a = [int(x) for x in re.findall(r"\d+", before or "")[:12]]
    b = [int(x) for x in re.findall(r"\d+", after or "")[:12]]
    if not a or not b or a == b:
        return "unknown"
    return "up" if b > a else "down"


def _finding_sort(f: FindingState) -> tuple[int, str]:
    return (_SEV_ORDER.get(f.severity, 9), f.key)


def diff(before: dict[int, DeviceState], after: dict[int, DeviceState],
         accepted: set[tuple[int, str]] | None = None) -> list[dict[str, Any]]:
    """Change events from snapshot ``before`` to ``after``.

    Args:
        before: the earlier scan's devices by device id.
        after: the later scan's devices by device id.
        accepted: (device id, finding key or finding id) pairs of the baseline; their
            ``finding-new`` events carry ``"accepted": true``.

    Returns:
        Events (dicts with ``type``, ``device`` and type-specific fields), in a fixed order.
    """
    acc = accepted or set()
    events: list[tuple[int, int, str, dict[str, Any]]] = []
    order = {t: i for i, t in enumerate(EVENT_TYPES)}

    def add(kind: str, dev: DeviceState, extra: dict[str, Any], sub: str = "") -> None:
        events.append((order[kind], dev.device_id, sub, {"type": kind, "device": dev.summary(), **extra}))

    for did in sorted(set(after) - set(before)):
        dev = after[did]
        add("device-new", dev, {"findings": [f.to_dict() for f in sorted(dev.findings, key=_finding_sort)]})
    for did in sorted(set(before) - set(after)):
        dev = before[did]
        add("device-gone", dev, {"findings": [f.to_dict() for f in sorted(dev.findings, key=_finding_sort)]})
    for did in sorted(set(before) & set(after)):
        a, b = before[did], after[did]
        if a.ip != b.ip:
            add("ip-changed", b, {"before": a.ip, "after": b.ip})
        if a.mac != b.mac and b.mac is not None:
            add("mac-changed", b, {"before": a.mac, "after": b.mac})
        if a.firmware != b.firmware and b.firmware is not None:
            add("firmware-changed", b, {"before": a.firmware, "after": b.firmware,
                                        "direction": version_direction(a.firmware, b.firmware)})
        if a.model != b.model and b.model is not None:
            add("model-changed", b, {"before": a.model, "after": b.model})
        ident_a = {"vendor": a.vendor, "brand": a.brand, "device_type": a.device_type, "covered": a.covered}
        ident_b = {"vendor": b.vendor, "brand": b.brand, "device_type": b.device_type, "covered": b.covered}
        if ident_a != ident_b:
            add("identity-changed", b, {"before": ident_a, "after": ident_b})
        fa = {f.key: f for f in a.findings}
        fb = {f.key: f for f in b.findings}
        for key in sorted(set(fb) - set(fa), key=lambda k: _finding_sort(fb[k])):
            f = fb[key]
            extra: dict[str, Any] = {"finding": f.to_dict()}
            if (did, key) in acc or (did, f.finding_id) in acc:
                extra["accepted"] = True
            add("finding-new", b, extra, key)
        for key in sorted(set(fa) - set(fb), key=lambda k: _finding_sort(fa[k])):
            add("finding-resolved", b, {"finding": fa[key].to_dict()}, key)
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return [e[3] for e in events]
