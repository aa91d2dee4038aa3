"""Plain row lists (inventory listings, histories, change events) as table, JSON, JSON Lines or CSV.

Pure: returns strings. Device strings pass through ``safe.visible`` in tables and ``csvfmt``'s
cell rule in CSV (no formula injection).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from netscan.report.safe import visible

ROW_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")


def _cell_csv(value: Any) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = visible(text, 10_000)
    # a leading = + - @ would make a spreadsheet evaluate the cell (CSV injection)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, *, title: str = "",
                width: int = 160, color: bool = False) -> str:
    """``rows`` (dicts) in ``fmt``; ``columns`` picks and orders what a table or CSV shows."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell_csv(r.get(c)) for c in columns])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title or None)
    for c in columns:
        t.add_column(c.replace("_", " ").capitalize(), overflow="fold")
    for r in rows:
        t.add_row(*[Text(_cell_text(r.get(c))) for c in columns])
    buf = io.StringIO()
    Console(file=buf, width=width, color_system="standard" if color else None, force_terminal=color,
            highlight=False, emoji=False).print(t)
    return buf.getvalue()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return visible(", ".join(str(v) for v in value))
    if isinstance(value, dict):
        return visible(json.dumps(value, ensure_ascii=False))
    return visible(value)
