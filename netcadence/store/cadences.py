"""Cadences, their steps, tag defaults, and which cadence applies to a contact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netcadence.dates import Duration, parse_duration
from netcadence.engine.schedule import CHANNELS, Cadence, Step, pick_tag_cadence
from netcadence.errors import InputError, NotFound
from netcadence.store import limits
from netcadence.store.db import Database
from netcadence.suggest import did_you_mean
from netcadence.text import clean_line


@dataclass(frozen=True)
class CadenceChoice:
    """A cadence as asked for: a defined one by id, or an inline duration."""

    cadence_id: int | None
    inline: str | None
    cadence: Cadence


def load_cadences(db: Database) -> dict[int, Cadence]:
    steps: dict[int, list[Step]] = {}
    for cadence_id, offset, channel, label in db.rows(
        "SELECT cadence_id, step_offset, channel, label FROM cadence_step "
        "ORDER BY cadence_id, position"
    ):
        steps.setdefault(cadence_id, []).append(Step(parse_duration(offset), channel, label))
    found = {}
    for cadence_id, name, every, stop_on_reply, give_up_after in db.rows(
        "SELECT id, name, every, stop_on_reply, give_up_after FROM cadence"
    ):
        found[cadence_id] = Cadence(
            name=name,
            steps=tuple(steps.get(cadence_id, ())),
            every=parse_duration(every) if every else None,
            stop_on_reply=bool(stop_on_reply),
            give_up_after=give_up_after,
        )
    return found


def inline_cadence(text: str) -> Cadence:
    return Cadence(name=text, every=parse_duration(text))


def choose(db: Database, text: str) -> CadenceChoice:
    """A defined cadence's name, or else an inline duration such as `2w`."""
    wanted = text.strip()
    row = db.row("SELECT id FROM cadence WHERE name = ?", (wanted,))
    found = row[0] if row is not None else _same_but_case(db, wanted)
    if found is not None:
        return CadenceChoice(found, None, load_cadences(db)[found])
    try:
        return CadenceChoice(None, wanted, inline_cadence(wanted))
    except InputError:
        if re.fullmatch(r"[0-9]+\s*[dwmqy]", wanted.lower()):
            raise  # meant as a duration: its own error says what is wrong with it
        names = [name for (name,) in db.rows("SELECT name FROM cadence")]
        names += ["daily", "weekly", "biweekly", "monthly", "quarterly", "yearly"]
        raise InputError(
            f"no cadence named {wanted!r}{did_you_mean(wanted, names) or ';'} define it with "
            "'netcadence cadence define' or give a duration such as 2w or monthly"
        ) from None


def parse_step(text: str) -> Step:
    """`OFFSET[:CHANNEL][:LABEL]`, e.g. `1d:email:thank-you note` or `1m:coffee`."""
    parts = text.split(":", 2)
    offset = parse_duration(parts[0])
    channel = label = None
    if len(parts) == 2:
        if parts[1].strip().lower() in CHANNELS:
            channel = parts[1].strip().lower()
        else:
            label = parts[1].strip() or None
    elif len(parts) == 3:
        channel = parts[1].strip().lower() or None
        label = parts[2].strip() or None
        if channel is not None and channel not in CHANNELS:
            hint = did_you_mean(channel, CHANNELS) or ";"
            raise InputError(
                f"{parts[1]!r} in step {text!r} is not a channel{hint} "
                f"channels: {', '.join(CHANNELS)}"
            )
    return Step(offset, channel, label)


def refuse_case_twin(db: Database, name: str) -> None:
    """Names are found whatever their case (choose): a new cadence whose name differs
    from another's only in case could not be named. (A JSON import keeps such pairs
    that older versions allowed, so that its round trip stays exact.)"""
    if db.value("SELECT id FROM cadence WHERE name = ?", (name,)) is not None:
        return
    twin_id = _same_but_case(db, name)
    if twin_id is not None:
        twin = db.value("SELECT name FROM cadence WHERE id = ?", (twin_id,))
        raise InputError(f"a cadence named {twin!r} exists, and names must differ by more "
                         f"than case: redefine {twin!r} with --replace, or choose another name")


def _same_but_case(db: Database, name: str) -> int | None:
    """The cadence whose name is `name` in another case, by Python's folding (SQLite's
    lower() folds ASCII alone, PostgreSQL's all of Unicode)."""
    wanted = name.casefold()
    return next((cadence_id for cadence_id, other in db.rows("SELECT id, name FROM cadence")
                 if other.casefold() == wanted), None)


def checked(cadence: Cadence) -> Cadence:
    """The cadence as it is kept, every rule checked, whichever door it came through
    (`cadence define`, `import json`, the demo); else InputError."""
    name = clean_line(cadence.name)
    if not name:
        raise InputError("a cadence needs a name")
    if name.lower() in ("none", "default"):
        raise InputError(f"{name!r} cannot name a cadence (none and default say that a contact "
                         "has no cadence or its tags'); choose another name")
    limits.text("a cadence's name", name, "cadence")
    if not cadence.steps and cadence.every is None:
        raise InputError("a cadence needs a perpetual interval (every), at least one step, "
                         "or both")
    give_up = cadence.give_up_after
    if give_up is not None:
        limits.whole("give up after", give_up, limits.MOST_GIVE_UP)
    steps = []
    for number, step in enumerate(cadence.steps, start=1):
        if step.channel is not None and step.channel not in CHANNELS:
            raise InputError(f"step {number}: {step.channel!r} is not a channel; "
                             f"channels: {', '.join(CHANNELS)}")
        label = limits.maybe_text(f"step {number}'s label", clean_line(step.label), "label")
        steps.append(Step(step.offset, step.channel, label))
    return Cadence(name, tuple(steps), cadence.every, bool(cadence.stop_on_reply), give_up)


def define(db: Database, cadence: Cadence, *, replace: bool) -> tuple[int, bool]:
    """Store a cadence (checked); returns its id and whether it replaced an existing one."""
    cadence = checked(cadence)
    existing = db.value("SELECT id FROM cadence WHERE name = ?", (cadence.name,))
    if existing is not None and not replace:
        raise InputError(
            f"a cadence named {cadence.name!r} exists; add --replace to redefine it"
        )
    every = str(cadence.every) if cadence.every else None
    if existing is None:
        cadence_id = db.insert(
            "INSERT INTO cadence (name, every, stop_on_reply, give_up_after) VALUES (?, ?, ?, ?)",
            (cadence.name, every, cadence.stop_on_reply, cadence.give_up_after),
        )
    else:
        cadence_id = existing
        db.run(
            "UPDATE cadence SET every = ?, stop_on_reply = ?, give_up_after = ? WHERE id = ?",
            (every, cadence.stop_on_reply, cadence.give_up_after, cadence_id),
        )
        db.run("DELETE FROM cadence_step WHERE cadence_id = ?", (cadence_id,))
    db.run_many(
        "INSERT INTO cadence_step (cadence_id, position, step_offset, channel, label) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (cadence_id, index, str(step.offset), step.channel, step.label)
            for index, step in enumerate(cadence.steps, start=1)
        ],
    )
    return cadence_id, existing is not None


def cadence_id_by_name(db: Database, name: str) -> int:
    found = db.value("SELECT id FROM cadence WHERE name = ?", (name.strip(),))
    if found is None:
        names = [n for (n,) in db.rows("SELECT name FROM cadence")]
        raise NotFound(f"no cadence named {name.strip()!r}{did_you_mean(name, names)}")
    return int(found)


def remove(db: Database, name: str) -> None:
    cadence_id = cadence_id_by_name(db, name)
    users = db.value(
        "SELECT count(*) FROM contact WHERE cadence_mode = 'own' AND cadence_id = ?", (cadence_id,)
    )
    tags = [
        t for (t,) in db.rows("SELECT tag FROM tag_default WHERE cadence_id = ?", (cadence_id,))
    ]
    if users or tags:
        used = []
        if users:
            used.append(f"{users} contact{'s' if users != 1 else ''}")
        if tags:
            used.append("tag " + ", ".join(sorted(tags)))
        raise InputError(
            f"cadence {name.strip()!r} is in use by {' and '.join(used)}; "
            "move them to another cadence first (cadence set / cadence tag)"
        )
    db.run("DELETE FROM cadence WHERE id = ?", (cadence_id,))


def tag_defaults(db: Database) -> dict[str, Cadence]:
    cadences = load_cadences(db)
    found = {}
    for tag_key, cadence_id, inline in db.rows(
        "SELECT tag_key, cadence_id, cadence_inline FROM tag_default"
    ):
        found[tag_key] = cadences[cadence_id] if cadence_id is not None else inline_cadence(inline)
    return found


def applicable(
    mode: str,
    own: Cadence | None,
    tag_keys: list[str],
    defaults: dict[str, Cadence],
) -> tuple[Cadence | None, str]:
    """The cadence that applies and where it comes from: own, tag or none."""
    if mode == "own" and own is not None:
        return own, "own"
    if mode == "none":
        return None, "none"
    chosen = pick_tag_cadence([defaults[t] for t in tag_keys if t in defaults])
    return (chosen, "tag") if chosen else (None, "none")


def describe(cadence: Cadence) -> str:
    parts = []
    for step in cadence.steps:
        parts.append(str(step.offset) + (f" {step.action}" if step.action else ""))
    if cadence.every:
        parts.append(f"every {cadence.every}")
    return " → ".join(parts)


def every_text(duration: Duration | None) -> str | None:
    return str(duration) if duration else None


def assign(db: Database, contact_id: int, choice: CadenceChoice | str) -> None:
    """Give a contact its own cadence, `none`, or `default` (back to its tags)."""
    if choice == "none":
        mode, cadence_id, inline = "none", None, None
    elif choice == "default":
        mode, cadence_id, inline = "tag", None, None
    else:
        assert isinstance(choice, CadenceChoice)
        mode, cadence_id, inline = "own", choice.cadence_id, choice.inline
    db.run(
        "UPDATE contact SET cadence_mode = ?, cadence_id = ?, cadence_inline = ? WHERE id = ?",
        (mode, cadence_id, inline, contact_id),
    )


def tag_gives_cadence(db: Database, tags: list[str]) -> bool:
    from netcadence.text import fold, normalize_tag

    keys = [fold(normalize_tag(t)) for t in tags]
    if not keys:
        return False
    return bool(db.value(
        f"SELECT count(*) FROM tag_default WHERE tag_key IN ({','.join('?' * len(keys))})", keys
    ))


def contacts_with(db: Database, name: str) -> list[int]:
    """The contacts a cadence of this name applies to now."""
    return [cid for (cid,) in db.rows("SELECT id FROM contact WHERE cadence_label = ?", (name,))]


def set_tag_default(db: Database, tag: str, choice: CadenceChoice | None) -> list[int]:
    """Make a cadence the default for a tag (None removes it); returns the tagged contacts."""
    from netcadence.store.contacts import checked_tag
    from netcadence.text import fold

    label = checked_tag(tag)
    key = fold(label)
    removed = db.run("DELETE FROM tag_default WHERE tag_key = ?", (key,))
    if choice is None and not removed:
        raise InputError(f"tag {label!r} has no default cadence")
    if choice is not None:
        db.run(
            "INSERT INTO tag_default (tag_key, tag, cadence_id, cadence_inline) "
            "VALUES (?, ?, ?, ?)",
            (key, label, choice.cadence_id, choice.inline),
        )
    return [
        cid for (cid,) in db.rows("SELECT contact_id FROM contact_tag WHERE tag_key = ?", (key,))
    ]


def tag_default(db: Database, tag: str) -> tuple[int | None, str | None] | None:
    """A tag's default cadence as (cadence id, inline duration), or None."""
    from netcadence.text import fold, normalize_tag

    row = db.row("SELECT cadence_id, cadence_inline FROM tag_default WHERE tag_key = ?",
                 (fold(normalize_tag(tag)),))
    return (row[0], row[1]) if row is not None else None


def inline_tag_defaults(db: Database) -> list[tuple[str, str]]:
    """Tag defaults given as a duration (`cadence tag client monthly`): (tag, duration)."""
    return sorted(db.rows(
        "SELECT tag, cadence_inline FROM tag_default WHERE cadence_id IS NULL"))


def tags_by_cadence(db: Database) -> dict[str, list[str]]:
    """The tags each defined cadence is the default of."""
    found: dict[str, list[str]] = {}
    for tag, name in db.rows(
        "SELECT t.tag, c.name FROM tag_default t JOIN cadence c ON c.id = t.cadence_id"
    ):
        found.setdefault(name, []).append(tag)
    return found
