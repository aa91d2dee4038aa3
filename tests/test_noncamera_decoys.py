"""Weak-matcher check: no camera rule may fire on a recorded non-camera or on a generic decoy.

In the spirit of nuclei-templates' weak-matcher CI (templates are run against a honeypot and any hit
is flagged): every rule that would make a device a camera (it sets or extracts a video device type,
or names a maker that builds only video gear) is run against every field of every response of the
non-camera corpus (routers, printers, NAS, TVs, PCs, web servers) and of a few permissive decoys.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.resolve import NO_TYPE_FIELDS
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.db import Rule

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _is_camera_rule(db: SignatureDB, rule: Rule) -> bool:
    """A rule whose claims alone could make a device video equipment."""
    if rule.field in NO_TYPE_FIELDS and not rule.set.get("device_type") and "device_type" not in rule.pattern.groupindex:
        return False  # names a maker only: resolve never types a device from these fields (NO_TYPE_FIELDS)
    if rule.set.get("device_type") in VIDEO_TYPES:
        return True
    if rule.set.get("device_type") not in (None, "", "unknown"):
        return False  # it says the device is something else (a video maker's alarm panel or NAS line)
    if "device_type" in rule.pattern.groupindex:
        return True  # extracted type: treat as possibly video
    for key in ("vendor", "brand"):
        v = db.vendor(rule.set.get(key))
        if v is not None and v.video_only:
            return True
    for ex in rule.examples:
        expect = ex.get("expect") if isinstance(ex, dict) else None
        if isinstance(expect, dict):
            if expect.get("device_type") in VIDEO_TYPES:
                return True
            v = db.vendor(expect.get("vendor"))
            if v is not None and v.video_only and rule.claims == "maker":
                return True
    return False


def _non_camera_corpus() -> list[tuple[Path, Observation]]:
    out: list[tuple[Path, Observation]] = []
    for path in sorted(CORPUS.rglob("*.json")):
        for obs in load_path(path):
            expect = obs.meta.get("expect") or {}
            if expect.get("device_type") not in VIDEO_TYPES:
                out.append((path, obs))
    return out


def _camera_hits(db: SignatureDB, obs: Observation) -> list[str]:
    camera_rules = [r for r in db.rules if _is_camera_rule(db, r)]
    hits: list[str] = []
    for resp in obs.responses:
        f = fields(resp)
        for rule in camera_rules:
            names = [n for n in f if n == rule.field or (rule.field.endswith("*") and n.startswith(rule.field[:-1]))]
            for name in names:
                for value in f[name]:
                    if rule.extract(value) is not None and rule.requires_ok(f):
                        hits.append(f"{rule.id} ({rule.file}) matched {name}={value[:80]!r}")
    return hits


def test_there_is_a_non_camera_corpus() -> None:
    corpus = _non_camera_corpus()
    assert len(corpus) >= 12
    types = {obs.meta["expect"]["device_type"] for _, obs in corpus}
    assert {"router", "printer", "nas", "tv", "pc", "server"} <= types


def test_there_are_camera_rules_to_check(db: SignatureDB) -> None:
    camera_rules = [r for r in db.rules if _is_camera_rule(db, r)]
    assert len(camera_rules) >= 50
    # the generic web-server rules must not count as camera rules
    assert not any(r.id.startswith("generic-") for r in camera_rules)


@pytest.mark.parametrize("path_obs", _non_camera_corpus(), ids=lambda po: str(po[0].relative_to(CORPUS)))
def test_no_camera_rule_fires_on_a_non_camera(db: SignatureDB, path_obs: tuple[Path, Observation]) -> None:
    path, obs = path_obs
    hits = _camera_hits(db, obs)
    assert hits == [], f"{path.name}: camera rules fired on a non-camera:\n" + "\n".join(hits)
    ident = identify(obs, db)
    assert ident.device_type not in VIDEO_TYPES, f"{path.name} identified as {ident.device_type}"


def _http(raw_headers: str, body: str = "", request: str = "GET /") -> Response:
    return Response(protocol="http", port=80, request=request, raw=f"HTTP/1.1 200 OK\r\n{raw_headers}\r\n\r\n{body}")


#: Permissive or generic answers that real cameras share with everything else.
DECOYS: dict[str, list[Response]] = {
    "empty-200": [_http("Content-Length: 0")],
    "generic-servers": [
        _http("Server: Apache"),
        _http("Server: nginx"),
        _http("Server: lighttpd/1.4.35"),
        _http("Server: Microsoft-IIS/10.0"),
        _http("Server: mini_httpd/1.19 19dec2003"),
    ],
    "generic-realms": [
        Response(protocol="http", port=80, request="GET /", raw='HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Login"\r\n\r\n'),
        Response(protocol="http", port=80, request="GET /", raw='HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Restricted", nonce="abc"\r\n\r\n'),
    ],
    "reflecting-honeypot": [
        _http("Content-Type: text/html", "<html><head><title>Index</title></head><body>/axis-cgi/param.cgi /onvif/device_service</body></html>",
              request="GET /axis-cgi/param.cgi"),
        _http("Content-Type: text/plain", "root.Brand.ProdNbr=\nroot.Brand.Brand=\n", request="GET /axis-cgi/param.cgi"),
    ],
    "generic-ssh-ftp": [
        Response(protocol="ssh", port=22, raw="SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n"),
        Response(protocol="ssh", port=22, raw="SSH-2.0-dropbear_2019.78\r\n"),
        Response(protocol="other", port=21, raw="220 (vsFTPd 3.0.3)\r\n"),
        Response(protocol="other", port=21, raw="220 ProFTPD Server (ProFTPD Default Installation) [127.0.0.1]\r\n"),
    ],
    "video-software": [  # recording, restreaming and bridge software on a PC, a NAS or a container
        _http("Content-Type: text/html", "<html><head><title>Frigate</title></head></html>"),
        _http("Server: BlueServer/5.9.9.98"),
        _http("Content-Type: text/html", "<html><head><title>ZM - Login</title></head></html>"),
        _http("Content-Type: text/html", "<html><head><title>motionEye</title></head></html>"),
        _http("Content-Type: text/html", "<html><head><title>Scrypted</title></head></html>"),
        Response(protocol="rtsp", port=8554, request="OPTIONS",
                 raw="RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, GET_PARAMETER, TEARDOWN\r\n"
                     "Server: gortsplib\r\n\r\n"),
    ],
    "generic-upnp-renderer": [
        Response(protocol="ssdp", port=1900, request="M-SEARCH",
                 raw="HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nSERVER: Linux/5.10 UPnP/1.0 MiniDLNA/1.3.0\r\n\r\n"),
    ],
}


@pytest.mark.parametrize("name", sorted(DECOYS))
def test_decoys_are_not_cameras(db: SignatureDB, name: str) -> None:
    obs = Observation(ip="192.0.2.1", mac=None, responses=tuple(DECOYS[name]))
    hits = _camera_hits(db, obs)
    assert hits == [], f"decoy {name}: camera rules fired:\n" + "\n".join(hits)
    ident = identify(obs, db)
    assert ident.device_type not in VIDEO_TYPES
    v = db.vendor(ident.vendor)
    assert v is None or not v.video_only, f"decoy {name} attributed to {ident.vendor}"


def test_a_camera_still_wins_over_its_generic_web_server(db: SignatureDB) -> None:
    """The weak server rules must not turn a real camera into a server."""
    obs = Observation(
        ip="192.0.2.2",
        mac=None,
        responses=(
            _http("Server: lighttpd/1.4.35"),
            Response(protocol="other", port=21, raw="220 AXIS 221 Network Camera 4.45.1 (Mar 11 2008) ready.\r\n"),
        ),
    )
    ident = identify(obs, db)
    assert (ident.vendor, ident.device_type, ident.model) == ("Axis", "camera", "221")
