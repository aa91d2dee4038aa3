"""Vendor families extended for issue 11 (helper ident3): Hikvision NVR/DVR/intercom lines and the
ANNKE relabel, Dahua recorders and the Amcrest/Lorex relabel lines, Uniview firmware and NVRs, Hanwha
recorders, ... A model or firmware string in its maker's shape names the maker in any short field;
look-alikes (other makers' product codes, resellers' spellings) name nobody; a family entry's
``negatives`` are checked by the self-check."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.selfcheck import family_negatives
from netscan.sigdb.signatures import Signatures


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _title(db: SignatureDB, title: str) -> tuple[str | None, str | None, str | None, str]:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    ident = identify(Observation(None, None, (Response("http", raw, 80, "GET /"),)), db)
    return ident.vendor, ident.brand, ident.model, ident.device_type


@pytest.mark.parametrize(("title", "vendor", "brand", "model", "device_type"), [
    # Hikvision: the letter after the channel count says recorder kind (N: NVR, H: DVR)
    ("DS-7104NI-Q1/4P", "Hikvision", None, "DS-7104NI-Q1/4P", "nvr"),
    ("DS-7208HGHI-K1", "Hikvision", None, "DS-7208HGHI-K1", "dvr"),
    ("iDS-7716NXI-M4/X", "Hikvision", None, "iDS-7716NXI-M4/X", "nvr"),
    ("DS-KH6320-WTE1", "Hikvision", None, "DS-KH6320-WTE1", "other"),
    ("DS-KIS602", "Hikvision", None, "DS-KIS602", "doorbell"),
    ("DHI-VTH5421EW-H", "Dahua", None, "DHI-VTH5421EW-H", "other"),
    ("C1200-I91DD", "Hikvision", "ANNKE", "C1200-I91DD", "camera"),
    # Dahua and its relabel lines
    ("DHI-NVR4216-16P-4KS2", "Dahua", None, "DHI-NVR4216-16P-4KS2", "nvr"),
    ("IPC-B1B20", "Dahua", None, "IPC-B1B20", "camera"),   # the Lite / EZ-IP bullet and dome lines
    ("IPM-723W", "Dahua", "Amcrest", "IPM-723W", "camera"),
    ("NV4116-HS", "Dahua", "Amcrest", "NV4116-HS", "nvr"),
    ("NVR608RH-64-XI", "Dahua", None, "NVR608RH-64-XI", "nvr"),   # series 6: Dahua's, not Uniview's
    ("LNB9242B", "Dahua", "Lorex", "LNB9242B", "camera"),
    # Uniview
    ("NVR304-32S", "Uniview", None, "NVR304-32S", "nvr"),
    ("HWI-B121H", "Hikvision", "HiWatch", "HWI-B121H", "camera"),
    ("WV-S15301-Z1L", "i-PRO", None, "WV-S15301-Z1L", "camera"),
    ("EZVIZ CB8 2K", "Hikvision", "EZVIZ", "CB8", "camera"),   # EZVIZ: parent Hikvision, the maker
    ("EZVIZ DB2", "Hikvision", "EZVIZ", "DB2", "doorbell"),
    # Imou (Dahua), Foscam and Tapo short codes after the brand
    ("IPC-F42FEP-2M0WE", "Dahua", "Imou", "IPC-F42FEP-2M0WE", "camera"),
    ("Foscam V8P", "Foscam", None, "V8P", "camera"),
    ("Tapo D235", "TP-Link", "Tapo", "D235", "doorbell"),   # Tapo is TP-Link's brand: maker TP-Link, label Tapo
    ("Tapo TC65", "TP-Link", "Tapo", "TC65", "camera"),
    ("GV-EBD8800", "GeoVision", None, "GV-EBD8800", "camera"),
    ("MD-300Np", "Brickcom", None, "MD-300Np", "camera"),
    # Vivotek, Bosch, Grandstream, UniFi
    ("ND9441P", "Vivotek", None, "ND9441P", "nvr"),
    ("FLEXIDOME IP 4000i", "Bosch", None, "FLEXIDOME IP 4000i", "camera"),
    ("GSC3615", "Grandstream", None, "GSC3615", "camera"),
    ("GDS3712", "Grandstream", None, "GDS3712", "doorbell"),
    ("UVC-G4-PRO", "Ubiquiti", None, "UVC-G4-PRO", "camera"),
    # Hanwha Vision recorders, Reolink kits and the Reolink-built Swann lines, Eufy doorbells, Axis
    ("Wisenet QRN-810S", "Hanwha Vision", None, "QRN-810S", "nvr"),
    ("XRN-1620SB1", "Hanwha Vision", None, "XRN-1620SB1", "nvr"),
    ("RLK16-820D8", "Reolink", None, "RLK16-820D8", "nvr"),
    ("RLC-81PA", "Reolink", None, "RLC-81PA", "camera"),
    ("NHD-806", "Reolink", "Swann", "NHD-806", "camera"),
    ("NVR-7285", "Reolink", "Swann", "NVR-7285", "nvr"),
    ("T8203", "Eufy", None, "T8203", "doorbell"),
    ("220 Axis P1346 Network Camera 5.20 (2011) ready.", "Axis", None, "P1346", "camera"),
    ("AXIS C1004-E Network Cabinet Speaker", "Axis", None, "C1004-E", "other"),
    ("AXIS I8016-LVE Network Video Intercom", "Axis", None, "I8016-LVE", "doorbell"),
])
def test_a_model_in_the_family_shape_names_the_maker(db: SignatureDB, title: str, vendor: str, brand: str | None,
                                                     model: str, device_type: str) -> None:
    got = _title(db, title)
    assert (got[0], got[2], got[3]) == (vendor, model, device_type)
    if brand:
        assert got[1] == brand


@pytest.mark.parametrize("title", [
    "DS7104 HDT",          # a reseller's spelling, no dash
    "NVR1004H",            # no Dahua series digit 0 (a VIGI NVR looks like this)
    "IPM-100",             # not Amcrest's IPM-72x line
    "C800",                # an ANNKE product name without its SKU
    "NVR-104P",            # QNAP VioStor
    "DIGIEVER DS-4216 Pro+ NVR",
    "Axis 360",            # a number after the word, not a model
    "R2",                  # a Foscam code only means the product after the brand
    "D230",                # likewise a Tapo doorbell code
    "GV-N1060WF2OC-6GD",   # a Gigabyte graphics card, not a GeoVision camera
    "GV-R9270WF2OC-2GD",
    "MD-300NP",            # Brickcom writes the last letter in lower case
])
def test_look_alikes_name_no_maker_by_shape(db: SignatureDB, title: str) -> None:
    assert [r.id for r in db.any_rules if r.extract(title) is not None] == []
    vendor, _, model, _ = _title(db, title)
    assert model is None or model not in title


def _ident(db: SignatureDB, proto: str, raw: str, port: int) -> tuple[str | None, str | None]:
    ident = identify(Observation(None, None, (Response(proto, raw, port, ""),)), db)
    return ident.vendor, ident.firmware


@pytest.mark.parametrize(("raw", "vendor", "firmware"), [
    ('{"DeviceInfo": {"FirmwareVersion": "GIPC-B6220.6.5.251212"}}', "Uniview", "GIPC-B6220.6.5.251212"),
    ('{"DeviceInfo": {"FirmwareVersion": "NVR-B3601.37.45.230825"}}', "Uniview", "NVR-B3601.37.45.230825"),
    ('{"status": {"firmware": "V4.31.100-build 210129"}}', "Hikvision", "V4.31.100-build 210129"),
    ('{"info": {"ver": "IPC-B2202.7.11.230222"}}', "Uniview", "IPC-B2202.7.11.230222"),  # not Dahua's IPC-B line
])
def test_firmware_schemes(db: SignatureDB, raw: str, vendor: str, firmware: str) -> None:
    assert _ident(db, "http", raw, 80) == (vendor, firmware)


def test_a_negative_that_a_grammar_claims_is_a_problem(tmp_path: Path) -> None:
    shipped = Path(load_db().root)
    import shutil

    root = tmp_path / "sig"
    shutil.copytree(shipped, root)
    fam = root / "families" / "hikvision.yaml"
    text = fam.read_text(encoding="utf-8")
    text = text.replace("      - value: 'DVR 4 CH Analog Biasa, DS7104 HDT'",
                        "      - value: 'DS-7608NI-K2'", 1)
    fam.write_text(text, encoding="utf-8")
    db = load_db(root)
    problems = list(family_negatives(Signatures(db=db, vulns=None)))
    assert any("DS-7608NI-K2" in p and "family-hikvision-nvr" in p for p in problems), problems
    assert not list(family_negatives(Signatures(db=load_db(), vulns=None)))


def test_no_family_grammar_claims_an_ieee_registrant(db: SignatureDB) -> None:
    """The IEEE registry's ~49,000 company names and addresses are a large body of real product-free
    text full of letter-digit tokens: a grammar wide enough to claim one of them is too wide."""
    claimed = []
    with open(Path(db.root) / "oui" / "registry.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            for value in line.rstrip("\n").split("\t")[1:]:
                for rule in db.any_field_rules(value):
                    if rule.extract(value) is not None:
                        claimed.append((rule.id, value))
    assert claimed == []


VIDEO = {"camera", "nvr", "dvr", "doorbell", "encoder"}


def test_no_video_family_grammar_claims_a_non_camera_example(db: SignatureDB) -> None:
    """The examples of the non-camera fingerprint rules (printers, routers, print servers, NAS...) are
    real look-alikes: no family grammar of a video product line may claim one (HP part numbers such as
    CC335A, Axis print servers 'AXIS 560')."""
    claimed = []
    for rule in db.rules:
        if rule in db.any_rules or rule.set.get("device_type") in (None, *VIDEO):
            continue
        for ex in rule.examples:
            value = str(ex.get("value", ""))
            for fam in db.any_field_rules(value):
                got = fam.extract(value)
                if got is not None and got.get("device_type", "camera") in VIDEO:
                    claimed.append((rule.id, fam.id, value[:60]))
    assert claimed == []
