"""Terminal report: a device table, a table of the other hosts, a findings table and a summary.

The device table fits the width it is given with one line per device and no word broken across
lines: low-value columns go first (confidence, MAC, ports, firmware), then the findings counts
become compact and long cells are shortened with an ellipsis. Cameras, recorders and the other
identified devices come first; hosts known only by their MAC vendor follow in a small table of
their own, so they never bury the cameras.

Device strings only ever enter as ``Text(visible(...))``; nothing is parsed as markup. The table
reads the typed :class:`~netscan.model.Report` (a saved JSON report is read with ``Report.from_dict``);
which devices it shows and in which order is netscan/report/order.py.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from netscan.model import Device, Finding, Report
from netscan.report.order import arrange, ip_key, is_plain, mac_registrant, severity_counts
from netscan.report.safe import visible

_SEV_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}
_SEV_SHORT = {"critical": "crit", "high": "high", "medium": "med", "low": "low", "info": "info"}
_SEV_LETTER = {"critical": "C", "high": "H", "medium": "M", "low": "L", "info": "I"}
_LIST_SHORT = {"NDAA-889": "NDAA", "FCC-covered-list": "FCC"}
#: Width given to a table when no width is known (a file, a pipe without COLUMNS).
DEFAULT_WIDTH = 160
#: Shortest a shortened text column may become (header length is the floor too).
_MIN_TEXT = {"Maker": 8, "Brand": 6, "Model": 10, "Type": 7, "MAC vendor": 10}


def _t(value: object, style: str = "") -> Text:
    return Text(visible(value), style=style)


def _type(d: Device) -> str:
    """The device type; an unknown one says why (silent or unrecognised, see identify/account.py)."""
    t = d.identification.device_type or "unknown"
    if t == "unknown" and d.notes and ":" in d.notes[0]:
        return f"unknown ({d.notes[0].split(':', 1)[0]})"
    return t


def findings_cell(d: Device, compact: bool = False) -> Text:
    """``1 crit 2 high 3 med`` (compact: ``1C 2H 3M``), each count in its severity's style."""
    counts = severity_counts(d)
    if not counts:
        return Text("–", style="dim")
    out = Text()
    for i, (level, n) in enumerate(counts.items()):
        sev = level.value
        if i:
            out.append(" ")
        label = f"{n}{_SEV_LETTER.get(sev, '?')}" if compact else f"{n} {_SEV_SHORT.get(sev, sev)}"
        out.append(visible(label), style=_SEV_STYLE.get(sev, ""))
    return out


def _covered(d: Device) -> str:
    cov = d.identification.covered
    return "+".join(_LIST_SHORT.get(x, x) for x in cov.lists) if cov is not None else ""


def _ports(d: Device) -> Text:
    return Text(" ".join(str(p) for p in d.open_ports))


@dataclass
class _Col:
    header: str
    cells: list[Text]
    no_wrap: bool = True
    justify: str = "left"
    width: int = 0
    natural: int = field(default=0)

    def __post_init__(self) -> None:
        self.natural = max([len(self.header), *(c.cell_len for c in self.cells)])
        self.width = self.natural


def _capped(col: _Col, width: int) -> _Col:
    """The same column, at most ``width`` wide (longer cells end in an ellipsis)."""
    c = _Col(col.header, col.cells, col.no_wrap, col.justify)
    c.width = min(c.natural, max(width, len(c.header)))
    return c


def _table(title: str | None, cols: list[_Col], rows: int) -> Table:
    t = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
              title_justify="left", expand=False)
    for c in cols:
        t.add_column(c.header, no_wrap=True, overflow="ellipsis", min_width=c.width, max_width=c.width,
                     justify=c.justify)  # type: ignore[arg-type]
    for i in range(rows):
        t.add_row(*(c.cells[i] for c in cols))
    return t


def _used(cols: list[_Col]) -> int:
    """Width of a SIMPLE_HEAD table without edges: cells + one padding each side + separators."""
    return sum(c.width for c in cols) + 3 * (len(cols) - 1) if cols else 0


def _fit(cols: dict[str, _Col], width: int, steps: Sequence[tuple[str, _Col | None]],
         shrink: Sequence[str]) -> list[_Col]:
    """Apply ``steps`` in order (a column dropped, or replaced by a compact form) until the table
    fits, then shorten the ``shrink`` columns (widest first, never below their floor)."""
    order = list(cols)
    live = dict(cols)

    def fits() -> bool:
        return _used([live[k] for k in order if k in live]) <= width

    for name, alt in steps:
        if fits():
            break
        if alt is None:
            live.pop(name, None)
        elif name in live:
            live[name] = alt
    guard = 0
    while not fits() and guard < 1000:
        guard += 1
        cands = [live[k] for k in shrink if k in live and live[k].width > max(_MIN_TEXT.get(k, 6), len(live[k].header))]
        if not cands:
            break
        max(cands, key=lambda c: c.width).width -= 1
    return [live[k] for k in order if k in live]


def device_table(devices: Sequence[Device], width: int, title: str | None = "Devices") -> Table | None:
    """One line per device, fitted to ``width`` columns."""
    if not devices:
        return None
    ids = [d.identification for d in devices]
    cols = {
        "IP": _Col("IP", [_t(i.ip) for i in ids]),
        "MAC": _Col("MAC", [_t(i.mac) for i in ids]),
        "Maker": _Col("Maker", [_t(i.vendor, "bold") for i in ids]),
        "Brand": _Col("Brand", [_t(i.brand) for i in ids]),
        "Model": _Col("Model", [_t(i.model) for i in ids]),
        "Firmware": _Col("Firmware", [_t(i.firmware) for i in ids]),
        "Type": _Col("Type", [_t(_type(d)) for d in devices]),
        "Conf.": _Col("Conf.", [Text(f"{i.reported_confidence:.2f}") for i in ids], justify="right"),
        "Covered": _Col("Covered", [Text(_covered(d), style="bold red") for d in devices]),
        "Ports": _Col("Ports", [_ports(d) for d in devices]),
        "Findings": _Col("Findings", [findings_cell(d) for d in devices]),
    }
    steps: list[tuple[str, _Col | None]] = [
        ("Conf.", None), ("Firmware", _capped(cols["Firmware"], 22)), ("Ports", _capped(cols["Ports"], 16)),
        ("MAC", None), ("Ports", None), ("Firmware", None),
        ("Findings", _Col("Findings", [findings_cell(d, compact=True) for d in devices])),
    ]
    full_findings = cols["Findings"]
    shrink = ("Model", "Maker", "Brand", "Type")
    shown = _fit(cols, width, steps, shrink)
    if _used(shown) > width:  # last resort: "yes" for the covered lists
        cols = {c.header: c for c in shown}
        cols["Covered"] = _Col("Cov.", [Text("yes" if _covered(d) else "", style="bold red") for d in devices])
        shown = _fit(cols, width, [], shrink)
    if title and shown[-1] is not full_findings:
        title += " (findings: C critical, H high, M medium, L low, I info)"
    return _table(title, shown, len(devices))


def hosts_table(hosts: Sequence[Device], width: int, title: str | None) -> Table | None:
    """Hosts known by address and MAC vendor only: IP, MAC, MAC vendor (and ports when known)."""
    if not hosts:
        return None
    cols = {
        "IP": _Col("IP", [_t(h.identification.ip) for h in hosts]),
        "MAC": _Col("MAC", [_t(h.identification.mac) for h in hosts]),
        "MAC vendor": _Col("MAC vendor", [_t(h.identification.vendor or mac_registrant(h)) for h in hosts]),
    }
    if any(h.open_ports for h in hosts):
        cols["Ports"] = _Col("Ports", [_ports(h) for h in hosts])
    shown = _fit(cols, width, [("Ports", None)], shrink=("MAC vendor",))
    return _table(title, shown, len(hosts))


def _device_name(d: Device) -> str:
    """``Lorex LNB8005 (Dahua)``: the name on the box, the model, and the maker when it differs."""
    i = d.identification
    brand, maker, model = i.brand, i.vendor, i.model
    name = " ".join(visible(x) for x in (brand or maker, model) if x)
    if brand and maker and brand != maker:
        name += f" ({visible(maker)})"
    return name


def _finding_title(f: Finding) -> str:
    """The title without a leading copy of the CVE id shown beside it."""
    title = visible(f.title, 400)
    cve = f.cve
    if cve and title.startswith(str(cve)):
        title = title[len(str(cve)):].lstrip(" :-–")
    return title


#: Below this width the findings are a list (two lines each) rather than a five-column table.
FINDINGS_TABLE_MIN = 150


def findings_table(devices: Sequence[Device], width: int) -> Any:
    """One entry per finding, worst first. Wide: a table whose Detail column wraps between words.
    Narrow: severity, address, device and finding on one line, the title indented below it."""
    rows = [(f.severity.rank, d, f) for d in devices for f in d.findings]
    if not rows:
        return None
    rows.sort(key=lambda r: (r[0], ip_key(r[1].identification.ip), str(r[2].cve or r[2].id)))
    sev = [Text(f.severity.value, style=_SEV_STYLE.get(f.severity.value, "")) for _, _, f in rows]
    ips = [_t(d.identification.ip) for _, d, _ in rows]
    dev = [Text(_device_name(d)) for _, d, _ in rows]
    fid = [_t(f.cve or f.id) for _, _, f in rows]
    w_sev = max(len("Severity"), *(c.cell_len for c in sev))
    w_ip = max(2, *(c.cell_len for c in ips))
    w_id = max(7, *(c.cell_len for c in fid))
    if width < FINDINGS_TABLE_MIN:
        out: list[Any] = [Text("Findings", style="italic")]
        indent = w_sev + 1
        for i, (_, _, f) in enumerate(rows):
            head = Text(no_wrap=True, overflow="ellipsis")
            head.append_text(sev[i])
            head.append(" " * (w_sev - sev[i].cell_len + 1))
            head.append_text(ips[i])
            head.append(" " * (w_ip - ips[i].cell_len + 1))
            head.append_text(fid[i])
            head.append(" " * (w_id - fid[i].cell_len + 2))
            head.append_text(dev[i])
            head.truncate(width, overflow="ellipsis")
            out.append(head)
            body = Table.grid(padding=(0, 0))
            body.add_column(width=indent, no_wrap=True)
            body.add_column(overflow="ellipsis", width=max(width - indent, 10))
            body.add_row("", Text(_finding_title(f), overflow="ellipsis"))
            out.append(body)
        return Group(*out)
    rest = width - (w_sev + w_ip + w_id) - 3 * 4
    w_dev = max(10, min(max(6, *(c.cell_len for c in dev)), rest // 2, 40))
    w_det = max(12, rest - w_dev)
    t = Table(title="Findings", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
              title_justify="left", expand=False)
    t.add_column("Severity", no_wrap=True, width=w_sev)
    t.add_column("IP", no_wrap=True, width=w_ip)
    t.add_column("Device", overflow="ellipsis", width=w_dev)
    t.add_column("Finding", no_wrap=True, overflow="ellipsis", width=w_id)
    t.add_column("Detail", overflow="ellipsis", width=w_det)
    for i, (_, _, f) in enumerate(rows):
        t.add_row(sev[i], ips[i], dev[i], fid[i], Text(_finding_title(f)))
    return t


def changes_table(events: Sequence[Mapping[str, Any]], width: int) -> Table | None:
    """The inventory's changes since the previous scan, one line each: change, device, address,
    what (finding, firmware direction), before and after."""
    from netscan.report.changes import change_row, value_text

    if not events:
        return None
    rows = [change_row(e) for e in events]
    cols = {
        "Change": _Col("Change", [_t(r["type"]) for r in rows]),
        "IP": _Col("IP", [_t(r["ip"]) for r in rows]),
        "Device": _Col("Device", [_t(r["device"]) for r in rows]),
        "What": _Col("What", [_t(r["what"]) for r in rows]),
        "Before": _Col("Before", [_t(value_text(r["before"])) for r in rows]),
        "After": _Col("After", [_t(value_text(r["after"])) for r in rows]),
    }
    shown = _fit(cols, width, [], shrink=("Before", "After", "Device", "What"))
    return _table(f"Changes since the previous scan ({len(rows)})", shown, len(rows))


def summary_text(report: Report, shown: int | None = None, only: str | None = None) -> Text:
    """A one-line summary of the scan."""
    from netscan.report.plaintable import summary_line

    return Text(summary_line(report, shown=shown, only=only))


def hosts_summary(report: Report) -> Text:
    """``62 hosts up of 253 addresses`` for a host-discovery report."""
    n = len(report.devices)
    run = report.scan.run
    addresses = run.stats.addresses if run is not None else None
    text = f"{n} host{'s' if n != 1 else ''} up" + (f" of {addresses} addresses" if addresses else "")
    if report.scan.incomplete:
        text += " · INCOMPLETE (interrupted)"
    return Text(text)


def renderables(report: Report | Mapping[str, Any], width: int | None = None, *, sort: str = "ip",
                only: str | None = None) -> Group:
    """Everything the table report shows, as one rich renderable fitted to ``width`` columns (a
    Report, or a JSON report document)."""
    from netscan.report import as_report

    rep = as_report(report)
    w = width or DEFAULT_WIDTH
    items: list[Any] = []
    devices = arrange(rep.devices, sort, only)
    if rep.scan.hosts_only:
        t = hosts_table(devices, w, "Hosts")
        if t is not None:
            items.append(t)
        items.append(hosts_summary(rep))
        return Group(*_spaced(items))
    main = [d for d in devices if not is_plain(d)]
    plain = [d for d in devices if is_plain(d)]
    dt = device_table(main, w)
    if dt is not None:
        items.append(dt)
    ht = hosts_table(plain, w, f"Other hosts ({len(plain)}, not identified beyond their MAC vendor)")
    if ht is not None:
        items.append(ht)
    ft = findings_table(devices, w)
    if ft is not None:
        items.append(ft)
    ct = changes_table(rep.changes or (), w)
    if ct is not None:
        items.append(ct)
    items.append(summary_text(rep, shown=len(devices), only=only))
    return Group(*_spaced(items))


def _spaced(items: list[Any]) -> list[Any]:
    """A blank line between sections."""
    out: list[Any] = []
    for i, item in enumerate(items):
        if i:
            out.append(Text(""))
        out.append(item)
    return out


def render_table(doc: Report | Mapping[str, Any], width: int = DEFAULT_WIDTH, color: bool = False, *,
                 sort: str = "ip", only: str | None = None) -> str:
    """Render to a string (ANSI styles only when ``color``)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color, highlight=False, emoji=False,
                      color_system="standard" if color else None)
    console.print(renderables(doc, width, sort=sort, only=only))
    return "\n".join(line.rstrip(" ") for line in buf.getvalue().split("\n"))
