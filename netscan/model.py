"""The data types that flow through the pipeline.

scope -> probes/capture -> Observation -> identify -> Identification -> assess -> Finding

Everything here is a frozen dataclass with a ``to_dict``; nothing does I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: Protocols an observation's response may carry (docs/observations.md).
PROTOCOLS: frozenset[str] = frozenset(
    {
        "http", "https", "tls", "rtsp", "onvif", "wsd", "sadp", "dhip", "xmeye",
        "ssdp", "upnp", "mdns", "telnet", "ssh", "dns", "dhcp", "other",
    }
)

#: Controlled vocabulary of device types.
DEVICE_TYPES: tuple[str, ...] = (
    "camera", "nvr", "dvr", "doorbell", "encoder",
    "router", "printer", "nas", "tv", "pc", "server", "other", "unknown",
)

#: Types that count as video-surveillance equipment.
VIDEO_TYPES: frozenset[str] = frozenset({"camera", "nvr", "dvr", "doorbell", "encoder"})

Severity = Literal["critical", "high", "medium", "low", "info"]
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low", "info")


@dataclass(frozen=True)
class Response:
    """One raw exchange recorded from a device, exactly as seen."""

    protocol: str
    """One of PROTOCOLS."""
    raw: str
    """What the device sent (text; binary bytes are latin-1 decoded)."""
    port: int | None = None
    request: str = ""
    """What was asked, e.g. ``GET /ISAPI/System/deviceInfo`` or an ONVIF action name."""
    error: str | None = None
    """``timeout``, ``refused``, ``reset``, ``too-large``… when the exchange failed."""
    truncated: bool = False
    source: str | None = None
    """Where a recorded example came from (corpus files only)."""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"protocol": self.protocol, "port": self.port, "request": self.request, "raw": self.raw}
        if self.error:
            d["error"] = self.error
        if self.truncated:
            d["truncated"] = True
        if self.source:
            d["source"] = self.source
        return d


@dataclass(frozen=True)
class Observation:
    """Everything recorded about one device: its addresses and raw responses."""

    ip: str | None
    mac: str | None
    responses: tuple[Response, ...] = ()
    open_ports: tuple[int, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Free-form extras kept on round trip (corpus: source, expect)."""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"ip": self.ip, "mac": self.mac}
        if self.open_ports:
            d["open_ports"] = list(self.open_ports)
        d["responses"] = [r.to_dict() for r in self.responses]
        for k, v in self.meta.items():
            d.setdefault(k, v)
        return d


@dataclass(frozen=True)
class Evidence:
    """One reason for a claim: a signature that matched, or a response we could not read."""

    kind: str
    """``oui``, ``rule``, ``unreadable``, ``oem``, ``inferred``."""
    source: str
    """Rule id, OUI prefix, or protocol that produced it."""
    detail: str = ""
    extracted: dict[str, str] = field(default_factory=dict)
    weight: float = 0.0
    protocol: str | None = None
    port: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Identification:
    """Who made a device and what it is, with the evidence for every claim."""

    ip: str | None
    mac: str | None
    vendor: str | None
    brand: str | None
    model: str | None
    firmware: str | None
    device_type: str
    confidence: float
    covered: dict[str, Any] | None
    evidence: tuple[Evidence, ...] = ()
    serial: str | None = None
    hostname: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ip": self.ip,
            "mac": self.mac,
            "vendor": self.vendor,
            "brand": self.brand,
            "model": self.model,
            "firmware": self.firmware,
            "device_type": self.device_type,
            "serial": self.serial,
            "hostname": self.hostname,
            "confidence": round(self.confidence, 3),
            "covered": self.covered,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Finding:
    """Something wrong with a device: what, how bad, how we know, what to do."""

    id: str
    """Finding type, e.g. ``cve``, ``rtsp-unauthenticated``, ``covered-vendor`` (docs/findings.md)."""
    severity: str
    title: str
    detail: str = ""
    remediation: str = ""
    evidence: tuple[str, ...] = ()
    cve: str | None = None
    cvss: float | None = None
    kev: bool = False
    references: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = list(self.evidence)
        d["references"] = list(self.references)
        return d
