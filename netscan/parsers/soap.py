"""ONVIF SOAP responses and WS-Discovery messages (ONVIF Core spec; WS-Discovery 2005/04)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from netscan.parsers._util import MAX_BODY_CHARS, Fields, Unreadable, add, find_first, local, parse_xml, xml_leaves, xml_salvage

#: GetDeviceInformation elements copied to top-level onvif.<Name> fields.
_DEVINFO = ("Manufacturer", "Model", "FirmwareVersion", "SerialNumber", "HardwareId")


def _soap_body(raw: str) -> str:
    # A recorded ONVIF exchange may carry the HTTP head in front of the envelope; a client's log
    # may print the envelope as a Python bytes repr (b'<?xml ...').
    t = raw.lstrip()
    if t[:3] in ("b'<", 'b"<'):
        from netscan.parsers.http import _bytes_literal  # noqa: PLC0415

        raw = _bytes_literal(t.split("\n", 1)[0] if "\n" in t else t)
    i = raw.find("<")
    return raw[i:] if i >= 0 else raw


_DEVINFO_KEYS = {name.lower(): name for name in _DEVINFO}


def _text_devinfo(fields: Fields, raw: str) -> bool:
    """An ONVIF answer that is not SOAP: how client tools print GetDeviceInformation (zeep or
    python dict repr, suds ``(reply){ Manufacturer = "X" }``, Node's ``{ manufacturer: 'X' }``,
    YAML or ``Key: Value`` lines), or an envelope cut at both ends. Its fields go under
    ``onvif.json.*`` / ``onvif.kv.*`` / ``onvif.xml.*``, and the device-information members, in
    any of these spellings, to ``onvif.<Name>`` like a SOAP answer's. True when anything was read."""
    from netscan.parsers.http import loose_fields  # noqa: PLC0415 (http is the bigger module)
    from netscan.parsers.shapes import tool_fields  # noqa: PLC0415

    text = _soap_body(raw[:MAX_BODY_CHARS]) if raw.lstrip()[:3] in ("b'<", 'b"<') else raw[:MAX_BODY_CHARS]
    got: Fields = {}
    declaration_only = text.lstrip().startswith("<?xml") and text.count("<", 0, 16384) == 1  # the elements stripped
    if ("</" in text or text.lstrip().startswith("<")) and not declaration_only:  # markup, cut: its complete elements only
        for name, value in xml_salvage(text):
            add(got, f"onvif.xml.{name}", value)
    else:
        if "{" in text or "[" in text:
            loose_fields(got, "onvif", text)
        tool_fields(got, "onvif", text)
        from netscan.parsers.toolout import toolout_fields  # noqa: PLC0415

        toolout_fields(got, "onvif", text)
    for name, values in got.items():
        add_to = _DEVINFO_KEYS.get(name.rsplit(".", 1)[-1].lower())
        for v in values:
            add(fields, name, v)
            if add_to is not None:
                add(fields, f"onvif.{add_to}", v)
    return bool(got)


#: An ONVIF service's WSDL namespace declared on an element (``xmlns:timg="http://www.onvif.org/ver20/imaging/wsdl"``).
_ONVIF_SERVICE_NS = re.compile(r'xmlns:[A-Za-z][\w.-]{0,24}\s*=\s*\\?["\'](http://www\.onvif\.org/ver[12]0/[A-Za-z]{2,24}/wsdl)\\?["\']')
#: A service a GetServices answer lists (``<tds:Namespace>http://www.onvif.org/ver20/imaging/wsdl</tds:Namespace>``).
_ONVIF_LISTED_NS = re.compile(r"<(?:[\w.-]{1,24}:)?Namespace>\s*(http://www\.onvif\.org/ver[12]0/[A-Za-z]{2,24}/wsdl)\s*</")
#: The Imaging entry of a GetCapabilities answer (``<tt:Imaging><tt:XAddr>...``): the same service.
_ONVIF_IMAGING_CAPABILITY = re.compile(r"<(?:[\w.-]{1,24}:)?Imaging>\s*<(?:[\w.-]{1,24}:)?XAddr>\s*https?://")
#: Characters of an answer searched for namespace declarations (they sit on the envelope, at the top).
MAX_NAMESPACE_CHARS = 16384
#: A SOAP element that answers (``GetServicesResponse``, a ``Fault``): a client's request has neither.
_SOAP_ANSWER = re.compile(r"<(?:[\w.-]{1,24}:)?(?:[A-Za-z]{2,64}Response|Fault)\b")


def _service_namespaces(fields: Fields, raw: str) -> None:
    """``onvif.namespace``: the ONVIF service namespaces an answer's envelope declares, those a
    GetServices answer lists, and Imaging's when a GetCapabilities answer has an Imaging entry. The
    SOAP toolkit of camera firmware (gSOAP) writes its whole namespace table on every envelope, so the
    list says which services the firmware was built with (imaging: a video source of its own).
    Read only from text that holds an answer element, never from a client's request alone."""
    head = raw[:MAX_NAMESPACE_CHARS]
    body = raw[: MAX_NAMESPACE_CHARS * 4]
    if _SOAP_ANSWER.search(body) is None:
        return
    found = [m.group(1) for m in _ONVIF_SERVICE_NS.finditer(head)]
    found += [m.group(1) for m in _ONVIF_LISTED_NS.finditer(body)]  # the services GetServices lists
    if _ONVIF_IMAGING_CAPABILITY.search(body):
        found.append("http://www.onvif.org/ver20/imaging/wsdl")  # GetCapabilities' Imaging entry
    for uri in dict.fromkeys(found):
        add(fields, "onvif.namespace", uri)


def onvif_fields(raw: str, request: str = "") -> Fields:
    """Fields of an ONVIF device-service response."""
    fields: Fields = {}
    # the action is the first word (credentials are Response.auth, not part of the request)
    action = request.strip().split()[0] if request.strip() else ""
    if action:
        add(fields, "onvif.action", action)
    head = raw[: raw.find("<")] if "<" in raw else raw
    if head.startswith("HTTP/"):
        status = head.split(None, 2)[1:2]
        if status:
            add(fields, "onvif.http_status", status[0])
    _service_namespaces(fields, raw)
    try:
        root = parse_xml(_soap_body(raw))
    except Unreadable as exc:
        if not _text_devinfo(fields, raw):
            add(fields, "onvif.unreadable", str(exc))
        return fields
    fault = find_first(root, "Fault")
    if fault is not None:
        texts = [" ".join((el.text or "").split()) for el in fault.iter() if local(el.tag) in ("Text", "faultstring", "Value")]
        add(fields, "onvif.fault", " | ".join(t for t in texts if t) or "fault")
        return fields
    body = find_first(root, "Body")
    target = body if body is not None else root
    if "Match" in raw or "Hello" in raw:
        tag = local(target[0].tag) if len(target) else ""
        if tag in ("ProbeMatches", "ResolveMatches", "Hello", "ProbeMatch", "ResolveMatch"):
            # ONVIF's discovery answer (WS-Discovery on UDP 3702) recorded as an ONVIF response: read as WS-Discovery
            for key, values in wsd_fields(raw).items():
                for value in values:
                    add(fields, key, value)
    for name in _DEVINFO:
        el = find_first(target, name)
        text = (el.text or "").strip() if el is not None else ""
        if text:
            add(fields, f"onvif.{name}", text)
    for child in list(target)[:50]:
        xml_leaves(child, fields, "onvif.xml.")
    return fields


def _list_item(token: str) -> str:
    """A whitespace-split token of a printed list without the list's punctuation: ``["onvif://a/b",``
    -> ``onvif://a/b`` (JSON arrays, Python list prints: a bracket before the first item, a comma or a
    bracket after an item, the item's own quotes); brackets inside the value are kept
    (``.../firmware/version/2.6.0.150(15529)``)."""
    token = token.lstrip("[").rstrip(",").rstrip("]").rstrip(",")
    if len(token) >= 2 and token[0] in "\"'" and token[-1] == token[0]:
        token = token[1:-1]
    return token


def wsd_fields(raw: str, request: str = "") -> Fields:
    """Fields of a WS-Discovery ProbeMatch, ResolveMatch or Hello."""
    fields: Fields = {}
    try:
        root = parse_xml(raw)
    except Unreadable as exc:
        if "<" not in raw[:4096] and "onvif://" in raw[:65536]:
            # the Scopes text alone, as discovery tools print it: space-separated scope URIs, or a
            # quoted list of them (a JSON array or a Python list print in a library's test data or log)
            for token in raw[:65536].split()[:128]:
                scope = _list_item(token)
                if scope.startswith("onvif://"):
                    add(fields, "wsd.scope", unquote(scope))
            return fields
        from netscan.parsers.toolout import discovery_tool_fields  # noqa: PLC0415

        discovery_tool_fields(fields, raw)  # a discovery tool's printout (zmonvif-probe, onvif-util)
        return fields if fields else {"wsd.unreadable": [str(exc)]}
    parents = {child: local(el.tag) for el in root.iter() for child in el}
    for el in root.iter():
        name = local(el.tag)
        text = (el.text or "").strip()
        if not text:
            continue
        if name == "Scopes":
            for scope in text.split()[:64]:
                add(fields, "wsd.scope", unquote(scope))
        elif name == "XAddrs":
            for x in text.split()[:16]:
                add(fields, "wsd.xaddrs", x)
        elif name == "Types":
            for t in text.split()[:16]:
                add(fields, "wsd.types", t)
        elif name == "Address" and parents.get(el) == "EndpointReference":  # not ReplyTo's Address
            add(fields, "wsd.address", text)
        elif name == "Action":
            add(fields, "wsd.action", text.rsplit("/", 1)[-1])
    if "ThisModel" in raw or "ThisDevice" in raw:
        # a DPWS device's metadata (WS-Transfer GetResponse; DPWS 1.1 section 5: ThisModel's Manufacturer,
        # ModelName, ModelNumber and ThisDevice's FriendlyName, FirmwareVersion, SerialNumber): its leaves, as
        # any XML answer's, for the field conventions that read a maker, a model and a firmware
        for el in root.iter():
            if local(el.tag) in ("ThisModel", "ThisDevice"):
                xml_leaves(el, fields, "wsd.xml.")
    return fields
