"""The typed spine (netscan.model): Severity order, typed auth and observed_at in the observation
format (old files still load), and Report <-> JSON document."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from netscan.model import (
    Auth,
    AuthKind,
    Finding,
    Observation,
    Report,
    Response,
    Severity,
)
from netscan.observations import dumps, load_text


def test_severity_order_is_the_declaration_order() -> None:
    assert [s.value for s in Severity] == ["critical", "high", "medium", "low", "info"]
    assert Severity.CRITICAL.at_least(Severity.HIGH) and not Severity.LOW.at_least(Severity.MEDIUM)
    assert Severity.worst([Severity.LOW, Severity.HIGH, Severity.INFO]) is Severity.HIGH
    assert Severity.worst([]) is None
    assert Severity.parse("medium") is Severity.MEDIUM and Severity.parse("severe") is None
    assert Finding(id="x", severity="high", title="t").severity is Severity.HIGH  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Finding(id="x", severity="severe", title="t")  # type: ignore[arg-type]
    assert json.dumps(Finding(id="x", severity=Severity.LOW, title="t").to_dict()["severity"]) == '"low"'


def test_old_request_tags_load_as_typed_auth_and_round_trip() -> None:
    old = [{"ip": "10.0.0.5", "mac": None, "observed_at": "2026-11-23T12:00:00Z", "responses": [
        {"protocol": "http", "port": 80, "request": "GET /ISAPI/Security/userCheck [default-credentials user=admin]", "raw": "HTTP/1.1 200 OK\r\n\r\n"},
        {"protocol": "onvif", "port": 80, "request": "GetDeviceInformation [authenticated]", "raw": "<x/>"},
        {"protocol": "http", "port": 80, "request": "GET /[x]", "raw": ""},
    ]}]
    (obs,) = load_text(json.dumps(old))
    a, b, c = obs.responses
    assert (a.request, a.auth) == ("GET /ISAPI/Security/userCheck", Auth(AuthKind.DEFAULT, "admin"))
    assert (b.request, b.auth) == ("GetDeviceInformation", Auth(AuthKind.OPERATOR))
    assert (c.request, c.auth) == ("GET /[x]", None)
    assert obs.observed_at == dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
    assert "observed_at" not in obs.meta
    text = dumps([obs])
    assert "[default-credentials" not in text and '"auth": {' in text
    data = json.loads(text)[0]
    assert data["observed_at"] == "2026-11-23T12:00:00Z"
    assert data["responses"][0]["auth"] == {"kind": "default-credentials", "user": "admin"}
    (again,) = load_text(text)
    assert again.responses == obs.responses and again.observed_at == obs.observed_at


def test_unreadable_observed_at_is_kept_as_written() -> None:
    (obs,) = load_text('{"ip": "10.0.0.5", "mac": null, "observed_at": "yesterday", "responses": []}')
    assert obs.observed_at is None and json.loads(dumps([obs]))[0]["observed_at"] == "yesterday"


def test_bad_auth_object_is_a_clear_error() -> None:
    from netscan.errors import UsageError

    with pytest.raises(UsageError, match="auth"):
        load_text('{"ip": null, "mac": null, "responses": [{"protocol": "http", "raw": "", "auth": {"kind": "root"}}]}')


def test_report_document_round_trip() -> None:
    from netscan.pipeline import analyse

    obs = Observation("10.0.0.5", "28:57:be:00:00:01", (
        Response("http", "HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n", 80, "GET /"),
    ), observed_at=dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc))
    report = analyse([obs], now=dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc))
    doc = report.to_dict()
    assert doc["scan"]["counts"]["devices"] == 1 and doc["scan"]["generated"] == "2026-11-23T12:00:00Z"
    again = Report.from_dict(json.loads(json.dumps(doc)))
    assert again.to_dict() == doc


def test_shuffled_observations_give_byte_identical_json() -> None:
    """Determinism (issue 14): the same observations, in any order and with their responses in any
    order, give the same report, byte for byte."""
    import random
    from dataclasses import replace
    from pathlib import Path

    from netscan.observations import load_path
    from netscan.pipeline import analyse
    from netscan.report import render

    root = Path(__file__).parent
    obs = [o for p in sorted((root / "findings" / "fixtures").glob("*.json")) for o in load_path(p)]
    obs += [o for p in sorted((root / "corpus").glob("*/*.json"))[:60] for o in load_path(p)]
    assert len(obs) > 40
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
    want = render(analyse(obs, now=now), "json")
    rng = random.Random(10)
    for _ in range(3):
        shuffled = [replace(o, responses=tuple(rng.sample(o.responses, len(o.responses))),
                            open_ports=tuple(rng.sample(o.open_ports, len(o.open_ports))))
                    for o in rng.sample(obs, len(obs))]
        assert shuffled != obs
        assert render(analyse(shuffled, now=now), "json") == want


def test_evidence_is_a_frozen_dataclass_with_its_own_init() -> None:
    """Evidence's hand-written __init__ (one dict update, for speed) keeps the dataclass's contract:
    keyword and positional arguments, a fresh ``extracted`` per instance, frozen, equality, replace,
    and the to_dict/from_dict round trip."""
    import dataclasses

    from netscan.model import Evidence

    a = Evidence("rule", "r1", "detail", {"vendor": "Axis"}, 0.5, "http", 80)
    b = Evidence(kind="rule", source="r1", detail="detail", extracted={"vendor": "Axis"}, weight=0.5, protocol="http", port=80)
    assert a == b and a.port == 80 and a.extracted == {"vendor": "Axis"}
    assert [f.name for f in dataclasses.fields(Evidence)] == ["kind", "source", "detail", "extracted", "weight", "protocol", "port"]
    plain1, plain2 = Evidence(kind="oui", source="x"), Evidence(kind="oui", source="x")
    assert plain1.extracted == {} and plain1.extracted is not plain2.extracted  # no shared default
    assert (plain1.detail, plain1.weight, plain1.protocol, plain1.port) == ("", 0.0, None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.kind = "oui"  # type: ignore[misc]
    assert dataclasses.replace(a, weight=0.1) == Evidence("rule", "r1", "detail", {"vendor": "Axis"}, 0.1, "http", 80)
    assert Evidence.from_dict(a.to_dict()) == a and a.to_dict()["extracted"] == {"vendor": "Axis"}
    assert a != dataclasses.replace(a, source="r2")


def test_identification_init_keeps_the_dataclass_contract() -> None:
    """Identification's hand-written __init__: the fields in their order, defaults, a covered-list
    mapping converted to CoveredStatus (a CoveredStatus or None kept), frozen, replace, round trip."""
    import dataclasses

    from netscan.model import CoveredStatus, Evidence, Identification

    ev = (Evidence("oui", "BCAD28"),)
    a = Identification("10.0.0.7", None, "Hikvision", None, "DS-2CD2143G0-I", "V5.5.0", "camera", 0.9,
                       {"lists": ["NDAA-889"], "entity": "Hikvision", "via": "maker"}, ev)
    assert isinstance(a.covered, CoveredStatus) and a.covered.lists == ("NDAA-889",) and a.covered.entity == "Hikvision"
    assert (a.evidence, a.serial, a.hostname) == (ev, None, None)
    assert [f.name for f in dataclasses.fields(Identification)][:9] == ["ip", "mac", "vendor", "brand", "model", "firmware",
                                                                         "device_type", "confidence", "covered"]
    b = Identification(ip="10.0.0.7", mac=None, vendor="Hikvision", brand=None, model="DS-2CD2143G0-I", firmware="V5.5.0",
                       device_type="camera", confidence=0.9, covered=a.covered, evidence=ev)
    assert a == b and b.covered is a.covered
    assert Identification(None, None, None, None, None, None, "unknown", 0.0, None).covered is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.vendor = "Dahua"  # type: ignore[misc]
    c = dataclasses.replace(a, hostname="cam1")
    assert c.hostname == "cam1" and c.covered == a.covered and c != a
    assert Identification.from_dict(a.to_dict()) == a
