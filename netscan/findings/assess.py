"""assess(): one device's Identification + Observation (+ network context) -> findings. Pure."""

from __future__ import annotations

from datetime import datetime, timezone

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

def reference_time(observation: Observation, now: datetime) -> datetime:
    """The time checks compare against: the observation's ``observed_at`` (when the scan recorded
    it, so ``identify`` on saved observations gives the same findings as the live scan did), else
    ``now``; as an aware time (naive taken as UTC)."""
    t = observation.observed_at
    if t is not None:
        return t if t.tzinfo else t.replace(tzinfo=timezone.utc)
    return now if now.tzinfo else now.replace(tzinfo=timezone.utc)


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
    out: list[Finding] = []
    facts = ("cloud",) if cloud_evidence(parsed) else ()
    out += vuln_findings(identification, vulns, facts)
    out += default_password(parsed)
    out += not_activated(parsed)
    out += rtsp_unauthenticated(parsed)
    out += snapshot_unauthenticated(parsed)
    out += onvif_unauthenticated(parsed)
    out += upnp_port_forward(observation.ip, context)
    if video:
        # Management-plane checks are about surveillance gear; routers and PCs are someone else's report.
        out += device_info_unauthenticated(parsed)
        out += legacy_management(parsed, ports)
        out += cleartext_admin(parsed, ports)
        out += tls_problems(parsed, t)
    out += cloud_p2p(parsed)
    out += serial_exposed(parsed)
    out += clock_skew(parsed, t)
    out += covered_vendor(identification)
    out += end_of_life(identification, vulns.eol)
    return sort_findings(out)
