"""Who do I know at X (SPEC §13): company names and email domains."""

from __future__ import annotations

import pytest

from netcadence.engine.companies import Matcher, core, domain_name


@pytest.mark.parametrize("typed, company", [
    ("Acme Corp", "ACME Corporation"),
    ("acme", "Acme, Inc."),
    ("Société Générale", "societe generale"),
    ("Northwind", "Northwind Traders"),
    ("Acmee", "Acme"),  # a close spelling
    ("Lee & Sons", "Lee & Sons, Inc."),
])
def test_companies_that_match(typed, company):
    assert Matcher(typed).company(company)


@pytest.mark.parametrize("typed, company", [
    ("Acme", "Globex"), ("Meta", "Metabase"), ("Northwind Traders", "Northwind"),
    ("Acme", None), ("Acme", ""),
])
def test_companies_that_do_not(typed, company):
    assert not Matcher(typed).company(company)


def test_the_legal_words_go_unless_nothing_else_is_left():
    assert core("ACME Corporation") == ["acme"]
    assert core("The Company") == ["the"]
    assert core("Co.") == ["co"]


@pytest.mark.parametrize("email, name", [
    ("ana@acme.com", "acme"), ("ana@mail.acme.co.uk", "acme"), ("ana@acme.de", "acme"),
    ("x@localhost", None), ("ana@sub.acme.com", "acme"),
])
def test_the_name_a_domain_gives(email, name):
    assert domain_name(email) == name


def test_a_domain_typed_is_a_domain():
    assert not Matcher("acme.com").company("Acme")
    assert Matcher("booking.com").company("Booking.com")


def test_emails_match_by_their_domain():
    assert Matcher("Acme Corp").email("ana@acme.com")
    assert Matcher("acme.com").email("ana@ACME.com")
    assert Matcher("acme.com").email("ana@eu.acme.com")
    assert not Matcher("acme.com").email("ana@notacme.com")
    assert not Matcher("Globex").email("ana@acme.com")
    assert Matcher("Northwind Traders").email("bo@northwindtraders.example")
