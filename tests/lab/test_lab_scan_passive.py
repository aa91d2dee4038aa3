"""``scan --passive-seconds``: what the devices say unasked (their DHCP requests, cloud look-ups)
joins the actively scanned devices, and a device that answers no probe is still reported."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from netscan.observations import load_path

pytestmark = pytest.mark.lab

ROOT = Path(__file__).parents[2]


def test_scan_merges_what_it_heard(lab: Any, tmp_path: Path) -> None:
    out, obs = tmp_path / "report.json", tmp_path / "obs.json"
    hik = lab.device("hikvision-ds2cd2032-v540")
    pc = lab.device("pc-windows-desktop")
    p = lab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                            "--save-observations", str(obs), "--passive-seconds", "9", "--iface", lab.scanner_iface,
                            hik.ip, pc.ip], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert p.returncode in (0, 4), p.stderr[-3000:]
    doc = json.loads(out.read_text())
    devices = {d["ip"]: d for d in doc["devices"]}
    assert set(devices) == {hik.ip, pc.ip}  # heard devices outside the targets are not added
    protos = {o.ip: {r.protocol for r in o.responses} for o in load_path(obs)}
    assert {"dhcp", "dns"} <= protos[hik.ip] and "http" in protos[hik.ip]  # heard + scanned, one device
    assert any(f["id"] == "cloud-p2p" for f in devices[hik.ip]["findings"])
    assert "dhcp" in protos[pc.ip]
    assert any(n.startswith("listened on") and "packets read" in n for n in doc["scan"]["notes"])
