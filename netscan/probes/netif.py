"""The scanner's own interfaces: names, IPv4 addresses/prefixes, MACs, and the default route.

Read from iproute2's JSON output (``ip -j``), which every supported system has; nothing is sent.
"""

from __future__ import annotations

import ipaddress
import json
import subprocess
from dataclasses import dataclass

from netscan.errors import UsageError


@dataclass(frozen=True)
class Interface:
    """One interface with its IPv4 networks."""

    name: str
    mac: str | None
    addresses: tuple[tuple[str, int, str], ...]
    """(address, prefix length, broadcast) per IPv4 address."""
    up: bool = True

    @property
    def networks(self) -> list[ipaddress.IPv4Network]:
        """The attached IPv4 subnets."""
        return [ipaddress.IPv4Network(f"{a}/{p}", strict=False) for a, p, _ in self.addresses]

    def address_for(self, ip: str) -> tuple[str, int, str] | None:
        """Our address on the subnet holding ``ip`` (None: not on-link)."""
        a = ipaddress.ip_address(ip)
        for entry in self.addresses:
            if a in ipaddress.IPv4Network(f"{entry[0]}/{entry[1]}", strict=False):
                return entry
        return None


def _ip_json(*args: str) -> list[dict[str, object]]:
    try:
        out = subprocess.run(["ip", "-j", *args], capture_output=True, text=True, timeout=5, check=True).stdout
        data = json.loads(out or "[]")
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read network interfaces (ip {' '.join(args)}): {exc}") from None
    return data if isinstance(data, list) else []


def interfaces() -> dict[str, Interface]:
    """Every interface with at least one IPv4 address, by name."""
    result: dict[str, Interface] = {}
    for item in _ip_json("-4", "addr", "show"):
        name = str(item.get("ifname", ""))
        addrs: list[tuple[str, int, str]] = []
        addr_info = item.get("addr_info")
        for a in addr_info if isinstance(addr_info, list) else []:
            if isinstance(a, dict) and a.get("family") == "inet":
                local, plen = str(a.get("local")), int(a.get("prefixlen", 32))
                net = ipaddress.IPv4Network(f"{local}/{plen}", strict=False)
                bcast = str(a.get("broadcast") or net.broadcast_address)
                addrs.append((local, plen, bcast))
        flags = item.get("flags", []) or []
        if addrs and name:
            result[name] = Interface(name=name, mac=None, addresses=tuple(addrs), up="UP" in flags)  # type: ignore[operator]
    for item in _ip_json("link", "show"):
        name = str(item.get("ifname", ""))
        if name in result:
            mac = item.get("address")
            result[name] = Interface(name, str(mac).lower() if mac else None, result[name].addresses, result[name].up)
    return result


def default_interface() -> str | None:
    """The interface of the IPv4 default route, if there is one."""
    for r in _ip_json("-4", "route", "show", "default"):
        dev = r.get("dev")
        if dev:
            return str(dev)
    return None


def route_interface(ip: str) -> str | None:
    """The interface the kernel would use to reach ``ip`` (None: unroutable)."""
    try:
        routes = _ip_json("-4", "route", "get", ip)
    except UsageError:
        return None
    for r in routes:
        dev = r.get("dev")
        if dev:
            return str(dev)
    return None
