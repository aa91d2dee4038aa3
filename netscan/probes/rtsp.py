"""RTSP: ``OPTIONS`` then ``DESCRIBE`` without credentials (RFC 2326 §10.1, §10.2).

Both go over one connection, as RTSP keeps connections open; each reply is framed by its header
block and Content-Length (RFC 2326 §12.14) and recorded raw.
"""

from __future__ import annotations

import asyncio

from netscan.model import Response
from netscan.probes.base import HostState, ProbeContext, close, map_error, open_tcp, read_reply, text
from netscan.probes.http import USER_AGENT, http_framer

#: Ports where RTSP is the first thing to try.
RTSP_PORTS: frozenset[int] = frozenset({554, 8554, 10554})


def rtsp_framer(buf: bytes) -> bool:
    """One complete RTSP reply (same framing rules as HTTP, and no body without Content-Length)."""
    if http_framer(buf):
        return True
    end = buf.find(b"\r\n\r\n")
    return end >= 0 and b"content-length" not in buf[:end].lower()


def build(method: str, url: str, cseq: int, extra: str = "") -> bytes:
    """An RTSP/1.0 request."""
    return f"{method} {url} RTSP/1.0\r\nCSeq: {cseq}\r\nUser-Agent: {USER_AGENT}\r\n{extra}\r\n".encode("latin-1")


class RtspProbe:
    """OPTIONS and DESCRIBE ``rtsp://ip:port/`` without credentials."""

    name = "rtsp"

    def wants(self, port: int, host: HostState) -> bool:
        """The RTSP ports."""
        return port in RTSP_PORTS

    async def run(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        """Send OPTIONS, then DESCRIBE on the same connection (a new one if the server closed)."""
        url = f"rtsp://{host.ip}:{port}/"
        steps = (
            ("OPTIONS", build("OPTIONS", url, 1)),
            ("DESCRIBE", build("DESCRIBE", url, 2, "Accept: application/sdp\r\n")),
        )
        out: list[Response] = []
        assert ctx.connections is not None
        async with ctx.connections:
            writer = None
            try:
                for method, payload in steps:
                    label = f"{method} {url}"
                    if writer is None or writer.is_closing():
                        try:
                            reader, writer = await open_tcp(ctx, host.ip, port)
                        except Exception as exc:  # noqa: BLE001
                            out.append(Response(protocol="rtsp", port=port, request=label, raw="", error=map_error(exc)))
                            break
                    try:
                        writer.write(payload)
                        async with asyncio.timeout(ctx.timeouts.read):  # not wait_for (see base.read_reply)
                            await writer.drain()
                        data, err, trunc = await read_reply(reader, rtsp_framer, ctx.timeouts.read,
                                                            first_byte=ctx.first_byte_timeout(),
                                                            on_first_byte=ctx.reply_seen)
                    except Exception as exc:  # noqa: BLE001
                        data, err, trunc = b"", map_error(exc), False
                    host.requests += 1
                    if not data and err is None:
                        err = "empty"
                    out.append(Response(protocol="rtsp", port=port, request=label, raw=text(data), error=err, truncated=trunc))
                    if err or not data.startswith(b"RTSP/"):
                        break
                    if reader.at_eof():
                        await close(writer)
                        writer = None
            finally:
                if writer is not None:
                    await close(writer)
        return out
