"""Store fixtures: a real PostgreSQL server (Debian's package, started for the session on a unix
socket in a temporary directory, torn down at the end) and a fresh inventory per test on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.store.pgserver import PgServer


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    server = PgServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: Any, tmp_path: Path) -> str:
    """A new, empty inventory: a SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "inv.sqlite")
    return str(request.getfixturevalue("pg").create_database())
