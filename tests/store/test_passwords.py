"""A password in a database URL is never printed: not as typed in a URL written by hand,
not through a driver's message that quotes it whole or in pieces."""

from __future__ import annotations

import re

import pytest

from netcadence.store.db import libpq_url, locate, mask_password
from tests.helpers import pg_server_url

# Passwords as people type them into URLs: characters a URL cannot hold as they are.
PASSWORDS = ["pa/ss", "pa ss", "p@ss@w0rd", "Se%ZZ", "s3cr3t-pw", "a:b/c?d@e", "tr%40p#x"]
UNREACHABLE = ["127.0.0.1:1", "nohost.invalid", "[::1]:1"]


def pieces(password: str) -> list[str]:
    """The password and each piece of it a URL parser could cut out (3 characters or more)."""
    found = {password}
    for cut in re.finditer(r"[/@:?#% ]", password):
        found.update((password[:cut.start()], password[cut.end():]))
    return [piece for piece in found if len(piece) >= 3]


def assert_hidden(text: str, password: str) -> None:
    for piece in pieces(password):
        assert piece not in text, (piece, text)


@pytest.mark.parametrize("password", PASSWORDS)
def test_a_hand_written_url_reads_as_its_writer_meant(password):
    """User, password, host and database come out whole for libpq and SQLAlchemy alike
    (a valid escape such as %40 is decoded, as in any URL; an invalid one is kept)."""
    from urllib.parse import unquote

    from psycopg.conninfo import conninfo_to_dict
    from sqlalchemy.engine import make_url

    meant = unquote(password)
    location = locate(f"postgres://ana:{password}@db.example.com:5433/net?sslmode=prefer")
    parts = conninfo_to_dict(libpq_url(location.url))
    assert parts == {"user": "ana", "password": meant, "host": "db.example.com",
                     "port": "5433", "dbname": "net", "sslmode": "prefer"}
    url = make_url(location.url)
    assert (url.username, url.password, url.host, url.database) == (
        "ana", meant, "db.example.com", "net")
    assert location.shown == "postgresql+psycopg://ana:***@db.example.com:5433/net?sslmode=prefer"


def test_a_password_in_the_query_and_an_at_sign_after_it():
    location = locate("postgresql://ana@host/net?password=p@ss%ZZ w0rd&sslmode=prefer")
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(libpq_url(location.url))
    assert (parts["user"], parts["host"], parts["password"]) == ("ana", "host", "p@ss%ZZ w0rd")
    assert location.shown == "postgresql+psycopg://ana@host/net?password=***&sslmode=prefer"
    assert "w0rd" not in mask_password("failed: 'p@ss%ZZ w0rd'")


def test_a_message_quoting_a_piece_of_a_password_is_masked():
    locate("postgres://ana:p@ss@w0rd@host/db")
    text = mask_password("failed to resolve host 'ss@w0rd@host'")
    assert "w0rd" not in text and "ss@w0rd" not in text


@pytest.mark.parametrize("host", UNREACHABLE)
@pytest.mark.parametrize("password", PASSWORDS)
def test_unreachable_servers_never_print_the_password(nc, host, password):
    for args in (["info"], ["info", "--json"], ["add", "Ana Ruiz"], ["due"]):
        result = nc("--db", f"postgres://ana:{password}@{host}/net?connect_timeout=2", *args)
        assert result.code == 1 and result.out == ""
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
        assert_hidden(result.err, password)
        assert "***" in result.err


@pytest.mark.skipif(pg_server_url() is None, reason="needs NETCADENCE_TEST_PG")
@pytest.mark.parametrize("password", PASSWORDS)
def test_the_real_server_never_prints_the_password(pg_database, ok, nc, password):
    """The test server trusts loopback: any password connects, and none is printed."""
    with_password = pg_database.replace("://netcadence@", f"://netcadence:{password}@", 1)
    assert with_password != pg_database
    added = ok("--db", with_password, "add", "Ana Ruiz")
    assert_hidden(added.out + added.err, password)
    for args in (["info"], ["info", "--json"], ["list", "--json"], ["export", "json"]):
        shown = ok("--db", with_password, *args)
        assert_hidden(shown.out + shown.err, password)
    assert "***" in ok("--db", with_password, "info").out
    # A database that does not exist, and a user the server does not know: the server's
    # own words come through, without the password.
    for url in (re.sub(r"/[^/?]*$", "/nc_nowhere_at_all", with_password),
                with_password.replace("://netcadence:", "://nobody_here:", 1)):
        refused = nc("--db", url, "info")
        assert refused.code == 1 and refused.err.count("\n") == 1, refused.err
        assert_hidden(refused.err, password)
