"""The daily commands' work (`due`, `log`), shared by the Typer app and the quick path.

Nothing here imports Typer, Rich or the ORM: cli/fast.py runs these functions
before Typer is loaded, and the Typer commands call the very same ones. The store
and the engine load when a function runs, not with this module: cli/fast.py
imports it to read any command line, most of which are not `due` or `log`.
"""

from __future__ import annotations

from datetime import date

from netcadence import dates
from netcadence.app.session import Session, user_name
from netcadence.errors import InputError, NoDatabase
from netcadence.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.store.contacts import ContactRef
    from netcadence.store.db import Database


def parse_channel(text: str | None) -> str:
    from netcadence.engine.schedule import parse_channel as parse  # loaded when it runs

    return parse(text)


def touch_day(when: str | None, today: date) -> date:
    """The date of a touch: --when (today by default), never after today."""
    from netcadence.store.touches import check_not_future

    day = dates.parse_date(when, today) if when is not None else today
    check_not_future(day, today)
    return day


def show_due(
    session: Session, *, within: str | None = None, on: str | None = None,
    tag: str | None = None, limit: int | None = None, show_all: bool = False,
    json: bool = False,
) -> None:
    """Print the agenda: overdue and due first by urgency, then upcoming."""
    import gc

    # A long agenda makes tens of thousands of short-lived objects, none in a reference
    # cycle: the collector's passes over them (and over every loaded module) are pure
    # cost, about 2 ms of `due` on 50,000 contacts.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _show_due(session, within=within, on=on, tag=tag, limit=limit, show_all=show_all,
                  json=json)
    finally:
        if collecting:
            gc.enable()


def _show_due(
    session: Session, *, within: str | None, on: str | None, tag: str | None,
    limit: int | None, show_all: bool, json: bool,
) -> None:
    from netcadence.app.rows import other_rows
    from netcadence.engine.agenda import build_agenda, with_other_rows
    from netcadence.store import agenda, settings

    if on is not None:
        session.as_of(dates.parse_date(on, session.today(), future=True))
    today = session.today()
    span = dates.parse_duration(within) if within is not None else None
    if limit is not None and limit < 1:
        raise InputError("--limit needs a whole number ≥ 1")
    try:
        db = session.db()
    except NoDatabase:
        if not session.on_default_location:
            raise
        _how_to_begin(today, json=json)  # the first run: the default database comes later
        return
    horizon = span.after(today) if span else today
    items = with_other_rows(
        build_agenda(agenda.due_rows(db, today, horizon, tag), today, by_date=True),
        other_rows(db, today, tag))
    if json:
        from netcadence.render.output import emit_json

        emit_json([item.as_json() for item in items[:limit]])
        return
    from netcadence.render.agenda import print_agenda

    next_up = None if items else agenda.next_up(db, today, tag)
    print_agenda(
        items, today=today, capacity=None if show_all else settings.load(db).capacity,
        limit=limit, vacation=agenda.vacation_until(db, today), next_up=next_up,
        header=goal_lines(db, today),
        first_time=not items and not next_up and not agenda.has_contacts(db),
    )


def _how_to_begin(today: date, *, json: bool) -> None:
    """The agenda of a database that does not exist yet: empty, and how to begin."""
    if json:
        from netcadence.render.output import emit_json

        emit_json([])
        return
    from netcadence.render.agenda import print_agenda

    print_agenda([], today=today, capacity=None, vacation=None, next_up=None, header=[],
                 first_time=True)


def goal_lines(db: Database, today: date) -> list[str]:
    """One compact line per goal, shown above the agenda."""
    from netcadence.store import agenda

    if not agenda.has_goals(db):
        return []
    from netcadence.render.review import goal_line
    from netcadence.store.goals import all_progress

    return [goal_line(progress) for progress in all_progress(db, today)]


def log_touch(
    session: Session, contact: str, *, channel: str | None = None, when: str | None = None,
    note: str | None = None, inbound: bool = False, give: bool = False, ask: bool = False,
    new: bool = False, cadence: str | None = None, by: str | None = None,
) -> None:
    """Record one touch, refresh the contact's schedule, and say what is next."""
    from netcadence.render.output import say, warn
    from netcadence.store import schedule
    from netcadence.store import touches as touch_store

    today = session.today()
    day = touch_day(when, today)
    kind = parse_channel(channel)
    if cadence is not None and not new:
        raise InputError(
            "--cadence goes with --new; for an existing contact use 'netcadence cadence set'"
        )
    db = session.db(create=True)
    with db.write():
        ref, created = contact_for_log(db, contact, today, new=new, cadence=cadence, day=day)
        # Only your own ask to someone you never gave to earns a warning (theirs, logged
        # with --in, are asks made of you).
        warn_ask = ask and not give and not inbound and _never_given(db, ref.id)
        touch_id = touch_store.add(
            db, ref.id, day, channel=kind, direction="in" if inbound else "out",
            note=note or "", give=give, ask=ask, by=user_name(by),
        )
        schedule.refresh(db, today, [ref.id])
    if warn_ask:
        warn(f"you have never given to {printable(ref.name)}; give before you ask")
    if created:
        say(f"Added {printable(ref.name)} ({ref.slug}), a new contact")
    say(f"Logged touch {touch_id} with {printable(ref.name)} ({ref.slug}) on {day.isoformat()}; "
        + next_due_text(db, ref.id, today))


def _never_given(db: Database, contact_id: int) -> bool:
    from netcadence.store.relations import ledger_of

    return ledger_of(db, contact_id).gave == 0


def contact_for_log(
    db: Database, query: str, today: date, *, new: bool, cadence: str | None, day: date,
) -> tuple[ContactRef, bool]:
    """The contact a touch is for, and whether it was created: with `new`, it is unless
    it exists exactly."""
    from netcadence.store import cadences, schedule
    from netcadence.store import contacts as contact_store

    if not new:
        return contact_store.resolve(db, query), False
    exact = contact_store.find_exact(db, query)
    if exact:
        ref = contact_store.one_of(query, exact)
        if cadence is not None:
            cadences.assign(db, ref.id, cadences.choose(db, cadence))
            schedule.refresh(db, today, [ref.id], enroll={ref.id: day})
        return ref, False
    email = query.strip() if contact_store.is_email(query) else None
    ref = contact_store.create(
        db, contact_store.NewContact(name=query, emails=[email] if email else []), today
    )
    if cadence is None:
        from netcadence.store import settings

        cadence = settings.load(db).default_cadence
    if cadence:
        cadences.assign(db, ref.id, cadences.choose(db, cadence))
        schedule.refresh(db, today, [ref.id], enroll={ref.id: day})
    return ref, True


def next_due_text(db: Database, contact_id: int, today: date) -> str:
    """What the contact's schedule says now, in one phrase."""
    from netcadence.store import agenda

    state = agenda.schedule_of(db, contact_id, today)
    if state.archived:
        return "archived, so never due"
    if state.paused:
        return f"paused until {state.paused_until or 'resumed'}"
    if state.unresponsive_since:
        return ("no answer to several touches: set aside as unresponsive since "
                f"{state.unresponsive_since}")
    label = state.cadence_label
    if not label:
        return "no cadence, so never due"
    if not state.next_due:
        return f"cadence {printable(label)} complete, not due again"
    if state.step:
        detail = f"step {state.step}/{state.steps}"
    else:  # a named cadence's perpetual part says its interval, as SPEC's worked example does
        detail = f"every {state.every}, cadence {label}" if state.every else f"cadence {label}"
    if state.action:
        detail += f" {state.action}"
    return f"next due {state.next_due} ({printable(detail)})"
