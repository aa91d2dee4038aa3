"""SSDP replies/NOTIFYs, UPnP device descriptions and DNS-SD (mDNS) record dumps."""

from __future__ import annotations

import ipaddress
import re

from netscan.parsers._util import Fields, Unreadable, add, decode_raw, find_first, header_params, local, parse_xml, xml_salvage
from netscan.parsers.dnswire import DnsError, decode, presentation
from netscan.parsers.records import dns_details_fields, ssdp_json_fields, upnp_stripped_fields

_UPNP_ELEMENTS = (
    "deviceType", "friendlyName", "manufacturer", "manufacturerURL", "modelDescription",
    "modelName", "modelNumber", "modelURL", "serialNumber", "UDN", "presentationURL",
)
#: Children of the root device read (a description with thousands of elements stops here).
MAX_UPNP_ELEMENTS = 100
_TYPES = frozenset({"PTR", "SRV", "TXT", "AAAA", "A", "HINFO"})
_TOKEN = re.compile(r"\S+")
#: Record lines read per datagram dump, and the longest line.
MAX_RECORD_LINES = 500
MAX_RECORD_LINE = 4096


def split_record(line: str) -> tuple[str, str, str] | None:
    """``name [ttl] [IN] TYPE rdata`` -> (name, TYPE, rdata), or None. The name may contain blanks
    (``My\\ Camera._http._tcp.local.``): it is the shortest run of tokens followed by an optional
    TTL, an optional class and a record type. Tokens are found once, each is looked at a bounded
    number of times: linear (the regex this replaces backtracked for seconds on crafted lines)."""
    toks = [(m.start(), m.end(), m.group(0).upper()) for m in _TOKEN.finditer(line)]
    n = len(toks)
    for k in range(n - 1):
        j = k + 1
        if toks[j][2].isdigit() and j + 1 < n:
            j += 1
        if toks[j][2] == "IN" and j + 1 < n:
            j += 1
        if toks[j][2] in _TYPES and toks[j][1] < len(line):
            name = line[toks[0][0] : toks[k][1]]
            if name.endswith(".") and len(name) > 1:
                name = name[:-1]
            return name, toks[j][2], line[toks[j][1] :].strip()
    return None


def txt_strings(rdata: str) -> list[str]:
    """The quoted character-strings of a TXT record's presentation form, backslash escapes kept
    as written. One left-to-right scan; an unclosed quote ends it."""
    out: list[str] = []
    i, n = 0, len(rdata)
    while i < n and len(out) < 64:
        q = rdata.find('"', i)
        if q < 0:
            break
        j = q + 1
        while j < n and rdata[j] != '"':
            j += 2 if rdata[j] == "\\" else 1
        if j >= n:
            break
        out.append(rdata[q + 1 : j])
        i = j + 1
    return out


#: Header names only SSDP answers carry (UPnP Device Architecture 1.1 section 1): one of them makes a
#: block of header lines without a start line an SSDP answer's headers.
_SSDP_HEADERS = frozenset({"st", "nt", "nts", "usn", "location", "server", "cache-control", "ext", "opt", "01-nls",
                           "bootid.upnp.org", "configid.upnp.org", "searchport.upnp.org"})
_HEADER_LINE = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]{0,40})[ \t]*:(?:[ \t]|$)")


def _ssdp_headers(lines: list[str]) -> bool:
    """True when every non-blank line (at most 40) is a header line and one names an SSDP header."""
    seen = False
    kept = [ln for ln in lines[:41] if ln.strip()]
    if not kept or len(kept) > 40:
        return False
    for line in kept:
        m = _HEADER_LINE.match(line.strip())
        if m is None:
            return False
        seen = seen or m.group(1).lower() in _SSDP_HEADERS
    return seen


def ssdp_fields(raw: str, request: str = "") -> Fields:
    """Headers of an SSDP M-SEARCH reply or NOTIFY as ``ssdp.header.<name>``."""
    lines = raw[:65536].replace("\r\n", "\n").split("\n")
    first = lines[0].strip() if lines else ""
    if not (first.startswith("HTTP/") or first.startswith("NOTIFY") or first.startswith("M-SEARCH")):
        if first[:1] in ("{", "["):  # answers printed as JSON records (netscan/parsers/records.py)
            printed: Fields = {}
            ssdp_json_fields(printed, raw)
            if printed:
                return printed
        label = request.strip().lower().rstrip(":")
        if label in _SSDP_HEADERS and first and len([ln for ln in lines if ln.strip()]) == 1 and ": " not in first[:42]:
            alone: Fields = {}  # one header's value alone, labelled with its name (as for HTTP, docs/observations.md)
            add(alone, "ssdp.shape", "value")
            add(alone, f"ssdp.header.{label}", first)
            return alone
        if not _ssdp_headers(lines):
            return {"ssdp.unreadable": ["no start line"]}
        first, lines = "", ["", *lines]  # its header lines without the start line (a log's, a post's excerpt)
    fields: Fields = {}
    if first:
        add(fields, "ssdp.start", first)
    else:
        add(fields, "ssdp.shape", "headers")
    for line in lines[1:100]:
        name, colon, value = line.partition(":")
        if colon and name.strip() and " " not in name.strip():
            add(fields, f"ssdp.header.{name.strip().lower()}", value.strip())
            header_params(fields, f"ssdp.header.{name.strip().lower()}", value.strip())
    return fields


_LOCATION = re.compile(r"^location:[ \t]*(\S{1,2048})", re.I | re.M)
#: The SOAP element of a GetGenericPortMappingEntry answer (UPnP IGD WANIPConnection:1).
MAPPING_ELEMENT = "GetGenericPortMappingEntryResponse"


def ssdp_location(raw: str) -> str | None:
    """The LOCATION header of an SSDP reply or NOTIFY (UPnP Device Architecture 1.1 §1.2.2)."""
    m = _LOCATION.search(raw[:8192].replace("\r\n", "\n"))
    return m.group(1) if m else None


def port_mapping(raw: str) -> dict[str, str] | None:
    """The elements of one GetGenericPortMappingEntry answer (``NewExternalPort`` …), or None for a
    SOAP fault, another document, or unreadable XML. ``raw`` is the HTTP response or the envelope."""
    if MAPPING_ELEMENT not in raw[:65536]:
        return None
    i = raw.find("<")
    if i < 0:
        return None
    try:
        root = parse_xml(raw[i:])
    except Unreadable:
        return None
    if find_first(root, "Fault") is not None:
        return None
    resp = find_first(root, MAPPING_ELEMENT)
    if resp is None:
        return None
    return {local(el.tag): (el.text or "").strip() for el in list(resp)[:32]}


def _upnp_salvage(raw: str, why: str) -> Fields:
    """A description cut at either end (an excerpt of a log or a post): the text-only elements
    that are there. The first device's elements come first in a description, so the first value
    of each root-device element is the root device's."""
    fields: Fields = {"upnp.unreadable": [why]}
    seen: set[str] = set()
    # the root device's own elements come before its icon, service and embedded-device lists
    ends = [i for i in (raw.find("<iconList"), raw.find("<serviceList"), raw.find("<deviceList")) if i >= 0]
    pairs = xml_salvage(raw)
    own = {name for name, _ in (xml_salvage(raw[: min(ends)]) if ends else pairs)}  # (no list: the whole text, salvaged once)
    for name, value in pairs:
        if name == "serviceType":
            add(fields, "upnp.service", value)
        elif name == "deviceType":
            add(fields, "upnp.deviceTypes", value)
            if "upnp.deviceType" not in fields:
                add(fields, "upnp.deviceType", value)
            seen.add(name)
        elif (name in _UPNP_ELEMENTS or name in own) and name not in seen:
            seen.add(name)
            add(fields, f"upnp.{name}", value)
    return fields


def upnp_fields(raw: str, request: str = "") -> Fields:
    """The root device of a UPnP description as ``upnp.<element>``; every serviceType as
    ``upnp.service``; a port-mapping SOAP answer as ``upnp.mapping.<element>``."""
    i = raw.find("<")
    try:
        root = parse_xml(raw[i:] if i >= 0 else raw)
    except Unreadable as exc:
        if i < 0 and ":device:" in raw[:8192]:  # the description's text without its markup (netscan/parsers/records.py)
            stripped: Fields = {}
            upnp_stripped_fields(stripped, raw)
            if stripped:
                return stripped
        return _upnp_salvage(raw, str(exc))
    fields: Fields = {}
    device = find_first(root, "device")
    if device is not None:
        for child in list(device)[:MAX_UPNP_ELEMENTS]:
            name = local(child.tag)
            text = (child.text or "").strip()
            # the standard elements, and a maker's own text-only ones (WeMo <firmwareVersion>,
            # <macAddress>, <hwVersion>...): what the device says about itself
            if text and (name in _UPNP_ELEMENTS or not len(child)):
                add(fields, f"upnp.{name}", text)
    elif not len(root) and local(root.tag) in _UPNP_ELEMENTS and (root.text or "").strip():
        # one element of a description pasted alone (``<modelName>FRITZ!Box 7530</modelName>``): the device's
        add(fields, f"upnp.{local(root.tag)}", (root.text or "").strip())
    for top in list(root)[:MAX_UPNP_ELEMENTS]:
        # the description's own version blocks beside the device (TR-064 <systemVersion>: HW, Major,
        # Minor, Patch, Buildnumber, Display): upnp.<block>.<element>
        kids = list(top)[:32]
        if local(top.tag) != "device" and kids and all(not len(k) for k in kids):
            for k in kids:
                text = (k.text or "").strip()
                if text:
                    add(fields, f"upnp.{local(top.tag)}.{local(k.tag)}", text)
    for el in root.iter():
        name = local(el.tag)
        if name == "serviceType" and el.text:
            add(fields, "upnp.service", el.text.strip())
        elif name == "deviceType" and el.text:
            add(fields, "upnp.deviceTypes", el.text.strip())
    mapping = port_mapping(raw) if find_first(root, MAPPING_ELEMENT) is not None else None
    for name, value in (mapping or {}).items():
        add(fields, f"upnp.mapping.{name}", value)
    return fields


def mdns_text(raw: str) -> str | None:
    """An mDNS response as presentation-format lines: a ``b64:`` packet is decoded, the older text
    shape is returned as it is; None when the packet is not a DNS message."""
    data = decode_raw(raw)
    if isinstance(data, str):
        return data
    try:
        return presentation(decode(data))
    except DnsError:
        return None


def mdns_owner(raw: str, src: str) -> str:
    """The device an mDNS answer describes: its one A-record address when there is exactly one.

    Responders may answer for others (Bonjour sleep proxies, reflectors, multi-homed emulators),
    so the packet's source is only the fallback."""
    text = mdns_text(raw) or ""
    addrs = set()
    for line in text.splitlines()[:200]:
        parts = line.rsplit(" A ", 1)
        if len(parts) == 2:
            try:
                addrs.add(str(ipaddress.IPv4Address(parts[1].strip())))
            except ValueError:
                continue
    return addrs.pop() if len(addrs) == 1 else src


def mdns_fields(raw: str, request: str = "") -> Fields:
    """DNS-SD records: a ``b64:`` mDNS packet, or records in presentation format, one per line
    (``name [ttl] [class] TYPE rdata``, the older shape)."""
    text = mdns_text(raw)
    if text is None:
        return {"mdns.unreadable": ["not a DNS message"]}
    fields: Fields = {}
    if ": type " in text and ", class " in text:  # Wireshark's packet details as text (netscan/parsers/records.py)
        dns_details_fields(fields, text)
        if fields:
            return fields
    for line in text[:65536].splitlines()[:MAX_RECORD_LINES]:
        rec = split_record(line[:MAX_RECORD_LINE])
        if rec is None:
            continue
        name, rtype, rdata = rec
        name = name.rstrip(".")
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
            inst, _, svc = name.partition("._")
            if svc and inst and not inst.startswith("_"):  # a TXT record's owner is the instance's name, as an SRV's
                add(fields, "mdns.service", "_" + svc)
                add(fields, "mdns.instance", inst.replace("\\ ", " "))
            strings = txt_strings(rdata) or rdata.split()
            for s in strings[:64]:
                k, eq, v = s.partition("=")
                if eq and k:
                    add(fields, f"mdns.txt.{k.lower()}", v)
        elif rtype in ("A", "AAAA"):
            add(fields, "mdns.hostname", name)
        elif rtype == "HINFO":
            add(fields, "mdns.hinfo", rdata.strip().replace('"', ""))
    if not fields and ("IPv4" in text or "IPv6" in text):
        avahi_fields(fields, text[:65536])
    return fields


#: ``avahi-browse -r`` result lines: ``=   eth0 IPv4 <instance>   <service type>   <domain>``, then
#: indented ``hostname = [...]``, ``address = [...]``, ``port = [...]``, ``txt = ["k=v" ...]``;
#: ``-p`` (parsable) joins the same with ``;`` and escapes bytes as ``\DDD`` (decimal).
_AVAHI_LINE = re.compile(r"^[=+]\s{1,8}\S{1,32}\s{1,8}IPv[46]\s{1,8}(\S.{0,200}?)\s{2,60}(\S.{0,80}?)\s{2,60}(\S{1,64})\s*$")
_AVAHI_ATTR = re.compile(r"^\s{1,12}(hostname|address|port|txt)\s=\s\[(.{0,4000})\]\s*$")
_AVAHI_ESCAPE = re.compile(r"\\(\d{3})")


def _avahi_unescape(text: str) -> str:
    return _AVAHI_ESCAPE.sub(lambda m: chr(int(m.group(1))) if int(m.group(1)) < 256 else m.group(0), text)


def avahi_fields(fields: Fields, text: str) -> None:
    """DNS-SD results as ``avahi-browse`` prints them (normal and ``-p`` parsable output): the
    instance, service, host name and TXT keys, under the same names as DNS records give them."""
    for line in text.splitlines()[:MAX_RECORD_LINES]:
        line = line[:MAX_RECORD_LINE]
        if line.startswith(("=;", "+;")):
            parts = line.split(";")
            if len(parts) >= 6 and parts[2] in ("IPv4", "IPv6"):
                add(fields, "mdns.instance", _avahi_unescape(parts[3]))
                if parts[4].startswith("_"):
                    add(fields, "mdns.service", f"{parts[4]}.{parts[5] or 'local'}")
                if len(parts) >= 7 and parts[6]:
                    add(fields, "mdns.hostname", parts[6].rstrip("."))
                if len(parts) >= 10:
                    _txt_keys(fields, ";".join(parts[9:]))
            continue
        m = _AVAHI_LINE.match(line)
        if m is not None:
            add(fields, "mdns.instance", m.group(1).strip())
            if m.group(2).startswith("_"):
                add(fields, "mdns.service", f"{m.group(2).strip()}.{m.group(3)}")
            continue
        a = _AVAHI_ATTR.match(line)
        if a is None:
            continue
        if a.group(1) == "hostname" and a.group(2).strip():
            add(fields, "mdns.hostname", a.group(2).strip().rstrip("."))
        elif a.group(1) == "txt":
            _txt_keys(fields, a.group(2))


def _txt_keys(fields: Fields, rdata: str) -> None:
    for item in txt_strings(rdata)[:64]:
        k, eq, v = item.partition("=")
        if eq and k:
            add(fields, f"mdns.txt.{k.lower()}", v)
