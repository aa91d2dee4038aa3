"""Exit codes, as documented in docs/exit-codes.md."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a netscan process exit status means."""

    OK = 0
    """Success; with --fail-on, no finding at or above the threshold."""
    ERROR = 1
    """An internal or environment error (lab, signature data)."""
    USAGE = 2
    """Bad arguments or unreadable input."""
    SCOPE = 3
    """A target is outside the allowed scope (public address without --allow-public, or outside --scope)."""
    FINDINGS = 4
    """--fail-on threshold reached."""
    INCOMPLETE = 5
    """The scan was interrupted; results printed are partial."""
    NEEDS_ROOT = 6
    """The command needs root (lab commands)."""
    INTERRUPTED = 130
    """Ctrl-C before anything could be reported."""
