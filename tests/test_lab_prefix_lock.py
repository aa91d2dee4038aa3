"""Two test sessions on one lab prefix: the second fails at once with the fix in its message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import claim_prefix

TESTS = Path(__file__).resolve().parent

CLAIM = (
    "import sys; sys.path.insert(0, {tests!r}); from conftest import claim_prefix\n"
    "try:\n    claim_prefix({prefix!r})\nexcept RuntimeError as e:\n    print('ERR', e); sys.exit(3)\n"
    "print('OK')\n"
)


def _claim_elsewhere(prefix: str) -> subprocess.CompletedProcess[str]:
    code = CLAIM.format(tests=str(TESTS), prefix=prefix)
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
