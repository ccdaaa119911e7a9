"""What `info` tells of a database: its schema revision and how much it holds."""

from __future__ import annotations

from netcadence.store.db import Database


def summary(db: Database) -> dict[str, object]:
    return {
        "schema_revision": db.value("SELECT version_num FROM alembic_version"),
        "contacts": db.value("SELECT count(*) FROM contact"),
        "touches": db.value("SELECT count(*) FROM touch"),
    }
