"""What ``scan`` and ``passive`` do once they have observations (netscan/cli/run_output.py), through
both commands: the observations saved (or rescued), the report recorded in the inventory and written
to every output (HTML with what each device sent), and the exit code (--fail-on, a failed record)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "probes"))

from probe_servers import LoopThread, tcp_server, web_handler  # noqa: E402

from netscan.observations import load_path  # noqa: E402

ROOT = Path(__file__).parents[2]

#: What each command's device sent, as it stands in the raw answer (and only there).
SENT = {"scan": "Server: App-webs/", "passive": "Server: lighttpd/1.4.59"}


@pytest.fixture(scope="module")
def pcap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from netscan.lab.pcapgen import write_pcap
    from tests.capture.test_capture import lan_packets

    path = tmp_path_factory.mktemp("run-output") / "lan.pcap"
    with path.open("wb") as f:
        write_pcap(f, lan_packets())
    return path


@pytest.fixture(scope="module")
def web_port() -> Iterator[int]:
    lt = LoopThread()
    try:
        port, stop = tcp_server(lt, web_handler, host="127.0.0.2")
        yield port
        stop()
    finally:
        lt.stop()


@pytest.fixture(params=["scan", "passive"])
def command(request: pytest.FixtureRequest, pcap: Path, web_port: int) -> list[str]:
    """The command line of each command, up to its outputs."""
    if request.param == "scan":
        return ["scan", "--quiet", "--no-discovery", "--unprivileged", "--ports", str(web_port), "127.0.0.2"]
    return ["passive", "--quiet", "--pcap", str(pcap)]


def _run(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}  # rescue files land here
    return subprocess.run([sys.executable, "-m", "netscan", *argv], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env=env)


def test_recorded_written_and_judged(command: list[str], tmp_path: Path) -> None:
    db, out, html, obs = (str(tmp_path / n) for n in ("inv.sqlite", "r.json", "r.html", "obs.json"))
    p = _run([*command, "--db", db, "-o", out, "-o", html, "--save-observations", obs, "--fail-on", "low"], tmp_path)
    assert p.returncode == 4, p.stderr  # both see findings (cleartext admin page; cloud look-up)
    doc = json.loads(Path(out).read_text())
    assert doc["scan"]["store"] == {"scan": 1, "site": "default", "complete": True}
    assert isinstance(doc["changes"], list) and doc["devices"]
    saved = load_path(Path(obs))
    assert {o.ip for o in saved} == {d["ip"] for d in doc["devices"]}
    assert SENT[command[0]] in Path(html).read_text()  # the HTML report shows what the device sent
    # a level above the worst finding (or none): exit 0
    levels = ["low", "medium", "high", "critical"]
    seen = {f["severity"] for d in doc["devices"] for f in d["findings"]}
    above = [x for x in levels if not set(levels[levels.index(x):]) & seen]
    p = _run([*command, "--no-db", "-o", out, *(["--fail-on", above[0]] if above else [])], tmp_path)
    assert p.returncode == 0, p.stderr


def test_not_recorded_is_still_written_and_exits_1(command: list[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is no database " * 300)
    out = tmp_path / "r.json"
    p = _run([*command, "--db", str(junk), "-o", str(out), "--fail-on", "low"], tmp_path)
    assert p.returncode == 1, p.stderr
    line = p.stderr.splitlines()[-1]  # (after scan's --unprivileged warning)
    assert "was not recorded in the inventory" in line and "not a database" in line
    doc = json.loads(out.read_text())
    assert doc["devices"] and "store" not in doc["scan"]


def test_observations_that_cannot_be_saved_are_rescued(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    p = _run([*command, "--no-db", "-o", str(out), "--save-observations", "/dev/full"], tmp_path)
    assert p.returncode == 1, p.stderr
    line = p.stderr.splitlines()[-1]
    assert "cannot write /dev/full" in line and "the observations were saved to " in line
    rescued = Path(line.rsplit("saved to ", 1)[1])
    assert rescued.parent == tmp_path / "state" / "netscan"
    assert load_path(rescued)  # the observations themselves
