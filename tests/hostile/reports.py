"""One device answer rendered in every report format (table, coloured table, HTML, JSON, JSONL, CSV): the
hostile-value tests check each rendering escapes what the device sent."""

from __future__ import annotations

import datetime as dt

from netscan.model import Observation, Response
from netscan.pipeline import analyse
from netscan.report import render


def reports(protocol: str, raw: str) -> dict[str, str]:
    """Every report format of one observation at 10.0.0.2 with ``raw`` as its one answer (port 80)."""
    doc = analyse([Observation(ip="10.0.0.2", mac=None, responses=(Response(protocol=protocol, port=80, raw=raw),))],
                  now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    out = {fmt: render(doc, fmt) for fmt in ("table", "html", "json", "jsonl", "csv")}
    out["table-color"] = render(doc, "table", color=True)
    return out
