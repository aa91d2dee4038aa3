"""TCP services of one emulated device: HTTP(S) with ONVIF and UPnP, RTSP, banners, SDK ports.

Every exchange is bounded in size and time; whatever a client sends, a handler ends by closing
its connection and never raises into the server.
"""

from __future__ import annotations

import asyncio
import base64
from datetime import datetime, timedelta, timezone
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from netscan.lab.emulator.packets import to_bytes
from netscan.lab.emulator.timing import Timing
from netscan.lab.profiles import served_raw

logger = logging.getLogger(__name__)

#: Request head cap (a real camera rejects more; we just stop reading).
MAX_HEAD_BYTES = 16 * 1024
#: Request body cap (ONVIF SOAP requests are a few KiB).
MAX_BODY_BYTES = 256 * 1024
#: How long a client may take to send a request.
READ_TIMEOUT_S = 10.0
#: Longest any connection lives (never-answer and slow-drip devices included).
MAX_CONNECTION_S = 120.0
#: RTSP requests served on one connection (clients send OPTIONS, DESCRIBE, ... on one socket).
MAX_RTSP_REQUESTS = 32
#: Huge-body devices send this much unless the profile says otherwise (the issue's 50 MB).
DEFAULT_HUGE_BODY = 50 * 1024 * 1024
#: Slow-drip devices send one byte per this many seconds.
DRIP_INTERVAL_S = 0.25
#: Bytes sent in one write when streaming a huge body.
CHUNK = 64 * 1024
#: Connections served at once by the whole emulator; more are closed at once.
MAX_CONNECTIONS = 1024

_ACTION_RE = re.compile(rb"<(?:[A-Za-z0-9_.-]+:)?Body\b[^>]*>\s*<(?:[A-Za-z0-9_.-]+:)?([A-Za-z0-9_]+)", re.S)
_CSEQ_RE = re.compile(r"(?im)^(CSeq:[ \t]*)(\S+)")

SOAP_ACTION_NOT_SUPPORTED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
    'xmlns:ter="http://www.onvif.org/ver10/error">'
    "<env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value><env:Subcode>"
    "<env:Value>ter:ActionNotSupported</env:Value></env:Subcode></env:Code>"
    '<env:Reason><env:Text xml:lang="en">Optional Action Not Implemented</env:Text></env:Reason>'
    "</env:Fault></env:Body></env:Envelope>"
)


UPNP_ARRAY_INDEX_INVALID = (
    '<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
    's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><s:Fault><faultcode>s:Client</faultcode>'
    "<faultstring>UPnPError</faultstring><detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\">"
    "<errorCode>713</errorCode><errorDescription>SpecifiedArrayIndexInvalid</errorDescription></UPnPError>"
    "</detail></s:Fault></s:Body></s:Envelope>\r\n"
)


@dataclass
class DeviceContext:
    """What a handler needs to know about its device."""

    name: str
    ip: str
    profile: dict[str, Any]
    behaviour: str | None = None
    tls_ports: set[int] = field(default_factory=set)
    timing: Timing = field(default_factory=Timing)
    """Answer delay (the device's one Timing; each port has its own idle clock)."""
    internal_ips: frozenset[str] = frozenset()
    """Addresses of the lab's own devices: a connection from one of them is the lab's readiness
    probe (from inside the device namespace), answered without delay and not counted as a request."""


@dataclass
class ConnectionCounter:
    """Connections open across the whole emulator (one instance per emulator)."""

    active: int = 0


def _request_key(key: str) -> tuple[str, str]:
    """Profile request -> (METHOD, target); a bare path means GET."""
    key = key.strip()
    if not key or key == "*":
        return ("*", "*")
    if key.startswith("/"):
        return ("GET", key)
    parts = key.split(None, 1)
    return (parts[0].upper(), parts[1].strip() if len(parts) > 1 else "")


def _target_path(target: str) -> tuple[str, str]:
    """(path with query, path without query) of an HTTP/RTSP target, absolute URLs reduced to paths."""
    if "://" in target:
        parts = urlsplit(target)
        full = (parts.path or "/") + (("?" + parts.query) if parts.query else "")
    else:
        full = target or "/"
    return full, full.split("?", 1)[0]


def match_response(candidates: list[dict[str, Any]], method: str, target: str) -> dict[str, Any] | None:
    """The recorded response for ``method target``: exact target, then path, then the method alone, then ``*``."""
    full, path = _target_path(target)
    keyed = [(_request_key(str(r.get("request", ""))), r) for r in candidates]
    for want in (full, path):
        for (m, t), r in keyed:
            if m == method and t and t != "*" and _target_path(t)[0] == want:
                return r
    for (m, t), r in keyed:
        if m == method and t == "":
            return r
    for (m, t), r in keyed:
        if m == method and t and _target_path(t)[1] == path:
            return r
    for (m, _t), r in keyed:
        if m == "*":
            return r
    return None


async def _read_head(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT_S)
    except asyncio.LimitOverrunError:
        return None
    except asyncio.IncompleteReadError as exc:
        return exc.partial or None
    return head


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> bytes:
    m = re.search(rb"(?im)^content-length:\s*(\d{1,9})", head)
    if not m:
        return b""
    n = min(int(m.group(1)), MAX_BODY_BYTES)
    try:
        return await asyncio.wait_for(reader.readexactly(n), READ_TIMEOUT_S)
    except asyncio.IncompleteReadError as exc:
        return exc.partial


def _http(status: str, ctype: str, body: bytes, extra: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    ).encode("latin-1") + body


_SOAPACTION_RE = re.compile(rb'(?im)^soapaction:\s*"?[^"#\r\n]*#([A-Za-z0-9_]+)')
_PM_INDEX_RE = re.compile(rb"<NewPortMappingIndex>\s*(\d{1,6})\s*<")


_UTC_RE = re.compile(r"(<(?:\w+:)?UTCDateTime>).*?(</(?:\w+:)?UTCDateTime>)", re.S)


def live_clock(raw: str, offset_s: int = 0, now: datetime | None = None) -> str:
    """A recorded GetSystemDateAndTime answer with the device's clock set to now + ``offset_s``
    (a real device reports its own clock, not the moment it was recorded)."""
    t = (now or datetime.now(timezone.utc)) + timedelta(seconds=offset_s)
    m = _UTC_RE.search(raw)
    if not m:
        return raw
    p = m.group(1)[1:m.group(1).index("UTCDateTime")]  # namespace prefix, e.g. "tt:"
    block = (f"<{p}Time><{p}Hour>{t.hour}</{p}Hour><{p}Minute>{t.minute}</{p}Minute><{p}Second>{t.second}</{p}Second></{p}Time>"
             f"<{p}Date><{p}Year>{t.year}</{p}Year><{p}Month>{t.month}</{p}Month><{p}Day>{t.day}</{p}Day></{p}Date>")
    return raw[: m.start()] + m.group(1) + block + m.group(2) + raw[m.end():]


_AUTH_RE = re.compile(rb"(?im)^authorization:[ \t]*basic[ \t]+([A-Za-z0-9+/=]{1,512})[ \t]*\r?$")


def login_reply(login: dict[str, Any], head: bytes) -> bytes:
    """A login endpoint guarded by HTTP Basic auth with the profile's (default) credentials:
    200 with Hikvision's userCheck answer for the right pair, 401 with the challenge otherwise."""
    m = _AUTH_RE.search(head)
    if m:
        try:
            user, _, password = base64.b64decode(m.group(1), validate=True).decode("latin-1").partition(":")
        except (ValueError, UnicodeDecodeError):
            user, password = "", None
        if user == str(login.get("user", "")) and password == str(login.get("password", "")):
            return _http("200 OK", "application/xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<userCheck>'
                         b"<statusValue>200</statusValue><statusString>OK</statusString></userCheck>")
    realm = str(login.get("realm", "device")).replace('"', "")
    return _http("401 Unauthorized", "text/html", b"<html><body>401 Unauthorized</body></html>",
                 f'WWW-Authenticate: Basic realm="{realm}"\r\n')


def http_reply(dev: DeviceContext, port: int, method: str, target: str, body: bytes, head: bytes = b"") -> bytes:
    """The bytes the device sends for one HTTP request on ``port`` (pure).

    UPnP control requests (a ``SOAPAction`` header) first try the keys ``POST /path#Action[index]``
    (``index`` = ``NewPortMappingIndex``) and ``POST /path#Action``.
    """
    resp = dev.profile.get("responses", [])
    login = dev.profile.get("login")
    if isinstance(login, dict) and _target_path(str(login.get("request", "")).split(" ", 1)[-1])[1] == _target_path(target)[1]:
        return login_reply(login, head)
    sa = _SOAPACTION_RE.search(head)
    if method == "POST" and sa:
        action = sa.group(1).decode("ascii")
        path = _target_path(target)[1]
        idx = _PM_INDEX_RE.search(body)
        keys = ([f"POST {path}#{action}[{int(idx.group(1))}]"] if idx else []) + [f"POST {path}#{action}"]
        for key in keys:
            for r in resp:
                if r.get("protocol") in ("http", "upnp") and r.get("port") in (port, None) and str(r.get("request", "")).strip() == key:
                    return to_bytes(served_raw(dev.profile, r, dev.ip))
        if idx:
            return _http("500 Internal Server Error", 'text/xml; charset="utf-8"', UPNP_ARRAY_INDEX_INVALID.encode())
    onvif = [r for r in resp if r.get("protocol") == "onvif" and r.get("port") in (port, None)]
    path = _target_path(target)[1]
    if method == "POST" and onvif and (path.startswith("/onvif") or b"Envelope" in body[:4096]):
        m = _ACTION_RE.search(body[:MAX_BODY_BYTES])
        action = m.group(1).decode("ascii", "replace") if m else ""
        for r in onvif:
            if str(r.get("request", "")) == action:
                raw = served_raw(dev.profile, r, dev.ip)
                if action == "GetSystemDateAndTime":
                    raw = live_clock(raw, int(dev.profile.get("clock_offset_s") or 0))
                if raw.startswith("HTTP/"):
                    return to_bytes(raw)
                xml = to_bytes(raw)
                if re.search(rb":Fault\b|<Fault\b", xml[:8192]):
                    status = "400 Bad Request" if b"Sender" in xml[:8192] else "500 Internal Server Error"
                else:
                    status = "200 OK"
                return _http(status, "application/soap+xml; charset=utf-8", xml)
        return _http("500 Internal Server Error", "application/soap+xml; charset=utf-8",
                     SOAP_ACTION_NOT_SUPPORTED.encode())
    web = [r for r in resp if r.get("protocol") in ("http", "https", "upnp") and r.get("port") in (port, None)]
    r = match_response(web, method, target)
    if r is None and method == "HEAD":
        r = match_response(web, "GET", target)
    if r is None:
        return _http("404 Not Found", "text/html", b"<html><body>404 Not Found</body></html>")
    raw = served_raw(dev.profile, r, dev.ip)
    if r.get("protocol") == "upnp" and not raw.startswith("HTTP/"):
        return _http("200 OK", 'text/xml; charset="utf-8"', to_bytes(raw))
    return to_bytes(raw)


def rtsp_reply(dev: DeviceContext, port: int, method: str, target: str, cseq: str | None) -> bytes:
    """The bytes the device sends for one RTSP request (CSeq echoed, as every RTSP server does)."""
    cands = [r for r in dev.profile.get("responses", []) if r.get("protocol") == "rtsp" and r.get("port") in (port, None)]
    r = match_response(cands, method, target)
    if r is None:
        raw = f"RTSP/1.0 404 Stream Not Found\r\nCSeq: {cseq or 0}\r\n\r\n"
    else:
        raw = served_raw(dev.profile, r, dev.ip)
        if cseq is not None:
            raw = _CSEQ_RE.sub(lambda m: m.group(1) + cseq, raw, count=1)
    return to_bytes(raw)


def _port_kind(dev: DeviceContext, port: int) -> str:
    protos = {r.get("protocol") for r in dev.profile.get("responses", []) if r.get("port") == port}
    if protos & {"http", "https", "onvif", "upnp"} or port in dev.tls_ports:
        return "http"
    if "rtsp" in protos:
        return "rtsp"
    if protos & {"telnet", "ssh", "other"}:
        return "banner"
    return "open"


async def _send(writer: asyncio.StreamWriter, data: bytes, dev: DeviceContext) -> None:
    if dev.behaviour == "slow-drip":
        for i in range(len(data)):
            writer.write(data[i:i + 1])
            await writer.drain()
            await asyncio.sleep(DRIP_INTERVAL_S)
        return
    writer.write(data)
    await writer.drain()
    if dev.behaviour == "huge-body":
        total = int(dev.profile.get("huge_body_bytes") or DEFAULT_HUGE_BODY)
        filler = (b"<p>netscan lab filler</p>\n" * (CHUNK // 26 + 1))[:CHUNK]
        sent = 0
        while sent < total:
            n = min(CHUNK, total - sent)
            writer.write(filler[:n])
            await writer.drain()
            sent += n


async def _drain_input(reader: asyncio.StreamReader) -> None:
    """Read and drop whatever the client sends until it closes (time-capped by the caller)."""
    for _ in range(100_000):
        data = await reader.read(4096)
        if not data:
            return


async def _serve(dev: DeviceContext, port: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    if dev.behaviour == "never-answer":
        await _drain_input(reader)
        return
    kind = _port_kind(dev, port)
    peer = writer.get_extra_info("peername")
    internal = bool(peer) and peer[0] in dev.internal_ips

    async def send(data: bytes | Callable[[], bytes]) -> None:
        # the answer is made after the wait, so a device's clock reads the time it answers
        delay = 0.0 if internal else dev.timing.next_delay(f"tcp/{port}")
        if delay > 0:
            await asyncio.sleep(delay)
        await _send(writer, data() if callable(data) else data, dev)

    if kind == "http":
        head = await _read_head(reader)
        if not head:
            return
        line = head.split(b"\r\n", 1)[0].decode("latin-1", "replace").split()
        if len(line) < 2:
            await send(_http("400 Bad Request", "text/html", b"Bad Request"))
            return
        body = await _read_body(reader, head)
        req_head: bytes = head
        await send(lambda: http_reply(dev, port, line[0].upper(), line[1], body, req_head))
    elif kind == "rtsp":
        for _ in range(MAX_RTSP_REQUESTS):
            head = await _read_head(reader)
            if not head:
                return
            await _read_body(reader, head)
            text = head.decode("latin-1", "replace")
            line = text.split("\r\n", 1)[0].split()
            m = _CSEQ_RE.search(text)
            if len(line) < 2:
                return
            await send(rtsp_reply(dev, port, line[0].upper(), line[1], m.group(2) if m else None))
    elif kind == "banner":
        rs = [r for r in dev.profile.get("responses", []) if r.get("port") == port and r.get("protocol") in ("telnet", "ssh", "other")]
        first = [r for r in rs if not str(r.get("request", "")).strip()] or rs[:1]
        for r in first:
            await send(to_bytes(served_raw(dev.profile, r, dev.ip)))
        answers = [r for r in rs if str(r.get("request", "")).strip() and r not in first]
        if answers:
            try:
                data = await asyncio.wait_for(reader.read(4096), READ_TIMEOUT_S)
            except asyncio.TimeoutError:
                return
            if data:
                await send(to_bytes(served_raw(dev.profile, answers[0], dev.ip)))
        await asyncio.wait_for(_drain_input(reader), READ_TIMEOUT_S * 3)
    else:
        # SDK and other open ports: accept, say nothing, hang up when the client does
        await asyncio.wait_for(_drain_input(reader), READ_TIMEOUT_S * 3)


def make_handler(dev: DeviceContext, port: int, limits: ConnectionCounter):  # type: ignore[no-untyped-def]
    """The ``asyncio.start_server`` callback for one device port."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if limits.active >= MAX_CONNECTIONS:
            writer.close()
            return
        limits.active += 1
        try:
            await asyncio.wait_for(_serve(dev, port, reader, writer), MAX_CONNECTION_S)
        except (asyncio.TimeoutError, ConnectionError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except Exception:  # a bug of ours must not take the other devices down
            logger.exception("handler %s:%d failed", dev.name, port)
        finally:
            limits.active -= 1
            try:
                writer.close()
            except Exception:  # noqa: BLE001 - closing a broken transport
                pass

    return handler
