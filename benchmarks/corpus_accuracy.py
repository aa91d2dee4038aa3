#!/usr/bin/env python3
"""Identification accuracy on the recorded corpus, per split (tests/corpus_test/SPLIT.md):

- ``training``: tests/corpus (rules may be written from it: training accuracy),
- ``test``: tests/corpus_test (no rule is written from its sources: the honest figure).

For each split: vendor, brand, model, firmware and device-type accuracy, cameras missed (a video
device identified as no vendor) and false cameras (a non-camera called a video device). Prints JSON.

    .venv/bin/python benchmarks/corpus_accuracy.py [--misses | --aggregate] [--split NAME]
                                                   [--auditor] [--only LISTFILE]

``--aggregate`` prints counts only (cameras missed, non-cameras called video, misses).
The test split's per-file part (file names, misses) is printed only with ``--auditor``: without it
the test split is always given as counts, so a rule author who asks for training misses
(``--misses --split training``) never sees a test file's name or text.

``--split NAME`` measures one split only (``training`` or ``test``).

``--only LISTFILE`` measures a subset: LISTFILE names corpus files (paths relative to the repository
root, one a line, ``#`` comments allowed), e.g. the files one corpus extension added; each split
is measured on its listed files only (a split with none listed is left out).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from netscan.identify.accuracy import evaluate
from netscan.sigdb import load_db

ROOT = Path(__file__).resolve().parent.parent
SPLITS = {"training": ROOT / "tests" / "corpus", "test": ROOT / "tests" / "corpus_test"}


def _only(argv: list[str]) -> set[Path] | None:
    """The files named by ``--only LISTFILE``, resolved; None when the option is absent."""
    if "--only" not in argv:
        return None
    i = argv.index("--only")
    if i + 1 >= len(argv):
        raise SystemExit("--only needs a file that lists corpus files")
    listed = set()
    for line in Path(argv[i + 1]).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            listed.add((ROOT / line).resolve())
    return listed


def _subset(split: Path, listed: set[Path], tmp: Path) -> Path | None:
    """Copy the listed files of one split into ``tmp`` (same relative paths) for evaluate()."""
    chosen = [p for p in split.rglob("*.json") if p.resolve() in listed]
    if not chosen:
        return None
    for p in chosen:
        dest = tmp / p.relative_to(split)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, dest)
    return tmp


def _split(argv: list[str]) -> str | None | bool:
    """The split named by ``--split``; None when all are wanted; False when the name is wrong."""
    if "--split" not in argv:
        return None
    i = argv.index("--split")
    name = argv[i + 1] if i + 1 < len(argv) else ""
    return name if name in SPLITS else False


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    db = load_db()
    t1 = time.perf_counter()
    out: dict[str, object] = {"db_load_seconds": round(t1 - t0, 3)}
    listed = _only(argv)
    wanted = _split(argv)
    if wanted is False:
        print(f"--split takes one of: {', '.join(SPLITS)}", file=sys.stderr)
        return 2
    for name, path in SPLITS.items():
        if wanted is not None and name != wanted:
            continue
        counts_only = "--aggregate" in argv or (name == "test" and "--auditor" not in argv)
        t = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="corpus-subset-") as tmp:
            if listed is not None:
                sub = _subset(path, listed, Path(tmp) / name)
                if sub is None:
                    continue
                path = sub
            acc = evaluate(path, db)
            figures = acc.as_dict()
        if "--misses" not in argv or counts_only:
            figures["misses"] = len(acc.misses)
        if counts_only:
            figures["cameras_missed"] = len(acc.cameras_missed)
            figures["non_cameras_called_video"] = len(acc.non_camera_called_video)
        figures["identify_seconds"] = round(time.perf_counter() - t, 3)
        out[name] = figures
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
