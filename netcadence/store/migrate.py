"""Schema upgrades through Alembic, each run in one transaction that rolls back whole."""

from __future__ import annotations

from pathlib import Path

from netcadence.store.db import Location

VERSIONS = Path(__file__).with_name("migrations") / "versions"


def known_revisions() -> set[str]:
    return {path.name.split("_", 1)[0] for path in VERSIONS.glob("[0-9]*_*.py")}


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "netcadence.store:migrations")
    config.attributes["connection"] = connection
    return config


def sqlalchemy_engine(location: Location):
    """An engine for migrations; on SQLite, SQLAlchemy's recipe for transactional DDL.

    Foreign keys stay off on this connection, as SQLite requires while a batch
    migration copies a table: with them on, dropping the old table would cascade.
    """
    from sqlalchemy import create_engine, event

    if location.backend != "sqlite":
        return create_engine(location.url)
    assert location.path is not None
    engine = create_engine(f"sqlite:///{location.path}")

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade_to_head(location: Location, revision: str = "head") -> None:
    from alembic import command

    engine = sqlalchemy_engine(location)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()
