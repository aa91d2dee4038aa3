"""Pure renderers of a :class:`~netscan.model.Report`: table (rich), json, jsonl, csv, html.

The report is built by ``netscan.pipeline.analyse`` (devices and findings already in their stable
order; renderers do not re-sort devices). A saved JSON report document (``{"scan": {...},
"devices": [...]}``) is accepted too: it is read with ``Report.from_dict`` (the JSON formats write it
back as it was). Renderers return strings; only the CLI decides where they go.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netscan.model import Report

__all__ = ["FORMATS", "as_report", "render"]

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "html")


def as_report(doc: Report | Mapping[str, Any]) -> Report:
    """A Report, from a Report or a JSON report document."""
    return doc if isinstance(doc, Report) else Report.from_dict(doc)


def render(doc: Report | Mapping[str, Any], fmt: str, *, width: int = 160, color: bool = False) -> str:
    """Render a report in the given format (each renderer is imported on first use: a JSON report
    from cron should not pay for rich)."""
    if fmt in ("json", "jsonl"):
        from netscan.report.jsonfmt import render_json, render_jsonl

        data = doc.to_dict() if isinstance(doc, Report) else doc
        return render_json(data) if fmt == "json" else render_jsonl(data)
    doc = as_report(doc)
    if fmt == "csv":
        from netscan.report.csvfmt import render_csv

        return render_csv(doc)
    if fmt == "html":
        from netscan.report.htmlfmt import render_html

        return render_html(doc)
    if fmt == "table":
        from netscan.report.table import render_table

        return render_table(doc, width=width, color=color)
    raise ValueError(f"unknown format {fmt!r}")
