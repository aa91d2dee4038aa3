"""Self-descriptions read from client libraries' recorded fixtures (harvest2 lane, session 16): shapes a device
family writes the same way wherever it is shown (an SNMP sysDescr, a gateway API's description, a cloud record),
each read end to end and each with a counter-example that must not be read. Sources are cited per test; the
rules are in signatures/fingerprints/conventions-records.yaml."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.sigdb import SignatureDB


def _id(db: SignatureDB, raw: str, protocol: str = "other") -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw),)), db)


# ------------------------------------------------------------------ DOCSIS cable modem description
# The DOCSIS CM system description "<<HW_REV: ; VENDOR: ; BOOTR: ; SW_REV: ; MODEL: >>": a Sagemcom gateway's
# Device/DeviceInfo in python-sagemcom-api's fixture (tests/fixtures/device_info.json @8c83f08), an ARRIS modem's
# fields as rusty-touchstone-status's README lists them.
SAGEMCOM_INFO = {"DeviceInfo": {"Manufacturer": "Sagemcom", "ModelName": "FAST3896_CUSTOM",
                                "Description": "Wireless Voice Gateway <<HW_REV: V4.0; VENDOR: SAGEMCOM; BOOTR: v1.23_B1_v4.56; "
                                               "SW_REV: FAST3896_CUSTOM_sw12.34.56.78i-9; MODEL: FAST3896>>"}}


def test_docsis_description_in_a_gateway_record(db: SignatureDB) -> None:
    got = _id(db, json.dumps(SAGEMCOM_INFO, indent=2), "http")
    assert (got.vendor, got.model, got.device_type) == ("Sagemcom", "FAST3896", "router")


def test_docsis_sysdescr_in_an_snmp_line(db: SignatureDB) -> None:
    line = ("SNMPv2-MIB::sysDescr.0 = STRING: ARRIS DOCSIS 3.0 / PC 1.5 Touchstone Telephony Modem "
            "<<HW_REV: 3; VENDOR: ARRIS Group, Inc.; BOOTR: 2.2.0.45; SW_REV: 9.1.103J6J; MODEL: TM1602A>>")
    got = _id(db, line)
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("ARRIS", "TM1602A", "9.1.103J6J", "router")


@pytest.mark.parametrize("text", [
    "3Com MCNS external 2-way Cable Modem, HW_REV: 2.00 ,SW_VER: 01.03",                  # recog: an older modem's own shape
    "HW_REV: V4.0; VENDOR: SAGEMCOM; BOOTR: v1.23",                                       # cut: no model, no software
    "Camera <<HW_REV: 1.0; VENDOR: Acme; BOOTR: ; SW_REV: ; MODEL: >>",                  # empty software and model fields
])
def test_docsis_shape_incomplete_names_no_model(db: SignatureDB, text: str) -> None:
    got = _id(db, text)
    assert got.model is None or got.model not in ("FAST3896", "TM1602A")
    assert got.device_type not in VIDEO_TYPES or "Camera" in text


# ------------------------------------------------------------------ SkyBell cloud records
# skybellpy's mock info record (tests/mock/device_info.py @92ca676) and device record (tests/mock/device.py);
# aioskybell's fixture (tests/fixtures/device-info.json @89a555a).
def test_skybell_hardware_revision_names_a_skybell_doorbell(db: SignatureDB) -> None:
    record = {"mac": "dd:cc:99:00:77:88", "serialNo": "333444555666", "hardwareRevision": "SKYBELL_TRIMPLUS_1000030-F",
              "firmwareVersion": "7082", "deviceId": "01234567890abcdef1234567"}
    got = _id(db, json.dumps(record, indent=2), "http")
    assert (got.vendor, got.device_type, got.firmware) == ("SkyBell", "doorbell", "7082")


def test_skybell_device_record_type(db: SignatureDB) -> None:
    record = {"user": "123456abc", "name": "Front Door", "type": "skybell hd", "status": "up", "acl": "owner"}
    got = _id(db, json.dumps(record, indent=2), "http")
    assert (got.vendor, got.device_type) == ("SkyBell", "doorbell")
    assert (got.model or "").casefold() == "skybell hd"


@pytest.mark.parametrize("record", [
    {"hardware": "1: SB_SLIM2_0001", "model_rev": "SB_SLIM2_0001"},      # aioskybellgen: the newer cloud's code alone
    {"name": "Front Door", "type": "doorbell camera"},                     # a type word, no maker
    {"company": "SkyBell Technologies, Inc.", "type": "skybell"},          # the maker's name without a line
])
def test_skybell_look_alikes_name_no_skybell_line(db: SignatureDB, record: dict[str, str]) -> None:
    got = _id(db, json.dumps(record, indent=2), "http")
    assert got.model is None or "skybell" not in got.model.casefold()
    if "SB_SLIM2_0001" in record.values():
        assert got.vendor != "SkyBell"


# ------------------------------------------------------------------ a JSON-RPC answer's result as the document
# pybravia's fixture (tests/fixtures/system_info.json @ab571d5): Sony BRAVIA's getSystemInformation answer.
BRAVIA = {"result": [{"product": "TV", "region": "XEU", "language": "pol", "model": "KD-55XF8596", "serial": "1112233",
                      "macAddr": "AA:BB:CC:DD:EE:FF", "name": "BRAVIA", "generation": "5.4.0", "area": "POL", "cid": "xyzabc123"}]}


def test_jsonrpc_result_names_the_maker_and_the_kind(db: SignatureDB) -> None:
    got = _id(db, json.dumps(BRAVIA, indent=4), "http")
    assert (got.vendor, got.model, got.device_type) == ("Sony", "KD-55XF8596", "tv")


@pytest.mark.parametrize("doc", [
    {"result": [{"product": "TV Sideview", "name": "Living Room", "model": "KD-55XF8596"}]},   # an app's name, the owner's name
    {"catalog": {"products": [{"category": "TV", "name": "BRAVIA"}]}},                         # a shop's list of products
])
def test_jsonrpc_look_alikes_say_nothing(db: SignatureDB, doc: dict[str, object]) -> None:
    got = _id(db, json.dumps(doc, indent=4), "http")
    assert got.device_type != "tv"
    if "catalog" in doc:
        assert got.vendor is None


# ------------------------------------------------------------------ a line's generation number is no model code
# roku-remote's mock device-info (mockResponses/query-device-info.js @f60b745): model-name "Roku 4", model-number 4400X.
ROKU = ("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<device-info>\n<vendor-name>Roku</vendor-name>\n<model-name>{name}</model-name>\n"
        "{number}<software-version>7.2.0</software-version>\n</device-info>\n")


def test_maker_and_generation_yields_to_the_model_number(db: SignatureDB) -> None:
    got = _id(db, ROKU.format(name="Roku 4", number="<model-number>4400X</model-number>\n"), "http")
    assert got.model == "4400X"


def test_maker_and_generation_alone_is_kept_whole(db: SignatureDB) -> None:
    got = _id(db, ROKU.format(name="Roku 4", number=""), "http")
    assert got.model == "Roku 4"


def test_maker_and_a_longer_number_is_still_a_code(db: SignatureDB) -> None:
    # three digits or more are a model number after the maker's name (an AXIS 221 camera's title)
    got = _id(db, json.dumps({"manufacturer": "Axis", "model": "AXIS 221"}), "http")
    assert got.model == "221"


# ------------------------------------------------------------------ a code's short form beside its full form
# gli4py's fixture (tests/fixtures/system_info.json @bd97734): "model": "b1300" and board_info.model "GL.iNet GL-B1300".
def test_short_form_counts_for_the_full_form(db: SignatureDB) -> None:
    doc = {"vendor": "GL.iNet", "board_info": {"hostname": "GL-B1300", "model": "GL.iNet GL-B1300"}, "model": "b1300",
           "firmware_version": "4.3.25"}
    got = _id(db, json.dumps(doc, indent=2), "http")
    assert (got.vendor, got.model, got.firmware) == ("GL.iNet", "GL-B1300", "4.3.25")


def test_a_code_with_a_dash_is_no_short_form(db: SignatureDB) -> None:
    # Dahua's model with and without its DH- prefix: the dashed code is never merged into the longer one
    from netscan.identify.resolve import _merge_short_forms, _Scores
    s = _Scores()
    s.add("IPC-HFW2431S", 0.5)
    s.add("DH-IPC-HFW2431S", 0.3)
    _merge_short_forms(s)
    assert s.best()[0] == "IPC-HFW2431S"
    t = _Scores()
    t.add("b1300", 0.5)
    t.add("GL-B1300", 0.3)
    t.add("XY-B1300", 0.3)   # two full forms: which one is meant is not known, nothing is merged
    _merge_short_forms(t)
    assert t.best()[0] == "b1300"


# ------------------------------------------------------------------ AVM's product names with "!"
# python-fritzhome's device-list test response (tests/responses/base/device_list.xml @c5b2f82): a FRITZ!DECT 200 plug.
FRITZ_DEVICE = ('<device identifier="08761 0000434" id="17" functionbitmask="896" fwversion="03.33" manufacturer="AVM" '
                'productname="{name}">\n        <present>1</present>\n        <name>Steckdose</name>\n</device>')


def test_fritz_dect_product_name_is_the_model_of_a_non_camera(db: SignatureDB) -> None:
    got = _id(db, FRITZ_DEVICE.format(name="FRITZ!DECT 200"), "http")
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("AVM", "FRITZ!DECT 200", "03.33", "other")


@pytest.mark.parametrize("name", ["Camera!", "Hello! 200"])
def test_an_exclamation_mark_ending_a_word_is_no_product_name(db: SignatureDB, name: str) -> None:
    got = _id(db, FRITZ_DEVICE.format(name=name), "http")
    assert got.model is None or "!" not in got.model
    assert got.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ Canary's device-type object
# py-canary's locations fixture (tests/fixtures/api_locations.json @a486a4c): a device's "device_type": {"id": 1, "name": "Canary"}.
def test_canary_device_type_object_names_a_canary_camera(db: SignatureDB) -> None:
    record = {"activation_status": "activated", "device_type": {"id": 1, "name": "Canary"}, "id": 80001,
              "name": "Dining Room", "online": True, "serial_number": "Z222222"}
    got = _id(db, json.dumps(record, indent=2), "http")
    assert (got.vendor, got.device_type) == ("Canary", "camera")


@pytest.mark.parametrize("record", [
    {"device_type": {"id": 7, "name": "Canary Islands"}},     # another name opening with the word
    {"name": "Canary", "species": "Serinus canaria"},          # the word as a name given to something else
])
def test_canary_word_elsewhere_names_nobody(db: SignatureDB, record: dict[str, object]) -> None:
    got = _id(db, json.dumps(record, indent=2), "http")
    assert got.vendor != "Canary" and got.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ the running bank's version
# hass-bbox2's fixture (tests/fixtures/info.json @238dc8c): device.main/reco/running each with a version.
def test_running_image_version_is_the_firmware(db: SignatureDB) -> None:
    doc = {"device": {"modelname": "F@st5688b", "main": {"version": "24.0.12", "date": "2024-06-27T11:15:05Z"},
                      "reco": {"version": "23.9.1", "date": "2024-06-27T11:01:40Z"},
                      "running": {"version": "24.0.12", "date": "2024-06-27T11:14:25+0200"}, "spl": {"version": "3.6.2"}}}
    got = _id(db, json.dumps(doc, indent=2), "http")
    assert (got.model, got.firmware) == ("F@st5688b", "24.0.12")


@pytest.mark.parametrize("doc", [
    {"app": {"running": {"version": "3.4.5"}}, "model": "X100"},        # an application's running version
    {"device": {"reco": {"version": "23.9.1"}}, "model": "X100"},       # the recovery bank alone
    {"device": {"running": {"version": "1.0"}}, "model": "X100"},       # an API's version, not a firmware's shape
])
def test_other_running_versions_are_not_the_firmware(db: SignatureDB, doc: dict[str, object]) -> None:
    got = _id(db, json.dumps(doc, indent=2), "http")
    assert got.firmware is None
