"""Pure renderers of a report document: table (rich), json, jsonl, csv, html.

A document is ``{"scan": {...header...}, "devices": [device dicts]}`` as built by
``netscan.pipeline.analyse``. Renderers return strings; only the CLI decides where they go.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMATS", "render"]

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "html")


def render(doc: dict[str, Any], fmt: str, *, width: int = 160, color: bool = False) -> str:
    """Render a report document in the given format (each renderer is imported on first use:
    a JSON report from cron should not pay for rich)."""
    if fmt == "json":
        from netscan.report.jsonfmt import render_json

        return render_json(doc)
    if fmt == "jsonl":
        from netscan.report.jsonfmt import render_jsonl

        return render_jsonl(doc)
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
