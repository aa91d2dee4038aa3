"""CSV report: one row per device. Cells that a spreadsheet would run as a formula are quoted."""

from __future__ import annotations

import csv
import io
from typing import Any

from netscan.report.safe import visible

COLUMNS = ("ip", "mac", "vendor", "brand", "model", "firmware", "device_type", "confidence",
           "covered", "open_ports", "findings", "worst_severity")
_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def _cell(value: object) -> str:
    text = visible(value, 1000)
    if text[:1] in ("=", "+", "-", "@"):  # CSV injection (OWASP): keep it text
        text = "'" + text
    return text


def render_csv(doc: dict[str, Any]) -> str:
    """CSV with a header row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for d in doc.get("devices", []):
        findings = d.get("findings") or []
        worst = min((f.get("severity", "info") for f in findings), key=lambda s: _ORDER.get(s, 9), default="")
        cov = d.get("covered")
        w.writerow([
            _cell(d.get("ip")), _cell(d.get("mac")), _cell(d.get("vendor")), _cell(d.get("brand")),
            _cell(d.get("model")), _cell(d.get("firmware")), _cell(d.get("device_type")),
            d.get("confidence", ""), ";".join(cov.get("lists", [])) if isinstance(cov, dict) else "",
            " ".join(str(p) for p in d.get("open_ports", [])),
            ";".join(_cell(f.get("id")) + (":" + _cell(f.get("cve")) if f.get("cve") else "") for f in findings),
            worst,
        ])
    return buf.getvalue()
