"""Target parsing and the "networks you may scan" guard. Pure: no sockets, no files, no DNS.

Targets are CIDRs (``192.168.1.0/24``), ranges (``10.0.0.10-10.0.0.50`` or ``10.0.0.10-50``) or
single addresses. The guard allows private (RFC 1918), link-local, ULA and loopback space only;
anything else needs ``allow_public``. A scope list (the CIDRs the user owns, ``--scope FILE``)
narrows what may be touched whatever the targets say: addresses outside it are dropped, and a
target list with nothing left inside it is refused.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from netscan.errors import ScopeError, UsageError
from netscan.limits import MAX_TARGET_HOSTS

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Address space anyone may scan: their own private, link-local, ULA and loopback networks.
#: RFC 1918, RFC 3927, RFC 4193, RFC 4291 §2.5.6, RFC 1122 §3.2.1.3 (loopback).
ALLOWED_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8",
        "fc00::/7", "fe80::/10", "::1/128",
    )
)


@dataclass(frozen=True, order=True)
class Span:
    """An inclusive range of addresses of one family, as integers."""

    version: int
    first: int
    last: int

    @property
    def size(self) -> int:
        """How many addresses the span holds."""
        return self.last - self.first + 1

    def addresses(self) -> Iterator[str]:
        """Every address of the span, as text."""
        make = ipaddress.IPv4Address if self.version == 4 else ipaddress.IPv6Address
        for n in range(self.first, self.last + 1):
            yield str(make(n))


def _addr(text: str, where: str) -> IPAddress:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        raise UsageError(f"{where}: {text!r} is not an IP address (host names are not resolved; give an address)") from None


def parse_target(text: str) -> list[Span]:
    """Parse one target: CIDR, range (``a-b`` or ``a.b.c.d-e``) or a single address.

    A CIDR of 31 bits or fewer (IPv4) drops its network and broadcast addresses, as ``hosts()``.
    """
    t = text.strip()
    if not t:
        raise UsageError("empty target")
    if "/" in t:
        try:
            net = ipaddress.ip_network(t, strict=False)
        except ValueError:
            raise UsageError(f"{t!r} is not a valid CIDR") from None
        first, last = int(net.network_address), int(net.broadcast_address)
        if net.version == 4 and net.prefixlen <= 30:
            first, last = first + 1, last - 1
        return [Span(net.version, first, last)]
    if "-" in t:
        left, right = t.split("-", 1)
        a = _addr(left, t)
        if a.version == 4 and right.strip().isdigit() and "." not in right:
            octet = int(right)
            if not 0 <= octet <= 255:
                raise UsageError(f"{t!r}: last octet out of range")
            b: IPAddress = ipaddress.IPv4Address((int(a) & 0xFFFFFF00) | octet)
        else:
            b = _addr(right, t)
        if a.version != b.version:
            raise UsageError(f"{t!r}: range mixes IPv4 and IPv6")
        if int(b) < int(a):
            raise UsageError(f"{t!r}: range ends before it starts")
        return [Span(a.version, int(a), int(b))]
    a = _addr(t, t)
    return [Span(a.version, int(a), int(a))]


def parse_scope_text(text: str, where: str = "scope") -> list[IPNetwork]:
    """Parse a scope file: one CIDR or address per line; ``#`` starts a comment."""
    nets: list[IPNetwork] = []
    for n, line in enumerate(text.splitlines(), 1):
        item = line.split("#", 1)[0].strip()
        if not item:
            continue
        try:
            nets.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise UsageError(f"{where}:{n}: {item!r} is not a CIDR or address") from None
    if not nets:
        raise UsageError(f"{where}: no networks listed")
    return nets


def _net_span(net: IPNetwork) -> Span:
    return Span(net.version, int(net.network_address), int(net.broadcast_address))


def _intersect(a: Span, b: Span) -> Span | None:
    if a.version != b.version:
        return None
    lo, hi = max(a.first, b.first), min(a.last, b.last)
    return Span(a.version, lo, hi) if lo <= hi else None


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans):
        if out and out[-1].version == s.version and s.first <= out[-1].last + 1:
            last = out[-1]
            out[-1] = Span(s.version, last.first, max(last.last, s.last))
        else:
            out.append(s)
    return out


def _subtract(span: Span, allowed: list[Span]) -> list[Span]:
    """The parts of ``span`` outside every allowed span."""
    rest = [span]
    for a in allowed:
        nxt: list[Span] = []
        for r in rest:
            cut = _intersect(r, a)
            if cut is None:
                nxt.append(r)
                continue
            if r.first < cut.first:
                nxt.append(Span(r.version, r.first, cut.first - 1))
            if cut.last < r.last:
                nxt.append(Span(r.version, cut.last + 1, r.last))
        rest = nxt
    return rest


def _fmt(span: Span) -> str:
    make = ipaddress.IPv4Address if span.version == 4 else ipaddress.IPv6Address
    return str(make(span.first)) if span.size == 1 else f"{make(span.first)}-{make(span.last)}"


@dataclass(frozen=True)
class TargetSet:
    """The addresses a scan may touch, after the guard and the scope file."""

    spans: tuple[Span, ...]
    texts: tuple[str, ...]
    """The targets as the user gave them (for the report header)."""
    dropped: int = 0
    """Addresses removed because the scope file does not list them."""

    @property
    def size(self) -> int:
        """How many addresses the set holds."""
        return sum(s.size for s in self.spans)

    def addresses(self) -> Iterator[str]:
        """Every address, in order."""
        for s in self.spans:
            yield from s.addresses()

    def __contains__(self, ip: object) -> bool:
        if not isinstance(ip, str):
            return False
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return any(s.version == a.version and s.first <= int(a) <= s.last for s in self.spans)


def allowed_without_flag(ip: str) -> bool:
    """True when an address lies in private, link-local, ULA or loopback space."""
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(a in n for n in ALLOWED_NETWORKS)


def in_scope(ip: str, scope: list[IPNetwork] | None, allow_public: bool) -> bool:
    """May this address (e.g. the source of a discovery reply) be touched?"""
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:
        return False
    if not allow_public and not any(a in n for n in ALLOWED_NETWORKS):
        return False
    return scope is None or any(a in n for n in scope)


def resolve_targets(
    targets: Iterable[str],
    *,
    allow_public: bool = False,
    scope: list[IPNetwork] | None = None,
    max_hosts: int = MAX_TARGET_HOSTS,
) -> TargetSet:
    """Parse targets, refuse public space (unless allowed), narrow to the scope, cap the size.

    Raises:
        UsageError: a target cannot be parsed, or the set is too large.
        ScopeError: a target lies in public space without ``allow_public``, or nothing remains
            inside the scope file.
    """
    texts = tuple(t.strip() for t in targets if t.strip())
    if not texts:
        raise UsageError("no targets")
    spans: list[Span] = []
    for t in texts:
        spans.extend(parse_target(t))
    spans = _merge(spans)
    if not allow_public:
        allowed = [_net_span(n) for n in ALLOWED_NETWORKS]
        outside = [p for s in spans for p in _subtract(s, allowed)]
        if outside:
            shown = ", ".join(_fmt(p) for p in outside[:3]) + (" ..." if len(outside) > 3 else "")
            raise ScopeError(
                f"refusing to scan public address space ({shown}): only private, link-local, ULA and "
                "loopback networks are scanned by default; pass --allow-public if you own it"
            )
    dropped = 0
    if scope is not None:
        ss = _merge(_net_span(n) for n in scope)
        kept = _merge(c for s in spans for a in ss if (c := _intersect(s, a)) is not None)
        dropped = sum(s.size for s in spans) - sum(s.size for s in kept)
        if not kept:
            raise ScopeError("no target lies inside the networks listed in the scope file")
        spans = kept
    total = sum(s.size for s in spans)
    if total > max_hosts:
        raise UsageError(f"targets expand to {total} addresses (more than {max_hosts}); narrow them")
    return TargetSet(spans=tuple(spans), texts=texts, dropped=dropped)
