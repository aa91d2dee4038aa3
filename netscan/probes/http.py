"""HTTP and HTTPS: ``GET /`` (following same-host redirects) and the TLS certificate. Which
further requests a device is sent is the engine's planner's choice (``netscan.scan.planner``,
from signatures/requests.yaml); this module only performs and records exchanges.

Requests are HTTP/1.1 with ``Connection: close``; replies are framed by Content-Length, chunked
terminator or connection close (RFC 9112 §6.3), and recorded raw (head and body).
"""

from __future__ import annotations

import re
import ssl
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from netscan import __version__
from netscan.limits import MAX_HEADER_BYTES
from netscan.model import Response
from netscan.probes.base import HostState, ProbeContext, close, exchange, map_error, open_tcp

USER_AGENT = f"netscan/{__version__} (camera inventory)"

#: Ports where the first thing to try is TLS.
TLS_PORTS: frozenset[int] = frozenset({443, 8443, 7443, 9443, 10443, 19443})
#: Ports where a web server is expected; on any other open port the first ``GET /`` only waits
#: ``timeouts.banner`` (a vendor's binary SDK port, e.g. 8000, never answers HTTP).
WEB_PORTS: frozenset[int] = frozenset({80, 81, 88, 443, 2020, 5000, 7001, 8080, 8081, 8088, 8443, 8888, 8899, 9443, 7443, 10443, 19443})
#: Ports that speak something other than HTTP first (handled by other probes or left alone).
NOT_HTTP: frozenset[int] = frozenset({22, 23, 554, 8554, 1935, 34567, 37777, 9000})

_CL = re.compile(rb"\r?\ncontent-length:[ \t]*(\d{1,12})", re.I)
_CHUNKED = re.compile(rb"\r?\ntransfer-encoding:[^\r\n]*chunked", re.I)
_STATUS = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")
_LOCATION = re.compile(r"\r?\nlocation:[ \t]*([^\r\n]{1,2048})", re.I)


def http_framer(buf: bytes) -> bool:
    """True when ``buf`` holds one complete HTTP response (RFC 9112 §6.3)."""
    end = buf.find(b"\r\n\r\n")
    sep = 4
    if end < 0:
        end, sep = buf.find(b"\n\n"), 2
        if end < 0:
            return len(buf) > MAX_HEADER_BYTES
    head = buf[:end]
    body_len = len(buf) - end - sep
    m = _STATUS.match(head)
    if m and (m.group(1).startswith(b"1") or m.group(1) in (b"204", b"304")):
        return True
    cl = _CL.search(head)
    if cl:
        return body_len >= int(cl.group(1))
    if _CHUNKED.search(head):
        return buf.endswith(b"0\r\n\r\n") or buf.endswith(b"0\n\n")
    return False


def build_request(method: str, path: str, host: str, port: int, body: bytes = b"", ctype: str | None = None,
                  extra: dict[str, str] | None = None) -> bytes:
    """An HTTP/1.1 request with ``Connection: close``."""
    h = host if port in (80, 443) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        h = f"[{host}]" if port in (80, 443) else f"[{host}]:{port}"
    lines = [f"{method} {path} HTTP/1.1", f"Host: {h}", f"User-Agent: {USER_AGENT}", "Accept: */*", "Connection: close"]
    if ctype:
        lines.append(f"Content-Type: {ctype}")
    for k, v in (extra or {}).items():
        lines.append(f"{k}: {v}")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass(frozen=True)
class HttpRequest:
    """One request to send: method, path, optional body and content type."""

    method: str
    path: str
    body: bytes = b""
    ctype: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """How the request is recorded (``GET /path``)."""
        return f"{self.method} {self.path}"


async def fetch(ctx: ProbeContext, ip: str, port: int, req: HttpRequest, *, tls: bool, protocol: str | None = None,
                read_timeout: float | None = None) -> Response:
    """One HTTP(S) exchange on a fresh connection (never raises)."""
    proto = protocol or ("https" if tls else "http")
    payload = build_request(req.method, req.path, ip, port, req.body, req.ctype, dict(req.extra))
    r = await exchange(ctx, ip, port, payload, protocol=proto, request=req.label, framer=http_framer, tls=tls,
                       read_timeout=read_timeout)
    if len(r.raw) > MAX_HEADER_BYTES and "\r\n\r\n" not in r.raw and "\n\n" not in r.raw:
        r = replace(r, error="too-large", truncated=True)  # a header block that never ends
    return r


async def certificate(ctx: ProbeContext, ip: str, port: int) -> Response:
    """The server certificate as PEM (``tls`` response), or the handshake error."""
    assert ctx.connections is not None
    async with ctx.connections:
        try:
            _reader, writer = await open_tcp(ctx, ip, port, tls=True)
        except Exception as exc:  # noqa: BLE001
            return Response(protocol="tls", port=port, request="certificate", raw="", error=map_error(exc))
        try:
            sslobj = writer.get_extra_info("ssl_object")
            der = sslobj.getpeercert(binary_form=True) if sslobj is not None else None
            version = sslobj.version() if sslobj is not None else None
        finally:
            await close(writer)
    if not der:
        return Response(protocol="tls", port=port, request="certificate", raw="", error="no-certificate")
    pem = ssl.DER_cert_to_PEM_cert(der)
    return Response(protocol="tls", port=port, request=f"certificate {version or ''}".strip(), raw=pem)


def redirect_path(raw: str, ip: str, port: int) -> str | None:
    """The same-host path a 3xx answer points to, or None (other hosts are never followed)."""
    m = _STATUS.match(raw[:16].encode("latin-1", "replace"))
    if not m or not m.group(1).startswith(b"3"):
        return None
    loc = _LOCATION.search(raw.split("\r\n\r\n", 1)[0])
    if not loc:
        return None
    target = loc.group(1).strip()
    parts = urlsplit(target)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.hostname and parts.hostname != ip:
        return None
    if parts.port and parts.port != port:
        return None
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def looks_like_tls_alert(raw: str) -> bool:
    """A TLS record where HTTP was expected (a TLS-only port answering plain HTTP)."""
    return raw[:1] in ("\x15", "\x16") and raw[1:2] == "\x03"


def looks_like_plain_http(raw: str) -> bool:
    """An HTTP status line (plain HTTP answered on a port we tried TLS on)."""
    return raw.startswith("HTTP/")


class HttpProbe:
    """``GET /`` on a web port (TLS first on TLS ports), then same-host redirects, then the vendor
    endpoints the answers point to. Records ``tls``, ``http``/``https`` responses."""

    name = "http"

    def wants(self, port: int, host: HostState) -> bool:
        """Every open port not claimed by a protocol that speaks something else first."""
        return port not in NOT_HTTP

    async def run(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        """Probe one web port of ``host``."""
        out: list[Response] = []
        tls = port in TLS_PORTS
        wait = None if port in WEB_PORTS or port in TLS_PORTS else ctx.timeouts.banner
        first = await fetch(ctx, host.ip, port, HttpRequest("GET", "/"), tls=tls, read_timeout=wait)
        host.requests += 1
        if tls and (first.error or not first.raw.startswith("HTTP/")):
            plain = await fetch(ctx, host.ip, port, HttpRequest("GET", "/"), tls=False, read_timeout=ctx.timeouts.banner)
            host.requests += 1
            if plain.raw.startswith("HTTP/"):
                tls, first = False, plain
        elif not tls and (looks_like_tls_alert(first.raw) or first.raw.startswith("HTTP/1.1 400") and "https" in first.raw[:4096].lower()):
            secure = await fetch(ctx, host.ip, port, HttpRequest("GET", "/"), tls=True, read_timeout=ctx.timeouts.banner)
            host.requests += 1
            if secure.raw.startswith("HTTP/"):
                tls, first = True, secure
        out.append(first)
        if tls and not first.error:
            out.append(await certificate(ctx, host.ip, port))
        if not first.raw.startswith("HTTP/"):
            return out
        seen = {"/"}
        answer = first
        for _ in range(2):  # follow at most two same-host redirects
            path = redirect_path(answer.raw, host.ip, port)
            if path is None or path in seen or host.requests >= ctx.limits.max_requests_per_host:
                break
            seen.add(path)
            answer = await fetch(ctx, host.ip, port, HttpRequest("GET", path), tls=tls)
            host.requests += 1
            out.append(answer)
        return out
