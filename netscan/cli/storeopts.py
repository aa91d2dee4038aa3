"""The inventory options every store-touching command shares (--db, --no-db, --site), and the
session a scan uses to write itself into the store."""

from __future__ import annotations

import argparse
import logging
import re
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from netscan.errors import StoreError, UsageError

if TYPE_CHECKING:
    from netscan.model import Observation, Report

logger = logging.getLogger(__name__)

_SITE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$")


def add_store_options(p: argparse.ArgumentParser, *, writer: bool = False) -> None:
    """``--db`` and ``--site`` (and ``--no-db`` for commands that write a scan)."""
    g = p.add_argument_group("inventory (docs/inventory.md)")
    g.add_argument("--db", metavar="PATH|URL",
                   help="inventory database: a SQLite file or postgresql://… URL (default: $NETSCAN_DB, else "
                   "inventory.sqlite in the user's data directory)")
    if writer:
        g.add_argument("--no-db", action="store_true", help="do not record this scan in the inventory")
        g.add_argument("--site", metavar="NAME", help="label the scan with this site (default: 'default')")
    else:
        g.add_argument("--site", metavar="NAME", help="only this site (default: every site)")


def site_of(args: argparse.Namespace, default: str | None = None) -> str | None:
    """The checked ``--site`` value (or ``default``)."""
    site = getattr(args, "site", None)
    if site is None:
        return default
    if not _SITE.match(site):
        raise UsageError("--site: 1-100 characters: letters, digits and . _ : @ / - (not first)")
    return str(site)


def open_from_args(args: argparse.Namespace) -> Any:
    """The store named by ``--db`` (migrated)."""
    from netscan.store import open_store

    return open_store(getattr(args, "db", None))


class StoreSession:
    """A scan's place in the inventory: opened (and the scan recorded as started) in a thread while
    the scan waits on the network, finished with the report when the scan ends."""

    def __init__(self, args: argparse.Namespace, *, source: str, targets: list[str], engine: str | None,
                 defer: bool = False) -> None:
        """``defer``: once the scan is recorded as started, the rest of the opening (SQLAlchemy's
        import and connection, when the start was recorded without them: netscan.store.started) waits
        for :meth:`idle` (or :meth:`finish`): a scan calls it when its hosts wait on the network."""
        from netscan.store import DEFAULT_SITE, resolve_url

        self.site = site_of(args, DEFAULT_SITE) or DEFAULT_SITE
        self.url = resolve_url(getattr(args, "db", None))  # a bad --db fails now, before the scan
        self.store: Any = None
        self.scan_id: int | None = None
        self.error: BaseException | None = None
        self.device_ids: list[int] = []
        self._started = threading.Event()
        self._go = threading.Event()
        self._abandoned = False
        if not defer:
            self._go.set()
        self._thread = threading.Thread(target=self._open, args=(source, targets, engine), name="netscan-store", daemon=True)
        self._thread.start()

    def _open(self, source: str, targets: list[str], engine: str | None) -> None:
        try:
            from netscan.store.started import begin_scan_sqlite

            quick = begin_scan_sqlite(self.url, site=self.site, source=source, targets=targets, engine=engine)
            if quick is not None:
                self.scan_id = quick
                self._started.set()
                self._go.wait()
                if self._abandoned:
                    return
            from netscan.store.db import Store

            store = Store.connect(self.url)
            store.migrate()
            if self.scan_id is None:
                self.scan_id = store.begin_scan(site=self.site, source=source, targets=targets, engine=engine)
            self.store = store
        except BaseException as exc:  # noqa: BLE001 - reported by finish()
            self.error = exc
        finally:
            self._started.set()

    def ready(self) -> None:
        """Wait until the scan is recorded as started (before the first packet: a scan killed from
        then on is in the inventory, marked incomplete). Errors wait for :meth:`finish`."""
        self._started.wait()

    def idle(self) -> None:
        """The scan waits on the network: the deferred part of the opening may run now."""
        self._go.set()

    def finish(self, report: Report, observations: list[Observation] | None, *, complete: bool) -> tuple[Report, Report]:
        """Store the report. Returns the report to print (accepted findings marked, the inventory
        scan in the header's ``store``, the changes since the previous scan of the site) and the
        report ``--fail-on`` judges (without the accepted findings).

        Raises:
            StoreError: the inventory could not be opened or written (the report is not lost:
                the caller prints it all the same).
        """
        self._go.set()
        self._thread.join()
        if self.error is not None or self.store is None or self.scan_id is None:
            raise _as_store_error(self.error)
        from netscan.store import changes, store_scan
        from netscan.store.adapter import mark_accepted, without_accepted

        try:
            self.device_ids = store_scan(self.store, self.scan_id, report, observations, complete=complete)
            scan = self.store.scan(self.scan_id)
            accepted = self.store.accepted()
            out = mark_accepted(report, self.device_ids, accepted)
            stored = {"scan": self.scan_id, "site": self.site, "complete": complete}
            out = replace(out, scan=replace(out.scan, extra={**out.scan.extra, "store": stored}))
            if complete and scan is not None:
                _, events = changes(self.store, scan)
                out = replace(out, changes=tuple(events))
            return out, without_accepted(report, self.device_ids, accepted)
        except StoreError:
            raise
        except Exception as exc:
            raise _as_store_error(exc) from None

    def close(self) -> None:
        """Release the database connections (a deferred opening that has not run is dropped)."""
        if not self._go.is_set():
            self._abandoned = True
            self._go.set()
            self._thread.join()
        if self.store is not None:
            self.store.close()


def _as_store_error(exc: BaseException | None) -> StoreError:
    if isinstance(exc, StoreError):
        return exc
    text = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300] if exc else "not opened"
    return StoreError(f"inventory: {text}")
