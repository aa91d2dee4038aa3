"""The documented budgets (docs/budgets.md), checked end to end: a lab of hostile devices of every
kind (50 MB body, never answers, slow drip, ANSI/markup, entity bomb, malformed) beside two normal
cameras, scanned by the real CLI in the scanner namespace under GNU time."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netscan.lab import PROFILES_DIR, Lab
from netscan.limits import MAX_RESPONSE_BYTES, Timeouts
from netscan.observations import load_path
from netscan.pipeline import analyse
from netscan.report import render
from tests.conftest import sub_prefix

pytestmark = pytest.mark.lab

PREFIX = sub_prefix("hb")
HOSTILE = ("hostile-huge-body", "hostile-never-answer", "hostile-slow-drip", "hostile-ansi-markup",
           "hostile-xml-bomb", "hostile-malformed")
NORMAL = ("hikvision-ds2cd2032-v540", "axis-m3045v")
#: Peak memory of a whole scan of this lab (the process, signatures and all), docs/budgets.md.
SCAN_RSS_BUDGET_MB = 400
#: Identification and findings of one device.
DEVICE_CPU_BUDGET_S = 1.0


@pytest.fixture(scope="module")
def hostile_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    d = tmp_path_factory.mktemp("profiles")
    for name in HOSTILE + NORMAL:
        shutil.copy(Path(PROFILES_DIR) / f"{name}.json", d / f"{name}.json")
    state = Lab.up(profiles_dir=d, prefix=PREFIX)
    try:
        yield state
    finally:
        Lab.down(prefix=PREFIX)


def test_hostile_devices_stay_within_budget(hostile_lab: Any, tmp_path: Path) -> None:
    lab = hostile_lab
    out, obs = tmp_path / "r.json", tmp_path / "obs.json"
    t = time.monotonic()
    r = lab.run_in_scanner(["/usr/bin/time", "-v", sys.executable, "-m", "netscan", "scan", lab.subnet, "-q",
                            "-o", str(out), "-o", str(tmp_path / "r.txt"), "--save-observations", str(obs)],
                           capture_output=True, text=True, timeout=300)
    wall = time.monotonic() - t
    assert r.returncode == 0, r.stderr[-2000:]
    rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    # every hostile device is given up on within its own budget (Timeouts.host_total, all hosts in
    # parallel): the scan ends by itself, not stopped by its overall limit (Timeouts.scan_total)
    print(f"hostile lab scan: {wall:.1f} s wall, {rss_mb:.0f} MB peak")  # shown with pytest -s
    assert rss_mb < SCAN_RSS_BUDGET_MB, rss_mb

    report = json.loads(out.read_text())
    assert report["scan"]["incomplete"] is False and wall < Timeouts().scan_total, wall
    assert not any("scan stopped after" in n for n in report["scan"]["notes"]), report["scan"]["notes"]
    by_ip = {d["ip"]: d for d in report["devices"]}
    for name in HOSTILE + NORMAL:
        assert lab.device(name).ip in by_ip, name  # every device is reported, hostile ones too
    hik = by_ip[lab.device("hikvision-ds2cd2032-v540").ip]
    assert hik["vendor"] == "Hikvision" and hik["model"]
    axis = by_ip[lab.device("axis-m3045v").ip]
    assert axis["vendor"] == "Axis"

    # per response: nothing kept beyond the cap; the 50 MB body was truncated and marked so
    observations = load_path(obs)
    for o in observations:
        for resp in o.responses:
            assert len(resp.raw) <= MAX_RESPONSE_BYTES, (o.ip, resp.protocol, len(resp.raw))
    huge = next(o for o in observations if o.ip == lab.device("hostile-huge-body").ip)
    assert any(resp.truncated for resp in huge.responses)

    # nothing a device sent reaches a terminal or a JSON reader raw
    text = out.read_text() + (tmp_path / "r.txt").read_text()
    assert "\x1b" not in text and not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", text)

    # per device: identification and findings within the CPU budget, each hostile device alone
    now = dt.datetime.now(dt.timezone.utc)
    for o in observations:
        t0 = time.process_time()
        rep = analyse([o], now=now)
        render(rep, "table").encode("utf-8")
        assert time.process_time() - t0 < DEVICE_CPU_BUDGET_S, o.ip
