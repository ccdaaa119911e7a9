"""Goals, the weekly review, stats, dormant contacts and the plan, as text."""

from __future__ import annotations

from typing import Any

from netcadence.engine.goals import GoalProgress, progress_bar
from netcadence.engine.plan import Planned
from netcadence.render.output import on_terminal, say, styled, table, terminal_width
from netcadence.text import printable

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 40


def goal_line(p: GoalProgress) -> str:
    """`Goal client calls: ██████░░░░ 3/5 this week (2026-W48) · streak 2`."""
    mark = " ✓" if p.met else ""
    return (f"Goal {printable(p.goal.name)}: {progress_bar(p.done, p.goal.target)} "
            f"{p.done}/{p.goal.target} this {p.goal.period} ({p.period.label}){mark}"
            f" · streak {p.streak}")


def goal_table(found: list[GoalProgress]) -> None:
    table(
        ["goal", "period", "progress", "done", "streak", "counts"],
        [
            [p.goal.name, f"{p.goal.period} {p.period.label}", progress_bar(p.done, p.goal.target),
             f"{p.done}/{p.goal.target}" + (" met" if p.met else ""), p.streak, p.goal.describe()]
            for p in found
        ],
    )


def _people(rows: list[dict], key: str = "date") -> list[str]:
    return [f"{printable(r['name'])} ({r['slug']}, {r[key]})" for r in rows]


def _listed(items: list[str]) -> None:
    """An indented list, comma-separated; on a terminal wrapped between its items to
    the terminal's width, so that a week with many new contacts is not one line
    hundreds of columns long."""
    if not on_terminal():
        say("  " + ", ".join(items))
        return
    width = terminal_width()
    line = ""
    for index, item in enumerate(items):
        piece = item + ("," if index < len(items) - 1 else "")
        if line and len(line) + 1 + len(piece) > width:
            say(line)
            line = ""
        line = f"{line} {piece}" if line else ("  " if index == 0 else "    ") + piece
    say(line)


def _heading(text: str) -> None:
    say("")
    styled(text, "bold")


def print_review(data: dict[str, Any]) -> None:
    styled(f"Weekly review {data['week']} ({data['start']} to {data['end']})", "bold")
    channels = data["touches_by_channel"]
    _heading(f"Touches: {data['touches']['total']} "
             f"({data['touches']['out']} out, {data['touches']['in']} in)")
    if channels:
        _listed([f"{ch} {n}" for ch, n in channels.items()])
    if data["goals"]:
        _heading("Goals")
        for goal in data["goals"]:
            mark = " met" if goal["met"] else ""
            say(f"  {printable(goal['name'])}: {progress_bar(goal['done'], goal['target'])} "
                f"{goal['done']}/{goal['target']} {goal['period']} {goal['current']}{mark}"
                f" · streak {goal['streak']}")
    balance = data["give_ask"]
    _heading(f"Give and ask: gave {balance['given']}, asked {balance['asked']}; "
             f"they gave {balance['got']}, asked you {balance['were_asked']} this week")
    say(f"  all time: gave {balance['given_all_time']}, asked {balance['asked_all_time']}; "
        f"they gave {balance['got_all_time']}, asked you {balance['were_asked_all_time']}")
    if balance["asked"] > balance["given"]:
        say("  you asked more than you gave this week: give before you ask")
    overdue = data["overdue"]
    change = overdue["change"]
    trend = "no change" if change == 0 else (f"up {change}" if change > 0 else f"down {-change}")
    _heading(f"Overdue: {overdue['end_of_week']} at the end of the week, "
             f"{overdue['end_of_last_week']} a week before ({trend})")
    for title, key, field in (
        ("New contacts", "new_contacts", "date"),
        ("Series completed", "series_completed", "date"),
        ("Became unresponsive", "unresponsive", "date"),
    ):
        if data[key]:
            _heading(f"{title}: {len(data[key])}")
            _listed(_people(data[key], field))
    if data.get("job_changes"):
        _heading(f"Job changes: {len(data['job_changes'])}")
        for change in data["job_changes"]:
            say(f"  {job_change_line(change)} ({change['slug']}, {change['date']})")
    if data["dormant"]:
        _heading(f"Dormant, worth reviving ({data['dormant_total']} silent ≥ "
                 f"{data['dormant_days']} days)")
        for r in data["dormant"]:
            say(f"  {printable(r['name'])} ({r['slug']}): {r['days_silent']} days silent"
                + (f", last touch {r['last_touch']}" if r["last_touch"] else ", never touched"))
    nxt = data["due_next_week"]
    _heading(f"Due next week ({data['next_week']}): {len(nxt)}")
    if nxt:
        table(["due", "name", "slug", "what"],
              [[r["due"], r["name"], r["slug"], r["what"]] for r in nxt])


def job_change_line(change: dict[str, Any]) -> str:
    """`Ana Ruiz: Acme → Globex (Head of Sales)` from a job change's JSON."""
    from netcadence.engine.jobs import JobChange

    found = JobChange(change["old_company"], change["new_company"], change["old_title"],
                      change["new_title"])
    return printable(found.line(change["name"]))


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, v * (len(SPARKS) - 1) // top)] if v else " "
                   for v in values)


def print_stats(data: dict[str, Any], *, by: bool) -> None:
    weeks = data["weeks"]
    styled(f"Touches since {data['since']}: {data['touches']} in {len(weeks)} weeks", "bold")
    counts = [w["touches"] for w in weeks]
    top = max(counts, default=0)
    spark, bar_width = sparkline(counts), BAR_WIDTH
    if on_terminal():  # the latest weeks and bars that fit, rather than lines that wrap
        room = terminal_width() - 2
        spark = spark[-room:] if room > 0 else ""
        bar_width = max(1, min(BAR_WIDTH, room - len("2026-W47  ") - len(f" {top}")))
    say(f"  {spark}")
    say("")
    for week in weeks:
        length = 0 if top == 0 else round(week["touches"] * bar_width / top)
        if week["touches"] and not length:
            length = 1
        say(f"  {week['week']}  {'█' * length}{' ' if length else ''}{week['touches']}")
    say("")
    styled("Channel mix", "bold")
    if data["channels"]:
        table(["channel", "touches", "share"],
              [[ch, n, f"{n * 100 / data['touches']:.0f}%"] for ch, n in data["channels"].items()])
    else:
        say("  no touches")
    ratio = data["give_ask"]["ratio"]
    say("")
    say(f"Give/ask: gave {data['give_ask']['given']}, asked {data['give_ask']['asked']}"
        + (f" (ratio {ratio:.2f})" if ratio is not None else ""))
    schedule = data["on_schedule"]
    share = schedule["share"]
    say(f"On schedule: {schedule['on_schedule']} of {schedule['cadenced']} contacts with a cadence"
        + (f" ({share * 100:.0f}%)" if share is not None else ""))
    if by:
        say("")
        styled("By who logged them", "bold")
        table(["by", "touches", "contacts", "given", "asked"],
              [[r["by"] or "(unknown)", r["touches"], r["contacts"], r["given"], r["asked"]]
               for r in data["by"]])


def print_dormant(rows: list[dict], days: int) -> None:
    if not rows:
        say(f"No dormant contacts: everyone heard from you in the last {_days(days)}.")
        return
    table(
        ["name", "slug", "status", "silent", "last touch"],
        [[r["name"], r["slug"], r["status"], f"{r['days_silent']}d", r["last_touch"] or "never"]
         for r in rows],
    )
    say(f"{len(rows)} contact{'s' if len(rows) != 1 else ''} silent for {_days(days)} or more")


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def print_plan(planned: list[Planned], *, capacity: int | None, days: int) -> None:
    if not planned:
        say(f"Nothing to plan in the next {_days(days)}.")
        return
    rows = []
    for p in planned:
        rows.append([p.day.isoformat() if p.day else "-", p.item.name, p.item.slug,
                     p.item.due.isoformat(), p.item.status, p.item.what])
    table(["date", "name", "slug", "due", "status", "what"], rows)
    unplaced = sum(1 for p in planned if p.day is None)
    limit = f"at most {capacity} a day" if capacity else "no daily limit"
    say(f"{len(planned) - unplaced} planned over {_days(days)} ({limit})"
        + (f"; {unplaced} {'does' if unplaced == 1 else 'do'} not fit: raise capacity or plan "
           "more days" if unplaced else ""))
