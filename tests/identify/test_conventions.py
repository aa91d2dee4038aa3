"""Maker knowledge that is not a model number (signatures/fingerprints/conventions-*.yaml and the
per-vendor files): product types written after a model, software stacks that name no device maker,
API/URL, realm and SDP conventions. Values are the public material the rules cite (never the test
split's)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _snmp(descr: str) -> Response:
    return Response("other", f"SNMPv2-MIB::sysDescr.0 = STRING: {descr}", 161, "snmpwalk")


# ------------------------------------------------------------------ Axis product lines
@pytest.mark.parametrize("descr", [
    "AXIS 1650 Network Print Server",          # 1xxx: print servers (www.axis.com/products/axis-1650)
    "AXIS 640 Network Print Server",
    "AXIS 5600+ Network Print Server V7.10.2 Jan 30 2007",
    "AXIS 70U Network Document Server,Version: 1.08",  # recog snmp_sysdescr.xml
    "AXIS 700 Network Scan Server",
])
def test_axis_print_and_document_servers_are_printers_not_cameras(db: SignatureDB, descr: str) -> None:
    got = _id(db, _snmp(descr))
    assert got.vendor == "Axis"
    assert got.device_type == "printer"


@pytest.mark.parametrize(("banner", "kind"), [
    ("220 AXIS Q7401 Video Encoder 5.20.3 (Oct 12 2011) ready.", "encoder"),   # zmap/ztag FtpAxis.py
    ("220 AXIS M7001 Video Encoder 5.02 (Feb 10 2009) ready.", "encoder"),
    ("220 AXIS A1001 Network Door Controller 1.65.1.1 (2018) ready.", "other"),  # recog ftp_banners.xml
    ("220 AXIS 2100 Network Camera 2.43 Nov 08 2004 ready.", "camera"),
    ("220 AXIS P3344 Fixed Dome Network Camera 5.20 (Sep 21 2010) ready.", "camera"),
])
def test_axis_product_type_after_the_model_says_what_the_device_is(db: SignatureDB, banner: str, kind: str) -> None:
    got = _id(db, Response("other", banner, 21, "banner"))
    assert (got.vendor, got.device_type) == ("Axis", kind)
