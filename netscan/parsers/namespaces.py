"""An XML namespace named outside the XML document that declares it.

A device's XML answer declares its namespace (``<DeviceInfo xmlns="http://www.hikvision.com/ver20/XMLSchema">``),
and the API conventions read it as ``http.xmlns`` (signatures/fingerprints/conventions-api.yaml). A client
library's log often keeps only the namespace, named in words: pyHik's ``Using Namespace:
http://www.hikvision.com/ver20/XMLSchema`` and ``Device info namespace: ...``
(https://github.com/mezz64/pyHik/blob/master/pyhik/hikvision.py logs the namespace of the device's deviceInfo
answer). Such a statement is the device's namespace, stated by a client that read the answer: it is added as
``http.xmlns``, the field the namespace conventions read (a namespace is a URI, so only absolute http(s) URIs are
taken). A namespace everyone writes (ONVIF's, W3C's) matches no maker's convention and claims nothing.

Not read here: xmltodict's ``@xmlns`` member of a record a client printed as a dict. Such records are printed
by integrations of every product line of a maker, its alarm panels' too (``hikaxpro``), and the namespace
conventions name a maker that otherwise builds only video gear: a record's own members say more.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add

#: Namespaces taken from one response (a log repeats the same one per request).
MAX_NAMESPACES = 8
#: Text searched for a stated namespace (a log excerpt's first part).
MAX_SCAN_CHARS = 20000

#: ``namespace`` (a word of its own), a short label tail (``Device info namespace``, ``Namespace used``), a colon
#: or an equals sign, then an absolute http(s) URI, perhaps quoted.
_STATED = re.compile(r"(?i)(?<![\w@/.:-])namespace(?!\w)[^\n:=<>\"']{0,24}[:=][ \t]{0,4}[\"']?(https?://[^\s\"'<>,;(){}\[\]]{4,160})")


def stated_namespaces(out: Fields, raw: str) -> None:
    """Add the XML namespaces ``raw`` names in words as ``http.xmlns`` (see the module)."""
    found: list[str] = []
    if "amespace" in raw:  # (cheap pre-check: no search of a text that never says the word)
        for m in _STATED.finditer(raw, 0, MAX_SCAN_CHARS):
            if len(found) >= MAX_NAMESPACES:
                break
            uri = m.group(1).rstrip(".")
            if uri not in found:
                found.append(uri)
    have = out.get("http.xmlns") or []
    for uri in found[:MAX_NAMESPACES]:
        if uri not in have:
            add(out, "http.xmlns", uri)
