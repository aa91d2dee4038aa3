"""benchmarks/corpus_accuracy.py's command line: a proper argparse help, one-line errors with exit 2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "corpus_accuracy.py"


@pytest.fixture(scope="module")
def mod(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    """benchmarks/corpus_accuracy.py as a module."""
    return benchmark_module("corpus_accuracy")


def test_help_prints_usage_and_measures_nothing() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0
    assert run.stdout.startswith("usage: corpus_accuracy.py")
    for option in ("--misses", "--aggregate", "--split NAME", "--auditor", "--only LISTFILE"):
        assert option in run.stdout
    assert '"training"' not in run.stdout and "db_load_seconds" not in run.stdout  # no measurement ran


def test_bad_arguments_exit_2_with_one_line(mod: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert mod.main(["--split", "nonsense"]) == 2
    assert mod.main(["--only", str(tmp_path / "absent.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "Traceback" not in "".join(err)
    with pytest.raises(SystemExit) as exc:
        mod.main(["--misses", "--aggregate"])  # one mode at a time
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        mod.main(["--frobnicate"])
    assert exc.value.code == 2
