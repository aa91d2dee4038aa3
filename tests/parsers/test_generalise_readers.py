"""Readers added by the training-miss audit (docs/accuracy.md): HomeKit dumps of the training corpus
(read by netscan/parsers/keyvals.py), an XML excerpt cut inside its last end tag, nmap's SF: lines."""

from __future__ import annotations

from pathlib import Path

from netscan.identify import identify
from netscan.model import Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import load_db

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_training_dumps_name_maker_model_firmware() -> None:
    db = load_db()
    cases = {
        "netatmo/netatmo-doorbell_homekit-accessory-dump-ha-fixture.json": ("Netatmo", "Netatmo Doorbell", "80.0.0"),
        "netgear/arlo-baby-abc1000_homekit-accessory-dump-ha-fixture.json": ("Netgear", "ABC1000", "1.10.931"),
        "noncameras/lg-oled55b9pua-tv_homekit-accessory-dump-ha-fixture.json": ("LG Electronics", "OLED55B9PUA", "04.71.04"),
    }
    for name, (vendor, model, firmware) in cases.items():
        (obs,) = load_path(CORPUS / name)
        ident = identify(obs, db)
        assert (ident.vendor, ident.model, ident.firmware) == (vendor, model, firmware), name


def test_cut_xml_keeps_the_last_element_cut_inside_its_end_tag() -> None:
    from netscan.parsers._util import xml_salvage  # noqa: PLC0415
    # a UPnP description excerpt ending inside an end tag (training file
    # tests/corpus/panasonic/panasonic-dc-bgh1_upnp-ddd-handshake-companion402.json)
    text = "<device>\n <friendlyName>BGH1-XLU</friendlyName>\n <manufacturer>Panasonic</manuf"
    assert ("manufacturer", "Panasonic") in xml_salvage(text)
    # an end tag of another element, or a text not cut inside an end tag, adds nothing
    assert ("manufacturer", "Panasonic") not in xml_salvage("<a>1</a><manufacturer>Panasonic</mod")
    assert xml_salvage("<a>1</a><manufacturer>Panasonic") == [("a", "1")]


def test_nmap_normal_output_service_fingerprint_lines_give_server_and_realm() -> None:
    # nmap -sV normal output: an unrecognised service's fingerprint wrapped in SF: lines (training
    # file tests/corpus/netgear/netgear-wnr1000v2_nmap-sv-http-nmap803.json, nmap issue 803)
    raw = (
        "PORT   STATE SERVICE VERSION\n80/tcp open  http\n"
        "SF-Port80-TCP:V=7.40SVN%I=7%D=3/24%Time=58D524E0%P=x86_64-unknown-linux-gn\n"
        'SF:u%r(GetRequest,1FF,"HTTP/1\\.0\\x20401\\x20Unauthorized\\r\\nServer:\\x20uhtt\n'
        "SF:pd/1\\.0\\.0\\r\\nWWW-Authenticate:\\x20Basic\\x20realm=\\\"NETGEAR\\x20WNR1000v2-VC\\\"\\r\\nCont\n"
        'SF:ent-Type:\\x20text/html\\r\\n\\r\\n<HTML>");\n'
    )
    f = fields(Response(protocol="other", port=80, request="nmap -sV", raw=raw))
    assert f["http.header.server"] == ["uhttpd/1.0.0"]
    assert f["http.header.www-authenticate"] == ['Basic realm="NETGEAR WNR1000v2-VC"']
