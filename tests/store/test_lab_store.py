"""The inventory end to end in the virtual lab, scans run from the lab's scanner namespace into a
SQLite inventory on the shared file system:

- two scans with one device added, one removed and one firmware changed give exactly those changes
  in ``inventory diff`` and in ``watch`` events;
- a re-addressed camera stays one device (serial-keyed and MAC-keyed);
- ``netscan report --format html`` of a lab with a hostile device renders in headless Chromium,
  with the device's escape sequences and markup shown as text;
- scans killed with SIGKILL at many points leave a consistent store that lost no earlier scan;
- a watcher with a 5 s interval runs three scans and stops cleanly on SIGTERM.

The lab is rebuilt between scans (``Lab.up`` with another profile directory, same prefix).
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sub_prefix

pytestmark = pytest.mark.lab

ROOT = Path(__file__).parents[2]
PROFILES = ROOT / "netscan" / "lab" / "profiles"
PREFIX = sub_prefix("st")
HIK_540_SERIAL = "DS-2CD2032-I20160401AAWR502162143"
HIK_553_SERIAL = "DS-2CD2032-I20170801AAWR502162143"


def _profile(name: str, **changes: Any) -> dict[str, Any]:
    p = json.loads((PROFILES / f"{name}.json").read_text())
    p.update(changes)
    return p


def _hik_upgraded(**changes: Any) -> dict[str, Any]:
    """The v5.4.0 camera after a firmware upgrade to v5.5.3: the v5.5.3 profile with the v5.4.0
    camera's serial number, MAC and address."""
    text = (PROFILES / "hikvision-ds2cd2032-v553.json").read_text().replace(HIK_553_SERIAL, HIK_540_SERIAL)
    p = json.loads(text)
    old = _profile("hikvision-ds2cd2032-v540")
    p.update({"name": "hikvision-ds2cd2032-upgraded", "mac": old["mac"], "ip_suffix": old["ip_suffix"]})
    p.update(changes)
    return p


def _write(d: Path, profiles: list[dict[str, Any]]) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for p in profiles:
        (d / f"{p['name']}.json").write_text(json.dumps(p))
    return d


class StoreLab:
    """Brings the lab up with a given device set and scans it into one inventory."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.db = str(tmp / "inventory.sqlite")
        self.state: Any = None
        self.n = 0

    def up(self, profiles: list[dict[str, Any]]) -> Any:
        """The lab with these devices, on the same subnet as before (other labs come and go beside
        ours: without this, a rebuilt lab could land on another subnet and every address change)."""
        import ipaddress

        from netscan.lab import Lab, netns

        self.n += 1
        original = netns.choose_subnet
        keep = ipaddress.IPv4Network(self.state.subnet) if self.state is not None else None

        def same_subnet(hosts: int, prefix: str) -> ipaddress.IPv4Network:
            taken = netns._root_networks() + netns._other_lab_subnets(prefix)
            if keep is not None and not any(keep.overlaps(t) for t in taken):
                return keep
            return original(hosts, prefix)

        netns.choose_subnet = same_subnet  # type: ignore[assignment]
        try:
            self.state = Lab.up(_write(self.tmp / f"profiles{self.n}", profiles), hosts=0, prefix=PREFIX)
        finally:
            netns.choose_subnet = original  # type: ignore[assignment]
        if keep is not None:
            assert self.state.subnet == str(keep), "another lab took our subnet between two scans"
        return self.state

    def netscan(self, *argv: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return self.state.run_in_scanner([sys.executable, "-m", "netscan", *argv], capture_output=True, text=True,
                                         timeout=timeout, cwd=str(ROOT))

    def scan(self, *extra: str) -> dict[str, Any]:
        out = self.tmp / f"report{self.n}.json"
        p = self.netscan("scan", "--quiet", "--db", self.db, "--site", "lab", "--format", "json", "-o", str(out),
                         *extra, self.state.subnet)
        assert p.returncode in (0, 4), p.stderr[-3000:]
        return dict(json.loads(out.read_text()))


@pytest.fixture(scope="module")
def store_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreLab]:
    from netscan.lab import Lab

    lab = StoreLab(tmp_path_factory.mktemp("storelab"))
    try:
        yield lab
    finally:
        Lab.down(prefix=PREFIX)


BASE = ["axis-m3045v", "dahua-ipc-hfw3441e-vuln", "hostile-ansi-markup"]


def test_diff_watch_readdress_and_html(store_lab: StoreLab, tmp_path: Path) -> None:
    from netscan.cli import main

    # scan 1: Axis, Dahua, the hostile device, Hikvision at V5.4.0
    store_lab.up([_profile(n) for n in BASE] + [_profile("hikvision-ds2cd2032-v540")])
    first = store_lab.scan()
    assert first["scan"]["store"]["site"] == "lab" and "changes" in first
    # scan 2: Dahua removed, Reolink added, Hikvision upgraded to V5.5.3
    second_profiles = [_profile("axis-m3045v"), _profile("hostile-ansi-markup"), _hik_upgraded(),
                       _profile("reolink-rlc410w")]
    store_lab.up(second_profiles)
    second = store_lab.scan()
    device_changes = {"device-new", "device-gone", "ip-changed", "mac-changed", "firmware-changed", "model-changed",
                      "identity-changed"}

    def summary(events: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None]]:
        return sorted((e["type"], e["device"]["model"] or "", e.get("direction") or "") for e in events
                      if e["type"] in device_changes)

    expected = [("device-gone", "IPC-HFW3441E-AS", ""), ("device-new", "RLC-410W", ""),
                ("firmware-changed", "DS-2CD2032-I", "up")]
    assert summary(second["changes"]) == expected
    # finding changes concern the upgraded camera only
    assert {e["device"]["model"] for e in second["changes"] if e["type"].startswith("finding-")} <= {"DS-2CD2032-I"}

    # the same through `inventory diff` (default: the last two complete scans of the site)
    out = tmp_path / "diff.json"
    assert main(["inventory", "diff", "--db", store_lab.db, "--site", "lab", "--format", "json", "-o", str(out)]) == 0
    diff = json.loads(out.read_text())
    assert summary(diff["changes"]) == expected
    assert diff["changes"] == second["changes"]

    # and as watch events: the watcher's first scan of lab 2 compared with scan 1 (move scan 2 aside
    # by diffing against scan 1 explicitly: watch compares with the previous complete scan)
    events_file = tmp_path / "events.jsonl"
    p = store_lab.netscan("watch", "--every", "5s", "--count", "1", "--db", str(tmp_path / "w.sqlite"), "--site", "lab",
                          "--events", str(events_file), store_lab.state.subnet, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    # seed the watcher's own inventory with lab 1, then let it watch lab 2
    wdb = str(tmp_path / "w2.sqlite")
    store_lab.up([_profile(n) for n in BASE] + [_profile("hikvision-ds2cd2032-v540")])
    assert store_lab.netscan("scan", "--quiet", "--db", wdb, "--site", "lab", "--format", "json", "-o",
                             str(tmp_path / "seed.json"), store_lab.state.subnet).returncode in (0, 4)
    store_lab.up(second_profiles)
    events_file.unlink()
    p = store_lab.netscan("watch", "--every", "5s", "--count", "1", "--db", wdb, "--site", "lab",
                          "--events", str(events_file), "--webhook", "http://127.0.0.1:9/dead", store_lab.state.subnet,
                          timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    events = [json.loads(line) for line in events_file.read_text().splitlines()]
    assert [e["type"] for e in events][0] == "watch-started" and events[-1]["type"] == "watch-stopped"
    assert summary(events) == expected
    assert [e["type"] for e in events].count("scan-complete") == 1

    # scan 3: the Axis (MAC-keyed) and the Hikvision (serial-keyed) moved to new addresses
    store_lab.up([_profile("axis-m3045v", ip_suffix=141), _hik_upgraded(ip_suffix=142), _profile("hostile-ansi-markup"),
                  _profile("reolink-rlc410w")])
    third = store_lab.scan()
    assert sorted((e["type"], e["device"]["model"]) for e in third["changes"] if e["type"] in device_changes) == [
        ("ip-changed", "DS-2CD2032-I"), ("ip-changed", "M3045-V")]
    listing = tmp_path / "list.json"
    assert main(["inventory", "list", "--db", store_lab.db, "--format", "json", "-o", str(listing)]) == 0
    devices = json.loads(listing.read_text())
    assert len(devices) == 5  # Axis, Dahua, hostile, Hikvision, Reolink: nobody twice
    hik = next(d for d in devices if d["model"] == "DS-2CD2032-I")
    assert hik["ip"].endswith(".142") and hik["firmware"].startswith("V5.5.3")
    hist = tmp_path / "hist.json"
    assert main(["inventory", "history", "--db", store_lab.db, "--format", "json", "-o", str(hist), HIK_540_SERIAL]) == 0
    assert [h["firmware"].split()[0] for h in json.loads(hist.read_text())] == ["V5.4.0", "V5.5.3", "V5.5.3"]

    # the HTML report from the store, in headless Chromium
    from tests.report.chromium import Chromium

    page = tmp_path / "report.html"
    assert main(["report", "--db", store_lab.db, "--site", "lab", "--format", "html", "-o", str(page)]) == 0
    with Chromium(tmp_path) as browser:
        browser.open(page.as_uri())
        assert browser.evaluate("document.title") == "netscan report"
        assert browser.evaluate("document.querySelectorAll('script').length") == 1
        assert browser.evaluate("document.querySelectorAll('#devices tbody tr').length") == 4
        assert browser.evaluate("document.querySelectorAll('#changes-table tbody tr, #changes-table tr').length") >= 3
        text = browser.evaluate("document.body.textContent")  # (details are collapsed: not innerText)
        # the hostile device's banners: escape sequences made visible, markup and HTML shown as text
        assert "\\x1b[2J\\x1b[H\\x1b[5;31mWARNING" in text and "[bold red]rich markup[/]" in text
        assert "<script>alert(1)</script>" in text
        browser.evaluate("var f = document.getElementById('filter'); f.value = 'reolink'; f.dispatchEvent(new Event('input'))")
        assert browser.evaluate("Array.from(document.querySelectorAll('#devices tbody tr')).filter(r => !r.hidden).length") == 1
        browser.evaluate("document.querySelectorAll('#devices th')[2].click()")  # sort by maker
        makers = browser.evaluate("Array.from(document.querySelectorAll('#devices tbody tr')).map(r => r.cells[2].textContent)")
        assert makers == sorted(makers, key=str.lower)
        shot = browser.screenshot(tmp_path / "report.png")
        assert shot.stat().st_size > 10_000
        assert browser.console_errors() == []


def _check_store(db: str, before: dict[int, int]) -> dict[int, int]:
    """The SQLite inventory is consistent: integrity, complete scans hold exactly their devices,
    incomplete ones none, and no earlier scan changed. Returns {scan id: sightings} of complete scans."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = con.execute("SELECT s.id, s.complete, s.device_count, (SELECT count(*) FROM sightings g WHERE g.scan_id = s.id) "
                           "FROM scans s ORDER BY s.id").fetchall()
    finally:
        con.close()
    now: dict[int, int] = {}
    for sid, complete, count, sightings in rows:
        if complete:
            assert count == sightings
            now[sid] = sightings
        else:
            assert sightings in (0, count)  # killed before its one write transaction: nothing of it
    for sid, n in before.items():
        assert now.get(sid) == n, f"scan {sid} changed or vanished"
    return now


def test_sigkill_midway_loses_nothing(store_lab: StoreLab) -> None:
    store_lab.up([_profile(n) for n in BASE] + [_profile("hikvision-ds2cd2032-v540")])
    db = str(store_lab.tmp / "killed.sqlite")
    out = str(store_lab.tmp / "out.json")
    began = time.monotonic()
    ok = store_lab.netscan("scan", "--quiet", "--db", db, "--format", "json", "-o", out, store_lab.state.subnet)
    took = time.monotonic() - began
    assert ok.returncode in (0, 4), ok.stderr[-2000:]
    kept = _check_store(db, {})
    assert len(kept) == 1
    # kill points from start-up to the end of a scan (the last ones may land in the write itself),
    # spread over the time the whole scan just took on this machine (a faster scan moves them)
    midway = 0
    for delay in (took * f for f in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9)):
        proc = subprocess.Popen(["ip", "netns", "exec", store_lab.state.scanner_netns, sys.executable, "-m", "netscan",
                                 "scan", "--quiet", "--db", db, "--format", "json", "-o", str(store_lab.tmp / "killed.json"),
                                 store_lab.state.subnet], cwd=str(ROOT), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        midway += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        kept = _check_store(db, kept)
    assert midway >= 5  # the kills landed while the scan ran
    con = sqlite3.connect(db)
    incomplete = con.execute("SELECT count(*) FROM scans WHERE NOT complete").fetchone()[0]
    con.close()
    assert incomplete >= 3  # killed scans are marked incomplete, not lost or half-written
    # Ctrl-C once the scan is under way: the partial result is stored, marked incomplete (exit 5)
    con = sqlite3.connect(db)
    top = con.execute("SELECT max(id) FROM scans").fetchone()[0]
    con.close()
    proc = subprocess.Popen(["ip", "netns", "exec", store_lab.state.scanner_netns, sys.executable, "-m", "netscan",
                             "scan", "--quiet", "--db", db, "--format", "json", "-o", str(store_lab.tmp / "int.json"),
                             store_lab.state.subnet], cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the scan row exists: the engine is about to run
        con = sqlite3.connect(db)
        started = con.execute("SELECT count(*) FROM scans WHERE id > ?", (top,)).fetchone()[0]
        con.close()
        if started:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(60) == 5
    kept = _check_store(db, kept)
    con = sqlite3.connect(db)
    (complete,) = con.execute("SELECT complete FROM scans WHERE id = (SELECT max(id) FROM scans)").fetchone()
    con.close()
    assert not complete
    # the inventory still takes scans and diffs them
    again = store_lab.netscan("scan", "--quiet", "--db", db, "--format", "json", "-o", out, store_lab.state.subnet)
    assert again.returncode in (0, 4), again.stderr[-2000:]
    final = _check_store(db, kept)
    assert len(final) == len(kept) + 1


def test_watch_three_scans_then_sigterm(store_lab: StoreLab) -> None:
    store_lab.up([_profile("axis-m3045v"), _profile("hikvision-ds2cd2032-v540")])
    db = str(store_lab.tmp / "watch.sqlite")
    events_file = store_lab.tmp / "watch-events.jsonl"
    proc = subprocess.Popen(["ip", "netns", "exec", store_lab.state.scanner_netns, sys.executable, "-m", "netscan",
                             "watch", "--every", "5s", "--db", db, "--site", "w", "--events", str(events_file),
                             "--webhook", "http://127.0.0.1:9/dead", store_lab.state.subnet],
                            cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        done = 0
        while time.monotonic() < deadline and proc.poll() is None:
            text = events_file.read_text() if events_file.exists() else ""
            done = sum(1 for line in text.splitlines() if json.loads(line)["type"] == "scan-complete")
            if done >= 3:
                break
            time.sleep(0.5)
        assert done >= 3, proc.stderr.read() if proc.poll() is not None else "fewer than 3 scans in 180 s"
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(60)  # stops after the current step (a watch that ignored SIGTERM fails here)
        assert rc == 0, proc.stderr.read()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        if proc.stderr is not None:
            proc.stderr.close()
    events = [json.loads(line) for line in events_file.read_text().splitlines()]
    assert events[-1]["type"] == "watch-stopped"
    starts = [e["time"] for e in events if e["type"] == "scan-complete"]
    assert len(starts) >= 3
    con = sqlite3.connect(db)
    try:
        complete = con.execute("SELECT count(*) FROM scans WHERE site = 'w' AND complete").fetchone()[0]
    finally:
        con.close()
    assert complete >= 3
    # an unchanged lab: no change events between the scans
    assert not [e for e in events if e["type"] not in ("watch-started", "scan-complete", "scan-incomplete", "watch-stopped")]
