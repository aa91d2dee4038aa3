"""Shared fixtures for the findings tests: the shipped databases and the recorded fixture devices."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from netscan.findings import VulnDB, load_vulns
from netscan.model import Observation
from netscan.observations import load_path
from netscan.sigdb import SignatureDB, load_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Scan time the fixtures were "recorded" at (their observed_at).
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def vdb() -> VulnDB:
    return load_vulns()


@pytest.fixture(scope="session")
def sigdb() -> SignatureDB:
    return load_db()


def fixture_observations() -> list[tuple[str, Observation]]:
    out = []
    for f in sorted(FIXTURES.glob("*.json")):
        for o in load_path(f):
            out.append((f.stem, o))
    return out
