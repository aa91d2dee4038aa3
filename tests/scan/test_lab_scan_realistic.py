"""The whole-lab scan in the realistic lab (issue 12): slow devices (fixed and random delays up to
3 s, a slow first request after idle), multicast-silent devices, 1% packet loss, a routed segment
behind a router, a scanner with two interfaces. The FIRST scan after ``lab up --realistic`` must
identify every profile exactly as the instant lab does (tests/scan/test_lab_scan.py)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES
from netscan.observations import from_dict, load_path
from tests.conftest import sub_prefix

pytestmark = pytest.mark.lab

FIELDS = ("vendor", "brand", "model", "firmware", "device_type")
ROOT = Path(__file__).parents[2]
PREFIX = sub_prefix("rs")
#: Plain hosts beside the profiles (some land behind the router and on the second LAN).
PLAIN = 20


@pytest.fixture(scope="module")
def rlab() -> Iterator[Any]:
    from netscan.lab import Lab

    state = Lab.up(hosts=PLAIN, prefix=PREFIX, realistic=True)
    try:
        yield state
    finally:
        Lab.down(prefix=PREFIX)


@pytest.fixture(scope="module")
def first_scan(rlab: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, float]:
    """The first scan after lab up, of every lab subnet (interfaces chosen from the targets)."""
    tmp = tmp_path_factory.mktemp("realistic")
    obs, out = tmp / "obs.json", tmp / "report.json"
    t0 = time.monotonic()
    p = rlab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                             "--save-observations", str(obs), *rlab.scan_targets],
                            capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert p.returncode in (0, 4), p.stderr[-3000:]
    return json.loads(out.read_text()), obs, time.monotonic() - t0


def _offered(dev: Any, with_mac: bool) -> dict[str, Any]:
    prof = dev.profile
    active = [r for r in prof.get("responses", []) if r.get("protocol") not in ("dhcp", "dns")]
    return identify(from_dict({"ip": dev.ip, "mac": dev.mac if with_mac else None, "responses": active,
                               "open_ports": prof.get("open_ports") or []})).to_dict()


def test_first_scan_identifies_every_profile_as_the_instant_lab(rlab: Any, first_scan: Any) -> None:
    doc, obs_path, _elapsed = first_scan
    devices = {d["ip"]: d for d in doc["devices"]}
    observed = {o.ip: o for o in load_path(obs_path)}
    problems: list[str] = []
    slow = silent = 0
    for dev in rlab.devices:
        got = devices.get(dev.ip)
        if got is None:
            problems.append(f"{dev.name} ({dev.segment}) {dev.ip}: not found")
            continue
        if dev.kind != "profile" or dev.hostile:
            if dev.kind == "plain" and got["device_type"] in VIDEO_TYPES:
                problems.append(f"{dev.name}: plain host called {got['device_type']}")
            continue
        routed = dev.segment == "routed"  # no ARP across the router: no MAC, so no OUI evidence
        slow += bool(dev.slow)
        silent += bool(dev.multicast_silent)
        offered = _offered(dev, with_mac=not routed)
        mine = identify(observed[dev.ip]).to_dict()
        diff = {k: (offered[k], mine[k]) for k in FIELDS if offered[k] not in (None, "unknown") and offered[k] != mine[k]}
        if diff:
            problems.append(f"{dev.name} ({dev.segment}, delay {dev.delay_s}, idle {dev.idle_delay_s}, "
                            f"multicast-silent {dev.multicast_silent}): collected less than offered: {diff}; "
                            f"tried {observed[dev.ip].meta.get('tried')}")
        exp = dev.expect or {}
        if all(offered.get(k) == exp.get(k) for k in FIELDS):
            bad = {k: (exp.get(k), got[k]) for k in FIELDS if exp.get(k) != got[k]}
            if bad:
                problems.append(f"{dev.name} ({dev.segment}): expected {bad}")
    assert problems == []
    # the realistic mix was really in force
    assert slow >= 8 and silent * 4 >= len(rlab.profile_devices)
    assert doc["scan"]["incomplete"] is False
    # every video profile the instant lab identifies: all of them here too
    video = [d for d in rlab.profile_devices if (d.expect or {}).get("device_type") in VIDEO_TYPES]
    assert len(video) >= 31
    assert all(devices[d.ip]["device_type"] in VIDEO_TYPES for d in video)


def test_routed_segment_found_without_arp_and_identified(rlab: Any, first_scan: Any) -> None:
    doc, obs_path, _ = first_scan
    routed = rlab.segment_devices("routed")
    assert routed
    devices = {d["ip"]: d for d in doc["devices"]}
    for dev in routed:
        assert dev.ip in devices, dev.name
        assert devices[dev.ip]["mac"] is None  # behind a router: no ARP, no MAC
    observed = {o.ip: o for o in load_path(obs_path)}
    # multicast does not cross the router: what discovery said came by unicast
    for dev in routed:
        if dev.kind == "profile" and any(r.get("protocol") == "wsd" for r in dev.profile.get("responses", [])):
            assert any(r.protocol == "wsd" and r.raw for r in observed[dev.ip].responses), dev.name


def test_two_interface_scanner_scans_both_lans(rlab: Any, first_scan: Any) -> None:
    doc, _obs, _ = first_scan
    assert rlab.scanner_iface2 and set(doc["scan"]["interfaces"]) == {rlab.scanner_iface, rlab.scanner_iface2}
    devices = {d["ip"]: d for d in doc["devices"]}
    lan2 = rlab.segment_devices("lan2")
    assert lan2
    for dev in lan2:
        assert dev.ip in devices and devices[dev.ip]["mac"] == dev.mac, dev.name  # ARP on the second interface


def test_explicit_interfaces_and_all(rlab: Any, tmp_path: Path) -> None:
    """``--iface A --iface B`` and ``--iface all``: multicast discovery goes out on each."""
    silent_free = [d for d in rlab.segment_devices("lan2") if d.kind == "profile" and not d.multicast_silent
                   and any(r.get("protocol") == "wsd" for r in d.profile.get("responses", []))]
    for flags in (["--iface", rlab.scanner_iface, "--iface", rlab.scanner_iface2], ["--iface", "all"]):
        out = tmp_path / "r.json"
        obs = tmp_path / "o.json"
        p = rlab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                                 "--save-observations", str(obs), *flags, rlab.subnet, rlab.subnet2],
                                capture_output=True, text=True, timeout=300, cwd=str(ROOT))
        assert p.returncode in (0, 4), p.stderr[-2000:]
        doc = json.loads(out.read_text())
        assert set(doc["scan"]["interfaces"]) >= {rlab.scanner_iface, rlab.scanner_iface2}
        observed = {o.ip: o for o in load_path(obs)}
        for dev in silent_free:
            # answered on the second interface's multicast, so the unicast fallback was not needed
            o = observed[dev.ip]
            assert any(r.protocol == "wsd" and r.raw for r in o.responses), dev.name
            assert not any("unicast" in t for t in o.meta.get("tried", [])), (dev.name, o.meta.get("tried"))
