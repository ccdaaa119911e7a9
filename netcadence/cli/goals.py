"""Goal commands: goal add, list, rm; and the goal lines above the agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app import reports
from netcadence.cli.base import JSON_HELP, command_module, current, group, today
from netcadence.cli.completion import complete_channel, complete_tag
from netcadence.engine import goals as engine
from netcadence.render.output import say
from netcadence.store import goals as goal_store
from netcadence.text import printable

commands = command_module()
goal_app = group("Goals you measure: targets per week, month or quarter.")
commands.add_typer(goal_app, name="goal")


@goal_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The goal's name, e.g. \"client calls\".")],
    count: Annotated[int, typer.Option("--count", help="The target per period (≥ 1).")],
    per: Annotated[str, typer.Option(
        "--per", help="week (ISO, Monday to Sunday), month or quarter.")] = "week",
    tag: Annotated[str | None, typer.Option(
        help="Only touches with contacts who have this tag now.",
        autocompletion=complete_tag)] = None,
    channel_: Annotated[str | None, typer.Option(
        "--channel", "-c", help="Only touches on this channel.",
        autocompletion=complete_channel)] = None,
    direction: Annotated[str, typer.Option(help="out (default), in or any.")] = "out",
    count_by: Annotated[str, typer.Option(
        "--count-by", help="contacts (distinct, default), touches or events.")] = "contacts",
) -> None:
    """Add a goal: how many touches, contacts or events per week, month or quarter."""
    goal = engine.make_goal(name, period=per, target=count, tag=tag, channel=channel_,
                            direction=direction, count_by=count_by)
    db = current().db(create=True)
    with db.write():
        goal_store.add(db, goal)
    progress = goal_store.progress(db, goal, today())
    say(f"Added goal {printable(goal.name)}: {count} {goal.describe(count)} per {goal.period}; "
        f"this {goal.period}: {progress.done}/{count}")


@goal_app.command("list")
def list_(json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
    """Each goal's progress this period, and its streak."""
    reports.show_goals(current(), json=json)


@goal_app.command("rm")
def rm(name: Annotated[str, typer.Argument(help="The goal's name.")]) -> None:
    """Remove a goal (touches stay as they are)."""
    db = current().db(create=True)
    with db.write():
        goal = goal_store.find(db, name)
        goal_store.remove(db, goal)
    say(f"Removed goal {printable(goal.name)}")
