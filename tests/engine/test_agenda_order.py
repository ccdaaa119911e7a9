"""SPEC §6's agenda order: urgency first, then days overdue, name, slug; upcoming by date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcadence.engine.agenda import (
    AgendaItem,
    build_agenda,
    news_since,
    other_row,
    urgency,
    waiting_if_proposed_before,
    with_other_rows,
)
from netcadence.text import fold

TODAY = date(2026, 11, 23)


class Row(NamedTuple):
    slug: str
    name: str
    due: str
    interval_days: float | None
    cadence: str | None = "c"
    step: int | None = None
    steps: int | None = None
    action: str | None = None
    last_touch: str | None = None


def row(slug: str, late: int, interval: float | None, name: str | None = None) -> Row:
    return Row(slug, name or slug.title(), (TODAY - timedelta(days=late)).isoformat(), interval)


def order(*rows: Row) -> list[str]:
    return [item.slug for item in build_agenda(list(rows), TODAY)]


@pytest.mark.parametrize("days_overdue, interval, expected", [
    (7, 7.0, 1.0),
    (10, 91.31, 10 / 91.31),
    (3, 7.0, 3 / 7),
    (0, 7.0, 0.0),
    (5, None, 5.0),
])
def test_urgency_is_days_late_over_the_interval(days_overdue, interval, expected):
    assert urgency(days_overdue, interval) == pytest.approx(expected)


def test_weekly_seven_days_late_outranks_quarterly_ten_days_late():
    assert order(row("quarterly", 10, 91.31), row("weekly", 7, 7.0)) == ["weekly", "quarterly"]


@pytest.mark.parametrize("rows, expected", [
    # more urgent first even when fewer days late
    ([row("a", 30, 365.25), row("b", 2, 1.0)], ["b", "a"]),
    # same urgency: more days overdue first
    ([row("short", 7, 7.0), row("long", 14, 14.0)], ["long", "short"]),
    # same urgency and days: by name, case- and accent-insensitive
    ([row("z", 3, 7.0, "Élise"), row("y", 3, 7.0, "bob"), row("x", 3, 7.0, "Anna")],
     ["x", "y", "z"]),
    # same name: by slug
    ([row("ana-ruiz-2", 3, 7.0, "Ana Ruiz"), row("ana-ruiz", 3, 7.0, "Ana Ruiz")],
     ["ana-ruiz", "ana-ruiz-2"]),
    # due today after every overdue row, however rare
    ([row("today", 0, 1.0), row("late", 1, 365.25)], ["late", "today"]),
    # upcoming after due, by date then name (not by urgency or interval)
    ([row("later", -5, 1.0), row("soon-b", -2, 365.25, "Bo"), row("soon-a", -2, 7.0, "Al"),
      row("now", 0, 30.44)], ["now", "soon-a", "soon-b", "later"]),
])
def test_agenda_order(rows, expected):
    assert order(*rows) == expected


@pytest.mark.parametrize("late, status", [(3, "overdue"), (0, "due"), (-2, "upcoming")])
def test_status_and_days_overdue(late, status):
    (item,) = build_agenda([row("a", late, 7.0)], TODAY)
    assert (item.status, item.days_overdue) == (status, late)


def test_agenda_item_json_shape():
    source = Row("bob-lee", "Bob Lee", "2026-11-20", 7.0, "new-contact", 2, 3,
                 "email: follow up", "2026-11-02")
    (item,) = build_agenda([source], TODAY)
    assert item.as_json() == {
        "slug": "bob-lee", "name": "Bob Lee", "due": "2026-11-20", "days_overdue": 3,
        "status": "overdue", "kind": "cadence", "what": "step 2/3 email: follow up",
        "cadence": "new-contact", "step": "2/3",
        "action": "email: follow up", "last_touch": "2026-11-02", "urgency": 0.4286,
    }


def test_step_is_null_outside_a_series():
    (item,) = build_agenda([row("a", 1, 7.0)], TODAY)
    assert (item.step, item.as_json()["step"]) == (None, None)


NAMES = [
    "Ana", "ana", "Ána", "Ab Zed", "A Czar", "Émile", "emma", "Zoë", "李小龍", "o'Neil", "O Neil",
]


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.tuples(
    st.integers(-20, 40), st.sampled_from([None, 1.0, 7.0, 14.0, 30.44, 91.31, 365.25]),
    st.sampled_from(NAMES), st.sampled_from(["a", "b", "a-2"]),
), max_size=30))
def test_rows_in_date_order_rank_as_the_full_order(specs):
    """due_rows hands rows over by date, folded name, slug; ranking those by urgency alone
    must give SPEC's order, the one build_agenda finds from rows in any order."""
    rows = [Row(slug, name, (TODAY - timedelta(days=late)).isoformat(), interval)
            for late, interval, name, slug in specs]
    by_date = sorted(rows, key=lambda r: (r.due, fold(r.name), r.slug))
    expected = [(i.slug, i.name, i.due) for i in build_agenda(rows, TODAY)]
    assert [(i.slug, i.name, i.due) for i in build_agenda(by_date, TODAY, by_date=True)] == expected


def occasion(slug: str, late: int, kind: str = "birthday") -> AgendaItem:
    return other_row(kind, slug, slug.title(), TODAY - timedelta(days=late), TODAY, kind, None)


def test_rows_of_other_kinds_take_their_places():
    """SPEC §12: an occasion on its day before every row; one in its lead days after
    the due and overdue rows, before other upcoming rows; introductions and news rank
    by urgency among the due and overdue rows."""
    agenda = build_agenda([row("weekly-late", 7, 7.0), row("due-today", 0, 7.0),
                           row("soon", -1, 7.0), row("later", -5, 7.0)], TODAY)
    others = [
        occasion("cake-later", -2),
        occasion("cake-today", 0),
        occasion("wedding-today", 0, "anniversary"),
        other_row("intro", "intro-late", "Intro Late", TODAY - timedelta(days=14), TODAY,
                  "intro #1 with Bob: waiting for their OK", None, interval_days=14.0),
        other_row("news", "moved", "Moved", TODAY - timedelta(days=20), TODAY,
                  "moved to Globex", None, interval_days=14.0),
    ]
    merged = with_other_rows(agenda, others)
    assert [(item.slug, item.kind) for item in merged] == [
        ("cake-today", "birthday"), ("wedding-today", "anniversary"),
        ("moved", "news"),            # 20 days late over 14: urgency 1.43
        ("intro-late", "intro"),      # 14 over 14: 1.0, and more days late than…
        ("weekly-late", "cadence"),   # … 7 over 7: 1.0
        ("due-today", "cadence"),
        ("cake-later", "birthday"),
        ("soon", "cadence"), ("later", "cadence"),
    ]
    assert [item.status for item in merged[:2]] == ["due", "due"]
    assert merged[6].status == "upcoming" and merged[6].days_overdue == -2
    assert merged[2].as_json()["what"] == "moved to Globex"
    assert merged[2].as_json()["cadence"] is None and merged[2].as_json()["step"] is None


def test_no_other_rows_leaves_the_agenda_as_it_was():
    agenda = build_agenda([row("a", 3, 7.0), row("b", -1, 7.0)], TODAY)
    assert with_other_rows(agenda, []) is agenda


def test_a_proposal_is_a_row_once_older_than_fourteen_days():
    """SPEC §13: an open proposal older than 14 days shows in `due`."""
    today = date(2026, 11, 30)
    assert waiting_if_proposed_before(today) == date(2026, 11, 16)  # made the 15th: 15 days


def test_news_lasts_fourteen_days_counting_the_day_it_was_noticed():
    today = date(2026, 11, 30)
    assert news_since(today) == date(2026, 11, 17)
    assert (today - news_since(today)).days + 1 == 14
