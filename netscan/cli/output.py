"""Where reports go: stdout and/or files (netscan/cli/outfile.py); and the --fail-on exit decision."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from netscan.cli.exitcodes import ExitCode
from netscan.cli.outfile import Output, WriteFailed, plan, write_or_rescue
from netscan.model import Report, Severity
from netscan.report import FORMATS as _ALL
from netscan.report import write

FORMATS: tuple[str, ...] = _ALL


def emit_all(report: Report | Mapping[str, Any], outputs: list[Output]) -> None:
    """Write ``report`` to every planned output. A file that cannot be written does not stop the
    others; the report is then saved to a rescue file and the first failure is raised."""
    failure: WriteFailed | None = None
    for o in outputs:
        try:
            _emit_one(report, o)
        except WriteFailed as exc:  # keep writing the other outputs
            failure = failure or exc
    if failure is not None:
        raise failure


def _emit_one(report: Report | Mapping[str, Any], o: Output) -> None:
    def as_json(fh: TextIO) -> None:
        write(report, "json", fh)

    if o.path is not None:
        write_or_rescue(o.path, lambda fh: write(report, o.fmt, fh, width=160, color=False), as_json)
        return
    tty = sys.stdout.isatty()
    try:
        width = os.get_terminal_size().columns if tty else 160
    except OSError:
        width = 160
    write_or_rescue(None, lambda fh: write(report, o.fmt, fh, width=width, color=tty and o.fmt == "table"), as_json)


def emit(report: Report | Mapping[str, Any], fmt: str, output: str | list[str] | None) -> None:
    """Render ``report`` and write it to ``output`` (one path or several; None: stdout)."""
    emit_all(report, plan(output, fmt, fmt))


def fail_on_exit(report: Report, level: str | None) -> ExitCode | None:
    """ExitCode.FINDINGS when a finding at or above ``level`` exists, else None."""
    if not level:
        return None
    return ExitCode.FINDINGS if report.findings_at_least(Severity(level)) else None
