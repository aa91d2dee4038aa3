"""Pure renderers of a :class:`~netscan.model.Report`: table (rich), json, jsonl, csv, html.

The report is built by ``netscan.pipeline.analyse`` (devices and findings already in their stable
order; renderers do not re-sort devices). A saved JSON report document (``{"scan": {...},
"devices": [...]}``) is accepted too: it is read with ``Report.from_dict`` (the JSON formats write it
back as it was). Renderers return strings; only the CLI decides where they go.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from netscan.model import Report

__all__ = ["FORMATS", "as_report", "render", "write"]

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "html")


def as_report(doc: Report | Mapping[str, Any]) -> Report:
    """A Report, from a Report or a JSON report document."""
    return doc if isinstance(doc, Report) else Report.from_dict(doc)


def render(doc: Report | Mapping[str, Any], fmt: str, *, width: int = 160, color: bool = False, sort: str = "ip",
           only: str | None = None) -> str:
    """Render a report in the given format (each renderer is imported on first use: a JSON report
    from cron should not pay for rich)."""
    if fmt in ("json", "jsonl"):
        from netscan.report.jsonfmt import render_json, render_jsonl

        data = doc.to_dict() if isinstance(doc, Report) else doc
        return render_json(data) if fmt == "json" else render_jsonl(data)
    doc = as_report(doc)
    if fmt == "html":  # the HTML report also shows the inventory's additions (changes, baseline, banners)
        from netscan.report.htmlfmt import render_html

        return render_html(doc)
    if fmt == "csv":
        from netscan.report.csvfmt import render_csv

        return render_csv(doc)
    if fmt == "table":
        from netscan.report.table import render_table

        return render_table(doc, width=width, color=color, sort=sort, only=only)
    raise ValueError(f"unknown format {fmt!r}")


class _LazyDevices(Mapping[str, Any]):
    """A Report seen as its JSON document, each device converted only when it is written: a
    report of 100,000 devices is never held twice (as objects and as one big dict)."""

    def __init__(self, report: Report) -> None:
        self._report = report

    def __getitem__(self, key: str) -> Any:
        if key == "scan":
            return self._report.scan.to_dict()
        if key == "devices":
            return (d.to_dict() for d in self._report.devices)
        if key == "changes" and self._report.changes is not None:
            return [dict(e) for e in self._report.changes]
        raise KeyError(key)

    def __iter__(self) -> Any:
        return iter(("scan", "devices") if self._report.changes is None else ("scan", "changes", "devices"))

    def __len__(self) -> int:
        return 2 if self._report.changes is None else 3


def write(doc: Report | Mapping[str, Any], fmt: str, out: TextIO, *, width: int = 160, color: bool = False,
          sort: str = "ip", only: str | None = None) -> None:
    """Render straight to a stream. JSON, JSON Lines and CSV are written device by device, so
    memory does not grow with the size of the report; the others are rendered, then written."""
    if fmt in ("json", "jsonl"):
        from netscan.report.jsonfmt import write_json, write_jsonl

        data = _LazyDevices(doc) if isinstance(doc, Report) else doc
        (write_json if fmt == "json" else write_jsonl)(data, out)
    elif fmt == "csv":
        from netscan.report.csvfmt import write_csv

        write_csv(as_report(doc), out)
    elif fmt == "table":
        rep = as_report(doc)
        if len(rep.devices) > _large_report():
            from netscan.report.plaintable import write_plain_table

            write_plain_table(rep, out, width, sort=sort, only=only)
        else:
            out.write(render(rep, fmt, width=width, color=color, sort=sort, only=only))
    else:
        out.write(render(doc, fmt, width=width, color=color, sort=sort, only=only))


def _large_report() -> int:
    from netscan.report.plaintable import LARGE_REPORT

    return LARGE_REPORT
