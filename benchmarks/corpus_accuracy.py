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

import argparse
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


def _only(listfile: str | None) -> set[Path] | None:
    """The files named by ``--only LISTFILE``, resolved; None when the option is absent."""
    if listfile is None:
        return None
    listed = set()
    for line in Path(listfile).read_text(encoding="utf-8").splitlines():
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


def _parser() -> argparse.ArgumentParser:
    doc = __doc__ or ""
    ap = argparse.ArgumentParser(
        prog="corpus_accuracy.py", description=doc.split("\n\n    ", 1)[0], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Rule authors: --misses --split training (per-file training misses) and --aggregate (counts for both splits).")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--misses", action="store_true", help="list each miss (training only, unless --auditor)")
    mode.add_argument("--aggregate", action="store_true", help="counts only, for every split")
    ap.add_argument("--split", metavar="NAME", help=f"measure one split only: {' or '.join(SPLITS)}")
    ap.add_argument("--auditor", action="store_true", help="also print the test split's per-file part (corpus/audit helpers only)")
    ap.add_argument("--only", metavar="LISTFILE", help="measure only the corpus files LISTFILE names (one a line, # comments)")
    return ap


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.split is not None and args.split not in SPLITS:
        print(f"--split takes one of: {', '.join(SPLITS)}", file=sys.stderr)
        return 2
    try:
        listed = _only(args.only)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"--only: cannot read {args.only}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8 text'}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    db = load_db()
    t1 = time.perf_counter()
    out: dict[str, object] = {"db_load_seconds": round(t1 - t0, 3)}
    for name, path in SPLITS.items():
        if args.split is not None and name != args.split:
            continue
        counts_only = args.aggregate or (name == "test" and not args.auditor)
        t = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="corpus-subset-") as tmp:
            if listed is not None:
                sub = _subset(path, listed, Path(tmp) / name)
                if sub is None:
                    continue
                path = sub
            acc = evaluate(path, db)
            figures = acc.as_dict()
        if not args.misses or counts_only:
            figures["misses"] = len(acc.misses)
        if counts_only:
            figures["cameras_missed"] = len(acc.cameras_missed)
            figures["cameras_not_video"] = len(acc.cameras_not_video)
            figures["non_cameras_called_video"] = len(acc.non_camera_called_video)
        figures["identify_seconds"] = round(time.perf_counter() - t, 3)
        out[name] = figures
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
