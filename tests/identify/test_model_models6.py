"""Model extraction where the device's text writes the model out (lane models6): the reporter's own device
named by its model alone in a sentence (netscan/identify/prose.py ``_OWNED``), a processor's name in a model
field (netscan/identify/modelname.py ``_CPU_NAME``), a model-number label after a word naming the device, and
homebridge-hue's bridge line (signatures/families/generic.yaml). Every rule has counter-examples: a CPU, a SoC,
a version, a product-class word, an app name must not become a model; a model must not swallow the next word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.modelname import model_extent
from netscan.identify.prose import read_prose
from netscan.model import VIDEO_TYPES, Identification
from netscan.observations import load_path, load_text
from netscan.sigdb import SignatureDB
from netscan.sigdb.makernames import model_without_maker

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _identify(db: SignatureDB, raw: str, protocol: str = "other") -> Identification:
    obs = load_text(json.dumps({"ip": None, "mac": None, "responses": [{"protocol": protocol, "port": None, "raw": raw}]}))[0]
    return identify(obs, db)


def _models(db: SignatureDB, text: str) -> list[str]:
    return [h.got["model"] for h in read_prose(text, db) if "model" in h.got]


# ------------------------------------------------------------------ the reporter's own device by its model alone

def test_a_purchased_device_named_by_its_model_with_its_maker_elsewhere(db: SignatureDB) -> None:
    # rroller/dahua#134: "I've purchased an AD410 ..., Amcrest pushed a new firmware to the AD410"
    ident = identify(load_path(CORPUS / "dahua/amcrest-ad410_firmware-sentence-dahua134.json")[0], db)
    assert ident.model == "AD410" and "Amcrest" in (ident.vendor, ident.brand)


def test_my_model_camera_without_a_maker(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "white-label/xy-r9820-f4-camera_original-firmware-board-yi-rts3903n7.json")[0], db)
    assert ident.model == "XY-R9820-F4"


def test_the_model_word_after_a_code_with_the_makers_name_in_brackets(db: SignatureDB) -> None:
    # a telnet transcript (cpuinfo's "model name : ARMv7 Processor rev 5 (v7l)") under the reporter's sentence
    ident = identify(load_path(CORPUS / "white-label/ohwoai-k8208-w_telnet-proc-version-cpuinfo-mtd-hi3536dv100-10.json")[0], db)
    assert ident.model == "K8208-W"


@pytest.mark.parametrize(("text", "want"), [
    ("I bought an XY-R9820-F4 last week and the stream stops.", ["XY-R9820-F4"]),
    ("The stream on my E1 Pro camera stops after a minute.", ["E1 Pro"]),
    ("Same here with the K8208-W model, it reboots every night.", ["K8208-W"]),
    ("Added TVT/Secutech NVR model NVR-0808B2-8P", ["NVR-0808B2-8P"]),
    ("Same with camera model C6N here.", ["C6N"]),
])
def test_owned_cues_read_the_code(db: SignatureDB, text: str, want: list[str]) -> None:
    assert _models(db, text) == want


@pytest.mark.parametrize("text", [
    "I have a 4K camera on the porch and it stops every night.",          # a qualifier, no code
    "I have v5.5.80 on it and the stream stops every night.",            # a version
    "I bought an RTX3080 last week and the stream stops.",               # a code, but nothing says it is the device
    "I have Home Assistant 2023.12.1 and the stream stops.",             # an app and its version
    "My Hi3518EV300 camera reboots every night.",                        # a SoC's code
    "My GK7205V300 camera reboots every night.",                         # a SoC's code
    "I have two cameras and my 1080P camera reboots every night.",       # a resolution
    "Unlike my RLC-410 camera, this one reboots every night.",           # set against the reporter's own
    "The NVR model supports 8 channels.",                                # a word, no code, after "model"
    "My camera model: unknown, sorry.",                                  # a placeholder
    "The camera model V5.5.80 works.",                                   # a version
])
def test_owned_cues_counter_examples(db: SignatureDB, text: str) -> None:
    assert _models(db, text) == []


def test_an_owned_code_does_not_swallow_the_next_word(db: SignatureDB) -> None:
    assert _models(db, "I bought an XY-R9820-F4 yesterday and it works.") == ["XY-R9820-F4"]
    assert _models(db, "Everything works on my XY-R9820-F4 Firmware too.") == ["XY-R9820-F4"]


def test_an_owned_code_names_no_device_type(db: SignatureDB) -> None:
    ident = _identify(db, "I bought an XY-R9820-F4 last week and the stream stops.")
    assert ident.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ a processor's name is no model

@pytest.mark.parametrize("value", [
    "ARMv7 Processor rev 5 (v7l)", "ARM926EJ-S rev 5 (v5l)", "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz",
    "AMD Ryzen 5 3600 6-Core Processor", "Intel(R) Atom(TM) CPU D2550   @ 1.86GHz",
])
def test_a_processors_name_is_no_model(value: str) -> None:
    assert model_extent(value) == ""


@pytest.mark.parametrize("value", ["DS-2CD2042WD-I", "E1 Pro", "FI9821P V2", "Wyze Cam v3", "DS-KV8213-WME1(C)", "RouterBOARD 750UP r2",
                                   "Photosmart 5520 series"])
def test_models_are_not_processors(value: str) -> None:
    assert model_extent(value) == value


def test_cpuinfo_model_name_is_not_the_devices_model(db: SignatureDB) -> None:
    ident = _identify(db, "processor\t: 0\nmodel name\t: ARMv7 Processor rev 5 (v7l)\nBogoMIPS\t: 1685.91\nHardware\t: Hisilicon Hi3536DV100",
                      "telnet")
    assert ident.model is None


# ------------------------------------------------------------------ field labels and a client's log line

def test_a_device_model_number_label(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "qnap/qnap-ts-431_compatibility-form-qnapstats33.json")[0], db)
    assert ident.model == "TS-431"


def test_a_phone_model_number_label_is_not_the_device(db: SignatureDB) -> None:
    assert _identify(db, "It seems to work on my:\n**Phone Model Number**: SM-G991B\n**App Version**: 4.3.4").model is None


@pytest.mark.parametrize("name", ["philips-hue-bridge-bsb002_plugin-log-api-only-homebridge-hue105.json",
                                  "philips-hue-bridge-bsb002_plugin-log-homebridge-hue454.json",
                                  "philips-hue-bridge-bsb002_plugin-log-homebridge-hue751.json"])
def test_homebridge_hue_bridge_line_names_the_bridges_model(db: SignatureDB, name: str) -> None:
    ident = identify(load_path(CORPUS / "noncameras" / name)[0], db)
    assert ident.model == "BSB002" and ident.device_type not in VIDEO_TYPES


def test_homebridge_hue_gateway_without_a_code_names_no_model(db: SignatureDB) -> None:
    assert _identify(db, "[Hue] deCONZ: dresden elektronik deCONZ gateway v2.05.69, api v1.16.0").model is None


# ------------------------------------------------------------------ the maker's own name before a product's name of several words

@pytest.mark.parametrize(("value", "want"), [
    ("Ubiquiti Loco M XW", "Loco M XW"),               # OpenWrt's device tree model "<Maker> <Model>" (ubus system board)
    ("Ubiquiti Nanostation M XW", "Nanostation M XW"),
    ("Sonos One", "Sonos One"),                         # one word after the maker: the name as sold
    ("Netatmo Doorbell", "Netatmo Doorbell"),
    ("Chromecast Audio", "Chromecast Audio"),           # a product line's alias, not the maker's own name
    ("Wyze Cam v3", "Wyze Cam v3"),                     # a device-class word first
    ("Ring Video Doorbell", "Ring Video Doorbell"),
    ("Ubiquiti Networks Device", "Ubiquiti Networks Device"),  # the rest of the company's name
    ("Axis Communications AB", "Axis Communications AB"),
    ("Ubiquiti networks device", "Ubiquiti networks device"),  # words in lower case: a description
])
def test_makers_own_name_before_a_product_name_of_several_words(db: SignatureDB, value: str, want: str) -> None:
    assert model_without_maker(db, value) == want


def test_ubus_system_board_model_without_the_maker(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "noncameras/ubiquiti-loco-m-xw_openwrt-ubus-system-board-asu26.json")[0], db)
    assert (ident.vendor, ident.model) == ("Ubiquiti", "Loco M XW")


@pytest.mark.parametrize(("name", "want"), [("brother-hl-2270dw_fwupd-debug-log-request-brother-fwupd23.json", "HL-2270DW"),
                                            ("brother-hl-l2375dw_fwupd-detection-log-brother-fwupd7.json", "HL-L2375DW")])
def test_brother_firmware_tool_detected_line_names_the_model(db: SignatureDB, name: str, want: str) -> None:
    ident = identify(load_path(CORPUS / "brother" / name)[0], db)
    assert ident.model == want and ident.device_type not in VIDEO_TYPES


@pytest.mark.parametrize("raw", ["[i] Detected 2 printers with following firmware versions: none",
                                 "[i] Detected MAIN@1.19 with following firmware version(s): MAIN@1.19",
                                 "Detected HL-2270DW series and others, firmware version 1.19"])
def test_brother_firmware_tool_counter_examples(db: SignatureDB, raw: str) -> None:
    assert _identify(db, raw).model is None



def test_samsung_tv_platform_code_yields_to_the_model_name(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "samsung/samsung-gq77s95fatxzg-tv_device-info-dict-samsungtv-smart3.json")[0], db)
    assert ident.model == "GQ77S95FATXZG"


def test_dns_sd_printer_instance_name_names_the_model(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "noncameras/hp-officejet-pro-8730_dns-sd-record-head-ippusbxd11.json")[0], db)
    assert (ident.vendor, ident.model) == ("HP", "OfficeJet Pro 8730")


@pytest.mark.parametrize("name", ["Office printer [08C229]", "HP OfficeJet Pro 8730", "Kitchen speaker 2"])
def test_dns_sd_instance_names_without_the_printer_shape_name_no_model(db: SignatureDB, name: str) -> None:
    assert _identify(db, f"Service Type: _ipp._tcp\nService Name: {name}\nDomain Name: local\n").model is None
