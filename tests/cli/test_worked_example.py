"""SPEC §5's worked example, through the command line."""

from __future__ import annotations

import pytest


@pytest.fixture
def with_new_contact(spec_series):
    return spec_series


def _bob(ok, today):
    return ok("show", "bob", "--json", today=today).json()


def test_worked_example(with_new_contact):
    ok = with_new_contact
    ok(
        "log",
        "bob",
        "--new",
        "--channel",
        "coffee",
        "--when",
        "2026-11-01",
        "--cadence",
        "new-contact",
        today="2026-11-01",
    )
    bob = _bob(ok, "2026-11-01")
    assert (bob["next_due"], bob["step"], bob["action"]) == (
        "2026-11-02",
        "1/3",
        "email: thank-you note",
    )

    ok("log", "bob", "--channel", "email", "--when", "2026-11-02", today="2026-11-02")
    bob = _bob(ok, "2026-11-02")
    assert (bob["next_due"], bob["step"], bob["action"]) == (
        "2026-11-09",
        "2/3",
        "email: follow up",
    )

    ok("log", "bob", "--channel", "email", "--when", "2026-11-12", today="2026-11-12")
    bob = _bob(ok, "2026-11-12")
    assert (bob["next_due"], bob["step"], bob["action"]) == ("2026-12-12", "3/3", "coffee")

    ok("log", "bob", "--channel", "coffee", "--when", "2026-12-10", today="2026-12-10")
    bob = _bob(ok, "2026-12-10")
    assert (bob["next_due"], bob["step"], bob["action"]) == ("2027-03-10", None, None)
    assert bob["cadence"] == "new-contact"


def test_worked_example_due_rows(with_new_contact):
    ok = with_new_contact
    ok(
        "log",
        "bob",
        "--new",
        "-c",
        "coffee",
        "--when",
        "2026-11-01",
        "--cadence",
        "new-contact",
        today="2026-11-01",
    )
    ok("log", "bob", "-c", "email", "--when", "2026-11-02", today="2026-11-02")
    rows = ok("due", "--json", today="2026-11-12").json()
    assert rows == [
        {
            "slug": "bob",
            "name": "bob",
            "due": "2026-11-09",
            "days_overdue": 3,
            "status": "overdue",
            "kind": "cadence",
            "what": "step 2/3 email: follow up",
            "cadence": "new-contact",
            "step": "2/3",
            "action": "email: follow up",
            "last_touch": "2026-11-02",
            "urgency": rows[0]["urgency"],
        }
    ]
    assert rows[0]["urgency"] == pytest.approx(3 / 7, abs=1e-3)


def test_worked_example_as_log_prints_it(with_new_contact):
    """Each `log` of the example prints the table's "next due" column."""
    ok = with_new_contact
    lines = [
        (("bob", "--new", "--channel", "coffee", "--when", "2026-11-01",
          "--cadence", "new-contact"),
         "2026-11-02", "step 1/3 email: thank-you note"),
        (("bob", "--channel", "email", "--when", "2026-11-02"),
         "2026-11-09", "step 2/3 email: follow up"),
        (("bob", "--channel", "email", "--when", "2026-11-12"), "2026-12-12", "step 3/3 coffee"),
        (("bob", "--channel", "coffee", "--when", "2026-12-10"), "2027-03-10", "every 3m"),
    ]
    for args, due, what in lines:
        out = ok("log", *args, today=args[args.index("--when") + 1]).out
        assert f"next due {due}" in out and what in out, out
