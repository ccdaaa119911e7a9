"""How a contact named on the command line is found (SPEC §2)."""

from __future__ import annotations

import pytest


def touches(ok):
    return ok("info", "--json").json()["touches"]


@pytest.fixture
def people(ok):
    ok("add", "Ana Ruiz", "--email", "Ana.Ruiz@Example.com")
    ok("add", "José Núñez")
    ok("add", "Mary-Jane Watson")
    ok("add", "Bob Lee")
    ok("add", "Bobby Tables")
    return ok


def slug_of(ok, query):
    return ok("show", query, "--json").json()["slug"]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("ana-ruiz", "ana-ruiz"),
        ("Ana Ruiz", "ana-ruiz"),
        ("ANA RUIZ", "ana-ruiz"),
        ("jose nunez", "jose-nunez"),
        ("JOSÉ NÚÑEZ", "jose-nunez"),
        ("ana.ruiz@example.com", "ana-ruiz"),
        ("an ru", "ana-ruiz"),
        ("ru an", "ana-ruiz"),
        ("jos", "jose-nunez"),
        ("nun", "jose-nunez"),
        ("jane", "mary-jane-watson"),
        ("mary wat", "mary-jane-watson"),
        ("bob lee", "bob-lee"),
    ],
)
def test_resolution_finds(people, query, slug):
    assert slug_of(people, query) == slug


def test_words_must_match_different_words(people, nc):
    result = nc("show", "ana ana")
    assert result.code == 1 and result.out == ""
    assert "did you mean" in result.err and "ana-ruiz" in result.err


def test_ambiguous_lists_candidates_and_writes_nothing(people, nc, ok):
    result = nc("log", "bo", "-c", "call")
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1
    assert "bob-lee" in result.err and "bobby-tables" in result.err
    assert touches(ok) == 0


def test_two_contacts_with_one_name_are_ambiguous(ok, nc):
    ok("add", "Ana Ruiz")
    ok("add", "Ana Ruiz")
    result = nc("log", "ana ruiz")
    assert result.code == 1 and "ana-ruiz" in result.err and "ana-ruiz-2" in result.err
    assert touches(ok) == 0
    ok("log", "ana-ruiz-2")
    assert ok("show", "ana-ruiz-2", "--json").json()["touches"]


def test_an_archived_candidate_is_marked_and_a_long_list_is_cut(ok, nc):
    ok("add", "Ana Ruiz")
    ok("add", "Ana Ruiz")
    ok("archive", "ana-ruiz-2")
    assert "Ana Ruiz (ana-ruiz-2, archived)" in nc("show", "Ana Ruiz").err
    for number in range(12):
        ok("add", f"Bo {number:02}")
    result = nc("show", "bo")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "matches 12 contacts" in result.err and "bo-09" in result.err
    assert "bo-10" not in result.err and "and 2 more" in result.err


def test_unknown_suggests_closest_and_writes_nothing(people, nc, ok):
    result = nc("log", "Ana Ruis", "-c", "call")
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1
    assert "did you mean" in result.err and "Ana Ruiz (ana-ruiz)" in result.err
    assert touches(ok) == 0


def test_unknown_suggests_every_contact_of_the_closest_name(ok, nc):
    ok("add", "Ana Ruiz")
    ok("add", "Ana Ruiz")
    result = nc("show", "Ana Ruis")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "Ana Ruiz (ana-ruiz)" in result.err and "Ana Ruiz (ana-ruiz-2)" in result.err


def test_unknown_with_nothing_close(people, nc):
    result = nc("show", "zzzz")
    assert result.code == 1 and "Traceback" not in result.err
    # `show` has no --new: the hint names the commands that create a contact.
    assert result.err.strip() == ("netcadence: no contact matches 'zzzz'; add it with "
                                  "'netcadence add' (or 'netcadence log NAME --new')")


def test_archived_found_only_exactly(people, nc, ok):
    ok("archive", "ana-ruiz")
    assert nc("show", "an ru").code == 1
    assert nc("show", "ana").code == 1
    for exact in ("ana-ruiz", "ana ruiz", "ANA.RUIZ@example.com"):
        assert slug_of(ok, exact) == "ana-ruiz"


def test_archived_contact_does_not_make_prefixes_ambiguous(ok):
    ok("add", "Bob Lee")
    ok("add", "Bobby Tables")
    ok("archive", "bobby-tables")
    assert slug_of(ok, "bo") == "bob-lee"


def test_email_is_case_insensitive_for_log(people, ok):
    ok("log", "ANA.RUIZ@EXAMPLE.COM", "-c", "email")
    assert ok("show", "ana-ruiz", "--json").json()["touches"][0]["channel"] == "email"


def test_exact_slug_wins_over_prefixes(ok):
    ok("add", "Bob")
    ok("add", "Bobby Tables")
    ok("add", "Bob Lee")
    assert slug_of(ok, "bob") == "bob"
    assert slug_of(ok, "bob l") == "bob-lee"


def test_wildcard_characters_in_a_name_are_only_characters(ok, nc):
    ok("add", "Ana_Maria Pérez 100%")
    ok("add", "Anaxmaria Lopez")
    assert slug_of(ok, "ana_m") == "ana-maria-perez-100"
    assert slug_of(ok, "pere 100%") == "ana-maria-perez-100"
    assert slug_of(ok, "anax") == "anaxmaria-lopez"
    assert nc("show", "%").code == 1
    assert "no contact matches" in nc("show", "a%z").err


def test_suggestions_overlook_accents_and_word_order(ok, nc):
    ok("add", "José Núñez")
    ok("add", "Ana Ruiz")
    ok("add", "Mary Jane Watson")
    assert "José Núñez (jose-nunez)" in nc("show", "jose nunes").err
    assert "Ana Ruiz (ana-ruiz)" in nc("show", "ruis").err
    assert "Ana Ruiz (ana-ruiz)" in nc("show", "ruis ana").err
    assert "Mary Jane Watson (mary-jane-watson)" in nc("show", "watsno mary").err
    result = nc("show", "zzz qqq")
    assert "did you mean" not in result.err and "netcadence add" in result.err
