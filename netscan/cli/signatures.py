"""``netscan signatures check``: validate every signature and vulnerability file, run every example
(every check in netscan.sigdb.selfcheck.CHECKS)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from netscan.cli.args import signatures_dir
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
    sig = load_signatures(signatures_dir(args.signatures), strict=False)
    db, vdb = sig.db, sig.vulns
    assert db is not None and vdb is not None
    problems = run_checks(sig)
    problems += pattern_timing(db)
    nvuln = len(vdb.records)
    examples = sum(len(r.examples) for r in db.rules)
    semantic = len(db.semantic_rules)
    semantic_examples = sum(len(r.examples) for r in db.semantic_rules)
    for p in problems:
        sys.stdout.write(p + "\n")
    sys.stdout.write(
        f"{len(db.vendors)} vendors, {len(db.oui)} OUI assignments ({len(db.oui_vendor)} mapped to vendors), "
        f"{len(db.rules)} rules with {examples} examples, {semantic} field-name conventions with {semantic_examples} "
        f"examples, {nvuln} vulnerability records: "
        + (f"{len(problems)} problems\n" if problems else "all checks passed\n")
    )
    return int(ExitCode.ERROR if problems else ExitCode.OK)


def pattern_timing(db: Any) -> list[str]:
    """Every rule pattern (and ``requires`` pattern) timed against adversarial input of the largest
    size its field can have (netscan/sigdb/regexsafe.py): slow or hanging patterns are problems."""
    from netscan.parsers._util import MAX_BODY_CHARS, MAX_VALUE_CHARS
    from netscan.sigdb.db import ANY_FIELD_MAX_CHARS
    from netscan.sigdb.regexsafe import time_patterns

    items = []
    for r in db.rules:
        if r.field == "*":  # family grammars: they never read a value longer than this
            length = ANY_FIELD_MAX_CHARS
        else:
            length = MAX_BODY_CHARS if r.field.endswith(".body") or r.field.endswith("*") else MAX_VALUE_CHARS
        items.append((f"{r.file}: rule {r.id!r}", r.pattern, length))
        for name, p in r.requires:
            items.append((f"{r.file}: rule {r.id!r} requires {name}", p,
                          MAX_BODY_CHARS if name.endswith(".body") else MAX_VALUE_CHARS))
    return time_patterns(items)
