"""Vendor families added for issue 11 (TVT, Provision-ISR, Honeywell, Swann, Night Owl, Jovision,
VStarcam, Zosi, TP-Link VIGI, Pelco Esprit): a model in
the maker's shape names the maker in any short field; the look-alikes of other makers' products
(TP-Link ADSL modems TD-8817, D-Link DI-524 routers) name nobody."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _title(db: SignatureDB, title: str) -> tuple[str | None, str | None]:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    ident = identify(Observation(None, None, (Response("http", raw, 80, "GET /"),)), db)
    return ident.vendor, ident.model


@pytest.mark.parametrize(("title", "vendor", "model"), [
    ("TD-9463E4-PA", "TVT", "TD-9463E4-PA"),
    ("TD-8483IS3N-PE-25M-AR15", "TVT", "TD-8483IS3N-PE-25M-AR15"),
    ("DI-380IPSN-28-V3", "Provision-ISR", "DI-380IPSN-28-V3"),
    ("HC25WB5R2", "Honeywell", "HC25WB5R2"),
    ("SWPRO-1080MSFB", "Swann", "SWPRO-1080MSFB"),
    ("CAM-FTD8-PT", "Night Owl", "CAM-FTD8-PT"),
    ("JVS-N517-TDL", "Jovision", "JVS-N517-TDL"),
    ("VStarcam CS621SR", "VStarcam", "CS621SR"),
    ("ZOSI C225", "Zosi", "C225"),
    ("VIGI C440", "VIGI", "C440"),  # as "Tapo C200" names Tapo (a TP-Link brand)
    ("ES6230-12P", "Pelco", "ES6230-12P"),
])
def test_a_model_in_the_family_shape_names_the_maker(db: SignatureDB, title: str, vendor: str, model: str) -> None:
    assert _title(db, title) == (vendor, model)


@pytest.mark.parametrize("title", ["TD-8817", "TD-8840T", "TD-W8961N", "DI-524", "DI-604", "CAM-1", "SWPRO-LINE", "C186", "CS49L"])
def test_look_alikes_name_nobody(db: SignatureDB, title: str) -> None:
    vendor, model = _title(db, title)
    assert vendor not in {"TVT", "Provision-ISR", "Swann", "Night Owl", "Zosi", "VStarcam"}
