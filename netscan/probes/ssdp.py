"""SSDP M-SEARCH (UDP 1900) and the UPnP device description behind each reply's LOCATION.

M-SEARCH as in UPnP Device Architecture 1.1 §1.3.2 (``MAN: "ssdp:discover"``, ``MX``, ``ST``).
For an InternetGatewayDevice, GetGenericPortMappingEntry is asked for indices 0..N (bounded by
``MAX_PORT_MAPPINGS``) until the device answers with a fault: port forwards expose cameras.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from netscan.limits import MAX_PORT_MAPPINGS
from netscan.model import Response
from netscan.parsers.discovery import ssdp_location
from netscan.probes.base import HostState, ProbeContext
from netscan.probes.http import HttpRequest, fetch
from netscan.probes.udp import DiscoverySpec

PORT = 1900
GROUP = "239.255.255.250"
_CONTROL = re.compile(
    r"<serviceType>\s*(urn:schemas-upnp-org:service:WAN(?:IP|PPP)Connection:\d)\s*</serviceType>.*?"
    r"<controlURL>\s*([^<\s]{1,1024})\s*</controlURL>",
    re.S,
)


def msearch(st: str = "upnp:rootdevice", mx: int = 1) -> bytes:
    """One M-SEARCH request."""
    return (
        "M-SEARCH * HTTP/1.1\r\n"
        f"HOST: {GROUP}:{PORT}\r\n"
        'MAN: "ssdp:discover"\r\n'
        f"MX: {mx}\r\n"
        f"ST: {st}\r\n"
        "USER-AGENT: netscan/0.1 UPnP/1.1\r\n\r\n"
    ).encode()


def spec() -> DiscoverySpec:
    """SSDP as a DiscoverySpec (rootdevice search; replies are unicast HTTP-over-UDP)."""
    return DiscoverySpec(
        protocol="ssdp", port=PORT, group=GROUP,
        payloads=lambda: [msearch("upnp:rootdevice"), msearch("ssdp:all")],
        accept=lambda d: d.startswith(b"HTTP/1.1 200") or d.startswith(b"HTTP/1.0 200") or d.startswith(b"NOTIFY"),
        request="M-SEARCH upnp:rootdevice",
    )


def location(raw: str) -> str | None:
    """The LOCATION header of an SSDP reply (decoded by netscan.parsers.discovery)."""
    return ssdp_location(raw)


def _split(url: str) -> tuple[str, int, str, bool] | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.hostname, port, path, parts.scheme == "https"


def _body(raw: str) -> str:
    return raw.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in raw else raw


def mapping_request(index: int, service: str) -> bytes:
    """A GetGenericPortMappingEntry SOAP body."""
    return (
        '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
        's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>'
        f'<u:GetGenericPortMappingEntry xmlns:u="{service}">'
        f"<NewPortMappingIndex>{index}</NewPortMappingIndex>"
        "</u:GetGenericPortMappingEntry></s:Body></s:Envelope>"
    ).encode()


async def describe(ctx: ProbeContext, host: HostState, url: str) -> list[Response]:
    """Fetch a device description at ``url`` (only if it is on ``host``), then IGD port mappings."""
    target = _split(url)
    if target is None or target[0] != host.ip:
        return []
    _, port, path, tls = target
    r = await fetch(ctx, host.ip, port, HttpRequest("GET", path), tls=tls)
    host.requests += 1
    out = [Response(protocol="upnp", port=port, request=f"GET {path}", raw=r.raw, error=r.error, truncated=r.truncated)]
    body = _body(r.raw)
    if "InternetGatewayDevice" not in body:
        return out
    m = _CONTROL.search(body[:262144])
    if not m:
        return out
    service, control = m.group(1), urljoin(url, m.group(2))
    ctl = _split(control)
    if ctl is None or ctl[0] != host.ip:
        return out
    for index in range(MAX_PORT_MAPPINGS):
        if host.requests >= ctx.limits.max_requests_per_host + MAX_PORT_MAPPINGS:
            break
        req = HttpRequest(
            "POST", ctl[2], mapping_request(index, service), 'text/xml; charset="utf-8"',
            (("SOAPACTION", f'"{service}#GetGenericPortMappingEntry"'),),
        )
        a = await fetch(ctx, host.ip, ctl[1], req, tls=ctl[3])
        host.requests += 1
        out.append(Response(protocol="upnp", port=ctl[1], request=f"GetGenericPortMappingEntry {index}",
                            raw=a.raw, error=a.error, truncated=a.truncated))
        if a.error or not a.raw.startswith("HTTP/1.") or " 200" not in a.raw[:16]:
            break  # SpecifiedArrayIndexInvalid (713) or any failure ends the table
    return out
