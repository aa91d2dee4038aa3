"""Vendor-agnostic knowledge (issue 11): fragments inside logs, makers named by name, manufacturer
fields, OUI registrant names normalised to vendor keys. Each case is a shape, not a recorded string
of one device: it would hold for any maker in signatures/vendors."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers.http import http_fields, rtsp_fields
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.db import registrant_key


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _one(db: SignatureDB, proto: str, raw: str, request: str = "", port: int = 554, mac: str | None = None) -> tuple[str | None, str | None, str]:
    ident = identify(Observation(None, mac, (Response(proto, raw, port, request),)), db)
    return ident.vendor, ident.model, ident.device_type


def test_an_exchange_inside_a_log_with_prefixed_lines() -> None:
    log = ("2022-11-24 23:50:14.101 [rtsp] RTSP/1.0 401 Unauthorized\n"
           "2022-11-24 23:50:14.102 [rtsp] CSeq: 1\n"
           '2022-11-24 23:50:14.103 [rtsp] WWW-Authenticate: Digest realm="Login to 4K01FD2PAJ6E3FF"\n')
    f = rtsp_fields(log)
    assert f["rtsp.status"] == ["401"] and f["rtsp.header.cseq"] == ["1"]
    assert f["rtsp.header.www-authenticate"] == ['Digest realm="Login to 4K01FD2PAJ6E3FF"']
    # the answer after the request lines of a transcript
    f = rtsp_fields("DESCRIBE rtsp://10.0.0.5/ RTSP/1.0\nCSeq: 2\n\nRTSP/1.0 200 OK\nServer: Dahua Rtsp Server\n")
    assert f["rtsp.status"] == ["200"] and f["rtsp.header.server"] == ["Dahua Rtsp Server"]


def test_header_values_quoted_inside_log_lines() -> None:
    f = http_fields("Nov  2 12:00:01 nvr scanner[123]: 10.0.0.5 answered Server: Hikvision-Webs")
    assert f["http.header.server"] == ["Hikvision-Webs"]
    f = rtsp_fields('cam-7 auth failed, challenge was Digest realm="IP Camera(C6520)", nonce="abc"\nretrying')
    assert f["rtsp.header.www-authenticate"] == ['Digest realm="IP Camera(C6520)", nonce="abc"']
    # JSON and XML bodies are structured data, not log text
    assert "http.header.server" not in http_fields('{"note": "Server: x"}')


def test_sdp_parameters_and_host_name() -> None:
    sdp = ("v=0\no=- 1 1 IN IP4 cam-0a1b2c.local\ns=Media presentation\nt=0 0\nm=video 0 RTP/AVP 96\n"
           "a=control:rtsp://10.0.0.5/axis-media/media.amp/trackID=1\n"
           "a=fmtp:96 packetization-mode=1; profile-level-id=42e01e; sprop-parameter-sets=Z0IAKeNQ,aM48gA==\n"
           "m=data 0 RTP/AVP 111\na=fmtp:111 Model=VCC-HD2300P; FirmVer=010202;\n")
    f = rtsp_fields(sdp)
    assert f["rtsp.sdp.host"] == ["cam-0a1b2c.local"]
    assert f["rtsp.sdp.param.Model"] == ["VCC-HD2300P"] and f["rtsp.sdp.param.FirmVer"] == ["010202"]
    assert not any(k.lower().endswith(("packetization-mode", "profile-level-id", "sprop-parameter-sets")) for k in f)
    assert f["rtsp.sdp.control"] == ["rtsp://10.0.0.5/axis-media/media.amp/trackID=1"]


def test_a_makers_name_in_an_sdp_session_or_title_names_it(db: SignatureDB) -> None:
    sdp = "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=Milesight Network Camera\nt=0 0\nm=video 0 RTP/AVP 96\n"
    assert _one(db, "rtsp", sdp)[0] == "Milesight"
    assert _one(db, "http", "Jovision web client", "title", 80)[0] == "Jovision"
    # a name that is also a word or a software name names nobody
    assert _one(db, "http", "Microsoft-IIS/10.0", "server", 80)[0] is None
    # a label names its maker through built_by
    ident = identify(Observation(None, None, (Response("http", "Amcrest Web Viewer", 80, "title"),)), db)
    assert (ident.vendor, ident.brand) == ("Dahua", "Amcrest")


def test_manufacturer_fields(db: SignatureDB) -> None:
    body = '<root><device><manufacturer>Zosi</manufacturer><modelName>ZG1234</modelName></device></root>'
    ident = identify(Observation(None, None, (Response("http", body, 80, "GET /desc.xml"),)), db)
    assert ident.vendor == "Zosi" and ident.model == "ZG1234"
    unknown = identify(Observation(None, None, (Response("onvif", _onvif("Acme Vision", "AV-100"), 80, "GetDeviceInformation"),)), db)
    assert unknown.vendor == "Acme Vision" and unknown.confidence < 0.3  # the device's own word, weakly
    placeholder = identify(Observation(None, None, (Response("onvif", _onvif("General", "IPC"), 80, "GetDeviceInformation"),)), db)
    assert placeholder.vendor is None


def _onvif(maker: str, model: str) -> str:
    return ('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetDeviceInformationResponse>'
            f"<tds:Manufacturer>{maker}</tds:Manufacturer><tds:Model>{model}</tds:Model>"
            "<tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>1</tds:SerialNumber>"
            "<tds:HardwareId>1</tds:HardwareId></tds:GetDeviceInformationResponse></s:Body></s:Envelope>")


def test_oui_registrant_names_compare_without_spaces_and_legal_forms(db: SignatureDB) -> None:
    assert registrant_key("AV TECH CORPORATION") == registrant_key("AVTECH Corporation") == "avtech"
    assert registrant_key("Swann communications Pty Ltd") == "swanncommunications"
    for prefix in ("BC51FE", "0018AE"):  # Swann, TVT (IEEE registrants as the registry spells them)
        assert db.oui_vendor.get(prefix) is not None, prefix
    assert db.oui_vendor["BC51FE"] == "Swann" and db.oui_vendor["0018AE"] == "TVT"


def test_structured_data_in_log_shapes() -> None:
    # a Python dict as a client library prints it; JSON after a log prefix; a dict cut off
    f = http_fields("{u'params': {u'type': u'IPC-D2B20-ZS'}, u'result': True, u'id': 6}")
    assert f["http.json.params.type"] == ["IPC-D2B20-ZS"]
    f = http_fields('DEBUG:lib.api: HTTP Response data:\n[\n {"cmd" : "Login",\n  "code" : 0}\n]\n')
    assert f["http.json.cmd"] == ["Login"]
    f = http_fields("[...]\n'device_model': 'C220',\n'manufacturer_name': 'TP-LINK',\n[...]\n")
    assert f["http.json.device_model"] == ["C220"] and f["http.json.manufacturer_name"] == ["TP-LINK"]
    assert http_fields("'sw_version': '1.0.7 Build 230612 Rel.42500n',")["http.json.sw_version"] == ["1.0.7 Build 230612 Rel.42500n"]
    # a string literal with its line ends written out
    f = http_fields("'version=2.420.AC00.15.R\\r\\nBuildDate=2016-09-08'")
    assert f["http.kv.version"] == ["2.420.AC00.15.R"]


def test_cut_off_xml_keeps_its_complete_elements() -> None:
    cut = "\t<device>\n\t\t<friendlyName>Router X</friendlyName>\n\t\t<manufacturer>TP-LINK</manufacturer>\n\t\t<modelName>TL-WR740N</modelName>\n\t\t<manufacturer>TP-LIN"
    f = fields_of("upnp", cut)
    assert f["upnp.modelName"] == ["TL-WR740N"] and f["upnp.manufacturer"] == ["TP-LINK"]
    assert "upnp.unreadable" in f
    # a refused document (declarations) gives nothing, cut or not
    xxe = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><root><device><manufacturer>&x;</manufacturer>'
    assert "upnp.manufacturer" not in fields_of("upnp", xxe)


def fields_of(proto: str, raw: str) -> dict[str, list[str]]:
    from netscan.parsers import fields

    return fields(Response(proto, raw, None, ""))


def test_prefixed_sdp_dump_and_a_mac_in_a_name(db: SignatureDB) -> None:
    log = "".join(f"[4/13/2025, 3:42:40 PM] [Plugin] Cam: {line}\n" for line in
                  ("[rtsp @ 0x1] SDP:", "v=0", "o=- 4781 0 IN IP4 192.168.0.1", "s=D021F996BEA5_0", "u=www.ui.com", "t=0 0", "m=audio 0 RTP/AVP 96"))
    f = rtsp_fields(log)
    assert f["rtsp.sdp.session"] == ["D021F996BEA5_0"] and f["rtsp.sdp.uri"] == ["www.ui.com"]
    ident = identify(Observation(None, None, (Response("rtsp", log, 7441, "DESCRIBE"),)), db)
    assert ident.vendor == "Ubiquiti"
    sources = {e.source for e in ident.evidence}
    # the MAC's OUI and the maker's domain (UniFi Protect's u= line has its own rule, fingerprints/ubiquiti.yaml)
    assert "D021F9" in sources and sources & {"maker-name", "ubnt-protect-sdp-uri"}


def test_body_rules_read_the_same_object_under_an_envelope(db: SignatureDB) -> None:
    rule = next(r for r in db.rules if r.id == "ubnt-protect-type")
    assert rule in db.rules_for_field("http.json.result.type")
    assert rule.requires_ok({"http.json.result.type": ["UP Chime"], "http.json.result.modelKey": ["chime"]})
    assert not rule.requires_ok({"http.json.result.type": ["UP Chime"]})


def test_family_grammars_and_their_decoys(db: SignatureDB) -> None:
    assert _one(db, "http", "Basic realm=\"DCS-5222LB1\"", "www-authenticate", 80)[:2] == ("D-Link", "DCS-5222LB1")
    # an Arista switch shares D-Link's DCS- prefix; another company shares AVTECH's name
    arista = identify(Observation(None, None, (Response("ssh", "Arista Networks EOS version 4.28.6.1M running on an Arista Networks DCS-7050QX-32S", 22, ""),)), db)
    assert arista.vendor != "D-Link" and arista.device_type == "unknown"
    room = identify(Observation(None, None, (Response("http", "AVTECH Software, Inc. - Room Alert 11E", 80, "title"),)), db)
    assert room.vendor == "AVTECH Software" and room.device_type == "unknown"
    # a video-only maker's name alone does not make a device a camera
    named = identify(Observation(None, None, (Response("http", "Hikvision", 80, "title"),)), db)
    assert named.vendor == "Hikvision" and named.device_type == "unknown"


def test_cut_off_json_keeps_its_nesting_and_scopes_alone_are_read() -> None:
    from netscan.parsers._util import close_cut_json

    assert close_cut_json('{"a": {"b": 1, "c": [1, 2], "d": "x') == '{"a": {"b": 1, "c": [1, 2]}}'
    assert close_cut_json('{"a": 1}') is None and close_cut_json("abc") is None
    f = http_fields('{\n "StatusFWR": {\n  "Version": "5.12.0",\n  "BuildDateTime": "2018-02-14T17:22:04",\n  "Boot": ')
    assert f["http.json.StatusFWR.Version"] == ["5.12.0"]
    scopes = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/FLIR%20CM-6204-11-I%20K81"
    assert "onvif://www.onvif.org/name/FLIR CM-6204-11-I K81" in fields_of("wsd", scopes)["wsd.scope"]
