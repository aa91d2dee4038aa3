"""``key=value`` prints of the JVM's and similar ``toString`` conventions (netscan/parsers/javamap.py): a map's
``{k=v, k=v}``, a Kotlin/Lombok ``Name(k=v, k=v)``, a Java record's ``Name[k=v, k=v]``, read as the members they
print; other braces, single pairs and prose are not."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.javamap import MAX_PAIRS, java_map_pairs
from netscan.sigdb import SignatureDB

# a media server's debug line with a renderer's UPnP details as a Java map, cut before its closing brace
# (https://github.com/UniversalMediaServer/UniversalMediaServer/pull/877, training)
_UMS = (
    'DEBUG 2016-04-12 19:13:06.732 [cling-12] New renderer found: "[LG] webOS TV EG910V" with dlna details: '
    "{friendlyName=[LG] webOS TV EG910V, address=10.0.0.120, udn=uu"
)
# the whole map as the same media server prints it (https://github.com/UniversalMediaServer/UniversalMediaServer/pull/951)
_UMS_WHOLE = (
    'DEBUG 2015-11-23 11:47:57.264 [cling-14] New renderer found: "[LG] webOS TV" with dlna details: {friendlyName=[LG] webOS TV, '
    "address=192.168.178.34, udn=uuid:6b0c000b-135c-5900-e48e-3f397708c652, manufacturer=LG Electronics., modelName=LG TV, "
    "modelNumber=1.0, modelDescription=LG WebOSTV DMRplus, manufacturerURL=http://www.lge.com, modelURL=}"
)


def test_a_map_print_is_read_to_its_closing_brace() -> None:
    pairs = dict(java_map_pairs(_UMS_WHOLE))
    assert pairs["manufacturer"] == "LG Electronics."
    assert pairs["modelName"] == "LG TV"
    assert pairs["friendlyName"] == "[LG] webOS TV"  # a bracket inside a value is the value's
    assert "modelURL" not in pairs  # an empty value is nothing


def test_a_cut_print_is_read_to_the_end_of_its_line() -> None:
    assert java_map_pairs(_UMS) == [("friendlyName", "[LG] webOS TV EG910V"), ("address", "10.0.0.120"), ("udn", "uu")]


def test_class_prints_are_read() -> None:
    assert java_map_pairs('I/App: DeviceInfo(model=RLC-510A, firmware="v3.0.0.136", hw=null)') == [
        ("model", "RLC-510A"), ("firmware", "v3.0.0.136")]  # quotes dropped, a null is nothing
    assert java_map_pairs("Camera[name=Porch, firmwareVersion=5.4.132]") == [("name", "Porch"), ("firmwareVersion", "5.4.132")]


def test_what_is_not_such_a_print() -> None:
    for text in (
        "${VAR=default}",  # one pair: a shell expansion
        "{a=b}",  # one pair
        "if (a == b) { x = y; }",  # code
        "curl -d 'user=admin&pass=x' http://host/",  # a form body
        'fmt.Printf("%v", dev) -> {Model:X Firmware:Y}',  # Go's print uses colons
        "The camera (model=unknown) was reset",  # lower-case word before the bracket: not a class print
    ):
        assert java_map_pairs(text) == [], text


def test_bounded() -> None:
    text = "{" + ", ".join(f"k{i}=v{i}" for i in range(500)) + "}"
    assert len(java_map_pairs(text)) == MAX_PAIRS


def test_the_members_reach_the_rules(db: SignatureDB) -> None:
    f = fields(Response("upnp", _UMS_WHOLE, None, ""))
    assert f.get("upnp.json.manufacturer") == ["LG Electronics."]
    ident = identify(Observation(ip=None, mac=None, responses=(Response("upnp", _UMS, None, ""),)), db)
    assert ident.device_type == "tv"  # "webOS TV" in the map's friendlyName: a television, not a camera


def test_a_non_camera_print_stays_a_non_camera(db: SignatureDB) -> None:
    # a print app's record of a printer (the IPP attribute names a Kotlin client keeps): no camera is made of it
    raw = "D/PrintService: Printer(name=Office, makeAndModel=HP LaserJet Pro M404dn, state=idle, uri=ipp://10.0.0.5/ipp/print)"
    assert ("makeAndModel", "HP LaserJet Pro M404dn") in java_map_pairs(raw)
    ident = identify(Observation(ip=None, mac=None, responses=(Response("other", raw, None, ""),)), db)
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")
