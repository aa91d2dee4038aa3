"""The next-request planner: pure, driven by the signatures and signatures/requests.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netscan.errors import SignatureError
from netscan.model import Observation, Response
from netscan.scan.planner import plan
from netscan.sigdb import load_db
from netscan.sigdb.db import DEFAULT_SIGNATURES_DIR, default_db
from netscan.sigdb.requests import load_book, parse_book

IP = "10.0.0.5"


def _obs(*responses: Response, mac: str | None = None, ports: tuple[int, ...] = (80,)) -> Observation:
    return Observation(IP, mac, tuple(responses), ports)


def _paths(p) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.request.path for s in p.http]


def test_answers_choose_the_makers_endpoints() -> None:
    db = default_db()
    book = load_book(db.root)
    hik = plan(_obs(Response("http", "HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n", 80, "GET /")), db, book)
    assert hik.makers[0] == "Hikvision"
    assert _paths(hik) == ["/ISAPI/System/deviceInfo", "/doc/page/login.asp", "/ISAPI/Streaming/channels/101/picture"]
    router = plan(_obs(Response("http", "HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n<html>router</html>", 80, "GET /")), db, book)
    assert router.http == () and router.onvif == ()
    # the MAC's registrant names a maker too (the OUI registry is signature data)
    uni = plan(_obs(Response("http", "HTTP/1.1 200 OK\r\n\r\n", 80, "GET /"), mac="48:EA:63:00:00:01"), db, book)
    assert _paths(uni) == ["/LAPI/V1.0/System/DeviceInfo"]


def test_what_was_asked_is_not_asked_again_and_budget_holds() -> None:
    db = default_db()
    book = load_book(db.root)
    first = Response("http", "HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n", 80, "GET /")
    asked = Response("http", "", 80, "GET /ISAPI/System/deviceInfo", error="timeout")
    p = plan(_obs(first, asked), db, book)
    assert "/ISAPI/System/deviceInfo" not in _paths(p)
    assert len(plan(_obs(first), db, book, budget=1).http) == 1


def test_onvif_on_web_ports_of_video_hosts_and_unicast_when_multicast_was_silent() -> None:
    db = default_db()
    book = load_book(db.root)
    web = Response("http", "HTTP/1.1 200 OK\r\nServer: lighttpd\r\n\r\n", 80, "GET /")
    rtsp = Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", 554, "OPTIONS rtsp://x/")
    p = plan(_obs(web, rtsp, ports=(80, 554)), db, book, multicast_done=True)
    assert [(s.port, s.path) for s in p.onvif] == [(80, "/onvif/device_service")]
    assert {"wsd", "ssdp"} <= set(p.unicast)
    # before the multicast round is over, nothing is asked by unicast
    assert plan(_obs(web, rtsp, ports=(80, 554)), db, book, multicast_done=False).unicast == ()
    # a vendor SDK port points at that vendor's own discovery protocol
    assert "dhip" in plan(_obs(web, ports=(80, 37777)), db, book).unicast
    # once asked (answered or not), not again
    tried = Response("wsd", "", 3702, "unicast probe", error="timeout")
    assert "wsd" not in plan(_obs(web, rtsp, tried, ports=(80, 554)), db, book).unicast
    # WS-Discovery XAddrs choose the ONVIF endpoint
    wsd = Response("wsd", "<e:Envelope xmlns:e='http://www.w3.org/2003/05/soap-envelope'><e:Body><d:ProbeMatches "
                   "xmlns:d='http://schemas.xmlsoap.org/ws/2005/04/discovery'><d:ProbeMatch><d:XAddrs>"
                   f"http://{IP}:8899/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>",
                   3702, "Probe")
    p = plan(_obs(web, wsd), db, book)
    assert [(s.port, s.path) for s in p.onvif] == [(8899, "/onvif/device_service")]


def test_signatures_directory_is_honoured(tmp_path: Path) -> None:
    """--signatures DIR: the planner uses that directory's rules and request book, not the default."""
    root = tmp_path / "sigs"
    shutil.copytree(DEFAULT_SIGNATURES_DIR, root)
    text = (root / "requests.yaml").read_text()
    (root / "requests.yaml").write_text(text.replace("/LAPI/V1.0/System/DeviceInfo", "/LAPI/V1.0/Other"))
    db = load_db(root)
    book = load_book(db.root)
    p = plan(_obs(Response("http", "HTTP/1.1 200 OK\r\n\r\n", 80, "GET /"), mac="48:EA:63:00:00:01"), db, book)
    assert _paths(p) == ["/LAPI/V1.0/Other"]


def test_request_book_is_checked() -> None:
    db = default_db()
    with pytest.raises(SignatureError):
        parse_book({"vendors": {"Nobody Inc": [{"method": "GET", "path": "/x"}]}}, known_vendor=lambda n: db.vendor(n) is not None)
    with pytest.raises(SignatureError):
        parse_book({"vendors": {"Axis": [{"method": "DELETE", "path": "/x"}]}})
    with pytest.raises(SignatureError):
        parse_book({"discovery": {"telnet": {"always": True}}})
    book = load_book(db.root, known_vendor=lambda n: db.vendor(n) is not None)
    assert book.vendors and book.video_ports


def test_no_vendor_tables_left_in_probes_or_engine() -> None:
    from netscan import engine
    from netscan.probes import http

    for name in ("_TELLS", "_VENDOR_HINT", "PROTOCOL_HINTS", "tells", "host_hints", "oui_hint", "VENDOR_REQUESTS"):
        assert not hasattr(http, name)
    for name in ("_CAMERA_HINTS", "_ONVIF_PORTS"):
        assert not hasattr(engine, name)
    src = Path(http.__file__).read_text() + Path(engine.__file__).read_text()
    assert "default_db" not in Path(http.__file__).read_text()
    assert "hikvision" not in src.lower()
