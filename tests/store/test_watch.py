"""``netscan watch`` without the lab: durations, the webhook sender (retries against a real HTTP
server on loopback; a dead webhook never blocks), and a watcher that survives failing scans."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from netscan.cli import watch
from netscan.errors import UsageError

ROOT = Path(__file__).parents[2]


def test_parse_duration() -> None:
    assert watch.parse_duration("30s") == 30 and watch.parse_duration("15m") == 900
    assert watch.parse_duration("1h30m") == 5400 and watch.parse_duration("1d") == 86400
    assert watch.parse_duration("90") == 90
    for bad in ("", "soon", "-5m", "5x", "0s"):
        with pytest.raises(UsageError):
            watch.parse_duration(bad)


def test_webhook_retries_then_delivers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch, "WEBHOOK_BACKOFF_S", (0.05, 0.05, 0.05))
    got: list[dict[str, Any]] = []
    calls = {"n": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            calls["n"] += 1
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if calls["n"] <= 2:  # the first two attempts fail
                self.send_response(503)
            else:
                got.append(json.loads(body))
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        hook = watch.Webhook(f"http://127.0.0.1:{server.server_address[1]}/hook")
        hook.put({"type": "device-new", "n": 1})
        hook.put({"type": "device-gone", "n": 2})
        hook.close(drain_s=10)
    finally:
        server.shutdown()
        server.server_close()
    assert [e["n"] for e in got] == [1, 2] and hook.sent == 2 and hook.failed == 0 and calls["n"] == 4


def test_dead_webhook_never_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.setattr(watch, "WEBHOOK_BACKOFF_S", (0.01, 0.01, 0.01))
    hang = socket.socket()
    hang.bind(("127.0.0.1", 0))
    hang.listen(128)  # never accepted: the first POST hangs for WEBHOOK_TIMEOUT_S, 4 attempts
    try:
        hook = watch.Webhook(f"http://127.0.0.1:{hang.getsockname()[1]}/hook")
        for n in range(100):
            hook.put({"type": "finding-new", "n": n})
        # every put returned while the first delivery still hangs: putting never waits for the network
        assert hook.sent == 0 and hook.failed == 0 and hook.q.qsize() >= 99
    finally:
        hang.close()  # now the webhook is dead (connection refused): every event fails, none blocks
    hook.close(drain_s=120)
    assert not hook.thread.is_alive()
    assert hook.sent == 0 and hook.failed == 100
    with pytest.raises(UsageError):
        watch.Webhook("ftp://example.org/")


def test_watch_survives_failing_scans(tmp_path: Path) -> None:
    """Every round fails (no such interface: nothing is sent); the watcher reports each and goes on."""
    events = tmp_path / "events.jsonl"
    p = subprocess.run([sys.executable, "-m", "netscan", "watch", "--every", "5s", "--count", "2", "--db",
                        str(tmp_path / "w.sqlite"), "--events", str(events), "--iface", "nosuch0", "10.99.0.0/30"],
                       capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert p.returncode == 0, p.stderr
    kinds = [json.loads(line)["type"] for line in events.read_text().splitlines()]
    assert kinds == ["watch-started", "scan-failed", "scan-failed", "watch-stopped"]
