"""``netscan man``: the manual page (roff), generated from the argument parser with
argparse-manpage, so it always matches the installed version.

    netscan man | man -l -
    netscan man | sudo tee /usr/local/share/man/man1/netscan.1
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from netscan.cli.exitcodes import ExitCode

_ABOUT = (
    "netscan finds the IP cameras, NVRs and DVRs on networks you own, tells who really made each one "
    "and says what is wrong with it: firmware CVEs, open streams, telnet, cleartext admin pages, "
    "unactivated devices, P2P cloud services, UPnP port forwards and NDAA section 889 / FCC Covered List vendors. "
    "It is for defensive use on networks you own or are authorised to assess."
)


def register(sub: Any) -> None:
    """Add the ``man`` sub-command."""
    p = sub.add_parser("man", help="print the manual page (roff; view with: netscan man | man -l -)",
                       description="Print netscan's manual page, generated from its argument parser.")
    p.set_defaults(func=run)


def _roff(text: str) -> str:
    return text.replace("\\", "\\\\").replace("-", "\\-")


def page() -> str:
    """The manual page, roff source."""
    from argparse_manpage.manpage import Manpage

    from netscan import __version__
    from netscan.cli.completion import full_parser
    from netscan.cli.exitcodes import ExitCode as Codes

    parser = full_parser()
    parser.description = _ABOUT
    man = Manpage(parser, _data={"project_name": "netscan", "version": __version__, "manual_title": "netscan manual",
                                 "description": "find, identify and assess IP cameras, NVRs and DVRs on networks you own"})
    text = str(man)
    exits = [".SH EXIT STATUS"]
    for code in Codes:
        exits += [".TP", f"\\fB{int(code)}\\fR", _roff(_describe(code) or code.name.lower())]
    tail = "\n".join(exits) + "\n.SH SEE ALSO\n\\fBnmap\\fR(1); the documentation in the docs/ folder of the source.\n"
    page = text.rstrip("\n") + "\n" + tail
    # roff input is ASCII: any other character as a named Unicode escape (\[u2026] for an ellipsis)
    return "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in page)


def _describe(code: ExitCode) -> str:
    """The docstring line written under each ExitCode member (docs/exit-codes.md says the same)."""
    import ast
    import inspect

    from netscan.cli import exitcodes

    tree = ast.parse(inspect.getsource(exitcodes))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "ExitCode":
            body = node.body
            for i, stmt in enumerate(body):
                if (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)
                        and stmt.targets[0].id == code.name and i + 1 < len(body)):
                    nxt = body[i + 1]
                    if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant):
                        return str(nxt.value.value)
    return ""


def run(args: argparse.Namespace) -> int:
    """Print the page."""
    sys.stdout.write(page())
    return int(ExitCode.OK)
