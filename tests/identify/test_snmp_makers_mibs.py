"""SNMP evidence across makers (session 12, lane snmp2): the IANA enterprise numbers of the non-camera
makers that share cameras' networks (checked against a second copy of the registry), look-alike
registrants kept apart, and the makers' private MIB objects read for maker, model, firmware and type."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.pen import pen_vendor, vendor_keys


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(raw: str, db, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol, raw, 161, "snmpwalk"),)), db)


def test_enterprise_numbers_of_network_neighbours(db) -> None:  # type: ignore[no-untyped-def]
    # IANA: 318 American Power Conversion, 850 Tripp Lite, 10642 Zebra Technologies, 2385 SHARP Corporation
    assert db.pen["850"][1] == "Tripp Lite"
    assert db.pen["10642"][1] == "Zebra Technologies"
    assert db.pen["2385"][1] == "Sharp"
    walk = ".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.850.1\n"
    ident = _ident(walk, db)
    assert ident.vendor == "Tripp Lite" and ident.device_type not in VIDEO_TYPES


def test_look_alike_registrants_name_nobody(db) -> None:  # type: ignore[no-untyped-def]
    keys = vendor_keys(db)
    assert pen_vendor(keys, "SHARP Corporation") == "Sharp"
    assert pen_vendor(keys, "S-Sharp Corporation") is None  # its "S" reads as a legal-form word
    assert pen_vendor(keys, "Hitron Technology Inc.") == "Hitron"
    assert pen_vendor(keys, "HiTRON SYSTEMS Inc.") is None  # the Korean CCTV maker, not the cable-modem maker
    assert "50047" not in db.pen and "52328" not in db.pen
