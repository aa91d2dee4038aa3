"""The terminal table for large reports, written line by line.

rich lays out a table by measuring every cell of every row before printing the first one: about
2 ms per row, 188 s and gigabytes for 100,000 devices. Above ``LARGE_REPORT`` devices the table
format is written by this renderer instead: the same columns, widths fixed from the data in one
pass (each capped), one line per device and per finding, cells shortened with an ellipsis (never
wrapped), device strings made harmless by ``visible()`` exactly as in the rich table, devices in the
rich table's order (``--sort`` within its groups, ``--only``: netscan/report/order.py). Memory stays
flat and time is linear in the rows (microseconds per row) after one sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from netscan.model import Counts, Device, Report
from netscan.report.safe import visible

#: Reports with more devices than this use this renderer for ``--format table``.
LARGE_REPORT = 2000

_LIST_SHORT = {"NDAA-889": "NDAA", "FCC-covered-list": "FCC"}
_INVENTORY = ("IP", "MAC", "Maker", "Brand", "Model", "Firmware", "Type", "Conf.", "Covered", "Ports", "Findings")
#: Widest each inventory column may grow (characters).
_CAPS = (39, 17, 24, 20, 28, 28, 10, 5, 8, 30, 14)
_FINDINGS = ("Severity", "IP", "Device", "Finding", "Detail")
_FCAPS = (8, 39, 40, 24, 80)
_CHANGES = ("Change", "IP", "Device", "What", "Before", "After")
_CCAPS = (18, 39, 40, 30, 40, 40)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _inventory_row(d: Device) -> tuple[str, ...]:
    i = d.identification
    worst = d.worst
    covered = "+".join(_LIST_SHORT.get(x, x) for x in i.covered.lists) if i.covered is not None else ""
    return (
        visible(i.ip), visible(i.mac), visible(i.vendor), visible(i.brand), visible(i.model), visible(i.firmware),
        visible(i.device_type), f"{i.reported_confidence:.2f}", covered, " ".join(str(p) for p in d.open_ports),
        f"{len(d.findings)} {worst.value}" if worst is not None else "0",
    )


def _widths(rows: Iterable[tuple[str, ...]], header: tuple[str, ...], caps: tuple[int, ...]) -> list[int]:
    w = [len(h) for h in header]
    for r in rows:
        for k, cell in enumerate(r):
            if len(cell) > w[k]:
                w[k] = min(len(cell), caps[k])
    return w


def _line(cells: Iterable[str], widths: list[int]) -> str:
    return "  ".join(_cut(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"


def write_plain_table(report: Report, out: TextIO, width: int = 160, *, sort: str = "ip",
                      only: str | None = None) -> None:
    """Write the inventory, the findings (worst first), the changes and the summary line to ``out``."""
    from netscan.report.order import arrange, ip_key

    del width  # columns are capped, not fitted: one line per device, however wide
    devices = arrange(report.devices, sort, only)
    widths = _widths((_inventory_row(d) for d in devices), _INVENTORY, _CAPS)
    out.write(f"Devices ({len(devices)})\n")
    out.write(_line(_INVENTORY, widths))
    out.write(_line(("-" * w for w in widths), widths))
    for d in devices:
        out.write(_line(_inventory_row(d), widths))
    pairs = [(f.severity.rank, ip_key(d.identification.ip), f.cve or f.id, n, k) for n, d in enumerate(devices)
             for k, f in enumerate(d.findings)]
    if pairs:
        pairs.sort()
        out.write(f"\nFindings ({len(pairs)})\n")

        def rows() -> Iterable[tuple[str, ...]]:
            for *_, n, k in pairs:
                d = devices[n]
                f = d.findings[k]
                i = d.identification
                yield (f.severity.value, visible(i.ip), visible(" ".join(x for x in (i.vendor, i.model) if x)),
                       visible(f.cve or f.id), visible(f.title))

        fw = _widths(rows(), _FINDINGS, _FCAPS)
        out.write(_line(_FINDINGS, fw))
        out.write(_line(("-" * w for w in fw), fw))
        for r in rows():
            out.write(_line(r, fw))
    if report.changes:
        _write_changes(report.changes, out)
    out.write("\n" + summary_line(report, shown=len(devices), only=only) + "\n")


def _write_changes(events: Sequence[Mapping[str, Any]], out: TextIO) -> None:
    from netscan.report.changes import change_row, value_text

    def rows() -> Iterable[tuple[str, ...]]:
        for e in events:
            r = change_row(e)
            yield (visible(r["type"]), visible(r["ip"]), visible(r["device"]), visible(r["what"]),
                   visible(value_text(r["before"])), visible(value_text(r["after"])))

    cw = _widths(rows(), _CHANGES, _CCAPS)
    out.write(f"\nChanges since the previous scan ({len(events)})\n")
    out.write(_line(_CHANGES, cw))
    out.write(_line(("-" * w for w in cw), cw))
    for r in rows():
        out.write(_line(r, cw))


def summary_line(report: Report, shown: int | None = None, only: str | None = None) -> str:
    """The one-line summary (of both tables): devices, cameras and recorders, covered-vendor devices
    and findings as the analysis counted them, how many ``--only`` showed, the changes since the
    previous scan, and whether the scan was interrupted."""
    scan = report.scan
    counts = scan.counts or Counts(devices=len(report.devices))
    sev = counts.findings
    n = counts.devices
    parts = [f"{n} device{'' if n == 1 else 's'}", f"{counts.video_devices} cameras/recorders",
             f"{counts.covered} from covered vendors"]
    if sev:
        parts.append("findings: " + ", ".join(f"{k.value} {v}" for k, v in sev.items() if v) if any(sev.values()) else "no findings")
    if only is not None and shown is not None:
        parts.append(f"{shown} shown (--only {only})")
    if report.changes is not None:
        from netscan.report.changes import changes_summary

        parts.append(changes_summary(len(report.changes)))
    if scan.incomplete:
        parts.append("INCOMPLETE (interrupted)")
    return " · ".join(parts)
