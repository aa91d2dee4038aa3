"""TVT (Shenzhen TVT Digital; Provision-ISR and other OEM labels) LAN discovery: read-only searches.

* XML search: an SSDP-form ``M-SEARCH`` to 239.255.255.250:1900 whose ``ST`` is
  ``urn:schemas-upnp-org:service:EmbeddedNetDeviceControl:1``; TVT firmware answers it (unicast,
  to the sender's port) with an ``HTTP/1.1 200 OK`` block and a ``<multicastSearchResult>`` XML
  body naming the model, firmware, MAC and ports (dannielperez/pytvt src/pytvt/discovery.py,
  reverse-engineered from TVT's IPTool; dannielperez/tvt-iptool-linux src/discovery.c).
* Layer-2 search: a 140-byte ``MHED`` packet (version 0x00010008, code 1) to 234.55.55.55:23456;
  devices answer with code 2 to the group 234.55.55.56:23456 (tvt-iptool-linux README
  "Discovery" and src/discovery.c), so the socket binds 23456 and joins that group.

Both are searches: nothing in them changes a device (the protocol's set-IP packet is never sent).
Replies are recorded as protocol ``tvt``: the XML as text, the binary reply as ``b64:``.
"""

from __future__ import annotations

import struct

from netscan.model import Response
from netscan.parsers._util import encode_raw
from netscan.parsers.tvt import L2_MAGIC, L2_REPLY, L2_SEARCH, L2_SIZE, ROOT
from netscan.probes.base import text
from netscan.probes.udp import Datagram, DiscoverySpec

PORT = 1900
GROUP = "239.255.255.250"
ST = "urn:schemas-upnp-org:service:EmbeddedNetDeviceControl:1"
REQUEST = "M-SEARCH EmbeddedNetDeviceControl"
L2_PORT = 23456
L2_SEND_GROUP = "234.55.55.55"
L2_REPLY_GROUP = "234.55.55.56"
L2_REQUEST = "MHED search"
#: Layer-2 protocol version, little-endian at offset 4.
L2_VERSION = 0x00010008


def msearch() -> bytes:
    """The XML search, as TVT's IPTool words it (``MX`` 3)."""
    return (f"M-SEARCH * HTTP/1.1\r\nHOST:{GROUP}:{PORT}\r\nMan:\"ssdp:discover\"\r\nST:{ST}\r\nMX:3\r\n\r\n").encode()


def l2_search() -> bytes:
    """The Layer-2 search request: ``MHED``, version, code 1, zero padding to 140 bytes."""
    return struct.pack("<4sII", L2_MAGIC, L2_VERSION, L2_SEARCH).ljust(L2_SIZE, b"\0")


def is_reply(data: bytes) -> bool:
    """A TVT discovery reply (XML result, or a Layer-2 packet with the reply code)?"""
    if data[:4] == L2_MAGIC:
        return len(data) >= 12 and struct.unpack_from("<I", data, 8)[0] == L2_REPLY
    return ("<" + ROOT).encode() in data[:8192]


def _l2_response(d: Datagram) -> Response:
    return Response(protocol="tvt", port=L2_PORT, request=L2_REQUEST, raw=encode_raw(d.data[:4096]))


def _xml_response(d: Datagram) -> Response:
    data = d.data[:65536]
    try:
        raw = data.decode("utf-8")  # device names in the reply's own encoding
    except UnicodeDecodeError:
        raw = text(data)
    return Response(protocol="tvt", port=PORT, request=REQUEST, raw=raw)


def spec() -> DiscoverySpec:
    """The XML search as a DiscoverySpec (replies come back unicast to our own port)."""
    return DiscoverySpec(protocol="tvt", port=PORT, group=GROUP, payloads=lambda: [msearch()], accept=is_reply,
                         request=REQUEST, to_response=_xml_response)


def l2_spec() -> DiscoverySpec:
    """The Layer-2 search as a DiscoverySpec: sent to 234.55.55.55, heard on 234.55.55.56:23456."""
    return DiscoverySpec(protocol="tvt", port=L2_PORT, group=L2_SEND_GROUP, payloads=lambda: [l2_search()],
                         bind_port=L2_PORT, join=True, join_group=L2_REPLY_GROUP, accept=is_reply,
                         request=L2_REQUEST, to_response=_l2_response)
