"""Hanwha (Wisenet) UDP 7701 discovery end to end: the scanner's broadcast search, the lab emulator
answering for the hanwha-xnd6080r profile (its reply carries the device's lab address), the parser
and the rules, in one ``netscan scan``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from netscan.observations import load_path
from netscan.parsers import fields

pytestmark = pytest.mark.lab
ROOT = Path(__file__).resolve().parent.parent.parent


def test_hanwha_7701_discovery_in_the_lab(lab: Any, tmp_path: Path) -> None:
    cam = lab.device("hanwha-xnd6080r")
    out, obs = tmp_path / "report.json", tmp_path / "obs.json"
    p = lab.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output", str(out),
                            "--save-observations", str(obs), cam.ip], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert p.returncode in (0, 4), p.stderr[-3000:]
    got = {d["ip"]: d for d in json.loads(out.read_text())["devices"]}[cam.ip]
    assert (got["vendor"], got["model"], got["device_type"]) == ("Hanwha Vision", "XND-6080R", "camera")
    hw = [r for o in load_path(obs) if o.ip == cam.ip for r in o.responses if r.protocol == "hanwha"]
    assert len(hw) == 1 and hw[0].raw.startswith("b64:")
    f = fields(hw[0])
    assert f["hanwha.ip"] == [cam.ip] and f["hanwha.model"] == ["XND-6080R"] and f["hanwha.mac"] == [cam.mac.upper()]
