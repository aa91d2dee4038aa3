"""Where packets come from: capture files (pcap, pcapng, gzip-compressed, ``-`` for stdin) or a
live interface, read through libpcap (pcapy-ng) with a BPF filter.

The filter runs inside libpcap (files) or the kernel (live), so the video that makes up most of a
camera network's traffic is never copied into Python: only ARP, LLDP, CDP, the discovery and
housekeeping UDP ports, and TCP segments that start an HTTP/RTSP message or a TLS handshake
(plus TLS server ports' continuation segments, for certificate chains) reach the decoder.
Packets arrive in batches (``next_batch``: one C->Python crossing per batch).

Live capture only receives: libpcap opens a packet socket, nothing is ever sent.
"""

from __future__ import annotations

import logging
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from netscan.discovery import REGISTRY as DISCOVERY_REGISTRY
from netscan.errors import CaptureError, NoCaptureRights, UsageError

logger = logging.getLogger(__name__)

#: UDP ports of housekeeping protocols read (documented in docs/passive.md): DHCP, DNS, SNMP agents' answers.
_HOUSEKEEPING_PORTS: tuple[int, ...] = (67, 68, 53, 161)
#: UDP ports read: the housekeeping ones and every discovery protocol's (``capture_ports`` of the
#: registry, netscan/discovery.py: mDNS, SSDP, WS-Discovery, SADP, DHIP, XMEye, TP-Link, Ubiquiti,
#: TVT's XML and Layer-2 replies, Hanwha's discovery replies).
UDP_PORTS: tuple[int, ...] = tuple(dict.fromkeys(
    _HOUSEKEEPING_PORTS + tuple(port for p in DISCOVERY_REGISTRY for port in p.capture_ports)))
#: TCP server ports whose continuation segments are kept (TLS certificate chains span segments).
TLS_PORTS: tuple[int, ...] = (443, 8443, 7443, 4443)
#: First four payload bytes of the TCP segments kept: responses "HTTP" / "RTSP", requests (so a
#: response can say what was asked) "GET ", "POST", "HEAD", "OPTI"(ONS), "DESC"(RIBE), and a TLS
#: handshake record (0x16 0x03 then the version's minor byte and a length byte).
_TCP_WORDS = ("0x48545450", "0x52545350", "0x47455420", "0x504f5354", "0x48454144", "0x4f505449", "0x44455343")
_PAYLOAD = "tcp[((tcp[12:1] & 0xf0) >> 2):{n}]"

DLT_EN10MB = 1

#: Snapshot length: whole frames (a jumbo frame is 9 KB); the decoder copes with shorter ones.
SNAPLEN = 65535
#: Packets fetched per C->Python call.
BATCH = 4096
#: Live read timeout (ms): how often the loop checks the clock and Ctrl-C.
LIVE_TIMEOUT_MS = 200


def bpf_filter(ethernet: bool = True) -> str:
    """The BPF filter every capture uses (tcpdump syntax); ``ethernet=False`` for cooked / raw-IP
    links, where MAC-address and VLAN terms do not exist."""
    udp = " or ".join(f"port {p}" for p in UDP_PORTS)
    words = " or ".join(f"{_PAYLOAD.format(n=4)} = {w}" for w in _TCP_WORDS)
    tls = " or ".join(f"src port {p}" for p in TLS_PORTS)
    inner = (
        ("arp or ether proto 0x88cc or ether dst 01:00:0c:cc:cc:cc" if ethernet else "arp or ether proto 0x88cc")
        + f" or (udp and ({udp}))"
        f" or (tcp and (({words}) or {_PAYLOAD.format(n=1)} = 0x16 or (({tls}) and len > 66)))"
    )
    # 802.1Q-tagged frames (a trunk's SPAN): ``vlan`` shifts every later offset, so it comes last.
    return f"{inner} or (vlan and ({inner}))" if ethernet else inner


@dataclass
class ReadStats:
    """What was read, and what could not be."""

    packets: int = 0
    """Packets that passed the filter and reached the decoder."""
    files: int = 0
    unreadable_files: list[str] = field(default_factory=list)
    """``name: reason`` for inputs that could not be read (or not to the end)."""


Batch = tuple[int, bytes, bytes]
"""(link type, concatenated packet bytes, packed 16-byte metadata records per packet)."""


def iter_packets(batch: Batch) -> Iterator[tuple[float, bytes]]:
    """(timestamp, frame bytes) of each packet in a batch."""
    _, data, meta = batch
    for i in range(0, len(meta), 16):
        sec, usec, off, caplen = struct.unpack_from("=IIII", meta, i)
        yield sec + usec / 1e6, data[off : off + caplen]


def _pcapy() -> Any:
    try:
        import pcapy  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise CaptureError(f"passive capture needs pcapy-ng ({exc})") from None
    return pcapy


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def read_files(
    paths: list[str], on_batch: Callable[[Batch], None], stats: ReadStats, stdin: IO[bytes] | int | None = None
) -> None:
    """Read every capture in ``paths`` (``-`` is stdin), handing batches to ``on_batch``.

    An input that cannot be opened or ends early is recorded in ``stats.unreadable_files`` and the
    next one is read: a damaged file never stops the run. libpcap drops a whole batch when it meets
    a damaged record, so a damaged file is read again one packet at a time up to the damage."""
    for path in paths:
        stats.files += 1
        name = "stdin" if path == "-" else path
        if path != "-":
            try:
                gz = _is_gzip(path)
            except FileNotFoundError:
                stats.unreadable_files.append(f"{name}: no such file")
                continue
            except IsADirectoryError:
                stats.unreadable_files.append(f"{name}: is a directory")
                continue
            except OSError as exc:
                stats.unreadable_files.append(f"{name}: {exc.strerror}")
                continue
        else:
            gz = True  # stdin always goes through the feeder (it may be compressed)
        done = _read_one(path, name, gz, stdin, on_batch, stats, skip=None)
        if done is not None and path != "-":
            _read_one(path, name, gz, stdin, on_batch, stats, skip=done)
        elif done is not None:
            stats.unreadable_files.append(f"{name}: damaged record (up to {BATCH} packets before it were lost)")


def _read_one(path: str, name: str, gz: bool, stdin: IO[bytes] | int | None, on_batch: Callable[[Batch], None],
              stats: ReadStats, skip: int | None) -> int | None:
    """One pass over one input. Returns None when it was read to the end, else the number of
    packets handed on before libpcap failed (the caller then reads again with ``skip`` = that
    number, one packet at a time, to keep what lies before the damage)."""
    pcapy = _pcapy()
    feeder: subprocess.Popen[bytes] | None = None
    handed = 0
    try:
        if gz:
            # a child process decompresses into a pipe libpcap reads (see capture/feed.py)
            feeder = subprocess.Popen(
                [sys.executable, "-m", "netscan.capture.feed", *([] if path == "-" else [path])],
                stdin=stdin if path == "-" else subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )
            assert feeder.stdout is not None
            target = f"/dev/fd/{feeder.stdout.fileno()}"
        else:
            target = path
        try:
            cap = pcapy.open_offline(target)
        except pcapy.PcapError as exc:
            stats.unreadable_files.append(f"{name}: {_short(exc)}")
            return None
        link = cap.datalink()
        try:
            cap.setfilter(bpf_filter(link == DLT_EN10MB))
        except pcapy.PcapError as exc:
            stats.unreadable_files.append(f"{name}: link type {link} not supported ({_short(exc)})")
            return None
        if skip is None:
            while True:
                try:
                    data, meta = cap.next_batch(BATCH)
                except pcapy.PcapError:  # a damaged record: this batch is lost, read again slowly
                    return handed
                if not meta:
                    return None
                handed += len(meta) // 16
                stats.packets += len(meta) // 16
                on_batch((link, data, meta))
        seen = 0
        while True:
            try:
                hdr, data = cap.next()
            except pcapy.PcapError as exc:
                stats.unreadable_files.append(f"{name}: {_short(exc)}")
                return None
            if hdr is None:
                return None
            seen += 1
            if seen <= skip:
                continue
            sec, usec = hdr.getts()
            stats.packets += 1
            on_batch((link, data, struct.pack("=IIII", sec, usec, 0, len(data))))
    finally:
        if feeder is not None:
            assert feeder.stdout is not None and feeder.stderr is not None
            feeder.stdout.close()
            try:
                err = feeder.stderr.read().decode("utf-8", "replace").strip()
                rc = feeder.wait(timeout=30)
            except subprocess.TimeoutExpired:
                feeder.kill()
                err, rc = "feeder did not stop", 1
            feeder.stderr.close()
            if rc != 0 and err:
                stats.unreadable_files.append(f"{name}: {err.splitlines()[0][:200]}")


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def read_live(
    iface: str,
    on_batch: Callable[[Batch], None],
    stats: ReadStats,
    seconds: float | None = None,
    stop: threading.Event | None = None,
    on_tick: Callable[[], None] | None = None,
    exclude_hosts: list[str] | None = None,
    on_open: Callable[[], None] | None = None,
) -> None:
    """Listen on ``iface`` until ``seconds`` pass, ``stop`` is set, or Ctrl-C (KeyboardInterrupt
    propagates to the caller after the packets read so far were handed on). Sends nothing."""
    pcapy = _pcapy()
    try:
        cap = pcapy.open_live(iface, SNAPLEN, True, LIVE_TIMEOUT_MS)
    except pcapy.PcapError as exc:
        text = _short(exc)
        low = text.lower()
        if "permission" in low or "not permitted" in low:
            raise NoCaptureRights(f"no capture rights on {iface}: run as root or grant CAP_NET_RAW (nothing was sent)") from None
        if "no such device" in low or "doesn't exist" in low:
            raise UsageError(f"--iface: no such interface: {iface}") from None
        raise CaptureError(f"cannot capture on {iface}: {text}") from None
    flt = bpf_filter(cap.datalink() == DLT_EN10MB)
    if exclude_hosts:
        # our own conversations (an active scan beside us records those itself), but not the
        # look-ups devices send us as their resolver
        hosts = " or ".join(f"host {h}" for h in exclude_hosts)
        flt = f"(not ({hosts}) or (udp dst port 53 and not ({hosts.replace('host ', 'src host ')}))) and ({flt})"
    try:
        cap.setfilter(flt)
    except pcapy.PcapError as exc:  # pragma: no cover - the filter compiles on every link type we read
        raise CaptureError(f"cannot set the capture filter on {iface}: {_short(exc)}") from None
    if on_open is not None:
        on_open()
    link = cap.datalink()
    end = time.monotonic() + seconds if seconds is not None else None
    stats.files += 1
    while True:
        if stop is not None and stop.is_set():
            break
        if end is not None and time.monotonic() >= end:
            break
        try:
            data, meta = cap.next_batch(BATCH)
        except pcapy.PcapError as exc:
            stats.unreadable_files.append(f"{iface}: {_short(exc)}")
            break
        if meta:
            stats.packets += len(meta) // 16
            on_batch((link, data, meta))
        if on_tick is not None:
            on_tick()
