"""The registry of LAN discovery protocols: one declarative entry per protocol. Pure data.

Every place that needs to know the discovery protocols derives its table from :data:`REGISTRY`:
the observation vocabulary (``model.PROTOCOLS``), the parser table (``parsers._PARSERS``), the
searches the engine starts and the unicast forms it may send (``scan.probeset.DISCOVERY``, the
engine's unicast ports, ``sigdb.requests.UNICAST_PROTOCOLS``), the planner's list of discovery
replies, the weight of each protocol's fields (``sigdb.db.FIELD_PREFERENCE``), the UDP ports
passive capture listens to, and the lab emulator's sockets, groups and address substitution.
``tests/test_discovery_registry.py`` checks that each of those places knows every entry.

Adding a protocol (docs/signatures.md, "Adding a discovery protocol"): a probe module with a
``DiscoverySpec`` factory (``netscan/probes/``), a parser module (``netscan/parsers/``), one
:class:`DiscoveryProtocol` here, a reply in the lab emulator (``netscan/lab/emulator/udp.py``) and
a branch in the capture decoder (``netscan/capture/decode.py``) for what a reply looks like on the
wire. Which makers' hosts are asked a protocol by unicast is vendor knowledge and lives in
``signatures/requests.yaml`` (``discovery``), not here.

Probe specs and parsers are named by ``"module:attribute"`` and imported only when used
(:func:`resolve`), so this module imports nothing of netscan: the command line's start-up and
every layer (parsers included) may read it without pulling in probe code. Entries are named tuples
(immutable, and ~0.4 ms to define where frozen dataclasses took ~2.5 ms of every start-up).
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple


class Search(NamedTuple):
    """One way of asking a protocol: a ``DiscoverySpec`` the engine starts on every interface."""

    key: str
    """The name the engine starts it by (``tvt-l2``); the protocol's unicast search is keyed by
    the protocol's own name."""
    spec: str
    """``module:factory`` returning the ``netscan.probes.udp.DiscoverySpec``."""
    port: int
    """UDP port devices listen on (the port the search goes to)."""
    group: str | None
    """Multicast group the search goes to (None: broadcast, or the device's own address)."""
    reply_group: str | None = None
    """Group devices multicast their replies to when it is not ``group`` (TVT Layer-2)."""
    unicast: bool = False
    """Has a unicast form: sent to ``host:port`` when a host stayed silent to multicast."""
    names_model: bool = True
    """False: a reply says only that the device is there (TVT's Layer-2 reply names no model or
    firmware); a host that answered only such a search is asked the protocol's unicast search."""


class DiscoveryProtocol(NamedTuple):
    """One discovery protocol: its searches, its parser, its weight, where its replies are heard."""

    name: str
    """Observation protocol name of its replies (``Response.protocol``) and its field prefix."""
    title: str
    """How people call it (docs, help)."""
    searches: tuple[Search, ...]
    """How it is asked, in the order the searches are started."""
    parser: str
    """``module:function`` turning one reply into fields (``(raw, request) -> Fields``)."""
    weight: float
    """Default weight of claims read from its fields (``<name>.*``): 0.9 for a vendor's own
    protocol (the firmware describing itself), less for generic ones whose text OEM stacks share."""
    capture_ports: tuple[int, ...]
    """UDP ports passive capture listens to for its replies."""
    embeds_address: bool = False
    """Its replies state the device's own address as text: the lab substitutes a profile's
    recorded ``ip`` there (binary replies place the address in their reply code instead)."""

    @property
    def unicast(self) -> Search | None:
        """The search with a unicast form (at most one, keyed by the protocol's name)."""
        return next((s for s in self.searches if s.unicast), None)


_SSDP_GROUP = "239.255.255.250"

#: Every discovery protocol, in the order their searches are started.
REGISTRY: tuple[DiscoveryProtocol, ...] = (
    DiscoveryProtocol(
        "wsd", "WS-Discovery", (Search("wsd", "netscan.probes.wsd:spec", 3702, _SSDP_GROUP, unicast=True),),
        parser="netscan.parsers.soap:wsd_fields", weight=0.5, capture_ports=(3702,), embeds_address=True),
    DiscoveryProtocol(
        "ssdp", "SSDP", (Search("ssdp", "netscan.probes.ssdp:spec", 1900, _SSDP_GROUP, unicast=True),),
        parser="netscan.parsers.discovery:ssdp_fields", weight=0.5, capture_ports=(1900,), embeds_address=True),
    DiscoveryProtocol(
        "mdns", "mDNS", (Search("mdns", "netscan.probes.mdns:spec", 5353, "224.0.0.251", unicast=True),),
        parser="netscan.parsers.discovery:mdns_fields", weight=0.7, capture_ports=(5353,), embeds_address=True),
    DiscoveryProtocol(
        "sadp", "SADP", (Search("sadp", "netscan.probes.sadp:spec", 37020, _SSDP_GROUP, unicast=True),),
        parser="netscan.parsers.vendorudp:sadp_fields", weight=0.9, capture_ports=(37020,), embeds_address=True),
    DiscoveryProtocol(
        "dhip", "DHIP", (Search("dhip", "netscan.probes.dhip:spec", 37810, "239.255.255.251", unicast=True),),
        parser="netscan.parsers.vendorudp:dhip_fields", weight=0.9, capture_ports=(37810,), embeds_address=True),
    DiscoveryProtocol(
        "xmeye", "XMEye", (Search("xmeye", "netscan.probes.xmeye:spec", 34569, None, unicast=True),),
        parser="netscan.parsers.vendorudp:xmeye_fields", weight=0.9, capture_ports=(34569, 34568),
        embeds_address=True),
    DiscoveryProtocol(
        "tplink", "TP-Link", (Search("tplink", "netscan.probes.smartdev:tplink_spec", 20002, None, unicast=True),),
        parser="netscan.parsers.smartdev:tplink_fields", weight=0.9, capture_ports=(20002,)),
    DiscoveryProtocol(
        "ubnt", "Ubiquiti", (Search("ubnt", "netscan.probes.smartdev:ubnt_spec", 10001, "233.89.188.1", unicast=True),),
        parser="netscan.parsers.smartdev:ubnt_fields", weight=0.9, capture_ports=(10001,)),
    DiscoveryProtocol(
        "tvt", "TVT", (
            # the XML search is an M-SEARCH for TVT's own service type on SSDP's port and group
            Search("tvt", "netscan.probes.tvt:spec", 1900, _SSDP_GROUP, unicast=True),
            Search("tvt-l2", "netscan.probes.tvt:l2_spec", 23456, "234.55.55.55", reply_group="234.55.55.56",
                   names_model=False),
        ),
        parser="netscan.parsers.tvt:tvt_fields", weight=0.9, capture_ports=(1900, 23456), embeds_address=True),
    DiscoveryProtocol(
        # broadcast only: no unicast form is documented
        "hanwha", "Hanwha", (Search("hanwha", "netscan.probes.hanwha:spec", 7701, None),),
        parser="netscan.parsers.hanwha:hanwha_fields", weight=0.9, capture_ports=(7701,)),
)

#: Entries by protocol name.
BY_NAME: dict[str, DiscoveryProtocol] = {p.name: p for p in REGISTRY}
#: The protocols whose replies come from each capture port, in reading order: the registry's, last first, so a
#: protocol registered later that shares an earlier one's port (TVT's XML search on SSDP's 1900) recognises its own
#: replies first (passive capture, netscan/capture/decode.py; a dumped reply recorded with its port, netscan/parsers).
BY_CAPTURE_PORT: dict[int, tuple[str, ...]] = {
    port: tuple(p.name for p in reversed(REGISTRY) if port in p.capture_ports)
    for port in {port for p in REGISTRY for port in p.capture_ports}
}
#: Observation protocol names of discovery replies.
NAMES: tuple[str, ...] = tuple(p.name for p in REGISTRY)
#: Every search, in the order the engine starts them.
SEARCHES: tuple[Search, ...] = tuple(s for p in REGISTRY for s in p.searches)
#: Search keys that have a unicast form, with the port it is sent to.
UNICAST_PORTS: dict[str, int] = {s.key: s.port for s in SEARCHES if s.unicast}


def search(key: str) -> Search:
    """The search the engine starts as ``key``.

    Raises:
        KeyError: no such search.
    """
    for s in SEARCHES:
        if s.key == key:
            return s
    raise KeyError(key)


def resolve(ref: str) -> Any:
    """The object a ``module:attribute`` reference names (imported now)."""
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def _check(registry: tuple[DiscoveryProtocol, ...]) -> None:
    keys = [s.key for p in registry for s in p.searches]
    if len(set(keys)) != len(keys) or len(BY_NAME) != len(registry):
        raise ValueError("discovery registry: duplicate protocol or search key")
    for p in registry:
        uni = [s for s in p.searches if s.unicast]
        if len(uni) > 1 or (uni and uni[0].key != p.name):
            raise ValueError(f"discovery registry: {p.name}: its one unicast search must be keyed {p.name!r}")


_check(REGISTRY)
