"""Persistence: the facts database (SQLModel; SQLite by default, PostgreSQL by URL), its Alembic
migrations, and the atomic file writer."""
