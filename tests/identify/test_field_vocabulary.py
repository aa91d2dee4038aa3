"""Field selection: which keys name the maker, the model and the firmware (signatures/families/generic.yaml
manufacturer_fields, semantic-model-number-code, semantic-model-device-type; signatures/fingerprints/
noncamera-routers.yaml upnp-igd-model-name-code), a label's name before its maker's in a make value
(netscan/sigdb/makernames.py ``label_before``), a make-and-model field's maker part, a header's identity
parameters (netscan/parsers/_util.py ``header_params``) and maker names in SSDP headers. Every rule has its
counter-example: a component's or an application's key, a hardware version, a place or product word, a
structural header parameter, a non-camera."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.parsers import fields as parse_fields
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _ident(db: SignatureDB, protocol: str, raw: str, port: int = 80, request: str = "GET /") -> Identification:
    return identify(Observation(None, None, (Response(protocol, raw, port, request),)), db)


def _json(db: SignatureDB, doc: object) -> Identification:
    return _ident(db, "http", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps(doc))


# ------------------------------------------------------------------ maker keys


@pytest.mark.parametrize("key", ["DeviceManufacturer", "deviceManufacturer", "device_manufacturer", "deviceVendor",
                                 "productBrand", "cameraMake", "hwVendor", "systemManufacturer", "mfr", "Mfr", "oemName",
                                 "oem_name", "manufacturer", "brand", "Maker", "maker_name", "ManufacturedBy", "made_by"])
def test_manufacturer_key_spellings_name_the_maker(db: SignatureDB, key: str) -> None:
    got = _json(db, {key: "Hangzhou Hikvision Digital Technology Co., Ltd.", "serialNumber": "X"})
    assert got.vendor == "Hikvision"


@pytest.mark.parametrize("key", ["chipVendor", "sensorManufacturer", "appVendor", "browserVendor", "osVendor",
                                 "wifiVendor", "remake", "OEMCode", "mfrId", "coffeeMaker", "decisionmaker"])
def test_component_and_application_keys_name_no_maker(db: SignatureDB, key: str) -> None:
    assert not db.plan_for_field(f"http.json.{key}").manufacturer
    got = _json(db, {key: "Uniview"})
    assert got.vendor is None
    assert not [e for e in got.evidence if e.source == "manufacturer-field"]


def test_component_sub_object_with_device_word_names_no_maker(db: SignatureDB) -> None:
    # a chip's sub-object keeps its own maker even when its key has a device word
    assert _json(db, {"chip": {"deviceVendor": "Uniview"}}).vendor is None


def test_dot11_manufacturer_name_object(db: SignatureDB) -> None:
    f = db.plan_for_field("snmp.dot11manufacturerName")
    assert f.manufacturer
    assert db.manufacturer is not None and db.manufacturer.claim(db, "Ubiquiti Networks, Inc.") == ("Ubiquiti", True)


# ------------------------------------------------------------------ model keys


@pytest.mark.parametrize("key", ["modelNo", "model_no", "ModelNr", "modelCode", "model_code"])
def test_model_number_spellings(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: "DS-2CD2042WD-I"}).model == "DS-2CD2042WD-I"


@pytest.mark.parametrize("key", ["modelNo", "modelCode"])
def test_version_in_a_model_number_key_is_no_model(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: "V1.2.3"}).model is None


def test_dev_type_holding_a_model_code(db: SignatureDB) -> None:
    assert _json(db, {"devType": "IPC-HDW4631C-A"}).model == "IPC-HDW4631C-A"
    assert _json(db, {"devType": "IPC"}).model is None  # a class word is no model


# ------------------------------------------------------------------ firmware keys: what must not be firmware


@pytest.mark.parametrize("key", ["appVersion", "app_version", "clientVersion", "pluginVersion", "hardwareVersion",
                                 "hwVersion", "hw_ver", "apiVersion", "protocolVersion", "sdkVersion", "libVersion",
                                 "bootloaderVersion", "latestFirmwareVersion", "serialNumber"])
def test_non_firmware_versions_are_not_firmware(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: "5.4.1"}).firmware is None


@pytest.mark.parametrize("key", ["firmwareVersion", "FirmwareVersion", "fw_ver", "sw_version", "softwareVersion",
                                 "SoftWareVersion", "firmware_revision", "fwVer"])
def test_firmware_key_spellings(db: SignatureDB, key: str) -> None:
    assert _json(db, {key: "5.4.1"}).firmware == "5.4.1"


# ------------------------------------------------------------------ UPnP IGD modelName vs modelNumber

_IGD = """<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><device>
<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>Router</friendlyName><manufacturer>ACME</manufacturer>
<modelName>{name}</modelName><modelNumber>{number}</modelNumber>
</device></root>"""


def test_igd_model_name_code_outweighs_a_second_code_in_model_number(db: SignatureDB) -> None:
    got = _ident(db, "upnp", _IGD.format(name="DSL-X1852E", number="MDSL-X1852E"), 49152, "GET /desc.xml")
    assert got.model == "DSL-X1852E"
    assert got.device_type == "router"


def test_igd_model_name_phrase_yields_to_model_number_code(db: SignatureDB) -> None:
    got = _ident(db, "upnp", _IGD.format(name="Wireless-G ADSL Home Gateway", number="WAG200G"), 49152, "GET /desc.xml")
    assert got.model == "WAG200G"


def test_igd_model_name_version_is_no_code(db: SignatureDB) -> None:
    got = _ident(db, "upnp", _IGD.format(name="1.0.2", number="WAG200G"), 49152, "GET /desc.xml")
    assert got.model == "WAG200G"


# ------------------------------------------------------------------ make values: label before maker, make-and-model


@pytest.mark.parametrize("value, label", [
    ("Toguard (Hikvision OEM)", "Toguard"),
    ("Toguard by Hikvision", "Toguard"),
    ("Toguard / Hikvision", "Toguard"),
    ("Toguard Hikvision", "Toguard"),
    # no label: a registration place, product words, a placeholder, the maker alone, a label netscan knows
    ("Hangzhou Hikvision Digital Technology Co., Ltd.", None),
    ("IP camera Hikvision", None),
    ("Generic Hikvision", None),
    ("Hikvision", None),
    ("some cheap Chinese camera made by Hikvision maybe", None),
])
def test_label_before_maker(db: SignatureDB, value: str, label: str | None) -> None:
    assert db.manufacturer is not None
    assert db.manufacturer.label_before(db, value) == label


def test_label_before_maker_end_to_end(db: SignatureDB) -> None:
    got = _ident(db, "other", "Camera manufacturer: Toguard (Hikvision OEM)\nCamera model: DS-2CD2042WD-I\n", 0, "")
    assert got.vendor == "Hikvision"
    assert got.brand == "Toguard"


def test_known_label_in_a_make_value_resolves_through_its_own_entry(db: SignatureDB) -> None:
    assert db.manufacturer is not None
    assert db.manufacturer.label_before(db, "Vikylin Hikvision") is None  # Vikylin is named itself (a known label)


@pytest.mark.parametrize("name, value, want", [
    ("other.kv.CameraManufacturerAndModel", "SV3C SV-B01POE-1080P-L", "SV3C"),
    ("other.kv.CameraMakeAndModel", "Toguard Hikvision DS-2CD2042WD-I", "Toguard Hikvision"),
    ("other.kv.CameraMakeAndModel", "some cheap camera", ""),
    ("other.kv.Manufacturer", "SV3C SV-B01POE-1080P-L", "SV3C SV-B01POE-1080P-L"),  # not a make-and-model field
])
def test_make_part(db: SignatureDB, name: str, value: str, want: str) -> None:
    assert db.manufacturer is not None
    assert db.manufacturer.make_part(name, value) == want


def test_make_and_model_field_names_the_label_and_the_model(db: SignatureDB) -> None:
    got = _ident(db, "rtsp", "**Camera (please complete the following information):**\n"
                 "  - Camera manufacturer and model: SV3C SV-B01POE-1080P-L\n", 554, "")
    assert got.brand == "SV3C"
    assert got.model == "SV-B01POE-1080P-L"


def test_make_and_model_words_only_name_nobody(db: SignatureDB) -> None:
    got = _ident(db, "other", "Camera make and model: some cheap camera\n", 0, "")
    assert got.vendor is None and got.brand is None and got.model is None


# ------------------------------------------------------------------ header parameters, SSDP headers

_SSDP = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://192.168.1.64:49152/description.xml\r\n"
         "SERVER: Linux/3.0, UPnP/1.0, Portable SDK for UPnP devices/1.6.6\r\nST: upnp:rootdevice\r\n"
         "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n{extra}\r\n")


def test_header_identity_parameters_are_fields(db: SignatureDB) -> None:
    raw = _SSDP.format(extra='X-Device: model=DS-2CD2042WD; manufacturer="Hangzhou Hikvision Digital Technology Co., Ltd"; fw=V5.4.0\r\n')
    f = parse_fields(Response("ssdp", raw, 1900, "M-SEARCH"))
    assert f["ssdp.header.x-device.manufacturer"] == ["Hangzhou Hikvision Digital Technology Co., Ltd"]
    assert f["ssdp.header.x-device.model"] == ["DS-2CD2042WD"]
    assert f["ssdp.header.x-device.fw"] == ["V5.4.0"]
    assert not any(k.startswith("ssdp.header.opt.") for k in f)  # ns= is structural
    got = _ident(db, "ssdp", raw, 1900, "M-SEARCH")
    assert (got.vendor, got.model, got.firmware) == ("Hikvision", "DS-2CD2042WD", "V5.4.0")


def test_structural_header_parameters_are_not_fields(db: SignatureDB) -> None:
    raw = ("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html; charset=utf-8\r\n"
           'WWW-Authenticate: Digest realm="Login", nonce="abc", qop="auth"\r\nSet-Cookie: id=1; path=/\r\n\r\n')
    f = parse_fields(Response("http", raw, 80, "GET /"))
    assert not [k for k in f if k.count(".") > 2 and k.startswith("http.header.")]


def test_header_named_for_the_vendor(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nX-Device-Vendor: Zhejiang Dahua Technology Co., Ltd.\r\nContent-Length: 0\r\n\r\n"
    assert _ident(db, "http", raw).vendor == "Dahua"


def test_maker_name_in_an_ssdp_search_target(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nCache-Control: max-age=3600\r\nST: roku:ecp\r\nLocation: http://192.168.1.50:8060/\r\nUSN: uuid:roku:ecp:P0A070000007\r\n\r\n"
    got = _ident(db, "ssdp", raw, 1900, "M-SEARCH")
    assert got.vendor == "Roku"
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell")  # a name alone never makes video gear


def test_location_host_name_names_nobody(db: SignatureDB) -> None:
    raw = _SSDP.replace("http://192.168.1.64:49152/", "http://hikvision-cam.local:49152/").format(extra="")
    assert _ident(db, "ssdp", raw, 1900, "M-SEARCH").vendor is None


# ------------------------------------------------------------------ a maker's name in front of a video device's model code

_UPNP = """<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>
<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>Gate</friendlyName>
<manufacturer>{maker}</manufacturer><modelName>{name}</modelName><modelDescription>{what}</modelDescription>
</device></root>"""


def test_maker_name_before_a_camera_model_code_is_dropped(db: SignatureDB) -> None:
    got = _ident(db, "upnp", _UPNP.format(maker="Beward", name="Beward BD4640", what="IP Camera"), 49152, "GET /d.xml")
    assert (got.vendor, got.model, got.device_type) == ("Beward", "BD4640", "camera")


def test_camera_product_name_of_words_is_kept_whole(db: SignatureDB) -> None:
    got = _ident(db, "upnp", _UPNP.format(maker="Wyze", name="Wyze Cam v3", what="Wyze Cam v3 camera"), 49152, "GET /d.xml")
    assert got.model == "Wyze Cam v3"


def test_non_camera_product_name_keeps_the_maker_word(db: SignatureDB) -> None:
    got = _ident(db, "upnp", _UPNP.format(maker="Sonos, Inc.", name="Sonos PLAY:1", what="Sonos PLAY:1"), 1400, "GET /d.xml")
    assert got.model == "Sonos PLAY:1"
    assert got.device_type not in ("camera", "nvr", "dvr", "doorbell")


# ------------------------------------------------------------------ value normalisation: quotes


@pytest.mark.parametrize("raw, want", [('"V5.4.0"', "V5.4.0"), ("'1.2.3'", "1.2.3"), ("\u201c2.800.0000000.16.R\u201d", "2.800.0000000.16.R")])
def test_quoted_firmware_value_is_read_inside_its_quotes(db: SignatureDB, raw: str, want: str) -> None:
    assert _json(db, {"firmwareVersion": raw}).firmware == want


def test_quoted_model_value_is_read_inside_its_quotes(db: SignatureDB) -> None:
    assert _json(db, {"deviceModel": '"XY-1234"'}).model == "XY-1234"


def test_quotes_inside_a_value_are_left(db: SignatureDB) -> None:
    from netscan.identify.collect import _unquoted
    assert _unquoted('"a" and "b"') == '"a" and "b"'
    assert _unquoted('"') == '"'


# ------------------------------------------------------------------ which fields are searched for maker names


@pytest.mark.parametrize("name, value, want", [
    ("upnp.deviceType", "urn:panasonic-com:device:p00RemoteController:1", True),
    ("upnp.UDN", "uuid:UUID-MIKROTIK-INTERNET-GATEWAY-DEVICE-4PWK-AH73", True),
    ("upnp.modelURL", "http://www.dlink.com", True),
    ("http.json.DeviceInfo.@xmlns", "http://www.hikvision.com/ver20/XMLSchema", True),
    ("http.kv.root.Brand.ProdFullName", "AXIS M1065-LW Network Camera", True),
    ("http.xml.DeviceInfo/systemContact", "Hikvision.China", True),
    ("http.json.deviceName", "TP-Link-C200-3fa1fe68", True),
    ("ssdp.header.st", "roku:ecp", True),
    # not searched: a location, a client's URL, a platform's friendly model name, a nested device name
    ("ssdp.header.location", "http://hikvision.local/", False),
    ("http.client-url", "/ISAPI/System/deviceInfo", False),
    ("http.xml.device-info/friendly-model-name", "onn. Roku TV", False),
    ("http.json.channels.deviceName", "Hikvision", False),
    ("snmp.sysContact", "admin@hikvision.example", False),
])
def test_maker_name_fields(db: SignatureDB, name: str, value: str, want: bool) -> None:
    assert db.maker_names is not None
    assert db.maker_names.applies(name) is want
    if want:
        assert db.maker_names.find(value) is not None


# ------------------------------------------------------------------ a hardware id after a model code


@pytest.mark.parametrize("value, want", [
    ("Beward BD4640 0x1A", "BD4640"),     # maker's name before, hardware id after
    ("BD4640 88", "BD4640"),
    ("E1 Pro", "E1 Pro"),                 # words after a code are the product's name
    ("Doorbell 2", "Doorbell 2"),         # a number after a word is the product's
])
def test_hardware_id_after_a_model_code(db: SignatureDB, value: str, want: str) -> None:
    assert _json(db, {"deviceModel": value}).model == want


# ------------------------------------------------------------------ XML attributes named for the maker, model, firmware

_ATTRS = ('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<?xml version="1.0"?><root version="2.0">'
          '<DeviceInfo model="BD4640" manufacturer="Beward" firmwareVersion="2.3.4" hardwareVersion="1.0.0" serialNumber="X1"/>'
          '{extra}</root>')


def test_identity_attributes_are_read_as_child_elements(db: SignatureDB) -> None:
    f = parse_fields(Response("http", _ATTRS.format(extra=""), 80, "GET /"))
    assert f["http.xml.root/DeviceInfo/model"] == ["BD4640"]
    assert f["http.xml.root/DeviceInfo/firmwareVersion"] == ["2.3.4"]
    assert "http.xml.root/version" not in f and "http.xml.root/DeviceInfo/hardwareVersion" not in f  # not identity names
    got = _ident(db, "http", _ATTRS.format(extra=""))
    assert (got.vendor, got.model, got.firmware) == ("Beward", "BD4640", "2.3.4")


def test_identity_attributes_of_a_channel_list_are_other_devices(db: SignatureDB) -> None:
    raw = _ATTRS.format(extra='<ChannelList><Channel model="DS-2CD2143G0-I" manufacturer="Hikvision"/></ChannelList>')
    got = _ident(db, "http", raw)
    assert got.model == "BD4640"
    assert got.vendor == "Beward"


# ------------------------------------------------------------------ property records and tables of pairs in JSON


@pytest.mark.parametrize("doc", [
    {"properties": [{"name": "Manufacturer", "value": "Beward"}, {"name": "Model", "value": "BD4640"},
                    {"name": "Firmware Version", "value": "2.3.4"}]},
    {"info": [{"key": "manufacturer", "value": "Beward"}, {"key": "model", "value": "BD4640"}, {"key": "firmware", "value": "2.3.4"}]},
    [["Manufacturer", "Beward"], ["Model", "BD4640"], ["Firmware version", "2.3.4"]],
])
def test_property_records_name_the_device(db: SignatureDB, doc: object) -> None:
    got = _json(db, doc)
    assert (got.vendor, got.model, got.firmware) == ("Beward", "BD4640", "2.3.4")


def test_property_records_of_other_names_add_nothing(db: SignatureDB) -> None:
    # a record whose name holds no identity word adds no field; a hardware version's record may (its name has a
    # version word: the field-name conventions decide) but names no firmware; an application's adds none (session 14:
    # record names are read by the conventions' vocabulary, netscan/parsers/_util.py _RECORD_NAME)
    doc = {"items": [{"name": "Color", "value": "red"}, {"name": "hardware version", "value": "1.0.0"},
                     {"name": "app version", "value": "5.4.1"}]}
    f = parse_fields(Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps(doc), 80, "GET /"))
    assert sorted(k for k in f if k.startswith("http.json")) == ["http.json.items.hardwareVersion", "http.json.items.name",
                                                                 "http.json.items.value"]
    assert _json(db, doc).firmware is None
