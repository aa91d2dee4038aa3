"""Labels of a device's identity in other languages (netscan/parsers/labels.py): a web UI's, a tool's or a
reporter's Modell / Modelo / Modèle / Модель / モデル / 모델 / 型号 and their firmware, software, maker and serial
labels are read as the English names the field-name conventions read. Counter-examples: a device name (its
owner's), a hardware version, labels of other things, and English names left as they are."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.parsers import fields as parse_fields
from netscan.parsers.labels import LOCAL_LABELS, label_name, local_label_pairs, norm_label
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB

MODEL = "XQ-4521WF"
FIRMWARE = "V2.7.31.180611"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _text(db: SignatureDB, raw: str) -> Identification:
    return identify(Observation(None, None, (Response("other", raw, None, ""),)), db)


def _json(db: SignatureDB, doc: object) -> Identification:
    raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps(doc, ensure_ascii=False)
    return identify(Observation(None, None, (Response("http", raw, 80, "GET /"),)), db)


@pytest.mark.parametrize(("model_label", "firmware_label"), [
    ("Modell", "Firmware-Stand"), ("Gerätemodell", "Firmwarestand"), ("Modelo", "Versión del Firmware"),
    ("Modelo", "Versão do firmware"), ("Modèle", "Version du micrologiciel"), ("Modello", "Versione del firmware"),
    ("Model", "Firmwareversie"), ("Model urządzenia", "Wersja oprogramowania sprzętowego"), ("Модель", "Версия прошивки"),
    ("Модель устройства", "Версия микропрограммы"), ("モデル", "ファームウェアバージョン"), ("機種", "ファームウェア"),
    ("모델명", "펌웨어 버전"), ("型号", "固件版本"), ("設備型號", "韌體版本"), ("Model adı", "Bellenim sürümü"),
])
def test_labels_in_other_languages_as_lines_and_as_keys(db: SignatureDB, model_label: str, firmware_label: str) -> None:
    got = _text(db, f"{model_label}: {MODEL}\n{firmware_label}: {FIRMWARE}\n")
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)
    got = _json(db, {"info": {model_label: MODEL, firmware_label: FIRMWARE}})
    assert (got.model, got.firmware) == (MODEL, FIRMWARE)


def test_xml_elements_named_in_another_language(db: SignatureDB) -> None:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n<Info><Modelo>{MODEL}</Modelo><Fabricante>Acme</Fabricante></Info>"
    got = identify(Observation(None, None, (Response("http", raw, 80, "GET /"),)), db)
    assert got.model == MODEL


def test_a_maker_label_in_another_language_is_a_manufacturer_field(db: SignatureDB) -> None:
    got = _text(db, f"Hersteller: Hangzhou Hikvision Digital Technology Co., Ltd.\nModell: {MODEL}\n")
    assert got.vendor == "Hikvision"
    got = _text(db, f"Производитель: Hangzhou Hikvision Digital Technology Co., Ltd.\nМодель: {MODEL}\n")
    assert got.vendor == "Hikvision"


def test_a_software_label_yields_to_a_firmware_label(db: SignatureDB) -> None:
    # as in English (netscan/identify/firmware.py firmware_key_share): the firmware key's version is the firmware
    got = _json(db, {"Versión del software": "3.0.1.2", "Versión del firmware": FIRMWARE})
    assert got.firmware == FIRMWARE
    assert label_name("Versión del software") == "SoftwareVersion"


@pytest.mark.parametrize("text", [
    f"Nombre del dispositivo: {MODEL}\n",  # the name its owner gave the device
    f"Имя устройства: {MODEL}\n",
    f"デバイス名: {MODEL}\n",
    f"Versión de hardware: {FIRMWARE}\n",  # a hardware version
    f"Аппаратная версия: {FIRMWARE}\n",
    "Dirección IP: 192.168.1.10\nMáscara: 255.255.255.0\n",  # labels of other things
])
def test_names_hardware_versions_and_other_labels_are_no_model_or_firmware(db: SignatureDB, text: str) -> None:
    got = _text(db, text)
    assert got.model is None
    assert got.firmware is None


def test_norm_label_drops_accents_case_and_separators() -> None:
    assert norm_label("Versión del Firmware") == "versiondelfirmware"
    assert norm_label("Numéro de série") == "numerodeserie"
    assert label_name("Versão do firmware") == "FirmwareVersion"
    assert label_name("Модель") == "Model"
    assert label_name("Model") is None  # English names are the conventions' own: no alias
    assert label_name("FirmwareVersion") is None


def test_no_english_name_is_in_the_table() -> None:
    # an English name is read by the conventions as it is; an alias of it would double its field
    for english in ("model", "modelname", "firmware", "firmwareversion", "softwareversion", "manufacturer", "serialnumber",
                    "devicename", "devicetype", "hardwareversion", "version", "name", "type", "vendor", "brand"):
        assert english not in LOCAL_LABELS


def test_the_alias_keeps_the_original_field() -> None:
    f = parse_fields(Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps({"Modelo": MODEL}), 80, "GET /"))
    assert f.get("http.json.Modelo") == [MODEL]
    assert f.get("http.json.Model") == [MODEL]


def test_ascii_text_and_names_are_not_aliased() -> None:
    f = parse_fields(Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + json.dumps({"model": MODEL, "fw": FIRMWARE}), 80, "GET /"))
    assert sorted(k for k in f if k.startswith("http.json.")) == ["http.json.fw", "http.json.model"]


def test_label_lines_are_capped() -> None:
    text = "".join(f"Модель: X{i:03d}-AB\n" for i in range(200))
    assert len(local_label_pairs(text)) == 32


def test_a_label_line_in_a_long_sentence_is_not_read() -> None:
    assert local_label_pairs("Я купил камеру, модель которой: XQ-4521WF, и она не работает\n") == []


def test_an_ascii_labels_normal_form_is_the_general_ones() -> None:
    """``norm_label``'s ASCII path (its letters and digits, lower-cased) gives what NFKD, dropping combining marks and
    case-folding give: every ASCII character, and random ASCII labels."""
    import random
    import unicodedata

    def general(label: str) -> str:
        decomposed = unicodedata.normalize("NFKD", label)
        return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()

    rnd = random.Random(15)
    labels = [chr(i) for i in range(128)] + ["".join(rnd.choice([chr(i) for i in range(128)]) for _ in range(rnd.randint(0, 24)))
                                              for _ in range(2000)]
    for label in labels:
        assert norm_label(label) == general(label), repr(label)
    assert norm_label("Versi\u00f3n del Firmware") == "versiondelfirmware"  # (the general path, unchanged)
