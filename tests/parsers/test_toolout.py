"""Other tools' recordings of a device (netscan/parsers/toolout.py, docs/observations.md "Shapes of
raw"). Every example is written from the tool's own source or documentation (cited per test), or is
a TRAINING corpus file (tests/corpus) read as recorded; none comes from the test split."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.parsers._util import MAX_FIELDS, MAX_VALUE_CHARS
from netscan.parsers.toolout import (
    MAX_VALUES,
    discovery_tool_fields,
    ffprobe_fields,
    java_header_fields,
    log_prefix_text,
    mqtt_fields,
    nuclei_fields,
    snmp_string_pairs,
    stripped_xml_values,
    toolout_fields,
    tuple_pair_fields,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"




def _f(proto: str, raw: str, request: str = "") -> dict[str, list[str]]:
    return fields(Response(protocol=proto, port=None, request=request, raw=raw))


def _ident(db, proto: str, raw: str):  # type: ignore[no-untyped-def]
    return identify(Observation(ip="10.0.0.9", mac=None, responses=[Response(protocol=proto, port=None, request="", raw=raw)]), db)


# ------------------------------------------------------------------ nuclei
# projectdiscovery/nuclei pkg/output/format_screen.go (screen writer) and output.go (ResultEvent JSON)

NUCLEI_V3 = '[2023-06-01 10:00:00] [hikvision-detect] [http] [info] http://192.168.1.64/doc/page/login.asp ["DS-2CD2042WD-I","V5.4.0 build 160530"]'
NUCLEI_V2 = "[axis-camera-detect:version] [http] [info] http://10.0.0.3/ [5.40.9.2]"


def test_nuclei_screen_lines() -> None:
    f: dict[str, list[str]] = {}
    nuclei_fields(f, NUCLEI_V3 + "\n" + NUCLEI_V2 + "\n[INF] Templates loaded for current scan: 12\n")
    assert f["nuclei.template"] == ["hikvision-detect", "axis-camera-detect"]
    assert f["nuclei.extracted"] == ["DS-2CD2042WD-I", "V5.4.0 build 160530", "5.40.9.2"]
    assert f["nuclei.matcher"] == ["version"] and f["nuclei.kv.version"] == ["5.40.9.2"]
    assert f["nuclei.url"][0] == "http://192.168.1.64/doc/page/login.asp"


def test_nuclei_screen_line_with_colours_metadata_and_line_numbers() -> None:
    f: dict[str, list[str]] = {}
    nuclei_fields(f, '\x1b[92mgeneric-tokens\x1b[0m] [file] [unknown] /tmp/x [LN: 3,4]\n'
                     '[\x1b[92mreolink-detect\x1b[0m] [\x1b[94mhttp\x1b[0m] [\x1b[34minfo\x1b[0m] https://10.0.0.8 [model="RLC-510A"]')
    assert f["nuclei.template"] == ["reolink-detect"] and "nuclei.extracted" not in f  # metadata is not an extracted list


def test_nuclei_quoted_values_are_unescaped() -> None:
    f: dict[str, list[str]] = {}
    nuclei_fields(f, '[x-detect] [http] [info] http://h ["a\\u00e9b","c,d","e\\"f"]')
    assert f["nuclei.extracted"] == ["a\u00e9b", "c,d", 'e"f']


def test_nuclei_jsonl_reads_the_event_and_its_response() -> None:
    event = {"template-id": "dahua-detect", "info": {"name": "Dahua Camera - Detect", "tags": ["panel", "camera"], "severity": "info"},
             "type": "http", "host": "http://10.1.1.5", "matched-at": "http://10.1.1.5/", "extractor-name": "model",
             "extracted-results": ["IPC-HDW4631C-A"],
             "response": 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Login to 2J0123PAZ00001", qop="auth"\r\n\r\n'}
    f = _f("http", json.dumps(event) + "\n" + json.dumps({"template-id": "tech-detect", "matcher-name": "nginx"}) + "\n")
    assert f["nuclei.template"] == ["dahua-detect", "tech-detect"] and f["nuclei.name"] == ["Dahua Camera - Detect"]
    assert f["nuclei.kv.model"] == ["IPC-HDW4631C-A"] and f["nuclei.matcher"] == ["model", "nginx"]
    assert f["http.header.www-authenticate"] == ['Digest realm="Login to 2J0123PAZ00001", qop="auth"']
    g: dict[str, list[str]] = {}
    nuclei_fields(g, json.dumps([event]))  # -json-export: one array
    assert g["nuclei.extracted"] == ["IPC-HDW4631C-A"]


def test_nuclei_template_id_is_weak_maker_evidence_and_no_camera(db) -> None:  # type: ignore[no-untyped-def]
    alone = _ident(db, "http", "[hikvision-detect] [http] [info] http://192.168.1.64/\n")
    assert alone.vendor == "Hikvision" and alone.device_type == "unknown"
    ev = [e for e in alone.evidence if e.source == "maker-name"]
    assert ev and all(e.weight <= 0.35 for e in ev)  # someone else's classification: a maker's name in a short text, no more
    tags = _ident(db, "http", json.dumps({"template-id": "exposed-panel", "info": {"name": "Panel", "tags": ["camera", "iot"]}}))
    assert tags.vendor is None and tags.device_type == "unknown"  # a template's tags say nothing about the device
    extracted = _ident(db, "http", NUCLEI_V3)
    assert (extracted.vendor, extracted.model, extracted.firmware, extracted.device_type) == (
        "Hikvision", "DS-2CD2042WD-I", "V5.4.0 build 160530", "camera")  # the extracted values say so


# ------------------------------------------------------------------ ONVIF discovery tools
# ZoneMinder scripts/zmonvif-probe.pl (ONVIF.pm interpret_messages) and sr99622/libonvif onvif-util.cpp

ZM = ("http://192.168.1.108/onvif/device_service, 1.2, (type='video_encoder', type='Network_Video_Transmitter', "
      "hardware='IPC-HFW2431S-S-S2', name='Dahua', location='country/china', Profile='Streaming')")


def test_zmonvif_probe_lines_are_discovery_scopes(db) -> None:  # type: ignore[no-untyped-def]
    f = _f("wsd", ZM + "\n")
    assert f["wsd.xaddrs"] == ["http://192.168.1.108/onvif/device_service"]
    assert "onvif://www.onvif.org/hardware/IPC-HFW2431S-S-S2" in f["wsd.scope"]
    assert "onvif://www.onvif.org/location/country/china" in f["wsd.scope"] and "wsd.unreadable" not in f
    dev = _ident(db, "other", "$ zmonvif-probe.pl probe 1.2\n" + ZM + "\n")
    assert dev.vendor == "Dahua" and dev.model == "IPC-HFW2431S-S-S2"


def test_onvif_util_lines(db) -> None:  # type: ignore[no-untyped-def]
    f: dict[str, list[str]] = {}
    discovery_tool_fields(f, "Found 2 cameras on interface 192.168.1.5\n192.168.1.64 IPC(HIKVISION DS-2CD2042WD-I)\n"
                             "192.168.1.70 (UNKNOWN CAMERA)\n")
    assert f["wsd.name"] == ["HIKVISION DS-2CD2042WD-I"] and f["onvif.hostname"] == ["IPC"]
    g = _f("other", "  found host: 192.168.1.64\n  successfully connected to host\n    name:   HIKVISION DS-2CD2042WD-I\n"
                    "    serial: DS-2CD2042WD-I20160530AAWR123456789\n")
    assert g["wsd.name"] == ["HIKVISION DS-2CD2042WD-I"]
    dev = _ident(db, "onvif", "192.168.1.64 IPC(HIKVISION DS-2CD2042WD-I)\n")
    assert dev.vendor == "Hikvision" and dev.model == "DS-2CD2042WD-I"
    h: dict[str, list[str]] = {}
    discovery_tool_fields(h, "name: Alice\n")  # a name line outside an onvif-util session is not a camera name
    assert h == {}


# ------------------------------------------------------------------ Java / Kotlin header prints
# Java SE URLConnection.getHeaderFields + AbstractMap.toString; Spring HttpHeaders.formatHeaders;
# kotlin.Pair.toString; Apache HttpClient / Netty header arrays


@pytest.mark.parametrize(("raw", "proto"), [
    ('{null=[HTTP/1.1 401 Unauthorized], Date=[Mon, 04 Dec 2023 10:00:00 GMT], Server=[App-webs/], '
     'WWW-Authenticate=[Digest qop="auth", realm="IP Camera(C1234)", nonce="abc"], Content-Type=[text/html]}', "http"),
    ('response headers: [Server:"App-webs/", WWW-Authenticate:"Digest qop="auth", realm="IP Camera(C1234)", nonce="abc"", Content-Length:"0"]', "http"),
    ('D/OkHttp: headers=[(Server, App-webs/), (WWW-Authenticate, Digest qop="auth", realm="IP Camera(C1234)", nonce="abc"), (Content-Length, 0)]', "rtsp"),
    ('[Server: App-webs/, Content-Type: text/html, WWW-Authenticate: Digest qop="auth", realm="IP Camera(C1234)", nonce="abc", Date: Mon, 04 Dec 2023]', "http"),
])
def test_java_header_prints(raw: str, proto: str) -> None:
    f = _f(proto, raw)
    assert f[f"{proto}.header.server"] == ["App-webs/"]
    assert f[f"{proto}.header.www-authenticate"][0] == 'Digest qop="auth", realm="IP Camera(C1234)", nonce="abc"'


def test_java_map_status_and_guards() -> None:
    f: dict[str, list[str]] = {}
    java_header_fields(f, "http", "{null=[RTSP/1.0 401 Unauthorized], CSeq=[2], WWW-Authenticate=[Basic realm=\"x\"]}")
    assert f["rtsp.status"] == ["401"] and f["http.header.cseq"] == ["2"]
    g: dict[str, list[str]] = {}
    java_header_fields(g, "http", "{name=Alice, age=3, city=Paris}\n[a: 1, b: 2]\n")  # no header names: not headers
    assert g == {}


# ------------------------------------------------------------------ Python tuple pairs


def test_ordereddict_print() -> None:
    # xmltodict's result as Python < 3.7 and xmltodict < 0.13 print it (OrderedDict of tuple pairs)
    f = _f("http", "DEBUG:root:OrderedDict([('DeviceInfo', OrderedDict([('@version', '2.0'), ('deviceName', 'IP CAMERA'), "
                   "('model', 'DS-2CD2142FWD-I'), ('firmwareVersion', 'V5.5.0')]))])")
    assert f["http.json.model"] == ["DS-2CD2142FWD-I"] and f["http.json.firmwareVersion"] == ["V5.5.0"]
    g: dict[str, list[str]] = {}
    tuple_pair_fields(g, "x", "print(('a b', 'c'))")  # a key that is no key
    assert g == {}


# ------------------------------------------------------------------ ffprobe writers (doc/ffprobe.texi)

FF_TITLE = "HIK Media Server V3.4.106"


@pytest.mark.parametrize("raw", [
    json.dumps({"streams": [{"index": 0, "codec_name": "h264"}], "format": {
        "filename": "rtsp://192.168.1.10:554/Streaming/Channels/101", "format_name": "rtsp",
        "tags": {"title": FF_TITLE, "comment": "HIK Media Server Session Description : standard"}}}, indent=4),
    "[STREAM]\nindex=0\n[/STREAM]\n[FORMAT]\nfilename=rtsp://10.0.0.2/live\nnb_streams=1\nformat_name=rtsp\n"
    f"TAG:title={FF_TITLE}\nTAG:comment=HIK Media Server Session Description : standard\n[/FORMAT]\n",
    f'format.filename="rtsp://10.0.0.2/live"\nformat.format_name="rtsp"\nformat.tags.title="{FF_TITLE}"\n'
    'format.tags.comment="HIK Media Server Session Description : standard"\n',
    f"[format]\nfilename=rtsp\\://10.0.0.2/live\nformat_name=rtsp\n\n[format.tags]\ntitle={FF_TITLE}\n"
    "comment=HIK Media Server Session Description \\: standard\n",
    f"format|filename=rtsp://10.0.0.2/live|nb_streams=1|format_name=rtsp|tag:title={FF_TITLE}|tag:comment=HIK Media Server Session Description : standard\n",
    f'<ffprobe>\n<format filename="rtsp://10.0.0.2/live" nb_streams="1" format_name="rtsp">\n<tag key="title" value="{FF_TITLE}"/>\n'
    '<tag key="comment" value="HIK Media Server Session Description : standard"/>\n</format>\n</ffprobe>\n',
])
def test_ffprobe_writers(raw: str) -> None:
    f = _f("rtsp", raw)
    assert f["rtsp.sdp.session"] == [FF_TITLE]
    assert f["rtsp.sdp.info"] == ["HIK Media Server Session Description : standard"]


def test_ffprobe_of_a_file_is_no_sdp() -> None:
    f: dict[str, list[str]] = {}
    ffprobe_fields(f, '{"format": {"filename": "clip.mp4", "format_name": "mov,mp4,m4a,3gp,3g2,mj2", "tags": {"title": "Holiday"}}}')
    assert f == {}


# ------------------------------------------------------------------ MQTT
# mosquitto_sub -v; Home Assistant mqtt/abbreviations.py; zigbee2mqtt's "MQTT publish" log line


def test_mqtt_discovery_config_abbreviations(db) -> None:  # type: ignore[no-untyped-def]
    log = ('homeassistant/camera/front/config {"name":"Front","uniq_id":"front_cam","dev":{"ids":["x1"],"mf":"Reolink",'
           '"mdl":"RLC-810A","sw":"v3.0.0.660_21110804"},"o":{"name":"neolink","sw":"0.5.18"}}\n'
           "frigate/available online\nfrigate/front/detect/state ON\n")
    f = _f("mqtt", log)
    assert f["mqtt.json.device.manufacturer"] == ["Reolink"] and f["mqtt.json.device.model"] == ["RLC-810A"]
    assert f["mqtt.json.device.sw_version"] == ["v3.0.0.660_21110804"]  # the origin's sw (the publishing software) is not expanded
    assert f["mqtt.kv.available"] == ["online"]
    dev = _ident(db, "mqtt", log)
    assert (dev.vendor, dev.model) == ("Reolink", "RLC-810A") and dev.firmware == "v3.0.0.660_21110804"


def test_mqtt_log_lines_of_home_assistant_and_zigbee2mqtt() -> None:
    f: dict[str, list[str]] = {}
    mqtt_fields(f, "other", "2023-03-01 10:00:01.123 DEBUG (MainThread) [homeassistant.components.mqtt.client] Received message on "
                            "cam/info (qos=0): b'{\"dev\": {\"mf\": \"Amcrest\", \"mdl\": \"AD410\"}}'\n")
    assert f["other.json.device.model"] == ["AD410"]
    g: dict[str, list[str]] = {}
    mqtt_fields(g, "other", "Zigbee2MQTT:info  2023-03-01 10:00:01: MQTT publish: topic 'zigbee2mqtt/cam/model', payload 'C200'\n")
    assert g["other.kv.model"] == ["C200"]
    h: dict[str, list[str]] = {}
    mqtt_fields(h, "other", "HTTP/1.1 200 OK\nsee docs/index.html for more\n")  # versions and prose are no topics
    assert h == {}


# ------------------------------------------------------------------ logs with per-line prefixes


def test_log_prefixes_are_cut_training_file() -> None:
    # dchesterton/amcrest2mqtt#101 (training): "16/02/2023 16:23:22 [INFO] Device type: AD110"
    (obs,) = load_path(CORPUS / "dahua/amcrest-ad110_amcrest2mqtt-log-101.json")
    f = fields(obs.responses[0])
    assert f["http.kv.DeviceType"] == ["AD110"] and f["http.kv.SoftwareVersion"] == ["1.000.00AC009.0.R"]


@pytest.mark.parametrize("line", [
    "2023-01-05 10:11:12,345 - onvif_probe - INFO - Model: MS-C2963-FPB",  # Python logging's documented example format
    "2023-01-05 10:11:12.345 DEBUG (MainThread) [custom_components.x] Model: MS-C2963-FPB",  # Home Assistant
    "[2023-01-05 10:11:12] frigate.app INFO    : Model: MS-C2963-FPB",  # Frigate
    "Jan  5 10:11:12 Model: MS-C2963-FPB",  # syslog time stamp
    "frigate  | 2023-01-05T10:11:12Z [INFO] Model: MS-C2963-FPB",  # docker compose prefix
])
def test_log_prefix_shapes(line: str) -> None:
    text = log_prefix_text(line + "\n" + line.replace("Model: MS-C2963-FPB", "Firmware: 45.7.0.79"))
    assert text is not None and text.split("\n") == ["Model: MS-C2963-FPB", "Firmware: 45.7.0.79"]
    assert log_prefix_text("Model: X\nFirmware: 1\n") is None


# ------------------------------------------------------------------ transcripts with direction markers


@pytest.mark.parametrize("raw", [
    # live555's testRTSPClient / openRTSP -V style markers, RTSP clients' [TX]/[RX], per-line time stamps
    '>> DESCRIBE rtsp://10.0.0.5/live RTSP/1.0\n>> CSeq: 2\n>>\n<< RTSP/1.0 401 Unauthorized\n<< CSeq: 2\n'
    '<< WWW-Authenticate: Digest realm="IP Camera(21345)", nonce="abc"\n<< Server: Rtsp Server/3.0\n',
    '[TX] DESCRIBE rtsp://10.0.0.5 RTSP/1.0\n[TX] CSeq: 2\n[RX] RTSP/1.0 401 Unauthorized\n[RX] CSeq: 2\n'
    '[RX] WWW-Authenticate: Digest realm="IP Camera(21345)", nonce="abc"\n[RX] Server: Rtsp Server/3.0\n',
    '12:00:01.000 -> DESCRIBE rtsp://x RTSP/1.0\n12:00:01.100 <- RTSP/1.0 401 Unauthorized\n12:00:01.100 <- CSeq: 2\n'
    '12:00:01.101 <- WWW-Authenticate: Digest realm="IP Camera(21345)", nonce="abc"\n12:00:01.101 <- Server: Rtsp Server/3.0\n',
])
def test_marked_transcripts(raw: str) -> None:
    f = _f("rtsp", raw)
    assert f["rtsp.status"] == ["401"] and f["rtsp.header.server"] == ["Rtsp Server/3.0"]
    assert f["rtsp.header.www-authenticate"] == ['Digest realm="IP Camera(21345)", nonce="abc"']


def test_bytes_dict_and_xml_tables() -> None:
    f = _f("http", "{b'model': b'DS-2CD2042WD-I', b'firmware': b'V5.4.0'}")
    assert f["http.json.model"] == ["DS-2CD2042WD-I"] and f["http.json.firmware"] == ["V5.4.0"]
    g = _f("http", "| Element | Value |\n|---|---|\n| <Manufacturer> | HIKVISION |\n| `<Model>` | DS-2CD2042WD-I |\n")
    assert g["http.xml.Manufacturer"] == ["HIKVISION"] and g["http.xml.Model"] == ["DS-2CD2042WD-I"]
    h = _f("http", "| tds:Manufacturer | tds:Model | tds:FirmwareVersion |\n|---|---|---|\n| HIKVISION | DS-2CD2042WD-I | V5.4.0 |\n")
    assert h["http.xml.Model"] == ["DS-2CD2042WD-I"] and h["http.xml.FirmwareVersion"] == ["V5.4.0"]
    i = _f("http", "| XML |\n|---|\n| <Manufacturer>HIKVISION</Manufacturer> |\n| <Model>DS-2CD2042WD-I</Model> |\n")
    assert i["http.xml.Model"] == ["DS-2CD2042WD-I"]


# ------------------------------------------------------------------ XML without markup


def test_html_escaped_xml() -> None:
    f = _f("http", "&lt;DeviceInfo&gt;&lt;model&gt;DS-2CD2142FWD-I&lt;/model&gt;&lt;firmwareVersion&gt;V5.5.0&lt;/firmwareVersion&gt;&lt;/DeviceInfo&gt;")
    # (undone before parsing since session 10, netscan/parsers/unwrap.py: the document parses whole, paths kept)
    assert f["http.xml.DeviceInfo/model"] == ["DS-2CD2142FWD-I"] and f["http.xml.DeviceInfo/firmwareVersion"] == ["V5.5.0"]
    # escaped XML behind other text is still read element by element
    g = _f("http", "got: &lt;DeviceInfo&gt;&lt;model&gt;DS-2CD2142FWD-I&lt;/model&gt; and more &lt;x&gt;&lt;/x&gt; text")
    assert g["http.xml.model"] == ["DS-2CD2142FWD-I"]


def test_stripped_xml_values(db) -> None:  # type: ignore[no-untyped-def]
    # ISAPI /System/deviceInfo's elements (Hikvision ISAPI spec) with the tags stripped by a page renderer
    text = ("IP CAMERA\n88\ne0ca94a0-4a0d-11b3-8195-c056e3a1b2c3\nDS-2CD2142FWD-I20170405AAWR123456789\nc0:56:e3:a1:b2:c3\n"
            "DS-2CD2142FWD-I\n0xffffff\nV5.4.5\nbuild 170123\nIPCamera\n")
    values = stripped_xml_values(text)
    assert "DS-2CD2142FWD-I" in values and not any(v.startswith("DS-2CD2142FWD-I2") for v in values)  # a serial built on the model
    dev = _ident(db, "http", text)
    assert (dev.vendor, dev.model, dev.device_type) == ("Hikvision", "DS-2CD2142FWD-I", "camera")
    assert "V5.4.5 build 170123" in values and dev.firmware == "V5.4.5 build 170123"  # firmwareVersion, then firmwareReleasedDate
    one_line = " ".join(text.split("\n")) + " 1 1 1 2 false 0 V1.0 build 170123 " + "DS-2CD2142FWD-I20170405AAWR123456789 " * 2
    assert len(one_line) > 256 and "DS-2CD2142FWD-I" in stripped_xml_values(one_line)  # a rendered paragraph
    assert stripped_xml_values("this camera is a model that i bought in 2019 and it works with the app " * 5) == []
    assert stripped_xml_values("Hello there.\nThis is a sentence.\nAnd one more, 2.\n") == []
    assert stripped_xml_values("model: X\nfw: 1\nserial: 2\n") == []


# ------------------------------------------------------------------ KEY="value" inside SNMP strings


def test_snmp_string_pairs() -> None:
    f = _f("snmp", 'SNMPv2-MIB::sysDescr.0 = STRING: NVR\n'
                   'SNMPv2-SMI::enterprises.50001.1.1.0 = STRING: "DEVICE_MODEL=\\"NVR-816\\" FW_VERSION=\\"V4.0.5\\" VENDOR=\\"Acme\\""\n')
    assert f["snmp.kv.DEVICE_MODEL"] == ["NVR-816"] and f["snmp.kv.FW_VERSION"] == ["V4.0.5"] and f["snmp.kv.VENDOR"] == ["Acme"]
    g = {"snmp.sysDescr": ["Linux cam 3.10 MODEL='X1' #1 SMP"], "http.body": ['a="b"']}
    snmp_string_pairs(g)
    assert g["snmp.kv.MODEL"] == ["X1"] and "snmp.kv.a" not in g
    h = {"snmp.oid.1.3.6.1.4.1.50001.1.1": ["MODEL=NVR-816 FW=V4.0.5"], "snmp.sysDescr": ["a=b"]}
    snmp_string_pairs(h)
    assert h["snmp.kv.MODEL"] == ["NVR-816"] and h["snmp.kv.FW"] == ["V4.0.5"] and "snmp.kv.a" not in h  # one bare pair is no record


# ------------------------------------------------------------------ hostile input

CEILING = 1.0


def _timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    t = time.process_time()
    fn(*args)
    return time.process_time() - t


@pytest.mark.parametrize("raw", [
    "[a] [http] [info] " + "x" * 9000,
    ("[a] [http] [info] h " + "[" * 4000 + "\n") * 30,
    '[a] [http] [info] h ["' + '\\"' * 100_000,
    ('{"template-id": "a", "extracted-results": [' + '"x",' * 50_000 + '"y"]}\n') * 2,
    '[{"template-id": ' * 50_000,
    "http://h/x, 1.2, (" + "a='b', " * 50_000 + ")",
    ("1.2.3.4 h(" + "(" * 5000 + ")\n") * 20,
    "{null=[" + "Server=[a], " * 50_000 + "]}",
    "[" + "Server: a, " * 50_000 + "]",
    "[" + "(Server, " * 50_000 + "]",
    "[Server:\"" + "\", Date:\"" * 50_000 + "]",
    "OrderedDict([" + "('a', 'b'), " * 50_000 + "])",
    "(" + "'" * 200_000,
    '{"format": {"format_name": "rtsp", "tags": {' + '"title": "x", ' * 50_000 + '"a": 1}}}',
    "[FORMAT]\nformat_name=rtsp\n" + "TAG:title=" + "\\" * 200_000 + "\n",
    "format|" + "|" * 200_000 + "format_name=rtsp",
    'format.tags.title="' + "\\\"" * 100_000,
    "<format format_name=\"rtsp\" " + "<tag key=\"title\" value=\"" * 20_000,
    ("a/b " + "{" * 5000 + "\n") * 30,
    "x Received message on a/b (qos=0): b'" + "'" * 100_000,
    "MQTT publish: topic 'a/b', payload '" + "'" * 100_000,
    ("2023-01-01 10:00:00 " + "[" * 4000 + "\n") * 50,
    ("2023-01-01 10:00:00 " + " - " * 3000 + "\n") * 50,
    ("Jan  1 10:00:00 " + "INFO " * 2000 + "\n") * 50,
    "&lt;" * 100_000,
    "&lt;a&gt;" * 50_000,
    ("DS-2CD2142FWD-I" + "\n") * 5000,
    "\n".join("A" * 60 + str(i) for i in range(300)),
    'sysDescr.0 = STRING: "' + 'a="' * 100_000,
    ("<< " + "RTSP/1.0 200 OK\n<< " * 20_000),
    ("x RTSP/1.0 200 \n" * 20_000),
    "| <a> | b |\n" * 20_000,
    "|" + "<a>|" * 50_000 + "\n|---|\n",
    "{b'" * 100_000,
])
def test_readers_are_linear_and_capped(raw: str) -> None:
    out: dict[str, list[str]] = {}
    assert _timed(toolout_fields, out, "http", raw) < CEILING
    assert len(out) <= MAX_FIELDS and all(len(v) <= MAX_VALUE_CHARS for vs in out.values() for v in vs)
    for proto in ("http", "rtsp", "onvif", "wsd", "other", "mqtt", "snmp"):
        assert _timed(_f, proto, raw) < CEILING * 2, proto


def test_floods_stop_at_the_cap() -> None:
    f: dict[str, list[str]] = {}
    nuclei_fields(f, "".join(f"[t{i}] [http] [info] http://h [v{i}]\n" for i in range(5000)))
    assert len(f["nuclei.template"]) <= MAX_VALUES
    g: dict[str, list[str]] = {}
    tuple_pair_fields(g, "x", "".join(f"('k{i}', 'v')" for i in range(5000)))
    assert len(g) <= MAX_VALUES


def test_random_text_never_raises() -> None:
    rnd = random.Random(17)
    alphabet = "[]{}()'\"=:,| /\\\n\rabcXYZ019.-_&;<>#@$" + "\x00\x1b\u00e9"
    pieces = ["[a] [http] [info] ", '"template-id"', "format_name=rtsp", "[FORMAT]", "TAG:title=", "null=[", "Server=[",
              "(Server, ", "Received message on ", "2023-01-01 10:00:00 ", "&lt;", "='", ", 1.2, (", "cameras on interface"]
    for _ in range(300):
        raw = "".join(rnd.choice(pieces) if rnd.random() < 0.2 else rnd.choice(alphabet) for _ in range(rnd.randint(1, 400)))
        out: dict[str, list[str]] = {}
        toolout_fields(out, "http", raw)
        for proto in ("http", "rtsp", "wsd", "onvif", "other", "snmp"):
            _f(proto, raw)
