"""identify(): conflict resolution on a small, fixed signature set (tests/identify/minisig)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import check, load_db

MINI = Path(__file__).parent / "minisig"

LOREX_ONVIF = (
    '<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
    'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetDeviceInformationResponse>'
    "<tds:Manufacturer>LOREX</tds:Manufacturer><tds:Model>LNB8973B</tds:Model>"
    "<tds:FirmwareVersion>2.460.0001.5.R, Build Date 2017-08-11</tds:FirmwareVersion>"
    "<tds:SerialNumber>ND021808019141</tds:SerialNumber></tds:GetDeviceInformationResponse></s:Body></s:Envelope>"
)


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db(MINI)


def test_minisig_self_check_passes(db) -> None:  # type: ignore[no-untyped-def]
    assert check(db) == []


def test_relabelled_dahua_is_vendor_dahua_brand_lorex(db) -> None:  # type: ignore[no-untyped-def]
    obs = Observation("10.0.0.9", "00:1f:54:11:22:33", (Response("onvif", LOREX_ONVIF, 80, "GetDeviceInformation"),))
    ident = identify(obs, db)
    assert (ident.vendor, ident.brand, ident.model) == ("Dahua", "Lorex", "LNB8973B")
    assert ident.firmware == "2.460.0001.5.R"  # the build date after the comma is not part of the version (netscan/identify/firmware.py)
    assert ident.covered and ident.covered.entity == "Dahua" and ident.covered.label == "Lorex"
    kinds = {e.kind for e in ident.evidence}
    assert {"oui", "rule", "oem"} <= kinds


def test_protocol_evidence_beats_oui(db) -> None:  # type: ignore[no-untyped-def]
    # a Hikvision web server behind a TP-Link-registered MAC: the NIC registrant is not the maker
    obs = Observation("10.0.0.5", "e4:c3:2a:00:00:01", (Response("http", "HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\n\r\n", 80, "GET /"),))
    ident = identify(obs, db)
    assert ident.vendor == "Hikvision"
    assert ident.brand is None
    assert ident.device_type == "camera"
    assert ident.covered is not None and ident.covered.lists == ("NDAA-889", "FCC-covered-list")


def test_oui_alone_names_maker_but_not_type(db) -> None:  # type: ignore[no-untyped-def]
    ident = identify(Observation("10.0.0.7", "28:57:be:aa:bb:cc"), db)
    assert ident.vendor == "Hikvision"
    assert ident.device_type == "unknown"
    assert 0 < ident.confidence <= 0.3


def test_locally_administered_mac_says_nothing(db) -> None:  # type: ignore[no-untyped-def]
    ident = identify(Observation("10.0.0.8", "2a:57:be:aa:bb:cc"), db)
    assert ident.vendor is None and ident.confidence == 0
    assert ident.evidence[0].source == "locally-administered"


def test_router_is_never_a_camera(db) -> None:  # type: ignore[no-untyped-def]
    # TP-Link makes cameras too; a router page must still come out as a router
    raw = "HTTP/1.1 200 OK\r\n\r\n<html><head><title>RouterOS router configuration page</title></head></html>"
    obs = Observation("10.0.0.1", "e4:c3:2a:00:00:02", (Response("http", raw, 80, "GET /"),))
    ident = identify(obs, db)
    assert ident.device_type == "router"
    assert ident.vendor == "MikroTik"


def test_unreadable_response_becomes_evidence(db) -> None:  # type: ignore[no-untyped-def]
    obs = Observation("10.0.0.3", None, (Response("sadp", "<ProbeMatch><DeviceDescription>", 37020), Response("http", "\x00\x01garbage", 80, "GET /")))
    ident = identify(obs, db)
    unread = [e for e in ident.evidence if e.kind == "unreadable"]
    assert {e.protocol for e in unread} == {"sadp", "http"}
    assert ident.vendor is None and ident.device_type == "unknown"


def test_identify_is_deterministic(db) -> None:  # type: ignore[no-untyped-def]
    obs = Observation("10.0.0.9", "00:1f:54:11:22:33", (Response("onvif", LOREX_ONVIF, 80, "GetDeviceInformation"),))
    assert identify(obs, db) == identify(obs, db)


def test_a_makers_own_brand_names_the_maker_and_keeps_its_video_default() -> None:
    """VIGI is TP-Link's video brand (signatures/vendors: built_by TP-Link): a device that names only
    VIGI is TP-Link's, labelled VIGI, and a camera by VIGI's video-only default although TP-Link
    also makes routers."""
    raw = "Manufacturer: VIGI\nModel: C340\nFirmwareVersion: 1.1.0 Build 230920"
    ident = identify(Observation(None, None, (Response("other", raw, None, "GetDeviceInformation"),)))
    assert (ident.vendor, ident.brand, ident.model, ident.device_type) == ("TP-Link", "VIGI", "C340", "camera")
    # the maker's own name, with nothing that says video, stays unknown
    plain = identify(Observation(None, None, (Response("other", "Manufacturer: TP-Link\nModel: XYZ-1", None, "GetDeviceInformation"),)))
    assert plain.vendor == "TP-Link" and plain.device_type == "unknown"
