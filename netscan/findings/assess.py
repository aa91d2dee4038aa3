"""assess(): one device's Identification + Observation (+ network context) -> findings. Pure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TypeVar

from netscan.findings._obs import parse_observation
from netscan.findings.clock import clock_skew
from netscan.findings.context import Context, upnp_port_forward
from netscan.findings.covered import covered_vendor
from netscan.findings.credentials import default_password
from netscan.findings.cves import vuln_findings
from netscan.findings.eol import end_of_life
from netscan.findings.exposure import (
    cleartext_admin,
    device_info_unauthenticated,
    legacy_management,
    onvif_unauthenticated,
    rtsp_unauthenticated,
    snapshot_unauthenticated,
    tls_problems,
)
from netscan.findings.severity import sort_findings
from netscan.findings.vendorstate import cloud_evidence, cloud_p2p, not_activated, serial_exposed
from netscan.sigdb.vulns import VulnDB
from netscan.model import VIDEO_TYPES, Finding, Identification, Observation

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Reference times outside this range are not trusted (an ``observed_at`` near year 1 or 9999
#: would overflow the date arithmetic of the checks); ``now`` is used instead.
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


def as_utc(t: datetime) -> datetime | None:
    """``t`` in UTC (naive means UTC), or None when it lies outside [EARLIEST, LATEST)."""
    try:
        u = t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None
    return u if EARLIEST <= u < LATEST else None


def reference_time(observation: Observation, now: datetime) -> datetime:
    """The time checks compare against: the observation's ``observed_at`` (when the scan recorded
    it, so ``identify`` on saved observations gives the same findings as the live scan did), else
    ``now``; in UTC, and within [EARLIEST, LATEST) (a recorded time outside it is not trusted)."""
    t = observation.observed_at
    if t is not None:
        u = as_utc(t)
        if u is not None:
            return u
        logger.debug("observed_at out of range: %s", t)
    u = as_utc(now)
    if u is None:  # out of range: the nearest trusted time (no clock is read here)
        u = EARLIEST if now.year < 5000 else LATEST - timedelta(days=1)
    return u


def assess(
    identification: Identification,
    observation: Observation,
    vulns: VulnDB,
    now: datetime,
    context: Context | None = None,
) -> list[Finding]:
    """Every finding for one device, most severe first. Never raises on device data.

    Args:
        identification: who made the device and what it is (netscan.identify).
        observation: the device's recorded responses.
        vulns: the vulnerability records (``load_vulns()``).
        now: the scan time; no clock is read here.
        context: network-wide facts (``network_context(all observations)``), e.g. UPnP port forwards.
    """
    t = reference_time(observation, now)
    parsed = parse_observation(observation)
    ports = tuple(observation.open_ports)
    video = identification.device_type in VIDEO_TYPES
    facts = ("cloud",) if _guard(lambda: bool(cloud_evidence(parsed)), False) else ()
    checks: list[Callable[[], list[Finding]]] = [
        lambda: vuln_findings(identification, vulns, facts),
        lambda: default_password(parsed),
        lambda: not_activated(parsed),
        lambda: rtsp_unauthenticated(parsed),
        lambda: snapshot_unauthenticated(parsed),
        lambda: onvif_unauthenticated(parsed),
        lambda: upnp_port_forward(observation.ip, context),
    ]
    if video:
        # Management-plane checks are about surveillance gear; routers and PCs are someone else's report.
        checks += [
            lambda: device_info_unauthenticated(parsed),
            lambda: legacy_management(parsed, ports),
            lambda: cleartext_admin(parsed, ports),
            lambda: tls_problems(parsed, t),
        ]
    checks += [
        lambda: cloud_p2p(parsed),
        lambda: serial_exposed(parsed),
        lambda: clock_skew(parsed, t),
        lambda: covered_vendor(identification),
        lambda: end_of_life(identification, vulns.eol),
    ]
    out: list[Finding] = []
    for check in checks:
        out += _guard(check, [])
    return sort_findings(out)


def _guard(check: Callable[[], _T], default: _T) -> _T:
    """Run one check; device data that trips it (a bug of ours) costs that check, never the report."""
    try:
        return check()
    except Exception:  # noqa: BLE001 - the promise: assess never raises on device data
        logger.warning("a findings check failed on device data (a netscan bug; run with -vv)",
                       exc_info=logger.isEnabledFor(logging.DEBUG))
        return default
