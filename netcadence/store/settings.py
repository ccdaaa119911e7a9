"""Network settings: what describes one network lives in its database, one value each.

Two databases never share them, and a PostgreSQL network shared by a team has one
value for everyone. (Personal settings, such as your own addresses, stay in the
settings file: see config.py.)
"""

from __future__ import annotations

from collections import namedtuple

from netcadence.dates import parse_duration
from netcadence.errors import InputError
from netcadence.store import limits
from netcadence.store.db import Database, meta_value, set_meta
from netcadence.text import clean_line

KEYS = ("capacity", "default_cadence", "dormant_days", "occasion_lead", "sync_max_recipients")
# The value each key has while it is unset, as `config show` prints it.
DEFAULTS: dict[str, str | None] = {
    "capacity": None, "default_cadence": None, "dormant_days": "180",
    "occasion_lead": "3d", "sync_max_recipients": "10",
}
WHOLE_NUMBERS = ("capacity", "dormant_days", "sync_max_recipients")
MOST = 1_000_000  # any whole-number setting: far beyond a real network, within 32 bits


# The values in effect, DEFAULTS filled in: `capacity` (int or None), `default_cadence`
# (a name or None), `dormant_days` (int), `occasion_lead` (a Duration),
# `sync_max_recipients` (int).
NetworkSettings = namedtuple(
    "NetworkSettings", "capacity default_cadence dormant_days occasion_lead sync_max_recipients")


def stored(db: Database) -> dict[str, str]:
    """The values set in this database (unset keys are absent)."""
    return {key: value for key, value in db.rows("SELECT key, value FROM setting")
            if key in KEYS}


def load(db: Database) -> NetworkSettings:
    """The network's settings, defaults filled in."""
    values = stored(db)
    return NetworkSettings(
        capacity=int(values["capacity"]) if "capacity" in values else None,
        default_cadence=values.get("default_cadence"),
        dormant_days=int(values.get("dormant_days", DEFAULTS["dormant_days"])),
        occasion_lead=parse_duration(values.get("occasion_lead", DEFAULTS["occasion_lead"])),
        sync_max_recipients=int(values.get("sync_max_recipients",
                                           DEFAULTS["sync_max_recipients"])),
    )


def check(key: str, value: object) -> str:
    """The value as it is stored (text), or a clear error. A cadence named by
    default_cadence is checked against the database by the caller (cadences.choose)."""
    if key in WHOLE_NUMBERS:
        text = str(value).strip()
        number = int(text) if text.isdecimal() and len(text) <= 9 else 0
        if isinstance(value, bool) or not 1 <= number <= MOST:
            raise InputError(f"{key} must be a whole number from 1 to {MOST:,} (got {value!r})")
        return str(number)
    text = clean_line(str(value))
    if not text:
        raise InputError(f"{key} cannot be empty; use 'netcadence config unset {key}'")
    if key == "occasion_lead":
        return str(parse_duration(text))
    return limits.text(key, text, "setting")


def put(db: Database, key: str, value: str) -> None:
    """Store one checked value (inside the caller's transaction)."""
    db.run("DELETE FROM setting WHERE key = ?", (key,))
    db.run("INSERT INTO setting (key, value) VALUES (?, ?)", (key, value))


def remove(db: Database, key: str) -> bool:
    """Unset one key; whether it was set."""
    return bool(db.run("DELETE FROM setting WHERE key = ?", (key,)))


# Older versions kept network settings in the settings file; a database records that
# it has looked there once, so that the file is not read by every later command.
_FILE_CHECKED = "settings_file_checked"


def file_checked(db: Database) -> bool:
    """Whether this database has already taken what an older settings file held."""
    return meta_value(db, _FILE_CHECKED) is not None


def mark_file_checked(db: Database) -> None:
    """Record that the settings file was looked at (inside the caller's transaction)."""
    set_meta(db, _FILE_CHECKED, "1")
