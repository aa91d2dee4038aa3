"""`netscan lab ...` from the command line, including cleaning up after a lab whose process died."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sub_prefix

from netscan.lab import PROFILES_DIR
from netscan.lab.netns import list_netns

pytestmark = pytest.mark.lab

NETSCAN = [sys.executable, "-m", "netscan"]


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NETSCAN, *args], capture_output=True, text=True, timeout=timeout, check=False)


def test_status_and_run(lab: Any) -> None:
    st = _run("lab", "--prefix", lab.prefix, "status")
    assert st.returncode == 0 and lab.subnet in st.stdout and "running" in st.stdout
    js = json.loads(_run("lab", "--prefix", lab.prefix, "status", "--json").stdout)
    assert js["scanner_netns"] == lab.scanner_netns and len(js["devices"]) == len(lab.devices)
    run = _run("lab", "--prefix", lab.prefix, "run", "--", "ip", "-o", "-4", "addr", "show", "dev", lab.scanner_iface)
    assert run.returncode == 0 and f"{lab.scanner_ip}/" in run.stdout
    assert _run("lab", "--prefix", lab.prefix, "run", "--", "sh", "-c", "exit 7").returncode == 7


def test_up_down_and_cleanup_after_a_dead_lab(tmp_path: Path) -> None:
    prefix = sub_prefix("cl")
    for name in ("hikvision-ds2cd2032-v540.json", "dahua-ipc-hfw3441e-vuln.json"):
        shutil.copy(PROFILES_DIR / name, tmp_path / name)
    up = _run("lab", "--prefix", prefix, "up", "--profiles", str(tmp_path), "--hosts", "3", "--json")
    try:
        assert up.returncode == 0, up.stderr
        state = json.loads(up.stdout)
        assert len(state["devices"]) == 5 and sorted(list_netns(prefix)) == [f"{prefix}br", f"{prefix}dev", f"{prefix}scan"]
        # the lab's process dies: kill the emulator we started (by its recorded pid)
        os.kill(state["emulator_pid"], signal.SIGKILL)
        time.sleep(0.2)
        assert "NOT running" in _run("lab", "--prefix", prefix, "status").stdout
    finally:
        down = _run("lab", "--prefix", prefix, "down")
    assert down.returncode == 0 and f"netns {prefix}scan" in down.stdout
    assert list_netns(prefix) == []
    assert _run("lab", "--prefix", prefix, "status").returncode == 1
    assert "nothing" in _run("lab", "--prefix", prefix, "down").stdout  # idempotent


def test_bad_profiles_fail_loudly(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"name": "x", "mac": "nope"}')
    res = _run("lab", "--prefix", sub_prefix("cx"), "up", "--profiles", str(tmp_path))
    assert res.returncode == 1 and "bad.json" in res.stderr
    assert list_netns(sub_prefix("cx")) == []
