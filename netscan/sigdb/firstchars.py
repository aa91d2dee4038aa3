"""The characters a compiled pattern can begin a match with (family-grammar index, netscan.sigdb.db).

Family grammars are searched in every short field value. Running one alternation of all of them at
every position of every value costs time in proportion to the number of grammars; instead each
grammar is filed under the characters its match can start with, and only the grammars filed under
the character at a token start are tried there. The analysis reads the pattern's parse tree (the
standard library's regular-expression parser); anything it does not understand gives ``None``
("may start with anything"), and such a grammar is simply searched in every value, so the index can
only save work, never lose a match.
"""

from __future__ import annotations

import importlib
import string
import warnings
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        _parser: Any = importlib.import_module("re._parser")
        _const: Any = importlib.import_module("re._constants")
    except ImportError:  # pragma: no cover - Python < 3.11 keeps them under their old names
        _parser = importlib.import_module("sre_parse")
        _const = importlib.import_module("sre_constants")

#: Largest character range expanded into single characters (``[A-Z]`` is 26; ``[^x]`` is never expanded).
_MAX_RANGE = 128
_IGNORECASE: int = int(_const.SRE_FLAG_IGNORECASE)


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that cannot be told (a
    pattern that can match the empty string, starts with ``.``, a negated class, a back-reference...)."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not indexed
        return None
    chars, nullable = _seq(list(parsed), bool(flags & _IGNORECASE))
    if chars is None or nullable or not chars:
        return None
    return frozenset(chars)


def _seq(items: list[tuple[Any, Any]], icase: bool, last: bool = False) -> tuple[set[str] | None, bool]:
    """First (``last``: last) characters of a sequence of items, and whether the whole sequence can
    match empty."""
    out: set[str] = set()
    for op, av in (reversed(items) if last else items):
        chars, nullable = _item(op, av, icase, last)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _cased(chars: set[str], icase: bool) -> set[str]:
    return chars | {c.swapcase() for c in chars} if icase else chars


def _item(op: Any, av: Any, icase: bool, last: bool = False) -> tuple[set[str] | None, bool]:
    if op is _const.LITERAL:
        return _cased({chr(av)}, icase), False
    if op is _const.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _const.LITERAL:
                chars.add(chr(iav))
            elif iop is _const.RANGE and iav[1] - iav[0] <= _MAX_RANGE:
                chars |= {chr(c) for c in range(iav[0], iav[1] + 1)}
            elif iop is _const.CATEGORY and iav is _const.CATEGORY_DIGIT:
                chars |= set(string.digits)
            else:  # NEGATE, other categories, wide ranges
                return None, False
        return _cased(chars, icase), False
    if op is _const.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            chars_alt, n = _seq(list(alt), icase, last)
            if chars_alt is None:
                return None, False
            out |= chars_alt
            nullable = nullable or n
        return out, nullable
    if op is _const.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return _seq(list(sub), icase or bool(add_flags & _IGNORECASE), last)
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
        lo, _hi, sub = av
        chars_rep, n = _seq(list(sub), icase, last)
        if chars_rep is None:
            return None, False
        return chars_rep, lo == 0 or n
    if op in (_const.ASSERT, _const.ASSERT_NOT, _const.AT):
        return set(), True  # zero width: the next item says where the match starts
    return None, False


def end_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """For a pattern anchored at its end (it ends with ``$`` or ``\\Z``, or with a group or an
    alternation each branch of which does), the ASCII characters the last character of a match can
    be; None when that cannot be told (not end-anchored, a match that can be empty before the end,
    a class it does not expand, a non-ASCII character). A name whose last character is ASCII and
    not in the set cannot match (the field-name conventions are searched in every new field name).
    ``$`` also matches before a final newline: a name ending in one must be searched anyway."""
    try:
        parsed = list(_parser.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not filtered
        return None
    chars = _anchored_tail(parsed, bool(flags & _IGNORECASE))
    if chars is None or not chars or not all(c.isascii() for c in chars):
        return None
    return frozenset(chars)


def _is_end(op: Any, av: Any) -> bool:
    return op is _const.AT and av in (_const.AT_END, _const.AT_END_STRING)


def _anchored_tail(items: list[tuple[Any, Any]], icase: bool) -> set[str] | None:
    """Last characters of an end-anchored sequence (see ``end_chars``), or None."""
    if not items:
        return None
    op, av = items[-1]
    if _is_end(op, av):
        chars, nullable = _seq(items[:-1], icase, last=True)
        return None if chars is None or nullable else chars
    if op is _const.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return _anchored_tail(list(sub), icase or bool(add_flags & _IGNORECASE))
    if op is _const.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _anchored_tail(list(alt), icase)
            if got is None:
                return None
            out |= got
        return out
    return None
