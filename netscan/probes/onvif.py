"""ONVIF device service: GetSystemDateAndTime, GetDeviceInformation and GetServices, unauthenticated;
then, on the media service the device advertises, GetProfiles and GetStreamUri (READ_MEDIA: an
answer without credentials means anyone can find and open the stream).

SOAP 1.2 over HTTP POST to the device service (``/onvif/device_service`` unless WS-Discovery
XAddrs say otherwise; ONVIF Core "Services overview"). GetSystemDateAndTime and GetServices are
PRE_AUTH; GetDeviceInformation usually answers with a SOAP fault without credentials, and the
fault is recorded too. The recorded ``raw`` is the whole HTTP reply; ``request`` the action name.
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlsplit

from netscan.model import Response
from netscan.probes.base import HostState, ProbeContext
from netscan.probes.http import HttpRequest, fetch

DEVICE_PATH = "/onvif/device_service"
_TDS = "http://www.onvif.org/ver10/device/wsdl"
_TRT = "http://www.onvif.org/ver10/media/wsdl"
#: The Media service address in a GetCapabilities/GetServices answer.
_MEDIA_XADDR = re.compile(r"<(?:\w+:)?Media>\s*<(?:\w+:)?XAddr>([^<]{1,512})<", re.S)
_MEDIA_SERVICE = re.compile(r"ver10/media/wsdl</(?:\w+:)?Namespace>\s*<(?:\w+:)?XAddr>([^<]{1,512})<", re.S)
#: The first media profile's token (GetProfiles answer).
_PROFILE_TOKEN = re.compile(r"<(?:\w+:)?Profiles\b[^>]*\btoken=\"([^\"]{1,64})\"")

#: The actions asked, in order (GetCapabilities: the PRE_AUTH legacy service map older devices have). GetSystemDateAndTime first: it is PRE_AUTH, cheap, and a
#: non-ONVIF web server answers it with a 404/HTML, which stops the other two.
ACTIONS: dict[str, str] = {
    "GetSystemDateAndTime": "<tds:GetSystemDateAndTime/>",
    "GetCapabilities": "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>",
    "GetDeviceInformation": "<tds:GetDeviceInformation/>",
    "GetServices": "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>",
}

def envelope(body: str) -> bytes:
    """A SOAP 1.2 envelope around one device- or media-service request."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        f'xmlns:tds="{_TDS}" xmlns:trt="{_TRT}" xmlns:tt="http://www.onvif.org/ver10/schema">'
        f"<s:Body>{body}</s:Body></s:Envelope>"
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


async def query(ctx: ProbeContext, host: HostState, port: int, path: str = DEVICE_PATH, tls: bool = False,
                confirmed: bool = False) -> list[Response]:
    """Ask the device-service actions on one endpoint, then the media service it advertises.

    GetSystemDateAndTime goes first and alone unless ``confirmed`` (WS-Discovery announced this
    endpoint): a web server that does not speak ONVIF gets one request, not four. The other actions
    are independent and go out together (the host's connection slots keep that gentle); they are
    recorded in ``ACTIONS`` order.
    """

    async def ask(action: str, body: str) -> Response:
        req = HttpRequest(
            "POST", path, envelope(body),
            f'application/soap+xml; charset=utf-8; action="{_TDS}/{action}"',
        )
        host.requests += 1
        r = await fetch(ctx, host.ip, port, req, tls=tls, protocol="onvif")
        return Response(protocol="onvif", port=port, request=action, raw=r.raw, error=r.error, truncated=r.truncated)

    left = max(ctx.limits.max_requests_per_host - host.requests, 0)
    actions = list(ACTIONS.items())[:left]
    if not actions:
        return []
    out: list[Response] = []
    if not confirmed:
        first = await ask(*actions[0])
        out.append(first)
        if not is_soap(first.raw):
            return out
        actions = actions[1:]
    out += await asyncio.gather(*(ask(a, b) for a, b in actions))
    out += await _media(ctx, host, port, tls, out)
    return out


def media_endpoint(responses: list[Response], ip: str) -> tuple[int, str, bool] | None:
    """The media service (port, path, tls) advertised by GetCapabilities/GetServices, on ``ip``."""
    for r in responses:
        for rx in (_MEDIA_XADDR, _MEDIA_SERVICE):
            m = rx.search(r.raw[:65536])
            if m:
                ep = endpoint_from_xaddrs([m.group(1).strip()], ip)
                if ep is not None:
                    return ep
    return None


async def _media(ctx: ProbeContext, host: HostState, port: int, tls: bool, device: list[Response]) -> list[Response]:
    """GetProfiles, then GetStreamUri for the first profile: two requests at most."""
    ep = media_endpoint(device, host.ip)
    if ep is None or host.requests + 2 > ctx.limits.max_requests_per_host:
        return []
    mport, mpath, mtls = ep
    out: list[Response] = []

    async def ask(action: str, body: str) -> Response:
        req = HttpRequest("POST", mpath, envelope(body), f'application/soap+xml; charset=utf-8; action="{_TRT}/{action}"')
        host.requests += 1
        r = await fetch(ctx, host.ip, mport, req, tls=mtls, protocol="onvif")
        resp = Response(protocol="onvif", port=mport, request=action, raw=r.raw, error=r.error, truncated=r.truncated)
        out.append(resp)
        return resp

    prof = await ask("GetProfiles", "<trt:GetProfiles/>")
    m = _PROFILE_TOKEN.search(prof.raw[:262144])
    if m and not prof.error:
        await ask("GetStreamUri", "<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport>"
                                  f"<tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>"
                                  f"<trt:ProfileToken>{_xml_text(m.group(1))}</trt:ProfileToken></trt:GetStreamUri>")
    return out


def _xml_text(value: str) -> str:
    """A device-supplied token, escaped for our XML body."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
