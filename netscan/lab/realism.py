"""The realistic mix of ``netscan lab up --realistic``: which devices are slow, multicast-silent,
routed or on the scanner's second LAN, and how much packet loss (docs/lab.md, "Realistic lab").

The mix is a pure function of the profile names, the number of plain hosts and a seed, so the same
seed gives the same lab on every machine. Only non-hostile profile devices are changed (the hostile
ones already misbehave in their own way); the mix overrides what a profile itself says.
"""

from __future__ import annotations

import math
import random
from typing import Any

#: Seed used when none is given (a fixed mix: `netscan demo` and the tests see the same lab).
DEFAULT_SEED = 12
#: Random loss of every IP packet into and out of the devices, each direction (percent).
LOSS_PCT = 1.0
#: Share of profile devices that ignore multicast/broadcast discovery (issue 12: at least a quarter).
MULTICAST_SILENT_SHARE = 0.30
#: Profile devices behind the router, and on the scanner's second interface.
ROUTED_DEVICES = 4
LAN2_DEVICES = 3
#: Every n-th plain host sits behind the router / on the second LAN (offset 0 / n // 2).
PLAIN_EVERY = 10
#: Slow devices, by kind: a fixed delay, a random delay up to 3 s, and a slow first request after
#: idle on top of a short random delay (issue 12: real DVRs answer their web UI in 0.5-3 s).
FIXED_DELAY_DEVICES, FIXED_DELAY_RANGE = 4, (0.5, 1.5)
RANDOM_DELAY_DEVICES, RANDOM_DELAY = 4, (0.3, 3.0)
IDLE_DEVICES, IDLE_DELAY_S, IDLE_AFTER_S, IDLE_BASE = 4, 2.5, 20.0, (0.05, 0.5)


#: Discovery queries whose multicast silence the mix always exercises: (protocol, request word).
COVERED_DISCOVERY = (("wsd", "Probe"), ("ssdp", "M-SEARCH"), ("sadp", None), ("dhip", None), ("xmeye", None), ("mdns", None))


def _spare(out: dict[str, dict[str, Any]], speaks: dict[str, list[str]], m: str) -> bool:
    """A silent device whose loudness leaves every protocol it speaks a silent LAN speaker."""
    return bool(out[m]["multicast_silent"]) and all(
        any(x != m and out[x]["segment"] == "lan" and out[x]["multicast_silent"] for x in s)
        for s in speaks.values() if m in s)


def _cover_discovery(out: dict[str, dict[str, Any]], names: list[str], by_name: dict[str, dict[str, Any]]) -> None:
    """Every discovery protocol two or more devices answer gets a multicast-silent one on the
    scanner's LAN, whatever the shuffle gave (adding a profile reshuffles it): the first such device
    by name trades its segment with a LAN device that answers none of these protocols, and its
    loudness with a silent device whose protocols keep another silent LAN speaker, so the counts of
    the mix stay as they are. Deterministic."""
    speaks: dict[str, list[str]] = {}
    for proto, word in COVERED_DISCOVERY:
        speaks[proto] = [n for n in names if any(
            r.get("protocol") == proto and (word is None or str(r.get("request", "")).split()[:1] == [word])
            for r in by_name[n].get("responses", []))]
    speakers = {n for s in speaks.values() for n in s}
    for spk in speaks.values():
        if len(spk) < 2 or any(out[n]["segment"] == "lan" and out[n]["multicast_silent"] for n in spk):
            continue
        n = spk[0]
        if out[n]["segment"] != "lan":
            other = next((m for m in names if out[m]["segment"] == "lan" and m not in speakers), None)
            if other is None:
                continue
            out[n]["segment"], out[other]["segment"] = "lan", out[n]["segment"]
        if not out[n]["multicast_silent"]:
            other = next((m for m in names if m not in spk and _spare(out, speaks, m)), None)
            if other is None:
                continue
            out[n]["multicast_silent"], out[other]["multicast_silent"] = True, False


def realistic_mix(profiles: list[dict[str, Any]], hosts: int, seed: int | None = None) -> dict[str, Any]:
    """The realistic mix for these profiles and ``hosts`` plain hosts.

    Returns:
        ``{"seed": int, "loss_pct": float, "profiles": {name: {key: value}}, "plain": {n: segment}}``
        where the per-profile keys are the profile timing/segment keys (``delay_s``,
        ``idle_delay_s``, ``idle_after_s``, ``multicast_silent``, ``segment``) and ``plain`` maps
        a plain host's number (1-based) to its segment when it is not ``lan``.
    """
    seed = DEFAULT_SEED if seed is None else int(seed)
    rng = random.Random(seed)
    names = sorted(str(p["name"]) for p in profiles if not (p.get("hostile") or p.get("behaviour")))
    out: dict[str, dict[str, Any]] = {n: {"segment": "lan", "multicast_silent": False} for n in names}
    order = names[:]
    rng.shuffle(order)
    # a small profile set keeps most devices on the scanner's LAN
    routed, lan2 = min(ROUTED_DEVICES, len(names) // 6), min(LAN2_DEVICES, len(names) // 8)
    for n in order[:routed]:
        out[n]["segment"] = "routed"
    for n in order[routed:routed + lan2]:
        out[n]["segment"] = "lan2"
    silent = math.ceil(MULTICAST_SILENT_SHARE * len(names))
    for n in rng.sample(names, min(silent, len(names))):
        out[n]["multicast_silent"] = True
    _cover_discovery(out, names, {str(p["name"]): p for p in profiles})
    slow_order = names[:]
    rng.shuffle(slow_order)
    i = 0
    for _ in range(FIXED_DELAY_DEVICES):
        if i < len(slow_order):
            out[slow_order[i]]["delay_s"] = round(rng.uniform(*FIXED_DELAY_RANGE), 2)
            i += 1
    for _ in range(RANDOM_DELAY_DEVICES):
        if i < len(slow_order):
            out[slow_order[i]]["delay_s"] = list(RANDOM_DELAY)
            i += 1
    for _ in range(IDLE_DEVICES):
        if i < len(slow_order):
            out[slow_order[i]].update(delay_s=list(IDLE_BASE), idle_delay_s=IDLE_DELAY_S, idle_after_s=IDLE_AFTER_S)
            i += 1
    plain: dict[int, str] = {}
    for k in range(1, hosts + 1):
        if k % PLAIN_EVERY == 0:
            plain[k] = "routed"
        elif k % PLAIN_EVERY == PLAIN_EVERY // 2:
            plain[k] = "lan2"
    return {"seed": seed, "loss_pct": LOSS_PCT, "profiles": out, "plain": plain}
