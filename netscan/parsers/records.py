"""More records of a device's answers as other tools keep them (docs/observations.md "Shapes of raw").
Each reader recognises a tool's print by its documented layout -- never by the device it names --
and turns it into the fields the identifiers already read:

- Java's ``sun.net.www.MessageHeader.toString()`` (OpenJDK src/java.base/share/classes/sun/net/www/
  MessageHeader.java: ``<object>@<hash><n> pairs: `` then ``{key: value}`` per entry; the answer's
  status line is the entry whose key is ``null``), which ``HttpURLConnection``'s FINE/DEBUG logging
  prints for every request and answer: an answer's entries as ``<http|rtsp>.status`` and
  ``.header.<name>``; a request's (its first key the request line, its value ``null``) are not read;
- Wireshark's packet details of a DNS/mDNS answer as text (tshark ``-V``, "Copy as Text":
  epan/dissectors/packet-dns.c prints each record as ``<owner>: type <TYPE>, class IN[, cache
  flush], <rdata summary>`` with ``TXT: k=v`` items below a TXT record): ``mdns.service``,
  ``mdns.instance``, ``mdns.hostname``, ``mdns.txt.<key>`` as a DNS-SD packet gives them;
- IPP attributes as client tools print them: python-ipp's parser debug log (pyipp/parser.py
  parse_attribute logs ``Attribute Name: <name>`` (``(<tag>)`` after it in later releases) and, lines
  later, ``Attribute Value: <value>``; a 1setOf's further values come with no name), ipptool's
  ``<name> (<syntax>) = <value>`` lines (CUPS tools/ipptool.c), a listing of ``<name> <value>`` lines
  and a print that runs each name into its value (the encoding's length bytes dropped:
  ``printer-make-and-modelHP ...``), for the Printer Description attributes of RFC 8011 5.4 and
  PWG 5100.13 that name the printer (``printer-make-and-model``, ``printer-device-id``,
  ``printer-firmware-string-version``...): ``ipp.<attribute>``;
- SSDP answers printed as JSON records (async_upnp_client's ``upnp-client search`` prints each
  answer's headers as one JSON object a line, beside its ``_address``/``_udn``...): each header as
  ``ssdp.header.<name>``, when every record comes from one host;
- a client's trace of its HTTP exchanges that writes the answer under a ``Status: <code> <reason>``
  line instead of the status line (sane-airscan airscan-trace.c: the request line ``<METHOD> <URL>``,
  its headers, then ``Status: 200 OK``, the answer's headers and its body): each answer read as the
  exchange it was.

Every reader is capped in characters, lines and values; every pattern is a bounded character class
or a fixed word next to one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from netscan.parsers._util import Fields, add
from netscan.parsers.ippwire import ipp_wire_text

#: Longest text looked at, most lines, longest line, most values kept per reader.
MAX_TEXT = 256 * 1024
MAX_LINES = 2000
MAX_LINE = 8192
MAX_VALUES = 200


def _lines(text: str) -> list[str]:
    return [ln[:MAX_LINE].rstrip("\r") for ln in text[:MAX_TEXT].split("\n", MAX_LINES)[:MAX_LINES]]


# ------------------------------------------------------------------ Java MessageHeader prints

#: The start of ``MessageHeader.toString()``: the object's identity (``sun.net.www.MessageHeader@5e3a8624``),
#: the number of entries (written right after the hash in JDK 8, after a blank in later ones), `` pairs: ``.
_MH_START = re.compile(r"MessageHeader@[0-9a-f]{1,16} ?[0-9]{0,5} ?pairs: ")
#: One entry, ``{key: value}`` (the key ``null`` for a status line; a value holds no brace).
_MH_ENTRY = re.compile(r"\{([^{}:\r\n]{1,200}): ([^{}\r\n]{0,4000})\}")
_STATUS = re.compile(r"^(HTTP|RTSP)/\d(?:\.\d)? (\d{3})(?: |$)")
#: Most prints read from one text.
MAX_PRINTS = 32


def message_header_fields(fields: Fields, text: str) -> None:
    """Answers printed by ``MessageHeader.toString()`` (see module docstring)."""
    from netscan.parsers.toolout import put_headers  # noqa: PLC0415 (toolout imports this module)

    t = text[:MAX_TEXT]
    for n, start in enumerate(_MH_START.finditer(t)):
        if n >= MAX_PRINTS:
            break
        pos = start.end()
        first = _MH_ENTRY.match(t, pos)
        if first is None or first.group(1) != "null":
            continue  # a request's entries (its request line as the first key), or no entry
        status = _STATUS.match(first.group(2))
        if status is None:
            continue
        proto = status.group(1).lower()
        add(fields, f"{proto}.status", status.group(2))
        pairs: list[tuple[str, str]] = []
        pos = first.end()
        while len(pairs) < 100:
            m = _MH_ENTRY.match(t, pos)
            if m is None:
                break
            pos = m.end()
            name, value = m.group(1).strip(), m.group(2).strip()
            if name != "null" and value != "null" and " " not in name:
                pairs.append((name, value))
        put_headers(fields, proto, pairs)


# ------------------------------------------------------------------ Wireshark's DNS record summaries

#: A record's summary line (packet-dns.c dissect_dns_answer): owner, type, class, the cache-flush bit of
#: mDNS, then the record data's summary. Indented under "Answers" / "Additional records"; a Javadoc or
#: comment may keep a ``*`` or ``//`` in front.
_DNS_RR = re.compile(
    r"^[ \t]{0,40}(?:(?:\*|//)[ \t]{1,8})?(?:=> )?(\S[^\r\n]{0,300}?): type ([A-Z][A-Z0-9]{0,9}), class (?:IN|ANY|0x[0-9a-f]{4})"
    r"(?:, cache flush)?(?:, ([^\r\n]{1,1000}))?$")
#: A TXT record's strings below its summary: ``TXT: k=v`` (``Text: k=v`` in older releases).
_DNS_TXT = re.compile(r"^[ \t]{0,60}(?:(?:\*|//)[ \t]{1,8})?(?:TXT|Text): ([^\r\n]{1,1000})$")
_SRV_TARGET = re.compile(r"(?:^|, )target (\S{1,255})$")
_A_ADDR = re.compile(r"^addr ([0-9a-fA-F.:]{2,45})$")


def dns_details_fields(fields: Fields, text: str) -> None:
    """DNS-SD records of Wireshark's packet details as text (see module docstring)."""
    if ": type " not in text:
        return
    txt_owner = False
    n = 0
    for line in _lines(text):
        if n >= MAX_VALUES:
            break
        if ": type " in line:
            m = _DNS_RR.match(line)
            if m is not None:
                n += 1
                owner, rtype, rdata = m.group(1).rstrip("."), m.group(2), (m.group(3) or "").strip()
                txt_owner = rtype == "TXT"
                if rtype == "PTR" and (owner.startswith("_") or "._" in owner):
                    target = rdata.rstrip(".")
                    add(fields, "mdns.service", owner)
                    if target.endswith("." + owner):
                        add(fields, "mdns.instance", target[: -len(owner) - 1])
                elif rtype == "SRV":
                    t = _SRV_TARGET.search(rdata)
                    if t is not None:
                        add(fields, "mdns.hostname", t.group(1).rstrip("."))
                    inst, _, svc = owner.partition("._")
                    if svc:
                        add(fields, "mdns.service", "_" + svc)
                        add(fields, "mdns.instance", inst)
                elif rtype in ("A", "AAAA") and _A_ADDR.match(rdata) is not None:
                    add(fields, "mdns.hostname", owner)
                continue
        if txt_owner and ("TXT: " in line or "Text: " in line):
            t = _DNS_TXT.match(line)
            if t is not None:
                k, eq, v = t.group(1).partition("=")
                if eq and k and " " not in k and len(k) <= 40:
                    add(fields, f"mdns.txt.{k.lower()}", v.strip())


# ------------------------------------------------------------------ IPP attributes as tools print them

#: The Printer Description attributes that name the printer (RFC 8011 5.4; PWG 5100.13 "IPP Everywhere"
#: 6.6/6.9: firmware and identity attributes; PWG 5100.7 printer-device-id), and the two operation
#: attributes that start every answer (RFC 8011 4.1.4): a listing is told by them.
IPP_ATTRIBUTES = (
    "printer-make-and-model", "printer-device-id", "printer-firmware-string-version", "printer-firmware-version",
    "printer-firmware-name", "printer-firmware-patches", "printer-info", "printer-name", "printer-location",
    "printer-dns-sd-name", "printer-more-info-manufacturer", "printer-more-info", "printer-uuid",
    "printer-serial-number", "printer-strings-uri", "printer-uri-supported", "printer-state-reasons",
    "printer-state-message", "printer-state", "printer-up-time", "printer-is-accepting-jobs", "printer-kind",
    "printer-organization", "printer-geo-location", "printer-icons", "printer-supply-info-uri",
    "attributes-charset", "attributes-natural-language", "ipp-versions-supported", "operations-supported",
    "charset-configured", "charset-supported", "natural-language-configured", "document-format-supported",
    "document-format-default", "color-supported", "uri-security-supported", "uri-authentication-supported",
    "queued-job-count", "pdl-override-supported", "compression-supported", "media-supported", "media-default",
)
#: The attributes whose values are read (those that can name the printer's maker, model or firmware).
IPP_READ = frozenset({
    "printer-make-and-model", "printer-device-id", "printer-firmware-string-version", "printer-firmware-version",
    "printer-firmware-name", "printer-info", "printer-name", "printer-dns-sd-name", "printer-more-info-manufacturer",
    "printer-serial-number",
})
#: A known attribute name where a listing line starts or inside a run of text (a name is never the end of a
#: longer keyword: the next character is no keyword character, or is one of a value run into it).
_IPP_NAME = re.compile(r"(?<![a-z0-9-])(" + "|".join(sorted(IPP_ATTRIBUTES, key=len, reverse=True)) + r")")
#: ipptool's ``name (syntax) = value`` and the common ``name = value`` / ``name: value`` separators.
_IPP_SEP = re.compile(r"[ \t]{0,8}(?:\((?:1setOf )?[A-Za-z]{2,30}\)[ \t]{0,8}=|=|:)?[ \t]{0,8}")
#: python-ipp's parser debug messages.
_PYIPP_NAME = re.compile(r"Attribute Name: ([a-z][a-z0-9-]{1,62})(?: \(0x[0-9a-f]{1,2}\))?\s*$")
_PYIPP_VALUE = re.compile(r"Attribute Value: ([^\r\n]{1,1000})$")
#: Characters a value never holds (the encoding's tags and length bytes kept by a text print).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]{1,16}")


def _ipp_add(fields: Fields, name: str, value: str) -> None:
    v = _CONTROL.sub(" ", value).strip().rstrip(",;").strip()
    if v and len(v) <= 512 and name in IPP_READ:
        add(fields, f"ipp.{name}", v)


def ipp_attribute_fields(fields: Fields, text: str) -> None:
    """IPP attributes as client tools print them (see module docstring); a message kept as its bytes is read by
    its lengths (netscan/parsers/ippwire.py), so a value ends where the encoding says."""
    wire = ipp_wire_text(text)
    if wire is not None:
        for name, value in wire:
            _ipp_add(fields, name, value)
        return
    t = text[:MAX_TEXT]
    if "Attribute Name: " in t:  # python-ipp's debug log: a name, then (lines later) its value
        name = ""
        for k, line in enumerate(_lines(t)):
            if k > MAX_LINES:
                break
            if "Attribute Name:" in line:
                m = _PYIPP_NAME.search(line)
                name = m.group(1) if m is not None else ""  # (an empty name: a further value of a 1setOf)
            elif name and "Attribute Value: " in line:
                v = _PYIPP_VALUE.search(line)
                if v is not None:
                    _ipp_add(fields, name, v.group(1))
                    name = ""
    found = [m for _, m in zip(range(MAX_VALUES), _IPP_NAME.finditer(t))]
    if len({m.group(1) for m in found}) < 2:
        return  # one attribute name alone is a word of a text, not a print of attributes
    for i, m in enumerate(found):
        name = m.group(1)
        if name not in IPP_READ:
            continue
        end = found[i + 1].start() if i + 1 < len(found) else len(t)
        nl = t.find("\n", m.end(), end)
        if nl >= 0:
            end = nl
        rest = t[m.end() : min(end, m.end() + 1024)]
        first = rest[:1]
        if first in ("", "-", "_", ".", "/", '"', "'"):
            continue  # a longer keyword (printer-info-x), a path or a quoted key: another reader's
        sep = _IPP_SEP.match(rest)
        said = rest[: sep.end()] if sep is not None else ""
        if "=" in said or ":" in said:
            pass  # name = value, name: value, ipptool's name (syntax) = value
        elif said:  # name, blanks, value: a listing's line, the name first on it
            line_start = t.rfind("\n", 0, m.start()) + 1
            if t[line_start : m.start()].strip():
                continue
        elif not (first.isupper() or first.isdigit() or _CONTROL.match(first) is not None
                  or name in ("printer-name", "printer-dns-sd-name")):
            continue  # run together: a value starts with a capital, a digit or the encoding's length bytes
        _ipp_add(fields, name, rest[len(said) :])


# ------------------------------------------------------------------ SSDP answers printed as JSON

#: SSDP headers an answer always carries (UPnP Device Architecture 2.0, 1.3.3): a JSON record holding
#: two of them is an answer's headers.
_SSDP_KEYS = frozenset({"st", "nt", "usn", "location", "server", "cache-control", "ext"})
#: The keys a printing tool adds for the sender's address.
_HOST_KEYS = ("_address", "_host", "address", "host", "_remote_addr", "remote", "rinfo")


def _ssdp_records(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    s = text.strip()
    docs: list[Any] = []
    if s[:1] == "[":
        try:
            docs = [json.loads(s[:MAX_TEXT])]
        except (ValueError, RecursionError):
            docs = []
    if not docs:
        for line in _lines(text):
            ln = line.strip().rstrip(",")
            if ln[:1] == "{" and ln[-1:] == "}" and '":' in ln:
                try:
                    docs.append(json.loads(ln))
                except (ValueError, RecursionError):
                    continue
            if len(docs) >= MAX_VALUES:
                break
    for doc in docs:
        for rec in doc if isinstance(doc, list) else [doc]:
            if isinstance(rec, dict) and sum(str(k).lower() in _SSDP_KEYS for k in rec) >= 2:
                out.append(rec)
    return out[:MAX_VALUES]


def ssdp_json_fields(fields: Fields, text: str) -> None:
    """SSDP answers printed as JSON records (see module docstring)."""
    records = _ssdp_records(text)
    hosts = set()
    for rec in records:
        for k in _HOST_KEYS:
            v = rec.get(k)
            if isinstance(v, str) and v:
                hosts.add(v.rsplit(":", 1)[0] if v.count(":") == 1 else v)
            elif isinstance(v, dict) and isinstance(v.get("address"), str):
                hosts.add(v["address"])
    if len(hosts) > 1:
        return  # a network's answers: other devices too
    for rec in records:
        for k, v in list(rec.items())[:64]:
            name = str(k).strip().lower()
            if name[:1] == "_" or not isinstance(v, (str, int)) or not re.fullmatch(r"[a-z][a-z0-9.-]{0,40}", name):
                continue
            add(fields, f"ssdp.header.{name}", str(v).strip())


# ------------------------------------------------------------------ traces with a "Status:" line

#: The request line of the trace (``GET http://host:8080/eSCL/ScannerCapabilities``).
_TRACE_REQUEST = re.compile(r"^(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|DESCRIBE|SETUP|PLAY) (?:https?|rtsp)://\S{1,2000}$")
_TRACE_STATUS = re.compile(r"^Status: ([1-5]\d\d) ([A-Za-z][A-Za-z -]{0,60})$")
_TRACE_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9-]{0,63}): ?(\S[^\r\n]{0,2000})$")
#: Most answers read from one trace.
MAX_TRACE_ANSWERS = 16


def status_trace_fields(fields: Fields, text: str) -> None:
    """Answers of a client's trace that writes ``Status: <code> <reason>`` for the status line, below
    the request it answers (see module docstring)."""
    from netscan.parsers.toolout import _answer_fields  # noqa: PLC0415 (toolout imports this module)

    lines = _lines(text)
    asked = -1000
    proto = "HTTP/1.1"
    answers = 0
    for i, line in enumerate(lines):
        if answers >= MAX_TRACE_ANSWERS:
            break
        if line[:1].isupper() and " " in line and "://" in line and _TRACE_REQUEST.match(line) is not None:
            asked = i
            proto = "RTSP/1.0" if "rtsp://" in line else "HTTP/1.1"
            continue
        if not line.startswith("Status: ") or i - asked > 40:
            continue
        m = _TRACE_STATUS.match(line)
        if m is None:
            continue
        headers: list[tuple[str, str]] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() and len(headers) < 100:
            h = _TRACE_HEADER.match(lines[j])
            if h is None:
                break
            headers.append((h.group(1), h.group(2).strip()))
            j += 1
        body: list[str] = []
        for nxt in lines[j + 1 : j + 400]:
            if nxt.startswith("=====") or _TRACE_REQUEST.match(nxt) is not None:
                break
            body.append(nxt)
        answers += 1
        asked = -1000
        _answer_fields(fields, f"{proto} {m.group(1)} {m.group(2)}", headers, "\n".join(body).strip())


# ------------------------------------------------------------------ GetDeviceInformation without its markup

#: The members of an ONVIF GetDeviceInformationResponse, in the order the schema requires them (ONVIF
#: devicemgmt.wsdl: a sequence of Manufacturer, Model, FirmwareVersion, SerialNumber, HardwareId, each
#: required once).
DEVINFO_ORDER = ("Manufacturer", "Model", "FirmwareVersion", "SerialNumber", "HardwareId")
_DI_MAKER = re.compile(r"[A-Za-z][A-Za-z0-9&.,' -]{1,39}")
_DI_TOKEN = re.compile(r"[A-Za-z0-9][\w ./()+#-]{0,63}")
_DI_CAPTION = re.compile(r"[A-Za-z][\w .()-]{0,80}:|(?:[A-Za-z]{1,12}:)?GetDeviceInformationResponse")


def devinfo_order_pairs(text: str) -> list[tuple[str, str]]:
    """The values of a GetDeviceInformation answer whose markup was stripped (a page or a client showed
    the elements' text only, one a line), named by their place in the schema's sequence: exactly five
    value lines (below at most two caption lines ending with ``:`` or naming the answer) where the
    first reads as a maker's name (letters first, at most one digit, at most four words), the second
    as a model (a digit in it, at most three words), the third as a version (a digit in it), the
    fourth (the serial number) as one token and the fifth as a short value. Any other count of lines
    is another document, or a list of other values: nothing."""
    head = text[:4096]
    if head.lstrip().startswith("<?xml") and head.count("<") == 1:
        head = head.partition("?>")[2]  # the declaration survived (the renderer stripped the elements only)
    if "<" in head or ">" in head or "=" in head or "{" in head or "\t" in head:
        return []
    lines = [ln.strip() for ln in head.split("\n", 12)[:12] if ln.strip()]
    for _ in range(2):
        if lines and _DI_CAPTION.fullmatch(lines[0]) is not None:
            lines = lines[1:]
    if len(lines) != 5 or len(head) > 1024:
        return []
    maker, model, firmware, serial, hwid = lines
    if (_DI_MAKER.fullmatch(maker) is None or sum(c.isdigit() for c in maker) > 1 or maker.count(" ") > 3
            or any(": " in v for v in lines)):
        return []
    if (_DI_TOKEN.fullmatch(model) is None or not any(c.isdigit() for c in model) or model.count(" ") > 2
            or _DI_TOKEN.fullmatch(firmware) is None or not any(c.isdigit() for c in firmware) or firmware.count(" ") > 4
            or _DI_TOKEN.fullmatch(serial) is None or " " in serial or _DI_TOKEN.fullmatch(hwid) is None or hwid.count(" ") > 3):
        return []
    return list(zip(DEVINFO_ORDER, lines))


# ------------------------------------------------------------------ a UPnP description without its markup

#: A device type URN (UPnP Device Architecture 2.0, 2.3: ``urn:schemas-upnp-org:device:<type>:<v>``, or a
#: vendor's domain): the first element of every ``<device>``.
_UPNP_DEVICE_TYPE = re.compile(r"^urn:[A-Za-z0-9.-]{1,64}:device:[\w.-]{1,64}:\d{1,3}$")
_UPNP_URL = re.compile(r"^https?://\S{1,500}$")
_UPNP_UDN = re.compile(r"^uuid:\S{1,200}$")
_UPNP_VALUE = re.compile(r"[^\s<>=][^<>=\r\n]{0,127}")


def upnp_stripped_fields(fields: Fields, text: str) -> None:
    """A UPnP device description whose markup was stripped (the elements' text one a line): from the
    first ``deviceType`` line, the members the schema requires in its order (UDA 2.0 2.3: deviceType,
    friendlyName, manufacturer, then manufacturerURL, modelDescription (both optional), modelName,
    modelNumber (optional), modelURL (optional), serialNumber (optional), UDN): ``upnp.deviceType``,
    ``upnp.friendlyName``, ``upnp.manufacturer``; the lines between the maker's (and its URL) and the
    next URL or the ``uuid:`` UDN are the model's: one is ``upnp.modelName``, three are description,
    name and number; two are told apart only when the second holds no digit (then it is no number).
    Read only when a ``uuid:`` UDN line closes the device's block within its first twelve lines."""
    if "<" in text[:4096]:
        return
    lines = [ln.strip() for ln in text[:8192].split("\n", 200)[:200] if ln.strip()]
    start = next((i for i, ln in enumerate(lines[:40]) if _UPNP_DEVICE_TYPE.match(ln)), -1)
    if start < 0:
        return
    block = lines[start : start + 12]
    udn = next((i for i, ln in enumerate(block) if _UPNP_UDN.match(ln)), -1)
    if udn < 4 or any(_UPNP_VALUE.fullmatch(ln) is None for ln in block[1:udn]):
        return
    friendly, maker = block[1], block[2]
    if _UPNP_URL.match(friendly) or _UPNP_URL.match(maker):
        return
    add(fields, "upnp.deviceType", block[0])
    add(fields, "upnp.friendlyName", friendly)
    add(fields, "upnp.manufacturer", maker)
    add(fields, "upnp.UDN", block[udn])
    i = 3
    if i < udn and _UPNP_URL.match(block[i]):
        add(fields, "upnp.manufacturerURL", block[i])
        i += 1
    j = i
    while j < udn and not _UPNP_URL.match(block[j]):
        j += 1
    model = block[i:j]
    if len(model) == 1:
        add(fields, "upnp.modelName", model[0])
    elif len(model) == 2 and not any(c.isdigit() for c in model[1]):
        add(fields, "upnp.modelDescription", model[0])
        add(fields, "upnp.modelName", model[1])
    elif len(model) == 3:
        add(fields, "upnp.modelDescription", model[0])
        add(fields, "upnp.modelName", model[1])
        add(fields, "upnp.modelNumber", model[2])
    if j < udn and _UPNP_URL.match(block[j]):
        add(fields, "upnp.modelURL", block[j])
