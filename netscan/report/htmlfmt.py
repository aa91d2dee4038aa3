"""The HTML report: one self-contained page an admin can hand on.

Summary counts, inline-SVG charts (devices by maker and type, findings by severity), the
covered-vendor and relabel section, the changes since the previous scan (when the report comes from
the inventory), a sortable and filterable device table, and every device's evidence and findings.

Safety: every device string goes through ``safe.html_text`` (control characters made visible, then
HTML-escaped). The page loads nothing: its Content-Security-Policy is ``default-src 'none'`` and
admits exactly one inline stylesheet and one inline script by their SHA-256 hashes, so even a missed
escape could not run a script, load a resource or send anything anywhere. No ``style=`` attributes
and no inline event handlers (both would need 'unsafe-inline').
"""

from __future__ import annotations

import base64
import hashlib
import html
import ipaddress
from collections import Counter
from collections.abc import Mapping
from typing import Any

from netscan.model import SEVERITIES, CoveredStatus, Finding, Identification, Report, Severity

from netscan.report.safe import html_text

_ORDER = {s.value: s.rank for s in Severity}  # the order is model.Severity's; unknown names rank 9
_SEVERITIES = SEVERITIES
_VIDEO = {"camera", "nvr", "dvr", "doorbell", "encoder"}
_LIST_NAMES = {"NDAA-889": "NDAA §889", "FCC-covered-list": "FCC Covered List"}
#: Bars per chart; the rest is summed into "other".
MAX_BARS = 12
#: Evidence items listed per device (a hostile device may produce many).
MAX_EVIDENCE = 50

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.5em 2em;max-width:1400px;color:#1d1d1f;background:#fff}
h1{margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555;margin:.2em 0}
.warn{background:#fff3cd;border:1px solid #e0c060;padding:.5em 1em}
.cards{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
.card b{display:block;font-size:1.8em}
.charts{display:flex;flex-wrap:wrap;gap:2em}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}
svg text{font-size:12px;fill:#1d1d1f}
.bar{fill:#3b6ea5}.bar-critical{fill:#b00020}.bar-high{fill:#e53935}.bar-medium{fill:#ffb300}.bar-low{fill:#4fa3d1}.bar-info{fill:#9e9e9e}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f0f0f0}
#devices th{cursor:pointer;user-select:none;white-space:nowrap}
#devices th[aria-sort=ascending]::after{content:" \\25B2"}#devices th[aria-sort=descending]::after{content:" \\25BC"}
.sev-critical{background:#b00020;color:#fff}.sev-high{background:#e53935;color:#fff}
.sev-medium{background:#ffb300}.sev-low{background:#81d4fa}.sev-info{background:#eee}
.covered{color:#b00020;font-weight:bold}
.accepted{color:#555;font-style:italic}
.mono{font-family:ui-monospace,monospace;word-break:break-all}
#filter{font-size:14px;padding:4px 8px;width:24em}
#controls{display:none}.js #controls{display:block}
details{margin:.3em 0;border:1px solid #e3e3e3;border-radius:4px;padding:.2em .6em}
summary{cursor:pointer;font-weight:600}
"""

_SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("devices");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var direction = {};
  function key(cell, type) {
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent; }
    if (type === "num") { var n = parseFloat(v); return isNaN(n) ? -Infinity : n; }
    return v.toLowerCase();
  }
  function sortBy(i) {
    var type = heads[i].getAttribute("data-type") || "text";
    var d = direction[i] = (direction[i] === 1 ? -1 : 1);
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[i], type), y = key(b.cells[i], type);
      return x < y ? -d : (x > y ? d : 0);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var j = 0; j < heads.length; j++) { heads[j].removeAttribute("aria-sort"); }
    heads[i].setAttribute("aria-sort", d === 1 ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(i); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(i); } });
  });
  var input = document.getElementById("filter");
  var shown = document.getElementById("shown");
  function filter() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(function (w) { return w; });
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var text = r.textContent.toLowerCase();
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      r.hidden = !hit;
      if (hit) { n++; }
    });
    shown.textContent = n + " of " + body.rows.length + " devices shown";
  }
  input.addEventListener("input", filter);
  document.body.classList.add("js");
  filter();
})();
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


#: The page's policy: nothing but the two inline blocks above (by hash) and data: images.
CSP = (f"default-src 'none'; style-src {_sha256(_STYLE)}; script-src {_sha256(_SCRIPT)}; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"


def _ip_sort(ip: Any) -> str:
    try:
        a = ipaddress.ip_address(str(ip))
        return f"{a.version}-{int(a):039d}"
    except ValueError:
        return "9-" + str(ip or "")


def _chart(title: str, items: list[tuple[str, int]], cls: dict[str, str] | None = None, ident: str = "") -> str:
    """A horizontal bar chart as inline SVG (no script, no style attribute)."""
    if not items:
        return f'<figure id="{ident}"><figcaption>{html.escape(title)}</figcaption><p>none</p></figure>'
    if len(items) > MAX_BARS:
        rest = sum(n for _, n in items[MAX_BARS - 1:])
        items = items[: MAX_BARS - 1] + [("other", rest)]
    top = max(n for _, n in items) or 1
    label_w, bar_w, h = 150, 220, 20
    height = h * len(items) + 4
    parts = [f'<figure id="{ident}"><figcaption>{html.escape(title)}</figcaption>',
             f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 50}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}">']
    for i, (label, n) in enumerate(items):
        y = i * h + 2
        w = max(1, round(bar_w * n / top))
        c = (cls or {}).get(label, "bar")
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{html_text(label, 24)}</text>'
                     f'<rect class="{c}" x="{label_w}" y="{y + 2}" width="{w}" height="{h - 6}"><title>{html_text(label)}: {n}</title></rect>'
                     f'<text x="{label_w + w + 5}" y="{y + 14}">{n}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _worst(findings: tuple[Finding, ...]) -> Severity | None:
    """The most severe finding not in the inventory's baseline."""
    return Severity.worst(f.severity for f in findings if not f.accepted)


def _device_name(i: Identification) -> str:
    """``Lorex LNB8005 (Dahua)``: the name on the box, the model, and the maker when it differs."""
    brand, maker = i.brand, i.vendor
    name = " ".join(str(x) for x in (brand or maker, i.model) if x) or str(i.device_type or "device")
    return name + (f" ({maker})" if brand and maker and brand != maker else "")


def _event_device_name(d: Mapping[str, Any]) -> str:
    """:func:`_device_name` of a change event's device (the inventory's record, a mapping)."""
    brand, maker = d.get("brand"), d.get("vendor")
    name = " ".join(str(x) for x in (brand or maker, d.get("model")) if x) or str(d.get("device_type") or "device")
    return name + (f" ({maker})" if brand and maker and brand != maker else "")


def _covered_text(cov: CoveredStatus | None) -> str:
    if cov is None:
        return ""
    return ", ".join(_LIST_NAMES.get(x, x) for x in cov.lists)


def _is_relabel(i: Identification) -> bool:
    """Sold under a brand that is not its maker's name."""
    return bool(i.brand and i.vendor and i.brand.casefold() != i.vendor.casefold())


def _sev_class(s: Severity) -> str:
    return f"sev-{s.value}"


def _change_cells(e: Mapping[str, Any]) -> list[str]:
    d = e.get("device") or {}
    f = e.get("finding") or {}
    what = ""
    if f:
        sev = str(f.get("severity", "info"))
        what = (f'<span class="sev-{sev if sev in _ORDER else "info"}">{html_text(sev)}</span> '
                f"{html_text(f.get('key'))} {html_text(f.get('title'), 200)}")
        if e.get("accepted"):
            what += ' <span class="accepted">(accepted)</span>'
    elif e.get("type") in ("device-new", "device-gone"):
        what = html_text(f"{len(e.get('findings') or [])} findings")

    def show(v: Any) -> str:
        if isinstance(v, dict):
            return html_text(", ".join(f"{k}: {x}" for k, x in v.items() if x not in (None, False)))
        return html_text(v)

    direction = f" ({html_text(e['direction'])})" if e.get("direction") else ""
    return [html_text(e.get("type")), html_text(d.get("ip")), html_text(_event_device_name(d)), what,
            show(e.get("before")), show(e.get("after")) + direction]


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page.

    Reads the typed :class:`~netscan.model.Report`, with the inventory's additions where it has
    them (``Report.changes``; ``Finding.accepted``; per device ``banners``, ``site`` and
    ``device_id`` in ``Device.extra``; ``store`` and ``previous_scans`` in the header's ``extra``:
    netscan.store.adapter). A saved JSON report document goes through ``Report.from_dict`` first
    (``netscan.report.render`` does that).
    """
    scan = report.scan
    devices = report.devices
    changes = report.changes
    store = _mapping(scan.extra.get("store"))
    video = sum(1 for d in devices if d.identification.device_type in _VIDEO)
    covered = [d for d in devices if d.identification.covered is not None]
    sev = Counter(f.severity.value for d in devices for f in d.findings if not f.accepted)
    accepted = sum(1 for d in devices for f in d.findings if f.accepted)
    run = scan.run
    start, end = (run.start, run.end) if run is not None else (None, None)
    targets = " ".join(scan.targets) or str(scan.input or "")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        "<title>netscan report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>netscan report</h1>",
        f'<p class="meta" id="meta">Targets: {html_text(targets) or "default"}.'
        + (f" Scan started {html_text(start)}, ended {html_text(end)}." if start else "")
        + f" Generated {html_text(scan.generated)}."
        + (f" Site {html_text(store.get('site'))}, inventory scan {html_text(store.get('scan'))}." if store.get("scan") else "")
        + (f" Sites: {html_text(', '.join(map(str, store.get('sites') or [])))}." if store.get("sites") else "")
        + "</p>",
    ]
    if scan.incomplete:
        out.append('<p class="warn" id="incomplete"><strong>Incomplete:</strong> the scan was interrupted; '
                   "devices and findings below are partial.</p>")
    out.append('<section id="summary"><h2>Summary</h2><div class="cards">')
    cards = [("devices", "Devices", len(devices)), ("video", "Cameras and recorders", video),
             ("covered-count", "Covered-vendor devices", len(covered))]
    cards += [(f"sev-{s}", f"{s.capitalize()} findings", sev.get(s, 0)) for s in _SEVERITIES[:4]]
    if changes is not None:
        cards.append(("changes-count", "Changes since the previous scan", len(changes)))
    for ident, label, n in cards:
        out.append(f'<div class="card" id="card-{ident}"><b>{int(n)}</b>{html.escape(label)}</div>')
    out.append("</div>")
    if accepted:
        out.append(f'<p class="accepted">{accepted} accepted findings (the inventory baseline) are not counted.</p>')
    out.append("</section>")
    makers = Counter(d.identification.vendor or "unknown" for d in devices)
    types = Counter(d.identification.device_type or "unknown" for d in devices)
    out.append('<section id="charts"><h2>Charts</h2><div class="charts">')
    out.append(_chart("Devices by maker", sorted(makers.items(), key=lambda x: (-x[1], x[0])), ident="chart-maker"))
    out.append(_chart("Devices by type", sorted(types.items(), key=lambda x: (-x[1], x[0])), ident="chart-type"))
    out.append(_chart("Findings by severity", [(s, sev.get(s, 0)) for s in _SEVERITIES],
                      {s: f"bar-{s}" for s in _SEVERITIES}, ident="chart-severity"))
    out.append("</div></section>")
    # covered vendors and relabels
    out.append('<section id="covered"><h2>Covered vendors and relabels</h2>')
    # covered devices first, then relabels (that order among devices of one address)
    listed = covered + [d for d in devices if d.identification.covered is None and _is_relabel(d.identification)]
    if listed:
        out.append('<table id="covered-table">' + _row(["IP", "Sold as", "Made by", "Model", "Covered lists", "How we know"], "th"))
        for d in sorted(listed, key=lambda d: _ip_sort(d.identification.ip)):
            i = d.identification
            how = (i.covered.via if i.covered is not None else None) or (
                "relabel: brand differs from maker" if _is_relabel(i) else "")
            out.append(_row([html_text(i.ip), html_text(i.brand or i.vendor), html_text(i.vendor),
                             html_text(i.model), f'<span class="covered">{html_text(_covered_text(i.covered))}</span>',
                             html_text(how)]))
        out.append("</table>")
    else:
        out.append("<p>No device from a covered vendor and no relabelled device.</p>")
    out.append("</section>")
    # changes
    out.append('<section id="changes"><h2>Changes since the previous scan</h2>')
    if changes is None:
        out.append("<p>This report was not compared with an earlier scan (no inventory).</p>")
    elif not changes:
        prev = scan.extra.get("previous_scans")
        out.append("<p>No changes.</p>" if prev or store.get("scan") else "<p>No earlier scan to compare with.</p>")
    else:
        out.append('<table id="changes-table">' + _row(["Change", "IP", "Device", "Finding", "Before", "After"], "th"))
        for e in changes:
            out.append(_row(_change_cells(e)))
        out.append("</table>")
    out.append("</section>")
    # device table
    out.append('<section id="inventory"><h2>Devices</h2>')
    out.append('<p id="controls"><label>Filter: <input id="filter" type="search" placeholder="maker, model, IP, type…" '
               'autocomplete="off"></label> <span id="shown"></span> (click a column heading to sort)</p>')
    cols = [("IP", "text"), ("MAC", "text"), ("Maker", "text"), ("Brand", "text"), ("Model", "text"), ("Firmware", "text"),
            ("Type", "text"), ("Confidence", "num"), ("Covered", "text"), ("Open ports", "text"), ("Findings", "num")]
    out.append('<table id="devices"><thead><tr>' + "".join(f'<th data-type="{t}">{c}</th>' for c, t in cols) + "</tr></thead><tbody>")
    for n, d in enumerate(devices):
        i = d.identification
        worst = _worst(d.findings)
        live = sum(1 for f in d.findings if not f.accepted)
        fcell = (f'<td data-sort="{(5 - worst.rank) * 10000 + live}" class="{_sev_class(worst)}">{live} {html.escape(worst.value)}</td>'
                 if worst is not None else f'<td data-sort="0">{live}</td>')
        out.append(
            f'<tr id="row-{n}"><td data-sort="{html_text(_ip_sort(i.ip), 200)}"><a href="#dev-{n}">{html_text(i.ip)}</a></td>'
            f'<td class="mono">{html_text(i.mac)}</td><td>{html_text(i.vendor)}</td><td>{html_text(i.brand)}</td>'
            f"<td>{html_text(i.model)}</td><td>{html_text(i.firmware)}</td><td>{html_text(i.device_type)}</td>"
            f"<td>{i.reported_confidence:.2f}</td>"
            f'<td class="covered">{html_text(_covered_text(i.covered))}</td>'
            f"<td>{html_text(' '.join(str(p) for p in d.open_ports))}</td>{fcell}</tr>"
        )
    out.append("</tbody></table></section>")
    # every finding
    rows_f = sorted(((n, d, f) for n, d in enumerate(devices) for f in d.findings),
                    key=lambda r: (r[2].severity.rank, _ip_sort(r[1].identification.ip), r[2].cve or r[2].id))
    out.append('<section id="findings"><h2>Findings</h2>')
    if rows_f:
        out.append('<table id="findings-table">' + _row(["Severity", "IP", "Device", "Finding", "Title", "Remediation"], "th"))
        for n, d, f in rows_f:
            acc = ' <span class="accepted">(accepted)</span>' if f.accepted else ""
            out.append(
                f'<tr><td class="{_sev_class(f.severity)}">{html_text(f.severity.value)}</td>'
                f'<td><a href="#dev-{n}">{html_text(d.identification.ip)}</a></td><td>{html_text(_device_name(d.identification))}</td>'
                f"<td>{html_text(f.cve or f.id)}{acc}</td><td>{html_text(f.title)}</td>"
                f"<td>{html_text(f.remediation, 600)}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>No findings.</p>")
    out.append("</section>")
    # per-device evidence and findings
    out.append('<section id="details"><h2>Device details</h2>')
    for n, d in enumerate(devices):
        i = d.identification
        out.append(f'<details id="dev-{n}"><summary>{html_text(i.ip)} {html_text(_device_name(i))}</summary>')
        fields: list[tuple[str, Any]] = [
            ("Maker", i.vendor), ("Brand", i.brand), ("Model", i.model), ("Firmware", i.firmware),
            ("Type", i.device_type), ("Serial", i.serial), ("Hostname", i.hostname), ("MAC", i.mac),
            ("Site", d.extra.get("site")), ("Inventory id", d.extra.get("device_id"))]
        out.append("<table>" + "".join(_row([html.escape(k), html_text(v)]) for k, v in fields if v not in (None, "")) + "</table>")
        if d.services:
            out.append("<p>Services: " + html_text(", ".join(f"{s.protocol}/{s.port}" for s in d.services)) + "</p>")
        ev = i.evidence
        if ev:
            out.append("<table>" + _row(["Evidence", "Source", "Detail", "Extracted"], "th"))
            for x in ev[:MAX_EVIDENCE]:
                out.append(_row([html_text(x.kind), html_text(x.source), html_text(x.detail, 300),
                                 html_text(x.extracted, 300)]))
            out.append("</table>")
            if len(ev) > MAX_EVIDENCE:
                out.append(f"<p>… and {len(ev) - MAX_EVIDENCE} more evidence items.</p>")
        said = [b for b in d.extra.get("banners") or [] if isinstance(b, Mapping)]
        if said:
            out.append("<table>" + _row(["Protocol", "Port", "Asked", "What the device sent (start)"], "th"))
            for b in said:
                out.append(_row([html_text(b.get("protocol")), html_text(b.get("port")), html_text(b.get("request"), 100),
                                 f'<span class="mono">{html_text(b.get("text"), 300)}</span>']))
            out.append("</table>")
        if d.findings:
            out.append("<ul>")
            for f in sorted(d.findings, key=lambda f: f.severity.rank):
                acc = ' <span class="accepted">(accepted)</span>' if f.accepted else ""
                evid = "; ".join(f.evidence)
                out.append(f'<li><span class="{_sev_class(f.severity)}">{html_text(f.severity.value)}</span> '
                           f"{html_text(f.cve or f.id)}{acc}: {html_text(f.title)}"
                           + (f" <em>Evidence:</em> {html_text(evid, 600)}" if evid else "") + "</li>")
            out.append("</ul>")
        out.append("</details>")
    out.append("</section>")
    sig = scan.signatures
    out.append(
        '<footer id="versions"><p>'
        f"netscan {html_text(scan.netscan_version or '')} · report schema {html_text(scan.schema_version or '')}"
        + (f" · signatures {html_text(sig.version)} ({html_text(sig.date)}, {html_text(sig.digest)})" if sig else "")
        + "</p></footer>"
    )
    out.append(f"<script>{_SCRIPT}</script>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
