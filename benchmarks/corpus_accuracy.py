#!/usr/bin/env python3
"""Identification accuracy on the recorded corpus, per split (tests/corpus_test/SPLIT.md):

- ``training``: tests/corpus (rules may be written from it: training accuracy),
- ``test``: tests/corpus_test (no rule is written from its sources: the honest figure).

For each split: vendor, brand, model, firmware and device-type accuracy, cameras missed (a video
device identified as no vendor) and false cameras (a non-camera called a video device). Prints JSON.

    .venv/bin/python benchmarks/corpus_accuracy.py [--misses | --aggregate]

``--aggregate`` prints counts only (cameras missed, non-cameras called video, misses): the figures
of the test split without the names of its files, for rule authors who must not read them.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from netscan.identify.accuracy import evaluate
from netscan.sigdb import load_db

ROOT = Path(__file__).resolve().parent.parent
SPLITS = {"training": ROOT / "tests" / "corpus", "test": ROOT / "tests" / "corpus_test"}


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    db = load_db()
    t1 = time.perf_counter()
    out: dict[str, object] = {"db_load_seconds": round(t1 - t0, 3)}
    for name, path in SPLITS.items():
        t = time.perf_counter()
        acc = evaluate(path, db)
        figures = acc.as_dict()
        if "--misses" not in argv:
            figures["misses"] = len(acc.misses)
        if "--aggregate" in argv:
            figures["cameras_missed"] = len(acc.cameras_missed)
            figures["non_cameras_called_video"] = len(acc.non_camera_called_video)
        figures["identify_seconds"] = round(time.perf_counter() - t, 3)
        out[name] = figures
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
