"""signatures/requests.yaml: which read-only requests a maker answers, which discovery protocols
may be asked by unicast, which ports only video equipment opens. Data for the next-request
planner (``netscan.scan.planner``); loaded once per signature directory."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netscan.discovery import UNICAST_PORTS
from netscan.errors import SignatureError
from netscan.sigdb.files import load_yaml

FILE = "requests.yaml"
#: Discovery protocols that have a unicast form the engine can send.
UNICAST_PROTOCOLS: frozenset[str] = frozenset(UNICAST_PORTS)
_METHODS = frozenset({"GET", "POST"})


@dataclass(frozen=True)
class EndpointRequest:
    """One read-only HTTP request of a maker's documented API."""

    method: str
    path: str
    body: bytes = b""
    content_type: str | None = None


@dataclass(frozen=True)
class UnicastRule:
    """When a discovery protocol is asked by unicast."""

    always: bool = False
    makers: tuple[str, ...] = ()
    ports: tuple[int, ...] = ()


@dataclass(frozen=True)
class RequestBook:
    """The contents of requests.yaml."""

    vendors: dict[str, tuple[EndpointRequest, ...]] = field(default_factory=dict)
    discovery: dict[str, UnicastRule] = field(default_factory=dict)
    video_ports: frozenset[int] = frozenset()


def _ports(v: Any, where: str) -> tuple[int, ...]:
    if v is None:
        return ()
    if not isinstance(v, list) or not all(isinstance(p, int) and 0 < p < 65536 for p in v):
        raise SignatureError(f"{where}: expected a list of TCP ports")
    return tuple(v)


def parse_book(data: Any, where: str = FILE, known_vendor: Any = None) -> RequestBook:
    """Validate and build a RequestBook from the YAML document (``known_vendor(name)`` checks names)."""
    if data is None:
        return RequestBook()
    if not isinstance(data, dict):
        raise SignatureError(f"{where}: expected a mapping")
    vendors: dict[str, tuple[EndpointRequest, ...]] = {}
    for name, reqs in (data.get("vendors") or {}).items():
        w = f"{where}: vendors.{name}"
        if known_vendor is not None and not known_vendor(name):
            raise SignatureError(f"{w}: not a vendor in signatures/vendors")
        if not isinstance(reqs, list) or not reqs:
            raise SignatureError(f"{w}: expected a list of requests")
        out = []
        for i, r in enumerate(reqs):
            if not isinstance(r, dict) or r.get("method") not in _METHODS or not str(r.get("path", "")).startswith("/"):
                raise SignatureError(f"{w}[{i}]: needs method GET/POST and an absolute path")
            out.append(EndpointRequest(method=r["method"], path=str(r["path"]), body=str(r.get("body", "")).encode(),
                                       content_type=r.get("content_type")))
        vendors[str(name)] = tuple(out)
    discovery: dict[str, UnicastRule] = {}
    for proto, rule in (data.get("discovery") or {}).items():
        w = f"{where}: discovery.{proto}"
        if proto not in UNICAST_PROTOCOLS:
            raise SignatureError(f"{w}: no unicast form (one of {sorted(UNICAST_PROTOCOLS)})")
        if not isinstance(rule, dict):
            raise SignatureError(f"{w}: expected a mapping")
        makers = tuple(rule.get("makers") or ())
        for m in makers:
            if known_vendor is not None and not known_vendor(m):
                raise SignatureError(f"{w}: maker {m!r} not in signatures/vendors")
        discovery[proto] = UnicastRule(always=bool(rule.get("always")), makers=makers, ports=_ports(rule.get("ports"), w))
    return RequestBook(vendors=vendors, discovery=discovery,
                       video_ports=frozenset(_ports(data.get("video_ports"), f"{where}: video_ports")))


_LOCK = threading.Lock()
_CACHE: dict[Path, RequestBook] = {}


def load_book(root: Path, known_vendor: Any = None) -> RequestBook:
    """The request book of a signature directory (empty when the directory has no requests.yaml)."""
    root = Path(root).resolve()
    with _LOCK:
        if root in _CACHE:
            return _CACHE[root]
    path = root / FILE
    if not path.exists():
        book = RequestBook()
    else:
        book = parse_book(load_yaml(path), FILE, known_vendor)
    with _LOCK:
        _CACHE[root] = book
    return book
