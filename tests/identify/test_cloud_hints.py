"""Names a device looked up (DNS) of a maker's cloud / P2P service are hints
(signatures/fingerprints/conventions-cloud.yaml, netscan/identify/resolve.py): weak, adding only to
a maker other evidence names, naming one alone only when all hints agree, never typing the device
(a phone app looks up the same names). Values are the public material the rules cite."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.resolve import HINT_WEIGHT
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.cloud import cloud_domains


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _dns(*names: str) -> Response:
    return Response("dns", "\n".join(names), 53, "")


def _id(db: SignatureDB, *responses: Response, mac: str | None = None) -> Identification:
    return identify(Observation(ip="192.0.2.9", mac=mac, responses=responses), db)


@pytest.mark.parametrize(("name", "maker"), [
    ("p2p3.reolink.com", "Reolink"),            # neolink's P2P relay host list
    ("api.wyzecam.com", "Wyze"),                # wyze-integration wyze_consts.go
    ("security-app.eufylife.com", "Eufy"),      # python-eufy-security README
    ("arlo.netgear.com", "Arlo"),               # arlo-api README
    ("wap.tplinkcloud.com", "TP-Link"),         # tplink-cloud-api README
    ("www.hik-connect.com", "Hikvision"),
    ("download.eye4.cn", "VStarcam"),
])
def test_a_cloud_lookup_alone_names_its_maker_weakly_and_no_type(db: SignatureDB, name: str, maker: str) -> None:
    got = _id(db, _dns(name))
    assert got.vendor == maker
    assert got.device_type == "unknown"  # a phone app looks the same name up
    assert got.confidence <= HINT_WEIGHT


def test_a_video_only_makers_cloud_lookup_does_not_make_a_camera(db: SignatureDB) -> None:
    # the XMEye device-registration names of a Xiongmai camera (numenworld-ipcam README)
    got = _id(db, _dns("pub-cfg.secu100.net", "access-dss.secu100.net", "caps.xmcsrv.net"))
    assert got.vendor == "Xiongmai"
    assert got.device_type == "unknown"


def test_hints_of_several_makers_name_nobody(db: SignatureDB) -> None:
    # a phone with several camera apps: Reolink's, Wyze's and Arlo's clouds
    got = _id(db, _dns("p2p.reolink.com", "api.wyzecam.com", "arlo.netgear.com"))
    assert got.vendor is None
    assert got.device_type == "unknown"


def test_a_hint_never_outweighs_other_evidence(db: SignatureDB) -> None:
    # an Apple MAC (the phone) that looked up Hik-Connect: the OUI names Apple, the hint adds nothing
    got = _id(db, _dns("www.hik-connect.com"), mac="F0:18:98:00:00:01")
    assert got.vendor == "Apple"
    assert got.device_type != "camera"


def test_a_hint_adds_to_the_maker_other_evidence_names(db: SignatureDB) -> None:
    server = Response("http", "HTTP/1.1 401 Unauthorized\r\nServer: Hikvision-Webs\r\n\r\n", 80, "GET /")
    alone = _id(db, server)
    both = _id(db, server, _dns("www.hik-connect.com"))
    assert alone.vendor == both.vendor == "Hikvision"
    assert both.confidence >= alone.confidence


def test_every_cloud_rule_example_is_kept_by_passive_capture(db: SignatureDB) -> None:
    """Passive capture keeps only DNS messages naming a cloud.yaml domain: every name a cloud rule
    reads must be one of them, or the rule could never fire on a capture."""
    domains = cloud_domains()
    rules = [r for r in db.rules_for_field("dns.query") if r.field == "dns.query"]
    assert rules
    for r in rules:
        for ex in r.examples:
            name = ex["value"]
            assert any(name == d or name.endswith("." + d) for d in domains), (r.id, name)
