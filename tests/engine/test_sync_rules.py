"""The rules of sync over plain data: which message or occurrence gives which touches."""

from __future__ import annotations

from datetime import date

import pytest

from netcadence.engine.sync import (
    Address,
    Attendee,
    Item,
    Message,
    Occurrence,
    Rules,
    fingerprint,
    is_automatic,
    judge_message,
    judge_occurrence,
    plan,
)

TODAY = date(2026, 11, 23)
ME = frozenset({"me@home.example", "me@work.example"})
BOOK = {"bob@lee.example": (1,), "carla@diaz.example": (2,), "shared@x.example": (3, 4)}
RULES = Rules(ME, BOOK, 10, TODAY)


def message(**fields) -> Message:
    base = dict(where="test", key="k1", day=date(2026, 11, 2),
                senders=(Address("me@home.example", "Me"),),
                recipients=(Address("bob@lee.example", "Bob"),), subject="Lunch")
    base.update(fields)
    return Message(**base)


def test_mail_from_you_is_an_outbound_touch_on_every_contact_among_the_recipients():
    verdict = judge_message(message(recipients=(
        Address("bob@lee.example"), Address("carla@diaz.example"), Address("erin@x.example"),
        Address("me@work.example"), Address("bob@lee.example"))), RULES)
    assert verdict.reason is None
    assert verdict.touches == ((1, "out"), (2, "out"))
    assert verdict.strangers == (Address("erin@x.example"),)


def test_mail_from_a_contact_is_an_inbound_touch_on_that_contact_only():
    verdict = judge_message(message(senders=(Address("bob@lee.example"),), recipients=(
        Address("me@home.example"), Address("carla@diaz.example"))), RULES)
    assert verdict.touches == ((1, "in"),)
    assert verdict.strangers == ()


def test_an_address_shared_by_two_contacts_touches_both():
    verdict = judge_message(message(recipients=(Address("shared@x.example"),)), RULES)
    assert verdict.touches == ((3, "out"), (4, "out"))


@pytest.mark.parametrize(("fields", "reason"), [
    ({"unreadable": "no From"}, "unreadable"),
    ({"day": None}, "no_date"),
    ({"day": date(2026, 11, 24)}, "future"),
    ({"labels": ("Inbox", "Spam")}, "spam"),
    ({"labels": ("Opened", "Trash")}, "trash"),
    ({"labels": ("chat",)}, "chat"),
    ({"auto_submitted": "auto-replied; owner-email=x@y"}, "automatic"),
    ({"precedence": "Bulk"}, "automatic"),
    ({"precedence": "junk"}, "automatic"),
    ({"precedence": "list"}, "automatic"),
    ({"list_headers": True}, "automatic"),
    ({"senders": (Address("no-reply@shop.example"),)}, "automatic"),
    ({"senders": (Address("noreply@shop.example"),)}, "automatic"),
    ({"senders": (Address("DoNotReply@shop.example"),)}, "automatic"),
    ({"senders": (Address("mailer-daemon@mx.example"),)}, "automatic"),
    ({"senders": (Address("postmaster@mx.example"),)}, "automatic"),
    ({"subject": "Automatic reply: Lunch"}, "automatic"),
    ({"subject": "Auto reply: Lunch"}, "automatic"),
    ({"subject": "Out of Office: back Monday"}, "automatic"),
    ({"subject": "Undeliverable: Lunch"}, "automatic"),
    ({"recipients": tuple(Address(f"p{i}@x.example") for i in range(11))},
     "too_many_recipients"),
    ({"recipients": (Address("erin@x.example"),)}, "no_contact"),
    ({"senders": (Address("erin@x.example"),)}, "no_contact"),
])
def test_what_gives_no_touch(fields, reason):
    assert judge_message(message(**fields), RULES).reason == reason


def test_auto_submitted_no_and_a_person_named_post_are_people():
    assert not is_automatic(message(auto_submitted="no"))
    assert not is_automatic(message(senders=(Address("postmaster.general@x.example"),)))
    assert not is_automatic(message(subject="Re: automatic replies are annoying"))


def test_the_recipient_cap_counts_distinct_addresses():
    ten = tuple(Address(f"p{i}@x.example") for i in range(9)) + (Address("bob@lee.example"),)
    assert judge_message(message(recipients=ten + ten), RULES).touches == ((1, "out"),)


def test_since_leaves_out_what_is_older():
    rules = Rules(ME, BOOK, 10, TODAY, since=date(2026, 11, 3))
    assert judge_message(message(), rules).reason == "before_since"
    assert judge_message(message(day=date(2026, 11, 3)), rules).reason is None


# --- calendars ---------------------------------------------------------------------


def occurrence(**fields) -> Occurrence:
    base = dict(where="test", key="e1", day=date(2026, 11, 2),
                organizer=Attendee("me@home.example"),
                attendees=(Attendee("bob@lee.example", "Bob", "ACCEPTED"),
                           Attendee("me@home.example", "", "ACCEPTED")), summary="Sync")
    base.update(fields)
    return Occurrence(**base)


def test_an_event_you_organized_is_outbound_and_one_a_contact_organized_inbound():
    assert judge_occurrence(occurrence(), RULES).touches == ((1, "out"),)
    theirs = occurrence(organizer=Attendee("carla@diaz.example"), attendees=(
        Attendee("me@home.example"), Attendee("bob@lee.example")))
    assert judge_occurrence(theirs, RULES).touches == ((2, "in"), (1, "out"))


@pytest.mark.parametrize(("fields", "reason"), [
    ({"unreadable": "no DTSTART"}, "unreadable"),
    ({"day": date(2026, 11, 24)}, "future"),
    ({"cancelled": True}, "cancelled"),
    ({"summary": "Canceled: Sync"}, "cancelled"),
    ({"all_day": True}, "all_day"),
    ({"attendees": (Attendee("bob@lee.example", "", "DECLINED"),)}, "declined"),
    ({"attendees": (Attendee("bob@lee.example", "", "DELEGATED"),)}, "declined"),
    ({"attendees": (Attendee("bob@lee.example"), Attendee("me@work.example", "", "DECLINED"))},
     "declined"),
    ({"attendees": tuple(Attendee(f"p{i}@x.example") for i in range(10))
      + (Attendee("bob@lee.example"),)}, "too_many_attendees"),
    ({"attendees": (Attendee("erin@x.example"),)}, "no_contact"),
])
def test_what_gives_no_meeting(fields, reason):
    assert judge_occurrence(occurrence(**fields), RULES).reason == reason


def test_the_organizer_rooms_and_non_participants_are_not_counted_as_attendees():
    people = tuple(Attendee(f"p{i}@x.example") for i in range(9)) + (
        Attendee("bob@lee.example"), Attendee("me@home.example"),
        Attendee("room@x.example", person=False))
    assert judge_occurrence(occurrence(attendees=people), RULES).reason is None
    assert judge_occurrence(occurrence(attendees=people + (Attendee("p10@x.example"),)),
                            RULES).reason == "too_many_attendees"


def test_a_contact_who_declined_gets_no_touch_but_the_others_do():
    verdict = judge_occurrence(occurrence(attendees=(
        Attendee("bob@lee.example", "", "DECLINED"), Attendee("carla@diaz.example"))), RULES)
    assert verdict.touches == ((2, "out"),)


def test_only_people_you_invited_are_strangers():
    mine = occurrence(attendees=(Attendee("erin@x.example", "Erin"),
                                 Attendee("room@x.example", person=False)))
    assert judge_occurrence(mine, RULES).strangers == (Address("erin@x.example", "Erin"),)
    theirs = occurrence(organizer=Attendee("bob@lee.example"),
                        attendees=(Attendee("erin@x.example"),))
    assert judge_occurrence(theirs, RULES).strangers == ()


# --- from items to touches -------------------------------------------------------------


def item(key, contact=1, day=date(2026, 11, 2), direction="out", note="", stamp=""):
    return Item(key, contact, day, direction, note or key, stamp)


def test_mail_gives_one_touch_per_contact_day_and_direction_noted_by_the_first_message():
    result = plan([item("b", stamp="2026-11-02T15:00"), item("a", stamp="2026-11-02T09:00"),
                   item("c", direction="in"), item("d", day=date(2026, 11, 3))],
                  known=[], existing={}, per_day=True)
    assert [(t.day.day, t.direction, t.note, t.keys) for t in result.touches] == [
        (2, "in", "c", ["c"]), (2, "out", "a", ["a", "b"]), (3, "out", "d", ["d"])]


def test_mail_joins_an_email_touch_already_there_and_skips_what_was_recorded():
    existing = {(1, date(2026, 11, 2), "out"): [7]}
    result = plan([item("a"), item("b"), item("c", day=date(2026, 11, 3))],
                  known=[("c", 1)], existing=existing, per_day=True)
    assert result.touches == []
    assert [(i.key, touch) for i, touch in result.joined] == [("a", 7), ("b", 7)]
    assert [i.key for i in result.known] == ["c"]


def test_calendars_give_one_touch_per_occurrence_and_adopt_unclaimed_touches():
    existing = {(1, date(2026, 11, 2), "out"): [9]}
    result = plan([item("morning"), item("afternoon"), item("morning")], known=[],
                  existing=existing, per_day=False)
    assert [i.key for i, touch in result.joined] == ["morning"]
    assert [t.keys for t in result.touches] == [["afternoon"]]


def test_a_note_is_one_line_of_at_most_200_characters():
    result = plan([item("a", note="x\n" + "y" * 300)], [], {}, per_day=True)
    assert result.touches[0].note == "x " + "y" * 198


def test_the_fingerprint_changes_with_addresses_mine_and_the_cap():
    first = fingerprint(["b@x", "a@x"], ME, 10)
    assert first == fingerprint(["a@x", "b@x", "a@x"], ME, 10)
    assert len({first, fingerprint(["a@x"], ME, 10), fingerprint(["a@x", "b@x"], ME, 5),
                fingerprint(["a@x", "b@x"], {"me@home.example"}, 10)}) == 4
