"""The give and ask ledger (SPEC §13): four counts and what is open."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netcadence.engine.ledger import Ledger, LedgerTouch, ledger, open_asks

D = date(2026, 11, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_the_four_counts_follow_the_direction():
    found = ledger([
        LedgerTouch(day(0), "out", give=True),
        LedgerTouch(day(1), "out", ask=True),
        LedgerTouch(day(2), "in", give=True),
        LedgerTouch(day(3), "in", ask=True),
        LedgerTouch(day(4), "in", ask=True),
    ])
    assert (found.gave, found.asked, found.got, found.were_asked) == (1, 1, 1, 2)
    assert found.owe_answer == 2  # both asks came after your last give
    assert found.asked_before_giving == 0


def test_a_give_answers_the_asks_before_it():
    found = ledger([LedgerTouch(day(0), "in", ask=True), LedgerTouch(day(1), "in", ask=True),
                    LedgerTouch(day(2), "out", give=True), LedgerTouch(day(5), "in", ask=True)])
    assert found.owe_answer == 1


def test_only_your_own_give_answers_their_ask():
    """Their give is not your answer; a give the day they asked answers it."""
    assert ledger([LedgerTouch(day(0), "in", ask=True),
                   LedgerTouch(day(1), "in", give=True)]).owe_answer == 1
    assert ledger([LedgerTouch(day(0), "in", ask=True),
                   LedgerTouch(day(0), "out", give=True)]).owe_answer == 0
    # One touch that gives and asks: a give of yours, not an ask before giving.
    both = ledger([LedgerTouch(day(0), "out", give=True, ask=True)])
    assert (both.gave, both.asked, both.asked_before_giving) == (1, 1, 0)


def test_asking_someone_you_never_gave_to_is_open():
    found = ledger([LedgerTouch(day(0), "out", ask=True), LedgerTouch(day(3), "out", ask=True)])
    assert found.asked_before_giving == 2 and found.asked == 2
    assert [a["who"] for a in open_asks([(LedgerTouch(day(0), "out", ask=True), "intro?")])] == [
        "you"]


def test_nothing_gives_an_empty_ledger():
    assert ledger([]) == Ledger() and not Ledger().any


entries = st.lists(st.builds(LedgerTouch, st.integers(0, 60).map(day),
                             st.sampled_from(["in", "out"]), st.booleans(), st.booleans()),
                   max_size=20)


@settings(max_examples=200, deadline=None, database=None)
@given(entries, st.randoms())
def test_the_ledger_does_not_depend_on_order(touches, rng):
    shuffled = list(touches)
    rng.shuffle(shuffled)
    found = ledger(touches)
    assert ledger(shuffled) == found
    assert found.owe_answer <= found.were_asked
    assert found.asked_before_giving in (0, found.asked)
    listed = open_asks([(t, "") for t in touches])
    assert len(listed) == found.owe_answer + found.asked_before_giving
