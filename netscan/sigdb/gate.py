"""Which of a field's rules can match a value, found in one pass (identification speed).

A field such as ``http.header.server`` is read by hundreds of rules (hand-written ones and those
imported from recog and nmap). Most rule patterns contain a literal every match must hold
(``Hikvision-Webs``, ``Boa/``, ``FTP server``): :func:`required_literal` finds the longest one.
A :class:`FieldGate` joins a field's literals into one regular expression that reports, at every
position of the lower-cased value, the longest literal starting there; the rules whose literal
occurs (directly or as a prefix of a longer one found at the same place) and the rules without a
literal are the only ones whose patterns are run. It is a necessary condition only: the pattern
itself still decides.

Finding a literal costs a pass over the pattern text (the parser's for some): a field's gate is built
the first time the field is seen, so a fresh process (``netscan identify`` of a file) pays it for
every field it meets. The literals of the shipped patterns are therefore shipped too
(``gate_literals.json`` beside this module, written by ``scripts/gate_literals.py``), keyed by the
pattern and its flags: a pattern not in it (a rule added since, a user's signatures) is read as
before. The file can only speed things up: an entry is the literal of exactly that pattern.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any, NamedTuple, Protocol

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


#: One-character escapes that stand for a class (end a run) or an anchor (zero width: a run goes on).
_CLASS_ESCAPES = frozenset("dDwWsS")
_ANCHOR_ESCAPES = frozenset("bBAZ")
_REPEAT = re.compile(r"\{(\d*)(?:,\d*)?\}")
_INLINE_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]+))?([:)])")


class _Unsure(Exception):
    """The quick reading met something it leaves to the full parser."""


def _class_end(p: str, i: int) -> int:
    """Index just after the character class opened at ``p[i]`` (``[``)."""
    j = i + 1
    if p[j:j + 1] == "^":
        j += 1
    if p[j:j + 1] == "]":
        j += 1
    n = len(p)
    while j < n:
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            raise _Unsure  # nested-set syntax (Python warns): the parser decides
        if c == "]":
            return j + 1
        j += 1
    raise _Unsure


def _skip_atom(p: str, i: int) -> int:
    """Index just after the escape (``\\`` and the character it takes, whatever it is) or the character class
    (``_class_end``) that starts at ``p[i]``: what the scans below pass over whole, so that a ``(``, ``)`` or ``|``
    inside one neither opens, closes nor splits anything. Raises _Unsure on a class the quick reading leaves to the
    parser; ``p[i]`` must be ``\\`` or ``[``."""
    return i + 2 if p[i] == "\\" else _class_end(p, i)


def _group_end(p: str, i: int) -> int:
    """Index of the ``)`` closing the group opened at ``p[i]``."""
    depth = 0
    n = len(p)
    while i < n:
        c = p[i]
        if c == "\\" or c == "[":
            i = _skip_atom(p, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise _Unsure


def _repeat_at(p: str, i: int) -> tuple[int, int] | None:
    """(minimum count, index after) of a repeat written at ``p[i]``, or None when none is."""
    c = p[i:i + 1]
    if c in ("*", "?"):
        lo, j = 0, i + 1
    elif c == "+":
        lo, j = 1, i + 1
    elif c == "{":
        m = _REPEAT.match(p, i)
        if m is None or m.group() == "{}":
            raise _Unsure  # a brace Python reads as a literal: rare, the parser knows
        lo, j = int(m.group(1) or 0), m.end()
    else:
        return None
    if p[j:j + 1] in ("?", "+"):  # lazy, possessive
        j += 1
    if p[j:j + 1] in ("*", "+", "?", "{"):
        raise _Unsure  # a repeated repeat: an error or a rarity
    return lo, j


def _quick_runs(p: str, i: int, end: int, out: list[str], cur: list[str]) -> None:
    """``_runs`` read straight off the pattern text ``p[i:end]`` (no parse tree: the standard
    library's parser is the slow part of building a gate). The same runs in the same order, except
    that runs of one repeated character are left out (too short to be chosen). Raises _Unsure on
    anything it does not mirror exactly: alternations (the parser factors out their common prefix),
    numeric and named escapes, verbose patterns, odd syntax."""
    while i < end:
        c = p[i]
        if c == "|" or c == ")":
            raise _Unsure
        if c == "(":
            close = _group_end(p, i)
            after = close + 1
            rep = _repeat_at(p, after)
            kind = "plain"
            body = i + 1
            if p.startswith("(?", i):
                m = _INLINE_FLAGS.match(p, i)
                if p.startswith("(?P<", i):
                    body = p.index(">", i) + 1
                elif p.startswith("(?:", i):
                    body = i + 3
                elif p.startswith("(?#", i):
                    if rep is not None:
                        raise _Unsure
                    i = after
                    continue
                elif p.startswith("(?>", i):
                    kind, body = "atomic", i + 3
                elif m is not None:
                    if "x" in m.group(1) or (m.group(2) and "x" in m.group(2)):
                        raise _Unsure
                    if m.group(3) == ")":  # global flags: no item
                        if rep is not None:
                            raise _Unsure
                        i = after
                        continue
                    kind, body = "flags", m.end()
                else:  # look-arounds, conditionals, (?P=name): end the run, add nothing
                    kind = "other"
            if rep is None and kind == "plain":
                if "|" in _top_level(p, body, close):
                    raise _Unsure
                _quick_runs(p, body, close, out, cur)
                i = after
                continue
            out.append("".join(cur))
            cur.clear()
            if kind != "other" and (rep is None or rep[0] >= 1):
                if "|" in _top_level(p, body, close):
                    raise _Unsure
                inner: list[str] = []
                inner_cur: list[str] = []
                _quick_runs(p, body, close, inner, inner_cur)
                inner.append("".join(inner_cur))
                out.extend(inner)
            i = rep[1] if rep is not None else after
            continue
        literal: str | None = None
        width = 1
        if c == "\\":
            d = p[i + 1:i + 2]
            width = 2
            if d in _ANCHOR_ESCAPES:
                i += 2
                continue
            if d in _CLASS_ESCAPES:
                literal = None
            elif d and d.isascii() and not d.isalnum():
                literal = d
            else:  # \x41, \u..., \N{...}, \t, back-references, octal: the parser reads those
                raise _Unsure
        elif c == "[":
            width = _skip_atom(p, i) - i
            literal = _single_char_class(p[i + 1:i + width - 1])
        elif c in "^$":
            i += 1
            continue
        elif c == ".":
            literal = None
        elif c in "*+?{":
            raise _Unsure  # a repeat of nothing
        else:
            literal = c
        rep = _repeat_at(p, i + width)
        if rep is not None:  # the item may be absent or repeated: it ends the run
            out.append("".join(cur))
            cur.clear()
            i = rep[1]
            continue
        if literal is None:
            out.append("".join(cur))
            cur.clear()
        else:
            cur.append(literal)
        i += width


def _single_char_class(body: str) -> str | None:
    """The one character a class body stands for (``[.]``, ``[2]``, ``[\\-]``: the parser makes those a
    literal), None for a class of several characters, a negated class or one with a category."""
    if body.startswith("^"):
        return None
    chars: set[str] = set()
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            d = body[i + 1:i + 2]
            if not d or d.isalnum() or not d.isascii():
                return None if d in _CLASS_ESCAPES else _unsure()
            chars.add(d)
            i += 2
            continue
        chars.add(c)
        i += 1
    if "-" in body.replace("\\-", ""):
        if len(chars) <= 2:
            raise _Unsure  # [a-a], [-], [a-]: ranges and dashes the parser reads its own way
        return None
    return next(iter(chars)) if len(chars) == 1 else None


def _unsure() -> str:
    raise _Unsure


def _top_level(p: str, i: int, end: int) -> str:
    """``p[i:end]`` with groups, classes and escapes blanked out (to look for a top-level ``|``)."""
    keep: list[str] = []
    while i < end:
        c = p[i]
        if c == "\\" or c == "[":
            i = _skip_atom(p, i)
        elif c == "(":
            i = _group_end(p, i) + 1
        else:
            keep.append(c)
            i += 1
    return "".join(keep)


def quick_literal(pattern: str, flags: int = 0) -> str | None:
    """What ``required_literal`` answers, read off the pattern text; raises _Unsure when it cannot
    tell (then the parser reads the pattern)."""
    if flags & re.VERBOSE:
        raise _Unsure
    out: list[str] = []
    cur: list[str] = []
    _quick_runs(pattern, 0, len(pattern), out, cur)
    out.append("".join(cur))
    best = max((s for s in out if s.isascii()), key=len, default="")
    return best.casefold() if len(best) >= MIN_LITERAL else None


#: The shipped patterns' literals (``literal_key`` -> literal or None), written by scripts/gate_literals.py.
LITERALS_FILE = Path(__file__).with_name("gate_literals.json")


def literal_key(pattern: str, flags: int = 0) -> str:
    """The key of a pattern (with its flags) in LITERALS_FILE: the flags' number, a NUL, the pattern
    (the pattern itself, not a digest: no collision to rule out, and no hashing library to load)."""
    return f"{int(flags)}\0{pattern}"


class _Tables(NamedTuple):
    literals: dict[str, str | None]
    alternatives: dict[str, tuple[str, ...]]
    short: dict[str, str | None]


@lru_cache(maxsize=1)
def _shipped_tables(path: Path) -> _Tables:
    """The file's two tables, read once per path (the file's keys are whole patterns: a few megabytes, so
    only the tables are kept, not the parsed file): ``literals`` (``literal_key`` -> literal or None) and
    ``alternatives`` (``literal_key`` -> ``alternative_literals``, empty for none). A table that is missing
    or not the expected shape is empty (then every literal is computed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        data = {}
    lits, alts, shorts = data.get("literals"), data.get("alternatives"), data.get("short")
    lits_ok = isinstance(lits, dict) and all(
        isinstance(k, str) and (v is None or (isinstance(v, str) and len(v) >= MIN_LITERAL and v.isascii()))
        for k, v in lits.items())
    alts_ok = isinstance(alts, dict) and all(
        isinstance(k, str) and isinstance(v, list) and len(v) <= MAX_ALTERNATIVES
        and all(isinstance(x, str) and len(x) >= MIN_LITERAL and x.isascii() for x in v)
        for k, v in alts.items())
    shorts_ok = isinstance(shorts, dict) and all(
        isinstance(k, str) and (v is None or (isinstance(v, str) and len(v) >= MIN_SHORT_LITERAL and v.isascii() and v == v.casefold()))
        for k, v in shorts.items())
    return _Tables(lits if lits_ok and isinstance(lits, dict) else {},
                   {k: tuple(v) for k, v in alts.items()} if alts_ok and isinstance(alts, dict) else {},
                   shorts if shorts_ok and isinstance(shorts, dict) else {})


def shipped_literals() -> dict[str, str | None]:
    """LITERALS_FILE's ``literals`` table (``_shipped_tables``)."""
    return _shipped_tables(LITERALS_FILE).literals


_ABSENT = object()


@lru_cache(maxsize=8192)
def required_literal(pattern: str, flags: int = 0) -> str | None:
    """The longest ASCII literal (lower-cased) that every match of ``pattern`` contains, or None.

    A shipped pattern's literal comes from LITERALS_FILE; any other is computed (``compute_literal``)."""
    hit = shipped_literals().get(literal_key(pattern, flags), _ABSENT)
    if hit is not _ABSENT:
        return hit  # type: ignore[return-value]
    return compute_literal(pattern, flags)


def shipped_alternatives() -> dict[str, tuple[str, ...]]:
    """LITERALS_FILE's ``alternatives`` table (``_shipped_tables``): of the shipped patterns without a required
    literal."""
    return _shipped_tables(LITERALS_FILE).alternatives


def shipped_short_literals() -> dict[str, str | None]:
    """LITERALS_FILE's ``short`` table (``_shipped_tables``): ``short_literal`` of the shipped patterns with neither
    a required literal nor alternatives (read with the parser otherwise, when a field's rules are first gated)."""
    return _shipped_tables(LITERALS_FILE).short


@lru_cache(maxsize=8192)
def rule_literals(pattern: str, flags: int = 0) -> str | tuple[str, ...] | None:
    """What gates a rule: its required literal (``required_literal``), else the literals one of which
    every match holds (``alternative_literals``, a shipped pattern's from LITERALS_FILE), else None."""
    lit = required_literal(pattern, flags)
    if lit is not None:
        return lit
    key = literal_key(pattern, flags)
    alts = shipped_alternatives().get(key)
    if alts is None:
        alts = alternative_literals(pattern, flags) or ()
    if alts:
        return alts
    short = shipped_short_literals().get(key, _ABSENT)
    return short_literal(pattern, flags) if short is _ABSENT else short  # type: ignore[return-value]


#: Shortest literal a rule without a longer one is gated on (``short_literal``).
MIN_SHORT_LITERAL = 2


def short_literal(pattern: str, flags: int = 0) -> str | None:
    """For a pattern with neither a required literal nor alternatives of MIN_LITERAL characters: its
    longest required ASCII run of MIN_SHORT_LITERAL characters (lower-cased; ``T8`` of the Eufy serial
    rule, ``VS`` of the VStarcam DID rule), else None. Such a rule would otherwise be run on every value
    of every field it reads (a ``'*'`` rule reads nearly all of them); two characters rule out most
    values, and a value without them cannot match. Read with the parser (a few patterns: not shipped)."""
    parsed = _parsed_plain(pattern, flags)
    if parsed is None:
        return None
    try:
        runs = _all_runs(parsed)
    except RecursionError:
        return None
    best = max((s for s in runs if s.isascii()), key=len, default="")
    return best.casefold() if len(best) >= MIN_SHORT_LITERAL else None


def literals_in(lits: str | tuple[str, ...] | None, text: str) -> bool:
    """True when ``text`` (``gate_text``) holds what ``rule_literals`` gave (always, for None)."""
    if lits is None:
        return True
    if isinstance(lits, str):
        return lits in text
    return any(map(text.__contains__, lits))


def _parsed_plain(pattern: str, flags: int) -> Any:
    """The standard library's parse tree of a pattern, or None when it does not parse or is verbose
    (its literals would be read with the layout's blanks)."""
    try:
        parsed = _P.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & re.VERBOSE:
        return None
    return parsed


def compute_literal(pattern: str, flags: int = 0) -> str | None:
    """``required_literal`` read from the pattern itself. Most rule patterns are read straight off
    their text (``quick_literal``, tested to agree with the parse tree on every shipped pattern); the
    others through the standard library's parser."""
    try:
        return quick_literal(pattern, flags)
    except (_Unsure, IndexError, ValueError, RecursionError):
        pass
    parsed = _parsed_plain(pattern, flags)
    if parsed is None:
        return None
    out = _all_runs(parsed)
    best = max((s for s in out if s.isascii()), key=len, default="")
    return best.casefold() if len(best) >= MIN_LITERAL else None


def alternative_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """For a pattern without a required literal (``required_literal`` is None): literals (lower-cased
    ASCII, at least MIN_LITERAL long) one of which every match contains, read from an alternation every
    match passes through (``(?:hi35\\d\\d|gk7\\d{3}|ak391[68])``: each branch's own required literal, or its
    own alternation's); None when there are none. Sorted, none holding another (it would add nothing)."""
    parsed = _parsed_plain(pattern, flags)
    if parsed is None:
        return None
    try:
        got = _alternatives(list(parsed))
    except RecursionError:
        return None
    if not got:
        return None
    return tuple(sorted(lit for lit in got if not any(other != lit and other in lit for other in got)))


#: Most literals an alternation is read into (past it, it gates nothing worth the look-ups).
MAX_ALTERNATIVES = 64


def _best_run(items: Any) -> str | None:
    best = max((s for s in _all_runs(items) if s.isascii()), key=len, default="")
    return best.casefold() if len(best) >= MIN_LITERAL else None


def _alternatives(items: list[Any]) -> set[str] | None:
    """Literals one of which every match of the sequence ``items`` contains: its longest required run,
    else the best of the sets its required alternations (and groups, and repeats at least once) give."""
    run = _best_run(items)
    if run is not None:
        return {run}
    best: set[str] | None = None
    for op, av in items:
        got: set[str] | None = None
        if op == _C.BRANCH:
            got = set()
            for alt in av[1]:
                one = _alternatives(list(alt))
                if one is None:
                    got = None
                    break
                got |= one
        elif op == _C.SUBPATTERN:
            got = _alternatives(list(av[-1]))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            got = _alternatives(list(av[2]))
        elif op == getattr(_C, "ATOMIC_GROUP", None):
            got = _alternatives(list(av))
        if got and len(got) <= MAX_ALTERNATIVES and (best is None or (min(map(len, got)), -len(got)) > (min(map(len, best)), -len(best))):
            best = got
    return best


class _HasPattern(Protocol):
    @property
    def pattern(self) -> re.Pattern[str]: ...


#: One string object per literal start (``FieldGate._by_start`` keys), shared by every gate.
_STARTS: dict[str, str] = {}


class FieldGate:
    """The candidate rules of one field for a value (rules given in their reading order)."""

    __slots__ = ("_always", "_literals", "_by_start", "_short")

    def __init__(self, rules: Sequence[_HasPattern]) -> None:
        literals: dict[str, list[int]] = {}
        always: list[int] = []
        for i, r in enumerate(rules):
            lits = rule_literals(r.pattern.pattern, r.pattern.flags)
            if lits is None:
                always.append(i)
            else:
                for lit in (lits,) if isinstance(lits, str) else lits:
                    literals.setdefault(lit, []).append(i)
        # (a rule gated on a literal shorter than MIN_LITERAL, ``short_literal``: looked for in each value)
        self._short = tuple((lit, tuple(ids)) for lit, ids in literals.items() if len(lit) < MIN_LITERAL)
        self._literals = tuple((lit, tuple(ids)) for lit, ids in literals.items() if len(lit) >= MIN_LITERAL)
        # literals filed by their first MIN_LITERAL characters: a short value is read once, looking up
        # the literals that can start at each position (no regular expression to compile)
        # (the pairs are ``_literals``' own, and a start is one string object for every gate: a database
        # builds a gate per set of rules, and the rules of any field are in most of them)
        by_start: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for pair in self._literals:
            start = pair[0][:MIN_LITERAL]
            by_start.setdefault(_STARTS.setdefault(start, start), []).append(pair)
        self._by_start = by_start
        self._always = frozenset(always)

    def candidates(self, values: Sequence[str]) -> list[int]:
        """Indexes (ascending) of the rules that may match one of ``values``: those without a literal
        and those whose literal occurs in the value (case-folded, ``gate_text``)."""
        hit: set[int] = set(self._always)
        short = self._short
        if self._literals or short:
            few = len(self._literals) // LITERALS_PER_CHAR
            for v in values:
                g = gate_text(v)
                for lit, ids in short:
                    if lit in g:
                        hit.update(ids)
                if not self._literals:
                    continue
                if len(g) < few and len(g) <= SHORT_VALUE:
                    by_start = self._by_start
                    for i in range(len(g) - MIN_LITERAL + 1):
                        found = by_start.get(g[i:i + MIN_LITERAL])
                        if found is not None:
                            for lit, ids in found:
                                if g.startswith(lit, i):
                                    hit.update(ids)
                else:
                    for lit, ids in self._literals:
                        if lit in g:
                            hit.update(ids)
        return sorted(hit)


#: Values up to this long are read position by position for literals; longer ones literal by literal...
SHORT_VALUE = 256
#: ... and so are values with as many characters as the gate has literals per this many, or more (looking
#: for one literal in a short text costs a fifth of a look-up per position: a gate of a few dozen literals,
#: most gates, reads a value literal by literal; both ways find the same literals).
LITERALS_PER_CHAR = 5


#: The two characters a case-insensitive pattern letter matches that case-folding does not turn into
#: that letter: U+0130 (``İ``, folds to ``i`` + a combining dot) and U+0131 (dotless ``ı``) both match ``i``.
_DOTTED_I = {0x130: "i", 0x131: "i"}


def gate_text(value: str) -> str:
    """``value`` as literals are looked for in it: case-folded, so that a literal (lower-cased
    ASCII) occurs wherever a match of its pattern, case-insensitive or not, can be."""
    if value.isascii():
        return value.lower()
    if "\u0130" in value or "\u0131" in value:
        value = value.translate(_DOTTED_I)
    return value.casefold()


def _top_branches(p: str) -> list[str]:
    """The alternatives of ``p`` at its top level (``p`` itself when it has none); a group is passed over
    whole (``_group_end``), so only a top-level ``|`` splits."""
    out: list[str] = []
    start, i, n = 0, 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\" or c == "[":
            i = _skip_atom(p, i)
            continue
        if c == "(":
            i = _group_end(p, i) + 1
            continue
        if c == "|":
            out.append(p[start:i])
            start = i + 1
        i += 1
    out.append(p[start:])
    return out


def _branch_without_lookahead(branch: str, flags: int) -> str | None:
    """``^(?:R)`` for a branch ``^(?!N)R``, else None."""
    if not branch.startswith("^(?!"):
        return None
    items = list(_P.parse(branch, flags))
    if len(items) < 3 or items[0] != (_C.AT, _C.AT_BEGINNING) or items[1][0] is not _C.ASSERT_NOT or items[1][1][0] != 1:
        return None
    return f"^(?:{branch[_group_end(branch, 1) + 1:]})"


def without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern ``^(?!N)R`` (a negative lookahead right after the start anchor, then the rest),
    the pattern ``^(?:R)``; for an alternation at the top level, each alternative of that shape so
    replaced and the others kept: every match of the first is a match of the second, so where the
    second does not match the first cannot either. The lookahead of the
    field-name conventions (``(?!.{0,240}?(?:latest|newest|...))``, families/generic.yaml) is tried at
    every position of the name and costs most of the search; the rest alone is quicker and rules out
    most names. None when no alternative is of that shape (or a lookahead holds a group, so the
    rest's group numbers would change)."""
    p = pattern.pattern
    if not isinstance(p, str) or "(?!" not in p or pattern.flags & re.VERBOSE:
        return None
    try:
        branches = _top_branches(p)
        quick = [_branch_without_lookahead(b, pattern.flags) for b in branches]
        if all(q is None for q in quick):
            return None
        if len(branches) == 1:
            pre = re.compile(str(quick[0]), pattern.flags)
        else:
            pre = re.compile("|".join(f"(?:{b if q is None else q})" for b, q in zip(branches, quick)), pattern.flags)
    except (_Unsure, re.error, RecursionError, OverflowError, IndexError, ValueError, TypeError):
        return None
    if pre.groups != pattern.groups or pre.groupindex != pattern.groupindex:
        return None
    return pre
