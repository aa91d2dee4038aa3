"""A model the device's own answer labels as its model, read with no maker known (lane models7): the ``Label: value``
lines a device's HTML page shows (netscan/parsers/shapes.py ``page_text_pairs``), a short describing field that is one
code and the class of device (signatures/families/generic.yaml ``semantic-model-code-then-class``), and TP-Link's
universal market code dropped from a model (netscan/identify/modelname.py ``_REGIONS``). Every reader has
counter-examples: a list of devices, a form's choices, a script, a shop page, a component, a resolution or codec
word must not become the model, and a model without a maker names no maker and makes no non-camera a camera."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.identify.modelname import model_extent
from netscan.model import VIDEO_TYPES, Identification
from netscan.observations import load_text
from netscan.parsers.shapes import page_text_pairs
from netscan.sigdb import SignatureDB


def _page(body: str, ctype: str = "text/html") -> str:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n{body}"


def _identify(db: SignatureDB, raw: str, protocol: str = "http", port: int | None = 80) -> Identification:
    obs = load_text(json.dumps({"ip": "10.0.0.5", "mac": None, "responses": [{"protocol": protocol, "port": port, "raw": raw}]}))[0]
    return identify(obs, db)


# ------------------------------------------------------------------ a page's rendered "Label: value" lines

@pytest.mark.parametrize("body", [
    "<html><body>Model: XC-2210<br>Firmware: V2.4.1</body></html>",
    "<html><body><div><b>Model:</b> XC-2210<br><span>Firmware:</span> <span>V2.4.1</span></div></body></html>",
    "<html><body><dl><dt>Model</dt><dd>XC-2210</dd><dt>Firmware</dt><dd>V2.4.1</dd></dl></body></html>",
    "<html><body><form><label>Model</label>: <input type='text' value='XC-2210' readonly><br>"
    "<label>Firmware</label>: <input type=\"text\" value=\"V2.4.1\" readonly></form></body></html>",
    "<html><body><table><tr><td class='l'>Model:</td>\n<td class='v'><span>XC-2210</span></td><td></td></tr>"
    "<tr><td>Firmware:</td><td>V2.4.1</td></tr></table></body></html>",
])
def test_page_label_lines(body: str) -> None:
    assert dict(page_text_pairs(body)) == {"Model": "XC-2210", "Firmware": "V2.4.1"}


def test_page_label_lines_guards() -> None:
    # a label given two different values is a list (an NVR's channels, a catalogue): none of them
    assert page_text_pairs("<html><body><p>Model: DS-2CD2042WD-I</p><p>Model: DS-2CD2142FWD-I</p></body></html>") == []
    # the same value twice is one
    assert page_text_pairs("<html><body><p>Model: XC-2210</p><div>Model: XC-2210</div></body></html>") == [("Model", "XC-2210")]
    # a form's choices, a script, a comment and a style are not the page's shown text
    hidden = ("<html><head><script>document.write('Model: XC-9999<br>')</script><style>p{x:y}</style></head><body>"
              "<!-- Model: XC-1111 --><select name='m'><option>Model: XC-3333</option></select>Model: XC-2210<br></body></html>")
    assert page_text_pairs(hidden) == [("Model", "XC-2210")]
    # a shop's page sells products: nothing
    assert page_text_pairs("<html><body><h1>Camera</h1>Model: XC-2210<br>Price: $49<br><button>Add to cart</button></body></html>") == []
    # a hidden input is no shown value; a URL is no value
    assert page_text_pairs("<html><body>Model: <input type='hidden' value='XC-2210'><br>Help: http://x.example/m<br></body></html>") == []


def test_page_model_without_a_maker(db: SignatureDB) -> None:
    ident = _identify(db, _page("<html><body>Model: XC-2210<br>Firmware: V2.4.1</body></html>"))
    assert (ident.model, ident.firmware) == ("XC-2210", "V2.4.1")
    assert ident.vendor is None and ident.brand is None and ident.device_type not in VIDEO_TYPES  # names no maker, no type


def test_page_model_counter_examples(db: SignatureDB) -> None:
    # a component's model (the sensor, the lens) is not the device's
    ident = _identify(db, _page("<html><body><div>Sensor Model: IMX307<br>Lens Model: M12-2.8mm</div></body></html>"))
    assert ident.model is None
    # a router's status page: its model, never a camera
    ident = _identify(db, _page("<html><body><table><tr><td>Model Name:</td><td>XR-5400</td></tr></table>"
                                "Firmware Version: 1.0.4.118<br></body></html>"))
    assert ident.model == "XR-5400" and ident.device_type not in VIDEO_TYPES and ident.vendor is None
    # an NVR page listing its cameras' models: none is the device's
    ident = _identify(db, _page("<html><body><li>Model: XC-2210</li><li>Model: XC-3310</li></body></html>"))
    assert ident.model is None


# ------------------------------------------------------------------ a code and the class of device, whole

def test_title_code_then_class(db: SignatureDB) -> None:
    ident = _identify(db, _page("<html><head><title>XC-2210 Network Camera</title></head><body></body></html>"))
    assert ident.model == "XC-2210" and ident.vendor is None
    ident = _identify(db, "SNMPv2-MIB::sysDescr.0 = STRING: NVR-4108 Network Video Recorder\n", "snmp", 161)
    assert ident.model == "NVR-4108" and ident.vendor is None


@pytest.mark.parametrize("title", ["1080P Network Camera", "H.264 Network Camera", "Network Camera", "USB2.0 Camera",
                                   "4G Camera", "Buy XC-2210 Network Camera", "XC-2210 Network Camera - Shop"])
def test_title_code_then_class_counter_examples(db: SignatureDB, title: str) -> None:
    ident = _identify(db, _page(f"<html><head><title>{title}</title></head><body></body></html>"))
    assert ident.model is None


# ------------------------------------------------------------------ TP-Link's universal market code

def test_universal_market_code_dropped() -> None:
    assert model_extent("KC100(UN)") == "KC100"
    assert model_extent("KL430(UN)") == "KL430"
    # a one-letter hardware revision and a slash variant are the maker's model
    assert model_extent("DS-KV8213-WME1(C)") == "DS-KV8213-WME1(C)"
    assert model_extent("DS-7608NI-I2/8P") == "DS-7608NI-I2/8P"
    # a bracket that is not a market code stays
    assert model_extent("FRITZ!Box 6360 Cable (um)") == "FRITZ!Box 6360 Cable (um)"


# ------------------------------------------------------------------ a command that prints the model key, and its answer

@pytest.mark.parametrize(("text", "want"), [
    ("/ # cat /proc/device-tree/model\nXC-2210\x00\n/ # ", [("model", "XC-2210")]),
    ("\u279c  ~ hdhomerun_config 1251E8E2 get /sys/hwmodel\nHDHR5-4DT\n\u279c  ~ ", [("hwmodel", "HDHR5-4DT")]),
    ("root@cam:~# nvram get model\nXC-2210\nroot@cam:~# ", [("model", "XC-2210")]),
    ("[root@cam /]# uci get system.@system[0].model\nXC-2210\n", [("model", "XC-2210")]),
])
def test_getter_answers(text: str, want: list[tuple[str, str]]) -> None:
    from netscan.parsers.console import getter_answers

    assert getter_answers(text) == want


@pytest.mark.parametrize("text", [
    "/ # cat /proc/device-tree/model\nHisilicon HI3516DV300 DEMO Board\n/ # ",  # the SoC maker's evaluation board
    "# cat /proc/device-tree/model\n\n# ",  # no answer
    "# cat /etc/model\nXC-2210\nXC-3310\n# ",  # two lines: not one value
    "# cat /proc/cpuinfo\nmodel name : ARMv7 Processor rev 5 (v7l)\n# ",  # not a model key's getter
    "# cat /etc/version\nV2.4.1\n# ",  # another key
    "cat /proc/device-tree/model\nXC-2210\n",  # no prompt: a reporter's sentence, not a transcript
])
def test_getter_answers_counter_examples(text: str) -> None:
    from netscan.parsers.console import getter_answers

    assert getter_answers(text) == []


def test_getter_model_names_no_maker(db: SignatureDB) -> None:
    ident = _identify(db, "/ # cat /proc/device-tree/model\nXC-2210\n/ # ", "other", None)
    assert ident.model == "XC-2210" and ident.vendor is None and ident.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ a variant suffix written apart

def test_spaced_poe_variant_joined(db: SignatureDB) -> None:
    assert model_extent("DS-7616NI-K2 / 16P") == "DS-7616NI-K2/16P"
    ident = _identify(db, "I have enabled snmp in my NVR\n\nThen model is : DS-7616NI-K2 / 16P", "other", None)
    assert ident.model == "DS-7616NI-K2/16P" and ident.vendor == "Hikvision"
    # a slash between two models, a channel count, a fraction: not a variant
    assert model_extent("DS-7616NI-K2 / 16 channels") == "DS-7616NI-K2 / 16 channels"
    assert model_extent("XC-2210 / XC-3310") == "XC-2210 / XC-3310"
    ident = _identify(db, "NVR model: DS-7616NI-K2 / 16 channels", "other", None)
    assert ident.model == "DS-7616NI-K2"
