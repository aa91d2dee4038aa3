"""Family grammars of session 10 (grammar2) and the second ch-bas catalog of benchmarks/grammar_recall.py.

Each new or widened grammar is checked on published model numbers of its line and on look-alikes that must name
nobody (other makers' codes of the same shape, the same letters outside the line, a wattage or a version). The
catalog check holds the makers the training corpus has no device text of to a recall floor on the catalog's
held-out half, so a later narrowing that loses a product line fails here.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from netscan.sigdb import SignatureDB
from tests.identify.familyclaims import family_claims







_claims = family_claims


@pytest.mark.parametrize(
    ("value", "vendor", "model", "brand"),
    [
        # Avigilon multi-sensor order codes (H3 and H4 multisensor datasheets' naming)
        ("12W-H3-4MH-DP1-B", "Avigilon", "12W-H3-4MH-DP1-B", None),
        ("9W-H3-3MH-DC1", "Avigilon", "9W-H3-3MH-DC1", None),
        ("24C-H4A-3MH-180", "Avigilon", "24C-H4A-3MH-180", None),
        # the single-sensor codes keep working
        ("5.0C-H5A-BO1-IR", "Avigilon", "5.0C-H5A-BO1", None),
        # Amcrest (Dahua-built) codes with two or three form letters before the digits
        ("IP8M-FCT2999EW-AI", "Dahua", "IP8M-FCT2999EW-AI", "Amcrest"),
        ("IP8M-VT2779EW", "Dahua", "IP8M-VT2779EW", "Amcrest"),
        ("IP5M-T1273EW-AI", "Dahua", "IP5M-T1273EW-AI", "Amcrest"),
        # HiLook (Hikvision) four-digit codes
        ("IPC-B1120HAP-LUF", "Hikvision", "IPC-B1120HAP-LUF", "HiLook"),  # the code names the HiLook brand (grammar5)
        # Uniview's China-market line (IPC-<letter><2 digits><H|S|Q>...) and its consumer IPC2A3L line
        ("IPC-T13H40-A", "Uniview", "IPC-T13H40-A", None),
        ("IPC-T35Q-JY40-AI", "Uniview", "IPC-T35Q-JY40-AI", None),
        ("IPC-L3A4-IR_F28", "Uniview", "IPC-L3A4-IR_F28", None),
        ("IPC2D4I-WH-APF40-G-DT", "Uniview", "IPC2D4I-WH-APF40-G-DT", None),
        # Axis FA modular main units, after the brand
        ("AXIS FA3105-L", "Axis", "FA3105-L", None),
        # Honeywell equIP H-series and the HDZ...HDEX PTZ
        ("H4W2GR2", "Honeywell", "H4W2GR2", None),
        ("Honeywell H4D1FR", "Honeywell", "H4D1FR", None),
        ("HDZ20HDEX", "Honeywell", "HDZ20HDEX", None),
        # Lorex lines read after the brand
        ("Lorex OC101A", "Dahua", "OC101A", "Lorex"),
        ("Lorex IC501A", "Dahua", "IC501A", "Lorex"),
    ],
)
def test_line_is_named(db: SignatureDB, value: str, vendor: str, model: str, brand: str | None) -> None:
    got = _claims(db, value)
    assert got, value
    best = got[0]
    assert best.get("vendor") == vendor
    assert best.get("model") == model
    assert best.get("brand") == brand
    assert best.get("device_type", "camera") == "camera"


@pytest.mark.parametrize(
    "value",
    [
        "IC101A",  # a Lorex indoor-camera code alone: too short to name anybody
        "V261LCD",  # likewise without the brand
        "Acme IC101A",  # after another name
        "12W",  # a multisensor's resolution alone
        "H3-4MH-DP1",  # the code without its resolution
        "IP8M",  # the Amcrest prefix alone
        "FA54",  # an Axis FA unit without the brand
        "H264",  # a codec name beside Honeywell's H-series
        "H.265",
        "H3D1",  # an H-series code cut before its lens letter
        "IPC2A3L",  # a Uniview consumer code without its option suffix
        "AS2511RJ",  # Cisco access server (beside Vivotek's lines)
        "FS6400",  # Synology NAS
    ],
)
def test_lookalike_names_nobody(db: SignatureDB, value: str) -> None:
    got = [c for c in _claims(db, value) if c.get("vendor") or c.get("brand")]
    assert got == [], (value, got)


@pytest.mark.parametrize("value", ["IPC-T5442T-ZE", "IPC-B1B20", "IPC-HDW5842H-ASE", "IPC-HFW2431S-S-S2"])
def test_hilook_grammar_leaves_dahua_codes_to_dahua(db: SignatureDB, value: str) -> None:
    """Dahua's IPC- codes (four digits ending in another letter than H, a letter among the digits) stay Dahua's."""
    vendors = {c.get("vendor") for c in _claims(db, value)}
    assert vendors == {"Dahua"}, (value, vendors)


@pytest.mark.parametrize("value", ["IPC-T12H40-A", "IPC-H13H-A28", "IPC-Y13H-Y40"])
def test_uniview_china_line_is_not_dahua(db: SignatureDB, value: str) -> None:
    """Uniview's IPC-T12H40-A shape is not a Dahua IPC-T code (the Dahua grammar leaves two digits and H/S/Q)."""
    vendors = {c.get("vendor") for c in _claims(db, value)}
    assert vendors == {"Uniview"}, (value, vendors)


def test_chbas_catalog_reads_and_cites_the_database(bench: ModuleType) -> None:
    entries = [e for e in bench.read_catalog(bench.DATA / "grammar_catalogs_chbas.txt")]
    makers = {e.maker for e in entries}
    assert {"Hanwha Vision", "Bosch", "Vivotek", "Pelco", "Milesight", "Tiandy", "Honeywell", "TVT"} <= makers
    assert {"Mobotix", "Avigilon", "Jovision", "Night Owl", "Uniview", "Axis", "Swann"} <= makers
    assert all(e.source.startswith("https://github.com/ch-bas/cctv-camera-database/tree/") for e in entries)
    # a product-line name is one model, not one per word
    bosch = {e.model for e in entries if e.maker == "Bosch"}
    assert "AUTODOME IP starlight 7000 HD" in bosch and "AUTODOME" not in bosch
    assert len(entries) > 700


@pytest.mark.parametrize(
    "maker", ["Tiandy", "TVT", "Jovision", "Night Owl", "Milesight", "Avigilon", "Honeywell", "Uniview"]
)
def test_held_out_recall_floor(bench: ModuleType, db: SignatureDB, maker: str) -> None:
    """The makers without device text in the training corpus: their grammars name at least 85% of the ch-bas
    catalog's held-out models (counted only, never listed)."""
    held = [
        e
        for e in bench.read_catalog(bench.DATA / "grammar_catalogs_chbas.txt")
        if e.maker == maker and e.half == "held-out"
    ]
    assert len(held) >= 5
    hits = sum(any(bench.names_maker(db, maker, c) for c in bench.claims(db, f"{maker} {e.model}")) for e in held)
    assert hits / len(held) >= 0.85


@pytest.mark.parametrize(
    ("value", "firmware"),
    [
        ("FirmwareVersion: 45.8.0.3-r2", "45.8.0.3-r2"),  # a camera of another chip platform
        ("MSFImage 71.9.0.4-r1", "71.9.0.4-r1"),  # a recorder's image version
        ("63.8.0.79-a1", "63.8.0.79-a1"),  # a temporary build
    ],
)
def test_milesight_firmware_scheme_names_the_maker(db: SignatureDB, value: str, firmware: str) -> None:
    got = [c for c in _claims(db, value) if c.get("firmware")]
    assert [(c.get("vendor"), c["firmware"]) for c in got] == [("Milesight", firmware)]
    assert "device_type" not in got[0]  # Milesight also makes IoT gateways: the scheme says who, not what


@pytest.mark.parametrize(
    "value",
    [
        "45.7.0.72",  # four dotted numbers: an IPv4 address
        "MX-V4.7.3.11-r4",  # MOBOTIX's scheme (the V prefix)
        "1.2.3.4-r1",  # a one-digit chip field
        "45.7.0.72-r3.1",  # the head of a longer version
        "openwrt 21.02.3-r16554",  # three fields
    ],
)
def test_milesight_firmware_scheme_lookalikes(db: SignatureDB, value: str) -> None:
    assert [c for c in _claims(db, value) if c.get("vendor") == "Milesight"] == []


@pytest.mark.parametrize("value", ["MS-N8032", "MS-N5016-UT", "MS-N7048-PG"])
def test_milesight_recorder_with_or_without_suffix(db: SignatureDB, value: str) -> None:
    got = _claims(db, value)
    assert [(c.get("vendor"), c.get("model"), c.get("device_type")) for c in got] == [("Milesight", value, "nvr")]


@pytest.mark.parametrize("value", ["MS-N80", "MS-NVR", "AMS-N8032"])
def test_milesight_recorder_lookalikes(db: SignatureDB, value: str) -> None:
    assert [c for c in _claims(db, value) if c.get("vendor") == "Milesight"] == []
