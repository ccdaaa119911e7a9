"""The hot commands: the ones typed every day, which cli/fast.py runs before Typer loads.

Each entry says which words name the command, the options and flags it takes
(option word → the keyword of the function that does the work, and the value's
type), its arguments, and that function itself. The Typer commands call the same
functions; tests/cli/test_hot_table.py holds every entry against the Typer command
of the same words, so an option added to one and not the other fails the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netcadence.app import daily, reports


@dataclass(frozen=True)
class Hot:
    words: tuple[str, ...]
    run: Callable[..., None]  # called as run(session, *arguments, **options)
    values: dict[str, tuple[str, type]] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)
    arguments: tuple[str, ...] = ()

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
