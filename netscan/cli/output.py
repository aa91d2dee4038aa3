"""Where reports go: stdout or a file; and the --fail-on exit decision."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.errors import UsageError
from netscan.report import FORMATS as _ALL
from netscan.report import render

FORMATS: tuple[str, ...] = _ALL
_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def emit(doc: dict[str, Any], fmt: str, output: str | None) -> None:
    """Render ``doc`` and write it to ``output`` (atomically) or stdout."""
    if output:
        text = render(doc, fmt, width=160, color=False)
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
    sys.stdout.write(render(doc, fmt, width=width, color=tty and fmt == "table"))
    sys.stdout.flush()


def fail_on_exit(doc: dict[str, Any], level: str | None) -> ExitCode | None:
    """ExitCode.FINDINGS when a finding at or above ``level`` exists, else None."""
    if not level:
        return None
    limit = _ORDER[level]
    for d in doc.get("devices", []):
        for f in d.get("findings") or []:
            if _ORDER.get(f.get("severity", "info"), 9) <= limit:
                return ExitCode.FINDINGS
    return None
