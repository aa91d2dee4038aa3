"""The realistic mix always exercises the unicast fallback of every discovery protocol: whatever a
new profile does to the shuffle, each discovery query two or more devices answer has a
multicast-silent device on the scanner's LAN, and the mix's counts stay as they were (pure)."""

from __future__ import annotations

from typing import Any

from netscan.lab import PROFILES_DIR, load_profiles
from netscan.lab.realism import COVERED_DISCOVERY, realistic_mix


def _speaks(p: dict[str, Any], proto: str, word: str | None) -> bool:
    return any(r.get("protocol") == proto and (word is None or str(r.get("request", "")).split()[:1] == [word])
               for r in p.get("responses", []))


def test_every_discovery_protocol_has_a_silent_lan_speaker_for_many_seeds() -> None:
    profiles = [p for p in load_profiles(PROFILES_DIR) if not (p.get("hostile") or p.get("behaviour"))]
    for seed in range(40):
        mix = realistic_mix(profiles, 20, seed)["profiles"]
        assert sum(v["multicast_silent"] for v in mix.values()) == -(-3 * len(profiles) // 10)
        assert sum(v["segment"] == "routed" for v in mix.values()) == min(4, len(profiles) // 6)
        for proto, word in COVERED_DISCOVERY:
            spk = [p["name"] for p in profiles if _speaks(p, proto, word)]
            if len(spk) >= 2:
                assert any(mix[n]["segment"] == "lan" and mix[n]["multicast_silent"] for n in spk), (seed, proto)
