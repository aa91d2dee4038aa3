"""Where reports go: stdout or a file; and the --fail-on exit decision."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from netscan.cli.exitcodes import ExitCode
from netscan.errors import UsageError
from netscan.model import Report, Severity
from netscan.report import FORMATS as _ALL
from netscan.report import render

FORMATS: tuple[str, ...] = _ALL


def emit(report: Report, fmt: str, output: str | None) -> None:
    """Render ``report`` and write it to ``output`` (atomically) or stdout."""
    if output:
        text = render(report, fmt, width=160, color=False)
        path = Path(output)
        tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UsageError(f"cannot write {output}: {exc.strerror}") from None
        return
    tty = sys.stdout.isatty()
    width = os.get_terminal_size().columns if tty else 160
    sys.stdout.write(render(report, fmt, width=width, color=tty and fmt == "table"))
    sys.stdout.flush()


def fail_on_exit(report: Report, level: str | None) -> ExitCode | None:
    """ExitCode.FINDINGS when a finding at or above ``level`` exists, else None."""
    if not level:
        return None
    return ExitCode.FINDINGS if report.findings_at_least(Severity(level)) else None
