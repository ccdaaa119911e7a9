"""Today's agenda as a digest: plain text, Markdown, HTML for mail (inline styles only),
JSON, and the few lines of a desktop notification.

Names and notes are the user's text: control characters are dropped everywhere,
Markdown's marks are escaped, and HTML is escaped, so no name is read as markup.
"""

from __future__ import annotations

import html as html_text
from dataclasses import dataclass
from datetime import date

from netcadence.engine.agenda import AgendaItem
from netcadence.render.agenda import when_text
from netcadence.text import printable

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NOTIFIED = 5  # rows a notification names; the rest are counted
COLOURS = {"overdue": "#b42318", "due": "#b54708", "upcoming": "#667085"}


@dataclass(frozen=True)
class Digest:
    """Today's agenda (every row, in the agenda's order), what of it fits today's
    capacity, and whether a vacation holds everything back."""

    today: date
    items: list[AgendaItem]
    capacity: int | None
    vacation: str | None  # its end ('' when open-ended) while one is in force

    @property
    def shown(self) -> list[AgendaItem]:
        return self.items[:self.capacity] if self.capacity else self.items

    @property
    def more(self) -> int:
        return len(self.items) - len(self.shown)

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    @property
    def anything_due(self) -> bool:
        """Whether any row is due or overdue (rows in their lead days are not)."""
        return any(item.status != "upcoming" for item in self.items)

    @property
    def day(self) -> str:
        """`Monday 23 November 2026`, the same in every locale."""
        return (f"{WEEKDAYS[self.today.weekday()]} {self.today.day} "
                f"{MONTHS[self.today.month - 1]} {self.today.year}")

    @property
    def summary(self) -> str:
        """`2 overdue, 1 due today, 1 upcoming`, or why there is nothing."""
        if self.vacation is not None:
            return ("on vacation" + (f" until {self.vacation}" if self.vacation else "")
                    + ": nothing is due")
        if not self.items:
            return "nothing due"
        text = f"{self.count('overdue')} overdue, {self.count('due')} due today"
        upcoming = self.count("upcoming")
        return text + (f", {upcoming} upcoming" if upcoming else "")

    @property
    def more_text(self) -> str:
        return (f"{self.more} more wait beyond today's capacity of {self.capacity}: "
                "netcadence due --all")


def _when(item: AgendaItem) -> str:
    text = when_text(item)
    return text if item.days_overdue == 0 else f"{text} ({item.due.isoformat()})"


def _facts(item: AgendaItem) -> list[str]:
    """What a row says after the name: what to do, when, the last touch."""
    facts = [printable(item.what), _when(item)]
    if item.kind == "cadence":
        facts.append(f"last touch {item.last_touch}" if item.last_touch else "never touched")
    return facts


def text(digest: Digest) -> str:
    lines = [f"netcadence · {digest.day}: {digest.summary}"]
    if digest.shown:
        lines.append("")
        width = max(len(item.status) for item in digest.shown)
        for item in digest.shown:
            lines.append(f"{item.status:<{width}}  {printable(item.name)} ({item.slug}): "
                         + " · ".join(_facts(item)))
    if digest.more:
        lines += ["", digest.more_text]
    return "\n".join(lines) + "\n"


_MARKS = str.maketrans({mark: "\\" + mark for mark in "\\`*_[]<>|~"})


def _md(value: str) -> str:
    """User text in Markdown, its marks escaped (a name is never emphasis or a link)."""
    return printable(value).translate(_MARKS)


def markdown(digest: Digest) -> str:
    lines = [f"## netcadence · {digest.day}", "", _md(digest.summary[:1].upper()
                                                       + digest.summary[1:])]
    if digest.shown:
        lines.append("")
        for item in digest.shown:
            facts = " · ".join(_md(fact) for fact in _facts(item))
            lines.append(f"- **{item.status}** {_md(item.name)} (`{item.slug}`): {facts}")
    if digest.more:
        lines += ["", _md(digest.more_text)]
    return "\n".join(lines) + "\n"


def _h(value: str) -> str:
    return html_text.escape(printable(value), quote=True)


_CELL = "padding:4px 12px 4px 0;border-bottom:1px solid #eaecf0;vertical-align:top"


def html(digest: Digest) -> str:
    """A small HTML document with inline styles only, as mail programs want it."""
    title = f"netcadence · {digest.day}"
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{_h(title)}</title></head>",
        '<body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Helvetica,'
        'Arial,sans-serif;font-size:14px;line-height:1.4;color:#101828">',
        f'<h2 style="margin:0 0 4px;font-size:18px">{_h(title)}</h2>',
        f'<p style="margin:0 0 12px;color:#475467">{_h(digest.summary)}</p>',
    ]
    if digest.shown:
        parts.append('<table style="border-collapse:collapse" cellpadding="0" cellspacing="0">')
        for item in digest.shown:
            colour = COLOURS[item.status]
            last = ""
            if item.kind == "cadence":
                last = f"last touch {item.last_touch}" if item.last_touch else "never touched"
            parts.append(
                "<tr>"
                f'<td style="{_CELL};color:{colour};font-weight:600">{_h(item.status)}</td>'
                f'<td style="{_CELL}"><strong>{_h(item.name)}</strong> '
                f'<span style="color:#667085">({_h(item.slug)})</span></td>'
                f'<td style="{_CELL}">{_h(item.what)}</td>'
                f'<td style="{_CELL};white-space:nowrap">{_h(_when(item))}</td>'
                f'<td style="{_CELL};color:#667085">{_h(last)}</td>'
                "</tr>")
        parts.append("</table>")
    if digest.more:
        parts.append(f'<p style="margin:12px 0 0;color:#475467">{_h(digest.more_text)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def as_json(digest: Digest) -> dict:
    return {
        "date": digest.today.isoformat(),
        "overdue": digest.count("overdue"),
        "due": digest.count("due"),
        "upcoming": digest.count("upcoming"),
        "capacity": digest.capacity,
        "vacation": None if digest.vacation is None else {"until": digest.vacation or None},
        "rows": [item.as_json() for item in digest.shown],
        "more": digest.more,
    }


def notification(digest: Digest) -> tuple[str, str]:
    """A desktop notification's title and body."""
    title = f"netcadence: {digest.summary}"
    lines = [f"{printable(item.name)}: {printable(item.what)} ({when_text(item)})"
             for item in digest.shown[:NOTIFIED]]
    rest = len(digest.items) - len(lines)
    if rest > 0 and lines:
        lines.append(f"and {rest} more: netcadence due")
    return title, "\n".join(lines) or digest.summary
