"""Opening the database: where it lives, its URL, pragmas, and a cheap schema check.

Only the DB-API drivers are imported here (sqlite3, or psycopg for PostgreSQL):
SQLAlchemy and Alembic load only when a schema upgrade is actually needed.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netcadence.errors import StoreError

HEAD_REVISION = "0001"
BUSY_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class Location:
    """Where the database is: a SQLite file, or a PostgreSQL server."""

    backend: str
    url: str
    path: Path | None = None

    @property
    def shown(self) -> str:
        """The location as it may be printed: any password is masked."""
        if self.path is not None:
            return str(self.path)
        return mask_password(self.url)


def mask_password(url: str) -> str:
    return re.sub(r"(://[^:/@]*:)([^@]*)@", r"\1***@", url)


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("netcadence", appauthor=False) / "netcadence.db"


def locate(option: str | None) -> Location:
    """The database named by --db, else NETCADENCE_DB, else the user data folder."""
    given = option or os.environ.get("NETCADENCE_DB") or ""
    given = given.strip()
    if not given:
        path = default_path()
        return Location("sqlite", f"sqlite:///{path}", path)
    if given.startswith("sqlite:"):
        match = re.match(r"^sqlite:///(.*)$", given)
        if not match or not match.group(1) or match.group(1) == ":memory:":
            raise StoreError(
                f"{given!r} is not a SQLite URL netcadence can use; "
                "write sqlite:///relative.db or sqlite:////absolute/path.db"
            )
        path = Path(match.group(1))
        return Location("sqlite", given, path)
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://", given)
    if scheme:
        name = scheme.group(1).lower()
        if name in ("postgresql", "postgres", "postgresql+psycopg"):
            url = "postgresql+psycopg://" + given.split("://", 1)[1]
            return Location("postgresql", url)
        raise StoreError(
            f"netcadence cannot use a {name} database; use a SQLite file path "
            "or a postgresql+psycopg:// URL"
        )
    path = Path(given).expanduser()
    return Location("sqlite", f"sqlite:///{path}", path)


class Database:
    """One DB-API connection with `?` placeholders on both backends."""

    def __init__(self, location: Location, connection: Any) -> None:
        self.location = location
        self.backend = location.backend
        self._conn = connection
        self._in_transaction = False

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.backend == "postgresql" else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cursor = self._conn.execute(self._sql(sql), tuple(params))
        return list(cursor.fetchall())

    def row(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        cursor = self._conn.execute(self._sql(sql), tuple(params))
        return cursor.fetchone()

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.row(sql, params)
        return found[0] if found else None

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = self._conn.execute(self._sql(sql), tuple(params))
        return cursor.rowcount

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.backend == "postgresql":
            with self._conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), [tuple(r) for r in rows])
        else:
            self._conn.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id."""
        if self.backend == "postgresql":
            return int(self.value(sql + " RETURNING id", params))
        cursor = self._conn.execute(sql, tuple(params))
        return int(cursor.lastrowid)

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction for one user action: all of it lands, or none."""
        if self._in_transaction:
            yield self
            return
        self._conn.execute("BEGIN IMMEDIATE" if self.backend == "sqlite" else "BEGIN")
        self._in_transaction = True
        try:
            yield self
        except BaseException:
            self._in_transaction = False
            self._conn.execute("ROLLBACK")
            raise
        self._in_transaction = False
        self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()


def open_database(location: Location) -> Database:
    """Connect, bring the schema to the current revision, and return the store."""
    if location.backend == "postgresql":
        db = Database(location, _connect_postgresql(location))
    else:
        assert location.path is not None
        db = Database(location, _connect_sqlite(location.path))
    revision = _stored_revision(db)
    if revision != HEAD_REVISION:
        _upgrade(db, revision)
    return db


def _connect_sqlite(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give a file path")
    created = _create_private_file(path)
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if created:
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as error:
        raise StoreError(describe_sqlite_error(error, path)) from None
    return conn


def _create_private_file(path: Path) -> bool:
    """Create a missing database file readable by its owner only (its folder 0700)."""
    if path.exists():
        return False
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        return False
    except OSError as error:
        raise StoreError(f"cannot create the database {path}: {error.strerror}") from None
    return True


def _connect_postgresql(location: Location) -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "PostgreSQL needs psycopg; install it with: pip install 'netcadence[postgres]'"
        ) from None
    dsn = "postgresql://" + location.url.split("://", 1)[1]
    try:
        conn = psycopg.connect(dsn, autocommit=True, connect_timeout=10)
        conn.execute("SET lock_timeout = '5s'")
    except psycopg.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StoreError(
            f"cannot connect to {location.shown}: {mask_password(first)}"
        ) from None
    return conn


def _stored_revision(db: Database) -> str | None:
    try:
        if db.backend == "sqlite":
            has_table = db.value(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            )
        else:
            has_table = db.value("SELECT count(*) FROM pg_tables WHERE tablename='alembic_version'")
        if not has_table:
            return None
        return db.value("SELECT version_num FROM alembic_version")
    except sqlite3.DatabaseError as error:
        raise StoreError(describe_sqlite_error(error, db.location.path)) from None


def _upgrade(db: Database, revision: str | None) -> None:
    if revision is not None and not _known_revision(revision):
        raise StoreError(
            f"the database at {db.location.shown} was written by a newer netcadence "
            f"(schema {revision}); upgrade netcadence"
        )
    if db.backend == "sqlite":
        assert db.location.path is not None
        if revision is not None or _has_tables(db):
            backup_before_migration(db, revision)
    from netcadence.store.migrate import upgrade_to_head

    try:
        upgrade_to_head(db.location)
    except StoreError:
        raise
    except Exception as error:  # a failed migration has rolled back whole
        raise StoreError(
            f"the database schema could not be upgraded ({type(error).__name__}: "
            f"{str(error).splitlines()[0] if str(error) else ''}); it was left as it was"
        ) from None


def _known_revision(revision: str) -> bool:
    from netcadence.store.migrate import known_revisions

    return revision in known_revisions()


def _has_tables(db: Database) -> bool:
    return bool(db.value("SELECT count(*) FROM sqlite_master WHERE type='table'"))


def backup_before_migration(db: Database, revision: str | None) -> Path:
    assert db.location.path is not None
    target = db.location.path.with_name(
        f"{db.location.path.name}.before-{HEAD_REVISION}-from-{revision or 'none'}.bak"
    )
    copy_sqlite(db._conn, target)
    return target


def copy_sqlite(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, created 0600."""
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        copy = sqlite3.connect(str(partial))
        with copy:
            conn.backup(copy)
        copy.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.chmod(target, 0o600)


def describe_sqlite_error(error: sqlite3.Error, path: Path | None) -> str:
    text = str(error)
    where = f" {path}" if path else ""
    if "locked" in text or "busy" in text:
        return (
            f"the database{where} is locked by another program; "
            "wait for it to finish and try again"
        )
    if "readonly" in text or "read-only" in text:
        return f"the database{where} is read-only; check its permissions (chmod u+w)"
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return f"{path or 'the file'} is not a netcadence database (or it is damaged); give another --db"
    if "unable to open" in text:
        return f"cannot open the database{where}; check that its folder exists and is writable"
    return f"database error{where}: {text}"
