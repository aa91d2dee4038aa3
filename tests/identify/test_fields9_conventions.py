"""Field-name conventions as data (session 18, lane fields9): signatures/families/fields-conventions.yaml.

- the field names of an os-release record (``os_release``; netscan/sigdb/osrelease.py, read by
  netscan/identify/keymakers.py): which keys mark the file, which readers record its lines, what a vendor key is.
"""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.keymakers import os_release_vendor
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.osrelease import load_os_release, os_release_problems


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


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
