"""What the words before a command mean, read the same way by cli/fast.py and cli/app.py.

Nothing here imports Typer: the quick path reads these before Typer loads.
"""

from __future__ import annotations

# The options of `netcadence` itself (the root callback in cli/app.py) that the quick
# path reads: option word → (keyword, type), flag word → keyword. Every other one
# (--help, --version, completion installs) is Typer's to handle.
GLOBAL_VALUES = {"--db": ("db", str)}
GLOBAL_FLAGS = {"--json": "json"}


class JsonRefused(Exception):
    """`netcadence --json CMD` for a command that prints no JSON."""


def json_before(command: str, takes_json: bool) -> dict[str, bool]:
    """`netcadence --json CMD` is `netcadence CMD --json`: the options it gives CMD.

    A command that prints no JSON refuses it, as the parser refuses an option it
    does not know (exit status 2).
    """
    if not takes_json:
        raise JsonRefused(f"'{command}' prints no JSON")
    return {"json": True}
