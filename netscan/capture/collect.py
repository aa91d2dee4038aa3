"""Facts heard on the wire -> one Observation per device, in bounded memory.

Devices are keyed by IPv4 address; a MAC is attached from ARP, DHCP and the Ethernet source of
link-local traffic (announcements are never routed, so their source MAC is the device's). A DHCP
request sent before the device has an address is kept under its MAC and joins the device once its
address is known (requested address, ARP, or the server's ACK).

Every table is capped (devices, responses per device, address bindings), and a response already
held is not stored twice, so memory stays flat however long the capture.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import re
from dataclasses import dataclass, field

from netscan.model import Observation, Response

#: Devices remembered (a /16 of cameras stays below; a flood of spoofed sources stops here).
MAX_DEVICES = 16384
#: Distinct responses kept per device and protocol (announcements repeat; their content rarely changes).
MAX_PER_PROTOCOL = 8
#: Address <-> MAC bindings remembered.
MAX_BINDINGS = 65536
#: Per-request identifiers a device changes in every announcement (WS-Addressing MessageID,
#: SADP Uuid, SSDP BOOTID/CONFIGID): two answers that differ only there are the same answer.
_ECHOED = re.compile(rb"(<(?:[\w.-]+:)?(?:RelatesTo|MessageID|Uuid|MessageNumber|InstanceId)\b[^>]*>)[^<]{0,200}(</)", re.I)
_SSDP_VOLATILE = re.compile(rb"^(?:bootid|configid|nextbootid|date|cache-control)\.upnp\.org:.*$|^(?:date|cache-control):.*$", re.I | re.M)


def _key(protocol: str, port: int | None, request: str, data: bytes) -> bytes:
    if b"<" in data[:4096]:
        data = _ECHOED.sub(rb"\1\2", data[:65536])
    if protocol == "ssdp":
        data = _SSDP_VOLATILE.sub(b"", data[:8192])
    h = hashlib.blake2b(data, digest_size=16)
    h.update(f"{protocol}|{port}|{request}".encode())
    return h.digest()


@dataclass
class _Device:
    ip: str | None
    mac: str | None = None
    responses: list[Response] = field(default_factory=list)
    keys: set[bytes] = field(default_factory=set)
    order: list[bytes] = field(default_factory=list)
    """The dedup key of each response, in the order of ``responses``."""
    per_protocol: dict[str, int] = field(default_factory=dict)
    ports: set[int] = field(default_factory=set)
    last_seen: float = 0.0


class Collector:
    """Accumulates what was heard; ``observations()`` gives the devices so far."""

    def __init__(self, allow_public: bool = False, ignore: frozenset[str] = frozenset()) -> None:
        self.allow_public = allow_public
        self.ignore = ignore
        """Addresses and MACs never reported (the scanner's own, in ``scan --passive-seconds``)."""
        self.devices: dict[str, _Device] = {}
        self.by_mac: dict[str, _Device] = {}
        """Devices heard before their address was known (DHCP from 0.0.0.0, LLDP without an address)."""
        self.ip_mac: dict[str, str] = {}
        self.facts = 0
        self.dropped_devices = 0
        self.dropped_public = 0
        self._local: dict[str, bool] = {}

    # -- addresses ------------------------------------------------------------------------------

    def is_local(self, ip: str) -> bool:
        """A private / link-local / ULA address (or any address with ``allow_public``)."""
        v = self._local.get(ip)
        if v is None:
            try:
                a = ipaddress.ip_address(ip)
            except ValueError:
                v = False
            else:
                v = not (a.is_multicast or a.is_unspecified or a.is_loopback or ip.endswith(".255")) and (
                    self.allow_public or a.is_private or a.is_link_local
                )
            if len(self._local) < MAX_BINDINGS:
                self._local[ip] = v
        return v

    def on_link(self, ip: str) -> None:
        """``ip`` is a device's own address, announced in a link-layer frame (LLDP, CDP) that no
        router forwards: the device is on this link whatever the range (campus and OT networks
        number their switches in public ranges), so it counts as local."""
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return
        if a.is_multicast or a.is_unspecified or a.is_loopback or a.is_reserved:
            return
        if len(self._local) < MAX_BINDINGS or ip in self._local:
            self._local[ip] = True

    def bind(self, ip: str, mac: str) -> None:
        """``ip`` is at ``mac`` (ARP, DHCP ACK, link-local announcement)."""
        if mac in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff") or not self.is_local(ip):
            return
        if self.ip_mac.get(ip) == mac:
            return
        if len(self.ip_mac) < MAX_BINDINGS or ip in self.ip_mac:
            self.ip_mac[ip] = mac
        dev = self.devices.get(ip)
        if dev is not None and dev.mac is None:
            dev.mac = mac
        early = self.by_mac.pop(mac, None)
        if early is not None:
            target = self._device(ip, 0.0)
            if target is not None:
                target.mac = target.mac or mac
                for r, k in zip(early.responses, early.order):
                    self._store(target, r, k)

    def seen(self, ip: str, ts: float) -> None:
        """``ip`` was heard (ARP): it is a device even if it says nothing else."""
        self._device(ip, ts)

    def _device(self, ip: str, ts: float) -> _Device | None:
        if ip in self.ignore or not self.is_local(ip):
            self.dropped_public += 1
            return None
        dev = self.devices.get(ip)
        if dev is None:
            if len(self.devices) >= MAX_DEVICES:
                self.dropped_devices += 1
                return None
            dev = self.devices[ip] = _Device(ip=ip, mac=self.ip_mac.get(ip))
        if ts > dev.last_seen:
            dev.last_seen = ts
        return dev

    # -- facts ----------------------------------------------------------------------------------

    def _store(self, dev: _Device, r: Response, key: bytes) -> None:
        if key in dev.keys:
            return
        n = dev.per_protocol.get(r.protocol, 0)
        if n >= MAX_PER_PROTOCOL:
            return
        dev.per_protocol[r.protocol] = n + 1
        dev.keys.add(key)
        dev.order.append(key)
        dev.responses.append(r)
        self.facts += 1

    def add(self, ip: str | None, mac: str | None, ts: float, protocol: str, port: int | None, request: str,
            data: bytes, raw: str, *, tcp_port: bool = False, truncated: bool = False, same: str | None = None) -> None:
        """A response heard from the device at ``ip`` (or, with no address yet, ``mac``).

        ``data`` is what the dedup key is built from (the bytes), ``raw`` the text stored; ``same``,
        when given, stands for ``request`` in the key (messages of different kinds that say the same)."""
        if mac is not None and mac in self.ignore:
            return
        if ip is not None and ip != "0.0.0.0":
            dev = self._device(ip, ts)
            if dev is None:
                return
            if mac and dev.mac is None:
                dev.mac = mac
        elif mac:
            dev = self.by_mac.get(mac)
            if dev is None:
                known = next((i for i, m in self.ip_mac.items() if m == mac), None) if len(self.ip_mac) < 4096 else None
                if known is not None:
                    self.add(known, mac, ts, protocol, port, request, data, raw, tcp_port=tcp_port, truncated=truncated, same=same)
                    return
                if len(self.by_mac) >= MAX_DEVICES:
                    self.dropped_devices += 1
                    return
                dev = self.by_mac[mac] = _Device(ip=None, mac=mac)
            dev.last_seen = max(dev.last_seen, ts)
        else:
            return
        key = _key(protocol, port, request if same is None else same, data)
        if key in dev.keys:
            return
        self._store(dev, Response(protocol=protocol, raw=raw, port=port, request=request, truncated=truncated), key)
        if tcp_port and port:
            dev.ports.add(port)

    # -- result ---------------------------------------------------------------------------------

    def observations(self) -> list[Observation]:
        """One Observation per device heard, ordered by address."""
        out: list[Observation] = []

        def ipkey(d: _Device) -> tuple[int, int]:
            try:
                return (0, int(ipaddress.ip_address(d.ip or "")))
            except ValueError:
                return (1, 0)

        for dev in sorted(self.devices.values(), key=ipkey):
            out.append(Observation(ip=dev.ip, mac=dev.mac or self.ip_mac.get(dev.ip or ""), responses=tuple(dev.responses),
                                   open_ports=tuple(sorted(dev.ports)), observed_at=_when(dev.last_seen)))
        for mac, dev in sorted(self.by_mac.items()):
            if dev.responses:
                out.append(Observation(ip=None, mac=mac, responses=tuple(dev.responses), observed_at=_when(dev.last_seen)))
        return out


def _when(ts: float) -> dt.datetime | None:
    """When the device was last heard (the capture's clock, whole seconds): the time checks that
    compare with a clock (device clock, certificate expiry) use it."""
    if ts <= 0:
        return None
    try:
        return dt.datetime.fromtimestamp(int(ts), dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
