"""ONVIF WS-Discovery: a multicast Probe for NetworkVideoTransmitter and Device (UDP 3702).

WS-Discovery 2005/04 with WS-Addressing 2004/08, as ONVIF Core §"Discovery" requires (the OASIS
2009 namespace is a different probe that ONVIF devices do not answer). Replies are ProbeMatches
sent unicast to our port; each is recorded raw (``wsd``).
"""

from __future__ import annotations

import uuid

from netscan.probes.udp import DiscoverySpec

PORT = 3702
GROUP = "239.255.255.250"


def probe(types: str = "dn:NetworkVideoTransmitter tds:Device") -> bytes:
    """One Probe envelope with a fresh MessageID."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
        'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" '
        'xmlns:dn="http://www.onvif.org/ver10/network/wsdl" '
        'xmlns:tds="http://www.onvif.org/ver10/device/wsdl">'
        "<e:Header>"
        f"<w:MessageID>urn:uuid:{uuid.uuid4()}</w:MessageID>"
        "<w:To e:mustUnderstand=\"true\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>"
        '<w:Action e:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action>'
        "</e:Header>"
        f"<e:Body><d:Probe><d:Types>{types}</d:Types></d:Probe></e:Body>"
        "</e:Envelope>"
    ).encode()


def _accept(data: bytes) -> bool:
    head = data[:4096]
    return b"ProbeMatch" in head or b"Hello" in head or b"ProbeMatch" in data


def spec() -> DiscoverySpec:
    """WS-Discovery as a DiscoverySpec (two probes: NVT, then Device)."""
    return DiscoverySpec(
        protocol="wsd", port=PORT, group=GROUP,
        payloads=lambda: [probe("dn:NetworkVideoTransmitter"), probe("tds:Device")],
        accept=_accept, request="Probe dn:NetworkVideoTransmitter tds:Device",
    )
