"""The settings commands' work: network settings in the database, `me` in the settings file.

Network settings (capacity, default_cadence, dormant_days, occasion_lead,
sync_max_recipients) describe one network and live in its database
(store/settings.py); the personal setting `me` lives in the settings file
(config.py). Older versions kept three network settings in that file: the first
database opened takes them (adopt_settings_file) and the file keeps only `me`.
"""

from __future__ import annotations

from netcadence import config
from netcadence.app.session import Session
from netcadence.errors import InputError, NetcadenceError, StoreError
from netcadence.render.output import emit_json, say, warn
from netcadence.store import cadences
from netcadence.store import settings as network
from netcadence.store.db import Database
from netcadence.suggest import did_you_mean
from netcadence.text import printable

KEYS = (*network.KEYS, *config.KEYS)


def key_of(text: str) -> str:
    """The setting a key names (`-` and `_` are the same), or an error with a suggestion."""
    name = config.key_name(text)
    if name not in KEYS:
        raise InputError(f"{text.strip()!r} is not a setting"
                         f"{did_you_mean(name, KEYS) or ';'} settings: {', '.join(KEYS)}")
    return name


def where(key: str) -> str:
    return "file" if key in config.KEYS else "database"


def show(session: Session, *, json: bool = False) -> None:
    """Every setting and the value in effect, and where each lives."""
    mine = config.personal()
    db = session.db()
    in_effect = network.load(db)
    stored = network.stored(db)
    values: dict[str, object] = {key: _typed(getattr(in_effect, key)) for key in network.KEYS}
    values["me"] = mine.get("me")
    if json:
        emit_json({**values, "where": {key: where(key) for key in KEYS}})
        return
    say(f"# network settings, in the database {session.location.shown}")
    for key in network.KEYS:
        default = "" if key in stored or values[key] is None else " (default)"
        say(f"{key} = {_text(values[key])}{default}")
    say(f"# personal settings, in {printable(str(config.config_path()))}")
    for key in config.KEYS:
        say(f"{key} = {_text(values[key])}")
    _left_in_file()


def _typed(value: object) -> object:
    """Numbers as numbers, durations as text (3d)."""
    return value if value is None or isinstance(value, int | str) else str(value)


def _text(value: object) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, list):
        return ", ".join(printable(str(item)) for item in value)
    return printable(str(value))


def _left_in_file() -> None:
    """A network setting written into the settings file after its move (by hand) is not
    read there: say so, and how to set it."""
    raw = config.read_raw()
    for key in config.NETWORK_KEYS:
        if key in raw:
            warn(f"the settings file {config.config_path()} has {key}, which netcadence reads "
                 f"from the database now; 'netcadence config set {key} VALUE' sets it there and "
                 "removes it from the file")


def set_value(session: Session, key: str, value: str) -> None:
    """Change one setting, checked first."""
    name = key_of(key)
    if name in config.KEYS:
        given = config.addresses(value)
        raw = config.read_raw()
        raw[name] = given
        config.save(raw)
        say(f"{name} = {_text(given)}")
        return
    checked = network.check(name, value)
    db = session.db(create=True)
    with db.write():
        if name == "default_cadence":
            cadences.choose(db, checked)
        network.put(db, name, checked)
    _drop_from_file(name)
    say(f"{name} = {printable(checked)}")


def unset(session: Session, key: str) -> None:
    """Reset one setting to its default."""
    stray = config.key_name(key)
    if stray not in KEYS:
        raw = config.read_raw()
        if stray in raw:  # a line the settings file should not have
            raw.pop(stray)
            config.save(raw)
            say(f"{stray} removed from {printable(str(config.config_path()))}")
            return
    name = key_of(key)
    if name in config.KEYS:
        raw = config.read_raw()
        raw.pop(name, None)
        config.save(raw)
    else:
        db = session.db()
        with db.write():
            network.remove(db, name)
        _drop_from_file(name)
    default = network.DEFAULTS.get(name)
    say(f"{name} reset to {default if default is not None else '(unset)'}")


def _drop_from_file(key: str) -> None:
    raw = config.read_raw()
    if key in raw:
        raw.pop(key)
        config.save(raw)


def adopt_settings_file(db: Database) -> None:
    """Move the network settings an older settings file holds into this database, once.

    The database's own value wins over the file's; a value this database cannot take
    (not a number, a cadence it does not have) is named on stderr and dropped. A
    database that cannot be written is left for a later command, and so is the file.
    """
    path = config.config_path()
    try:
        raw = config.read_raw(path)
    except InputError as error:
        warn(str(error))
        return
    found = {key: raw[key] for key in config.NETWORK_KEYS if key in raw}
    dropped: list[tuple[str, object, str]] = []
    try:
        with db.write():
            if network.file_checked(db):
                return  # another command took them meanwhile
            stored = network.stored(db) if found else {}
            for key, value in found.items():
                if key in stored:
                    continue
                try:
                    checked = network.check(key, value)
                    if key == "default_cadence":
                        cadences.choose(db, checked)
                except StoreError:
                    raise
                except NetcadenceError as error:
                    dropped.append((key, value, str(error)))
                    continue
                network.put(db, key, checked)
            network.mark_file_checked(db)
    except StoreError:
        return  # read-only here: the file stays as it is for a database that can take it
    for key, value, reason in dropped:
        warn(f"the settings file {path} had {key} = {value!r}, which this database cannot take "
             f"({reason}); it was not kept: 'netcadence config set {key} VALUE' sets it")
    if found:
        try:
            config.save({key: value for key, value in raw.items() if key not in found}, path)
        except OSError as error:
            warn(f"cannot rewrite the settings file {path} ({error.strerror}); its "
                 f"{', '.join(found)} now live in the database and can be removed from it")
