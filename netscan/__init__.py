"""netscan: find, identify and assess the IP cameras, NVRs and DVRs on networks you own."""

from __future__ import annotations

import _signal
import sys as _sys


def _interrupted_at_startup(signum: int, frame: object) -> None:  # pragma: no cover - timing
    """Ctrl-C while the ``netscan`` command is still importing: one line and exit 130, no traceback
    (``netscan.cli.main`` puts Python's own handler back as soon as it runs)."""
    import os

    os.write(2, b"netscan: interrupted\n")
    os._exit(130)


def _is_command() -> bool:
    """True when this process is the ``netscan`` command (console script or ``python -m netscan``),
    not a program importing the package. Only builtins here: this runs first, and fast."""
    argv0 = _sys.argv[0] if _sys.argv else ""
    if argv0.endswith("/netscan") or argv0 == "netscan" or argv0.endswith("netscan/__main__.py"):
        return True
    orig = getattr(_sys, "orig_argv", [])
    return any(a == "-m" and b == "netscan" for a, b in zip(orig, orig[1:]))


try:  # the first code the command runs
    if _is_command() and _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _interrupted_at_startup)
except ValueError:  # pragma: no cover - not the main thread
    pass

__version__ = "0.1.0"

__all__ = ["__version__"]
