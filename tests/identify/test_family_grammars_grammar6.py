"""Family grammars of session 13 (grammar6): Swann's kits named for the recorder they put on the network (SWNVK NVR
kits, SWDVK DVR kits) and its older IP lines after the brand; Vivotek's pan/tilt lines and the hyphenated codes users
write after the brand; Provision-ISR's doorbell and the Wi-Fi bullet whose lens code follows the feature letters;
ANNKE's NVRs and Night Chroma cameras after the brand; Hikvision's iDS-67xx DVRs, HiLook NVR-1xx NVRs and PTZ-N domes; Dahua's
DH-SD-<code> domes; Intelbras's MHDX DVRs and NVD/iNVD NVRs; Wansview's
K/Q/W lines and VStarcam's C/T/H series after the brand;
Pelco's short Sarix names with the users' hyphen; Amcrest codes without the dash; Night Owl's
DB-DBW doorbell.

Every new line is checked on published codes and on look-alikes that must name nobody (the same letters without the
brand, other makers' codes of the same shape), and on the catalog benchmark's Provision-ISR catalog.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB
from tests.identify.familyclaims import family_claims


def _named(db: SignatureDB, value: str) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (c.get("vendor"), c.get("model"), c.get("device_type", "camera"))
        for c in family_claims(db, value)
        if c.get("vendor") or c.get("brand")
    ]


@pytest.mark.parametrize(
    ("value", "vendor", "model", "device_type"),
    [
        # Swann kits: the networked box is the kit's recorder
        ("SWNVK-MR4KPROSD4-AU", "Swann", "SWNVK-MR4KPROSD4-AU", "nvr"),
        ("SWNVK-8ADVANX4D-AU", "Swann", "SWNVK-8ADVANX4D-AU", "nvr"),
        ("Swann DVR. SWDVK-845806WL and likely similar units", "Swann", "SWDVK-845806WL", "dvr"),
        ("SWDVK-1645808", "Swann", "SWDVK-1645808", "dvr"),
        # Swann cameras keep their line
        ("SWNHD-900DE", "Swann", "SWNHD-900DE", "camera"),
        ("SWPRO-4KMSB", "Swann", "SWPRO-4KMSB", "camera"),
        # Swann's older IP lines after the brand
        ("Swann NHD-815", "Swann", "NHD-815", "camera"),
        ("SWANN NHD-806", "Swann", "NHD-806", "camera"),
        ("Swann ADS-440", "Swann", "ADS-440", "camera"),
        # Vivotek pan/tilt lines, bare
        ("PZ7131", "Vivotek", "PZ7131", "camera"),
        ("PZ8111W", "Vivotek", "PZ8111W", "camera"),
        ("PT7135", "Vivotek", "PT7135", "camera"),
        # Vivotek codes with the users' hyphen, after the brand
        ("Vivotek IP-7131", "Vivotek", "IP-7131", "camera"),
        ("VIVOTEK FD-8134", "Vivotek", "FD-8134", "camera"),
        ("Vivotek SD-8363E", "Vivotek", "SD-8363E", "camera"),
        ("Vivotek PZ-7131", "Vivotek", "PZ-7131", "camera"),
        # Provision-ISR
        ("DB-320WIPN", "Provision-ISR", "DB-320WIPN", "doorbell"),
        ("I3-330WIP536-M", "Provision-ISR", "I3-330WIP536-M", "camera"),
        ("DI-340IPEN-28", "Provision-ISR", "DI-340IPEN-28", "camera"),
        # ANNKE recorders and Night Chroma cameras after the brand
        ("Annke N46PCK", "ANNKE", "N46PCK", "nvr"),
        ("ANNKE N48PAW NVR", "ANNKE", "N48PAW", "nvr"),
        ("ANNKE NC800", "ANNKE", "NC800", "camera"),
        ("[Offering help] Annke NCD800 (Probably Novatek NA51055)", "ANNKE", "NCD800", "camera"),
        # Hikvision's AcuSense iDS-67xx DVRs; Dahua's older DH-SD-<code> speed domes
        ("iDS-6716HUHI-M", "Hikvision", "iDS-6716HUHI-M", "dvr"),
        ("DH-SD-6A1230S-HN", "Dahua", "DH-SD-6A1230S-HN", "camera"),
        # Hikvision's HiLook NVRs
        ("NVR-104H-D", "Hikvision", "NVR-104H-D", "nvr"),
        ("NVR-108MH-D/8P", "Hikvision", "NVR-108MH-D/8P", "nvr"),
        ("HiLook NVR-104MH-C/4P(C)", "Hikvision", "NVR-104MH-C/4P(C)", "nvr"),
        ("PTZ-N2204I-DE3", "Hikvision", "PTZ-N2204I-DE3", "camera"),
        # Intelbras recorders, as owners write them and as the DVR reports itself
        ("deviceType=DVR deviceModel=MHDX-1116", "Intelbras", "MHDX-1116", "dvr"),
        ("DVR Intelbras MHDX 3004-C", "Intelbras", "MHDX 3004-C", "dvr"),
        ("Configuração NVD 1408P Intelbras", "Intelbras", "NVD 1408P", "nvr"),
        ("iNVD 5232", "Intelbras", "iNVD 5232", "nvr"),
        # Wansview's lines after the brand
        ("Nice it also works on Wansview K5 cloud camera with 07.26000.07.12 firmware.", "Wansview", "K5", "camera"),
        ("Wansview W6", "Wansview", "W6", "camera"),
        # VStarcam's series after the brand, without the Wi-Fi suffix
        ("Vstarcam C7824", "VStarcam", "C7824", "camera"),
        ("VSTARCAM H-6850", "VStarcam", "H-6850", "camera"),
        # Pelco's first Sarix generation as users write it, with a hyphen after the line letters
        ("Pelco IX-30DN", "Pelco", "IX-30DN", "camera"),
        ("Pelco IM-10DN10", "Pelco", "IM-10DN10", "camera"),
        # Amcrest codes written without the dash, and the ProHD outdoor IPM-75x
        ("IP3M952E", "Dahua", "IP3M952E", "camera"),
        ("IPM-751B", "Dahua", "IPM-751B", "camera"),
        # Night Owl's wired doorbell
        ("DB-DBW2", "Night Owl", "DB-DBW2", "doorbell"),
    ],
)
def test_new_lines(db: SignatureDB, value: str, vendor: str, model: str, device_type: str) -> None:
    got = _named(db, value)
    assert (vendor, model, device_type) in got, got


@pytest.mark.parametrize(
    ("value", "vendor"),
    [
        # the short Swann lines mean Swann only after the brand
        ("NHD-815", "Swann"),
        ("ADS-440", "Swann"),
        ("Analog Devices ADS-440 evaluation board", "Swann"),
        # a Zosi kit code holds SWNVK inside a longer token
        ("ZSWNVK-A41001-US", "Swann"),
        # a kit code needs its channel digits
        ("SWDVK-ABCDEF", "Swann"),
        # Vivotek's hyphenated codes only after the brand; Panasonic projectors are PT-<letters><digits>
        ("IP-7131", "Vivotek"),
        ("FD-8134", "Vivotek"),
        ("PT-AE8000", "Vivotek"),
        ("Panasonic PT-7135", "Vivotek"),
        # a pan/tilt code outside Vivotek's generations
        ("PZ1100", "Vivotek"),
        ("PT2131", "Vivotek"),
        # a D-sub connector is no doorbell
        ("DB-25", "Provision-ISR"),
        ("DB-9", "Provision-ISR"),
        # ANNKE's short codes only after the brand; the line name is not the model when the SKU follows
        ("N46PCK", "ANNKE"),
        ("NC800", "ANNKE"),
        # Epson's DS-670 scanner and a ticket number are no Hikvision recorders
        ("Epson DS-670", "Hikvision"),
        ("DS-6707", "Hikvision"),
        # TVT's Secutech NVR code has no H-<letter> platform part
        ("NVR-0808B2-8P", "Hikvision"),
        ("NVR-1080", "Hikvision"),
        # a PTZ word with a short number is no HiLook dome
        ("PTZ-N1234", "Hikvision"),
        # the National Vulnerability Database and a year; a longer number
        ("NVD 2023 data feeds", "Intelbras"),
        ("NVD 2024", "Intelbras"),
        ("MHDX 11160", "Intelbras"),
        # a bare K5, or the brand before another word
        ("K5", "Wansview"),
        ("Wansview K5000", "Wansview"),
        ("Wansview app", "Wansview"),
        ("C7824", "VStarcam"),
        ("Vstarcam C78240", "VStarcam"),
        ("IX-30DN", "Pelco"),
        ("Pelco IX-30DNXYZ9", "Pelco"),
        # without the dash the code must end in its letters
        ("IP4M1041", "Dahua"),
        ("IPM751B", "Dahua"),
        ("DB-DB9", "Night Owl"),
    ],
)
def test_look_alikes_name_nobody_of_the_line(db: SignatureDB, value: str, vendor: str) -> None:
    got = _named(db, value)
    assert not any(v == vendor for v, _, _ in got), got


def test_provision_catalog_read_and_measured(bench: ModuleType, db: SignatureDB) -> None:
    entries = [e for e in bench.catalog(("grammar_catalogs_provision.txt",)) if e.maker == "Provision-ISR"]
    assert len(entries) == 100
    assert all(e.source.startswith("https://github.com/ch-bas/cctv-camera-database/") for e in entries)
    hits = sum(any(bench.names_maker(db, "Provision-ISR", c) for c in bench.claims(db, e.model)) for e in entries)
    assert hits >= 90


def test_annke_line_name_leaves_the_sku_the_model(db: SignatureDB) -> None:
    got = _named(db, "Tested successfully with Annke C800 turret camera, exact model I91BM.")
    assert not any(m == "C800" for _, m, _ in got), got
    assert ("Hikvision", "C800-I91BL", "camera") in _named(db, "ANNKE C800-I91BL")
    assert not any(m == "C800" for _, m, _ in _named(db, "ANNKE C800-I91BL"))


@pytest.mark.parametrize(
    "value",
    [
        "DS-3WR18X",  # Hikvision's own wireless router
        "DS-K1105EDB",  # Hikvision's own card reader
        "DS-K1T670MFWX",  # Hikvision's own access terminal
        "Epson DS-670",  # a document scanner
    ],
)
def test_makers_own_non_video_products_are_no_video(db: SignatureDB, value: str) -> None:
    got = _named(db, value)
    assert not any(t in {"camera", "nvr", "dvr", "doorbell", "encoder"} for _, _, t in got), got


@pytest.mark.parametrize(
    ("value", "model"),
    [
        ("Milesight EM300-TH", "EM300-TH"),
        ("Milesight VS121", "VS121"),
        ("Milesight UG65 LoRaWAN gateway", "UG65"),
    ],
)
def test_milesight_iot_is_milesight_and_no_video(db: SignatureDB, value: str, model: str) -> None:
    got = _named(db, value)
    assert ("Milesight", model, "other") in got, got
    assert not any(t in {"camera", "nvr", "dvr", "doorbell", "encoder"} for _, _, t in got), got


@pytest.mark.parametrize(
    "raw",
    [
        "UG65 x2, firmware 60.0.0.49-r3 (controller) / 60.0.0.48-r3 (sub)",
        "Milesight UG65 LoRaWAN gateway, firmware 60.0.0.49-r3",
    ],
)
def test_milesight_gateway_is_no_camera(db: SignatureDB, raw: str) -> None:
    # the gateway numbers its firmware as Milesight's cameras do: the shape names the maker, never a camera
    ident = identify(Observation(None, None, (Response("other", raw, None, ""),)), db)
    assert ident.vendor == "Milesight"
    assert ident.device_type not in {"camera", "nvr", "dvr", "doorbell", "encoder"}


def test_own_other_catalog_is_no_video(bench: ModuleType, db: SignatureDB) -> None:
    entries = list(bench.catalog(("grammar_catalogs_own_other.txt",)))
    assert {e.maker for e in entries} == {"Milesight", "Hikvision"} and all(e.kind == "other" for e in entries)
    for e in entries:
        for value in (e.model, f"{e.maker} {e.model}"):
            for c in bench.claims(db, value):
                assert not bench.other_maker(db, e.maker, c), (value, c)
                assert c.get("device_type", "camera" if c.get("vendor") else "") not in bench.VIDEO_TYPES, (value, c)
