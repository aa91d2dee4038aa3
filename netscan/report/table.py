"""Terminal report: an inventory table and a findings table, built from rich renderables.

Device strings only ever enter as ``Text(visible(...))``; nothing is parsed as markup.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from netscan.model import Counts, Device, Report, Severity
from netscan.report.safe import visible

_SEV_STYLE = {Severity.CRITICAL: "bold red", Severity.HIGH: "red", Severity.MEDIUM: "yellow",
              Severity.LOW: "cyan", Severity.INFO: "dim"}


def _t(value: object, style: str = "") -> Text:
    return Text(visible(value), style=style)


_LIST_SHORT = {"NDAA-889": "NDAA", "FCC-covered-list": "FCC"}


def _type(d: Device) -> str:
    """The device type; an unknown one says why (silent or unrecognised, see identify/account.py)."""
    t = d.identification.device_type
    if t == "unknown" and d.notes and ":" in d.notes[0]:
        return f"unknown ({d.notes[0].split(':', 1)[0]})"
    return t


def inventory_table(report: Report) -> Table:
    """One row per device."""
    t = Table(title="Devices", show_lines=False, expand=False)
    t.add_column("IP", no_wrap=True)
    t.add_column("MAC", no_wrap=True)
    for col in ("Maker", "Brand", "Model", "Firmware", "Type"):
        t.add_column(col, overflow="fold")
    t.add_column("Conf.", no_wrap=True)
    t.add_column("Covered", no_wrap=True)
    t.add_column("Ports", overflow="fold")
    t.add_column("Findings", no_wrap=True)
    for d in report.devices:
        i = d.identification
        worst = d.worst
        covered = "+".join(_LIST_SHORT.get(x, x) for x in i.covered.lists) if i.covered is not None else ""
        t.add_row(
            _t(i.ip), _t(i.mac), _t(i.vendor, "bold"), _t(i.brand),
            _t(i.model), _t(i.firmware), _t(_type(d)),
            Text(f"{i.reported_confidence:.2f}"),
            Text(covered, style="bold red"),
            Text(" ".join(str(p) for p in d.open_ports)),
            Text(f"{len(d.findings)} {worst.value}", style=_SEV_STYLE[worst]) if worst is not None else Text("0"),
        )
    return t


def findings_table(report: Report) -> Table | None:
    """One row per finding, worst first; None when there are none."""
    rows = [(d, f) for d in report.devices for f in d.findings]
    if not rows:
        return None
    rows.sort(key=lambda r: (r[1].severity.rank, str(r[0].identification.ip)))
    t = Table(title="Findings", expand=False)
    for col in ("Severity", "IP", "Device", "Finding", "Detail"):
        t.add_column(col, overflow="fold")
    for d, f in rows:
        i = d.identification
        t.add_row(
            Text(f.severity.value, style=_SEV_STYLE[f.severity]), _t(i.ip),
            _t(" ".join(x for x in (i.vendor, i.model) if x)),
            _t(f.cve or f.id), _t(f.title),
        )
    return t


def summary_text(report: Report) -> Text:
    """A one-line summary of the scan."""
    scan = report.scan
    counts = scan.counts or Counts()
    sev = counts.findings
    parts = [f"{counts.devices} devices", f"{counts.video_devices} cameras/recorders",
             f"{counts.covered} from covered vendors"]
    if sev:
        parts.append("findings: " + ", ".join(f"{k.value} {v}" for k, v in sev.items() if v) if any(sev.values()) else "no findings")
    if scan.incomplete:
        parts.append("INCOMPLETE (interrupted)")
    return Text(" · ".join(parts))


def renderables(report: Report | Mapping[str, Any]) -> Group:
    """Everything the table report shows, as one rich renderable (a JSON report document is
    read with ``Report.from_dict``)."""
    if not isinstance(report, Report):
        report = Report.from_dict(report)
    items: list[Any] = [inventory_table(report)]
    ft = findings_table(report)
    if ft is not None:
        items.append(ft)
    items.append(summary_text(report))
    return Group(*items)


def render_table(report: Report, width: int = 160, color: bool = False) -> str:
    """Render to a string (ANSI styles only when ``color``)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color, highlight=False, emoji=False)
    console.print(renderables(report))
    return buf.getvalue()
