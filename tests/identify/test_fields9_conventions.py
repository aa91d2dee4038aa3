"""Field-name conventions as data (session 18, lane fields9): signatures/families/fields-conventions.yaml.

- the field names of an os-release record (``os_release``; netscan/sigdb/osrelease.py, read by
  netscan/identify/keymakers.py): which keys mark the file, which readers record its lines, what a vendor key is;
- another software's word (config, wifi, web...) keeps a version key from the firmware only in the key's own name or
  its parent's (families/generic.yaml ``semantic-firmware``): higher up it names the document (TVT's <config> root);
- a name under a record named for the model or the product (``semantic-model-info-name``);
- a maker's name in a line labelled with the kind of device (``Device:``, ``Router:``, ``Camera:``): maker_names.
"""

from __future__ import annotations

import pytest

from pathlib import Path

from netscan.identify import identify
from netscan.identify.keymakers import os_release_vendor
from netscan.model import Identification, Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.osrelease import load_os_release, os_release_problems


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _corpus(db: SignatureDB, rel: str) -> Identification:
    (obs,) = load_path(CORPUS / rel)
    return identify(obs, db)


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


# ------------------------------------------------------------------ os-release records
def test_os_release_convention_is_data(db: SignatureDB) -> None:
    osr = db.os_release
    assert osr is not None and os_release_problems(osr) == []
    assert set(osr.marks) == {"other", "telnet", "http", "ssh"}
    assert osr.vendor_prefix("other.kv.XIAOMI_VERSION") == "XIAOMI"       # mijia-1080P-hacks issue 47
    assert osr.vendor_prefix("other.kv.GITHUB_VERSION") is None          # OpenIPC firmware issue 1315


def test_os_release_record_over_ssh_under_a_section(db: SignatureDB) -> None:
    # constructed variant of mijia-1080P-hacks issue 47: another reader (ssh), the keys in another order
    raw = "XIAOMI_VERSION=3.4.2_0159\nID=buildroot\nVERSION_ID=2016.02\nNAME=Buildroot\n"
    resp = Response("ssh", raw)
    f = fields(resp)
    assert db.os_release is not None and db.os_release.record(f, "ssh")
    assert os_release_vendor(db, f, "ssh", resp, []) == "Xiaomi"


def test_os_release_needs_both_standard_keys(db: SignatureDB) -> None:
    # an environment dump with a vendor-looking key but no NAME=: no os-release file
    resp = Response("other", "ID=buildroot\nXIAOMI_VERSION=3.4.2_0159\n")
    assert os_release_vendor(db, fields(resp), "other", resp, []) is None


def test_os_release_reader_not_listed_is_not_read(db: SignatureDB) -> None:
    # the same lines recorded against a protocol whose reader the convention does not list
    resp = Response("rtsp", "NAME=Buildroot\nID=buildroot\nXIAOMI_VERSION=3.4.2_0159\n")
    f = fields(resp)
    assert "rtsp.kv.ID" in f and "rtsp.kv.XIAOMI_VERSION" in f
    assert os_release_vendor(db, f, "rtsp", resp, []) is None


def test_identify_reads_the_os_release_vendor_key(db: SignatureDB) -> None:
    raw = "NAME=Buildroot\nVERSION=2019.02\nID=buildroot\nVERSION_ID=2019.02\nHIKVISION_VERSION=5.5.0\n"
    assert identify(Observation(ip=None, mac=None, responses=(Response("telnet", raw),)), db).vendor == "Hikvision"


def test_os_release_check_catches_a_wrong_example() -> None:
    data = {"keys": ["ID", "NAME"], "protocols": ["other"], "vendor_suffixes": ["VERSION"], "standard_prefixes": ["GITHUB"],
            "examples": [{"field": "other.kv.GITHUB_VERSION", "prefix": "GITHUB", "source": "https://example.org/"}],
            "negatives": [{"field": "other.kv.ACME_VERSION", "source": "https://example.org/"}]}
    problems = os_release_problems(load_os_release(data, "t"))
    assert len(problems) == 2


@pytest.mark.parametrize("bad", [{"keys": "ID"}, {"protocols": ["HTTP"]}, {"vendor_suffixes": []}, {"examples": []}])
def test_os_release_data_is_checked(bad: dict[str, object]) -> None:
    from netscan.errors import SignatureError
    data: dict[str, object] = {"keys": ["ID", "NAME"], "protocols": ["other"], "vendor_suffixes": ["VERSION"],
                               "standard_prefixes": ["GITHUB"], "examples": [{"field": "other.kv.A_VERSION"}]}
    data.update(bad)
    with pytest.raises(SignatureError):
        load_os_release(data, "t")


# ------------------------------------------------------------------ a parent path segment names the document, not the value
def _firmware_claims(db: SignatureDB, name: str, value: str) -> list[dict[str, str]]:
    plan = db.plan_for_field(name)
    return [got for rule in plan.semantic if (got := rule.extract(name, value)) and "firmware" in got]


def test_config_root_does_not_hide_the_software_version(db: SignatureDB) -> None:
    # CCTV Camera Pros' API reference, GetDeviceInfo (a TVT-built camera): every answer sits under a <config> root
    f = "http.xml.config/deviceInfo/softwareVersion"
    assert _firmware_claims(db, f, "5.3.0.12288B240820.IG1.U1(08A10).beta")


def test_config_two_levels_up_in_json(db: SignatureDB) -> None:
    # constructed variant: a JSON path, another key spelling, the word further up
    assert _firmware_claims(db, "http.json.result.config.device.fw_version", "2.1.7")


@pytest.mark.parametrize("name", ["http.xml.config/wifi/softwareVersion",       # a radio's, under its own parent
                                  "http.json.config.fw_version",                # a configuration's version
                                  "http.json.params.version.WebVersion"])       # the web UI's, in the key itself
def test_another_softwares_version_stays_unread(db: SignatureDB, name: str) -> None:
    assert not _firmware_claims(db, name, "1.0.4")


# ------------------------------------------------------------------ a name under a model / product record
def test_model_info_name_is_the_model(db: SignatureDB) -> None:
    got = _corpus(db, "noncameras/brother-mfc-420cn_update-request-xml-oh-brother49.json")
    assert got.model == "MFC-420CN"


@pytest.mark.parametrize(("name", "want"), [
    ("http.json.result.modelInfo.name", "HL-L2350DW"),         # constructed: JSON, camel case, other nesting
    ("other.kv.product_info.name", "NC-450"),                  # constructed: snake case, a key-value print
    ("http.json.value.DevInfo.name", None),                    # Reolink GetDevInfo: the owner's name for it
    ("http.json.devices.modelInfo.name", None),                # a list of other devices
])
def test_model_info_name_variants(db: SignatureDB, name: str, want: str | None) -> None:
    plan = db.plan_for_field(name)
    got = [g["model"] for rule in plan.semantic if (g := rule.extract(name, want or "HL-L2350DW")) and "model" in g]
    assert (got[:1] or [None])[0] == want


# ------------------------------------------------------------------ a maker's name in a kind-labelled line
@pytest.mark.parametrize(("rel", "vendor"), [
    ("noncameras/wd-my-cloud-ex2-ultra_device-firmware-lines-ha-mycloud69.json", "Western Digital"),  # "Device: WD My Cloud EX2 Ultra"
    ("noncameras/netgear-r7800_firmware-lines-soap-attachdevice-pynetgear22.json", "Netgear"),          # "Router: Nighthawk R7800"
])
def test_kind_labelled_line_names_the_maker(db: SignatureDB, rel: str, vendor: str) -> None:
    assert _corpus(db, rel).vendor == vendor


@pytest.mark.parametrize(("raw", "vendor"), [
    ("camera = AXIS M1065-LW\nfirmware = 9.80.1\n", "Axis"),                 # constructed: other spelling and order
    ("NVR: HIKVISION DS-7608NI-K2\n", "Hikvision"),                         # constructed: the maker in capitals
    ("Printer: HP LaserJet Pro M404dn\n", "HP"),                            # constructed: a short name opening it
    ("Device: Front door\nFirmware: 1.2.3\n", None),                         # a name its owner gave it names nobody
])
def test_kind_labelled_line_variants(db: SignatureDB, raw: str, vendor: str | None) -> None:
    assert _id(db, Response("other", raw)).vendor == vendor
