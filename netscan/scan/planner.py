"""The next-request planner: what to ask a host next, from what it has said so far. Pure.

The partial observation is identified with the signature database the scan uses (so ``--signatures
DIR`` is honoured); every maker any evidence names (directly, or as the builder of a brand) picks
its documented read-only requests from ``signatures/requests.yaml``. Nothing here knows a vendor.

    plan(observation, db, book, ...) -> Plan(http=..., onvif=..., upnp=..., unicast=...)

What was already asked is read from the observation itself (every exchange is recorded, failed
ones with their error), so asking the planner again after new answers gives only new requests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from netscan import discovery
from netscan.identify.collect import Claim, collect
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.parsers import fields
from netscan.probes.onvif import DEVICE_PATH, endpoint_from_xaddrs, is_soap
from netscan.sigdb.db import SignatureDB
from netscan.sigdb.requests import EndpointRequest, RequestBook

#: ONVIF device service path when no XAddr names another (ONVIF Core, "Services overview").
ONVIF_DEVICE_PATH = DEVICE_PATH
#: Web ports where ONVIF is commonly served, in the order they are tried: web, 8000, Tapo 2020
#: (https://github.com/AlexxIT/go2rtc/blob/master/internal/onvif/README.md), Xiongmai 8899
#: (https://github.com/johndoe31415/numenworld-ipcam/blob/master/README.md).
ONVIF_PORTS: tuple[int, ...] = (80, 8899, 2020, 8000, 8080, 5000, 443, 8443)
#: TLS web ports (https first).
_TLS_PORTS = frozenset({443, 8443, 7443, 9443, 10443, 19443})
#: Most UPnP descriptions fetched per host.
MAX_UPNP_LOCATIONS = 4
#: A maker named only this weakly (noisy-OR of its claims) does not choose requests: an OUI alone
#: (0.3) does, a single weak title hit (< 0.2) does not.
MIN_MAKER_SCORE = 0.25
#: Discovery protocols of the multicast round (their replies are recorded with these names).
DISCOVERY_PROTOCOLS: tuple[str, ...] = discovery.NAMES


@dataclass(frozen=True)
class HttpStep:
    """One vendor request on one web port."""

    port: int
    tls: bool
    request: EndpointRequest


@dataclass(frozen=True)
class OnvifStep:
    """An ONVIF device-service endpoint to query."""

    port: int
    path: str
    tls: bool
    confirmed: bool = False
    """WS-Discovery announced this endpoint: it speaks ONVIF (no probing request first)."""


@dataclass(frozen=True)
class Plan:
    """What to ask next. Empty: nothing more to learn from this host."""

    http: tuple[HttpStep, ...] = ()
    onvif: tuple[OnvifStep, ...] = ()
    """Endpoints in order; the engine stops at the first that speaks SOAP."""
    upnp: tuple[str, ...] = ()
    unicast: tuple[str, ...] = ()
    """Discovery protocols to send to the host's own address."""
    makers: tuple[str, ...] = ()
    """The makers the evidence so far names (why these requests)."""

    def __bool__(self) -> bool:
        return bool(self.http or self.onvif or self.upnp or self.unicast)


def makers(obs: Observation, db: SignatureDB, claims: list[Claim] | None = None) -> list[str]:
    """Canonical makers that the evidence so far names, strongest first (brands map to builders)."""
    if claims is None:
        claims, _ = collect(obs, db)
    weights: dict[str, list[float]] = defaultdict(list)
    for c in claims:
        if c.key not in ("vendor", "brand"):
            continue
        v = db.vendor(c.value)
        if v is None:
            continue
        names = [v.name, *v.built_by, *([v.parent] if v.parent else [])]
        for n in dict.fromkeys(names):
            weights[n].append(c.weight)
    scored = []
    for name, ws in weights.items():
        p = 1.0
        for w in ws:
            p *= 1.0 - min(max(w, 0.0), 0.99)
        scored.append((1.0 - p, name))
    return [n for s, n in sorted(scored, key=lambda t: (-t[0], t[1])) if s >= MIN_MAKER_SCORE]


def device_types(obs: Observation, db: SignatureDB, claims: list[Claim] | None = None) -> set[str]:
    """Device types any evidence so far claims."""
    if claims is None:
        claims, _ = collect(obs, db)
    return {c.value for c in claims if c.key == "device_type"}


def _web_answers(obs: Observation) -> list[Response]:
    return [r for r in obs.responses if r.protocol in ("http", "https") and r.raw.startswith("HTTP/")]


def first_web_port(obs: Observation) -> tuple[int, bool] | None:
    """The web port vendor requests go to: the one whose ``GET /`` answered, 80 and plain first."""
    web = [r for r in _web_answers(obs) if r.request == "GET /" and r.port]
    if not web:
        return None
    best = min(web, key=lambda r: (r.port != 80, r.protocol == "https", r.port or 0))
    return best.port or 80, best.protocol == "https"


def _asked(obs: Observation) -> set[tuple[int | None, str]]:
    """(port, path) of every HTTP-family request recorded, answered or not."""
    out: set[tuple[int | None, str]] = set()
    for r in obs.responses:
        if r.protocol in ("http", "https", "onvif", "upnp"):
            _method, _, path = r.request.partition(" ")
            out.add((r.port, path if path.startswith("/") else r.request))
    return out


def xaddrs(obs: Observation) -> list[str]:
    """ONVIF device-service addresses from WS-Discovery replies."""
    out: list[str] = []
    for r in obs.responses:
        if r.protocol == "wsd":
            out.extend(x for x in fields(r).get("wsd.xaddrs", []) if x not in out)
    return out


def locations(obs: Observation) -> list[str]:
    """UPnP description URLs from SSDP replies."""
    out: list[str] = []
    for r in obs.responses:
        if r.protocol == "ssdp":
            out.extend(x for x in fields(r).get("ssdp.header.location", []) if x not in out)
    return out


def _onvif_endpoint(xs: list[str], ip: str | None) -> OnvifStep | None:
    ep = endpoint_from_xaddrs(xs, ip or "")
    return OnvifStep(*ep, confirmed=True) if ep is not None else None


def _video_only(db: SignatureDB, name: str) -> bool:
    v = db.vendor(name)
    return v is not None and v.video_only


def _on_host(url: str, ip: str | None) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.hostname == ip and (parts.port or 1) > 0
    except ValueError:
        return False


#: ``inflight`` keys of steps that are not (port, path) HTTP requests.
ONVIF_KEY = "onvif"
UNICAST_KEY = "unicast:"


def step_keys(p: Plan) -> dict[str, list[tuple[int | None, str]]]:
    """The ``inflight`` keys of each kind of step of a plan (for the engine to pass back)."""
    return {
        "http": [(s.port, s.request.path) for s in p.http],
        "onvif": [(s.port, ONVIF_KEY) for s in p.onvif],
        "upnp": [(None, u) for u in p.upnp],
        "unicast": [(None, UNICAST_KEY + u) for u in p.unicast],
    }


def plan(
    obs: Observation,
    db: SignatureDB,
    book: RequestBook,
    *,
    multicast_done: bool = True,
    budget: int = 24,
    inflight: frozenset[tuple[int | None, str]] = frozenset(),
) -> Plan:
    """The requests worth sending to this host now, given everything it has answered so far.

    Args:
        multicast_done: the multicast discovery round is over (only then is the silence of a host
            to multicast a reason to ask it by unicast; a host that answered any discovery protocol
            is not asked the others by unicast).
        budget: requests the host may still be sent (HTTP-family); the plan never exceeds it.
        inflight: what was asked and has not answered yet (``step_keys`` of the steps running).
    """
    claims, _ = collect(obs, db)
    names = makers(obs, db, claims)
    types = device_types(obs, db, claims)
    protos = {r.protocol for r in obs.responses if r.raw}
    tried = {r.protocol for r in obs.responses if r.protocol in DISCOVERY_PROTOCOLS}
    asked = _asked(obs) | set(inflight)
    asked |= {(r.port, ONVIF_KEY) for r in obs.responses if r.protocol == "onvif"}
    if any(k[1].startswith(UNICAST_KEY) for k in inflight):
        tried.add("unicast")  # a unicast round is under way: nothing more by unicast
    open_ports = set(obs.open_ports)

    http: list[HttpStep] = []
    web = first_web_port(obs)
    if web is not None:
        port, tls = web
        for name in names:
            for req in book.vendors.get(name, ()):
                if (port, req.path) not in asked and len(http) < budget:
                    asked.add((port, req.path))
                    http.append(HttpStep(port, tls, req))
    left = budget - len(http)

    mdns_onvif = any("_onvif" in s for r in obs.responses if r.protocol == "mdns" for s in fields(r).get("mdns.service", []))
    video = (bool(types & VIDEO_TYPES) or mdns_onvif or "wsd" in protos or "rtsp" in protos
             or bool(open_ports & book.video_ports) or any(_video_only(db, n) for n in names))

    # ONVIF: where WS-Discovery says it is; else on the web ports of anything that looks like video
    onvif: list[OnvifStep] = []
    # a SOAP answer (success or fault) ends the search; a 404 on a guessed port does not (the
    # XAddrs a unicast WS-Discovery answer brings later may name another port)
    spoke_onvif = any(r.protocol == "onvif" and is_soap(r.raw) for r in obs.responses)
    if not spoke_onvif and left > 0:
        ep = _onvif_endpoint(xaddrs(obs), obs.ip)
        if ep is not None:
            if (ep.port, ONVIF_KEY) not in asked:
                onvif.append(ep)
        else:
            if video:
                answered = {r.port: r.protocol == "https" for r in _web_answers(obs)}
                for p in ONVIF_PORTS:
                    if p in answered and (p, ONVIF_KEY) not in asked:
                        onvif.append(OnvifStep(p, ONVIF_DEVICE_PATH, answered[p] or p in _TLS_PORTS))

    upnp = tuple(u for u in locations(obs)[:MAX_UPNP_LOCATIONS] if _on_host(u, obs.ip) and (None, u) not in asked
                 and not any(r.protocol == "upnp" and r.request == f"GET {urlsplit(u).path or '/'}" for r in obs.responses))

    unicast: list[str] = []
    # only a host that answered no discovery protocol at all is asked by unicast: one that answered
    # some is not ignoring multicast, it simply does not speak the others
    # (and only one with an open port or an answer: a host silent on every camera port and to
    # multicast is not a camera ignoring multicast, and a /22 of them would cost thousands of sockets)
    if multicast_done and not tried and (open_ports or obs.responses):
        for proto, rule in sorted(book.discovery.items()):
            if proto in tried:
                continue  # answered multicast, or already asked by unicast
            if rule.always or set(rule.makers) & set(names) or open_ports & set(rule.ports):
                unicast.append(proto)
    # a host that answered some discovery (so it is not ignoring multicast) but not its maker's own
    # protocol: that answer may simply have come late (a busy DVR answers in seconds, after the
    # multicast window closed), so the maker's protocol is asked directly, once
    if multicast_done and tried and "unicast" not in tried:
        for proto, rule in sorted(book.discovery.items()):
            if rule.always or proto in tried or (None, UNICAST_KEY + proto) in asked:
                continue
            if set(rule.makers) & set(names) or open_ports & set(rule.ports):
                unicast.append(proto)
    # a protocol with a search whose reply names no model (TVT's Layer-2 reply names the device's
    # address and kind only) that answered, but not through its unicast search (TVT's XML search,
    # which names model and firmware): that search is asked directly
    if multicast_done:
        for entry in discovery.REGISTRY:
            full = entry.unicast
            if full is None or all(s.names_model for s in entry.searches):
                continue
            heard_on = {r.port for r in obs.responses if r.protocol == entry.name}
            if (heard_on and full.port not in heard_on and full.key in book.discovery and full.key not in unicast
                    and (None, UNICAST_KEY + full.key) not in asked):
                unicast.append(full.key)
    return Plan(http=tuple(http), onvif=tuple(onvif), upnp=upnp, unicast=tuple(unicast), makers=tuple(names))
