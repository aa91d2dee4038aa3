"""The substitution-robustness benchmark (benchmarks/perturb_robustness.py) and the reader fixes it pointed to.

The benchmark swaps a training file's model/firmware for another real value of the same maker and asks that
the answer follow; its helpers must swap whole values only, keep the text's case, leave conventions (paths, host
names) alone when a maker's name is removed, and draw models only from the fit half of the public catalogs."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB



@pytest.fixture(scope="module")
def perturb(bench: ModuleType, benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("perturb_robustness")  # bench: grammar_recall, imported first (conftest)


def _raw(d: dict) -> str:  # type: ignore[type-arg]
    return str(d["responses"][0]["raw"])


def _doc(raw: str) -> dict:  # type: ignore[type-arg]
    return {"responses": [{"protocol": "other", "raw": raw}], "mac": "00:40:8c:00:00:01", "expect": {}}


def test_substitute_swaps_whole_values_in_the_texts_case(perturb: ModuleType) -> None:
    d = _doc("Model: DS-2CD2032-I\nname=ds-2cd2032-i\nDS-2CD2032-IW is another\nx/FLIR%20DS-2CD2032-I%20K81")
    got = _raw(perturb.substitute(d, "DS-2CD2032-I", "DS-2CD2T47G2-L"))
    assert "Model: DS-2CD2T47G2-L\n" in got
    assert "name=ds-2cd2t47g2-l\n" in got  # a lower-case occurrence gets the new value lower-cased
    assert "DS-2CD2032-IW is another" in got  # a longer code holding the old one is another product: kept
    assert "%20DS-2CD2T47G2-L%20" in got  # %20 (a URL's space) bounds a value
    assert _raw(d).startswith("Model: DS-2CD2032-I\n")  # the recorded file is not changed


def test_drop_names_keeps_conventions_and_the_model(perturb: ModuleType) -> None:
    d = _doc('Manufacturer: AXIS\nGET /axis-cgi/param.cgi\nhttp://www.axis.com\n"Brand": "AXIS"\nAXIS M1065-LW\nProdShortName=AXIS')
    got = perturb.drop_names(d, ["Axis", "AXIS"], "M1065-LW")
    raw = _raw(got)
    assert got["mac"] is None  # the MAC address (an OUI names the maker) goes too
    assert "/axis-cgi/" in raw and "www.axis.com" in raw  # a path and a host name are conventions, not names
    assert "Manufacturer: \n" in raw and '"Brand": ""' in raw and " M1065-LW" in raw and "ProdShortName=\n" not in raw
    assert "AXIS M1065" not in raw


def test_shapes_and_series(perturb: ModuleType) -> None:
    assert perturb.shape("V5.7.17") == perturb.shape("V5.5.800") == "v9.9.9"
    assert perturb.shape("1.3.5 Build 230426 Rel.65257n") == perturb.shape("1.4.3 Build 251128 Rel.63757n")
    assert perturb.shape("20070221") != perturb.shape("4")  # a date is no one-number version
    assert perturb.series("DS-2CD2032-I") == "DS-2" and perturb.series("DS-7608NI-I2") == "DS-7"
    assert perturb.letters("IPC-HDW5231R-ZE") == "IPC-HDW"
    assert perturb.styled("ipc2333", "IPC2224SE-DF40K-WL-I0") == "IPC2333"


def test_model_pool_is_the_fit_half_of_the_product_catalogs(perturb: ModuleType, bench: ModuleType, db: SignatureDB) -> None:
    pool = perturb.model_pool(db)
    entries = bench.catalog()
    held_out = {e.model.upper() for e in entries if e.half == "held-out" or e.catalog in bench.UNSEEN}
    drawn = {(maker, model) for maker, models in pool.items() for model, _firm in models}
    assert drawn and len(pool) > 20
    # no held-out model under any maker's name (Panasonic's and i-PRO's sections hash one code apart)
    assert not {model.upper() for _maker, model in drawn} & held_out
    assert all(perturb._PLAIN.fullmatch(model) for _maker, model in drawn)  # no "qv-2010" or "DS-2CD3145F-"


def test_the_benchmark_is_deterministic_and_follows(perturb: ModuleType, db: SignatureDB) -> None:
    a = perturb.run(db, 14, 1)
    b = perturb.run(db, 14, 1)
    assert a == b
    s = perturb.summary(a)
    for kind, floor in (("model", 0.9), ("firmware", 0.95), ("nomaker", 0.85)):
        ok, n = s["per_kind"][kind]
        assert n >= 50 and ok / n >= floor, (kind, ok, n)
    assert not any("corpus_test" in r["path"] for r in a["results"])  # the test split is never read


def _scopes(db: SignatureDB, scopes: str) -> tuple[str | None, str | None, str]:
    ident = identify(Observation(None, None, (Response("wsd", scopes, 3702),)), db)
    return ident.vendor, ident.model, ident.device_type


def test_onvif_manufacturer_scope_names_a_known_maker(db: SignatureDB) -> None:
    base = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/hardware/XQ-100 "
    assert _scopes(db, base + "onvif://www.onvif.org/manufacturer/FLIR%20Systems")[0] == "FLIR"
    assert _scopes(db, base + "onvif://www.onvif.org/Manufacturer/UNIVIEW")[0] == "Uniview"
    # a placeholder or a name netscan does not know names nobody
    assert _scopes(db, base + "onvif://www.onvif.org/manufacturer/NONE")[0] is None
    assert _scopes(db, base + "onvif://www.onvif.org/manufacturer/IPCAM")[0] is None


def test_onvif_name_scope_with_model_and_serial(db: SignatureDB) -> None:
    base = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/hardware/XQ-100 "
    assert _scopes(db, base + "onvif://www.onvif.org/name/FLIR%20XQ-100%20K816600858")[0] == "FLIR"
    # a user's name for the camera holds no maker
    assert _scopes(db, base + "onvif://www.onvif.org/name/Front%20Door%20Camera%202")[0] is None
    assert _scopes(db, base + "onvif://www.onvif.org/name/IPC%20Back%20Yard")[0] is None


def _text(db: SignatureDB, raw: str) -> tuple[str | None, str | None, str]:
    ident = identify(Observation(None, None, (Response("other", raw, None),)), db)
    return ident.vendor, ident.model, ident.device_type


def test_a_code_written_in_lower_case_is_read_by_its_makers_grammar(db: SignatureDB) -> None:
    # a reporter's line, a log line, a sentence after a firmware scheme's hit: the grammar reads the upper-case spelling
    assert _text(db, "Document Hanwha xnp-6550rh capabilities")[:2] == ("Hanwha Vision", "XNP-6550RH")
    assert _text(db, "2024-01-02 10:00:01 camera ds-2cd2143g0-i online")[:2] == ("Hikvision", "DS-2CD2143G0-I")
    assert _text(db, "my vto2000a is offline")[:2] == ("Dahua", "VTO2000A")
    assert _text(db, "the dh-sd2a500hb-gn-a-pv-s2. Firmware: 2.811.0000000.1.R")[:2] == ("Dahua", "DH-SD2A500HB-GN-A-PV-S2")
    long_log = "\n".join([f"line {i}: nothing to see here" for i in range(40)] + ["[cam] started wyze_cakp2jfus stream"])
    assert _text(db, long_log)[:2] == ("Wyze", "WYZE_CAKP2JFUS")


def test_lower_case_tokens_that_are_no_code_name_nothing(db: SignatureDB) -> None:
    for raw in ("Content-Type: text/html; charset=utf-8", "target x86_64-unknown-linux-gnu",
                "ISO-8859-1 iso-8859-1 sha-256 h264 mp4 wlan0 mmcblk0p1 python3 aes-128-cbc",
                "GET /firmware/ds-2cd2032-i.bin",  # a path a client asked for
                "host cam.ds-2cd2032-i.example",  # inside a host name
                "stream front_door_ds-2cd2032-i up"):  # a grammar that reads only a part of a token names nothing
        vendor, model, kind = _text(db, raw)
        assert model is None and kind not in ("camera", "nvr", "dvr", "doorbell", "encoder"), raw


def test_a_chips_sdk_names_in_lower_case_name_no_maker(db: SignatureDB) -> None:
    # HiSilicon's SDK writes its part numbers in lower case (kernel modules ``hi3536dv100_adec``, build configs
    # ``hi3516ev300_lite``: https://github.com/OpenIPC/firmware/tree/4223e6ff52ee40c6e8788432881abcf70d390781/br-ext-chip-hisilicon/configs);
    # upper-cased, such a name has the shape of a Xiongmai board id (HI3516EV300_85H50AI), but it names the chip any
    # maker builds on, not the board's maker
    for raw in ("hi3536dv100_adec 6231 0 - Live 0xbf3e5000 (PO)", "make hi3516ev300_lite_defconfig",
                "loading gk7205v300_isp module"):
        vendor, model, _ = _text(db, raw)
        assert vendor is None and model is None, raw
    # the board id as Xiongmai writes it still names Xiongmai
    assert _text(db, "board HI3516EV300_85H50AI")[0] == "Xiongmai"
