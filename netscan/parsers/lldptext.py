"""LLDP and CDP announcements as ``tcpdump -v`` decodes them (print-lldp.c, print-cdp.c), the text a
capture's reader or a test's expected output keeps (the-tcpdump-group/tcpdump tests/lldp_cdp-ev.out):
read into the fields the binary readers give (netscan/parsers/lldp.py), so a printed frame names what the
frame named.

LLDP: a header line ``... ethertype LLDP (0x88cc), length N: LLDP, length N`` then one line per TLV,
``System Name TLV (5), length 12: S2.cisco.com``, ``System Description TLV (6), length 190`` with the value
on the next, deeper-indented line (tcpdump writes a newline in it as ``\\0x0a``), ``Chassis ID TLV (1)``
followed by ``Subtype MAC address (4): <mac>``, ``Enabled Capabilities [Bridge] (0x0004)``. Fields
``lldp.system_name``, ``lldp.system_description``, ``lldp.port_description``, ``lldp.chassis_mac``,
``lldp.capabilities_enabled``.

CDP: a header line ``... CDPv2, ttl: 180s, ...`` then ``Device-ID (0x01), value length: 2 bytes: 'S1'``,
``Version String (0x05), value length: 190 bytes:`` with the version's lines below it,
``Platform (0x06), value length: 19 bytes: 'cisco WS-C3560-24TS'``, ``Capability (0x04), value length: 4
bytes: (0x00000028): L2 Switch, IGMP snooping``. Fields ``cdp.device_id``, ``cdp.software_version``,
``cdp.platform``, ``cdp.port_id``, ``cdp.capabilities``.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add

#: Lines read per text (a printout of a few dozen frames; each frame is about twenty lines).
MAX_LINES = 2000

_LLDP_HEAD = re.compile(r"\bLLDP, length \d{1,5}\b")
_CDP_HEAD = re.compile(r"\bCDPv[12], ttl: \d{1,5}s\b")
_LLDP_TLV = re.compile(r"^(System Name|System Description|Port Description|Chassis ID) TLV \(\d{1,3}\), length \d{1,4}(?:: (.*))?$")
_LLDP_MAC = re.compile(r"^Subtype MAC address \(4\): ((?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2})$")
_LLDP_ENABLED = re.compile(r"^Enabled Capabilities \[([A-Za-z0-9 ,/-]{1,120})\] \(0x[0-9a-fA-F]{1,4}\)$")
_CDP_TLV = re.compile(r"^(Device-ID|Version String|Platform|Port-ID|Capability) \(0x[0-9a-fA-F]{2,4}\), value length: \d{1,4} bytes?: ?(.*)$")
_CDP_CAPS = re.compile(r"^\(0x[0-9a-fA-F]{1,8}\): (.{1,120})$")

_LLDP_NAMES = {"System Name": "lldp.system_name", "System Description": "lldp.system_description",
               "Port Description": "lldp.port_description"}
_CDP_NAMES = {"Device-ID": "cdp.device_id", "Version String": "cdp.software_version", "Platform": "cdp.platform",
              "Port-ID": "cdp.port_id", "Capability": "cdp.capabilities"}


def _depth(line: str) -> int:
    """Indentation as tcpdump writes it (a tab, then two blanks per level), a tab as eight columns."""
    wide = line.expandtabs(8)
    return len(wide) - len(wide.lstrip(" "))


def _unquoted(value: str) -> str:
    value = value.strip()
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == "'" else value


def _below(lines: list[str], i: int) -> tuple[str, int]:
    """The value lines indented deeper than line ``i``, joined with newlines (tcpdump's ``\\0x0a`` as one)."""
    depth = _depth(lines[i])
    parts: list[str] = []
    j = i + 1
    while j < len(lines) and lines[j].strip() and _depth(lines[j]) > depth and len(parts) < 8:
        parts.append(lines[j].strip())
        j += 1
    return "\n".join(parts).replace("\\0x0a", "\n"), j


def neighbour_text_fields(fields: Fields, text: str) -> None:
    """LLDP and CDP TLVs of a ``tcpdump -v`` printout (nothing unless a frame's header line is there)."""
    lldp = _LLDP_HEAD.search(text) is not None
    cdp = _CDP_HEAD.search(text) is not None
    if not (lldp or cdp):
        return
    lines = text.splitlines()[:MAX_LINES]
    chassis = False
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        m = _LLDP_TLV.match(line) if lldp else None
        if m is not None:
            chassis = m.group(1) == "Chassis ID"
            if not chassis:
                value, nxt = (m.group(2).strip(), i + 1) if m.group(2) else _below(lines, i)
                if value:
                    add(fields, _LLDP_NAMES[m.group(1)], value)
                i = max(nxt, i + 1)
                continue
        elif lldp and chassis and (mm := _LLDP_MAC.match(line)) is not None:
            add(fields, "lldp.chassis_mac", mm.group(1).lower())
            chassis = False
        elif lldp and (me := _LLDP_ENABLED.match(line)) is not None:
            add(fields, "lldp.capabilities_enabled", me.group(1).strip())
        c = _CDP_TLV.match(line) if cdp else None
        if c is not None:
            value = c.group(2).strip()
            nxt = i + 1
            if not value:
                value, nxt = _below(lines, i)
            elif c.group(1) == "Capability":
                caps = _CDP_CAPS.match(value)
                value = caps.group(1).strip() if caps else ""
            value = _unquoted(value)
            if value:
                add(fields, _CDP_NAMES[c.group(1)], value)
            i = max(nxt, i + 1)
            continue
        i += 1
