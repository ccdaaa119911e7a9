"""Which touches a message or a calendar occurrence gives: the rules of `sync`, over plain data.

The readers (io/mail.py, io/calendar.py) turn files into Messages and Occurrences;
these functions decide, given your own addresses, the contacts' addresses, the
recipient cap and today, what each one is worth: touches on contacts, or the
reason it is skipped. Then plan() turns the items found into touches, leaving out
what earlier syncs already recorded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

# Why a message or an occurrence gives no touch, in the order the rules are applied.
MAIL_REASONS = ("unreadable", "no_date", "future", "before_since", "spam", "trash", "chat",
                "automatic", "too_many_recipients", "no_contact")
CALENDAR_REASONS = ("unreadable", "future", "before_since", "cancelled", "all_day", "declined",
                    "too_many_attendees", "no_contact")
REASON_TEXT = {
    "unreadable": "unreadable", "no_date": "without a readable date",
    "future": "dated after today", "before_since": "before --since",
    "spam": "labelled Spam", "trash": "labelled Trash", "chat": "labelled Chat",
    "automatic": "automatic", "too_many_recipients": "with too many recipients",
    "no_contact": "without a contact", "cancelled": "cancelled", "all_day": "all-day",
    "declined": "declined", "too_many_attendees": "with too many attendees",
}
SKIPPED_LABELS = {"spam": "spam", "trash": "trash", "chat": "chat"}
AUTOMATIC_SUBJECTS = ("automatic reply:", "auto reply:", "auto-reply:", "autoreply:",
                      "out of office", "undeliverable:")
AUTOMATIC_PRECEDENCE = ("bulk", "junk", "list")
# A sender's local part, without `-`, `_` and `.`, that no person writes from.
_ROBOT = re.compile(r"noreply|donotreply|^mailerdaemon$|^postmaster$")
_UNSEPARATED = str.maketrans("", "", "-_.")
CANCELLED_SUMMARIES = ("canceled:", "cancelled:")  # how Outlook marks a cancelled meeting
NOT_TAKING_PART = ("DECLINED", "DELEGATED")  # a delegating attendee hands the seat to another
NOTE_LENGTH = 200


@dataclass(frozen=True)
class Address:
    email: str  # lower-cased
    name: str = ""  # the display name, decoded


@dataclass(frozen=True)
class Message:
    """What sync needs from one message's headers (never its body)."""

    where: str
    key: str  # the Message-ID, or a digest of Date, From and Subject
    day: date | None = None  # the local day it was sent (Date, else the mbox or Maildir time)
    stamp: str = ""  # when it was sent, as sortable text: the first of a day gives the note
    senders: tuple[Address, ...] = ()
    recipients: tuple[Address, ...] = ()  # To, Cc and Bcc
    subject: str = ""
    auto_submitted: str | None = None
    precedence: str | None = None
    list_headers: bool = False  # List-Id or List-Unsubscribe
    labels: tuple[str, ...] = ()  # Gmail's X-Gmail-Labels
    unreadable: str | None = None  # why it cannot be read, if it cannot
    origin: int = 0  # which of the paths read together it came from


@dataclass(frozen=True)
class Attendee:
    email: str  # lower-cased
    name: str = ""
    partstat: str = ""  # upper-cased PARTSTAT
    person: bool = True  # false for rooms, resources and non-participants


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a calendar event (an event that does not recur has one)."""

    where: str
    key: str  # the UID and which occurrence
    day: date | None = None  # the local start date
    stamp: str = ""
    all_day: bool = False
    cancelled: bool = False
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()
    summary: str = ""
    unreadable: str | None = None
    origin: int = 0


@dataclass(frozen=True)
class Verdict:
    """What a message or occurrence gives: touches, or the reason it gives none.

    `strangers` are the people you wrote to (or invited) who are not contacts."""

    reason: str | None = None
    touches: tuple[tuple[int, str], ...] = ()  # (contact id, direction)
    strangers: tuple[Address, ...] = ()


@dataclass(frozen=True)
class Rules:
    """Who you are, who the contacts are, and the limits a sync applies."""

    me: frozenset[str]
    book: Mapping[str, tuple[int, ...]]  # an address → the contacts that have it
    max_recipients: int
    today: date
    since: date | None = None


def fingerprint(addresses: Iterable[str], me: Iterable[str], max_recipients: int) -> str:
    """A digest of what decides which messages give touches: the contacts' addresses,
    yours and the recipient cap. When it changes, a path is read again whole."""
    text = "\n".join(sorted(set(addresses))) + "|" + ",".join(sorted(set(me))) + "|" + str(
        max_recipients)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def is_robot(email: str) -> bool:
    local = email.rpartition("@")[0] or email
    return bool(_ROBOT.search(local.lower().translate(_UNSEPARATED)))


def is_automatic(message: Message) -> bool:
    """Mail sent by a program: auto-replies, bounces, lists, newsletters."""
    submitted = (message.auto_submitted or "").split(";")[0].strip().lower()
    if submitted and submitted != "no":
        return True
    if (message.precedence or "").strip().lower() in AUTOMATIC_PRECEDENCE:
        return True
    if message.list_headers:
        return True
    if any(is_robot(sender.email) for sender in message.senders):
        return True
    return message.subject.strip().lower().startswith(AUTOMATIC_SUBJECTS)


def _dated(day: date | None, rules: Rules) -> str | None:
    if day is None:
        return None
    if day > rules.today:
        return "future"
    if rules.since is not None and day < rules.since:
        return "before_since"
    return None


def judge_message(message: Message, rules: Rules) -> Verdict:
    """The touches a message gives, or why it gives none (MAIL_REASONS)."""
    if message.unreadable:
        return Verdict("unreadable")
    if message.day is None:
        return Verdict("no_date")
    reason = _dated(message.day, rules)
    if reason:
        return Verdict(reason)
    for label in message.labels:
        skipped = SKIPPED_LABELS.get(label.strip().lower())
        if skipped:
            return Verdict(skipped)
    if is_automatic(message):
        return Verdict("automatic")
    recipients = {a.email for a in message.recipients}
    if len(recipients) > rules.max_recipients:
        return Verdict("too_many_recipients")
    me, book = rules.me, rules.book
    touches: list[tuple[int, str]] = []
    strangers: list[Address] = []
    if any(sender.email in me for sender in message.senders):
        seen: set[str] = set()
        for recipient in message.recipients:
            if recipient.email in seen or recipient.email in me:
                continue
            seen.add(recipient.email)
            found = book.get(recipient.email)
            if found:
                touches.extend((cid, "out") for cid in found)
            else:
                strangers.append(recipient)
    else:
        for sender in message.senders:
            touches.extend((cid, "in") for cid in book.get(sender.email, ()))
    touches = list(dict.fromkeys(touches))
    if not touches:
        return Verdict("no_contact", strangers=tuple(strangers))
    return Verdict(None, tuple(touches), tuple(strangers))


def judge_occurrence(occurrence: Occurrence, rules: Rules) -> Verdict:
    """The touches a calendar occurrence gives, or why it gives none (CALENDAR_REASONS)."""
    if occurrence.unreadable:
        return Verdict("unreadable")
    reason = _dated(occurrence.day, rules)
    if reason:
        return Verdict(reason)
    if occurrence.cancelled or occurrence.summary.strip().lower().startswith(
            CANCELLED_SUMMARIES):
        return Verdict("cancelled")
    if occurrence.all_day:
        return Verdict("all_day")
    me, book = rules.me, rules.book
    organizer = occurrence.organizer
    if any(a.email in me and a.partstat in NOT_TAKING_PART for a in occurrence.attendees):
        return Verdict("declined")
    attendees = {a.email for a in occurrence.attendees if a.person}
    if organizer is not None:
        attendees.discard(organizer.email)
    if len(attendees) > rules.max_recipients:
        return Verdict("too_many_attendees")
    touches: list[tuple[int, str]] = []
    declined = False
    if organizer is not None and organizer.email not in me:
        touches.extend((cid, "in") for cid in book.get(organizer.email, ()))
    mine = organizer is not None and organizer.email in me
    strangers: list[Address] = []
    for attendee in occurrence.attendees:
        if attendee.email in me or (organizer is not None and attendee.email == organizer.email):
            continue
        found = book.get(attendee.email, ())
        if attendee.partstat in NOT_TAKING_PART:
            declined = declined or bool(found)
            continue
        if found:
            touches.extend((cid, "out") for cid in found)
        elif mine and attendee.person:
            strangers.append(Address(attendee.email, attendee.name))
    touches = list(dict.fromkeys(touches))
    if not touches:
        return Verdict("declined" if declined else "no_contact", strangers=tuple(strangers))
    return Verdict(None, tuple(touches), tuple(strangers))


# --- from items to touches ------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One message or occurrence on one contact, in one direction."""

    key: str
    contact_id: int
    day: date
    direction: str
    note: str
    stamp: str = ""


@dataclass
class NewTouch:
    contact_id: int
    day: date
    direction: str
    note: str
    keys: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """What a sync writes: new touches, and items joined to touches already there."""

    touches: list[NewTouch] = field(default_factory=list)
    joined: list[tuple[Item, int]] = field(default_factory=list)  # (item, existing touch id)
    known: list[Item] = field(default_factory=list)  # recorded by an earlier sync

    def item_keys_added(self) -> set[str]:
        return {key for touch in self.touches for key in touch.keys}


def note_of(text: str) -> str:
    """A subject or summary as a touch's note: one line, at most NOTE_LENGTH characters."""
    return " ".join(text.split())[:NOTE_LENGTH]


def plan(
    items: Iterable[Item],
    known: Iterable[tuple[str, int]],
    existing: Mapping[tuple[int, date, str], list[int]],
    *,
    per_day: bool,
) -> Plan:
    """The touches the items give.

    `known`: (key, contact) pairs an earlier sync recorded (their touch may have been
    removed since: it does not come back). `existing`: the touches already there that
    new items join instead of adding one, by (contact, day, direction).

    Mail (`per_day`): at most one touch per contact, day and direction, none where an
    email touch of that day and direction exists. Calendars: one touch per occurrence
    and contact; an existing calendar touch that no sync recorded (one restored from a
    backup) takes the occurrence instead of a new touch.
    """
    known_pairs = set(known)
    result = Plan()
    fresh: dict[tuple[int, date, str], list[Item]] = {}
    for item in items:
        pair = (item.key, item.contact_id)
        if pair in known_pairs:
            result.known.append(item)
            continue
        known_pairs.add(pair)
        fresh.setdefault((item.contact_id, item.day, item.direction), []).append(item)
    for group_key, group in sorted(fresh.items(), key=lambda kv: (kv[0][1], kv[0][0],
                                                                  kv[0][2])):
        group.sort(key=lambda item: item.stamp)  # stable: the first read wins a tie
        there = list(existing.get(group_key, ()))
        if per_day:
            if there:
                result.joined.extend((item, there[0]) for item in group)
                continue
            contact_id, day, direction = group_key
            result.touches.append(NewTouch(contact_id, day, direction, note_of(group[0].note),
                                           [item.key for item in group]))
            continue
        for item in group:
            if there:
                result.joined.append((item, there.pop(0)))
            else:
                result.touches.append(NewTouch(item.contact_id, item.day, item.direction,
                                               note_of(item.note), [item.key]))
    return result
