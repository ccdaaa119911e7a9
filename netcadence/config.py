"""Settings: a small TOML file in the user config folder, validated on every change."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from netcadence.errors import InputError
from netcadence.suggest import did_you_mean

KEYS = ("capacity", "default_cadence", "dormant_days")
PERSONAL_KEYS = ("me",)  # your own email addresses, comma-separated (read by sync)
DEFAULTS: dict[str, object] = {"capacity": None, "default_cadence": None, "dormant_days": 180}


@dataclass(frozen=True)
class Settings:
    capacity: int | None = None
    default_cadence: str | None = None
    dormant_days: int = 180


def config_path() -> Path:
    forced = os.environ.get("NETCADENCE_CONFIG", "").strip()
    if forced:
        return Path(forced).expanduser()
    from platformdirs import user_config_path

    return user_config_path("netcadence", appauthor=False) / "config.toml"


def normalize_key(key: str) -> str:
    name = key.strip().lower().replace("-", "_")
    if name not in KEYS:
        raise InputError(
            f"{key!r} is not a setting{did_you_mean(name, KEYS) or ';'} settings: {', '.join(KEYS)}"
        )
    return name


def read_raw(path: Path | None = None, *, strict: bool = True) -> dict[str, object]:
    """The settings file's keys (normalized) and values; `strict` refuses unknown keys."""
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
    raw = {k.strip().lower().replace("-", "_"): v for k, v in data.items()}
    for key in raw:
        if strict and key not in KEYS and key not in PERSONAL_KEYS:
            raise InputError(f"the settings file {path} has {key!r}, which is not a setting "
                             f"({', '.join(KEYS)}); run 'netcadence config unset {key}'")
    return raw


def load() -> Settings:
    path = config_path()
    values = {}
    for key, value in read_raw(path).items():
        if key in PERSONAL_KEYS:
            continue
        try:
            values[key] = validate(key, value)
        except InputError as error:
            raise InputError(f"the settings file {path}: {error}; run 'netcadence config set "
                             f"{key} VALUE' or 'netcadence config unset {key}'") from None
    return Settings(**{**{k: v for k, v in DEFAULTS.items()}, **values})  # type: ignore[arg-type]


def my_addresses() -> list[str]:
    """Your own email addresses (the personal setting `me`), lower-cased; [] when unset."""
    value = read_raw(strict=False).get("me")
    if isinstance(value, list):
        value = ",".join(str(item) for item in value)
    found: list[str] = []
    for part in str(value or "").split(","):
        address = part.strip().lower()
        if address and address not in found:
            found.append(address)
    return found


def validate(key: str, value: object) -> object:
    """The value a setting takes from text or TOML, or a clear error."""
    if key in ("capacity", "dormant_days"):
        try:
            number = int(str(value).strip())
        except ValueError:
            number = 0
        if isinstance(value, bool) or number < 1:
            raise InputError(f"{key} must be a whole number ≥ 1 (got {value!r})")
        return number
    text = str(value).strip()
    if not text:
        raise InputError(f"{key} cannot be empty; use 'netcadence config unset {key}'")
    return text


def save(values: dict[str, object], path: Path | None = None) -> None:
    path = path or config_path()
    lines = []
    for key in KEYS:
        if key in values and values[key] is not None:
            value = values[key]
            if isinstance(value, int):
                lines.append(f"{key} = {value}")
            else:
                escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
                lines.append(f'{key} = "{escaped}"')
    from netcadence.atomic import write_file

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_file(path, ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))
