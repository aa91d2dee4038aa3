"""End-of-life models (``signatures/eol.yaml``): the vendor (or CISA) has said no more fixes will
come. The types and the loader; the finding is netscan.findings.eol."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netscan.errors import SignatureError
from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR, load_yaml


@dataclass(frozen=True)
class EolEntry:
    """Models of one vendor that are past end of life."""

    vendor: str
    models: tuple[re.Pattern[str], ...]
    series: str
    since: str | None
    source: str
    note: str = ""


def default_eol_path() -> Path:
    """The shipped ``signatures/eol.yaml``."""
    return DEFAULT_SIGNATURES_DIR / "eol.yaml"


def load_eol(path: str | Path | None = None) -> tuple[list[EolEntry], list[str]]:
    """Load eol.yaml -> (entries, problems). Raises SignatureError when the file is missing or not YAML."""
    p = Path(path) if path is not None else default_eol_path()
    doc = load_yaml(p)
    entries: list[EolEntry] = []
    problems: list[str] = []
    items: Any = doc.get("models") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return [], [f"{p.name}: expected a 'models' list"]
    for i, it in enumerate(items):
        where = f"{p.name}: models[{i}]"
        if not isinstance(it, dict) or not it.get("vendor") or not it.get("models"):
            problems.append(f"{where}: needs vendor and models")
            continue
        src = it.get("source")
        if not isinstance(src, str) or not src.startswith("https://"):
            problems.append(f"{where}: needs a https:// source (the vendor's or CISA's statement)")
            continue
        try:
            pats = tuple(re.compile(str(m), re.IGNORECASE) for m in it["models"])
        except re.error as exc:
            problems.append(f"{where}: bad pattern: {exc}")
            continue
        entries.append(EolEntry(
            vendor=str(it["vendor"]), models=pats, series=str(it.get("series") or ", ".join(map(str, it["models"]))),
            since=str(it["since"]) if it.get("since") else None, source=src, note=" ".join(str(it.get("note") or "").split()),
        ))
        for ex in it.get("examples") or []:
            if not any(pt.search(str(ex)) for pt in pats):
                problems.append(f"{where}: example model {ex!r} does not match")
    return entries, problems


__all__ = ["EolEntry", "SignatureError", "default_eol_path", "load_eol"]
