"""End-of-life models (``signatures/eol.yaml``): the vendor (or CISA) has said no more fixes will come."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from netscan.errors import SignatureError
from netscan.findings.catalogue import quote
from netscan.findings.vulndb import MAX_MODEL_CHARS, vendor_key
from netscan.model import Finding, Identification


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
    import netscan

    return Path(netscan.__file__).resolve().parent / "signatures" / "eol.yaml"


def load_eol(path: str | Path | None = None) -> tuple[list[EolEntry], list[str]]:
    """Load eol.yaml -> (entries, problems). Raises SignatureError when the file is missing or not YAML."""
    p = Path(path) if path is not None else default_eol_path()
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SignatureError(f"{p}: cannot read: {exc}") from None
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


def end_of_life(ident: Identification, entries: list[EolEntry]) -> list[Finding]:
    """A finding when the device's model is listed as end of life."""
    model = " ".join((ident.model or "").split())[:MAX_MODEL_CHARS]
    if not model:
        return []
    key = vendor_key(ident.vendor)
    for e in entries:
        if vendor_key(e.vendor) != key or not any(p.search(model) for p in e.models):
            continue
        since = f" since {e.since}" if e.since else ""
        return [Finding(
            id="end-of-life", severity="medium",
            title=f"End-of-life model: {quote(model, 60)} gets no more security fixes",
            detail=f"{e.vendor} no longer supports the {e.series}{since}. Flaws found from now on stay "
                   f"unfixed. {e.note}".strip(),
            remediation="Plan the device's replacement; until then keep it on an isolated network with "
                        "no internet access.",
            evidence=(f"model {quote(model, 60)} is in {e.series}", f"end-of-life statement: {e.source}"),
            references=(e.source,),
        )]
    return []
