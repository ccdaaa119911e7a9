"""Introductions: made at once (`intro A B`), or proposed and made once both sides agree."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from netcadence.app.session import Session, user_name
from netcadence.engine.agenda import INTRO_WAIT_DAYS, waiting_if_proposed_before
from netcadence.engine.intros import Intro, nudge_due, waiting
from netcadence.errors import InputError
from netcadence.store import intros as intro_store
from netcadence.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.agenda import AgendaItem
    from netcadence.engine.intros import Suggestion
    from netcadence.store.contacts import ContactRef
    from netcadence.store.db import Database


def _named(ref: ContactRef) -> str:
    return f"{printable(ref.name)} ({ref.slug})"


def _pair(db: Database, first: str, second: str) -> tuple[ContactRef, ContactRef]:
    from netcadence.store import contacts as contact_store

    a = contact_store.resolve(db, first)
    b = contact_store.resolve(db, second)
    if a.id == b.id:
        raise InputError(f"an introduction needs two different people ({a.slug} twice)")
    return a, b


def parse_id(text: str) -> int:
    """An introduction's id as typed (`3` or `#3`)."""
    try:
        number = int(text.strip().lstrip("#"))
    except ValueError:
        number = 0
    if number < 1:
        raise InputError(f"{text!r} is not an introduction id; 'netcadence intro list' lists "
                         "them with their ids")
    return number


def make_now(session: Session, first: str, second: str, *, note: str | None = None,
             when: str | None = None, by: str | None = None) -> None:
    """`intro A B`: you introduced them (on --when, else today): a given touch on both.
    An open proposal between them is made by it."""
    from netcadence.app.daily import touch_day

    today = session.today()
    day = touch_day(when, today)
    db = session.db(create=True)
    with db.write():
        a, b = _pair(db, first, second)
        proposal = intro_store.open_between(db, a.id, b.id)
        if proposal is None:
            intro_id = intro_store.add(db, Intro(0, a.id, b.id, day, made_on=day, note=note))
        else:
            intro_id = proposal.id
            intro_store.made(db, proposal, day)
        ids = _log_touches(db, today, day, a, b, note, by)
    text = (f"Introduced {_named(a)} and {_named(b)} on {day.isoformat()}: touches {ids[0]} "
            f"and {ids[1]}")
    if proposal is not None:
        text += f"; introduction {intro_id}, proposed {proposal.proposed_on.isoformat()}, is made"
    from netcadence.render.output import say

    say(text)


def _log_touches(db: Database, today: date, day: date, a: ContactRef, b: ContactRef,
                 note: str | None, by: str | None) -> list[int]:
    """A given, outbound `intro` touch on each side, and their schedules refreshed."""
    from netcadence.store import schedule
    from netcadence.store import touches as touch_store

    ids = []
    for ref, other in ((a, b), (b, a)):
        text = note or f"introduced to {other.name}"
        ids.append(touch_store.add(db, ref.id, day, channel="intro", give=True, note=text,
                                   by=user_name(by)))
    schedule.refresh(db, today, [a.id, b.id])
    return ids


def propose(session: Session, first: str, second: str, *, note: str | None = None,
            when: str | None = None) -> None:
    """`intro A B --propose`: record a proposed introduction and print its id."""
    from netcadence import dates
    from netcadence.render.output import say

    today = session.today()
    day = dates.parse_date(when, today) if when is not None else today
    if day > today:
        raise InputError(f"{day.isoformat()} is after today; a proposal is dated today or "
                         "earlier")
    db = session.db(create=True)
    with db.write():
        a, b = _pair(db, first, second)
        already = intro_store.open_between(db, a.id, b.id)
        if already is not None:
            raise InputError(f"{printable(a.name)} and {printable(b.name)} already have an open "
                             f"introduction ({already.id}); see 'netcadence intro list --open'")
        intro_id = intro_store.add(db, Intro(0, a.id, b.id, day, note=note or None))
    say(f"Proposed introduction {intro_id}: {_named(a)} and {_named(b)}; as each agrees: "
        f"netcadence intro ok {intro_id} CONTACT")


def _open(db: Database, intro_id: int, doing: str) -> Intro:
    """An introduction that is still open, or an error saying what became of it."""
    intro = intro_store.get(db, intro_id)
    if intro.made_on is not None:
        raise InputError(f"introduction {intro.id} was made on {intro.made_on.isoformat()}; "
                         f"there is nothing to {doing}")
    if intro.dropped_on is not None:
        raise InputError(f"introduction {intro.id} was dropped on "
                         f"{intro.dropped_on.isoformat()}; propose it again with "
                         "'netcadence intro A B --propose'")
    return intro


def _sides(db: Database, intro: Intro) -> tuple[ContactRef, ContactRef]:
    from netcadence.store import contacts as contact_store

    return contact_store.ref(db, intro.a), contact_store.ref(db, intro.b)


@contextmanager
def _changing(session: Session, intro_text: str, doing: str | None
              ) -> Iterator[tuple[Database, Intro, ContactRef, ContactRef]]:
    """The introduction named on the command line and its two people, in one write (open
    ones only, unless `doing` is None)."""
    intro_id = parse_id(intro_text)
    db = session.db(create=True)
    with db.write():
        intro = intro_store.get(db, intro_id) if doing is None else _open(db, intro_id, doing)
        yield (db, intro, *_sides(db, intro))


def agree(session: Session, intro_text: str, contact: str) -> None:
    """`intro ok ID CONTACT`: one side agreed to be introduced."""
    from netcadence.render.output import say
    from netcadence.store import contacts as contact_store

    today = session.today()
    with _changing(session, intro_text, "agree to") as (db, intro, a, b):
        ref = contact_store.resolve(db, contact)
        if ref.id not in (a.id, b.id):
            raise InputError(f"{printable(ref.name)} ({ref.slug}) is not part of introduction "
                             f"{intro.id} ({printable(a.name)} and {printable(b.name)})")
        agreed = intro.agreed_on(ref.id)
        if agreed is None:
            intro_store.agree(db, intro, ref.id, today)
    other = b if ref.id == a.id else a
    if agreed is not None:
        say(f"{printable(ref.name)} already agreed to introduction {intro.id} on "
            f"{agreed.isoformat()}")
    elif intro.agreed_on(other.id) is None:
        say(f"{printable(ref.name)} agreed to introduction {intro.id}; waiting for "
            f"{_named(other)}: netcadence intro ok {intro.id} {other.slug}")
    else:
        say(f"{printable(ref.name)} agreed to introduction {intro.id}: both agree; make it with "
            f"netcadence intro made {intro.id}")


def make(session: Session, intro_text: str, *, force: bool = False,
         by: str | None = None) -> None:
    """`intro made ID`: make a proposed introduction (once both agreed, unless forced)."""
    from netcadence.render.output import say

    today = session.today()
    with _changing(session, intro_text, "make") as (db, intro, a, b):
        missing = [ref for ref in (a, b) if intro.agreed_on(ref.id) is None]
        if missing and not force:
            names = " and ".join(f"{printable(ref.name)}" for ref in missing)
            commands = "; ".join(f"netcadence intro ok {intro.id} {ref.slug}" for ref in missing)
            raise InputError(f"introduction {intro.id} waits for the OK of {names} ({commands}); "
                             "--force makes it anyway")
        intro_store.made(db, intro, today)
        ids = _log_touches(db, today, today, a, b, intro.note, by)
    say(f"Made introduction {intro.id}: {_named(a)} and {_named(b)} on {today.isoformat()}: "
        f"touches {ids[0]} and {ids[1]}")


def drop(session: Session, intro_text: str) -> None:
    """`intro drop ID`: give up on a proposed introduction."""
    from netcadence.render.output import say

    with _changing(session, intro_text, "drop") as (db, intro, a, b):
        intro_store.drop(db, intro, session.today())
    say(f"Dropped introduction {intro.id} ({_named(a)} and {_named(b)})")


def outcome(session: Session, intro_text: str, text: str) -> None:
    """`intro outcome ID TEXT`: what came of an introduction."""
    from netcadence.render.output import say

    number = parse_id(intro_text)
    cleaned = " ".join(printable(text).split())
    if not cleaned:
        raise InputError(f"say what came of it, e.g. netcadence intro outcome {number} "
                         "\"they signed\"")
    with _changing(session, intro_text, None) as (db, intro, a, b):
        intro_store.set_outcome(db, intro, cleaned)
    say(f"Noted what came of introduction {intro.id} ({_named(a)} and {_named(b)})")


# --- reading ----------------------------------------------------------------------


def listed(db: Database, *, open_only: bool = False
           ) -> tuple[list[Intro], dict[int, tuple[str, str]]]:
    """Every introduction (or the open ones), by id, and its people's slugs and names."""
    found = intro_store.all_intros(db)
    if open_only:
        found = [intro for intro in found if intro.open]
    people = {cid: (slug, name) for cid, slug, name in db.rows(
        "SELECT id, slug, name FROM contact")} if found else {}
    return found, people


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def as_json(intro: Intro, people: dict[int, tuple[str, str]]) -> dict:
    return {
        "id": intro.id, "a": people[intro.a][0], "b": people[intro.b][0],
        "state": intro.state, "proposed": intro.proposed_on.isoformat(),
        "a_agreed": _iso(intro.a_agreed_on), "b_agreed": _iso(intro.b_agreed_on),
        "made": _iso(intro.made_on), "dropped": _iso(intro.dropped_on),
        "note": intro.note, "outcome": intro.outcome,
    }


def show_list(session: Session, *, open_only: bool = False, json: bool = False) -> None:
    found, people = listed(session.db(), open_only=open_only)
    if json:
        from netcadence.render.output import emit_json

        emit_json([as_json(intro, people) for intro in found])
        return
    from netcadence.render.relations import intro_table

    intro_table(found, people, open_only=open_only)


def suggested(db: Database, today: date, only: int | None = None) -> list[Suggestion]:
    """Pairs worth introducing (needs:X with offers:X), strongest first."""
    from netcadence.engine.intros import NEEDS, OFFERS, Person, suggestions
    from netcadence.store import relations

    tags = relations.tagged(db, (NEEDS, OFFERS))
    if not tags:
        return []
    people = [Person(p.id, p.slug, p.name, tuple(tags[p.id]), p.strength)
              for p in relations.people(db, today, list(tags))]
    return suggestions(people, intro_store.pairs(db), only)


def show_suggestions(session: Session, contact: str | None = None, *,
                     json: bool = False) -> None:
    db = session.db()
    only = None
    if contact is not None:
        from netcadence.store import contacts as contact_store

        only = contact_store.resolve(db, contact).id
    found = suggested(db, session.today(), only)
    if json:
        from netcadence.render.output import emit_json

        emit_json([s.as_json() for s in found])
        return
    from netcadence.render.relations import suggestion_lines

    suggestion_lines(found)


# --- the agenda -------------------------------------------------------------------


def agenda_rows(db: Database, today: date, tag: str | None) -> list[AgendaItem]:
    """A row for each side of an open proposal older than INTRO_WAIT_DAYS that has not
    agreed yet, due INTRO_WAIT_DAYS after the proposal."""
    stale = intro_store.stale(db, waiting_if_proposed_before(today))
    if not stale:
        return []
    from netcadence.engine.agenda import other_row
    from netcadence.store.agenda import shown_for_news

    sides = {side for intro in stale for side in (intro.a, intro.b)}
    where, params = shown_for_news(db, today, tag)
    marks = ", ".join("?" * len(sides))
    names = dict(db.rows(f"SELECT id, name FROM contact WHERE id IN ({marks})", list(sides)))
    shown = {cid: (slug, name, last) for cid, slug, name, last in db.rows(
        f"SELECT c.id, c.slug, c.name, c.last_touch FROM contact c WHERE c.id IN ({marks}) "
        f"AND {where}", [*sides, *params])}
    rows = []
    for intro in stale:
        for side in waiting(intro, today):
            if side not in shown:
                continue
            slug, name, last = shown[side]
            what = f"intro {intro.id} with {names[intro.other(side)]}: waiting for their OK"
            rows.append(other_row("intro", slug, name, nudge_due(intro), today, what, last,
                                  interval_days=float(INTRO_WAIT_DAYS)))
    return rows
