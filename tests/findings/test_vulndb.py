"""Vulnerability data: the shipped records pass the self-check, every embedded test case holds,
and the self-check catches broken records."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from netscan.findings import VulnDB, check_vulns, load_vulns, match_vulns
from netscan.sigdb.matching import match_record
from netscan.sigdb.selfcheck import _run_case
from netscan.sigdb import SignatureDB

_DB = load_vulns()


def test_shipped_data_has_no_problems(vdb: VulnDB, sigdb: SignatureDB) -> None:
    assert check_vulns(vdb, sigdb) == []


def test_covers_the_main_camera_vendors(vdb: VulnDB) -> None:
    vendors = {r.vendor for r in vdb.records}
    assert {"Hikvision", "Dahua", "Xiongmai", "Uniview", "Axis", "Reolink", "Hanwha Vision"} <= vendors
    ids = {r.id for r in vdb.records}
    assert {"CVE-2017-7921", "CVE-2021-36260", "CVE-2021-33044", "CVE-2021-33045", "CVE-2021-45039",
            "CVE-2018-10661", "CVE-2018-17919"} <= ids


@pytest.mark.parametrize("rec", _DB.records, ids=[f"{r.vendor}-{r.id}" for r in _DB.records])
def test_embedded_cases(rec) -> None:  # type: ignore[no-untyped-def]
    """Both directions for every record: its affected case matches, its fixed (or unaffected) case does not."""
    assert _run_case(rec, rec.test["affected"]) == "affected"
    neg = rec.test.get("fixed") or rec.test["unaffected"]
    assert _run_case(rec, neg) in ("not-affected", "no-match")


@pytest.mark.parametrize(
    "firmware",
    [None, "", "garbage", "V5.4.0", "build 150513", "5" * 400, "V5.3.0 build 1505"],
)
def test_unknown_firmware_never_matches(vdb: VulnDB, firmware: str | None) -> None:
    # V5.4.0 without build: numerically the 7921 bound's release, but the build decides -> unknown.
    ms = match_vulns(vdb, vendor="Hikvision", model="DS-2CD2032F-I", firmware=firmware, device_type="camera")
    assert all(m.status != "affected" for m in ms)
    assert any(m.status == "unknown" for m in ms)


def test_boundaries_inclusive_and_exclusive(vdb: VulnDB) -> None:
    rec = next(r for r in vdb.records if r.id == "CVE-2017-7921")
    kw = {"vendor": "Hikvision", "model": "DS-2CD2032F-I"}
    assert match_record(rec, firmware="V5.4.0 build 160530", **kw).status == "affected"  # last_affected
    assert match_record(rec, firmware="V5.4.0 build 160531", **kw).status == "not-affected"
    assert match_record(rec, firmware="V5.2.0 build 140721", **kw).status == "affected"  # introduced
    assert match_record(rec, firmware="V5.2.0 build 140720", **kw).status == "not-affected"
    dahua = next(r for r in vdb.records if r.id == "CVE-2021-33044")
    kw = {"vendor": "Dahua", "model": "IPC-HFW3441E-AS"}
    assert match_record(dahua, firmware="2.800.0000000.29.R.210630", **kw).status == "not-affected"  # fixed
    assert match_record(dahua, firmware="2.800.0000000.29.R.210629", **kw).status == "affected"


def test_vendor_brand_and_model_gate(vdb: VulnDB) -> None:
    rec = next(r for r in vdb.records if r.id == "CVE-2017-7921")
    assert match_record(rec, vendor="Dahua", model="DS-2CD2032F-I", firmware="V5.3.0 build 150513").status == "no-match"
    assert match_record(rec, vendor="Hikvision", model="DS-2CD2143G0-I", firmware="V5.3.0 build 150513").status == "no-match"
    assert match_record(rec, vendor="HIKVISION", model="ds-2cd2032f-i", firmware="V5.3.0 build 150513").status == "affected"
    amcrest = next(r for r in vdb.records if r.id == "CVE-2020-5735")
    kw = {"vendor": "Dahua", "model": "IP8M-2496EB", "firmware": "V2.622.00AC000.0.R, Build Date: 2019-07-10"}
    assert match_record(amcrest, brand="Amcrest", **kw).status == "affected"
    assert match_record(amcrest, brand=None, **kw).status == "no-match"


def _write(tmp_path: Path, body: str) -> VulnDB:
    (tmp_path / "vulns").mkdir()
    (tmp_path / "vulns" / "x.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return load_vulns(tmp_path / "vulns")


GOOD = """\
vendor: Hikvision
scheme: hikvision
records:
  - id: CVE-2099-0001
    title: t
    summary: s
    cvss: 5.0
    remediation: r
    references: [https://example.org/a]
    affected:
      - models: ['^DS-2CD']
        versions: [{fixed: 'V5.4.5 build 170123'}]
    test:
      affected: {model: DS-2CD2032F-I, firmware: 'V5.4.0 build 160401'}
      fixed: {model: DS-2CD2032F-I, firmware: 'V5.4.5 build 170123'}
"""


def test_selfcheck_accepts_a_good_record(tmp_path: Path) -> None:
    assert check_vulns(_write(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("firmware: 'V5.4.0 build 160401'", "firmware: 'V5.4.6 build 180101'"), "test affected case"),
        (("firmware: 'V5.4.5 build 170123'}\n", "firmware: 'V5.4.1 build 161010'}\n"), "test fixed case"),
        (("fixed: 'V5.4.5 build 170123'}]", "fixed: 'five'}]"), "is not a valid hikvision version"),
        (("['^DS-2CD']", "['^DS-(2CD']"), "bad model pattern"),
        (("scheme: hikvision", "scheme: klingon"), "unknown scheme"),
        (("cvss: 5.0", "cvss: 50"), "cvss"),
        (("https://example.org/a", "http://example.org/a"), "https://"),
        (("    test:\n", "    tset:\n"), "unknown keys"),
    ],
)
def test_selfcheck_catches(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    body = GOOD.replace(*change)
    assert body != GOOD
    problems = check_vulns(_write(tmp_path, body))
    assert any(problem in p for p in problems), problems


def test_selfcheck_catches_duplicates(tmp_path: Path) -> None:
    body = GOOD + GOOD.split("records:\n", 1)[1]
    assert any("duplicate id" in p for p in check_vulns(_write(tmp_path, body)))


def test_selfcheck_catches_unknown_vendor_names(tmp_path: Path, sigdb: SignatureDB) -> None:
    vdb = _write(tmp_path, GOOD.replace("vendor: Hikvision", "vendor: HIKVISION"))
    assert any("canonical" in p for p in check_vulns(vdb, sigdb))
