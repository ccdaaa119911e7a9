"""Whether the stored schedules were computed by the engine's current rules.

Every command that opens a database asks; most days the answer is one query, and
the rules themselves are loaded only when the schedules must be computed again.
"""

from __future__ import annotations

from datetime import date

from netcadence.engine.version import ENGINE_VERSION
from netcadence.store.db import Database, meta_value, set_meta

_KEY = "engine_version"


def stamp(db: Database) -> None:
    """Record that every schedule now follows the current rules (inside a write)."""
    set_meta(db, _KEY, str(ENGINE_VERSION))


def ensure_current(db: Database, today: date) -> None:
    """Recompute every schedule once after the engine's rules changed."""
    if meta_value(db, _KEY) != str(ENGINE_VERSION):
        from netcadence.store.schedule import refresh

        with db.write():
            refresh(db, today)
