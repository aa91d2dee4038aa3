"""The data types that flow through the pipeline.

scope -> probes/capture -> Observation -> identify -> Identification -> assess -> Finding
      -> Device (identification + services + findings) -> Report (ScanHeader + devices) -> renderers

Everything here is a frozen dataclass with a ``to_dict`` (the JSON formats of docs/observations.md
and the JSON report); the report types also have a tolerant ``from_dict`` so a saved report can be
rendered or imported again. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as _dt
import enum
import ipaddress
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from netscan.discovery import NAMES as DISCOVERY_NAMES

#: Protocols an observation's response may carry (docs/observations.md): these, and every LAN
#: discovery protocol of the registry (``netscan.discovery``).
PROTOCOLS: frozenset[str] = frozenset(
    {
        "http", "https", "tls", "rtsp", "onvif", "upnp", "telnet", "ssh", "dns", "dhcp", "other",
        "dvrip", "lldp", "cdp", "snmp",
    }
) | frozenset(DISCOVERY_NAMES)

#: Controlled vocabulary of device types.
DEVICE_TYPES: tuple[str, ...] = (
    "camera", "nvr", "dvr", "doorbell", "encoder",
    "router", "printer", "nas", "tv", "pc", "server", "other", "unknown",
)

#: Types that count as video-surveillance equipment.
VIDEO_TYPES: frozenset[str] = frozenset({"camera", "nvr", "dvr", "doorbell", "encoder"})


class Severity(enum.StrEnum):
    """How bad a finding is. Declaration order is the order: most severe first.

    A ``StrEnum``: a member equals its name as text (``Severity.HIGH == "high"``) and is written to
    JSON as that text.
    """

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical … 4 for info (smaller is worse)."""
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        """True when this level is ``other`` or more severe."""
        return self.rank <= other.rank

    @classmethod
    def parse(cls, value: object) -> Severity | None:
        """The level named by ``value`` (a Severity or its text), None when it names none."""
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value))
        except ValueError:
            return None

    @classmethod
    def worst(cls, levels: Iterable[Severity]) -> Severity | None:
        """The most severe of ``levels``; None when there are none."""
        return min(levels, key=lambda s: s.rank, default=None)


_SEVERITY_RANK: dict[Severity, int] = {s: i for i, s in enumerate(Severity)}

#: The severity names, most severe first (derived from :class:`Severity`; not a second copy).
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
#: Levels ``--fail-on`` accepts, most severe first.
FAIL_ON_LEVELS: tuple[str, ...] = tuple(s.value for s in Severity if s is not Severity.INFO)


def severity_rank(value: object) -> int:
    """Rank of a severity given as a Severity or text; unknown names rank below info."""
    s = Severity.parse(value)
    return s.rank if s is not None else len(_SEVERITY_RANK)


def iso_time(t: _dt.datetime) -> str:
    """A time as ISO 8601 (UTC written with ``Z``; seconds unless there is a fraction)."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=_dt.timezone.utc)
    text = t.isoformat(timespec="microseconds" if t.microsecond else "seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_time(text: object) -> _dt.datetime | None:
    """ISO 8601 text (``Z`` accepted) -> an aware datetime (naive taken as UTC); None when unreadable."""
    if isinstance(text, _dt.datetime):
        return text if text.tzinfo else text.replace(tzinfo=_dt.timezone.utc)
    if not isinstance(text, str):
        return None
    try:
        t = _dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)


class AuthKind(enum.StrEnum):
    """Whose credentials a request carried."""

    OPERATOR = "authenticated"
    """Credentials the operator supplied (recorded examples in tests/corpus)."""
    DEFAULT = "default-credentials"
    """The opt-in default-credential attempt (``--check-default-credentials``; netscan.findings.credentials)."""


@dataclass(frozen=True)
class Auth:
    """The credentials a recorded request was sent with (the password is never recorded)."""

    kind: AuthKind
    user: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind.value}
        if self.user is not None:
            d["user"] = self.user
        return d

    @classmethod
    def from_dict(cls, d: object) -> Auth | None:
        """From the observation format's ``auth`` object; None when it is not one."""
        if not isinstance(d, Mapping):
            return None
        try:
            kind = AuthKind(str(d.get("kind")))
        except ValueError:
            return None
        user = d.get("user")
        return cls(kind, str(user)[:64] if user is not None else None)


#: The tag older observation files (and the recorded corpus) append to ``request`` instead of an
#: ``auth`` object: `` [authenticated]`` or `` [default-credentials user=<name>]``. Read on input only.
_AUTH_TAG = re.compile(r"\s*\[(?P<kind>authenticated|default-credentials)(?:\s+user=(?P<user>[^\]\s]{0,64}))?\]\s*$")


def split_auth_tag(request: str) -> tuple[str, Auth | None]:
    """``"GET / [default-credentials user=admin]"`` -> ``("GET /", Auth(DEFAULT, "admin"))``."""
    if not request.rstrip().endswith("]"):
        return request, None
    m = _AUTH_TAG.search(request[-200:])
    if m is None:
        return request, None
    cut = len(request) - (len(request[-200:]) - m.start())
    return request[:cut], Auth(AuthKind(m.group("kind")), m.group("user"))


def _ip_key(ip: str | None) -> tuple[int, int]:
    """(4 or 6, the address as a number); unparsable text and None after every address."""
    if ip is None:
        return (8, 0)
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:
        return (7, int.from_bytes(ip.encode("utf-8", "replace")[:32], "big"))
    return (a.version, int(a))


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
    auth: Auth | None = None
    """The credentials the request carried; None for the usual anonymous request. A ``request``
    ending in the older text tag (see :func:`split_auth_tag`) is read into this field."""

    def __post_init__(self) -> None:
        if self.auth is None and self.request:
            request, auth = split_auth_tag(self.request)
            if auth is not None:
                object.__setattr__(self, "request", request)
                object.__setattr__(self, "auth", auth)

    @property
    def sort_key(self) -> tuple[int, str, str, str, str, str, bool, str]:
        """Port, protocol, request, then everything else: the one order responses are analysed in."""
        auth = f"{self.auth.kind.value} {self.auth.user or ''}" if self.auth is not None else ""
        return (self.port if self.port is not None else -1, self.protocol, self.request, auth,
                self.error or "", self.raw, self.truncated, self.source or "")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"protocol": self.protocol, "port": self.port, "request": self.request, "raw": self.raw}
        if self.auth is not None:
            d["auth"] = self.auth.to_dict()
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
    observed_at: _dt.datetime | None = field(default=None, compare=False)
    """When the observation was recorded (the scan's end). Checks that compare with a clock (device
    clock, certificate expiry) use it, so re-identifying saved observations gives the same answers."""

    def canonical(self) -> Observation:
        """The same observation with its responses in :attr:`Response.sort_key` order and its ports
        sorted: what arrives in a different order (concurrent probes, discovery replies) is
        analysed the same way, so the same answers always give the same report."""
        responses = tuple(sorted(self.responses, key=lambda r: r.sort_key))
        ports = tuple(sorted(set(self.open_ports)))
        if responses == self.responses and ports == self.open_ports:
            return self
        return replace(self, responses=responses, open_ports=ports)

    @property
    def sort_key(self) -> tuple[tuple[int, int], str, tuple[tuple[Any, ...], ...]]:
        """Address (numerically; none last), MAC, then the responses: the order devices are reported in."""
        return (_ip_key(self.ip), self.mac or "", tuple(r.sort_key for r in self.responses))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"ip": self.ip, "mac": self.mac}
        if self.open_ports:
            d["open_ports"] = list(self.open_ports)
        d["responses"] = [r.to_dict() for r in self.responses]
        if self.observed_at is not None:
            d["observed_at"] = iso_time(self.observed_at)
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

    def __init__(self, kind: str, source: str, detail: str = "", extracted: dict[str, str] | None = None, weight: float = 0.0,
                 protocol: str | None = None, port: int | None = None) -> None:
        # (the dataclass's own __init__ would make seven object.__setattr__ calls; a device yields dozens
        # of these: one update of the instance's dict sets the same attributes, the class stays frozen)
        self.__dict__.update(kind=kind, source=source, detail=detail, extracted={} if extracted is None else extracted,
                             weight=weight, protocol=protocol, port=port)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        """Tolerant reader of :meth:`to_dict`'s output (a saved report)."""
        ex = d.get("extracted")
        port = d.get("port")
        return cls(
            kind=str(d.get("kind") or ""), source=str(d.get("source") or ""), detail=str(d.get("detail") or ""),
            extracted={str(k): str(v) for k, v in ex.items()} if isinstance(ex, Mapping) else {},
            weight=_float(d.get("weight")), protocol=_opt_str(d.get("protocol")),
            port=port if isinstance(port, int) and not isinstance(port, bool) else None,
        )


def _opt_str(v: object) -> str | None:
    return None if v is None else str(v)


def _float(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _strs(v: object) -> tuple[str, ...]:
    if isinstance(v, (list, tuple)):
        return tuple(str(x) for x in v)
    return ()


@dataclass(frozen=True)
class CoveredStatus:
    """Why a device's maker (or the maker behind its brand) is on a covered list (NDAA §889, FCC)."""

    lists: tuple[str, ...]
    """List ids, e.g. ``NDAA-889``, ``FCC-covered-list``."""
    entity: str | None = None
    """The listed entity that carries the status (the maker or its parent)."""
    via: str | None = None
    """``maker``, ``brand``, or how a subsidiary/affiliate links to the entity."""
    maker: str | None = None
    label: str | None = None
    """The brand on the device, when identification found one."""
    source: str | None = None
    """Where the listing is published."""
    evidence: tuple[str, ...] = ()
    """Evidence sources the claim rests on."""

    def to_dict(self) -> dict[str, Any]:
        return {"covered": True, "lists": list(self.lists), "entity": self.entity, "via": self.via,
                "maker": self.maker, "label": self.label, "source": self.source, "evidence": list(self.evidence)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CoveredStatus:
        """Tolerant reader of :meth:`to_dict`'s output."""
        return cls(lists=_strs(d.get("lists")), entity=_opt_str(d.get("entity")), via=_opt_str(d.get("via")),
                   maker=_opt_str(d.get("maker")), label=_opt_str(d.get("label")),
                   source=_opt_str(d.get("source")), evidence=_strs(d.get("evidence")))


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
    covered: CoveredStatus | None
    """Set when the maker (or the maker behind the brand) is on a covered list (a mapping in the
    shape of ``CoveredStatus.to_dict()`` is accepted and converted)."""
    evidence: tuple[Evidence, ...] = ()
    serial: str | None = None
    hostname: str | None = None

    def __init__(self, ip: str | None, mac: str | None, vendor: str | None, brand: str | None, model: str | None,
                 firmware: str | None, device_type: str, confidence: float, covered: CoveredStatus | Mapping[str, Any] | None,
                 evidence: tuple[Evidence, ...] = (), serial: str | None = None, hostname: str | None = None) -> None:
        # (one update of the instance dict instead of the frozen dataclass's object.__setattr__ per field:
        # one of these per device identified)
        if covered is not None and type(covered) is not CoveredStatus and isinstance(covered, Mapping):
            covered = CoveredStatus.from_dict(covered)
        self.__dict__.update(ip=ip, mac=mac, vendor=vendor, brand=brand, model=model, firmware=firmware, device_type=device_type,
                             confidence=confidence, covered=covered, evidence=evidence, serial=serial, hostname=hostname)

    @property
    def reported_confidence(self) -> float:
        """The confidence as reports show it (three decimals)."""
        return round(self.confidence, 3)

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
            "confidence": self.reported_confidence,
            "covered": self.covered.to_dict() if self.covered is not None else None,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Identification:
        """Tolerant reader of :meth:`to_dict`'s output (a saved report)."""
        cov = d.get("covered")
        ev = d.get("evidence")
        return cls(
            ip=_opt_str(d.get("ip")), mac=_opt_str(d.get("mac")), vendor=_opt_str(d.get("vendor")),
            brand=_opt_str(d.get("brand")), model=_opt_str(d.get("model")), firmware=_opt_str(d.get("firmware")),
            device_type=str(d.get("device_type") or "unknown"), confidence=_float(d.get("confidence")),
            covered=CoveredStatus.from_dict(cov) if isinstance(cov, Mapping) else None,
            evidence=tuple(Evidence.from_dict(e) for e in ev if isinstance(e, Mapping)) if isinstance(ev, list) else (),
            serial=_opt_str(d.get("serial")), hostname=_opt_str(d.get("hostname")),
        )


@dataclass(frozen=True)
class Finding:
    """Something wrong with a device: what, how bad, how we know, what to do."""

    id: str
    """Finding type, e.g. ``cve``, ``rtsp-unauthenticated``, ``covered-vendor`` (docs/findings.md)."""
    severity: Severity
    """Given as a Severity or its name (converted; an unknown name raises ValueError)."""
    title: str
    detail: str = ""
    remediation: str = ""
    evidence: tuple[str, ...] = ()
    cve: str | None = None
    cvss: float | None = None
    kev: bool = False
    references: tuple[str, ...] = ()
    accepted: bool = False
    """In the inventory's baseline (``inventory accept``): shown, marked, not judged by --fail-on.
    Written as ``"accepted": true`` only when set."""

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        d["evidence"] = list(self.evidence)
        d["references"] = list(self.references)
        if not self.accepted:
            del d["accepted"]
        return d

    @property
    def sort_key(self) -> tuple[int, str, str, str]:
        """Most severe first, then by id, CVE and title: the one order findings are listed in."""
        return (self.severity.rank, self.id, self.cve or "", self.title)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        """Tolerant reader of :meth:`to_dict`'s output (an unknown severity reads as info)."""
        cvss = d.get("cvss")
        return cls(
            id=str(d.get("id") or ""), severity=Severity.parse(d.get("severity")) or Severity.INFO,
            title=str(d.get("title") or ""), detail=str(d.get("detail") or ""),
            remediation=str(d.get("remediation") or ""), evidence=_strs(d.get("evidence")),
            cve=_opt_str(d.get("cve")), cvss=float(cvss) if isinstance(cvss, (int, float)) and not isinstance(cvss, bool) else None,
            kev=bool(d.get("kev", False)), references=_strs(d.get("references")),
            accepted=d.get("accepted") is True,
        )


# --- The report: what the analysis returns and every renderer, --fail-on and the store take ---------


@dataclass(frozen=True)
class Service:
    """A (protocol, port) a device answered on."""

    protocol: str
    port: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"protocol": self.protocol, "port": self.port}

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.port if self.port is not None else -1, self.protocol)


@dataclass(frozen=True)
class Device:
    """One device in a report: who it is, what it answers on, and what is wrong with it."""

    identification: Identification
    open_ports: tuple[int, ...] = ()
    services: tuple[Service, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Most severe first (Finding.sort_key)."""
    notes: tuple[str, ...] = ()
    """Why the type stayed unknown: ``silent: ...`` or ``unrecognised: ...``, then what the scan
    tried (netscan/identify/account.py); empty for a device of known type."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Device keys this version does not model, kept from a saved report or added by the inventory
    (``device_id``, ``site``, ``banners``: netscan/store/adapter.py)."""

    @property
    def worst(self) -> Severity | None:
        """The most severe finding's level; None without findings."""
        return Severity.worst(f.severity for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        d = self.identification.to_dict()
        d["open_ports"] = list(self.open_ports)
        d["services"] = [s.to_dict() for s in self.services]
        d["findings"] = [f.to_dict() for f in self.findings]
        if self.notes:
            d["notes"] = list(self.notes)
        for k, v in self.extra.items():
            d.setdefault(k, v)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Device:
        """Tolerant reader of :meth:`to_dict`'s output (a saved report)."""
        ports = d.get("open_ports")
        services = d.get("services")
        findings = d.get("findings")
        return cls(
            identification=Identification.from_dict(d),
            open_ports=tuple(p for p in ports if isinstance(p, int)) if isinstance(ports, list) else (),
            services=tuple(Service(str(s.get("protocol") or ""), s.get("port") if isinstance(s.get("port"), int) else None)
                           for s in services if isinstance(s, Mapping)) if isinstance(services, list) else (),
            findings=tuple(Finding.from_dict(f) for f in findings if isinstance(f, Mapping)) if isinstance(findings, list) else (),
            notes=_strs(d.get("notes")),
            extra={k: v for k, v in d.items() if k not in _DEVICE_KEYS},
        )


#: The device keys :class:`Device` and :class:`Identification` model (the rest is ``Device.extra``).
_DEVICE_KEYS = frozenset({"ip", "mac", "vendor", "brand", "model", "firmware", "device_type", "serial", "hostname",
                          "confidence", "covered", "evidence", "open_ports", "services", "findings", "notes"})


@dataclass(frozen=True)
class Counts:
    """The report's summary numbers, built from its devices in one place (:meth:`of`)."""

    devices: int = 0
    video_devices: int = 0
    covered: int = 0
    by_type: Mapping[str, int] = field(default_factory=dict)
    findings: Mapping[Severity, int] = field(default_factory=dict)
    """Findings per severity, every level present, most severe first."""

    @classmethod
    def of(cls, devices: Iterable[Device]) -> Counts:
        """Count devices, video devices, covered devices, types and findings per severity."""
        devs = list(devices)
        types = Counter(d.identification.device_type for d in devs)
        sev = Counter(f.severity for d in devs for f in d.findings)
        return cls(
            devices=len(devs),
            video_devices=sum(n for t, n in types.items() if t in VIDEO_TYPES),
            covered=sum(1 for d in devs if d.identification.covered is not None),
            by_type=dict(sorted(types.items())),
            findings={s: sev.get(s, 0) for s in Severity},
        )

    def to_dict(self) -> dict[str, Any]:
        return {"devices": self.devices, "video_devices": self.video_devices, "covered": self.covered,
                "by_type": dict(self.by_type), "findings": {s.value: n for s, n in self.findings.items()}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Counts:
        bt = d.get("by_type")
        fi = d.get("findings")
        findings: dict[Severity, int] = {}
        if isinstance(fi, Mapping):
            for k, v in fi.items():
                s = Severity.parse(k)
                if s is not None and isinstance(v, int):
                    findings[s] = v
        return cls(devices=_int(d.get("devices")), video_devices=_int(d.get("video_devices")),
                   covered=_int(d.get("covered")),
                   by_type={str(k): _int(v) for k, v in bt.items()} if isinstance(bt, Mapping) else {},
                   findings=findings)


def _int(v: object) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) else 0


@dataclass(frozen=True)
class ScanStats:
    """What an active scan counted on the wire (the engine's numbers)."""

    addresses: int = 0
    hosts: int = 0
    responses: int = 0
    open_ports: int = 0
    probes_sent: int = 0
    out_of_scope_replies: int = 0
    out_of_target_replies: int = 0
    retries: int = 0
    """Exchanges asked again after they got nothing (slow devices; netscan/scan/timing.py)."""
    unicast_discovery: int = 0
    """Discovery probes sent to hosts by unicast because multicast brought nothing from them."""

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ScanStats:
        return cls(**{k: _int(d.get(k)) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ScanRun:
    """The active scan's part of the report header, built by the engine."""

    targets: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    engine: str = "netscan"
    interface: str | None = None
    privileged: bool | None = None
    incomplete: bool = False
    stats: ScanStats = field(default_factory=ScanStats)
    notes: tuple[str, ...] = ()
    interfaces: tuple[str, ...] = ()
    """Every interface the scan worked on (``interface`` is the first)."""


@dataclass(frozen=True)
class SignaturesVersion:
    """Which signature database a report was made with (``signatures/VERSION`` and a content digest)."""

    version: str
    date: str
    digest: str

    def to_dict(self) -> dict[str, str]:
        return {"version": self.version, "date": self.date, "digest": self.digest}

    @classmethod
    def from_dict(cls, d: object) -> SignaturesVersion | None:
        if not isinstance(d, Mapping):
            return None
        return cls(version=str(d.get("version") or ""), date=str(d.get("date") or ""), digest=str(d.get("digest") or ""))


@dataclass(frozen=True)
class ScanHeader:
    """Everything a report says about how it was made (the JSON report's ``scan`` object)."""

    command: str
    """``scan``, ``identify``, ``demo``…"""
    generated: str | None = None
    """When the analysis ran (ISO 8601, UTC)."""
    input: str | None = None
    """The observations file (``identify``)."""
    engine: str | None = None
    """The engine (``offline`` for ``identify``; a scan's engine is ``run.engine``)."""
    run: ScanRun | None = None
    """The active scan, when there was one."""
    counts: Counts | None = None
    """The analysis counts; None when no analysis ran (``scan --hosts-only``)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Header keys this version does not know (kept from a saved report)."""
    schema_version: int | None = None
    """Version of the report document's layout (netscan.report.meta.REPORT_SCHEMA_VERSION)."""
    netscan_version: str | None = None
    """The netscan that made the report."""
    signatures: SignaturesVersion | None = None
    """The signature database the analysis used."""
    hosts_only: bool = False
    """Host discovery only (``scan --hosts-only``): addresses, MACs and MAC vendors, no identification."""

    @property
    def incomplete(self) -> bool:
        return bool(self.run and self.run.incomplete)

    @property
    def targets(self) -> tuple[str, ...]:
        return self.run.targets if self.run else ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if self.schema_version is not None:
            d["schema_version"] = self.schema_version
        if self.netscan_version is not None:
            d["netscan_version"] = self.netscan_version
        if self.signatures is not None:
            d["signatures"] = self.signatures.to_dict()
        d["command"] = self.command
        if self.hosts_only:
            d["hosts_only"] = True
        if self.input is not None:
            d["input"] = self.input
        if self.run is not None:
            r = self.run
            d.update(targets=list(r.targets), start=r.start, end=r.end, engine=r.engine,
                     interface=r.interface, privileged=r.privileged, incomplete=r.incomplete)
            if len(r.interfaces) > 1:
                d["interfaces"] = list(r.interfaces)
        elif self.engine is not None:
            d["engine"] = self.engine
        if self.run is None and self.generated is not None:
            d["generated"] = self.generated  # key order as netscan has always written it
        counts: dict[str, Any] = {}
        if self.run is not None:
            counts.update(self.run.stats.to_dict())
        if self.counts is not None:
            counts.update(self.counts.to_dict())
        if self.run is not None or self.counts is not None:
            d["counts"] = counts
        if self.run is not None:
            d["notes"] = list(self.run.notes)
            if self.generated is not None:
                d["generated"] = self.generated
        for k, v in self.extra.items():
            d.setdefault(k, v)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ScanHeader:
        """Tolerant reader of :meth:`to_dict`'s output (a saved report)."""
        counts = d.get("counts") if isinstance(d.get("counts"), Mapping) else {}
        assert isinstance(counts, Mapping)
        run = None
        if "targets" in d or "start" in d:
            priv = d.get("privileged")
            run = ScanRun(
                targets=_strs(d.get("targets")), start=_opt_str(d.get("start")), end=_opt_str(d.get("end")),
                engine=str(d.get("engine") or "netscan"), interface=_opt_str(d.get("interface")),
                privileged=priv if isinstance(priv, bool) else None, incomplete=bool(d.get("incomplete")),
                stats=ScanStats.from_dict(counts), notes=_strs(d.get("notes")),
                interfaces=_strs(d.get("interfaces")),
            )
        known = {"command", "input", "engine", "generated", "counts", "targets", "start", "end", "interface",
                 "interfaces", "privileged", "incomplete", "notes", "schema_version", "netscan_version", "signatures",
                 "hosts_only"}
        schema = d.get("schema_version")
        return cls(
            schema_version=schema if isinstance(schema, int) and not isinstance(schema, bool) else None,
            netscan_version=_opt_str(d.get("netscan_version")),
            signatures=SignaturesVersion.from_dict(d.get("signatures")),
            hosts_only=d.get("hosts_only") is True,
            command=str(d.get("command") or ""), generated=_opt_str(d.get("generated")),
            input=_opt_str(d.get("input")), engine=None if run else _opt_str(d.get("engine")), run=run,
            counts=Counts.from_dict(counts) if "devices" in counts or "findings" in counts else None,
            extra={k: v for k, v in d.items() if k not in known},
        )


@dataclass(frozen=True)
class Report:
    """A report: the header and the devices, in a stable order (pipeline.analyse builds it)."""

    scan: ScanHeader
    devices: tuple[Device, ...] = ()
    changes: tuple[Mapping[str, Any], ...] | None = None
    """The inventory's change events since the previous complete scan of the site (docs/watch.md),
    for a report recorded in or read from the inventory; None when it was not compared."""

    def findings_at_least(self, level: Severity) -> bool:
        """True when some finding is at ``level`` or more severe (``--fail-on``)."""
        return any(f.severity.at_least(level) for d in self.devices for f in d.findings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report document."""
        doc: dict[str, Any] = {"scan": self.scan.to_dict(), "devices": [d.to_dict() for d in self.devices]}
        if self.changes is not None:
            doc["changes"] = [dict(e) for e in self.changes]
        return doc

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        """A report from a JSON report document (tolerant: missing keys take defaults)."""
        head = d.get("scan")
        devices = d.get("devices")
        changes = d.get("changes")
        return cls(
            scan=ScanHeader.from_dict(head if isinstance(head, Mapping) else {}),
            devices=tuple(Device.from_dict(x) for x in devices if isinstance(x, Mapping)) if isinstance(devices, list) else (),
            changes=tuple(e for e in changes if isinstance(e, Mapping)) if isinstance(changes, list) else None,
        )
