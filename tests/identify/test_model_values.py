"""What of a claimed model value is the model (netscan/identify/modelname.py ``model_extent``, applied to
every model claim in resolve.py; docs/signatures.md "Model values"), a maker's name joined to a code
(netscan/sigdb/makernames.py ``model_without_maker``) and a code written in lower case (netscan/identify/
collect.py ``_lower_case_code``). Every normalisation has its counter-example: what the maker's own API
reports as part of the model is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.modelname import model_extent, model_generic
from netscan.model import Identification, Observation, Response
from netscan.sigdb.db import SignatureDB, default_db, load_db
from netscan.sigdb.makernames import model_without_maker

_JSON = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"


def _onvif(model: str, manufacturer: str = "General") -> str:
    return ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">'
            f"<s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>{manufacturer}</tds:Manufacturer><tds:Model>{model}"
            "</tds:Model><tds:FirmwareVersion>2.4</tds:FirmwareVersion><tds:SerialNumber>0</tds:SerialNumber>"
            "<tds:HardwareId>1.0</tds:HardwareId></tds:GetDeviceInformationResponse></s:Body></s:Envelope>")


def _run(db: SignatureDB, *responses: tuple[str, str, int]) -> Identification:
    return identify(Observation(None, None, tuple(Response(p, raw, port, "") for p, raw, port in responses)), db)


# ------------------------------------------------------------------ device-class phrases are no model


@pytest.mark.parametrize("value", ["IP Camera", "IPCamera", "IPCAM", "IPC", "Camera", "Network Camera", "HD IP Camera",
                                   "1080P IP Camera", "5MP PoE IP Camera", "WiFi Camera", "Smart Camera", "Wireless IP Camera",
                                   "NVR", "DVR", "XVR", "Network Video Recorder", "Digital Video Recorder", "Video Server",
                                   "PTZ Dome Camera", "Indoor Cam", "N/A", "unknown", "--", "0", "  ",
                                   # values of another kind: a version, an address, a UUID
                                   "V5.5.80", "2.800.0000000.16.R", "1.0", "192.168.1.10", "44:19:B6:11:22:33",
                                   "12345678-1234-1234-abcd-123456789abc"])
def test_device_class_phrases_and_placeholders_name_no_model(value: str) -> None:
    assert model_generic(value)
    assert model_extent(value) == ""


@pytest.mark.parametrize("value", ["3500X", "5010", "PLAY:1", "5.0-H3-DP1", "2.0C-H5A-DO1", "E1 Pro", "Video Doorbell", "Indoor Cam 2K", "UVC G4 Doorbell Pro", "Sonos One", "AI Port",
                                   "Roku Stick", "IPC_388M", "XVR5108HS-4KL-I3", "NVR4108HS-4KS2", "DS-2CD2143G0-I", "S12"])
def test_product_names_and_codes_are_models(value: str) -> None:
    # counter-examples: a product's name of words, a code that begins with a class word (Dahua's XVR/NVR lines)
    assert not model_generic(value)
    assert model_extent(value) == value


def test_onvif_model_of_a_device_class_is_no_model(db: SignatureDB) -> None:
    # a white-label ONVIF answer (Manufacturer "IP camera", Model "IP Camera": the GetDeviceInformation
    # of VStarcam/Veepai firmware, as client test fixtures record it)
    got = _run(db, ("onvif", _onvif("IP Camera", "IP camera"), 80))
    assert got.model is None
    assert got.device_type == "camera"  # the class still types the device


def test_model_code_elsewhere_wins_over_a_device_class_model(db: SignatureDB) -> None:
    upnp = ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
            "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>Cam</friendlyName>"
            "<manufacturer>Foscam</manufacturer><modelName>IP Camera</modelName><modelNumber>FI9821W</modelNumber></device></root>")
    got = _run(db, ("onvif", _onvif("Network Camera"), 80), ("upnp", upnp, 49152))
    assert got.model == "FI9821W"


# ------------------------------------------------------------------ what follows a code


@pytest.mark.parametrize(("value", "want"), [
    # Axis param.cgi: ProdFullName "AXIS M3024-L Network Camera" beside ProdNbr "M3024-L"
    # (Kane610/axis tests/parameters/test_brand.py); the maker's name goes in makernames
    ("M3024-L Network Camera", "M3024-L"),
    ("IPC-HDW2431T-AS IP Camera", "IPC-HDW2431T-AS"),
    # Tapo getDeviceInfo: device_info "C210 1.0 IPC", device_name "C210 1.0", device_model "C210", hw_version "1.0"
    # (python-kasa tests/fixtures/smartcam/C210(EU)_1.0_1.4.7.json)
    ("C210 1.0 IPC", "C210"),
    ("C210 1.0", "C210"),
    ("C6 1080P Camera", "C6"),
])
def test_device_class_phrase_or_hardware_version_after_a_code_is_not_the_model(value: str, want: str) -> None:
    assert model_extent(value) == want


@pytest.mark.parametrize("value", ["FI9821P V2", "Wyze Cam v3", "RLC-410-5MP", "LaserJet 400 M401dn", "FRITZ!Box 7530",
                                   "IPC-HDW2431T-AS-0280B", "Doorbell 2"])
def test_generations_and_maker_suffixes_are_kept(value: str) -> None:
    # a generation written with V names another product; a code's own dashed suffix is the maker's
    assert model_extent(value) == value


def test_a_resolution_before_a_class_word_is_no_code() -> None:
    assert model_extent("1080P IP Camera") == ""
    assert model_extent("5MP 2.0") == ""


# ------------------------------------------------------------------ brackets


@pytest.mark.parametrize(("value", "want"), [
    # TP-Link's market suffix: python-kasa names fixtures <model>(<region>) and the device_model
    # of the C210(EU) fixture is "C210"; Kasa's get_sysinfo "model" is "HS107(US)"
    ("KP115(US)", "KP115"), ("C520WS (EU)", "C520WS"), ("P300[EU]", "P300"), ("KH100(UK)", "KH100"),
])
def test_region_code_in_brackets_is_dropped(value: str, want: str) -> None:
    assert model_extent(value) == want


@pytest.mark.parametrize("value", ["DS-KV8213-WME1(C)", "DS-N308(C)", "DS-KD8003-IME1(B)", "iDS-7208HQHI-M1(A)/S(C)",
                                   "DS-7608NI-I2/8P", "DS-7616NI-K2/16P", "FRITZ!Box 6360 Cable (um)", "XY-12(PT)"])
def test_revision_letters_port_suffixes_and_other_brackets_are_kept(value: str) -> None:
    # Hikvision's ISAPI deviceInfo reports the hardware revision and the PoE-port suffix as part of the model
    # (maciej-or/hikvision_next fixtures); a bracket that is not a market code, or the whole value, stays
    assert model_extent(value) == value


@pytest.mark.parametrize(("value", "want"), [
    ('"DS-2CD2143G0-I"', "DS-2CD2143G0-I"), ("[DS-2CD2143G0-I]", "DS-2CD2143G0-I"), ("(DS-2CD2143G0-I)", "DS-2CD2143G0-I"),
    ("DS-2CD2143G0-I)", "DS-2CD2143G0-I"), ("DS-2CD2143G0-I.", "DS-2CD2143G0-I"), ("  RLC-410 ", "RLC-410"),
    ("(a) b", "(a) b"),
])
def test_wrapping_pairs_and_trailing_punctuation_are_the_writers(value: str, want: str) -> None:
    assert model_extent(value) == want


def test_region_code_dropped_end_to_end(db: SignatureDB) -> None:
    got = _run(db, ("http", _JSON + json.dumps({"system": {"get_sysinfo": {"model": "KP115(US)", "sw_ver": "1.0.8"}}}), 80))
    assert got.model == "KP115"


# ------------------------------------------------------------------ a maker's name joined to the code


@pytest.mark.parametrize(("value", "want"), [
    ("Hikvision-DS-2CD2143G0-I", "DS-2CD2143G0-I"), ("HIKVISION_DS-2CD2143G0-I", "DS-2CD2143G0-I"),
    ("Reolink_RLC-410", "RLC-410"), ("AXIS M1054", "M1054"),
])
def test_maker_name_joined_to_a_dashed_code_is_dropped(db: SignatureDB, value: str, want: str) -> None:
    assert model_without_maker(db, value) == want


@pytest.mark.parametrize("value", ["WYZE_CAKP2JFUS", "WYZEC1-JZ", "DS-2CD2143G0-I", "IPC-HDW2431T-AS", "TL-IPC637P-ZOOM-DUAL",
                                   "DH-IPC-HDW2431T-AS", "MS-C2963-PB", "Wyze Cam v3", "Ring Video Doorbell 2", "Nest Cam IQ",
                                   "Roku Stick"])
def test_maker_code_prefixes_and_product_names_are_kept(db: SignatureDB, value: str) -> None:
    # a maker's own code keeps its maker's letters (Wyze's WYZE_CAKP2JFUS: docker-wyze-bridge); a code's own
    # first dash segment is no maker (DS, IPC, TL, DH, MS); a class word after the maker's name is a name as sold
    assert model_without_maker(db, value) == value


def test_maker_joined_to_code_end_to_end(db: SignatureDB) -> None:
    got = _run(db, ("http", _JSON + json.dumps({"deviceInfo": {"model": "Hikvision-DS-2CD2143G0-I"}}), 80))
    assert (got.vendor, got.model) == ("Hikvision", "DS-2CD2143G0-I")


def test_wyze_product_name_keeps_its_maker_word(db: SignatureDB) -> None:
    got = _run(db, ("http", _JSON + json.dumps({"deviceInfo": {"model": "Wyze Cam v3"}}), 80))
    assert got.model == "Wyze Cam v3"


# ------------------------------------------------------------------ case


def test_lower_case_code_in_a_model_field_is_read_by_the_family_grammar(db: SignatureDB) -> None:
    got = _run(db, ("http", _JSON + json.dumps({"deviceInfo": {"model": "ds-2cd2143g0-i"}}), 80))
    assert got.vendor == "Hikvision"
    assert (got.model or "").casefold() == "ds-2cd2143g0-i"
    assert any("written in lower case" in e.detail for e in got.evidence)


@pytest.mark.parametrize("value", ["ds-2cd2143g0-i firmware", "my-camera-1", "c200x-some-thing-else"])
def test_lower_case_text_that_is_not_one_code_names_no_maker(db: SignatureDB, value: str) -> None:
    # counter-examples: words, a name, a value a grammar reads only part of
    got = _run(db, ("http", _JSON + json.dumps({"deviceInfo": {"model": value}}), 80))
    assert not any("written in lower case" in e.detail for e in got.evidence)


def test_lower_case_code_not_in_a_model_field_is_not_upper_cased(db: SignatureDB) -> None:
    got = _run(db, ("http", _JSON + json.dumps({"deviceInfo": {"comment": "ds-2cd2143g0-i"}}), 80))
    assert got.vendor is None


# ------------------------------------------------------------------ a maker's name glued to the code


@pytest.mark.parametrize(("value", "vendor", "model"), [
    ("HIKVISIONDS-2CD2143G0-I", "Hikvision", "DS-2CD2143G0-I"), ("DahuaIPC-HDW2431T-AS", "Dahua", "IPC-HDW2431T-AS"),
    ("ReolinkRLC-410", "Reolink", "RLC-410"), ("AXISM1054", "Axis", "M1054"),
])
def test_maker_name_glued_to_its_code_is_split_where_its_grammar_reads_the_code(db: SignatureDB, value: str, vendor: str,
                                                                                 model: str) -> None:
    # markup taken out of a page without a blank leaves the logo's maker name run on into the model
    for raw in (_JSON + json.dumps({"deviceInfo": {"model": value}}),
                f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>{value}</title></html>"):
        got = _run(db, ("http", raw, 80))
        assert (got.vendor, got.model) == (vendor, model)


@pytest.mark.parametrize("value", ["WYZEC1-JZ", "DahuaXYZ-12", "HikvisionRocks2023", "JavaScript1.8", "AXISM"])
def test_glued_name_is_not_split_where_the_makers_grammar_reads_no_code(db: SignatureDB, value: str) -> None:
    # counter-examples: a maker's own code that begins with its name (Wyze: docker-wyze-bridge), a code no
    # grammar of that maker reads, words, no code at all
    assert model_without_maker(db, value) == value
    got = _run(db, ("http", f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>{value}</title></html>", 80))
    assert not any(e.extracted.get("model") and e.extracted["model"] != value and value.endswith(e.extracted["model"])
                   for e in got.evidence)


# ------------------------------------------------------------------ the only camera of a client's camera list


def _config(cameras: list[dict[str, object]], **top: object) -> str:
    # Homebridge camera-ffmpeg's config shape (homebridge-plugins/homebridge-camera-ffmpeg pull 309)
    return json.dumps({"platform": "Camera-ffmpeg", **top, "cameras": cameras})


def test_model_of_the_only_camera_in_a_list_is_the_devices(db: SignatureDB) -> None:
    cam = {"name": "Camera Name", "manufacturer": "ACME, Inc.", "model": "ABC-123", "firmwareRevision": "1.0"}
    got = _run(db, ("other", _config([cam]), 0))
    assert got.model == "ABC-123"
    assert any("only camera" in e.detail for e in got.evidence)


def test_a_list_of_several_cameras_names_no_model(db: SignatureDB) -> None:
    # counter-example: a recorder's or a client's list of two cameras is other devices'
    cams = [{"name": "a", "model": "ABC-123"}, {"name": "b", "model": "XYZ-789"}]
    got = _run(db, ("other", _config(cams), 0))
    assert got.model is None


def test_the_documents_own_model_outweighs_its_only_camera(db: SignatureDB) -> None:
    # counter-example: a recorder's record of itself with one camera attached keeps its own model
    doc = _JSON + json.dumps({"deviceInfo": {"model": "NVR-5000X"}, "cameras": [{"model": "ABC-123"}]})
    assert _run(db, ("http", doc, 80)).model == "NVR-5000X"


@pytest.mark.parametrize("key", ["channels", "ipcs", "devices"])
def test_other_lists_of_one_are_not_read(db: SignatureDB, key: str) -> None:
    # counter-example: a recorder's channel list (or a hub's device list) of one member is still another device
    got = _run(db, ("http", _JSON + json.dumps({key: [{"model": "ABC-123"}]}), 80))
    assert got.model is None


def test_a_record_named_device_info_is_the_device_not_a_list(db: SignatureDB) -> None:
    # Hikvision ISAPI's <DeviceInfo> (singular) is the device's own record, not a list of other devices
    # (ISAPI deviceInfo as in tests/corpus/hikvision/ds-7608nxi-i2-8p-s_nvr_isapi.json)
    doc = ("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n"
           '<?xml version="1.0" encoding="UTF-8"?><DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">'
           "<deviceName>NVR</deviceName><model>XYZ-100</model><firmwareVersion>V1.0.0</firmwareVersion></DeviceInfo>")
    got = _run(db, ("http", doc, 80))
    assert got.model == "XYZ-100"
    assert not any("only camera" in e.detail for e in got.evidence)


def test_a_class_phrase_in_the_only_camera_is_no_model(db: SignatureDB) -> None:
    got = _run(db, ("other", _config([{"name": "x", "model": "IP Camera"}]), 0))
    assert got.model is None


# ------------------------------------------------------------------ label words and a maker's name after the code


@pytest.mark.parametrize(("value", "want"), [
    ("Model: XYZ-100", "XYZ-100"), ("Model XYZ-100", "XYZ-100"), ("XYZ-100 model", "XYZ-100"), ("型号：XYZ-100", "XYZ-100"),
    ("Model 3", "Model 3"), ("Model S", "Model S"), ("Model: 5010", "Model: 5010"),
])
def test_a_label_word_left_in_the_value_is_not_the_model(value: str, want: str) -> None:
    # counter-examples: a product named "Model <digit or letter>" holds no code with a letter and a digit after the word
    assert model_extent(value) == want


@pytest.mark.parametrize(("value", "want"), [
    ("C200 (Tapo)", "C200"), ("RLC-410 by Reolink", "RLC-410"), ("IPC-HDW2431T-AS from Dahua", "IPC-HDW2431T-AS"),
    ("XYZ-100 (Acme)", "XYZ-100 (Acme)"), ("DS-N308(C)", "DS-N308(C)"), ("Stand by Me", "Stand by Me"),
])
def test_a_known_makers_name_after_the_code_is_not_the_model(db: SignatureDB, value: str, want: str) -> None:
    # counter-examples: a name netscan does not know, a revision letter, words
    assert model_without_maker(db, value) == want


# ------------------------------------------------------------------ a MAC or OUI the device reports in other key spellings


@pytest.mark.parametrize(("key", "value"), [("mac_prefix", "44:19:B6"), ("oui", "44-19-B6"), ("ethaddr", "44:19:b6:11:22:33"),
                                            ("macAddr", "4419B6112233"), ("mac_addr", "44:19:B6:11:22:33")])
def test_reported_mac_and_oui_keys_name_the_registrant(db: SignatureDB, key: str, value: str) -> None:
    # 44:19:B6 is registered to Hangzhou Hikvision (IEEE MA-L); a camera list's mac_prefix, U-Boot's ethaddr
    got = _run(db, ("http", _JSON + json.dumps({key: value}), 80))
    assert got.vendor == "Hikvision"


@pytest.mark.parametrize(("key", "value"), [("mac_prefix", "02:11:22"), ("oui", "00:00:00"), ("macro", "44:19:B6"),
                                            ("ouiCount", "44:19:B6")])
def test_local_or_empty_prefixes_and_other_keys_name_no_maker(db: SignatureDB, key: str, value: str) -> None:
    # counter-examples: a locally administered or zero prefix, keys that only contain the letters
    got = _run(db, ("http", _JSON + json.dumps({key: value}), 80))
    assert got.vendor is None


def test_long_model_values_are_not_memoised() -> None:
    """Only short values are cached (hostile devices send up to 2,048 characters per value): the cache
    stays small however many long values pass, and long values get the same answer uncached."""
    from netscan.identify import modelname

    before = modelname._model_extent_memo.cache_info().currsize
    long_values = [f"DS-2CD2143G0-I {'x' * 300}{i}" for i in range(50)]
    answers = [modelname.model_extent(v) for v in long_values]
    assert modelname._model_extent_memo.cache_info().currsize == before
    assert answers == [modelname._model_extent(v, default_db().soc_parts.match) for v in long_values]
    assert modelname.model_extent("DS-2CD2143G0-I Network Camera") == "DS-2CD2143G0-I"


# ------------------------------------------------------------------ a SoC's part number is the platform's


@pytest.mark.parametrize("value", ["Hi3518", "Hi3516EV300", "hi3536dv100", "GK7205V300", "SSC335", "AK3918EV300", "RV1126",
                                   "Ingenic T31", "(Hi3518)"])
def test_a_soc_part_number_as_the_whole_value_is_no_model(db: SignatureDB, value: str) -> None:
    assert db.soc_parts is not None
    assert model_extent(value, db) == ""


@pytest.mark.parametrize("value", ["HI3516EV300_85H50AI", "HI3518E_50H10L_S39", "DS-2CD2042WD-I", "RLC-410", "GK7205V300-IPC"])
def test_a_soc_code_joined_to_a_board_code_or_another_code_is_a_model(db: SignatureDB, value: str) -> None:
    assert model_extent(value, db) == value


def test_the_soc_part_numbers_come_from_the_signature_data(db: SignatureDB) -> None:
    """The part numbers are the database's (fingerprints/stacks-soc.yaml ``soc_part_numbers``), not the code's: a
    database with other part numbers drops those and keeps HiSilicon's, one without any keeps every code; the memo
    keeps one database's answers apart from another's."""
    import re

    from netscan.sigdb.socparts import SocParts, soc_match

    other = SignatureDB()
    other.soc_parts = SocParts(soc_match(re.compile(r"zz\d{4}", re.I)), ({"value": "ZZ1234"},))
    assert model_extent("ZZ1234", other) == ""
    assert model_extent("Hi3518", other) == "Hi3518"
    assert model_extent("Hi3518", SignatureDB()) == "Hi3518"
    assert model_extent("Hi3518", db) == ""
    assert model_extent("ZZ1234", db) == "ZZ1234"
    # two databases loaded from the same data share one matcher (and so the memo's answers)
    assert load_db(lazy=True).soc_parts.match is db.soc_parts.match  # type: ignore[union-attr]


def test_soc_part_numbers_examples_are_checked(db: SignatureDB) -> None:
    from netscan.sigdb.socparts import SocParts, soc_parts_problems

    assert soc_parts_problems(db.soc_parts) == []
    assert db.soc_parts is not None
    broken = SocParts(db.soc_parts.match, ({"value": "DS-2CD2042WD-I", "source": "https://example.org/"}, {"value": "Hi3518"}),
                      ({"value": "SSC335", "source": "https://example.org/"},))
    problems = soc_parts_problems(broken)
    assert len(problems) == 3
    assert any("example 1" in p and "is not read" in p for p in problems)
    assert any("example 2" in p and "source" in p for p in problems)
    assert any("negative 1" in p and "is read" in p for p in problems)


@pytest.mark.parametrize(("pattern", "flags", "problem"), [
    ("(a+)+", "[ignorecase]", "backtrack"), (r"hi35\d{2}", "[bogus]", "unknown flag"), ("hi35(", "[]", "bad pattern")])
def test_soc_part_numbers_are_read_as_a_rules_pattern(tmp_path: Path, pattern: str, flags: str, problem: str) -> None:
    # the rule loader reads the part numbers' pattern and flags as a rule's: a pattern it would refuse in a rule is a
    # problem of the file, and the database has no part numbers
    (tmp_path / "fingerprints").mkdir()
    (tmp_path / "fingerprints" / "soc.yaml").write_text(
        f"rules: []\nsoc_part_numbers:\n  pattern: '{pattern}'\n  flags: {flags}\n  examples:\n    - value: Hi3518\n",
        encoding="utf-8")
    db = load_db(tmp_path)
    assert db.soc_parts is None
    assert any(p.startswith("fingerprints/soc.yaml: soc_part_numbers: ") and problem in p for p in db.problems), db.problems
