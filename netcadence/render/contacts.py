"""Contact lists and the contact card, as tables or JSON."""

from __future__ import annotations

from typing import Any

from netcadence.render.output import emit_json, say, styled, table
from netcadence.store.agenda import ListRow
from netcadence.text import printable


def list_json(rows: list[ListRow]) -> list[dict[str, Any]]:
    return [
        {
            "slug": r.slug, "name": r.name, "status": r.status, "tags": r.tags,
            "cadence": r.cadence, "next_due": r.next_due, "last_touch": r.last_touch,
            "company": r.company, "strength": r.strength,
        }
        for r in rows
    ]


def contact_list(rows: list[ListRow], *, json: bool, strength: bool = False) -> None:
    """The contacts as a table (with their strength when `strength`), or JSON."""
    if json:
        emit_json(list_json(rows))
        return
    if not rows:
        say("No contacts.")
        return
    headers = ["name", "slug", "status", "tags", "cadence", "next due", "last touch"]
    cells = [[r.name, r.slug, r.status, ", ".join(r.tags), r.cadence or "-", r.next_due or "-",
              r.last_touch or "-"] for r in rows]
    if strength:
        headers.append("strength")
        for row, r in zip(cells, rows, strict=True):
            row.append(r.strength)
    table(headers, cells, drop=("last touch", "slug", "tags", "cadence"))


def balance_text(data: dict[str, Any]) -> str:
    """The four ledger counts and what is open, as show and brief say them."""
    text = (f"given {data['given']}, asked {data['asked']}; "
            f"they gave {data['got']}, asked you {data['were_asked']}")
    open_items = []
    if data.get("owe_answer"):
        count = data["owe_answer"]
        open_items.append(f"you owe an answer to {count} ask{'s' if count != 1 else ''}")
    if data.get("asked_before_giving"):
        open_items.append("you asked before giving")
    return text + (f" ({'; '.join(open_items)})" if open_items else "")


def _occasions(data: dict[str, Any]) -> str:
    """`birthday 12 April 1990, anniversary 1 June`, or '' when neither is known."""
    return ", ".join(f"{kind} {_day(data[kind])}" for kind in ("birthday", "anniversary")
                     if data.get(kind))


def _day(stored: str | None) -> str | None:
    """An occasion as people write it: `12 April 1990`, or `12 April` without the year."""
    from netcadence.engine.occasions import stored_day

    day = stored_day(stored)
    if day is None:
        return None
    month = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")[day.month - 1]
    return f"{day.day} {month}" + (f" {day.year}" if day.year is not None else "")


def contact_card(data: dict[str, Any]) -> None:
    styled(f"{printable(data['name'])} ({data['slug']}) · {data['status']}", "bold")
    facts = [
        ("company", data["company"]), ("title", data["title"]),
        ("emails", ", ".join(data["emails"])), ("phones", ", ".join(data["phones"])),
        ("tags", ", ".join(data["tags"])), ("met", data["met"]), ("how", data["how"]),
        ("occasions", _occasions(data)),
        ("linkedin", data["linkedin"]), ("note", data["note"]),
    ]
    for label, value in facts:
        if value:
            say(f"  {label + ':':10} {printable(value)}")
    source = {"own": "its own", "tag": "from its tags", "none": ""}[data["cadence_source"]]
    if data["cadence"]:
        say(f"  {'cadence:':10} {printable(data['cadence'])} ({source}, since {data['enrolled']})")
    else:
        say(f"  {'cadence:':10} none")
    if data["next_due"]:
        step = f", step {data['step']}" if data["step"] else ""
        action = f" — {printable(data['action'])}" if data["action"] else ""
        say(f"  {'next due:':10} {data['next_due']}{step}{action}")
    if data["snoozed_until"]:
        say(f"  {'snoozed:':10} until {data['snoozed_until']}")
    if data["paused_until"]:
        say(f"  {'paused:':10} until {data['paused_until']}")
    if data["unresponsive_since"]:
        say(f"  {'silent:':10} unresponsive since {data['unresponsive_since']}")
    say(f"  {'balance:':10} {balance_text(data)}")
    say(f"  {'strength:':10} {data['strength']}/100")
    if data["touches"]:
        say("")
        table(
            ["id", "date", "channel", "dir", "give/ask", "note", "by"],
            [
                [t["id"], t["date"],
                 f"{t['channel']} (synced)" if t.get("source") else t["channel"], t["direction"],
                 "/".join(x for x, on in (("give", t["give"]), ("ask", t["ask"])) if on),
                 t["note"], t["by"] or ""]
                for t in data["touches"]
            ],
            drop=("by", "give/ask", "dir"),
        )
    else:
        say("  no touches yet")
