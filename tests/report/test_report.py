"""Reporters: every format, and hostile device strings kept harmless (terminal, CSV, HTML in a
real headless Chromium)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from rich.console import Console

from netscan.report import render
from netscan.report.safe import visible
from netscan.report.table import renderables

HOSTILE = "\x1b[2J\x1b]0;pwned\x07[bold red]markup[/] <script>document.title='xss'</script> =cmd|' /C calc'!A0"


def _doc() -> dict:
    return {
        "scan": {"targets": ["10.0.0.0/24"], "generated": "2026-11-23T00:00:00Z",
                 "counts": {"devices": 2, "video_devices": 1, "covered": 1, "findings": {"critical": 1, "high": 0, "medium": 0, "low": 0, "info": 0}}},
        "devices": [
            {"ip": "10.0.0.5", "mac": "28:57:be:00:00:01", "vendor": "Hikvision", "brand": None, "model": HOSTILE,
             "firmware": "V5.4.0 build 160401", "device_type": "camera", "confidence": 0.93,
             "covered": {"covered": True, "lists": ["NDAA-889", "FCC-covered-list"], "entity": "Hikvision"},
             "open_ports": [80, 554], "services": [], "evidence": [{"kind": "rule", "source": "x", "detail": HOSTILE, "extracted": {"model": HOSTILE}}],
             "findings": [{"id": "cve", "severity": "critical", "title": HOSTILE, "cve": "CVE-2017-7921", "remediation": "update"}]},
            {"ip": "10.0.0.1", "mac": None, "vendor": "MikroTik", "brand": None, "model": None, "firmware": None,
             "device_type": "router", "confidence": 0.5, "covered": None, "open_ports": [], "services": [], "evidence": [], "findings": []},
        ],
    }


def test_visible_escapes_every_control_character() -> None:
    out = visible(HOSTILE)
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in out
    assert all(ord(c) >= 0x20 for c in visible("".join(chr(i) for i in range(0x00, 0xA0))))


def test_table_has_no_escape_sequences_and_no_markup_interpretation() -> None:
    buf = io.StringIO()
    Console(file=buf, width=200, force_terminal=True, color_system="truecolor").print(renderables(_doc()))
    out = buf.getvalue()
    assert "\x1b]0;pwned" not in out and "\x1b[2J" not in out
    assert "[bold red]markup[/]" in out.replace("\n", "").replace("│", "").replace(" ", "") or "[bold" in out
    plain = render(_doc(), "table", width=250)
    assert "\x1b" not in plain
    assert "Hikvision" in plain and "CVE-2017-7921" in plain


def test_json_and_jsonl_round_trip() -> None:
    doc = _doc()
    assert json.loads(render(doc, "json")) == doc
    lines = render(doc, "jsonl").splitlines()
    assert json.loads(lines[0]) == {"scan": doc["scan"]}
    assert [json.loads(x)["ip"] for x in lines[1:]] == ["10.0.0.5", "10.0.0.1"]


def test_csv_neutralises_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render(_doc(), "csv"))))
    assert rows[0][:3] == ["ip", "mac", "vendor"]
    assert rows[1][2] == "Hikvision" and rows[1][8] == "NDAA-889;FCC-covered-list"
    assert "\x1b" not in render(_doc(), "csv")
    doc = _doc()
    doc["devices"][1]["vendor"] = "=HYPERLINK(\"http://x\")"
    rows = list(csv.reader(io.StringIO(render(doc, "csv"))))
    assert rows[2][2].startswith("'=")


def test_html_escapes_and_runs_no_script_in_chromium() -> None:
    page = render(_doc(), "html")
    assert "<script>" not in page
    assert "Content-Security-Policy" in page
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is installed by scripts/bootstrap.sh"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page, encoding="utf-8")
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp}/profile", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout
    assert "<title>netscan report</title>" in dom  # the script did not rename the page
    assert "&lt;script&gt;" in dom  # the device string is shown as text
    assert 'id="devices"' in dom and dom.count("<tr>") >= 4
    assert "CVE-2017-7921" in dom
