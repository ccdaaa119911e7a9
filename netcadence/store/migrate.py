"""Schema upgrades through Alembic, each run in one transaction that rolls back whole.

Only imported when the stored revision is not the current one (see db.py), so the
everyday commands never load SQLAlchemy or Alembic.
"""

from __future__ import annotations

from pathlib import Path

from netcadence.store.db import MIGRATION_LOCK_KEY, Location, connect_sqlite_file

MIGRATIONS = Path(__file__).with_name("migrations")


def known_revisions(migrations: Path | None = None) -> set[str]:
    versions = (migrations or MIGRATIONS) / "versions"
    return {path.name.split("_", 1)[0] for path in versions.glob("[0-9]*_*.py")}


def include_object(backend: str):
    """Alembic's filter for comparing the models with a database of one backend: an
    index the models declare for another backend only (info["backend"]) is left out."""

    def include(obj, _name, type_, reflected, _compare_to) -> bool:
        return reflected or type_ != "index" or obj.info.get("backend", backend) == backend

    return include


def alembic_config(connection=None, migrations: Path | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations or MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def sqlalchemy_engine(location: Location):
    """An engine for migrations; on SQLite, SQLAlchemy's recipe for transactional DDL.

    Foreign keys stay off on this connection, as SQLite requires while a batch
    migration copies a table: with them on, dropping the old table would cascade.
    The URL is passed whole, so a PostgreSQL `?options=-csearch_path%3D...` is
    honoured as it is by the everyday connection.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    if location.backend != "sqlite":
        return create_engine(location.url, poolclass=NullPool)
    assert location.path is not None
    path = location.path
    engine = create_engine("sqlite://", creator=lambda: connect_sqlite_file(path),
                           poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade_to_head(
    location: Location, revision: str = "head", migrations: Path | None = None
) -> None:
    """Run the missing migrations in one transaction, one process at a time."""
    from alembic import command
    from sqlalchemy import text

    engine = sqlalchemy_engine(location)
    try:
        with engine.begin() as connection:
            if location.backend == "postgresql":
                # Two commands opening a new database at once: the second waits,
                # then finds the schema current.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            command.upgrade(alembic_config(connection, migrations), revision)
    finally:
        engine.dispose()
