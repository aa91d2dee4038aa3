"""Worst-case time of every regular expression new since a base commit, on adversarial text.

    .venv/bin/python benchmarks/pattern_timing.py [--base REV] [--length 100000] [--all]

Which patterns: a child process records every pattern compiled through Python's ``re`` (signature
rules, grammars, and the parsers' and identification's own patterns, module level or inline) while
it imports netscan, loads the signature database and analyses every raw reply of the fuzz seeds
(tests/corpus training files and the lab profiles, fuzz/seeds.py). The same runs on ``git archive
REV`` of netscan/ and signatures/; the patterns the base never compiled are the new ones (``--all``
times every pattern instead).

Each new pattern is searched (``re.search``, the slowest use) in another child on the inputs of
``netscan.sigdb.regexsafe.adversarial_inputs`` at ``--length`` characters plus shapes aimed at this
session's readers and maker-name matching: runs of the pattern's own literal words and of
CamelCase/glued words, letter-digit runs, pipe-table rows, JSON nesting, CJK text and lone
surrogates, runs of the pattern's literal strings with their punctuation (``<DEVICE>``), and its shortest match repeated. A child still searching one input after ``--hang`` seconds is killed and the pattern reported as
hanging. Results: benchmarks/results/pattern-timing-<timestamp>.json (CPU seconds per pattern,
slowest first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import select
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a child with ``sys.path[0]`` the tree to measure: prints the patterns it compiled (JSON lines).
_COLLECT = r"""
import json, re, sys
sys.path.insert(0, sys.argv[1])
seen = set()
_orig = re._compile
def _rec(pattern, flags):
    if isinstance(pattern, str):
        seen.add((pattern, int(flags) & ~re.UNICODE))
    return _orig(pattern, flags)
re._compile = _rec
sys.path.insert(1, sys.argv[2])  # fuzz/ of the current tree (seeds only)
import importlib, pkgutil
import netscan
for m in pkgutil.walk_packages(netscan.__path__, "netscan."):
    if ".lab" in m.name or m.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(m.name)
    except Exception:
        pass
from netscan.sigdb.db import default_db
db = default_db()
for r in getattr(db, "rules", []):
    seen.add((r.pattern.pattern, r.pattern.flags & ~re.UNICODE))
    for _, p in getattr(r, "requires", []):
        seen.add((p.pattern, p.flags & ~re.UNICODE))
import datetime as dt
from netscan.model import Observation, Response
from netscan.pipeline import analyse
from seeds import seeds
now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
for proto, datas in seeds().items():
    if proto in ("report", "pipeline"):
        continue
    for data in datas[:400]:
        text = data.decode("latin-1")
        for p in {"http": ("http", "rtsp"), "xml": ("onvif", "upnp", "wsd", "sadp"), "vendorjson": ("dhip", "xmeye"),
                  "discovery": ("ssdp", "mdns"), "tls": ("tls",), "banner": ("telnet", "ssh", "other")}.get(proto, (proto,)):
            try:
                analyse([Observation(ip="10.0.0.1", mac=None, responses=(Response(protocol=p, port=80, raw=text),))], now=now)
            except Exception:
                pass
for pattern, flags in sorted(seen):
    print(json.dumps([pattern, flags]))
"""

#: Times patterns read as JSON lines ``[i, pattern, flags, length]``; prints ``[i, worst_s, sample]``.
_TIME = r"""
import json, re, sys, time
sys.path.insert(0, sys.argv[1])
from netscan.sigdb.regexsafe import adversarial_inputs, _literals
from re import _parser as _P

def _runs(sub, out):
    # runs of two or more literal characters in a parsed pattern (any nesting level)
    from re import _constants as _C
    cur = ""
    for op, av in sub:
        if op == _C.LITERAL:
            cur += chr(av)
            continue
        if len(cur) > 1:
            out.add(cur)
        cur = ""
        for item in (av if isinstance(av, (list, tuple)) else (av,)):
            if isinstance(item, _P.SubPattern):
                _runs(item, out)
            elif isinstance(item, (list, tuple)):
                for x in item:
                    if isinstance(x, _P.SubPattern):
                        _runs(x, out)
    if len(cur) > 1:
        out.add(cur)

def _sample(sub, depth=0):
    # the shortest text the parsed pattern matches (each repeat at its least count, a branch's first way,
    # lookarounds and anchors left out): repeated, it makes every start of a search begin a match
    from re import _constants as _C
    out = []
    for op, av in sub:
        if depth > 40:
            break
        if op == _C.LITERAL:
            out.append(chr(av))
        elif op == _C.NOT_LITERAL:
            out.append("a" if chr(av) != "a" else "b")
        elif op == _C.ANY:
            out.append("a")
        elif op == _C.IN:
            c = "a"
            for iop, iav in av:
                if iop == _C.NEGATE:
                    c = "\x01"
                    break
                if iop == _C.LITERAL:
                    c = chr(iav); break
                if iop == _C.RANGE:
                    c = chr(iav[0]); break
                if iop == _C.CATEGORY:
                    c = {"CATEGORY_SPACE": " ", "CATEGORY_DIGIT": "0"}.get(str(iav), "a"); break
            out.append(c)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
            lo, _hi, item = av
            out.append(_sample(item, depth + 1) * min(lo, 8))
        elif op == _C.SUBPATTERN:
            out.append(_sample(av[-1], depth + 1))
        elif op == _C.ATOMIC_GROUP if hasattr(_C, "ATOMIC_GROUP") else False:
            out.append(_sample(av, depth + 1))
        elif op == _C.BRANCH:
            out.append(_sample(av[1][0], depth + 1))
        elif op == _C.GROUPREF:
            pass
    return "".join(out)

def extra(pattern, flags, n):
    words = set()
    try:
        chars = set(); _literals(_P.parse(pattern, flags), chars)
    except Exception:
        chars = set()
    for w in re.findall(r"[A-Za-z][A-Za-z0-9]{1,15}", pattern):
        words.add(w)
    words = sorted(words)[:12]
    runs = set()
    try:
        _runs(_P.parse(pattern, flags), runs)
    except Exception:
        pass
    out = []
    try:
        sample = _sample(_P.parse(pattern, flags))
    except Exception:
        sample = ""
    if 2 <= len(sample) <= 200:  # the shortest match repeated, alone and after a blank (a start after a separator)
        for w in (sample, " " + sample, sample[:-1], " " + sample[:-1]):
            if w:
                out.append((w * (n // len(w) + 1))[:n] + "!")
    for w in sorted(runs, key=lambda r: (-len(r), r))[:12]:  # literal runs with their punctuation: <DEVICE>, msg_id:
        out.append((w * (n // len(w) + 1))[:n] + "!")
        out.append(((w + " a") * (n // (len(w) + 2) + 1))[:n] + "!")
    for w in words:
        out.append((w * (n // len(w) + 1))[:n] + "!")
        out.append(((w + " ") * (n // (len(w) + 1) + 1))[:n] + "!")
        out.append(((w + "-") * (n // (len(w) + 1) + 1))[:n] + "!")
        out.append(((w.upper() + w.lower()) * (n // (2 * len(w)) + 1))[:n] + "!")
    shapes = ["Aa", "aA1", "A1-", "HikVision", "DS-2CD", "a1", "1a", "a.", "1.", "a ", " :", "a=", "| a ", "|-", "{\"a\":",
              "[", "\\u00", "%2", "\u4e2d\u6587", "\ud800", "\x00", "\x1b[31m", "<a>", "&amp;", "V5.", "v1.2.", "..", "__", "a_",
              "\t", "\r\n", " \n", "::", "/a", "a/", "Model: ", "Firmware Version ", "x" * 63 + " "]
    for s in shapes:
        out.append((s * (n // len(s) + 1))[:n] + "!\x00")
    return out

for line in sys.stdin:
    i, pattern, flags, n = json.loads(line)
    rx = re.compile(pattern, flags)
    worst, sample = 0.0, ""
    for text in adversarial_inputs(pattern, flags, n) + extra(pattern, flags, n):
        t = time.process_time()
        rx.search(text)
        d = time.process_time() - t
        if d > worst:
            worst, sample = d, text[:16]
        print("[]", flush=True)  # progress: the parent's hang limit is per input
        if worst > 2.0:
            break
    print(json.dumps([i, worst, sample]), flush=True)
"""


def _extract(rev: str, dest: Path) -> None:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "netscan", "signatures"], check=True,
                          capture_output=True).stdout
    with tempfile.TemporaryFile() as f:
        f.write(data)
        f.seek(0)
        with tarfile.open(fileobj=f) as t:
            t.extractall(dest, filter="data")


def collect(tree: Path) -> set[tuple[str, int]]:
    """Patterns compiled by the netscan at ``tree`` while it analyses the seeds."""
    env = dict(os.environ, NETSCAN_SIGNATURES=str(tree / "signatures"))
    out = subprocess.run([sys.executable, "-c", _COLLECT, str(tree), str(ROOT / "fuzz")], check=True,
                         capture_output=True, text=True, env=env, cwd=tree, timeout=900).stdout
    return {(p, f) for p, f in (json.loads(x) for x in out.splitlines() if x.startswith("["))}


def time_all(patterns: list[tuple[str, int]], length: int, hang: float, tree: Path = ROOT) -> list[dict[str, object]]:
    """Worst CPU time per pattern; a child running one search past ``hang`` s is killed (reported, then the rest)."""
    results: list[dict[str, object]] = []
    start = 0
    while start < len(patterns):
        child = subprocess.Popen([sys.executable, "-c", _TIME, str(tree)], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdin is not None and child.stdout is not None
        lines = [json.dumps([i, p, f, length]) + "\n" for i, (p, f) in enumerate(patterns) if i >= start]

        def feed(stdin=child.stdin, lines=lines) -> None:  # type: ignore[no-untyped-def]
            try:
                for x in lines:
                    stdin.write(x)
                stdin.close()
            except (BrokenPipeError, ValueError, OSError):
                pass

        threading.Thread(target=feed, daemon=True).start()
        i = start
        try:
            while i < len(patterns):
                ready, _, _ = select.select([child.stdout], [], [], hang)
                line = child.stdout.readline() if ready else ""
                if line.strip() == "[]":
                    continue
                if not line:
                    results.append({"pattern": patterns[i][0], "flags": patterns[i][1], "seconds": None,
                                    "hang": f"killed after {hang:g} s"})
                    i += 1
                    break
                idx, worst, sample = json.loads(line)
                results.append({"pattern": patterns[idx][0], "flags": patterns[idx][1], "seconds": round(worst, 4),
                                "input_start": sample})
                i = idx + 1
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
        start = i
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="3a73c65", help="base commit (default: session 11's start)")
    ap.add_argument("--length", type=int, default=100_000)
    ap.add_argument("--hang", type=float, default=30.0)
    ap.add_argument("--all", action="store_true", help="time every pattern, not only the new ones")
    ap.add_argument("--tree", default=None, help="measure the netscan/ and signatures/ under DIR (default: this checkout)")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    tree = Path(a.tree).resolve() if a.tree else ROOT
    head = collect(tree)
    if a.all:
        new = sorted(head)
    else:
        with tempfile.TemporaryDirectory() as d:
            _extract(a.base, Path(d))
            base = collect(Path(d))
        new = sorted(head - base)
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    if a.tree:
        rev = f"{rev} + {a.tree}"
    res = time_all(new, a.length, a.hang, tree)
    res.sort(key=lambda r: -1.0 if r["seconds"] is None else -float(r["seconds"]))  # type: ignore[arg-type]
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = Path(a.out) if a.out else ROOT / "benchmarks" / "results" / f"pattern-timing-{stamp}.json"
    doc = {"benchmark": "pattern-timing", "head": rev, "base": a.base, "length": a.length,
           "patterns_compiled_head": len(head), "patterns_timed": len(new), "load": os.getloadavg(),
           "slowest": res[:1], "results": res}
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=True) + "\n")
    for r in res[:15]:
        sys.stdout.write(f"{r['seconds'] if r['seconds'] is not None else 'HANG'}\t{str(r['pattern'])[:110]!r}\n")
    sys.stdout.write(f"{len(new)} patterns timed (of {len(head)} compiled at HEAD {rev}); results in {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
