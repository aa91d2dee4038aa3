"""The version value every scheme parses into, and how two of them compare.

A :class:`Version` is a sort key inside one *family*: two versions compare only when their
scheme and family agree (a Uniview ``B6103`` build says nothing about a ``B5030`` one). Each part
of the key that one side lacks (a Hikvision version seen without its build date) makes an exact
tie undecidable, and undecidable means ``None``, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest version string any scheme looks at; firmware strings are short, hostile ones are not.
MAX_VERSION_CHARS = 128


@dataclass(frozen=True)
class Version:
    """A parsed firmware version."""

    scheme: str
    """Name of the scheme that parsed it, e.g. ``hikvision``."""
    text: str
    """The string as the device reported it (trimmed)."""
    numbers: tuple[int, ...]
    """The ordered numeric release, e.g. ``(5, 4, 5)``."""
    build: int | None = None
    """A build number or date (``YYMMDD``) that orders versions with equal numbers."""
    family: str = ""
    """Only versions of the same family compare (product line, platform id)."""

    def __str__(self) -> str:
        return self.text


def _cmp_numbers(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    n = max(len(a), len(b))
    pa = a + (0,) * (n - len(a))
    pb = b + (0,) * (n - len(b))
    return (pa > pb) - (pa < pb)


def compare(a: Version, b: Version) -> int | None:
    """-1, 0 or 1 as ``a`` is older, equal or newer than ``b``; ``None`` when undecidable."""
    if a.scheme != b.scheme or a.family != b.family:
        return None
    c = _cmp_numbers(a.numbers, b.numbers)
    if c:
        return c
    if a.build is None and b.build is None:
        return 0
    if a.build is None or b.build is None:
        return None
    return (a.build > b.build) - (a.build < b.build)


def match(pattern: re.Pattern[str], text: object) -> tuple[str, re.Match[str]] | None:
    """The cleaned text and its full match of ``pattern``, or None (not this scheme's shape)."""
    s = clean(text)
    if s is None:
        return None
    m = pattern.match(s)
    return (s, m) if m else None


def dotted(m: re.Match[str], group: str = "nums") -> tuple[int, ...]:
    """A matched ``1.2.3`` group as a tuple of ints."""
    return tuple(int(p) for p in m.group(group).split("."))


def clean(text: object) -> str | None:
    """The trimmed string to parse, or None when it is not a plausible version string."""
    if not isinstance(text, str):
        return None
    s = " ".join(text.split())
    if not s or len(s) > MAX_VERSION_CHARS:
        return None
    return s
