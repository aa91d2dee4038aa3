"""``netscan watch --every DURATION [scan options]``: scan on a schedule into the inventory and
print what changed as JSON lines (docs/watch.md; event schema in docs/events.schema.json).

Each round: record the scan as started, scan, identify, store, diff against the previous complete
scan of the site, write the events (stdout or --events FILE), hand them to the webhook sender. A
round that fails is reported as a ``scan-failed`` event and the watcher goes on. SIGTERM or Ctrl-C
stops it cleanly: a scan under way is stored as incomplete, then the watcher exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import queue
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import IO, Any

from netscan.cli.exitcodes import ExitCode
from netscan.errors import NetscanError, UsageError

logger = logging.getLogger(__name__)

#: Shortest interval: a camera network rescanned more often than this is a flood, not a watch.
MIN_EVERY_S = 5.0
#: Webhook: attempts per event, the wait before each retry, and the per-request time cap.
WEBHOOK_ATTEMPTS = 4
WEBHOOK_BACKOFF_S = (1.0, 2.0, 4.0)
WEBHOOK_TIMEOUT_S = 5.0
#: Events waiting for a slow webhook beyond this are dropped (with a warning), never the watcher.
WEBHOOK_QUEUE = 10_000
#: How long a stopping watcher waits for the webhook queue to drain.
WEBHOOK_DRAIN_S = 5.0
_DUR = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """``30s``, ``15m``, ``1h30m``, ``1d``, ``90`` (seconds) -> seconds."""
    s = text.strip().lower()
    pos, total = 0, 0.0
    while pos < len(s):
        m = _DUR.match(s, pos)
        if not m or m.end() == pos:
            raise UsageError(f"--every: {text!r} is not a duration (e.g. 30s, 15m, 1h30m, 1d)")
        total += float(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    if not s or total <= 0:
        raise UsageError(f"--every: {text!r} is not a duration (e.g. 30s, 15m, 1h30m, 1d)")
    return total


def register(sub: Any) -> None:
    """Add ``watch``."""
    from netscan.cli.scan import add_scan_options
    from netscan.cli.storeopts import add_store_options

    p = sub.add_parser("watch", help="scan on a schedule into the inventory; print changes as JSON lines",
                       description="Scan every DURATION into the inventory and print each change (new or gone device, "
                       "changed address or firmware, new or resolved finding) as a JSON line (docs/watch.md). Stops on "
                       "SIGTERM or Ctrl-C.")
    p.add_argument("--every", required=True, metavar="DURATION", help=f"time between scan starts (e.g. 15m, 1h; at least {MIN_EVERY_S:g}s)")
    p.add_argument("--events", metavar="FILE", help="append events to FILE instead of stdout")
    p.add_argument("--webhook", metavar="URL", help="POST each event as JSON to URL (retried; a dead webhook never stops the watcher)")
    p.add_argument("--count", type=int, metavar="N", help="stop after N scans (default: run until stopped)")
    add_scan_options(p)
    add_store_options(p, writer=False)
    p.set_defaults(func=run, quiet=True)
    # --site labels the scans here (as for scan); reuse the writer help text
    for a in p._actions:
        if a.dest == "site":
            a.help = "label the scans with this site (default: 'default')"


class Webhook:
    """POSTs events from a queue in a thread, with retries; failures are logged, never raised."""

    def __init__(self, url: str) -> None:
        if not re.match(r"^https?://[^\s/]+", url):
            raise UsageError("--webhook: an http:// or https:// URL")
        self.url = url
        self.q: queue.Queue[dict[str, Any] | None] = queue.Queue(WEBHOOK_QUEUE)
        self.sent = 0
        self.failed = 0
        self._warned = False
        self.thread = threading.Thread(target=self._loop, name="netscan-webhook", daemon=True)
        self.thread.start()

    def put(self, event: dict[str, Any]) -> None:
        """Queue one event (dropped with a warning when the queue is full)."""
        try:
            self.q.put_nowait(event)
        except queue.Full:
            self.failed += 1
            logger.warning("webhook queue full: event dropped")

    def _post(self, body: bytes) -> None:
        req = urllib.request.Request(self.url, data=body, method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": "netscan-watch"})
        try:
            with urllib.request.urlopen(req, timeout=WEBHOOK_TIMEOUT_S) as resp:  # noqa: S310 - scheme checked above
                resp.read(65536)
        except urllib.error.HTTPError as exc:  # an error status: close its response, then retry
            exc.close()
            raise

    def _loop(self) -> None:
        while True:
            event = self.q.get()
            if event is None:
                return
            body = json.dumps(event, ensure_ascii=False).encode()
            for attempt in range(WEBHOOK_ATTEMPTS):
                try:
                    self._post(body)
                    self.sent += 1
                    break
                except (OSError, urllib.error.URLError, ValueError) as exc:
                    if attempt + 1 == WEBHOOK_ATTEMPTS:
                        self.failed += 1
                        level = logging.DEBUG if self._warned else logging.WARNING
                        logger.log(level, "webhook %s: event not delivered after %d attempts: %s", self.url,
                                   WEBHOOK_ATTEMPTS, exc)
                        self._warned = True
                    else:
                        time.sleep(WEBHOOK_BACKOFF_S[min(attempt, len(WEBHOOK_BACKOFF_S) - 1)])

    def close(self, drain_s: float = WEBHOOK_DRAIN_S) -> None:
        """Stop after the queued events (waiting at most ``drain_s``)."""
        try:
            self.q.put_nowait(None)
        except queue.Full:
            pass
        self.thread.join(drain_s)


class _Stop:
    """SIGTERM/SIGINT: stop after the current step; interrupt a scan under way (stored as incomplete)."""

    def __init__(self) -> None:
        self.requested = False
        self.scanning = False
        self._old: dict[int, Any] = {}

    def install(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._old[sig] = signal.signal(sig, self._handler)

    def restore(self) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)

    def _handler(self, signum: int, _frame: Any) -> None:
        self.requested = True
        if self.scanning:
            self.scanning = False
            raise KeyboardInterrupt  # the engine turns this into a partial, incomplete result

    def sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.requested:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.2))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def run(args: argparse.Namespace) -> int:
    """Run ``watch``."""
    from netscan.cli.scan import options_from_args
    from netscan.cli.storeopts import site_of
    from netscan.store import DEFAULT_SITE, open_store

    every = parse_duration(args.every)
    if every < MIN_EVERY_S:
        raise UsageError(f"--every: at least {MIN_EVERY_S:g}s")
    if args.count is not None and args.count < 1:
        raise UsageError("--count must be at least 1")
    if args.hosts_only:
        raise UsageError("watch: --hosts-only scans are not recorded in the inventory")
    options = options_from_args(args)  # bad scan options fail now, not at the first round
    site = site_of(args, DEFAULT_SITE) or DEFAULT_SITE
    out: IO[str]
    if args.events:
        try:
            out = open(args.events, "a", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise UsageError(f"--events: cannot open {args.events}: {exc.strerror}") from None
    else:
        out = sys.stdout
    hook = Webhook(args.webhook) if args.webhook else None
    store = open_store(args.db)
    stop = _Stop()
    stop.install()

    def emit(event: dict[str, Any]) -> None:
        event = {"time": _now(), **event}
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        out.flush()
        if hook is not None and not (event.get("type") == "finding-new" and event.get("accepted")):
            hook.put(event)

    rounds = 0
    try:
        emit({"type": "watch-started", "site": site, "every_s": every})
        while not stop.requested and (args.count is None or rounds < args.count):
            started = time.monotonic()
            rounds += 1
            _round(args, options, store, site, stop, emit)
            if stop.requested or (args.count is not None and rounds >= args.count):
                break
            stop.sleep(every - (time.monotonic() - started))
        emit({"type": "watch-stopped", "site": site, "scans": rounds})
    finally:
        stop.restore()
        if hook is not None:
            hook.close()
        store.close()
        if out is not sys.stdout:
            out.close()
    return int(ExitCode.OK)


def _round(args: argparse.Namespace, options: Any, store: Any, site: str, stop: _Stop, emit: Any) -> None:
    """One scan into the store, its change events emitted; never raises for a failed scan."""
    from netscan.store import changes, store_scan

    scan_id = None
    try:
        scan_id = store.begin_scan(site=site, source="watch", targets=list(options.targets), engine=options.engine)
        report, observations, complete = _scan(args, options, stop)
        store_scan(store, scan_id, report, observations, complete=complete)
        row = store.scan(scan_id)
        events = changes(store, row)[1] if complete and row is not None else []
        for e in events:
            emit(e)
        emit({"type": "scan-complete" if complete else "scan-incomplete", "site": site, "scan": scan_id,
              "devices": len(report.devices), "changes": len(events)})
    except KeyboardInterrupt:  # a stop request outside the engine's own handling
        stop.requested = True
        emit({"type": "scan-incomplete", "site": site, "scan": scan_id, "devices": 0, "changes": 0})
    except (NetscanError, OSError, RuntimeError, ValueError) as exc:
        logger.debug("watch round failed", exc_info=True)
        emit({"type": "scan-failed", "site": site, "scan": scan_id, "error": " ".join(str(exc).split())[:500]})
    except Exception as exc:  # noqa: BLE001 - a bug in one round must not end the watch
        logger.debug("watch round failed", exc_info=True)
        emit({"type": "scan-failed", "site": site, "scan": scan_id,
              "error": f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:400]}"})


def _scan(args: argparse.Namespace, options: Any, stop: _Stop) -> tuple[Any, list[Any], bool]:
    from netscan.engine import scan
    from netscan.model import ScanHeader
    from netscan.pipeline import analyse

    stop.scanning = True
    try:
        result = scan(options, None)
    finally:
        stop.scanning = False
    observations = result.observations  # (the opt-in credential check is an engine phase)
    report = analyse(observations, signatures=args.signatures, now=dt.datetime.now(dt.timezone.utc),
                     header=ScanHeader(command="watch", run=result.run))
    return report, observations, not result.incomplete
