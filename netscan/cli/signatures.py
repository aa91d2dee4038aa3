"""``netscan signatures check``: validate every signature and vulnerability file, run every example
(every check in netscan.sigdb.selfcheck.CHECKS)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.sigdb import load_signatures, run_checks


def register(sub: Any) -> None:
    """Add the ``signatures`` sub-command."""
    p = sub.add_parser("signatures", help="validate the signature database")
    s = p.add_subparsers(dest="sig_command", metavar="ACTION")
    c = s.add_parser("check", help="validate every file and run every embedded example")
    c.add_argument("--signatures", metavar="DIR", help="check another signature directory")
    c.set_defaults(func=run_check)
    p.set_defaults(func=lambda a: (p.print_help(sys.stderr), int(ExitCode.USAGE))[1])


def run_check(args: argparse.Namespace) -> int:
    """Run the self-check; print problems; exit 1 when there are any."""
    sig = load_signatures(args.signatures, strict=False)
    db, vdb = sig.db, sig.vulns
    assert db is not None and vdb is not None
    problems = run_checks(sig)
    nvuln = len(vdb.records)
    examples = sum(len(r.examples) for r in db.rules)
    for p in problems:
        sys.stdout.write(p + "\n")
    sys.stdout.write(
        f"{len(db.vendors)} vendors, {len(db.oui)} OUI assignments ({len(db.oui_vendor)} mapped to vendors), "
        f"{len(db.rules)} rules with {examples} examples, {nvuln} vulnerability records: "
        + (f"{len(problems)} problems\n" if problems else "all checks passed\n")
    )
    return int(ExitCode.ERROR if problems else ExitCode.OK)
