"""Around the core: info and demo."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.cli.base import app, today
from netcadence.cli.session import current
from netcadence.render.output import emit_json, say


@app.command()
def info(json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False) -> None:
    """Where the database is, its backend, schema revision and counts."""
    session = current()
    db = session.db()
    data = {
        "database": session.location.shown,
        "backend": db.backend,
        "schema_revision": db.value("SELECT version_num FROM alembic_version"),
        "contacts": db.value("SELECT count(*) FROM contact"),
        "touches": db.value("SELECT count(*) FROM touch"),
    }
    if json:
        emit_json(data)
        return
    for key, value in data.items():
        say(f"{key.replace('_', ' ')}: {value}")


@app.command()
def demo(
    keep: Annotated[bool, typer.Option(
        "--keep", help="Keep the demo database and print its path.")] = False,
    json: Annotated[bool, typer.Option(
        "--json", help="Print JSON only: {today, database, due, review}.")] = False,
) -> None:
    """The agenda and a weekly review on a sample network, in a throwaway database."""
    from netcadence.demo import run_demo

    run_demo(today(), keep=keep, json=json)
