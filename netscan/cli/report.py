"""``netscan report``: a report of the inventory's newest scan(s), in any format, from the store."""

from __future__ import annotations

import argparse
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.cli.storeopts import add_store_options, open_from_args, site_of
from netscan.cli.run_output import add_report_options, plan_outputs


def register(sub: Any) -> None:
    """Add ``report``."""
    p = sub.add_parser("report", help="a report from the inventory (table, json, jsonl, csv, html)",
                       description="Report the newest complete scan of a site (--site), of every site (default), or one "
                       "scan (--scan ID), with the changes since the previous scan of its site. docs/reports.md.")
    p.add_argument("--scan", type=int, metavar="ID", help="this scan (see `netscan inventory scans`)")
    add_report_options(p, "report")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``report``."""
    from netscan.cli.output import emit_all
    from netscan.store.reportdoc import document

    outputs = plan_outputs(args)
    store = open_from_args(args)
    try:
        doc = document(store, site_of(args), args.scan)
    finally:
        store.close()
    emit_all(doc, outputs, args)
    return int(ExitCode.OK)
