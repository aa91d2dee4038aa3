"""Parsers from bytes: mDNS/DNS packets, DHCP messages, UPnP mappings, SSDP LOCATION, framing.

The ``b64:`` shape (packets as they came) and the older text shape give the same fields, so old
observation files identify as before."""

from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.lab.emulator.mdns import MdnsRecords
from netscan.lab.emulator.packets import dhcp_request, dns_query
from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers._util import decode_raw, encode_raw
from netscan.parsers.discovery import mdns_owner, port_mapping, ssdp_location
from netscan.parsers.dnswire import DnsError, decode, presentation
from netscan.parsers.framing import dhip_body, dhip_packet, is_dhip, xmeye_msg_id, xmeye_packet

AXIS_TEXT = ('_axis-video._tcp.local. PTR AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local.\n'
             'AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local. TXT "macaddress=ACCC8E7A1B2C" "path=/"\n')


def _ip_header_free(frame: bytes) -> bytes:
    return frame[14 + 20 + 8 :]  # Ethernet + IPv4 (no options) + UDP


def test_b64_round_trip() -> None:
    assert decode_raw(encode_raw(b"\x00\xffabc")) == b"\x00\xffabc"
    assert decode_raw("plain text") == "plain text"
    assert decode_raw("b64:!!!not base64") == "b64:!!!not base64"


def test_mdns_packet_and_old_text_give_the_same_fields() -> None:
    packet = MdnsRecords("axis", "10.9.0.5", AXIS_TEXT).announcement()
    assert packet is not None
    new = fields(Response("mdns", encode_raw(packet), 5353))
    old = fields(Response("mdns", presentation(decode(packet)), 5353))
    assert new == old
    assert new["mdns.instance"] == ["AXIS M3045-V - ACCC8E7A1B2C"]
    assert new["mdns.txt.macaddress"] == ["ACCC8E7A1B2C"]
    assert "_axis-video._tcp.local" in new["mdns.service"]
    assert mdns_owner(encode_raw(packet), "10.9.0.99") == "10.9.0.5"
    assert mdns_owner(presentation(decode(packet)), "10.9.0.99") == "10.9.0.5"


def test_dns_query_packet() -> None:
    f = fields(Response("dns", encode_raw(dns_query("p2p.hik-connect.com", 7)), 53))
    assert f["dns.query"] == ["p2p.hik-connect.com"] and f["dns.qtype"] == ["A"]
    assert fields(Response("dns", "p2p.hik-connect.com\nwww.secu100.net\n"))["dns.query"] == ["p2p.hik-connect.com", "www.secu100.net"]


def test_dns_answer_and_compression_loop() -> None:
    q = dns_query("a.xmcsrv.net", 1)
    # a response: same question, one answer whose name is a pointer to the question name (offset 12)
    resp = bytearray(q)
    resp[2:4] = b"\x81\x80"
    resp[6:8] = b"\x00\x01"
    resp += b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([1, 2, 3, 4])
    f = fields(Response("dns", encode_raw(bytes(resp))))
    assert f["dns.answer"] == ["a.xmcsrv.net=1.2.3.4"] and f["dns.rcode"] == ["0"]
    loop = struct.pack("!HHHHHH", 1, 0, 1, 0, 0, 0) + b"\xc0\x0c" + b"\x00\x01\x00\x01"
    try:
        decode(loop)
    except DnsError:
        pass
    else:  # pragma: no cover
        raise AssertionError("pointer loop accepted")
    assert "dns.unreadable" in fields(Response("dns", encode_raw(loop)))


def test_dhcp_options_from_bytes() -> None:
    frame = dhcp_request("44:19:b6:01:02:03", "10.9.0.7", "HIKVISION-DS2CD", "udhcp 1.19.4", 0x1234)
    f = fields(Response("dhcp", encode_raw(_ip_header_free(frame)), 67))
    assert f["dhcp.hostname"] == ["HIKVISION-DS2CD"]
    assert f["dhcp.vendor_class"] == ["udhcp 1.19.4"]
    assert f["dhcp.parameter_request_list"] == ["1,3,6,12,15,42"]
    assert f["dhcp.message_type"] == ["REQUEST"]
    assert f["dhcp.client_mac"] == ["44:19:b6:01:02:03"]
    assert f["dhcp.requested_ip"] == ["10.9.0.7"]
    old = fields(Response("dhcp", "hostname: HIKVISION-DS2CD\nvendor_class: udhcp 1.19.4\n"))
    assert old["dhcp.hostname"] == f["dhcp.hostname"] and old["dhcp.vendor_class"] == f["dhcp.vendor_class"]


def test_upnp_mapping_one_decode() -> None:
    body = ('HTTP/1.1 200 OK\r\n\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
            '<u:GetGenericPortMappingEntryResponse xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">'
            '<NewExternalPort>8080</NewExternalPort><NewProtocol>TCP</NewProtocol><NewInternalPort>80</NewInternalPort>'
            '<NewInternalClient>10.9.0.64</NewInternalClient></u:GetGenericPortMappingEntryResponse></s:Body></s:Envelope>')
    m = port_mapping(body)
    assert m is not None and m["NewExternalPort"] == "8080" and m["NewInternalClient"] == "10.9.0.64"
    assert fields(Response("upnp", body))["upnp.mapping.NewInternalClient"] == ["10.9.0.64"]
    assert port_mapping(body.replace("<NewProtocol>", "<s:Fault/><NewProtocol>")) is None
    from netscan.findings.context import parse_mapping

    pm = parse_mapping(body, "10.9.0.1")
    assert pm is not None and (pm.external_port, pm.internal_client) == (8080, "10.9.0.64")


def test_ssdp_location() -> None:
    raw = "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nLocation: http://10.9.0.1:1900/rootDesc.xml\r\n\r\n"
    assert ssdp_location(raw) == "http://10.9.0.1:1900/rootDesc.xml"
    assert ssdp_location("HTTP/1.1 200 OK\r\n\r\n") is None


def test_framing_both_ways() -> None:
    pkt = dhip_packet(b'{"method":"client.notifyDevInfo"}')
    assert is_dhip(pkt) and dhip_body(pkt) == b'{"method":"client.notifyDevInfo"}'
    assert xmeye_msg_id(xmeye_packet(b"{}", 1531)) == 1531
    assert xmeye_msg_id(b"\x00" * 20) is None
    f = fields(Response("dhip", encode_raw(dhip_packet(b'{"method":"x","params":{"deviceInfo":{"DeviceType":"IPC-HFW"}}}'))))
    assert f["dhip.DeviceType"] == ["IPC-HFW"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=1500), st.sampled_from(["mdns", "dns", "dhcp", "dhip", "xmeye", "sadp"]))
def test_hostile_packets_never_raise(data: bytes, proto: str) -> None:
    f = fields(Response(proto, encode_raw(data)))
    assert isinstance(f, dict)
