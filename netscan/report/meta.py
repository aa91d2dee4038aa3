"""Version fields every report carries: the report schema version, netscan's version and the
signature database's version, date and content digest (JSON header, HTML footer, ``--version``).

The signature database's version is the calendar version in ``signatures/VERSION`` (its date is
the version's date); the digest (SHA-256 over every file's path and bytes) tells two databases of
the same version apart, e.g. a local edit or ``--signatures DIR``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from netscan import __version__

#: Version of the report document's layout (the ``scan`` header and device fields). Bumped when a
#: field is removed or changes meaning; new fields do not bump it.
REPORT_SCHEMA_VERSION = 1

_CALVER = re.compile(r"^(\d{4})\.(\d{2})\.(\d{2})(?:\.\d+)?$")


def _default_root() -> Path:
    return Path(__file__).resolve().parent.parent / "signatures"


@lru_cache(maxsize=8)
def _signatures_version(root: str, stamp: tuple[tuple[str, int, int], ...]) -> dict[str, str]:
    """Cached by directory and every file's size and modification time (an edit changes the digest)."""
    base = Path(root)
    version = "unversioned"
    vfile = base / "VERSION"
    try:
        text = vfile.read_text(encoding="utf-8").strip()
        if text:
            version = text.splitlines()[0].strip()[:40]
    except OSError:
        pass
    m = _CALVER.match(version)
    date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else "unknown"
    h = hashlib.sha256()
    files = sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if base.is_dir() else []
    for p in files:
        h.update(p.relative_to(base).as_posix().encode() + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            continue
        h.update(b"\0")
    return {"version": version, "date": date, "digest": "sha256:" + h.hexdigest()[:16]}


def signatures_version(root: str | Path | None = None) -> dict[str, str]:
    """``{"version", "date", "digest"}`` of a signature directory (default: the shipped one)."""
    base = Path(root).resolve() if root else _default_root()
    stamp: list[tuple[str, int, int]] = []
    if base.is_dir():
        for p in base.rglob("*"):
            try:
                st = p.stat()
            except OSError:
                continue
            stamp.append((str(p), st.st_size, st.st_mtime_ns))
    return dict(_signatures_version(str(base), tuple(sorted(stamp))))


def version_fields(signatures: str | Path | None = None) -> dict[str, Any]:
    """The version fields of a report header."""
    return {"schema_version": REPORT_SCHEMA_VERSION, "netscan_version": __version__,
            "signatures": signatures_version(signatures)}


def header_versions(signatures: str | Path | None = None) -> dict[str, Any]:
    """The version fields as ScanHeader keyword arguments (``replace(header, **header_versions())``)."""
    from netscan.model import SignaturesVersion

    sig = signatures_version(signatures)
    return {"schema_version": REPORT_SCHEMA_VERSION, "netscan_version": __version__,
            "signatures": SignaturesVersion(version=sig["version"], date=sig["date"], digest=sig["digest"])}
