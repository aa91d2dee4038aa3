"""Fixtures shared by the identification tests: the signature database, and the grammar-recall
benchmark (benchmarks/grammar_recall.py) loaded as a module for the catalog tests."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="session")
def bench(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    """benchmarks/grammar_recall.py, imported once."""
    return benchmark_module("grammar_recall")


@pytest.fixture(scope="session")
def db() -> SignatureDB:
    return load_db()
