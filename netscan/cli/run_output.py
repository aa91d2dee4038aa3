"""What ``scan`` and ``passive`` share once they have observations: the report options (also
``identify``'s and ``report``'s), the outputs checked before any work, the observations saved, the report recorded in the inventory and
written to every output, and the exit code.

One helper for both, so that the two commands cannot drift apart: the same options mean the same
thing, a report that cannot be recorded is still written (exit 1), observations that cannot be
saved are rescued, and ``--fail-on`` judges the report without the inventory's accepted findings.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.cli.outfile import Output, WriteFailed, check, plan, rescue, write_stream
from netscan.errors import UsageError
from netscan.model import FAIL_ON_LEVELS, Observation, Report

#: Report formats (``netscan.report.FORMATS``; spelled out so that ``--hosts-only`` does not import
#: the renderers before it needs them; a test keeps the two equal).
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "html")


def add_report_options(p: Any, example: str, default: str = "table") -> None:
    """``--format`` and ``--output``/``-o`` (``example``: the file name the help shows; ``default``:
    the format when neither says one)."""
    p.add_argument("--format", choices=FORMATS, default=None,
                   help=f"output format (default: from the -o file's extension, else {default})")
    p.add_argument("--output", "-o", metavar="FILE", action="append",
                   help="write the report to FILE instead of stdout; repeat for several formats "
                   f"(-o {example}.json -o {example}.html); the extension picks the format")


def add_analysis_options(p: Any) -> None:
    """``--save-observations``, ``--signatures`` and ``--fail-on``."""
    p.add_argument("--save-observations", metavar="FILE", help="write the raw observations (for `netscan identify FILE`)")
    p.add_argument("--signatures", metavar="DIR", help="use another signature directory")
    p.add_argument("--fail-on", choices=FAIL_ON_LEVELS,
                   help="exit 4 when a finding at or above this severity exists (findings accepted in the inventory's "
                   "baseline do not count)")


def plan_outputs(args: argparse.Namespace, default: str = "table") -> list[Output]:
    """Every output of this run (``-o``, ``--format``, ``--save-observations``), checked before any
    work (exit 2 on an unwritable path)."""
    outputs = plan(args.output, args.format, default)
    for o in outputs:
        if o.path is not None:
            check(o.path)
    if getattr(args, "save_observations", None):
        check(args.save_observations, "--save-observations")
        saved = os.path.realpath(args.save_observations)
        if any(o.path is not None and os.path.realpath(o.path) == saved for o in outputs) and saved != "/dev/null":
            # one would replace the other: the raw observations or the report lost
            raise UsageError(f"--save-observations: {args.save_observations} is also an -o report file")
    return outputs


def save_observations(path: str | None, observations: list[Observation]) -> None:
    """``--save-observations``: write them; when that fails they are saved to a rescue file and
    :class:`WriteFailed` names it."""
    if not path:
        return
    from netscan.observations import dumps

    text = dumps(observations)
    try:
        write_stream(path, lambda fh: fh.write(text))
    except OSError as exc:
        saved = rescue(lambda fh: fh.write(text), "observations")
        raise WriteFailed(f"cannot write {path}: {exc.strerror or exc}; "
                          f"the observations were saved to {saved}") from None


def deliver(args: argparse.Namespace, outputs: list[Output], report: Report, observations: list[Observation],
            session: Any, *, incomplete: bool, what: str, before_output: Callable[[], None] | None = None) -> int:
    """Record ``report`` in the inventory (``session``; None with ``--no-db``), write it to every
    output (the HTML report also shows what each device sent) and return the exit code: 1 when it
    could not be recorded (it is written all the same), 5 when the run was interrupted, else 4 when
    ``--fail-on`` says so, else 0. ``what`` names the run in the message ("the scan");
    ``before_output`` runs before anything is printed (a progress display taken down)."""
    from netscan.cli.output import emit_all, fail_on_exit

    doc = report
    store_error = None
    if session is not None:
        from netscan.errors import StoreError

        try:  # the stored report, with the baseline marked and the changes since the last record
            doc, report = session.finish(report, observations, complete=not incomplete)
        except StoreError as exc:  # the report is still written: finished work is never lost
            store_error = exc
    if before_output is not None:
        before_output()
    if store_error is not None:
        sys.stderr.write(f"netscan: {what} was not recorded in the inventory: {store_error}\n")
    html = [o for o in outputs if o.fmt == "html"]
    other = [o for o in outputs if o.fmt != "html"]
    failure: WriteFailed | None = None
    if html:
        from netscan.store.adapter import with_banners

        try:
            emit_all(with_banners(doc, observations), html, args)
        except WriteFailed as exc:
            failure = exc
    if other:
        emit_all(doc, other, args)
    if failure is not None:
        raise failure
    if store_error is not None:
        return int(ExitCode.ERROR)
    if incomplete:
        return int(ExitCode.INCOMPLETE)
    return int(fail_on_exit(report, args.fail_on) or ExitCode.OK)
