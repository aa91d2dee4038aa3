#!/usr/bin/env python3
"""Identification accuracy on tests/corpus (recorded real responses): vendor, brand, model,
firmware and device type, plus the non-camera check. Prints JSON figures.

    .venv/bin/python benchmarks/corpus_accuracy.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from netscan.identify.accuracy import evaluate
from netscan.sigdb import load_db


def main() -> int:
    corpus = Path(__file__).resolve().parent.parent / "tests" / "corpus"
    t0 = time.perf_counter()
    db = load_db()
    t1 = time.perf_counter()
    acc = evaluate(corpus, db)
    t2 = time.perf_counter()
    out = acc.as_dict()
    out["db_load_seconds"] = round(t1 - t0, 3)
    out["identify_seconds"] = round(t2 - t1, 3)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
