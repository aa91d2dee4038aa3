"""CSV report: one row per device. Cells that a spreadsheet would run as a formula are quoted."""

from __future__ import annotations

import csv
import io
from typing import TextIO

from netscan.model import Report
from netscan.report.safe import visible

COLUMNS = ("ip", "mac", "vendor", "brand", "model", "firmware", "device_type", "confidence",
           "covered", "open_ports", "findings", "worst_severity")


def _cell(value: object) -> str:
    text = visible(value, 1000)
    if text[:1] in ("=", "+", "-", "@"):  # CSV injection (OWASP): keep it text
        text = "'" + text
    return text


def render_csv(report: Report) -> str:
    """CSV with a header row."""
    buf = io.StringIO()
    write_csv(report, buf)
    return buf.getvalue()


def write_csv(report: Report, out: TextIO) -> None:
    """CSV with a header row, written row by row to ``out``."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for d in report.devices:
        i = d.identification
        worst = d.worst
        w.writerow([
            _cell(i.ip), _cell(i.mac), _cell(i.vendor), _cell(i.brand),
            _cell(i.model), _cell(i.firmware), _cell(i.device_type),
            i.reported_confidence, ";".join(i.covered.lists) if i.covered is not None else "",
            " ".join(str(p) for p in d.open_ports),
            ";".join(_cell(f.id) + (":" + _cell(f.cve) if f.cve else "") for f in d.findings),
            worst.value if worst is not None else "",
        ])
