"""Alembic environment: migrations run on the connection netscan.store hands over (no ini file,
no URL of its own), inside one transaction."""

from __future__ import annotations

from alembic import context

from netscan.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
