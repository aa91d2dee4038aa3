"""Values literally present in pasted text (netscan/parsers/keyvals.py, docs/observations.md "Shapes
of raw"): string literals with written-out line ends, SDPs inside strings, pipe tables without outer
pipes, ngrep output; and the field-name spellings and manufacturer fields read around them. Every
end-to-end example is a TRAINING corpus file (tests/corpus) read as recorded; the unit examples are
the documented layouts of the tools."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.parsers.keyvals import (
    escaped_payloads,
    kv_lines,
    ngrep_answers,
    pipe_table_pairs,
    quoted_sdps,
    unescape,
)
from netscan.parsers.shapes import table_pairs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"




def _obs(rel: str) -> Observation:
    (obs,) = load_path(CORPUS / rel)
    return obs


def _fields(rel: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in _obs(rel).responses:
        for k, v in fields(r).items():
            out.setdefault(k, []).extend(v)
    return out


# ------------------------------------------------------------------ string literals with escaped line ends


def test_bytes_literal_in_a_log_line_is_read_as_key_value_lines() -> None:
    # Kane610/axis#569: the axis library logs param.cgi's answer as b'root.Properties...\n...' (cut)
    f = _fields("axis/axis-q7401-encoder_vapix-log-axis569.json")
    assert f["http.kv.root.Properties.AlwaysMulticast.AlwaysMulticast"] == ["yes"]


def test_bytes_literal_with_firmware_gives_the_axis_firmware(db) -> None:  # type: ignore[no-untyped-def]
    # the same log shape with the param.cgi lines of home-assistant/core#40255 (training) inside
    raw = ("2025-02-13 09:14:06.633 DEBUG (MainThread) [axis.interfaces.vapix] Response (from 192.168.1.90 /axis-cgi/param.cgi): "
           "b'root.Properties.Firmware.BuildNumber=3\\nroot.Properties.Firmware.Version=5.51.6\\n'\n"
           "2025-02-13 09:14:06.640 DEBUG (MainThread) [axis.interfaces.vapix] post, http://192.168.1.90:80/axis-cgi/param.cgi\n")
    ident = identify(Observation(None, None, (Response("http", raw, 80, "POST /axis-cgi/param.cgi (as logged)"),)), db)
    assert (ident.vendor, ident.firmware) == ("Axis", "5.51.6")


def test_escaped_payloads_only_multiline_literals() -> None:
    text = "x: 'None', b'{\"a\": 1}', 'a=1\\nbb=22', \"k: v\\r\\nm: w\""
    assert escaped_payloads(text) == ["a=1\nbb=22", "k: v\r\nm: w"]
    assert escaped_payloads("no escapes here 'abc=1'") == []
    assert unescape("a\\x41\\u0042\\/\\\\") == "aAB/\\"
    assert kv_lines("root.Brand.ProdNbr=Q7401\nnot a pair\nx=") == [("root.Brand.ProdNbr", "Q7401")]


# ------------------------------------------------------------------ SDP in a string


def test_sdp_as_a_json_string_value_is_an_sdp(db) -> None:  # type: ignore[no-untyped-def]
    # AlexxIT/go2rtc#1915: the "sdp" member of go2rtc's stream info, pasted alone
    obs = _obs("ubiquiti/unifi-protect-console_rtspx-sdp-go2rtc1915.json")
    f = _fields("ubiquiti/unifi-protect-console_rtspx-sdp-go2rtc1915.json")
    assert f["rtsp.sdp.session"] == ["F4E2C67AE581_1"]
    assert f["rtsp.sdp.uri"] == ["www.ui.com"]
    assert identify(obs, db).vendor == "Ubiquiti"


def test_sdp_quoted_in_a_zoneminder_debug_log() -> None:
    # ZoneMinder/zoneminder#911: zmc's "[Processing SDP 'v=0 ...']" record
    f = _fields("white-label/camera-live2-sdp_zmc-log-zoneminder911.json")
    assert f["rtsp.sdp.session"] == ["RTSP/RTP stream 2 from Margarete3"]
    assert f["rtsp.sdp.control"] == ["track1", "track2"]


def test_quoted_sdps_unit() -> None:
    assert quoted_sdps('{"sdp": "v=0\\r\\ns=Cam\\r\\nm=video 0 RTP/AVP 96\\r\\n", "x": 1}') == ["v=0\ns=Cam\nm=video 0 RTP/AVP 96\n"]
    assert quoted_sdps("[Processing SDP 'v=0\ns=A \"b\"\nt=0 0\n']\nnext") == ['v=0\ns=A "b"\nt=0 0\n']
    assert quoted_sdps("v=0\ns=not quoted\n") == []
    sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=Named Session\r\nt=0 0\r\n"
    f = fields(Response("http", '{"streams": {"cam": {"sdp": ' + repr(sdp).replace("'", '"') + "}}}", 1984, "GET /api/streams"))
    assert f["http.sdp.session"] == ["Named Session"]


# ------------------------------------------------------------------ pipe tables without outer pipes


def test_pipe_table_without_outer_pipes(db) -> None:  # type: ignore[no-untyped-def]
    # mrlt8/docker-wyze-bridge#1036: the bridge's camera table pasted into a comment
    rel = "wyze/wyze-cam-v3_bridge-camera-table-wyze-bridge1036.json"
    f = _fields(rel)
    assert f["other.kv.firmware_ver"] == ["4.36.9.139"]
    assert f["other.kv.product_model"] == ["WYZE_CAKP2JFUS"]
    assert f["other.kv.audio"] == ["true"]  # the header row of a pasted key/value dump is a pair too
    ident = identify(_obs(rel), db)
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("Wyze", "WYZE_CAKP2JFUS", "4.36.9.139", "camera")


def test_pipe_table_pairs_unit() -> None:
    text = "Name | Value\n--- | ---\nModel | X-100\nFirmware | 1.2.3\n\nnot | a table row\n"
    assert pipe_table_pairs(text) == [("Model", "X-100"), ("Firmware", "1.2.3")]
    # a header row of column names names the cells below it
    assert pipe_table_pairs("Model | Firmware Version\n:--- | ---:\nFNS-SFP-24 | 1.0.2.3\n") == [("Model", "FNS-SFP-24"), ("FirmwareVersion", "1.0.2.3")]
    # with the outer pipes it is table_pairs' table
    assert pipe_table_pairs("| Model | X |\n|---|---|\n| Firmware | 1 |\n") == []
    # three columns: a header over data rows (table_pairs' business), no pairs here
    assert pipe_table_pairs("a | b | c\n--|--|--\n1 | 2 | 3\n") == []
    # no separator row: prose with pipes is no table
    assert pipe_table_pairs("foo | bar\nbaz | qux\n") == []


# ------------------------------------------------------------------ ngrep


def test_ngrep_transcript(db) -> None:  # type: ignore[no-untyped-def]
    # Motion-Project/motion#121: an Amcrest camera's RTSP 401 as ngrep prints it (wrapped, CR LF as "..")
    rel = "white-label/amcrest-camera_rtsp-401-ngrep-motion121.json"
    f = _fields(rel)
    assert f["rtsp.header.www-authenticate"][0].startswith('Digest realm="Login to AMC0007RVY5EQ6DV29"')
    assert identify(_obs(rel), db).brand == "Amcrest"


def test_ngrep_requests_are_not_answers() -> None:
    text = ("T 192.168.1.8:54418 -> 192.168.1.28:554 [AP]\n  OPTIONS rtsp://192.168.1.28:554 RTSP/1.0..CSeq: 1....\n"
            "T 192.168.1.28:554 -> 192.168.1.8:54418 [AP]\n  RTSP/1.0 200 OK..CSeq: 1..Server: Test\n  Server 1.0....\n")
    assert ngrep_answers(text) == ["RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: TestServer 1.0\r\n\r\n"]


# ------------------------------------------------------------------ YAML sequences, field spellings, manufacturer fields


def test_yaml_sequence_at_its_keys_indent_stays_under_the_key(db) -> None:  # type: ignore[no-untyped-def]
    # OpenIPC/ipctool#77: "sensors:" then "- vendor: ..." at the same indent: the image sensor's model
    rel = "white-label/escam-qf001_ipctool-yaml-openipc-ipctool77.json"
    f = _fields(rel)
    assert f["other.kv.sensors.model"] == ["JXH42"]
    assert "other.kv.model" not in f
    assert identify(_obs(rel), db).model != "JXH42"  # a component's model is not the device's
    assert table_pairs("a:\n  b: 1\nc: 2\n") == [("a.b", "1"), ("c", "2")]


def test_hyphenated_field_names(db) -> None:  # type: ignore[no-untyped-def]
    # apwelsh/hubitat#2: Roku ECP device-info of a TCL TV: <vendor-name>, <model-name>
    ident = identify(_obs("roku/tcl-roku-tv-40fs3800_ecp-device-info-hubitat2.json"), db)
    # TCL is a known maker (signatures/vendors/non-camera.yaml): its name in front of the model is cut
    assert (ident.vendor, ident.model, ident.device_type) == ("TCL", "40FS3800", "tv")


def test_unknown_maker_in_a_label_field_is_still_named(db) -> None:  # type: ignore[no-untyped-def]
    # ofekp/TinyUPnP#14: UPnP <manufacturer>MitraStar</manufacturer>, a maker signatures/vendors lacks:
    # the label rule's claim is dropped, the manufacturer field still names it (lowest weight)
    ident = identify(_obs("router/mitrastar-dsl-2401hn-t1c-gv_upnp-igd-tinyupnp14.json"), db)
    assert (ident.vendor, ident.brand, ident.device_type) == ("MitraStar", None, "router")


# ------------------------------------------------------------------ hostile input


@pytest.mark.parametrize("text", [
    "'" + "\\n" * 40000,
    '"' + "a\\" * 40000,
    "| " * 60000 + "\n" + "-- | " * 20000,
    "T 1.1.1.1:1 -> 2.2.2.2:2\n" + "  ..\n" * 3000,
    '"v=0\\n' * 20000,
    "'" * 100000 + "\\n",
    "b'" + "x\\n" * 50000,
])
def test_readers_are_linear_on_hostile_text(text: str) -> None:
    for proto in ("http", "rtsp", "other"):
        t0 = time.process_time()
        fields(Response(proto, text, None, ""))
        assert time.process_time() - t0 < 2.0, proto


def test_a_makers_name_in_a_model_field_of_a_document(db) -> None:  # type: ignore[no-untyped-def]
    # Pat-Carter/stream2chromecast#70: eureka_info's detail.model_name "Chromecast Audio" (a Google product name)
    body = '{"detail": {"model_name": "Chromecast Audio", "manufacturer": ""}}'
    assert identify(Observation(None, None, (Response("http", body, 8008, "GET /setup/eureka_info"),)), db).vendor == "Google"
    # guard: a component's sub-object names the component's maker (OpenIPC/ipctool#77's layout, an image
    # sensor of a maker netscan knows), never the device's
    yaml = "chip:\n  vendor: HiSilicon\n  model: 3516EV300\nsensors:\n- vendor: Sony\n  model: Sony IMX307\n  control:\n    bus: 0\n"
    ident = identify(Observation(None, None, (Response("other", yaml, None, "ipctool"),)), db)
    assert not any(e.extracted.get("vendor") == "Sony" for e in ident.evidence) and ident.model != "Sony IMX307"


def test_pprint_continued_string_literals() -> None:
    # python-kasa/python-kasa#1628: a pprint'ed dict, cut; pprint splits a long string into adjacent
    # literals on the following lines ('1.0.4 ' / 'Build ' ...): they are one value
    f = _fields("tplink/tapo-tc40_device-info-repr-python-kasa1628.json")
    assert f["http.json.sw_version"] == ["1.0.4 Build"]
    assert f["http.json.region"] == ["US"]  # a value that ends its line with "," takes no next line
    text = "[...]\n 'model': 'TC40',\n 'sw_version': '1.0.4 Build '\n               '240902 '\n               'Rel.38194n',\n 'type': 'SMART.IPCAMERA'\n"
    assert fields(Response("http", text, 443, ""))["http.json.sw_version"] == ["1.0.4 Build 240902 Rel.38194n"]


def test_display_model_name_over_an_internal_model_name(db) -> None:  # type: ignore[no-untyped-def]
    # colinodell/python-qnapstats fixtures: <modelName>TS-X51</modelName> (the family) beside
    # <displayModelName>TS-451</displayModelName> (the model as sold)
    for rel, model in (("qnap/ts-451_systemhealth-xml-qnapstats.json", "TS-451"), ("qnap/ts-ec1280u_systemhealth-xml-qnapstats.json", "TS-EC1280U")):
        assert identify(_obs(rel), db).model == model


def test_product_name_without_its_makers_name(db) -> None:  # type: ignore[no-untyped-def]
    from netscan.sigdb.makernames import model_without_maker

    # elad-bar/ha-hpprinter#181: <ProductName>HP LaserJet P2015 Series</ProductName>
    ident = identify(_obs("hp/laserjet-p2015_product-information-ha-hpprinter181.json"), db)
    assert (ident.vendor, ident.model) == ("HP", "LaserJet P2015 Series")
    assert model_without_maker(db, "Roku Stick") == "Roku Stick"  # no model number follows: kept
    assert model_without_maker(db, "Hikvision DS-2CD2143G0-I") == "DS-2CD2143G0-I"
    assert model_without_maker(db, "LaserJet 400") == "LaserJet 400"
    # a UPnP modelName is the product's name as sold (ohmae/dms-explorer#65): kept whole
    assert identify(_obs("sonos/sonos-play1_device-description-dms-explorer65.json"), db).model == "Sonos PLAY:1"


def test_a_legal_name_around_a_known_makers_name(db) -> None:  # type: ignore[no-untyped-def]
    # gBillal/ex_onvif fixture (training): <tds:Manufacturer>Milesight Technology Co.,Ltd.</tds:Manufacturer>
    assert db.manufacturer.claim(db, "Milesight Technology Co.,Ltd.") == ("Milesight", True)
    body = "{'Manufacturer': 'Milesight Technology Co.,Ltd.', 'Model': 'MS-C8165-PE', 'FirmwareVersion': '45.8.0.3'}"
    ident = identify(Observation(None, None, (Response("onvif", body, 80, "GetDeviceInformation"),)), db)
    assert ident.vendor == "Milesight"
    assert db.manufacturer.claim(db, "ACME Vision") == ("ACME Vision", False)  # unknown stays the device's own word


# ------------------------------------------------------------------ HomeKit accessory databases

def _hap(aid: int, info: dict[str, str], services: list[str]) -> dict:  # type: ignore[type-arg]
    chars = [{"iid": n + 2, "type": t, "format": "string", "perms": ["pr"], "value": v} for n, (t, v) in enumerate(info.items())]
    svcs = [{"iid": 1, "type": "0000003E-0000-1000-8000-0026BB765291", "characteristics": chars}]
    svcs += [{"iid": 100 + n, "type": s, "characteristics": []} for n, s in enumerate(services)]
    return {"aid": aid, "services": svcs}


def test_hap_accessory_information_full_and_short_types() -> None:
    from netscan.parsers.keyvals import hap_accessory_info

    full = [_hap(1, {"00000020-0000-1000-8000-0026BB765291": "Netatmo", "00000021-0000-1000-8000-0026BB765291": "Netatmo Doorbell",
                     "00000052-0000-1000-8000-0026BB765291": "80.0.0", "00000053-0000-1000-8000-0026BB765291": "1"},
                 ["00000110-0000-1000-8000-0026BB765291", "00000121-0000-1000-8000-0026BB765291"])]
    got = hap_accessory_info(json.dumps(full))
    assert ("Manufacturer", "Netatmo") in got and ("Model", "Netatmo Doorbell") in got and ("FirmwareRevision", "80.0.0") in got
    assert ("HAPService", "CameraRTPStreamManagement") in got and ("HAPService", "Doorbell") in got
    # the IP accessory protocol's own short types ("3E", "52"), under "accessories"
    short = {"accessories": [{"aid": 1, "services": [{"type": "3E", "characteristics": [{"type": "20", "value": "LG Electronics"},
                                                                                      {"type": "52", "value": "04.71.04"}]},
                                                     {"type": "D8", "characteristics": []}]}]}
    assert hap_accessory_info(json.dumps(short)) == [("Manufacturer", "LG Electronics"), ("FirmwareRevision", "04.71.04"),
                                                     ("HAPService", "Television")]


def test_hap_database_cut_off_is_read_and_identified() -> None:
    text = json.dumps([_hap(1, {"00000020-0000-1000-8000-0026BB765291": "Netgear, Inc", "00000021-0000-1000-8000-0026BB765291": "ABC1000",
                                "00000052-0000-1000-8000-0026BB765291": "1.10.931"}, ["00000110-0000-1000-8000-0026BB765291"])], indent=1)
    cut = text[: text.index('"00000110')]  # cut inside the camera service, as fixtures are pasted
    f = fields(Response("other", cut, None, "HomeKit accessory database"))
    assert f["other.kv.FirmwareRevision"] == ["1.10.931"] and f["other.kv.Model"] == ["ABC1000"]
    ident = identify(Observation(None, None, (Response("other", text, None, "HomeKit accessory database"),)))
    # a camera service alone does not make the host a camera: HomeKit server software (Homebridge,
    # Scrypted) publishes other makers' cameras as stand-alone accessories with their manufacturer
    assert (ident.model, ident.firmware) == ("ABC1000", "1.10.931") and ident.device_type != "camera"


def test_hap_bridge_is_not_its_bridged_camera() -> None:
    # a bridge (aid 1) describes itself; the camera it bridges (aid 2) is another device
    bridge = [_hap(1, {"00000020-0000-1000-8000-0026BB765291": "homebridge.io", "00000021-0000-1000-8000-0026BB765291": "homebridge",
                       "00000052-0000-1000-8000-0026BB765291": "1.6.0"}, ["000000A2-0000-1000-8000-0026BB765291"]),
              _hap(2, {"00000020-0000-1000-8000-0026BB765291": "Acme", "00000052-0000-1000-8000-0026BB765291": "9.9.9"},
                   ["00000110-0000-1000-8000-0026BB765291"])]
    ident = identify(Observation(None, None, (Response("other", json.dumps(bridge), None, "HomeKit accessory database"),)))
    assert ident.firmware == "1.6.0" and ident.device_type not in ("camera", "doorbell")


def test_hap_reader_ignores_other_json() -> None:
    from netscan.parsers.keyvals import hap_accessory_info

    assert hap_accessory_info('{"services": [{"type": "3E", "characteristics": "x"}]}') == []
    assert hap_accessory_info('[{"services": [{"type": "not-hap", "characteristics": [{"type": "52", "value": "1.2.3"}]}]}]') == []
    assert hap_accessory_info("not json {") == []
