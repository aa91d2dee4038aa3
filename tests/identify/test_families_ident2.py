"""Vendor families added for issue 11 (TVT, Provision-ISR, Honeywell, Swann, Night Owl, Jovision,
VStarcam, Zosi, TP-Link VIGI, Pelco Esprit): a model in
the maker's shape names the maker in any short field; the look-alikes of other makers' products
(TP-Link ADSL modems TD-8817, D-Link DI-524 routers) name nobody."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _title(db: SignatureDB, title: str) -> tuple[str | None, str | None]:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    ident = identify(Observation(None, None, (Response("http", raw, 80, "GET /"),)), db)
    return ident.vendor, ident.model


@pytest.mark.parametrize(("title", "vendor", "model"), [
    ("TD-9463E4-PA", "TVT", "TD-9463E4-PA"),
    ("TD-8483IS3N-PE-25M-AR15", "TVT", "TD-8483IS3N-PE-25M-AR15"),
    ("DI-380IPSN-28-V3", "Provision-ISR", "DI-380IPSN-28-V3"),
    ("HC25WB5R2", "Honeywell", "HC25WB5R2"),
    ("SWPRO-1080MSFB", "Swann", "SWPRO-1080MSFB"),
    ("CAM-FTD8-PT", "Night Owl", "CAM-FTD8-PT"),
    ("JVS-N517-TDL", "Jovision", "JVS-N517-TDL"),
    ("VStarcam CS621SR", "VStarcam", "CS621SR"),
    ("ZOSI C225", "Zosi", "C225"),
    ("VIGI C440", "TP-Link", "C440"),  # VIGI is TP-Link's brand: the maker is TP-Link, the brand VIGI
    ("ES6230-12P", "Pelco", "ES6230-12P"),
])
def test_a_model_in_the_family_shape_names_the_maker(db: SignatureDB, title: str, vendor: str, model: str) -> None:
    assert _title(db, title) == (vendor, model)


@pytest.mark.parametrize("title", ["TD-8817", "TD-8840T", "TD-W8961N", "DI-524", "DI-604", "CAM-1", "SWPRO-LINE", "C186", "CS49L"])
def test_look_alikes_name_nobody(db: SignatureDB, title: str) -> None:
    vendor, model = _title(db, title)
    assert vendor not in {"TVT", "Provision-ISR", "Swann", "Night Owl", "Zosi", "VStarcam"}


def _ident(db: SignatureDB, proto: str, raw: str, port: int) -> tuple[str | None, str | None, str]:
    ident = identify(Observation(None, None, (Response(proto, raw, port, ""),)), db)
    return ident.vendor, ident.firmware, ident.device_type


def test_a_makers_firmware_scheme_names_it_inside_any_short_text(db: SignatureDB) -> None:
    # the version is a token of a banner or a log line, not the whole value
    assert _ident(db, "telnet", "Welcome. Firmware V5.4.5 build 170124 ready\r\n", 23)[:2] == ("Hikvision", "V5.4.5 build 170124")
    assert _ident(db, "other", "220 NVR ftp (2.800.0000018.0.R) ready", 21)[:2] == ("Dahua", "2.800.0000018.0.R")
    # the tail of a longer version is not the maker's scheme
    assert _ident(db, "other", "220 ftp 1.2.800.0000018.0.R.7 ready", 21)[0] != "Dahua"


@pytest.mark.parametrize(("key", "value"), [
    ("firmware_ver", "4.36.9.139"), ("FirmwareVer", "3.2.1.5"), ("currentFirmwareVersion", "1.0.7"),
    ("SWVersion", "2.1.0"), ("softVersion", "V1.4.2"), ("SoftwareRevision", "12.3"),
])
def test_version_fields_in_the_common_spellings(db: SignatureDB, key: str, value: str) -> None:
    raw = '{"device": {"%s": "%s"}}' % (key, value)
    vendor, firmware, device_type = _ident(db, "http", raw, 80)
    assert firmware == value and vendor is None and device_type != "camera"


@pytest.mark.parametrize(("proto", "raw", "port", "firmware"), [
    ("http", "AXIS M1054 Network Camera, Firmware version: 5.40.9.2", 80, "5.40.9.2"),
    ("other", "220 NAS FTP server ready (FW ver 3.4.1)", 21, "3.4.1"),
    ("http", "2022-01-01 12:00 INFO reported sw_version=1.0.12_20230101\n2022-01-01 12:00 INFO done\n", 80, "1.0.12_20230101"),
])
def test_a_version_written_out_in_free_text(db: SignatureDB, proto: str, raw: str, port: int, firmware: str) -> None:
    assert _ident(db, proto, raw, port)[1] == firmware


@pytest.mark.parametrize("text", ["Apache Software Foundation 2.0 license", "version 1.2.3", "firmware update 2024", "fw(2.1)"])
def test_no_version_claimed_without_a_version_word_and_a_version(db: SignatureDB, text: str) -> None:
    assert _ident(db, "http", text, 80)[1] is None


@pytest.mark.parametrize(("proto", "raw", "port", "vendor", "firmware"), [
    ("telnet", "NVR login (V4.02.R11.C7431119.12001.130000.00000)\r\n", 23, "Xiongmai", "V4.02.R11.C7431119.12001.130000.00000"),
    ("http", '{"info": {"ver": "B6103.16.10.B25.201218"}}', 80, "Uniview", "B6103.16.10.B25.201218"),
    ("http", '{"status": {"image": "FullImg-1023-1007-1011-1009"}}', 80, "AVTECH", "FullImg-1023-1007-1011-1009"),
    ("http", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<script>var g_SoftWareVersion=\"V4.02.R11.34500140.12001.131600.00000\";</script>",
     80, "Xiongmai", "V4.02.R11.34500140.12001.131600.00000"),
])
def test_more_firmware_schemes_name_their_maker(db: SignatureDB, proto: str, raw: str, port: int, vendor: str, firmware: str) -> None:
    assert _ident(db, proto, raw, port)[:2] == (vendor, firmware)


def test_a_version_in_a_page_body_without_a_makers_scheme_names_nobody(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Firmware Version: 1.0.4.52</p><p>Printer ready</p>"
    assert _ident(db, "http", raw, 80) == (None, "1.0.4.52", "unknown")


def test_a_version_in_the_devices_own_info_object_is_its_firmware(db: SignatureDB) -> None:
    assert _ident(db, "http", '{"deviceInfo": {"Version": "4.1.7"}}', 80)[1] == "4.1.7"
    assert _ident(db, "http", '{"api": {"version": "2.1"}}', 80)[1] is None  # an API's version is not firmware
