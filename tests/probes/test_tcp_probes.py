"""TCP probes against real servers on loopback: framing, vendor follow-ups, errors as data."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable

import pytest

from netscan.limits import Limits, Timeouts
from netscan.parsers import fields
from netscan.probes import onvif
from netscan.probes.banner import BannerProbe
from netscan.probes.base import HostState, ProbeContext, RateLimiter
from netscan.probes.http import HttpProbe, http_framer, redirect_path
from netscan.scan.probeset import NetworkProbes
from netscan.probes.ports import CLOSED, OPEN, scan_ports
from netscan.probes.rtsp import RtspProbe

from probe_servers import LoopThread, tcp_server

FAST = Timeouts(connect=1.0, read=1.0, banner=0.5)
#: Waits far longer than any load could stretch a framed read (tests that a read ends on framing).
SLOW = Timeouts(connect=5.0, read=30.0, banner=30.0)


def ctx(**kw: object) -> ProbeContext:
    return ProbeContext(limits=Limits(), timeouts=kw.pop("timeouts", FAST), **kw)  # type: ignore[arg-type]


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_http_framer_content_length_chunked_and_close() -> None:
    assert http_framer(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")
    assert not http_framer(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabc")
    assert http_framer(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
    assert not http_framer(b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\nbody until close")
    assert http_framer(b"HTTP/1.1 204 No Content\r\n\r\n")


def test_redirects_only_to_same_host() -> None:
    assert redirect_path("HTTP/1.1 302 Found\r\nLocation: /a?b=1\r\n\r\n", "10.0.0.5", 80) == "/a?b=1"
    assert redirect_path("HTTP/1.1 302 Found\r\nLocation: http://10.0.0.5/x\r\n\r\n", "10.0.0.5", 80) == "/x"
    assert redirect_path("HTTP/1.1 302 Found\r\nLocation: http://evil.example/x\r\n\r\n", "10.0.0.5", 80) is None
    assert redirect_path("HTTP/1.1 302 Found\r\nLocation: http://10.0.0.5:8080/x\r\n\r\n", "10.0.0.5", 80) is None
    assert redirect_path("HTTP/1.1 200 OK\r\nLocation: /x\r\n\r\n", "10.0.0.5", 80) is None


def test_http_probe_follows_redirect_and_asks_vendor_endpoint(web: int) -> None:
    from netscan.model import Observation
    from netscan.scan.planner import plan
    from netscan.sigdb.db import default_db
    from netscan.sigdb.requests import load_book

    host = HostState("127.0.0.1", open_ports={web})
    out = run(HttpProbe().run(ctx(), host, web))
    requests = [r.request for r in out]
    assert requests[:2] == ["GET /", "GET /doc/page/login.asp?_1"]
    for r in out:
        host.add(r)
    # the planner names the maker from the answers (signatures), and picks its endpoints (data)
    db = default_db()
    p = plan(Observation(host.ip, None, tuple(host.responses), (web,)), db, load_book(db.root))
    assert "Hikvision" in p.makers
    probes = NetworkProbes()

    async def ask() -> list:  # type: ignore[type-arg]
        return [await probes.http(ctx(), host, s.port, s.tls, s.request) for s in p.http]

    more = run(ask())
    assert [r.request for r in more] == ["GET /ISAPI/System/deviceInfo", "GET /doc/page/login.asp",
                                        "GET /ISAPI/Streaming/channels/101/picture"]
    isapi = more[0]
    assert fields(isapi)["http.status"] == ["401"]
    assert all(r.protocol == "http" and r.port == web and r.error is None for r in out + more)


def test_https_probe_records_certificate(tls_web: int) -> None:
    import netscan.probes.http as http

    host = HostState("127.0.0.1")
    old = http.TLS_PORTS
    http.TLS_PORTS = frozenset({tls_web})
    try:
        out = run(HttpProbe().run(ctx(), host, tls_web))
    finally:
        http.TLS_PORTS = old
    assert out[0].protocol == "https" and out[0].raw.startswith("HTTP/1.1 302")
    cert = next(r for r in out if r.protocol == "tls")
    f = fields(cert)
    assert f["tls.cn"] == ["www.hikvision.com"] and f["tls.self_signed"] == ["true"]


def test_rtsp_options_then_describe(rtsp: int) -> None:
    import netscan.probes.rtsp as mod

    host = HostState("127.0.0.1")
    mod.RTSP_PORTS = frozenset({554, rtsp})
    out = run(RtspProbe().run(ctx(), host, rtsp))
    assert [r.request.split()[0] for r in out] == ["OPTIONS", "DESCRIBE"]
    assert fields(out[0])["rtsp.header.server"] == ["Dahua Rtsp Server"]
    assert "Login to 4L0123PAZ" in fields(out[1])["rtsp.header.www-authenticate"][0]


def test_onvif_actions_recorded_by_name(web: int) -> None:
    host = HostState("127.0.0.1")
    out = run(onvif.query(ctx(), host, web))
    assert [r.request for r in out] == list(onvif.ACTIONS)
    info = fields(next(r for r in out if r.request == "GetDeviceInformation"))
    assert info["onvif.Model"] == ["DS-2CD2032-I"] and info["onvif.Manufacturer"] == ["HIKVISION"]


def test_onvif_stops_when_not_soap(loop_thread: LoopThread) -> None:
    async def h(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:  # closed also when the client has gone (a loaded machine: the probe timed out first)
            await reader.read(65536)
            writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    port, stop = tcp_server(loop_thread, h)
    try:
        out = run(onvif.query(ctx(), HostState("127.0.0.1"), port))
    finally:
        stop()
    assert [r.request for r in out] == ["GetSystemDateAndTime"]


def test_xaddrs_endpoint_only_on_same_host() -> None:
    assert onvif.endpoint_from_xaddrs(["http://10.0.0.9/onvif/device_service", "http://10.0.0.5:8899/onvif/device_service"], "10.0.0.5") == (8899, "/onvif/device_service", False)
    assert onvif.endpoint_from_xaddrs(["http://10.0.0.9/x"], "10.0.0.5") is None


def test_port_scan_open_and_closed(web: int) -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    closed = s.getsockname()[1]
    s.close()
    res = run(scan_ports(ctx(), "127.0.0.1", [web, closed]))
    assert res.states == {web: OPEN, closed: CLOSED} and res.open_ports == [web] and res.alive


def test_hostile_servers_bounded(hostile: dict[str, int]) -> None:
    c = ctx()
    host = HostState("127.0.0.1")

    async def all_three():  # type: ignore[no-untyped-def]
        return await asyncio.gather(*(HttpProbe().run(c, host, p) for p in hostile.values()))

    # bounded by the probe's own limits: the tarpit never ends a connection and the flood never
    # stops, so the probe returns only by its timeout (a hang would fail on pytest's timeout) and
    # its size cap
    silent, flood, reset = run(all_three())
    assert silent[0].error == "timeout"
    assert flood[0].truncated or flood[0].error  # capped, never unbounded
    assert len(flood[0].raw) <= 256 * 1024
    assert reset[0].error in ("reset", "empty", "closed")


def test_banner_probe_reads_first_speaker(loop_thread: LoopThread) -> None:
    import threading

    release = asyncio.Event()  # set (from this thread, through the loop) once the probe has returned
    closed = threading.Event()

    async def h(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            writer.write(b"\xff\xfd\x18192.0.0.64 login: ")
            await writer.drain()
            # silent after the prompt for longer than the probe's waits: only framing ends the read early
            await asyncio.wait_for(release.wait(), 2 * SLOW.banner)
        except (ConnectionError, asyncio.TimeoutError):
            pass
        finally:
            writer.close()
            closed.set()

    port, stop = tcp_server(loop_thread, h)
    import netscan.probes.banner as b

    b.BANNER_PORTS[port] = "telnet"
    try:
        t0 = time.monotonic()
        out = run(BannerProbe().run(ctx(timeouts=SLOW), HostState("127.0.0.1"), port))
        took = time.monotonic() - t0
    finally:
        loop_thread.loop.call_soon_threadsafe(release.set)
        closed.wait(10)
        stop()
        del b.BANNER_PORTS[port]
    assert out[0].protocol == "telnet" and out[0].raw.endswith("login: ") and out[0].error is None
    # framed on the prompt: back before the probe's own banner timeout (the server stays silent
    # and keeps the connection until the probe has returned)
    assert took < SLOW.banner


def test_rate_limiter_paces(monkeypatch: pytest.MonkeyPatch) -> None:
    """41 starts at 200/s with a burst of 1 need 40 refills of 5 ms: never faster (in real time,
    which load can only stretch), and no slower than that plus the limiter's 2 ms floor per wait
    (on a virtual clock that advances exactly by what the limiter asks to sleep)."""
    async def go(rl: RateLimiter, clock: Callable[[], float]) -> float:
        t0 = clock()
        for _ in range(41):
            await rl.take()
        assert rl.sent == 41
        return clock() - t0

    assert run(go(RateLimiter(200, burst=1), time.monotonic)) >= 40 / 200 - 0.005

    now = [0.0]
    asked: list[float] = []
    real_sleep = asyncio.sleep

    async def virtual_sleep(seconds: float, result: object = None) -> object:
        asked.append(seconds)
        now[0] += seconds
        return await real_sleep(0, result)

    monkeypatch.setattr(asyncio, "sleep", virtual_sleep)
    virtual = run(go(RateLimiter(200, burst=1, clock=lambda: now[0]), lambda: now[0]))
    assert 40 / 200 - 1e-9 <= virtual <= 40 / 200 + 0.002 * len(asked), (virtual, asked)
    assert 40 <= len(asked) <= 80  # a wait per start (a few split by the 2 ms floor), not a spin
    now[0], asked[:] = 0.0, []
    burst = RateLimiter(200, burst=10, clock=lambda: now[0])
    run(go(burst, lambda: now[0]))
    assert now[0] == pytest.approx(31 / 200, abs=0.002 * len(asked))  # ten at once, then paced
