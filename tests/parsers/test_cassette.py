"""vcrpy cassettes (VCR.py's YAML "interactions" format, https://vcrpy.readthedocs.io/en/latest/advanced.html):
each recorded answer is read as the HTTP message it was, whatever the device."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.cassette import MAX_INTERACTIONS, cassette_exchanges

# the layout of https://github.com/MissiaL/hikvision-client tests/fixtures/cassettes/test_auth_firmware_v5_5
# (@6897444c, training): a 401 page first, then the Digest-authenticated deviceinfo answer (shortened)
_HIK = '''interactions:
- request:
    body: null
    headers:
      User-Agent: [python-requests/2.18.4]
    method: GET
    uri: http://192.168.1.161/ISAPI/System/status
  response:
    body: {string: "<!DOCTYPE html>\\r\\n<html><head><title>Document Error: Unauthorized</title></head>\\r\\
        \\n<body><h2>Access Error: 401 -- Unauthorized</h2></body></html>\\r\\n"}
    headers:
      Content-Type: [text/html]
      Server: [App-webs/]
      WWW-Authenticate: ['Digest qop="auth", realm="IP Camera(83813)", nonce="4d57",
          stale="FALSE"']
    status: {code: 401, message: Unauthorized}
- request:
    body: null
    headers:
      User-Agent: [python-requests/2.18.4]
    method: GET
    uri: http://192.168.1.161/ISAPI/System/deviceinfo
  response:
    body: {string: "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\r\\n<DeviceInfo version=\\"\\
        2.0\\" xmlns=\\"http://www.hikvision.com/ver20/XMLSchema\\">\\r\\n<deviceName>IP\\
        \\ CAMERA</deviceName>\\r\\n<model>DS-2CD2155FWD-I</model>\\r\\
        \\n<firmwareVersion>V5.5.0</firmwareVersion>\\r\\n<firmwareReleasedDate>build\\
        \\ 170725</firmwareReleasedDate>\\r\\n</DeviceInfo>\\r\\n"}
    headers:
      Content-Type: [application/xml]
      Server: [App-webs/]
    status: {code: 200, message: OK}
version: 1
'''


def test_each_answer_of_a_cassette_is_read_as_its_http_message(db) -> None:  # type: ignore[no-untyped-def]
    exchanges = cassette_exchanges(_HIK)
    assert exchanges is not None and [u for u, _ in exchanges][1] == "http://192.168.1.161/ISAPI/System/deviceinfo"
    assert exchanges[0][1].startswith("HTTP/1.1 401 Unauthorized\r\n")
    f = fields(Response("http", _HIK, 80, "GET /ISAPI/System/deviceinfo"))
    assert f["http.xml.DeviceInfo/model"] == ["DS-2CD2155FWD-I"] and f["http.xml.DeviceInfo/firmwareVersion"] == ["V5.5.0"]
    assert any("IP Camera(83813)" in v for v in f["http.header.www-authenticate"])
    ident = identify(Observation(None, None, (Response("http", _HIK, 80, ""),)), db)
    assert (ident.vendor, ident.model, ident.firmware) == ("Hikvision", "DS-2CD2155FWD-I", "V5.5.0")


def test_a_cassette_of_a_non_camera_names_no_camera(db) -> None:  # type: ignore[no-untyped-def]
    # a smart plug's JSON API recorded the same way (the layout of vcrpy's docs; the values invented)
    raw = ("interactions:\n- request:\n    body: null\n    method: GET\n    uri: http://10.0.0.5/status\n  response:\n"
           '    body: {string: \'{"model": "HS110", "sw_ver": "1.5.4", "type": "IOT.SMARTPLUGSWITCH"}\'}\n'
           "    headers:\n      Content-Type: [application/json]\n    status: {code: 200, message: OK}\nversion: 1\n")
    f = fields(Response("http", raw, 80, ""))
    assert f["http.json.model"] == ["HS110"]
    ident = identify(Observation(None, None, (Response("http", raw, 80, ""),)), db)
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


def test_hostile_or_foreign_yaml_is_not_a_cassette() -> None:
    assert cassette_exchanges("interactions:\n- &a [*a]\nresponse:\n") is None  # an alias: refused
    assert cassette_exchanges("interactions: [\n  response:\n") is None  # not YAML
    assert cassette_exchanges("board:\n  vendor: X\n") is None  # other YAML
    many = "interactions:\n" + "".join(
        "- response:\n    status: {code: 200, message: OK}\n    headers: {}\n    body: {string: x}\n" for _ in range(100))
    got = cassette_exchanges(many)
    assert got is not None and len(got) == MAX_INTERACTIONS
