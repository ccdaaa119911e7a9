"""A synthetic network for the speed benchmark: N contacts, M touches over two years.

    python benchmarks/generate.py --contacts 5000 --touches 250000 --json net.json
    python benchmarks/generate.py --contacts 5000 --touches 250000 --db net.db
    python benchmarks/generate.py --contacts 5000 --taskwarrior tasks.json

`--json` writes netcadence's import format (SPEC §8). `--db` fills a new SQLite
database directly with bulk INSERTs through netcadence's own store, then stores
the real schedules with store.schedule.refresh, so the agenda read by the
benchmark is the one netcadence itself computes. `--taskwarrior` writes as many
pending tasks for `task import`, to time `task next` on the same number of rows.
The same seed gives the same network, and both ways of loading it give the same
`netcadence export json` (tests/test_startup_generator.py checks this).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from netcadence.dates import today as netcadence_today
from netcadence.text import slugify

FIRST = (
    "Ana Bob Carla David Elena Farid Grace Hugo Ines Jonas Kenji Lea Mateo Nadia Omar Priya "
    "Quentin Rosa Samir Tomas Uma Victor Wen Ximena Yusuf Zoe José Zoë Björn Chloé Élodie "
    "Łukasz Ngozi Aiko Mei Rafael Sofia Liam Noah Emma Olivia Arjun Fatima Hannah Ivan Julia"
).split()
LAST = (
    "Ruiz Lee Smith Núñez Okafor Schmidt Rossi Dubois Tanaka Kowalski Haddad Silva Müller "
    "Johansson Novak Garcia Chen Patel Kim Nguyen Brown Moreau Costa Ivanova Yilmaz Andersen "
    "O'Brien García-Márquez van der Berg Fischer Lopez Martin Wright Clarke Sato Ahmed"
).split()
COMPANIES = (
    "Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne Wonka Cyberdyne Soylent "
    "Tyrell Aperture Pied-Piper Massive-Dynamic Oscorp"
).split()
TAGS = ("client", "partner", "friend", "recruiter", "investor", "alumni", "fintech", "dormant",
        "mentor", "prospect", "press", "family")
CHANNELS = ("call", "coffee", "email", "text", "meeting", "visit", "mail", "voicemail", "event",
            "social", "intro", "other")
CHANNEL_WEIGHTS = (8, 6, 30, 12, 6, 2, 2, 3, 4, 8, 2, 3)
NOTES = ("", "", "", "wants intros to fintech", "follow up on the proposal", "sent the deck",
         "birthday", "asked about hiring", "coffee at the usual place", "left a voicemail")

CADENCES = [
    {"name": "biweekly", "every": "2w"},
    {"name": "monthly", "every": "1m"},
    {"name": "quarterly", "every": "3m"},
    {"name": "yearly", "every": "1y"},
    {"name": "new-contact", "every": "3m", "steps": [
        {"offset": "1d", "channel": "email", "label": "thank-you note"},
        {"offset": "1w", "channel": "email", "label": "follow up"},
        {"offset": "1m", "channel": "coffee"},
    ]},
    {"name": "prospect", "every": "2m", "stop_on_reply": True, "give_up_after": 3, "steps": [
        {"offset": "2d", "channel": "email", "label": "intro"},
        {"offset": "1w", "channel": "call"},
        {"offset": "2w", "channel": "email", "label": "last try"},
    ]},
]
TAG_DEFAULTS = {"client": "monthly", "partner": "quarterly", "friend": "quarterly",
                "investor": "monthly", "prospect": "prospect", "family": "biweekly"}
OWN_CADENCES = ("monthly", "quarterly", "new-contact", "prospect", "biweekly", "yearly", "6w")


@dataclass
class Person:
    slug: str
    name: str
    company: str | None
    tags: list[str]
    cadence: str | None
    created: date
    email: str
    birthday: str | None = None  # as netcadence stores it: 1990-04-12 or --04-12
    touches: list[tuple[date, str, str, str, bool, bool]] = field(default_factory=list)


def network(contacts: int, touches: int, today: date, seed: int = 7) -> list[Person]:
    """The people and their touches, dated over the two years before today."""
    rng = random.Random(seed)
    start = today - timedelta(days=730)
    taken: dict[str, int] = {}
    people = []
    for index in range(contacts):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if index % 7 == 0:
            name = f"{rng.choice(FIRST)} {name}"
        base = slugify(name)
        count = taken.get(base, 0) + 1
        taken[base] = count
        slug = base if count == 1 else f"{base}-{count}"
        tags = rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3)))
        own = rng.random()
        cadence = rng.choice(OWN_CADENCES) if own < 0.3 else None
        created = start + timedelta(days=rng.randrange(0, 700))
        people.append(Person(
            slug=slug, name=name, company=rng.choice(COMPANIES) if rng.random() < 0.7 else None,
            tags=tags, cadence=cadence, created=created, email=f"{slug}@example.com",
        ))
    # Touches: a few people get many (close contacts), most get a handful.
    weights = [rng.paretovariate(1.5) for _ in people]
    chosen = rng.choices(range(contacts), weights=weights, k=touches)
    for who in chosen:
        person = people[who]
        span = (today - person.created).days
        day = person.created + timedelta(days=rng.randrange(0, span + 1))
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        direction = "in" if rng.random() < 0.2 else "out"
        person.touches.append((day, channel, direction, rng.choice(NOTES),
                               rng.random() < 0.1, rng.random() < 0.05))
    for person in people:  # the same touch twice is one touch (as `import json` counts it)
        person.touches = sorted(set(person.touches))
    # A third of the people have a birthday, a quarter of those without the year. Drawn
    # apart, so that the rest of the network is what it was before birthdays came.
    dates = random.Random(seed + 1)
    for person in people:
        if dates.random() < 0.3:
            day = date(2001, 1, 1) + timedelta(days=dates.randrange(365))
            year = dates.randrange(1950, 2001)
            person.birthday = (f"--{day.month:02d}-{day.day:02d}" if dates.random() < 0.25
                               else f"{year:04d}-{day.month:02d}-{day.day:02d}")
    return people


def as_json(people: list[Person]) -> dict:
    return {
        "netcadence": 1,
        "cadences": CADENCES,
        "tag_defaults": [{"tag": t, "cadence": c} for t, c in TAG_DEFAULTS.items()],
        "contacts": [
            {"name": p.name, "slug": p.slug, "tags": p.tags, "emails": [p.email],
             **({"company": p.company} if p.company else {}),
             **({"cadence": p.cadence} if p.cadence else {}),
             **({"birthday": p.birthday} if p.birthday else {}),
             "enrolled": p.created.isoformat(), "created": p.created.isoformat()}
            for p in people
        ],
        "touches": [
            {"contact": p.slug, "date": day.isoformat(), "channel": channel,
             "direction": direction, "note": note, "give": give, "ask": ask, "by": "bench"}
            for p in people for day, channel, direction, note, give, ask in sorted(p.touches)
        ],
    }


def fill_database(path: Path, people: list[Person], today: date) -> None:
    """Bulk-load a new SQLite database, then store every contact's real schedule."""
    from netcadence.engine.schedule import Cadence
    from netcadence.engine.version import ENGINE_VERSION
    from netcadence.store import cadences as cadence_store
    from netcadence.store import contacts as contact_store
    from netcadence.store import occasions, schedule
    from netcadence.store import touches as touch_store
    from netcadence.store.db import locate, open_database

    if path.exists():
        sys.exit(f"{path} exists; remove it first")
    db = open_database(locate(str(path)))
    db.run("PRAGMA synchronous = OFF")
    with db.write():
        ids = {}
        for item in CADENCES:
            steps = tuple(
                cadence_store.parse_step(":".join(
                    x for x in (s["offset"], s.get("channel"), s.get("label")) if x))
                for s in item.get("steps", [])
            )
            cadence = Cadence(item["name"], steps, cadence_store.parse_duration(item["every"]),
                              item.get("stop_on_reply", False), item.get("give_up_after"))
            ids[item["name"]], _ = cadence_store.define(db, cadence, replace=False)
        for tag, name in TAG_DEFAULTS.items():
            cadence_store.set_tag_default(db, tag, cadence_store.choose(db, name))
        rows = []
        for n, p in enumerate(people, start=1):
            new = contact_store.NewContact(p.name, company=p.company, created_on=p.created)
            row = contact_store.row(n, p.slug, new, today)
            if p.cadence:
                row[-3:] = ["own", ids.get(p.cadence), None if p.cadence in ids else p.cadence]
            rows.append(row)
        contact_store.insert(db, rows)
        occasions.fill_days(db, [(p.birthday, None, n) for n, p in enumerate(people, start=1)
                                 if p.birthday])
        contact_store.insert_lists(
            db, emails=[(n, p.email) for n, p in enumerate(people, start=1)],
            tags=[(n, t) for n, p in enumerate(people, start=1) for t in p.tags])
        touches = (
            (n, day.isoformat(), channel, direction, note, give, ask, "bench", None, None)
            for n, p in enumerate(people, start=1)
            for day, channel, direction, note, give, ask in sorted(p.touches)
        )
        numbered = ((tid, *touch) for tid, touch in enumerate(touches, start=1))
        while batch := list(islice(numbered, 100_000)):
            touch_store.insert_many(db, batch)
        every = list(range(1, len(people) + 1))
        enroll = {n: p.created for n, p in enumerate(people, start=1)}
        for chunk in _chunks(every, 5000):
            schedule.refresh(db, today, chunk, enroll={n: enroll[n] for n in chunk})
        db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('engine_version', ?)",
               (str(ENGINE_VERSION),))
    db.run("PRAGMA optimize")
    db.close()


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def taskwarrior_tasks(people: list[Person], today: date) -> list[dict]:
    """One pending task per contact, due when a monthly cadence would ask for a touch."""
    tasks = []
    for p in people:
        last = max((t[0] for t in p.touches), default=p.created)
        due = last + timedelta(days=30)
        tasks.append({
            "description": f"touch {p.name}", "status": "pending",
            "entry": p.created.strftime("%Y%m%dT000000Z"),
            "due": due.strftime("%Y%m%dT090000Z"), "tags": [t.replace(" ", "_") for t in p.tags],
            "project": (p.company or "network").replace("-", "_"),
        })
    return tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--touches", type=int, default=250_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write netcadence's JSON import format here")
    parser.add_argument("--db", type=Path, help="fill a new SQLite database here")
    parser.add_argument("--taskwarrior", type=Path, help="write tasks for `task import` here")
    args = parser.parse_args()
    today = netcadence_today()
    people = network(args.contacts, args.touches, today, args.seed)
    if args.json:
        args.json.write_text(json.dumps(as_json(people), ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    if args.db:
        fill_database(args.db, people, today)
    if args.taskwarrior:
        args.taskwarrior.write_text(json.dumps(taskwarrior_tasks(people, today)), encoding="utf-8")


if __name__ == "__main__":
    main()
