"""Calendars on disk, read for sync: .ics files, or folders of them (khal and vdirsyncer
keep one event per file), told apart by their content.

Every copy of an event met in the files read together is gathered by UID first: the
latest copy of each occurrence counts (SEQUENCE, then DTSTAMP), a METHOD:CANCEL
cancels what it names, and a METHOD:REPLY records an attendee's answer. Recurring
events are expanded up to today with recurring-ical-events (EXDATE, RECURRENCE-ID
overrides and cancellations respected); Google's X-WR-TIMEZONE is applied with
x-wr-timezone, and Windows time-zone names are read as the zones they stand for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from netcadence.engine.sync import Attendee, Occurrence
from netcadence.errors import InputError
from netcadence.io.mail import digest, existing, head_of, sniff, what_it_holds

EXPECTED = "an .ics file or a folder of them"
MOST_OCCURRENCES = 20_000  # taken of one recurring event (the earliest ones)
NOT_PEOPLE = ("ROOM", "RESOURCE")
IGNORED_METHODS = ("COUNTER", "DECLINECOUNTER", "REFRESH")
_BEGIN = re.compile(r"^BEGIN:VCALENDAR\s*$", re.IGNORECASE | re.MULTILINE)
_END = re.compile(r"^END:VCALENDAR\s*$", re.IGNORECASE | re.MULTILINE)
_VEVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)
_TIMEZONE_BLOCK = re.compile(r"^BEGIN:VTIMEZONE\s*$.*?^END:VTIMEZONE\s*$\n?",
                             re.IGNORECASE | re.MULTILINE | re.DOTALL)
_TZID_LINE = re.compile(r"^TZID:(.*)$", re.IGNORECASE | re.MULTILINE)
_TZID_PARAM = re.compile(r';TZID=("[^"]*"|[^;:]*)', re.IGNORECASE)


def is_calendar(head: bytes) -> bool:
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return text.lstrip().upper().startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT"))


@dataclass
class CalendarSource:
    path: Path  # absolute
    shown: str
    kind: str = "calendar"
    files: list[Path] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def open_source(text: str) -> CalendarSource:
    """The calendar files at a path, or an error naming the path and what was expected."""
    path = existing(text, EXPECTED)
    source = CalendarSource(path, text)
    if path.is_dir():
        for folder, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                file = Path(folder) / name
                if is_calendar(sniff(file)):
                    source.files.append(file)
                else:
                    source.ignored.append(str(file))
        if not source.files:
            raise InputError(f"{text}: no calendar in this folder; give {EXPECTED}")
        return source
    head = head_of(path, text)
    if not is_calendar(head):
        hint = {"mbox": " (it is mail: use 'netcadence sync mail')",
                "message": " (it is mail: use 'netcadence sync mail')",
                "vcard": " (it holds contacts: use 'netcadence import vcard')",
                }.get(what_it_holds(head) or "", "")
        raise InputError(f"{text} is not a calendar{hint}; give {EXPECTED}")
    source.files.append(path)
    return source


# --- text repairs before parsing -------------------------------------------------------


def _windows_zones() -> dict[str, str]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return {name.lower(): olson for name, olson in WINDOWS_TO_OLSON.items()}


def repaired(block: str, windows: dict[str, str]) -> str:
    """A VCALENDAR's text with the time zones icalendar cannot use made usable: an empty
    TZID is dropped (the times are then floating), a Windows name ("New Zealand Standard
    Time") becomes the zone it names, and its VTIMEZONE (often wrong) is dropped."""

    def zone_block(match: re.Match) -> str:
        names = _TZID_LINE.findall(match.group(0))
        name = names[0].strip().strip('"') if names else ""
        return "" if not name or name.lower() in windows else match.group(0)

    def parameter(match: re.Match) -> str:
        name = match.group(1).strip().strip('"')
        if not name:
            return ""
        olson = windows.get(name.lower())
        return f";TZID={olson}" if olson else match.group(0)

    block = _TIMEZONE_BLOCK.sub(zone_block, block)
    return _TZID_PARAM.sub(parameter, block)


def _blocks(text: str) -> Iterator[str]:
    """Each VCALENDAR of a file (a file may hold several, one after the other; a file of
    bare VEVENTs is read as one)."""
    if not _BEGIN.search(text):
        if _VEVENT.search(text):
            yield f"BEGIN:VCALENDAR\n{text}\nEND:VCALENDAR\n"
        return
    for begin in _BEGIN.finditer(text):
        end = _END.search(text, begin.end())
        yield text[begin.start():end.end() if end else len(text)] + (
            "" if end else "\nEND:VCALENDAR\n")


# --- gathering the events -------------------------------------------------------------


@dataclass
class _Copy:
    component: Any
    method: str
    where: str
    sequence: int
    stamp: str
    origin: int = 0


@dataclass
class Gathered:
    """Every event copy met, by UID and occurrence, ready to be expanded."""

    copies: dict[str, dict[str, list[_Copy]]] = field(default_factory=dict)
    cancels: dict[str, dict[str, list[_Copy]]] = field(default_factory=dict)
    replies: dict[str, dict[str, list[_Copy]]] = field(default_factory=dict)
    broken: list[Occurrence] = field(default_factory=list)
    calendars: int = 0


def gather(files: list[Path], into: Gathered | None = None, origin: int = 0) -> Gathered:
    import icalendar

    gathered = into or Gathered()
    windows = _windows_zones()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            gathered.broken.append(Occurrence(str(path), digest("file", str(path)),
                                              unreadable=error.strerror or "unreadable",
                                              origin=origin))
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = re.sub(r"\n[ \t]", "", text)  # unfolded: a line's continuations joined
        for index, block in enumerate(_blocks(text)):
            gathered.calendars += 1
            where = str(path) if index == 0 else f"{path} (calendar {index + 1})"
            try:
                calendar = icalendar.Calendar.from_ical(repaired(block, windows))
            except Exception as error:  # a VCALENDAR icalendar cannot read at all
                for number, _ in enumerate(_VEVENT.finditer(block), start=1):
                    gathered.broken.append(Occurrence(
                        f"{where} (event {number})", digest("broken", where, str(number)),
                        unreadable=_why(error), origin=origin))
                continue
            _collect(calendar, where, gathered, origin)
    return gathered


def _collect(calendar: Any, where: str, gathered: Gathered, origin: int) -> None:
    try:
        import x_wr_timezone

        calendar = x_wr_timezone.to_standard(calendar)
    except Exception:  # a zone it cannot apply: the times stay as written
        pass
    method = str(calendar.get("METHOD", "")).strip().upper()
    if method in IGNORED_METHODS:
        return
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        here = f"{where} (event {number})"
        try:
            uid = str(_list(event.get("UID"))[:1] and _list(event.get("UID"))[0] or "").strip()
            uid = uid or digest(
                "no-uid", str(event.get("DTSTART", "")), str(event.get("SUMMARY", "")),
                str(event.get("ORGANIZER", "")))
            rid = _instant(event.get("RECURRENCE-ID"))
            copy = _Copy(event, method, here, _whole(event.get("SEQUENCE")),
                         _instant(event.get("DTSTAMP")), origin)
        except Exception as error:
            gathered.broken.append(Occurrence(here, digest("broken", here),
                                              unreadable=_why(error), origin=origin))
            continue
        table = {"CANCEL": gathered.cancels, "REPLY": gathered.replies}.get(
            method, gathered.copies)
        table.setdefault(uid, {}).setdefault(rid, []).append(copy)


def _why(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def _whole(value: Any) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


def _instant(prop: Any) -> str:
    """A date or time property as sortable text ("" when absent), UTC when it has a zone."""
    if prop is None:
        return ""
    value = prop.dt
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _latest(copies: list[_Copy]) -> _Copy:
    return max(copies, key=lambda c: (c.sequence, c.stamp))


def _cancels(cancel: list[_Copy] | None, copy: _Copy) -> bool:
    """Whether a cancellation is as new as the copy (by SEQUENCE or by DTSTAMP)."""
    return any(c.sequence >= copy.sequence or c.stamp >= copy.stamp for c in cancel or ())


# --- occurrences ----------------------------------------------------------------------


def occurrences(gathered: Gathered, today: date) -> Iterator[Occurrence]:
    """Every occurrence up to today of the events gathered, and one for each event that
    only happens after today (so that it is counted)."""
    yield from gathered.broken
    for uid in sorted(gathered.copies):
        yield from _event_occurrences(uid, gathered, today)


def _event_occurrences(uid: str, gathered: Gathered, today: date) -> Iterator[Occurrence]:
    import icalendar
    import recurring_ical_events

    by_rid = gathered.copies[uid]
    cancels = gathered.cancels.get(uid, {})
    chosen = {rid: _latest(copies) for rid, copies in by_rid.items()}
    master = chosen.get("")
    first = master or next(iter(chosen.values()))
    cancelled_whole = master is not None and _cancels(cancels.get(""), master)
    answers = _answers(gathered.replies.get(uid, {}))
    recurring = any(rid for rid in chosen) or (
        master is not None and ("RRULE" in master.component or "RDATE" in master.component))
    mini = icalendar.Calendar()
    for copy in chosen.values():
        mini.add_component(copy.component)
    try:
        if "DTSTART" not in first.component:
            raise ValueError("no DTSTART")
        query = recurring_ical_events.of(mini)
        found = query.between(date(1, 1, 2), today + timedelta(days=2))
        if not found:  # only after today (counted once), or never (every date excluded)
            upcoming = next(iter(query.after(today + timedelta(days=1))), None)
            if upcoming is not None:
                yield _occurrence(upcoming, uid, first, recurring, cancelled_whole, answers,
                                  cancels)
            return
    except Exception as error:
        yield Occurrence(first.where, digest("broken", uid), unreadable=_why(error),
                         origin=first.origin)
        return
    for component in found[:MOST_OCCURRENCES]:
        try:
            yield _occurrence(component, uid, first, recurring, cancelled_whole, answers,
                              cancels)
        except Exception as error:
            yield Occurrence(first.where, digest("broken", uid, _instant(
                component.get("DTSTART"))), unreadable=_why(error), origin=first.origin)


def _answers(replies: dict[str, list[_Copy]]) -> dict[tuple[str, str], str]:
    """The PARTSTAT each attendee last replied, by (occurrence, address)."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for rid, copies in replies.items():
        for copy in copies:
            for attendee in _list(copy.component.get("ATTENDEE")):
                email = _email(attendee)
                status = str(attendee.params.get("PARTSTAT", "")).upper()
                if email and status and copy.stamp >= found.get((rid, email), ("", ""))[0]:
                    found[(rid, email)] = (copy.stamp, status)
    return {key: status for key, (_, status) in found.items()}


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _email(address: Any) -> str:
    text = "".join(str(address).split())
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip("<>").lower() if "@" in text else ""


def _occurrence(component: Any, uid: str, first: _Copy, recurring: bool,
                cancelled_whole: bool, answers: dict, cancels: dict) -> Occurrence:
    start = component["DTSTART"].dt
    rid = _instant(component.get("RECURRENCE-ID")) if recurring else ""
    key = digest("event", uid, rid)
    all_day = not isinstance(start, datetime)
    if isinstance(start, datetime):
        local = start.astimezone() if start.tzinfo is not None else start
        day = local.date()
        stamp = (start.astimezone(UTC) if start.tzinfo is not None else start).isoformat()
    else:
        day, stamp = start, start.isoformat()
    status = str(component.get("STATUS", "")).strip().upper()
    cancelled = cancelled_whole or status == "CANCELLED" or (
        bool(rid) and bool(cancels.get(rid)))
    organizer = None
    if component.get("ORGANIZER") is not None:
        value = component["ORGANIZER"]
        email = _email(value)
        if email:
            organizer = Attendee(email, _name(value))
    attendees = []
    for value in _list(component.get("ATTENDEE")):
        email = _email(value)
        if not email:
            continue
        params = value.params
        status = answers.get((rid, email)) or answers.get(("", email)) or str(
            params.get("PARTSTAT", "")).upper()
        person = (str(params.get("CUTYPE", "")).upper() not in NOT_PEOPLE
                  and str(params.get("ROLE", "")).upper() != "NON-PARTICIPANT")
        attendees.append(Attendee(email, _name(value), status, person))
    return Occurrence(
        where=first.where, key=key, day=day, stamp=stamp, all_day=all_day,
        cancelled=cancelled, organizer=organizer, attendees=tuple(attendees),
        summary=" ".join(str(component.get("SUMMARY", "")).split()), origin=first.origin,
    )


def _name(address: Any) -> str:
    name = str(getattr(address, "params", {}).get("CN", "")).strip().strip("'\"")
    return "" if name.lower() in ("", "null null", "null") else " ".join(name.split())
