"""End to end in the virtual lab, from its scanner namespace: every host found, every device's
offered data collected (identification equals what the device's own recorded responses give,
and the profile's expectation wherever the signatures reach it), no non-camera called a camera,
hostile devices bounded; the same with ``--engine nmap``; saved observations reproduce the
devices offline; a device that ignores ARP and ICMP is still found by multicast discovery."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sub_prefix

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, AuthKind, Response
from netscan.observations import from_dict, load_path

pytestmark = pytest.mark.lab

FIELDS = ("vendor", "brand", "model", "firmware", "device_type")
ROOT = Path(__file__).parents[2]


def _scan(lab: Any, tmp: Path, *extra: str) -> tuple[dict[str, Any], Path, float]:
    obs = tmp / "obs.json"
    out = tmp / "report.json"
    t0 = time.monotonic()
    p = lab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                            "--save-observations", str(obs), *extra, lab.subnet],
                           capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    elapsed = time.monotonic() - t0
    assert p.returncode in (0, 4), p.stderr[-3000:]
    return json.loads(out.read_text()), obs, elapsed


#: What a device only says to a passive listener (its own DHCP requests and DNS look-ups): an
#: active scan cannot elicit it, so it is not counted as "offered" to the scanner.
PASSIVE_ONLY = {"dhcp", "dns"}


def _profile_identification(dev: Any) -> dict[str, Any]:
    prof = dev.profile
    active = [r for r in prof.get("responses", []) if r.get("protocol") not in PASSIVE_ONLY]
    obs = from_dict({"ip": dev.ip, "mac": dev.mac, "responses": active,
                     "open_ports": prof.get("open_ports") or []})
    return identify(obs).to_dict()


def _check(lab: Any, doc: dict[str, Any], obs_path: Path) -> list[str]:
    devices = {d["ip"]: d for d in doc["devices"]}
    observed = {o.ip: o for o in load_path(obs_path)}
    problems: list[str] = []
    for dev in lab.devices:
        got = devices.get(dev.ip)
        if got is None:
            problems.append(f"{dev.name} {dev.ip}: not found")
            continue
        if got["mac"] != dev.mac:
            problems.append(f"{dev.name}: mac {got['mac']} != {dev.mac}")
        if dev.kind != "profile" or dev.hostile:
            if dev.kind == "plain" and got["device_type"] in VIDEO_TYPES:
                problems.append(f"{dev.name}: plain host called {got['device_type']}")
            continue
        offered = _profile_identification(dev)
        mine = identify(observed[dev.ip]).to_dict()
        # Everything the device's own recorded responses establish, the scan must establish too
        # (the scan may learn more, e.g. from the TLS certificate or GetServices).
        diff = {k: (offered[k], mine[k]) for k in FIELDS if offered[k] not in (None, "unknown") and offered[k] != mine[k]}
        if diff:
            problems.append(f"{dev.name}: scan collected less than the device offers: {diff}")
        exp = dev.expect or {}
        if all(offered.get(k) == exp.get(k) for k in FIELDS):  # signatures reach the profile: must match exactly
            bad = {k: (exp.get(k), got[k]) for k in FIELDS if exp.get(k) != got[k]}
            if bad:
                problems.append(f"{dev.name}: expected {bad}")
        if exp.get("device_type") not in VIDEO_TYPES and got["device_type"] in VIDEO_TYPES:
            problems.append(f"{dev.name}: a {exp.get('device_type')} reported as {got['device_type']}")
    return problems


def test_native_scan_finds_and_identifies_every_lab_host(lab: Any, tmp_path: Path) -> None:
    doc, obs, elapsed = _scan(lab, tmp_path)
    assert _check(lab, doc, obs) == []
    assert doc["scan"]["engine"] == "netscan" and doc["scan"]["incomplete"] is False
    assert doc["scan"]["counts"]["hosts"] == len(lab.devices)
    # hostile devices (never answer, slow drip, huge body, malformed...) cost their timeouts, no more:
    # the scan ends before the emulator would let their connections go (the lab's own limit,
    # MAX_CONNECTION_S); how fast it is is the benchmarks' business
    from netscan.lab.emulator.tcp import MAX_CONNECTION_S

    assert elapsed < MAX_CONNECTION_S, elapsed
    # saved observations reproduce the same devices offline
    q = subprocess.run([sys.executable, "-m", "netscan", "identify", "--format", "json", str(obs)],
                       capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert q.returncode in (0, 4), q.stderr[-2000:]
    offline = json.loads(q.stdout)["devices"]
    again = {d["ip"]: {k: d[k] for k in FIELDS} for d in offline}
    assert again == {d["ip"]: {k: d[k] for k in FIELDS} for d in doc["devices"]}
    # ... and the same findings (issue: findings from identify on saved observations equal the live scan's)
    def finding_ids(devices: list[dict[str, Any]]) -> dict[str, list[tuple[str, str | None]]]:
        return {d["ip"]: sorted((f["id"], f.get("cve")) for f in d["findings"]) for d in devices}
    assert finding_ids(offline) == finding_ids(doc["devices"])
    assert sum(len(v) for v in finding_ids(offline).values()) > 20
    # the live clock check: only the profile whose clock runs off is reported (the emulator answers
    # GetSystemDateAndTime with its own clock plus the profile's clock_offset_s)
    skewed = {d.ip for d in lab.profile_devices if (d.profile or {}).get("clock_offset_s")}
    assert skewed and {d["ip"] for d in doc["devices"] if any(f["id"] == "clock-skew" for f in d["findings"])} == skewed
    # the ONVIF media service is asked for its stream address; where it answers without credentials
    # the finding is high, and a device whose media service refuses gets no such finding
    open_media = {d.ip for d in lab.profile_devices if any(r["request"] == "GetStreamUri" for r in (d.profile or {})["responses"])}
    got = {d["ip"]: [f for f in d["findings"] if f["id"] == "onvif-unauthenticated"] for d in doc["devices"]}
    assert open_media and all(got[ip] and got[ip][0]["severity"] == "high" for ip in open_media)
    assert all(f["severity"] != "high" for ip, fl in got.items() if ip not in open_media for f in fl)
    # snapshot URLs: asked once per vendor; a picture without credentials only where the profile allows it
    open_snap = {d.ip for d in lab.profile_devices if "snapshot-unauthenticated" in (d.expect_findings or [])}
    snap = {d["ip"] for d in doc["devices"] if any(f["id"] == "snapshot-unauthenticated" for f in d["findings"])}
    assert open_snap and snap == open_snap


def test_nmap_engine_same_devices(lab: Any, tmp_path: Path) -> None:
    doc, obs, _ = _scan(lab, tmp_path, "--engine", "nmap")
    assert doc["scan"]["engine"] == "nmap"
    assert _check(lab, doc, obs) == []


def _sh(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True, timeout=30)


def test_device_ignoring_arp_and_icmp_found_by_multicast(tmp_path: Path) -> None:
    from netscan.lab import Lab
    from netscan.lab.config import PROFILES_DIR

    pdir = tmp_path / "profiles"
    pdir.mkdir()
    for name in ("hikvision-ds2cd2032-v540", "dahua-ipc-hfw3441e-vuln"):
        shutil.copy(Path(PROFILES_DIR) / f"{name}.json", pdir / f"{name}.json")
    state = Lab.up(profiles_dir=pdir, hosts=0, prefix=sub_prefix("st"))
    try:
        hik = state.device("hikvision-ds2cd2032-v540")
        dev_ns = state.to_dict()["device_netns"]
        # The camera answers no ARP request and no ping (it still sends its own packets).
        _sh("ip", "netns", "exec", dev_ns, "sysctl", "-qw", f"net.ipv4.conf.{hik.ifname}.arp_ignore=8")
        _sh("ip", "netns", "exec", dev_ns, "sysctl", "-qw", "net.ipv4.icmp_echo_ignore_all=1")
        _sh("ip", "netns", "exec", state.scanner_netns, "ip", "neigh", "flush", "all")
        sweep = state.run_in_scanner(["nmap", "-sn", "-n", "-PR", "-PE", hik.ip], capture_output=True, text=True, timeout=60)
        assert "Host seems down" in sweep.stdout or "0 hosts up" in sweep.stdout  # ARP/ICMP sweeps miss it
        out = tmp_path / "report.json"
        obs = tmp_path / "obs.json"
        p = state.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output",
                                  str(out), "--save-observations", str(obs), state.subnet],
                                 capture_output=True, text=True, timeout=120, cwd=str(ROOT))
        assert p.returncode in (0, 4), p.stderr[-2000:]
        found = {d["ip"]: d for d in json.loads(out.read_text())["devices"]}
        assert hik.ip in found, "multicast discovery should find the camera that ignores ARP and ICMP"
        protos = {r.protocol for o in load_path(obs) if o.ip == hik.ip for r in o.responses}
        assert {"wsd", "sadp"} <= protos
        assert found[hik.ip]["vendor"] == "Hikvision"
        # Only the targets: the Dahua camera answers multicast discovery too, from our own subnet,
        # but it is outside a one-address target list.
        p = state.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", hik.ip],
                                 capture_output=True, text=True, timeout=120, cwd=str(ROOT))
        doc = json.loads(p.stdout)
        assert [d["ip"] for d in doc["devices"]] == [hik.ip]
        assert doc["scan"]["counts"]["out_of_target_replies"] >= 1
    finally:
        Lab.down(prefix=sub_prefix("st"))


def _default_attempt(r: Response) -> bool:
    """The response records the opt-in default-credential attempt (a typed field since issue 10)."""
    return r.auth is not None and r.auth.kind is AuthKind.DEFAULT


def test_default_credentials_opt_in(lab: Any, tmp_path: Path) -> None:
    doc, obs, _ = _scan(lab, tmp_path, "--check-default-credentials")
    tagged = {o.ip for o in load_path(obs) for r in o.responses if _default_attempt(r)}
    # profiles that accept a login carry a "login" section (the emulator checks the pair)
    want = {d.ip for d in lab.devices if d.profile and d.profile.get("login")}
    got = {d["ip"] for d in doc["devices"] if any(f["id"] == "default-password" for f in d["findings"])}
    assert want and got == want
    assert want <= tagged
    # at most one attempt per device, and only where the vendor documents a default that applies
    per_device = [sum(_default_attempt(r) for r in o.responses) for o in load_path(obs)]
    assert max(per_device) == 1
    # without the flag, no attempt at all
    (tmp_path / "plain").mkdir()
    _doc2, obs2, _ = _scan(lab, tmp_path / "plain")
    assert not any(_default_attempt(r) for o in load_path(obs2) for r in o.responses)
