"""``scan --hosts-only`` in the lab, as ``nmap -sn`` users expect it: a table of addresses, MACs and
MAC vendors (the IEEE registrant from the shipped OUI registry), and a hosts-up line instead of
"0 devices · 0 cameras/recorders"."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.lab
ROOT = Path(__file__).parents[2]


def test_hosts_only_lists_mac_vendors(lab: Any) -> None:
    env = {**os.environ, "COLUMNS": "120"}
    p = lab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "-q", "--hosts-only", "--format", "table",
                            lab.subnet], capture_output=True, text=True, timeout=120, cwd=str(ROOT), env=env)
    assert p.returncode == 0, p.stderr[-2000:]
    out = p.stdout
    assert "MAC vendor" in out and "devices" not in out and "cameras/recorders" not in out
    assert f"{len(lab.devices)} hosts up of " in out
    hik = next(d for d in lab.profile_devices if d.name.startswith("hikvision-ds2cd2032"))
    row = next(line for line in out.splitlines() if line.startswith(hik.ip + " "))
    assert hik.mac in row and "Hikvision" in row
    q = lab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "-q", "--hosts-only", "--format", "json",
                            lab.subnet], capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    doc = json.loads(q.stdout)
    assert doc["scan"]["hosts_only"] is True and doc["scan"]["schema_version"] == 1
    dev = next(d for d in doc["devices"] if d["ip"] == hik.ip)
    assert [e["extracted"]["registrant"] for e in dev["evidence"] if e["kind"] == "oui"] == [
        "Hangzhou Hikvision Digital Technology Co.,Ltd."]
