"""Introductions made with both sides' consent, and the ones worth making.

An introduction is proposed, then each side agrees (double opt-in), then it is
made; it may be dropped at any point before. A proposal left open for more than
INTRO_WAIT_DAYS asks for a nudge: a row in the agenda for each side that has not
agreed. Suggestions pair a contact tagged `needs:X` with one tagged `offers:X`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netcadence.engine.agenda import INTRO_WAIT_DAYS

STATES = ("proposed", "half-agreed", "agreed", "made", "dropped")
NEEDS, OFFERS = "needs:", "offers:"


@dataclass(frozen=True)
class Intro:
    id: int
    a: int
    b: int
    proposed_on: date
    a_agreed_on: date | None = None
    b_agreed_on: date | None = None
    made_on: date | None = None
    dropped_on: date | None = None
    note: str | None = None
    outcome: str | None = None

    @property
    def state(self) -> str:
        if self.dropped_on is not None:
            return "dropped"
        if self.made_on is not None:
            return "made"
        agreed = (self.a_agreed_on is not None) + (self.b_agreed_on is not None)
        return ("proposed", "half-agreed", "agreed")[agreed]

    @property
    def open(self) -> bool:
        """Neither made nor dropped: it still waits for something."""
        return self.made_on is None and self.dropped_on is None

    def agreed_on(self, side: int) -> date | None:
        return self.a_agreed_on if side == self.a else self.b_agreed_on

    def other(self, side: int) -> int:
        return self.b if side == self.a else self.a


def nudge_due(intro: Intro) -> date:
    """The day an open proposal starts to ask for a nudge."""
    return intro.proposed_on + timedelta(days=INTRO_WAIT_DAYS)


def waiting(intro: Intro, today: date) -> list[int]:
    """The sides (contact ids) of a stale open proposal that have not agreed yet."""
    if not intro.open or today <= nudge_due(intro):
        return []
    return [side for side in (intro.a, intro.b) if intro.agreed_on(side) is None]


def topics(tags: Iterable[str], prefix: str) -> dict[str, str]:
    """Folded topic → the tag as the contact has it, for its tags with the prefix."""
    from netcadence.text import fold

    found = {}
    for tag in tags:
        key = fold(tag)
        if key.startswith(prefix):
            topic = key[len(prefix):].strip()
            if topic:
                found.setdefault(topic, tag)
    return found


@dataclass(frozen=True)
class Person:
    id: int
    slug: str
    name: str
    tags: tuple[str, ...]
    strength: int = 0


@dataclass(frozen=True)
class Suggestion:
    a: Person  # the one who needs (of the first topic matched)
    b: Person
    tags: tuple[str, ...]  # the tags that matched, a's then b's, for each topic

    @property
    def strength(self) -> int:
        return self.a.strength + self.b.strength

    def as_json(self) -> dict:
        return {"a": self.a.slug, "b": self.b.slug, "tags": list(self.tags)}


def suggestions(people: Iterable[Person], taken: set[frozenset[int]],
                only: int | None = None) -> list[Suggestion]:
    """Pairs where one needs what the other offers, not in `taken` (pairs already
    introduced or proposed), with `only` on one side when given; the strongest pair
    first (the two strengths added), then by names."""
    from netcadence.text import fold

    listed = list(people)
    needs = {p.id: topics(p.tags, NEEDS) for p in listed}
    offers = {p.id: topics(p.tags, OFFERS) for p in listed}
    by_id = {p.id: p for p in listed}
    offering: dict[str, list[Person]] = {}
    for person in listed:
        for topic in offers[person.id]:
            offering.setdefault(topic, []).append(person)
    matched: dict[frozenset[int], list[tuple[str, Person, Person]]] = {}
    for needer in listed:
        for topic in needs[needer.id]:
            for offerer in offering.get(topic, ()):
                if offerer.id == needer.id:
                    continue
                pair = frozenset((needer.id, offerer.id))
                if pair in taken or (only is not None and only not in pair):
                    continue
                matched.setdefault(pair, []).append((topic, needer, offerer))
    found = []
    for matches in matched.values():
        matches.sort(key=lambda m: (m[0], m[1].slug))
        _topic, first_needer, first_offerer = matches[0]
        tags: list[str] = []
        for topic, needer, offerer in matches:
            for tag in (needs[needer.id][topic], offers[offerer.id][topic]):
                if tag not in tags:
                    tags.append(tag)
        found.append(Suggestion(by_id[first_needer.id], by_id[first_offerer.id], tuple(tags)))
    found.sort(key=lambda s: (-s.strength, fold(s.a.name), s.a.slug, fold(s.b.name), s.b.slug))
    return found
