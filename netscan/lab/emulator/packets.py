"""Byte builders for what the emulator sends: ARP, DHCP, DNS (pure); DHIP and XMEye framing come
from netscan.parsers.framing, shared with the probes and passive capture."""

from __future__ import annotations

import socket
import struct

from netscan.parsers.framing import dhip_packet, xmeye_msg_id, xmeye_packet

__all__ = ["dhip_packet", "dhcp_request", "dns_query", "gratuitous_arp", "ipv4_udp_frame", "mac_bytes", "to_bytes",
           "xmeye_msg_id", "xmeye_packet"]

ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
BROADCAST_MAC = b"\xff" * 6


def mac_bytes(mac: str) -> bytes:
    """``aa:bb:..`` -> 6 bytes."""
    return bytes.fromhex(mac.replace(":", "").replace("-", ""))


def to_bytes(raw: str) -> bytes:
    """A profile's raw text as wire bytes: latin-1 (how binary is stored), UTF-8 if it does not fit."""
    try:
        return raw.encode("latin-1")
    except UnicodeEncodeError:
        return raw.encode("utf-8")


def gratuitous_arp(mac: str, ip: str) -> bytes:
    """An Ethernet frame announcing ``ip`` at ``mac`` (ARP request, sender = target = ip; RFC 5227 §3)."""
    m = mac_bytes(mac)
    a = socket.inet_aton(ip)
    arp = struct.pack("!HHBBH", 1, ETH_P_IP, 6, 4, 1) + m + a + b"\x00" * 6 + a
    return BROADCAST_MAC + m + struct.pack("!H", ETH_P_ARP) + arp


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\x00"
    s = int(sum(struct.unpack(f"!{len(data) // 2}H", data)))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def ipv4_udp_frame(src_mac: str, dst_mac: bytes, src_ip: str, dst_ip: str, sport: int, dport: int, payload: bytes) -> bytes:
    """Ethernet + IPv4 + UDP (UDP checksum 0 = none, allowed for IPv4 by RFC 768)."""
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                      socket.inet_aton(src_ip), socket.inet_aton(dst_ip))
    hdr = hdr[:10] + struct.pack("!H", _checksum(hdr)) + hdr[12:]
    return dst_mac + mac_bytes(src_mac) + struct.pack("!H", ETH_P_IP) + hdr + udp


def dhcp_request(mac: str, requested_ip: str, hostname: str | None, vendor_class: str | None, xid: int) -> bytes:
    """A broadcast DHCPREQUEST frame (RFC 2131 §4.3.2, INIT-REBOOT) with options 12 and 60."""
    m = mac_bytes(mac)
    bootp = struct.pack("!BBBBIHH4s4s4s4s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4, b"\0" * 4, b"\0" * 4)
    bootp += m + b"\x00" * 10 + b"\x00" * 64 + b"\x00" * 128 + b"\x63\x82\x53\x63"
    opts = b"\x35\x01\x03"  # DHCP message type: REQUEST
    opts += b"\x3d\x07\x01" + m  # client identifier
    opts += b"\x32\x04" + socket.inet_aton(requested_ip)
    if hostname:
        h = hostname.encode("latin-1", "replace")[:255]
        opts += b"\x0c" + bytes([len(h)]) + h
    if vendor_class:
        v = vendor_class.encode("latin-1", "replace")[:255]
        opts += b"\x3c" + bytes([len(v)]) + v
    opts += b"\x37\x06\x01\x03\x06\x0c\x0f\x2a"  # parameter request list
    opts += b"\xff"
    payload = bootp + opts
    payload += b"\x00" * max(0, 300 - len(payload))  # BOOTP minimum size
    return ipv4_udp_frame(mac, BROADCAST_MAC, "0.0.0.0", "255.255.255.255", 68, 67, payload)


def dns_query(name: str, qid: int) -> bytes:
    """A DNS query for the A record of ``name`` (RFC 1035 §4.1), recursion desired."""
    q = b""
    for label in name.strip(".").split(".")[:20]:
        lb = label.encode("ascii", "replace")[:63]
        q += bytes([len(lb)]) + lb
    return struct.pack("!HHHHHH", qid & 0xFFFF, 0x0100, 1, 0, 0, 0) + q + b"\x00" + struct.pack("!HH", 1, 1)
