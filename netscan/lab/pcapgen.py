"""Synthetic captures for tests and benchmarks: frames and a classic pcap writer (pure bytes).

Pcap file layout: 24-byte global header (magic 0xa1b2c3d4, version 2.4, snaplen, link type), then
per packet a 16-byte record header (seconds, microseconds, captured length, wire length) and the
bytes (https://www.tcpdump.org/manpages/pcap-savefile.5.html).
"""

from __future__ import annotations

import socket
import struct
from typing import BinaryIO

from netscan.lab.emulator.packets import _checksum, ipv4_udp_frame, mac_bytes

LINKTYPE_ETHERNET = 1


def pcap_header(snaplen: int = 65535, linktype: int = LINKTYPE_ETHERNET) -> bytes:
    """The global header of a microsecond-resolution pcap file."""
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def pcap_record(ts: float, frame: bytes, wire_len: int | None = None) -> bytes:
    """One packet record."""
    sec = int(ts)
    usec = int((ts - sec) * 1_000_000)
    return struct.pack("<IIII", sec, usec, len(frame), wire_len or len(frame)) + frame


def write_pcap(out: BinaryIO, packets: list[tuple[float, bytes]]) -> None:
    """Write a whole pcap file."""
    out.write(pcap_header())
    for ts, frame in packets:
        out.write(pcap_record(ts, frame))


def udp_frame(src_mac: str, dst_mac: str, src_ip: str, dst_ip: str, sport: int, dport: int, payload: bytes) -> bytes:
    """Ethernet + IPv4 + UDP."""
    return ipv4_udp_frame(src_mac, mac_bytes(dst_mac), src_ip, dst_ip, sport, dport, payload)


def tcp_frame(src_mac: str, dst_mac: str, src_ip: str, dst_ip: str, sport: int, dport: int, seq: int,
              payload: bytes, flags: int = 0x18, ack: int = 1) -> bytes:
    """Ethernet + IPv4 + TCP (no options; checksum left 0: capture readers do not check it)."""
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack, 5 << 4, flags, 65535, 0, 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0,
                      socket.inet_aton(src_ip), socket.inet_aton(dst_ip))
    hdr = hdr[:10] + struct.pack("!H", _checksum(hdr)) + hdr[12:]
    return mac_bytes(dst_mac) + mac_bytes(src_mac) + b"\x08\x00" + hdr + tcp


def lldp_frame(src_mac: str, system_name: str, description: str, mgmt_ip: str | None = None) -> bytes:
    """An LLDPDU to the nearest-bridge group address (IEEE 802.1AB): chassis (MAC), port, TTL,
    system name, system description, management address, end."""

    def tlv(t: int, value: bytes) -> bytes:
        return struct.pack("!H", (t << 9) | len(value)) + value

    m = mac_bytes(src_mac)
    pdu = tlv(1, b"\x04" + m) + tlv(2, b"\x03" + m) + tlv(3, b"\x00\x78")
    pdu += tlv(5, system_name.encode()) + tlv(6, description.encode())
    if mgmt_ip:
        pdu += tlv(8, b"\x05\x01" + socket.inet_aton(mgmt_ip) + b"\x02\x00\x00\x00\x01\x00")
    pdu += tlv(0, b"")
    return b"\x01\x80\xc2\x00\x00\x0e" + m + b"\x88\xcc" + pdu
