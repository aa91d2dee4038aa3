"""``netscan completion bash|zsh``: a shell completion script generated from the argument parser
(with shtab), so it always matches the options of the installed version.

    netscan completion bash | sudo tee /etc/bash_completion.d/netscan
    netscan completion zsh  > "${fpath[1]}/_netscan"
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from netscan.cli.exitcodes import ExitCode

SHELLS: tuple[str, ...] = ("bash", "zsh")


def register(sub: Any) -> None:
    """Add the ``completion`` sub-command."""
    p = sub.add_parser("completion", help="print a bash or zsh completion script",
                       description="Print a shell completion script generated from netscan's own argument parser. "
                       "bash: netscan completion bash | sudo tee /etc/bash_completion.d/netscan; "
                       "zsh: netscan completion zsh > \"${fpath[1]}/_netscan\".")
    p.add_argument("shell", choices=SHELLS, help="the shell")
    p.set_defaults(func=run)


def full_parser() -> argparse.ArgumentParser:
    """The complete parser (every sub-command), its file and directory arguments marked for
    completion."""
    import shtab

    from netscan.cli import _all_subparsers, build_parser

    parser = build_parser()
    for p in [parser, *_all_subparsers(parser)]:
        for a in p._actions:
            meta = str(a.metavar or "")
            if "FILE" in meta or a.dest in ("file", "output", "save_observations", "input_list"):
                a.complete = shtab.FILE  # type: ignore[attr-defined]
            elif "DIR" in meta or a.dest in ("profiles", "signatures"):
                a.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    return parser


def script(shell: str) -> str:
    """The completion script for ``shell``."""
    import shtab

    return str(shtab.complete(full_parser(), shell=shell))


def run(args: argparse.Namespace) -> int:
    """Print the script."""
    sys.stdout.write(script(args.shell))
    return int(ExitCode.OK)
