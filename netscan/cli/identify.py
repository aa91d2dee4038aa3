"""``netscan identify FILE|-``: recorded observations -> identification (and findings), offline."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from typing import Any

from netscan.cli.args import reference_now, signatures_dir
from netscan.cli.exitcodes import ExitCode
from netscan.cli.output import add_view_options, emit_all, fail_on_exit
from netscan.cli.run_output import add_report_options, plan_outputs
from netscan.errors import UsageError
from netscan.model import FAIL_ON_LEVELS, ScanHeader
from netscan.observations import load_path, load_stdin
from netscan.pipeline import analyse


def register(sub: Any) -> None:
    """Add the ``identify`` sub-command."""
    p = sub.add_parser("identify", help="identify devices from recorded observations (offline)",
                       description="Read observations (JSON; a file or - for stdin) and print who made each device, what it is, "
                       "its firmware, findings and the evidence.")
    p.add_argument("file", metavar="FILE|-", help="observations file (one object, a list, or JSON lines); - reads stdin")
    p.add_argument("--from", dest="input_format", choices=("observations", "nmap-xml"), default="observations",
                   help="input format: netscan observations (default) or nmap XML (nmap -oX, with -sV and scripts)")
    add_report_options(p, "r", default="json")
    p.add_argument("--signatures", metavar="DIR", help="use another signature directory")
    p.add_argument("--fail-on", choices=FAIL_ON_LEVELS, help="exit 4 when a finding at or above this severity exists")
    add_view_options(p)
    p.add_argument("--now", metavar="ISO8601", help="reference time for clock checks (default: the current time)")
    p.set_defaults(func=run)


def _refuse_overwriting_input(path: str, outputs: list[str]) -> None:
    """An ``-o`` that is the input file itself (by name, link or hard link) would replace the recorded
    observations or nmap XML with the report: refused before anything is read (exit 2)."""
    try:
        # "-": stdin redirected from a file (``< scan.xml``) is that file (-o /dev/stdin reaches it)
        st = os.fstat(sys.stdin.fileno()) if path == "-" else os.stat(path)
    except (OSError, ValueError, AttributeError):
        return  # reading it reports the problem
    if not stat.S_ISREG(st.st_mode):
        return  # a device or FIFO (/dev/stdin, a pipe) is read, not replaced
    for out in outputs:
        try:
            o = os.stat(out)
        except (OSError, ValueError):
            continue
        if (o.st_dev, o.st_ino) == (st.st_dev, st.st_ino):
            raise UsageError(f"-o: {out} is the input file {'(stdin)' if path == '-' else path}: the report would replace it "
                             "(write the report elsewhere)")


def run(args: argparse.Namespace) -> int:
    """Run ``identify``."""
    outputs = plan_outputs(args, default="json")
    _refuse_overwriting_input(args.file, [o.path for o in outputs if o.path is not None])
    signatures = signatures_dir(args.signatures)
    now = reference_now(args.now)
    if args.input_format == "nmap-xml":
        from netscan.nmapxml import load_nmap_xml, read_nmap_xml

        if args.file == "-":
            from netscan.observations import stdin_binary

            observations = read_nmap_xml(stdin_binary(), "stdin")
        else:
            observations = load_nmap_xml(args.file)
    elif args.file == "-":
        observations = load_stdin()
    else:
        observations = load_path(args.file)
    holder = [observations]
    del observations  # analyse() then holds the only reference and frees each device's raw data as it goes
    report = analyse(holder.pop(), signatures=signatures, now=now,
                     header=ScanHeader(command="identify", input=args.file, engine="offline"))
    emit_all(report, outputs, args)
    return int(fail_on_exit(report, args.fail_on) or ExitCode.OK)
