"""Reports are written as they are rendered: the streamed output equals the rendered one, and a
large table is one line per device (no rich layout of the whole table)."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

from netscan.model import Observation, Response
from netscan.observations import load_path
from netscan.pipeline import analyse
from netscan.report import FORMATS, render, write
from netscan.report.plaintable import LARGE_REPORT

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def test_streamed_equals_rendered() -> None:
    obs = [o for p in sorted(CORPUS.glob("*/*.json"))[:60] for o in load_path(p)]
    obs = [replace(o, ip=f"10.1.{i // 250}.{i % 250 + 1}") for i, o in enumerate(obs)]
    report = analyse(obs, now=NOW)
    for fmt in FORMATS:
        buf = io.StringIO()
        write(report, fmt, buf)
        assert buf.getvalue() == render(report, fmt), fmt
    assert json.loads(render(report, "json")) == report.to_dict()


def test_large_table_one_line_per_device() -> None:
    evil = "\x1b[31m\u009b2J\u202e"
    raw = f"HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\n\r\n<html><title>{evil}x</title></html>"
    n = LARGE_REPORT + 500
    obs = [Observation(ip=f"10.2.{i // 250}.{i % 250 + 1}", mac=None,
                       responses=(Response(protocol="http", port=80, raw=raw),)) for i in range(n)]
    report = analyse(obs, now=NOW)
    buf = io.StringIO()
    write(report, "table", buf, width=120)
    lines = buf.getvalue().splitlines()
    device_lines = [ln for ln in lines if ln.startswith("10.2.")]
    assert len(device_lines) == n
    assert "\x1b" not in buf.getvalue() and "\u009b" not in buf.getvalue() and "\u202e" not in buf.getvalue()
    assert lines[-1].startswith(f"{n} devices")
