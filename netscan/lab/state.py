"""What a running lab looks like: its namespaces, subnet and devices (JSON round trip)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from netscan.lab.config import run_dir


@dataclass(frozen=True)
class Device:
    """One host in the lab: an emulated device (``kind="profile"``) or a plain ARP/ICMP host."""

    name: str
    """Profile name, or ``host-<n>`` for a plain host."""
    ip: str
    mac: str
    """Lower case, colon separated."""
    kind: str
    """``profile`` or ``plain``."""
    ifname: str
    """Its macvlan in the device namespace."""
    profile: dict[str, Any] | None = field(default=None, compare=False, hash=False, repr=False)
    """The profile as loaded (None for plain hosts)."""
    profile_path: str | None = None
    open_ports: tuple[int, ...] = ()
    """TCP ports the emulator serves for this device."""
    expect: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Identification the lead's ``identify()`` should reach."""
    expect_findings: tuple[str, ...] = ()
    hostile: bool = False
    segment: str = "lan"
    """Where the device sits: ``lan`` (the scanner's first interface, ARP reachable), ``lan2`` (the
    scanner's second interface) or ``routed`` (behind the router: no ARP, TTL one less)."""
    multicast_silent: bool = False
    """Ignores multicast and broadcast discovery queries (and sends no multicast announcements);
    still answers the same protocols sent to its own address."""
    delay_s: tuple[float, float] = (0.0, 0.0)
    """Every answer (each HTTP/RTSP request, banner, UDP reply) waits uniform(min, max) seconds."""
    idle_delay_s: float = 0.0
    """Extra wait of the first request after ``idle_after_s`` without one (and the very first)."""
    idle_after_s: float = 0.0

    @property
    def slow(self) -> bool:
        """Whether answers are delayed at all."""
        return self.delay_s[1] > 0 or self.idle_delay_s > 0

    @property
    def max_delay_s(self) -> float:
        """The longest an answer can wait (worst case: first request after idle, top of the range)."""
        return self.delay_s[1] + self.idle_delay_s

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "name": self.name, "ip": self.ip, "mac": self.mac, "kind": self.kind, "ifname": self.ifname,
            "profile": self.profile, "profile_path": self.profile_path, "open_ports": list(self.open_ports),
            "expect": self.expect, "expect_findings": list(self.expect_findings), "hostile": self.hostile,
            "segment": self.segment, "multicast_silent": self.multicast_silent, "delay_s": list(self.delay_s),
            "idle_delay_s": self.idle_delay_s, "idle_after_s": self.idle_after_s, "slow": self.slow,
            "max_delay_s": self.max_delay_s,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Device:
        """Inverse of :meth:`to_dict`."""
        return cls(
            name=d["name"], ip=d["ip"], mac=d["mac"], kind=d["kind"], ifname=d["ifname"],
            profile=d.get("profile"), profile_path=d.get("profile_path"),
            open_ports=tuple(d.get("open_ports") or ()), expect=dict(d.get("expect") or {}),
            expect_findings=tuple(d.get("expect_findings") or ()), hostile=bool(d.get("hostile")),
            segment=str(d.get("segment") or "lan"), multicast_silent=bool(d.get("multicast_silent")),
            delay_s=_pair(d.get("delay_s")), idle_delay_s=float(d.get("idle_delay_s") or 0.0),
            idle_after_s=float(d.get("idle_after_s") or 0.0),
        )


def _pair(value: Any) -> tuple[float, float]:
    """``delay_s`` as (min, max): a number is a fixed delay, a list/tuple a range."""
    if value is None:
        return (0.0, 0.0)
    if isinstance(value, (int, float)):
        return (float(value), float(value))
    lo, hi = (float(x) for x in value)
    return (lo, hi)


@dataclass(frozen=True)
class LabState:
    """A lab that is up: where to scan from and what is there."""

    prefix: str
    scanner_netns: str
    scanner_iface: str
    scanner_ip: str
    subnet: str
    """The lab network, e.g. ``10.213.0.0/24``."""
    device_netns: str
    bridge_netns: str
    devices: tuple[Device, ...]
    emulator_pid: int | None = None
    created: float = 0.0
    """Unix time the lab came up."""
    up_seconds: float = 0.0
    """How long ``Lab.up`` took (readiness check included)."""
    realistic: bool = False
    """Brought up with ``--realistic`` (the seeded mix of docs/lab.md)."""
    seed: int | None = None
    """Seed of the realistic mix (same seed, same mix)."""
    loss_pct: float = 0.0
    """Random loss of every IP packet into and out of the devices (each direction), by nftables."""
    scanner_iface2: str | None = None
    """The scanner's second interface (on ``subnet2``), or None."""
    scanner_ip2: str | None = None
    subnet2: str | None = None
    """The second LAN (devices with segment ``lan2``), reached through ``scanner_iface2``."""
    router_netns: str | None = None
    router_ip: str | None = None
    """The router's address in ``subnet`` (the scanner's gateway to ``routed_subnet``)."""
    routed_subnet: str | None = None
    """The subnet behind the router (devices with segment ``routed``)."""
    ready_seconds: float = 0.0
    """How long the readiness check took (every service of every device answered)."""

    @property
    def scanner_ifaces(self) -> list[str]:
        """Every scanner interface (``--iface`` values for a scan of the whole lab)."""
        return [self.scanner_iface] + ([self.scanner_iface2] if self.scanner_iface2 else [])

    @property
    def scan_targets(self) -> list[str]:
        """Every subnet with devices: ``subnet``, then ``subnet2`` and ``routed_subnet`` when present."""
        return [self.subnet] + [s for s in (self.subnet2, self.routed_subnet) if s]

    def segment_devices(self, segment: str) -> list[Device]:
        """Devices on ``lan``, ``lan2`` or ``routed``."""
        return [d for d in self.devices if d.segment == segment]

    @property
    def profile_devices(self) -> list[Device]:
        """Devices that run a profile (cameras, NVRs, routers, hostile ones)."""
        return [d for d in self.devices if d.kind == "profile"]

    @property
    def plain_hosts(self) -> list[Device]:
        """Hosts that only answer ARP and ICMP."""
        return [d for d in self.devices if d.kind == "plain"]

    def device(self, name: str) -> Device:
        """The device with this profile name (KeyError if none)."""
        for d in self.devices:
            if d.name == name:
                return d
        raise KeyError(name)

    def run_in_scanner(self, argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        """Run ``argv`` inside the scanner namespace (``subprocess.run`` keyword arguments apply)."""
        kwargs.setdefault("timeout", 600)
        return subprocess.run(["ip", "netns", "exec", self.scanner_netns, *argv], check=False, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (what ``state.json`` holds)."""
        return {
            "prefix": self.prefix, "scanner_netns": self.scanner_netns, "scanner_iface": self.scanner_iface,
            "scanner_ip": self.scanner_ip, "subnet": self.subnet, "device_netns": self.device_netns,
            "bridge_netns": self.bridge_netns, "emulator_pid": self.emulator_pid, "created": self.created,
            "up_seconds": self.up_seconds, "realistic": self.realistic, "seed": self.seed,
            "loss_pct": self.loss_pct, "scanner_iface2": self.scanner_iface2, "scanner_ip2": self.scanner_ip2,
            "subnet2": self.subnet2, "router_netns": self.router_netns, "router_ip": self.router_ip,
            "routed_subnet": self.routed_subnet, "ready_seconds": self.ready_seconds,
            "scanner_ifaces": self.scanner_ifaces, "scan_targets": self.scan_targets,
            "devices": [d.to_dict() for d in self.devices],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LabState:
        """Inverse of :meth:`to_dict`."""
        return cls(
            prefix=d["prefix"], scanner_netns=d["scanner_netns"], scanner_iface=d["scanner_iface"],
            scanner_ip=d["scanner_ip"], subnet=d["subnet"], device_netns=d["device_netns"],
            bridge_netns=d["bridge_netns"], devices=tuple(Device.from_dict(x) for x in d["devices"]),
            emulator_pid=d.get("emulator_pid"), created=float(d.get("created") or 0.0),
            up_seconds=float(d.get("up_seconds") or 0.0), realistic=bool(d.get("realistic")),
            seed=d.get("seed"), loss_pct=float(d.get("loss_pct") or 0.0), scanner_iface2=d.get("scanner_iface2"),
            scanner_ip2=d.get("scanner_ip2"), subnet2=d.get("subnet2"), router_netns=d.get("router_netns"),
            router_ip=d.get("router_ip"), routed_subnet=d.get("routed_subnet"),
            ready_seconds=float(d.get("ready_seconds") or 0.0),
        )


def state_path(prefix: str) -> Path:
    """Where the lab with ``prefix`` keeps its state."""
    return run_dir(prefix) / "state.json"


def save_state(state: LabState) -> Path:
    """Write ``state.json`` atomically."""
    path = state_path(state.prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state.to_dict(), indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def load_state(prefix: str) -> LabState | None:
    """The recorded state of the lab with ``prefix``, or None."""
    path = state_path(prefix)
    try:
        return LabState.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        return None
