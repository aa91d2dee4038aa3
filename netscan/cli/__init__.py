"""Command-line entry point: parses arguments, owns the Console, maps errors to exit codes.

Each sub-command lives in its own module with ``register(subparsers)``; the module sets
``func`` on its parser, a callable taking the parsed args and returning an exit code.
"""

from __future__ import annotations

import _signal
import argparse
import importlib
import logging
import os
import re
import sys
from collections.abc import Sequence

from netscan import __version__, _interrupted_at_startup
from netscan.cli.exitcodes import ExitCode
from netscan.errors import NetscanError, NoCaptureRights, ScopeError, UsageError

#: Sub-command modules, in help order. A module that fails to import is skipped with a warning,
#: so one broken optional piece never takes the whole CLI down.
SUBCOMMANDS: tuple[str, ...] = (
    "scan", "passive", "identify", "inventory", "report", "watch", "schedule", "signatures", "lab", "demo",
    "completion", "man",
)


def one_line(message: str, keep_newlines: bool = False) -> str:
    """An error message as one printable line: line breaks, tabs, other control characters and the
    invisible characters of netscan.report.safe (bidi overrides, zero-width spaces) written as
    ``\\n`` / ``\\xNN`` / ``\\uXXXX``. A message may quote a path or a value the user passed, or a
    device's text inside an input file. ``keep_newlines``: line breaks stay (an internal error's
    diagnostics, such as the lab emulator's last lines)."""
    from netscan.report.safe import INVISIBLE  # noqa: PLC0415 - errors only: not on the start-up path

    def esc(m: re.Match[str]) -> str:
        c = m.group(0)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")

    return re.sub(f"[\x00-\x09\x0b-\x1f{INVISIBLE}\ud800-\udfff]" if keep_newlines else f"[\x00-\x1f{INVISIBLE}\ud800-\udfff]",
                  esc, message)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # one line (docs/exit-codes.md), naming where the full usage is
        _fatal(ExitCode.USAGE, f"{message} (see '{self.prog} --help')")
        raise SystemExit(ExitCode.USAGE)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser; with ``only``, import just that sub-command's module (start-up
    time matters to a scanner run from cron every few minutes)."""
    parser = _Parser(prog="netscan", description=__doc__ and "Find and assess IP cameras on networks you own.")
    parser.add_argument("--version", action=_VersionAction, help="show netscan's version, the report schema version "
                        "and the signature database's version, and exit")
    add_common_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS if only is None else (only,):
        try:
            mod = importlib.import_module(f"netscan.cli.{name}")
        except ImportError as exc:  # pragma: no cover - only when a piece is missing
            logging.getLogger(__name__).debug("sub-command %s unavailable: %s", name, exc)
            continue
        mod.register(sub)
    for p in _all_subparsers(parser):
        add_common_options(p)
    return parser


def add_common_options(p: argparse.ArgumentParser, top: bool = False) -> None:
    """``-v``, ``-q`` and ``--no-color``, accepted before the sub-command and after it (and after
    a sub-command's action, ``netscan lab up -v``). After the sub-command they have their own
    destinations (default: absent), so they add to what was given before it."""
    have = {s for a in p._actions for s in a.option_strings}
    if "-v" not in have:
        p.add_argument("-v", "--verbose", action="count", dest="verbose" if top else "verbose_sub",
                       default=0 if top else argparse.SUPPRESS, help="more output on stderr: per-host discoveries and "
                       "phase timings (-vv: debug)")
    if "-q" not in have:
        p.add_argument("-q", "--quiet", action="store_true", default=False if top else argparse.SUPPRESS,
                       help="no progress display, only warnings and errors on stderr")
    if "--no-color" not in have:
        p.add_argument("--no-color", action="store_true", default=False if top else argparse.SUPPRESS,
                       help="no colours in terminal output (also when the NO_COLOR environment variable is set)")


def _all_subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every sub-command's parser and their actions' parsers, depth first."""
    out: list[argparse.ArgumentParser] = []
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            for p in dict.fromkeys(a.choices.values()):  # aliases map to the same parser
                out.append(p)
                out.extend(_all_subparsers(p))
    return out


def version_text() -> str:
    """``--version``: netscan's version, the report schema version and the signature database's."""
    from netscan.report.meta import REPORT_SCHEMA_VERSION, signatures_version

    sig = signatures_version()
    return (f"netscan {__version__}\n"
            f"report schema {REPORT_SCHEMA_VERSION}\n"
            f"signatures {sig['version']} ({sig['date']}, {sig['digest']})\n")


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kw: object) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=kw.get("help"))  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        sys.stdout.write(version_text())
        parser.exit()


def _setup_logging(verbosity: int, quiet: bool = False, color: bool = True) -> None:
    env = os.environ.get("NETSCAN_LOGLEVEL")
    level = env.upper() if env else ("DEBUG" if verbosity >= 2 else "INFO" if verbosity == 1 else "WARNING")
    handler: logging.Handler
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.logging import RichHandler

        # markup off: log records carry device strings
        handler = RichHandler(console=Console(stderr=True, no_color=not color), show_path=False, markup=False)
        fmt = "%(message)s"
    else:  # cron, CI, pipes: plain lines, and no rich import on the start-up path
        handler = logging.StreamHandler(sys.stderr)
        fmt = "netscan: %(levelname)s: %(message)s"
    logging.basicConfig(level=level, handlers=[handler], format=fmt)


def _fatal(code: ExitCode, message: str) -> int:
    try:
        # a usage error is one line (docs/exit-codes.md); an internal one may carry diagnostics
        sys.stderr.write(f"netscan: {one_line(message, keep_newlines=code == ExitCode.ERROR)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed too: the exit code still tells
        pass
    return int(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run netscan; returns the process exit code (see docs/exit-codes.md)."""
    try:
        if _signal.getsignal(_signal.SIGINT) is _interrupted_at_startup:  # set by netscan/__init__.py
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    except ValueError:  # pragma: no cover - not the main thread
        pass
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return _fatal(ExitCode.INTERRUPTED, "interrupted")
    except Exception as exc:
        # Ctrl-C inside an import (a lazily imported sub-command) can surface wrapped, e.g. as the
        # RuntimeError dataclasses raises when __set_name__ is interrupted
        if _interrupted(exc):
            return _fatal(ExitCode.INTERRUPTED, "interrupted")
        raise


#: Commands whose process ends as soon as their work is done and written, without the interpreter's
#: teardown (freeing every object of a scan or an identification one by one: 0.1-0.3 s of a /24
#: scan's wall time, docs/budgets.md). Only when nothing else runs (no other thread) and stdout and
#: stderr flush; every file and database the command opened is already closed by then.
QUICK_EXIT = frozenset({"scan", "identify"})


def entry() -> None:
    """The ``netscan`` program (pyproject's ``[project.scripts]``, ``python -m netscan``): ``main``,
    then the process exit with its code."""
    import threading

    code = main()
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in QUICK_EXIT and threading.active_count() == 1:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):  # a closed or broken stream: the usual exit reports it
            sys.exit(code)
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


def _interrupted(exc: BaseException) -> bool:
    """True when a KeyboardInterrupt is the cause (or context) of ``exc``, a few links deep."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    args.verbose = int(getattr(args, "verbose", 0)) + int(getattr(args, "verbose_sub", 0))
    if os.environ.get("NO_COLOR"):  # https://no-color.org: set and not empty
        args.no_color = True
    _setup_logging(args.verbose, quiet=bool(getattr(args, "quiet", False)), color=not args.no_color)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return int(ExitCode.USAGE)
    try:
        return int(func(args))
    except NoCaptureRights as exc:
        return _fatal(ExitCode.NEEDS_ROOT, str(exc))
    except ScopeError as exc:
        return _fatal(ExitCode.SCOPE, str(exc))
    except UsageError as exc:
        return _fatal(ExitCode.USAGE, str(exc))
    except NetscanError as exc:
        return _fatal(ExitCode.ERROR, str(exc))
    except KeyboardInterrupt:
        return _fatal(ExitCode.INTERRUPTED, "interrupted")
    except BrokenPipeError:
        from netscan.cli.outfile import quiet_stdout

        quiet_stdout()
        return int(ExitCode.OK)
    except RecursionError:
        logging.getLogger(__name__).debug("internal error", exc_info=True)
        return _fatal(ExitCode.ERROR, "internal error: input nested too deeply (run with -vv for details)")
    except Exception as exc:  # noqa: BLE001 - our bug: one line for the user, the traceback at -vv
        if _interrupted(exc):
            return _fatal(ExitCode.INTERRUPTED, "interrupted")
        logging.getLogger(__name__).debug("internal error", exc_info=True)
        return _fatal(ExitCode.ERROR, f"internal error: {type(exc).__name__}: {exc} (run with -vv for details)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
