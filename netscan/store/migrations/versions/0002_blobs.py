"""Records and observations stored once per content (blobs table, referenced by SHA-256)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

A nightly scan of an unchanged network repeats every device record: keeping each distinct record
once makes the inventory grow with the changes, not with the number of scans. Existing sightings
are moved over (their compressed bytes are kept as they are).
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_blobs")),
    )
    with op.batch_alter_table("sightings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("observation_hash", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    sightings = sa.table("sightings", sa.column("scan_id", sa.Integer), sa.column("device_id", sa.Integer),
                         sa.column("record", sa.LargeBinary), sa.column("observation", sa.LargeBinary),
                         sa.column("record_hash", sa.String), sa.column("observation_hash", sa.String))
    blobs = sa.table("blobs", sa.column("hash", sa.String), sa.column("data", sa.LargeBinary))
    seen: set[str] = set()
    rows = conn.execute(sa.select(sightings.c.scan_id, sightings.c.device_id, sightings.c.record,
                                  sightings.c.observation)).fetchall()
    for i in range(0, len(rows), _BATCH):
        new_blobs: list[dict[str, object]] = []
        updates: list[dict[str, object]] = []
        for scan_id, device_id, record, observation in rows[i:i + _BATCH]:
            hashes: list[str | None] = []
            for data in (record, observation):
                if data is None:
                    hashes.append(None)
                    continue
                h = hashlib.sha256(bytes(data)).hexdigest()
                if h not in seen:
                    seen.add(h)
                    new_blobs.append({"hash": h, "data": bytes(data)})
                hashes.append(h)
            updates.append({"s": scan_id, "d": device_id, "rh": hashes[0], "oh": hashes[1]})
        if new_blobs:
            conn.execute(sa.insert(blobs), new_blobs)
        conn.execute(sa.update(sightings).where(sightings.c.scan_id == sa.bindparam("s"),
                                                sightings.c.device_id == sa.bindparam("d"))
                     .values(record_hash=sa.bindparam("rh"), observation_hash=sa.bindparam("oh")), updates)
    with op.batch_alter_table("sightings", schema=None) as batch_op:
        batch_op.alter_column("record_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_foreign_key(op.f("fk_sightings_record_hash_blobs"), "blobs", ["record_hash"], ["hash"])
        batch_op.create_foreign_key(op.f("fk_sightings_observation_hash_blobs"), "blobs", ["observation_hash"], ["hash"])
        batch_op.drop_column("record")
        batch_op.drop_column("observation")


def downgrade() -> None:
    with op.batch_alter_table("sightings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("observation", sa.LargeBinary(), nullable=True))
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE sightings SET record = (SELECT data FROM blobs WHERE blobs.hash = sightings.record_hash), "
                         "observation = (SELECT data FROM blobs WHERE blobs.hash = sightings.observation_hash)"))
    with op.batch_alter_table("sightings", schema=None) as batch_op:
        batch_op.alter_column("record", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_constraint(op.f("fk_sightings_record_hash_blobs"), type_="foreignkey")
        batch_op.drop_constraint(op.f("fk_sightings_observation_hash_blobs"), type_="foreignkey")
        batch_op.drop_column("record_hash")
        batch_op.drop_column("observation_hash")
    op.drop_table("blobs")
