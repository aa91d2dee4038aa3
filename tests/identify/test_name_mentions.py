"""A maker's name taken where a device writes it, never where a text only mentions the maker (signatures/families/generic.yaml
``maker_names`` ``mentions`` and ``skip_values``; benchmarks/names_robustness.py measures both on training material)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB



def _ident(db: SignatureDB, protocol: str, raw: str) -> tuple[str | None, str | None]:
    got = identify(Observation(ip=None, mac=None, responses=[Response(protocol=protocol, port=None, request="", raw=raw)]), db)
    return got.vendor, got.device_type


@pytest.mark.parametrize("value", [
    "Compatible with Hikvision cameras and NVRs",              # a shop's compatibility line
    "works with Dahua recorders",
    "Hikvision-to-ONVIF bridge",                                # a gateway named after what it talks to
    "Reolink to MQTT",
    "[homeassistant.components.hikvision] Setting up hikvision",  # an integration's logger on its host
    "Authorized Axis reseller",
    "Amcrest compatible power supply",
    "CVE-2021-36260: command injection in some Hikvision products",  # an advisory's sentence
])
def test_a_mentioned_maker_names_nobody(db: SignatureDB, value: str) -> None:
    assert db.maker_names is not None
    assert db.maker_names.find(value) is None
    vendor, kind = _ident(db, "other", value + "\n")
    assert vendor is None and kind not in ("camera", "nvr", "dvr")


@pytest.mark.parametrize(("value", "maker"), [
    ("HIKVISION DS-2CD2042WD-I", "Hikvision"),                   # libonvif's name scope (generic.yaml example)
    ("Hangzhou Hikvision Digital Technology Co.,Ltd.", "Hikvision"),  # the IEEE registrant's spelling
    ("ZHEJIANG DAHUA TECHNOLOGYCO.,LTD", "Dahua"),               # the IEEE registrant, glued as registered
    ("tplink", "TP-Link"),
    ("Is the firmware compatible with Reolink cameras?", "Reolink"),  # an owner's question: the name stays
    ("Hikvision camera, supports ONVIF", "Hikvision"),           # the maker first, what it supports after
    ("Dahua Technology", "Dahua"),
])
def test_a_maker_written_as_devices_write_it_is_taken(db: SignatureDB, value: str, maker: str) -> None:
    assert db.maker_names is not None
    assert db.maker_names.find(value) == maker


def test_a_camera_word_in_a_mention_says_no_camera(db: SignatureDB) -> None:
    assert _ident(db, "other", "Compatible with Reolink cameras and NVRs\n") == (None, "unknown")
    assert _ident(db, "other", "IP Camera\n")[1] == "camera"  # the camera word itself still reads


@pytest.fixture(scope="module")
def names(bench: ModuleType, benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("names_robustness")  # bench: grammar_recall, imported first (conftest)


def test_benchmark_spellings_and_registered_names(names: ModuleType, db: SignatureDB) -> None:
    assert names.spelled("TP-Link", "joined") == "TPLink" and names.spelled("TP-Link", "spaced") == "TP Link"
    assert names.spelled("Hikvision", "joined") == ""  # a one-part name has no such spelling
    assert names.spelled("Samsung", "upper") == "SAMSUNG"
    reg = names.registered(db)
    assert any("TECHNOLOGYCO" in r for r in reg["Dahua"])  # the registry's glued spelling is drawn
    assert not any("Scale" in r for r in reg.get("Dahua", []))  # never a look-alike company


def test_benchmark_decoys_and_contexts_hold(names: ModuleType, db: SignatureDB) -> None:
    for kind, text in names.decoys("Hikvision"):
        assert db.maker_names is not None and db.maker_names.find(text) is None, kind
    for where, d in names.contexts("Hikvision", "Hangzhou Hikvision Digital Technology Co.,Ltd.", "hikvision.com"):
        if where in ("copyright-footer", "cert-o", "upnp-manufacturer", "ssdp-server"):
            got = names.answer(db, {"ip": None, "mac": None, **d})
            assert got["vendor"] == "Hikvision", where


@pytest.mark.parametrize(("raw", "maker"), [
    ("Subject: C=CN, O=TVT CO.,LTD, CN=192.168.1.64\n", "TVT"),  # a short name written whole as the organisation
    ("Subject: C=CN, O=Zhejiang Dahua Technology Co.\\, Ltd., CN=192.168.1.108\n", "Dahua"),
    ("Subject: C=AU, ST=Some-State, O=Internet Widgits Pty Ltd, CN=cam\n", None),  # OpenSSL's default organisation
    ("Subject: C=US, O=Ring, CN=cam\n", None),  # an ignored word (Ring) stays a word, even whole
])
def test_a_certificates_organisation_is_read_whole(db: SignatureDB, raw: str, maker: str | None) -> None:
    assert _ident(db, "tls", raw)[0] == maker


def test_a_copyright_holder_is_read_whole(db: SignatureDB) -> None:
    page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Login</title></head><body>{}</body></html>"
    assert _ident(db, "http", page.format("<p>Copyright &copy; 2019 TVT CO.,LTD. All rights reserved.</p>"))[0] == "TVT"
    assert _ident(db, "http", page.format("<p>\u00a9 2019 Ring</p>"))[0] is None  # an ignored word
    assert _ident(db, "http", page.format("<p>Copyright 2019 Acme Widgets Ltd.</p>"))[0] is None  # nobody netscan knows
    assert db.maker_names is not None and db.maker_names.company(db, "Microsoft Corporation") is None  # (a script's notice)


_ISSUE = "Camera keeps dropping off\n\n{}\n\nThe log shows a timeout after a few minutes and the stream stops.\n"


@pytest.mark.parametrize(("sentence", "maker"), [
    ("I bought two Ezviz cameras. C1C, which worked well until I updated the firmware.", "EZVIZ"),  # threads/ezviz-c1c-c3w...ha-ezviz77
    ("Anyone else experienced this with Hikvision cameras?", "Hikvision"),  # a question about the reporter's own
    ("My Reolink NVR keeps rebooting.", "Reolink"),
    ("Maker is `Wansview`", "Wansview"),  # white-label/wansview-camera_maker-model-oui-lines-camiocam187
    ("The manufacturer is Dahua.", "Dahua"),
])
def test_prose_names_the_reporters_own_maker(db: SignatureDB, sentence: str, maker: str) -> None:
    from netscan.identify.prose import read_prose  # noqa: PLC0415

    got = {h.got.get("vendor") for h in read_prose(_ISSUE.format(sentence), db)}
    assert maker in got


@pytest.mark.parametrize("sentence", [
    "The shop sells Hikvision cameras.",                      # nobody's own devices
    "We do not own any Hikvision cameras.",                    # negated
    "I replaced my Hikvision cameras with new ones.",          # set against the reporter's own (CONTRAST)
    "Is Frigate compatible with Hikvision cameras?",           # what software supports
    "I have Hikvision and Dahua cameras.",                     # two makers: nobody
    "Does anyone sell Hikvision cameras?",                     # a question about nobody's own
])
def test_prose_leaves_a_maker_only_mentioned(db: SignatureDB, sentence: str) -> None:
    from netscan.identify.prose import read_prose  # noqa: PLC0415

    assert not [h for h in read_prose(_ISSUE.format(sentence), db) if h.got.get("vendor")]


_SESSION = "{}\n\n```python\n>>> mycam.devicemgmt.GetCapabilities()\n(Capabilities){{\n   XAddr = \"http://192.168.88.14/onvif/Analytics\"\n}}\n```\n"


def test_a_reporters_words_around_a_protocols_document_are_read(db: SignatureDB) -> None:
    # hikvision/hikvision-camera_python-onvif-getcapabilities-print-pyonvif43 (training): the question above the session
    assert _ident(db, "onvif", _SESSION.format("Anyone else experienced this with Hikvision cameras?"))[0] == "Hikvision"
    assert _ident(db, "onvif", _SESSION.format("The shop sells Hikvision cameras."))[0] is None  # nobody's own
    assert _ident(db, "onvif", _SESSION.format("Is this compatible with Hikvision cameras?"))[0] is None  # what software supports


@pytest.mark.parametrize(("sentence", "maker"), [
    ("Added TVT/Secutech NVR model NVR-0808B2-8P", "TVT"),  # tvt/tvt-secutech-nvr-0808b2-8p_pr-description-webrtc614
    ("The stream of my UNV camera stops after an hour.", "Uniview"),
    ("The IP camera model is unknown.", None),  # a product word in capitals is no maker
    ("Our 4K NVR and the HD camera lost the stream.", None),
    ("The stream of my unv camera stops after an hour.", None),  # a short name only as the maker writes it
])
def test_prose_reads_a_short_makers_name_before_a_device_noun(db: SignatureDB, sentence: str, maker: str | None) -> None:
    from netscan.identify.prose import read_prose  # noqa: PLC0415

    got = {h.got.get("vendor") for h in read_prose(_ISSUE.format(sentence), db)} - {None}
    assert got == ({maker} if maker else set())
