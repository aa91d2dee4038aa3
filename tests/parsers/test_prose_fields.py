"""Device values that a reporter or a client wrote inside running text (netscan/parsers/keyvals.py,
netscan/parsers/toolout.py, docs/observations.md "Shapes of raw"): typographic quotes, a field quoted
in a sentence, a console tool's status line pairing the remote model with its device class, a model
token before a firmware key; and the model keys of device APIs (signatures/families/generic.yaml
semantic-model-device-prefixed). The examples are written here in the layouts the readers document;
the guards are lists of other devices (an NVR's channels, a hub's lights, a client's cameras)."""

from __future__ import annotations

import time

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.keyvals import model_before_firmware, quoted_field_pairs, straight_quotes
from netscan.parsers.toolout import status_line_models


def _ident(proto: str, raw: str, request: str = "") -> tuple[str | None, str | None, str | None, str]:
    i = identify(Observation(None, None, (Response(proto, raw, None, request),)))
    return i.vendor, i.model, i.firmware, i.device_type


# ------------------------------------------------------------------ typographic quotes

def test_typographic_quotes_are_made_straight_only_when_present() -> None:
    assert straight_quotes("var a=\"b\";") is None
    assert straight_quotes("var a=\u201cb\u201d; it\u2019s") == "var a=\"b\"; it's"


def test_cgi_variables_with_typographic_quotes_are_read() -> None:
    body = "var model=\u201cAB-1234X\u201d;\nvar firmware=\u201dV5.5.61 build 180718\u201d;\nvar serial=\u2018XY123\u2019;\n"
    f = fields(Response("http", body))
    assert f["http.js.model"] == ["AB-1234X"] and f["http.js.firmware"] == ["V5.5.61 build 180718"]
    assert _ident("http", body)[1:3] == ("AB-1234X", "V5.5.61 build 180718")


def test_key_value_lines_with_typographic_quotes_lose_their_quotes() -> None:
    f = fields(Response("other", "Model: \u201cQX-9000\u201d\nFirmware Version = \u201c3.2.1\u201d\n"))
    assert "QX-9000" in f["other.kv.Model"] and "3.2.1" in f["other.kv.FirmwareVersion"]


def test_a_json_document_keeps_its_own_quotes() -> None:
    # a curly quote inside a JSON string is part of the value; the document is not re-read
    body = '{"model": "AB-1234X", "name": "my \u201cfront\u201d camera"}'
    f = fields(Response("http", body))
    assert f["http.json.model"] == ["AB-1234X"] and "http.kv.name" not in f


# ------------------------------------------------------------------ a field quoted in a sentence

def test_code_span_field_and_quoted_value() -> None:
    text = 'After the update the `deviceModel` field is "QX-9000" and `firmwareVersion` = `V2.1.0 build 230101`.'
    assert quoted_field_pairs(text) == [("deviceModel", "QX-9000"), ("firmwareVersion", "V2.1.0 build 230101")]
    assert _ident("other", text)[1:3] == ("QX-9000", "V2.1.0 build 230101")


def test_code_span_with_words_and_joining_words() -> None:
    pairs = quoted_field_pairs('On the info page `Device Model` shows up as: "NVR-108ZZ" and `model` -> `ZX-77`.')
    assert ("DeviceModel", "NVR-108ZZ") in pairs and ("model", "ZX-77") in pairs
    assert all(k != "as" for k, _ in pairs)


def test_code_span_holding_a_pair() -> None:
    assert quoted_field_pairs('it answers with `model="QX-9000"` and then `"sw_version": "1.4.2"` every time') == [
        ("model", "QX-9000"), ("sw_version", "1.4.2")]


def test_prose_key_value_pairs() -> None:
    pairs = quoted_field_pairs('the camera log says model=QX-9000. and later it prints firmware: "1.2.3" again')
    assert pairs == [("model", "QX-9000"), ("firmware", "1.2.3")]
    assert _ident("other", "the camera log says model=QX-9000 after boot")[1] == "QX-9000"


def test_prose_reader_leaves_tables_urls_objects_and_markup_alone() -> None:
    assert quoted_field_pairs("model=QX-9000") == []  # a table's line: the table readers'
    assert quoted_field_pairs("GET http://10.0.0.2/cgi-bin/x.cgi?action=get&model=QX-9000 failed") == []
    assert quoted_field_pairs('log: cameras {"model": "QX-9000"}') == []
    assert quoted_field_pairs('  "model": "QX-9000",') == []
    assert quoted_field_pairs('<p>see the <a title="x" model="QX-9000">page</a>') == []
    assert quoted_field_pairs("Set-Cookie: sid=abc; path=/") == []


# ------------------------------------------------------------------ a console tool's status line

def test_status_line_model_with_its_device_class() -> None:
    assert status_line_models("12:00:01 INFO Connected to ZX-7608N (NVR) at 10.0.0.5") == [("ZX-7608N", "NVR")]
    assert status_line_models("found Doorbell [T9910] online") == [("T9910", "Doorbell")]
    v, model, _, _ = _ident("other", "12:00:01 INFO Connected to ZX-7608N (NVR) at 10.0.0.5")
    assert model == "ZX-7608N"


def test_status_lines_of_a_device_list_are_other_devices() -> None:
    nvr_channels = "CH1 QX-2143 (IPC) online\nCH2 QX-2043 (IPC) offline\n"
    assert status_line_models(nvr_channels) == []
    two = "camera QX-2143 [camera]... \nlinked QX-2043 (camera)\n"
    assert status_line_models(two) == []
    listed = "Connected to ZX-7608N (NVR)\nChannel 1 QX-2143 (IPC) online\n- QX-2043 (IPC)\n"
    assert status_line_models(listed) == [("ZX-7608N", "NVR")]
    assert status_line_models("version 5.4.0 (camera)\nport 554 (RTSP)") == []


# ------------------------------------------------------------------ a model token before a firmware key

def test_model_token_before_a_firmware_key() -> None:
    assert model_before_firmware("my unit reports Model QX_388Z, Firmware Version 541_17051800 today") == ["QX_388Z"]
    assert model_before_firmware("QX-9000 / FW: V5.4.5") == ["QX-9000"]
    assert model_before_firmware("Version 1.2.3 firmware 1.2.4") == []  # a version is no model
    assert model_before_firmware("cam1: QX-1 firmware 1.0.1\ncam2: QX-2 firmware 1.0.2") == []  # a list
    f = fields(Response("other", "my unit reports Model QX_388Z, Firmware Version 541_17051800 today"))
    assert f["other.fwline.token"] == ["QX_388Z"]
    assert _ident("other", "my unit reports Model QX_388Z, Firmware Version 541_17051800 today")[1] == "QX_388Z"


# ------------------------------------------------------------------ model keys of device APIs

def test_device_prefixed_model_keys() -> None:
    for key in ("hwModel", "devModel", "sysModel", "ipcModel", "DeviceModelName", "marketName", "modelid"):
        body = '{"name": "x", "%s": "QX-9000", "firmwareVersion": "1.2.3"}' % key
        assert _ident("http", body)[1] == "QX-9000", key


def test_model_keys_inside_a_list_of_other_devices_are_not_the_device() -> None:
    nvr = '{"deviceName": "recorder", "channels": [{"id": 1, "ipcModel": "QX-2143"}, {"id": 2, "ipcModel": "QX-2043"}]}'
    assert _ident("http", nvr)[1] is None
    hub = '{"name": "hub", "lights": {"1": {"modelid": "LQT001"}}}'
    assert _ident("http", hub)[1] is None
    assert _ident("http", '{"name": "x", "modelId": "1794"}')[1] is None  # a number, not a model code


def test_readers_cost_linear_time_on_hostile_text() -> None:
    texts = ["`a` " * 20000, "x=" * 40000, "a " * 30000 + "firmware", "(" * 30000 + "NVR)", "\u201c" * 50000,
             ("ab " * 3000 + "k: \"" + "v" * 100 + "\"\n") * 20]
    for text in texts:
        start = time.perf_counter()
        fields(Response("other", text))
        fields(Response("http", text))
        # a guard against super-linear (backtracking) readers, not a speed figure: quadratic work on these
        # 30,000-character texts takes minutes; 10 s leaves room for a loaded shared machine
        assert time.perf_counter() - start < 10.0


# ------------------------------------------------------------------ values normalised

def test_bold_labels_of_a_markdown_list_lose_their_closing_emphasis() -> None:
    text = "**Device Info:**\n- **Product Name:** Acme Window Cam\n- **Model:** QX-9000\n- **Firmware:** 1.3.0.23\n"
    f = fields(Response("other", text))
    assert f["other.kv.Model"] == ["QX-9000"] and f["other.kv.Firmware"] == ["1.3.0.23"]
    assert _ident("other", text)[1:3] == ("QX-9000", "1.3.0.23")


def test_a_leading_version_word_is_not_part_of_the_firmware() -> None:
    assert _ident("other", "Details:\n  - Model: QX-9000\n  - Firmware: Version 541.15120202\n")[2] == "541.15120202"
    assert _ident("other", "Firmware Version: Ver. 2.1.3\nModel: QX-9000\n")[2] == "2.1.3"
    assert _ident("other", "Firmware Version: V2.1.3 build 230101\nModel: QX-9000\n")[2] == "V2.1.3 build 230101"


def test_model_token_joined_to_a_firmware_key_by_words() -> None:
    assert model_before_firmware("my QX-9000 running firmware V2.1.3 drops the stream") == ["QX-9000"]
    assert model_before_firmware("the QX-9000 (firmware 2.1.3) and the QX-9100 with firmware 2.1.4") == []  # two devices
    assert model_before_firmware("I use Chrome 120 with firmware 2.1.3") == []  # a number is no model


def test_status_line_bracketed_class_before_the_model() -> None:
    assert status_line_models("12:00:01 [NVR] ZX-7608N connected, 8 channels") == [("ZX-7608N", "NVR")]
    assert status_line_models("[camera] Front door\n") == []  # a name, not a model
    assert status_line_models("CH1 [IPC] QX-2143 online\nCH2 [IPC] QX-2043 online\n") == []  # a channel list


def test_plain_model_keys_inside_a_list_of_other_devices_are_not_the_device() -> None:
    nvr = '{"deviceName": "recorder", "channels": [{"id": 1, "model": "QX-2143"}, {"id": 2, "model": "QX-2043"}]}'
    assert _ident("http", nvr)[1] is None
    isapi = ("<InputProxyChannelList><InputProxyChannel><id>1</id><sourceInputPortDescriptor><model>QX-2143</model>"
             "</sourceInputPortDescriptor></InputProxyChannel></InputProxyChannelList>")
    assert _ident("http", isapi)[1] is None
    assert _ident("http", '{"device": {"model": "ZX-7608N"}, "channels": [{"model": "QX-2143"}]}')[1] == "ZX-7608N"
