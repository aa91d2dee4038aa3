"""``netscan report``: a report of the inventory's newest scan(s), in any format, from the store."""

from __future__ import annotations

import argparse
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.cli.storeopts import add_store_options, open_from_args, site_of
from netscan.report import FORMATS


def register(sub: Any) -> None:
    """Add ``report``."""
    p = sub.add_parser("report", help="a report from the inventory (table, json, jsonl, csv, html)",
                       description="Report the newest complete scan of a site (--site), of every site (default), or one "
                       "scan (--scan ID), with the changes since the previous scan of its site. docs/reports.md.")
    p.add_argument("--scan", type=int, metavar="ID", help="this scan (see `netscan inventory scans`)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from the -o file's extension, else table)")
    p.add_argument("--output", "-o", metavar="FILE", action="append",
                   help="write the report to FILE instead of stdout; repeat for several formats")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``report``."""
    from netscan.cli.outfile import check, plan
    from netscan.cli.output import emit_all
    from netscan.store.reportdoc import document

    outputs = plan(args.output, args.format, "table")
    for o in outputs:
        if o.path is not None:
            check(o.path)
    store = open_from_args(args)
    try:
        doc = document(store, site_of(args), args.scan)
    finally:
        store.close()
    emit_all(doc, outputs)
    return int(ExitCode.OK)
