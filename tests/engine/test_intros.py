"""Introductions (SPEC §13): states, the sides a stale proposal waits for, suggestions."""

from __future__ import annotations

from datetime import date, timedelta

from netcadence.engine.intros import Intro, Person, nudge_due, suggestions, waiting

D = date(2026, 11, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_states_follow_what_happened():
    intro = Intro(1, 10, 20, day(0))
    assert intro.state == "proposed" and intro.open
    assert Intro(1, 10, 20, day(0), b_agreed_on=day(1)).state == "half-agreed"
    assert Intro(1, 10, 20, day(0), day(1), day(2)).state == "agreed"
    made = Intro(1, 10, 20, day(0), day(1), day(2), made_on=day(3))
    assert made.state == "made" and not made.open
    dropped = Intro(1, 10, 20, day(0), day(1), dropped_on=day(3))
    assert dropped.state == "dropped" and not dropped.open


def test_a_proposal_waits_fourteen_days_before_it_asks_for_a_nudge():
    intro = Intro(1, 10, 20, day(0), a_agreed_on=day(2))
    assert nudge_due(intro) == day(14)
    assert waiting(intro, day(14)) == []  # 14 days: not more than 14 yet
    assert waiting(intro, day(15)) == [20]  # only the side that has not agreed
    assert waiting(Intro(1, 10, 20, day(0)), day(30)) == [10, 20]
    assert waiting(Intro(1, 10, 20, day(0), day(1), day(2)), day(30)) == []
    assert waiting(Intro(1, 10, 20, day(0), made_on=day(5)), day(30)) == []
    assert waiting(Intro(1, 10, 20, day(0), dropped_on=day(5)), day(30)) == []


def person(n: int, name: str, *tags: str, strength: int = 0) -> Person:
    return Person(n, name.lower().replace(" ", "-"), name, tags, strength)


def test_one_needs_what_the_other_offers():
    ana = person(1, "Ana Ruiz", "client", "needs:Fintech")
    bob = person(2, "Bob Lee", "offers:fintech", strength=30)
    cy = person(3, "Cy Ode", "offers:design")
    found = suggestions([bob, cy, ana], set())
    assert [s.as_json() for s in found] == [
        {"a": "ana-ruiz", "b": "bob-lee", "tags": ["needs:Fintech", "offers:fintech"]}]


def test_pairs_already_introduced_or_proposed_are_left_out():
    ana = person(1, "Ana", "needs:x")
    bob = person(2, "Bob", "offers:x")
    assert suggestions([ana, bob], {frozenset((2, 1))}) == []


def test_both_ways_make_one_pair_and_the_strongest_come_first():
    ana = person(1, "Ana", "needs:x", "offers:y", strength=10)
    bob = person(2, "Bob", "offers:x", "needs:y", strength=10)
    cy = person(3, "Cy", "offers:x", strength=50)
    dee = person(4, "Dee", "needs:x", strength=0)
    found = suggestions([ana, bob, cy, dee], set())
    pairs = [(s.a.slug, s.b.slug) for s in found]
    assert pairs == [("ana", "cy"), ("dee", "cy"), ("ana", "bob"), ("dee", "bob")]
    assert found[2].tags == ("needs:x", "offers:x", "needs:y", "offers:y")


def test_one_contact_only():
    ana = person(1, "Ana", "needs:x")
    bob = person(2, "Bob", "offers:x")
    cy = person(3, "Cy", "needs:x")
    assert [(s.a.slug, s.b.slug) for s in suggestions([ana, bob, cy], set(), only=3)] == [
        ("cy", "bob")]


def test_a_contact_that_needs_what_it_offers_is_no_pair():
    assert suggestions([person(1, "Ana", "needs:x", "offers:x")], set()) == []
