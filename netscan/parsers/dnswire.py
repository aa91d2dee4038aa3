"""DNS messages from bytes (RFC 1035 §4; mDNS uses the same format, RFC 6762 §18).

Pure and hostile-input safe: name compression is followed at most ``MAX_POINTERS`` times per
name, every count is capped, and a packet that ends early keeps what was read before the cut.
``decode`` returns a ``Message``; ``presentation`` renders its records one per line in the form
the older observation files carry (``<name> PTR <target>``, ``<name> TXT "k=v" …``,
``<name> SRV <prio> <weight> <port> <host>``, ``<name> A <address>``), so old and new files
give the same fields.
"""

from __future__ import annotations

import ipaddress
import struct
from dataclasses import dataclass, field

#: Records read per message (a hostile responder cannot make one packet cost much).
MAX_RECORDS = 200
#: Questions read per message.
MAX_QUESTIONS = 64
#: Compression pointers followed in one name (RFC 1035 allows chains; loops end here).
MAX_POINTERS = 32
#: Longest name in octets (RFC 1035 §2.3.4).
MAX_NAME = 255
#: TXT strings kept per record.
MAX_TXT_STRINGS = 64

TYPE_A, TYPE_PTR, TYPE_HINFO, TYPE_TXT, TYPE_AAAA, TYPE_SRV = 1, 12, 13, 16, 28, 33
_TYPE_NAMES = {1: "A", 2: "NS", 5: "CNAME", 12: "PTR", 13: "HINFO", 16: "TXT", 28: "AAAA", 33: "SRV", 255: "ANY"}


class DnsError(ValueError):
    """The bytes are not a DNS message."""


@dataclass(frozen=True)
class Record:
    """One resource record, its rdata decoded for the types DNS-SD uses."""

    name: str
    rtype: int
    section: str
    """``answer``, ``authority`` or ``additional``."""
    ttl: int = 0
    target: str = ""
    """PTR/CNAME target or SRV host."""
    port: int = 0
    priority: int = 0
    weight: int = 0
    address: str = ""
    txt: tuple[bytes, ...] = ()
    hinfo: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Message:
    """A decoded DNS message."""

    id: int
    flags: int
    questions: tuple[tuple[str, int], ...] = ()
    records: tuple[Record, ...] = field(default_factory=tuple)
    truncated: bool = False
    """The packet ended inside a record (what came before is kept)."""

    @property
    def is_response(self) -> bool:
        return bool(self.flags & 0x8000)

    @property
    def rcode(self) -> int:
        return self.flags & 0xF


def _name(data: bytes, pos: int) -> tuple[str, int]:
    """Read a (possibly compressed) name at ``pos``; returns (name without trailing dot, next pos)."""
    labels: list[str] = []
    end = -1
    jumps = 0
    total = 0
    n = len(data)
    while True:
        if pos >= n:
            raise DnsError("name runs past the end")
        ln = data[pos]
        if ln == 0:
            pos += 1
            break
        if ln & 0xC0 == 0xC0:
            if pos + 1 >= n:
                raise DnsError("cut pointer")
            jumps += 1
            if jumps > MAX_POINTERS:
                raise DnsError("pointer loop")
            if end < 0:
                end = pos + 2
            pos = ((ln & 0x3F) << 8) | data[pos + 1]
            continue
        if ln & 0xC0:
            raise DnsError("bad label type")
        label = data[pos + 1 : pos + 1 + ln]
        if len(label) < ln:
            raise DnsError("cut label")
        total += ln + 1
        if total > MAX_NAME:
            raise DnsError("name too long")
        labels.append(label.decode("utf-8", "replace"))
        pos += 1 + ln
    return ".".join(labels), (end if end >= 0 else pos)


def _rdata(data: bytes, pos: int, rdlen: int, rtype: int) -> dict[str, object]:
    rd = data[pos : pos + rdlen]
    if rtype in (TYPE_PTR, 2, 5):
        return {"target": _name(data, pos)[0]}
    if rtype == TYPE_SRV and rdlen >= 7:
        prio, weight, port = struct.unpack_from("!HHH", data, pos)
        return {"priority": prio, "weight": weight, "port": port, "target": _name(data, pos + 6)[0]}
    if rtype == TYPE_A and rdlen == 4:
        return {"address": str(ipaddress.IPv4Address(rd))}
    if rtype == TYPE_AAAA and rdlen == 16:
        return {"address": str(ipaddress.IPv6Address(rd))}
    if rtype == TYPE_TXT:
        strings: list[bytes] = []
        i = 0
        while i < len(rd) and len(strings) < MAX_TXT_STRINGS:
            ln = rd[i]
            strings.append(rd[i + 1 : i + 1 + ln])
            i += 1 + ln
        return {"txt": tuple(strings)}
    if rtype == TYPE_HINFO and rdlen >= 2:
        c = rd[0]
        cpu = rd[1 : 1 + c]
        o = rd[1 + c] if 1 + c < len(rd) else 0
        os_ = rd[2 + c : 2 + c + o]
        return {"hinfo": (cpu.decode("utf-8", "replace"), os_.decode("utf-8", "replace"))}
    return {}


def decode(data: bytes) -> Message:
    """Decode a DNS message. Raises DnsError when even the header or questions are unreadable."""
    if len(data) < 12:
        raise DnsError("shorter than a DNS header")
    qid, flags, qd, an, ns, ar = struct.unpack_from("!HHHHHH", data, 0)
    pos = 12
    questions: list[tuple[str, int]] = []
    for _ in range(min(qd, MAX_QUESTIONS)):
        name, pos = _name(data, pos)
        if pos + 4 > len(data):
            raise DnsError("cut question")
        qtype = struct.unpack_from("!H", data, pos)[0]
        questions.append((name, qtype))
        pos += 4
    records: list[Record] = []
    truncated = False
    sections = ["answer"] * an + ["authority"] * ns + ["additional"] * ar
    for section in sections[:MAX_RECORDS]:
        try:
            name, pos = _name(data, pos)
            if pos + 10 > len(data):
                raise DnsError("cut record")
            rtype, _cls, ttl, rdlen = struct.unpack_from("!HHIH", data, pos)
            pos += 10
            if pos + rdlen > len(data):
                raise DnsError("cut rdata")
            extra = _rdata(data, pos, rdlen, rtype)
            pos += rdlen
        except (DnsError, ValueError, struct.error):
            truncated = True
            break
        records.append(Record(name=name, rtype=rtype, section=section, ttl=ttl, **extra))  # type: ignore[arg-type]
    return Message(id=qid, flags=flags, questions=tuple(questions), records=tuple(records), truncated=truncated)


def type_name(rtype: int) -> str:
    """``12`` -> ``PTR``; unknown types as ``TYPE<n>`` (RFC 3597)."""
    return _TYPE_NAMES.get(rtype, f"TYPE{rtype}")


def _txt(strings: tuple[bytes, ...]) -> str:
    return " ".join(
        '"' + s.decode("utf-8", "replace").replace("\\", "\\\\").replace('"', '\\"') + '"' for s in strings
    )


def presentation(msg: Message) -> str:
    """The message's records (all sections) one per line; record types DNS-SD does not use are left out."""
    lines: list[str] = []
    for r in msg.records:
        name = r.name + "."
        if r.rtype == TYPE_PTR:
            lines.append(f"{name} PTR {r.target}.")
        elif r.rtype == TYPE_TXT:
            lines.append(f"{name} TXT {_txt(r.txt)}")
        elif r.rtype == TYPE_SRV:
            lines.append(f"{name} SRV {r.priority} {r.weight} {r.port} {r.target}.")
        elif r.rtype in (TYPE_A, TYPE_AAAA) and r.address:
            lines.append(f"{name} {'AAAA' if r.rtype == TYPE_AAAA else 'A'} {r.address}")
        elif r.rtype == TYPE_HINFO:
            lines.append(f'{name} HINFO "{r.hinfo[0]}" "{r.hinfo[1]}"')
    return "\n".join(lines)
