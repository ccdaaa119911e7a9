"""What the tests share besides fixtures: the fixed day, the fixture files, PostgreSQL
databases per test, and a dump of everything a database holds."""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

TODAY = "2026-11-23"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


# PostgreSQL runs when NETCADENCE_TEST_PG names a server URL whose user may create
# databases (.ci/run starts one); each test then gets its own database.
PG_ENV = "NETCADENCE_TEST_PG"
BACKENDS = ["sqlite", "postgresql"]


def pg_server_url() -> str | None:
    """The PostgreSQL server for tests, as a postgresql+psycopg:// URL, or None."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        return None
    from netcadence.store.db import locate

    return locate(url).url


def pg_url_for(database: str) -> str:
    """The test server's URL with another database name."""
    server = pg_server_url()
    assert server is not None
    base = re.sub(r"/[^/?]*(\?.*)?$", "", server.split("://", 1)[1])
    query = server.split("?", 1)[1] if "?" in server else ""
    return f"postgresql+psycopg://{base}/{database}" + (f"?{query}" if query else "")


def pg_admin():
    """An autocommit connection to the test server's own database."""
    import psycopg

    from netcadence.store.db import libpq_url

    server = pg_server_url()
    assert server is not None
    return psycopg.connect(libpq_url(server), autocommit=True)


class PgDatabases:
    """Creates a database per test, copied from a template migrated once to head."""

    def __init__(self) -> None:
        self.template: str | None = None
        self.error: str | None = None

    def _make_template(self) -> str:
        from netcadence.store.db import locate, open_database

        name = f"nc_template_{uuid.uuid4().hex[:8]}"
        with pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        db = open_database(locate(pg_url_for(name)))
        db.close()
        return name

    def create(self, migrated: bool = True) -> str:
        if migrated and self.template is None:
            self.template = self._make_template()
        name = f"nc_{uuid.uuid4().hex[:12]}"
        with pg_admin() as admin:
            if migrated:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            else:
                admin.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop(self, name: str) -> None:
        with pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self.template:
            self.drop(self.template)
            self.template = None


def dump_database(url: str) -> object:
    """Everything stored in a database, to compare before and after a command.

    SQLite: the file's full SQL dump (schema and rows). PostgreSQL: every table's
    columns and sorted rows in the current schema.
    """
    if url.startswith("postgresql"):
        import psycopg

        from netcadence.store.db import libpq_url

        with psycopg.connect(libpq_url(url)) as conn:
            tables = [t for (t,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name"
            )]
            dump = {}
            for table in tables:
                columns = [c for (c,) in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "AND table_schema = current_schema() ORDER BY ordinal_position", (table,)
                )]
                rows = sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                dump[table] = (columns, rows)
            return dump
    import sqlite3

    path = url.removeprefix("sqlite:///")
    if not Path(path).exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


SPEC_SERIES = (
    "cadence", "define", "new-contact", "--step", "1d:email:thank-you note",
    "--step", "1w:email:follow up", "--step", "1m:coffee", "--every", "3m",
)


def fake_program(folder: Path, name: str, *, status: int = 0) -> Path:
    """A program in `folder` (a test's PATH) that records how it was called, one JSON
    list a line in folder/calls.jsonl, and exits with `status`."""
    import sys

    script = folder / name
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"with open({str(folder / 'calls.jsonl')!r}, 'a', encoding='utf-8') as log:\n"
        "    log.write(json.dumps(sys.argv) + '\\n')\n"
        f"sys.exit({status})\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def program_calls(folder: Path) -> list[list[str]]:
    """How the fake programs of `folder` were called: each call's words, the program by
    its name."""
    log = folder / "calls.jsonl"
    if not log.exists():
        return []
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return [[Path(call[0]).name, *call[1:]] for call in calls]
