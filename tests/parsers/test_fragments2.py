"""Fragments that carry a claim's evidence keep the claim (benchmarks/fragment_robustness.py): each
fragment below is cut from a training corpus file (named beside it), each shape has counter-examples
that must not be read, and a fragment with no maker evidence stays unknown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.parsers import fields
from netscan.parsers.unwrap import unwrap
from netscan.sigdb import load_db

ROOT = Path(__file__).resolve().parents[2]
DB = load_db()


def _ident(protocol: str, raw: str, request: str = "", port: int | None = None) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, raw=raw, port=port, request=request),)), DB)


def _fields(protocol: str, raw: str, request: str = "") -> dict[str, list[str]]:
    return dict(fields(Response(protocol=protocol, raw=raw, request=request)))


# ---------------------------------------------------------------- JSON members without their braces


def test_json_member_lines_are_read_as_their_object() -> None:
    # tests/corpus/tplink/kasa-c101.json (discovery reply and getDeviceInfo answer), one line each
    line = '"device_type": "SMART.IPCAMERA",'
    assert unwrap(line) == '{"device_type": "SMART.IPCAMERA"}'
    for protocol, request in (("tplink", "discovery"), ("https", "POST / getDeviceInfo")):
        got = _ident(protocol, line, request)
        assert (got.vendor, got.device_type) == ("TP-Link", "camera")
    # tests/corpus/tplink/kasa-p100.json: a plug's type is TP-Link's, and no camera
    plug = _ident("https", '"type": "SMART.TAPOPLUG"', "POST / get_device_info")
    assert plug.vendor == "TP-Link" and plug.device_type not in VIDEO_TYPES
    several = unwrap('"model": "UP1",\n  "version": "2.2.1.511",')
    assert several is not None and json.loads(several) == {"model": "UP1", "version": "2.2.1.511"}


def test_json_member_counter_examples() -> None:
    assert unwrap('"objectValue": {') is None  # a nesting's opening line alone is no object
    assert unwrap('"x": "y"} and then prose') is None
    assert unwrap('"HTTP/1.1 200 OK"') is None  # a string literal, not a member
    # a member with no maker evidence stays unknown
    got = _ident("other", '"version": "1.0.2",')
    assert got.vendor is None and got.device_type not in VIDEO_TYPES


def test_record_version_yields_to_its_firmware_version() -> None:
    # tests/corpus/ubiquiti/ubiquiti-unvr-pro_protect-bootstrap-nvr-uiprotect.json: the NVR record's version is
    # UniFi Protect's, its firmwareVersion the console's
    raw = ('"nvr": {\n "mac": "4B8290F6D7A3",\n "version": "1.21.0-beta.3",\n "firmwareVersion": "2.3.10",\n'
           ' "type": "UNVR-PRO",\n "modelKey": "nvr"\n}')
    assert _ident("https", raw, "GET /proxy/protect/api/bootstrap").firmware == "2.3.10"
    # without a firmwareVersion beside it the device record's version is still read
    alone = '"camera": {\n "model": "C6N",\n "version": "5.3.6 build 210817"\n}'
    assert _ident("https", alone, "GET /api").firmware == "5.3.6 build 210817"


# ---------------------------------------------------------------- an answer's headers pasted alone


def test_server_line_pasted_as_other() -> None:
    # tests/corpus/geovision/geohttpserver.json
    got = _ident("other", "Server: GeoHttpServer")
    assert got.vendor == "GeoVision"
    # an RTSP header beside it makes it an RTSP answer's (tests/corpus/dahua/amcrest-camera_rtsp-realm.json)
    f = _fields("other", "CSeq: 2\nServer: Rtsp Server/3.0")
    assert f["rtsp.header.server"] == ["Rtsp Server/3.0"] and "http.header.server" not in f


def test_pasted_headers_counter_examples() -> None:
    # a settings dump with a "Server" key is no answer's header block
    f = _fields("other", "Model: X100\nServer: 10.0.0.1")
    assert "http.header.server" not in f and "rtsp.header.server" not in f
    # headers that say nothing of the server are not taken
    assert "http.header.date" not in _fields("other", "Date: Mon, 07 Dec 2026 10:00:00 GMT\nContent-Length: 0")
    # a web server's name is software, not a camera maker
    got = _ident("other", "Server: nginx/1.18.0")
    assert got.vendor is None and got.device_type not in VIDEO_TYPES


def test_value_labelled_with_its_header() -> None:
    # tests/corpus/dahua/amcrest-camera_rtsp-realm.json, the Server value alone
    assert _ident("rtsp", "Rtsp Server/3.0", "server", 554).vendor == "Dahua"
    # tests/corpus/hikvision/hikvision-camera_rtsp-realm-c1214.json, the Public value alone
    f = _fields("rtsp", "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER", "public")
    assert f["rtsp.header.public"]
    # a label that names no header the answer's maker shows is no header
    assert not any(k.startswith("http.header.") for k in _fields("http", "text/html", "content-type"))


# ---------------------------------------------------------------- discovery fragments


def test_ssdp_header_lines_without_start_line() -> None:
    # tests/corpus/roku/roku-ssdp.json, the SERVER line alone
    got = _ident("ssdp", "SERVER: Roku/9.2.0 UPnP/1.0 Roku/9.2.0", "M-SEARCH", 1900)
    assert got.vendor == "Roku"
    hello = _fields("ssdp", "hello: world")  # no SSDP header: no answer's headers (the line's key-value pair is read as any text's)
    assert "ssdp.unreadable" in hello and not any(k.startswith("ssdp.header.") for k in hello)
    assert "ssdp.header.model" not in _fields("ssdp", "Model: X\nFirmware: 1.2")  # no SSDP header among them


def test_upnp_description_element_alone() -> None:
    # tests/corpus/avm/fritzbox-6360-cable_tr64desc-fritzboxtr064-2.json
    assert _fields("upnp", "<manufacturer>AVM</manufacturer>")["upnp.manufacturer"] == ["AVM"]
    assert _ident("upnp", "<manufacturer>AVM</manufacturer>").vendor == "AVM"
    # an element a description does not have is not read as one
    assert "upnp.foo" not in _fields("upnp", "<foo>AVM</foo>")


def test_mdns_txt_record_owner_is_the_instance() -> None:
    # tests/corpus/hikvision/ds-2cd2722fwd-izs_mdns_a.json, the TXT record's line alone
    line = 'HIKVISION\\ DS-2CD2722FWD-IZS\\ -\\ 733050075._CGI._tcp.local. 4500 IN TXT "path=/"'
    assert _fields("mdns", line)["mdns.instance"] == ["HIKVISION DS-2CD2722FWD-IZS - 733050075"]
    got = _ident("mdns", line)
    assert got.vendor == "Hikvision" and got.model == "DS-2CD2722FWD-IZS"
    # a service-type enumeration's owner is no instance
    assert "mdns.instance" not in _fields("mdns", '_services._dns-sd._udp.local. 10 IN TXT "x=1"')


# ---------------------------------------------------------------- the benchmark


def test_fragment_benchmark_runs_and_keeps_test_split_aggregate() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "fragment_robustness.py"), "--split", "test"],
                         capture_output=True, text=True, timeout=600, check=True).stdout
    d = json.loads(out)
    assert d["false_cameras"] == 0
    assert set(d) == {"files", "fragments", "checks", "kept", "retention", "contradicted", "false_cameras", "by_kind", "by_shape", "seconds"}
    assert ".json" not in out and "losses" not in out  # counts only: no file, no value


# ---------------------------------------------------------------- an answer's part pasted as `other`


def test_rtsp_header_pasted_alone_is_read_as_rtsp() -> None:
    # tests/corpus/hikvision/hikvision-camera_rtsp-realm-c1214.json: a Public header listing RTSP's methods
    f = _fields("other", "Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER")
    assert "rtsp.header.public" in f and "http.header.public" not in f
    # tests/corpus/dahua/amcrest-camera_rtsp-realm.json: a server naming itself an RTSP server
    assert _ident("other", "Server: Rtsp Server/3.0").vendor == "Dahua"
    # an HTTP Allow-like list without RTSP's methods stays HTTP
    assert "http.header.public" in _fields("other", "Public: GET, HEAD, OPTIONS")


def test_page_pasted_as_other_is_an_http_body() -> None:
    # tests/corpus/brother/hl-6180dw.json, the page without its headers
    page = ('<?xml version="1.0" encoding="iso-8859-1"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html><head><title>Brother HL-6180DW series</title></head>'
            '<body></body></html>')
    assert _fields("other", page)["http.title"] == ["Brother HL-6180DW series"]
    got = _ident("other", page)
    assert (got.vendor, got.device_type) == ("Brother", "printer")
    # markup that is no page is left to the other readers
    assert "http.title" not in _fields("other", "<title>x</title> said the log")


def test_sdp_pasted_as_other_is_an_rtsp_answer_body() -> None:
    # tests/corpus/hikvision/hikvision-nvr_rtsp-playback-sdp-msl417.json, the SDP alone
    sdp = "v=0\no=- 1109162014219182 0 IN IP4 0.0.0.0\ns=HIK Media Server V3.4.109\ni=HIK Media Server Session Description : standard\n"
    assert _fields("other", sdp)["rtsp.sdp.session"] == ["HIK Media Server V3.4.109"]
    assert _ident("other", sdp).vendor == "Hikvision"
    assert "rtsp.sdp.session" not in _fields("other", "v=0 is the first line of an SDP")


def test_ssdp_value_labelled_with_its_header() -> None:
    # tests/corpus/roku/roku-ssdp.json, the SERVER value alone
    got = _ident("ssdp", "Roku/9.2.0 UPnP/1.0 Roku/9.2.0", "server", 1900)
    assert got.vendor == "Roku"
    # without a header's name as its label a bare value says nothing
    assert _fields("ssdp", "Roku/9.2.0 UPnP/1.0 Roku/9.2.0", "M-SEARCH") == {"ssdp.unreadable": ["no start line"]}


def test_tplink_payload_members_without_their_envelope() -> None:
    # tests/corpus/tplink/kasa-c210.json: one member of the 20002 discovery reply's result object
    assert _fields("tplink", '"device_model": "C210",')["tplink.result.device_model"] == ["C210"]
    got = _ident("tplink", '"device_model": "C210",', "discovery")
    assert (got.vendor, got.model) == ("TP-Link", "C210")
    # legacy get_sysinfo members (python-kasa iot fixtures' keys)
    f = _fields("tplink", '"model": "HS110(EU)",\n"sw_ver": "1.5.4 Build 180815 Rel.121440",')
    assert f["tplink.system.get_sysinfo.model"] == ["HS110(EU)"]
    # a member of neither object keeps its own path
    assert "tplink.alias" in _fields("tplink", '"alias": "Lamp"')


def test_tapo_chime_is_no_doorbell() -> None:
    # tests/corpus/tplink/kasa-d100c.json: the chime's model alone names TP-Link and no video device
    got = _ident("tplink", '"device_model": "D100C(US)",', "discovery")
    assert got.vendor == "TP-Link" and got.device_type not in VIDEO_TYPES
    assert _ident("tplink", '"device_model": "D130(US)",', "discovery").device_type == "doorbell"


def test_syslog_host_is_the_logging_machine() -> None:
    # tests/corpus/tp-link/tp-link-hs110_discovery-log-homebridge-tplink-smarthome64.json: one syslog line of a Homebridge
    # plugin on a Raspberry Pi; the host field is the controller's name, never the plug's maker
    line = "Jun 20 01:30:45 raspberrypi homebridge[1218]: [2018-6-20 01:30:45] [TplinkSmarthome.API] [Rig Kenny] device sysInfo set"
    assert _ident("other", line).vendor != "Raspberry Pi"
    # the message after the head is still read: a maker named there is named
    said = "Jun 20 01:30:45 raspberrypi homebridge[1218]: found a Raspberry Pi camera module"
    assert _ident("other", said).vendor == "Raspberry Pi"


def test_hikvision_serial_number_ends_the_model_before_its_date() -> None:
    # tests/corpus/hikvision/ds-2cd2366g2-isu-sl_isapi.json and ds-2cd2386g2-iu_v5.7.18_isapi.json: the serial alone
    got = _ident("http", "<serialNumber>DS-2CD2366G2-ISU/SL20210726AAWRG41390691</serialNumber>", "GET /ISAPI/System/deviceInfo")
    assert got.model == "DS-2CD2366G2-ISU/SL"
    masked = _ident("http", "<serialNumber>DS-2CD2386G2-IU00000000AAWRJ00000000</serialNumber>", "GET /ISAPI/System/deviceInfo")
    assert masked.model == "DS-2CD2386G2-IU"
    # a model that is not followed by a serial's tail is read as before; digits that are no date join no model
    assert _ident("http", "<model>DS-2CD2032-I</model>", "GET /ISAPI/System/deviceInfo").model == "DS-2CD2032-I"
    assert DB.family_matches("DS-2CD2032-I12345678ABCD") == [] or all(
        got["model"] != "DS-2CD2032-I" for _, got in DB.family_matches("DS-2CD2032-I12345678ABCD"))


def test_one_line_of_another_tools_print() -> None:
    # tests/corpus/noncameras/samsung-tv-c7700_upnp-device-description-*.json: one line of a plugin's JavaScript print
    f = _fields("upnp", "manufacturer: 'Samsung Electronics',")
    assert f["upnp.kv.manufacturer"] == ["Samsung Electronics"] and "upnp.unreadable" in f
    assert _ident("upnp", "manufacturer: 'Samsung Electronics',").vendor == "Samsung Electronics"
    # a line that says nothing stays unreadable, and names no maker
    assert _fields("upnp", "garbage line") == {"upnp.unreadable": ["no xml"]}
    assert _ident("dhip", "not json at all").vendor is None
