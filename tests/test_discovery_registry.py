"""The discovery registry (netscan/discovery.py) and every place that must know its protocols.

A protocol declared in the registry but missing anywhere else (no parser, no probe spec, no
unicast port, no capture port, no emulator reply, no readiness probe, no field weight) fails here,
as does one that another place knows and the registry does not. The round trip per search ties
the places together with real bytes: the probe's own search payload, answered by the lab
emulator from a shipped profile, must be accepted and recorded by the probe, decoded by passive
capture as the same protocol and port, and read by the protocol's parser.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from netscan import discovery, pipeline
from netscan.capture.collect import Collector
from netscan.capture.decode import _UDP_READERS, LINK_ETHERNET, Decoder
from netscan.capture.source import UDP_PORTS as CAPTURE_PORTS
from netscan.discovery import REGISTRY, SEARCHES, DiscoveryProtocol, Search, resolve
from netscan.lab.emulator.udp import GROUPS, REPLIES, REPLY_TO, UdpDevice, reply
from netscan.lab.pcapgen import udp_frame
from netscan.lab.profiles import ADDRESS_PROTOCOLS, UDP_PORTS as LAB_PORTS, socket_for
from netscan.lab.readiness import checks_for
from netscan.model import PROTOCOLS, Observation, Response
from netscan.parsers import _PARSERS, fields
from netscan.probes.udp import Datagram, DiscoverySpec
from netscan.scan import planner
from netscan.scan.probeset import DISCOVERY
from netscan.sigdb.db import field_preference
from netscan.sigdb import load_db
from netscan.sigdb.requests import UNICAST_PROTOCOLS, load_book

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "netscan" / "lab" / "profiles"
DEVICE_IP, DEVICE_MAC, SCANNER_IP, SCANNER_MAC = "10.77.0.50", "02:00:00:00:00:50", "10.77.0.9", "02:00:00:00:00:09"
NAMES = [p.name for p in REGISTRY]


def _profiles() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(PROFILES.glob("*.json"))]


def _cases() -> list[tuple[DiscoveryProtocol, Search]]:
    return [(p, s) for p in REGISTRY for s in p.searches]


def test_names_are_unique_and_every_place_knows_exactly_the_registry() -> None:
    assert len(set(NAMES)) == len(NAMES) and len({s.key for s in SEARCHES}) == len(SEARCHES)
    assert set(NAMES) <= PROTOCOLS
    assert set(NAMES) <= set(_PARSERS)
    assert DISCOVERY == tuple(s.key for s in SEARCHES)
    assert set(planner.DISCOVERY_PROTOCOLS) == set(NAMES)
    assert UNICAST_PROTOCOLS == {s.key for s in SEARCHES if s.unicast} == set(discovery.UNICAST_PORTS)
    # the lab: one socket, one reply function and one group entry per protocol
    assert set(LAB_PORTS) == set(REPLIES) == set(GROUPS) == set(NAMES)
    # the report: a discovery reply's UDP port is not an open TCP port
    assert set(NAMES) <= pipeline._DISCOVERY_PROTOCOLS
    # passive capture: one reader per protocol
    assert set(_UDP_READERS) == set(NAMES)
    assert {p.name for p in REGISTRY if p.embeds_address} <= ADDRESS_PROTOCOLS
    assert set(REPLY_TO) == {p.name for p in REGISTRY for s in p.searches if s.reply_group}


@pytest.mark.parametrize("entry", REGISTRY, ids=NAMES)
def test_each_protocol_has_a_parser_a_weight_and_capture_ports(entry: DiscoveryProtocol) -> None:
    parser = resolve(entry.parser)
    assert callable(parser) and _PARSERS[entry.name] is parser
    assert field_preference(f"{entry.name}.anything") == entry.weight
    assert entry.capture_ports and set(entry.capture_ports) <= set(CAPTURE_PORTS)
    assert {s.port for s in entry.searches} <= set(entry.capture_ports)
    # a unicast search is the one keyed by the protocol's name, and has a port to be sent to
    if entry.unicast is not None:
        assert entry.unicast.key == entry.name and discovery.UNICAST_PORTS[entry.name] == entry.unicast.port


@pytest.mark.parametrize(("entry", "search"), _cases(), ids=[s.key for s in SEARCHES])
def test_each_search_spec_agrees_with_its_entry(entry: DiscoveryProtocol, search: Search) -> None:
    spec = resolve(search.spec)()
    assert isinstance(spec, DiscoverySpec)
    assert (spec.protocol, spec.port, spec.group) == (entry.name, search.port, search.group)
    if search.reply_group is not None:
        assert spec.join and spec.join_group == search.reply_group
    assert spec.payloads() and all(isinstance(b, bytes) and b for b in spec.payloads())


def test_every_unicast_protocol_in_requests_yaml_is_registered() -> None:
    book = load_book(load_db().root)
    assert set(book.discovery) <= UNICAST_PROTOCOLS
    # a search whose reply names no model is completed by its protocol's unicast search (planner)
    for p in REGISTRY:
        if any(not s.names_model for s in p.searches):
            assert p.unicast is not None and p.unicast.key in book.discovery


@pytest.mark.parametrize(("entry", "search"), _cases(), ids=[s.key for s in SEARCHES])
def test_round_trip_probe_emulator_capture_parser(entry: DiscoveryProtocol, search: Search) -> None:
    """The search's payload, answered by the emulator from a shipped profile, read by the probe, by
    passive capture and by the parser as ``entry.name`` on ``search.port``."""
    spec: DiscoverySpec = resolve(search.spec)()
    payload = spec.payloads()[0]
    answer: bytes | None = None
    for profile in _profiles():
        if profile.get("hostile"):
            continue
        recorded = [r for r in profile.get("responses", []) if r.get("protocol") == entry.name and r.get("port") == search.port]
        if not recorded:
            continue
        sock = socket_for(recorded[0])
        assert sock is not None and LAB_PORTS[sock] == search.port
        answer = reply(sock, UdpDevice(profile["name"], DEVICE_IP, 0, profile), payload, legacy=True)
        if answer:
            break
    assert answer, f"no shipped lab profile answers the {search.key} search"
    # the probe: accepted, recorded under the protocol and port
    assert spec.accept(answer)
    got = spec.response(Datagram(DEVICE_IP, search.port, answer))
    assert (got.protocol, got.port) == (entry.name, search.port)
    # the parser reads it
    f = fields(got)
    assert any(k.startswith(f"{entry.name}.") for k in f) and f"{entry.name}.unreadable" not in f, f
    # passive capture: the same reply on the wire, device -> scanner (or the reply group)
    dst = search.reply_group or SCANNER_IP
    dport = search.port if search.reply_group else 40000
    c = Collector()
    Decoder(c).frame(LINK_ETHERNET, udp_frame(DEVICE_MAC, SCANNER_MAC, DEVICE_IP, dst, search.port, dport, answer), 1.0)
    heard = [(r.protocol, r.port) for o in c.observations() if o.ip == DEVICE_IP for r in o.responses]
    assert (entry.name, search.port) in heard, heard


def test_readiness_asks_every_protocol_a_shipped_profile_answers() -> None:
    devices = [{"kind": "profile", "name": p["name"], "ip": f"10.77.0.{10 + i}", "profile": p}
               for i, p in enumerate(_profiles())]
    asked = {c.kind for c in checks_for({"devices": devices}) if c.transport == "udp"}
    assert asked == set(NAMES)


def test_tables_that_read_the_registry_are_not_written_by_hand() -> None:
    """No module names a registered search's port or key in a table of its own again: the places
    this registry replaced import it."""
    for rel in ("netscan/scan/probeset.py", "netscan/scan/planner.py", "netscan/engine.py", "netscan/sigdb/requests.py",
                "netscan/lab/profiles.py", "netscan/capture/source.py"):
        src = (ROOT / rel).read_text(encoding="utf-8")
        assert "from netscan.discovery import" in src or "from netscan import discovery" in src, rel
        assert '"tvt-l2"' not in src and "23456" not in src and "7701" not in src, rel


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_layering_registry_imports_nothing_and_parsers_no_probe_or_scan_code() -> None:
    assert not {m for m in _imports(ROOT / "netscan" / "discovery.py") if m.startswith("netscan")}
    for path in sorted((ROOT / "netscan" / "parsers").glob("*.py")):
        bad = {m for m in _imports(path)
               if m.startswith(("netscan.scan", "netscan.probes", "netscan.engine", "netscan.lab", "netscan.capture"))}
        assert not bad, (path.name, bad)
    # the references are strings: no parser module names a probe module either
    for p in REGISTRY:
        assert p.parser.startswith("netscan.parsers.")
        assert all(s.spec.startswith("netscan.probes.") for s in p.searches)


def test_the_planner_completes_a_partial_search_with_the_unicast_one() -> None:
    """TVT: a host heard only through the Layer-2 search (no model) is asked the XML search by
    unicast; one that sent the XML reply is not."""
    db = load_db()
    book = load_book(db.root)
    l2 = Response(protocol="tvt", port=23456, request="MHED search", raw="b64:TUhFRA==")
    only_l2 = planner.plan(Observation("10.77.0.60", None, (l2,)), db, book)
    assert "tvt" in only_l2.unicast
    xml = Response(protocol="tvt", port=1900, request="M-SEARCH EmbeddedNetDeviceControl", raw="<x/>")
    both = planner.plan(Observation("10.77.0.60", None, (l2, xml)), db, book)
    assert "tvt" not in both.unicast
