"""The inventory's tables (SQLAlchemy Core). The migrations under ``migrations/versions/`` create
exactly these; ``tests/store/test_migrations.py`` checks that the two agree on every backend.

    scans          one row per scan or imported file: site, targets, start/end, engine, complete
    devices        one row per physical device, with its current addresses and identification
    device_keys    the identity keys (serial:, mac:, ip:) that lead to a device (see identity.py)
    sightings      a device as one scan saw it: addresses, identification, and the hashes of the
                   report's device record and of the raw observation
    blobs          those records and observations, zlib-compressed JSON, stored once per content
                   (SHA-256): a device that did not change adds no record to a nightly scan
    findings       the findings of a sighting, one row each (for diff, --fail-on and reports)
    acceptances    the baseline: accepted findings of a device, with a reason and an end date
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
)

#: Constraint names spelled out, so migrations and every backend agree on them.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

scans = Table(
    "scans", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", String(200), nullable=False),
    Column("source", String(20), nullable=False),  # scan | watch | import | passive
    Column("targets", Text, nullable=False),  # JSON list
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    Column("engine", String(40)),
    Column("complete", Boolean, nullable=False, default=False),
    Column("device_count", Integer, nullable=False, default=0),
    Column("origin", Text),  # the imported file
    Column("header", LargeBinary),  # zlib JSON: the report's scan header
    Index("ix_scans_site_id", "site", "id"),
)

devices = Table(
    "devices", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("identity", String(300), nullable=False),  # the key it was first known by
    Column("site", String(200), nullable=False),  # where it was last seen
    Column("ip", String(64)),
    Column("mac", String(32)),
    Column("serial", String(200)),
    Column("vendor", String(200)),
    Column("brand", String(200)),
    Column("model", String(200)),
    Column("firmware", String(200)),
    Column("device_type", String(40)),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("first_scan_id", Integer, ForeignKey("scans.id")),
    Column("last_scan_id", Integer, ForeignKey("scans.id")),
    Index("ix_devices_ip", "ip"),
    Index("ix_devices_mac", "mac"),
    Index("ix_devices_serial", "serial"),
)

device_keys = Table(
    "device_keys", metadata,
    Column("key", String(400), primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False),
    Index("ix_device_keys_device_id", "device_id"),
)

sightings = Table(
    "sightings", metadata,
    Column("scan_id", Integer, ForeignKey("scans.id"), primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id"), primary_key=True),
    Column("ip", String(64)),
    Column("mac", String(32)),
    Column("serial", String(200)),
    Column("vendor", String(200)),
    Column("brand", String(200)),
    Column("model", String(200)),
    Column("firmware", String(200)),
    Column("device_type", String(40)),
    Column("confidence", Float),
    Column("covered", Boolean, nullable=False, default=False),
    Column("record_hash", String(64), ForeignKey("blobs.hash"), nullable=False),  # the report's device record
    Column("observation_hash", String(64), ForeignKey("blobs.hash")),  # the raw observation, when the source had it
    Index("ix_sightings_device_id", "device_id"),
)

blobs = Table(
    "blobs", metadata,
    Column("hash", String(64), primary_key=True),  # SHA-256 (hex) of data
    Column("data", LargeBinary, nullable=False),  # zlib JSON (adapter.pack)
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scan_id", Integer, ForeignKey("scans.id"), nullable=False),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False),
    Column("key", String(300), nullable=False),  # the CVE id, else the finding id (+ #n if repeated)
    Column("finding_id", String(100), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("cve", String(40)),
    Column("title", Text),
    Index("ix_findings_scan_id_device_id", "scan_id", "device_id"),
)

acceptances = Table(
    "acceptances", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False),
    Column("finding", String(300), nullable=False),  # a finding key, or a finding id for all of them
    Column("until", DateTime(timezone=True)),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_acceptances_device_id", "device_id"),
)
