"""A document printed as one labelled value of a log line (netscan/parsers/kvdocs.py): its members are read
under the label, so a device's record is read and a list of devices stays a list."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB

# python-synology's debug line (https://github.com/home-assistant/core/issues/54238, training)
_SYNO = (
    "2021-08-07 13:04:04 DEBUG (SyncWorker_1) [synology_dsm.synology_dsm] RESPONSE: {'data': {'codepage': 'enu', "
    "'model': 'DS920+', 'ram': 4096, 'serial': 'serial', 'temperature': 43, 'temperature_warn': False, "
    "'time': 'Sat Aug  7 13:04:04 2021', 'uptime': 886389, 'version': '41890', 'version_string': 'DSM 7.0-41890'}, 'success': True}\n"
    "2021-08-07 13:04:05 DEBUG (SyncWorker_1) [synology_dsm.synology_dsm] Request status_code: 200\n"
)


def _ident(db: SignatureDB, raw: str, proto: str = "https"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(proto, raw, 443, ""),)), db)


def test_a_logged_document_is_read_under_its_label() -> None:
    f = fields(Response("https", _SYNO, 443, ""))
    assert f.get("http.json.RESPONSE.data.model") == ["DS920+"]
    assert f.get("http.json.RESPONSE.data.version_string") == ["DSM 7.0-41890"]


def test_the_model_reaches_the_answer(db: SignatureDB) -> None:
    ident = _ident(db, _SYNO)
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("Synology", "DS920+", "DSM 7.0-41890", "nas")


def test_the_label_stays_in_the_path() -> None:
    # an NVR integration's line listing the cameras behind it: the list's name is kept in the path (the guards
    # that tell a device from a list of devices read it)
    raw = ("2023-01-01 10:00:00 DEBUG [x.nvr] Cameras: [{'model': 'DS-2CD2042WD-I', 'channel': 1}, "
           "{'model': 'DS-2CD2142FWD-IS', 'channel': 2}]\n2023-01-01 10:00:01 DEBUG [x.nvr] done\n")
    assert fields(Response("other", raw, None, "")).get("other.json.Cameras.model") == ["DS-2CD2042WD-I", "DS-2CD2142FWD-IS"]


def test_a_labelled_record_of_no_device_claims_nothing(db: SignatureDB) -> None:
    raw = "2023-01-01 10:00:00 DEBUG [app.ui] Settings: {'theme': 'dark', 'retries': 3, 'language': 'en'}\nnext: line\n"
    ident = _ident(db, raw, "other")
    assert (ident.vendor, ident.model) == (None, None)
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


def test_a_value_that_is_not_one_document_is_left_alone() -> None:
    for raw in ("Result: {not a document\nnext: line\n", "Status: [ok] done\nnext: line\n", "Body: {}\nnext: x\n"):
        f = fields(Response("other", raw, None, ""))
        assert not any(".json.Result." in k or ".json.Status." in k for k in f), raw
