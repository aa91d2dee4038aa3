"""The inventory's change events (docs/watch.md) as rows and short texts, for the table and CSV
reports and ``inventory diff``. Pure; device strings are made visible by the caller's renderer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: The columns of a change row (``inventory diff`` and the table report).
CHANGE_COLUMNS: tuple[str, ...] = ("type", "device", "ip", "what", "before", "after")


def change_row(e: Mapping[str, Any]) -> dict[str, Any]:
    """One event as a row: its type, the device (inventory id and name), address, what changed
    (a finding's severity and key, a firmware direction) and the values before and after."""
    d = e.get("device") or {}
    name = " ".join(str(x) for x in (d.get("vendor"), d.get("model")) if x) or "unknown"
    f = e.get("finding") or {}
    what = ""
    if f:
        what = f"{f.get('severity')} {f.get('key')}" + (" (accepted)" if e.get("accepted") else "")
    elif e.get("direction"):
        what = str(e["direction"])
    return {"type": e.get("type"), "device": f"{d.get('id')} {name}", "ip": d.get("ip"), "what": what,
            "before": e.get("before"), "after": e.get("after")}


def value_text(value: Any) -> str:
    """A before/after value as text: an object as ``key: value, ...`` (set keys only)."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, False))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def change_text(e: Mapping[str, Any]) -> str:
    """One event in a few words: ``firmware-changed V5.4.0 -> V5.5.3 (up)``,
    ``finding-new high CVE-2017-7921``, ``device-gone``."""
    f = e.get("finding") or {}
    parts = [str(e.get("type") or "")]
    if f:
        parts.append(f"{f.get('severity')} {f.get('key') or f.get('id')}" + (" (accepted)" if e.get("accepted") else ""))
    if "before" in e or "after" in e:
        parts.append(f"{value_text(e.get('before'))} -> {value_text(e.get('after'))}")
    if e.get("direction"):
        parts.append(f"({e['direction']})")
    return " ".join(p for p in parts if p)


def changes_of(events: Iterable[Mapping[str, Any]], device_id: Any, ip: str | None, mac: str | None) -> list[Mapping[str, Any]]:
    """The events about one device of a report: by its inventory id when it has one, else by
    address (and MAC when both sides know it). ``device-gone`` events are about devices the report
    does not hold and never match."""
    out = []
    for e in events:
        if e.get("type") == "device-gone":
            continue
        d = e.get("device") or {}
        if device_id is not None and d.get("id") is not None:
            if d.get("id") == device_id:
                out.append(e)
        elif ip is not None and d.get("ip") == ip and (not mac or not d.get("mac") or d.get("mac") == mac):
            out.append(e)
    return out


def changes_summary(n: int) -> str:
    """``3 changes since the previous scan`` (the summary line of both table renderers)."""
    return f"{n} change{'' if n == 1 else 's'} since the previous scan"


def gone(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The ``device-gone`` events: devices of the previous scan that this one did not see."""
    return [e for e in events if e.get("type") == "device-gone"]
