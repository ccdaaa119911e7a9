"""Job changes noticed between two LinkedIn exports.

What the last LinkedIn import said of a contact (company, position) is kept. A
later export that says otherwise is a job change. An empty Company or Position
says nothing (LinkedIn leaves them empty when a profile hides them), and a change
of case or accents only is no change. The contact's own company and title
follow the export unless the user has edited them since the last import.
"""

from __future__ import annotations

from dataclasses import dataclass

from netcadence.text import fold


@dataclass(frozen=True)
class Seen:
    """A contact's company and position as the last LinkedIn import said them."""

    company: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class JobChange:
    old_company: str | None
    new_company: str | None
    old_title: str | None
    new_title: str | None

    @property
    def moved(self) -> bool:
        return not _same(self.old_company, self.new_company)

    @property
    def any(self) -> bool:
        """Whether the company or the position changed at all."""
        return self.moved or not _same(self.old_title, self.new_title)

    @property
    def what(self) -> str:
        """The agenda's what column: `moved to Globex`, or `now Head of Sales`."""
        if self.moved:
            return f"moved to {self.new_company}" if self.new_company else "left their company"
        return f"now {self.new_title}" if self.new_title else "changed position"

    def line(self, name: str) -> str:
        """`Ana Ruiz: Acme → Globex (Head of Sales)`, as import summaries and the review say it."""
        if self.moved:
            text = f"{name}: {self.old_company or '(no company)'} → {self.new_company}"
            return text + (f" ({self.new_title})" if self.new_title else "")
        text = f"{name}: {self.old_title or '(no position)'} → {self.new_title}"
        return text + (f" at {self.new_company}" if self.new_company else "")


def _same(one: str | None, other: str | None) -> bool:
    return fold(one or "") == fold(other or "")


def noticed(seen: Seen | None, company: str | None, title: str | None
            ) -> tuple[JobChange | None, Seen]:
    """The change an export shows against what was seen last (None the first time a
    contact is seen, or when nothing changed), and what is seen now."""
    now = Seen(company or (seen.company if seen else None),
               title or (seen.title if seen else None))
    if seen is None or (_same(seen.company, now.company) and _same(seen.title, now.title)):
        return None, now
    return JobChange(seen.company, now.company, seen.title, now.title), now


def follows(current: str | None, before: str | None, after: str | None) -> bool:
    """Whether a contact's field takes the export's new value: it is empty, or still
    what the last import said (the user has not edited it since)."""
    if _same(before, after):
        return False
    return not current or _same(current, before)

