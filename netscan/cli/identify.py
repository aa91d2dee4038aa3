"""``netscan identify FILE|-``: recorded observations -> identification (and findings), offline."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.cli.output import FORMATS, emit, fail_on_exit
from netscan.errors import UsageError
from netscan.model import FAIL_ON_LEVELS, ScanHeader
from netscan.observations import load_path, load_text
from netscan.pipeline import analyse


def register(sub: Any) -> None:
    """Add the ``identify`` sub-command."""
    p = sub.add_parser("identify", help="identify devices from recorded observations (offline)",
                       description="Read observations (JSON; a file or - for stdin) and print who made each device, what it is, "
                       "its firmware, findings and the evidence.")
    p.add_argument("file", metavar="FILE|-", help="observations file (one object, a list, or JSON lines); - reads stdin")
    p.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--signatures", metavar="DIR", help="use another signature directory")
    p.add_argument("--fail-on", choices=FAIL_ON_LEVELS, help="exit 4 when a finding at or above this severity exists")
    p.add_argument("--now", metavar="ISO8601", help="reference time for clock checks (default: the current time)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``identify``."""
    if args.file == "-":
        observations = load_text(sys.stdin.read(), "stdin")
    else:
        observations = load_path(args.file)
    now = _parse_now(args.now)
    report = analyse(observations, signatures=args.signatures, now=now,
                     header=ScanHeader(command="identify", input=args.file, engine="offline"))
    emit(report, args.format, args.output)
    return int(fail_on_exit(report, args.fail_on) or ExitCode.OK)


def _parse_now(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now(dt.timezone.utc)
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now: not an ISO 8601 time: {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
