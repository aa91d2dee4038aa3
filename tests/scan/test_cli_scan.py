"""``netscan scan`` through the CLI on loopback: the scope guard, --scope, --ports, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "probes"))

from probe_servers import LoopThread, tcp_server, web_handler  # noqa: E402

from netscan.cli.scan import parse_ports  # noqa: E402

ROOT = Path(__file__).parents[2]


def netscan(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netscan", "scan", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_public_target_refused_with_clear_message() -> None:
    p = netscan("--quiet", "192.168.1.0/24", "8.8.8.0/30")
    assert p.returncode == 3
    assert "public address space" in p.stderr and "--allow-public" in p.stderr and p.stdout == ""


def test_scope_file_outside_everything_refused(tmp_path: Path) -> None:
    scope = tmp_path / "scope.txt"
    scope.write_text("10.99.0.0/24\n")
    p = netscan("--quiet", "--scope", str(scope), "127.0.0.0/30")
    assert p.returncode == 3 and "scope file" in p.stderr


def test_scope_file_is_honoured(tmp_path: Path) -> None:
    lt = LoopThread()
    try:
        port, stop = tcp_server(lt, web_handler, host="127.0.0.2")
        scope = tmp_path / "scope.txt"
        scope.write_text("# only this one\n127.0.0.2/32\n")
        obs = tmp_path / "obs.json"
        p = netscan("--quiet", "--no-discovery", "--unprivileged", "--ports", str(port), "--scope", str(scope),
                    "--format", "json", "--save-observations", str(obs), "127.0.0.1-4")
        stop()
    finally:
        lt.stop()
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert [d["ip"] for d in doc["devices"]] == ["127.0.0.2"]
    assert doc["scan"]["targets"] == ["127.0.0.1-4"] and doc["scan"]["counts"]["addresses"] == 1
    assert doc["devices"][0]["open_ports"] == [port]
    saved = json.loads(obs.read_text())
    assert saved[0]["ip"] == "127.0.0.2" and any(r["request"] == "GET /" for r in saved[0]["responses"])
    # identify FILE reproduces the scan's devices offline
    q = subprocess.run([sys.executable, "-m", "netscan", "identify", "--format", "json", str(obs)],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert q.returncode == 0, q.stderr
    keys = ("ip", "mac", "vendor", "brand", "model", "firmware", "device_type")
    assert [{k: d[k] for k in keys} for d in json.loads(q.stdout)["devices"]] == [{k: d[k] for k in keys} for d in doc["devices"]]


def test_hosts_only_and_formats() -> None:
    p = netscan("--quiet", "--hosts-only", "--unprivileged", "--format", "csv", "127.0.0.5")
    assert p.returncode == 0, p.stderr
    assert "127.0.0.5" in p.stdout


def test_parse_ports() -> None:
    assert parse_ports("80,443,8000-8002") == (80, 443, 8000, 8001, 8002)
    assert parse_ports("+9999")[-1] == 9999 and 554 in parse_ports("+9999")
    for bad in ("0", "70000", "a", "10-5", ","):
        try:
            parse_ports(bad)
        except Exception as exc:  # noqa: BLE001
            assert type(exc).__name__ == "UsageError"
        else:
            raise AssertionError(bad)


def test_ctrl_c_prints_and_saves_what_was_found(tmp_path: Path) -> None:
    import signal
    import time

    import asyncio

    async def dribble(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """A long, steady reply (400 B/s, above the tarpit cut-off): keeps the scan busy."""
        try:
            await reader.read(4096)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
            for _ in range(600):
                writer.write(b"x" * 40)
                await writer.drain()
                await asyncio.sleep(0.1)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    lt = LoopThread()
    try:
        web_port, stop_web = tcp_server(lt, web_handler, host="127.0.0.2")
        tarpit, stop_tarpit = tcp_server(lt, dribble, host="127.0.0.3", port=8088)  # a web port: full read timeout
        obs = tmp_path / "obs.json"
        proc = subprocess.Popen(
            [sys.executable, "-m", "netscan", "scan", "--quiet", "--no-discovery", "--unprivileged", "--timeout", "60",
             "--ports", f"{web_port},{tarpit}", "--format", "json", "--save-observations", str(obs), "127.0.0.2-3"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        time.sleep(2.5)  # .2 is done; .3 holds a request open for up to 60 s
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        stop_web()
        stop_tarpit()
    finally:
        lt.stop()
    assert proc.returncode == 5, err
    doc = json.loads(out)
    assert doc["scan"]["incomplete"] is True
    assert "127.0.0.2" in [d["ip"] for d in doc["devices"]]
    assert any(r["request"] == "GET /" for o in json.loads(obs.read_text()) for r in o["responses"] if o["ip"] == "127.0.0.2")
    assert "not running as root" in err  # said once
    assert err.count("not running as root") == 1


def test_progress_observer_counts() -> None:
    from netscan.cli.scan import _RichProgress

    p = _RichProgress()
    with p.progress:
        p.event("targets", total=4)
        for ip in ("10.0.0.1", "10.0.0.2"):
            p.event("found", ip=ip)
        p.event("done", ip="10.0.0.1")
    tasks = {t.description: t for t in p.progress.tasks}
    assert tasks["hosts found"].completed == 2 and tasks["hosts found"].total == 4
    assert tasks["hosts probed"].completed == 1 and tasks["hosts probed"].total == 2


def test_format_choices_match_the_renderers() -> None:
    from netscan.cli.scan import FORMATS
    from netscan.report import FORMATS as RENDERERS

    assert FORMATS == RENDERERS
