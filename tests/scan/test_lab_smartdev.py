"""TP-Link 20002 and Ubiquiti 10001 discovery end to end: the scanner's read-only probes, the lab
emulator replaying recorded replies, the parsers and the rules, in one ``netscan scan``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from netscan.model import VIDEO_TYPES

pytestmark = pytest.mark.lab
ROOT = Path(__file__).resolve().parent.parent.parent


def test_tplink_and_ubnt_discovery_in_the_lab(lab: Any, tmp_path: Path) -> None:
    tapo = lab.device("tplink-tapo-c110")
    router = lab.device("ubiquiti-edgerouter-x")
    out = tmp_path / "report.json"
    obs = tmp_path / "obs.json"
    p = lab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                            "--save-observations", str(obs), tapo.ip, router.ip],
                           capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert p.returncode in (0, 4), p.stderr[-3000:]
    devices = {d["ip"]: d for d in json.loads(out.read_text())["devices"]}
    cam = devices[tapo.ip]
    assert (cam["vendor"], cam["brand"], cam["model"], cam["device_type"]) == ("TP-Link", "Tapo", "C110", "camera")
    assert cam["firmware"].lower() == "1.4.3 build 240919 rel.70035n"
    er = devices[router.ip]
    assert (er["vendor"], er["model"]) == ("Ubiquiti", "ER-X")
    assert er["device_type"] == "router" and er["device_type"] not in VIDEO_TYPES
    saved = json.loads(obs.read_text())
    protos = {r["protocol"] for o in saved for r in o["responses"]}
    assert {"tplink", "ubnt"} <= protos
    assert all(r["raw"].startswith("b64:") for o in saved for r in o["responses"] if r["protocol"] in ("tplink", "ubnt"))
