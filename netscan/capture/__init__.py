"""Passive edge: captures and live listening -> Observations, sending nothing (docs/passive.md).

    source (libpcap + BPF) -> decode (bytes -> facts) -> collect (facts -> Observation per device)

The observations are the same format active scanning records, so identification and findings are
the same code path: ``passive --save-observations`` then ``identify`` gives the same devices.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from netscan.capture.collect import Collector
from netscan.capture.decode import Decoder
from netscan.capture.source import (
    Batch,
    ReadStats,
    bpf_filter,
    iter_packets,
    read_files,
    read_live,
)
from netscan.errors import CaptureError, NoCaptureRights
from netscan.model import Observation, ScanRun, ScanStats

__all__ = ["CaptureError", "Listener", "NoCaptureRights", "PassiveResult", "bpf_filter", "listen", "read_captures"]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class PassiveResult:
    """What listening produced: observations, the run's part of the report header (as an active
    scan's ``ScanRun``), the capture's own counts, and whether it finished."""

    observations: list[Observation]
    run: ScanRun
    capture: dict[str, Any]
    """``packets_read``, ``packets_malformed``, ``inputs``, ``inputs_unreadable`` (the report
    header's ``capture`` object)."""
    incomplete: bool = False
    notes: list[str] = field(default_factory=list)


class Listener:
    """Collector + decoder + read statistics: hand it batches, ask it for observations."""

    def __init__(self, *, allow_public: bool = False, ignore: frozenset[str] = frozenset(),
                 progress: Callable[[int, int], None] | None = None) -> None:
        from netscan.sigdb.cloud import cloud_domains

        self.collector = Collector(allow_public=allow_public, ignore=ignore)
        self.decoder = Decoder(self.collector, tuple(cloud_domains()))
        self.stats = ReadStats()
        self.progress = progress
        self.start = _now()
        self.lock = threading.Lock()

    def on_batch(self, batch: Batch) -> None:
        """Decode one batch of frames."""
        link = batch[0]
        frame = self.decoder.frame
        with self.lock:
            for ts, data in iter_packets(batch):
                frame(link, data, ts)
        self.tick()

    def tick(self) -> None:
        """Report progress (packets kept, devices so far)."""
        if self.progress is not None:
            self.progress(self.stats.packets, len(self.collector.devices))

    def result(self, *, source: dict[str, Any], incomplete: bool = False) -> PassiveResult:
        """Observations and header for everything heard so far."""
        with self.lock:
            self.decoder.flush()
            obs = self.collector.observations()
        notes: list[str] = []
        for bad in self.stats.unreadable_files[:20]:
            notes.append(f"unreadable input: {bad}")
        if self.decoder.malformed:
            notes.append(f"{self.decoder.malformed} malformed or truncated packets skipped")
        if self.decoder.other_links:
            notes.append(f"{self.decoder.other_links} packets of an unsupported link type skipped")
        if self.collector.dropped_devices:
            notes.append(f"{self.collector.dropped_devices} facts dropped: device table full")
        capture = {
            "packets_read": self.stats.packets,
            "packets_malformed": self.decoder.malformed,
            "inputs": self.stats.files,
            "inputs_unreadable": len(self.stats.unreadable_files),
        }
        run = ScanRun(
            targets=tuple(source.get("inputs", ())), start=self.start, end=_now(), engine="passive",
            interface=source.get("interface"), privileged=None, incomplete=incomplete,
            stats=ScanStats(hosts=len(obs), responses=sum(len(o.responses) for o in obs), probes_sent=0),
            notes=tuple(notes),
        )
        return PassiveResult(observations=obs, run=run, capture=capture, incomplete=incomplete, notes=notes)


def read_captures(paths: list[str], *, allow_public: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> PassiveResult:
    """Read capture files (``-`` is stdin) into observations."""
    lst = Listener(allow_public=allow_public, progress=progress)
    incomplete = False
    try:
        read_files(paths, lst.on_batch, lst.stats)
    except KeyboardInterrupt:
        incomplete = True
    return lst.result(source={"inputs": list(paths)}, incomplete=incomplete)


def listen(iface: str, seconds: float | None, *, allow_public: bool = False, ignore: frozenset[str] = frozenset(),
           stop: threading.Event | None = None, progress: Callable[[int, int], None] | None = None) -> PassiveResult:
    """Listen on ``iface`` for ``seconds`` (None: until Ctrl-C or ``stop``). Sends nothing.

    Ctrl-C ends the listening; with ``seconds`` given, an early Ctrl-C marks the result incomplete."""
    lst = Listener(allow_public=allow_public, ignore=ignore, progress=progress)
    incomplete = False
    try:
        read_live(iface, lst.on_batch, lst.stats, seconds=seconds, stop=stop, on_tick=lst.tick)
    except KeyboardInterrupt:
        incomplete = seconds is not None
    return lst.result(source={"interface": iface, "seconds": seconds}, incomplete=incomplete)
