"""Vendor firmware schemes are data (signatures/families/*.yaml ``firmware:``) and are read in any field: the same
string as a bare value, after a label, in a JSON member of any name, in an XML element, in a key=value line and inside
a sentence. Each scheme is tried on versions written by real catalogs, firmware indexes and device answers (the
comment names the source) and on a synthetic variant (numbers no source printed, same shape), so a test passes
because the scheme is general, not because a string is known. Counter-examples keep each scheme from naming a maker on
another maker's version shape."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _ident(db: SignatureDB, raw: str, protocol: str = "other", port: int | None = None) -> Identification:
    return identify(Observation(None, None, (Response(protocol, raw, port, "GET /" if protocol == "http" else ""),)), db)


def _shapes(fw: str) -> list[tuple[str, str, int | None]]:
    """The version in the shapes a device or a user prints it in (raw text, protocol, port)."""
    return [
        (fw, "other", None),
        (f"Firmware version: {fw}", "other", None),
        (json.dumps({"swVer": fw, "mac": "00:11:22:33:44:55"}), "http", 80),
        (f"<?xml version='1.0'?><DeviceInfo><firmwareVersion>{fw}</firmwareVersion></DeviceInfo>", "http", 80),
        (f"version={fw}\n", "other", None),
        (f"after the upgrade to {fw} the camera reboots", "other", None),
    ]


SCHEMES = [
    # Hikvision V<x.y.z> build <yymmdd>: UniversalScanner's selftest, a client's device-information printout with a comma
    # (home-assistant/core#92732, a training corpus file), and a synthetic version
    ("Hikvision", "V5.4.0build 160401", "V5.4.0 build 160401"),
    ("Hikvision", "V4.21.100, build 200307", None),
    ("Hikvision", "V5.9.41 build 261130", None),
    # Dahua <x.yyy.<build>.<n>.R[.yymmdd]> and its relabels' 00AC/00LR builds (training corpus dahua/, signatures examples)
    ("Dahua", "1.000.0000000.7.R.210220", None),
    ("Dahua", "2.622.00LR000.0.R.210407", None),
    ("Dahua", "2.880.0000000.4.R.251103", None),
    # Reolink v<x.y.z>.<build>_<yymmddhh> (AT0myks/reolink-fw README) and the older <hw>_<date>_v<version>
    ("Reolink", "v3.0.0.2356_23062003", None),
    ("Reolink", "1120_16070108_v1.0.0.30", None),
    ("Reolink", "v3.2.0.4711_25110612", None),
    # TP-Link <x.y.z> Build <yymmdd> Rel.<n> (python-kasa smartcam fixtures)
    ("TP-Link", "1.3.17 Build 260112 Rel.54862n(4555)", None),
    ("TP-Link", "1.0.11 Build 220119 Rel.221258", None),
    ("TP-Link", "1.4.2 Build 261007 Rel.33012n", None),
    # Xiongmai V5.00.R02.<8-char build>.<5 digits>.<6 hex>[.<7 digits>] (training corpus xiongmai/)
    ("Xiongmai", "V5.00.R02.000529B2.10010.040600.0020000", None),
    ("Xiongmai", "V5.00.R02.00071234.10010.a4c310", None),
    # Uniview <line>-B<4 digits>.<n>.<n>.<yymmdd> (training corpus uniview/)
    ("Uniview", "IPC-B2202.7.11.230222", None),
    ("Uniview", "NVR-B3301.41.7.260118", None),
    # Milesight <platform>.<x>.<y>.<z>-r<n> (training corpus milesight/)
    ("Milesight", "61.8.0.3-r8", None),
    ("Milesight", "45.8.0.91-r4", None),
    # Tiandy NVSS_/DVRS_V<x.y.z>.<yyyymmdd> (signatures/families/tiandy.yaml examples)
    ("Tiandy", "NVSS_V13.6.1.20200723", None),
    ("Tiandy", "DVRS_V10.3.2.20251030", None),
    # Ubiquiti <platform>.<SoC>.v<x.y.z>[.<n>].<commit>.<yymmdd>.<hhmm>: unifi-cam-proxy, the AirCam corpus file,
    # nmap's ubiquiti-discovery script, and a synthetic G5 build
    ("Ubiquiti", "UVC.S2L.v4.23.8.67.0eba6e3.200526.1046", None),
    ("Ubiquiti", "AirCam.GM8126.v3.1.4.39.7e42364.160301.0153", None),
    ("Ubiquiti", "UCK.mtk7623.v0.12.0.29a26c9.181001.1444", None),
    ("Ubiquiti", "UVC.S5L.v4.70.12.67.3fa90c1.251204.0931", None),
]


@pytest.mark.parametrize("vendor, fw, read", SCHEMES)
def test_scheme_is_read_in_any_field(db: SignatureDB, vendor: str, fw: str, read: str | None) -> None:
    want = read or fw
    for raw, protocol, port in _shapes(fw):
        ident = _ident(db, raw, protocol, port)
        assert (ident.vendor, ident.firmware) == (vendor, want), raw


@pytest.mark.parametrize("raw, not_vendor", [
    # another maker's version printed with a build word: TP-Link's scheme has no leading V and a Rel. part
    ("1.0.3 Build 240723 Rel.192622", "Hikvision"),
    # a bare dotted build string without Ubiquiti's commit, date and minute
    ("Firmware: app.core.v1.2.3", "Ubiquiti"),
    # a git describe of some software: the hash is not followed by a build date and minute
    ("release.main.v2.4.1.5.abcdef0", "Ubiquiti"),
    # a date-stamped version of another shape
    ("V1.0.3_250506", "Hikvision"),
])
def test_scheme_counter_examples(db: SignatureDB, raw: str, not_vendor: str) -> None:
    assert _ident(db, raw).vendor != not_vendor
