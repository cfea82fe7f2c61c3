"""Alembic environment: runs on the connection that mandates.store.db hands over."""

from alembic import context
from sqlmodel import SQLModel

import mandates.store.db  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
