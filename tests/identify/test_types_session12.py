"""Device-type evidence added in session 12 (helper types4), with counter-examples.

- A chosen model's product line types the device when nothing else does (netscan/identify/resolve.py
  ``_type_of_model``): a family grammar of the resolved maker, or of its brand or one of its own brands
  (written after the brand's name, "Amcrest AD110", "Tapo C220"), reading the whole model. It replaces the
  video-only maker's camera default, never a type that evidence gave, and needs a maker.
"""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB


def _ident(db: SignatureDB, raw: str, protocol: str = "other", port: int | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol=protocol, port=port, raw=raw),)), db)


def _json(db: SignatureDB, doc: dict[str, str]):  # type: ignore[no-untyped-def]
    return _ident(db, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps(doc), "http", 80)


# ---------------------------------------------------------------- a model's product line

def test_amcrest_doorbell_code_in_a_device_type_field_is_a_doorbell(db: SignatureDB) -> None:
    # magicBox's deviceType as amcrest2mqtt logs it (dchesterton/amcrest2mqtt#101 shows the shape); the Amcrest
    # firmware names the brand; the model AD110 is read whole, and "Amcrest AD110" is the brand's doorbell line
    ident = _ident(db, "[INFO] Device type: AD110\n[INFO] Software version: 1.000.00AC009.0.R\n", "http", 80)
    assert ident.model == "AD110"
    assert ident.device_type == "doorbell"
    sources = {e.source for e in ident.evidence}
    assert "model-product-line" in sources
    assert "video-only-maker" not in sources  # the camera default gave way


def test_same_record_with_a_camera_code_stays_a_camera(db: SignatureDB) -> None:
    ident = _ident(db, "[INFO] Device type: IP4M-1041B\n[INFO] Software version: 2.420.AC00.18.R\n", "http", 80)
    assert ident.device_type == "camera"


@pytest.mark.parametrize("model", ["C220", "TC70"])
def test_tapo_camera_code_under_tp_link_is_a_camera(db: SignatureDB, model: str) -> None:
    # TP-Link's own brand Tapo (signatures/vendors: parent and built_by TP-Link) writes its cameras C<nnn>/TC<nn>
    ident = _json(db, {"manufacturer": "TP-Link", "device_model": model, "sw_ver": "1.0.7 Build 230612 Rel.42500n"})
    assert ident.vendor == "TP-Link"
    assert ident.device_type == "camera"


@pytest.mark.parametrize("model", ["Archer C6", "C6", "TL-WR841N", "HS110"])
def test_tp_link_non_camera_models_are_not_typed_video(db: SignatureDB, model: str) -> None:
    # routers and plugs of the same maker: no camera line reads these models
    ident = _json(db, {"manufacturer": "TP-Link", "device_model": model, "sw_ver": "1.0.7 Build 230612 Rel.42500n"})
    assert ident.device_type not in VIDEO_TYPES


def test_a_camera_code_under_another_maker_is_not_typed(db: SignatureDB) -> None:
    # Tapo's C220 shape, but the record's maker is a router maker with no such line
    ident = _json(db, {"manufacturer": "NETGEAR", "device_model": "C220", "firmware": "V1.0.0.12"})
    assert ident.device_type not in VIDEO_TYPES


def test_no_maker_no_product_line(db: SignatureDB) -> None:
    ident = _json(db, {"device_model": "C220"})
    assert ident.vendor is None
    assert ident.device_type not in VIDEO_TYPES


def test_a_type_that_evidence_gave_is_kept(db: SignatureDB) -> None:
    # a router word says what the device is; the model's shape does not override it
    ident = _json(db, {"manufacturer": "TP-Link", "device_model": "C220", "device_type": "Wireless Router"})
    assert ident.device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- Axis encoders, Dahua doorbells

@pytest.mark.parametrize("banner,model", [
    ("220 AXIS Q7414 Video Encoder 5.51.2 (2015) ready.", "Q7414"),
    ("AXIS M7014", "M7014"),
    ("AXIS P7214 - ACCC8E000001", "P7214"),
    ("AXIS 243SA Video Server", "243SA"),
])
def test_axis_encoder_lines_are_encoders(db: SignatureDB, banner: str, model: str) -> None:
    ident = _ident(db, banner, "ftp", 21)
    assert (ident.vendor, ident.model, ident.device_type) == ("Axis", model, "encoder")


@pytest.mark.parametrize("banner", ["AXIS Q6045-E - ACCC8E000002", "AXIS M3045-V", "AXIS P1365 Mk II", "AXIS 2420 Network Camera", "AXIS 211"])
def test_axis_cameras_next_to_the_encoder_numbers_stay_cameras(db: SignatureDB, banner: str) -> None:
    assert _ident(db, banner, "ftp", 21).device_type == "camera"


def test_axis_decoder_and_door_controller_are_not_encoders_or_cameras(db: SignatureDB) -> None:
    assert _ident(db, "AXIS A1001 Network Door Controller 1.65.1.1 (2018) ready.", "ftp", 21).device_type == "other"


@pytest.mark.parametrize("text,model", [
    ("Upgraded my doorbell (DH-DB6I) last week", "DH-DB6I"),
    ("model: DHI-DB11", "DHI-DB11"),
])
def test_dahua_wifi_doorbell_code_is_a_doorbell(db: SignatureDB, text: str, model: str) -> None:
    ident = _ident(db, text)
    assert (ident.vendor, ident.model, ident.device_type) == ("Dahua", model, "doorbell")


@pytest.mark.parametrize("text", ["RS-232 cable, DB9 female to DB25 male", "db11 backup finished", "DB-25 port"])
def test_db_connector_names_say_nothing(db: SignatureDB, text: str) -> None:
    ident = _ident(db, text)
    assert ident.vendor is None and ident.device_type not in VIDEO_TYPES


def test_dahua_vto_listener_log_is_a_doorbell(db: SignatureDB) -> None:
    # rroller/dahua logs "VTO Data received" only from its door-station listener (custom_components/dahua/__init__.py)
    raw = ("2021-06-20 13:52:20 DEBUG (Thread-3) [custom_components.dahua] VTO Data received: "
           "{'Action': 'Pulse', 'Code': 'DoorStatus', 'Data': {'LocaleTime': '2021-06-20 13:52:20', 'Status': 'Close'}, 'Index': 0}\n")
    assert _ident(db, raw, "other", 5000).device_type == "doorbell"


def test_dahua_camera_event_log_is_not_a_doorbell(db: SignatureDB) -> None:
    raw = ("2021-06-20 13:52:20 DEBUG (Thread-3) [custom_components.dahua] Events received from 192.168.1.108 on channel 0: "
           "[{'Code': 'VideoMotion', 'action': 'Start', 'index': '0'}]\n")
    assert _ident(db, raw, "other", 80).device_type != "doorbell"


# ---------------------------------------------------------------- video makers' non-video products

_ISAPI_DEVICE_INFO = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<DeviceInfo version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">\n'
    "<deviceName>Lobby</deviceName><model>{model}</model><firmwareVersion>V3.2.30</firmwareVersion>"
    "<firmwareReleasedDate>build 230512</firmwareReleasedDate></DeviceInfo>"
)


@pytest.mark.parametrize("model", ["DS-K1T671MF", "DS-K2604T", "DS-K1A802MF-B", "DS-KH6320-WTE1", "DS-PWA64-L-WE", "DS-3E1526P-EI"])
def test_hikvision_non_video_products_answering_isapi_are_not_cameras(db: SignatureDB, model: str) -> None:
    # access terminals and controllers, an indoor station, an alarm panel, a switch: the same ISAPI deviceInfo as
    # a camera's, so the maker's video-only default must give way to the model's product line
    body = _ISAPI_DEVICE_INFO.format(model=model)
    ident = _ident(db, "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + body, "http", 80)
    assert ident.vendor == "Hikvision"
    assert ident.device_type == "other"


@pytest.mark.parametrize("model,kind", [("DS-2CD2143G0-I", "camera"), ("DS-7608NI-I2/8P", "nvr"), ("DS-KV6113-WPE1", "doorbell")])
def test_hikvision_video_products_answering_isapi_keep_their_kind(db: SignatureDB, model: str, kind: str) -> None:
    body = _ISAPI_DEVICE_INFO.format(model=model)
    ident = _ident(db, "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + body, "http", 80)
    assert ident.device_type == kind


@pytest.mark.parametrize("model", ["ASI7214X", "DHI-ASI7214Y-V3", "VTH5421"])
def test_dahua_access_controllers_and_indoor_monitors_are_not_cameras(db: SignatureDB, model: str) -> None:
    # magicBox getSystemInfo's shape (deviceType=..., serialNumber=...), with a Dahua firmware version
    raw = (f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\ndeviceType={model}\r\nprocessor=SSC335\r\n"
           "serialNumber=7K0123456789ABC\r\nupdateSerial=DH-ASI\r\nversion=1.000.10000000.3.R\r\n")
    ident = _ident(db, raw, "http", 80)
    assert ident.device_type not in VIDEO_TYPES


def test_zwo_astronomy_camera_is_not_a_dahua_access_controller(db: SignatureDB) -> None:
    ident = _ident(db, "ZWO ASI2600MC Pro cooled colour astronomy camera")
    assert ident.vendor != "Dahua"


def test_a_line_of_another_named_maker_types_the_chosen_model(db: SignatureDB) -> None:
    # a HomeKit record: manufacturer Netgear (the vendor chosen), the name Arlo in the product's name, model ABC1000
    # (Arlo's baby camera line): the model's product line is Arlo's, a maker the evidence also names
    ident = _json(db, {"manufacturer": "Netgear", "name": "Arlo Baby", "model": "ABC1000", "firmware": "1.10.931"})
    assert ident.model == "ABC1000"
    assert ident.device_type == "camera"


def test_a_line_of_a_maker_nobody_named_does_not_type(db: SignatureDB) -> None:
    # the same code under a router maker with no other maker named: no line of a named maker reads it
    ident = _json(db, {"manufacturer": "Netgear", "name": "Living room", "model": "ABC1000", "firmware": "1.10.931"})
    assert ident.device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- encoder words

@pytest.mark.parametrize("title", ["Network Video Encoder", "4-CH HD Video Encoder", "Video Server"])
def test_encoder_product_words_type_an_encoder(db: SignatureDB, title: str) -> None:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    assert _ident(db, raw, "http", 80).device_type == "encoder"


@pytest.mark.parametrize("title", ["Video Encoder Settings", "Red5 Streaming Video Server", "x264 video encoder",
                                   "Windows Media Video Encoder", "Video Decoder"])
def test_encoder_words_of_software_and_settings_say_nothing(db: SignatureDB, title: str) -> None:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    assert _ident(db, raw, "http", 80).device_type not in VIDEO_TYPES


@pytest.mark.parametrize("dclass,kind", [("VTH", "other"), ("ASI", "other"), ("ASC", "other"), ("IPC", "camera"), ("VTO", "doorbell")])
def test_dahua_device_class_says_what_the_device_is(db: SignatureDB, dclass: str, kind: str) -> None:
    # a DHIP discovery answer (port 37810) as a tool prints it: the access controller and the indoor monitor
    # answer the same protocol as the cameras, so the maker's video-only default must not make them cameras
    doc = {"method": "client.notifyDevInfo", "params": {"deviceInfo": {
        "DeviceClass": dclass, "DeviceType": "X", "SerialNo": "7K0123456", "Vendor": "Dahua", "Version": "2.800.0000000.9.R"}}}
    assert _ident(db, json.dumps(doc), "other", 37810).device_type == kind


def test_own_brands_cache_does_not_keep_a_database_alive() -> None:
    # identify_speed's peak memory grew 1.47x: a module-level cache of own brands held the first database,
    # so a second one loaded doubled the signatures in memory (the index now lives on the database)
    import gc
    import weakref

    from netscan.sigdb import load_db

    db = load_db()
    assert "Tapo" in db.own_brands("TP-Link")
    ref = weakref.ref(db)
    del db
    gc.collect()
    assert ref() is None
