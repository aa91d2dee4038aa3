"""The probe interface, the shared pacing objects and the TCP exchange every probe builds on.

A probe records and does not interpret: it returns ``Response`` objects with the raw reply, and
parses only what it needs to frame a reply or to choose the next request. Socket and TLS failures
become ``Response.error`` (``timeout``, ``refused``, ``reset``, ``unreachable``, ``tls``,
``too-large``...); nothing a device does raises out of a probe.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from netscan.limits import MAX_RESPONSE_BYTES, Limits, Timeouts
from netscan.model import Response

logger = logging.getLogger(__name__)

#: A framer looks at the bytes received so far and says whether the reply is complete.
Framer = Callable[[bytes], bool]


class RateLimiter:
    """A token bucket shared by every probe: ``rate`` starts per second, small bursts allowed."""

    def __init__(self, rate: float, burst: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = max(rate, 1.0)
        self.burst = burst if burst is not None else max(self.rate / 20.0, 1.0)
        self._tokens = self.burst
        self._clock = clock
        self._last = clock()
        self.sent = 0
        """Tokens handed out (packets/connection attempts started)."""

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now

    async def take(self, n: float = 1.0) -> None:
        """Wait until ``n`` tokens are available, then take them.

        No lock: the event loop runs one coroutine at a time, and nothing awaits between the
        check and the take. Waiters sleep at least 2 ms, so a backlog is served in batches
        rather than by thousands of sub-millisecond timers.
        """
        while True:
            self._refill()
            if self._tokens >= n:
                self._tokens -= n
                self.sent += int(n)
                return
            await asyncio.sleep(max((n - self._tokens) / self.rate, 0.002))


@dataclass
class RttEstimate:
    """Connect round-trip times seen so far; sets how long a silent port is waited for."""

    worst: float = 0.0
    samples: int = 0

    def add(self, seconds: float) -> None:
        """Record one successful or refused connect's duration."""
        self.samples += 1
        self.worst = max(self.worst, seconds)

    def connect_timeout(self, cap: float) -> float:
        """How long to wait on a silent port: 8x the slowest answer seen, within [0.3 s, cap].

        Before any answer: 0.5 s (a LAN answers a SYN in well under a millisecond; a slow routed
        path is learned from the first answers, and the retry uses what was learned)."""
        if not self.samples:
            return min(cap, 0.5)
        return min(cap, max(0.3, 8.0 * self.worst + 0.05))


class Slots:
    """Concurrency slots taken together: the host's own, then the scan's (always in that order,
    so two hosts can never hold each other's). ``async with`` like a semaphore."""

    def __init__(self, *semaphores: asyncio.Semaphore) -> None:
        self.semaphores = semaphores

    async def __aenter__(self) -> None:
        taken: list[asyncio.Semaphore] = []
        try:
            for s in self.semaphores:
                await s.acquire()
                taken.append(s)
        except BaseException:
            for s in reversed(taken):
                s.release()
            raise

    async def __aexit__(self, *exc: object) -> None:
        for s in reversed(self.semaphores):
            s.release()


def client_tls_context() -> ssl.SSLContext:
    """A client TLS context that accepts any certificate (we record it, we do not trust it)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    try:  # old camera firmware speaks TLS 1.0 with weak ciphers; we only read its cert
        ctx.set_ciphers("ALL:@SECLEVEL=0")
    except ssl.SSLError:  # pragma: no cover - depends on the OpenSSL build
        pass
    return ctx


@dataclass
class ExchangeTrace:
    """What one engine exchange did on the wire, filled in by the probes (``open_tcp``): the engine
    retries an exchange whose connection never came up, never one whose request reached a
    listening service (TCP itself resends a lost segment; a second request would only cost a
    second wait)."""

    connected: int = 0
    """TCP connections established (before any TLS handshake)."""


@dataclass
class ProbeContext:
    """What every probe shares during one scan: limits, pacing, counters, TLS context.

    The engine hands each host exchange a copy with that host's concurrency slots and wait
    (``netscan.scan.timing``); probes only read it."""

    limits: Limits = field(default_factory=Limits)
    timeouts: Timeouts = field(default_factory=Timeouts)
    rate: RateLimiter | None = None
    rtt: RttEstimate = field(default_factory=RttEstimate)
    connections: asyncio.Semaphore | Slots | None = None
    source_ip: str | None = None
    """The scanner's address on the scan interface (bind outgoing sockets to it when set)."""
    reply_worst: float = 0.0
    """Slowest first byte of a reply seen so far (seconds)."""
    wait: float | None = None
    """How long to wait for a reply to start, when the engine's per-host timing decides it."""
    on_reply: Callable[[float], None] | None = None
    """Told the time to first byte of every reply (the engine's per-host timing learns from it)."""
    tls_context: ssl.SSLContext | None = None
    """Shared client TLS context (made on first use)."""
    shared: dict[str, Any] = field(default_factory=dict)
    """Per-scan objects every copy of the context shares (probes/ports.py keeps its connect
    scanner here; the engine closes it at the end)."""
    trace: ExchangeTrace | None = None
    """The engine's record of the exchange this copy of the context serves (None: not traced)."""

    def reply_seen(self, seconds: float) -> None:
        """Record how long a device took to start answering a request."""
        self.reply_worst = max(self.reply_worst, seconds)
        if self.on_reply is not None:
            self.on_reply(seconds)

    def first_byte_timeout(self) -> float:
        """How long to wait for a reply to start: the engine's per-host wait when set; else 4x
        the slowest start seen, within [1 s, read]."""
        if self.wait is not None:
            return self.wait
        return min(self.timeouts.read, max(1.0, 4.0 * self.reply_worst))

    def __post_init__(self) -> None:
        if self.rate is None:
            self.rate = RateLimiter(self.limits.rate)
        if self.connections is None:
            self.connections = asyncio.Semaphore(self.limits.connections)

    @property
    def tls(self) -> ssl.SSLContext:
        """The client TLS context (accepts any certificate: we record it, we do not trust it)."""
        if self.tls_context is None:
            self.tls_context = client_tls_context()
        return self.tls_context


def map_error(exc: BaseException) -> str:
    """Translate a socket/TLS failure into a short ``Response.error`` word."""
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError)):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionResetError):
        return "reset"
    if isinstance(exc, (BrokenPipeError, ConnectionAbortedError)):
        return "closed"
    if isinstance(exc, ssl.SSLError):
        return "tls"
    if isinstance(exc, asyncio.IncompleteReadError):
        return "closed"
    if isinstance(exc, OSError):
        if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN):
            return "unreachable"
        if exc.errno == errno.ECONNREFUSED:
            return "refused"
        return f"os-error-{exc.errno}" if exc.errno else "os-error"
    return type(exc).__name__.lower()


def text(data: bytes) -> str:
    """Bytes as stored in the observation format: latin-1, so every byte survives."""
    return data.decode("latin-1")


async def open_tcp(
    ctx: ProbeContext, ip: str, port: int, *, tls: bool = False, timeout: float | None = None
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Open a TCP (or TLS) connection within the rate and the connect timeout.

    The TCP connection and the TLS handshake are each given the connect timeout; an established
    TCP connection is counted in ``ctx.trace`` before the handshake starts (a TLS server that
    accepts and never answers the ClientHello is a silent service, not a failed connect)."""
    assert ctx.rate is not None
    await ctx.rate.take()
    t = timeout if timeout is not None else ctx.timeouts.connect
    local = (ctx.source_ip, 0) if ctx.source_ip else None
    # asyncio.timeout rather than wait_for, here and below: see read_reply (a Ctrl-C is never lost)
    async with asyncio.timeout(t):
        reader, writer = await asyncio.open_connection(ip, port, local_addr=local, limit=MAX_RESPONSE_BYTES)
    if ctx.trace is not None:
        ctx.trace.connected += 1
    if tls:
        try:
            # server_hostname "": no SNI, no name check (we record the certificate, we do not trust it)
            async with asyncio.timeout(t):
                await writer.start_tls(ctx.tls, server_hostname="")
        except BaseException:
            writer.transport.abort()
            raise
    return reader, writer


#: Once part of a reply has arrived, this long without another byte ends the read: the device
#: has said what it will say (e.g. a Content-Length larger than the body it sent).
IDLE_GAP = 0.5

#: A reply that has been arriving for a second at less than this many bytes per second is a
#: tarpit (slow drip), not a slow device: a camera's web server sends kilobytes in milliseconds.
MIN_REPLY_RATE = 256.0


async def read_reply(
    reader: asyncio.StreamReader, framer: Framer | None, timeout: float, cap: int = MAX_RESPONSE_BYTES,
    first_byte: float | None = None, on_first_byte: Callable[[float], None] | None = None,
) -> tuple[bytes, str | None, bool]:
    """Read until the framer says done, EOF, the cap, or the timeout.

    ``first_byte`` (if given) caps the wait for the first byte; after that, a reply that trickles
    in below ``MIN_REPLY_RATE`` for a second is cut. Returns (data, error, truncated); ``error``
    is None when a reply was read completely, and ``timeout``/``reset`` when it stopped early
    (what arrived is kept).
    """
    loop = asyncio.get_running_loop()
    buf = bytearray()
    start = loop.time()
    deadline = start + timeout
    fb_deadline = start + first_byte if first_byte is not None else deadline
    first_at: float | None = None
    last_at = start
    error: str | None = None
    while True:
        now = loop.time()
        if buf and now - last_at >= IDLE_GAP:
            break
        limit = deadline if buf else min(deadline, fb_deadline)
        if first_at is not None and now - first_at >= 1.0 and len(buf) / (now - first_at) < MIN_REPLY_RATE:
            error = "timeout"
            break
        left = limit - now
        if left <= 0:
            error = "timeout"
            break
        try:
            # asyncio.timeout, not wait_for: on Python 3.11, wait_for returns the chunk when the read
            # completes in the same loop pass as a cancellation (Ctrl-C), and the cancellation is lost
            # (the scan then read on for the rest of a slow reply: up to the full read timeout)
            async with asyncio.timeout(min(left, 0.25) if buf else left):
                chunk = await reader.read(65536)
        except TimeoutError:
            continue
        except Exception as exc:  # noqa: BLE001 - every failure is data
            error = map_error(exc)
            break
        if not chunk:
            break
        if first_at is None:
            first_at = loop.time()
            if on_first_byte is not None:
                on_first_byte(first_at - start)
        buf += chunk
        last_at = loop.time()
        if len(buf) >= cap:
            return bytes(buf[:cap]), None, True
        if framer is not None and framer(bytes(buf)):
            break
    if error == "timeout" and buf and framer is None:
        error = None  # a server that never closes: what we got is the reply
    return bytes(buf), error, False


async def close(writer: asyncio.StreamWriter) -> None:
    """Close a connection without waiting on a peer that never acknowledges."""
    try:
        writer.close()
        await asyncio.wait_for(writer.wait_closed(), 0.5)
    except Exception:  # noqa: BLE001 - closing is best effort
        pass


async def exchange(
    ctx: ProbeContext,
    ip: str,
    port: int,
    payload: bytes,
    *,
    protocol: str,
    request: str,
    framer: Framer | None = None,
    tls: bool = False,
    read_timeout: float | None = None,
) -> Response:
    """One request/reply over a fresh connection, recorded as a Response (never raises)."""
    assert ctx.connections is not None
    async with ctx.connections:
        try:
            reader, writer = await open_tcp(ctx, ip, port, tls=tls)
        except Exception as exc:  # noqa: BLE001
            return Response(protocol=protocol, port=port, request=request, raw="", error=map_error(exc))
        try:
            if payload:
                writer.write(payload)
                async with asyncio.timeout(ctx.timeouts.read):
                    await writer.drain()
            data, err, trunc = await read_reply(reader, framer, read_timeout or ctx.timeouts.read,
                                                first_byte=None if read_timeout else ctx.first_byte_timeout(),
                                                on_first_byte=ctx.reply_seen)
        except Exception as exc:  # noqa: BLE001
            data, err, trunc = b"", map_error(exc), False
        finally:
            await close(writer)
    if not data and err is None:
        err = "empty"
    return Response(protocol=protocol, port=port, request=request, raw=text(data), error=err, truncated=trunc)


@dataclass
class HostState:
    """What is known about one host while it is being scanned (engine-owned, probes read it)."""

    ip: str
    mac: str | None = None
    open_ports: set[int] = field(default_factory=set)
    responses: list[Response] = field(default_factory=list)
    requests: int = 0
    """Enrichment requests sent so far (capped by Limits.max_requests_per_host)."""
    ports_known: bool = False
    """Open ports already found by someone else (``--engine nmap``): no port scan of our own."""

    def add(self, response: Response) -> None:
        """Record one response (deduplicated on protocol, port, request and raw)."""
        for r in self.responses:
            if (r.protocol, r.port, r.request, r.raw) == (response.protocol, response.port, response.request, response.raw):
                return
        self.responses.append(response)


class Probe(Protocol):
    """A per-host enrichment probe: which ports it wants, and the exchange it performs."""

    name: str

    def wants(self, port: int, host: HostState) -> bool:
        """Should this probe run on this open port of this host, given what is known?"""
        ...

    async def run(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        """Perform the exchange(s); return what was recorded (never raises)."""
        ...
