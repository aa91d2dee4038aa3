"""Stable device identity across scans and addresses (pure).

A device is known by keys, strongest first:

1. ``serial:<SERIAL>`` - the serial number a device announces (SADP, DHIP, ONVIF, ISAPI); survives
   re-addressing, NIC swaps and relabelling;
2. ``mac:<MAC>`` - a universally administered MAC; locally administered ones (randomised by phones,
   laptops, some Wi-Fi cameras; IEEE 802 bit 0x02 of the first octet) and multicast ones are never
   used for identity, or one phone would become a new device every day;
3. ``ip:<SITE>|<IP>|<MAKER>`` - the last resort, scoped to a site (10.0.0.5 at two sites is two
   devices) and to the maker (a different maker at the same address is a different device).

Keys 1 and 2 belong to one device for ever; an ``ip:`` key moves to whichever device holds the
address now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Serial numbers shorter than this are too weak to identify a device ("0", "1234").
MIN_SERIAL_LEN = 4
#: Placeholder serials firmware sends when it has none; never an identity.
_BOGUS_SERIALS = frozenset({"0", "00000000", "000000000000", "unknown", "none", "null", "n/a", "default", "123456789"})
_MAC = re.compile(r"^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$")


def normalise_mac(mac: str | None) -> str | None:
    """``AA-BB-CC-DD-EE-FF`` / ``aabb.ccdd.eeff`` -> ``aa:bb:cc:dd:ee:ff``; None when not a MAC."""
    if not mac:
        return None
    hexdigits = re.sub(r"[^0-9a-fA-F]", "", mac).lower()
    if len(hexdigits) != 12:
        return None
    out = ":".join(hexdigits[i:i + 2] for i in range(0, 12, 2))
    return out if _MAC.match(out) else None


def mac_is_identity(mac: str | None) -> bool:
    """Whether a MAC may identify a device: unicast, universally administered, not all zero."""
    m = normalise_mac(mac)
    if m is None or m in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"):
        return False
    first = int(m[:2], 16)
    return not (first & 0x02 or first & 0x01)


def normalise_serial(serial: str | None) -> str | None:
    """A serial number fit for identity (trimmed, upper-case), or None."""
    if not serial:
        return None
    s = " ".join(str(serial).split()).upper()[:200]
    if len(s) < MIN_SERIAL_LEN or s.lower() in _BOGUS_SERIALS or len(set(s)) == 1:
        return None
    return s


@dataclass(frozen=True)
class IdentityKeys:
    """The keys one sighting offers, strongest first (each may be None)."""

    serial: str | None
    mac: str | None
    ip: str | None

    def ordered(self) -> list[str]:
        """The keys that exist, strongest first."""
        return [k for k in (self.serial, self.mac, self.ip) if k]


def keys_for(site: str, ip: str | None, mac: str | None, serial: str | None, maker: str | None) -> IdentityKeys:
    """The identity keys of one sighting of a device at ``site``."""
    s = normalise_serial(serial)
    m = normalise_mac(mac)
    return IdentityKeys(
        serial=f"serial:{s}" if s else None,
        mac=f"mac:{m}" if m and mac_is_identity(m) else None,
        ip=f"ip:{site}|{ip}|{(maker or '').lower()}" if ip else None,
    )
