"""A user's install: build the wheel from a clean copy of the sources, install it with pipx into an
empty location, and run the installed ``netscan`` from there: --version, signatures check (the
signatures are package data), completion scripts, the man page, and the demo on a virtual lab
(the lab profiles are package data too)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import sub_prefix

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``netscan`` command of a pipx install of a freshly built wheel."""
    base = tmp_path_factory.mktemp("pipx")
    src = base / "src"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for f in files:
        p = ROOT / f
        if p.is_file() or p.is_symlink():
            (src / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, src / f, follow_symlinks=False)
    wheels = base / "wheels"
    r = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(src)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    (wheel,) = wheels.glob("netscan_cameras-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("netscan/signatures/fingerprints/") for n in names)
    assert "netscan/signatures/VERSION" in names and "netscan/signatures/oui/registry.tsv" in names
    assert any(n.startswith("netscan/lab/profiles/") and n.endswith(".json") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "Name: netscan-cameras" in meta and "License-Expression: Apache-2.0" in meta
    assert "Provides-Extra: nmap" in meta and "Requires-Dist: python-nmap" in meta and "extra == \"nmap\"" in meta
    assert "](docs/" not in meta  # the README renders on the package index: no relative links
    env = {**os.environ, "PIPX_HOME": str(base / "pipx-home"), "PIPX_BIN_DIR": str(base / "bin"),
           "PIPX_MAN_DIR": str(base / "man")}
    env.pop("VIRTUAL_ENV", None)
    r = subprocess.run([sys.executable, "-m", "pipx", "install", str(wheel)], capture_output=True, text=True,
                       timeout=900, env=env)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    exe = base / "bin" / "netscan"
    assert exe.exists()
    return exe


def _run(exe: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    # run from an empty directory so nothing of the source tree can be picked up
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, cwd=exe.parent)


def test_installed_version_and_signatures_check(installed: Path) -> None:
    r = _run(installed, "--version")
    assert r.returncode == 0 and r.stdout.startswith("netscan 0.") and "signatures " in r.stdout, r.stderr
    r = _run(installed, "signatures", "check")
    assert r.returncode == 0 and "all checks passed" in r.stdout, r.stdout[-2000:] + r.stderr[-2000:]
    # the installed interpreter is pipx's own, not this test's
    head = installed.read_text(errors="replace").splitlines()[0]
    assert str(ROOT) not in head


def test_installed_completion_and_man(installed: Path) -> None:
    assert "complete" in _run(installed, "completion", "bash").stdout
    assert "#compdef netscan" in _run(installed, "completion", "zsh").stdout
    assert _run(installed, "man").stdout.startswith(".TH ")


def test_installed_engine_nmap_without_the_extra_is_a_clear_error(installed: Path) -> None:
    r = _run(installed, "scan", "--engine", "nmap", "10.0.0.1")
    assert r.returncode == 2 and r.stderr.strip().splitlines() == [
        "netscan: --engine nmap needs the python-nmap package: pip install 'netscan-cameras[nmap]' (or use the default engine)"]


@pytest.mark.lab
def test_installed_demo_runs(installed: Path, tmp_path: Path) -> None:
    html = tmp_path / "demo.html"
    r = _run(installed, "demo", "--hosts", "0", "--prefix", sub_prefix("px"), "--html", str(html), timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert "Hikvision" in r.stdout and html.exists() and "netscan report" in html.read_text()
