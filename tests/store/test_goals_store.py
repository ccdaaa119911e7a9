"""Property: goal counts and streaks grouped in SQL equal a count done by hand in Python."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcadence.engine.goals import Goal, period_of
from netcadence.store import goals as goal_store
from netcadence.store.db import locate, open_database

TODAY = date(2027, 1, 6)  # a Wednesday in 2027-W01, just after the long 2026-W53
CONTACTS = {1: ["client"], 2: ["client", "partner"], 3: []}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    store = open_database(locate(str(tmp_path_factory.mktemp("goals") / "goals.db")))
    with store.write():
        for contact_id, tags in CONTACTS.items():
            store.run(
                "INSERT INTO contact (id, slug, name, name_key, created_on, archived, "
                "cadence_mode) VALUES (?, ?, ?, ?, '2024-01-01', ?, 'tag')",
                (contact_id, f"c{contact_id}", f"C {contact_id}", f"c {contact_id}", False),
            )
            for tag in tags:
                store.run("INSERT INTO contact_tag (contact_id, tag_key, tag) VALUES (?, ?, ?)",
                          (contact_id, tag, tag))
        for event_id in (1, 2, 3):
            store.run("INSERT INTO event (id, name, held_on) VALUES (?, ?, '2026-01-01')",
                      (event_id, f"event {event_id}"))
    yield store
    store.close()


touch = st.tuples(
    st.integers(min_value=0, max_value=400),        # days before today
    st.sampled_from(sorted(CONTACTS)),
    st.sampled_from(["call", "email", "event"]),
    st.sampled_from(["out", "in"]),
    st.sampled_from([None, 1, 2, 3]),                # an event recorded with `event`
)
goal = st.builds(
    Goal,
    name=st.just("g"),
    period=st.sampled_from(["week", "month", "quarter"]),
    target=st.integers(min_value=1, max_value=3),
    tag=st.sampled_from([None, "client", "partner"]),
    channel=st.sampled_from([None, "call", "event"]),
    direction=st.sampled_from(["out", "in", "any"]),
    count_by=st.sampled_from(["contacts", "touches", "events"]),
)


def _by_hand(goal: Goal, touches, start: date, end: date) -> int:
    chosen = []
    for days, contact_id, channel, direction, event_id in touches:
        day = TODAY - timedelta(days=days)
        event_id = event_id if channel == "event" else None
        if not start <= day <= end:
            continue
        if goal.direction != "any" and direction != goal.direction:
            continue
        if goal.channel and channel != goal.channel:
            continue
        if goal.tag and goal.tag not in CONTACTS[contact_id]:
            continue
        if goal.count_by == "events" and channel != "event":
            continue
        chosen.append((contact_id, event_id))
    if goal.count_by == "contacts":
        return len({contact_id for contact_id, _ in chosen})
    if goal.count_by == "touches":
        return len(chosen)
    return len({e for _, e in chosen if e is not None}) + sum(1 for _, e in chosen if e is None)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(touch, max_size=40), goal)
def test_progress_matches_a_count_by_hand(db, touches, goal):
    with db.write():
        db.run("DELETE FROM touch")
        for days, contact_id, channel, direction, event_id in touches:
            db.run(
                "INSERT INTO touch (contact_id, touched_on, channel, direction, note, give, ask, "
                "event_id) VALUES (?, ?, ?, ?, '', ?, ?, ?)",
                (contact_id, (TODAY - timedelta(days=days)).isoformat(), channel, direction,
                 False, False, event_id if channel == "event" else None),
            )
    found = goal_store.progress(db, goal, TODAY)
    current = period_of(goal.period, TODAY)
    assert found.period == current
    assert found.done == _by_hand(goal, touches, current.start, TODAY)
    expected = 1 if found.done >= goal.target else 0
    period = current.previous()
    while _by_hand(goal, touches, period.start, period.end) >= goal.target:
        expected += 1
        period = period.previous()
    assert found.streak == expected
