"""Which devices a report shows and in which order (``--only``, ``--sort``), on the typed
:class:`~netscan.model.Device`: one definition for the rich table, the large-report table and the
CLI's view of every format. Pure, and free of rich (the large-report table does not load it)."""

from __future__ import annotations

import ipaddress
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from netscan.model import VIDEO_TYPES, Device, Severity

#: ``--sort`` keys; ``--only`` filters.
SORT_KEYS: tuple[str, ...] = ("ip", "severity", "vendor")
ONLY: tuple[str, ...] = ("video", "covered", "findings")


def ip_key(ip: object) -> tuple[int, int, str]:
    """Addresses in numeric order (IPv4 before IPv6); anything else after them, as text."""
    try:
        a = ipaddress.ip_address(str(ip))
        return (a.version, int(a), "")
    except ValueError:
        return (9, 0, str(ip))


def severity_counts(d: Device) -> dict[Severity, int]:
    """The device's findings per severity, most severe first (levels it has only)."""
    counts = Counter(f.severity for f in d.findings)
    return dict(sorted(counts.items(), key=lambda kv: kv[0].rank))


def worst_rank(d: Device) -> int:
    """The rank of the device's worst finding (0 critical); 99 without findings."""
    worst = d.worst
    return worst.rank if worst is not None else 99


def is_plain(d: Device) -> bool:
    """A host known only by its address and MAC vendor: nothing identified beyond the OUI."""
    i = d.identification
    if d.findings or i.model or i.firmware or i.brand or d.open_ports:
        return False
    if i.device_type != "unknown":
        return False
    return all(e.kind == "oui" for e in i.evidence)


def keep(d: Device, only: str | None) -> bool:
    """Does the device pass the ``--only`` filter?"""
    if only is None:
        return True
    if only == "video":
        return d.identification.device_type in VIDEO_TYPES
    if only == "covered":
        return d.identification.covered is not None
    if only == "findings":
        return bool(d.findings)
    raise ValueError(f"unknown filter {only!r}")


def sort_key(key: str) -> Callable[[Device], tuple[Any, ...]]:
    """A sort key for devices: ``ip``, ``severity`` (worst first, then most findings) or ``vendor``."""
    if key == "ip":
        return lambda d: ip_key(d.identification.ip)
    if key == "severity":
        def by_severity(d: Device) -> tuple[Any, ...]:
            counts = severity_counts(d)
            return (worst_rank(d), *(-counts.get(s, 0) for s in Severity), ip_key(d.identification.ip))

        return by_severity
    if key == "vendor":
        def by_vendor(d: Device) -> tuple[Any, ...]:
            i = d.identification
            return (str(i.brand or i.vendor or "~").lower(), str(i.vendor or "").lower(), str(i.model or "").lower(),
                    ip_key(i.ip))

        return by_vendor
    raise ValueError(f"unknown sort key {key!r}")


def group(d: Device) -> int:
    """The table's groups: cameras and recorders (0), other identified devices (1), hosts that
    answered but stayed unidentified (2), plain hosts known by their MAC vendor only (3)."""
    t = d.identification.device_type
    if t in VIDEO_TYPES:
        return 0
    if is_plain(d):
        return 3
    return 2 if t == "unknown" else 1


def arrange(devices: Iterable[Device], sort: str = "ip", only: str | None = None) -> list[Device]:
    """Filter and order devices for a table: by :func:`group`, then ``sort`` within each group."""
    k = sort_key(sort)
    return sorted((d for d in devices if keep(d, only)), key=lambda d: (group(d), k(d)))


def mac_registrant(d: Device) -> str | None:
    """The IEEE registrant of the device's MAC block, from its ``oui`` evidence."""
    for e in d.identification.evidence:
        if e.kind == "oui":
            reg = e.extracted.get("registrant")
            if reg:
                return str(reg)
    return None
