"""Who do I know at X (SPEC §13): `at COMPANY`."""

from __future__ import annotations

import pytest

KEYS = {"slug", "name", "company", "title", "last_touch", "strength", "matched"}


@pytest.fixture
def network(ok):
    ok("add", "Ana Ruiz", "--company", "ACME Corporation", "--title", "CTO")
    ok("add", "Bob Lee", "--company", "Northwind", "--email", "bob@acme.com")
    ok("add", "Cy Ode", "--company", "Acme", "--email", "cy@acme.example")
    ok("add", "Dee Far", "--company", "Globex", "--email", "dee@globex.com")
    ok("add", "Élodie Roux", "--company", "Société Générale")
    ok("log", "cy", "-c", "coffee", "--when", "2026-11-20")
    ok("log", "bob", "-c", "email", "--when", "2026-10-01")
    return ok


def test_company_and_email_domain_strongest_first(network):
    ok = network
    rows = ok("at", "Acme Corp", "--json").json()
    assert [(r["slug"], r["matched"]) for r in rows] == [
        ("cy-ode", "company"), ("bob-lee", "email"), ("ana-ruiz", "company")]
    assert all(set(r) == KEYS for r in rows)
    assert rows[2] == {"slug": "ana-ruiz", "name": "Ana Ruiz", "company": "ACME Corporation",
                       "title": "CTO", "last_touch": None, "strength": 0,
                       "matched": "company"}
    assert rows[0]["strength"] > rows[1]["strength"] > 0
    assert rows[0]["last_touch"] == "2026-11-20"


def test_case_accents_and_close_spellings(network):
    ok = network
    assert [r["slug"] for r in ok("at", "societe GENERALE", "--json").json()] == ["elodie-roux"]
    assert [r["slug"] for r in ok("at", "Globx", "--json").json()] == ["dee-far"]
    assert [r["slug"] for r in ok("at", "GLOBEX", "--json").json()] == ["dee-far"]


def test_a_domain(network):
    """A domain typed finds the emails at it, and no company named otherwise."""
    ok = network
    assert [r["slug"] for r in ok("at", "acme.com", "--json").json()] == ["bob-lee"]
    ok("add", "Bea King", "--company", "Booking.com")
    assert [r["slug"] for r in ok("at", "booking.com", "--json").json()] == ["bea-king"]


def test_the_table(network):
    out = network("at", "acme").out
    assert out.splitlines()[0].split() == ["name", "slug", "company", "title", "last",
                                           "touch", "strength", "matched"]
    assert out.index("Cy Ode") < out.index("Bob Lee") < out.index("Ana Ruiz")


def test_nobody_there_is_no_error(network):
    """As `find`, an empty answer is an answer: exit 0."""
    ok = network
    assert ok("at", "Initech", "--json").json() == []
    assert ok("at", "Initech").out == "Nobody at Initech among your contacts.\n"


def test_archived_contacts_are_left_out(network):
    ok = network
    ok("archive", "dee")
    assert ok("at", "globex", "--json").json() == []


@pytest.mark.parametrize("typed", ["", "  ", "--", "&"])
def test_no_company_named(network, nc, typed):
    result = nc("at", "--", typed) if typed == "--" else nc("at", typed)
    assert (result.code, result.out) == (1, "")
    assert result.err.count("\n") == 1
