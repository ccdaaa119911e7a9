"""Relationship strength (SPEC §13): weights, the 90-day half-life, the score."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcadence.engine.schedule import CHANNELS
from netcadence.engine.strength import StrengthTouch, base, from_sum, parts, score, weight

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("direction, channel, give, expected", [
    ("out", "email", False, 1.0),
    ("out", "coffee", False, 2.0),
    ("in", "email", False, 1.5),
    ("in", "call", False, 3.0),
    ("out", "email", True, 1.5),
    ("out", "meeting", True, 3.0),
    ("in", "email", True, 1.5),  # they gave: not one of your gives
])
def test_weights(direction, channel, give, expected):
    assert weight(direction, channel, give) == expected


def test_the_worked_formula():
    # A coffee today (2) and an inbound email 90 days ago (1.5 halved: 0.75).
    touches = [StrengthTouch(TODAY, "out", "coffee"),
               StrengthTouch(TODAY - timedelta(days=90), "in", "email")]
    total, last = base(touches)
    assert last == TODAY and total == pytest.approx(2.75)
    assert score(total, last, TODAY) == round(100 * (1 - math.exp(-2.75 / 4))) == 50
    # Ninety days on, the sum has halved.
    assert score(total, last, TODAY + timedelta(days=90)) == round(
        100 * (1 - math.exp(-1.375 / 4)))


def test_no_touch_is_zero():
    assert base([]) == (0.0, None)
    assert score(None, None, TODAY) == 0 == score(0.0, TODAY, TODAY)


def test_parts_add_up_to_the_score():
    touches = [(1, StrengthTouch(TODAY - timedelta(days=10), "out", "call", True)),
               (2, StrengthTouch(TODAY - timedelta(days=200), "in", "email"))]
    found = parts(touches, TODAY)
    assert found["score"] == from_sum(found["sum"])
    assert [row["id"] for row in found["touches"]] == [1, 2]
    assert found["touches"][0]["weight"] == 3.0


touches = st.lists(st.builds(
    StrengthTouch, st.integers(0, 2000).map(lambda n: TODAY - timedelta(days=n)),
    st.sampled_from(["in", "out"]), st.sampled_from(CHANNELS), st.booleans()), max_size=30)


@settings(max_examples=200, deadline=None, database=None)
@given(touches, st.integers(0, 1000))
def test_the_stored_base_gives_the_direct_sum(history, later):
    today = TODAY + timedelta(days=later)
    total, last = base(history)
    direct = sum(t.weight * 0.5 ** ((today - t.day).days / 90) for t in history)
    assert abs(score(total, last, today) - from_sum(direct)) <= 1
    assert 0 <= score(total, last, today) <= 100


@settings(max_examples=200, deadline=None, database=None)
@given(touches, st.integers(0, 500), st.integers(0, 500))
def test_strength_never_grows_while_nothing_happens(history, first, more):
    total, last = base(history)
    assert score(total, last, TODAY + timedelta(days=first + more)) <= score(
        total, last, TODAY + timedelta(days=first))
