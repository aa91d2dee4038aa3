"""Mechanisms of session 17's harvest5 lane, each written from training material it recorded (client
libraries' test data and makers' documentation examples in tests/corpus) and checked on a real value and
on a constructed variant of the same shape:

- WS-Discovery scopes printed as a quoted list (a JSON array in a C# library's test data, a Python list
  print) are read as scopes (netscan/parsers/soap.py ``wsd_fields``);
- an ONVIF firmware scope (``firmware/<v>``, ``<segment>/firmware/version/<v>``) gives the firmware
  (signatures/fingerprints/generic-video.yaml ``wsd-onvif-scope-firmware``);
- ``manu-name`` is a manufacturer field, ``firmware-ver-s`` a firmware key, a factory image's version is
  not the running one, and a board-firmware (BIOS) vendor is a component's maker (families/generic.yaml);
- Yamaha's Extended Control API root names Yamaha (conventions-urls.yaml ``url-yamaha-extended-control``);
- a UPnP modelDescription naming an audio product types the renderer ``other``, not ``tv``
  (noncamera-media.yaml ``upnp-model-description-audio``)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.parsers.soap import wsd_fields
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


# ------------------------------------------------------------------ WS-Discovery scopes as a quoted list
#: vicmaeg/onvif-discovery OnvifDiscovery.Tests/Resources/ScopesTestData.json (an Avigilon camera's scopes)
AVIGILON_SCOPES = '''"Scopes": [
        "onvif://www.onvif.org/Profile/Streaming",
        "onvif://www.onvif.org/type/video_encoder",
        "onvif://www.onvif.org/hardware/2.0-H3M-DO1",
        "onvif://www.onvif.org/avigilon/mac/00-18-85-14-3e-0a",
        "onvif://www.onvif.org/avigilon/firmware/version/2.6.0.150(15529)",
        "onvif://www.onvif.org/name/acc/Xu%e1%ba%a5t%20c%e1%ba%a3nh%204"
      ]'''


def test_json_array_scopes_are_read() -> None:
    scopes = wsd_fields(AVIGILON_SCOPES)["wsd.scope"]
    assert "onvif://www.onvif.org/hardware/2.0-H3M-DO1" in scopes
    # a bracket inside the value is the value's own, not the list's
    assert "onvif://www.onvif.org/avigilon/firmware/version/2.6.0.150(15529)" in scopes
    assert all(not s.endswith(('"', ",", "]")) for s in scopes)


def test_python_list_print_scopes_are_read() -> None:
    # constructed variant: the same kind of list as Python prints it (single quotes, one line)
    raw = "['onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/name/Panasonic', 'onvif://www.onvif.org/hardware/WV-V1330LK']"
    assert wsd_fields(raw)["wsd.scope"] == [
        "onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/name/Panasonic",
        "onvif://www.onvif.org/hardware/WV-V1330LK"]


def test_space_separated_scopes_unchanged() -> None:
    raw = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/hardware/CM-6204-11-I"
    assert wsd_fields(raw)["wsd.scope"] == ["onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/hardware/CM-6204-11-I"]


def test_scope_list_identifies_camera_and_firmware(db: SignatureDB) -> None:
    ident = _id(db, Response("wsd", AVIGILON_SCOPES, 3702, "Probe"))
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("Avigilon", "2.0-H3M-DO1", "2.6.0.150(15529)", "camera")


@pytest.mark.parametrize(("scope", "firmware"), [
    ("onvif://www.onvif.org/acc/firmware/version/01.05.32.5", "01.05.32.5"),    # FLIR CM-3102-11-I (test data)
    ("onvif://www.onvif.org/firmware/APP_V3.3.0.20200606", "APP_V3.3.0.20200606"),  # a TC-C32TS PTZ (test data)
    ("onvif://www.onvif.org/acme/firmware/version/V2.1.0%20build%20230101", "V2.1.0 build 230101"),  # constructed (netscan keeps a build word)
])
def test_firmware_scope(db: SignatureDB, scope: str, firmware: str) -> None:
    raw = f"onvif://www.onvif.org/type/video_encoder {scope}"
    assert _id(db, Response("wsd", raw, 3702, "Probe")).firmware == firmware


def test_firmware_scope_needs_the_firmware_word(db: SignatureDB) -> None:
    raw = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/avigilon/mac/00-18-85-14-3e-0a"
    assert _id(db, Response("wsd", raw, 3702, "Probe")).firmware is None


# ------------------------------------------------------------------ field names of a device-info JSON
#: pzl1026/xyDCloud-frontend app/src/data/device_info.js @6abcd56e (a Magewell Ultra Stream HDMI's product block)
MAGEWELL = '''{"result": 0, "product": {"sn": "C301181214002", "product-id": 769, "hardware-ver": "C",
 "firmware-id": 0, "firmware-ver-s": "1.2.122", "factory-firmware-ver-s": "1.2.115",
 "product-name": "Ultra Stream", "module-name": "Ultra Stream HDMI", "manu-name": "MAGEWELL"}}'''


def test_manu_name_and_firmware_ver_s(db: SignatureDB) -> None:
    ident = _id(db, Response("http", MAGEWELL, 80, "GET /device-info"))
    assert ident.vendor == "Magewell"
    assert ident.firmware == "1.2.122"  # not the factory image's 1.2.115


def test_manu_name_variant(db: SignatureDB) -> None:
    # constructed variant: snake case and another known maker
    body = '{"device": {"manu_name": "Hikvision", "model": "DS-2CD2143G0-I", "fw_ver_s": "5.5.82"}}'
    ident = _id(db, Response("http", body, 80, "GET /info"))
    assert ident.vendor == "Hikvision"
    assert ident.firmware == "5.5.82"


def test_factory_firmware_alone_is_not_the_firmware(db: SignatureDB) -> None:
    body = '{"product": {"manu-name": "MAGEWELL", "factory-firmware-ver-s": "1.2.115"}}'
    assert _id(db, Response("http", body, 80, "GET /device-info")).firmware is None


def test_board_firmware_vendor_is_a_component(db: SignatureDB) -> None:
    # Oracle ZFS Storage Appliance API guide's example: the BIOS maker beside the product
    body = '{"version": {"fw_vendor": "American Megatrends Inc.", "hw_product": "Sun Netra X4270 M3"}}'
    assert _id(db, Response("https", body, 215, "GET /api/system/v1/version")).vendor != "American Megatrends"
    # constructed variant: a bios_vendor key
    body = '{"system": {"bios_vendor": "Phoenix Technologies", "model": "X1"}}'
    assert _id(db, Response("http", body, 80, "GET /api/system")).vendor is None


# ------------------------------------------------------------------ Yamaha Extended Control
def test_yamaha_extended_control_root(db: SignatureDB) -> None:
    # foxthefox/yamaha-yxc-nodejs lib/data/YAS408_45_211.json: getDeviceInfo names the model, not the maker
    body = '{"response_code": 0, "model_name": "YAS-408", "system_version": 4.5, "api_version": 2.11}'
    ident = _id(db, Response("http", body, 80, "GET /YamahaExtendedControl/v1/system/getDeviceInfo"))
    assert ident.vendor == "Yamaha"
    assert ident.device_type != "camera"


def test_yamaha_root_needs_the_versioned_api(db: SignatureDB) -> None:
    body = '{"response_code": 0, "model_name": "X-1"}'
    assert _id(db, Response("http", body, 80, "GET /YamahaExtendedControlPanel/index.html")).vendor is None


# ------------------------------------------------------------------ UPnP audio renderers
def _renderer(description: str) -> Response:
    xml = ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
           "<deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><friendlyName>Living room</friendlyName>"
           f"<manufacturer>Yamaha Corporation</manufacturer><modelDescription>{description}</modelDescription>"
           "<modelName>WX-030</modelName></device></root>")
    return Response("upnp", xml, 49154, "GET /desc.xml")


@pytest.mark.parametrize("description", ["MusicCast", "AV Receiver", "Network Audio Player"])
def test_audio_renderer_is_not_a_tv(db: SignatureDB, description: str) -> None:
    assert _id(db, _renderer(description)).device_type == "other"


def test_plain_renderer_stays_tv(db: SignatureDB) -> None:
    assert _id(db, _renderer("Media Renderer")).device_type == "tv"
