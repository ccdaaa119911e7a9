"""What one command shares: the chosen database, opened once, and today, read once."""

from __future__ import annotations

import os
from datetime import date

from netcadence import dates
from netcadence.errors import NoDatabase
from netcadence.store.db import Database, Location, locate, open_database


class Session:
    """One command's database and day.

    `today()` reads the clock (or NETCADENCE_TODAY) the first time it is asked and
    then keeps that day, so a command that runs across midnight works on one date.
    `settings_file` is False for the demo, which reads no settings file.
    """

    def __init__(self, db_option: str | None = None, settings_file: bool = True) -> None:
        self.db_option = db_option
        self.settings_file = settings_file
        self._today: date | None = None
        self._db: Database | None = None
        self._location: Location | None = None

    def __repr__(self) -> str:
        return f"Session(db_option={self.db_option!r}, settings_file={self.settings_file!r})"

    @property
    def location(self) -> Location:
        if self._location is None:
            self._location = locate(self.db_option)
        return self._location

    @property
    def on_default_location(self) -> bool:
        """Whether the database is the user's default one (no --db, no NETCADENCE_DB)."""
        return not (self.db_option or os.environ.get("NETCADENCE_DB", "").strip())

    def today(self) -> date:
        if self._today is None:
            self._today = dates.today()
        return self._today

    def as_of(self, day: date) -> None:
        """Work as if today were `day` (`due --on`)."""
        self._today = day

    def db(self, *, create: bool = False) -> Database:
        """The database, opened on first use and brought up to date.

        A SQLite file that does not exist yet is created only for a command that
        writes (`create`); one that only reads creates nothing and says so.
        """
        if self._db is None:
            location = self.location
            if not create and location.path is not None and not location.path.exists():
                raise NoDatabase(f"no database at {location.shown} yet: `netcadence add` or an "
                                 "import creates it")
            from netcadence.store.freshness import ensure_current

            db = open_database(location)
            try:
                ensure_current(db, self.today())
                if self.settings_file:
                    _adopt_older_settings(db)
            except BaseException:
                db.close()
                raise
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _adopt_older_settings(db: Database) -> None:
    """Network settings that an older netcadence kept in the settings file move into the
    first database opened (app/settings.py); checked once per database."""
    from netcadence.store import settings

    if not settings.file_checked(db):
        from netcadence.app.settings import adopt_settings_file

        adopt_settings_file(db)


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
