"""A field-name pattern's test, cheaper for the shape ``^(?!EXCLUDED)WANTED`` (identification speed).

The field-name conventions of signatures/families/generic.yaml that read firmware keys start with a
negative look-ahead over the whole name (``^(?!.{0,240}?(?:latest|upgrade|hardware|...)).*?...``): the
regex engine runs the long exclusion first on every name, although most names already fail the
wanted part. For such a pattern (no MULTILINE, no VERBOSE, no top-level ``|`` after the look-ahead,
no back-reference) ``pattern.search(name)`` is exactly ``WANTED`` matching at the start and
``EXCLUDED`` not matching there: ``^`` only matches at the start, and both parts see the same string
at the same position. :func:`key_test` returns that test, the wanted part first; any other pattern
is tested with its own ``search``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def _class_end(p: str, i: int) -> int:
    """Index after the character class opened at ``p[i]``."""
    j = i + 1
    if p[j:j + 1] == "^":
        j += 1
    if p[j:j + 1] == "]":
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p[j] == "[":
            raise ValueError("nested set")
        if p[j] == "]":
            return j + 1
        j += 1
    raise ValueError("unterminated class")


def _split(p: str) -> tuple[str, str] | None:
    """(EXCLUDED, WANTED) of ``^(?!EXCLUDED)WANTED``, or None when the pattern is not that shape."""
    if not p.startswith("^(?!"):
        return None
    depth = 0
    i = 1
    close = -1
    top_bar = False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(p, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and close < 0:
                close = i
        elif c == "|" and depth == 0:
            top_bar = True
        i += 1
    if close < 0 or depth != 0 or top_bar:
        return None
    return p[4:close], p[close + 1:]


def key_test(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A function telling whether ``pattern.search(name)`` finds a match (see the module docstring)."""
    search = pattern.search
    p = pattern.pattern
    if pattern.flags & (re.MULTILINE | re.VERBOSE) or _BACKREF.search(p) is not None:
        return lambda name: search(name) is not None
    try:
        parts = _split(p)
        if parts is None:
            return lambda name: search(name) is not None
        excluded = re.compile(parts[0], pattern.flags).match
        wanted = re.compile(parts[1], pattern.flags).match
    except (ValueError, IndexError, re.error, RecursionError, OverflowError):
        return lambda name: search(name) is not None
    return lambda name: wanted(name) is not None and excluded(name) is None
