"""mDNS / DNS-SD answers for emulated devices, built and parsed with python-zeroconf's DNS classes.

The sockets are the emulator's own (udp.py: one wildcard socket, replies from the device's own
address and interface); zeroconf's ``DNSIncoming``/``DNSOutgoing`` read queries and write answers.
A profile's ``mdns`` response holds records one per line in presentation format::

    _axis-video._tcp.local. PTR AXIS M1065-LW - ACCC8E7A1B2C._axis-video._tcp.local.
    AXIS M1065-LW - ACCC8E7A1B2C._axis-video._tcp.local. SRV 0 0 80 axis-accc8e7a1b2c.local.
    AXIS M1065-LW - ACCC8E7A1B2C._axis-video._tcp.local. TXT "macaddress=ACCC8E7A1B2C"
    axis-accc8e7a1b2c.local. A 192.168.1.90

Each PTR is one service (with its SRV, TXT and the host's A record, which takes the lab address).
Replies follow RFC 6762: legacy unicast (source port not 5353) goes back to the querier with the
query id and questions; QU questions are answered by unicast; others by multicast.
"""

from __future__ import annotations

import logging
import re
import shlex
import socket
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

_LINE_RE = re.compile(r"^(?P<name>.*?\.)\s+(?:\d+\s+)?(?:IN\s+)?(?P<type>PTR|SRV|TXT|A|AAAA|HINFO)\s+(?P<data>.*)$")
#: Records read from one profile (a hostile profile cannot make us answer with thousands).
MAX_RECORDS = 64
MDNS_GROUP, MDNS_PORT = "224.0.0.251", 5353
SERVICES_META = "_services._dns-sd._udp.local."
#: TTLs zeroconf itself uses: host records 120 s, others 4500 s (RFC 6762 §10).
HOST_TTL, OTHER_TTL = 120, 4500
#: Legacy unicast answers carry TTLs of at most 10 s (RFC 6762 §6.7).
LEGACY_TTL = 10


@dataclass
class ServiceSpec:
    """One DNS-SD service to answer for."""

    type_: str
    name: str
    port: int = 0
    server: str | None = None
    properties: dict[str, str] = field(default_factory=dict)


def parse_records(text: str) -> list[ServiceSpec]:
    """Services described by presentation-format lines (unknown lines are skipped)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:MAX_RECORDS]
    recs: list[tuple[str, str, str]] = []
    for ln in lines:
        m = _LINE_RE.match(ln)
        if m:
            recs.append((m.group("name"), m.group("type"), m.group("data").strip()))
    services: list[ServiceSpec] = []
    for name, rtype, data in recs:
        if rtype != "PTR" or not data.endswith(name):
            continue
        spec = ServiceSpec(type_=name, name=data)
        for n2, t2, d2 in recs:
            if n2 != data:
                continue
            if t2 == "SRV":
                parts = d2.split()
                if len(parts) >= 4 and parts[2].isdigit():
                    spec.port, spec.server = int(parts[2]), parts[3]
            elif t2 == "TXT":
                try:
                    items = shlex.split(d2)
                except ValueError:
                    items = d2.split()
                for item in items:
                    k, _, v = item.partition("=")
                    if k:
                        spec.properties[k] = v
        services.append(spec)
    return services


def _txt(props: dict[str, str]) -> bytes:
    out = b""
    for k, v in props.items():
        item = f"{k}={v}".encode("utf-8")[:255]
        out += bytes([len(item)]) + item
    return out or b"\x00"


class MdnsRecords:
    """The DNS records of one device, and its answers to queries."""

    def __init__(self, name: str, ip: str, text: str) -> None:
        from zeroconf import DNSAddress, DNSPointer, DNSService, DNSText
        from zeroconf.const import _CLASS_IN, _CLASS_UNIQUE, _TYPE_A, _TYPE_PTR, _TYPE_SRV, _TYPE_TXT

        self.records: list[Any] = []
        hosts: set[str] = set()
        for spec in parse_records(text):
            server = spec.server or f"{name}.local."
            hosts.add(server)
            self.records += [
                DNSPointer(SERVICES_META, _TYPE_PTR, _CLASS_IN, OTHER_TTL, spec.type_),
                DNSPointer(spec.type_, _TYPE_PTR, _CLASS_IN, OTHER_TTL, spec.name),
                DNSService(spec.name, _TYPE_SRV, _CLASS_IN | _CLASS_UNIQUE, HOST_TTL, 0, 0, spec.port or 80, server),
                DNSText(spec.name, _TYPE_TXT, _CLASS_IN | _CLASS_UNIQUE, OTHER_TTL, _txt(spec.properties)),
            ]
        for host in sorted(hosts):
            self.records.append(DNSAddress(host, _TYPE_A, _CLASS_IN | _CLASS_UNIQUE, HOST_TTL, socket.inet_aton(ip)))

    def _related(self, rec: Any) -> list[Any]:
        """Additional records for an answer (RFC 6763 §12): SRV/TXT/A for a PTR, A for an SRV."""
        from zeroconf.const import _TYPE_A, _TYPE_PTR, _TYPE_SRV, _TYPE_TXT

        out = []
        if rec.type == _TYPE_PTR:
            out += [r for r in self.records if r.name.lower() == rec.alias.lower() and r.type in (_TYPE_SRV, _TYPE_TXT)]
        for srv in [r for r in out + [rec] if r.type == _TYPE_SRV]:
            out += [r for r in self.records if r.type == _TYPE_A and r.name.lower() == srv.server.lower()]
        return out

    def answer(self, data: bytes, legacy: bool) -> bytes | None:
        """The response to a query datagram, or None when no question is about this device."""
        from zeroconf import DNSIncoming, DNSOutgoing
        from zeroconf.const import _FLAGS_AA, _FLAGS_QR_RESPONSE, _TYPE_ANY

        msg = DNSIncoming(data)
        if not msg.valid or not msg.is_query():
            return None
        answers: list[Any] = []
        for q in msg.questions:
            for rec in self.records:
                if rec.name.lower() == q.name.lower() and q.type in (rec.type, _TYPE_ANY) and rec not in answers:
                    answers.append(rec)
        if not answers:
            return None
        extra = [r for a in answers for r in self._related(a) if r not in answers]
        out = DNSOutgoing(_FLAGS_QR_RESPONSE | _FLAGS_AA, not legacy, msg.id if legacy else 0)
        if legacy:
            for q in msg.questions:
                out.add_question(q)
        for rec in answers:
            out.add_answer_at_time(rec, 0)
        seen: list[Any] = []
        for rec in extra:
            if rec not in seen:
                seen.append(rec)
                out.add_additional_answer(rec)
        packets = out.packets()
        return packets[0] if packets else None

    def announcement(self) -> bytes | None:
        """An unsolicited response carrying every record (RFC 6762 §8.3)."""
        from zeroconf import DNSOutgoing
        from zeroconf.const import _FLAGS_AA, _FLAGS_QR_RESPONSE

        if not self.records:
            return None
        out = DNSOutgoing(_FLAGS_QR_RESPONSE | _FLAGS_AA, True, 0)
        for rec in self.records:
            out.add_answer_at_time(rec, 0)
        packets = out.packets()
        return packets[0] if packets else None


def is_qu(data: bytes) -> bool:
    """Whether any question asks for a unicast response (top bit of its class)."""
    try:
        from zeroconf import DNSIncoming

        msg = DNSIncoming(data)
        return bool(msg.valid and msg.has_qu_question())
    except Exception:  # noqa: BLE001 - hostile bytes
        return False
