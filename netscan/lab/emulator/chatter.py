"""Unsolicited traffic, so passive discovery has something to hear.

Per emulated device, once at start and then every ``interval`` seconds: gratuitous ARP, a DHCP
request with the profile's hostname and vendor class, WS-Discovery Hello, SSDP NOTIFY, SADP
announcements, Dahua DHIP ``client.notifyDevInfo`` multicasts, LLDP (profiles with an ``lldp`` key:
system name and description), mDNS re-announcements and DNS look-ups of the vendor's cloud domains (sent to the
scanner's address, the devices' configured resolver). Plain hosts send one gratuitous ARP at start.
"""

from __future__ import annotations

import asyncio
import logging
import random
import socket
from typing import Any

from netscan.lab.emulator.mdns import MDNS_GROUP, MDNS_PORT
from netscan.lab.emulator.packets import dhcp_request, dhip_packet, dns_query, gratuitous_arp, to_bytes
from netscan.lab.emulator.udp import DiscoveryServer, UdpDevice, mdns_records
from netscan.lab.pcapgen import lldp_frame
from netscan.lab.profiles import served_raw
from netscan.parsers.framing import dhip_body

logger = logging.getLogger(__name__)

#: Seconds between rounds of chatter (a passive listener of ~10 s hears every device at least once).
DEFAULT_INTERVAL_S = 8.0
#: Multicast destinations of the announcements.
WSD_DEST = ("239.255.255.250", 3702)
SSDP_DEST = ("239.255.255.250", 1900)
SADP_DEST = ("239.255.255.250", 37020)
DHIP_DEST = ("239.255.255.251", 37810)
#: Send buffer of the raw socket: a round's burst (a few frames per device, 1,000s of plain hosts'
#: gratuitous ARPs at start) must fit, or frames are dropped.
RAW_SNDBUF = 8 * 1024 * 1024
#: Longest a raw send waits for buffer room.
RAW_SEND_WAIT_S = 0.05
#: Cloud names looked up per round, per device.
MAX_DOMAINS = 16


def dhcp_fields(profile: dict[str, Any]) -> tuple[str | None, str | None]:
    """(hostname, vendor class) from the profile's ``dhcp`` response, else its lab keys."""
    hostname, vendor = profile.get("hostname"), profile.get("dhcp_vendor_class")
    for r in profile.get("responses", []):
        if r.get("protocol") == "dhcp":
            for line in str(r.get("raw", "")).splitlines():
                k, _, v = line.partition(":")
                if k.strip() == "hostname" and v.strip():
                    hostname = v.strip()
                elif k.strip() == "vendor_class" and v.strip():
                    vendor = v.strip()
    return hostname, vendor


def cloud_domains(profile: dict[str, Any]) -> list[str]:
    """Names the device looks up: its ``dns`` responses (one per line) and ``cloud_domains``."""
    names: list[str] = [str(x) for x in profile.get("cloud_domains", []) or []]
    for r in profile.get("responses", []):
        if r.get("protocol") == "dns":
            names += [ln.strip() for ln in str(r.get("raw", "")).splitlines() if ln.strip()]
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return seen[:MAX_DOMAINS]


class Chatter:
    """Sends every device's unsolicited traffic, round after round, until stopped."""

    def __init__(
        self, devices: list[UdpDevice], plain: list[tuple[str, str, str]], discovery: DiscoveryServer,
        resolver: str, interval: float = DEFAULT_INTERVAL_S,
    ) -> None:
        self.devices = devices
        self.plain = plain  # (ifname, mac, ip)
        self.discovery = discovery
        self.resolver = resolver
        self.interval = interval
        self.rounds = 0
        self._ifnames: dict[str, str] = {}
        #: One AF_PACKET socket for every frame, opened once: closing an AF_PACKET socket waits for
        #: an RCU grace period (5-13 ms measured here), and a socket per frame blocked the event loop
        #: ~1.4 s at start and ~0.9 s every round, so services answered late right after ``lab up``.
        self._raw: socket.socket | None = None

    def set_ifname(self, name: str, ifname: str) -> None:
        """Remember the interface of a device (for raw frames)."""
        self._ifnames[name] = ifname

    def _raw_send(self, ifname: str, frame: bytes) -> None:
        try:
            if self._raw is None:
                # protocol 0: this socket only sends, it never receives a frame
                self._raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
                # a round is a burst of a few frames per device: room for all of them (root may force it)
                for opt in (getattr(socket, "SO_SNDBUFFORCE", 32), socket.SO_SNDBUF):
                    try:
                        self._raw.setsockopt(socket.SOL_SOCKET, opt, RAW_SNDBUF)
                        break
                    except OSError:
                        continue
                self._raw.setblocking(False)
            try:
                self._raw.sendto(frame, (ifname, 0))
            except BlockingIOError:
                # the buffer is still full: wait for room, briefly (bounded stall, never a lost frame
                # in normal operation)
                self._raw.settimeout(RAW_SEND_WAIT_S)
                try:
                    self._raw.sendto(frame, (ifname, 0))
                finally:
                    self._raw.setblocking(False)
        except OSError as exc:
            logger.debug("raw send on %s failed: %s", ifname, exc)

    def close(self) -> None:
        """Close the raw socket (at emulator exit)."""
        if self._raw is not None:
            self._raw.close()
            self._raw = None

    def _announce(self, dev: UdpDevice) -> None:
        p = dev.profile
        ifname = self._ifnames.get(dev.name)
        mac = str(p.get("mac", "")).lower()
        if ifname and mac:
            self._raw_send(ifname, gratuitous_arp(mac, dev.ip))
            hostname, vendor = dhcp_fields(p)
            if hostname or vendor:
                self._raw_send(ifname, dhcp_request(mac, dev.ip, hostname, vendor, random.getrandbits(32)))
        if dev.multicast_silent:
            # discovery disabled (or IGMP snooping keeps it from the scanner): no multicast
            # announcements; DHCP and DNS go on as on any host
            self._lookups(dev, p)
            return
        for r in p.get("responses", []):
            proto, req = r.get("protocol"), str(r.get("request", "")).split()[:1]
            if proto == "wsd" and req == ["Hello"]:
                self.discovery.send_from("wsd", dev, to_bytes(served_raw(p, r, dev.ip)), WSD_DEST)
            elif proto == "ssdp" and req == ["NOTIFY"]:
                self.discovery.send_from("ssdp", dev, to_bytes(served_raw(p, r, dev.ip)), SSDP_DEST)
            elif proto == "sadp" and req == ["Hello"]:
                self.discovery.send_from("sadp", dev, to_bytes(served_raw(p, r, dev.ip)), SADP_DEST)
            elif proto == "dhip" and not r.get("verbatim"):
                # Dahua devices multicast their client.notifyDevInfo (the search reply's body)
                pkt = to_bytes(served_raw(p, r, dev.ip))
                self.discovery.send_from("dhip", dev, dhip_packet(dhip_body(pkt)), DHIP_DEST)
        lldp = p.get("lldp")
        if ifname and mac and isinstance(lldp, dict):
            self._raw_send(ifname, lldp_frame(mac, str(lldp.get("system_name", "")),
                                              str(lldp.get("system_description", "")), dev.ip))
        if any(r.get("protocol") == "mdns" for r in p.get("responses", [])):
            ann = mdns_records(dev).announcement()
            if ann:
                self.discovery.send_from("mdns", dev, ann, (MDNS_GROUP, MDNS_PORT))
        self._lookups(dev, p)

    def _lookups(self, dev: UdpDevice, p: dict[str, Any]) -> None:
        names = cloud_domains(p)
        if names:
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                    s.bind((dev.ip, 0))
                    for name in names:
                        s.sendto(dns_query(name, random.getrandbits(16)), (self.resolver, 53))
            except OSError as exc:
                logger.debug("DNS look-ups from %s failed: %s", dev.name, exc)

    async def run(self, stop: asyncio.Event) -> None:
        """Announce plain hosts once, then every device every ``interval`` s until ``stop`` is set."""
        for ifname, mac, ip in self.plain:
            self._raw_send(ifname, gratuitous_arp(mac, ip))
        while not stop.is_set():
            for dev in self.devices:
                try:
                    self._announce(dev)
                except Exception:  # noqa: BLE001 - one profile must not stop the others
                    logger.exception("chatter for %s failed", dev.name)
                await asyncio.sleep(0)  # let the services answer between devices
            self.rounds += 1
            try:
                await asyncio.wait_for(stop.wait(), self.interval)
            except asyncio.TimeoutError:
                continue
