"""Personal settings: who is at the keyboard, in a small TOML file in the user config folder.

Only `me` (your own email addresses) lives here. Network settings (capacity,
default_cadence, …) belong to a database (store/settings.py); an older netcadence
kept them here, and any found here move into the first database opened
(app/settings.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from netcadence.errors import InputError

KEYS = ("me",)
# What older versions kept in this file and now lives in each database: every network
# setting (store/settings.py KEYS), so that none found here is dropped.
NETWORK_KEYS = ("capacity", "default_cadence", "dormant_days", "occasion_lead",
                "sync_max_recipients")


def config_path() -> Path:
    forced = os.environ.get("NETCADENCE_CONFIG", "").strip()
    if forced:
        return Path(forced).expanduser()
    from platformdirs import user_config_path

    return user_config_path("netcadence", appauthor=False) / "config.toml"


def key_name(key: str) -> str:
    """A key as the file and the commands spell it: `-` and `_` are the same."""
    return key.strip().lower().replace("-", "_")


def read_raw(path: Path | None = None) -> dict[str, object]:
    """Every key of the settings file (named as key_name spells them) and its value."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the settings file {path}: {error}") from None
    import tomllib  # only when there is a settings file

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(
            f"the settings file {path} is not valid TOML ({error}); fix or remove it"
        ) from None
    return {key_name(k): v for k, v in data.items()}


def personal(path: Path | None = None) -> dict[str, object]:
    """The personal settings, checked: a key the file should not have, or a wrong value,
    is an error naming the file and how to fix it."""
    path = path or config_path()
    found = {}
    for key, value in read_raw(path).items():
        if key in NETWORK_KEYS:
            continue  # waiting to move into a database
        if key not in KEYS:
            raise InputError(f"the settings file {path} has {key!r}, which is not a setting; "
                             f"run 'netcadence config unset {key}'")
        try:
            found[key] = addresses(value)
        except InputError as error:
            raise InputError(f"the settings file {path}: {error}; run 'netcadence config set "
                             f"{key} …' or 'netcadence config unset {key}'") from None
    return found


def my_addresses() -> list[str]:
    """Your own email addresses (the setting `me`), lower-cased; [] when it is unset."""
    return [address.lower() for address in personal().get("me", [])]  # type: ignore[union-attr]


def addresses(value: object) -> list[str]:
    """`me` from the command line (`a@x.org,b@y.org`) or the file (that text, or a list):
    each address checked, kept as it was written."""
    from netcadence.store.contacts import is_email

    if isinstance(value, list):
        items = value
    elif isinstance(value, str):
        items = value.split(",")
    else:
        raise InputError(f"me must be email addresses separated by commas (got {value!r})")
    found = [str(item).strip() for item in items]
    found = [item for item in found if item]
    if not found:
        raise InputError("me needs at least one email address; use 'netcadence config unset me'")
    for item in found:
        if not is_email(item):
            raise InputError(f"{item!r} is not an email address; me takes email addresses "
                             "separated by commas, e.g. ana@example.com,ana@work.example")
    return list(dict.fromkeys(found))


def save(values: dict[str, object], path: Path | None = None) -> None:
    """Write the personal settings, and any older network value not yet moved; other keys
    are dropped. The file is replaced whole, readable by its owner only (atomic.py)."""
    path = path or config_path()
    lines = []
    for key in (*KEYS, *NETWORK_KEYS):
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_quoted(str(v)) for v in value)}]")
        elif isinstance(value, int) and not isinstance(value, bool):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {_quoted(str(value))}")
    from netcadence.atomic import write_file

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_file(path, ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
