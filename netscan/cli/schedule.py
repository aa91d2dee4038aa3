"""``netscan schedule --systemd|--cron [scan options]``: print ready-to-install systemd units or a
crontab line that runs the scan into the inventory (docs/scheduling.md). Prints only; installs nothing."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.errors import UsageError

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_CRON_FIELD = re.compile(r"^[0-9A-Za-z*/,\-]+$")
_NAME = re.compile(r"^[a-zA-Z0-9_.@-]{1,64}$")


def register(sub: Any) -> None:
    """Add ``schedule``."""
    from netscan.cli.scan import add_passive_seconds_option, add_scan_options
    from netscan.cli.storeopts import add_store_options

    p = sub.add_parser("schedule", help="print systemd units or a crontab line for scheduled scans",
                       description="Print a systemd service and timer, or one crontab line, that run `netscan scan` with "
                       "the scan options given here into the inventory (docs/scheduling.md).")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--systemd", action="store_true", help="print netscan.service and netscan.timer")
    how.add_argument("--cron", action="store_true", help="print one line for /etc/crontab (or /etc/cron.d/netscan)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="HH:MM", help="every day at this time (default 02:30)")
    when.add_argument("--calendar", metavar="SPEC",
                      help="systemd OnCalendar= expression (--systemd) or the five cron time fields (--cron)")
    p.add_argument("--name", default="netscan", metavar="NAME", help="unit name (default: netscan)")
    p.add_argument("--user", default="root", metavar="USER", help="cron: the user column (default root)")
    p.add_argument("--format", choices=("json", "jsonl", "csv", "html", "table"), default=None,
                   help="also keep a report in --output in this format")
    p.add_argument("--output", "-o", metavar="FILE", action="append",
                   help="report file the scheduled scan writes (kept up to date; repeat for several formats)")
    add_scan_options(p)
    add_passive_seconds_option(p)
    add_store_options(p, writer=True)
    p.set_defaults(func=run, schedule_actions=p._actions)


def netscan_command() -> str:
    """Absolute path of the netscan executable that is running (cron and systemd have a bare PATH)."""
    exe = shutil.which("netscan")
    argv0 = sys.argv[0] if sys.argv and sys.argv[0].endswith("netscan") else None
    path = os.path.abspath(argv0) if argv0 and os.path.exists(argv0) else exe
    if path:
        return path
    return f"{sys.executable} -m netscan"


def scan_argv(args: argparse.Namespace, parser_actions: list[Any]) -> list[str]:
    """The ``netscan scan`` arguments equivalent to the scan options in ``args``."""
    from netscan.cli.scan import SCAN_OPTION_DESTS

    out: list[str] = ["scan", "--quiet"]
    targets: list[str] = []
    for a in parser_actions:
        dest = a.dest
        if dest not in SCAN_OPTION_DESTS and dest not in ("db", "no_db", "site", "format", "output", "passive_seconds"):
            continue
        value = getattr(args, dest, None)
        if dest == "targets":
            targets = list(value or [])
            continue
        if value is None or value is False or value == a.default:
            continue
        flag = max(a.option_strings, key=len)
        if dest in ("scope", "signatures", "save_observations") or (dest == "db" and "://" not in str(value)):
            value = os.path.abspath(str(value))
        if value is True:
            out.append(flag)
        elif isinstance(value, list):  # an option given several times (-o a.json -o a.html)
            for v in value:
                out += [flag, os.path.abspath(str(v)) if dest == "output" else str(v)]
        elif isinstance(value, float) and value.is_integer():
            out += [flag, str(int(value))]  # --passive-seconds 30, not 30.0
        else:
            out += [flag, str(value)]
    return out + targets


def _check_calendar_cron(spec: str) -> list[str]:
    fields = spec.split()
    if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
        raise UsageError("--calendar: with --cron, the five cron time fields, e.g. '30 2 * * *'")
    return fields


def systemd_quote(arg: str) -> str:
    """One argument for ExecStart= (systemd.service(5) "Command lines"): double-quoted when needed,
    with ``%`` (specifiers) doubled and ``$`` (variable expansion) doubled."""
    a = arg.replace("%", "%%").replace("$", "$$")
    if a and re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", a):
        return a
    return '"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cron_line(schedule: list[str], user: str | None, argv: list[str]) -> str:
    """One crontab line (crontab(5)): no line continuation exists, so everything is on one line,
    and ``%`` (which cron turns into a newline) is escaped as ``\\%``."""
    cmd = " ".join(shlex.quote(a) for a in argv).replace("%", "\\%")
    return " ".join(schedule + ([user] if user else []) + [cmd])


def run(args: argparse.Namespace) -> int:
    """Run ``schedule``."""
    from netscan.cli.scan import check_passive_seconds, options_from_args
    from netscan.cli.storeopts import site_of

    options_from_args(args)  # the scan options must be valid now, not at 02:30
    check_passive_seconds(args.passive_seconds)
    site_of(args)
    if args.hosts_only:
        raise UsageError("schedule: --hosts-only scans are not recorded in the inventory")
    if not _NAME.match(args.name):
        raise UsageError("--name: letters, digits and _ . @ - only")
    if args.format and not args.output:
        raise UsageError("--format needs --output (the scheduled scan's report file)")
    if args.output and not all(os.path.isabs(o) for o in args.output):
        raise UsageError("--output: give an absolute path (cron and systemd do not start in this directory)")
    argv = netscan_command().split() + scan_argv(args, args.schedule_actions)
    hh, mm = "02", "30"
    if args.at:
        m = _TIME.match(args.at)
        if not m:
            raise UsageError("--at: HH:MM, e.g. 02:30")
        hh, mm = f"{int(m.group(1)):02d}", m.group(2)
    if args.cron:
        fields = _check_calendar_cron(args.calendar) if args.calendar else [str(int(mm)), str(int(hh)), "*", "*", "*"]
        if not re.match(r"^[a-z_][a-z0-9_-]{0,31}$", args.user):
            raise UsageError("--user: a user name")
        sys.stdout.write("# netscan: scheduled scan into the inventory (line for /etc/crontab or /etc/cron.d/; "
                         "in `crontab -e` drop the user column). Exit 4 means findings at or above --fail-on.\n")
        sys.stdout.write(cron_line(fields, args.user, argv) + "\n")
        return int(ExitCode.OK)
    calendar = args.calendar or f"*-*-* {hh}:{mm}:00"
    if "\n" in calendar or len(calendar) > 200:
        raise UsageError("--calendar: one OnCalendar= expression")
    exec_start = " ".join(systemd_quote(a) for a in argv)
    sys.stdout.write(f"""# /etc/systemd/system/{args.name}.service
[Unit]
Description=netscan camera inventory scan
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart={exec_start}
# 4: findings at or above --fail-on; 5: the scan was interrupted (stored as incomplete)
SuccessExitStatus=4 5

# /etc/systemd/system/{args.name}.timer
[Unit]
Description=Scheduled netscan scan

[Timer]
OnCalendar={calendar}
RandomizedDelaySec=5m
Persistent=true

[Install]
WantedBy=timers.target

# install: save the two units above, then: systemctl daemon-reload && systemctl enable --now {args.name}.timer
""")
    return int(ExitCode.OK)
