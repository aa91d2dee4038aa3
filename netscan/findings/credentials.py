"""Default credentials, opt-in (``--check-default-credentials``): the pure side.

netscan never guesses passwords. When the operator opts in, the scan makes **one** login attempt
per device per scan with **at most one** pair: the default the vendor itself documents for that
device generation. It skips the attempt when identification is not sure enough to know the pair
applies, or when a failed attempt could lock the account (documented lockout after one failure).

The scan records the attempt as an ordinary response with ``auth=Auth(AuthKind.DEFAULT, user)``
(the password is never recorded), e.g. request ``GET /ISAPI/Security/userCheck`` with
``"auth": {"kind": "default-credentials", "user": "admin"}`` in the observation format (older files
carry the tag `` [default-credentials user=admin]`` at the end of ``request`` instead; it is read
into the same field); ``raw`` is the device's reply.
A 2xx reply (HTTP/RTSP) or a fault-free ONVIF reply means the default password was accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from netscan.findings._obs import Parsed
from netscan.sigdb.versions import compare, parse
from netscan.sigdb.names import vendor_key
from netscan.model import AuthKind, Finding, Identification, Severity

#: Least number of failures before a lockout at which one failed attempt is harmless.
MIN_SAFE_LOCKOUT_ATTEMPTS = 2


@dataclass(frozen=True)
class DefaultCredential:
    """The documented factory default of one vendor's device generation."""

    vendor: str
    user: str
    password: str
    applies_to: str
    """Which devices ship with it, in words."""
    source: str
    lockout_after: int | None
    """Documented failures before the account or client is locked (smallest configurable value)."""
    applies: Callable[[Identification], bool]
    """True only when identification shows the device is of that generation."""


def _hik_old_firmware(ident: Identification) -> bool:
    # Hikvision: admin/12345 until secure activation (IPC firmware 5.3.0, DVR/NVR 3.3.0, 2015).
    v = parse("hikvision", ident.firmware)
    if v is None:
        return False
    limit = parse("hikvision", "V3.3.0" if ident.device_type in ("nvr", "dvr") else "V5.3.0")
    assert limit is not None
    c = compare(v, limit)
    return c is not None and c < 0


def _axis_legacy(ident: Identification) -> bool:
    return bool(re.match(r"^(?:AXIS\s+)?(?:21[012]0|240[01])\b", ident.model or "", re.IGNORECASE))


def _any_identified(ident: Identification) -> bool:
    return ident.confidence >= 0.5


#: One documented pair per vendor at most. Vendors absent here (Dahua: initialisation since 2017 and
#: no vendor-published legacy default; Hanwha: password set at first access; Uniview: the only
#: published pair is a hard-coded telnet backdoor, CVE-2021-45039) are never tried.
DEFAULTS: tuple[DefaultCredential, ...] = (
    DefaultCredential(
        "Hikvision", "admin", "12345",
        "IP cameras with firmware before V5.3.0 and recorders before V3.3.0 (before secure activation, 2015)",
        "https://adssystems.pl/poradniki/aktywacja-urzadzen-hikvision/",
        3,  # admin: 7 failures (30 min lock); newer firmware lets the admin choose 3-10
        # (https://www.manua.ls/hikvision/ds-pea22-f/manual?p=76)
        _hik_old_firmware,
    ),
    DefaultCredential(
        "Xiongmai", "admin", "",
        "XMEye / NetSurveillance devices (admin with an empty password, no forced change)",
        "https://github.com/johndoe31415/numenworld-ipcam/blob/master/README.md",
        None,
        _any_identified,
    ),
    DefaultCredential(
        "Axis", "root", "pass",
        "AXIS 2100 / 2110 / 2120 cameras and 2400 video servers (later models force a password at first access)",
        "https://www.manualsdir.com/manuals/37853/axis-communications-2120.html?page=30",
        None,
        _axis_legacy,
    ),
)


def policy_for(ident: Identification, defaults: tuple[DefaultCredential, ...] = DEFAULTS) -> DefaultCredential | None:
    """The vendor's documented default entry, whether or not it applies to this device."""
    key = vendor_key(ident.vendor)
    for d in defaults:
        if key and vendor_key(d.vendor) == key:
            return d
    return None


def default_credentials(
    identification: Identification, defaults: tuple[DefaultCredential, ...] = DEFAULTS
) -> tuple[str, str] | None:
    """The single (user, password) pair to try on this device, or None to skip it.

    None when: the vendor documents no default; identification does not show the device is of the
    generation that had the default; or one failed attempt could lock the account.
    """
    d = policy_for(identification, defaults)
    if d is None:
        return None
    if d.lockout_after is not None and d.lockout_after < MIN_SAFE_LOCKOUT_ATTEMPTS:
        return None
    if not d.applies(identification):
        return None
    return (d.user, d.password)


def default_password(parsed: list[Parsed]) -> list[Finding]:
    """``default password accepted`` when a recorded default-credentials attempt succeeded."""
    hits = []
    for p in parsed:
        auth = p.response.auth
        if auth is None or auth.kind is not AuthKind.DEFAULT:
            continue
        if p.protocol in ("http", "https"):
            ok = (p.first("http.status") or "").startswith("2")
        elif p.protocol == "rtsp":
            ok = (p.first("rtsp.status") or "").startswith("2")
        elif p.protocol == "onvif":
            ok = not p.first("onvif.fault") and not p.first("onvif.unreadable") and \
                (p.first("onvif.http_status") or "200").startswith("2")
        else:
            ok = False
        if ok:
            user = auth.user or "?"
            req = p.response.request.strip()
            port = f" port {p.response.port}" if p.response.port is not None else ""
            hits.append(f"{p.protocol}{port} {req}: default password accepted for user {user!r}")
    if not hits:
        return []
    return [Finding(
        id="default-password", severity=Severity.CRITICAL,
        title="Default password accepted",
        detail="The device accepted its factory-default username and password. Anyone who knows the "
               "model (the defaults are published) has full control of it.",
        remediation="Set a strong unique password for every account now, and check the device's users "
                    "and settings for changes you did not make.",
        evidence=tuple(hits[:3]),
    )]
