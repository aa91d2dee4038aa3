"""What to scan and from which interfaces: target texts and ``--iface`` names -> addresses split
into on-link (per interface: ARP, multicast discovery) and routed (ICMP/TCP ping only)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from netscan.errors import UsageError
from netscan.probes.udp import Link
from netscan.scope import IPNetwork, TargetSet, resolve_targets

#: ``--iface all``: every interface with an IPv4 address, loopback excepted.
ALL = "all"


@dataclass
class ScanTargets:
    """Resolved targets and the interfaces the scan works on."""

    targets: TargetSet
    interfaces: list[Any] = field(default_factory=list)
    """``netif.Interface`` objects (ARP and multicast discovery run on each)."""
    links: list[Link] = field(default_factory=list)
    onlink: dict[str, list[str]] = field(default_factory=dict)
    """Interface name -> target addresses on its subnets."""
    routed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def own(self) -> set[str]:
        """Our own addresses."""
        return {a for i in self.interfaces for a, _, _ in i.addresses}

    def link_for(self, ip: str) -> Link | None:
        """The link whose subnet holds ``ip`` (None: routed)."""
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return None
        for iface, link in zip(self.interfaces, self.links):
            if any(a in n for n in iface.networks):
                return link
        return None


def _usable(ifs: dict[str, Any]) -> list[Any]:
    return [i for i in ifs.values() if i.name != "lo" and not i.addresses[0][0].startswith("127.")]


def resolve(
    texts: tuple[str, ...],
    names: tuple[str, ...],
    *,
    interfaces: dict[str, Any],
    default_interface: str | None,
    route_interface: Any,
    allow_public: bool,
    scope: tuple[IPNetwork, ...] | None,
    exclude: tuple[str, ...] = (),
) -> ScanTargets:
    """Resolve targets and interfaces (raises UsageError / ScopeError before any packet is sent)."""
    ifs = interfaces
    chosen: list[str] = []
    for n in names:
        if n == ALL:
            chosen.extend(i.name for i in _usable(ifs))
        elif n not in ifs:
            raise UsageError(f"interface {n!r} has no IPv4 address (or does not exist)")
        else:
            chosen.append(n)
    chosen = list(dict.fromkeys(chosen))
    if names and not chosen:
        raise UsageError("--iface all: no interface with an IPv4 address")
    if not texts:
        if not chosen:
            name = default_interface
            if name is None:
                # No default route (an isolated segment, the lab): the one interface there is.
                others = _usable(ifs)
                name = others[0].name if len(others) == 1 else None
            if name is None or name not in ifs:
                raise UsageError("no target given and no interface with a default route; give targets or --iface")
            chosen = [name]
        texts = tuple(str(n) for c in chosen for n in ifs[c].networks)
    targets = resolve_targets(texts, allow_public=allow_public, scope=list(scope) if scope is not None else None,
                              exclude=exclude)
    out = ScanTargets(targets=targets)
    if targets.dropped:
        out.notes.append(f"{targets.dropped} target addresses lie outside the scope file and are skipped")
    if not chosen:
        # Every interface that has a target on one of its subnets; else the route to the first.
        cands = _usable(ifs)
        nets = [(i, i.networks) for i in cands]
        hit: dict[str, None] = {}
        for ip in targets.addresses():
            a = ipaddress.ip_address(ip)
            for i, ns in nets:
                if i.name not in hit and any(a in n for n in ns):
                    hit[i.name] = None
            if len(hit) == len(nets):
                break
        chosen = list(hit)
        if not chosen:
            first = next(targets.addresses(), None)
            name = route_interface(first) if first else None
            if name is not None and name in ifs:
                chosen = [name]
    out.interfaces = [ifs[n] for n in chosen]
    for i in out.interfaces:
        addr, _plen, bcast = i.addresses[0]
        out.links.append(Link(ifname=i.name, address=addr, broadcast=bcast))
        out.onlink[i.name] = []
    own = out.own
    for ip in targets.addresses():
        if ip in own:
            continue
        a = ipaddress.ip_address(ip)
        for i in out.interfaces:
            if any(a in n for n in i.networks):
                out.onlink[i.name].append(ip)
                break
        else:
            out.routed.append(ip)
    return out
