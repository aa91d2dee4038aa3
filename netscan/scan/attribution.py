"""Which device a discovery reply describes, and whether it belongs in this scan. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from netscan.model import Response
from netscan.parsers.discovery import mdns_owner
from netscan.scope import IPNetwork, in_scope

class Verdict(Enum):
    """What to do with one discovery reply."""

    KEEP = "keep"
    OWN = "own"
    """Our own probe or our own address."""
    OUT_OF_SCOPE = "out-of-scope"
    OUT_OF_TARGETS = "out-of-targets"


def owner(src: str, resp: Response) -> str:
    """The address of the device a reply from ``src`` describes."""
    return mdns_owner(resp.raw, src) if resp.protocol == "mdns" else src


def judge(
    ip: str,
    *,
    own: set[str],
    scope: Sequence[IPNetwork] | None,
    allow_public: bool,
    is_target: bool,
    on_link: bool,
) -> Verdict:
    """Keep a reply from ``ip``? Outside the scope never; on one of our own subnets but outside the
    targets the user chose, no (a device answering from a foreign subnet's address is kept: that
    is the point of reporting it)."""
    if ip in own:
        return Verdict.OWN
    if not in_scope(ip, list(scope) if scope is not None else None, allow_public):
        return Verdict.OUT_OF_SCOPE
    if not is_target and on_link:
        return Verdict.OUT_OF_TARGETS
    return Verdict.KEEP
