"""RouterOS's neighbour table (``/ip neighbor print detail``, netscan/parsers/neighbors.py): one neighbour's
MNDP / LLDP announcement read into mndp.* and lldp.* fields. Real entries are quoted from
napalm-automation-community/napalm-ros issue 106; one synthetic variant."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.parsers import fields
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB

def _printed(text: str) -> str:
    """RouterOS pads each printed line with a blank before its end."""
    return text.replace("\n", " \n")


MIKROTIK = _printed("""16 interface=ether8,Bridge-LAN address=192.168.12.61 address4=192.168.12.61
   mac-address=6C:3B:6B:16:8F:53 identity="###-2F-27-AP" platform="MikroTik"
   version="7.4.1 (stable) Aug/04/2022 11:48:11" unpack=none age=9s
   uptime=8w6d23h46m5s software-id="BHXV-20RN" board="RB941-2nD"
   interface-name="bridge1/ether4"
   system-description="MikroTik RouterOS 7.4.1 (stable) Aug/04/2022 11:48:11
                   RB941-2nD"
   system-caps=bridge,router system-caps-enabled=bridge,router
""")
SNOM = _printed("""17 interface=ether9,Bridge-LAN mac-address=00:04:13:74:A6:64 identity="snom710"
   platform="" version="" unpack=none age=40s interface-name="NET PORT"
   system-description="snom;snom710-SIP 8.8.2.21;lid:8.8.2.21"
   system-caps=bridge,telephone system-caps-enabled=bridge,telephone
""")
POLYCOM = _printed("""15 interface=ether8,Bridge-LAN address=192.168.12.7 address4=192.168.12.7
   mac-address=00:04:F2:9E:47:9A identity="Lync Phone Edition - 9e479a"
   platform="" version="" unpack=none age=50s
   system-description="Lync Phone Edition - POLYCOM_CX600_Rev-5"
   system-caps=telephone system-caps-enabled=telephone
""")


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _f(raw: str) -> dict[str, list[str]]:
    return fields(Response("other", raw, None, "/ip neighbor print detail"))


def _id(db: SignatureDB, raw: str) -> Identification:
    return identify(Observation(None, None, (Response("other", raw, None, "/ip neighbor print detail"),)), db)


def test_mikrotik_entry_fields() -> None:
    f = _f(MIKROTIK)
    assert f["mndp.platform"] == ["MikroTik"]
    assert f["mndp.board"] == ["RB941-2nD"]
    assert f["lldp.system_description"] == ["MikroTik RouterOS 7.4.1 (stable) Aug/04/2022 11:48:11 RB941-2nD"]
    assert f["lldp.capabilities_enabled"] == ["Bridge, Router"]
    assert f["lldp.system_name"] == ["###-2F-27-AP"]


def test_mikrotik_entry_identified(db: SignatureDB) -> None:
    i = _id(db, MIKROTIK)
    assert (i.vendor, i.model, i.firmware, i.device_type) == ("MikroTik", "RB941-2nD", "7.4.1", "router")


def test_phones(db: SignatureDB) -> None:
    s = _id(db, SNOM)
    assert (s.vendor, s.model, s.firmware, s.device_type) == ("Snom", "710", "8.8.2.21", "other")
    p = _id(db, POLYCOM)
    assert p.vendor == "Polycom"  # the maker's name in the LLDP system description, as in a sysDescr
    assert p.device_type == "other"  # telephone capability alone


def test_synthetic_variant_single_line_and_flags() -> None:
    # one entry printed unwrapped, with flags after the number and an escaped quote in the identity
    raw = ' 0 D interface=ether1 mac-address=00:0C:42:00:38:9F identity="lab \\"core\\"" platform="MikroTik" board="RB1100AHx2" version="6.48.6 (long-term)"\n'
    f = _f(raw)
    assert f["mndp.identity"] == ['lab "core"']
    assert f["mndp.board"] == ["RB1100AHx2"]


def test_table_of_several_neighbours_names_none() -> None:
    f = _f(MIKROTIK + SNOM)
    assert not any(k.startswith(("mndp.", "lldp.")) for k in f)
