"""Network-wide facts that findings about one device need: UPnP IGD port mappings.

A router's UPnP Internet Gateway Device (IGD) lists its port forwards through the WANIPConnection
(or WANPPPConnection) action ``GetGenericPortMappingEntry`` with ``NewPortMappingIndex`` 0, 1, 2…
until it answers a SOAP fault (713 SpecifiedArrayIndexInvalid). The scan records each reply as a
response of the *gateway's* observation::

    {"protocol": "upnp", "port": 49152, "request": "GetGenericPortMappingEntry 0",
     "raw": "HTTP/1.1 200 OK\\r\\n...\\r\\n\\r\\n<s:Envelope>...<u:GetGenericPortMappingEntryResponse>
             <NewRemoteHost></NewRemoteHost><NewExternalPort>8080</NewExternalPort>
             <NewProtocol>TCP</NewProtocol><NewInternalPort>80</NewInternalPort>
             <NewInternalClient>192.168.1.64</NewInternalClient><NewEnabled>1</NewEnabled>
             <NewPortMappingDescription>HIKVISION</NewPortMappingDescription>
             <NewLeaseDuration>0</NewLeaseDuration></u:GetGenericPortMappingEntryResponse>..."}

``raw`` may be the whole HTTP response or only the SOAP envelope; a reply recorded as protocol
``http`` (request ``POST /ctl/IPConn`` …) is read as well. Element names are those of the UPnP IGD
WANIPConnection:1 service. Faults and unreadable replies are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from netscan.findings.catalogue import quote
from netscan.model import Finding, Observation, Severity
from netscan.parsers.discovery import MAPPING_ELEMENT, port_mapping

#: Most mapping replies read from one gateway (a router holds a few dozen; a hostile one could claim millions).
MAX_MAPPINGS_PER_GATEWAY = 1024
REQUEST = "GetGenericPortMappingEntry"
#: The SOAP element that marks a reply worth parsing (also found in replies recorded as plain HTTP).
RESPONSE_ELEMENT = MAPPING_ELEMENT


@dataclass(frozen=True)
class PortMapping:
    """One port forward on an internet gateway."""

    gateway: str | None
    """Address of the router that holds the mapping."""
    external_port: int
    protocol: str
    internal_client: str
    internal_port: int
    enabled: bool = True
    description: str = ""
    remote_host: str = ""
    lease_s: int = 0

    def describe(self) -> str:
        """``gateway 192.168.1.1 forwards TCP 8080 (from any host) -> 192.168.1.64:80 ('HIKVISION')``."""
        src = f"from {self.remote_host}" if self.remote_host else "from any host"
        desc = f" ({quote(self.description, 60)!r})" if self.description else ""
        return (f"gateway {self.gateway or '?'} forwards {self.protocol} {self.external_port} ({src}) "
                f"-> {self.internal_client}:{self.internal_port}{desc}")


@dataclass(frozen=True)
class Context:
    """Facts about the whole scanned network, passed to ``assess`` for each device."""

    port_mappings: tuple[PortMapping, ...] = field(default_factory=tuple)

    def mappings_on(self, gateway: str | None) -> list[PortMapping]:
        """Enabled mappings held by the router at ``gateway``."""
        if not gateway:
            return []
        return [m for m in self.port_mappings if m.enabled and m.gateway == gateway]

    def mappings_to(self, ip: str | None) -> list[PortMapping]:
        """Enabled mappings whose internal client is ``ip``."""
        if not ip:
            return []
        return [m for m in self.port_mappings if m.enabled and m.internal_client == ip]


def _int(text: str | None) -> int | None:
    t = (text or "").strip()
    return int(t) if t.isdigit() and len(t) <= 6 else None


def parse_mapping(raw: str, gateway: str | None) -> PortMapping | None:
    """One GetGenericPortMappingEntry reply -> PortMapping, or None (fault, unreadable, incomplete)."""
    vals = port_mapping(raw)
    if vals is None:
        return None
    ext, inner = _int(vals.get("NewExternalPort")), _int(vals.get("NewInternalPort"))
    client = vals.get("NewInternalClient", "")
    if ext is None or inner is None or not client or len(client) > 64:
        return None
    return PortMapping(
        gateway=gateway,
        external_port=ext,
        protocol=(vals.get("NewProtocol") or "?").upper()[:8],
        internal_client=client,
        internal_port=inner,
        enabled=vals.get("NewEnabled", "1") not in ("0", "false"),
        description=vals.get("NewPortMappingDescription", "")[:200],
        remote_host=vals.get("NewRemoteHost", "")[:64],
        lease_s=_int(vals.get("NewLeaseDuration")) or 0,
    )


def network_context(observations: Iterable[Observation]) -> Context:
    """Collect the network-wide facts from every observation of a scan."""
    mappings: dict[PortMapping, None] = {}  # ordered set
    for obs in observations:
        candidates = [r for r in obs.responses
                      if r.protocol in ("upnp", "http", "https") and r.raw and RESPONSE_ELEMENT in r.raw[:65536]]
        for r in candidates[:MAX_MAPPINGS_PER_GATEWAY]:
            m = parse_mapping(r.raw, obs.ip)
            if m is not None:
                mappings.setdefault(m, None)
    return Context(port_mappings=tuple(mappings))


def upnp_port_forward(ip: str | None, context: Context | None) -> list[Finding]:
    """The device is reachable from the internet through a UPnP port forward, or (on the router)
    the device holds port forwards to the LAN."""
    if context is None:
        return []
    out: list[Finding] = []
    held = context.mappings_on(ip)
    if held:
        out.append(Finding(
            id="upnp-port-forward", severity=Severity.HIGH,
            title="Router forwards internet ports to devices on the LAN (UPnP)",
            detail="This router's UPnP Internet Gateway Device holds port forwards, usually opened by the "
                   "devices themselves without anyone deciding it. Each one exposes a LAN device to the "
                   "whole internet.",
            remediation="Delete the forwards you did not decide on and turn off UPnP on the router; use "
                        "a VPN for remote access.",
            evidence=tuple(m.describe() for m in held[:10]),
        ))
    maps = context.mappings_to(ip)
    if not maps:
        return out
    return out + [Finding(
        id="upnp-port-forward", severity=Severity.HIGH,
        title="Reachable from the internet through a router port forward (UPnP)",
        detail="The router forwards ports from the internet to this device, usually because the device "
               "asked for it over UPnP. Internet scanners and botnets find such devices within hours.",
        remediation="Delete the port forward, turn off UPnP on the router (and on the device), and use "
                    "a VPN for remote viewing.",
        evidence=tuple(m.describe() for m in maps[:5]),
    )]
