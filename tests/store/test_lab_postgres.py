"""Many sites, one inventory: two lab scanner namespaces scan at the same time, with different
--site, into one real PostgreSQL server; ``inventory list`` shows both sites and nothing is lost.

The namespaces have no route to the root namespace's loopback, so the server listens on a unix
socket only (tests/store/pgserver.py): a path on the file system, which network namespaces share.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sub_prefix

pytestmark = pytest.mark.lab

ROOT = Path(__file__).parents[2]
PROFILES = ROOT / "netscan" / "lab" / "profiles"
SITES = {"hq": ["axis-m3045v", "hikvision-ds2cd2032-v540", "dahua-ipc-hfw3441e-vuln"],
         "branch": ["reolink-rlc410w", "uniview-ipc322lr3", "hanwha-xnd6080r", "vivotek-fd9167-ht"]}


def test_two_sites_at_once_into_postgresql(pg: Any, tmp_path: Path) -> None:
    from netscan.cli import main
    from netscan.lab import Lab

    url = pg.create_database("multisite")
    labs: dict[str, Any] = {}
    try:
        for tag, (site, names) in zip(("pa", "pb"), SITES.items()):
            d = tmp_path / site
            d.mkdir()
            for n in names:
                (d / f"{n}.json").write_text((PROFILES / f"{n}.json").read_text())
            # plain hosts at one site only: their MACs come from the same generator in every lab,
            # and one MAC at two sites is one device that moved
            labs[site] = Lab.up(d, hosts=5 if site == "hq" else 0, prefix=sub_prefix(tag))
        procs = {}
        for site, state in labs.items():  # both at once
            procs[site] = subprocess.Popen(
                ["ip", "netns", "exec", state.scanner_netns, sys.executable, "-m", "netscan", "scan", "--quiet",
                 "--db", url, "--site", site, "--format", "json", "-o", str(tmp_path / f"{site}.json"), state.subnet],
                cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for site, p in procs.items():
            _, err = p.communicate(timeout=300)
            assert p.returncode in (0, 4), f"{site}: {err[-3000:]}"
    finally:
        for tag in ("pa", "pb"):
            Lab.down(prefix=sub_prefix(tag))
    out = tmp_path / "list.json"
    assert main(["inventory", "list", "--db", url, "--format", "json", "-o", str(out)]) == 0
    devices = json.loads(out.read_text())
    for site, state in labs.items():
        report = json.loads((tmp_path / f"{site}.json").read_text())
        mine = [d for d in devices if d["site"] == site]
        assert len(mine) == len(report["devices"]) == len(state.devices), site
        assert sorted(d["ip"] for d in mine) == sorted(d.ip for d in state.devices)
    scans = tmp_path / "scans.json"
    assert main(["inventory", "scans", "--db", url, "--format", "json", "-o", str(scans)]) == 0
    rows = json.loads(scans.read_text())
    assert sorted(r["site"] for r in rows) == ["branch", "hq"] and all(r["complete"] for r in rows)
    # a report across both sites
    page = tmp_path / "all.json"
    assert main(["report", "--db", url, "--format", "json", "-o", str(page)]) == 0
    doc = json.loads(page.read_text())
    assert {d["site"] for d in doc["devices"]} == {"hq", "branch"}
    assert doc["scan"]["counts"]["devices"] == sum(len(s.devices) for s in labs.values())
