"""Shared fixtures of the parser tests."""

from __future__ import annotations

import pytest

from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="session")
def db() -> SignatureDB:
    """The shipped signature database, loaded once for all parser tests."""
    return load_db()
