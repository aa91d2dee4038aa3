"""Fragment robustness, session 15 (benchmarks/fragment_robustness.py): a document's member re-printed the ways
tools and people print one -- gron's assignment lines, a flattened dotted path, a YAML ``key: value`` line, a
two-cell table row -- is read as that member of its document; one element cut out of a SADP message is read as
itself; a ``console.log`` line of an object (``key: 'value',``) gives its value without quotes; a Hikvision
recorder's or door station's serial number gives the model before its channel count and date. Each shape has
counter-examples, and a member with no maker evidence stays unknown."""

from __future__ import annotations

import json

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.parsers import fields
from netscan.parsers.unwrap import flattened_members
from netscan.sigdb import load_db

DB = load_db()


def _ident(protocol: str, raw: str, request: str = "") -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, raw=raw, request=request),)), DB)


def _fields(protocol: str, raw: str, request: str = "") -> dict[str, list[str]]:
    return dict(fields(Response(protocol=protocol, raw=raw, request=request)))


# ---------------------------------------------------------------- a member re-printed flat


def test_gron_lines_are_read_as_their_document() -> None:
    # gron's output (tomnomnom/gron) of the getDeviceInfo answer in tests/corpus/tplink/tapo-c200_1.0_1.3.17.json
    one = 'json.result.device_info.basic_info.device_model = "C200";'
    assert json.loads(flattened_members(one) or "") == {"result": {"device_info": {"basic_info": {"device_model": "C200"}}}}
    dump = ('json = {};\njson.device_info = {};\njson.device_info.basic_info = {};\n'
            'json.device_info.basic_info.device_model = "C200";\njson.device_info.basic_info.device_type = "SMART.IPCAMERA";')
    got = _ident("other", dump)
    assert (got.vendor, got.model, got.device_type) == ("TP-Link", "C200", "camera")
    # list items and bracketed names keep their place
    assert json.loads(flattened_members('json.devices[0]["model"] = "X1";') or "") == {"devices": {"0": {"model": "X1"}}}


def test_dotted_yaml_and_table_members() -> None:
    # the same member as a flattened path (``a.b = v``), as one YAML line and as a table row
    got = _ident("other", "device_info.basic_info.device_model = C200")
    assert (got.vendor, got.model) == ("TP-Link", "C200")
    assert json.loads(flattened_members("device_model: C200") or "") == {"device_model": "C200"}
    # tests/corpus/wyze/wyze-cam-v3_bridge-camera-table-wyze-bridge1036.json: one row of the bridge's camera table
    assert json.loads(flattened_members("| firmware_ver | 4.36.9.139 |") or "") == {"firmware_ver": "4.36.9.139"}
    assert _ident("other", "| firmware_ver | 4.36.9.139 |").firmware == "4.36.9.139"
    # a quoted YAML value loses its quotes
    assert json.loads(flattened_members("model: 'Speed 3S'") or "") == {"model": "Speed 3S"}


def test_flat_member_counter_examples() -> None:
    assert flattened_members("model: C200\nfirmware: 1.0") is None  # several YAML lines: nesting unknown, not this reader
    assert flattened_members("The camera was reset. Then: it rebooted") is None  # prose
    assert flattened_members("| a | b | c |") is None  # a wider table row: no key and value
    assert flattened_members('json.a = "x";\nnot gron') is None  # gron lines only
    # a pasted header line stays a header (read by the HTTP reader, not as a document member)
    f = _fields("other", "Server: App-webs/")
    assert "http.json.Server" not in f and f.get("http.header.server") == ["App-webs/"]
    # a member with no maker evidence names nobody: a bare model key, a plug's model
    bare = _ident("other", "device_model: C200")
    assert bare.vendor is None and bare.device_type not in VIDEO_TYPES
    plug = _ident("other", "json.system.get_sysinfo.model = \"HS110(EU)\";")
    assert plug.device_type not in VIDEO_TYPES
    assert _ident("other", "| type | camera bag |").device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- one element of a SADP message


def test_one_sadp_element_is_read() -> None:
    # tests/corpus/hikvision/hikvision-ds-7804hqh-k1_sadp-probematch-mhzhuji.json (www.mhzhuji.com/zhuji_info_958/)
    assert _fields("sadp", "<DeviceDescription>DS-7804HQH-K1</DeviceDescription>")["sadp.DeviceDescription"] == ["DS-7804HQH-K1"]
    got = _ident("sadp", "<DeviceSN>DS-7804HQH-K10420190822CCCHD53257168WCVU</DeviceSN>")
    assert (got.vendor, got.model, got.device_type) == ("Hikvision", "DS-7804HQH-K1", "dvr")
    # counter-example: a serial that holds no model gives none (SADP itself is Hikvision's protocol)
    assert _ident("sadp", "<DeviceSN>ABC1234567890</DeviceSN>").model is None


# ---------------------------------------------------------------- an object printed by console.log


def test_object_literal_line_value_without_quotes() -> None:
    # tests/corpus/hikvision/hikvision-ds-7616ni-k2-16p_homebridge-deviceinfo-log-homebridge-hikvision18.json
    # (eu-evops/homebridge-hikvision#18): the plugin logs the parsed deviceInfo object
    got = _ident("http", "firmwareVersion: 'V3.4.101',", "ISAPI /ISAPI/System/deviceInfo")
    assert got.firmware == "V3.4.101"
    assert _fields("other", "model: 'DS-7616NI-K2/16P',").get("http.header.model") in (None, ["DS-7616NI-K2/16P"])
    # counter-example: a real header's quoted value keeps its quotes (no trailing comma)
    f = _fields("http", 'HTTP/1.1 200 OK\r\nETag: "5f3a-1b"\r\n\r\n')
    assert f["http.header.etag"] == ['"5f3a-1b"']


# ---------------------------------------------------------------- Hikvision serial numbers


def test_hikvision_recorder_serials_give_the_model() -> None:
    cases = {
        # hikvision_next's fixture DS-7616NI-K2.json (masked date), the door station of hikvision_next#196
        "<serialNumber>DS-7616NI-K20000000000CCRRG00000000WCVU</serialNumber>": ("DS-7616NI-K2", "nvr"),
        "<serialNumber>DS-KV8213-WME1(C)0120230508RRAB0353909</serialNumber>": ("DS-KV8213-WME1(C)", "doorbell"),
        # eu-evops/homebridge-hikvision#18: a serial masked with x's after the model
        "serialNumber: 'DS-7616NI-K2/16Pxxxxxxxxxxxxxxxxxxxxxxxx',": ("DS-7616NI-K2/16P", "nvr"),
    }
    for raw, (model, kind) in cases.items():
        got = _ident("http", raw, "GET /ISAPI/System/deviceInfo")
        assert (got.vendor, got.model, got.device_type) == ("Hikvision", model, kind), raw
    # counter-examples: the model alone is unchanged; a channel-count-like tail without a date is kept as written
    assert _ident("other", "DS-7608NI-I2/8P").model == "DS-7608NI-I2/8P"
    assert _ident("other", "DS-7804HQH-K1").model == "DS-7804HQH-K1"


# ---------------------------------------------------------------- TP-Link's type vocabulary in any field


def test_tplink_type_strings_in_any_member() -> None:
    # python-kasa fixtures (tests/corpus/tplink/kasa-*.json): a discovery reply's result.device_type, a legacy
    # sysinfo's mic_type, pasted as one YAML line, a table row or a flattened path
    for raw, kind in (("device_type: SMART.TAPOPLUG", "other"), ("| mic_type | IOT.SMARTPLUGSWITCH |", "other"),
                      ("result.device_type = SMART.IPCAMERA", "camera"), ("device_type: SMART.TAPODOORBELL", "doorbell")):
        got = _ident("other", raw)
        assert (got.vendor, got.device_type) == ("TP-Link", kind), raw
    # counter-examples: the string inside a sentence or run on is no type value
    assert _ident("other", "the SMART.IPCAMERA type is not supported yet").vendor is None
    assert _ident("other", "device_type: SMART.IPCAMERAS").vendor is None


# ---------------------------------------------------------------- a log line's lead before its "Key: Value"


def test_log_lead_before_a_pair() -> None:
    # dchesterton/amcrest2mqtt#101 (tests/corpus/dahua/amcrest-ad110_amcrest2mqtt-log-101.json)
    assert _ident("other", "16/02/2023 16:23:22 [INFO] Device type: AD110").model == "AD110"
    f = _fields("other", "2023-11-02 13:34:12.813 DEBUG (MainThread) [client] Firmware Version: 3.0.0.2356_23062003")
    assert f.get("other.kv.FirmwareVersion") == ["3.0.0.2356_23062003"]
    # counter-examples: a time alone is no key; a log line with no pair gives none; a non-camera's model stays non-camera
    assert not any(k.startswith("other.kv.") for k in _fields("other", "16/02/2023 16:23:22 [INFO] starting up"))
    assert _ident("other", "2023-02-16 16:23:22 [INFO] Model: HS110(EU)").device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- a UPnP device type pasted as a member


def test_upnp_device_type_member() -> None:
    # the deviceType of the IGD descriptions in miniupnp's testdesc (tests/corpus/linksys/wag200g-upnp.json) and of
    # a TV's description, pasted as a YAML line, a flattened path or a log line
    assert _ident("other", "deviceType: urn:schemas-upnp-org:device:InternetGatewayDevice:1").device_type == "router"
    assert _ident("other", "root.device.deviceType = urn:schemas-upnp-org:device:tvdevice:1").device_type == "tv"
    assert _ident("other", "16/02/2023 16:23:22 [INFO] deviceType: urn:schemas-upnp-org:device:InternetGatewayDevice:2").device_type == "router"
    # counter-examples: the URN under another name, or a device type that is no URN, says nothing
    assert _ident("other", "notes: urn:schemas-upnp-org:device:InternetGatewayDevice:1").device_type == "unknown"
    assert _fields("other", "deviceType: IPDome").get("upnp.deviceType") is None
