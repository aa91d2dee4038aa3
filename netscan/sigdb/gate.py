"""Which of a field's rules can match a value, found in one pass (identification speed).

A field such as ``http.header.server`` is read by hundreds of rules (hand-written ones and those
imported from recog and nmap). Most rule patterns contain a literal every match must hold
(``Hikvision-Webs``, ``Boa/``, ``FTP server``): :func:`required_literal` finds the longest one.
A :class:`FieldGate` joins a field's literals into one regular expression that reports, at every
position of the lower-cased value, the longest literal starting there; the rules whose literal
occurs (directly or as a prefix of a longer one found at the same place) and the rules without a
literal are the only ones whose patterns are run. It is a necessary condition only: the pattern
itself still decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any, Protocol

#: Shortest literal worth gating on (shorter ones occur in most values).
MIN_LITERAL = 3
#: A field needs this many rules before a gate pays for itself.
MIN_RULES = 8


def _runs(items: Any, out: list[str], cur: list[str]) -> None:
    """Append to ``out`` every literal run a match of the parsed sequence ``items`` must contain."""
    for op, av in items:
        if op == _C.LITERAL:
            cur.append(chr(av))
            continue
        if op == _C.SUBPATTERN and not (av[1] or av[2]):  # a group without its own flags: part of the sequence
            _runs(av[-1], out, cur)
            continue
        if op == _C.AT:  # anchors match no text
            continue
        out.append("".join(cur))
        cur.clear()
        if op == _C.SUBPATTERN:  # a group with its own flags (?i:...): its literals are still required
            out.extend(_all_runs(av[-1]))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            out.extend(_all_runs(av[2]))  # required once, but not adjacent to what follows
        elif op == getattr(_C, "ATOMIC_GROUP", None):
            out.extend(_all_runs(av))


def _all_runs(items: Any) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    _runs(items, out, cur)
    out.append("".join(cur))
    return out


@lru_cache(maxsize=8192)
def required_literal(pattern: str, flags: int = 0) -> str | None:
    """The longest ASCII literal (lower-cased) that every match of ``pattern`` contains, or None."""
    try:
        parsed = _P.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & re.VERBOSE:
        return None
    out = _all_runs(parsed)
    best = max((s for s in out if s.isascii()), key=len, default="")
    return best.casefold() if len(best) >= MIN_LITERAL else None


class _HasPattern(Protocol):
    @property
    def pattern(self) -> re.Pattern[str]: ...


class FieldGate:
    """The candidate rules of one field for a value (rules given in their reading order)."""

    __slots__ = ("_always", "_by_literal", "_rx", "_n")

    def __init__(self, rules: Sequence[_HasPattern]) -> None:
        literals: dict[str, list[int]] = {}
        always: list[int] = []
        for i, r in enumerate(rules):
            lit = required_literal(r.pattern.pattern, r.pattern.flags)
            if lit is None:
                always.append(i)
            else:
                literals.setdefault(lit, []).append(i)
        # a literal found at a position stands for every shorter literal that is its prefix there
        by_literal: dict[str, frozenset[int]] = {}
        for lit in literals:
            idx = {i for other, ids in literals.items() if lit.startswith(other) for i in ids}
            by_literal[lit] = frozenset(idx)
        ordered = sorted(literals, key=len, reverse=True)
        self._rx = re.compile("(?=(" + "|".join(re.escape(s) for s in ordered) + "))") if ordered else None
        self._by_literal = by_literal
        self._always = frozenset(always)
        self._n = len(rules)

    def candidates(self, values: Sequence[str]) -> list[int]:
        """Indexes (ascending) of the rules that may match one of ``values``."""
        hit: set[int] = set(self._always)
        if self._rx is not None:
            for v in values:
                for m in self._rx.finditer(v.casefold()):
                    hit |= self._by_literal[m.group(1)]
        return sorted(hit)
