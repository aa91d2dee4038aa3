"""The inventory's changes since the previous scan in every report format: `netscan report` in table,
CSV and JSON Lines shows the same changes as JSON (and HTML), the large-report table too, and --sort/--only
views keep the inventory's additions (changes, accepted findings, device ids)."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from netscan.cli import main
from netscan.cli.outfile import Output
from netscan.cli.output import emit_all
from netscan.model import Report
from netscan.report.plaintable import write_plain_table
from netscan.store import open_store, store_scan
from tests.store.helpers import device, finding, report

CAM = device("10.0.0.5", "44:19:b6:00:00:01", serial="DS-2CD2032-I20160101AAWR500000001", firmware="V5.4.0",
             findings=[finding("cve", "critical", "CVE-2017-7921")])
AXIS = device("10.0.0.6", "00:40:8c:00:00:06", vendor="Axis", model="M3045-V", firmware="9.80.1")
DAHUA = device("10.0.0.7", "00:12:34:00:00:07", vendor="Dahua", model="IPC-HFW3441E", firmware="2.800")


@pytest.fixture()
def inventory(tmp_path: Path) -> str:
    """Two scans of a site: the Hikvision camera upgraded (CVE resolved, telnet found), the Axis
    camera gone, a Dahua camera new."""
    db = str(tmp_path / "inv.sqlite")
    store = open_store(db)
    try:
        for devices, start in (([CAM, AXIS], "2026-01-01T00:00:00Z"),
                               ([{**CAM, "firmware": "V5.5.3", "findings": [finding("telnet-open", "medium")]}, DAHUA],
                                "2026-01-02T00:00:00Z")):
            sid = store.begin_scan(site="hq", source="scan", targets=["10.0.0.0/24"])
            store_scan(store, sid, report(devices, start=start), None, complete=True)
    finally:
        store.close()
    return db


def _report(db: str, fmt: str, tmp_path: Path) -> str:
    out = tmp_path / f"r.{fmt}"
    assert main(["report", "--db", db, "--site", "hq", "--format", fmt, "-o", str(out)]) == 0
    return out.read_text()


EXPECTED = [("device-new", "10.0.0.7"), ("device-gone", "10.0.0.6"), ("firmware-changed", "10.0.0.5"),
            ("finding-new", "10.0.0.5"), ("finding-resolved", "10.0.0.5")]


def test_json_has_the_changes(inventory: str, tmp_path: Path) -> None:
    doc = json.loads(_report(inventory, "json", tmp_path))
    assert [(e["type"], e["device"]["ip"]) for e in doc["changes"]] == EXPECTED


def test_jsonl_has_the_changes(inventory: str, tmp_path: Path) -> None:
    """JSON Lines: the header line, one line with the same changes as the JSON report, the devices;
    `inventory import` of that file takes the devices and ignores the changes line."""
    whole = json.loads(_report(inventory, "json", tmp_path))
    lines = [json.loads(x) for x in _report(inventory, "jsonl", tmp_path).splitlines()]
    assert list(lines[0]) == ["scan"] and list(lines[1]) == ["changes"]
    assert lines[1]["changes"] == whole["changes"] and [(e["type"], e["device"]["ip"]) for e in lines[1]["changes"]] == EXPECTED
    assert lines[2:] == whole["devices"]
    saved = tmp_path / "saved.jsonl"
    saved.write_text("".join(json.dumps(x) + "\n" for x in lines))
    db = str(tmp_path / "imported.sqlite")
    assert main(["inventory", "import", "--db", db, str(saved)]) == 0
    store = open_store(db)
    try:
        assert sorted(d["ip"] for d in store.devices()) == ["10.0.0.5", "10.0.0.7"]
    finally:
        store.close()


def test_jsonl_changes_line_only_when_compared() -> None:
    """No changes line for a report that was not compared; an empty one when nothing changed;
    streamed output equals the rendered one."""
    from netscan.report import render, write

    plain = render(report([CAM]), "jsonl").splitlines()
    assert len(plain) == 2 and "changes" not in json.loads(plain[0]) and "changes" not in json.loads(plain[1])
    rep = Report.from_dict({**report([CAM, AXIS]), "changes": []})
    lines = render(rep, "jsonl").splitlines()
    assert json.loads(lines[1]) == {"changes": []} and len(lines) == 4
    buf = io.StringIO()
    write(rep, "jsonl", buf)
    assert buf.getvalue() == render(rep, "jsonl")


def test_table_shows_the_changes(inventory: str, tmp_path: Path) -> None:
    text = _report(inventory, "table", tmp_path)
    section = text[text.index("Changes since the previous scan (5)"):]
    lines = section.splitlines()
    for kind, ip in EXPECTED:
        assert any(kind in line and ip in line for line in lines), (kind, ip, section)
    fw = next(line for line in lines if "firmware-changed" in line)
    assert "V5.4.0" in fw and "V5.5.3" in fw and "up" in fw
    assert any("finding-new" in line and "medium telnet-open" in line for line in lines)
    assert "5 changes since the previous scan" in " ".join(text.split())  # the summary (it may wrap)


def test_csv_shows_the_changes(inventory: str, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_report(inventory, "csv", tmp_path))))
    by_ip = {r["ip"]: r for r in rows}
    assert [r["ip"] for r in rows] == ["10.0.0.5", "10.0.0.7", "10.0.0.6"]  # the gone device last
    cam = by_ip["10.0.0.5"]["changes"].split(";")
    assert cam == ["firmware-changed V5.4.0 -> V5.5.3 (up)", "finding-new medium telnet-open",
                   "finding-resolved critical CVE-2017-7921"]
    assert by_ip["10.0.0.7"]["changes"] == "device-new"
    gone = by_ip["10.0.0.6"]
    assert gone["changes"] == "device-gone" and (gone["vendor"], gone["model"], gone["firmware"]) == ("Axis", "M3045-V", "9.80.1")


def test_csv_without_inventory_has_no_changes_column() -> None:
    from netscan.report import render

    header = render(report([CAM]), "csv").splitlines()[0]
    assert "changes" not in header.split(",")


def test_large_table_shows_the_changes(inventory: str, tmp_path: Path) -> None:
    rep = Report.from_dict(json.loads(_report(inventory, "json", tmp_path)))
    buf = io.StringIO()
    write_plain_table(rep, buf)
    text = buf.getvalue()
    section = text[text.index("Changes since the previous scan (5)"):].splitlines()
    assert [line.split()[0] for line in section[3:8]] == [k for k, _ in EXPECTED]
    assert text.rstrip().endswith("5 changes since the previous scan")


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_sorted_and_filtered_views_keep_the_inventory_additions(inventory: str, tmp_path: Path, fmt: str) -> None:
    doc: dict[str, Any] = json.loads(_report(inventory, "json", tmp_path))
    doc["devices"][0]["findings"][0]["accepted"] = True
    out = tmp_path / f"view.{fmt}"
    emit_all(doc, [Output(str(out), fmt)], argparse.Namespace(sort="severity", only="video"))
    text = out.read_text()
    if fmt == "json":
        got = json.loads(text)
        assert got["changes"] == doc["changes"]
        assert got["devices"][0]["findings"][0]["accepted"] is True
        assert {d["device_id"] for d in got["devices"]} == {d["device_id"] for d in doc["devices"]}
    else:
        assert "device-gone" in text and "firmware-changed" in text


def test_hostile_strings_in_changes_stay_inert() -> None:
    from netscan.report import render

    evil = "=HYPERLINK(\"x\")\x1b[2J[bold]"
    doc = {**report([CAM]), "changes": [
        {"type": "firmware-changed", "device": {"id": 1, "ip": "10.0.0.5", "vendor": evil, "model": evil},
         "before": evil, "after": "V5.5.3", "direction": "up"},
        {"type": "device-gone", "device": {"id": 2, "ip": "10.0.0.6", "vendor": evil, "model": evil, "firmware": evil},
         "findings": []},
    ]}
    for fmt in ("table", "csv"):
        text = render(doc, fmt, width=200)
        assert "\x1b" not in text and "\\x1b" in text, fmt
    rows = list(csv.reader(io.StringIO(render(doc, "csv"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    buf = io.StringIO()
    write_plain_table(Report.from_dict(doc), buf)
    assert "\x1b" not in buf.getvalue() and "\\x1b" in buf.getvalue()
