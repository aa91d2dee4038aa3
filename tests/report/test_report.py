"""Reporters: every format, and hostile device strings kept harmless (terminal, CSV, HTML in a
real headless Chromium)."""

from __future__ import annotations

import csv
import io
import json
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


def test_html_report_in_chromium(tmp_path: Path) -> None:
    """Real headless Chromium: the page renders under its CSP, sorting and filtering work, hostile
    strings are text, an injected script (a missed escape) would not run, a screenshot is written."""
    from tests.report.chromium import Chromium

    doc = _doc()
    doc["changes"] = [{"type": "firmware-changed", "device": {"ip": "10.0.0.5", "vendor": "Hikvision", "model": HOSTILE},
                       "before": "V5.4.0", "after": "V5.3.0", "direction": "down"}]
    page = render(doc, "html")
    assert page.count("<script>") == 1 and "unsafe-inline" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert " style=" not in page and " onclick" not in page
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    # the same page with a "missed escape": a script the CSP must refuse
    tampered = tmp_path / "tampered.html"
    tampered.write_text(page.replace("<h1>", "<script>document.title='xss'</script><h1>"), encoding="utf-8")
    with Chromium(tmp_path) as browser:
        browser.open(path.as_uri())
        rows = "Array.from(document.querySelectorAll('#devices tbody tr'))"
        assert browser.evaluate("document.title") == "netscan report"
        assert browser.evaluate("document.body.classList.contains('js')")  # our (hashed) script ran
        assert browser.evaluate("document.querySelectorAll('script').length") == 1
        assert browser.evaluate("getComputedStyle(document.querySelector('.covered')).fontWeight") == "700"  # hashed style applies
        assert browser.evaluate("document.querySelectorAll('#charts svg rect').length") >= 4
        assert browser.evaluate(f"{rows}.map(r => r.cells[0].textContent)") == ["10.0.0.5", "10.0.0.1"]
        browser.evaluate("document.querySelectorAll('#devices th')[0].click()")  # sort by IP
        assert browser.evaluate(f"{rows}.map(r => r.cells[0].textContent)") == ["10.0.0.1", "10.0.0.5"]
        browser.evaluate("document.querySelectorAll('#devices th')[7].click()")  # confidence, ascending
        browser.evaluate("document.querySelectorAll('#devices th')[7].click()")  # and descending
        assert browser.evaluate(f"{rows}.map(r => r.cells[7].textContent)") == ["0.93", "0.50"]
        browser.evaluate("var f = document.getElementById('filter'); f.value = 'mikro'; f.dispatchEvent(new Event('input'))")
        assert browser.evaluate(f"{rows}.filter(r => !r.hidden).map(r => r.cells[2].textContent)") == ["MikroTik"]
        assert browser.evaluate("document.getElementById('shown').textContent") == "1 of 2 devices shown"
        text = browser.evaluate("document.body.innerText")
        assert "<script>document.title='xss'</script>" in text and "\\x1b[2J" in text  # shown as text
        assert "V5.3.0 (down)" in text
        shot = browser.screenshot(tmp_path / "report.png")
        assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        browser.open(tampered.as_uri())
        assert browser.evaluate("document.title") == "netscan report"  # the injected script was refused
        assert browser.evaluate("document.body.classList.contains('js')")
