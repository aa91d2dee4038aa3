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
    return _first_chars(parsed, flags)


def first_and_start_strings(pattern: str, flags: int = 0, k: int = 2, tree: Any = None) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """``first_chars`` and ``start_strings`` of a pattern, parsed once (``tree``: its parse tree, when the caller
    has it)."""
    try:
        parsed = tree if tree is not None else _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not indexed
        return None, None
    return _first_chars(parsed, flags), _start_strings(parsed, flags, k)


def _first_chars(parsed: Any, flags: int) -> frozenset[str] | None:
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


def _in_chars(av: Any) -> set[str] | None:
    """The characters a class (``IN``) lists, as written (no case folding), when it is made of literals,
    narrow ranges and the digit category; None for a negated class, other categories or wide ranges."""
    chars: set[str] = set()
    for iop, iav in av:
        if iop is _const.LITERAL:
            chars.add(chr(iav))
        elif iop is _const.RANGE and iav[1] - iav[0] <= _MAX_RANGE:
            chars |= {chr(c) for c in range(iav[0], iav[1] + 1)}
        elif iop is _const.CATEGORY and iav is _const.CATEGORY_DIGIT:
            chars |= set(string.digits)
        else:  # NEGATE, other categories, wide ranges
            return None
    return chars


def _item(op: Any, av: Any, icase: bool, last: bool = False) -> tuple[set[str] | None, bool]:
    if op is _const.LITERAL:
        return _cased({chr(av)}, icase), False
    if op is _const.IN:
        chars = _in_chars(av)
        return (None if chars is None else _cased(chars, icase)), False
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


#: Most strings ``end_strings`` keeps for one pattern (past it, what is known so far is kept as it is).
_MAX_END_STRINGS = 4096
_ASCII = [chr(c) for c in range(128)]
_End = tuple[str, bool]
"""One possible end of a match read right to left: the characters known so far, and whether more
characters before them can still be told (``open``)."""


def end_strings(pattern: str, flags: int = 0, k: int = 3) -> frozenset[str] | None:
    """For a pattern anchored at its end (as ``end_chars``), strings of at most ``k`` ASCII characters
    one of which every match ends with: a name whose last ``k`` characters are ASCII and that ends with
    none of them (and not with a newline, before which ``$`` also matches) cannot match. A string
    shorter than ``k`` stands where the match can be that short, or where what comes before cannot be
    told (a class it does not expand, a non-ASCII character, too many strings): the condition is then
    weaker, never wrong. Where ``k`` characters make too many strings to tell anything, fewer are read.
    ``""`` among them: any name may match. None when the pattern is not
    end-anchored (or uses MULTILINE, or cannot be parsed)."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not filtered
        return None
    all_flags = flags | parsed.state.flags
    if all_flags & int(_const.SRE_FLAG_MULTILINE):
        return None
    out: frozenset[str] | None = None
    for n in range(k, 0, -1):  # (fewer characters where ``k`` of them are too many strings to tell)
        got = _tail_states(list(parsed), bool(all_flags & _IGNORECASE), {("", True)}, n)
        if got is None:
            return None
        out = frozenset(s for s, _open in got)
        if "" not in out:
            break
    return out


def _tail_states(items: list[tuple[Any, Any]], icase: bool, states: set[_End], k: int) -> set[_End] | None:
    """``states`` carried through the end-anchored sequence ``items`` (right to left), or None when it is
    not end-anchored."""
    if not items:
        return None
    op, av = items[-1]
    if _is_end(op, av):
        inner: set[_End] | None = states
    elif op is _const.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        inner = _tail_states(list(sub), _sub_icase(icase, add_flags, del_flags), states, k)
    elif op is _const.BRANCH:
        inner = set()
        for alt in av[1]:
            got = _tail_states(list(alt), icase, states, k)
            if got is None:
                return None
            inner |= got
    else:
        return None
    if inner is None:
        return None
    return _back(items[:-1], icase, inner, k)


def _sub_icase(icase: bool, add_flags: int, del_flags: int) -> bool:
    if add_flags & _IGNORECASE:
        return True
    if del_flags & _IGNORECASE:
        return False
    return icase


def _closed(states: set[_End]) -> set[_End]:
    return {(s, False) for s, _open in states}


def _back(items: list[tuple[Any, Any]], icase: bool, states: set[_End], k: int, fwd: bool = False) -> set[_End]:
    """``states`` extended leftwards by the sequence ``items`` (read from its end); ``fwd``: rightwards
    (read from its start, ``start_strings``)."""
    for op, av in (items if fwd else reversed(items)):
        if not any(o for _s, o in states):
            break
        states = _back_item(op, av, icase, states, k, fwd)
    return states


def _back_item(op: Any, av: Any, icase: bool, states: set[_End], k: int, fwd: bool = False) -> set[_End]:
    """``states`` extended leftwards (``fwd``: rightwards) by one parsed item; an item it cannot read
    closes them."""
    if op is _const.AT:
        if av in ((_const.AT_END, _const.AT_END_STRING) if fwd else (_const.AT_BEGINNING, _const.AT_BEGINNING_STRING)):
            return _closed(states)  # nothing of the match comes before (after)
        return states  # other anchors match no text
    if op in (_const.ASSERT, _const.ASSERT_NOT):
        return states  # zero width (what a look-around wants is not used: weaker, never wrong)
    chars: set[str] | None = None
    if op is _const.LITERAL:
        chars = _ascii_cased({chr(av)}, icase)
    elif op is _const.IN:
        chars = _class_chars(av, icase)
    elif op is _const.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return _back(list(sub), _sub_icase(icase, add_flags, del_flags), states, k, fwd)
    elif op is getattr(_const, "ATOMIC_GROUP", None):
        return _back(list(av), icase, states, k, fwd)  # (an atomic group only has fewer matches)
    elif op is _const.BRANCH:
        out: set[_End] = set()
        for alt in av[1]:
            out |= _back(list(alt), icase, states, k, fwd)
            if len(out) > _MAX_END_STRINGS:
                return _closed(states)
        return out
    elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
        lo, hi, sub = av
        sub_items = list(sub)
        out = set(states) if lo == 0 else set()
        cur = states
        # (k repetitions tell the last k characters; more only add characters before them)
        for _count in range(min(hi, k)):
            cur = _back(sub_items, icase, cur, k, fwd)
            out |= cur
            if len(out) > _MAX_END_STRINGS:
                return _closed(states)
        return out
    if chars is None:
        return _closed(states)
    out = set()
    for s, is_open in states:
        if not is_open:
            out.add((s, False))
            continue
        for c in chars:
            t = s + c if fwd else c + s
            out.add((t, len(t) < k))
    return _closed(states) if len(out) > _MAX_END_STRINGS else out


def start_strings(pattern: str, flags: int = 0, k: int = 2) -> frozenset[str] | None:
    """Strings of at most ``k`` ASCII characters one of which every match of ``pattern`` starts with (a
    shorter one where the match can be that short or what follows cannot be told, as ``end_strings``;
    ``""``: any text); None when the pattern cannot be parsed. Where ``k`` characters make too many
    strings, fewer are read."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not filtered
        return None
    return _start_strings(parsed, flags, k)


def _start_strings(parsed: Any, flags: int, k: int) -> frozenset[str] | None:
    icase = bool((flags | parsed.state.flags) & _IGNORECASE)
    out: frozenset[str] | None = None
    for n in range(k, 0, -1):
        out = frozenset(s for s, _open in _back(list(parsed), icase, {("", True)}, n, fwd=True))
        if "" not in out:
            break
    return out


def _ascii_cased(chars: set[str], icase: bool) -> set[str] | None:
    """The ASCII characters matching one of ``chars``; None when one of them is not ASCII (it might
    match an ASCII character case-insensitively, or none: not told)."""
    if not all(c.isascii() for c in chars):
        return None
    return chars | {c.swapcase() for c in chars} if icase else chars


def _class_chars(av: Any, icase: bool) -> set[str] | None:
    """The ASCII characters a class (``IN``) matches, when it is made of literals, ranges and digits."""
    chars = _in_chars(av)
    if chars is None:
        return None
    ascii_chars = {c for c in chars if c.isascii()}
    if icase and len(ascii_chars) != len(chars):
        return None  # a non-ASCII member may match an ASCII letter case-insensitively (K, s)
    return _ascii_cased(ascii_chars, icase)
