"""The active scan's part of the report header (``model.ScanRun``): what was asked, when, how,
and what it cost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netscan.model import ScanRun, ScanStats


@dataclass
class Counters:
    """Counters the engine keeps while scanning."""

    out_of_scope_replies: int = 0
    out_of_target_replies: int = 0
    retries: int = 0
    """Exchanges asked again after a timeout (issue 12: slow devices)."""
    unicast_discovery: int = 0
    """Discovery probes sent by unicast to hosts silent to multicast."""


def scan_run(
    *,
    targets: list[str],
    start: str,
    end: str,
    engine: str,
    interfaces: list[str],
    privileged: bool,
    incomplete: bool,
    addresses: int,
    observations: list[Any],
    probes_sent: int,
    counters: Counters,
    notes: list[str],
) -> ScanRun:
    """The header of one scan (``interface``: the first interface, ``interfaces``: all)."""
    return ScanRun(
        targets=tuple(targets), start=start, end=end, engine=engine,
        interface=interfaces[0] if interfaces else None, interfaces=tuple(interfaces),
        privileged=privileged, incomplete=incomplete,
        stats=ScanStats(
            addresses=addresses,
            hosts=len(observations),
            responses=sum(len(o.responses) for o in observations),
            open_ports=sum(len(o.open_ports) for o in observations),
            probes_sent=probes_sent,
            out_of_scope_replies=counters.out_of_scope_replies,
            out_of_target_replies=counters.out_of_target_replies,
            retries=counters.retries,
            unicast_discovery=counters.unicast_discovery,
        ),
        notes=tuple(notes),
    )
