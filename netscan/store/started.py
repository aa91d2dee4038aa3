"""A scan's start recorded in a SQLite inventory without SQLAlchemy (docs/inventory.md: a scan is
recorded as *started, incomplete* before its first packet).

Importing SQLAlchemy takes a few tenths of a second of CPU, and a scan waited for it before its
first packet. When the inventory is a SQLite file whose schema is already the newest, the
``scans`` row is written here with the standard library's ``sqlite3`` -- the same columns and
values, in the same text form, that ``Store.begin_scan`` writes (tests/store/test_store.py compares
them) -- and SQLAlchemy is loaded later, while the scan waits on the network. Anything else (a new
file, an older schema, PostgreSQL, a URL with options, any error) is left to ``Store``: the caller
then takes the usual path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

#: The newest migration's revision (``netscan.store.db.HEAD``; tests/store/test_store.py checks it is alembic's head).
SCHEMA_HEAD = "0002"
#: How long a writer waits for another writer's lock, in milliseconds (``netscan.store.db.SQLITE_BUSY_MS``).
SQLITE_BUSY_MS = 60_000
#: ``sqlite:///<path>`` as ``netscan.store.resolve_url`` makes it for a file (no query options, no driver name).
_SQLITE_FILE = re.compile(r"^sqlite:///([^?#]+)$")


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///<path>`` URL; None for anything else (in memory, options, other databases)."""
    m = _SQLITE_FILE.match(url)
    if m is None or m.group(1) in (":memory:", "") or m.group(1).startswith("file:"):
        return None
    return Path(m.group(1))


def _utcnow() -> dt.datetime:
    """Now, UTC, whole seconds (``netscan.store.db.utcnow``)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def begin_scan_sqlite(url: str, *, site: str, source: str, targets: list[str], engine: str | None,
                      origin: str | None = None) -> int | None:
    """Record a started scan in the existing SQLite inventory at ``url`` whose schema is
    ``SCHEMA_HEAD``; its id, or None when this path does not apply (nothing is written then).

    Raises:
        sqlite3.Error: the row could not be written (a lock held past the busy timeout, a full
            disk): what ``Store.begin_scan`` would meet too, reported the same way by the caller.
    """
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        con = sqlite3.connect(str(path), timeout=SQLITE_BUSY_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        # the pragmas of every netscan connection (netscan.store.db.Store.connect)
        con.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=ON")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # not an inventory netscan made (yet): Store creates or reports it
        con.close()
        return None
    try:
        if row is None or row[0] != SCHEMA_HEAD:
            return None
        started = _utcnow().replace(tzinfo=None)
        con.execute("BEGIN IMMEDIATE")
        try:
            cur = con.execute(
                "INSERT INTO scans (site, source, targets, started_at, engine, complete, device_count, origin) "
                "VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
                # SQLAlchemy's SQLite DateTime text: microseconds always written
                (site, source, json.dumps(list(targets)), started.strftime("%Y-%m-%d %H:%M:%S.%f"), engine, origin),
            )
            scan_id = cur.lastrowid
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):  # (SQLite may have rolled it back already)
                con.execute("ROLLBACK")
            raise
        return int(scan_id)  # type: ignore[arg-type]  # (set by every INSERT into a rowid table)
    finally:
        con.close()
