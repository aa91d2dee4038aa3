"""Self-contained HTML report. Every device string is escaped; a strict Content-Security-Policy
forbids scripts and remote loads, so even a missed escape could not run code."""

from __future__ import annotations

import html
from typing import Any

from netscan.report.safe import html_text

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:14px}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.sev-critical{background:#b00020;color:#fff}.sev-high{background:#e53935;color:#fff}
.sev-medium{background:#ffb300}.sev-low{background:#81d4fa}.sev-info{background:#eee}
.covered{color:#b00020;font-weight:bold}
details{margin:2px 0}
"""


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"


def render_html(doc: dict[str, Any]) -> str:
    """The report as one HTML page."""
    scan = doc.get("scan", {})
    counts = scan.get("counts", {})
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(_CSP)}">',
        "<title>netscan report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>netscan report</h1>",
        "<p id=\"summary\">"
        f"{int(counts.get('devices', 0))} devices, {int(counts.get('video_devices', 0))} cameras/recorders, "
        f"{int(counts.get('covered', 0))} from covered vendors. "
        f"Targets: {html_text(' '.join(map(str, scan.get('targets', []))) or scan.get('input', ''))}. "
        f"Generated {html_text(scan.get('generated', ''))}."
        + (" <strong>Incomplete: the scan was interrupted.</strong>" if scan.get("incomplete") else "")
        + "</p>",
    ]
    sev = counts.get("findings") or {}
    if sev:
        out.append('<table id="severity">' + _row([html.escape(k) for k in sev], "th") + _row([str(int(v)) for v in sev.values()]) + "</table>")
    out.append('<h2>Devices</h2><table id="devices">')
    out.append(_row(["IP", "MAC", "Vendor", "Brand", "Model", "Firmware", "Type", "Confidence", "Covered", "Open ports", "Evidence"], "th"))
    for d in doc.get("devices", []):
        cov = d.get("covered")
        ev = d.get("evidence") or []
        ev_html = "<details><summary>" + str(len(ev)) + " items</summary><ul>" + "".join(
            f"<li>{html_text(e.get('kind'))} {html_text(e.get('source'))}: {html_text(e.get('detail'), 300)} "
            f"{html_text(e.get('extracted'), 300)}</li>" for e in ev[:50]) + "</ul></details>"
        out.append(_row([
            html_text(d.get("ip")), html_text(d.get("mac")), html_text(d.get("vendor")), html_text(d.get("brand")),
            html_text(d.get("model")), html_text(d.get("firmware")), html_text(d.get("device_type")),
            f"{float(d.get('confidence') or 0):.2f}",
            f'<span class="covered">{html_text(", ".join(cov.get("lists", [])))}</span>' if isinstance(cov, dict) else "",
            html_text(" ".join(str(p) for p in d.get("open_ports", []))), ev_html,
        ]))
    out.append("</table>")
    rows = [(_ORDER.get(f.get("severity", "info"), 9), d, f) for d in doc.get("devices", []) for f in d.get("findings") or []]
    if rows:
        rows.sort(key=lambda r: (r[0], str(r[1].get("ip"))))
        out.append('<h2>Findings</h2><table id="findings">')
        out.append(_row(["Severity", "IP", "Device", "Finding", "Title", "Remediation"], "th"))
        for _, d, f in rows:
            sev_name = str(f.get("severity", "info"))
            sev_class = sev_name if sev_name in _ORDER else "info"
            out.append(
                f'<tr><td class="sev-{sev_class}">{html_text(sev_name)}</td><td>{html_text(d.get("ip"))}</td>'
                f'<td>{html_text(" ".join(x for x in (d.get("vendor"), d.get("model")) if x))}</td>'
                f'<td>{html_text(f.get("cve") or f.get("id"))}</td><td>{html_text(f.get("title"))}</td>'
                f'<td>{html_text(f.get("remediation"), 600)}</td></tr>'
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
