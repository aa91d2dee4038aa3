"""Signature patterns that cannot backtrack catastrophically.

Python's ``re`` backtracks and has no timeout; a pattern such as ``^(a+)+$`` takes exponential time
on ``"aaaa...!"``, and device text is what patterns run on. Two defences:

* ``nested_quantifier(pattern)`` — a static check at load time: an unbounded repeat (``*``, ``+``,
  ``{n,}``) inside another repeat that can run more than once is the shape of every exponential
  case; such a pattern is refused (possessive ``*+`` and atomic groups ``(?>...)`` are fine).
* ``slowest(pattern, ...)`` — ``netscan signatures check`` also times each pattern against
  adversarial inputs built from its own characters at the largest length it will meet, and
  reports patterns slower than the budget (quadratic ones the static check lets through).
"""

from __future__ import annotations

import importlib
import re
import threading
import time
from typing import Any

from collections.abc import Callable
from re import _compiler as _RC  # type: ignore[attr-defined]
from re import _constants as _C  # type: ignore[attr-defined]  # Python 3.11+: re.compile's own parser
from re import _parser as _P  # type: ignore[attr-defined]

_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT}
_UNBOUNDED = _C.MAXREPEAT
#: A bounded inner repeat counts as unbounded above this many repetitions.
_BIG = 64

#: A group followed by a quantifier that can repeat it more than once (``*``, ``+``, a brace; not ``?``):
#: a superset of what the parse-based check looks at (a repeat whose maximum is more than one).
_REPEATED_GROUP = re.compile(r"\)(?:[*+]|\{)")
#: Inline flags that turn on verbose mode (whitespace between a group and its quantifier is ignored).
_VERBOSE_FLAG = re.compile(r"\(\?[aiLmsux]*x")

#: Time budget for one pattern on one adversarial input of the largest size it meets.
PATTERN_BUDGET_S = 0.05


def _subpatterns(op: Any, av: Any) -> list[Any]:
    """Child sub-patterns of one parsed node."""
    if op in _REPEATS or op == getattr(_C, "POSSESSIVE_REPEAT", None):
        return [av[2]]
    if op == _C.SUBPATTERN:
        return [av[-1]]
    if op == _C.BRANCH:
        return list(av[1])
    if op == getattr(_C, "ATOMIC_GROUP", None):
        return []  # no backtracking into an atomic group
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return [av[1]]
    if op == _C.GROUPREF_EXISTS:
        return [x for x in av[1:] if x is not None]
    return []


#: Characters the overlap test reasons about (ASCII printable, tab, newline, two non-ASCII).
_ALPHABET = [chr(c) for c in range(0x20, 0x7F)] + ["\t", "\n", "\u00e9", "\u4e2d"]
_CATEGORY: dict[Any, Callable[[str], bool]] = {
    _C.CATEGORY_DIGIT: str.isdigit,
    _C.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    _C.CATEGORY_SPACE: str.isspace,
    _C.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
_ALL = frozenset(_ALPHABET)


def _class_chars(items: Any, icase: bool) -> frozenset[str]:
    """Characters of the alphabet an ``IN`` class matches."""
    negate = False
    got: set[str] = set()
    for op, av in items:
        if op == _C.NEGATE:
            negate = True
        elif op == _C.LITERAL:
            got.add(chr(av))
        elif op == _C.RANGE:
            got |= {c for c in _ALPHABET if av[0] <= ord(c) <= av[1]}
        elif op == _C.CATEGORY:
            test = _CATEGORY.get(av)
            got |= {c for c in _ALPHABET if test(c)} if test else set(_ALPHABET)
        else:
            got |= _ALL
    if icase:
        got |= {c.swapcase() for c in got}
    return frozenset(_ALL - got) if negate else frozenset(got)


def _first_chars(item: tuple[Any, Any], icase: bool) -> frozenset[str]:
    """Characters the item can start with (the whole alphabet when unsure)."""
    op, av = item
    if op == _C.LITERAL:
        c = chr(av)
        return frozenset({c, c.swapcase()} if icase else {c})
    if op == _C.NOT_LITERAL:
        return _ALL - {chr(av)}
    if op == _C.ANY:
        return _ALL - {"\n"}
    if op == _C.IN:
        return _class_chars(av, icase)
    if op in _REPEATS and av[0] >= 1 and len(av[2]) > 0:
        return _first_chars(av[2][0], icase)
    if op == _C.SUBPATTERN and len(av[-1]) > 0:
        return _first_chars(av[-1][0], icase)
    return _ALL


def _repeat_chars(body: Any, icase: bool) -> frozenset[str]:
    """Characters an unbounded repeat's body can consume (the alphabet when not a single class)."""
    if len(body) == 1 and body[0][0] in (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN):
        return _first_chars(body[0], icase)
    return _ALL


def _is_unbounded(op: Any, av: Any) -> bool:
    return op in _REPEATS and (av[1] == _UNBOUNDED or av[1] > _BIG)


def _unbounded_sets(sub: Any, icase: bool) -> list[frozenset[str]]:
    """Character sets of every unbounded repeat inside ``sub``."""
    out: list[frozenset[str]] = []
    for op, av in sub:
        if _is_unbounded(op, av):
            out.append(_repeat_chars(av[2], icase))
        for s in _subpatterns(op, av):
            out += _unbounded_sets(s, icase)
    return out


def _flatten(body: Any) -> list[tuple[Any, Any]]:
    """The items of a sequence with plain groups inlined: ``((a)(b+))`` -> a, b+."""
    out: list[tuple[Any, Any]] = []
    for op, av in body:
        if op == _C.SUBPATTERN:
            out += _flatten(av[-1])
        else:
            out.append((op, av))
    return out


def _branch_overlap(items: list[tuple[Any, Any]], icase: bool) -> bool:
    """An alternation whose branches can start with the same character (``(a|ab)``)."""
    for op, av in items:
        if op == _C.BRANCH:
            firsts = [_first_chars(b[0], icase) if len(b) else _ALL for b in av[1]]
            for i, a in enumerate(firsts):
                if any(a & b for b in firsts[i + 1 :]):
                    return True
    return False


def _ambiguous(body: Any, icase: bool) -> bool:
    """Can the body of an outer repeat split one run of characters in many ways? Yes when its
    alternatives overlap, or it holds an unbounded repeat and no mandatory item of its own that
    such a run cannot contain (a separator like the ``.`` of ``(\\.\\d+)*`` makes each
    iteration start at a fixed point)."""
    body = _flatten(body)
    if _branch_overlap(body, icase):
        return True
    for chars in _unbounded_sets(body, icase):
        separated = False
        for op, av in body:
            if _is_unbounded(op, av):
                continue
            mandatory = op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY) or (op in _REPEATS and av[0] >= 1)
            if mandatory and not (_first_chars((op, av), icase) & chars):
                separated = True
                break
        if not separated:
            return True
    return False


def _find_nested(sub: Any, icase: bool) -> bool:
    for op, av in sub:
        if op in _REPEATS and av[1] > 1 and _ambiguous(av[2], icase):
            return True
        if any(_find_nested(s, icase) for s in _subpatterns(op, av)):
            return True
    return False


def nested_quantifier(pattern: str, flags: int = 0, tree: Any = None) -> bool:
    """True when ``pattern`` repeats something that itself repeats without bound and nothing
    separates the iterations, e.g. ``(a+)+``, ``(\\w*\\s?)*``, ``(?:x|y+){2,}``: the shape of
    catastrophic backtracking. ``(\\.\\d+)*`` is fine: each iteration starts with a ``.``.
    ``tree``: the pattern's parse tree when the caller has it (``compile_parsed``), else it is parsed here."""
    if not _REPEATED_GROUP.search(pattern) and not flags & re.VERBOSE and not _VERBOSE_FLAG.search(pattern):
        return False  # only a group repeated more than once can hold a repeat (fast path for most patterns)
    parsed = tree if tree is not None else _P.parse(pattern, flags)
    icase = bool((flags | parsed.state.flags) & re.IGNORECASE)
    return _find_nested(parsed, icase)


def _from_tree(pattern: str, flags: int, tree: Any) -> re.Pattern[str]:
    """What ``re.compile(pattern, flags)`` makes, from the pattern's parse tree (re._compiler.compile's own steps
    after its parse: the code, the group maps, the compiled object)."""
    code = _RC._code(tree, flags)
    groupindex = tree.state.groupdict
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    compiled: re.Pattern[str] = _SRE.compile(pattern, flags | tree.state.flags, code, tree.state.groups - 1, groupindex,
                                             tuple(indexgroup))
    return compiled


_SRE: Any = importlib.import_module("_sre")
#: Patterns ``_from_tree`` must compile exactly as ``re.compile`` does (flags, groups, inline flags, verbose mode,
#: classes, look-arounds) before ``compile_parsed`` uses it: on a Python whose compiler works otherwise, re.compile.
_TREE_SAMPLES = ((r"(?P<model>[A-Z]{2,4}-\d+[a-z]?)(?i:-(?:ir|w))?(?![\w.])", 0), (r"(?i)^(?:foo|ba[rz])\s+v?(\d+(?:\.\d+)*)$", 0),
                 (r"(?x) a [b-d]+ # c", re.M), (r"(?<![A-Za-z0-9_-])[^\W\d_]{2}(?=[0-9])", re.I | re.S))
_tree_ok: list[bool] = []


def _tree_compiles() -> bool:
    if not _tree_ok:
        try:
            same = True
            for p, f in _TREE_SAMPLES:
                a, b = re.compile(p, f), _from_tree(p, f, _P.parse(p, f))
                same = same and a == b and (a.flags, a.groups, a.groupindex) == (b.flags, b.groups, b.groupindex)
        except Exception:  # noqa: BLE001 - another Python's compiler: re.compile it is
            same = False
        _tree_ok.append(same)
    return _tree_ok[0]


def compile_parsed(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], Any]:
    """``re.compile(pattern, flags)`` and the pattern's parse tree, parsed once: the checks that read the tree
    (``nested_quantifier``, netscan.sigdb.firstchars) need not parse the pattern again (loading the signature
    database compiles some 2,500 patterns). Raises what re.compile raises; the compiled pattern is not put in
    re's cache."""
    flags = int(flags)
    tree = _P.parse(pattern, flags)
    return (_from_tree(pattern, flags, tree) if _tree_compiles() else re.compile(pattern, flags)), tree


def _literals(sub: Any, out: set[str]) -> None:
    for op, av in sub:
        if op == _C.LITERAL:
            out.add(chr(av))
        elif op == _C.IN:
            for iop, iav in av:
                if iop == _C.LITERAL:
                    out.add(chr(iav))
                elif iop == _C.RANGE:
                    out.add(chr(iav[0]))
                    out.add(chr(iav[1]))
        for s in _subpatterns(op, av):
            _literals(s, out)


def adversarial_inputs(pattern: str, flags: int, length: int) -> list[str]:
    """Inputs that make backtracking patterns slow: long runs of each character the pattern
    mentions (and common classes' members), alone and in pairs, ending in a character that makes
    the match fail late."""
    chars: set[str] = set()
    _literals(_P.parse(pattern, flags), chars)
    chars |= {"a", "A", "0", " ", "-", ".", "_", "/", "="}
    chars = {c for c in chars if c.isprintable() or c in " \t"}
    ordered = sorted(chars)[:40]
    inputs = []
    for c in ordered:
        inputs.append(c * length + "\x00")
        inputs.append(c * (length - 1) + "\n")
    for a, b in zip(ordered, ordered[1:]):
        inputs.append((a + b) * (length // 2) + "\x00")
    inputs.append("".join(ordered) * (length // max(len(ordered), 1)) + "\x00")
    return inputs


def slowest(regex: re.Pattern[str], length: int) -> tuple[float, str]:
    """The longest time ``regex.search`` takes on one adversarial input, and that input's start.

    CPU time of this process (not wall time): a loaded machine (CI with 2 cores shared) delays the
    search without making the pattern any slower, and must not fail the check."""
    worst, sample = 0.0, ""
    for text in adversarial_inputs(regex.pattern, regex.flags & ~re.UNICODE, length):
        t = time.process_time()
        regex.search(text)
        dt = time.process_time() - t
        if dt > worst:
            worst, sample = dt, text[:12]
        if worst > 10 * PATTERN_BUDGET_S:
            break
    return worst, sample


#: A pattern still running on one input after this long is stopped and reported as hanging.
HARD_LIMIT_S = 5.0

_CHILD = r"""
import json, re, sys, time
from netscan.sigdb.regexsafe import slowest
for line in sys.stdin:
    i, pattern, flags, length = json.loads(line)
    worst, sample = slowest(re.compile(pattern, flags), length)
    print(json.dumps([i, worst, sample]), flush=True)
"""


def time_patterns(items: list[tuple[str, re.Pattern[str], int]], budget: float = PATTERN_BUDGET_S) -> list[str]:
    """Time every pattern (``(where, compiled, max input length)``) on adversarial inputs, in a child
    process that is killed when one input runs past HARD_LIMIT_S (a search cannot be interrupted
    otherwise). Returns one problem line per pattern slower than ``budget`` on some input."""
    import json
    import select
    import subprocess
    import sys

    problems: list[str] = []
    start = 0
    while start < len(items):
        child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdin is not None and child.stdout is not None
        lines = [json.dumps([i, items[i][1].pattern, items[i][1].flags & ~re.UNICODE, items[i][2]]) + "\n"
                 for i in range(start, len(items))]

        def feed(stdin: Any = child.stdin, lines: list[str] = lines) -> None:
            # from a thread: the child's answers fill its stdout pipe while it still reads, and a
            # writer that waited for all of them to be read first would never finish (deadlock)
            try:
                for text in lines:
                    stdin.write(text)
                stdin.close()
            except (BrokenPipeError, ValueError, OSError):
                pass  # the child was stopped (a hanging pattern): the rest goes to the next child

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            i = start
            while i < len(items):
                ready, _, _ = select.select([child.stdout], [], [], HARD_LIMIT_S * 2)
                line = child.stdout.readline() if ready else ""
                if not line:
                    where, rx, length = items[i]
                    problems.append(f"{where}: pattern still running after {HARD_LIMIT_S:g} s on an adversarial input of "
                                    f"{length} characters (catastrophic backtracking): {rx.pattern[:80]!r}")
                    start = i + 1
                    break
                idx, worst, sample = json.loads(line)
                if worst > budget:
                    where, rx, length = items[idx]
                    problems.append(f"{where}: pattern takes {worst:.2f} s on an adversarial input of {length} characters "
                                    f"({sample!r}...; budget {budget:g} s): {rx.pattern[:80]!r}")
                i = idx + 1
            else:
                start = len(items)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            writer.join(timeout=HARD_LIMIT_S)
            child.stdout.close()
            if not child.stdin.closed:
                try:
                    child.stdin.close()
                except (BrokenPipeError, OSError):
                    pass
    return problems
