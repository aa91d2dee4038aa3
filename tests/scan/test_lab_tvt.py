"""TVT LAN discovery end to end: the scanner's read-only searches (the XML M-SEARCH on 1900 and the
binary MHED search on 23456), the lab emulator answering as the device, the ``tvt`` parser and rules,
in one ``netscan scan`` each.

1. The session lab: the shipped profile ``tvt-td3332b4-nvr`` answers both searches; both replies are
   recorded (the Layer-2 one arrives multicast to 234.55.55.56, heard because the probe joined it).
2. A lab of its own, as real recorders behave: the same NVR slow (up to 2.5 s) answering multicast,
   slow and ignoring multicast on the scanner's LAN (found by ARP, its TVT OUI asks it by unicast),
   and behind the router, slow and ignoring multicast (no MAC there: its open SDK port 6036, in the default
   port set, asks it by unicast), with 1 % packet loss; beside them a router that answers ordinary SSDP, which the TVT
   search must not make a camera of. The silent ones answer in 1 s: a host with no TCP service that
   answers (only accept-only ports here) gives the engine no measure of its slowness, and its
   unicast window is then UNICAST_QUIET + UNICAST_MAX (1.5 s)."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netscan.lab import PROFILES_DIR
from netscan.model import VIDEO_TYPES
from netscan.observations import load_path
from tests.conftest import sub_prefix

pytestmark = pytest.mark.lab
ROOT = Path(__file__).resolve().parent.parent.parent
NAME = "tvt-td3332b4-nvr"
WANT = {"vendor": "TVT", "brand": None, "model": "TD-3332B4", "firmware": "V5.2.0", "device_type": "nvr"}
FIELDS = tuple(WANT)


def _scan(state: Any, tmp: Path, targets: list[str], extra: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    out, obs = tmp / "report.json", tmp / "obs.json"
    p = state.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                              "--save-observations", str(obs), *extra, *targets],
                             capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert p.returncode in (0, 4), p.stderr[-3000:]
    devices = {d["ip"]: d for d in json.loads(out.read_text())["devices"]}
    return devices, {o.ip: o for o in load_path(obs)}


def test_tvt_discovery_in_the_lab(lab: Any, tmp_path: Path) -> None:
    nvr = lab.device(NAME)
    devices, observed = _scan(lab, tmp_path, [nvr.ip])
    got = devices[nvr.ip]
    assert {k: got[k] for k in FIELDS} == WANT
    tvt = [r for r in observed[nvr.ip].responses if r.protocol == "tvt"]
    assert {r.port for r in tvt} == {1900, 23456}, [(r.port, r.request) for r in tvt]
    assert all(r.raw.startswith("b64:TUhFRA") for r in tvt if r.port == 23456)  # "MHED", recorded byte for byte
    assert any(f"<ipAddr>{nvr.ip}</ipAddr>" in r.raw for r in tvt if r.port == 1900)


@pytest.fixture(scope="module")
def tvt_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from netscan.lab import Lab

    d = tmp_path_factory.mktemp("tvt-profiles")
    base = json.loads((PROFILES_DIR / f"{NAME}.json").read_text())
    variants = {
        "tvt-silent-lan": {"ip_suffix": 20, "mac": "58:5b:69:11:22:40", "multicast_silent": True, "delay_s": 1.0},
        "tvt-silent-routed": {"ip_suffix": 21, "mac": "58:5b:69:11:22:41", "multicast_silent": True, "delay_s": 1.0,
                              "segment": "routed"},
        "tvt-loud-lan": {"ip_suffix": 22, "mac": "58:5b:69:11:22:42", "delay_s": [0.3, 2.5]},
    }
    for name, keys in variants.items():
        (d / f"{name}.json").write_text(json.dumps({**base, "name": name, **keys}))
    shutil.copy(PROFILES_DIR / "router-tplink-archer-c7.json", d)
    prefix = sub_prefix("tv")
    state = Lab.up(profiles_dir=d, prefix=prefix, loss_pct=1.0)
    try:
        yield state
    finally:
        Lab.down(prefix=prefix)


def test_slow_multicast_silent_and_routed_recorders(tvt_lab: Any, tmp_path: Path) -> None:
    # the default port set: 6036 is in it, so the routed recorder is asked without --ports
    devices, observed = _scan(tvt_lab, tmp_path, tvt_lab.scan_targets)
    problems = []
    for name in ("tvt-silent-lan", "tvt-silent-routed", "tvt-loud-lan"):
        dev = tvt_lab.device(name)
        got = devices.get(dev.ip)
        if got is None or {k: got[k] for k in FIELDS} != WANT:
            tried = observed[dev.ip].meta.get("tried") if dev.ip in observed else None
            problems.append(f"{name} ({dev.segment}) {dev.ip}: {got and {k: got[k] for k in FIELDS}}; tried {tried}")
    assert not problems, "\n".join(problems)
    silent = tvt_lab.device("tvt-silent-lan")
    assert any(r.protocol == "tvt" and r.port == 1900 for r in observed[silent.ip].responses)
    # it ignored the multicast searches: no Layer-2 reply (that one only exists multicast)
    assert not any(r.protocol == "tvt" and r.port == 23456 for r in observed[silent.ip].responses)
    router = tvt_lab.device("router-tplink-archer-c7")
    assert devices[router.ip]["device_type"] not in VIDEO_TYPES and devices[router.ip]["vendor"] != "TVT"
    assert not any(r.protocol == "tvt" for r in observed[router.ip].responses)
