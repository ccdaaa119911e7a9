"""The give and ask ledger: what you gave and asked, what they gave and asked, what is open.

On an outbound touch `give` means you helped them and `ask` that you asked them
for something; on an inbound touch, that they helped you and that they asked you.
Open: their asks since your last give to them (you owe an answer), and your asks
to someone you never gave to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date


@dataclass(frozen=True)
class LedgerTouch:
    day: date
    direction: str
    give: bool = False
    ask: bool = False


@dataclass(frozen=True)
class Ledger:
    gave: int = 0
    asked: int = 0
    got: int = 0
    were_asked: int = 0
    owe_answer: int = 0
    asked_before_giving: int = 0

    def as_json(self) -> dict[str, int]:
        return asdict(self)

    @property
    def any(self) -> bool:
        return bool(self.gave or self.asked or self.got or self.were_asked)


def ledger(touches: Iterable[LedgerTouch]) -> Ledger:
    listed = list(touches)
    gives = [t.day for t in listed if t.direction == "out" and t.give]
    last_give = max(gives, default=None)
    asked = sum(1 for t in listed if t.direction == "out" and t.ask)
    return Ledger(
        gave=len(gives),
        asked=asked,
        got=sum(1 for t in listed if t.direction == "in" and t.give),
        were_asked=sum(1 for t in listed if t.direction == "in" and t.ask),
        owe_answer=sum(1 for t in listed if t.direction == "in" and t.ask
                       and (last_give is None or t.day > last_give)),
        asked_before_giving=asked if not gives else 0,
    )


def open_asks(touches: Iterable[tuple[LedgerTouch, str]]) -> list[dict]:
    """The open asks themselves, oldest first: theirs you owe an answer to (`they`), and
    yours to someone you never gave to (`you`). Each touch comes with its note."""
    listed = list(touches)
    gives = [t.day for t, _ in listed if t.direction == "out" and t.give]
    last_give = max(gives, default=None)
    found = []
    for touch, note in sorted(listed, key=lambda pair: pair[0].day):
        if not touch.ask:
            continue
        if touch.direction == "in" and (last_give is None or touch.day > last_give):
            found.append({"date": touch.day.isoformat(), "who": "they", "note": note})
        elif touch.direction == "out" and not gives:
            found.append({"date": touch.day.isoformat(), "who": "you", "note": note})
    return found
