"""What one command invocation shares: the chosen database, opened once, and today."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from netcadence import dates
from netcadence.store.db import Database, Location, locate, open_database


@dataclass
class Session:
    db_option: str | None = None
    today_override: date | None = None
    _db: Database | None = None

    @property
    def location(self) -> Location:
        return locate(self.db_option)

    def today(self) -> date:
        return self.today_override or dates.today()

    def db(self) -> Database:
        """The database, opened on first use and brought up to date."""
        if self._db is None:
            from netcadence.store.schedule import ensure_current

            self._db = open_database(self.location)
            ensure_current(self._db, self.today())
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


_current = Session()


def current() -> Session:
    return _current


def start(db_option: str | None) -> Session:
    """A fresh session for this invocation (the previous one, if any, is closed)."""
    global _current
    _current.close()
    _current = Session(db_option=db_option)
    return _current


def user_name(by: str | None) -> str | None:
    """Who logged a touch: --by, else NETCADENCE_USER, else the OS user."""
    if by and by.strip():
        return by.strip()
    env = os.environ.get("NETCADENCE_USER", "").strip()
    if env:
        return env
    try:
        import getpass

        return getpass.getuser() or None
    except (KeyError, OSError, ImportError):
        return None
