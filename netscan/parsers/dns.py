"""DNS look-ups a device made: ``dns.query`` (the names asked), ``dns.answer`` (``name=address``).

A ``b64:`` raw is one DNS message (query or response, RFC 1035 §4); the older shape is names,
one per line. Which names belong to a maker's cloud is signature data (signatures/cloud.yaml).
"""

from __future__ import annotations

from netscan.parsers._util import Fields, add, decode_raw
from netscan.parsers.dnswire import TYPE_A, TYPE_AAAA, DnsError, decode, type_name


def packet_fields(data: bytes) -> Fields:
    """Fields of one DNS message."""
    try:
        msg = decode(data)
    except DnsError as exc:
        return {"dns.unreadable": [str(exc)]}
    fields: Fields = {}
    for name, qtype in msg.questions:
        if name:
            add(fields, "dns.query", name.lower())
            add(fields, "dns.qtype", type_name(qtype))
    for r in msg.records:
        if r.rtype in (TYPE_A, TYPE_AAAA) and r.address and r.section == "answer":
            add(fields, "dns.answer", f"{r.name.lower()}={r.address}")
    if msg.is_response:
        add(fields, "dns.rcode", msg.rcode)
    return fields


def dns_fields(raw: str, request: str = "") -> Fields:
    """Names a device looked up: a ``b64:`` DNS message, or names one per line (older shape)."""
    data = decode_raw(raw)
    if isinstance(data, bytes):
        return packet_fields(data)
    fields: Fields = {}
    for line in data[:65536].splitlines()[:500]:
        name = line.strip().split()[0].rstrip(".").lower() if line.strip() else ""
        if name:
            add(fields, "dns.query", name)
    return fields
