"""nmap XML (``nmap -oX``) -> observations, so years of nmap scans can be identified offline.

Every ``<host>`` becomes one Observation: its IPv4/IPv6 and MAC addresses, its open TCP ports, and
one response per piece of device-sent data nmap kept:

- ``servicefp`` fingerprints (``SF-Port554-TCP:...%r(RTSPRequest,..,"RTSP/1.0 200 OK\\r\\n...")``):
  every probe reply, unescaped, as an ``http``/``rtsp`` exchange or an ``other``/``telnet`` banner;
- script output: ``http-headers`` (a header block), ``http-title`` (a bare title), ``http-server-header``
  (a ``Server`` value), ``rtsp-methods`` (the ``Public`` methods), ``ssl-cert`` (the PEM when nmap kept
  it, else the text dump), ``banner``, ``upnp-info``/``broadcast-upnp-info`` lines, ``snmp-sysdescr``
  (the agent's sysDescr, as an snmpget line: ``snmp.sysDescr``);
- the ``-sV`` service match (product, version, extra info, device type): nmap's own reading of the
  service, kept as an ``other`` response with request ``nmap-service`` so rules and family grammars
  can read the strings it contains.

Parsed with defusedxml (no DTDs, no entities); sizes capped like every other input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element, TreeBuilder

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from netscan.errors import UsageError
from netscan.model import Observation, Response

#: nmap XML files larger than this are refused.
MAX_NMAP_XML_BYTES = 256 * 1024 * 1024
#: Most responses kept per host.
MAX_RESPONSES_PER_HOST = 64
#: Deepest element nesting accepted (nmap writes about eight levels: nmaprun/host/ports/port/script/table/.../elem).
MAX_XML_DEPTH = 256
#: Most characters of markup built into one ``<host>`` element: its attributes' names and values and its
#: text, plus ELEMENT_COST per element and per attribute (what a tree spends besides the strings). Later
#: elements of the same host are skipped. nmap's largest hosts (every port open, long script output) are
#: a few MB.
MAX_HOST_COST = 64 * 1024 * 1024
ELEMENT_COST = 200
#: Longest run of the file without a ``>``: one tag (expat collects all its attributes before the
#: parser sees it, at about 25 bytes of memory per byte of attributes) or one text. nmap escapes ``>``
#: in attribute values and writes no text that long.
MAX_TAG_BYTES = 4 * 1024 * 1024
#: Bytes fed to the XML parser at a time.
_FEED = 1 << 20

_SF_PROBE = re.compile(r'%r\(([A-Za-z0-9_-]{1,40}),[0-9A-Fa-f]{1,6},"')
_HEX = re.compile(r"\\x([0-9A-Fa-f]{2})")


def _unescape_fp(text: str) -> str:
    """nmap's fingerprint string escapes: \\r \\n \\t \\0 \\xHH \\" \\\\."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            nxt = text[i + 1]
            simple = {"r": "\r", "n": "\n", "t": "\t", "0": "\x00", '"': '"', "\\": "\\"}
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt == "x":
                m = _HEX.match(text, i)
                if m:
                    out.append(chr(int(m.group(1), 16)))
                    i += 4
                    continue
            out.append(nxt)  # nmap escapes regex metacharacters too ("\." is ".")
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def servicefp_replies(fp: str) -> list[tuple[str, str]]:
    """(probe name, reply text) for every ``%r(...)`` entry of an nmap service fingerprint."""
    # nmap wraps the fingerprint in lines prefixed "SF:" (XML keeps it on one line); join them
    joined = "".join(line[3:] if line.startswith("SF:") else line for line in fp.replace("\r", "").split("\n"))
    replies: list[tuple[str, str]] = []
    for m in _SF_PROBE.finditer(joined):
        start = m.end()
        i = start
        while i < len(joined):
            if joined[i] == "\\":
                i += 2
                continue
            if joined[i] == '"':
                break
            i += 1
        replies.append((m.group(1), _unescape_fp(joined[start:i])))
        if len(replies) >= 32:
            break
    return replies


def _reply_protocol(text: str, port: int, service: str) -> str:
    head = text[:8].upper()
    if head.startswith("HTTP/"):
        return "http"
    if head.startswith("RTSP/"):
        return "rtsp"
    if service == "telnet" or port == 23:
        return "telnet"
    return "other"


def _script_responses(el: Element, port: int | None, service: str, tunnel: str) -> list[Response]:
    out: list[Response] = []
    sid = el.get("id", "")
    text = el.get("output", "") or ""
    http_proto = "https" if tunnel == "ssl" or service in ("https", "ssl/http") else "http"
    if sid == "http-headers":
        # the output is the header block, indented, ending with "(Request type: ...)"
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("(Request type")]
        if lines:
            out.append(Response(http_proto, "\r\n".join(lines) + "\r\n\r\n", port, "GET / [nmap http-headers]"))
    elif sid == "http-title":
        title = el.findtext("elem[@key='title']") or text.split("\n", 1)[0]
        title = re.sub(r"^Site doesn't have a title.*$", "", title.strip())
        if title:
            out.append(Response(http_proto, title, port, "title"))
    elif sid == "http-server-header":
        value = el.findtext("elem") or text.strip()
        if value:
            out.append(Response(http_proto, f"Server: {value}", port, "GET / [nmap http-server-header]"))
    elif sid == "rtsp-methods":
        if text.strip():
            out.append(Response("rtsp", f"Public: {text.strip()}", port, "OPTIONS [nmap rtsp-methods]"))
    elif sid == "ssl-cert":
        pem = el.findtext("elem[@key='pem']")
        raw = pem if pem and "BEGIN CERTIFICATE" in pem else text
        if raw.strip():
            out.append(Response("tls", raw, port, "certificate [nmap ssl-cert]"))
    elif sid == "banner":
        if text.strip():
            out.append(Response("telnet" if service == "telnet" else "other", text.strip(), port, "banner [nmap]"))
    elif sid in ("upnp-info", "broadcast-upnp-info"):
        if text.strip():
            out.append(Response("other", text.strip(), port, f"{sid} [nmap]"))
    elif sid == "snmp-sysdescr":
        # the agent's sysDescr, then nmap's "System uptime: ..." line: written as the snmpget line it is
        descr = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        if descr:
            out.append(Response("other", f".1.3.6.1.2.1.1.1.0 = STRING: {descr}\n", port, "snmp-sysdescr [nmap]"))
    return out


def _host(el: Element, where: str) -> Observation | None:
    status = el.find("status")
    if status is not None and status.get("state") not in (None, "up"):
        return None
    ip = mac = None
    for addr in el.findall("address"):
        kind = addr.get("addrtype")
        if kind in ("ipv4", "ipv6") and ip is None:
            ip = addr.get("addr")
        elif kind == "mac":
            mac = (addr.get("addr") or "").lower() or None
    responses: list[Response] = []
    open_ports: list[int] = []
    for port_el in el.findall("ports/port"):
        state = port_el.find("state")
        if state is None or state.get("state") != "open":
            continue
        try:
            port = int(port_el.get("portid", ""))
        except ValueError:
            continue
        if port_el.get("protocol") == "tcp":
            open_ports.append(port)
        svc = port_el.find("service")
        service = (svc.get("name") or "") if svc is not None else ""
        tunnel = (svc.get("tunnel") or "") if svc is not None else ""
        if svc is not None:
            fp = svc.get("servicefp")
            if fp:
                for probe, reply in servicefp_replies(fp):
                    if reply.strip():
                        proto = _reply_protocol(reply, port, service)
                        if proto == "http" and tunnel == "ssl":
                            proto = "https"
                        responses.append(Response(proto, reply, port, f"{probe} [nmap servicefp]"))
            parts = [f"{k}: {svc.get(k)}" for k in ("product", "version", "extrainfo", "devicetype", "ostype", "hostname") if svc.get(k)]
            cpes = [c.text for c in svc.findall("cpe") if c.text]
            if parts or cpes:
                responses.append(Response("other", "\n".join(parts + [f"cpe: {c}" for c in cpes]), port, "nmap-service"))
        scripts = port_el.findall("script")
        has_headers = any(sc.get("id") == "http-headers" for sc in scripts)
        for script in scripts:
            if has_headers and script.get("id") == "http-server-header":
                continue  # the same Server line, already in the header block
            responses.extend(_script_responses(script, port, service, tunnel))
    for script in el.findall("hostscript/script"):
        responses.extend(_script_responses(script, None, "", ""))
    if ip is None and mac is None:
        return None
    return Observation(ip=ip, mac=mac, responses=tuple(responses[:MAX_RESPONSES_PER_HOST]), open_ports=tuple(sorted(set(open_ports))),
                       meta={"source": where})


def load_nmap_xml(path: str | Path) -> list[Observation]:
    """Every host of an nmap XML file as an Observation. Raises UsageError on unreadable input."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_NMAP_XML_BYTES:
            raise UsageError(f"{p}: nmap XML too large ({p.stat().st_size} bytes; the limit is {MAX_NMAP_XML_BYTES})")
        fh = open(p, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"{p}: cannot read ({exc.strerror or exc})") from None
    with fh:  # a device or FIFO has no size: the cap holds while reading
        return read_nmap_xml(fh, str(p))


def _cost(tag: str, attrs: dict[str, str]) -> int:
    return ELEMENT_COST + len(tag) + sum(ELEMENT_COST + len(k) + len(v) for k, v in attrs.items())


class _HostTarget:
    """Parser target that builds one ``<host>`` element at a time and turns it into an Observation at
    its end tag, so a large file never becomes one tree in memory (ElementTree takes about 30 bytes
    per byte of markup); refuses a root other than ``<nmaprun>`` at once, and nesting deeper than
    MAX_XML_DEPTH. Everything outside the ``<host>`` elements is skipped."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.depth = 0
        self.builder: TreeBuilder | None = None
        self.cost = 0
        self.skipped = 0  # depth below which elements of an overlong host are skipped (0: none)
        self.hosts = 0
        self.out: list[Observation] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise UsageError(f"{self.where}: XML nested too deeply (more than {MAX_XML_DEPTH} levels)")
        if self.depth == 1:
            if tag != "nmaprun":
                raise UsageError(f"{self.where}: not nmap XML (root element <{tag}>, expected <nmaprun>)")
        elif self.builder is not None:
            if self.skipped:
                return
            self.cost += _cost(tag, attrs)
            if self.cost > MAX_HOST_COST:
                self.skipped = self.depth
                return
            self.builder.start(tag, attrs)
        elif self.depth == 2 and tag == "host":
            self.builder = TreeBuilder()
            self.cost = _cost(tag, attrs)
            self.builder.start(tag, attrs)

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth -= 1
        if self.builder is None:
            return
        if self.skipped:
            if depth == self.skipped:
                self.skipped = 0
            return
        self.builder.end(tag)
        if depth == 2:
            host = self.builder.close()
            self.builder = None
            obs = _host(host, f"{self.where}#host{self.hosts}")
            self.hosts += 1
            if obs is not None:
                self.out.append(obs)

    def data(self, text: str) -> None:
        if self.builder is not None and not self.skipped:
            self.cost += len(text)
            if self.cost <= MAX_HOST_COST:
                self.builder.data(text)

    def close(self) -> list[Observation]:
        return self.out


def parse_nmap_xml(text: bytes | str, where: str = "nmap-xml") -> list[Observation]:
    """Parse nmap XML text; refuses DTDs and entities (defusedxml). Hosts are read one at a time."""
    return _parse_chunks((text[i : i + _FEED] for i in range(0, len(text), _FEED)), where)


def read_nmap_xml(fh: BinaryIO, where: str, limit: int = MAX_NMAP_XML_BYTES) -> list[Observation]:
    """Parse nmap XML from a binary stream (a file, a pipe, stdin, a device) as it is read: at most
    ``limit`` bytes, never the whole text in memory; a stream that is no XML (/dev/urandom, /dev/zero)
    is refused at its first bytes. Read errors (EIO) become a UsageError."""
    def chunks() -> Iterator[bytes]:
        total = 0
        while True:
            try:
                chunk = fh.read(min(_FEED, limit + 1 - total))
            except OSError as exc:
                raise UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise UsageError(f"{where}: input too large (more than {limit} bytes)")
            yield chunk

    return _parse_chunks(chunks(), where)


def _parse_chunks(chunks: Iterable[bytes | str], where: str) -> list[Observation]:
    target = _HostTarget(where)
    parser: Any = DET.DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    gap = 0  # characters since the last ">"
    try:
        for chunk in chunks:
            end = chunk.rfind(b">" if isinstance(chunk, bytes) else ">")  # type: ignore[arg-type]
            gap = gap + len(chunk) if end < 0 else len(chunk) - end - 1
            if gap > MAX_TAG_BYTES:
                raise UsageError(f"{where}: not nmap XML (more than {MAX_TAG_BYTES} bytes without a '>': a tag or text that long)")
            parser.feed(chunk)
        parser.close()
    except UsageError:
        raise
    except DefusedXmlException as exc:
        raise UsageError(f"{where}: XML refused ({type(exc).__name__})") from None
    except RecursionError:
        raise UsageError(f"{where}: XML nested too deeply") from None
    except Exception as exc:  # ParseError and friends
        raise UsageError(f"{where}: not nmap XML ({type(exc).__name__}: {exc})") from None
    return target.out
