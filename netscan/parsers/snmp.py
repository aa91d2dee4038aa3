"""SNMP answers as tools record them -> ``snmp.*`` fields (docs/observations.md "SNMP").

Each shape is recognised by its layout, never by the device it names:

- net-snmp ``snmpwalk``/``snmpget``/``snmpbulkwalk``: ``OID = TYPE: value`` lines, the OID symbolic
  (``SNMPv2-MIB::sysDescr.0``), numeric (``-On``: ``.1.3.6.1.2.1.1.1.0``) or half-resolved
  (``iso.3.6.1...``, ``SNMPv2-SMI::enterprises.39165.1.1.0``); ``-OQ`` lines without a type; pollers'
  ``sysDescr.0: X`` / ``entPhysicalModelName.1 = X`` dumps of the standard objects;
- snmpsim recordings (``.snmprec``, as LibreNMS and Datadog keep their test agents):
  ``OID|TAG|VALUE`` with the BER tag as a number (2 INTEGER, 4 OCTET STRING, 5 NULL, 6 OBJECT
  IDENTIFIER, 64 IpAddress, 65 Counter32, 66 Gauge32, 67 TimeTicks, 68 Opaque, 70 Counter64), an
  ``x`` after it when the value is written in hex, a ``:variation`` module name after that;
- Windows ``SnmpWalk.exe`` output: ``OID=.1.3.6..., Type=OctetString, Value=...``;
- numeric OIDs mapped to values in a JSON object or a Python dict print (``{"1.3.6.1.2.1.1.1.0":
  "Linux", ".1.3.6.1.4.1.39165.1.3.0": "V5.5.80 build 190131"}``: pysnmp/easysnmp scripts' and
  monitoring exports' ``{oid: value}`` dicts): each quoted OID key with a quoted string value is one
  variable binding (a number value is not kept, as in a walk's private objects);
- tcpdump's decode of an SNMP message (print-snmp.c): ``GetResponse(478)  .1.3.6.1.2.1.1.1.0="text"``,
  each variable binding ``OID=value`` after the PDU's name and length, an OCTET STRING that is not
  printable written as its bytes in hex joined by ``_`` (``=43_69_73_63_6f``: "Cisco");
- FusionInventory / GLPI agent network-discovery XML (``<DEVICE>`` with ``<AUTHSNMP>``: the agent's
  own DTD says ``DESCRIPTION`` is the device's sysDescr and ``SNMPHOSTNAME`` its sysName); the
  ``MANUFACTURER`` / ``MODEL`` elements are the agent's own lookup in its sysObjectID database, not
  the device's words, and are not read here.

Fields: the standard objects by name (RFC 3418 system group ``snmp.sysDescr``, ``snmp.sysObjectID``
(numeric) with ``snmp.enterprise`` (its private enterprise number), ``snmp.sysName``...; RFC 6933
``snmp.entPhysical*``; RFC 2790 ``snmp.hrDeviceDescr`` and ``snmp.hrDeviceType`` (the type's name,
``hrDevicePrinter``); RFC 3805 ``snmp.prtGeneralSerialNumber``, ``snmp.prtGeneralPrinterName``,
``snmp.prtInterpreterDescription``; RFC 2790 ``snmp.hrSystemInitialLoadParameters``, ``snmp.hrSWRunName``; RFC 1628 ``snmp.upsIdentManufacturer`` / ``Model`` / ``UPSSoftwareVersion``), ``snmp.mib`` for the standard MIB
modules that have objects in the walk (``Printer-MIB``, ``UPS-MIB``, ...), and ``snmp.oid.<oid>`` for
each text value under ``1.3.6.1.4.1`` (a maker's private MIB; a scalar's ``.0`` dropped), or
``snmp.obj.<MODULE>.<object>`` when the tool printed it by name, and ``snmp.subtree`` for each private
subtree with objects in the walk, as the enterprise number and its next arc (``368.4``: AXIS-VIDEO-MIB's
``video``), whatever their values: the signatures say what those are.
Everything is capped (characters, lines, values) and every pattern is linear.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add

#: Longest text looked at, most lines read, longest line read, most values kept.
MAX_SNMP_CHARS = 256 * 1024
MAX_SNMP_LINES = 4000
MAX_SNMP_LINE = 4096
MAX_SNMP_VALUES = 300
#: Most private-MIB values kept per text (``snmp.oid.*``, ``snmp.obj.*``), longest one kept.
MAX_PRIVATE_VALUES = 150
MAX_PRIVATE_VALUE = 256
#: Most private subtrees (``snmp.subtree``) kept per text.
MAX_SUBTREES = 32

#: Columns read, by numeric OID (instance dropped): RFC 3418 system group, RFC 6933 entPhysicalTable,
#: RFC 2790 hrDeviceTable, RFC 3805 prtGeneralSerialNumber, IEEE 802.11 dot11ResourceInfoTable.
SNMP_OBJECTS = {
    "1.3.6.1.2.1.1.1": "sysDescr", "1.3.6.1.2.1.1.2": "sysObjectID", "1.3.6.1.2.1.1.4": "sysContact",
    "1.3.6.1.2.1.1.5": "sysName", "1.3.6.1.2.1.1.6": "sysLocation",
    "1.3.6.1.2.1.47.1.1.1.1.2": "entPhysicalDescr", "1.3.6.1.2.1.47.1.1.1.1.7": "entPhysicalName",
    "1.3.6.1.2.1.47.1.1.1.1.8": "entPhysicalHardwareRev", "1.3.6.1.2.1.47.1.1.1.1.9": "entPhysicalFirmwareRev",
    "1.3.6.1.2.1.47.1.1.1.1.10": "entPhysicalSoftwareRev", "1.3.6.1.2.1.47.1.1.1.1.11": "entPhysicalSerialNum",
    "1.3.6.1.2.1.47.1.1.1.1.12": "entPhysicalMfgName", "1.3.6.1.2.1.47.1.1.1.1.13": "entPhysicalModelName",
    "1.3.6.1.2.1.25.3.2.1.2": "hrDeviceType", "1.3.6.1.2.1.25.3.2.1.3": "hrDeviceDescr",
    "1.3.6.1.2.1.43.5.1.1.17": "prtGeneralSerialNumber",
    # RFC 3805 prtGeneralPrinterName ("the name of the printer": makers put the product name there) and
    # prtInterpreterDescription (the page-description languages the printer's own firmware carries)
    "1.3.6.1.2.1.43.5.1.1.16": "prtGeneralPrinterName", "1.3.6.1.2.1.43.15.1.1.5": "prtInterpreterDescription",
    # RFC 2790 hrSystemInitialLoadParameters ("the parameters ... supplied to the load device when requesting
    # the initial operating system configuration": a kernel command line, a boot image's path) and hrSWRunName
    # (the name of each running program): the firmware's own words
    "1.3.6.1.2.1.25.1.4": "hrSystemInitialLoadParameters", "1.3.6.1.2.1.25.4.2.1.2": "hrSWRunName",
    # RFC 1628 UPS-MIB upsIdent group: the UPS's manufacturer, model and firmware ("UPS software") version
    "1.3.6.1.2.1.33.1.1.1": "upsIdentManufacturer", "1.3.6.1.2.1.33.1.1.2": "upsIdentModel",
    "1.3.6.1.2.1.33.1.1.3": "upsIdentUPSSoftwareVersion",
    # IEEE802dot11-MIB dot11ResourceInfoTable (1.2.840.10036.3.1.2.1: manufacturer's name, product name
    # and product version of the 802.11 station; wireless bridges, access points and Wi-Fi cameras)
    "1.2.840.10036.3.1.2.1.2": "dot11manufacturerName", "1.2.840.10036.3.1.2.1.3": "dot11manufacturerProductName",
    "1.2.840.10036.3.1.2.1.4": "dot11manufacturerProductVersion",
}
_SNMP_NAMES = frozenset(SNMP_OBJECTS.values())
#: Standard MIB modules whose presence says something about the device (RFC 3805 Printer-MIB, RFC
#: 1628 UPS-MIB, RFC 2790 HOST-RESOURCES-MIB, RFC 6933 ENTITY-MIB, RFC 4188 BRIDGE-MIB), by subtree.
SNMP_MIBS = {"1.3.6.1.2.1.43": "Printer-MIB", "1.3.6.1.2.1.33": "UPS-MIB", "1.3.6.1.2.1.25": "HOST-RESOURCES-MIB",
             "1.3.6.1.2.1.47": "ENTITY-MIB", "1.3.6.1.2.1.17": "BRIDGE-MIB"}
_MIB_MODULES = {name.upper(): name for name in SNMP_MIBS.values()}
#: RFC 2790 hrDeviceTypes (``hrDeviceType`` values are these OIDs under 1.3.6.1.2.1.25.3.1).
_HR_DEVICE_TYPES = {
    "1": "hrDeviceOther", "2": "hrDeviceUnknown", "3": "hrDeviceProcessor", "4": "hrDeviceNetwork",
    "5": "hrDevicePrinter", "6": "hrDeviceDiskStorage", "10": "hrDeviceVideo", "11": "hrDeviceAudio",
    "12": "hrDeviceCoprocessor", "13": "hrDeviceKeyboard", "14": "hrDeviceModem", "15": "hrDeviceParallelPort",
    "16": "hrDevicePointing", "17": "hrDeviceSerialPort", "18": "hrDeviceTape", "19": "hrDeviceClock",
    "20": "hrDeviceVolatileMemory", "21": "hrDeviceNonVolatileMemory",
}
_HR_DEVICE_TYPES_ROOT = "1.3.6.1.2.1.25.3.1."
#: Modules whose objects are standard (not a maker's private MIB) when printed by name.
_STANDARD_MODULES = frozenset({"SNMPV2-MIB", "SNMPV2-SMI", "RFC1213-MIB", "IF-MIB", "IP-MIB", "TCP-MIB", "UDP-MIB",
                               "HOST-RESOURCES-MIB", "ENTITY-MIB", "PRINTER-MIB", "UPS-MIB", "BRIDGE-MIB", "IP-FORWARD-MIB",
                               "SNMP-FRAMEWORK-MIB", "SNMP-MPD-MIB", "SNMP-USER-BASED-SM-MIB", "SNMP-VIEW-BASED-ACM-MIB",
                               "NOTIFICATION-LOG-MIB", "DISMAN-EVENT-MIB", "NET-SNMP-AGENT-MIB", "NET-SNMP-EXTEND-MIB",
                               "UCD-SNMP-MIB", "LLDP-MIB", "EtherLike-MIB".upper(), "IPV6-MIB", "Q-BRIDGE-MIB",
                               "HOST-RESOURCES-TYPES", "NET-SNMP-MIB", "SNMP-TARGET-MIB", "SNMP-NOTIFICATION-MIB",
                               "SNMP-COMMUNITY-MIB", "TUNNEL-MIB", "IANAIFTYPE-MIB", "POWER-ETHERNET-MIB"})
#: Symbolic roots net-snmp prints when a MIB is not loaded.
_SNMP_ROOTS = (("SNMPv2-SMI::enterprises", "1.3.6.1.4.1"), ("enterprises", "1.3.6.1.4.1"), ("SNMPv2-SMI::mib-2", "1.3.6.1.2.1"),
               ("mib-2", "1.3.6.1.2.1"), ("iso", "1"))
ENTERPRISES = "1.3.6.1.4.1."

#: ``OID = TYPE: value`` (net-snmp's default output; ``= ""`` for an empty string has no type).
_NETSNMP_LINE = re.compile(r"^\s{0,8}([\w.:-]{1,300}?)\s{1,4}=\s{1,4}(?:([A-Za-z][\w-]{0,20}):\s?)?(.*)$")
_NETSNMP_HINT = re.compile(
    r"(?m)^\s{0,8}[\w.:-]{1,300}\s=\s(?:STRING|OID|Hex-STRING|INTEGER|Timeticks|Gauge32|Counter32|Counter64|IpAddress|Network Address|BITS):"
)
#: ``OID|TAG|VALUE`` (snmpsim), the OID numeric.
_SNMPREC_LINE = re.compile(r"^\s{0,8}\.?(\d{1,10}(?:\.\d{1,10}){3,127})\|(\d{1,3})(x?)(?::[\w.-]{1,40})?\|(.*)$")
_SNMPREC_HINT = re.compile(r"(?m)^\s{0,8}\.?1\.(?:3\.6\.1|2\.840\.10036)\.[\d.]{1,300}\|\d{1,3}x?(?::[\w.-]{1,40})?\|")
#: ``OID=.1.3.6..., Type=OctetString, Value=...`` (SnmpWalk.exe).
_WINWALK_LINE = re.compile(r"^\s{0,8}OID=\.?(\d{1,10}(?:\.\d{1,10}){3,127}), Type=([A-Za-z0-9 -]{1,30}), Value=(.*)$")
#: ``entPhysicalModelName.1: X`` / ``sysDescr.0 = X`` / ``entPhysicalName[26] = X``: an object's name and
#: instance without a type (SNMP::Info's and other pollers' dumps, ``snmpwalk -Oqs``-like output).
_SNMP_NAMED = re.compile(r"^\s{0,8}(?:[\w-]{1,60}::)?(" + "|".join(sorted(_SNMP_NAMES)) +
                         r")(?:\.\d{1,10}){0,4}(?:\[\d{1,10}\])?\s{0,4}[:=]\s{0,4}(?:STRING:\s?)?(.{1,1000})$")
#: ``"1.3.6.1....": "value"`` / ``'.1.3.6.1....': 'value'``: a quoted numeric OID key and a quoted string
#: value (JSON, a Python dict print). The OID starts with 1.3.6.1 (the internet subtree every SNMP
#: object lives under).
_OID_PAIR = re.compile(
    r"""(["'])\.?(1\.3\.6\.1(?:\.\d{1,10}){1,60})\1[ \t]{0,4}:[ \t]{0,4}(?:"((?:[^"\\\r\n]|\\.){0,512})"|'((?:[^'\\\r\n]|\\.){0,512})')"""
)
_OID_PAIR_HINT = re.compile(r"""["']\.?1\.3\.6\.1\.[\d.]{1,300}["'][ \t]{0,4}:""")
#: Most OID -> value pairs read from one text.
MAX_OID_PAIRS = 400
#: JSON / Python string escapes in a quoted value.
_PAIR_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt\"'\\/])")
_PAIR_ESCAPES = {"n": " ", "r": " ", "t": " ", '"': '"', "'": "'", "\\": "\\", "/": "/"}


def _pair_unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _PAIR_ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "ux" else _PAIR_ESCAPES[m.group(1)], value)


#: tcpdump's SNMP decode: a PDU with values (``GetResponse(478)``, ``SNMPv2-Trap(..)``, ``Report(..)``),
#: then ``OID=value`` bindings: a quoted string, ``_``-separated hex bytes, or a word (an OID, a number).
_TCPDUMP_PDU = re.compile(r"\b(?:GetResponse|Response|SNMPv2-Trap|Trap|Inform|InformRequest|Report)\(\d{1,6}\)")
_TCPDUMP_VARBIND = re.compile(
    r"""(?<![\w.])\.?(1\.3\.6\.1(?:\.\d{1,10}){1,60})=("(?:[^"\\\n]|\\.){0,2048}"|_?[0-9a-fA-F]{2}(?:_[0-9a-fA-F]{2}){1,4095}_?|[^\s"]{1,256})"""
)
#: FusionInventory / GLPI network discovery: a ``<DEVICE>`` found by SNMP (``<AUTHSNMP>``), its sysDescr
#: and sysName elements. (The gap may not cross another ``<DEVICE>``: the nearest one before an ``<AUTHSNMP>`` is the
#: one to find, and each search start stops at the next, so a text of many ``<DEVICE>`` tags is read once, not 4000 times.)
_FUSION_HINT = re.compile(r"<DEVICE>(?:(?!<DEVICE>).){0,4000}?<AUTHSNMP>", re.S)
_FUSION_ELEMENT = re.compile(r"<(DESCRIPTION|SNMPHOSTNAME)>([^<]{1,1000})</\1>")
_FUSION_NAMES = {"DESCRIPTION": "sysDescr", "SNMPHOSTNAME": "sysName"}
#: Most FusionInventory devices read from one text.
MAX_FUSION_DEVICES = 4

#: snmpsim tags: the kind of value each carries.
_TAGS = {"2": "int", "4": "string", "5": "null", "6": "oid", "64": "ip", "65": "int", "66": "int", "67": "int", "68": "opaque",
         "70": "int"}
#: net-snmp / SnmpWalk.exe type names -> kind.
_TYPES = {"STRING": "string", "OCTETSTRING": "string", "HEX-STRING": "hex", "OID": "oid", "OBJECTIDENTIFIER": "oid",
          "INTEGER": "int", "INTEGER32": "int", "GAUGE32": "int", "COUNTER32": "int", "COUNTER64": "int", "TIMETICKS": "int",
          "UNSIGNED32": "int", "IPADDRESS": "ip", "NETWORK ADDRESS": "ip", "": "string"}


def _unquote(value: str) -> str:
    v = value.strip()
    if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
        v = v[1:-1].replace('\\"', '"')
    return v.strip()


def numeric_oid(oid: str) -> str | None:
    """``.1.3.6...`` / ``iso.3.6...`` / ``SNMPv2-SMI::enterprises.39165...`` -> ``1.3.6...``; None when
    symbolic."""
    o = oid.strip().lstrip(".")
    if not o[:1].isdigit():
        for root, num in _SNMP_ROOTS:
            if o.startswith(root + ".") or o == root:
                o = num + o[len(root) :]
                break
    return o if o and o.replace(".", "").isdigit() and ".." not in o else None


#: Arc counts of the columns of SNMP_OBJECTS: an OID's column is its first 8, 11 or 13 arcs.
_COLUMN_ARCS = tuple(sorted({k.count(".") + 1 for k in SNMP_OBJECTS}, reverse=True))
_MIB2 = "1.3.6.1.2.1."
_DOT11_RESOURCE = "1.2.840.10036.3.1.2.1."
_MIB_BY_ARC = {root[len(_MIB2) :]: mib for root, mib in SNMP_MIBS.items()}


def _standard_name(num: str) -> str | None:
    if not num.startswith((_MIB2, _DOT11_RESOURCE)):
        return None
    parts = num.split(".")
    for arcs in _COLUMN_ARCS:  # the column; the rest is the instance
        if len(parts) > arcs:
            name = SNMP_OBJECTS.get(".".join(parts[:arcs]))
            if name is not None:
                return name
    return None


_LINE_BREAKS = re.compile(r"[\r\n\t]{1,8}")


def _hex_text(value: str) -> str | None:
    """Hex digits (blanks, ``:`` allowed) -> the text they encode, when it is printable text."""
    digits = re.sub(r"[\s:]", "", value)[:2 * MAX_SNMP_LINE]
    if not digits or len(digits) % 2:
        return None
    try:
        data = bytes.fromhex(digits)
    except ValueError:
        return None
    if len(data) >= 4 and not any(data[1::2]) and all(data[0::2].rstrip(b"\x00")):
        # UCS-2 / UTF-16LE text (an OCTET STRING some agents fill with "unicode" text): every second
        # byte is zero
        data = data[0::2]
    data = data.rstrip(b"\x00").strip()
    if not data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not text.isprintable():  # a multi-line value (Cisco IOS's sysDescr: lines ended by CR LF) reads as one line
        text = _LINE_BREAKS.sub(" ", text)
    return text if text.isprintable() else None


class _Walk:
    """What one text's SNMP lines say, gathered into fields."""

    def __init__(self, fields: Fields) -> None:
        self.fields = fields
        self.n = 0
        self.private = 0
        self.mibs: set[str] = set()
        self.subtrees: set[str] = set()

    def add(self, name: str, value: str) -> None:
        if value and self.n < MAX_SNMP_VALUES:
            add(self.fields, name, value)
            self.n += 1

    def record(self, oid: str, kind: str, value: str) -> None:
        """One variable binding: ``oid`` as printed, ``kind`` (string, hex, oid, int, ip, ...), the value."""
        num = numeric_oid(oid)
        if num is None:
            self._symbolic(oid, kind, value)
            return
        if kind == "hex":
            text = _hex_text(value)
            if text is None:
                return
            kind, value = "string", text
        elif kind == "string":
            value = _unquote(value)
        name = _standard_name(num)
        if name is not None:
            self._standard(name, kind, value)
        elif num.startswith(ENTERPRISES):
            self._private(f"snmp.oid.{num[:-2] if num.endswith('.0') else num}", kind, value)
            subtree = ".".join(num[len(ENTERPRISES) :].split(".", 2)[:2])
            if subtree not in self.subtrees and len(self.subtrees) < MAX_SUBTREES:
                self.subtrees.add(subtree)
                self.add("snmp.subtree", subtree)
        if num.startswith(_MIB2):
            mib = _MIB_BY_ARC.get(num[len(_MIB2) :].split(".", 1)[0])
            if mib is not None and mib not in self.mibs:
                self.mibs.add(mib)
                self.add("snmp.mib", mib)

    def _standard(self, name: str, kind: str, value: str) -> None:
        if name == "sysObjectID":
            num = numeric_oid(value.split()[0]) if value.split() else None
            if num is None:
                return
            value = num
            if num.startswith(ENTERPRISES):
                self.add("snmp.enterprise", num[len(ENTERPRISES) :].split(".", 1)[0])
        elif name == "hrDeviceType":
            num = numeric_oid(value.split()[0]) if value.split() else None
            if num is not None and num.startswith(_HR_DEVICE_TYPES_ROOT):
                value = _HR_DEVICE_TYPES.get(num[len(_HR_DEVICE_TYPES_ROOT) :], "")
            elif value.split()[:1] and value.split()[0].rsplit("::", 1)[-1] in _HR_DEVICE_TYPES.values():
                value = value.split()[0].rsplit("::", 1)[-1]
            else:
                return
        self.add(f"snmp.{name}", value.strip())

    def _private(self, name: str, kind: str, value: str) -> None:
        if kind != "string" or self.private >= MAX_PRIVATE_VALUES:
            return
        value = value.strip()
        if not value or len(value) > MAX_PRIVATE_VALUE or value.isdigit():
            return
        self.private += 1
        self.add(name, value)
        if ";" in value and ":" in value:
            self._device_id(value)

    def _device_id(self, value: str) -> None:
        """An IEEE 1284 device ID kept in a private object (``MFG:Brother;CMD:PJL,PCL;MDL:HL-L2350DW
        series;CLS:PRINTER;``: Brother's, HP's, Epson's, Canon's and Kyocera's MIBs carry the printer's own
        device ID, as the Printer Port Monitor MIB's ppmPrinterIEEE1284DeviceId does): its keys as
        ``snmp.kv.MFG`` / ``.MDL`` / ``.CLS`` / ``.SN``, the fields every device ID is read as."""
        from netscan.parsers.shapes import _DEVICE_ID_HINT, device_id_pairs  # noqa: PLC0415 (shapes imports this module)

        if _DEVICE_ID_HINT.search(value) is None:
            return
        for key, part in device_id_pairs(value):
            if key in ("MFG", "MDL", "CLS", "SN", "DES"):
                self.add(f"snmp.kv.{key}", part)

    def _symbolic(self, oid: str, kind: str, value: str) -> None:
        module, sep, rest = oid.partition("::")
        obj = rest.split(".", 1)[0] if sep else oid.split(".", 1)[0]
        if obj in _SNMP_NAMES:
            if kind == "hex":
                text = _hex_text(value)
                if text is None:
                    return
                value = text
            self._standard(obj, kind, _unquote(value) if kind in ("string", "hex") else value)
        mib = _MIB_MODULES.get(module.upper()) if sep else None
        if mib is not None and mib not in self.mibs:
            self.mibs.add(mib)
            self.add("snmp.mib", mib)
        if sep and module.upper() not in _STANDARD_MODULES and obj and obj not in _SNMP_NAMES and re.fullmatch(r"[\w-]{1,64}", module) \
                and re.fullmatch(r"[A-Za-z]\w{0,63}", obj):
            if kind == "hex":
                text = _hex_text(value)
                if text is None:
                    return
                kind, value = "string", text
            self._private(f"snmp.obj.{module}.{obj}", kind, _unquote(value) if kind == "string" else value)


def _tcpdump_varbinds(walk: _Walk, t: str) -> None:
    """The variable bindings tcpdump printed after each PDU with values (module docstring)."""
    for line in t.split("\n", MAX_SNMP_LINES)[:MAX_SNMP_LINES]:
        pdu = _TCPDUMP_PDU.search(line, 0, MAX_SNMP_LINE)
        if pdu is None:
            continue
        for n, vb in enumerate(_TCPDUMP_VARBIND.finditer(line, pdu.end())):
            if n >= MAX_VARBINDS or walk.n >= MAX_SNMP_VALUES:
                return
            value = vb.group(2)
            if value.startswith('"'):
                walk.record(vb.group(1), "string", value)
            elif "_" in value:
                walk.record(vb.group(1), "hex", value.replace("_", ""))
            elif numeric_oid(value) is not None and "." in value:
                walk.record(vb.group(1), "oid", value)
            elif value.lstrip("-").isdigit():
                walk.record(vb.group(1), "int", value)


def _fusion_devices(walk: _Walk, t: str) -> None:
    """sysDescr and sysName of FusionInventory's network-discovery devices (module docstring)."""
    from html import unescape  # noqa: PLC0415

    for n, device in enumerate(t.split("<DEVICE>")[1 : MAX_FUSION_DEVICES + 1]):
        if n >= MAX_FUSION_DEVICES:
            break
        body = device.split("</DEVICE>", 1)[0][:MAX_SNMP_LINE * 4]
        if "<AUTHSNMP>" not in body:
            continue
        for el in _FUSION_ELEMENT.finditer(body):
            value = " ".join(unescape(el.group(2)).split())
            if value:
                walk.add(f"snmp.{_FUSION_NAMES[el.group(1)]}", value)


def snmp_fields(fields: Fields, text: str) -> None:
    """``snmp.*`` of the SNMP lines of ``text`` (see module docstring)."""
    t = text[:MAX_SNMP_CHARS]
    if t[:1].isdigit() or t[:9] == "Scanning " or "{Name:" in t[:8] or "{Value:" in t[:9] or t.find("SNMPVariable value=", 0, 8192) >= 0 or t.find("System information:", 0, 8192) >= 0:
        from netscan.parsers.printed import snmp_print_lines  # noqa: PLC0415

        printed = snmp_print_lines(t)  # easysnmp reprs, onesixtyone, snmp-check (netscan/parsers/printed.py)
        if printed is not None:
            snmp_fields(fields, printed)
    if ("; Value (" in t or "[ASN_" in t or "String" in t) and not t.startswith("# netscan-snmpprint"):
        from netscan.parsers.snmpprint import hinted, snmp_value_lines  # noqa: PLC0415

        if hinted(t):
            turned = snmp_value_lines(t)  # MIB browsers' and SNMP libraries' value lines (netscan/parsers/snmpprint.py)
            if turned is not None:
                snmp_fields(fields, "# netscan-snmpprint\n" + turned)
    netsnmp = " = " in t and _NETSNMP_HINT.search(t) is not None
    snmprec = "|" in t and _SNMPREC_HINT.search(t) is not None
    winwalk = "OID=" in t and ", Type=" in t
    oidpairs = "1.3.6.1." in t and _OID_PAIR_HINT.search(t) is not None
    tcpdump = "1.3.6.1." in t and "(" in t and _TCPDUMP_PDU.search(t) is not None
    fusion = "<AUTHSNMP>" in t and "<DEVICE>" in t and _FUSION_HINT.search(t) is not None
    if not (netsnmp or snmprec or winwalk or oidpairs or tcpdump or fusion) and \
            not any(name in t for name in ("sysDescr", "sysObjectID", "entPhysical", "hrDevice", "sysName")):
        return
    walk = _Walk(fields)
    if tcpdump:
        _tcpdump_varbinds(walk, t)
    if fusion:
        _fusion_devices(walk, t)
    if oidpairs:
        for n, pair in enumerate(_OID_PAIR.finditer(t)):
            if n >= MAX_OID_PAIRS or walk.n >= MAX_SNMP_VALUES:
                break
            quoted = pair.group(3) if pair.group(3) is not None else pair.group(4)
            walk.record(pair.group(2), "string", '"' + _pair_unescape(quoted).replace('"', '\\"') + '"')
    for line in t.split("\n", MAX_SNMP_LINES)[:MAX_SNMP_LINES]:
        line = line[:MAX_SNMP_LINE].rstrip("\r")
        if walk.n >= MAX_SNMP_VALUES:
            break
        if snmprec and "|" in line:
            m = _SNMPREC_LINE.match(line)
            if m is not None:
                kind = _TAGS.get(m.group(2), "other")
                if m.group(3) == "x":
                    kind = "hex" if kind == "string" else ("other" if kind != "oid" else kind)
                walk.record(m.group(1), kind, m.group(4))
                continue
        if winwalk and line.lstrip().startswith("OID="):
            m = _WINWALK_LINE.match(line)
            if m is not None:
                walk.record(m.group(1), _TYPES.get(m.group(2).replace(" ", "").upper(), "other"), m.group(3))
                continue
        if "=" not in line and ":" not in line:
            continue
        if " = " in line:
            m = _NETSNMP_LINE.match(line)
            if m is not None:
                oid, kind_name, value = m.group(1), (m.group(2) or "").upper(), m.group(3).strip()
                if kind_name or numeric_oid(oid) is not None or "::" in oid:
                    known = _TYPES.get(kind_name)
                    if known is None:  # "Model: X" after "=": the value itself, unless a walk's odd type
                        known = "other" if netsnmp else "string"
                        value = value if netsnmp else m.group(0)[m.start(2) :].strip()
                    walk.record(oid, known, value)
                    continue
        named = _SNMP_NAMED.match(line)
        if named is not None and named.group(1) not in ("sysObjectID", "hrDeviceType"):
            value = _unquote(named.group(2))
            if value:
                walk.add(f"snmp.{named.group(1)}", value)


# ------------------------------------------------------------------ SNMP messages (BER, RFC 3416)

#: Most variable bindings read from one message, deepest OID (arcs) decoded.
MAX_VARBINDS = 200
MAX_OID_ARCS = 128
#: PDUs that carry an agent's values: GetResponse (v2: Response), SNMPv2-Trap, InformRequest, Report.
_VALUE_PDUS = frozenset({0xA2, 0xA6, 0xA7, 0xA8})
_APP_TAGS = {0x40: "ip", 0x41: "int", 0x42: "int", 0x43: "int", 0x44: "opaque", 0x46: "int", 0x47: "int"}


def _tlv(data: bytes, pos: int, end: int) -> tuple[int, int, int] | None:
    """(tag, value start, value end) of the BER element at ``pos``, or None when it does not fit."""
    if pos + 2 > end:
        return None
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        n = length & 0x7F
        if n == 0 or n > 4 or pos + n > end:
            return None
        length = int.from_bytes(data[pos : pos + n], "big")
        pos += n
    if pos + length > end:
        return None
    return tag, pos, pos + length


def _ber_oid(b: bytes) -> str | None:
    if not b or len(b) > 4 * MAX_OID_ARCS:
        return None
    arcs: list[int] = []
    v = 0
    for x in b:
        v = (v << 7) | (x & 0x7F)
        if not x & 0x80:
            arcs.append(v)
            v = 0
    if not arcs or v:
        return None
    first = arcs[0]
    head = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
    return ".".join(str(a) for a in head + arcs[1:])


def _ber_int(b: bytes) -> int:
    return int.from_bytes(b[:9], "big", signed=True) if b else 0


def ber_varbinds(data: bytes) -> list[tuple[str, str, str]]:
    """(numeric OID, kind, value) of each variable binding of an SNMP v1/v2c/v3 (unencrypted)
    message that carries an agent's values; [] for anything else. The community string and the
    security parameters are never looked at."""
    end = min(len(data), 65536)
    msg = _tlv(data, 0, end)
    if msg is None or msg[0] != 0x30:
        return []
    ver = _tlv(data, msg[1], msg[2])
    if ver is None or ver[0] != 0x02:
        return []
    pos = ver[2]
    version = _ber_int(data[ver[1] : ver[2]])
    if version in (0, 1):
        community = _tlv(data, pos, msg[2])
        if community is None or community[0] != 0x04:
            return []
        pdu = _tlv(data, community[2], msg[2])
    elif version == 3:  # msgGlobalData, msgSecurityParameters, then a plaintext ScopedPDU
        glob = _tlv(data, pos, msg[2])
        sec = _tlv(data, glob[2], msg[2]) if glob is not None else None
        scoped = _tlv(data, sec[2], msg[2]) if sec is not None else None
        if scoped is None or scoped[0] != 0x30:
            return []  # encrypted (an OCTET STRING): nothing to read
        engine = _tlv(data, scoped[1], scoped[2])
        context = _tlv(data, engine[2], scoped[2]) if engine is not None else None
        pdu = _tlv(data, context[2], scoped[2]) if context is not None else None
    else:
        return []
    if pdu is None or pdu[0] not in _VALUE_PDUS:
        return []
    pos = pdu[1]
    for _ in range(3):  # request-id, error-status, error-index
        el = _tlv(data, pos, pdu[2])
        if el is None or el[0] != 0x02:
            return []
        pos = el[2]
    vbl = _tlv(data, pos, pdu[2])
    if vbl is None or vbl[0] != 0x30:
        return []
    out: list[tuple[str, str, str]] = []
    pos = vbl[1]
    while pos < vbl[2] and len(out) < MAX_VARBINDS:
        vb = _tlv(data, pos, vbl[2])
        if vb is None or vb[0] != 0x30:
            break
        pos = vb[2]
        name = _tlv(data, vb[1], vb[2])
        if name is None or name[0] != 0x06:
            continue
        value = _tlv(data, name[2], vb[2])
        oid = _ber_oid(data[name[1] : name[2]])
        if value is None or oid is None:
            continue
        tag, body = value[0], data[value[1] : value[2]]
        if tag == 0x04:
            out.append((oid, "hex", body.hex()))
        elif tag == 0x06:
            sub = _ber_oid(body)
            if sub is not None:
                out.append((oid, "oid", sub))
        elif tag == 0x02 or _APP_TAGS.get(tag) == "int":
            out.append((oid, "int", str(_ber_int(body) if tag == 0x02 else int.from_bytes(body[:9], "big"))))
        elif tag == 0x40 and len(body) == 4:
            out.append((oid, "ip", ".".join(str(b) for b in body)))
    return out


def walk_text(varbinds: list[tuple[str, str, str]]) -> str:
    """Variable bindings as net-snmp prints them with numeric OIDs (``.1.3.6... = STRING: "x"``):
    the text a captured SNMP answer is stored as (no community, no security parameters)."""
    lines = []
    for oid, kind, value in varbinds:
        if kind == "hex":
            text = _hex_text(value) if value else ""
            line = f'STRING: "{text}"' if text is not None else "Hex-STRING: " + " ".join(value[i : i + 2].upper() for i in range(0, len(value), 2))
        elif kind == "oid":
            line = f"OID: .{value}"
        elif kind == "ip":
            line = f"IpAddress: {value}"
        else:
            line = f"INTEGER: {value}"
        lines.append(f".{oid} = {line}")
    return "\n".join(lines) + ("\n" if lines else "")


def snmp_response_fields(raw: str, request: str = "") -> Fields:
    """Fields of an ``snmp`` response: a captured message (``b64:``), or the text of a walk in any
    of the shapes above."""
    from netscan.parsers._util import B64_PREFIX, decode_raw  # noqa: PLC0415

    fields: Fields = {}
    if raw.startswith(B64_PREFIX):
        data = decode_raw(raw)
        varbinds = ber_varbinds(data) if isinstance(data, bytes) else []
        if not varbinds:
            add(fields, "snmp.unreadable", "no SNMP message with values")
            return fields
        raw = walk_text(varbinds)
    snmp_fields(fields, raw)
    return fields
