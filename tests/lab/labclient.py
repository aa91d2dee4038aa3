"""A tiny network client the lab tests run *inside the scanner namespace* (stdlib only).

Usage: ``ip netns exec <scanner ns> python labclient.py`` with a JSON list of operations on stdin;
prints a JSON list of results. Every operation is bounded in time and size. It is a test tool to
check what the emulated devices send; the real probes live in netscan/probes/.
"""

from __future__ import annotations

import json
import select
import socket
import ssl
import struct
import sys
import time
from typing import Any

MAX_READ = 64 * 1024 * 1024


def _l1(b: bytes) -> str:
    return b.decode("latin-1")


def op_arp(iface: str, ips: list[str], timeout: float = 2.0, src_ip: str = "0.0.0.0") -> dict[str, str]:
    """ARP-request every ip (twice), return {ip: mac} of the replies."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0806))
    s.bind((iface, 0))
    my_mac = s.getsockname()[4]
    out: dict[str, str] = {}
    for _round in range(2):
        for ip in ips:
            if ip in out:
                continue
            arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + my_mac + socket.inet_aton(src_ip) + b"\0" * 6 + socket.inet_aton(ip)
            s.send(b"\xff" * 6 + my_mac + b"\x08\x06" + arp)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(out) < len(ips):
            r, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
            if not r:
                break
            frame = s.recv(2048)
            if len(frame) < 42 or frame[12:14] != b"\x08\x06" or frame[20:22] != b"\x00\x02":
                continue
            sha, spa = frame[22:28], socket.inet_ntoa(frame[28:32])
            if spa in ips:
                out[spa] = ":".join(f"{b:02x}" for b in sha)
        if len(out) == len(ips):
            break
    s.close()
    return out


def op_tcp(ip: str, port: int, send: str = "", tls: bool = False, timeout: float = 5.0,
           max_bytes: int = 1024 * 1024, total_timeout: float = 20.0) -> dict[str, Any]:
    """Connect, optionally send, read until close/timeout/max_bytes."""
    res: dict[str, Any] = {"data": "", "error": None, "bytes": 0}
    t0 = time.monotonic()
    try:
        sock = socket.create_connection((ip, port), timeout=timeout)
    except OSError as exc:
        res["error"] = type(exc).__name__
        res["detail"] = str(exc)
        return res
    try:
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            sock = ctx.wrap_socket(sock)
            der = sock.getpeercert(binary_form=True) or b""
            res["cert_der_hex"] = der.hex()
        t_sent = time.monotonic()
        if send:
            sock.sendall(send.encode("latin-1"))
        buf = bytearray()
        while len(buf) < max_bytes and time.monotonic() - t0 < total_timeout:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                res["error"] = "timeout"
                break
            if not chunk:
                break
            if not buf:
                res["first_byte"] = time.monotonic() - t_sent  # request sent (or connected) -> first byte
            buf += chunk
        res["bytes"] = len(buf)
        res["data"] = _l1(bytes(buf[:256 * 1024]))
    except OSError as exc:
        res["error"] = type(exc).__name__
    finally:
        sock.close()
    res["elapsed"] = time.monotonic() - t0
    return res


def op_udp(dest: str, port: int, send: str, timeout: float = 2.0, bind_ip: str = "0.0.0.0",
           bind_port: int = 0, broadcast: bool = False, join: str | None = None,
           max_replies: int = 4096) -> list[dict[str, Any]]:
    """Send one datagram (unicast, broadcast or multicast) and collect replies until timeout.

    ``join``: also listen to this multicast group (on ``bind_ip``'s interface), for answers sent there.
    """
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
    if bind_ip != "0.0.0.0":
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(bind_ip))
    s.bind(("0.0.0.0", bind_port))
    if join:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(join) + socket.inet_aton(bind_ip))
    t_sent = time.monotonic()
    s.sendto(send.encode("latin-1"), (dest, port))
    out: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(out) < min(max_replies, 4096):
        r, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
        if not r:
            break
        data, addr = s.recvfrom(65535)
        out.append({"src": addr[0], "sport": addr[1], "data": _l1(data), "t": time.monotonic() - t_sent})
    s.close()
    return out


def op_sniff(iface: str, duration: float = 10.0, max_frames: int = 20000) -> list[dict[str, Any]]:
    """Record every frame on ``iface`` for ``duration`` seconds (ARP and IPv4/UDP summarised)."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    # a chatter round is a burst of a few frames per device: room for it while frames are parsed here
    s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 8 * 1024 * 1024)
    s.bind((iface, 0))
    mreq = struct.pack("iHH8s", socket.if_nametoindex(iface), 1, 0, b"")  # PACKET_MR_PROMISC
    s.setsockopt(263, 1, mreq)  # SOL_PACKET, PACKET_ADD_MEMBERSHIP
    out: list[dict[str, Any]] = []
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline and len(out) < max_frames:
        r, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
        if not r:
            break
        frame, addr = s.recvfrom(65535)
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        src_mac = ":".join(f"{b:02x}" for b in frame[6:12])
        etype = frame[12:14]
        rec: dict[str, Any] = {"src_mac": src_mac, "dst_mac": ":".join(f"{b:02x}" for b in frame[0:6])}
        if etype == b"\x08\x06" and len(frame) >= 42:
            rec.update(kind="arp", op=frame[21], spa=socket.inet_ntoa(frame[28:32]), tpa=socket.inet_ntoa(frame[38:42]))
        elif etype == b"\x08\x00" and len(frame) >= 34:
            ihl = (frame[14] & 0x0F) * 4
            proto = frame[23]
            rec.update(kind="ip", proto=proto, src=socket.inet_ntoa(frame[26:30]), dst=socket.inet_ntoa(frame[30:34]))
            if proto == 17 and len(frame) >= 14 + ihl + 8:
                sport, dport = struct.unpack("!HH", frame[14 + ihl:14 + ihl + 4])
                rec.update(sport=sport, dport=dport, payload=_l1(frame[14 + ihl + 8:14 + ihl + 8 + 4096]))
        else:
            rec["kind"] = "other"
        out.append(rec)
    s.close()
    return out


def op_ping(ips: list[str], timeout: float = 2.0) -> dict[str, bool]:
    """ICMP echo every ip once (raw socket), return {ip: answered}."""
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    ident = 0x4E53
    for seq, ip in enumerate(ips):
        hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq & 0xFFFF) + b"netscan-lab"
        csum = 0
        data = hdr if len(hdr) % 2 == 0 else hdr + b"\0"
        for i in range(0, len(data), 2):
            csum += (data[i] << 8) + data[i + 1]
        csum = (csum >> 16) + (csum & 0xFFFF)
        csum = ~(csum + (csum >> 16)) & 0xFFFF
        s.sendto(hdr[:2] + struct.pack("!H", csum) + hdr[4:], (ip, 0))
    out = {ip: False for ip in ips}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not all(out.values()):
        r, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
        if not r:
            break
        pkt, addr = s.recvfrom(2048)
        ihl = (pkt[0] & 0x0F) * 4
        if len(pkt) >= ihl + 8 and pkt[ihl] == 0 and addr[0] in out:
            out[addr[0]] = True
    s.close()
    return out


def _echo(seq: int, ident: int = 0x4E53) -> bytes:
    hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq & 0xFFFF) + b"netscan-lab!"
    csum = sum((hdr[i] << 8) + hdr[i + 1] for i in range(0, len(hdr), 2))
    csum = (csum >> 16) + (csum & 0xFFFF)
    csum = ~(csum + (csum >> 16)) & 0xFFFF
    return hdr[:2] + struct.pack("!H", csum) + hdr[4:]


def op_ping_stats(ips: list[str], count: int = 1, interval: float = 0.001, timeout: float = 2.0) -> dict[str, Any]:
    """``count`` ICMP echoes spread over ``ips`` (one every ``interval`` s); returns sent, answered and
    the TTLs seen per ip (for loss rates and hop counts)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    ident = 0x4E54
    answered: set[int] = set()
    ttls: dict[str, list[int]] = {}

    def drain(wait: float) -> None:
        end = time.monotonic() + wait
        while True:
            r, _, _ = select.select([s], [], [], max(0.0, end - time.monotonic()))
            if not r:
                return
            pkt, addr = s.recvfrom(2048)
            ihl = (pkt[0] & 0x0F) * 4
            if len(pkt) >= ihl + 8 and pkt[ihl] == 0 and struct.unpack_from("!H", pkt, ihl + 4)[0] == ident:
                answered.add(struct.unpack_from("!H", pkt, ihl + 6)[0])
                ttls.setdefault(addr[0], []).append(pkt[8])

    for seq in range(count):
        s.sendto(_echo(seq, ident), (ips[seq % len(ips)], 0))
        drain(interval)
    drain(timeout)
    s.close()
    return {"sent": count, "answered": len(answered), "ttl": {ip: sorted(set(v)) for ip, v in ttls.items()}}


OPS = {"ping_stats": op_ping_stats, "ping": op_ping, "arp": op_arp, "tcp": op_tcp, "udp": op_udp, "sniff": op_sniff}


#: TCP operations run side by side (threads), at most this many at once.
MAX_PARALLEL_TCP = 64


def _run_one(op: dict[str, Any]) -> Any:
    op = dict(op)
    kind = op.pop("op")
    try:
        return OPS[kind](**op)
    except Exception as exc:  # noqa: BLE001 - report, keep going
        return {"error": f"{type(exc).__name__}: {exc}"}


def main() -> int:
    """Run the operations read from stdin (runs of ``tcp`` ops in parallel), print their results in order."""
    from concurrent.futures import ThreadPoolExecutor

    ops = json.load(sys.stdin)
    results: list[Any] = [None] * len(ops)
    i = 0
    with ThreadPoolExecutor(MAX_PARALLEL_TCP) as pool:
        while i < len(ops):
            if ops[i].get("op") == "tcp":
                j = i
                while j < len(ops) and ops[j].get("op") == "tcp":
                    j += 1
                for k, res in zip(range(i, j), pool.map(_run_one, ops[i:j])):
                    results[k] = res
                i = j
            else:
                results[i] = _run_one(ops[i])
                i += 1
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
