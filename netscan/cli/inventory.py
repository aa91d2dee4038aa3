"""``netscan inventory list|scans|show|history|diff|import|accept``: read and feed the inventory."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.cli.storeopts import add_store_options, open_from_args, site_of
from netscan.errors import UsageError

#: A file given to ``inventory import`` larger than this is refused (a saved /16 stays far below).
MAX_IMPORT_BYTES = 512 * 1024 * 1024
DEVICE_COLUMNS = ["id", "site", "ip", "mac", "serial", "vendor", "brand", "model", "firmware", "device_type",
                  "first_seen", "last_seen"]
SCAN_COLUMNS = ["id", "site", "source", "started_at", "ended_at", "engine", "complete", "device_count", "targets"]
HISTORY_COLUMNS = ["scan", "site", "time", "complete", "ip", "mac", "serial", "vendor", "model", "firmware", "findings"]


def register(sub: Any) -> None:
    """Add ``inventory`` and its sub-commands."""
    p = sub.add_parser("inventory", help="the inventory: devices, scans, history, diffs, imports, baseline",
                       description="Read and feed the inventory every scan is recorded in (docs/inventory.md).")
    isub = p.add_subparsers(dest="inventory_command", metavar="SUBCOMMAND")
    p.set_defaults(func=lambda args: _help(p))

    def fmt(q: argparse.ArgumentParser, choices: tuple[str, ...] = ("table", "json", "jsonl", "csv")) -> None:
        q.add_argument("--format", choices=choices, default="table", help="output format (default: table)")
        q.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    q = isub.add_parser("list", help="every device with its current addresses and identification")
    add_store_options(q)
    fmt(q)
    q.set_defaults(func=cmd_list)

    q = isub.add_parser("scans", help="every scan (newest first), complete or not")
    add_store_options(q)
    fmt(q)
    q.set_defaults(func=cmd_scans)

    q = isub.add_parser("show", help="one device: identification, evidence, findings, baseline")
    q.add_argument("device", metavar="DEVICE", help="device id, IP, MAC or serial number")
    add_store_options(q)
    fmt(q, ("table", "json"))
    q.set_defaults(func=cmd_show)

    q = isub.add_parser("history", help="every sighting of one device, oldest first")
    q.add_argument("device", metavar="DEVICE", help="device id, IP, MAC or serial number")
    add_store_options(q)
    fmt(q)
    q.set_defaults(func=cmd_history)

    q = isub.add_parser("diff", help="what changed between two scans (default: the last two complete scans of a site)")
    q.add_argument("scans", nargs="*", metavar="SCAN", help="two scan ids: before and after")
    add_store_options(q)
    fmt(q, ("table", "json", "jsonl"))
    q.set_defaults(func=cmd_diff)

    q = isub.add_parser("import", help="load saved observations or saved JSON reports, one scan per file")
    q.add_argument("files", nargs="+", metavar="FILE")
    add_store_options(q)
    q.add_argument("--signatures", metavar="DIR", help="signature directory for identifying saved observations")
    q.set_defaults(func=cmd_import)

    q = isub.add_parser("accept", help="accept a known risk: the finding stops counting for --fail-on and watch alerts")
    q.add_argument("device", metavar="DEVICE", help="device id, IP, MAC or serial number")
    q.add_argument("finding", metavar="FINDING", help="a CVE id or a finding id (e.g. telnet-open; docs/findings.md)")
    q.add_argument("--until", metavar="DATE", required=True, help="the acceptance ends on this day (YYYY-MM-DD) or 'never'")
    q.add_argument("--reason", metavar="TEXT", required=True, help="why the risk is accepted (kept with it)")
    add_store_options(q)
    q.set_defaults(func=cmd_accept)


def _help(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return int(ExitCode.USAGE)


def _out(text: str, output: str | None) -> None:
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from netscan.cli.outfile import check, write_text

    check(output)
    try:
        write_text(output, text)  # atomic for files; devices such as /dev/null are written, not replaced
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _width() -> int:
    return os.get_terminal_size().columns if sys.stdout.isatty() else 160


def _rows(rows: list[dict[str, Any]], columns: list[str], args: argparse.Namespace, title: str) -> int:
    from netscan.report.rows import render_rows

    _out(render_rows(rows, columns, args.format, title=title, width=_width(),
                     color=sys.stdout.isatty() and not args.output), args.output)
    return int(ExitCode.OK)


def resolve_device(store: Any, ref: str) -> dict[str, Any]:
    """The one device ``ref`` names (id, IP, MAC, serial)."""
    found = store.find_devices(ref)
    if not found:
        raise UsageError(f"no device {ref!r} in the inventory (give an id, IP, MAC or serial number)")
    if len(found) > 1:
        ids = ", ".join(f"{d['id']} ({d['site']} {d['ip']})" for d in found[:10])
        raise UsageError(f"{ref!r} names {len(found)} devices: {ids}; give a device id")
    return dict(found[0])


def cmd_list(args: argparse.Namespace) -> int:
    """``inventory list``."""
    store = open_from_args(args)
    try:
        return _rows(store.devices(site_of(args)), DEVICE_COLUMNS, args, "Devices")
    finally:
        store.close()


def cmd_scans(args: argparse.Namespace) -> int:
    """``inventory scans``."""
    store = open_from_args(args)
    try:
        return _rows([s.to_dict() for s in store.scans(site_of(args))], SCAN_COLUMNS, args, "Scans")
    finally:
        store.close()


def cmd_show(args: argparse.Namespace) -> int:
    """``inventory show DEVICE``."""
    store = open_from_args(args)
    try:
        dev = resolve_device(store, args.device)
        record = store.latest_record(dev["id"]) or {}
        dev["record"] = record
        dev["baseline"] = store.acceptances(dev["id"])
        if args.format == "json":
            _out(json.dumps(dev, indent=2, ensure_ascii=False) + "\n", args.output)
            return int(ExitCode.OK)
        from netscan.report.rows import render_rows

        w = _width()
        parts = [render_rows([{k: dev[k] for k in DEVICE_COLUMNS}], DEVICE_COLUMNS, "table", title="Device", width=w)]
        ev = [{"kind": e.get("kind"), "source": e.get("source"), "detail": e.get("detail"), "extracted": e.get("extracted")}
              for e in record.get("evidence") or []]
        if ev:
            parts.append(render_rows(ev, ["kind", "source", "detail", "extracted"], "table", title="Evidence", width=w))
        fl = [{"severity": f.get("severity"), "id": f.get("cve") or f.get("id"), "title": f.get("title")}
              for f in record.get("findings") or []]
        if fl:
            parts.append(render_rows(fl, ["severity", "id", "title"], "table", title="Findings (newest scan)", width=w))
        if dev["baseline"]:
            parts.append(render_rows(dev["baseline"], ["finding", "until", "reason", "created"], "table", title="Baseline", width=w))
        _out("".join(parts), args.output)
        return int(ExitCode.OK)
    finally:
        store.close()


def cmd_history(args: argparse.Namespace) -> int:
    """``inventory history DEVICE``."""
    store = open_from_args(args)
    try:
        dev = resolve_device(store, args.device)
        return _rows(store.history(dev["id"]), HISTORY_COLUMNS, args, f"History of device {dev['id']}")
    finally:
        store.close()


def pick_pair(store: Any, scans: list[str], site: str | None) -> tuple[Any, Any]:
    """The two scans a diff compares: the two given, else the last two complete scans of the site."""
    if scans:
        if len(scans) != 2 or not all(s.isdigit() for s in scans):
            raise UsageError("diff: give two scan ids (before and after), or none")
        a, b = store.scan(int(scans[0])), store.scan(int(scans[1]))
        for ref, row in zip(scans, (a, b)):
            if row is None:
                raise UsageError(f"diff: no scan {ref} in the inventory")
        return a, b
    if site is None:
        sites = store.sites()
        if len(sites) > 1:
            raise UsageError(f"diff: the inventory has several sites ({', '.join(sites[:10])}); give --site or two scan ids")
        site = sites[0] if sites else None
    last = store.scans(site, complete_only=True, limit=2) if site is not None else []
    if len(last) < 2:
        raise UsageError("diff: fewer than two complete scans" + (f" of site {site!r}" if site else ""))
    return last[1], last[0]


def cmd_diff(args: argparse.Namespace) -> int:
    """``inventory diff [SCAN_A SCAN_B]``."""
    from netscan.store import changes

    store = open_from_args(args)
    try:
        before, after = pick_pair(store, args.scans, site_of(args))
        _, events = changes(store, after, before)
        if args.format == "table":
            from netscan.report.changes import CHANGE_COLUMNS, change_row

            rows = [change_row(e) for e in events]
            title = f"Changes from scan {before.id} ({before.started_at}) to scan {after.id} ({after.started_at})"
            text = _rows_text(rows, list(CHANGE_COLUMNS), title)
            if not events:
                text += "no changes\n"
            _out(text, args.output)
            return int(ExitCode.OK)
        if args.format == "json":
            _out(json.dumps({"before": before.to_dict(), "after": after.to_dict(), "changes": events},
                            indent=2, ensure_ascii=False) + "\n", args.output)
        else:
            _out("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), args.output)
        return int(ExitCode.OK)
    finally:
        store.close()


def _rows_text(rows: list[dict[str, Any]], cols: list[str], title: str) -> str:
    from netscan.report.rows import render_rows

    return render_rows(rows, cols, "table", title=title, width=_width(), color=False)


def cmd_import(args: argparse.Namespace) -> int:
    """``inventory import FILE...``: each file becomes one scan."""
    from netscan.store import DEFAULT_SITE

    store = open_from_args(args)
    site = site_of(args, DEFAULT_SITE) or DEFAULT_SITE
    failed = 0
    try:
        for name in args.files:
            try:
                scan_id, n = import_file(store, Path(name), site, args.signatures)
            except UsageError as exc:  # one bad file never stops the others (each is its own transaction)
                sys.stderr.write(f"netscan: {exc}\n")
                failed += 1
                continue
            sys.stderr.write(f"netscan: {name}: scan {scan_id}, {n} devices\n")
    finally:
        store.close()
    return int(ExitCode.USAGE if failed else ExitCode.OK)


def import_file(store: Any, path: Path, site: str, signatures: str | None = None) -> tuple[int, int]:
    """Import one saved report or observations file as one scan; returns (scan id, devices)."""
    from netscan.observations import from_dict
    from netscan.store.adapter import as_report, header_from_report, sightings_from_report

    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise UsageError(f"{path}: file too large ({size} bytes)")
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory") from None
    except PermissionError:
        raise UsageError(f"{path}: permission denied") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        try:
            data = [json.loads(ln) for ln in lines]
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: not JSON, JSON Lines, a report or observations ({exc.msg})") from None
    doc: Any = None
    observations = None
    if isinstance(data, dict) and isinstance(data.get("devices"), list):
        doc = data  # a saved JSON report
    elif isinstance(data, list) and data and isinstance(data[0], dict) and "scan" in data[0] and "responses" not in data[0]:
        # a JSON Lines report: the header line, the changes line (a recorded scan's), the devices
        doc = {"scan": data[0]["scan"],
               "devices": [d for d in data[1:] if isinstance(d, dict) and "scan" not in d and d.keys() != {"changes"}]}
    else:
        items = data if isinstance(data, list) else [data]
        observations = [from_dict(item, f"{path}[{i}]") for i, item in enumerate(items)]
        from netscan.pipeline import analyse

        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        when = next((o.observed_at for o in observations if o.observed_at is not None), None) or mtime
        from netscan.model import ScanHeader, ScanRun, iso_time

        stamp = iso_time(when.astimezone(dt.timezone.utc).replace(microsecond=0))
        doc = analyse(observations, signatures=signatures, now=when,
                      header=ScanHeader(command="import", input=str(path),
                                        run=ScanRun(start=stamp, end=stamp, engine="offline")))
    report = as_report(doc)
    header = header_from_report(report)
    complete = not report.scan.incomplete
    sightings = sightings_from_report(report, observations)
    scan_id = store.add_scan(site=site, source="import", header=header, sightings=sightings, complete=complete,
                             origin=str(path))
    return scan_id, len(sightings)


def parse_until(text: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """``YYYY-MM-DD`` (end of that day, UTC) or an ISO time -> datetime; ``never`` -> None."""
    if text.strip().lower() == "never":
        return None
    try:
        if len(text.strip()) == 10:
            d = dt.date.fromisoformat(text.strip())
            value = dt.datetime.combine(d, dt.time(23, 59, 59), dt.timezone.utc)
        else:
            value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
            value = value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value
    except ValueError:
        raise UsageError(f"--until: {text!r} is not a date (YYYY-MM-DD) or 'never'") from None
    if value <= (now or dt.datetime.now(dt.timezone.utc)):
        raise UsageError(f"--until: {text} is in the past")
    return value


def cmd_accept(args: argparse.Namespace) -> int:
    """``inventory accept DEVICE FINDING --until DATE --reason TEXT``."""
    until = parse_until(args.until)
    reason = " ".join(args.reason.split())
    if not reason:
        raise UsageError("--reason must say why the risk is accepted")
    finding = args.finding.strip()
    if not finding or len(finding) > 300:
        raise UsageError("FINDING: a CVE id or a finding id")
    store = open_from_args(args)
    try:
        dev = resolve_device(store, args.device)
        record = store.latest_record(dev["id"]) or {}
        from netscan.store.adapter import finding_records, stored_findings

        keys = finding_records(stored_findings(record))
        if finding.upper().startswith("CVE-"):
            finding = finding.upper()
        if not any(finding in (k.key, k.finding_id) for k in keys):
            known = ", ".join(sorted({k.key for k in keys})) or "none"
            sys.stderr.write(f"netscan: note: device {dev['id']} has no finding {finding!r} in its newest scan "
                             f"(it has: {known}); accepted all the same\n")
        acc = store.accept(dev["id"], finding, reason, until)
        sys.stderr.write(f"netscan: accepted {finding} on device {dev['id']} until {args.until} (baseline entry {acc})\n")
        return int(ExitCode.OK)
    finally:
        store.close()
