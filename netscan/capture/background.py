"""Listening beside an active scan (``scan --passive-seconds N``).

The listener runs in its own process (``python -m netscan.capture.background``): libpcap's reads
hold the interpreter lock, which would stall the scan's event loop in a thread. It hears the link
for N seconds before the scan and all through it; on SIGTERM it writes its observations (JSON,
the observation format) and exits. The scanner's own address is left out by the BPF filter, so
replies to our probes are not counted twice: the active path records those.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from netscan.errors import CaptureError, NoCaptureRights
from netscan.model import Observation

#: Seconds the parent waits for the listener to report that capture started (or failed).
START_TIMEOUT_S = 10.0
#: Seconds the listener gets to write its observations once told to stop.
STOP_TIMEOUT_S = 20.0
_READY = "listening\n"


class BackgroundListener:
    """A listener process on ``iface``; ``stop()`` returns what it heard."""

    def __init__(self, iface: str, ignore: list[str]) -> None:
        self.iface = iface
        self.ignore = ignore
        self._dir = tempfile.TemporaryDirectory(prefix="netscan-passive-")
        self.out = Path(self._dir.name) / "heard.json"
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        """Start listening; raises NoCaptureRights / CaptureError when capture cannot start."""
        cmd = [sys.executable, "-m", "netscan.capture.background", "--iface", self.iface, "--out", str(self.out)]
        for x in self.ignore:
            cmd += ["--ignore", x]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until the child says it listens, or exits
        if line != _READY:
            rc = self.proc.wait(timeout=START_TIMEOUT_S)
            err = (self.proc.stderr.read() if self.proc.stderr else "").strip().splitlines()
            msg = err[-1] if err else f"listener exited with {rc}"
            self._dir.cleanup()
            if rc == 6:
                raise NoCaptureRights(msg.removeprefix("netscan: "))
            raise CaptureError(msg.removeprefix("netscan: "))

    def stop(self) -> tuple[list[Observation], dict[str, Any]]:
        """Stop listening; the observations heard and the listener's counts."""
        import json

        from netscan.observations import load_text

        assert self.proc is not None
        try:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        try:
            text = self.out.read_text(encoding="utf-8") if self.out.exists() else ""
            if not text.strip():
                return [], {}
            doc = json.loads(text)
            obs = load_text(json.dumps(doc["observations"]), "passive listener") if doc["observations"] else []
            return obs, dict(doc.get("counts", {}))
        finally:
            self._dir.cleanup()


def merge(active: list[Observation], heard: list[Observation], keep: Any) -> tuple[list[Observation], int]:
    """Add what was heard to the scanned devices (same address: responses appended, MAC filled in);
    devices only heard are added when ``keep(ip)`` allows them. Returns (observations, devices added)."""
    from dataclasses import replace

    by_ip = {o.ip: i for i, o in enumerate(active) if o.ip}
    out = list(active)
    added = 0
    for h in heard:
        if not h.ip:
            continue
        i = by_ip.get(h.ip)
        if i is None:
            if keep(h.ip):
                out.append(h)
                by_ip[h.ip] = len(out) - 1
                added += 1
            continue
        o = out[i]
        have = {(r.protocol, r.port, r.request, r.raw) for r in o.responses}
        extra = tuple(r for r in h.responses if (r.protocol, r.port, r.request, r.raw) not in have)
        out[i] = replace(o, mac=o.mac or h.mac, responses=o.responses + extra,
                         open_ports=tuple(sorted(set(o.open_ports) | set(h.open_ports))))
    def key(o: Observation) -> tuple[int, int]:
        try:
            a = ipaddress.ip_address(o.ip or "")
        except ValueError:
            return (9, 0)
        return (a.version, int(a))

    return sorted(out, key=key), added


def _main(argv: list[str]) -> int:
    from netscan.capture import Listener
    from netscan.capture.source import read_live
    from netscan.observations import dumps

    ap = argparse.ArgumentParser(prog="netscan.capture.background")
    ap.add_argument("--iface", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--ignore", action="append", default=[])
    a = ap.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    ignore = frozenset(x.lower() for x in a.ignore)
    lst = Listener(ignore=ignore)
    hosts = [x for x in a.ignore if ":" not in x]
    def ready() -> None:
        sys.stdout.write(_READY)
        sys.stdout.flush()

    try:
        read_live(a.iface, lst.on_batch, lst.stats, stop=stop, exclude_hosts=hosts, on_open=ready)
    except NoCaptureRights as exc:
        sys.stderr.write(f"netscan: {exc}\n")
        return 6
    except Exception as exc:  # noqa: BLE001 - one line for the parent, which reports it
        sys.stderr.write(f"netscan: {exc}\n")
        return 1
    res = lst.result(source={"interface": a.iface})
    import json

    Path(a.out).write_text(json.dumps({"observations": json.loads(dumps(res.observations)), "counts": res.capture}),
                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
