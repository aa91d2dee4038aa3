"""End to end on recorded devices: identify + assess give exactly the expected findings, vulnerable
and exposed devices get theirs, patched and clean devices get none of them (both directions), and
findings from saved observations equal those of the original run."""

from __future__ import annotations

import json

import pytest

from netscan.findings import Context, assess, network_context
from netscan.identify import identify
from netscan.model import Finding, Observation
from netscan.observations import dumps, load_text
from tests.findings.conftest import NOW, fixture_observations

_ALL = fixture_observations()
_CTX = network_context([o for _, o in _ALL])


def _keys(findings: list[Finding]) -> list[str]:
    return sorted(f.cve or f.id for f in findings)


def _run(o: Observation, vdb, ctx: Context) -> list[Finding]:  # type: ignore[no-untyped-def]
    return assess(identify(o), o, vdb, NOW, ctx)


@pytest.mark.parametrize(("name", "obs"), _ALL, ids=[n for n, _ in _ALL])
def test_fixture_gives_exactly_expected(name: str, obs: Observation, vdb) -> None:  # type: ignore[no-untyped-def]
    expected = sorted(obs.meta["expect_findings"])
    assert _keys(_run(obs, vdb, _CTX)) == expected


def test_fixture_set_covers_both_directions() -> None:
    names = [n for n, _ in _ALL]
    assert any("patched" in n for n in names) and any("exposed" in n for n in names)
    # Every finding the vulnerable fixtures expect is absent from their patched twins.
    by = dict(_ALL)
    for vuln, fixed in [
        ("hikvision-ds2cd2032f-i_v5.3.0-exposed", "hikvision-ds2cd2032f-i_v5.4.5-patched"),
        ("dahua-ipc-hfw3441e-as_v2.800.16-exposed", "dahua-ipc-hfw3441e-as_v2.800.35-patched"),
        ("xiongmai-ipc_cloud-default-password", "xiongmai-ipc_no-cloud"),
    ]:
        bad = set(by[vuln].meta["expect_findings"]) - set(by[fixed].meta["expect_findings"])
        assert len(bad) >= 3


def test_port_forward_needs_the_gateway(vdb) -> None:  # type: ignore[no-untyped-def]
    cam = dict(_ALL)["hikvision-ds2cd2032f-i_v5.3.0-exposed"]
    assert "upnp-port-forward" in _keys(_run(cam, vdb, _CTX))
    assert "upnp-port-forward" not in _keys(_run(cam, vdb, Context()))
    gw_ctx = network_context([dict(_ALL)["gateway-igd-forwards-to-camera"]])
    assert [(m.external_port, m.internal_client, m.internal_port) for m in gw_ctx.port_mappings] == [
        (8080, "192.168.1.64", 80), (554, "192.168.1.64", 554)]


def test_saved_observations_give_the_same_findings(vdb) -> None:  # type: ignore[no-untyped-def]
    live = [[f.to_dict() for f in _run(o, vdb, _CTX)] for _, o in _ALL]
    saved = load_text(dumps([o for _, o in _ALL]))
    ctx2 = network_context(saved)
    again = [[f.to_dict() for f in _run(o, vdb, ctx2)] for o in saved]
    assert json.dumps(again, sort_keys=True) == json.dumps(live, sort_keys=True)


def test_observed_at_fixes_the_reference_time(vdb) -> None:  # type: ignore[no-untyped-def]
    # Re-assessing years later must not change clock or certificate findings of a saved scan.
    from datetime import datetime, timezone

    later = datetime(2031, 1, 1, tzinfo=timezone.utc)
    for _, o in _ALL:
        assert _keys(assess(identify(o), o, vdb, later, _CTX)) == sorted(o.meta["expect_findings"])


def test_every_finding_is_complete(vdb) -> None:  # type: ignore[no-untyped-def]
    from netscan.findings import FINDING_TYPES

    for _, o in _ALL:
        for f in _run(o, vdb, _CTX):
            assert f.id in FINDING_TYPES
            assert f.severity in ("critical", "high", "medium", "low", "info")
            assert f.title and f.detail and f.remediation and f.evidence
            if f.id == "cve":
                assert f.cve and f.references
