"""HomeKit accessory databases (netscan/parsers/homekit.py): pairing of characteristic types and
values, the first accessory only for bridges, cut dumps, and identification from the training corpus."""

from __future__ import annotations

import json
from pathlib import Path

from netscan.identify import identify
from netscan.model import Response
from netscan.observations import from_dict, load_path
from netscan.parsers import fields
from netscan.sigdb import load_db

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
BASE = "-0000-1000-8000-0026BB765291"


def _char(code: str, value: str) -> dict:
    return {"iid": 1, "type": f"000000{code}{BASE}", "perms": ["pr"], "format": "string", "value": value}


def _accessory(aid: int, manufacturer: str, model: str, services: list[str]) -> dict:
    info = {"type": f"0000003E{BASE}", "iid": 1, "characteristics": [
        _char("20", manufacturer), _char("21", model), _char("52", "1.2.3")]}
    return {"aid": aid, "services": [info] + [{"type": f"0000{s}{BASE}", "iid": 9, "characteristics": []} for s in services]}


def test_accessory_information_and_services_are_read() -> None:
    # layout of an /accessories answer as the HAP specification R2 (section 6.6.4) shows it
    raw = json.dumps({"accessories": [_accessory(1, "Acme", "CAM-1", ["0110", "0121"])]}, indent=2)
    f = fields(Response(protocol="other", port=None, request="/accessories", raw=raw))
    assert f["homekit.kv.Manufacturer"] == ["Acme"]
    assert f["homekit.kv.Model"] == ["CAM-1"]
    assert f["homekit.kv.FirmwareRevision"] == ["1.2.3"]
    assert set(f["homekit.service"]) == {"AccessoryInformation", "CameraRTPStreamManagement", "Doorbell"}


def test_a_bridge_dump_is_read_for_its_own_accessory_only() -> None:
    raw = json.dumps({"accessories": [_accessory(1, "Acme Hub", "HUB-1", []),
                                      _accessory(2, "Other", "CAM-9", ["0110"])]})
    f = fields(Response(protocol="other", port=None, request="/accessories", raw=raw))
    assert f["homekit.kv.Model"] == ["HUB-1"]
    assert "CameraRTPStreamManagement" not in f.get("homekit.service", [])


def test_a_cut_dump_keeps_its_complete_characteristics() -> None:
    raw = json.dumps([_accessory(1, "Acme", "CAM-1", [])])[:-40]
    f = fields(Response(protocol="other", port=None, request="/accessories", raw=raw))
    assert f["homekit.kv.Manufacturer"] == ["Acme"]


def test_text_without_homekit_types_gives_no_homekit_fields() -> None:
    raw = '[{"aid": 1, "services": [{"type": "lamp", "characteristics": [{"type": "x", "value": "y"}]}]}]'
    f = fields(Response(protocol="other", port=None, request="", raw=raw))
    assert not any(k.startswith("homekit.") for k in f)


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


def test_camera_services_alone_do_not_make_a_camera_but_a_television_service_makes_a_tv() -> None:
    # HomeKit server software publishes other makers' cameras as stand-alone accessories, so a camera
    # service says nothing about the answering host; a Television service is a non-camera type
    db = load_db()
    for services, expected in ((["0110"], "unknown"), (["0110", "0121"], "unknown"), (["00D8"], "tv")):
        raw = json.dumps([_accessory(1, "Acme", "X-1", services)])
        obs = from_dict({"ip": None, "mac": None, "responses": [
            {"protocol": "other", "port": None, "request": "/accessories", "raw": raw}]})
        assert identify(obs, db).device_type == expected, services


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
