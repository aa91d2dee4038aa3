"""Real servers on loopback for probe tests (helpers; fixtures in conftest.py): HTTP(S), RTSP, ONVIF, UDP discovery responders, and
hostile ones (silent, endless, resetting). Each fixture binds 127.0.0.1 on an ephemeral port."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import socket
import ssl
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], "asyncio.Future[None] | object"]


class LoopThread:
    """An event loop in a thread, so servers run while the test drives its own loop."""

    #: Every LoopThread not stopped yet (tests/conftest.py checks that no test leaves a task on one).
    live: ClassVar[weakref.WeakSet[LoopThread]] = weakref.WeakSet()

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        LoopThread.live.add(self)

    def pending(self) -> list[str]:
        """The tasks still running on this loop (a connection handler a test left behind)."""
        async def tasks() -> list[str]:
            me = asyncio.current_task()
            return [repr(t) for t in asyncio.all_tasks() if t is not me]

        if not self.thread.is_alive():
            return []
        return self.call(tasks())  # type: ignore[return-value]

    def call(self, coro: object, timeout: float = 10) -> object:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)  # type: ignore[arg-type]

    def stop(self) -> None:
        """Cancel every handler and let it close its connection, then stop and close the loop. On a
        loaded machine a connection may be accepted while this runs (its handler starts later), so
        the cancelling is repeated until no task is left; the waits are long, never tight."""
        async def shutdown() -> None:
            me = asyncio.current_task()
            for _ in range(10):
                tasks = [t for t in asyncio.all_tasks() if t is not me]
                if not tasks:
                    break
                for t in tasks:
                    t.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                await asyncio.sleep(0.01)  # pending callbacks run: connection_made, transports' close

        try:
            self.call(shutdown(), timeout=60)
        except Exception:  # noqa: BLE001
            pass
        LoopThread.live.discard(self)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(60)
        if not self.thread.is_alive():
            self.loop.close()  # else its self-pipe sockets leak (ResourceWarning, an error in the tests)


@pytest.fixture(scope="session")
def loop_thread() -> Iterator[LoopThread]:
    lt = LoopThread()
    yield lt
    lt.stop()


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    return head + body


def tcp_server(lt: LoopThread, handler: Handler, host: str = "127.0.0.1", ssl_ctx: ssl.SSLContext | None = None,
               port: int = 0) -> tuple[int, Callable[[], None]]:
    handlers: set[asyncio.Task[Any]] = set()  # this server's connections, cancelled by stop()

    async def tracked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        try:
            result = handler(reader, writer)
            if inspect.isawaitable(result):
                await result
        finally:
            handlers.discard(task)

    async def start() -> asyncio.base_events.Server:
        return await asyncio.start_server(tracked, host, port, ssl=ssl_ctx)

    server = lt.call(start())
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    def stop() -> None:
        async def _close() -> None:
            # Stop accepting first, and let connections already accepted get their transport: on
            # Python 3.11 a connection accepted just before Server.close() trips an assertion in
            # the transport's constructor and its socket is left to the GC (an unclosed-transport
            # ResourceWarning some later test reports; seen on a loaded machine).
            loop = asyncio.get_running_loop()
            for sock in server.sockets:  # type: ignore[attr-defined]
                loop.remove_reader(sock.fileno())
            for _ in range(3):
                await asyncio.sleep(0)
            server.close()  # type: ignore[attr-defined]
            # and end this server's connections: a handler that outlives its test (the tarpit sleeps
            # 30 s) would still be running during later tests, on the session's loop thread
            for _ in range(10):
                if not handlers:
                    break
                left = list(handlers)
                for t in left:
                    t.cancel()
                await asyncio.gather(*left, return_exceptions=True)
                await asyncio.sleep(0.01)

        lt.call(_close())

    return port, stop


def session_loopback(last: int) -> str:
    """``127.A.B.last``: a loopback address of this test session's own (A.B from NETSCAN_LAB_PREFIX
    and the process id), so test sessions side by side never bind or scan each other's servers."""
    import os
    import zlib

    h = zlib.crc32(f"{os.environ.get('NETSCAN_LAB_PREFIX', 'nstest-')}:{os.getpid()}".encode())
    return f"127.{1 + h % 254}.{1 + (h >> 8) % 254}.{last}"


def tcp_server_on_one_of(lt: LoopThread, handler: Handler, host: str, ports: Iterable[int]) -> tuple[int, Callable[[], None]]:
    """``tcp_server`` on the first of ``ports`` that is free on ``host`` (for a test that needs a
    port of a certain kind, e.g. a web port, rather than any free one)."""
    last: OSError | None = None
    for port in ports:
        try:
            return tcp_server(lt, handler, host=host, port=port)
        except OSError as exc:  # in use
            last = exc
    raise AssertionError(f"no free port on {host}: {last}")


def http_response(status: str, headers: dict[str, str], body: bytes) -> bytes:
    h = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return f"HTTP/1.1 {status}\r\n{h}Content-Length: {len(body)}\r\n\r\n".encode() + body


#: A Hikvision-like web server: / redirects to the login page, ISAPI answers 401.
HIK_PAGES: dict[bytes, bytes] = {
    b"/": http_response("302 Found", {"Location": "/doc/page/login.asp?_1", "Server": "App-webs/"}, b""),
    b"/doc/page/login.asp?_1": http_response("200 OK", {"Server": "App-webs/"}, b"<html><title>Login</title></html>"),
    b"/doc/page/login.asp": http_response("200 OK", {"Server": "App-webs/"}, b"<html>Hikvision Digital Technology</html>"),
    b"/ISAPI/System/deviceInfo": http_response(
        "401 Unauthorized", {"WWW-Authenticate": 'Digest realm="IP Camera(C1234)", nonce="abc"'}, b"unauthorized"),
}

ONVIF_INFO = (
    b'<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
    b'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetDeviceInformationResponse>'
    b"<tds:Manufacturer>HIKVISION</tds:Manufacturer><tds:Model>DS-2CD2032-I</tds:Model>"
    b"<tds:FirmwareVersion>V5.4.0 build 160530</tds:FirmwareVersion><tds:SerialNumber>X1</tds:SerialNumber>"
    b"<tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse></s:Body></s:Envelope>"
)


async def web_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        req = await _read_request(reader)
        line = req.split(b"\r\n", 1)[0].split()
        path = line[1] if len(line) > 1 else b"/"
        if line[0] == b"POST" and path == b"/onvif/device_service":
            if b"GetDeviceInformation" in req:
                body = ONVIF_INFO
            else:
                body = ONVIF_INFO.replace(b"GetDeviceInformationResponse", b"GetSystemDateAndTimeResponse")
            writer.write(http_response("200 OK", {"Content-Type": "application/soap+xml"}, body))
        else:
            writer.write(HIK_PAGES.get(path, http_response("404 Not Found", {}, b"nope")))
        await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


@pytest.fixture
def web(loop_thread: LoopThread) -> Iterator[int]:
    port, stop = tcp_server(loop_thread, web_handler)
    yield port
    stop()


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "www.hikvision.com"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "HIKVISION")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    c, k = tmp / "cert.pem", tmp / "key.pem"
    c.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    k.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return c, k


@pytest.fixture
def tls_web(loop_thread: LoopThread, tmp_path: Path) -> Iterator[int]:
    cert, key = _self_signed(tmp_path)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    port, stop = tcp_server(loop_thread, web_handler, ssl_ctx=ctx)
    yield port
    stop()


async def rtsp_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        for _ in range(3):
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            cseq = [ln for ln in head.split(b"\r\n") if ln.lower().startswith(b"cseq")][0].split(b":")[1].strip()
            if head.startswith(b"OPTIONS"):
                writer.write(b"RTSP/1.0 200 OK\r\nCSeq: " + cseq + b"\r\nServer: Dahua Rtsp Server\r\n"
                             b"Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n")
            else:
                writer.write(b"RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq +
                             b'\r\nWWW-Authenticate: Digest realm="Login to 4L0123PAZ", nonce="1"\r\nContent-Length: 0\r\n\r\n')
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.TimeoutError, ConnectionError, IndexError):
        pass
    finally:
        writer.close()


@pytest.fixture
def rtsp(loop_thread: LoopThread) -> Iterator[int]:
    port, stop = tcp_server(loop_thread, rtsp_handler)
    yield port
    stop()


async def silent_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Accepts, reads, never answers (a tarpit) until its server is stopped (the cancellation is
    not swallowed: the task ends cancelled, as asyncio expects)."""
    try:
        await asyncio.Event().wait()  # for ever: the connection ends only when its server is stopped
    finally:
        writer.close()


async def flood_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers with an endless header block."""
    try:
        writer.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100000):
            writer.write(b"X-Junk: " + b"A" * 1000 + b"\r\n")
            await writer.drain()
    except (ConnectionError, RuntimeError):
        pass
    finally:
        writer.close()


async def reset_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Resets the connection at once."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    writer.close()


@pytest.fixture
def hostile(loop_thread: LoopThread) -> Iterator[dict[str, int]]:
    servers = {name: tcp_server(loop_thread, h) for name, h in
               (("silent", silent_handler), ("flood", flood_handler), ("reset", reset_handler))}
    yield {name: port for name, (port, _) in servers.items()}
    for _, stop in servers.values():
        stop()


class UdpResponder(asyncio.DatagramProtocol):
    """Answers every datagram with ``reply(data)`` (None: stay silent)."""

    def __init__(self, reply: Callable[[bytes], bytes | None]) -> None:
        self.reply = reply
        self.received: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.append(data)
        out = self.reply(data)
        if out is not None:
            self.transport.sendto(out, addr)  # type: ignore[attr-defined]


def udp_server(lt: LoopThread, reply: Callable[[bytes], bytes | None], host: str = "127.0.0.1") -> tuple[int, UdpResponder, Callable[[], None]]:
    async def start() -> tuple[asyncio.DatagramTransport, UdpResponder]:
        return await asyncio.get_running_loop().create_datagram_endpoint(lambda: UdpResponder(reply), local_addr=(host, 0))

    transport, proto = lt.call(start())  # type: ignore[misc]
    port = transport.get_extra_info("sockname")[1]

    def stop() -> None:
        lt.loop.call_soon_threadsafe(transport.close)

    return port, proto, stop
