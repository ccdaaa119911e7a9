"""Opening the database: where it lives, its URL, pragmas, and a cheap schema check.

Only the DB-API drivers are imported here (sqlite3, or psycopg for PostgreSQL):
SQLAlchemy and Alembic load only when a schema upgrade is actually needed.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import namedtuple
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from netcadence.errors import InputError, StoreError

TYPE_CHECKING = False  # typing itself costs more to load than an agenda
if TYPE_CHECKING:
    from typing import Any

HEAD_REVISION = "0004"
BUSY_TIMEOUT_SECONDS = 5.0
# PostgreSQL advisory lock keys (any constant numbers, unique to netcadence).
WRITE_LOCK_KEY = 0x6E63_0001
MIGRATION_LOCK_KEY = 0x6E63_0002


class Location(namedtuple("Location", "backend url path", defaults=(None,))):
    """Where the database is: a SQLite file (`backend` "sqlite", its `path`), or a
    PostgreSQL server (`backend` "postgresql", `path` None); `url` as SQLAlchemy
    takes it."""

    __slots__ = ()

    @property
    def shown(self) -> str:
        """The location as it may be printed: any password is masked."""
        if self.path is not None:
            return str(self.path)
        return mask_password(self.url)


def mask_password(text: str) -> str:
    """Any password in a URL (user:password@host, or ?password=...) as ***, and every
    password netcadence was given, or a piece of one, wherever it appears in the text
    (a driver's message may quote it, whole or cut where it misread the URL)."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = re.sub(r"(://[^:/@\s]*:)[^/\s]*@", r"\1***@", text)
    return re.sub(r"(?i)(password=)[^&\s]*", r"\1***", text)


# The passwords of the database URLs given to this process, in every form a message
# may show them (as typed, decoded, encoded, and cut where a URL parser cuts).
_SECRETS: set[str] = set()
_URL_SEPARATORS = re.compile(r"[/@:?#&,;= ]|%[0-9A-Fa-f]{2}|%")


def _remember_secret(password: str) -> None:
    from urllib.parse import quote, unquote

    forms = {password, unquote(password), quote(unquote(password), safe="")}
    for form in list(forms):
        for cut in _URL_SEPARATORS.finditer(form):
            forms.update((form[:cut.start()], form[cut.end():]))
    # A piece of one or two characters cannot be told from the rest of a message.
    _SECRETS.update(form for form in forms if len(form.strip()) >= 3)


def postgresql_url(rest: str) -> str:
    """`postgresql+psycopg://` and the rest of a URL as given, with its user and password
    percent-encoded, so that every parser (libpq, SQLAlchemy) reads the same parts.

    Written by hand, users leave characters in a password that a URL cannot hold as
    they are: `pa/ss`, `pa ss`, `p@ss@w0rd`, `Se%ZZ`. The user and password end at
    the last `@` of the host part; a `%` that starts no valid escape stands for itself.
    Every form of the password is remembered, so that no message can print it.
    """
    from urllib.parse import quote, unquote

    at = _userinfo_end(rest)
    prefix = ""
    if at >= 0:
        user, colon, password = rest[:at].partition(":")
        prefix = quote(unquote(user), safe="")
        if colon:
            _remember_secret(password)
            prefix += ":" + quote(unquote(password), safe="")
        prefix += "@"
        rest = rest[at + 1:]
    found = _QUERY_START.search(rest)
    place, mark, query = (rest[:found.start()], "?", rest[found.end():]) if found else (
        rest, "", "")
    if mark:
        pairs = []
        for pair in query.split("&"):
            key, equals, value = pair.partition("=")
            if equals and key.strip().lower() == "password":
                _remember_secret(value)
                value = quote(unquote(value), safe="")
            pairs.append(key + equals + value)
        query = "&".join(pairs)
    return f"postgresql+psycopg://{prefix}{place}{mark}{query}"


def _userinfo_end(rest: str) -> int:
    """Where the user and password end (their last `@`), or -1 when the URL has none.

    The query starts at the first `?` followed by a `name=`: an `@` in the query
    (`u@h/db?password=p@ss`) is not the end of the user, and a `?` that starts no
    query is a character of the password (`u:pa?ss@h/db`).
    """
    query = _QUERY_START.search(rest)
    return rest.rfind("@", 0, query.start() if query else len(rest))


_QUERY_START = re.compile(r"\?(?=[A-Za-z_][A-Za-z0-9_]*=)")


def libpq_url(url: str) -> str:
    """A netcadence PostgreSQL URL (postgresql+psycopg://…) as libpq and psycopg take it."""
    return "postgresql://" + url.split("://", 1)[1]


def pg_sql(sql: str) -> str:
    """SQL written with `?` placeholders, for psycopg (`%s`, and `%` itself doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


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
        path_text, query, options = match.group(1).partition("?")
        if query:
            raise StoreError(
                f"netcadence takes no options in a SQLite URL ('?{options}'); "
                f"give the file alone: sqlite:///{path_text}"
            )
        path = Path(path_text)
        return Location("sqlite", given, path)
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://", given)
    if scheme:
        name = scheme.group(1).lower()
        if name in ("postgresql", "postgres", "postgresql+psycopg"):
            return Location("postgresql", postgresql_url(given.split("://", 1)[1]))
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
        return pg_sql(sql) if self.backend == "postgresql" else sql

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(self._sql(sql), tuple(params))
        except UnicodeEncodeError as error:
            raise not_text(error) from None
        except sqlite3.OperationalError as error:
            raise StoreError(describe_sqlite_error(error, self.location.path)) from None
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.IntegrityError):
                raise
            raise StoreError(describe_sqlite_error(error, self.location.path)) from None
        except Exception as error:
            if self.backend == "postgresql":
                _raise_postgresql_error(error, self.location)
            raise

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self._execute(sql, params).fetchall())

    def row(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self._execute(sql, params).fetchone()

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.row(sql, params)
        return found[0] if found else None

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._execute(sql, params).rowcount

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            if self.backend == "postgresql":
                with self._conn.cursor() as cursor:
                    cursor.executemany(self._sql(sql), [tuple(r) for r in rows])
            else:
                self._conn.executemany(sql, rows)
        except UnicodeEncodeError as error:
            raise not_text(error) from None
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            raise StoreError(describe_sqlite_error(error, self.location.path)) from None
        except Exception as error:
            if self.backend == "postgresql":
                _raise_postgresql_error(error, self.location)
            raise

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id."""
        if self.backend == "postgresql":
            return int(self.value(sql + " RETURNING id", params))
        return int(self._execute(sql, params).lastrowid)

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction for one user action: all of it lands, or none."""
        if self._in_transaction:
            yield self
            return
        if self.backend == "sqlite":
            # Take the write lock first (waiting up to the busy timeout), so that a
            # transaction never has to upgrade from reading to writing and fail.
            self._execute("BEGIN IMMEDIATE")
        else:
            self._execute("BEGIN")
        self._in_transaction = True
        try:
            if self.backend == "postgresql":
                # One writer at a time, as on SQLite: each write recomputes schedules
                # from what it reads, so two concurrent writers must not interleave.
                self._execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
            yield self
        except BaseException:
            self._in_transaction = False
            try:
                self._conn.execute("ROLLBACK")
            except Exception:  # the connection is gone: nothing was committed
                pass
            raise
        self._in_transaction = False
        self._execute("COMMIT")

    def close(self) -> None:
        self._conn.close()


def meta_value(db: Database, key: str) -> str | None:
    """What the database records of itself under `key` (the meta table), or None."""
    return db.value("SELECT value FROM meta WHERE key = ?", (key,))


def set_meta(db: Database, key: str, value: str) -> None:
    """Record `value` under `key` in the meta table (inside the caller's transaction)."""
    db.run("DELETE FROM meta WHERE key = ?", (key,))
    db.run("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))


def not_text(error: UnicodeEncodeError) -> InputError:
    """A value no database can hold (a lone surrogate, as a damaged command line or a JSON
    escape gives), met on its way to the database: said in one line, nothing written."""
    bad = error.object[error.start] if isinstance(error.object, str) else "?"
    return InputError(f"a value given is not valid text: it holds a lone surrogate "
                      f"(\\u{ord(bad):04x})")


def open_database(location: Location) -> Database:
    """Connect, bring the schema to the current revision, and return the store."""
    if location.backend == "postgresql":
        db = Database(location, _connect_postgresql(location))
    else:
        assert location.path is not None
        db = Database(location, _connect_sqlite(location.path))
    try:
        revision = _stored_revision(db)
    except StoreError:
        if location.path is None or not _read_only(location.path):
            raise
        # A read-only file or folder: SQLite cannot make its WAL index there, so
        # read without it; writing commands then fail with one clear line.
        db.close()
        db = Database(location, _connect_sqlite_read_only(location.path))
        revision = _stored_revision(db)
        if revision != HEAD_REVISION:
            raise StoreError(
                f"the database {location.path} is read-only and its schema needs an "
                "upgrade; make it writable (chmod u+w) and run netcadence once"
            ) from None
    if revision != HEAD_REVISION:
        _upgrade(db, revision)
    return db


def _read_only(path: Path) -> bool:
    return path.is_file() and os.access(path, os.R_OK) and not (
        os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    )


def connect_sqlite_file(path: Path, options: str = "", **kwargs: Any) -> sqlite3.Connection:
    """sqlite3.connect on exactly this file. SQLite may take a name that starts with
    `file:` as a URI and open another file: the path always goes as a quoted URI."""
    uri = path.resolve().as_uri() + (f"?{options}" if options else "")
    return sqlite3.connect(uri, uri=True, **kwargs)


def _connect_sqlite_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading only: first as a plain read-only connection, else immutable."""
    last: sqlite3.Error | None = None
    for mode in ("mode=ro", "immutable=1"):
        try:
            conn = connect_sqlite_file(
                path, mode, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS,
                check_same_thread=False,
            )
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as error:
            last = error
    assert last is not None
    raise StoreError(describe_sqlite_error(last, path)) from None


def _connect_sqlite(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give a file path")
    created = _create_private_file(path)
    try:
        conn = connect_sqlite_file(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False,
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
    made: list[Path] = []
    try:
        missing = [f for f in (folder, *folder.parents) if not f.exists()]
        for created_folder in reversed(missing):  # each one 0700, not only the last
            created_folder.mkdir(mode=0o700, exist_ok=True)
            made.append(created_folder)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        return False
    except OSError as error:
        raise StoreError(f"cannot create the database {path}: {error.strerror}") from None
    CREATED.append((path, made))
    return True


# The database files the running command created, with the folders it made for them,
# and whether it is a dry run.
CREATED: list[tuple[Path, list[Path]]] = []
_dry_run = False


def command_starts() -> None:
    global _dry_run
    CREATED.clear()
    _dry_run = False


def dry_run() -> None:
    """The running command writes nothing, whatever it does not fail on."""
    global _dry_run
    _dry_run = True


def command_ended(*, failed: bool) -> None:
    """After a command that failed, or a dry run: remove each database file it created
    that holds nothing (only its schema), and the folders made for it, so that it
    writes nothing. Called once its connections are closed; a file that holds any row
    stays, and so does one that another process has open (the last connection to
    close removes the write-ahead log: while it is there, someone else may write)."""
    if not (failed or _dry_run):
        CREATED.clear()
    while CREATED:
        path, folders = CREATED.pop()
        if Path(f"{path}-wal").exists():
            continue
        try:
            # immutable: read the file as it is, creating no log and taking no lock
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
            try:
                tables = [name for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT IN ('alembic_version', 'meta') AND name NOT LIKE 'sqlite_%'")]
                if any(conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
                       for table in tables):
                    continue
            finally:
                conn.close()
            for end in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{end}").unlink(missing_ok=True)
            for folder in reversed(folders):
                folder.rmdir()
        except (OSError, sqlite3.Error):  # left as it is: never worse than before
            continue


def _connect_postgresql(location: Location) -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "PostgreSQL needs psycopg; install it with: pip install 'netcadence[postgres]'"
        ) from None
    try:
        conn = psycopg.connect(libpq_url(location.url), autocommit=True, connect_timeout=10)
        conn.execute(f"SET lock_timeout = '{int(BUSY_TIMEOUT_SECONDS * 1000)}ms'")
    except psycopg.Error as error:
        raise StoreError(
            f"cannot connect to {location.shown}: {_first_line(error)}"
        ) from None
    return conn


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return mask_password(lines[0] if lines else type(error).__name__)


def _raise_postgresql_error(error: Exception, location: Location) -> None:
    """A psycopg error as netcadence's one-line StoreError (others pass through)."""
    import psycopg

    if isinstance(error, psycopg.errors.IntegrityError) or not isinstance(error, psycopg.Error):
        return
    if isinstance(error, psycopg.errors.LockNotAvailable):
        raise StoreError(
            f"the database {location.shown} is locked by another program; "
            "wait for it to finish and try again"
        ) from None
    if isinstance(error, psycopg.OperationalError):
        raise StoreError(f"lost the database {location.shown}: {_first_line(error)}") from None
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        raise StoreError(
            f"the database {location.shown} refused: {_first_line(error)}; "
            "check the user's privileges"
        ) from None
    if isinstance(error, psycopg.errors.ReadOnlySqlTransaction):
        raise StoreError(f"the database {location.shown} is read-only") from None


def _stored_revision(db: Database) -> str | None:
    """The schema revision stored in the database (one cheap query), or None."""
    if db.backend == "sqlite":
        has_table = db.value(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        )
    else:
        # to_regclass follows the search_path, as Alembic does.
        has_table = db.value("SELECT to_regclass('alembic_version') IS NOT NULL")
    if not has_table:
        return None
    return db.value("SELECT version_num FROM alembic_version")


def _upgrade(db: Database, revision: str | None) -> None:
    """Bring the schema to HEAD_REVISION: the only path that loads Alembic."""
    from netcadence.store import migrate

    if db.backend == "sqlite" and revision is None and _has_tables(db):
        # Another process may have created the schema since the revision was read.
        revision = _stored_revision(db)
        if revision == HEAD_REVISION:
            return
        if revision is None:
            raise StoreError(
                f"{db.location.shown} is not a netcadence database (it holds other tables); "
                "give another --db"
            )
    if revision is not None and revision not in migrate.known_revisions():
        raise StoreError(
            f"the database {db.location.shown} was written by a newer netcadence "
            f"(schema {revision}); upgrade netcadence"
        )
    if db.backend == "sqlite" and revision is not None:
        backup_before_migration(db, revision)
    try:
        migrate.upgrade_to_head(db.location)
    except StoreError:
        raise
    except Exception as error:  # the migration ran in one transaction: rolled back whole
        raise StoreError(
            f"the schema of {db.location.shown} could not be upgraded "
            f"({type(error).__name__}: {_first_line(error)}); the database was left as it was"
        ) from None


def _has_tables(db: Database) -> bool:
    return bool(db.value("SELECT count(*) FROM sqlite_master WHERE type='table'"))


def backup_before_migration(db: Database, revision: str | None) -> Path:
    """Copy a SQLite database next to itself (0600) before its schema changes."""
    path = db.location.path
    assert path is not None
    target = path.with_name(f"{path.name}.before-{HEAD_REVISION}-from-{revision or 'none'}.bak")
    backup(db, target, "before upgrading its schema; nothing was changed")
    return target


def backup(db: Database, target: Path, after: str = "") -> None:
    """A consistent copy of the SQLite database at `target`, through the connection the
    command already has (read-only where the file or its folder is). Any failure is one
    line naming both files and why."""
    source = db.location.path
    assert source is not None
    try:
        copy_sqlite(db._conn, target)
    except (OSError, sqlite3.Error) as error:
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
        else:
            reason = _sqlite_reason(str(error))
        raise StoreError(f"cannot back up {source} to {target}: {reason}"
                         + (f" ({after})" if after else "")) from None


def _sqlite_reason(text: str) -> str:
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "read-only"
    return text


def copy_sqlite(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, created 0600 beside `target`
    and renamed over it. The copy keeps no journal: if it fails (a full disk), nothing
    is left behind but the target as it was."""
    from netcadence.atomic import replacing

    with replacing(target) as partial:
        copy = connect_sqlite_file(partial)
        try:
            copy.execute("PRAGMA journal_mode = OFF")
            conn.backup(copy)
        finally:
            copy.close()


def database_file_at(location: Location, target: Path) -> str | None:
    """What `target` is when it is this SQLite database or one of its -wal, -shm and
    -journal files ("the database itself", "the database's -wal file"), else None.

    Compared by resolved path, so that another spelling or a link is caught, and by
    inode, so that a hard link is too.
    """
    from netcadence.atomic import SQLITE_COMPANIONS

    if location.path is None:
        return None
    for end in ("", *SQLITE_COMPANIONS):
        own = Path(f"{location.path}{end}")
        if _same_file(own, target):
            return f"the database's {end} file" if end else "the database itself"
    return None


def _same_file(one: Path, other: Path) -> bool:
    if os.path.realpath(one) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet)
        return False


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
        return (
            f"{path or 'the file'} is not a netcadence database (or it is damaged); "
            "give another --db"
        )
    if "unable to open" in text:
        return f"cannot open the database{where}; check that its folder exists and is writable"
    return f"database error{where}: {text}"
