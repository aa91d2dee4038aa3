#!/usr/bin/env python3
"""Family-grammar search: time to find which vendor-family grammars occur in a field value, for every
distinct short field value of the recorded training corpus, with the cache cleared (as for values a
scan has not seen before: serial numbers, names, addresses). Compares, in the same run, the
first-character index used by ``SignatureDB.any_field_rules`` (netscan/sigdb/firstchars.py) with
one alternation of every grammar searched over the whole value (the previous method), and checks that
the index finds at least what the alternation finds.

    .venv/bin/python benchmarks/family_search.py [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _values() -> list[str]:
    from netscan.observations import load_path
    from netscan.parsers import fields
    from netscan.sigdb.db import ANY_FIELD_MAX_CHARS, any_field_applies

    vals: set[str] = set()
    for p in sorted((ROOT / "tests" / "corpus").rglob("*.json")):
        for obs in load_path(p):
            for resp in obs.responses:
                for name, values in fields(resp).items():
                    if any_field_applies(name):
                        vals.update(v for v in values if 3 <= len(v) <= ANY_FIELD_MAX_CHARS and any(c.isdigit() for c in v))
    return sorted(vals)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args(argv)
    from netscan.sigdb import load_db

    db = load_db()
    rules = db.any_rules
    parts = []
    for i, rule in enumerate(rules):
        bare = re.sub(r"\(\?P<\w+>", "(?:", rule.pattern.pattern)
        parts.append(f"(?P<r{i}>(?i:{bare}))" if rule.pattern.flags & re.I else f"(?P<r{i}>{bare})")
    alternation = re.compile("|".join(parts))
    values = _values()
    for v in values:  # the index finds at least what the alternation finds
        old = {int(m.lastgroup[1:]) for m in alternation.finditer(v) if m.lastgroup}
        new = {rules.index(r) for r in db.any_field_rules(v)}
        if not old <= new:
            print(f"index misses {sorted(old - new)} in {v!r}", file=sys.stderr)
            return 1
    index_t: list[float] = []
    alt_t: list[float] = []
    for _ in range(a.rounds):
        db.prefilter_cache().clear()
        t0 = time.perf_counter()
        for v in values:
            db.any_field_rules(v)
        index_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for v in values:
            for _m in alternation.finditer(v):
                pass
        alt_t.append(time.perf_counter() - t0)
    mi, ma = statistics.median(index_t), statistics.median(alt_t)
    print(json.dumps({"values": len(values), "grammars": len(rules), "rounds": a.rounds,
                      "index_us_per_value": round(mi * 1e6 / len(values), 2),
                      "alternation_us_per_value": round(ma * 1e6 / len(values), 2),
                      "ratio_index_to_alternation": round(mi / ma, 3)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
