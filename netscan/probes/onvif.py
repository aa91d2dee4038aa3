"""ONVIF device service: GetSystemDateAndTime, GetDeviceInformation and GetServices, unauthenticated.

SOAP 1.2 over HTTP POST to the device service (``/onvif/device_service`` unless WS-Discovery
XAddrs say otherwise; ONVIF Core "Services overview"). GetSystemDateAndTime and GetServices are
PRE_AUTH; GetDeviceInformation usually answers with a SOAP fault without credentials, and the
fault is recorded too. The recorded ``raw`` is the whole HTTP reply; ``request`` the action name.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from netscan.model import Response
from netscan.probes.base import HostState, ProbeContext
from netscan.probes.http import HttpRequest, fetch

DEVICE_PATH = "/onvif/device_service"
_TDS = "http://www.onvif.org/ver10/device/wsdl"

#: The actions asked, in order (GetCapabilities: the PRE_AUTH legacy service map older devices have). GetSystemDateAndTime first: it is PRE_AUTH, cheap, and a
#: non-ONVIF web server answers it with a 404/HTML, which stops the other two.
ACTIONS: dict[str, str] = {
    "GetSystemDateAndTime": "<tds:GetSystemDateAndTime/>",
    "GetCapabilities": "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>",
    "GetDeviceInformation": "<tds:GetDeviceInformation/>",
    "GetServices": "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>",
}

#: Ports where ONVIF is commonly served (reference §1.2 and §2): web, Hikvision/Reolink 8000,
#: Xiongmai 8899, Tapo 2020.
ONVIF_PORTS: tuple[int, ...] = (80, 8899, 2020, 8000, 8080, 5000, 443, 8443)


def envelope(body: str) -> bytes:
    """A SOAP 1.2 envelope around one device-service request."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        f'xmlns:tds="{_TDS}"><s:Body>{body}</s:Body></s:Envelope>'
    ).encode()


def endpoint_from_xaddrs(xaddrs: list[str], ip: str) -> tuple[int, str, bool] | None:
    """(port, path, tls) of the first XAddr that points at ``ip`` itself."""
    for x in xaddrs:
        parts = urlsplit(x)
        if parts.hostname != ip or parts.scheme not in ("http", "https"):
            continue
        tls = parts.scheme == "https"
        try:
            port = parts.port or (443 if tls else 80)
        except ValueError:
            continue
        return port, parts.path or DEVICE_PATH, tls
    return None


def is_soap(raw: str) -> bool:
    """The reply carries a SOAP envelope (success or fault): the endpoint speaks ONVIF."""
    low = raw[:65536].lower()
    return "envelope" in low and ("soap" in low or "w3.org/2003/05" in low)


async def query(ctx: ProbeContext, host: HostState, port: int, path: str = DEVICE_PATH, tls: bool = False) -> list[Response]:
    """Ask the three actions on one endpoint; stop after the first if it is not ONVIF."""
    out: list[Response] = []
    for action, body in ACTIONS.items():
        if host.requests >= ctx.limits.max_requests_per_host:
            break
        req = HttpRequest(
            "POST", path, envelope(body),
            f'application/soap+xml; charset=utf-8; action="{_TDS}/{action}"',
        )
        r = await fetch(ctx, host.ip, port, req, tls=tls, protocol="onvif")
        host.requests += 1
        out.append(Response(protocol="onvif", port=port, request=action, raw=r.raw, error=r.error, truncated=r.truncated))
        if action == "GetSystemDateAndTime" and not is_soap(r.raw):
            break
    return out
