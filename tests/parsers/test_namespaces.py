"""An XML namespace stated outside its document (netscan/parsers/namespaces.py): a client log's ``Namespace: <URI>``
line is read as ``http.xmlns``, so the namespace conventions (signatures/fingerprints/conventions-api.yaml) read
it as they read a parsed document's namespace; xmltodict's ``@xmlns`` member of a printed record is not (an
alarm panel's record carries its maker's namespace too)."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB

# pyHik's debug log (https://github.com/mezz64/pyHik/issues/12, training): the namespace of the camera's
# deviceInfo answer, and no model, firmware or device name
_PYHIK = (
    "2019-01-18 21:05:11 DEBUG (SyncWorker_11) [pyhik.hikvision] pyHik 0.1.9 initializing new hikvision device at: "
    "http://192.168.1.252\n"
    "2019-01-18 21:05:11 DEBUG (SyncWorker_1) [pyhik.hikvision] Using Namespace: http://www.hikvision.com/ver20/XMLSchema\n"
    "2019-01-18 21:05:11 DEBUG (SyncWorker_1) [pyhik.hikvision] Processed 5ced97f8-bb27-11b3-820e-006cfd17ff88 as CAM Device.\n"
)
# pyHik 0.2's wording of the same line (https://github.com/mezz64/pyHik/issues/62)
_PYHIK_02 = "2020-10-24 18:36:06 DEBUG (SyncWorker_4) [pyhik.hikvision] Device info namespace: http://www.hikvision.com/ver20/XMLSchema"
# an xmltodict rendering in an integration's log: a capabilities record with no model in it (the shape of
# https://github.com/maciej-or/hikvision_next/issues/67's lines, cut to the namespace and two flags)
_DICT = (
    "2023-07-02 09:41:53.896 DEBUG (MainThread) [custom_components.x.isapi] http://192.168.17.205/ISAPI/System/capabilities "
    "{'@version': '2.0', '@xmlns': 'http://www.isapi.org/ver20/XMLSchema', 'isSupportDst': 'false'}"
)


def _ident(db: SignatureDB, raw: str, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, None, ""),)), db)


def test_a_logged_namespace_line_is_the_namespace() -> None:
    assert fields(Response("other", _PYHIK, None, "")).get("http.xmlns") == ["http://www.hikvision.com/ver20/XMLSchema"]
    assert fields(Response("other", _PYHIK_02, None, "")).get("http.xmlns") == ["http://www.hikvision.com/ver20/XMLSchema"]


def test_an_xmltodict_member_is_not_read_as_the_namespace() -> None:
    assert "http.xmlns" not in fields(Response("http", _DICT, 80, ""))


def test_the_namespace_convention_reads_them(db: SignatureDB) -> None:
    for raw, proto in ((_PYHIK, "http"), (_PYHIK, "other"), (_PYHIK_02, "other")):
        assert _ident(db, raw, proto).vendor == "Hikvision", raw


def test_a_namespace_everyone_writes_claims_nothing(db: SignatureDB) -> None:
    raw = "DEBUG [zeep.xsd.schema] Using namespace: http://www.onvif.org/ver10/schema\nDEBUG namespace = http://www.w3.org/2003/05/soap-envelope"
    assert "http://www.onvif.org/ver10/schema" in (fields(Response("other", raw, None, "")).get("http.xmlns") or [])
    assert _ident(db, raw).vendor is None


def test_other_namespaces_and_words_are_not_read() -> None:
    for raw in (
        "kubectl get pods --namespace: default",  # not a URI
        "The namespace of the document is declared with xmlns.",  # no value
        '<xs:schema targetNamespace="http://www.hikvision.com/ver20/XMLSchema">',  # a schema's own attribute, not a statement
        "my_namespace: http://www.hikvision.com/ver20/XMLSchema",  # part of another word
    ):
        assert "http.xmlns" not in fields(Response("other", raw, None, "")), raw


def test_a_non_camera_log_naming_a_generic_namespace_stays_unknown(db: SignatureDB) -> None:
    # a printer's WS-Discovery log line (the shape of https://github.com/alexpevzner/sane-airscan/issues/143's logs)
    raw = "00:00:00.612: WSDD: probe sent, namespace: http://schemas.xmlsoap.org/ws/2005/04/discovery"
    ident = _ident(db, raw)
    assert ident.vendor is None
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")
