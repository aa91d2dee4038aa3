"""CSV report: one row per device. Cells that a spreadsheet would run as a formula are quoted.

A report compared with the previous scan (from the inventory: ``netscan report``, a recorded scan)
has one more column, ``changes``: each device's change events (docs/watch.md) in a few words, and
the devices that are gone follow as rows of their own (as last seen; ``changes`` is ``device-gone``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any, TextIO

from netscan.model import Report, Severity
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
    from netscan.report.changes import change_text, changes_of, gone

    events = report.changes
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS if events is None else (*COLUMNS, "changes"))
    for d in report.devices:
        i = d.identification
        worst = d.worst
        row: list[Any] = [
            _cell(i.ip), _cell(i.mac), _cell(i.vendor), _cell(i.brand),
            _cell(i.model), _cell(i.firmware), _cell(i.device_type),
            i.reported_confidence, ";".join(i.covered.lists) if i.covered is not None else "",
            " ".join(str(p) for p in d.open_ports),
            ";".join(_cell(f.id) + (":" + _cell(f.cve) if f.cve else "") for f in d.findings),
            worst.value if worst is not None else "",
        ]
        if events is not None:
            mine = changes_of(events, d.extra.get("device_id"), i.ip, i.mac)
            row.append(";".join(_cell(change_text(e)) for e in mine))
        w.writerow(row)
    for e in gone(events or ()):
        w.writerow(_gone_row(e))


def _gone_row(e: Mapping[str, Any]) -> list[Any]:
    """A device of the previous scan that this one did not see, as last seen."""
    from netscan.report.changes import change_text

    d = e.get("device") or {}
    fl = [f for f in e.get("findings") or [] if isinstance(f, Mapping)]
    worst = Severity.worst(s for s in (Severity.parse(f.get("severity")) for f in fl) if s is not None)
    return [
        _cell(d.get("ip")), _cell(d.get("mac")), _cell(d.get("vendor")), _cell(d.get("brand")),
        _cell(d.get("model")), _cell(d.get("firmware")), _cell(d.get("device_type")),
        "", "yes" if d.get("covered") else "", "",
        ";".join(_cell(f.get("id")) + (":" + _cell(f.get("cve")) if f.get("cve") else "") for f in fl),
        worst.value if worst is not None else "", _cell(change_text(e)),
    ]
