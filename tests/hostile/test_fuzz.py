"""The fuzz harness (fuzz/): every crash or slow input it ever found is replayed here, and each
target gets a short, deterministic coverage-guided run (fixed seed and run count: no flakes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FUZZ = ROOT / "fuzz"
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"
sys.path.insert(0, str(FUZZ))

from targets import TARGETS  # noqa: E402

#: Runs per target in the CI run (~20-30 s for all targets on a CI machine).
CI_RUNS = {"report": 400, "pipeline": 300, "nmapxml": 300}
CI_RUNS_DEFAULT = 2500


def _regressions() -> list[tuple[str, Path]]:
    return [(d.name, p) for d in sorted(REGRESSIONS.iterdir()) if d.is_dir() for p in sorted(d.iterdir()) if p.is_file()]


@pytest.mark.parametrize(("target", "path"), _regressions(), ids=lambda x: x if isinstance(x, str) else x.name)
def test_fuzz_regression(target: str, path: Path) -> None:
    """Handled without an exception (slow inputs are kept here too: a hang fails on pytest's
    timeout; their CPU time is measured by benchmarks/fuzz_regressions.py)."""
    TARGETS[target](path.read_bytes())


def test_every_target_has_seeds(tmp_path: Path) -> None:
    from seeds import write

    counts = write(tmp_path)
    assert set(counts) == set(TARGETS)
    assert all(n > 0 for n in counts.values()), counts


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_short_fuzz_run(target: str, tmp_path: Path) -> None:
    from seeds import write

    write(tmp_path / "seeds")
    corpus = tmp_path / "seeds" / target
    runs = CI_RUNS.get(target, CI_RUNS_DEFAULT)
    r = subprocess.run(
        [sys.executable, str(FUZZ / "run.py"), target, f"-runs={runs}", "-seed=1", "-timeout=20",
         "-max_len=16384", f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "slow-unit-", "oom-"))]
    assert r.returncode == 0 and not found, (found, r.stderr[-3000:])
    assert "Done" in r.stderr
