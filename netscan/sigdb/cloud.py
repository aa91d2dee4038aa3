"""Maker cloud / P2P / DDNS domains (``signatures/cloud.yaml``): a name a device looks up under one
of them says the maker's cloud service is in use. Read by the ``cloud-p2p`` finding
(netscan.findings.vendorstate) and by passive capture (which keeps DNS messages naming them)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR, load_yaml

#: The data file, at the top of a signature directory.
CLOUD_FILE = "cloud.yaml"


def _path(root: str | Path | None) -> Path:
    path = Path(root) / CLOUD_FILE if root else DEFAULT_SIGNATURES_DIR / CLOUD_FILE
    return path if path.is_file() else DEFAULT_SIGNATURES_DIR / CLOUD_FILE


def _entries(doc: Any) -> Iterator[tuple[int, Any]]:
    items = doc.get("domains", []) if isinstance(doc, dict) else []
    return enumerate(items if isinstance(items, list) else [])


@lru_cache(maxsize=8)
def cloud_domains(root: str | None = None) -> dict[str, str]:
    """``{domain: service}`` from ``signatures/cloud.yaml`` (or ``root``'s copy, when it has one)."""
    out: dict[str, str] = {}
    for _, entry in _entries(load_yaml(_path(root)) or {}):
        if isinstance(entry, dict) and entry.get("domain") and entry.get("service"):
            out[str(entry["domain"]).lower().strip(".")] = str(entry["service"])
    return out


def cloud_problems(root: str | Path | None = None) -> list[str]:
    """Entries the loader would skip or that cite nothing (the self-check reports them)."""
    path = Path(root) / CLOUD_FILE if root else DEFAULT_SIGNATURES_DIR / CLOUD_FILE
    if not path.is_file():
        return []
    doc = load_yaml(path) or {}
    if not isinstance(doc, dict) or not isinstance(doc.get("domains"), list):
        return [f"{CLOUD_FILE}: expected a mapping with a 'domains' list"]
    problems = []
    for i, entry in _entries(doc):
        if not isinstance(entry, dict) or not entry.get("domain") or not entry.get("service"):
            problems.append(f"{CLOUD_FILE}: domains[{i}]: needs 'domain' and 'service'")
        elif not entry.get("source"):
            problems.append(f"{CLOUD_FILE}: domains[{i}] {entry['domain']!r}: needs a 'source'")
    return problems
