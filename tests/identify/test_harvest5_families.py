"""Model grammars of session 17's harvest5 lane: 2N's intercom product lines after the brand word
(signatures/families/2n.yaml) and Reolink's resolution-variant suffix (-5MP, signatures/families/reolink.yaml),
on the public answers they were written from (training corpus) and on constructed variants."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, body: str, request: str = "GET /api/system/info") -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response("http", body, 80, request),)), db)


def test_2n_door_station(db: SignatureDB) -> None:
    # 2N IP intercom HTTP API manual, /api/system/info example
    body = '{"success": true, "result": {"devType": "2-14-0-0", "variant": "2N IP Verso", "swVersion": "2.35.0.45.0"}}'
    ident = _id(db, body)
    assert (ident.vendor, ident.model, ident.device_type) == ("2N", "IP Verso", "doorbell")


def test_2n_indoor_unit_is_no_camera(db: SignatureDB) -> None:
    # 2N Indoor Touch API manual, /api/v1/status example
    body = '{"data": {"device": {"fwVersion": "4.2.0", "model": "2N Indoor Touch 2.0", "os": "Android OS 6.0.1"}}}'
    ident = _id(db, body, "GET /api/v1/status")
    assert (ident.vendor, ident.model, ident.device_type) == ("2N", "Indoor Touch 2.0", "other")


def test_2n_line_needs_the_brand_word(db: SignatureDB) -> None:
    # constructed counter-example: the line's words without the brand before them name nobody
    ident = _id(db, '{"result": {"variant": "IP Verso"}}')
    assert ident.vendor != "2N"


@pytest.mark.parametrize(("value", "model"), [
    ("RLC-410-5MP", "RLC-410-5MP"),     # AT0myks/reolink-fw README: a firmware package's model
    ("RLC-520-5MP", "RLC-520-5MP"),     # constructed variant
    ("RLC-823A-16X", "RLC-823A-16X"),   # the zoom suffix still read
    ("RLC-410", "RLC-410"),
])
def test_reolink_variant_suffix(db: SignatureDB, value: str, model: str) -> None:
    ident = _id(db, f'{{"model": "{value}", "type": "IPC"}}', "GET /api.cgi?cmd=GetDevInfo")
    assert ident.model == model
