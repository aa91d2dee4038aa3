"""The terminal table as a user sees it: captured through a real pseudo-terminal at 80, 120 and 200
columns, from the real CLI, on the shipped lab profiles' recorded responses plus plain hosts
(62 devices, like the lab). No line is wider than the terminal, every device is one line, no word
is broken across lines, cameras come before plain hosts; NO_COLOR, --no-color and COLUMNS."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from netscan.observations import dumps, from_dict
from netscan.report import render

ROOT = Path(__file__).parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
VIDEO = {"camera", "nvr", "dvr", "doorbell", "encoder"}


@pytest.fixture(scope="module")
def obs_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped lab profiles' responses (what the emulator serves) and 25 plain hosts."""
    from netscan.lab.config import PROFILES_DIR

    obs = []
    for i, p in enumerate(sorted(Path(PROFILES_DIR).glob("*.json"))):
        prof = json.loads(p.read_text())
        obs.append(from_dict({"ip": f"10.77.0.{i + 10}", "mac": prof.get("mac") or f"02:00:00:00:00:{i:02x}",
                              "responses": [r for r in prof.get("responses", []) if r.get("protocol") not in ("dhcp", "dns")],
                              "open_ports": prof.get("open_ports") or []}))
    for j in range(25):
        obs.append(from_dict({"ip": f"10.77.1.{100 + j}", "mac": f"00:1b:21:00:00:{j:02x}", "responses": []}))
    path = tmp_path_factory.mktemp("table") / "obs.json"
    path.write_text(dumps(obs))
    return path


@pytest.fixture(scope="module")
def doc(obs_file: Path) -> dict[str, Any]:
    r = subprocess.run([sys.executable, "-m", "netscan", "identify", "--now", "2026-11-24T00:00:00Z", str(obs_file)],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode in (0, 4), r.stderr
    return json.loads(r.stdout)


def run_in_pty(args: list[str], columns: int, env: dict[str, str] | None = None) -> str:
    """Run netscan with stdout on a pseudo-terminal of ``columns`` columns; return what it printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    e = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    e["TERM"] = "xterm-256color"
    e.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "netscan", *args], stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=subprocess.PIPE, cwd=ROOT, env=e)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    proc.wait(timeout=30)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.returncode in (0, 4), err
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def vocabulary(doc: dict[str, Any]) -> set[str]:
    """Every word the report may show whole: the report rendered without a width limit."""
    wide = render(doc, "table", width=5000)
    return set(wide.split())


def broken_words(text: str, vocab: set[str]) -> list[str]:
    """Words in ``text`` that are neither whole words of the report nor shortened with an ellipsis."""
    bad = []
    for tok in text.split():
        if tok in vocab or set(tok) <= set("─━-–"):
            continue
        if tok.endswith("…") and any(w.startswith(tok[:-1]) for w in vocab):
            continue
        if re.fullmatch(r"(\d+[CHMLI] ?)+", tok) or tok in {"Cov.", "yes", "(findings:", "C", "critical,", "H", "high,",
                                                           "M", "medium,", "L", "low,", "I", "info)"}:
            continue  # the compact findings counts and their legend
        bad.append(tok)
    return bad


def _device_section(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("Devices"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip())
    return lines[start + 3:end]  # title, header, rule


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_table_fits_the_terminal_without_breaking_words(obs_file: Path, doc: dict[str, Any], columns: int) -> None:
    out = run_in_pty(["identify", "--format", "table", "--now", "2026-11-24T00:00:00Z", str(obs_file)], columns)
    assert "\x1b[" in out, "on a terminal the table is in colour"
    plain = ANSI.sub("", out)
    lines = plain.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    assert broken_words(plain, vocabulary(doc)) == []
    # one line per device, cameras and recorders first
    rows = _device_section(lines)
    ips = [r.split()[0] for r in rows]
    assert all(re.fullmatch(r"\d+\.\d+\.\d+\.\d+", ip) for ip in ips), rows[:5]
    by_ip = {d["ip"]: d for d in doc["devices"]}
    types = [by_ip[ip]["device_type"] for ip in ips]
    n_video = sum(t in VIDEO for t in types)
    assert n_video == doc["scan"]["counts"]["video_devices"] and all(t in VIDEO for t in types[:n_video])
    # plain hosts are not in the device table: they follow in their own short table
    plain_hosts = [d["ip"] for d in doc["devices"] if d["ip"].startswith("10.77.1.")]
    assert not set(plain_hosts) & set(ips)
    assert all(sum(1 for line in lines if line.startswith(ip + " ")) == 1 for ip in plain_hosts)
    # counts per severity, not "N worst"
    worst = next(d for d in doc["devices"] if any(f["severity"] == "critical" for f in d["findings"]))
    row = next(r for r in rows if r.split()[0] == worst["ip"])
    assert re.search(r"\b1 ?C(rit)?\b|\b\d+ crit\b|\b\d+C\b", row), row
    # the findings list names the brand
    branded = next(d for d in doc["devices"] if d.get("brand") and d["findings"] and d["brand"] != d["vendor"])
    assert any(branded["ip"] in line and branded["brand"] in line for line in lines)
    assert len(lines) < 400


def test_wide_terminal_shows_severity_counts_and_more_columns(obs_file: Path) -> None:
    out = ANSI.sub("", run_in_pty(["identify", "--format", "table", str(obs_file)], 200))
    header = next(line for line in out.splitlines() if line.startswith("IP ") and "Maker" in line)
    assert {"MAC", "Firmware", "Ports", "Findings", "Covered"} <= set(header.split())
    assert re.search(r"\b\d+ crit \d+ high \d+ med \d+ low\b", out)


def test_no_color(obs_file: Path) -> None:
    args = ["identify", "--format", "table", str(obs_file)]
    assert "\x1b[" not in run_in_pty(args, 120, {"NO_COLOR": "1"})
    assert "\x1b[" not in run_in_pty([*args, "--no-color"], 120)
    assert "\x1b[" not in run_in_pty(["--no-color", *args], 120)
    assert "\x1b[" in run_in_pty(args, 120, {"NO_COLOR": ""})  # empty NO_COLOR does not count


def test_off_a_terminal_columns_is_honoured(obs_file: Path, doc: dict[str, Any]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    for columns in (90, 140):
        r = subprocess.run([sys.executable, "-m", "netscan", "identify", "--format", "table", "--now",
                            "2026-11-24T00:00:00Z", str(obs_file)],
                           capture_output=True, text=True, timeout=120, cwd=ROOT, env={**env, "COLUMNS": str(columns)})
        lines = r.stdout.splitlines()
        assert "\x1b[" not in r.stdout
        assert max(len(line.rstrip()) for line in lines) <= columns
        assert max(len(line.rstrip()) for line in lines) > columns - 15
        assert broken_words(r.stdout, vocabulary(doc)) == []


def test_only_and_sort(obs_file: Path, doc: dict[str, Any]) -> None:
    base = [sys.executable, "-m", "netscan", "identify", str(obs_file)]
    r = subprocess.run([*base, "--only", "video"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    got = json.loads(r.stdout)
    assert got["devices"] and all(d["device_type"] in VIDEO for d in got["devices"])
    assert len(got["devices"]) == doc["scan"]["counts"]["video_devices"]
    r = subprocess.run([*base, "--sort", "severity"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
    worst = [min((order[f["severity"]] for f in d["findings"]), default=9) for d in json.loads(r.stdout)["devices"]]
    assert worst == sorted(worst) and worst[0] == 0
    r = subprocess.run([*base, "--sort", "vendor", "--format", "csv"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    names = [(row.split(",")[3] or row.split(",")[2]).lower() for row in r.stdout.splitlines()[1:] if row.split(",")[2]]
    assert names == sorted(names)
    r = subprocess.run([*base, "--only", "video", "--format", "table"], capture_output=True, text=True, timeout=120,
                       cwd=ROOT, env={**os.environ, "COLUMNS": "120"})
    assert "Other hosts" not in r.stdout and "(--only video)" in r.stdout
