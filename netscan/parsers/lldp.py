"""Link-layer neighbour announcements from bytes: LLDP (IEEE 802.1AB) and Cisco CDP.

LLDP: a sequence of TLVs, each a 16-bit header (7-bit type, 9-bit length) then the value:
1 chassis ID (subtype 4 = MAC address), 2 port ID, 4 port description, 5 system name,
6 system description, 8 management address, 0 end. Fields ``lldp.chassis_mac``,
``lldp.chassis_id``, ``lldp.port_id``, ``lldp.port_description``, ``lldp.system_name``,
``lldp.system_description``, ``lldp.mgmt_ip``.

CDP (the payload after the LLC/SNAP header, OUI 00000c type 0x2000): version, TTL, checksum, then
TLVs of 16-bit type and 16-bit length (length includes the 4-byte header): 1 device ID,
2 addresses, 3 port ID, 5 software version, 6 platform. Fields ``cdp.device_id``,
``cdp.software_version``, ``cdp.platform``, ``cdp.port_id``, ``cdp.address``.
"""

from __future__ import annotations

import ipaddress
import struct

from netscan.parsers._util import Fields, add, decode_raw

#: TLVs read per PDU (an Ethernet frame holds at most ~750 empty TLVs; real PDUs carry about ten).
MAX_TLVS = 128


def _text(value: bytes) -> str:
    return value.rstrip(b"\x00").decode("utf-8", "replace").strip()


def _mac(value: bytes) -> str:
    return ":".join(f"{b:02x}" for b in value)


def lldp_packet_fields(data: bytes) -> Fields:
    """Fields of one LLDPDU (the Ethernet payload after EtherType 0x88cc)."""
    fields: Fields = {}
    i = 0
    for _ in range(MAX_TLVS):
        if i + 2 > len(data):
            break
        head = struct.unpack_from("!H", data, i)[0]
        ttype, length = head >> 9, head & 0x1FF
        value = data[i + 2 : i + 2 + length]
        i += 2 + length
        if ttype == 0:
            break
        if ttype == 1 and value:
            if value[0] == 4 and len(value) == 7:
                add(fields, "lldp.chassis_mac", _mac(value[1:]))
            else:
                add(fields, "lldp.chassis_id", _text(value[1:]))
        elif ttype == 2 and value:
            add(fields, "lldp.port_id", _mac(value[1:]) if value[0] == 3 and len(value) == 7 else _text(value[1:]))
        elif ttype == 4:
            add(fields, "lldp.port_description", _text(value))
        elif ttype == 5:
            add(fields, "lldp.system_name", _text(value))
        elif ttype == 6:
            add(fields, "lldp.system_description", _text(value))
        elif ttype == 8 and len(value) >= 2:
            alen, subtype = value[0], value[1]
            addr = value[2 : 1 + alen]
            if subtype == 1 and len(addr) == 4:
                add(fields, "lldp.mgmt_ip", str(ipaddress.IPv4Address(addr)))
            elif subtype == 2 and len(addr) == 16:
                add(fields, "lldp.mgmt_ip", str(ipaddress.IPv6Address(addr)))
    if not fields:
        return {"lldp.unreadable": ["no LLDP TLVs"]}
    return fields


def _cdp_addresses(value: bytes, fields: Fields) -> None:
    if len(value) < 4:
        return
    count = struct.unpack_from("!I", value, 0)[0]
    i = 4
    for _ in range(min(count, 16)):
        if i + 2 > len(value):
            return
        plen = value[i + 1]
        proto = value[i + 2 : i + 2 + plen]
        j = i + 2 + plen
        if j + 2 > len(value):
            return
        alen = struct.unpack_from("!H", value, j)[0]
        addr = value[j + 2 : j + 2 + alen]
        if proto == b"\xcc" and len(addr) == 4:  # NLPID for IPv4
            add(fields, "cdp.address", str(ipaddress.IPv4Address(addr)))
        i = j + 2 + alen


def cdp_packet_fields(data: bytes) -> Fields:
    """Fields of one CDP PDU (after the SNAP header)."""
    if len(data) < 4:
        return {"cdp.unreadable": ["too short"]}
    fields: Fields = {}
    add(fields, "cdp.version", data[0])
    i = 4
    for _ in range(MAX_TLVS):
        if i + 4 > len(data):
            break
        ttype, length = struct.unpack_from("!HH", data, i)
        if length < 4:
            break
        value = data[i + 4 : i + length]
        i += length
        if ttype == 1:
            add(fields, "cdp.device_id", _text(value))
        elif ttype == 2:
            _cdp_addresses(value, fields)
        elif ttype == 3:
            add(fields, "cdp.port_id", _text(value))
        elif ttype == 5:
            add(fields, "cdp.software_version", _text(value))
        elif ttype == 6:
            add(fields, "cdp.platform", _text(value))
    return fields


def lldp_fields(raw: str, request: str = "") -> Fields:
    """A recorded LLDPDU (``b64:``)."""
    data = decode_raw(raw)
    return lldp_packet_fields(data if isinstance(data, bytes) else data.encode("latin-1", "replace"))


def cdp_fields(raw: str, request: str = "") -> Fields:
    """A recorded CDP PDU (``b64:``)."""
    data = decode_raw(raw)
    return cdp_packet_fields(data if isinstance(data, bytes) else data.encode("latin-1", "replace"))
