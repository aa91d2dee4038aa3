"""The engine end to end on loopback (no raw sockets, no discovery): hosts found by TCP connect
ping, ports scanned, openers run, observations round-trip through identify."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "probes"))

from probe_servers import LoopThread, session_loopback, tcp_server, tcp_server_on_one_of, web_handler  # noqa: E402

from netscan.engine import ScanOptions, scan  # noqa: E402
from netscan.identify import identify  # noqa: E402
from netscan.limits import Timeouts  # noqa: E402
from netscan.observations import dumps, load_text  # noqa: E402


def test_scan_loopback_hosts() -> None:
    lt = LoopThread()
    try:
        port, stop = tcp_server(lt, web_handler, host="127.0.0.2")
        events: list[str] = []

        class P:
            def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
                events.append(kind)

        res = scan(ScanOptions(targets=("127.0.0.2-3",), ports=(port,), discovery=False, privileged=False,
                               timeouts=Timeouts(connect=1.0, read=1.0)), P())
        stop()
    finally:
        lt.stop()
    assert not res.incomplete  # ended by its own 1 s timeouts, not stopped (how fast: benchmarks/)
    assert [o.ip for o in res.observations] == ["127.0.0.2", "127.0.0.3"]
    web = res.observations[0]
    assert web.open_ports == (port,)
    reqs = [r.request for r in web.responses]
    assert "GET /" in reqs and "GET /ISAPI/System/deviceInfo" in reqs
    assert res.observations[1].open_ports == () and not res.incomplete
    h = res.run
    assert h.targets == ("127.0.0.2-3",) and h.engine == "netscan" and h.stats.hosts == 2
    assert h.start is not None and h.end is not None and h.start <= h.end
    assert events.count("found") == 2 and events.count("done") == 2 and events[0] == "targets"
    # --save-observations then identify gives the same devices
    again = load_text(dumps(res.observations))
    assert [identify(o).to_dict() for o in again] == [identify(o).to_dict() for o in res.observations]


def test_public_target_refused_before_any_io() -> None:
    import pytest

    from netscan.errors import ScopeError

    with pytest.raises(ScopeError):
        scan(ScanOptions(targets=("1.1.1.1",), discovery=False, privileged=False))


def test_slow_first_answer_is_waited_for_not_given_up() -> None:
    """A web server whose first answer takes 2.6 s (a DVR waking up) is waited for on that
    connection, not asked twice, and then asked everything its answers point to (issue 12)."""
    import asyncio

    from probe_servers import HIK_PAGES, _read_request, http_response

    calls = {"n": 0, "active": 0}

    async def sleepy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        calls["active"] += 1
        try:
            await answer(reader, writer)
        finally:
            writer.close()
            calls["active"] -= 1

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            req = await _read_request(reader)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError):
            return  # the port scan's connect
        calls["n"] += 1
        if calls["n"] == 1:
            await asyncio.sleep(2.6)  # a slow DVR's first answer (within Timeouts.read = 4 s)
        path = req.split(b"\r\n", 1)[0].split()[1]
        try:
            writer.write(HIK_PAGES.get(path, http_response("404 Not Found", {}, b"nope")))
            await writer.drain()
        except ConnectionError:
            pass

    from netscan.probes.http import WEB_PORTS

    host = session_loopback(7)  # this session's own address; a web port (full read timeout), whichever is free
    lt = LoopThread()
    try:
        port, stop = tcp_server_on_one_of(lt, sleepy, host, sorted(WEB_PORTS, key=lambda p: (p != 8080, p)))
        res = scan(ScanOptions(targets=(host,), ports=(port,), discovery=False, privileged=False))
        deadline = time.monotonic() + 5  # the first, slow answer may still be sleeping: let it end
        while calls["active"] and time.monotonic() < deadline:
            time.sleep(0.05)
        stop()
    finally:
        lt.stop()
    obs = res.observations[0]
    first = [r for r in obs.responses if r.request == "GET /"]
    assert first and first[0].raw.startswith("HTTP/1.1 302"), obs.responses
    reqs = [r.request for r in obs.responses]
    assert "GET /ISAPI/System/deviceInfo" in reqs
    assert res.run.stats.retries == 0 and calls["n"] == len(reqs)  # every request sent once
    assert not any("no answer" in t for t in obs.meta.get("tried", []))


def test_service_that_accepts_and_never_answers_is_waited_for_once() -> None:
    """A web port and a TLS port that accept connections and never say anything (not even the
    TLS handshake) cost one wait each, are not asked again (the request reached the service: TCP
    resends what is lost), and are reported as such; a good host beside them is fully worked on."""
    import asyncio
    import random

    from probe_servers import HIK_PAGES, _read_request

    async def mute(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            for _ in range(1000):  # read whatever comes, answer nothing, until the client hangs up
                if not await asyncio.wait_for(reader.read(1 << 16), 15):
                    break
        except (asyncio.TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()

    async def good(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            req = await _read_request(reader)
            path = req.split(b"\r\n", 1)[0].split()[1]
            writer.write(HIK_PAGES.get(path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError, IndexError):
            pass
        finally:
            writer.close()

    net = f"127.{random.randint(100, 250)}.{random.randint(1, 250)}"
    lt = LoopThread()
    try:
        _, stop1 = tcp_server(lt, mute, host=f"{net}.7", port=8080)
        _, stop2 = tcp_server(lt, mute, host=f"{net}.7", port=8443)
        _, stop3 = tcp_server(lt, good, host=f"{net}.8", port=8080)
        res = scan(ScanOptions(targets=(f"{net}.7-8",), ports=(8080, 8443), discovery=False, privileged=False))
        for stop in (stop1, stop2, stop3):
            stop()
    finally:
        lt.stop()
    by = {o.ip: o for o in res.observations}
    mute_obs, good_obs = by[f"{net}.7"], by[f"{net}.8"]
    tried = mute_obs.meta["tried"]
    for port in (8080, 8443):  # 8443: the TLS handshake is never answered (then plain HTTP is tried)
        assert any(t.startswith(f"port {port}: connected, no answer in") and "attempts" not in t for t in tried), tried
    # the web port was given the whole patient wait (Timeouts.read) before it counted as silent
    waited = next(float(t.split(" in ")[1].split()[0]) for t in tried if t.startswith("port 8080: connected"))
    assert waited >= Timeouts().read - 0.05, tried
    assert res.run.stats.retries == 0
    assert all(r.error == "timeout" and not r.raw for r in mute_obs.responses if r.port in (8080, 8443))
    assert "GET /ISAPI/System/deviceInfo" in [r.request for r in good_obs.responses]
