"""The opt-in default-credential check (``--check-default-credentials``): at most ONE login attempt
per device per scan, with the single pair ``netscan.findings.default_credentials`` allows (it
already skips devices where a failed attempt could lock the account).

The attempt is an authenticated ``GET`` of the vendor's read-only login-check endpoint. A first
request without credentials fetches the challenge (that is not a login attempt); only then is the
one credentialed request sent, with HTTP Basic or Digest (RFC 7616, MD5, qop=auth) as the device
asks. It is recorded as an ordinary response with ``auth=Auth(AuthKind.DEFAULT, <user>)``; the
password is never recorded or logged.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re

from netscan.model import Auth, AuthKind, Observation, Response
from netscan.probes.base import ProbeContext
from netscan.probes.http import HttpRequest, fetch

#: Read-only endpoints that answer 200 only to valid credentials, per vendor. A vendor absent here
#: is never tried (its documented default has no such endpoint we could cite).
LOGIN_PATHS: dict[str, str] = {
    # Hikvision ISAPI user check (used by iVMS and scrypted's Hikvision plugin to validate a login)
    "Hikvision": "/ISAPI/Security/userCheck",
    # VAPIX parameter list of the Brand group: needs a user with at least viewer rights
    "Axis": "/axis-cgi/admin/param.cgi?action=list&group=Brand",
}
_CHALLENGE = re.compile(r"\r?\nwww-authenticate:[ \t]*([^\r\n]{1,1024})", re.I)
_PARAM = re.compile(r'(\w+)=(?:"([^"]*)"|([^\s,]+))')


def _status(raw: str) -> str:
    parts = raw.split(None, 2)
    return parts[1] if len(parts) > 1 and raw.startswith("HTTP/") else ""


def authorization(challenge: str, user: str, password: str, method: str, uri: str) -> str | None:
    """The Authorization header answering one WWW-Authenticate challenge (Basic or Digest-MD5)."""
    scheme, _, rest = challenge.strip().partition(" ")
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{user}:{password}".encode("latin-1", "replace")).decode("ascii")
    if scheme.lower() != "digest":
        return None
    params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _PARAM.finditer(rest)}
    realm, nonce = params.get("realm", ""), params.get("nonce")
    if nonce is None or params.get("algorithm", "MD5").upper() not in ("MD5",):
        return None
    ha1 = hashlib.md5(f"{user}:{realm}:{password}".encode("latin-1", "replace")).hexdigest()  # noqa: S324 - the device's scheme
    ha2 = hashlib.md5(f"{method}:{uri}".encode("latin-1", "replace")).hexdigest()  # noqa: S324
    header = f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}"'
    if "auth" in [q.strip() for q in params.get("qop", "").split(",")]:
        cnonce = os.urandom(8).hex()
        digest = hashlib.md5(f"{ha1}:{nonce}:00000001:{cnonce}:auth:{ha2}".encode()).hexdigest()  # noqa: S324
        header += f', qop=auth, nc=00000001, cnonce="{cnonce}"'
    else:
        digest = hashlib.md5(f"{ha1}:{nonce}:{ha2}".encode()).hexdigest()  # noqa: S324
    header += f', response="{digest}"'
    if params.get("opaque"):
        header += f', opaque="{params["opaque"]}"'
    return header


def _web_port(obs: Observation) -> tuple[int, bool] | None:
    ports = {r.port: r.protocol for r in obs.responses if r.protocol in ("http", "https") and r.port and not r.error}
    for port, proto in sorted(ports.items(), key=lambda kv: (kv[1] != "http", kv[0])):
        return port, proto == "https"
    return None


async def attempt(ctx: ProbeContext, obs: Observation, vendor: str, user: str, password: str) -> Response | None:
    """The one login attempt on a device, or None when there is nothing to try it on."""
    path = LOGIN_PATHS.get(vendor)
    web = _web_port(obs)
    if path is None or web is None or obs.ip is None:
        return None
    port, tls = web
    first = await fetch(ctx, obs.ip, port, HttpRequest("GET", path), tls=tls)
    if first.error or _status(first.raw) != "401":
        return None  # no challenge: the endpoint is absent or open (the exposure checks report that)
    m = _CHALLENGE.search(first.raw.split("\r\n\r\n", 1)[0])
    header = authorization(m.group(1), user, password, "GET", path) if m else None
    if header is None:
        return None
    resp = await fetch(ctx, obs.ip, port, HttpRequest("GET", path, extra=(("Authorization", header),)), tls=tls)
    return Response(protocol=resp.protocol, port=port, request=f"GET {path}",
                    auth=Auth(AuthKind.DEFAULT, user),
                    raw=resp.raw, error=resp.error, truncated=resp.truncated)
