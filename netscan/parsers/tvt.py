"""TVT (Shenzhen TVT Digital) LAN discovery replies, as TVT's IPTool and the OEM labels' tools
(Provision-ISR, ...) search for them. Two forms, both read here:

* the XML reply to an SSDP-form ``M-SEARCH`` whose ``ST`` is
  ``urn:schemas-upnp-org:service:EmbeddedNetDeviceControl:1`` (UDP 1900): an optional
  ``HTTP/1.1 200 OK`` header block, then ``<multicastSearchResult>`` with ``tcpIp`` (devName,
  ipAddr, mask, gateway, dns1/2, macAddr, dhcpSwitch), ``port`` (dataPort, httpPort) and
  ``productInfo`` (devName, productModel, productSeries, softwareVer, softwareBulildDate [sic],
  kernelVer) sections (dannielperez/pytvt src/pytvt/discovery.py, reverse-engineered from TVT's
  IPTool; dannielperez/tvt-iptool-linux src/discovery.c and tests/test-parser.c);
* the binary "Layer-2" reply on UDP 23456 (multicast to 234.55.55.56): 140 bytes starting
  ``MHED``, a little-endian version (0x00010008), a message code (1 search request, 2 reply), the
  device name (20 bytes, NUL-padded) at 0x0c, the MAC at 0x20, the data port (LE16) at 0x26, the
  IPv4 address, mask and gateway at 0x28/0x2c/0x30, the HTTP port (LE16) at 0x3c and a device
  type code (LE32) at 0x40 (tvt-iptool-linux src/discovery.c ``parse_l2_response``).

Fields: ``tvt.message`` (``multicastSearchResult``, ``MHED reply``, ``MHED search``), ``tvt.<section>.<element>`` for
every leaf of the XML (``tvt.productInfo.productModel``, ``tvt.tcpIp.macAddr``...), and
``tvt.l2.<name>`` for the binary reply. Input is hostile: XML through defusedxml, sizes capped,
an ill-formed reply read element by element (``tvt.malformed``), never an exception.
"""

from __future__ import annotations

import re
import struct

from netscan.parsers._util import MAX_PARSE_BYTES, Fields, Unreadable, add, decode_raw, local, parse_xml

ROOT = "multicastSearchResult"
L2_MAGIC = b"MHED"
#: Size of a Layer-2 search request or reply.
L2_SIZE = 140
#: Message codes at offset 8 of a Layer-2 packet.
L2_SEARCH, L2_REPLY = 1, 2
#: Layer-2 device type codes (tvt-iptool-linux ``l2_device_type``).
L2_TYPES = {2: "NVR", 3: "DVR", 4: "IPC", 5: "Storage", 6: "MDVR", 8: "Decoder", 0x10101: "NetKeyboard"}

#: A leaf ``<name>text</name>`` (read one by one when the document is ill-formed).
_LEAF = re.compile(r"<([A-Za-z][\w.-]{0,63})>([^<>]{0,1024})</\1>")
#: An opening tag of one of the reply's sections (for naming leaves read one by one).
_SECTION = re.compile(r"<(tcpIp|port|productInfo)>")


def _ipv4(b: bytes) -> str:
    return "" if b == b"\0\0\0\0" else ".".join(str(x) for x in b)


def _l2_text(b: bytes) -> str:
    text = b.split(b"\0", 1)[0]
    try:
        return text.decode("utf-8").strip()
    except UnicodeDecodeError:
        return text.decode("latin-1").strip()


def l2_fields(data: bytes) -> Fields:
    """A Layer-2 (``MHED``) packet's fields; a search request says only that it is one."""
    fields: Fields = {}
    if len(data) < 12:
        return {"tvt.message": ["MHED"], "tvt.unreadable": ["short MHED packet"]}
    code = struct.unpack_from("<I", data, 8)[0]
    add(fields, "tvt.message", {L2_SEARCH: "MHED search", L2_REPLY: "MHED reply"}.get(code, "MHED"))
    add(fields, "tvt.l2.code", code)
    if code != L2_REPLY:
        return fields  # a search request (ours, or another tool's): no device in it
    if len(data) < 0x44:
        add(fields, "tvt.unreadable", "short MHED reply")
        return fields
    name = _l2_text(data[0x0C:0x20])
    add(fields, "tvt.l2.name", name or None)
    mac = data[0x20:0x26]
    if mac != b"\0" * 6:
        add(fields, "tvt.l2.mac", ":".join(f"{x:02x}" for x in mac))
    add(fields, "tvt.l2.dataPort", struct.unpack_from("<H", data, 0x26)[0])
    for off, key in ((0x28, "ip"), (0x2C, "mask"), (0x30, "gateway")):
        add(fields, f"tvt.l2.{key}", _ipv4(data[off : off + 4]) or None)
    add(fields, "tvt.l2.httpPort", struct.unpack_from("<H", data, 0x3C)[0])
    typ = struct.unpack_from("<I", data, 0x40)[0]
    add(fields, "tvt.l2.deviceType", L2_TYPES.get(typ, str(typ)))
    return fields


def _lenient(body: str, exc: Unreadable) -> Fields:
    """An ill-formed reply (a cut datagram, a stray byte): its leaves one by one, each named by the
    section it follows. A refused document (DTD, entities) stays refused."""
    if re.search(r"<!(?!--)", body) or str(exc).startswith("xml refused"):
        return {"tvt.unreadable": [str(exc)]}
    fields: Fields = {}
    sections = [(m.start(), m.group(1)) for m in _SECTION.finditer(body)][:50]
    found = 0
    for m in _LEAF.finditer(body):
        text = m.group(2).strip()
        if not text:
            continue
        section = next((s for at, s in reversed(sections) if at < m.start()), "")
        add(fields, f"tvt.{section}.{m.group(1)}" if section else f"tvt.{m.group(1)}", text)
        found += 1
        if found >= 200:
            break
    if not found:
        return {"tvt.unreadable": [str(exc)]}
    add(fields, "tvt.malformed", str(exc))
    return {"tvt.message": [ROOT], **fields}


def tvt_fields(raw: str, request: str = "") -> Fields:
    """One TVT discovery reply (XML or Layer-2 binary; ``b64:`` or text) as ``tvt.*`` fields."""
    got = decode_raw(raw)
    data = got if isinstance(got, bytes) else got.encode("latin-1", "replace")[:MAX_PARSE_BYTES]
    if data[:4] == L2_MAGIC:
        return l2_fields(data[:4096])
    text = got.decode("utf-8", "replace") if isinstance(got, bytes) else got
    text = text[:MAX_PARSE_BYTES]
    i = text.find("<" + ROOT)
    if i < 0:
        return {"tvt.unreadable": ["no multicastSearchResult"]}
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text[: i + 65536], re.I):
        return {"tvt.unreadable": ["xml refused: DTD"]}
    body = text[i:]
    end = body.find("</" + ROOT + ">")
    if end >= 0:
        body = body[: end + len(ROOT) + 3]
    try:
        root = parse_xml(body)
    except Unreadable as exc:
        return _lenient(body, exc)
    fields: Fields = {}
    add(fields, "tvt.message", local(root.tag))
    for child in list(root)[:100]:
        section = local(child.tag)
        if not len(child):
            add(fields, f"tvt.{section}", (child.text or "").strip() or None)
            continue
        for leaf in list(child)[:200]:
            if len(leaf):
                continue
            add(fields, f"tvt.{section}.{local(leaf.tag)}", (leaf.text or "").strip() or None)
    return fields
