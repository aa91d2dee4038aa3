"""Pure, hostile-input-safe parsers: one recorded Response -> named fields (docs/signatures.md).

``fields(response)`` never raises: a response it cannot read yields ``<protocol>.unreadable``.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
from functools import lru_cache

from netscan.discovery import BY_CAPTURE_PORT as DISCOVERY_BY_CAPTURE_PORT
from netscan.discovery import REGISTRY as DISCOVERY_REGISTRY
from netscan.discovery import resolve
from netscan.model import Response
from netscan.parsers._util import B64_PREFIX, Fields, add, clean_fields, decode_raw
from netscan.parsers.banner import banner_fields
from netscan.parsers.dhcp import dhcp_fields
from netscan.parsers.dns import dns_fields
from netscan.parsers.discovery import upnp_fields
from netscan.parsers.http import answer_body_fields, bare_document, http_fields, pasted_answer, rtsp_fields
from netscan.parsers.labels import local_label_aliases
from netscan.parsers.lldp import cdp_fields, lldp_fields
from netscan.parsers.lldptext import neighbour_text_fields
from netscan.parsers.kvdocs import documents_in_values
from netscan.parsers.namespaces import stated_namespaces
from netscan.parsers.smartdev import dvrip_fields
from netscan.parsers.snmp import snmp_response_fields
from netscan.parsers.soap import onvif_fields
from netscan.parsers.tls import tls_fields
from netscan.parsers.toolout import snmp_string_pairs
from netscan.parsers.unwrap import flattened_members, markup_in_json_leaves, unwrap, upnp_device_type

__all__ = ["Fields", "fields"]

logger = logging.getLogger(__name__)

_PARSERS: dict[str, Callable[[str, str], Fields]] = {
    "http": http_fields,
    "rtsp": rtsp_fields,
    "onvif": onvif_fields,
    "upnp": upnp_fields,
    "tls": tls_fields,
    "dns": dns_fields,
    "dhcp": dhcp_fields,
    "dvrip": dvrip_fields,
    "lldp": lldp_fields,
    "cdp": cdp_fields,
    "snmp": snmp_response_fields,
}
# every discovery protocol's parser, as the registry names it (netscan/discovery.py)
_PARSERS.update({p.name: resolve(p.parser) for p in DISCOVERY_REGISTRY})


#: Responses whose fields are kept: identification and the findings stage both read every
#: response, and parsing (XML, JSON, certificates) is the costly part of analysing a scan.
MAX_CACHED_RESPONSES = 4096


def fields(response: Response) -> Fields:
    """Parse one response into fields. ``https`` responses use the ``http.*`` names.

    The result is shared between callers (parsing is deterministic): treat it as read-only."""
    return _cached_fields(response)


def _certificate_text(raw: str) -> bool:
    """True when a text holds a PEM certificate or a certificate's subject as ``openssl s_client``,
    ``openssl x509 -text`` or nmap's ssl-cert print it (netscan/parsers/tls.py reads them)."""
    head = raw[:65536]
    return "-----BEGIN CERTIFICATE-----" in head or ("subject=" in head and "issuer=" in head) or "ssl-cert: Subject:" in head or (
        "Subject: " in head and "Issuer: " in head and "Validity" in head)


def _pasted_answer_fields(out: Fields, raw: str) -> None:
    """Fields of an answer's part recorded as ``other`` (netscan.parsers.http.pasted_answer), as that
    answer's: its header lines as ``http.header.*``/``rtsp.header.*``, a page as the HTTP body's fields
    (``http.title``...), an SDP as ``rtsp.sdp.*``; nothing when a tool's reader read it already."""
    kind = pasted_answer(raw)
    if kind is None:
        return
    proto = "rtsp" if kind in ("rtsp", "sdp") else "http"
    if any(k.startswith(f"{proto}.") for k in out):
        return
    parsed = (rtsp_fields if proto == "rtsp" else http_fields)(raw, "")
    for key, values in parsed.items():
        if key.endswith((".shape", ".value", ".unreadable", ".path", ".client-url")) or (kind in ("http", "rtsp") and not key.startswith((f"{proto}.header", f"{proto}.url"))):
            continue
        for value in values:
            add(out, key, value)


#: A run of printable ASCII in a binary answer no parser reads, as strings(1) shows it: at least this long.
MIN_STRING_RUN = 6
_STRING_RUN = re.compile(rb"[\x20-\x7e]{%d,200}" % MIN_STRING_RUN)


def _printable_runs(out: Fields, proto: str, data: bytes) -> None:
    """The printable runs of a binary answer no reader knows (a vendor's TLV discovery reply: Vivotek's udp/10000
    answer holds its model and firmware as length-prefixed strings) as ``<proto>.strings``, what strings(1) prints;
    a run of one repeated character (padding, a masked identifier) is left out."""
    n = 0
    for m in _STRING_RUN.finditer(data[:8192]):
        text = m.group(0).decode("ascii").strip()
        if len(text) >= MIN_STRING_RUN and len(set(text)) > 2:
            add(out, f"{proto}.strings", text)
            n += 1
            if n >= 32:
                return


def _dumped_discovery_answer(out: Fields, response: Response) -> None:
    """An answer recorded as ``other`` whose text was a dump or an encoding of the bytes (netscan/parsers/unwrap.py:
    a Wireshark hex dump of a SADP, DHIP or mDNS answer pasted with the port it came from): read by the discovery
    protocol of that port, as passive capture reads the same datagram (netscan/capture/decode.py), the first whose
    reader finds more than an unreadable marker or the bytes' hex. Only the recorded port chooses the reader."""
    if response.port is None:
        return
    for name in DISCOVERY_BY_CAPTURE_PORT.get(response.port, ()):
        parsed = _PARSERS[name](response.raw, response.request)
        if any(not k.endswith((".unreadable", ".hex")) for k in parsed):
            for key, values in parsed.items():
                for value in values:
                    add(out, key, value)
            return


@dataclasses.dataclass(frozen=True)
class TextFallback:
    """How a text is read that a protocol's own reader found nothing in (``_read_as_text``).

    ``markers``: the field names (after ``<protocol>.``) the reader records about a text before any value -- that
    it could not read it, which MIB's names it saw; a result of nothing else is a text it found nothing in.
    ``whole``: read it as any other answer's text (``other.*``: its JSON and key-value members, prose, a
    sysObjectID under any key), else by the shapes other tools print under the protocol's own names
    (netscan/parsers/banner.py). ``drop``: the endings of the fallback's fields that are not kept."""

    markers: frozenset[str] = frozenset({"unreadable"})
    whole: bool = False
    drop: tuple[str, ...] = (".banner", ".hex")


#: The fallback of a protocol not listed: a fragment in another tool's shape (a JavaScript print of a UPnP
#: description, a test mock of an SSDP answer, one line of either), or a text the reader found nothing in (a
#: DNS-SD browser's TXT listing, a report's "Firmware: ..." lines): the shapes other tools print, the marker kept.
_TEXT_FALLBACK = TextFallback()
#: Per protocol, where its reader's nothing is read otherwise. SNMP: a text recorded against SNMP in which the
#: reader found no value in any walk shape it knows (an inventory tool's JSON keyed by MIB object names, a
#: consumables tool's sentence about the printer it asked, an SNMP client's debug log) is what a tool printed of
#: its answers, read whole as any other answer's text, the reader's markers kept.
_TEXT_FALLBACKS: dict[str, TextFallback] = {
    "snmp": TextFallback(markers=frozenset({"mib", "unreadable"}), whole=True, drop=(".unreadable", ".hex")),
}


def _read_as_text(out: Fields, proto: str, response: Response) -> None:
    """A text the ``proto`` reader found nothing in (its ``TextFallback``'s markers at most), read as text:
    the fallback's fields added to ``out``, those with an ending it drops left out. Never a base64 answer's bytes."""
    fallback = _TEXT_FALLBACKS.get(proto, _TEXT_FALLBACK)
    if response.raw.startswith(B64_PREFIX) or any(not k.startswith(proto + ".") or k[len(proto) + 1:] not in fallback.markers for k in out):
        return
    if fallback.whole:
        read = _cached_fields(dataclasses.replace(response, protocol="other", port=None))
    else:
        read = banner_fields(proto, response.raw, response.request)
    for key, values in read.items():
        if not key.endswith(fallback.drop):
            for value in values:
                add(out, key, value)


#: The labels a tool prints for the TLVs of a Ubiquiti discovery answer it decoded (udp/10001), as the
#: ``ubnt.*`` fields of the answer's own reader (netscan/parsers/smartdev.py): ubnt-discovery-tool's and
#: the nmap script's "Firmware"/"Version", "Product"/"Platform", "Model", "Hostname"/"Name", "MAC"/"HWADDR".
_UBNT_PRINTED = {"firmware": "firmware", "fwversion": "firmware", "version": "firmware", "product": "product",
                 "platform": "product", "model": "model", "hostname": "hostname", "name": "hostname",
                 "essid": "essid", "ssid": "essid", "mac": "mac", "hwaddr": "mac"}
_UBNT_PORT = 10001


def _printed_ubnt_answer(out: Fields, response: Response) -> None:
    """A Ubiquiti discovery answer as a tool printed it (``PRODUCT: AirCam`` / a table's ``MODEL`` and
    ``FIRMWARE`` columns), recorded with the port it came from: its labelled members also as ``ubnt.*``, as
    the answer's own bytes would be read; only the recorded port chooses this (a label alone says nothing)."""
    if response.port != _UBNT_PORT:
        return
    for key, values in list(out.items()):
        if key.startswith("other.kv."):
            name = _UBNT_PRINTED.get(key[9:].replace("_", "").replace(" ", "").lower())
            if name is not None:
                for value in values[:2]:
                    add(out, f"ubnt.{name}", value)


@lru_cache(maxsize=MAX_CACHED_RESPONSES)
def _cached_fields(response: Response) -> Fields:
    proto = response.protocol
    if response.error and not response.raw:
        return {f"{proto}.error": [response.error]}
    parser_proto = "http" if proto == "https" else proto
    try:
        raw = response.raw
        unwrapped = None
        if raw[:5] not in ("HTTP/", "RTSP/") and not raw.startswith(B64_PREFIX):
            unwrapped = unwrap(raw)  # a dump, an encoding or a tool's message print of what was sent (netscan/parsers/unwrap.py)
            if unwrapped is not None:
                response = dataclasses.replace(response, raw=unwrapped)
        if parser_proto in _PARSERS:
            out = _PARSERS[parser_proto](response.raw, response.request)
            _read_as_text(out, parser_proto, response)  # a text the protocol's reader found nothing in (_TEXT_FALLBACKS)
        elif response.raw.startswith(B64_PREFIX):  # binary, no field parser for it (yet): its bytes
            data = decode_raw(response.raw)
            out = {f"{parser_proto}.hex": [data[:64].hex() if isinstance(data, bytes) else ""]}
            if isinstance(data, bytes):
                _printable_runs(out, parser_proto, data)
        else:
            out = banner_fields(parser_proto, response.raw, response.request)
        if parser_proto == "other" and unwrapped is not None:
            _dumped_discovery_answer(out, response)  # a discovery answer's bytes dumped, with the port it came from
        if parser_proto == "other":
            _pasted_answer_fields(out, response.raw)  # an answer's part pasted alone: header lines, a page, an SDP
        document = bare_document(response.raw) if parser_proto == "other" else None
        if document is not None and all(k.startswith("other.") for k in out):
            # a device's answer body kept bare; a document a tool wrote about the device (an inventory agent's
            # report, a scanner's XML) is read by that tool's reader alone (its fields are not other.*)
            answer_body_fields(out, document)
        elif parser_proto == "other" and all(k.startswith("other.") for k in out):
            flat = flattened_members(response.raw)  # gron lines, a dotted path, a YAML line, a table row (netscan/parsers/unwrap.py)
            if flat is not None:
                answer_body_fields(out, flat)
        if parser_proto == "other" and ("LLDP, length" in response.raw or "CDPv" in response.raw):
            neighbour_text_fields(out, response.raw)  # tcpdump -v's decode of LLDP/CDP frames (netscan/parsers/lldptext.py)
        if parser_proto == "other" and "mac-address=" in response.raw:
            from netscan.parsers.neighbors import hinted, neighbor_table_fields  # noqa: PLC0415

            if hinted(response.raw):
                neighbor_table_fields(out, response.raw)  # RouterOS's /ip neighbor print detail (netscan/parsers/neighbors.py)
        if parser_proto == "other":
            upnp_device_type(out)  # a UPnP device type URN pasted as a member's value names the device's class
            _printed_ubnt_answer(out, response)  # a tool's print of a decoded Ubiquiti discovery answer
        if any(".json." in k for k in out):
            markup_in_json_leaves(out)  # XML held as a JSON string (netscan/parsers/unwrap.py)
        if parser_proto != "tls" and _certificate_text(response.raw):
            cert = tls_fields(response.raw)  # a certificate or openssl s_client's print of one, pasted as another answer
            if "tls.unreadable" not in cert:
                for key, values in cert.items():
                    for value in values:
                        add(out, key, value)
    except Exception as exc:  # last line of defence: a device's data never fails identification
        logger.debug("parser for %s failed: %r", proto, exc)
        out = {f"{parser_proto}.unreadable": [f"parser error: {type(exc).__name__}"]}
    if ("snmp.sysDescr" in out or "snmp.subtree" in out or parser_proto == "snmp") and "=" in response.raw:
        snmp_string_pairs(out)  # KEY="value" records inside SNMP strings (netscan/parsers/toolout.py)
    local_label_aliases(out)  # a field named in another language, also under the English name (netscan/parsers/labels.py)
    stated_namespaces(out, response.raw)  # an XML namespace a client's log names (netscan/parsers/namespaces.py)
    documents_in_values(out)  # a document printed as one labelled value of a log line (netscan/parsers/kvdocs.py)
    if response.port is not None:
        add(out, f"{parser_proto}.port", response.port)
    if proto == "https":
        add(out, "http.tls", "true")
    return clean_fields(out)
