"""Candidates for shell completion: contact slugs and names, cadences and tags.

The database is opened read-only with its driver alone (sqlite3, or psycopg for
PostgreSQL; never created, migrated or locked for writing), and any problem gives
no candidates: a completion never prints an error.
"""

from __future__ import annotations


def _read(db_option: str | None, sql: str, params: tuple = ()) -> list[str]:
    """The first column's non-empty values, in code point order; [] on any problem."""
    try:
        from netcadence.store.db import locate

        location = locate(db_option)
        if location.backend == "postgresql":
            return _read_postgresql(location.url, sql, params)
        return _read_sqlite(location.path, sql, params)
    except Exception:  # completion stays silent whatever happens
        return []


def _read_sqlite(path, sql: str, params: tuple) -> list[str]:
    from netcadence.store.db import connect_sqlite_file

    if path is None or not path.is_file():
        return []
    conn = connect_sqlite_file(path, "mode=ro", timeout=0.5)
    try:
        return [value for (value,) in conn.execute(sql, params) if value]
    finally:
        conn.close()


def _read_postgresql(url: str, sql: str, params: tuple) -> list[str]:
    import psycopg

    from netcadence.store.db import libpq_url, pg_sql

    with psycopg.connect(libpq_url(url), connect_timeout=2) as conn:
        conn.read_only = True  # one READ ONLY transaction, never committed
        found = conn.execute(pg_sql(sql), params).fetchall()
        conn.rollback()
    # Sorted here: the database's collation may order text otherwise than SQLite.
    return sorted(value for (value,) in found if value)


def _starting_with(incomplete: str, db_option: str | None, *columns: tuple[str, str]):
    """The values of these (table, column)s that start with what was typed."""
    size = len(incomplete)
    sql = " UNION ".join(f"SELECT {column} FROM {table} WHERE substr({column}, 1, ?) = ?"
                         for table, column in columns)
    return _read(db_option, sql + " ORDER BY 1", (size, incomplete) * len(columns))


def contacts(incomplete: str, db_option: str | None = None) -> list[str]:
    """Slugs and names that start with what was typed."""
    return _starting_with(incomplete, db_option, ("contact", "slug"), ("contact", "name"))


def cadences(incomplete: str, db_option: str | None = None) -> list[str]:
    return _starting_with(incomplete, db_option, ("cadence", "name"))


def tags(incomplete: str, db_option: str | None = None) -> list[str]:
    return _starting_with(incomplete, db_option, ("contact_tag", "tag"), ("tag_default", "tag"))
