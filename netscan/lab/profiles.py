"""Device profiles: the observation format plus a few lab keys (see docs/lab.md).

A profile is one JSON object::

    {"name": "hikvision-ds2cd2032-v540", "ip": "192.168.1.64", "mac": "c0:56:e3:...",
     "responses": [{"protocol": "http", "port": 80, "request": "GET /", "raw": "..."}], ...}

``ip`` is the address the responses were recorded with; the emulator puts the device's lab address
in its place wherever a protocol embeds the device's own address (see :data:`ADDRESS_PROTOCOLS`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from netscan.discovery import BY_NAME as DISCOVERY_BY_NAME
from netscan.discovery import REGISTRY as DISCOVERY_REGISTRY
from netscan.discovery import Search
from netscan.errors import LabError
from netscan.model import PROTOCOLS
from netscan.probes.tvt import PORT as TVT_SEARCH_PORT

#: TCP protocols the emulator serves on the response's port.
TCP_PROTOCOLS = frozenset({"http", "https", "rtsp", "onvif", "upnp", "telnet", "ssh", "other"})


def _listening() -> dict[str, Search]:
    """The emulator's discovery sockets, from the registry (netscan/discovery.py): one per UDP port a
    search goes to, named by the first protocol searching there (TVT's XML search goes to SSDP's
    port 1900, so the ``ssdp`` socket serves it; its Layer-2 search has a ``tvt`` socket of its own)."""
    out: dict[str, Search] = {}
    ports: set[int] = set()
    for entry in DISCOVERY_REGISTRY:
        for s in entry.searches:
            if s.port not in ports:
                ports.add(s.port)
                if entry.name in out:
                    raise ValueError(f"discovery registry: {entry.name} would need two emulator sockets")
                out[entry.name] = s
    return out


#: The search each emulator discovery socket answers, by the socket's protocol name.
LISTENING: dict[str, Search] = _listening()
#: UDP discovery protocols and the port each one's socket listens on.
UDP_PORTS: dict[str, int] = {name: s.port for name, s in LISTENING.items()}
#: The socket that serves a recorded reply of (protocol, port): the socket of the port when it is one
#: of the protocol's search ports, else the protocol's own.
_PORT_SOCKET: dict[int, str] = {port: name for name, port in UDP_PORTS.items()}
#: Protocols whose replies embed the device's own address: the profile's recorded ``ip`` is replaced
#: with the lab address there (and nowhere else, so HTTP bodies come back byte for byte).
ADDRESS_PROTOCOLS = frozenset({"upnp", "rtsp", "onvif"} | {p.name for p in DISCOVERY_REGISTRY if p.embeds_address})
#: ``tvt`` responses answer on two ports: the XML search reply on the SSDP port (1900, served by the
#: ``ssdp`` socket when the M-SEARCH names TVT's service type), the Layer-2 ``MHED`` reply on its own port.
TVT_XML_PORT = TVT_SEARCH_PORT
#: Hostile behaviours a profile may ask for.
BEHAVIOURS = frozenset({"never-answer", "slow-drip", "huge-body"})
#: Keys a profile may carry besides the observation format.
LAB_KEYS = frozenset({
    "name", "description", "ip_suffix", "hostname", "dhcp_vendor_class", "cloud_domains", "tls_subject",
    "behaviour", "expect", "expect_findings", "source", "hostile", "open_ports", "ip", "mac", "responses",
    "notes", "huge_body_bytes", "https_ports", "address_refs", "_lab_refs", "tls_key", "login", "clock_offset_s",
    "delay_s", "idle_delay_s", "idle_after_s", "multicast_silent", "segment", "lldp",
})
_MAC_RE = re.compile(r"^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,60}$")


def load_profiles(directory: Path | str) -> list[dict[str, Any]]:
    """Load and check every ``*.json`` profile in ``directory`` (sorted by file name).

    Raises:
        LabError: a profile is unreadable or invalid (our data: fail loudly, naming the file).
    """
    path = Path(directory)
    if not path.is_dir():
        raise LabError(f"profiles directory not found: {path}")
    profiles: list[dict[str, Any]] = []
    for file in sorted(path.glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise LabError(f"{file}: unreadable profile: {exc}") from exc
        problems = check_profile(data)
        if problems:
            raise LabError(f"{file}: " + "; ".join(problems))
        data["_path"] = str(file)
        profiles.append(data)
    names = [p["name"] for p in profiles]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise LabError(f"duplicate profile names: {sorted(dupes)}")
    macs = [p["mac"].lower() for p in profiles]
    dupe_macs = {m for m in macs if macs.count(m) > 1}
    if dupe_macs:
        raise LabError(f"duplicate profile MACs: {sorted(dupe_macs)}")
    return profiles


def check_profile(p: Any) -> list[str]:
    """Problems with one profile (empty when it is valid)."""
    if not isinstance(p, dict):
        return ["a profile must be a JSON object"]
    out: list[str] = []
    name = p.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        out.append(f"bad or missing name {name!r}")
    mac = p.get("mac")
    if not isinstance(mac, str) or not _MAC_RE.match(mac.lower()):
        out.append(f"bad or missing mac {mac!r}")
    elif int(mac[:2], 16) & 1:
        out.append("mac is multicast")
    unknown = set(p) - LAB_KEYS
    if unknown:
        out.append(f"unknown keys {sorted(unknown)}")
    beh = p.get("behaviour")
    if beh is not None and beh not in BEHAVIOURS:
        out.append(f"unknown behaviour {beh!r}")
    suffix = p.get("ip_suffix")
    if suffix is not None and (not isinstance(suffix, int) or not 2 <= suffix <= 254):
        out.append(f"ip_suffix must be 2..254, got {suffix!r}")
    out += check_realism_keys(p)
    responses = p.get("responses", [])
    if not isinstance(responses, list):
        return out + ["responses must be a list"]
    for i, r in enumerate(responses):
        if not isinstance(r, dict) or not isinstance(r.get("raw"), str):
            out.append(f"response {i}: needs a raw string")
            continue
        proto = r.get("protocol")
        if proto not in PROTOCOLS:
            out.append(f"response {i}: unknown protocol {proto!r}")
        if proto in TCP_PROTOCOLS and not isinstance(r.get("port"), int):
            out.append(f"response {i}: {proto} needs a port")
    return out


def _num(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_realism_keys(p: dict[str, Any]) -> list[str]:
    """Problems with the timing/segment keys (``delay_s``, ``idle_delay_s``, ``idle_after_s``,
    ``multicast_silent``, ``segment``) of a profile or of a realistic-mix entry."""
    from netscan.lab.config import MAX_DELAY_S, SEGMENTS

    out: list[str] = []
    d = p.get("delay_s")
    if d is not None:
        ok = (_num(d) and 0 <= d <= MAX_DELAY_S) or (
            isinstance(d, list) and len(d) == 2 and all(_num(x) for x in d) and 0 <= d[0] <= d[1] <= MAX_DELAY_S)
        if not ok:
            out.append(f"delay_s must be seconds (0..{MAX_DELAY_S:g}) or [min, max], got {d!r}")
    for key in ("idle_delay_s", "idle_after_s"):
        v = p.get(key)
        if v is not None and not (_num(v) and 0 <= v <= (MAX_DELAY_S if key == "idle_delay_s" else 86400)):
            out.append(f"{key} must be a non-negative number of seconds, got {v!r}")
    if p.get("multicast_silent") is not None and not isinstance(p.get("multicast_silent"), bool):
        out.append("multicast_silent must be true or false")
    seg = p.get("segment")
    if seg is not None and seg not in SEGMENTS:
        out.append(f"segment must be one of {', '.join(SEGMENTS)}, got {seg!r}")
    return out


def tcp_ports(profile: dict[str, Any]) -> list[int]:
    """Every TCP port the emulator listens on for this profile."""
    ports = {int(r["port"]) for r in profile.get("responses", []) if r.get("protocol") in TCP_PROTOCOLS}
    ports.update(int(x) for x in profile.get("open_ports", []) or [])
    ports.update(int(x) for x in profile.get("https_ports", []) or [])
    return sorted(ports)


def responses(profile: dict[str, Any], protocol: str, port: int | None = None) -> list[dict[str, Any]]:
    """The profile's responses for ``protocol`` (and ``port`` when given), in file order."""
    return [
        r for r in profile.get("responses", [])
        if r.get("protocol") == protocol and (port is None or r.get("port") in (port, None))
    ]


def substitute_address(raw: str, recorded_ip: str | None, ip: str) -> str:
    """Put the device's lab address where the recording had its own (whole-address matches only)."""
    if not recorded_ip or recorded_ip == ip:
        return raw
    return re.sub(r"(?<![\d.])" + re.escape(recorded_ip) + r"(?![\d])", ip, raw)


def xmeye_hex_ip(ip: str) -> str:
    """XMEye's HostIP encoding: hex of the little-endian u32 (``10.1.168.192`` -> ``0x0A01A8C0``)."""
    a, b, c, d = (int(x) for x in ip.split("."))
    return "0x%02X%02X%02X%02X" % (d, c, b, a)


def served_raw(profile: dict[str, Any], response: dict[str, Any], ip: str) -> str:
    """The raw text the emulator sends for ``response`` on a device at ``ip``."""
    raw = str(response["raw"])
    # addresses of other lab devices this profile refers to (a router's port mapping to a camera):
    # "_lab_refs" {recorded ip: lab ip} is filled in by Lab.up from "address_refs" {recorded ip: profile name}
    for recorded, lab_ip in (profile.get("_lab_refs") or {}).items():
        raw = substitute_address(raw, recorded, lab_ip)
    if response.get("protocol") in ADDRESS_PROTOCOLS:
        recorded = profile.get("ip")
        raw = substitute_address(raw, recorded, ip)
        if response.get("protocol") == "xmeye" and recorded:
            raw = raw.replace(xmeye_hex_ip(recorded), xmeye_hex_ip(ip))
    return raw


def socket_for(response: dict[str, Any]) -> str | None:
    """The emulator socket (protocol name) that serves this recorded response, None for a protocol
    that is not a discovery protocol (a ``tvt`` XML reply recorded on 1900 is served by ``ssdp``'s,
    a ``tvt`` Layer-2 reply by ``tvt``'s)."""
    got = response.get("protocol")
    entry = DISCOVERY_BY_NAME.get(str(got))
    if entry is None:
        return None
    port = response.get("port")
    if any(s.port == port for s in entry.searches) and port in _PORT_SOCKET:
        return _PORT_SOCKET[port]
    return entry.name
