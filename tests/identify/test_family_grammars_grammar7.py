"""Family grammars of session 14 (grammar7): device-type data and lines for makers whose grammar was thin.

UniFi Protect's G4 doorbells are doorbells, not cameras (the Protect API's camera ``type`` and the store SKU); EZVIZ's
doorbell after the brand also as owners write it with a dash (``EZVIZ DB-1``); Uniview's C- and D-prefixed camera
firmware branches (the maker's CVE-2023-0773 advisory); Honeywell's Performance Series HEN recorders; Vivotek's MA
multi-sensor line (CVE-2026-22755's model list); Zavio's C-series cameras after the maker's name (CVE-2023-4249);
Uniarch, Uniview's line for small installations (IPC-<form><3 digits>-<lens> cameras, NVR-1xx, XVR-1xx, Uho- Wi-Fi and
UAC-/HAC- analog cameras), which Dahua's IPC-T and HAC-B/T grammars now leave.

Every new line is checked on published codes and on look-alikes that must name nobody of the line (the same letters
without the brand, other makers' codes of the same shape, non-video products).
"""

from __future__ import annotations

import pytest

from netscan.sigdb import SignatureDB
from tests.identify.familyclaims import family_claims


def _named(db: SignatureDB, value: str) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (c.get("vendor"), c.get("model"), c.get("device_type", "camera"))
        for c in family_claims(db, value)
        if (c.get("vendor") or c.get("brand")) and c.get("model")
    ]


def _firmware(db: SignatureDB, value: str) -> list[tuple[str | None, str | None]]:
    return [(c.get("vendor"), c.get("firmware")) for c in family_claims(db, value) if c.get("firmware")]


@pytest.mark.parametrize(
    ("value", "vendor", "model", "device_type"),
    [
        # UniFi Protect doorbells, as the Protect API types them and as the store's SKUs
        ("UVC G4 Doorbell", "Ubiquiti", "UVC G4 Doorbell", "doorbell"),
        ("UVC G4 Doorbell Pro", "Ubiquiti", "UVC G4 Doorbell Pro", "doorbell"),
        ("UVC G4 Doorbell Pro PoE", "Ubiquiti", "UVC G4 Doorbell Pro PoE", "doorbell"),
        ("UVC-G4-DoorBell-Pro", "Ubiquiti", "UVC-G4-DoorBell-Pro", "doorbell"),
        ("UVC-G4-DOORBELL-PRO", "Ubiquiti", "UVC-G4-DOORBELL-PRO", "doorbell"),
        # the cameras keep their type
        ("UVC G4 Pro", "Ubiquiti", "UVC G4 Pro", "camera"),
        ("UVC G3 Flex", "Ubiquiti", "UVC G3 Flex", "camera"),
        ("UVC-G5-Bullet", "Ubiquiti", "UVC-G5-Bullet", "camera"),
        # EZVIZ doorbells after the brand, with or without the dash
        ("EZVIZ DB-1", "EZVIZ", "DB-1", "doorbell"),
        ("EZVIZ DB1", "EZVIZ", "DB1", "doorbell"),
        ("EZVIZ DB2C", "EZVIZ", "DB2C", "doorbell"),
        # Honeywell Performance Series recorders
        ("HEN04112", "Honeywell", "HEN04112", "nvr"),
        ("Honeywell HEN04101-X", "Honeywell", "HEN04101-X", "nvr"),
        ("HEN16302", "Honeywell", "HEN16302", "nvr"),
        # Vivotek multi-sensor line
        ("MA9321", "Vivotek", "MA9321", "camera"),
        ("MA9322-EHTV", "Vivotek", "MA9322-EHTV", "camera"),
        # Zavio after its name
        ("Zavio CF7500", "Zavio", "CF7500", "camera"),
        ("ZAVIO CB3211", "Zavio", "CB3211", "camera"),
        # Uniarch by Uniview
        ("IPC-T124-APF28K", "Uniview", "IPC-T124-APF28K", "camera"),
        ("Uniarch IPC-B124-APF40K (4.0 mm)", "Uniview", "IPC-B124-APF40K", "camera"),
        ("IPC-D315-APKZ", "Uniview", "IPC-D315-APKZ", "camera"),
        ("IPC-P413-X20K", "Uniview", "IPC-P413-X20K", "camera"),
        ("NVR-108LS-P8", "Uniview", "NVR-108LS-P8", "nvr"),
        ("NVR-116E2", "Uniview", "NVR-116E2", "nvr"),
        ("XVR-116G3", "Uniview", "XVR-116G3", "dvr"),
        ("Uniarch Uho-S2E network camera", "Uniview", "Uho-S2E", "camera"),
        ("Uho-S2E-M4", "Uniview", "Uho-S2E-M4", "camera"),
        ("UHO-P2G-M3F4D-EU", "Uniview", "UHO-P2G-M3F4D-EU", "camera"),
        ("UAC-B112-F28", "Uniview", "UAC-B112-F28", "camera"),
        ("HAC-T322-F28M-W", "Uniview", "HAC-T322-F28M-W", "camera"),
        # the neighbours keep their maker
        ("NVR-104MH-C/4P", "Hikvision", "NVR-104MH-C/4P", "nvr"),
        ("HAC-B1A21", "Dahua", "HAC-B1A21", "camera"),
        ("HAC-T2A21-VF", "Dahua", "HAC-T2A21-VF", "camera"),
        ("IPC-T1A20", "Dahua", "IPC-T1A20", "camera"),
        ("XVR5108HS-4KL-I3", "Dahua", "XVR5108HS-4KL-I3", "dvr"),
    ],
)
def test_new_lines(db: SignatureDB, value: str, vendor: str, model: str, device_type: str) -> None:
    got = _named(db, value)
    assert (vendor, model, device_type) in got, got


def test_a_doorbell_is_never_also_claimed_a_camera(db: SignatureDB) -> None:
    for value in ("UVC G4 Doorbell Pro", "UVC-G4-DoorBell", "UVC G4 Doorbell Pro PoE"):
        kinds = {t for v, _, t in _named(db, value) if v == "Ubiquiti"}
        assert kinds == {"doorbell"}, (value, kinds)


@pytest.mark.parametrize(
    ("value", "vendor"),
    [
        # a D-sub connector or a bare DB code is no EZVIZ doorbell
        ("DB-25", "EZVIZ"),
        ("DB-1", "EZVIZ"),
        ("IBM DB-2 database", "EZVIZ"),
        # HEN without a channel count and a build code; inside a longer token
        ("HEN08", "Honeywell"),
        ("HEN1610", "Honeywell"),
        ("CHEN04112", "Honeywell"),
        ("HEN05112", "Honeywell"),
        # UniFi doorbell words without the UVC generation
        ("G4 Doorbell", "Ubiquiti"),
        ("UVC Doorbell 4", "Ubiquiti"),
        # MA with another generation or length; a Zavio code without the maker's name
        ("MA932", "Vivotek"),
        ("MA93210", "Vivotek"),
        ("MA8321", "Vivotek"),
        ("CF7500", "Zavio"),
        ("CB3211 capacitor bank", "Zavio"),
        ("Zavio F3100", "Zavio"),
        # Uniarch codes need their lens or channel part; Dahua no longer claims Uniarch's shapes
        ("IPC-B122", "Uniview"),
        ("NVR-112LS", "Uniview"),
        ("XVR-1080", "Uniview"),
        ("Uho-X2", "Uniview"),
        ("IPC-T124-APF28K", "Dahua"),
        ("HAC-B315-F28-W", "Dahua"),
    ],
)
def test_look_alikes_name_nobody_of_the_line(db: SignatureDB, value: str, vendor: str) -> None:
    got = _named(db, value)
    assert not any(v == vendor for v, _, _ in got), got


@pytest.mark.parametrize(
    ("value", "firmware"),
    [
        ("CIPC-B2303.2.8.230105", "CIPC-B2303.2.8.230105"),
        ("firmware DIPC-B1219.2.67.221019 on the camera", "DIPC-B1219.2.67.221019"),
        ("DIPC-B1226.3.6.230105", "DIPC-B1226.3.6.230105"),
    ],
)
def test_uniview_c_d_branch_firmware(db: SignatureDB, value: str, firmware: str) -> None:
    assert ("Uniview", firmware) in _firmware(db, value)


@pytest.mark.parametrize(
    "value",
    [
        "DIPC-B1213.X.X.XXXXXX",  # the advisory's placeholder for a branch
        "EIPC-B2303.2.8.230105",  # another prefix letter
        "CIPC-B2303.2.8",  # no build date
        "XDIPC-B2303.2.8.230105",  # inside a longer token
    ],
)
def test_uniview_c_d_look_alikes_name_nobody(db: SignatureDB, value: str) -> None:
    assert not any(v == "Uniview" for v, _ in _firmware(db, value)), _firmware(db, value)
