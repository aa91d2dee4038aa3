"""``Lab.up``'s readiness check: every service of every emulated device answers before ``up`` returns.

:func:`wait_ready` runs this module inside the device namespace (``python -m netscan.lab.readiness
--state F``). From there it asks every device, over loopback, exactly what a scan asks first: each
TCP port (HTTP ``GET /``, HTTPS with a TLS handshake, RTSP ``OPTIONS``, a banner, or the accept of a
silent SDK port) and each UDP discovery protocol the device answers (a unicast WS-Discovery Probe,
M-SEARCH, SADP inquiry, DHIP search, XMEye search, mDNS legacy query; any other registered protocol
its own search), retrying until it answers or
the time is up. The emulator recognises the probe by its source (a device address inside the device
namespace): it is answered at once, whatever the device's delay, multicast setting or the lab's
packet loss, and does not count as the request that wakes an idle device. Nothing of it reaches the
scanner namespace.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netscan.errors import LabError
from netscan.lab.config import READY_TIMEOUT_S

#: One attempt's cap; a service that misses it is asked again until the overall deadline.
ATTEMPT_TIMEOUT_S = 1.0
#: Probes in flight at once.
MAX_PARALLEL = 128
#: Pause between attempts at one service.
RETRY_PAUSE_S = 0.1

WSD_PROBE = (
    b'<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
    b'xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
    b'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><e:Header>'
    b"<w:MessageID>uuid:6e657473-6361-6e2d-6c61-622d72656164</w:MessageID>"
    b"<w:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>"
    b"<w:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action>"
    b"</e:Header><e:Body><d:Probe/></e:Body></e:Envelope>"
)
SSDP_SEARCH = b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n'
SADP_INQUIRY = b'<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>NETSCAN-LAB-READY</Uuid><Types>inquiry</Types></Probe>'


@dataclass
class Check:
    """One service to see answering."""

    device: str
    ip: str
    transport: str
    """``tcp`` or ``udp``."""
    port: int
    kind: str
    """http, https, rtsp, banner, open, accept (hostile never-answer) or a UDP protocol."""
    payload: bytes = b""

    def label(self) -> str:
        """``name tcp/80 http``."""
        return f"{self.device} {self.transport}/{self.port} {self.kind}"


def _mdns_query() -> bytes:
    from zeroconf import DNSOutgoing, DNSQuestion
    from zeroconf.const import _CLASS_IN, _FLAGS_QR_QUERY, _TYPE_PTR

    from netscan.lab.emulator.mdns import SERVICES_META

    out = DNSOutgoing(_FLAGS_QR_QUERY, False, 0x4E53)
    out.add_question(DNSQuestion(SERVICES_META, _TYPE_PTR, _CLASS_IN))
    return out.packets()[0]


def checks_for(state: dict[str, Any]) -> list[Check]:
    """Every service of every emulated device the lab state describes (pure)."""
    from netscan.lab.emulator.packets import dhip_packet, xmeye_packet
    from netscan.lab.emulator.server import _tls_ports
    from netscan.lab.emulator.tcp import DeviceContext, _port_kind
    from netscan.lab.emulator.udp import XMEYE_SEARCH, UdpDevice, reply
    from netscan.discovery import resolve
    from netscan.lab.profiles import LISTENING, UDP_PORTS, socket_for, tcp_ports

    # what the scanner's unicast forms send; any other protocol is asked its own search's first payload
    udp_payloads = {
        "wsd": WSD_PROBE, "ssdp": SSDP_SEARCH, "sadp": SADP_INQUIRY,
        "dhip": dhip_packet(b'{"method":"DHDiscover.search","params":{"mac":"","uni":1}}'),
        "xmeye": xmeye_packet(b"", XMEYE_SEARCH), "mdns": _mdns_query(),
    }

    def udp_payload(proto: str) -> bytes:
        if proto not in udp_payloads:  # made once, and only for a protocol some device speaks
            udp_payloads[proto] = resolve(LISTENING[proto].spec)().payloads()[0]
        return udp_payloads[proto]

    out: list[Check] = []
    for d in state["devices"]:
        if d.get("kind") != "profile":
            continue
        profile = d.get("profile") or {}
        behaviour = profile.get("behaviour")
        tls = _tls_ports(profile)
        ctx = DeviceContext(name=d["name"], ip=d["ip"], profile=profile, behaviour=behaviour, tls_ports=tls)
        for port in tcp_ports(profile):
            kind = _port_kind(ctx, port)
            if behaviour == "never-answer" or kind == "open":
                kind = "accept"
            elif kind == "http" and port in tls:
                kind = "https"
            payload = {"http": b"GET / HTTP/1.0\r\n\r\n", "https": b"GET / HTTP/1.0\r\n\r\n",
                       "rtsp": b"OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"}.get(kind, b"")
            out.append(Check(d["name"], d["ip"], "tcp", port, kind, payload))
        udev = UdpDevice(name=d["name"], ip=d["ip"], ifindex=0, profile=profile)
        for proto, port in UDP_PORTS.items():
            if not any(socket_for(r) == proto for r in profile.get("responses", [])):
                continue
            try:
                expected = reply(proto, udev, udp_payload(proto), legacy=True)
            except Exception:  # noqa: BLE001 - a profile the emulator cannot answer from is not waited for
                expected = None
            if expected:
                out.append(Check(d["name"], d["ip"], "udp", port, proto, udp_payload(proto)))
    return out


async def _tcp_once(c: Check) -> bool:
    ctx = None
    if c.kind == "https":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    reader, writer = await asyncio.open_connection(c.ip, c.port, ssl=ctx)
    try:
        if c.kind == "accept":
            return True
        if c.payload:
            writer.write(c.payload)
            await writer.drain()
        return bool(await reader.read(1))
    finally:
        writer.close()


async def _udp_once(c: Check) -> bool:
    loop = asyncio.get_running_loop()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.setblocking(False)
        s.connect((c.ip, c.port))
        await loop.sock_sendall(s, c.payload)
        return bool(await loop.sock_recv(s, 65535))


async def _until_ready(c: Check, deadline: float, sem: asyncio.Semaphore) -> bool:
    while True:
        async with sem:
            try:
                once = _tcp_once(c) if c.transport == "tcp" else _udp_once(c)
                if await asyncio.wait_for(once, ATTEMPT_TIMEOUT_S):
                    return True
            except (OSError, asyncio.TimeoutError, ssl.SSLError, EOFError):
                pass
        if time.monotonic() + RETRY_PAUSE_S >= deadline:
            return False
        await asyncio.sleep(RETRY_PAUSE_S)


async def probe_all(checks: list[Check], timeout: float) -> list[str]:
    """Labels of the checks that never answered within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    sem = asyncio.Semaphore(MAX_PARALLEL)
    results = await asyncio.gather(*(_until_ready(c, deadline, sem) for c in checks))
    return [c.label() for c, ok in zip(checks, results) if not ok]


def main() -> int:
    """Run in the device namespace; prints ``{"checks": n, "missing": [...], "seconds": s}``."""
    parser = argparse.ArgumentParser(prog="netscan.lab.readiness")
    parser.add_argument("--state", required=True, type=Path)
    parser.add_argument("--timeout", type=float, default=READY_TIMEOUT_S)
    args = parser.parse_args()
    t0 = time.monotonic()
    checks = checks_for(json.loads(args.state.read_text(encoding="utf-8")))
    missing = asyncio.run(probe_all(checks, args.timeout))
    print(json.dumps({"checks": len(checks), "missing": missing, "seconds": round(time.monotonic() - t0, 3)}))
    return 0


def wait_ready(state: Any, state_file: Path, timeout: float = READY_TIMEOUT_S) -> dict[str, Any]:
    """Return once every service of every device answers (probed inside the device namespace).

    Raises:
        LabError: some service did not answer within ``timeout`` seconds (named in the message).
    """
    try:
        proc = subprocess.run(
            ["ip", "netns", "exec", state.device_netns, sys.executable, "-m", "netscan.lab.readiness",
             "--state", str(state_file), "--timeout", str(timeout)],
            capture_output=True, text=True, timeout=timeout + 30, check=False, cwd="/",
        )
    except subprocess.TimeoutExpired as exc:
        raise LabError("the readiness check did not finish") from exc
    try:
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise LabError(f"the readiness check failed ({proc.returncode}): {proc.stderr[-1500:]}") from exc
    if result["missing"]:
        shown = ", ".join(result["missing"][:12]) + (" ..." if len(result["missing"]) > 12 else "")
        raise LabError(f"{len(result['missing'])} services did not answer within {timeout:g} s: {shown}")
    return result


if __name__ == "__main__":
    sys.exit(main())


def plain_http_port(device: Any) -> int | None:
    """A lab device's plain-HTTP port (80 when it has one), or None: what a first ``GET /`` goes to."""
    profile = getattr(device, "profile", None) or {}
    ports = sorted({r["port"] for r in profile.get("responses", []) if r.get("protocol") == "http" and r.get("port")})
    https = set(profile.get("https_ports") or [])
    ports = [p for p in ports if p not in https]
    return 80 if 80 in ports else (ports[0] if ports else None)


def first_request_ops(devices: Any, timeout: float) -> list[dict[str, Any]]:
    """One RTSP ``OPTIONS`` and one ``GET /`` per non-hostile emulated device, as operations for the lab's
    client (tests/lab/labclient.py): the first requests a scan sends right after ``lab up``."""
    ops: list[dict[str, Any]] = []
    for d in devices:
        if d.hostile:
            continue
        for r in (d.profile or {}).get("responses", []):
            if r.get("protocol") == "rtsp" and r.get("port"):
                ops.append({"op": "tcp", "ip": d.ip, "port": r["port"], "send": "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n",
                            "timeout": timeout, "total_timeout": timeout})  # RTSP keeps the connection open
                break
        port = plain_http_port(d)
        if port:
            ops.append({"op": "tcp", "ip": d.ip, "port": port, "send": "GET / HTTP/1.0\r\n\r\n", "timeout": timeout})
    return ops
