"""A router's neighbour table as RouterOS prints it (``/ip neighbor print detail``): what one neighbour
announced over MNDP, CDP or LLDP, read into the fields those announcements are read as.

RouterOS (https://help.mikrotik.com/docs/display/ROS/Neighbor+Discovery: board "RouterBoard model", identity,
platform, version, system-description, system-caps-enabled) prints each entry as
its number and ``key=value`` properties (a value with blanks in double quotes), wrapped onto indented lines;
a long quoted value is wrapped inside its quotes::

    16 interface=ether8,Bridge-LAN address=192.168.12.61 mac-address=6C:3B:6B:16:8F:53 identity="AP-1"
       platform="MikroTik" version="7.4.1 (stable) Aug/04/2022 11:48:11" board="RB941-2nD"
       system-description="MikroTik RouterOS 7.4.1 (stable) Aug/04/2022 11:48:11
                       RB941-2nD"
       system-caps=bridge,router system-caps-enabled=bridge,router

Fields: MNDP's own (``mndp.identity``, ``mndp.platform``, ``mndp.version``, ``mndp.board``,
``mndp.software_id``: the properties MNDP's TLVs carry, and CDP's platform and version), and the LLDP ones
(``lldp.system_name`` of identity, ``lldp.system_description`` of system-description,
``lldp.capabilities_enabled`` of system-caps-enabled in IEEE 802.1AB's names: ``Bridge, Telephone``), as
the binary and tcpdump readers name them (netscan/parsers/lldp.py, lldptext.py). A table of several
neighbours (more than one MAC address) is a network's, not one device's: nothing is read from it.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add

#: Characters of a text read.
MAX_TEXT = 65536
#: An entry's first line: its number (and flags), then a property.
_ENTRY = re.compile(r"(?m)^[ \t]{0,4}\d{1,5}[ \t]{1,4}(?:[A-Z]{1,3}[ \t]{1,4})?(?=[a-z][a-z0-9-]{0,40}=)")
_PROPERTY = re.compile(r'(?<![\w-])([a-z][a-z0-9-]{0,40})=("(?:[^"\\]|\\.){0,4000}"|[^\s"]{0,400})')
_NAMES = {"identity": "mndp.identity", "platform": "mndp.platform", "version": "mndp.version", "board": "mndp.board",
          "software-id": "mndp.software_id", "system-description": "lldp.system_description"}
#: RouterOS's capability words and IEEE 802.1AB's names of them (8.5.8.1, tcpdump's print-lldp.c).
_CAPS = {"other": "Other", "repeater": "Repeater", "bridge": "Bridge", "wlan-ap": "WLAN AP", "router": "Router",
         "telephone": "Telephone", "docsis-cable-device": "Docsis", "station-only": "Station Only"}


def hinted(text: str) -> bool:
    """Cheap tell of a neighbour entry in ``text``."""
    return "mac-address=" in text and ("identity=" in text or "system-description=" in text)


def _value(raw: str) -> str:
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", raw).strip()


def neighbor_table_fields(fields: Fields, text: str) -> None:
    """Fields of the one neighbour a RouterOS neighbour table in ``text`` lists (module docstring)."""
    t = text[:MAX_TEXT]
    starts = [m.end() for m in _ENTRY.finditer(t)]
    if not starts:
        return
    props: dict[str, str] = {}
    macs: set[str] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(t)
        entry = t[start:end]
        for m in _PROPERTY.finditer(entry):
            key, value = m.group(1), _value(m.group(2))
            if key == "mac-address" and value:
                macs.add(value.upper())
            props.setdefault(key, value)
    if len(macs) != 1:
        return
    for key, name in _NAMES.items():
        value = props.get(key, "")
        if value:
            add(fields, name, value)
    if props.get("identity"):
        add(fields, "lldp.system_name", props["identity"])
    caps = [_CAPS[c] for c in props.get("system-caps-enabled", "").split(",") if c in _CAPS]
    if caps:
        add(fields, "lldp.capabilities_enabled", ", ".join(caps))
