"""A device's identity where people write it (netscan/identify/prose.py): a form's answer on the line after
its label, the maker's name before the model in a sentence, a sentence of a paragraph too long for the line
pass, an identity line with a version, a name quoted in a utility's log line; and what collect does around
them (a maker's name first in a model field, the one record of a client's configuration) and modelname's
platform and note rules.

Real examples are training files (tests/corpus) and public issue templates; every rule has counter-examples:
a model the reporter does not own (``unlike``, ``switched from``, what software supports), two models, two
makers, versions, a label that asks about something else, a SoC in brackets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.lines import read_lines
from netscan.identify.modelname import model_extent
from netscan.identify.prose import PROSE_SOURCE, form_answers, read_prose
from netscan.model import VIDEO_TYPES, Identification
from netscan.observations import load_path, load_text
from netscan.sigdb import SignatureDB

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
#: A reporter's paragraph that names no device: it makes a text longer than a field value.
PAD = ("\n\nI have been trying to get this working for a while now and I have looked through all the other issues on "
       "this repository without finding anything that helps. The stream starts and then stops after a few seconds, "
       "and the log shows nothing useful at all for me.")


def _identify(db: SignatureDB, raw: str) -> Identification:
    obs = load_text(json.dumps({"ip": None, "mac": None, "responses": [{"protocol": "other", "port": None, "raw": raw}]}))[0]
    return identify(obs, db)


def _got(db: SignatureDB, text: str) -> list[dict[str, str]]:
    return [h.got for h in read_prose(text, db)]


# ------------------------------------------------------------------ training files

def test_form_answer_after_a_bold_label_confirmed_by_the_maker_the_text_names(db: SignatureDB) -> None:
    # homebridge-camera-ffmpeg's Tested Configuration form (Sunoo/homebridge-camera-ffmpeg
    # .github/ISSUE_TEMPLATE/tested_config.md): "**Manufacturer/Model:**", the answer below it; the note names
    # Lorex (the Lorex Home App), and the Lorex grammar reads "Lorex B451AJ"
    ident = identify(load_path(CORPUS / "lorex/lorex-b451aj-doorbell_homebridge-tested-config-hbcf1366.json")[0], db)
    assert ident.model == "B451AJ" and ident.brand == "Lorex"
    assert ident.device_type not in VIDEO_TYPES  # prose never says what the device is


def test_a_model_in_a_sentence_of_a_long_line(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "reolink/reolink-rlc-423_firmware-sentences-reolink-dev318.json")[0], db)
    assert (ident.vendor, ident.model) == ("Reolink", "RLC-423")


def test_the_makers_name_before_the_model_in_a_sentence(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "dahua/dahua-dh-db6i-doorbell_firmware-sentence-dahua230.json")[0], db)
    assert (ident.vendor, ident.model) == ("Dahua", "DH-DB6I")


def test_a_printers_name_quoted_in_a_utilitys_log_line(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "noncameras/epson-xp-2205_detect-log-firmware-epson-print-conf51.json")[0], db)
    assert ident.vendor == "Epson" and ident.device_type == "printer"


# ------------------------------------------------------------------ form answers

def test_form_answers_after_labels() -> None:
    lines = ["**Manufacturer/Model:**", "", "    [Foscam FI9821P] (the old one)", "", "**Homebridge Config:**", "", "{"]
    assert form_answers(lines) == ["Foscam FI9821P"]
    assert form_answers(["Camera model:", "RLC-510A (PoE)", ""]) == ["RLC-510A"]
    assert form_answers(["**Camera make and model (if known)**", "", "`E1 Zoom`"]) == ["E1 Zoom"]


def test_an_issue_form_heading_that_asks_for_the_model(db: SignatureDB) -> None:
    # GitHub issue forms render each field as "### <label>", a blank line, the answer (ha-asusrouter's device
    # support form in the training corpus: "### Your device model")
    ident = identify(load_path(CORPUS / "noncameras/asus-rt-ax82u_device-support-form-ha-asusrouter905.json")[0], db)
    assert ident.model == "RT-AX82U" and ident.device_type not in VIDEO_TYPES
    assert form_answers(["### Your device model", "", "RT-AX86U PRO", "", "### Firmware type", "", "Stock"]) == ["RT-AX86U PRO"]
    assert form_answers(["### Phone model", "", "SM-G991B"]) == []


@pytest.mark.parametrize("lines", [
    ["**Phone model:**", "", "SM-G991B"],  # another device's model
    ["**Detector model:**", "", "YOLOv8"],  # an AI model
    ["**Camera model:**", "", "_No response_"],  # GitHub's empty answer
    ["**Camera model:**", "", "RLC-510A and RLC-810A", "plus two more on the NVR"],  # a paragraph, not one answer
    ["**Logs:**", "", "RLC-510A"],  # the label asks for something else
])
def test_form_answers_counter_examples(lines: list[str]) -> None:
    assert form_answers(lines) == []


def test_a_form_answer_with_the_makers_short_name_first(db: SignatureDB) -> None:
    got = _got(db, "**Camera model:**\n\n[Foscam FI9821P]" + PAD)
    assert {"vendor": "Foscam"} in got and any(g.get("model") == "FI9821P" for g in got)
    ident = _identify(db, "**Camera model:**\n\n[Foscam FI9821P]" + PAD)
    assert (ident.vendor, ident.model) == ("Foscam", "FI9821P")


def test_a_form_answer_without_a_maker_is_a_model_only(db: SignatureDB) -> None:
    got = _got(db, "**Manufacturer/Model:**\n\n    QX-9000\n\n**Additional Information:**\n\nnone" + PAD)
    assert got == [{"model": "QX-9000"}]
    assert _got(db, "**Manufacturer/Model:**\n\nJAWA\n" + PAD) == []  # a maker word alone is no model


# ------------------------------------------------------------------ sentences

def test_maker_before_model_with_device_words_between(db: SignatureDB) -> None:
    got = _got(db, "I recently upgraded my Dahua doorbell camera (DH-DB6I) to the new firmware." + PAD)
    # (the model hit may also carry the maker when the code is in the maker's grammar: DH-DB doorbells, types4)
    assert got[0] == {"vendor": "Dahua"} and len(got) == 2
    assert got[1].get("model") == "DH-DB6I" and got[1].get("vendor") in (None, "Dahua")
    # a code in no grammar of the maker is read by the sentence's shape alone (DH-DB6I is now in Dahua's grammar)
    hit = next(h for h in read_prose("my Dahua doorbell camera (DH-QZ7K) stopped." + PAD, db) if "model" in h.got)
    assert hit.how == "prose" and hit.rule is None and hit.got.get("model") == "DH-QZ7K"


def test_the_model_named_as_such_beats_the_product_line_after_the_maker(db: SignatureDB) -> None:
    ident = identify(load_path(CORPUS / "annke/annke-c800-i91bm_pr-description-hikvision-next107.json")[0], db)
    assert ident.brand == "ANNKE" and ident.model == "I91BM"
    got = _got(db, "I run a Reolink Argus 3 turret, exact model QX-9000, on the old firmware." + PAD)
    assert {"model": "QX-9000"} in got and not any(g.get("model", "").startswith("Argus") for g in got)
    # counter-example: "exact model" with no maker named in the sentence says nothing here
    assert _got(db, "Tested with a turret camera, exact model QX-9000." + PAD) == []


def test_identity_line_with_a_v_prefixed_version(db: SignatureDB) -> None:
    ident = _identify(db, "Hikvision DS-2CD2143G0-I v5.5.80 192.168.1.64" + PAD)
    assert (ident.vendor, ident.model, ident.firmware) == ("Hikvision", "DS-2CD2143G0-I", "v5.5.80")
    assert any(e.source == PROSE_SOURCE and e.extracted == {"firmware": "v5.5.80"} for e in ident.evidence)


def test_a_soc_in_brackets_is_no_model(db: SignatureDB) -> None:
    ident = _identify(db, "Reolink E1 Pro camera (Hi3518) with the latest firmware (v3.0.0.2356)" + PAD)
    assert ident.vendor == "Reolink" and ident.model == "E1 Pro" and ident.firmware == "v3.0.0.2356"


def test_a_quoted_identifier_confirmed_by_a_grammar(db: SignatureDB) -> None:
    got = _got(db, 'The camera was identified as "IPC-HDW2431T-AS-S2" by the integration.' + PAD)
    assert got and all(g.get("vendor") == "Dahua" and g.get("model") == "IPC-HDW2431T-AS-S2" for g in got)
    assert _got(db, 'my camera "QX-9000" drops the stream' + PAD) == []  # no grammar, no maker: not claimed


@pytest.mark.parametrize("text", [
    "Unlike the Hikvision DS-2CD2042WD-I, this one drops the stream after a minute.",
    "I switched from a Reolink RLC-410 last year and the new one is worse.",
    "This plugin supports Reolink RLC-410 cameras.",
    "It works with Reolink.",  # a maker, no model
    "Hikvision V5.5.0 is the firmware I run.",  # a version is no model
    "The Hikvision 1080P camera drops the stream.",  # a resolution is no model
    "I use homebridge-hikvision v1.2.3 with Home Assistant 2023.4.1.",  # the plugin's and the platform's versions
    "my Hikvision DS-2CD2042WD-I and the Dahua IPC-HDW2431T both drop the stream.",  # two devices
    'Connected to "Reolink" at 10.0.0.2',  # a quoted name without a model
])
def test_sentences_that_name_no_device_of_the_reporter(db: SignatureDB, text: str) -> None:
    assert _got(db, text + PAD) == []


def test_a_model_set_against_the_reporters_is_not_read_by_the_line_pass(db: SignatureDB) -> None:
    text = "Unlike the DS-2CD2042WD-I, the new camera drops the stream." + PAD
    assert read_lines(text, db.family_matcher(keep=False)) == ()
    ident = _identify(db, text)
    assert ident.model is None and ident.vendor is None
    kept = "The DS-2CD2042WD-I drops the stream." + PAD
    assert read_lines(kept, db.family_matcher(keep=False))


def test_documents_and_device_answers_are_not_prose(db: SignatureDB) -> None:
    assert read_prose('{"model": "Hikvision DS-2CD2042WD-I"}', db) == ()
    assert read_prose("HTTP/1.1 200 OK\r\nServer: Hikvision DS-2CD2042WD-I\r\n\r\n", db) == ()


@pytest.mark.parametrize(("line", "want"), [
    ("[INFO] Found printer 'HP OfficeJet Pro 8730' at 10.0.0.2", ("HP", "OfficeJet Pro 8730")),  # a short maker's name, in capitals
    ("[INFO] Found printer 'EPSON XP-2200 Series' at 10.0.0.2", ("Epson", "XP-2200")),
    ("[INFO] Using 'Epson Connect 2' service", (None, None)),  # a service's name: no code after the maker's name
    ("[INFO] Found 'HP' at 10.0.0.2", (None, None)),  # a maker's name alone
    ("sensors:\n- vendor: Sony\n  model: 'Sony IMX307'", (None, None)),  # a component's field: the field readers'
])
def test_a_name_quoted_whole_in_a_log_line(db: SignatureDB, line: str, want: tuple[str | None, str | None]) -> None:
    ident = _identify(db, line + PAD)
    assert (ident.vendor, ident.model) == want
    assert ident.device_type not in VIDEO_TYPES


def test_a_quoted_identifier_in_lower_case_and_with_a_note(db: SignatureDB) -> None:
    got = _got(db, 'The camera was identified as "ds-2cd2042wd-i" by the integration.' + PAD)
    assert got and all(g.get("model") == "DS-2CD2042WD-I" for g in got)
    got = _got(db, 'The camera was identified as "RLC-810A (PoE)" by the integration.' + PAD)
    assert got and all(g.get("model") == "RLC-810A" for g in got)


def test_identity_line_with_a_build_after_the_version(db: SignatureDB) -> None:
    got = _got(db, "- Acme QX-9000 V5.5.0build 180718 192.168.1.10" + PAD)
    assert got == []  # Acme is no maker netscan knows: nothing
    got = _got(db, "- Annke QX-9000 V5.5.0build 180718 192.168.1.10" + PAD)
    assert {"firmware": "V5.5.0build 180718"} in got and {"model": "QX-9000"} in got


def test_a_device_field_quoted_in_a_sentence(db: SignatureDB) -> None:
    got = _got(db, 'The `model` field in the device info says "QX-9000" for my camera.' + PAD)
    assert got == [{"model": "QX-9000"}]
    assert _got(db, 'The `firmwareVersion` it returns is "V5.5.80" here.' + PAD) == [{"firmware": "V5.5.80"}]
    assert _got(db, 'The `name` field says "Front QX-9000".' + PAD) == []  # a field of another name
    assert _got(db, 'The `model` I tried first was "QX-9000", compared to the new one.' + PAD) == []


# ------------------------------------------------------------------ collect: a maker's name first in a model field

def test_makers_short_name_first_in_a_model_field_names_the_maker(db: SignatureDB) -> None:
    ident = _identify(db, "### Camera model\n\nReolink E1 Zoom\n" + PAD)
    assert (ident.vendor, ident.model) == ("Reolink", "E1 Zoom")
    assert _identify(db, "### Camera model\n\nE1 Zoom\n" + PAD).vendor is None


# ------------------------------------------------------------------ collect: the one record of a client's configuration

@pytest.mark.parametrize(("doc", "model"), [
    ({"cameras": {"front": {"manufacturer": "Acme", "model": "ABC-123", "firmware": "1.2.3"}}}, "ABC-123"),
    ({"data": {"devices": [{"manufacturer": "Acme", "model": "ABC-123", "sw_version": "1.0.4", "name": "Front"}]}}, "ABC-123"),
    ({"channels": [{"name": "Front", "manufacturer": "Acme", "model": "ABC-123", "firmwareVersion": "1.2.3"}]}, "ABC-123"),
    # two members: a list of devices, none of them this one
    ({"cameras": {"front": {"manufacturer": "Acme", "model": "ABC-123", "firmware": "1.2.3"},
                  "back": {"manufacturer": "Acme", "model": "XYZ-9", "firmware": "1.2.3"}}}, None),
    # a recorder's channel entry (no maker, no firmware beside the model): another device's
    ({"channels": [{"name": "Front", "model": "ABC-123", "ipAddress": "10.0.0.2"}]}, None),
])
def test_the_one_record_of_a_client_configuration(db: SignatureDB, doc: dict[str, object], model: str | None) -> None:
    assert _identify(db, json.dumps(doc)).model == model


# ------------------------------------------------------------------ modelname

@pytest.mark.parametrize(("value", "model"), [
    ("Hi3518", ""), ("Hi3516EV300", ""), ("GK7205V300", ""), ("RV1126", ""), ("SSC335", ""),
    ("HI3516EV300_85H50AI", "HI3516EV300_85H50AI"),  # a SoC joined to a board code: Xiongmai's model
    ("E1 Zoom (the white one)", "E1 Zoom"),
    ("FRITZ!Box 6360 Cable (um)", "FRITZ!Box 6360 Cable (um)"),  # one word in brackets: the maker's
    ("DS-KV8213-WME1(C)", "DS-KV8213-WME1(C)"),
    ("DS-2CD2042WD-I: 0x0", "DS-2CD2042WD-I"), ("E1 Zoom: 88", "E1 Zoom"),  # a hardware id after a colon
    ("Sonos PLAY:1", "Sonos PLAY:1"), ("12:34", "12:34"),  # the maker's own colon; no code before it
])
def test_model_extent_platform_and_notes(value: str, model: str) -> None:
    assert model_extent(value) == model


# ------------------------------------------------------------------ a run-together make-and-model value

@pytest.mark.parametrize(("realm", "want"), [
    ("AmcrestIP4M-1041B", ("Dahua", "Amcrest", "IP4M-1041B")),  # a label's name glued to its code: the label's grammar
    ("TapoC200", ("TP-Link", "Tapo", "C200")),
    ("HikvisionDS-2CD2042WD-I", ("Hikvision", None, "DS-2CD2042WD-I")),
    ("WYZEC1-JZ", ("Wyze", None, "WYZEC1-JZ")),  # the maker's own code begins with its name: kept whole
])
def test_run_together_make_and_model_in_a_realm(db: SignatureDB, realm: str, want: tuple[str, str | None, str]) -> None:
    raw = f'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="{realm}", nonce="abc"\r\n\r\n'
    obs = load_text(json.dumps({"ip": None, "mac": None, "responses": [{"protocol": "rtsp", "port": 554, "raw": raw}]}))[0]
    ident = identify(obs, db)
    assert (ident.vendor, ident.brand, ident.model) == want
