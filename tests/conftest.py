"""Shared fixtures. ``lab``: the virtual lab, up once per session, always torn down at the end.

Other test folders use it as ``def test_x(lab): lab.run_in_scanner([...])``; the state gives the
scanner namespace (``lab.scanner_netns``), its interface (``lab.scanner_iface``), the subnet
(``lab.subnet``) and every device (``lab.devices``: ip, mac, profile, expect). ``lab_client`` runs
tests/lab/labclient.py operations inside the scanner namespace.

The lab needs root; it never skips itself (CI runs as root): without root the fixture errors.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

#: Plain hosts in the session lab, so plain-host paths are exercised without slowing every test.
SESSION_PLAIN_HOSTS = 20
#: The test lab's name prefix: not the CLI's default, so tests never take down a user's
#: `netscan lab up` or demo; set NETSCAN_LAB_PREFIX to run two test sessions side by side.
TEST_LAB_PREFIX = os.environ.get("NETSCAN_LAB_PREFIX", "nstest-")
LABCLIENT = Path(__file__).resolve().parent / "lab" / "labclient.py"


_PREFIX_LOCKS: dict[str, Any] = {}


def claim_prefix(prefix: str = TEST_LAB_PREFIX) -> None:
    """Hold an exclusive lock on the test prefix for the rest of this process, or fail at once.

    ``Lab.up`` first takes down any lab under its prefix, so a second test session that forgot
    NETSCAN_LAB_PREFIX would silently tear down the first one's lab mid-run (every lab a test
    starts has a prefix derived from it). The lock (flock on /run/netscan-lab/pytest-<prefix>lock,
    released by the kernel when the process ends, however it ends) turns that into a clear error
    naming the fix."""
    import fcntl

    if prefix in _PREFIX_LOCKS:
        return
    lock_dir = Path("/run/netscan-lab")
    lock_dir.mkdir(parents=True, exist_ok=True)
    fh = open(lock_dir / f"pytest-{prefix}lock", "a+")  # noqa: SIM115 - held for the process's lifetime
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip()
        fh.close()
        # pytest loads this file as its own module and test modules import it as tests.conftest:
        # two copies in one process, each with its own _PREFIX_LOCKS; the holder's pid tells them apart
        if holder == str(os.getpid()):
            return
        raise RuntimeError(
            f"lab prefix {prefix!r} is in use by another test session (pid {holder or '?'}); "
            "set NETSCAN_LAB_PREFIX to a prefix of your own (e.g. NETSCAN_LAB_PREFIX=ab-)"
        ) from None
    fh.truncate(0)
    fh.write(str(os.getpid()))
    fh.flush()
    _PREFIX_LOCKS[prefix] = fh


def sub_prefix(tag: str) -> str:
    """A second lab's prefix for tests that start their own lab: derived from TEST_LAB_PREFIX, so two
    test sessions side by side (different NETSCAN_LAB_PREFIX) never take down each other's labs."""
    claim_prefix()
    return f"{TEST_LAB_PREFIX.rstrip('-')[:5]}{tag}-"


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """benchmarks/<name>.py imported as the module ``name`` (registered in sys.modules, so the benchmarks that
    import each other by name find it)."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def benchmark_module() -> Callable[[str], ModuleType]:
    """``benchmark_module("perturb_robustness")``: a benchmark script imported as a module."""
    return load_benchmark


@pytest.fixture(scope="session")
def lab() -> Iterator[Any]:
    """The running lab (a ``netscan.lab.LabState``); brought down even when tests fail."""
    from netscan.lab import Lab

    claim_prefix()
    state = Lab.up(hosts=SESSION_PLAIN_HOSTS, prefix=TEST_LAB_PREFIX)
    # belt and braces: should the session end without running finalisers, still take the lab down
    atexit.register(Lab.down, prefix=state.prefix)
    try:
        yield state
    finally:
        Lab.down(prefix=state.prefix)
        atexit.unregister(Lab.down)


@pytest.fixture(scope="session")
def realistic_lab() -> Iterator[Any]:
    """A realistic lab (``Lab.up(realistic=True)``, the default seeded mix, 20 plain hosts) for the
    session, prefix ``sub_prefix("re")``; brought down even when tests fail. Scan all of it from
    ``state.scanner_netns`` with every ``state.scanner_ifaces`` and every ``state.scan_targets``;
    which devices are slow, multicast-silent, routed or on the second LAN is in ``state.devices``.
    Its idle devices may already be awake: tests of the slow first request bring up their own."""
    from netscan.lab import Lab

    state = Lab.up(hosts=SESSION_PLAIN_HOSTS, prefix=sub_prefix("re"), realistic=True)
    down = functools.partial(Lab.down, prefix=state.prefix)
    atexit.register(down)
    try:
        yield state
    finally:
        down()
        atexit.unregister(down)


@pytest.fixture(scope="session")
def lab_client(lab: Any) -> Callable[..., list[Any]]:
    """``lab_client(ops, timeout=60)``: run labclient operations in the scanner namespace, return results."""

    def run(ops: list[dict[str, Any]], timeout: float = 120.0, state: Any = None) -> list[Any]:
        st = state or lab
        proc = st.run_in_scanner([sys.executable, str(LABCLIENT)], input=json.dumps(ops), capture_output=True,
                                 text=True, timeout=timeout)
        if proc.returncode != 0:
            raise AssertionError(f"labclient failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return json.loads(proc.stdout)

    return run


def pytest_configure(config: pytest.Config) -> None:
    """Every scan a test runs is recorded in a throw-away inventory, never in the user's own."""
    if "NETSCAN_DB" not in os.environ:
        import tempfile

        d = tempfile.mkdtemp(prefix="netscan-test-db-")
        os.environ["NETSCAN_DB"] = str(Path(d) / "inventory.sqlite")
        atexit.register(__import__("shutil").rmtree, d, True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything that uses a lab fixture with ``lab``."""
    for item in items:
        if {"lab", "realistic_lab"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.lab)


def run_quiet(argv: list[str], timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """subprocess.run with captured text output and a time cap (helper for lab tests)."""
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(autouse=True)
def _no_task_left_behind() -> Iterator[None]:
    """After every test: no asyncio task still running on a test server's event-loop thread, and no
    event loop left running in this thread. A task left behind runs on into later tests (a tarpit
    connection handler once slept 30 s into tests/report and was the likely source of a one-off
    CancelledError there); the failure names the test that left it. Set up first, so checked after
    every other fixture of the test has been torn down."""
    yield
    import asyncio

    running = asyncio._get_running_loop()
    assert running is None, f"an event loop is still running in the test thread: {running!r}"
    servers = sys.modules.get("probe_servers")  # tests/probes/probe_servers.py, once some test used it
    for lt in list(servers.LoopThread.live) if servers is not None else []:
        left = lt.pending()
        assert not left, f"asyncio tasks left running on a test server loop: {left[:5]}"
