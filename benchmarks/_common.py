"""What the robustness benchmarks share (fragment, perturb, re-framing, keys, names and type robustness and
grammar recall): the corpus folders, a split's labelled records, a seeded draw per file, a hit-rate cell, the
common options and the JSON result file.

Not a benchmark itself. The benchmarks import it by name: run as scripts their own folder is on ``sys.path``;
loaded as modules (tests/conftest.py ``load_benchmark``) each puts that folder there before importing it."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netscan.model import Observation
from netscan.observations import load_path

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "tests" / "corpus"
SPLITS = {"training": TRAINING, "test": ROOT / "tests" / "corpus_test"}


def labelled_records(split: Path = TRAINING) -> list[tuple[str, dict[str, Any]]]:
    """Every record of the split's files with an ``expect`` label, as raw dicts (for benchmarks that edit them
    before reading), named by its path from the repository root plus ``#i`` in a file of several records."""
    out = []
    for p in sorted(split.rglob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        for i, d in enumerate(items):
            if isinstance(d, dict) and isinstance(d.get("expect"), dict):
                out.append((str(p.relative_to(ROOT)) + (f"#{i}" if len(items) > 1 else ""), d))
    return out


def labelled_observations(split: Path) -> Iterator[tuple[Path, Observation, dict[str, Any]]]:
    """(file, observation, its ``expect`` label) for every labelled observation of the split, files in name order."""
    for path in sorted(split.rglob("*.json")):
        for obs in load_path(path):
            expect = obs.meta.get("expect")
            if isinstance(expect, dict):
                yield path, obs, expect


def seeded_rng(path: str, kind: str, seed: int) -> random.Random:
    """The draws for one file and kind of variant: the same for a seed whatever else is drawn or run first."""
    return random.Random(int.from_bytes(hashlib.sha256(f"{seed}|{kind}|{path}".encode()).digest()[:8], "big"))


def pct(h: int, n: int) -> str:
    """A hit-rate cell: ``h/n (r%)``, ``-`` when nothing was measured."""
    return f"{h}/{n} ({100.0 * h / n:.0f}%)" if n else "-"


def failed(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The results that are losses (``ok`` false)."""
    return [r for r in results if not r["ok"]]


def parser(doc: str | None, prog: str | None = None, paragraph: bool = False) -> argparse.ArgumentParser:
    """A benchmark's argument parser, described by its docstring's first line (``paragraph``: first paragraph)."""
    text = doc or ""
    return argparse.ArgumentParser(prog=prog, description=text.split("\n\n")[0] if paragraph else text.splitlines()[0])


def add_json(ap: argparse.ArgumentParser, help: str) -> None:  # noqa: A002 - argparse's own word
    ap.add_argument("--json", metavar="OUT", help=help)


def add_signatures(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--signatures", metavar="DIR", help="signature directory (default: the shipped one)")


def write_json(path: str | Path, doc: Any) -> None:
    """A benchmark's result file: ``doc`` as indented JSON and a final newline."""
    Path(path).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
