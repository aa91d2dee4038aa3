"""The inventory: every scan, device, sighting and finding, in SQLite (default) or PostgreSQL.

    open_store(db)          the store at a path or URL (default: NETSCAN_DB, else the user's
                            data directory), schema migrated to the newest version
    store_scan(...)         a finished report into a scan started with Store.begin_scan
    changes(store, scan)    the change events of a scan against the previous complete scan of its site

See docs/inventory.md. A report (the typed ``Report``) is read through ``adapter.py`` only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netscan.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from netscan.model import Observation, Report
    from netscan.store.db import ScanRow, Store

__all__ = ["DEFAULT_SITE", "changes", "default_db_path", "open_store", "resolve_url", "store_scan"]

#: The site of scans run without --site.
DEFAULT_SITE = "default"
#: Environment variable naming the inventory (path or URL) when --db is not given.
ENV_DB = "NETSCAN_DB"
_SCHEMES = ("sqlite", "postgresql", "postgres")


def default_db_path() -> Path:
    """``inventory.sqlite`` in the user's data directory (platformdirs; root: /root/.local/share/netscan)."""
    from platformdirs import user_data_path

    return user_data_path("netscan", appauthor=False) / "inventory.sqlite"


def resolve_url(db: str | None) -> str:
    """``--db`` (a path or URL; None: NETSCAN_DB, else the default path) -> a SQLAlchemy URL.

    Raises:
        UsageError: an unsupported URL scheme, or a directory that cannot be created.
    """
    value = db or os.environ.get(ENV_DB) or ""
    if "://" in value:
        scheme, _, rest = value.partition("://")
        base = scheme.split("+", 1)[0].lower()
        if base not in _SCHEMES:
            raise UsageError(f"--db: unsupported database {scheme!r} (sqlite path or postgresql://…)")
        if base in ("postgresql", "postgres"):
            return f"postgresql+psycopg://{rest}" if "+" not in scheme else f"postgresql+{scheme.split('+', 1)[1]}://{rest}"
        return value
    path = Path(value).expanduser() if value else default_db_path()
    if path.is_dir():
        raise UsageError(f"--db: {path} is a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--db: cannot create {path.parent}: {exc.strerror}") from None
    return f"sqlite:///{path.resolve()}"


def open_store(db: str | None = None) -> Store:
    """The inventory at ``db`` (see :func:`resolve_url`), migrated to the newest schema."""
    from netscan.store.db import Store

    store = Store.connect(resolve_url(db))
    store.migrate()
    return store


def store_scan(store: Store, scan_id: int, doc: Report | Mapping[str, Any], observations: list[Observation] | None,
               *, complete: bool) -> list[int]:
    """Write a finished (or interrupted) scan's report into the scan row ``scan_id``; returns the
    device id of each report device, in report order. A saved JSON report document is read as a
    Report first."""
    from netscan.store.adapter import as_report, header_from_report, sightings_from_report

    report = as_report(doc)
    return store.record_scan(scan_id, header_from_report(report), sightings_from_report(report, observations),
                             complete=complete)


def changes(store: Store, scan: ScanRow, against: ScanRow | None = None) -> tuple[ScanRow | None, list[dict[str, Any]]]:
    """The change events of ``scan`` against ``against`` (default: the previous complete scan of its site)."""
    from netscan.store.diff import diff

    before = against if against is not None else store.previous_complete(scan)
    if before is None:
        return None, []
    events = diff(store.snapshot(before.id), store.snapshot(scan.id), store.accepted())
    for e in events:
        e["site"] = scan.site
        e["scan"] = scan.id
        e["previous_scan"] = before.id
    return before, events
