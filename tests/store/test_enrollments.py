"""Enrollments are kept as they change, with the day each was recorded (for the review
of a past week), also for databases from before they were kept."""

from __future__ import annotations

from netcadence.store.db import locate, open_database


def enrollments(db_url: str) -> list[tuple]:
    db = open_database(locate(db_url))
    try:
        return [tuple(row) for row in db.rows(
            "SELECT c.slug, e.cadence, e.enrolled_on, e.recorded_on FROM enrollment e "
            "JOIN contact c ON c.id = e.contact_id ORDER BY e.id"
        )]
    finally:
        db.close()


def test_each_change_of_enrollment_is_kept_with_the_day_it_was_recorded(ok, db_url):
    ok("cadence", "define", "monthly", "--every", "1m")
    ok("add", "Ana Ruiz", "--cadence", "1w", today="2026-11-01")
    ok("log", "ana", "--when", "2026-11-02", today="2026-11-02")  # no change of enrollment
    ok("cadence", "set", "ana", "2w", today="2026-11-10")
    ok("add", "Bob Lee", "--tag", "client", today="2026-11-11")  # no cadence: nothing kept
    ok("cadence", "tag", "client", "monthly", today="2026-11-12")
    ok("cadence", "set", "ana", "none", today="2026-11-13")
    ok("log", "Cleo Diaz", "--new", "--cadence", "1w", "--when", "2026-11-05",
       today="2026-11-14")  # enrolled on the day of the touch, recorded that day
    assert enrollments(db_url) == [
        ("ana-ruiz", "1w", "2026-11-01", "2026-11-01"),
        ("ana-ruiz", "2w", "2026-11-10", "2026-11-10"),
        ("bob-lee", "monthly", "2026-11-12", "2026-11-12"),
        ("ana-ruiz", None, "2026-11-13", "2026-11-13"),
        ("cleo-diaz", "1w", "2026-11-05", "2026-11-14"),
    ]


def test_an_enrollment_from_before_they_were_kept_is_kept_at_its_first_change(ok, db_url):
    ok("add", "Ana Ruiz", "--cadence", "1w", today="2026-11-01")
    ok("log", "ana", "-c", "call", "--when", "2026-11-10", today="2026-11-10")
    db = open_database(locate(db_url))
    try:
        with db.write():
            db.run("DELETE FROM enrollment")  # as in a database from an older version
    finally:
        db.close()
    before = ok("review", "--week", "2026-W46", "--json", today="2026-11-15").json()
    ok("cadence", "set", "ana", "2w", today="2026-11-18")
    assert enrollments(db_url) == [
        ("ana-ruiz", "1w", "2026-11-01", "2026-11-01"),
        ("ana-ruiz", "2w", "2026-11-18", "2026-11-18"),
    ]
    after = ok("review", "--week", "2026-W46", "--json", today="2026-11-23").json()
    assert after["due_next_week"] == before["due_next_week"]
    assert [row["due"] for row in after["due_next_week"]] == ["2026-11-17"]
