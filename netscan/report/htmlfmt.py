"""Self-contained HTML report. Every device string is escaped; a strict Content-Security-Policy
forbids scripts and remote loads, so even a missed escape could not run code."""

from __future__ import annotations

import html

from netscan.model import Counts, Report
from netscan.report.safe import html_text

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
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


def render_html(report: Report) -> str:
    """The report as one HTML page."""
    scan = report.scan
    counts = scan.counts or Counts()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(_CSP)}">',
        "<title>netscan report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>netscan report</h1>",
        "<p id=\"summary\">"
        f"{counts.devices} devices, {counts.video_devices} cameras/recorders, "
        f"{counts.covered} from covered vendors. "
        f"Targets: {html_text(' '.join(scan.targets) or scan.input or '')}. "
        f"Generated {html_text(scan.generated or '')}."
        + (" <strong>Incomplete: the scan was interrupted.</strong>" if scan.incomplete else "")
        + "</p>",
    ]
    sev = counts.findings
    if sev:
        out.append('<table id="severity">' + _row([html.escape(k.value) for k in sev], "th") + _row([str(int(v)) for v in sev.values()]) + "</table>")
    out.append('<h2>Devices</h2><table id="devices">')
    out.append(_row(["IP", "MAC", "Vendor", "Brand", "Model", "Firmware", "Type", "Confidence", "Covered", "Open ports", "Evidence"], "th"))
    for d in report.devices:
        i = d.identification
        cov = i.covered
        ev = i.evidence
        ev_html = "<details><summary>" + str(len(ev)) + " items</summary><ul>" + "".join(
            f"<li>{html_text(e.kind)} {html_text(e.source)}: {html_text(e.detail, 300)} "
            f"{html_text(e.extracted, 300)}</li>" for e in ev[:50]) + "</ul></details>"
        out.append(_row([
            html_text(i.ip), html_text(i.mac), html_text(i.vendor), html_text(i.brand),
            html_text(i.model), html_text(i.firmware), html_text(i.device_type),
            f"{i.reported_confidence:.2f}",
            f'<span class="covered">{html_text(", ".join(cov.lists))}</span>' if cov is not None else "",
            html_text(" ".join(str(p) for p in d.open_ports)), ev_html,
        ]))
    out.append("</table>")
    rows = [(d, f) for d in report.devices for f in d.findings]
    if rows:
        rows.sort(key=lambda r: (r[1].severity.rank, str(r[0].identification.ip)))
        out.append('<h2>Findings</h2><table id="findings">')
        out.append(_row(["Severity", "IP", "Device", "Finding", "Title", "Remediation"], "th"))
        for d, f in rows:
            i = d.identification
            sev_name = f.severity.value
            out.append(
                f'<tr><td class="sev-{sev_name}">{html_text(sev_name)}</td><td>{html_text(i.ip)}</td>'
                f'<td>{html_text(" ".join(x for x in (i.vendor, i.model) if x))}</td>'
                f'<td>{html_text(f.cve or f.id)}</td><td>{html_text(f.title)}</td>'
                f'<td>{html_text(f.remediation, 600)}</td></tr>'
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
