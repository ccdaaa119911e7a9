"""The hot commands: the ones typed every day, which cli/fast.py runs before Typer loads.

Each entry says which words name the command, the options and flags it takes
(option word → the keyword of the function that does the work, and the value's
type), its arguments, and that function itself. The Typer commands call the same
functions; tests/cli/test_hot_table.py holds every entry against the Typer command
of the same words, so an option added to one and not the other fails the tests.
"""

from __future__ import annotations

from collections.abc import Callable

from netcadence.app import daily, reports


class Hot:
    """One hot command. (A plain class: a dataclass costs `due` its start-up time.)"""

    __slots__ = ("words", "run", "values", "flags", "arguments")

    def __init__(
        self, words: tuple[str, ...], run: Callable[..., None], *,
        values: dict[str, tuple[str, type]] | None = None, flags: dict[str, str] | None = None,
        arguments: tuple[str, ...] = (),
    ) -> None:
        self.words = words
        self.run = run  # called as run(session, *arguments, **options)
        self.values = values or {}  # option word → (keyword, type of its value)
        self.flags = flags or {}  # flag word → keyword
        self.arguments = arguments  # keywords of the positional arguments, in order

    @property
    def takes_json(self) -> bool:
        return "json" in self.flags.values()


HOT = (
    Hot(("due",), daily.show_due,
        values={"--within": ("within", str), "--on": ("on", str), "--tag": ("tag", str),
                "--limit": ("limit", int)},
        flags={"--all": "show_all", "--json": "json"}),
    Hot(("log",), daily.log_touch, arguments=("contact",),
        values={"--channel": ("channel", str), "-c": ("channel", str), "--when": ("when", str),
                "--note": ("note", str), "--cadence": ("cadence", str), "--by": ("by", str)},
        flags={"--in": "inbound", "--give": "give", "--ask": "ask", "--new": "new"}),
    Hot(("review",), reports.show_review, values={"--week": ("week", str)},
        flags={"--json": "json"}),
    Hot(("stats",), reports.show_stats, values={"--since": ("since", str)},
        flags={"--by": "by", "--json": "json"}),
    Hot(("goal", "list"), reports.show_goals, flags={"--json": "json"}),
)
