"""DHCP (BOOTP) messages from bytes: RFC 2131 §2 (fixed header), RFC 2132 (options).

Fields: ``dhcp.message_type`` (DISCOVER, REQUEST…), ``dhcp.client_mac``, ``dhcp.hostname``
(option 12), ``dhcp.vendor_class`` (option 60), ``dhcp.parameter_request_list`` (option 55, the
option codes in order, comma-separated: a client fingerprint as used by fingerbank), and
``dhcp.requested_ip`` (option 50). The older text shape (``key: value`` lines) still reads.
"""

from __future__ import annotations

import ipaddress
import re

from netscan.parsers._util import Fields, add, decode_raw

#: BOOTP fixed part (236 octets) + magic cookie.
_FIXED = 236
_COOKIE = b"\x63\x82\x53\x63"
#: Options walked per message (a message is at most 576 octets on most links; the cap bounds loops).
MAX_OPTIONS = 255
_MESSAGE_TYPES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE", 5: "ACK", 6: "NAK", 7: "RELEASE", 8: "INFORM"}


def _text(value: bytes) -> str:
    return value.rstrip(b"\x00").decode("utf-8", "replace")


def options(data: bytes) -> dict[int, bytes]:
    """The options of a DHCP message (first occurrence of each; RFC 3396 concatenation for repeats)."""
    out: dict[int, bytes] = {}
    if len(data) < _FIXED + 4 or data[_FIXED : _FIXED + 4] != _COOKIE:
        return out
    i = _FIXED + 4
    n = len(data)
    for _ in range(MAX_OPTIONS):
        if i >= n:
            break
        code = data[i]
        if code == 0:
            i += 1
            continue
        if code == 255 or i + 1 >= n:
            break
        ln = data[i + 1]
        value = data[i + 2 : i + 2 + ln]
        out[code] = out.get(code, b"") + value
        i += 2 + ln
    return out


def is_dhcp(data: bytes) -> bool:
    """A BOOTP message with the DHCP magic cookie."""
    return len(data) >= _FIXED + 4 and data[0] in (1, 2) and data[_FIXED : _FIXED + 4] == _COOKIE


def packet_fields(data: bytes) -> Fields:
    """Fields of one DHCP message."""
    if not is_dhcp(data):
        return {"dhcp.unreadable": ["not a DHCP message"]}
    fields: Fields = {}
    hlen = min(data[2], 16)
    if data[1] == 1 and hlen == 6:
        add(fields, "dhcp.client_mac", ":".join(f"{b:02x}" for b in data[28:34]))
    opts = options(data)
    if 53 in opts and opts[53]:
        add(fields, "dhcp.message_type", _MESSAGE_TYPES.get(opts[53][0], str(opts[53][0])))
    if 12 in opts:
        add(fields, "dhcp.hostname", _text(opts[12]))
    if 60 in opts:
        add(fields, "dhcp.vendor_class", _text(opts[60]))
    if 55 in opts:
        add(fields, "dhcp.parameter_request_list", ",".join(str(b) for b in opts[55]))
    if 50 in opts and len(opts[50]) == 4:
        add(fields, "dhcp.requested_ip", str(ipaddress.IPv4Address(opts[50])))
    if 81 in opts and len(opts[81]) > 3:  # client FQDN (RFC 4702): flags, rcode1, rcode2, name
        add(fields, "dhcp.fqdn", _text(opts[81][3:]))
    return fields


#: How a server's log or a decoder names the options the packet reader reads, as its fields: dnsmasq's verbose
#: log ("vendor class: MSFT 5.0", "client provides name: host", man dnsmasq --log-dhcp), Wireshark's and
#: tshark's option lines ("Vendor class identifier: udhcp 1.30.1", "Host Name: cam"), ISC dhcpd's option names
#: ("vendor-class-identifier", "host-name"). Keys are compared in lower case with "-" and "_" as blanks.
_OPTION_NAMES = {
    "vendor class": "dhcp.vendor_class", "vendor class identifier": "dhcp.vendor_class",
    "class identifier": "dhcp.vendor_class", "vendor class id": "dhcp.vendor_class",
    "host name": "dhcp.hostname", "hostname": "dhcp.hostname", "client provides name": "dhcp.hostname",
}
#: dnsmasq's log prefix before a DHCP line: a syslog stamp and host, ``dnsmasq-dhcp[pid]:`` and the exchange's
#: serial number (``Jun  8 10:01:02 gw dnsmasq-dhcp[1234]: 2712345678 vendor class: espressif``).
_DNSMASQ_PREFIX = re.compile(r"^.{0,80}?\bdnsmasq-dhcp\[\d{1,10}\]:\s*(?:\d{1,12}\s+)?")


def dhcp_fields(raw: str, request: str = "") -> Fields:
    """A recorded DHCP message: ``b64:`` bytes, or ``key: value`` lines (the older text shape, a server's log,
    a decoder's option lines), whose option names are also read as the packet's fields (``_OPTION_NAMES``)."""
    data = decode_raw(raw)
    if isinstance(data, bytes):
        return packet_fields(data)
    fields: Fields = {}
    for line in data[:65536].splitlines()[:100]:
        line = _DNSMASQ_PREFIX.sub("", line[:1024], count=1)
        k, sep, v = line.partition(":")
        if sep and k.strip():
            key = k.strip().lower()
            add(fields, f"dhcp.{key}", v.strip())
            option = _OPTION_NAMES.get(" ".join(key.replace("-", " ").replace("_", " ").split()))
            if option is not None and v.strip() and option != f"dhcp.{key}":
                add(fields, option, v.strip())
    return fields
