"""Target parsing and the "networks you may scan" guard. Pure: no sockets, no files, no DNS.

Targets are CIDRs (``192.168.1.0/24``), ranges (``10.0.0.10-10.0.0.50`` or ``10.0.0.10-50``),
single addresses, nmap-style IPv4 octet patterns (``10.0.0.*``, ``10.0.1-3.1-20``, ``10.0.0.1,5,9``)
and comma-separated lists of any of these (``10.0.0.0/24,10.0.5.7``). Exclusions (``--exclude``,
``--exclude-file``) use the same syntax and are removed from the targets. The guard allows private (RFC 1918), link-local, ULA and loopback space only;
anything else needs ``allow_public``. A scope list (the CIDRs the user owns, ``--scope FILE``)
narrows what may be touched whatever the targets say: addresses outside it are dropped, and a
target list with nothing left inside it is refused.
"""

from __future__ import annotations

import ipaddress
import re
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
        prefix = "" if where.strip() == text.strip() else f"{where}: "
        raise UsageError(f"{prefix}{text.strip()!r} is not an IP address (host names are not resolved; give an address)") from None


_OCTET_ITEM = re.compile(r"^(\*|\d{1,3}(-\d{1,3})?)$")


def _octet_values(part: str, last: bool, where: str) -> list[tuple[int, int]]:
    """One octet of an nmap-style pattern -> inclusive ranges. ``*`` in the last octet is 1-254
    (no network or broadcast address), elsewhere 0-255."""
    out: list[tuple[int, int]] = []
    for item in part.split(","):
        if not _OCTET_ITEM.match(item):
            raise UsageError(f"{where!r}: {item!r} is not an octet, range or *")
        if item == "*":
            out.append((1, 254) if last else (0, 255))
            continue
        lo, _, hi = item.partition("-")
        a, b = int(lo), int(hi or lo)
        if not (0 <= a <= b <= 255):
            raise UsageError(f"{where!r}: octet {item!r} out of range 0-255")
        out.append((a, b))
    return out


def _is_octet_pattern(t: str) -> bool:
    parts = t.split(".")
    return (len(parts) == 4 and ("*" in t or "," in t or any("-" in p for p in parts[:3]))
            and all(p and all(_OCTET_ITEM.match(i) for i in p.split(",")) for p in parts))


def _octet_pattern(t: str) -> list[Span]:
    octs = [_octet_values(p, i == 3, t) for i, p in enumerate(t.split("."))]
    combos = 1
    for o in octs[:3]:
        combos *= sum(b - a + 1 for a, b in o)
    if combos * sum(b - a + 1 for a, b in octs[3]) > MAX_TARGET_HOSTS:
        raise UsageError(f"{t!r} expands to more than {MAX_TARGET_HOSTS} addresses; narrow it")
    spans: list[Span] = []
    for a in (x for lo, hi in octs[0] for x in range(lo, hi + 1)):
        for b in (x for lo, hi in octs[1] for x in range(lo, hi + 1)):
            for c in (x for lo, hi in octs[2] for x in range(lo, hi + 1)):
                base = (a << 24) | (b << 16) | (c << 8)
                spans.extend(Span(4, base | lo, base | hi) for lo, hi in octs[3])
    return _merge(spans)


def split_targets(text: str) -> list[str]:
    """A command-line target -> its targets: a comma-separated list of targets, unless the commas
    belong to an nmap octet pattern (``10.0.0.1,5,9``)."""
    t = text.strip()
    if "," not in t or _is_octet_pattern(t):
        return [t] if t else []
    return [p.strip() for p in t.split(",") if p.strip()]


def parse_target(text: str) -> list[Span]:
    """Parse one target: CIDR, range (``a-b`` or ``a.b.c.d-e``), a single address, an nmap-style
    octet pattern (``10.0.0.*``, ``10.0.1-3.1-20``, ``10.0.0.1,5``) or a comma list of them.

    A CIDR of 31 bits or fewer (IPv4) drops its network and broadcast addresses, as ``hosts()``.
    """
    t = text.strip()
    if not t:
        raise UsageError("empty target")
    parts = split_targets(t)
    if len(parts) != 1:
        if not parts:
            raise UsageError("empty target")
        return _merge(s for p in parts for s in parse_target(p))
    t = parts[0]
    if _is_octet_pattern(t):
        return _octet_pattern(t)
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


def parse_targets_text(text: str, where: str) -> list[str]:
    """A target list file (``-iL``, ``--exclude-file``): targets separated by whitespace, commas or
    new lines; ``#`` starts a comment. Every target is checked; an error names the file and line."""
    out: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        for word in line.split("#", 1)[0].split():
            for t in split_targets(word):
                try:
                    parse_target(t)
                except UsageError as exc:
                    raise UsageError(f"{where}:{n}: {exc}") from None
                out.append(t)
    return out


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
    excluded: int = 0
    """Addresses removed by ``--exclude`` / ``--exclude-file``."""

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
    exclude: Iterable[str] = (),
) -> TargetSet:
    """Parse targets, remove exclusions, refuse public space (unless allowed), narrow to the
    scope, cap the size.

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
    excluded = 0
    ex = _merge(s for t in exclude if t.strip() for s in parse_target(t))
    if ex:
        before = sum(s.size for s in spans)
        spans = _merge(p for s in spans for p in _subtract(s, ex))
        excluded = before - sum(s.size for s in spans)
        if not spans:
            raise UsageError("every target address is excluded")
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
    return TargetSet(spans=tuple(spans), texts=texts, dropped=dropped, excluded=excluded)
