"""IANA Private Enterprise Numbers (signatures/pen/registry.tsv, scripts/gen_pen.py).

A device's SNMP ``sysObjectID`` sits under ``1.3.6.1.4.1.<number>``: the enterprise number its
agent's maker registered with IANA (RFC 3418 sysObjectID: "the vendor's authoritative
identification of the network management subsystem"). Like an OUI it names a registrant; the
registrant is mapped to a canonical vendor at load time by the same name match as the OUI
registry's (names, legal names, aliases, IEEE registrants of signatures/vendors, legal-form words
dropped).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netscan.sigdb.db import SignatureDB


def vendor_keys(db: SignatureDB) -> dict[str, str]:
    """registrant_key of every vendor name, legal name, alias and IEEE registrant -> vendor."""
    from netscan.sigdb.db import registrant_key  # noqa: PLC0415 (db imports this module)

    keys: dict[str, str] = {}
    for v in db.vendors.values():
        for name in (v.name, v.legal, *v.aliases, *v.oui_registrants):
            key = registrant_key(name)
            # a three-letter key only as the vendor's own canonical name (IANA "H3C", "AVM GmbH", "TVT",
            # "KT&C CO., LTD."), matched whole: a short alias is too easily another company's name
            if len(key) >= 4 or (len(key) == 3 and name == v.name):
                keys.setdefault(key, v.name)
    return keys


#: Words an organisation's registered name may add after a maker's name and still be that maker's
#: (IANA: "HUAWEI Technology Co.,Ltd", "Bosch Sicherheitssysteme Engineering GmbH", "TP-Link Systems Inc.").
#: Not "telecom": "HANWHA CORP./TELECOM" is not the camera maker Hanwha Vision.
ORG_SUFFIXES = ("technology", "technologies", "engineering", "systems")
#: Organisations whose name only looks like a vendor's: another company ("Thomson Technology Limited"
#: is not Thomson, the Technicolor brand; "Planex Technologies S.A." is not the Japanese Planex Communications;
#: "S-Sharp Corporation" (its "S" reads as a legal-form word) is not Sharp; "HiTRON SYSTEMS Inc.", the Korean
#: CCTV maker (IEEE 00:07:D8 "Hitron Systems Inc."), is not Hitron Technologies, the Taiwanese cable-modem maker).
#: Also other companies named like the camera-catalog makers of signatures/vendors/cameras-catalogs.yaml: Level One
#: Communications (the Ethernet chip maker Intel bought in 1999) is not the LevelOne label of Digital Data Communications,
#: IntelliNet Technologies not Intellinet Network Solutions, the Planet companies of Belgium, Slovakia and the UK not
#: PLANET Technology, AirLink Technology not AirLink101; KOGAN and INFOTEC are left out for want of a source that they are
#: the retailer Kogan.com and Ricoh's infotec label.
ORG_NOT_VENDOR = frozenset({"Thomson Technology Limited", "Planex Technologies S.A.", "S-Sharp Corporation", "HiTRON SYSTEMS Inc.",
                            "Level One Communications, Inc.", "IntelliNet Technologies, Inc.", "Planet Technologies NV",
                            "Planet A.S.", "@Planet Ltd", "AirLink Technology, Inc.", "KOGAN", "INFOTEC"})


def pen_vendor(keys: dict[str, str], org: str) -> str | None:
    """The canonical vendor an IANA organisation name is: its registrant_key is a vendor's, or a vendor's
    followed by one of ORG_SUFFIXES."""
    from netscan.sigdb.db import registrant_key  # noqa: PLC0415

    if org in ORG_NOT_VENDOR:
        return None
    key = registrant_key(org)
    hit = keys.get(key)
    if hit is None:
        for suffix in ORG_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 3:
                hit = keys.get(key[: -len(suffix)])
                if hit is not None:
                    break
    return hit


def load_pen(db: SignatureDB, root: Path) -> None:
    """``db.pen``: enterprise number (text) -> (organisation, canonical vendor). A missing file is
    no problem: the registry is optional data."""
    path = root / "pen" / "registry.tsv"
    if not path.exists():
        return
    keys = vendor_keys(db)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            num, _, org = line.rstrip("\n").partition("\t")
            vendor = pen_vendor(keys, org)
            if num.isdigit() and vendor is not None:
                db.pen[num] = (org, vendor)
