"""The ledger, introductions, who you know at a company and the brief, as text."""

from __future__ import annotations

from typing import Any

from netcadence.engine.intros import Intro, Suggestion
from netcadence.render.output import say, styled, table
from netcadence.text import printable


def _open(row: dict[str, Any]) -> str:
    found = []
    if row["owe_answer"]:
        count = row["owe_answer"]
        found.append(f"you owe {count} answer{'s' if count != 1 else ''}")
    if row["asked_before_giving"]:
        found.append("asked before giving")
    return "; ".join(found)


def ledger_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        say("No gives or asks yet: log them with --give and --ask (--in for theirs).")
        return
    table(["name", "slug", "you gave", "you asked", "they gave", "they asked", "open"],
          [[r["name"], r["slug"], r["gave"], r["asked"], r["got"], r["were_asked"], _open(r)]
           for r in rows],
          drop=("slug",))


def at_table(rows: list[dict[str, Any]], company: str) -> None:
    if not rows:
        say(f"Nobody at {printable(company.strip())} among your contacts.")
        return
    table(["name", "slug", "company", "title", "last touch", "strength", "matched"],
          [[r["name"], r["slug"], r["company"] or "", r["title"] or "", r["last_touch"] or "-",
            r["strength"], r["matched"]] for r in rows],
          drop=("matched", "slug", "title"))


def intro_table(found: list[Intro], people: dict[int, tuple[str, str]], *,
                open_only: bool) -> None:
    if not found:
        say("No open introductions." if open_only else
            "No introductions yet: propose one with netcadence intro A B --propose")
        return

    def side(contact_id: int, agreed) -> str:
        slug, name = people[contact_id]
        return f"{name} ({slug})" + (" ✓" if agreed else "")

    rows = []
    for intro in found:
        dates = f"proposed {intro.proposed_on.isoformat()}"
        if intro.made_on == intro.proposed_on:  # made at once (`intro A B`)
            dates = f"made {intro.made_on.isoformat()}"
        elif intro.made_on:
            dates += f", made {intro.made_on.isoformat()}"
        elif intro.dropped_on:
            dates += f", dropped {intro.dropped_on.isoformat()}"
        rows.append([intro.id, intro.state, side(intro.a, intro.a_agreed_on),
                     side(intro.b, intro.b_agreed_on), dates, intro.note or "",
                     intro.outcome or ""])
    table(["id", "state", "a", "b", "dates", "note", "outcome"], rows,
          drop=("outcome", "note", "dates"))


def suggestion_lines(found: list[Suggestion]) -> None:
    if not found:
        say("No introductions to suggest: tag people needs:TOPIC and offers:TOPIC "
            "(e.g. needs:fintech, offers:fintech).")
        return
    for s in found:
        say(f"{printable(s.a.name)} ({s.a.slug}) and {printable(s.b.name)} ({s.b.slug}): "
            f"{printable(', '.join(s.tags))} · netcadence intro {s.a.slug} {s.b.slug} --propose")


def brief_card(data: dict[str, Any]) -> None:
    styled(f"{printable(data['name'])} ({data['slug']})", "bold")
    who = " at ".join(printable(x) for x in (data["title"], data["company"]) if x)
    met = " · ".join(x for x in (data["met"] or "", printable(data["how"])) if x)
    for label, value in (("who", who), ("tags", printable(", ".join(data["tags"]))),
                         ("met", met)):
        if value:
            say(f"  {label + ':':10} {value}")
    cadence = printable(data["cadence"]) if data["cadence"] else "none"
    if data["step"]:
        cadence += f", step {data['step']}"
    say(f"  {'cadence:':10} {cadence}" + (f"; next due {data['next_due']}"
                                          if data["next_due"] else ""))
    touches = data["touches_12m"]
    say(f"  {'touches:':10} last {data['last_touch'] or 'never'}; in the last 12 months "
        f"{touches['out']} out, {touches['in']} in")
    say(f"  {'ledger:':10} you gave {data['gave']}, asked {data['asked']}; they gave "
        f"{data['got']}, asked you {data['were_asked']}")
    say(f"  {'strength:':10} {data['strength']}/100")
    occasion = data["next_occasion"]
    if occasion:
        say(f"  {'next:':10} {occasion['kind']} on {occasion['date']}")
    notes = data["notes"]
    if notes["contact"] or notes["touches"]:
        say("")
        styled("Notes", "bold")
        if notes["contact"]:
            say(f"  {printable(notes['contact'])}")
        for touch in notes["touches"]:
            say(f"  {touch['date']} {touch['channel']}: {printable(touch['note'])}")
    if data["open_asks"]:
        say("")
        styled("Open asks", "bold")
        for ask in data["open_asks"]:
            who = "they asked, you owe an answer" if ask["who"] == "they" else (
                "you asked before ever giving")
            note = f": {printable(ask['note'])}" if ask["note"] else ""
            say(f"  {ask['date']} {who}{note}")
