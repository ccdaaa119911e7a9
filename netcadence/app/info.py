"""`netcadence info`: where the database is, its backend, schema revision and counts."""

from __future__ import annotations

from netcadence.app.session import Session
from netcadence.render.output import emit_json, say
from netcadence.store.info import summary


def show_info(session: Session, *, json: bool = False) -> None:
    db = session.db()
    data = {"database": session.location.shown, "backend": db.backend, **summary(db)}
    if json:
        emit_json(data)
        return
    for key, value in data.items():
        say(f"{key.replace('_', ' ')}: {value}")
