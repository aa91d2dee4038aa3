"""`netscan demo` end to end: lab up, real scan from the scanner namespace, report, lab down."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sub_prefix

PREFIX = sub_prefix("dm")


def _leftovers() -> list[str]:
    ns = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True, check=True).stdout
    return [line for line in (ns + links).splitlines() if PREFIX in line]


@pytest.mark.lab
def test_demo_scans_the_lab_and_cleans_up(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    users_inventory = tmp_path / "inventory.sqlite"  # the demo's made-up devices must not land here
    proc = subprocess.run(
        [sys.executable, "-m", "netscan", "demo", "--hosts", "5", "--lab-prefix", PREFIX, "--html", str(html)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "NETSCAN_DB": str(users_inventory)},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for expected in ("Hikvision", "Dahua", "Lorex", "Axis", "CVE-2017-7921", "not-activated", "NDAA+FCC"):
        assert expected in out, expected
    assert "\x1b]" not in out  # hostile banners never reach the terminal as escape sequences
    page = html.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "CVE-2021-33044" in page
    assert _leftovers() == []
    assert not users_inventory.exists()


def test_demo_passes_every_scanner_interface_when_scan_takes_several(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from netscan import cli
    from netscan.cli.demo import _iface_args

    def parser_with(action: str) -> argparse.ArgumentParser:
        p = argparse.ArgumentParser()
        sub = p.add_subparsers(dest="command")
        scan = sub.add_parser("scan")
        scan.add_argument("--iface", action=action)
        scan.add_argument("targets", nargs="*")
        return p

    monkeypatch.setattr(cli, "build_parser", lambda only=None: parser_with("append"))
    assert _iface_args(["ns-s0", "ns-s1"]) == ["--iface", "ns-s0", "--iface", "ns-s1"]
    assert _iface_args(["ns-s0"]) == []
    monkeypatch.setattr(cli, "build_parser", lambda only=None: parser_with("store"))
    assert _iface_args(["ns-s0", "ns-s1"]) == []  # one --iface only: let the scanner choose
