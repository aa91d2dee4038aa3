"""Terminal report: an inventory table and a findings table, built from rich renderables.

Device strings only ever enter as ``Text(visible(...))``; nothing is parsed as markup.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from netscan.report.safe import visible

_SEV_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}
_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def _t(value: object, style: str = "") -> Text:
    return Text(visible(value), style=style)


_LIST_SHORT = {"NDAA-889": "NDAA", "FCC-covered-list": "FCC"}


def inventory_table(doc: dict[str, Any]) -> Table:
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
    for d in doc.get("devices", []):
        findings = d.get("findings") or []
        worst = min((f.get("severity", "info") for f in findings), key=lambda s: _ORDER.get(s, 9), default=None)
        cov = d.get("covered")
        covered = "+".join(_LIST_SHORT.get(x, x) for x in cov.get("lists", [])) if isinstance(cov, dict) else ""
        t.add_row(
            _t(d.get("ip")), _t(d.get("mac")), _t(d.get("vendor"), "bold"), _t(d.get("brand")),
            _t(d.get("model")), _t(d.get("firmware")), _t(d.get("device_type")),
            Text(f"{d.get('confidence', 0):.2f}"),
            Text(covered, style="bold red"),
            Text(" ".join(str(p) for p in d.get("open_ports", []))),
            Text(f"{len(findings)} {worst}", style=_SEV_STYLE.get(worst or "", "")) if findings else Text("0"),
        )
    return t


def findings_table(doc: dict[str, Any]) -> Table | None:
    """One row per finding, worst first; None when there are none."""
    rows = []
    for d in doc.get("devices", []):
        for f in d.get("findings") or []:
            rows.append((_ORDER.get(f.get("severity", "info"), 9), d, f))
    if not rows:
        return None
    rows.sort(key=lambda r: (r[0], str(r[1].get("ip"))))
    t = Table(title="Findings", expand=False)
    for col in ("Severity", "IP", "Device", "Finding", "Detail"):
        t.add_column(col, overflow="fold")
    for _, d, f in rows:
        sev = f.get("severity", "info")
        t.add_row(
            Text(sev, style=_SEV_STYLE.get(sev, "")), _t(d.get("ip")),
            _t(" ".join(x for x in (d.get("vendor"), d.get("model")) if x)),
            _t(f.get("cve") or f.get("id")), _t(f.get("title")),
        )
    return t


def summary_text(doc: dict[str, Any]) -> Text:
    """A one-line summary of the scan."""
    scan = doc.get("scan", {})
    counts = scan.get("counts", {})
    sev = counts.get("findings", {})
    parts = [f"{counts.get('devices', 0)} devices", f"{counts.get('video_devices', 0)} cameras/recorders",
             f"{counts.get('covered', 0)} from covered vendors"]
    if sev:
        parts.append("findings: " + ", ".join(f"{k} {v}" for k, v in sev.items() if v) if any(sev.values()) else "no findings")
    if scan.get("incomplete"):
        parts.append("INCOMPLETE (interrupted)")
    return Text(" · ".join(parts))


def renderables(doc: dict[str, Any]) -> Group:
    """Everything the table report shows, as one rich renderable."""
    items: list[Any] = [inventory_table(doc)]
    ft = findings_table(doc)
    if ft is not None:
        items.append(ft)
    items.append(summary_text(doc))
    return Group(*items)


def render_table(doc: dict[str, Any], width: int = 160, color: bool = False) -> str:
    """Render to a string (ANSI styles only when ``color``)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color, highlight=False, emoji=False)
    console.print(renderables(doc))
    return buf.getvalue()
