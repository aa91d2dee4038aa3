"""XML converted to JSON by xml-js ("compact" form, https://github.com/nashwaan/xml-js): an element's
text sits under ``_text`` / ``_cdata``; it is read as the element's own value."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields

# https://github.com/gethomepage/homepage/pull/1470 (training): a QNAP NAS's sysinfo answer as the widget's
# xml-js conversion prints it (shortened)
_QNAP = ('{"_declaration": {"_attributes": {"version": "1.0"}}, "QDocRoot": {"_attributes": {"version": "1.0"},'
         ' "authPassed": {"_cdata": "1"}, "model": {"modelName": {"_cdata": "TS-X73A"},'
         ' "displayModelName": {"_cdata": "TS-873A"}, "storage_v2": {"_text": "1"}},'
         ' "firmware": {"name": {"_cdata": "QTS"}, "version": {"_cdata": "5.0.1"}}}}')


def test_xmljs_text_and_cdata_are_the_elements_values(db) -> None:  # type: ignore[no-untyped-def]
    f = fields(Response("http", _QNAP, None, ""))
    assert f["http.json.QDocRoot.model.displayModelName"] == ["TS-873A"]
    assert f["http.json.QDocRoot.model.storage_v2"] == ["1"] and "http.json.QDocRoot.authPassed._cdata" not in f
    ident = identify(Observation(None, None, (Response("http", _QNAP, None, ""),)), db)
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("QNAP", "TS-873A", "5.0.1", "nas")


def test_a_plain_text_key_elsewhere_keeps_its_name() -> None:
    f = fields(Response("http", '{"device": {"text": "x", "_note": "y"}}', None, ""))
    assert f["http.json.device.text"] == ["x"] and f["http.json.device._note"] == ["y"]
