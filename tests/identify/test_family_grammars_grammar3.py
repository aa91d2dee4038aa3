"""Family grammars of session 11 (grammar3): Tiandy recorders, Lorex recorders and lines, Pelco Spectra and the
short Sarix names, Swann's Reolink-built Wi-Fi cameras, TP-Link's TL-IPC line; and overlaps between
makers resolved by the shape each maker uses (Hanwha's Wisenet L digits against Lorex's, Sarix's megapixel classes).

Every new line is checked on published codes and on look-alikes that must name nobody (other makers' codes of the
same letters, test-case numbers, error codes, non-camera products), and the recall benchmark's cross-listing rule
is checked on its own.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from netscan.sigdb import SignatureDB
from tests.identify.familyclaims import family_claims


_claims = family_claims


def _named(db: SignatureDB, value: str) -> list[tuple[str | None, str | None, str | None, str]]:
    return [
        (c.get("vendor"), c.get("brand"), c.get("model"), c.get("device_type", "camera"))
        for c in _claims(db, value)
        if c.get("vendor") or c.get("brand")
    ]


@pytest.mark.parametrize(
    ("value", "vendor", "brand", "model", "device_type"),
    [
        # Tiandy recorders: TC-R3<series><channels>; the spec after the code is not the model
        ("TC-R3105 Spec:I/B/P4/Eu/L/S/V2.0", "Tiandy", None, "TC-R3105", "nvr"),
        ("TC-R3110 Spec:I/B/P8/EU/L/S/V2.0", "Tiandy", None, "TC-R3110", "nvr"),
        ("Tiandy TC-R3220-I-B-K", "Tiandy", None, "TC-R3220", "nvr"),
        # Tiandy cameras from the same distributor listings keep working
        ("TC-H333K", "Tiandy", None, "TC-H333K", "camera"),
        ("TC-C34CN 9ATA-28", "Tiandy", None, "TC-C34CN", "camera"),
        # Lorex (Dahua-built) recorders and lines
        ("N843A8", "Dahua", "Lorex", "N843A8", "nvr"),
        ("Lorex Fusion NVR N845A62", "Dahua", "Lorex", "N845A62", "nvr"),
        ("Lorex N847", "Dahua", "Lorex", "N847", "nvr"),
        ("LNR6100", "Dahua", "Lorex", "LNR6100", "nvr"),
        ("LHV2016", "Dahua", "Lorex", "LHV2016", "dvr"),
        ("LNC216", "Dahua", "Lorex", "LNC216", "camera"),
        ("LNB-3143R-CP", "Dahua", "Lorex", "LNB-3143R-CP", "camera"),
        ("E891AB", "Dahua", "Lorex", "E891AB", "camera"),
        ("E910DD", "Dahua", "Lorex", "E910DD", "camera"),
        # Pelco: Sarix in its megapixel classes, the short first-generation names and Spectra after the brand
        ("IMM12027-1EP", "Pelco", None, "IMM12027-1EP", "camera"),
        ("IMP1110-1-T4", "Pelco", None, "IMP1110-1-T4", "camera"),
        ("IBE838-1ER", "Pelco", None, "IBE838-1ER", "camera"),
        ("Pelco IX30", "Pelco", None, "IX30", "camera"),
        ("Pelco IDE20", "Pelco", None, "IDE20", "camera"),
        ("Pelco D5118", "Pelco", None, "D5118", "camera"),
        ("Spectra D6230L", "Pelco", None, "D6230L", "camera"),
        # Swann: the Reolink-built Wi-Fi camera
        ("SWANN NVW-485CAM", "Reolink", "Swann", "NVW-485CAM", "camera"),
        # TP-Link's China-market TL-IPC cameras
        ("TL-IPC44GW", "TP-Link", None, "TL-IPC44GW", "camera"),
        ("TL-IPC642E-A4 restarting prebuffer session", "TP-Link", None, "TL-IPC642E-A4", "camera"),
        ("TL-IPC637P-ZOOM-DUAL 1.0", "TP-Link", None, "TL-IPC637P-ZOOM-DUAL", "camera"),
        # Dahua's series code without the IPC- prefix
        ("HFW4300S", "Dahua", None, "HFW4300S", "camera"),
        ("HDBW2200EP", "Dahua", None, "HDBW2200EP", "camera"),
        ("DH-HFW5243M3-PV-ZAS", "Dahua", None, "DH-HFW5243M3-PV-ZAS", "camera"),
        # Dahua's HDCVI cameras; Amcrest's SmartHome and analog-HD lines (Dahua-built)
        ("DH-HAC-HFW3208M-I1-A", "Dahua", None, "DH-HAC-HFW3208M-I1-A", "camera"),
        ("HAC-HFW1200R", "Dahua", None, "HAC-HFW1200R", "camera"),
        ("ASH21-B", "Dahua", "Amcrest", "ASH21-B", "camera"),
        # ANNKE's DVRs after the brand, also in the lower case owners write
        ("my annke DW81KD DVR", "ANNKE", None, "DW81KD", "dvr"),
        ("AMC4KBC28-B", "Dahua", "Amcrest", "AMC4KBC28-B", "camera"),
        # VStarcam's 6xxx/7xxx Wi-Fi lines with their housing letter and Wi-Fi suffix
        ("H-6837WI", "VStarcam", None, "H-6837WI", "camera"),
        ("T-6836WTP", "VStarcam", None, "T-6836WTP", "camera"),
        ("C7824WIP", "VStarcam", None, "C7824WIP", "camera"),
        # Milesight after the brand without the MS- prefix; the full code stays the camera grammar's
        ("Milesight C2972", "Milesight", None, "C2972", "camera"),
        ("Milesight MS3672", "Milesight", None, "MS3672", "camera"),
        ("Milesight MS-C2963-RFPD1", "Milesight", None, "MS-C2963-RFPD1", "camera"),
        # Grandstream option suffix with digits; Vivotek's video servers are encoders
        ("GXV3662_FHD_36", "Grandstream", None, "GXV3662_FHD_36", "camera"),
        ("VS8100", "Vivotek", None, "VS8100", "encoder"),
        # Axis M/P/Q codes without the brand, as their ONVIF Model and UPnP modelNumber give them
        ("M5525-E", "Axis", None, "M5525-E", "camera"),
        ("P1465-LE", "Axis", None, "P1465-LE", "camera"),
        ("Q3538-SLVE", "Axis", None, "Q3538-SLVE", "camera"),
        ("P1455-LE-3", "Axis", None, "P1455-LE-3", "camera"),
    ],
)
def test_line_is_named(db: SignatureDB, value: str, vendor: str, brand: str | None, model: str, device_type: str) -> None:
    assert _named(db, value) == [(vendor, brand, model, device_type)], value


@pytest.mark.parametrize(
    "value",
    [
        # Tiandy's TC-R shape without its series digit and channel count: test-plan case numbers
        "TC-R31",
        "TC-R32",
        "TC-R3",
        "ETC-R3105",  # inside a longer token
        # Lorex's N8 shape: bare N codes without the generation letter, other makers' N-codes
        "N8010",
        "N300",
        "N843",  # the short form only after the brand
        "Acme N847",
        "E800",  # Lorex's E8xx needs its housing suffix
        "E850XY",
        "E8",
        # Spectra / short Sarix names are only Pelco's after the brand or the line name
        "D5230",
        "IX30",
        "IS50",
        "Spectra Logic T950",  # the tape-library maker of the same name
        # a Sarix-shaped code in a megapixel class Pelco does not make (an Amcrest IPM-722S mistyped)
        "IMP722S",
        # TP-Link: an application's error code, a switch, a router
        "TL-IPC-001",
        "TL-SG3428",  # (the router TL-WR841N is named as TP-Link's router since session 16: test_harvest3_dumps.py)
        # a printer, a NAS and a router of the same letters as the new lines
        "LHV",
        "DS920+",
        # (the router RT-AC68U is named as ASUS's router since session 18: signatures/families/asus.yaml,
        # tests/identify/test_harvest7_mechanisms.py)
        # the new batch's look-alikes: a Toshiba hard drive, Dahua's full code (one claim, not two), a Visual Studio
        # version, an MSI mainboard, Grandstream's video phones, a bare number after Milesight's name
        "HDWD110",
        "ASH1",  # Amcrest's SmartHome line has two digits
        "DW81KD",  # an ANNKE DVR code alone is too short to name anyone
        "Acme DW81KD",
        "ASH",
        "HAC-",
        "AMC1080",  # the resolution alone, no housing
        "VS2019",
        "MS-7B86",
        "GXV3240",
        "Milesight 2020",
        "C7824",  # a VStarcam series without its Wi-Fi suffix names nobody
        "F6836W",  # listed under two makers in the catalogs: F is not one of VStarcam's housing letters here
        # Axis's bare shape needs its feature letters: a switch's port count, a printer, a monitor
        "M4300-12X12F",
        "M4300-28G",
        "M1132",
        "P2419H",
        "M3045",
        "Q1234-AB",  # letters outside Axis's vocabulary (A)
    ],
)
def test_lookalike_names_nobody(db: SignatureDB, value: str) -> None:
    assert _named(db, value) == [], value


@pytest.mark.parametrize("value", ["LND-6010R", "LNO-7022R", "LNV-6072R", "ANE-L6012R", "XNV-8080R"])
def test_hanwha_wisenet_l_stays_hanwha(db: SignatureDB, value: str) -> None:
    """Hanwha's L line writes its resolution digit (6-9) after the hyphen; Lorex's LNB-3143 does not."""
    assert {c[0] for c in _named(db, value)} == {"Hanwha Vision"}, value


def test_lorex_hyphen_code_is_not_hanwha(db: SignatureDB) -> None:
    assert {c[0] for c in _named(db, "LNB-3143R-CP")} == {"Dahua"}


@pytest.mark.parametrize("value", ["IMP321-1ES", "IME219", "IBP219-ER", "IMP521-1ERS", "IMM12018"])
def test_sarix_megapixel_classes_still_named(db: SignatureDB, value: str) -> None:
    assert {c[0] for c in _named(db, value)} == {"Pelco"}, value


def test_cross_listed_claims_are_counted_apart(bench: ModuleType, db: SignatureDB) -> None:
    """A model listed under two makers is not a wrong-maker claim for the one the grammar names; a model listed
    under one maker only still is."""
    dlink = bench.Entry("D-Link", "camera", "DCS-930", "https://github.com/x")
    listed_twice = bench.Entry("TP-LINK", "camera", "DCS-930", "https://github.com/x")
    listed_once = bench.Entry("TP-LINK", "camera", "DCS-5222L", "https://github.com/x")
    result = bench.measure(db, [dlink, listed_twice, listed_once])
    assert [r[1] for r in result["cross_listed"]] == ["DCS-930", "DCS-930"]
    assert [r[1] for r in result["wrong_maker"]] == ["DCS-5222L", "DCS-5222L"]


def test_benchmark_wrong_maker_claims_bounded(bench: ModuleType, db: SignatureDB) -> None:
    """The whole catalog: at most the 14 wrong-maker claims left at session 11 (each on a catalog row that names
    another maker's model: iSpy's Axis IP8362, a thread's HiLook-shaped "Uniview" codes), and no look-alike
    called a video product."""
    s = bench.summary(bench.measure(db, bench.catalog()))
    assert s["wrong_maker_claims"] <= 14
    assert s["false_video_claims"] == 0


def test_threads_catalog_reads_and_is_marked_unwritten(bench: ModuleType) -> None:
    path = bench.DATA / "grammar_catalogs_threads.txt"
    assert "grammar_catalogs_threads.txt" in bench.CATALOGS
    assert "NO grammar is written from any model of this" in path.read_text(encoding="utf-8")
    entries = list(bench.read_catalog(path))
    assert len(entries) >= 100
    assert all("/pull/" in e.source or "/issues/" in e.source for e in entries)


@pytest.mark.parametrize(("value", "model"), [("IPC-HFW4300S", "IPC-HFW4300S"), ("DH-IPC-HDW4431C-A", "DH-IPC-HDW4431C-A")])
def test_dahua_full_code_gets_one_claim(db: SignatureDB, value: str, model: str) -> None:
    """The series-code grammar does not also claim the tail of a full Dahua code (the left boundary excludes '-')."""
    assert [(c[0], c[2]) for c in _named(db, value)] == [("Dahua", model)]


def test_no_catalog_cites_a_test_split_source(bench: ModuleType) -> None:
    """The recall benchmark's catalogs, like the signatures, take nothing from the test split's threads or
    repositories (tests/test_corpus_split.py's list)."""
    import importlib.util
    import re
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "test_corpus_split.py"
    spec = importlib.util.spec_from_file_location("_corpus_split_for_catalogs", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sources = mod._test_sources()
    assert sources
    cited = {e.source.rstrip("/") for e in bench.catalog()}
    for url in cited:
        m = re.match(r"https://github\.com/([^/\s]+/[^/\s#?]+)", url)
        assert url not in sources, url
        assert m is None or m.group(1) not in sources, url
