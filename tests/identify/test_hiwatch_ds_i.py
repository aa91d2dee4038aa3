"""HiWatch's DS-I camera numbers with a variant letter after the digits (DS-I114W, the Wi-Fi model;
https://github.com/centreon/centreon-plugins/issues/4734, training): the family grammar in
signatures/families/hikvision.yaml takes them; other DS-I... strings are not HiWatch cameras."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB


def _ident(db: SignatureDB, raw: str):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response("other", raw, None, ""),)), db)


def test_a_variant_letter_is_part_of_the_model(db: SignatureDB) -> None:
    ident = _ident(db, "Model: DS-I114W, Serial: DS-I114W20171106AAWR123556070, Firmware: V5.4.81")
    assert (ident.vendor, ident.brand, ident.model, ident.device_type) == ("Hikvision", "HiWatch", "DS-I114W", "camera")


def test_other_ds_i_strings_are_not_hiwatch_cameras(db: SignatureDB) -> None:
    for raw in ("Model: DS-IPCAM", "ticket DS-I1140000 closed", "Model: DS-IABCW"):
        assert _ident(db, raw).brand != "HiWatch", raw
