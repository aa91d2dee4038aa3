"""Findings from vendor discovery replies and passive traffic: a Hikvision device not yet
activated, discovery replies that give away serial numbers, and vendor cloud / P2P services in use.
"""

from __future__ import annotations

from netscan.findings._obs import Parsed
from netscan.findings.catalogue import quote
from netscan.model import Finding, Severity
from netscan.sigdb.cloud import cloud_domains

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def cloud_domain(name: str) -> str | None:
    """The cloud service a looked-up name belongs to, or None."""
    n = name.lower().rstrip(".")
    for dom, svc in cloud_domains().items():
        if n == dom or n.endswith("." + dom):
            return svc
    return None


def not_activated(parsed: list[Parsed]) -> list[Finding]:
    """Hikvision SADP ``Activated=false`` or ISAPI ``notActivated``: the first comer sets the password."""
    hits = []
    for p in parsed:
        if p.protocol == "sadp" and (p.first("sadp.Activated") or "").strip().lower() in _FALSE:
            hits.append("SADP reply: Activated=false")
        elif p.protocol in ("http", "https") and "notActivated" in (p.first("http.body") or ""):
            hits.append(f"{p.where()}: response says notActivated")
    if not hits:
        return []
    return [Finding(
        id="not-activated", severity=Severity.CRITICAL,
        title="Device is not activated: anyone on the network can set its admin password",
        detail="Hikvision devices ship without a password and wait to be 'activated'. Until then, "
               "anyone who reaches the device (SADP tool, web page) can choose the admin password "
               "and take it over.",
        remediation="Activate the device now with a strong password (SADP or its web page), from a "
                    "trusted machine, and check that nobody else has already done so.",
        evidence=tuple(hits[:3]),
    )]


def serial_exposed(parsed: list[Parsed]) -> list[Finding]:
    """Serial numbers in answers to unauthenticated discovery broadcasts."""
    hits = []
    for p in parsed:
        for proto, name in (("sadp", "sadp.DeviceSN"), ("dhip", "dhip.SerialNo"), ("xmeye", "xmeye.SN")):
            if p.protocol == proto and (sn := p.first(name)):
                hits.append(f"{proto.upper()} discovery reply carries serial {quote(sn, 64)}")
    if not hits:
        return []
    return [Finding(
        id="discovery-serial-exposed", severity=Severity.LOW,
        title="Discovery protocol gives the serial number to anyone on the LAN",
        detail="The vendor's discovery service answers any broadcast with the device serial number "
               "(and MAC, model, firmware). Serial numbers are used in vendor password-reset and "
               "cloud-binding procedures.",
        remediation="Disable the vendor discovery service (SADP / 'Device search' / DHIP) after setup "
                    "if the setting exists, and keep cameras on their own VLAN.",
        evidence=tuple(hits[:3]),
    )]


def cloud_evidence(parsed: list[Parsed]) -> list[str]:
    """Why we believe a vendor cloud / P2P service is on (empty list: no sign of it)."""
    ev: list[str] = []
    for p in parsed:
        if p.protocol == "sadp" and (p.first("sadp.HCPlatformEnable") or "").strip().lower() in _TRUE:
            ev.append("SADP reply: HCPlatformEnable=true (Hik-Connect enabled)")
        if p.protocol == "dns":
            for q in p.all("dns.query"):
                svc = cloud_domain(q)
                if svc:
                    ev.append(f"device looked up {quote(q, 80)} ({svc})")
    seen: list[str] = []
    for e in ev:
        if e not in seen:
            seen.append(e)
    return seen


def cloud_p2p(parsed: list[Parsed]) -> list[Finding]:
    """The device uses its maker's cloud / P2P relay."""
    ev = cloud_evidence(parsed)
    if not ev:
        return []
    return [Finding(
        id="cloud-p2p", severity=Severity.MEDIUM,
        title="Vendor cloud / P2P remote access is enabled",
        detail="The device keeps a connection to its maker's cloud or P2P relay so phone apps can "
               "reach it from the internet. That bypasses your firewall and trusts the vendor's "
               "service (several have had published flaws).",
        remediation="Turn off the cloud/P2P ('Hik-Connect', 'P2P', 'Easy4ip', 'XMEye cloud') setting "
                    "unless you need it, and block the device's internet access at the firewall.",
        evidence=tuple(ev[:5]),
    )]
