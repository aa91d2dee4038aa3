"""The product an SNMP agent's exact ``sysObjectID`` names (signatures/snmp/sysobjectids.tsv, made by
scripts/import_sysobject_ids.py from FusionInventory's public sysObjectID database).

RFC 3418 defines sysObjectID as "the vendor's authoritative identification of the network management
subsystem contained in the entity": an exact match names the product line (a Cisco switch model, an HP
printer, a Synology NAS), its maker and, where the database says, its kind (printer, nas, pc). The
table is read the first time it is needed (a scan without SNMP never reads it); the makers' own
product subtrees and private MIB objects are fingerprint rules (signatures/fingerprints/snmp-mibs.yaml).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from netscan.model import DEVICE_TYPES

if TYPE_CHECKING:
    from netscan.sigdb.db import SignatureDB, Vendor

#: Where the table lives under the signatures directory.
TABLE = ("snmp", "sysobjectids.tsv")
ENTERPRISES = "1.3.6.1.4.1."
_LOCK = threading.Lock()
_UNRESOLVED: Any = object()


@dataclass(frozen=True)
class Product:
    """One row: the sysObjectID's maker (a canonical vendor), device type ('' when the database says
    none netscan uses), model ('' when none), and the table's source line."""

    vendor: str
    device_type: str
    model: str
    source: str


def _load(db: SignatureDB) -> tuple[dict[str, Product], list[str]]:
    """(enterprise-relative id -> Product, problems) of the table; a missing file is no problem."""
    path = db.root.joinpath(*TABLE)
    rows: dict[str, Product] = {}
    problems: list[str] = []
    if not path.exists():
        return rows, problems
    source = ""
    # (the table names a few hundred makers over thousands of rows: each name resolved once)
    vendors: dict[str, Vendor | None] = {}
    kinds: dict[str, str] = {}  # (one string object per device type: a few over thousands of rows)
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#"):
                if not source and "https://" in line:
                    source = line[line.index("https://") :].split()[0]
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                problems.append(f"snmp/sysobjectids.tsv:{n}: expected 4 tab-separated columns")
                continue
            oid, vendor, kind, model = parts
            if not oid.replace(".", "").isdigit() or ".." in oid:
                problems.append(f"snmp/sysobjectids.tsv:{n}: {oid!r} is no numeric OID")
                continue
            v = vendors.get(vendor, _UNRESOLVED)
            if v is _UNRESOLVED:
                v = vendors[vendor] = db.vendor(vendor)
            if v is None:
                problems.append(f"snmp/sysobjectids.tsv:{n}: vendor {vendor!r} is not in signatures/vendors")
                continue
            if kind and kind not in DEVICE_TYPES:
                problems.append(f"snmp/sysobjectids.tsv:{n}: unknown device type {kind!r}")
                continue
            rows[oid] = Product(v.name, kinds.setdefault(kind, kind), model, source)
    return rows, problems


def products(db: SignatureDB) -> dict[str, Product]:
    """The table, loaded once per database (thread-safe)."""
    got = db.snmp_products
    if got is None:
        with _LOCK:
            got = db.snmp_products
            if got is None:
                got, _ = _load(db)
                db.snmp_products = got
    return got


def table_problems(db: SignatureDB) -> list[str]:
    """What is wrong with the table (``netscan signatures check``)."""
    return _load(db)[1]


def product_of(db: SignatureDB, sysobjectid: str) -> tuple[str, Product] | None:
    """(enterprise-relative id, Product) of an exact numeric ``sysObjectID`` (``1.3.6.1.4.1.9.1.516``), or None."""
    oid = sysobjectid.strip().lstrip(".")
    if not oid.startswith(ENTERPRISES):
        return None
    rel = oid[len(ENTERPRISES) :]
    hit = products(db).get(rel)
    return (rel, hit) if hit is not None else None
