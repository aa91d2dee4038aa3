"""Non-video types that discovery protocols declare (signatures/fingerprints/noncamera-discovery.yaml):
WS-Discovery printer/scanner types, the Wi-Fi Alliance's WPS device, Samsung's and LG's TV types. They
keep an untyped RTSP server on 554 or another weak video hint from making the device a camera."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _probe_match(types: str) -> Response:
    raw = ('<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
           'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">'
           '<s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:1</a:Address></a:EndpointReference>'
           f'<d:Types>{types}</d:Types><d:XAddrs>http://192.0.2.30:3911/</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>')
    return Response("wsd", raw, 3702, "Probe")


def _ssdp(st: str) -> Response:
    return Response("ssdp", f"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: {st}\r\nUSN: uuid:1::{st}\r\n\r\n", 1900, "M-SEARCH")


_RTSP_554 = Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n", 554, "OPTIONS")


@pytest.mark.parametrize(("response", "want"), [
    (_probe_match("wsdp:Device wprt:PrintDeviceType"), "printer"),
    (_probe_match("wsdp:Device wscn:ScanDeviceType"), "printer"),
    (_ssdp("urn:schemas-wifialliance-org:device:WFADevice:1"), "router"),
    (_ssdp("urn:samsung.com:device:RemoteControlReceiver:1"), "tv"),
    (_ssdp("urn:lge-com:service:webos-second-screen:1"), "tv"),
])
def test_declared_non_video_types(db: SignatureDB, response: Response, want: str) -> None:
    assert identify(Observation("192.0.2.30", None, (response,)), db).device_type == want
    # the declared type holds beside an RTSP server on 554 (a TV's or a printer's streaming service)
    assert identify(Observation("192.0.2.30", None, (response, _RTSP_554)), db).device_type == want


def test_an_onvif_transmitter_stays_a_camera(db: SignatureDB) -> None:
    assert identify(Observation("192.0.2.31", None, (_probe_match("dn:NetworkVideoTransmitter"),)), db).device_type == "camera"
    # and pub:Computer (wsdd on Windows, Linux NAS, Samba hosts alike) types nothing
    assert identify(Observation("192.0.2.31", None, (_probe_match("wsdp:Device pub:Computer"),)), db).device_type == "unknown"
