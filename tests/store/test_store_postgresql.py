"""PostgreSQL specifics: a schema chosen in the URL, and the same answers as SQLite."""

from __future__ import annotations

import pytest

from netcadence.store.db import libpq_url
from tests.helpers import pg_server_url

pytestmark = pytest.mark.skipif(pg_server_url() is None, reason="needs NETCADENCE_TEST_PG")


def test_a_schema_chosen_in_the_url_holds_everything(pg_database, ok):
    import psycopg

    plain = libpq_url(pg_database)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA team")
    url = pg_database + "?options=-csearch_path%3Dteam"
    ok("--db", url, "add", "Ana Ruiz", "--cadence", "2w")
    ok("--db", url, "log", "ana", "--channel", "call")
    assert ok("--db", url, "info", "--json").json()["touches"] == 1
    with psycopg.connect(plain) as conn:
        tables = {(schema, name) for schema, name in conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_name IN ('contact', 'alembic_version')"
        )}
    assert tables == {("team", "contact"), ("team", "alembic_version")}


def test_postgres_scheme_spellings(pg_database, ok):
    bare = libpq_url(pg_database)
    ok("--db", bare, "add", "Ana Ruiz")
    info = ok("--db", bare.replace("postgresql://", "postgres://"), "info", "--json").json()
    assert info["backend"] == "postgresql" and info["contacts"] == 1
    assert info["database"].startswith("postgresql+psycopg://")


def test_lists_in_the_same_order_on_both_backends(pg_database, ok, tmp_path):
    names = ["Zoë Adams", "zoe baker", "Ana Ruiz", "ana ruiz", "Álvaro Díaz", "李小龍",
             "O'Brien", "_under score", "Bob-Stone", "bob stone 2"]
    answers = []
    for db in (str(tmp_path / "nc.db"), pg_database):
        for name in names:
            ok("--db", db, "add", name, "--cadence", "1w", "--tag", "x_y%")
        ok("--db", db, "add", "Ana_Ruiz")
        answers.append((
            ok("--db", db, "list", "--json").json(),
            ok("--db", db, "due", "--json", today="2026-12-31").json(),
            ok("--db", db, "find", "ana", "--json").json(),
        ))
    assert answers[0] == answers[1]
    slugs = [c["slug"] for c in answers[0][0]]
    assert "ana-ruiz-2" in slugs and "ana-ruiz-3" in slugs
