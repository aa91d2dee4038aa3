"""``raw`` that is not a complete exchange (docs/observations.md "Shapes of raw"): the parser says
which shape it is and extracts what the text says, never a vendor by itself."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers.http import http_fields, rtsp_fields
from netscan.sigdb import load_db


def test_header_block_without_status_line() -> None:
    f = http_fields('WWW-Authenticate: Basic realm="DCS-8000LH_00"')
    assert f["http.shape"] == ["headers"]
    assert f["http.header.www-authenticate"] == ['Basic realm="DCS-8000LH_00"']
    assert "http.status" not in f


def test_body_without_headers() -> None:
    f = http_fields('{"device_info": {"basic_info": {"device_model": "C200"}}}')
    assert f["http.shape"] == ["body"] and f["http.json.device_info.basic_info.device_model"] == ["C200"]
    kv = http_fields("deviceType=AD410\nserialNumber=Z17A6F9xxxxx")
    assert kv["http.kv.deviceType"] == ["AD410"]
    xml = http_fields("<DeviceInfo><model>DS-7608NI-I2/8P</model></DeviceInfo>")
    assert xml["http.xml.DeviceInfo/model"] == ["DS-7608NI-I2/8P"]


def test_single_value_and_its_label() -> None:
    f = http_fields("NETSurveillance WEB")
    assert f["http.shape"] == ["value"] and f["http.value"] == ["NETSurveillance WEB"]
    assert "http.title" not in f  # a bare value is not guessed to be a title
    assert http_fields("NETSurveillance WEB", "title")["http.title"] == ["NETSurveillance WEB"]
    assert http_fields("Hikvision-Webs", "server")["http.header.server"] == ["Hikvision-Webs"]


def test_sdp_body_and_session_fields() -> None:
    sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=Media Presentation\r\ni=Session\r\na=tool:LIVE555\r\nm=video 0 RTP/AVP 96\r\ni=track\r\n"
    f = rtsp_fields(sdp)
    assert f["rtsp.shape"] == ["body"]
    assert f["rtsp.sdp.session"] == ["Media Presentation"] and f["rtsp.sdp.tool"] == ["LIVE555"]
    assert f["rtsp.sdp.info"] == ["Session"]  # media-level i= lines are not the session's


def test_curl_verbose_and_escaped_line_ends() -> None:
    curl = "> GET / HTTP/1.1\n> Host: x\n>\n< HTTP/1.1 401 Unauthorized\n< Server: DNVRS-Webs\n< \n"
    f = http_fields(curl)
    assert f["http.status"] == ["401"] and f["http.header.server"] == ["DNVRS-Webs"]
    pasted = 'RTSP/1.0 401 Unauthorized\\r\\n\nCSeq: 1\\r\\n\nWWW-Authenticate: Digest realm="Login to 4K01FD2PAJ6E3FF"\\r\\n\n\\r\\n\n'
    r = rtsp_fields(pasted)
    assert r["rtsp.status"] == ["401"] and r["rtsp.header.www-authenticate"][0].startswith('Digest realm="Login to')


def test_binary_without_status_line_is_unreadable() -> None:
    assert "http.unreadable" in http_fields("\x00\x01\x02garbage")


def test_a_model_number_in_a_bare_title_names_the_maker() -> None:
    db = load_db()
    ident = identify(Observation(None, None, (Response("http", "DS-2CD2143G0-I", 80, "title"),)), db)
    assert ident.vendor == "Hikvision" and ident.model == "DS-2CD2143G0-I" and ident.device_type == "camera"
    # a value that merely looks product-like names nobody
    unknown = identify(Observation(None, None, (Response("http", "Welcome to the web interface", 80, "title"),)), db)
    assert unknown.vendor is None and unknown.device_type == "unknown"
