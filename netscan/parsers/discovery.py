"""SSDP replies/NOTIFYs, UPnP device descriptions and DNS-SD (mDNS) record dumps."""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, Unreadable, add, find_first, local, parse_xml

_UPNP_ELEMENTS = (
    "deviceType", "friendlyName", "manufacturer", "manufacturerURL", "modelDescription",
    "modelName", "modelNumber", "modelURL", "serialNumber", "UDN", "presentationURL",
)
_RECORD = re.compile(
    r"^\s*(?P<name>\S.*?)\.?\s+(?:\d+\s+)?(?:IN\s+)?(?P<type>PTR|SRV|TXT|AAAA|A|HINFO)\s+(?P<rdata>.*?)\s*$", re.I
)
_TXT_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def ssdp_fields(raw: str, request: str = "") -> Fields:
    """Headers of an SSDP M-SEARCH reply or NOTIFY as ``ssdp.header.<name>``."""
    lines = raw[:65536].replace("\r\n", "\n").split("\n")
    first = lines[0].strip() if lines else ""
    if not (first.startswith("HTTP/") or first.startswith("NOTIFY") or first.startswith("M-SEARCH")):
        return {"ssdp.unreadable": ["no start line"]}
    fields: Fields = {}
    add(fields, "ssdp.start", first)
    for line in lines[1:100]:
        name, colon, value = line.partition(":")
        if colon and name.strip() and " " not in name.strip():
            add(fields, f"ssdp.header.{name.strip().lower()}", value.strip())
    return fields


def upnp_fields(raw: str, request: str = "") -> Fields:
    """The root device of a UPnP description as ``upnp.<element>``; every serviceType as
    ``upnp.service``; a port-mapping SOAP answer as ``upnp.mapping.<element>``."""
    i = raw.find("<")
    try:
        root = parse_xml(raw[i:] if i >= 0 else raw)
    except Unreadable as exc:
        return {"upnp.unreadable": [str(exc)]}
    fields: Fields = {}
    device = find_first(root, "device")
    if device is not None:
        for child in device:
            name = local(child.tag)
            if name in _UPNP_ELEMENTS and (child.text or "").strip():
                add(fields, f"upnp.{name}", child.text.strip())
    for el in root.iter():
        name = local(el.tag)
        if name == "serviceType" and el.text:
            add(fields, "upnp.service", el.text.strip())
        elif name == "deviceType" and el.text:
            add(fields, "upnp.deviceTypes", el.text.strip())
    resp = find_first(root, "GetGenericPortMappingEntryResponse")
    if resp is not None:
        for child in resp:
            add(fields, f"upnp.mapping.{local(child.tag)}", (child.text or "").strip())
    return fields


def mdns_fields(raw: str, request: str = "") -> Fields:
    """DNS-SD records in presentation format, one per line (``name [ttl] [class] TYPE rdata``)."""
    fields: Fields = {}
    for line in raw[:65536].splitlines()[:500]:
        m = _RECORD.match(line[:4096])
        if m is None:
            continue
        name = m.group("name").rstrip(".")
        rtype = m.group("type").upper()
        rdata = m.group("rdata")
        if rtype == "PTR":
            target = rdata.strip().rstrip(".")
            if name.startswith("_") or "._" in name:
                service = name
                add(fields, "mdns.service", service)
                if target.endswith(service):
                    add(fields, "mdns.instance", target[: -len(service)].rstrip(".").replace("\\ ", " "))
        elif rtype == "SRV":
            target = rdata.split()[-1].rstrip(".") if rdata.split() else ""
            if target:
                add(fields, "mdns.hostname", target)
            inst, _, svc = name.partition("._")
            if svc:
                add(fields, "mdns.service", "_" + svc)
                add(fields, "mdns.instance", inst.replace("\\ ", " "))
        elif rtype == "TXT":
            strings = _TXT_STRING.findall(rdata) or rdata.split()
            for s in strings[:64]:
                k, eq, v = s.partition("=")
                if eq and k:
                    add(fields, f"mdns.txt.{k.lower()}", v)
        elif rtype in ("A", "AAAA"):
            add(fields, "mdns.hostname", name)
        elif rtype == "HINFO":
            add(fields, "mdns.hinfo", rdata.strip().replace('"', ""))
    return fields
