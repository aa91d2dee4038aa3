"""SNMP values as MIB browsers and SNMP libraries print them, turned into net-snmp lines.

Three printed shapes, each a whole grammar of one value per line, none of them net-snmp's
``OID = TYPE: value``:

* iReasoning MIB Browser's copied result row, ``Name/OID: <oid or name>; Value (<Type>): <value>``
  (the ``Name/OID:`` label may be cut off: ``G6-FACTORY-MIB::factoryArticleNumber.0; Value
  (OctetString): MS440210M-G6+``), the shape monitoring plugins and issue threads quote most;
* a value and then net-snmp's agent-side type constant in brackets (``asn1.h``'s ``ASN_OCTET_STR``,
  ``ASN_INTEGER``, ``ASN_TIMETICKS``, ``ASN_IPADDRESS``, ``ASN_OBJECT_ID``), ``1.3.6.1.2.1.2.2.1.2.10101 =
  "GigabitEthernet0/1" [ASN_OCTET_STR]``, as SNMP libraries built on those constants print a walk;
* a MIB browser's table row: numeric OID, the object's name, ``=``, the value in quotes and the SMI
  type after it (``.1.3.6.1.4.1.39165.1.7.0<TAB>cpuPercent.0<TAB>= '62 PERCENT'  OctetString``).

Only values of a string, object-identifier, integer or address type are turned; anything else (a
line of another shape, an unknown type) is left alone, so the lines go through the net-snmp reader
(netscan/parsers/snmp.py) like any walk's.
"""

from __future__ import annotations

import re

#: Most characters read, and most values turned, from one text.
MAX_TEXT = 262144
MAX_VALUES = 400

#: Printed type names (iReasoning's SMI names, asn1.h's constants) and the net-snmp type each is.
_KINDS = {
    "OCTETSTRING": "STRING", "DISPLAYSTRING": "STRING", "ASN_OCTET_STR": "STRING",
    "OBJECTIDENTIFIER": "OID", "OID": "OID", "ASN_OBJECT_ID": "OID",
    "INTEGER": "INTEGER", "INTEGER32": "INTEGER", "ASN_INTEGER": "INTEGER", "UNSIGNED32": "INTEGER",
    "GAUGE32": "INTEGER", "GAUGE": "INTEGER", "ASN_GAUGE": "INTEGER", "ASN_UNSIGNED": "INTEGER",
    "COUNTER32": "INTEGER", "COUNTER": "INTEGER", "ASN_COUNTER": "INTEGER",
    "TIMETICKS": "Timeticks", "ASN_TIMETICKS": "Timeticks",
    "IPADDRESS": "IpAddress", "ASN_IPADDRESS": "IpAddress",
}

_OID = r"(?:\.?\d{1,10}(?:\.\d{1,10}){2,127}|iso(?:\.\d{1,10}){2,127}|(?:[A-Za-z][\w-]{0,63}::)?[A-Za-z]\w{0,63}(?:\.\d{1,10}){0,64})"
#: iReasoning: ``[Name/OID: ]<oid>; Value (<Type>): <value>``.
_IREASONING = re.compile(r"^[ \t]{0,40}(?:[#/*;~ \t]{0,8}Name/OID:[ \t]{0,4})?(" + _OID + r");[ \t]{1,4}Value \(([A-Za-z][\w ]{0,30})\):[ \t]{0,4}(.{0,2000})$")
#: ``<oid> = "<value>" [ASN_TYPE]`` (a time stamp or log prefix before it allowed).
_ASN = re.compile(r"(?:^|[ \t:])(\.?\d{1,10}(?:\.\d{1,10}){2,127})[ \t]{1,4}=[ \t]{1,4}\"((?:[^\"\\\r\n]|\\.){0,2000})\"[ \t]{0,4}\[(ASN_[A-Z_]{2,20})\][ \t]*$")
#: ``<numeric oid> <name> = '<value>' <Type>`` (tabs or spaces between the columns).
_ROW = re.compile(r"^[ \t]{0,8}(\.?1\.3\.6\.1(?:\.\d{1,10}){1,127})[ \t]{1,8}[A-Za-z][\w-]{0,63}(?:\.\d{1,10}){0,64}[ \t]{1,40}=[ \t]{0,4}"
                  r"(?:'([^'\r\n]{0,2000})'|\"([^\"\r\n]{0,2000})\")[ \t]{1,8}([A-Za-z][A-Za-z0-9]{1,20})[ \t]*$")


def hinted(text: str) -> bool:
    """Cheap tell of one of the shapes in ``text`` (the caller runs :func:`snmp_value_lines` only then)."""
    return "; Value (" in text or "[ASN_" in text or ("1.3.6.1." in text and ("OctetString" in text or "DisplayString" in text))


def _line(oid: str, kind: str, value: str) -> str | None:
    value = value.strip()
    if kind == "STRING":
        return f'{oid} = STRING: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind == "OID":
        return f"{oid} = OID: {value}" if re.fullmatch(r"\.?\d{1,10}(?:\.\d{1,10}){1,127}|[\w-]{1,64}::\w{1,64}(?:\.\d{1,10}){0,64}", value) else None
    if kind == "IpAddress":
        return f"{oid} = IpAddress: {value}" if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", value) else None
    # a number, or a named value / duration with the number in brackets after it ("noAction (1)")
    number = value if value.isdigit() else value[value.rfind("(") + 1 : -1] if value.endswith(")") and "(" in value else ""
    return f"{oid} = {kind}: {number}" if number.isdigit() else None


def snmp_value_lines(text: str) -> str | None:
    """net-snmp lines of the values printed in ``text`` in one of the module's shapes, or None."""
    t = text[:MAX_TEXT]
    out: list[str] = []
    ireasoning = "; Value (" in t
    asn = "[ASN_" in t
    row = "1.3.6.1." in t
    for raw in t.split("\n", 4000)[:4000]:
        line = raw.rstrip("\r")
        if len(out) >= MAX_VALUES:
            break
        got: str | None = None
        if ireasoning and "; Value (" in line:
            m = _IREASONING.match(line)
            if m is not None:
                kind = _KINDS.get(m.group(2).replace(" ", "").upper())
                if kind is not None:
                    got = _line(m.group(1), kind, m.group(3))
        elif asn and "[ASN_" in line:
            a = _ASN.search(line)
            if a is not None:
                kind = _KINDS.get(a.group(3))
                if kind is not None:
                    value = re.sub(r"\\(.)", r"\1", a.group(2))
                    got = _line(a.group(1), kind, value)
        elif row and "=" in line and "1.3.6.1." in line:
            r = _ROW.match(line)
            if r is not None:
                kind = _KINDS.get(r.group(4).upper())
                if kind is not None:
                    got = _line(r.group(1), kind, r.group(2) if r.group(2) is not None else r.group(3))
        if got is not None:
            out.append(got)
    return "\n".join(out) + "\n" if out else None
