"""Fingerprints imported from recog and nmap-service-probes (signatures/fingerprints/recog-*.yaml,
nmap-probes-video.yaml) identify whole observations end to end, and the look-alike non-cameras
they describe are not called cameras. The values are the databases' own examples."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db

HTTP_401 = "HTTP/1.1 401 Unauthorized\r\nServer: {server}\r\nContent-Length: 0\r\n\r\n"
HTTP_200_TITLE = "HTTP/1.1 200 OK\r\nServer: GoAhead-Webs\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"


def _ident(*responses: Response):  # type: ignore[no-untyped-def]
    return identify(Observation(ip="192.0.2.10", mac=None, responses=tuple(responses)), load_db())


@pytest.mark.parametrize(
    ("response", "vendor", "device_type", "model"),
    [
        # recog snmp_sysdescr.xml, as an snmpwalk paste (read by netscan.parsers.shapes)
        (Response("other", "SNMPv2-MIB::sysDescr.0 = STRING: Brother NC-6400h, Firmware Ver.1.11  (06.12.20),MID 84UZ93\n"
                           "SNMPv2-MIB::sysName.0 = STRING: BRN_D32321", 161, "snmpwalk"), "Brother", "printer", "NC-6400h"),
        # recog telnet_banners.xml
        (Response("telnet", "IMDVRS login:", 23, ""), "Rifatron", "dvr", None),
        # recog html_title.xml: a switch behind the same embedded web server cameras use
        (Response("http", HTTP_200_TITLE.format(title="NETGEAR GS108T"), 80, "GET /"), "Netgear", "router", None),
        (Response("http", HTTP_200_TITLE.format(title="USG60"), 80, "GET /"), "ZyXEL", "router", "USG60"),
        # recog http_servers.xml
        (Response("http", HTTP_401.format(server="ReeCam IP Camera"), 80, "GET /"), "Reecam", "camera", None),
        # nmap-service-probes (FTP greeting of an Axis video encoder)
        (Response("other", "220 AXIS Q7401 Video Encoder 5.50.2 (2013) ready.\r\n", 21, ""), "Axis", "encoder", "Q7401"),
    ],
)
def test_imported_fingerprint_identifies(response: Response, vendor: str, device_type: str, model: str | None) -> None:
    ident = _ident(response)
    assert ident.vendor == vendor
    assert ident.device_type == device_type
    if model is not None:
        assert ident.model == model
    assert any(e.source.startswith(("recog-", "nmap-")) or e.kind == "rule" for e in ident.evidence)


def test_imported_router_rule_is_not_a_camera() -> None:
    """A router title on GoAhead (a stack cameras share) stays a router."""
    ident = _ident(Response("http", HTTP_200_TITLE.format(title="NETGEAR GS108T"), 80, "GET /"))
    assert ident.device_type not in VIDEO_TYPES
    assert any(e.source.startswith("recog-") for e in ident.evidence)


@pytest.mark.parametrize("server", ["GoAhead-Webs", "Boa/0.94.14rc21", "thttpd/2.25b 29dec2003", "mini_httpd/1.19 19dec2003",
                                    "lighttpd/1.4.35", "uhttpd"])
def test_generic_embedded_server_alone_is_not_a_camera(server: str) -> None:
    ident = _ident(Response("http", HTTP_401.format(server=server), 80, "GET /"))
    assert ident.device_type not in VIDEO_TYPES
    assert not any(e.source.startswith(("recog-", "nmap-")) and e.extracted.get("device_type") in VIDEO_TYPES
                   for e in ident.evidence)
