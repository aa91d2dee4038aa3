"""Clock skew from ONVIF GetSystemDateAndTime (a PRE_AUTH call, ONVIF Core).

A camera whose clock is wrong stamps its recordings with the wrong time, which breaks evidence
timelines, and WS-UsernameToken authentication with other systems fails.
"""

from __future__ import annotations

from datetime import datetime, timezone

from netscan.findings._obs import Parsed
from netscan.model import Finding, Severity

#: Skew above which a clock counts as wrong. Five minutes: well past NTP jitter and the ONVIF
#: digest tolerance, small enough to matter when matching footage to other logs.
DEFAULT_MAX_CLOCK_SKEW_S = 300


_UTC_PARTS = ("Year", "Month", "Day", "Hour", "Minute", "Second")


def device_utc(p: Parsed) -> datetime | None:
    """The device's UTC time from a parsed GetSystemDateAndTime answer (its ``onvif.xml.`` leaves
    under ``UTCDateTime``), or None."""
    vals: dict[str, int] = {}
    for name, value in p.prefixed("onvif.xml."):
        head, _, leaf = name.rpartition("/")
        if leaf in _UTC_PARTS and "/UTCDateTime/" in head + "/" and value.strip().isdigit() and len(value.strip()) <= 4:
            vals.setdefault(leaf, int(value.strip()))
    try:
        return datetime(vals["Year"], vals["Month"], vals["Day"], vals.get("Hour", 0), vals.get("Minute", 0),
                        vals.get("Second", 0), tzinfo=timezone.utc)
    except (KeyError, ValueError):
        return None


def _fmt(seconds: float) -> str:
    s = abs(int(seconds))
    if s >= 86400:
        return f"{s // 86400} d {s % 86400 // 3600} h"
    if s >= 3600:
        return f"{s // 3600} h {s % 3600 // 60} min"
    return f"{s // 60} min {s % 60} s"


def clock_skew(parsed: list[Parsed], now: datetime, max_skew_s: int = DEFAULT_MAX_CLOCK_SKEW_S) -> list[Finding]:
    """Finding when the device clock differs from ``now`` by more than ``max_skew_s``."""
    for p in parsed:
        if p.protocol != "onvif" or (p.first("onvif.action") or "") != "GetSystemDateAndTime":
            continue
        dev = device_utc(p)
        if dev is None:
            continue
        delta = (dev - now).total_seconds()
        if abs(delta) <= max_skew_s:
            return []
        way = "ahead" if delta > 0 else "behind"
        return [Finding(
            id="clock-skew", severity=Severity.LOW,
            title=f"Device clock is {_fmt(delta)} {way}",
            detail="Recordings and logs are stamped with the device's clock; a wrong clock makes "
                   "footage useless as evidence and breaks time-based authentication.",
            remediation="Point the device at an NTP server you run (Time settings) and check the time zone.",
            evidence=(f"ONVIF GetSystemDateAndTime: device UTC {dev:%Y-%m-%d %H:%M:%S}, "
                      f"scan time {now.astimezone(timezone.utc):%Y-%m-%d %H:%M:%S} UTC",),
        )]
    return []
