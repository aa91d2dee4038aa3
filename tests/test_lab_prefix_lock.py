"""Two test sessions on one lab prefix: the second fails at once with the fix in its message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import claim_prefix

TESTS = Path(__file__).resolve().parent

CLAIM = (
    "import sys; sys.path.insert(0, {root!r}); from tests.conftest import claim_prefix\n"
    "try:\n    claim_prefix({prefix!r})\nexcept RuntimeError as e:\n    print('ERR', e); sys.exit(3)\n"
    "print('OK')\n"
)


def _claim_elsewhere(prefix: str) -> subprocess.CompletedProcess[str]:
    code = CLAIM.format(root=str(TESTS.parent), prefix=prefix)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_a_prefix_held_here_is_refused_elsewhere_with_the_fix() -> None:
    claim_prefix("lkheld-")
    claim_prefix("lkheld-")  # claiming again in the same process is fine
    r = _claim_elsewhere("lkheld-")
    assert r.returncode == 3, r.stdout + r.stderr
    assert "in use by another test session" in r.stdout and "NETSCAN_LAB_PREFIX" in r.stdout


def test_a_free_prefix_is_claimed_and_released_when_its_process_ends() -> None:
    assert _claim_elsewhere("lkfree-").stdout.strip() == "OK"
    assert _claim_elsewhere("lkfree-").stdout.strip() == "OK"  # the first process's lock died with it



def test_the_pytest_loaded_conftest_and_tests_conftest_share_the_lock() -> None:
    """pytest loads conftest.py as its own module while lab test modules import tests.conftest: two
    copies, two lock tables, one process. The second claim must see its own pid and pass."""
    import importlib.util

    claim_prefix("lktwin-")
    spec = importlib.util.spec_from_file_location("conftest_twin", TESTS / "conftest.py")
    assert spec is not None and spec.loader is not None
    twin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(twin)
    twin.claim_prefix("lktwin-")  # must not raise
    assert _claim_elsewhere("lktwin-").returncode == 3
