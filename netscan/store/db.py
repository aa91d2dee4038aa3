"""The inventory store: one class over SQLAlchemy Core, the same code for SQLite and PostgreSQL.

Writes happen in transactions: a scan is first recorded as *incomplete* (its own short
transaction, before the network is touched), and its devices, sightings and findings are written
together with the flag that completes it, in one transaction. A process killed at any moment
therefore leaves either the incomplete scan row alone or everything; earlier scans are never
touched. SQLite runs in WAL mode, so ``inventory`` and ``report`` read while a watcher writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from netscan.errors import StoreError
from netscan.store import schema as t
from netscan.store.adapter import SightingRecord, pack, parse_time, unpack
from netscan.store.diff import DeviceState, FindingState
from netscan.store.identity import keys_for, mac_is_identity, normalise_mac, normalise_serial
from netscan.store.started import SCHEMA_HEAD
from netscan.store.started import SQLITE_BUSY_MS as _STARTED_BUSY_MS

logger = logging.getLogger(__name__)

#: How long a writer waits for another writer's lock (SQLite busy timeout), in milliseconds: a
#: /22 scan's ingest takes well under a second; a minute covers a slow disk and many writers.
SQLITE_BUSY_MS = _STARTED_BUSY_MS
#: Rows per IN (...) look-up (SQLite's default bound-parameter limit is 32,766; stay far below).
CHUNK = 500
#: PostgreSQL advisory lock id serialising identity resolution among concurrent writers.
PG_INGEST_LOCK = 0x6E657473  # "nets"
#: PostgreSQL advisory lock id serialising schema migrations.
PG_MIGRATE_LOCK = 0x6E657474
#: Attempts at an ingest transaction that hit a serialisation or unique-key conflict.
MAX_INGEST_ATTEMPTS = 5
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The newest migration's revision (tests/store/test_store.py checks it is alembic's head).
HEAD = SCHEMA_HEAD  # (defined beside the scan-start path that needs no SQLAlchemy: netscan.store.started)


def utcnow() -> dt.datetime:
    """Now, aware, UTC, whole seconds."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def iso(value: dt.datetime | None) -> str | None:
    """A stored time as ``2026-12-06T03:00:00Z``."""
    v = _aware(value)
    return v.isoformat(timespec="seconds").replace("+00:00", "Z") if v else None


@dataclass(frozen=True)
class ScanRow:
    """A scan as ``inventory scans``/``report`` list it."""

    id: int
    site: str
    source: str
    targets: list[str]
    started_at: str | None
    ended_at: str | None
    engine: str | None
    complete: bool
    device_count: int
    origin: str | None

    def to_dict(self) -> dict[str, Any]:
        """As JSON."""
        return dict(self.__dict__)


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class Store:
    """The inventory at one database URL. Open with :func:`netscan.store.open_store`."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- connection handling -------------------------------------------------------------------

    @classmethod
    def connect(cls, url: str) -> Store:
        """Create the engine for ``url`` (SQLite gets WAL, a busy timeout and explicit BEGINs)."""
        try:
            engine = sa.create_engine(url, future=True, pool_pre_ping=url.startswith("postgresql"))
        except ImportError as exc:
            raise StoreError(f"--db: the database driver is not installed ({exc.name}); for PostgreSQL: "
                             "pip install 'netscan[postgresql]'") from None
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"--db: cannot use {_redact(url)}: {exc}") from None
        if engine.dialect.name == "sqlite":
            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
                dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (SQLAlchemy docs, pysqlite)
                cur = dbapi_conn.cursor()
                cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: an app crash never loses a commit
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

            @event.listens_for(engine, "begin")
            def _on_begin(conn: Connection) -> None:
                # writers take the write lock up front: a deferred transaction upgrading later can
                # fail with SQLITE_BUSY without waiting for the busy timeout
                conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("netscan_write") else "BEGIN")
        return cls(url, engine)

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(netscan_write=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_INGEST_LOCK})
            yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    # -- schema --------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the newest migration (once per database, also with many writers)."""
        try:
            with self.engine.connect() as conn:
                current = _current_revision(conn)
                conn.rollback()
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot open the inventory {_redact(self.url)}: {_one_line(exc)}") from None
        if current == HEAD:
            return  # the usual case, without importing alembic (start-up time of every scan)
        from alembic.runtime.migration import MigrationContext

        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        head = HEAD
        with self._migration_lock():
            with self.engine.connect().execution_options(netscan_write=True) as conn:
                if self.dialect == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATE_LOCK})
                    conn.commit()
                try:
                    current = MigrationContext.configure(conn).get_current_revision()
                    conn.rollback()
                    if current != head:
                        cfg.attributes["connection"] = conn
                        command.upgrade(cfg, "head")
                        conn.commit()
                        logger.info("inventory schema at %s (%s)", head, _redact(self.url))
                finally:
                    if self.dialect == "postgresql":
                        conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATE_LOCK})
                        conn.commit()

    @contextlib.contextmanager
    def _migration_lock(self) -> Iterator[None]:
        path = self.engine.url.database if self.dialect == "sqlite" else None
        if not path or path == ":memory:":
            yield
            return
        with open(f"{path}.migrate-lock", "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- writing -------------------------------------------------------------------------------

    def begin_scan(self, *, site: str, source: str, targets: list[str], started_at: dt.datetime | None = None,
                   engine: str | None = None, origin: str | None = None) -> int:
        """Record a scan that has started (incomplete until :meth:`record_scan`); returns its id."""
        with self._write() as conn:
            return self._insert_scan(conn, site=site, source=source, targets=targets,
                                     started_at=started_at or utcnow(), engine=engine, origin=origin)

    @staticmethod
    def _insert_scan(conn: Connection, *, site: str, source: str, targets: list[str], started_at: dt.datetime,
                     engine: str | None, origin: str | None) -> int:
        res = conn.execute(sa.insert(t.scans).returning(t.scans.c.id), {
            "site": site, "source": source, "targets": json.dumps(list(targets)), "started_at": started_at,
            "engine": engine, "complete": False, "device_count": 0, "origin": origin,
        })
        return int(res.scalar_one())

    def record_scan(self, scan_id: int, header: dict[str, Any], sightings: list[SightingRecord], *,
                    complete: bool) -> list[int]:
        """Write a scan's devices and mark it finished (complete or not), all in one transaction;
        returns the device id of each sighting."""
        for attempt in range(1, MAX_INGEST_ATTEMPTS + 1):
            try:
                with self._write() as conn:
                    row = conn.execute(sa.select(t.scans.c.site, t.scans.c.started_at).where(t.scans.c.id == scan_id)).one_or_none()
                    if row is None:
                        raise StoreError(f"scan {scan_id} is not in the inventory")
                    # a capture file or an imported scan knows when it was made; a live scan's start
                    # is within a second of the row's
                    seen = parse_time(header.get("start")) or _aware(row.started_at) or utcnow()
                    return self._ingest(conn, scan_id, row.site, seen, header, sightings, complete)
            except sa.exc.IntegrityError:
                if attempt == MAX_INGEST_ATTEMPTS:
                    raise
                logger.debug("ingest conflict, retrying (%d)", attempt)
        raise StoreError("unreachable")  # pragma: no cover

    def add_scan(self, *, site: str, source: str, header: dict[str, Any], sightings: list[SightingRecord],
                 complete: bool, origin: str | None = None) -> int:
        """Record a whole scan at once (``inventory import``): scan row and devices in one transaction."""
        started = parse_time(header.get("start")) or parse_time(header.get("generated")) or utcnow()
        targets = header.get("targets") or []
        with self._write() as conn:
            scan_id = self._insert_scan(conn, site=site, source=source,
                                        targets=[str(x) for x in targets] if isinstance(targets, list) else [str(targets)],
                                        started_at=started, engine=_str_or_none(header.get("engine")), origin=origin)
            self._ingest(conn, scan_id, site, started, header, sightings, complete)
        return scan_id

    def _ingest(self, conn: Connection, scan_id: int, site: str, seen: dt.datetime, header: dict[str, Any],
                sightings: list[SightingRecord], complete: bool) -> list[int]:
        keysets = [keys_for(site, s.ip, s.mac, s.serial, s.vendor) for s in sightings]
        wanted = sorted({k for ks in keysets for k in ks.ordered()})
        owner: dict[str, int] = {}
        for part in _chunks(wanted):
            for key, did in conn.execute(sa.select(t.device_keys.c.key, t.device_keys.c.device_id).where(t.device_keys.c.key.in_(part))):
                owner[key] = int(did)
        known: dict[int, Any] = {}
        ids = sorted(set(owner.values()))
        for part in _chunks(ids):
            for r in conn.execute(sa.select(t.devices.c.id, t.devices.c.serial, t.devices.c.mac, t.devices.c.first_seen,
                                            t.devices.c.last_seen).where(t.devices.c.id.in_(part))):
                known[int(r.id)] = r
        used: set[int] = set()
        chosen: list[int | None] = []
        for s, ks in zip(sightings, keysets):
            did = None
            for kind, key in (("serial", ks.serial), ("mac", ks.mac), ("ip", ks.ip)):
                cand = owner.get(key) if key else None
                if cand is None or cand in used:
                    continue
                if kind != "serial" and _conflicts(known.get(cand), s):
                    continue
                did = cand
                break
            chosen.append(did)
            if did is not None:
                used.add(did)
        # new devices
        new_idx = [i for i, d in enumerate(chosen) if d is None]
        if new_idx:
            params = [self._device_values(sightings[i], site, seen, scan_id) | {"identity": keysets[i].ordered()[0] if keysets[i].ordered() else f"scan:{scan_id}:{i}",
                                                                                 "first_seen": seen, "first_scan_id": scan_id}
                      for i in new_idx]
            res = conn.execute(sa.insert(t.devices).returning(t.devices.c.id, sort_by_parameter_order=True), params)
            for i, did in zip(new_idx, res.scalars().all()):
                chosen[i] = int(did)
        # existing devices: newer sightings update the current state; older ones (an import of an
        # old scan) may move first_seen back
        newer: list[dict[str, Any]] = []
        older: list[dict[str, Any]] = []
        for i, did in enumerate(chosen):
            prev = known.get(did) if did is not None else None
            if prev is None:
                continue
            if seen >= (_aware(prev.last_seen) or seen):
                newer.append({"_id": did, **self._device_values(sightings[i], site, seen, scan_id)})
            if seen < (_aware(prev.first_seen) or seen):
                older.append({"_id": did, "first_seen": seen, "first_scan_id": scan_id})
        if newer:
            cols: dict[str, Any] = {c: sa.bindparam(c) for c in newer[0] if c != "_id"}
            conn.execute(sa.update(t.devices).where(t.devices.c.id == sa.bindparam("_id")).values(**cols), newer)
        if older:
            conn.execute(sa.update(t.devices).where(t.devices.c.id == sa.bindparam("_id"))
                         .values(first_seen=sa.bindparam("first_seen"), first_scan_id=sa.bindparam("first_scan_id")), older)
        # identity keys: serial/mac keys are permanent; an ip key moves to the device holding the address
        add_keys: dict[str, int] = {}
        move_keys: dict[str, int] = {}
        for ks, did in zip(keysets, chosen):
            assert did is not None
            for key in (ks.serial, ks.mac):
                if key and key not in owner and key not in add_keys:
                    add_keys[key] = did
            if ks.ip:
                if ks.ip not in owner and ks.ip not in add_keys:
                    add_keys[ks.ip] = did
                elif owner.get(ks.ip) != did and seen >= _latest(known, owner.get(ks.ip), seen):
                    move_keys[ks.ip] = did
        if add_keys:
            conn.execute(sa.insert(t.device_keys), [{"key": k, "device_id": v} for k, v in sorted(add_keys.items())])
        if move_keys:
            conn.execute(sa.update(t.device_keys).where(t.device_keys.c.key == sa.bindparam("_key"))
                         .values(device_id=sa.bindparam("device_id")),
                         [{"_key": k, "device_id": v} for k, v in sorted(move_keys.items())])
        # sightings and findings
        rows, frows = [], []
        blobs: dict[str, bytes] = {}

        def blob(value: Any) -> str | None:
            if value is None:
                return None
            data = pack(value)
            h = hashlib.sha256(data).hexdigest()
            blobs.setdefault(h, data)
            return h

        for s, did in zip(sightings, chosen):
            rows.append({
                "scan_id": scan_id, "device_id": did, "ip": s.ip, "mac": s.mac, "serial": s.serial, "vendor": s.vendor,
                "brand": s.brand, "model": s.model, "firmware": s.firmware, "device_type": s.device_type,
                "confidence": s.confidence, "covered": s.covered, "record_hash": blob(s.record),
                "observation_hash": blob(s.observation),
            })
            frows += [{"scan_id": scan_id, "device_id": did, "key": f.key, "finding_id": f.finding_id,
                       "severity": f.severity, "cve": f.cve, "title": f.title} for f in s.findings]
        known_blobs: set[str] = set()
        for part in _chunks(sorted(blobs)):
            known_blobs.update(r[0] for r in conn.execute(sa.select(t.blobs.c.hash).where(t.blobs.c.hash.in_(part))))
        fresh = [{"hash": h, "data": d} for h, d in sorted(blobs.items()) if h not in known_blobs]
        if fresh:
            conn.execute(sa.insert(t.blobs), fresh)
        if rows:
            conn.execute(sa.insert(t.sightings), rows)
        if frows:
            conn.execute(sa.insert(t.findings), frows)
        end = parse_time(header.get("end")) or utcnow()
        extra: dict[str, Any] = {}
        targets = header.get("targets")
        if isinstance(targets, list) and targets:
            extra["targets"] = json.dumps([str(x) for x in targets])
        conn.execute(sa.update(t.scans).where(t.scans.c.id == scan_id).values(
            **extra, started_at=seen, ended_at=end, complete=complete, device_count=len(rows), header=pack(header),
            engine=_str_or_none(header.get("engine")),
        ))
        return [int(d) for d in chosen if d is not None]

    @staticmethod
    def _device_values(s: SightingRecord, site: str, seen: dt.datetime, scan_id: int) -> dict[str, Any]:
        return {"site": site, "ip": s.ip, "mac": s.mac, "serial": s.serial, "vendor": s.vendor, "brand": s.brand,
                "model": s.model, "firmware": s.firmware, "device_type": s.device_type, "last_seen": seen,
                "last_scan_id": scan_id}

    def accept(self, device_id: int, finding: str, reason: str, until: dt.datetime | None) -> int:
        """Add a finding to the baseline; returns the acceptance id."""
        with self._write() as conn:
            res = conn.execute(sa.insert(t.acceptances).returning(t.acceptances.c.id), {
                "device_id": device_id, "finding": finding, "reason": reason, "until": until, "created_at": utcnow()})
            return int(res.scalar_one())

    # -- reading -------------------------------------------------------------------------------

    def scans(self, site: str | None = None, *, complete_only: bool = False, limit: int | None = None) -> list[ScanRow]:
        """Scans, newest first."""
        q = sa.select(t.scans).order_by(t.scans.c.id.desc())
        if site is not None:
            q = q.where(t.scans.c.site == site)
        if complete_only:
            q = q.where(t.scans.c.complete.is_(True))
        if limit:
            q = q.limit(limit)
        with self._read() as conn:
            return [_scan_row(r) for r in conn.execute(q)]

    def scan(self, scan_id: int) -> ScanRow | None:
        """One scan, or None."""
        with self._read() as conn:
            r = conn.execute(sa.select(t.scans).where(t.scans.c.id == scan_id)).one_or_none()
        return _scan_row(r) if r is not None else None

    def previous_complete(self, scan: ScanRow) -> ScanRow | None:
        """The newest complete scan of the same site before ``scan``."""
        q = (sa.select(t.scans).where(t.scans.c.site == scan.site, t.scans.c.complete.is_(True), t.scans.c.id < scan.id)
             .order_by(t.scans.c.id.desc()).limit(1))
        with self._read() as conn:
            r = conn.execute(q).one_or_none()
        return _scan_row(r) if r is not None else None

    def sites(self) -> list[str]:
        """Every site with a scan."""
        with self._read() as conn:
            return sorted(r[0] for r in conn.execute(sa.select(t.scans.c.site).distinct()))

    def devices(self, site: str | None = None) -> list[dict[str, Any]]:
        """Every device with its current state, by id."""
        q = sa.select(t.devices).order_by(t.devices.c.id)
        if site is not None:
            q = q.where(t.devices.c.site == site)
        with self._read() as conn:
            return [_device_dict(r) for r in conn.execute(q)]

    def find_devices(self, ref: str) -> list[dict[str, Any]]:
        """Devices matching ``ref``: a device id, an IP, a MAC or a serial number."""
        conds = []
        if ref.isdigit():
            conds.append(t.devices.c.id == int(ref))
        mac = normalise_mac(ref) if any(c in ref for c in ":-.") or len(ref) == 12 else None
        if mac:
            conds.append(t.devices.c.mac == mac)
        conds.append(t.devices.c.ip == ref)
        serial = normalise_serial(ref)
        if serial:
            conds.append(sa.func.upper(t.devices.c.serial) == serial)
        with self._read() as conn:
            rows = list(conn.execute(sa.select(t.devices).where(sa.or_(*conds)).order_by(t.devices.c.id)))
            if not rows:  # an address the device held in an earlier scan
                ids = [r[0] for r in conn.execute(sa.select(t.sightings.c.device_id).where(t.sightings.c.ip == ref).distinct())]
                if ids:
                    rows = list(conn.execute(sa.select(t.devices).where(t.devices.c.id.in_(ids)).order_by(t.devices.c.id)))
        return [_device_dict(r) for r in rows]

    def history(self, device_id: int) -> list[dict[str, Any]]:
        """Every sighting of a device, oldest first, with its scan and findings."""
        q = (sa.select(t.sightings.c.scan_id, t.sightings.c.ip, t.sightings.c.mac, t.sightings.c.serial, t.sightings.c.vendor,
                       t.sightings.c.brand, t.sightings.c.model, t.sightings.c.firmware, t.sightings.c.device_type,
                       t.scans.c.site, t.scans.c.started_at, t.scans.c.complete)
             .join(t.scans, t.scans.c.id == t.sightings.c.scan_id)
             .where(t.sightings.c.device_id == device_id).order_by(t.scans.c.started_at, t.scans.c.id))
        with self._read() as conn:
            out = []
            fs: dict[int, list[str]] = {}
            for sid, key in conn.execute(sa.select(t.findings.c.scan_id, t.findings.c.key)
                                         .where(t.findings.c.device_id == device_id).order_by(t.findings.c.key)):
                fs.setdefault(int(sid), []).append(key)
            for r in conn.execute(q):
                out.append({"scan": int(r.scan_id), "site": r.site, "time": iso(r.started_at), "complete": bool(r.complete),
                            "ip": r.ip, "mac": r.mac, "serial": r.serial, "vendor": r.vendor, "brand": r.brand,
                            "model": r.model, "firmware": r.firmware, "device_type": r.device_type,
                            "findings": fs.get(int(r.scan_id), [])})
        return out

    def latest_record(self, device_id: int) -> dict[str, Any] | None:
        """The device's record (identification, evidence, findings) from its newest sighting."""
        q = (sa.select(t.blobs.c.data).select_from(t.sightings).join(t.scans, t.scans.c.id == t.sightings.c.scan_id)
             .join(t.blobs, t.blobs.c.hash == t.sightings.c.record_hash)
             .where(t.sightings.c.device_id == device_id).order_by(t.scans.c.started_at.desc(), t.scans.c.id.desc()).limit(1))
        with self._read() as conn:
            blob = conn.execute(q).scalar_one_or_none()
        return unpack(blob) if blob is not None else None

    def snapshot(self, scan_id: int) -> dict[int, DeviceState]:
        """A scan's devices as the diff sees them."""
        with self._read() as conn:
            fs: dict[int, list[FindingState]] = {}
            for r in conn.execute(sa.select(t.findings).where(t.findings.c.scan_id == scan_id).order_by(t.findings.c.id)):
                fs.setdefault(int(r.device_id), []).append(FindingState(r.key, r.finding_id, r.severity, r.title or "", r.cve))
            out: dict[int, DeviceState] = {}
            for r in conn.execute(sa.select(t.sightings.c.device_id, t.sightings.c.ip, t.sightings.c.mac, t.sightings.c.serial,
                                            t.sightings.c.vendor, t.sightings.c.brand, t.sightings.c.model,
                                            t.sightings.c.firmware, t.sightings.c.device_type, t.sightings.c.covered)
                                  .where(t.sightings.c.scan_id == scan_id)):
                did = int(r.device_id)
                out[did] = DeviceState(did, r.ip, r.mac, r.serial, r.vendor, r.brand, r.model, r.firmware, r.device_type,
                                       bool(r.covered), tuple(fs.get(did, ())))
        return out

    def records(self, scan_id: int) -> list[tuple[int, dict[str, Any], dict[str, Any] | None]]:
        """A scan's device records (the report's device dicts) with their device ids and raw
        observations, in address order."""
        with self._read() as conn:
            rec, obs = t.blobs.alias("rec"), t.blobs.alias("obs")
            rows = [(int(r.device_id), unpack(r.record), unpack(r.observation)) for r in conn.execute(
                sa.select(t.sightings.c.device_id, rec.c.data.label("record"), obs.c.data.label("observation"))
                .select_from(t.sightings.join(rec, rec.c.hash == t.sightings.c.record_hash)
                             .outerjoin(obs, obs.c.hash == t.sightings.c.observation_hash))
                .where(t.sightings.c.scan_id == scan_id))]
        return sorted(rows, key=lambda x: (_addr_key(x[1].get("ip")), x[0]))

    def observations(self, scan_id: int) -> list[dict[str, Any]]:
        """A scan's raw observations (where the source had them)."""
        with self._read() as conn:
            return [unpack(b) for (b,) in conn.execute(
                sa.select(t.blobs.c.data).select_from(t.sightings.join(t.blobs, t.blobs.c.hash == t.sightings.c.observation_hash))
                .where(t.sightings.c.scan_id == scan_id).order_by(t.sightings.c.device_id))]

    def header(self, scan_id: int) -> dict[str, Any]:
        """The scan header as the report had it (plus the store's id, site and completeness)."""
        with self._read() as conn:
            r = conn.execute(sa.select(t.scans).where(t.scans.c.id == scan_id)).one_or_none()
        if r is None:
            raise StoreError(f"no scan {scan_id} in the inventory")
        head = unpack(r.header) or {}
        targets = json.loads(r.targets or "[]")
        head.setdefault("targets", targets)
        head.setdefault("start", iso(r.started_at))
        if r.ended_at is not None:
            head.setdefault("end", iso(r.ended_at))
        head["store"] = {"scan": int(r.id), "site": r.site, "source": r.source, "complete": bool(r.complete)}
        head["incomplete"] = not bool(r.complete)
        return head

    def accepted(self, at: dt.datetime | None = None) -> set[tuple[int, str]]:
        """The baseline in force at ``at`` (default now): (device id, finding key or id) pairs."""
        now = at or utcnow()
        with self._read() as conn:
            rows = list(conn.execute(sa.select(t.acceptances.c.device_id, t.acceptances.c.finding, t.acceptances.c.until)))
        return {(int(d), f) for d, f, u in rows if u is None or (_aware(u) or now) > now}

    def acceptances(self, device_id: int | None = None) -> list[dict[str, Any]]:
        """Every acceptance (also expired ones), for ``inventory show``."""
        q = sa.select(t.acceptances).order_by(t.acceptances.c.id)
        if device_id is not None:
            q = q.where(t.acceptances.c.device_id == device_id)
        with self._read() as conn:
            return [{"id": int(r.id), "device": int(r.device_id), "finding": r.finding, "until": iso(r.until),
                     "reason": r.reason, "created": iso(r.created_at)} for r in conn.execute(q)]

    def counts(self) -> dict[str, int]:
        """Rows per table (for tests and benchmarks)."""
        with self._read() as conn:
            return {name: int(conn.execute(sa.select(sa.func.count()).select_from(tab)).scalar_one())
                    for name, tab in (("scans", t.scans), ("devices", t.devices), ("sightings", t.sightings),
                                      ("findings", t.findings), ("device_keys", t.device_keys), ("blobs", t.blobs))}


def _current_revision(conn: Connection) -> str | None:
    """The schema revision alembic recorded (None: an empty database)."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def _latest(known: dict[int, Any], did: int | None, default: dt.datetime) -> dt.datetime:
    r = known.get(did) if did is not None else None
    return (_aware(r.last_seen) if r is not None else None) or default


def _conflicts(dev: Any, s: SightingRecord) -> bool:
    """A key led to a device that cannot be this one: both have serials (or real MACs) that differ."""
    if dev is None:
        return False
    a, b = normalise_serial(dev.serial), normalise_serial(s.serial)
    if a and b and a != b:
        return True
    ma, mb = normalise_mac(dev.mac), normalise_mac(s.mac)
    return bool(ma and mb and ma != mb and mac_is_identity(ma) and mac_is_identity(mb))


def _addr_key(ip: Any) -> tuple[int, int, str]:
    import ipaddress

    try:
        a = ipaddress.ip_address(str(ip))
        return (a.version, int(a), "")
    except ValueError:
        return (9, 0, str(ip))


def _str_or_none(v: Any) -> str | None:
    return str(v)[:40] if v not in (None, "") else None


def _scan_row(r: Any) -> ScanRow:
    return ScanRow(id=int(r.id), site=r.site, source=r.source, targets=json.loads(r.targets or "[]"),
                   started_at=iso(r.started_at), ended_at=iso(r.ended_at), engine=r.engine, complete=bool(r.complete),
                   device_count=int(r.device_count or 0), origin=r.origin)


def _device_dict(r: Any) -> dict[str, Any]:
    return {"id": int(r.id), "site": r.site, "ip": r.ip, "mac": r.mac, "serial": r.serial, "vendor": r.vendor,
            "brand": r.brand, "model": r.model, "firmware": r.firmware, "device_type": r.device_type,
            "first_seen": iso(r.first_seen), "last_seen": iso(r.last_seen), "first_scan": r.first_scan_id,
            "last_scan": r.last_scan_id, "identity": r.identity}


def _redact(url: str) -> str:
    """A URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL at all
        return url


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return " ".join(text.split())[:300]
