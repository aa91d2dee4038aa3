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

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "name": self.name, "ip": self.ip, "mac": self.mac, "kind": self.kind, "ifname": self.ifname,
            "profile": self.profile, "profile_path": self.profile_path, "open_ports": list(self.open_ports),
            "expect": self.expect, "expect_findings": list(self.expect_findings), "hostile": self.hostile,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Device:
        """Inverse of :meth:`to_dict`."""
        return cls(
            name=d["name"], ip=d["ip"], mac=d["mac"], kind=d["kind"], ifname=d["ifname"],
            profile=d.get("profile"), profile_path=d.get("profile_path"),
            open_ports=tuple(d.get("open_ports") or ()), expect=dict(d.get("expect") or {}),
            expect_findings=tuple(d.get("expect_findings") or ()), hostile=bool(d.get("hostile")),
        )


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
    """How long ``Lab.up`` took."""

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
            "up_seconds": self.up_seconds, "devices": [d.to_dict() for d in self.devices],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LabState:
        """Inverse of :meth:`to_dict`."""
        return cls(
            prefix=d["prefix"], scanner_netns=d["scanner_netns"], scanner_iface=d["scanner_iface"],
            scanner_ip=d["scanner_ip"], subnet=d["subnet"], device_netns=d["device_netns"],
            bridge_netns=d["bridge_netns"], devices=tuple(Device.from_dict(x) for x in d["devices"]),
            emulator_pid=d.get("emulator_pid"), created=float(d.get("created") or 0.0),
            up_seconds=float(d.get("up_seconds") or 0.0),
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
