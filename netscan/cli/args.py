"""Checks of command-line values shared by the sub-commands: each bad value is a UsageError with
one clear line (exit 2), never a traceback or a silently different meaning."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from netscan.errors import UsageError


def positive_float(name: str, value: float | None, *, maximum: float | None = None) -> float | None:
    """A finite number > 0 (``nan``, ``inf``, 0 and negatives refused), or None when not given."""
    if value is None:
        return None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} must be a positive number (got {value!r})")
    if maximum is not None and value > maximum:
        raise UsageError(f"{name} must be at most {maximum:g} (got {value:g})")
    return value


def int_at_least(name: str, value: int | None, minimum: int, maximum: int | None = None) -> int | None:
    """An integer in [minimum, maximum], or None when not given."""
    if value is None:
        return None
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise UsageError(f"{name} must be at least {minimum}{upper} (got {value})")
    return value


def signatures_dir(value: str | None) -> str | None:
    """``--signatures DIR``: an existing directory."""
    if value is None:
        return None
    p = Path(value)
    if not p.exists():
        raise UsageError(f"--signatures: {value}: no such directory")
    if not p.is_dir():
        raise UsageError(f"--signatures: {value}: not a directory")
    return value


#: ``--now`` must fall in this range: date arithmetic of the checks stays far from year 1 and 9999.
NOW_EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
NOW_LATEST = dt.datetime(9000, 1, 1, tzinfo=dt.timezone.utc)


def reference_now(text: str | None) -> dt.datetime:
    """``--now ISO8601`` (naive means UTC) as an aware UTC time; default the current time."""
    if not text:
        return dt.datetime.now(dt.timezone.utc)
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        value = value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError):
        raise UsageError(f"--now: not an ISO 8601 time: {text!r}") from None
    if not NOW_EARLIEST <= value < NOW_LATEST:
        raise UsageError(f"--now: {text!r} is out of range (1970-01-01 to 9000-01-01)")
    return value
