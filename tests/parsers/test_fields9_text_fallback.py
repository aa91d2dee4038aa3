"""A text a protocol's reader finds nothing in is read as text, one per-protocol mechanism (session 18, fields9):
netscan/parsers/__init__.py ``_TEXT_FALLBACKS``. The default reads the shapes other tools print under the protocol's
own names (a tool's print of a UPnP description, a DNS-SD browser's listing); SNMP's reads the text whole, as any
other answer's (``other.*``), keeping the SNMP reader's markers. Checked on published training records, on variants
in another spelling, and on texts the reader did read (never read twice)."""

from __future__ import annotations

import json
from pathlib import Path

from netscan.model import Response
from netscan.parsers import _TEXT_FALLBACK, _TEXT_FALLBACKS, fields

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _corpus_response(rel: str) -> Response:
    r = json.loads((CORPUS / rel).read_text(encoding="utf-8"))["responses"][0]
    return Response(r["protocol"], r["raw"], r["port"], r.get("request") or "")


def test_the_fallbacks_are_one_table() -> None:
    assert _TEXT_FALLBACKS["snmp"].whole and {"mib", "unreadable"} <= _TEXT_FALLBACKS["snmp"].markers
    assert not _TEXT_FALLBACK.whole and _TEXT_FALLBACK.markers == frozenset({"unreadable"})


def test_upnp_printout_read_under_upnp_names() -> None:
    # tenable's upnp_info printout of a MediaTomb server (training): read as upnp.kv.*, no other.* fields
    f = fields(_corpus_response("noncameras/mediatomb-media-server_upnp-info-printout-tenable-upnp-info.json"))
    assert "upnp.kv.Manufacturer" in f and "upnp.kv.FriendlyName" in f
    assert not any(k.startswith("other.") for k in f)


def test_upnp_printout_variant_other_spelling() -> None:
    # constructed: the same kind of print, keys in another spelling and order
    f = fields(Response("upnp", "model_name: NVR-X8\nfriendly_name: Front door\nmanufacturer: Acme\n", None, "printed"))
    assert f["upnp.kv.manufacturer"] == ["Acme"] and f["upnp.kv.model_name"] == ["NVR-X8"]


def test_snmp_text_read_whole_as_other() -> None:
    # constructed: a tool's JSON of what it asked over SNMP, nested under another key
    f = fields(Response("snmp", '{"host": {"sys": {"sysObjectID": "1.3.6.1.4.1.2435.2.3.9.1"}}}', 161, "printed"))
    assert f["other.json.host.sys.sysObjectID"] == ["1.3.6.1.4.1.2435.2.3.9.1"]


def test_a_text_the_reader_read_is_not_read_again() -> None:
    desc = ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device><friendlyName>Cam</friendlyName>'
            '<manufacturer>Acme</manufacturer><modelName>X1</modelName></device></root>')
    f = fields(Response("upnp", desc, 49152, "GET /description.xml"))
    assert f["upnp.manufacturer"] == ["Acme"]
    assert not any(".kv." in k or k.startswith("other.") for k in f)


def test_binary_is_never_read_as_text() -> None:
    f = fields(Response("snmp", "b64:AAEC", 161, "get"))
    assert not any(k.startswith("other.") for k in f)
