"""Fuzz targets: one per parser family, plus the whole observation -> report path.

Each target takes the fuzzer's bytes and raises only when netscan misbehaves: an exception out of
a parser, a field that is not valid Unicode or breaks a cap, or a report that cannot be rendered
and encoded. The parsers are called directly (``netscan.parsers.fields`` swallows exceptions as
its last line of defence, which would hide them from the fuzzer), then through ``fields`` to check
what the rest of netscan sees (and that ``fields`` caught no exception: what it runs on the whole
response besides the protocol's parser is reached only through it).

Used by ``fuzz/run.py`` (atheris, coverage-guided) and by tests/hostile/test_fuzz.py (the short CI
run and the replay of every crash or slow input ever found, kept under tests/hostile/fuzz_regressions).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from netscan.model import Response
from netscan.parsers import _PARSERS, fields
from netscan.parsers._util import MAX_BODY_CHARS, MAX_FIELDS, MAX_VALUE_CHARS, MAX_VALUES_PER_FIELD
from netscan.parsers.banner import banner_fields

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def decode(data: bytes) -> str:
    """Bytes -> text as netscan meets it: the first byte picks latin-1 (how probes decode
    replies) or UTF-8 with invalid bytes kept as lone surrogates (text an observation file's JSON can spell)."""
    if not data:
        return ""
    if data[0] & 1:
        return data[1:].decode("latin-1")
    return data[1:].decode("utf-8", "surrogateescape" if data[0] & 2 else "replace")


def _check_fields(f: dict[str, list[str]]) -> None:
    if len(f) > MAX_FIELDS + 8:
        raise AssertionError(f"{len(f)} fields")
    for name, values in f.items():
        name.encode("utf-8")
        if not isinstance(values, list) or len(values) > MAX_VALUES_PER_FIELD:
            raise AssertionError(f"{name}: {len(values)} values")
        if name.endswith(".unreadable") and any(v.startswith("parser error") for v in values):
            # ``fields`` swallowed an exception (its last line of defence): what runs there on the
            # whole response (unwrapping, certificate text, markup in JSON leaves) raised
            raise AssertionError(f"{name}: {values}")
        for v in values:
            v.encode("utf-8")  # valid Unicode (no lone surrogate) once past the boundary
            limit = MAX_BODY_CHARS if name.endswith(".body") else MAX_VALUE_CHARS
            if len(v) > limit:
                raise AssertionError(f"{name}: value of {len(v)} chars")


def _parse(protocols: tuple[str, ...]) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        if not data:
            return
        proto = protocols[data[0] % len(protocols)]
        text = decode(data[1:])
        parser = _PARSERS.get("http" if proto == "https" else proto)
        if parser is not None:
            parser(text, "GET /")  # must not raise
        else:
            banner_fields(proto, text, "")
        _check_fields(fields(Response(protocol=proto, raw=text, port=80, request="GET /")))

    target.__name__ = "parse_" + "_".join(protocols)
    return target


#: Parser families: HTTP/RTSP framing and bodies; SOAP/XML (ONVIF, WS-Discovery, SADP, UPnP);
#: JSON in binary framing (DHIP, XMEye); text discovery records (SSDP, mDNS, DNS, DHCP); TLS
#: certificates; banners; SNMP (walk and record text, tcpdump decodes, BER messages).
TARGETS: dict[str, Callable[[bytes], None]] = {
    "http": _parse(("http", "rtsp", "https")),
    "xml": _parse(("onvif", "wsd", "sadp", "upnp")),
    "vendorjson": _parse(("dhip", "xmeye")),
    "discovery": _parse(("ssdp", "mdns", "dns", "dhcp")),
    "tls": _parse(("tls",)),
    "banner": _parse(("telnet", "ssh", "other")),
    "snmp": _parse(("snmp",)),
}


def report(data: bytes) -> None:
    """Observation file text -> identify -> findings -> every report format, as ``netscan
    identify`` runs it. Bad input may be refused (UsageError); nothing else may escape."""
    from netscan.errors import UsageError
    from netscan.observations import load_text
    from netscan.pipeline import analyse
    from netscan.report import FORMATS, render

    text = decode(data)
    try:
        obs = load_text(text, "fuzz")
    except UsageError:
        return
    doc = analyse(obs, now=NOW)
    for fmt in FORMATS:
        out = render(doc, fmt)
        out.encode("utf-8")
    json.loads(render(doc, "json"))


def report_structured(data: bytes) -> None:
    """Like ``report`` but the fuzzer's bytes become the raw responses of well-formed observations
    (every protocol), so the mutations reach identification and findings, not only the JSON reader."""
    from netscan.model import PROTOCOLS, Observation
    from netscan.pipeline import analyse
    from netscan.report import FORMATS, render

    protos = sorted(PROTOCOLS)
    chunks = data.split(b"\x00\x00")[:8]
    responses = []
    for i, c in enumerate(chunks):
        if not c:
            continue
        proto = protos[c[0] % len(protos)]
        responses.append(Response(protocol=proto, raw=decode(c[1:]), port=(80, 554, 443, 37777, None)[i % 5]))
    for r in responses:
        _check_fields(fields(r))
    obs = [Observation(ip="10.0.0.2", mac="00:40:8c:12:34:56", responses=tuple(responses), open_ports=(80, 554))]
    doc = analyse(obs, now=NOW)
    for fmt in FORMATS:
        render(doc, fmt).encode("utf-8")


def nmap_xml(data: bytes) -> None:
    """nmap XML -> observations -> identify -> every report format, as ``netscan identify --from
    nmap-xml`` runs it. Bad input may be refused (UsageError); nothing else may escape."""
    from netscan.errors import UsageError
    from netscan.nmapxml import parse_nmap_xml
    from netscan.pipeline import analyse
    from netscan.report import FORMATS, render

    try:
        obs = parse_nmap_xml(data if not data[:1] or data[0] & 1 else decode(data), "fuzz")
    except UsageError:
        return
    for o in obs:
        for r in o.responses:
            _check_fields(fields(r))
    doc = analyse(obs, now=NOW)
    for fmt in FORMATS:
        render(doc, fmt).encode("utf-8")


TARGETS["report"] = report
TARGETS["pipeline"] = report_structured
TARGETS["nmapxml"] = nmap_xml
