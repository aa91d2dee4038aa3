"""The opt-in default-credentials policy: one documented pair at most, only where it applies,
never where a single failure could lock the account; and how a recorded attempt is reported."""

from __future__ import annotations

from dataclasses import replace

from netscan.findings import DEFAULTS, default_credentials
from netscan.findings._obs import parse_observation
from netscan.findings.credentials import default_password
from netscan.model import Identification, Observation, Response


def ident(vendor: str | None, model: str | None = None, firmware: str | None = None,
          device_type: str = "camera", confidence: float = 0.9) -> Identification:
    return Identification(ip="10.0.0.5", mac=None, vendor=vendor, brand=None, model=model, firmware=firmware,
                          device_type=device_type, confidence=confidence, covered=None)


def test_hikvision_only_before_secure_activation() -> None:
    assert default_credentials(ident("Hikvision", "DS-2CD2032-I", "V5.2.5 build 141201")) == ("admin", "12345")
    assert default_credentials(ident("Hikvision", "DS-2CD2032F-I", "V5.3.0 build 150513")) is None
    assert default_credentials(ident("Hikvision", "DS-7608NI-E2", "V3.0.18 build 141201", "nvr")) == ("admin", "12345")
    assert default_credentials(ident("Hikvision", "DS-7608NI-K2", "V4.30.085 build 200916", "nvr")) is None
    assert default_credentials(ident("Hikvision", "DS-2CD2032-I", None)) is None  # unknown firmware: skip
    assert default_credentials(ident("Hikvision", "DS-2CD2032-I", "garbage")) is None


def test_other_vendors() -> None:
    assert default_credentials(ident("Xiongmai")) == ("admin", "")
    assert default_credentials(ident("Xiongmai", confidence=0.2)) is None
    assert default_credentials(ident("Axis", "AXIS 2120")) == ("root", "pass")
    assert default_credentials(ident("Axis", "M3045-V", "9.80.1")) is None
    for vendor in ("Dahua", "Uniview", "Hanwha Vision", "Reolink", None):
        assert default_credentials(ident(vendor, "X", "1.0.0")) is None


def test_at_most_one_pair_per_vendor() -> None:
    vendors = [d.vendor for d in DEFAULTS]
    assert len(vendors) == len(set(vendors))
    assert all(d.source.startswith("https://") for d in DEFAULTS)


def test_lockout_after_one_failure_means_skip() -> None:
    risky = tuple(replace(d, lockout_after=1) for d in DEFAULTS)
    assert default_credentials(ident("Xiongmai"), risky) is None


def _attempt(raw: str, protocol: str = "http", request: str = "GET /ISAPI/Security/userCheck") -> Observation:
    return Observation(ip="10.0.0.5", mac=None,
                       responses=(Response(protocol, raw, 80, f"{request} [default-credentials user=admin]"),))


def test_recorded_attempt() -> None:
    ok = _attempt("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    (f,) = default_password(parse_observation(ok))
    assert f.title == "Default password accepted" and f.severity == "critical"
    assert "default password accepted for user 'admin'" in f.evidence[0]
    refused = _attempt('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="x"\r\nContent-Length: 0\r\n\r\n')
    assert default_password(parse_observation(refused)) == []
    untagged = Observation(ip=None, mac=None, responses=(Response("http", "HTTP/1.1 200 OK\r\n\r\n", 80, "GET /"),))
    assert default_password(parse_observation(untagged)) == []
