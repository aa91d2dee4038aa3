"""Every finding type netscan emits: id -> default severity. docs/findings.md has one entry each."""

from __future__ import annotations

#: Finding id -> default severity. Tests check that docs/findings.md documents every id.
FINDING_TYPES: dict[str, str] = {
    "cve": "high",  # severity comes from the record (CVSS, KEV)
    "default-password": "critical",
    "not-activated": "critical",
    "rtsp-unauthenticated": "high",
    "snapshot-unauthenticated": "high",
    "onvif-unauthenticated": "medium",  # high for GetStreamUri / GetSnapshotUri, critical for GetUsers
    "device-info-unauthenticated": "medium",
    "upnp-port-forward": "high",
    "telnet-open": "high",
    "ftp-open": "medium",
    "cleartext-admin": "medium",
    "tls-expired": "medium",
    "tls-self-signed": "low",
    "cloud-p2p": "medium",
    "discovery-serial-exposed": "low",
    "clock-skew": "low",
    "covered-vendor": "medium",
    "end-of-life": "medium",
}

#: Longest piece of device-supplied text quoted in a finding's evidence.
MAX_QUOTE_CHARS = 160


def quote(text: object, limit: int = MAX_QUOTE_CHARS) -> str:
    """A device string fit for evidence: one line, capped. Reporters escape it for the terminal/HTML."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
