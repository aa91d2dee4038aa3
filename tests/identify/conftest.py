"""Fixtures shared by the identification tests: the signature database, and the grammar-recall
benchmark (benchmarks/grammar_recall.py) loaded as a module for the catalog tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from netscan.sigdb import SignatureDB, load_db

GRAMMAR_RECALL = Path(__file__).resolve().parents[2] / "benchmarks" / "grammar_recall.py"


@pytest.fixture(scope="session")
def bench() -> ModuleType:
    """benchmarks/grammar_recall.py, imported once."""
    spec = importlib.util.spec_from_file_location("grammar_recall", GRAMMAR_RECALL)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["grammar_recall"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def db() -> SignatureDB:
    return load_db()
