"""Migrations: upgrades keep every row, the models match the migrations, failures change nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from netcadence.app import rows as agenda_rows
from netcadence.store import db as store_db
from netcadence.store import migrate
from netcadence.store.db import libpq_url, locate
from tests.helpers import dump_database

FIRST_REVISION = "0001"
# A revision after the newest one, for the tests that add a migration of their own.
HEAD = store_db.HEAD_REVISION
NEXT_REVISION = f"{int(HEAD) + 1:04d}"


def fill_through_the_cli(ok) -> None:
    """Data in every table, written by netcadence's own commands."""
    ok("cadence", "define", "new-contact", "--step", "1d:email:thank-you note",
       "--step", "1w:email:follow up", "--step", "1m:coffee", "--every", "3m",
       "--stop-on-reply", "--give-up-after", "3")
    ok("cadence", "define", "monthly", "--every", "1m")
    ok("cadence", "tag", "client", "monthly")
    ok("cadence", "tag", "friend", "2w")
    ok("add", "Ana Ruiz", "--email", "ana@example.com", "--phone", "+34 600 000 000",
       "--company", "Fintech SA", "--title", "CTO", "--tag", "client", "--met", "2026-10-01",
       "--how", "conference", "--linkedin", "https://www.linkedin.com/in/anaruiz/",
       "--note", "likes tea", today="2026-10-01")
    ok("add", "José Núñez", "--tag", "friend", "--cadence", "new-contact", today="2026-10-05")
    ok("add", "李小龍", "--email", "lee@example.com", today="2026-10-06")
    ok("log", "Ana Ruiz", "--channel", "coffee", "--when", "2026-11-02", "--give",
       "--note", "wants intros to fintech", "--by", "maria")
    ok("log", "jose", "--channel", "email", "--in", "--ask", "--when", "2026-11-10")
    ok("log", "Bob Stone", "--new", "--cadence", "new-contact", "--channel", "call")
    ok("intro", "ana-ruiz", "bob-stone", "--note", "both in fintech")
    ok("event", "Fintech meetup", "--when", "2026-11-20", "--met", "Ana Ruiz", "--met", "李小龍")
    ok("snooze", "bob", "--until", "2026-12-20")
    ok("pause", "jose", "--until", "2027-01-10")
    ok("goal", "add", "client calls", "--count", "5", "--per", "week", "--tag", "client",
       "--channel", "call")


def downgrade_to(location, revision: str) -> None:
    """An older schema: the tables and columns added since go, every other row stays.

    The commands write at the head (they may need what it added), then the database
    goes back to the revision a test upgrades from.
    """
    from alembic import command

    engine = migrate.sqlalchemy_engine(location)
    try:
        with engine.begin() as connection:
            command.downgrade(migrate.alembic_config(connection), revision)
    finally:
        engine.dispose()


def rows_by_table(url: str) -> dict[str, list[dict]]:
    """Every row of every table, as column → value dicts, sorted."""
    if url.startswith("postgresql"):
        import psycopg

        conn = psycopg.connect(libpq_url(url))
        tables = [t for (t,) in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()"
        )]
    else:
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]
    try:
        result = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            result[table] = sorted(
                (dict(zip(names, row, strict=True)) for row in cursor.fetchall()), key=repr
            )
        return result
    finally:
        conn.close()


def test_head_revision_is_the_last_migration():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == store_db.HEAD_REVISION
    assert store_db.HEAD_REVISION in migrate.known_revisions()


def test_upgrade_from_the_first_revision_keeps_every_row(empty_db_url, nc, ok, monkeypatch):
    monkeypatch.setenv("NETCADENCE_DB", empty_db_url)
    location = locate(empty_db_url)
    url = location.url
    if location.path is not None:
        location.path.parent.mkdir(mode=0o700)
    fill_through_the_cli(ok)
    # Back to the first schema: what it holds, as netcadence wrote it then.
    downgrade_to(location, FIRST_REVISION)
    monkeypatch.setattr(store_db, "HEAD_REVISION", FIRST_REVISION)
    before = rows_by_table(url)
    assert len(before["contact"]) == 4 and len(before["touch"]) == 7
    assert before["alembic_version"] == [{"version_num": FIRST_REVISION}]

    # Back to the real head; NETCADENCE_TODAY and the rest of the setting stay.
    monkeypatch.setattr(store_db, "HEAD_REVISION", HEAD)
    migrate.upgrade_to_head(locate(empty_db_url))
    after = rows_by_table(url)
    assert_kept(before, after)
    assert after["alembic_version"] == [{"version_num": store_db.HEAD_REVISION}]
    assert "ix_touch_day_summary" in index_names(url)
    # And netcadence reads them back.
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["emails"] == ["ana@example.com"] and ana["given"] == 2
    assert {t["by"] for t in ana["touches"]} >= {"maria"}
    assert ok("info", "--json").json()["touches"] == 7


def assert_kept(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> None:
    """Every row of every table is still there with the same values; what the newer
    schema added (tables, columns) is empty."""
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert table in after, f"table {table} was dropped"
        assert len(after[table]) == len(rows), f"rows of {table} were added or lost"
        if not rows:
            continue
        kept = [{k: row[k] for k in rows[0]} for row in after[table]]
        assert sorted(kept, key=repr) == rows, f"rows of {table} changed"
        added = {k for row in after[table] for k in row} - set(rows[0])
        assert all(row[k] is None for row in after[table] for k in added), (
            f"new columns of {table} are not empty")
    for table in set(after) - set(before):
        assert after[table] == [], f"the new table {table} is not empty"


def index_names(url: str) -> set[str]:
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(libpq_url(url)) as conn:
            return {name for (name,) in conn.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            )}
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        conn.close()


def test_a_database_at_the_first_revision_is_upgraded_when_opened(
    empty_db_url, ok, monkeypatch
):
    """What README promises: a SQLite file is backed up first, then upgraded in place;
    nothing is lost and the agenda reads the same."""
    monkeypatch.setenv("NETCADENCE_DB", empty_db_url)
    location = locate(empty_db_url)
    if location.path is not None:
        location.path.parent.mkdir(mode=0o700)
    fill_through_the_cli(ok)
    downgrade_to(location, FIRST_REVISION)
    monkeypatch.setattr(store_db, "HEAD_REVISION", FIRST_REVISION)
    # Rows of other kinds (birthdays…) read columns of later revisions: the agenda
    # compared here is the cadences'.
    monkeypatch.setattr(agenda_rows, "SOURCES", [])
    agenda = ok("due", "--within", "3m", "--json").out
    table = ok("due", "--within", "3m", "--all").out  # --all: no capacity (0001 has no settings)
    before = rows_by_table(location.url)
    assert "ix_contact_agenda" not in index_names(location.url)
    # Back to the real head; NETCADENCE_TODAY and the rest of the setting stay.
    monkeypatch.setattr(store_db, "HEAD_REVISION", HEAD)

    assert ok("due", "--within", "3m", "--all").out == table
    assert ok("due", "--within", "3m", "--json").out == agenda
    after = rows_by_table(location.url)
    assert after["alembic_version"] == [{"version_num": store_db.HEAD_REVISION}]
    assert_kept(before, after)
    indexes = index_names(location.url)
    assert "ix_pause_contact_id" in indexes
    assert ("ix_contact_agenda" in indexes) == (location.backend == "sqlite")
    if location.path is not None:
        backup = location.path.with_name(
            f"netcadence.db.before-{store_db.HEAD_REVISION}-from-{FIRST_REVISION}.bak")
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert rows_by_table(f"sqlite:///{backup}") == before


@pytest.mark.sqlite_only
def test_the_agenda_is_read_from_its_covering_index(db_url, ok):
    """On SQLite `due` reads only ix_contact_agenda, already in date and name order
    (with --tag the tag's own index may serve better, and the result is the same)."""
    from netcadence.store import agenda
    from netcadence.store.db import open_database

    ok("add", "Ana Ruiz", "--cadence", "1w", "--tag", "client", today="2026-11-01")
    db = open_database(locate(db_url))
    try:
        executed: list[str] = []
        db._conn.set_trace_callback(executed.append)
        rows = agenda.due_rows(db, date(2026, 11, 23), date(2026, 11, 23))
        assert [r[0] for r in rows] == ["ana-ruiz"]
        query = next(sql for sql in executed if "next_due <=" in sql)
        plan = " / ".join(r[-1] for r in db._conn.execute("EXPLAIN QUERY PLAN " + query))
        assert "COVERING INDEX ix_contact_agenda" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
    finally:
        db.close()


def test_models_and_migrations_agree(db_url, ok):
    """Drift check: a change to store/models.py without a migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from netcadence.store.models import metadata

    ok("add", "Ana")  # creates the database at head
    engine = migrate.sqlalchemy_engine(locate(db_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "render_as_batch": True,
                "include_object": migrate.include_object(connection.dialect.name),
            })
            assert compare_metadata(context, metadata) == []

            # The check is not blind: a column the migrations lack is reported.
            import sqlalchemy as sa

            changed = sa.MetaData()
            for table in metadata.tables.values():
                table.to_metadata(changed)
            changed.tables["touch"].append_column(sa.Column("mood", sa.String(20)))
            diffs = compare_metadata(context, changed)
            assert any(d[0] == "add_column" and d[3].name == "mood" for d in diffs)
    finally:
        engine.dispose()


def broken_migrations(tmp_path: Path) -> Path:
    """A copy of the migrations with a next revision that fails half-way."""
    target = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / f"{NEXT_REVISION}_broken.py").write_text(
        '"""A revision that adds a column, copies data, then fails."""\n'
        "import sqlalchemy as sa\n"
        "from alembic import op\n\n"
        f'revision = "{NEXT_REVISION}"\ndown_revision = "{HEAD}"\n'
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n"
        '    with op.batch_alter_table("touch") as batch:\n'
        '        batch.add_column(sa.Column("mood", sa.String(20), nullable=True))\n'
        "    op.execute(\"UPDATE touch SET note = 'overwritten'\")\n"
        "    op.execute(\"DELETE FROM contact_email\")\n"
        '    raise RuntimeError("disk on fire")\n\n\n'
        "def downgrade():\n    pass\n"
    )
    return target


def test_failed_migration_leaves_the_database_as_it_was(db_url, ok, nc, tmp_path, monkeypatch):
    fill_through_the_cli(ok)
    url = locate(db_url).url
    before = dump_database(url)
    real = migrate.MIGRATIONS
    monkeypatch.setattr(migrate, "MIGRATIONS", broken_migrations(tmp_path))
    monkeypatch.setattr(store_db, "HEAD_REVISION", NEXT_REVISION)
    failed = nc("due")
    assert failed.code == 1 and failed.out == ""
    assert failed.err.count("\n") == 1 and "Traceback" not in failed.err
    assert "could not be upgraded" in failed.err and "left as it was" in failed.err
    assert dump_database(url) == before
    monkeypatch.setattr(migrate, "MIGRATIONS", real)
    monkeypatch.setattr(store_db, "HEAD_REVISION", HEAD)
    assert ok("show", "ana-ruiz", "--json").json()["emails"] == ["ana@example.com"]


@pytest.mark.sqlite_only
def test_sqlite_is_backed_up_privately_before_a_migration(db_url, ok, nc, tmp_path, monkeypatch):
    fill_through_the_cli(ok)
    before = dump_database(db_url)
    migrations = broken_migrations(tmp_path)
    fixed = migrations / "versions" / f"{NEXT_REVISION}_broken.py"
    fixed.write_text(fixed.read_text().replace('raise RuntimeError("disk on fire")', "pass"))
    monkeypatch.setattr(migrate, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_db, "HEAD_REVISION", NEXT_REVISION)
    assert nc("due").code == 0
    backup = Path(db_url).with_name(
        f"netcadence.db.before-{NEXT_REVISION}-from-{HEAD}.bak"
    )
    assert backup.exists()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert dump_database(str(backup)) == before
    conn = sqlite3.connect(db_url)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (NEXT_REVISION,)
    assert conn.execute("SELECT count(*) FROM contact_email").fetchone() == (0,)
    conn.close()


@pytest.mark.sqlite_only
def test_a_newer_schema_is_refused(db_url, ok, nc):
    ok("add", "Ana Ruiz")
    conn = sqlite3.connect(db_url)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = dump_database(db_url)
    result = nc("add", "Bob Stone")
    assert result.code == 1 and "newer netcadence" in result.err
    assert dump_database(db_url) == before


@pytest.mark.sqlite_only
def test_a_foreign_sqlite_file_is_not_taken_over(tmp_path, nc, monkeypatch):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = dump_database(str(other))
    result = nc("--db", other, "due")
    assert result.code == 1 and "not a netcadence database" in result.err
    assert dump_database(str(other)) == before


def test_everyday_commands_do_not_load_sqlalchemy_or_alembic(db_url, ok, tmp_path):
    """The stored revision is read with one query; Alembic loads only for an upgrade."""
    ok("add", "Ana Ruiz", "--cadence", "2w")
    ok("log", "ana", "--channel", "call", "--when", "2026-11-01")
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import atexit, sys\n"
        "def report():\n"
        "    heavy = sorted(m for m in ('sqlmodel', 'sqlalchemy', 'alembic') if m in sys.modules)\n"
        "    sys.stderr.write('LOADED:' + ','.join(heavy) + '\\n')\n"
        "atexit.register(report)\n"
        "from netcadence.cli.main import run\n"
        "sys.argv = ['netcadence'] + sys.argv[1:]\n"
        "run(sys.argv[1:])\n"
    )
    env = {**os.environ, "NETCADENCE_DB": db_url, "NETCADENCE_TODAY": "2026-11-23",
           "NETCADENCE_CONFIG": str(tmp_path / "config.toml"), "NETCADENCE_USER": "tester"}
    for args in (["due"], [], ["log", "ana", "--channel", "email"], ["due", "--json"]):
        done = subprocess.run([sys.executable, str(probe), *args], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "LOADED:\n" in done.stderr, f"{args}: {done.stderr}"
    # A database that needs its schema does load them (the probe can see it).
    env["NETCADENCE_DB"] = str(tmp_path / "new" / "netcadence.db")
    done = subprocess.run([sys.executable, str(probe), "add", "Zoe"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "LOADED:alembic" in done.stderr
