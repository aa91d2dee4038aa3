"""nmap-style targets: comma lists, octet patterns (10.0.0.*), -iL FILE, --exclude and
--exclude-file; every bad one is a one-line usage error (exit 2) before anything is sent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netscan.cli.exitcodes import ExitCode
from netscan.errors import ScopeError, UsageError
from netscan.scope import parse_targets_text, resolve_targets


def addrs(*targets: str, **kw: object) -> list[str]:
    return list(resolve_targets(targets, **kw).addresses())  # type: ignore[arg-type]


def test_comma_lists_and_octet_patterns() -> None:
    assert addrs("10.0.0.1,10.0.0.9") == ["10.0.0.1", "10.0.0.9"]
    assert addrs("10.0.0.0/30,10.0.5.7") == ["10.0.0.1", "10.0.0.2", "10.0.5.7"]
    assert addrs("10.0.0.1,5,9") == ["10.0.0.1", "10.0.0.5", "10.0.0.9"]  # nmap: a list in the last octet
    star = addrs("10.0.0.*")
    assert len(star) == 254 and star[0] == "10.0.0.1" and star[-1] == "10.0.0.254"  # no network/broadcast
    assert addrs("10.0.1-2.1-2") == ["10.0.1.1", "10.0.1.2", "10.0.2.1", "10.0.2.2"]
    assert len(addrs("10.0.*.1")) == 256
    assert addrs("10.0.0.5-7") == ["10.0.0.5", "10.0.0.6", "10.0.0.7"]  # the old range form is unchanged


@pytest.mark.parametrize("bad", ["10.0.0.256", "10.0.0.x", "10.0.0.1-300", "10.0.0.1,x", "10.0.0.*/24", ",", "10.0.0.5-4"])
def test_bad_targets_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError):
        resolve_targets([bad])


def test_patterns_too_large_or_public() -> None:
    with pytest.raises(UsageError, match="more than"):
        resolve_targets(["10.*.*.*"])
    with pytest.raises(ScopeError):
        resolve_targets(["192.168.0.*,8.8.8.8"])


def test_exclusions() -> None:
    got = addrs("10.0.0.0/24", exclude=["10.0.0.1-10", "10.0.0.200,201"])
    assert len(got) == 254 - 12 and "10.0.0.5" not in got and "10.0.0.200" not in got and "10.0.0.11" in got
    with pytest.raises(UsageError, match="excluded"):
        resolve_targets(["10.0.0.0/24"], exclude=["10.0.0.0/24"])
    assert resolve_targets(["10.0.0.0/29"], exclude=["10.0.0.3"]).excluded == 1


def test_target_files() -> None:
    text = "# cameras\n10.0.0.1 10.0.0.2,10.0.0.3\n\n10.0.1.*   # the NVR VLAN\n"
    assert parse_targets_text(text, "t.txt") == ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.*"]
    with pytest.raises(UsageError, match=r"^t.txt:3: "):
        parse_targets_text("10.0.0.1\n\nnot-an-address\n", "t.txt")


def _scan(*args: str) -> subprocess.CompletedProcess[str]:
    # only argument errors: these runs must stop before any packet (a test host has no lab here)
    return subprocess.run([sys.executable, "-m", "netscan", "scan", "--quiet", *args], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("args,message", [
    (["10.0.0.300"], "10.0.0.300"),
    (["10.0.0.1,bogus"], "bogus"),
    (["-iL", "/nonexistent/targets.txt"], "-iL: cannot read /nonexistent/targets.txt"),
    (["--exclude", "10.0.0.x", "10.0.0.0/24"], "--exclude:"),
    (["--exclude-file", "/nonexistent/ex.txt", "10.0.0.0/24"], "--exclude-file: cannot read"),
])
def test_cli_errors_are_one_line(args: list[str], message: str) -> None:
    r = _scan(*args)
    assert r.returncode == ExitCode.USAGE, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netscan: ") and message in lines[0], r.stderr


def test_cli_target_file_errors_name_the_line(tmp_path: Path) -> None:
    f = tmp_path / "targets.txt"
    f.write_text("10.0.0.1\n10.0.0.999\n")
    r = _scan("-iL", str(f))
    assert r.returncode == ExitCode.USAGE and r.stderr.strip() == f"netscan: {f}:2: '10.0.0.999' is not an IP address " \
        "(host names are not resolved; give an address)"
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n")
    r = _scan("-iL", str(empty))
    assert r.returncode == ExitCode.USAGE and "lists no targets" in r.stderr
