"""Where reports go: stdout and/or files (netscan/cli/outfile.py); how wide and whether in colour;
which devices and in which order (--only, --sort); and the --fail-on exit decision."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from netscan.cli.exitcodes import ExitCode
from netscan.cli.outfile import Output, WriteFailed, plan, write_or_rescue
from netscan.model import Report, Severity
from netscan.report import FORMATS as _ALL
from netscan.report import write
from netscan.report.order import ONLY, SORT_KEYS

FORMATS: tuple[str, ...] = _ALL
#: Table width when nothing says otherwise (a file; a pipe without COLUMNS).
DEFAULT_WIDTH = 160


def add_view_options(p: argparse.ArgumentParser) -> None:
    """``--sort`` and ``--only``: which devices a report shows, in which order."""
    p.add_argument("--sort", choices=SORT_KEYS, default=None,
                   help="order devices by address, worst finding, or maker/brand (the table always lists cameras "
                   "and recorders first, hosts known only by their MAC vendor last; default: ip)")
    p.add_argument("--only", choices=ONLY, default=None,
                   help="report only cameras/recorders (video), covered-vendor devices, or devices with findings")


def terminal_width(tty: bool) -> int:
    """The table width: $COLUMNS when set, else the terminal's width, else DEFAULT_WIDTH."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and 20 <= int(env) <= 10000:
        return int(env)
    if tty:
        try:
            return max(os.get_terminal_size(sys.stdout.fileno()).columns, 20)
        except OSError:
            pass
    return DEFAULT_WIDTH


def use_color(args: argparse.Namespace | None, tty: bool) -> bool:
    """Colour only on a terminal, never with --no-color or NO_COLOR (https://no-color.org)."""
    if not tty or os.environ.get("NO_COLOR"):
        return False
    return not bool(getattr(args, "no_color", False))


def _view(report: Report | Mapping[str, Any], sort: str | None, only: str | None) -> Report | Mapping[str, Any]:
    """The report with ``--only`` applied (the header says so) and, when asked, the devices in
    ``--sort`` order (without --sort the report keeps its stable address order)."""
    if not sort and not only:
        return report
    from dataclasses import replace

    from netscan.report import as_report
    from netscan.report.order import keep, sort_key

    rep = as_report(report)
    kept = [d for d in rep.devices if keep(d, only)]
    if sort:
        kept.sort(key=sort_key(sort))
    scan = replace(rep.scan, extra={**rep.scan.extra, "only": only}) if only else rep.scan
    return replace(rep, scan=scan, devices=tuple(kept))


def emit_all(report: Report | Mapping[str, Any], outputs: list[Output], args: argparse.Namespace | None = None) -> None:
    """Write ``report`` to every planned output. A file that cannot be written does not stop the
    others; the report is then saved to a rescue file and the first failure is raised."""
    sort = getattr(args, "sort", None)
    only = getattr(args, "only", None)
    view = _view(report, sort, only)
    failure: WriteFailed | None = None
    for o in outputs:
        try:
            _emit_one(view, o, args, sort or "ip", only, rescue=report)
        except WriteFailed as exc:  # keep writing the other outputs
            failure = failure or exc
    if failure is not None:
        raise failure


def _emit_one(report: Report | Mapping[str, Any], o: Output, args: argparse.Namespace | None, sort: str,
              only: str | None, rescue: Report | Mapping[str, Any]) -> None:
    def as_json(fh: TextIO) -> None:
        write(rescue, "json", fh)  # the whole report, whatever --only showed

    if o.path is not None:
        write_or_rescue(o.path, lambda fh: write(report, o.fmt, fh, width=DEFAULT_WIDTH, color=False, sort=sort,
                                                 only=only), as_json)
        return
    tty = sys.stdout.isatty()
    width = terminal_width(tty)
    color = o.fmt == "table" and use_color(args, tty)
    write_or_rescue(None, lambda fh: write(report, o.fmt, fh, width=width, color=color, sort=sort, only=only), as_json)


def emit(report: Report | Mapping[str, Any], fmt: str, output: str | list[str] | None,
         args: argparse.Namespace | None = None) -> None:
    """Render ``report`` and write it to ``output`` (one path or several; None: stdout)."""
    emit_all(report, plan(output, fmt, fmt), args)


def fail_on_exit(report: Report, level: str | None) -> ExitCode | None:
    """ExitCode.FINDINGS when a finding at or above ``level`` exists, else None."""
    if not level:
        return None
    return ExitCode.FINDINGS if report.findings_at_least(Severity(level)) else None
