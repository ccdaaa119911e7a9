"""`netcadence demo`: a sample network in a throwaway database, dated relative to today."""

from __future__ import annotations

import calendar
import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from netcadence.app.session import Session
from netcadence.engine.goals import make_goal
from netcadence.engine.occasions import Day
from netcadence.engine.schedule import Cadence
from netcadence.render.output import emit_json, say, styled
from netcadence.store import cadences, occasions, schedule
from netcadence.store import contacts as contact_store
from netcadence.store import goals as goal_store
from netcadence.store import touches as touch_store
from netcadence.store.db import Database

NETWORK = Path(__file__).parents[1] / "data" / "network.json"


def load_network(db: Database, today: date, path: Path = NETWORK) -> None:
    """Fill an empty database with the sample network, one transaction."""
    data = json.loads(path.read_text(encoding="utf-8"))
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    with db.write():
        for item in data["cadences"]:
            steps = tuple(
                cadences.parse_step(":".join(filter(None, (s["offset"], s.get("channel") or "",
                                                           s.get("label")))))
                for s in item.get("steps", [])
            )
            every = cadences.parse_duration(item["every"]) if item.get("every") else None
            definition = Cadence(item["name"], steps, every, item.get("stop_on_reply", False),
                                 item.get("give_up_after"))
            cadences.define(db, definition, replace=False)
        for tag, cadence in data.get("tag_defaults", {}).items():
            cadences.set_tag_default(db, tag, cadences.choose(db, cadence))
        for goal in data.get("goals", []):
            goal_store.add(db, make_goal(
                goal["name"], period=goal.get("per", "week"), target=goal["count"],
                tag=goal.get("tag"), channel=goal.get("channel"),
                direction=goal.get("direction", "out"), count_by=goal.get("count_by", "contacts")))
        refs = {}
        for person in data["contacts"]:
            met = person.get("met_days_ago")
            ref = contact_store.create(db, contact_store.NewContact(
                name=person["name"], emails=person.get("emails", []), company=person.get("company"),
                title=person.get("title"), tags=person.get("tags", []),
                met_on=ago(met) if met is not None else None,
            ), ago(person.get("enrolled_days_ago", 0)))
            refs[person["name"]] = ref
            if person.get("cadence"):
                cadences.assign(db, ref.id, cadences.choose(db, person["cadence"]))
            if person.get("birthday"):
                occasions.set_days(db, ref.id, {"birthday": _birthday(person["birthday"], today)})
            for touch in person.get("touches", []):
                touch_store.add(
                    db, ref.id, ago(touch["days_ago"]), channel=touch.get("channel", "other"),
                    direction=touch.get("direction", "out"), note=touch.get("note", ""),
                    give=touch.get("give", False), ask=touch.get("ask", False), by="demo",
                )
            enrolled = ago(person.get("enrolled_days_ago", 0))
            schedule.refresh(db, today, [ref.id], enroll={ref.id: enrolled})
        _load_relations(db, data, refs, ago)


def _load_relations(db: Database, data: dict, refs: dict, ago) -> None:
    """The sample network's introductions and job changes, through their writers."""
    from netcadence.engine.intros import Intro
    from netcadence.engine.jobs import JobChange
    from netcadence.store import intros, jobs

    def day(item: dict, key: str):
        return ago(item[key]) if item.get(key) is not None else None

    for item in data.get("intros", []):
        intros.add(db, Intro(0, refs[item["a"]].id, refs[item["b"]].id,
                             ago(item["proposed_days_ago"]), day(item, "a_agreed_days_ago"),
                             day(item, "b_agreed_days_ago"), day(item, "made_days_ago"),
                             note=item.get("note")))
    for item in data.get("job_changes", []):
        jobs.add(db, refs[item["contact"]].id, ago(item["days_ago"]), JobChange(
            item.get("old_company"), item.get("new_company"), item.get("old_title"),
            item.get("new_title")))


def _birthday(spec: dict, today: date) -> Day:
    """A birthday `in_days` from today; the year from the `age` turned then, if given."""
    on = today + timedelta(days=spec["in_days"])
    age = spec.get("age")
    year = on.year - age if age is not None else None
    while year is not None and (on.month, on.day) == (2, 29) and not calendar.isleap(year):
        year -= 1  # born on a 29 February: in a year that had one
    return Day(on.month, on.day, year)


def run_demo(today: date, *, keep: bool, json: bool = False) -> None:
    """The sample network's agenda and review on `today`, in a database of its own that
    reads no settings (neither the user's database nor the settings file)."""
    from netcadence.app.daily import show_due
    from netcadence.app.reports import show_review

    folder = Path(tempfile.mkdtemp(prefix="netcadence-demo-"))
    path = folder / "demo.db"
    session = Session(db_option=str(path), settings_file=False)
    session.as_of(today)
    try:
        load_network(session.db(create=True), today)
        if json:
            emit_json(_as_json(session.db(), today, path if keep else None))
            return
        styled(f"netcadence demo: a sample network in a throwaway database ({today.isoformat()})",
               "bold")
        say("")
        show_due(session, within="7d")
        say("")
        show_review(session)
        if keep:
            say("")
            say(f"The demo database is kept at {path}; try: netcadence --db {path} show ana")
    finally:
        session.close()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _as_json(db: Database, today: date, kept: Path | None) -> dict:
    """What the demo prints, as one object: the agenda of the coming week and the review."""
    from netcadence.app.reports import weekly_review
    from netcadence.app.rows import other_rows
    from netcadence.engine.agenda import build_agenda, with_other_rows
    from netcadence.engine.goals import week_of
    from netcadence.store import agenda

    items = with_other_rows(
        build_agenda(agenda.due_rows(db, today, today + timedelta(days=7), None), today),
        other_rows(db, today))
    return {"today": today.isoformat(), "database": str(kept) if kept else None,
            "due": [item.as_json() for item in items],
            "review": weekly_review(db, week_of(today), today)}
