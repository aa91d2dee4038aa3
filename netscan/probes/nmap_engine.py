"""The ``--engine nmap`` back end: python-nmap drives the real nmap for host discovery and ports.

Two runs, as a user would: ``nmap -sn -PR`` (ARP on-link; ICMP/TCP pings when routed), then
``-sS`` (``-sT`` without root) on the ports of the hosts that answered. Enrichment and
identification afterwards are netscan's own, exactly as with the native engine. python-nmap is
blocking; the engine runs this in a thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from netscan.errors import UsageError

logger = logging.getLogger(__name__)


@dataclass
class NmapResult:
    """ip -> (mac, open ports), plus notes for the report header."""

    hosts: dict[str, tuple[str | None, list[int]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)


def _target_file(addresses: Sequence[str]) -> str:
    fd, path = tempfile.mkstemp(prefix="netscan-nmap-", suffix=".txt")
    with os.fdopen(fd, "w") as fh:
        fh.write("\n".join(addresses) + "\n")
    return path


def discover_and_scan(addresses: Sequence[str], ports: Sequence[int], privileged: bool, iface: str | None) -> NmapResult:
    """Run nmap host discovery then a port scan; returns the hosts with their open ports."""
    if shutil.which("nmap") is None:
        raise UsageError("--engine nmap needs the nmap binary (apt-get install nmap)")
    import nmap  # python-nmap: only imported here

    result = NmapResult()
    if not addresses:
        return result
    scanner = nmap.PortScanner()
    iface_arg = f" -e {iface}" if iface else ""
    path = _target_file(addresses)
    try:
        disc = "-sn -n -PR" if privileged else "-sn -n -PS80,443,554,8000,37777"
        scanner.scan(hosts="", arguments=f"{disc}{iface_arg} -iL {path}")
        result.commands.append(scanner.command_line())
        up = [h for h in scanner.all_hosts() if scanner[h].state() == "up"]
        macs = {h: (scanner[h].get("addresses", {}).get("mac") or None) for h in up}
    finally:
        os.unlink(path)
    if not up:
        return result
    path = _target_file(up)
    try:
        kind = "-sS" if privileged else "-sT"
        plist = ",".join(str(p) for p in ports)
        scanner.scan(hosts="", arguments=f"{kind} -n -Pn -T4 --open -p {plist}{iface_arg} -iL {path}")
        result.commands.append(scanner.command_line())
    finally:
        os.unlink(path)
    for h in up:
        open_ports: list[int] = []
        if h in scanner.all_hosts():
            for p, info in scanner[h].get("tcp", {}).items():
                if info.get("state") == "open":
                    open_ports.append(int(p))
        mac = macs.get(h)
        result.hosts[h] = (mac.lower() if mac else None, sorted(open_ports))
    result.notes.append("engine nmap: " + " ; ".join(result.commands))
    return result
