"""Lab profiles (netscan/lab/profiles/*.json) give the findings their ``expect_findings`` list.

Offline: each profile's responses are assessed as a scan would record them in the lab: plus one
``dns`` response with the names in ``cloud_domains`` (the emulator's chatter, seen by passive
capture) and one ``tls`` response per TLS port carrying the emulator's own self-signed certificate.
Network context (UPnP port forwards) comes from all profiles together.

Both directions are checked: every expected finding appears, and no unexpected one does (hostile
profiles are checked for robustness only). Two documented exceptions keep this honest while other
parts catch up:

* ``HYGIENE`` ids are compared only once some profile declares them (the profiles' lists predate
  these checks; docs/findings.md says what triggers each one);
* ``KNOWN_GAPS`` pins the exact current difference of a profile, with the reason. The test fails
  when the difference changes, including when it disappears, so the entry gets removed.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from netscan.findings import assess, load_vulns, network_context
from netscan.identify import identify
from netscan.lab.emulator.server import _tls_ports
from netscan.lab.emulator.tlscert import make_cert
from netscan.model import Observation, Response
from netscan.observations import from_dict

PROFILE_DIR = Path(__file__).resolve().parents[2] / "netscan" / "lab" / "profiles"
PROFILES = sorted(PROFILE_DIR.glob("*.json"))
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)

HYGIENE = frozenset({
    "cleartext-admin", "tls-self-signed", "discovery-serial-exposed", "cloud-p2p", "onvif-unauthenticated",
    "clock-skew",
})
KNOWN_GAPS: dict[str, tuple[frozenset[str], frozenset[str], str]] = {
    # name: (produced but not expected, expected but not produced, why)
    "hikvision-ds2cd2143g0-unactivated": (
        frozenset({"CVE-2021-36260"}), frozenset(),
        "V5.5.82 on a G0-generation camera is inside the CVE-2021-36260 range; the profile does not list it yet"),
    "xiongmai-dvr-ahb7004": (
        frozenset({"CVE-2018-17915", "CVE-2018-17917"}), frozenset(),
        "the profile's cloud_domains (secu100.net) show the XMEye cloud in use, which these CVEs need"),
    "xiongmai-ipc-xm530": (
        frozenset({"CVE-2018-17915", "CVE-2018-17917"}), frozenset(),
        "the profile's cloud_domains (secu100.net, xmcsrv.net) show the XMEye cloud in use"),
    "hikvision-ds2cd2032-v540": (
        frozenset({"upnp-port-forward", "CVE-2017-7923"}), frozenset(),
        "the router forwards 8080 and 554 to this camera, so the camera is reachable from the internet "
        "(the profile lists the finding only on the router); CVE-2017-7923 shares CVE-2017-7921's range"),
}


def _norm(x: str) -> str:
    return x[4:] if x.startswith("cve:") else x


def _as_scanned(p: dict[str, Any], certdir: Path) -> Observation:
    o = from_dict(p, str(p.get("name")))
    extra: list[Response] = []
    if p.get("cloud_domains"):
        extra.append(Response("dns", "\n".join(str(d) for d in p["cloud_domains"])))
    for port in sorted(_tls_ports(p)):
        if not any(r.protocol == "tls" and r.port == port for r in o.responses):
            cert, _key = make_cert(str(p.get("tls_subject") or f"CN={p['name']}"), certdir, str(p["name"]))
            extra.append(Response("tls", cert.read_text(encoding="ascii"), port, ""))
    return Observation(o.ip, o.mac, o.responses + tuple(extra), o.open_ports, o.meta)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Observation]]:
    certdir = tmp_path_factory.mktemp("certs")
    out = {}
    for path in PROFILES:
        p = json.loads(path.read_text(encoding="utf-8"))
        out[str(p["name"])] = (p, _as_scanned(p, certdir))
    return out


def test_profiles_exist() -> None:
    assert len(PROFILES) >= 20


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_findings(path: Path, scanned: dict[str, tuple[dict[str, Any], Observation]]) -> None:
    name = json.loads(path.read_text(encoding="utf-8"))["name"]
    p, obs = scanned[name]
    ctx = network_context([o for _, o in scanned.values()])
    findings = assess(identify(obs), obs, load_vulns(), NOW, ctx)
    if p.get("hostile"):
        # Hostile profiles test robustness (like tests/identify): no crash, bounded output.
        assert all(len(e) <= 400 for f in findings for e in f.evidence)
        return
    got = {f.cve or f.id for f in findings}
    expected = {_norm(x) for x in p.get("expect_findings") or []}
    declared = {_norm(x) for q, _ in scanned.values() for x in q.get("expect_findings") or []}
    lax = HYGIENE - declared
    extra = {x for x in got - expected if x not in lax}
    missing = expected - got
    gap = KNOWN_GAPS.get(name)
    if gap is not None:
        assert (extra, missing) == (set(gap[0]), set(gap[1])), f"known gap changed ({gap[2]})"
    else:
        assert (extra, missing) == (set(), set())
