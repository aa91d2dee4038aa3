"""``netscan scan`` through the CLI on loopback: the scope guard, --scope, --ports, outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "probes"))

from probe_servers import LoopThread, session_loopback, tcp_server, tcp_server_on_one_of, web_handler  # noqa: E402

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
    import asyncio
    import signal
    import threading

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

    from netscan.probes.http import WEB_PORTS

    # this session's own loopback pair; the tarpit on a web port (full read timeout), whichever is free
    web_host, tarpit_host = session_loopback(2), session_loopback(3)
    lines: list[str] = []
    probed = threading.Event()
    lt = LoopThread()
    try:
        web_port, stop_web = tcp_server(lt, web_handler, host=web_host)
        tarpit, stop_tarpit = tcp_server_on_one_of(lt, dribble, tarpit_host, sorted(WEB_PORTS, key=lambda p: (p != 8088, p)))
        obs, out = tmp_path / "obs.json", tmp_path / "out.json"
        with out.open("w") as stdout:
            proc = subprocess.Popen(
                [sys.executable, "-m", "netscan", "scan", "--quiet", "-v", "--no-discovery", "--unprivileged", "--timeout",
                 "60", "--ports", f"{web_port},{tarpit}", "--format", "json", "--save-observations", str(obs),
                 f"{web_host}-{tarpit_host.rsplit('.', 1)[1]}"],
                stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT)

            def pump() -> None:
                assert proc.stderr is not None
                for line in proc.stderr:
                    lines.append(line)
                    if f"probed {web_host} " in line:
                        probed.set()

            reader = threading.Thread(target=pump, daemon=True)
            reader.start()
            try:
                # the first host is done (-v says so); the second holds a request open for up to 60 s
                assert probed.wait(90), "".join(lines)
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=60)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(10)
            reader.join(10)
            assert proc.stderr is not None
            proc.stderr.close()
        stop_web()
        stop_tarpit()
    finally:
        lt.stop()
    err = "".join(lines)
    assert proc.returncode == 5, err
    doc = json.loads(out.read_text())
    assert doc["scan"]["incomplete"] is True
    assert web_host in [d["ip"] for d in doc["devices"]]
    assert any(r["request"] == "GET /" for o in json.loads(obs.read_text()) for r in o["responses"] if o["ip"] == web_host)
    why = "--unprivileged:" if os.geteuid() == 0 else "not running as root"
    assert why in err  # said once, with the right reason
    assert err.count(why) == 1


def test_progress_shows_phases_hosts_found_and_eta() -> None:
    import io

    from rich.console import Console

    from netscan.cli.scan import ScanWatcher

    now = [100.0]
    buf = io.StringIO()
    w = ScanWatcher(display=True, color=False, clock=lambda: now[0],
                    console=Console(file=buf, width=120, force_terminal=True, no_color=True))

    def screen() -> str:
        buf.seek(0)
        buf.truncate()
        w.progress.console.print(w.progress.get_renderable())
        return buf.getvalue()

    w.event("targets", total=253)
    w.event("discovery-start")
    for i in range(62):
        w.event("found", ip=f"10.0.0.{i + 1}")
    now[0] += 0.5
    out = screen()
    assert "sweep" in out and "62 hosts found of 253 addresses" in out and "discovery window" in out
    assert "0/62 hosts" in out and "ETA" not in out  # the sweep goes on: no estimate yet
    w.event("sweep-end")
    for i in range(20):
        now[0] += 0.5
        w.event("done", ip=f"10.0.0.{i + 1}")
    out = screen()
    assert "20/62 hosts" in out and "probing" in out
    assert "ETA 0:" in out  # a long probing phase with a known number of hosts gets an estimate
    w.event("discovery-end")
    w.scan_finished()
    assert w.timings().startswith("sweep 0.50 s, discovery window")


def test_verbose_after_the_subcommand_shows_hosts_and_phase_timings() -> None:
    lt = LoopThread()
    try:
        port, stop = tcp_server(lt, web_handler, host="127.0.0.2")
        p = netscan("--no-discovery", "--unprivileged", "--ports", str(port), "--format", "json", "-v", "127.0.0.2")
        q = netscan("--no-discovery", "--unprivileged", "--ports", str(port), "--format", "json", "127.0.0.2")
        stop()
    finally:
        lt.stop()
    assert p.returncode == 0, p.stderr
    assert "found 127.0.0.2" in p.stderr and "probed 127.0.0.2" in p.stderr
    assert "phase timings: sweep" in p.stderr and "identification" in p.stderr
    assert "found 127.0.0.2" not in q.stderr and "phase timings" not in q.stderr


def test_format_choices_match_the_renderers() -> None:
    from netscan.cli.run_output import FORMATS
    from netscan.report import FORMATS as RENDERERS

    assert FORMATS == RENDERERS
