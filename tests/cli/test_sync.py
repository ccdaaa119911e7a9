"""sync mail, sync calendar, sync status: SPEC §11 on real files and on small written ones."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import FIXTURES, dump_database

MAIL = FIXTURES / "mail"
CALENDARS = FIXTURES / "calendar"
OUTBOX = MAIL / "written" / "outbox.mbox"
MAILDIR = MAIL / "written" / "maildir"
MEETINGS = CALENDARS / "written" / "meetings.ics"
ME = ("--me", "me@home.example", "--me", "me@work.example")


@pytest.fixture(autouse=True)
def utc(zone):
    """Days in these tests are UTC days (the local day is tested in tests/io)."""


@pytest.fixture
def people(ok):
    ok("add", "Bob Lee", "--email", "bob@lee.example")
    ok("add", "Carla Diaz", "--email", "carla@diaz.example")
    ok("add", "Dan", "--email", "dan@dan.example")
    return ok


@pytest.fixture
def url(db_url, backend):
    return db_url if backend == "postgresql" else "sqlite:///" + db_url


def touches(ok, who):
    return [(t["date"], t["channel"], t["direction"], t["note"])
            for t in ok("show", who, "--json").json()["touches"]]


def sync(ok, kind, *args):
    return ok("sync", kind, *args, "--json").json()


def network_setting(db_url, key, value):
    from netcadence.store import settings
    from netcadence.store.db import locate, open_database

    db = open_database(locate(db_url))
    with db.write():
        settings.put(db, key, value)
    db.close()


# --- who you are -------------------------------------------------------------------------


def test_without_your_addresses_sync_says_how_to_set_them(people, nc, url):
    before = dump_database(url)
    for kind, path in (("mail", OUTBOX), ("calendar", MEETINGS)):
        result = nc("sync", kind, path)
        assert result.code == 1 and result.out == ""
        assert "config set me" in result.err and "--me" in result.err
        assert result.err.count("\n") == 1
    assert dump_database(url) == before


@pytest.mark.parametrize(("args", "expected"), [
    (("mail", OUTBOX), "config set me"),
    (("calendar", MEETINGS), "config set me"),
    (("mail", OUTBOX, "--me", "nobody"), "not an email address"),
    (("mail", OUTBOX, *ME, "--since", "2026-02-30"), "not a date on the calendar"),
    (("mail", OUTBOX, *ME, "--tag", "x"), "go with --new"),
    (("mail", MEETINGS, *ME), "is not mail"),
    (("calendar", OUTBOX, *ME), "is not a calendar"),
])
def test_a_refused_sync_creates_no_database(nc, tmp_path, args, expected):
    missing = tmp_path / "new" / "netcadence.db"
    result = nc("--db", missing, "sync", *args)
    assert result.code == 1 and result.out == "" and expected in result.err
    assert not missing.exists() and not missing.parent.exists()
    assert "Traceback" not in result.err


def test_your_addresses_from_the_personal_setting(people, tmp_path):
    (tmp_path / "config.toml").write_text('me = "Me@Home.example, me@work.example"\n')
    assert sync(people, "mail", OUTBOX)["added"] == 6
    # RFC 2047 names and capitals: "=?utf-8?q?Me_at_work?= <ME@Work.Example>" is you.
    assert ("2026-11-10", "email", "out", "Résumé") in touches(people, "bob")


def test_me_must_be_an_address(people, nc):
    result = nc("sync", "mail", OUTBOX, "--me", "not-an-address")
    assert result.code == 1 and "'not-an-address' is not an email address" in result.err


# --- mail → touches ----------------------------------------------------------------------


def test_mail_from_you_and_from_contacts(people):
    summary = sync(people, "mail", OUTBOX, MAILDIR, *ME)
    assert summary == {
        "read": 14, "added": 8, "contacts": 3, "known": 1,
        "skipped": {"unreadable": 0, "no_date": 0, "future": 1, "before_since": 0, "spam": 0,
                    "trash": 0, "chat": 1, "automatic": 1, "too_many_recipients": 1,
                    "no_contact": 1},
        "not_contacts": 2, "dry_run": False, "new_contacts": []}
    assert touches(people, "bob") == [
        ("2026-11-10", "email", "out", "Résumé"),
        ("2026-11-09", "email", "out", "The notes from Thursday"),  # dated by its From line
        ("2026-11-03", "email", "in", "Re: Lunch next week?"),  # in the mbox and the Maildir
        ("2026-11-02", "email", "out", "Lunch next week?"),  # two that day: one touch
    ]
    assert touches(people, "carla") == [
        ("2026-11-11", "email", "in", "Thanks for the intro"),  # dated by its Maildir name
        ("2026-11-04", "email", "out", "Meet Dan"),
    ]
    assert touches(people, "dan") == [
        ("2026-11-12", "email", "out", "Follow up"),  # the Maildir++ .Sent folder
        ("2026-11-04", "email", "out", "Meet Dan"),  # Bcc
    ]


def test_the_text_summary_and_verbose(people):
    out = people("sync", "mail", OUTBOX, *ME, "--verbose").out
    lines = out.splitlines()
    assert lines[0] == ("Read 11 messages; added 6 touches on 3 contacts; skipped 5 (1 dated "
                        "after today, 1 labelled Chat, 1 automatic, 1 with too many recipients, "
                        "1 without a contact)")
    assert lines[1] == ("2 people you wrote to are not contacts: --new adds them, "
                        "--dry-run --new lists them")
    assert f"  skipped {OUTBOX} (message at byte 939): with too many recipients " \
           '("Party on Saturday")' in lines
    assert any("automatic (\"Automatic reply: Party on Saturday\")" in line for line in lines)


def test_show_marks_synced_touches(people):
    people("log", "bob", "-c", "coffee", "--when", "2026-11-20")
    sync(people, "mail", OUTBOX, *ME)
    data = people("show", "bob", "--json").json()
    assert [t["source"] for t in data["touches"]] == [None, "mail", "mail", "mail", "mail"]
    text = people("show", "bob").out
    assert "email (synced)" in text and "coffee (synced)" not in text


def test_an_email_touch_logged_by_hand_counts(people):
    people("log", "bob", "-c", "email", "--when", "2026-11-02", "--note", "by hand")
    people("log", "bob", "-c", "call", "--when", "2026-11-03", "--in")
    summary = sync(people, "mail", OUTBOX, *ME)
    assert summary["added"] == 5 and summary["known"] == 2
    assert touches(people, "bob") == [
        ("2026-11-10", "email", "out", "Résumé"),
        ("2026-11-09", "email", "out", "The notes from Thursday"),
        ("2026-11-03", "email", "in", "Re: Lunch next week?"),
        ("2026-11-03", "call", "in", ""),
        ("2026-11-02", "email", "out", "by hand"),
    ]


# --- not touches, each shown by a file that has it ---------------------------------------


@pytest.mark.parametrize(("file", "contact", "me", "reason"), [
    ("eml/mail-raw_email_bad_time.eml", "yusuf75thu@auracom.net", "abcdefg@aaaaaaaaa.net",
     "future"),  # year 3609
    ("eml/sisimai-dos-rfc3834-01.eml", "kijitora@example.net", "neko@libsisimai.org",
     "automatic"),  # Auto-Submitted, CRLF
    ("eml/sisimai-mac-rfc3834-01.eml", "kijitora@example.net", "neko@libsisimai.org",
     "automatic"),  # Auto-Submitted, bare CR line endings
    ("eml/sisimai-rfc3834-02-exchange-ooo.eml", "nekonyaan@example.org",
     "kijitora@example.com", "automatic"),  # "Automatic reply:"
    ("eml/sisimai-rfc3834-03-apple-autoreply.eml", "kijitora@apple.example.com",
     "neko@libsisimai.org", "automatic"),  # "Auto reply:"
    ("eml/sisimai-rfc3834-06-noreply.eml", "noreply@example.com", "nekochan@ef.example.org",
     "automatic"),  # noreply sender, Precedence: bulk
    ("eml/mail-multi_address_bounce1.eml", "mailer-daemon@lvmail01.ll.com",
     "rahul.chaudhari@ll.com", "automatic"),  # MAILER-DAEMON
    ("eml/mimekit-gnupg-announce.eml", "wk@gnupg.org", "fejj@gnome.org",
     "automatic"),  # List-Id, List-Unsubscribe, Precedence: list
    ("eml/mail-rfc6532-utf8_headers.eml", "jdöe@mächine.example", "märy@exämple.net",
     "no_date"),  # a loose message without Date
    ("eml/mail-raw_email_with_bad_date.eml", "subventive@vodtravel.com",
     "sydney@xxxxxxxx.xxx", "no_date"),  # 'Pn, 29 paX 2007'
    ("eml/mail-bad_date_header2.eml", "enews@free-quilting.com", "someone@live.com",
     "no_date"),  # hour 59
    ("eml/mail-rfc2822-example03.eml", "nobody@else.example", "john.q.public@example.com",
     "no_contact"),
])
def test_messages_that_are_not_touches(ok, file, contact, me, reason):
    ok("add", "Someone", "--email", contact)
    summary = sync(ok, "mail", MAIL / file, "--me", me)
    assert summary["read"] == 1 and summary["added"] == 0
    assert summary["skipped"][reason] == 1, summary["skipped"]


def test_spam_and_trash_in_a_takeout_mbox(ok):
    ok("add", "Bob", "--email", "bob@example.org")
    summary = sync(ok, "mail", MAIL / "mbox" / "mboxmd-labels-gmail-takeout-style.mbox",
                   "--me", "alice@example.com")
    assert summary["skipped"]["spam"] == 1 and summary["skipped"]["trash"] == 1
    assert summary["read"] == 10 and summary["added"] == 1
    assert summary["known"] == 1  # a copy (the others of that day joined the one touch)


def test_too_many_recipients_follows_the_setting(ok, db_url):
    ok("add", "Leads", "--email", "leads@sg.dc.com")
    path = MAIL / "eml" / "mail-new_line_in_to_header.eml"  # six recipients
    assert sync(ok, "mail", path, "--me", "l@gcn-example.com", "--dry-run")["added"] == 1
    network_setting(db_url, "sync_max_recipients", "5")
    summary = sync(ok, "mail", path, "--me", "l@gcn-example.com")
    assert summary["skipped"]["too_many_recipients"] == 1 and summary["added"] == 0


@pytest.mark.parametrize(("file", "contact", "me", "expected"), [
    # A group with comments, a Date folded over six lines in -0330.
    ("eml/mail-rfc2822-example10.eml", "jdoe@one.test", "pete@silly.test",
     ("1969-02-14", "email", "out", "")),
    # A bare address as the display name: the sender is the address in <>.
    ("eml/mailparser-mail_test_19.eml", "bob@example.com", "me@nowhere.example",
     ("2024-01-01", "email", "in", "Test email with email address as display name")),
    # ISO-8859-1 and B-encoded names; a name with a comma in it.
    ("eml/mailparser-mail_test_18.eml", "john.doe@example.com", "comma.name@example.com",
     ("2025-11-03", "email", "out", "Test for Comma and Name Bugs")),
    # Two addresses in From.
    ("eml/mail-raw_email_with_at_display_name.eml", "jack@lindsar.com", "nobody@x.example",
     ("2008-11-22", "email", "in", "Testing 123")),
    # A Maildir of real deliveries (cur/ with a URL-encoded flag suffix, and new/).
    ("maildir/staktrace-maildir", "example@example.com", "test.foobar@example.com",
     ("2016-05-22", "email", "in", "test")),
])
def test_real_messages_that_are_touches(ok, file, contact, me, expected):
    ok("add", "Someone", "--email", contact)
    sync(ok, "mail", MAIL / file, "--me", me)
    assert touches(ok, "someone")[0] == expected


def test_unreadable_messages_are_counted_and_named(ok, tmp_path):
    box = tmp_path / "Mail"
    shutil.copytree(MAILDIR, box)
    (box / "new" / "1794000000.bad.host").write_bytes(b"From: <<<>>>\nTo: x@y.example\n\nbody\n")
    (box / "new" / "1794000001.empty.host").write_bytes(b"\n\nonly a body\n")
    ok("add", "Carla", "--email", "carla@diaz.example")
    result = ok("sync", "mail", box, *ME, "--verbose")
    assert "(2 unreadable, " in result.out.splitlines()[0]
    assert f"  skipped {box / 'new' / '1794000000.bad.host'}: unreadable" in result.out


# --- the same thing twice adds nothing ---------------------------------------------------


def test_a_second_sync_adds_nothing(people):
    first = sync(people, "mail", OUTBOX, MAILDIR, *ME)
    second = sync(people, "mail", OUTBOX, MAILDIR, *ME)
    assert first["added"] == 8
    assert second["added"] == 0 and second["read"] == 0  # nothing new was read


def test_a_path_given_twice_is_read_once(people):
    summary = sync(people, "mail", OUTBOX, str(OUTBOX.parent / "." / OUTBOX.name), *ME)
    assert summary["read"] == 11 and summary["added"] == 6
    assert len(people("sync", "status", "--json").json()) == 1


def test_a_message_in_an_mbox_and_a_maildir_is_one_touch(people):
    assert sync(people, "mail", MAILDIR, *ME)["added"] == 3
    summary = sync(people, "mail", OUTBOX, *ME)
    assert summary["added"] == 5 and summary["known"] == 1
    assert [t for t in touches(people, "bob") if t[2] == "in"] == [
        ("2026-11-03", "email", "in", "Re: Lunch next week?")]


def test_a_removed_synced_touch_does_not_come_back(people):
    sync(people, "mail", OUTBOX, *ME)
    first = people("show", "bob", "--json").json()["touches"][0]
    people("touch", "rm", str(first["id"]), "--yes")
    people("add", "Erin Stone", "--email", "erin@stone.example")  # the next sync reads all
    summary = sync(people, "mail", OUTBOX, *ME)
    assert summary["read"] == 11 and summary["added"] == 1  # Erin's, and not Bob's again
    assert ("2026-11-10", "email", "out", "Résumé") not in touches(people, "bob")
    assert touches(people, "erin") == [("2026-11-08", "email", "out", "Hello")]


def test_a_maildir_synced_again_reads_only_new_files(people, tmp_path):
    box = tmp_path / "Mail"
    shutil.copytree(MAILDIR, box)
    assert sync(people, "mail", box, *ME)["read"] == 3
    assert sync(people, "mail", box, *ME)["read"] == 0
    (box / "cur" / "1794600000.N.host:2,S").write_bytes(
        b"From: Dan <dan@dan.example>\nTo: me@home.example\nSubject: Re: Follow up\n"
        b"Date: Fri, 13 Nov 2026 09:00:00 +0000\nMessage-ID: <m14@dan.example>\n\nYes.\n")
    summary = sync(people, "mail", box, *ME)
    assert (summary["read"], summary["added"]) == (1, 1)
    status = people("sync", "status", "--json").json()
    assert status == [{"path": str(box.resolve()), "kind": "mail", "format": "maildir",
                       "last_run": "2026-11-23", "seen": 4, "added": 4}]


def test_an_mbox_that_grew_is_read_from_where_it_ended(people, tmp_path):
    box = tmp_path / "sent.mbox"
    shutil.copy(OUTBOX, box)
    assert sync(people, "mail", box, *ME)["read"] == 11
    with box.open("ab") as out:
        out.write(b"From me@home.example Fri Nov 13 10:00:00 2026\nFrom: me@home.example\n"
                  b"To: carla@diaz.example\nSubject: Next steps\n"
                  b"Date: Fri, 13 Nov 2026 10:00:00 +0000\nMessage-ID: <m15@home.example>\n\n"
                  b"body\n\n")
    summary = sync(people, "mail", box, *ME)
    assert (summary["read"], summary["added"]) == (1, 1)
    assert people("sync", "status", "--json").json()[0]["seen"] == 12


def test_a_new_address_reads_everything_again(people, tmp_path):
    box = tmp_path / "sent.mbox"
    shutil.copy(OUTBOX, box)
    sync(people, "mail", box, *ME)
    people("edit", "dan", "--email", "frank@f.example")
    summary = sync(people, "mail", box, *ME)
    assert summary["read"] == 11 and summary["added"] == 1  # 8 Nov, to Frank (now Dan)


def test_since_reads_only_the_recent_part(people):
    summary = sync(people, "mail", OUTBOX, *ME, "--since", "2026-11-04")
    assert summary["skipped"]["before_since"] == 3 and summary["added"] == 4
    # A later sync that asks for more reads the path again.
    summary = sync(people, "mail", OUTBOX, *ME)
    assert summary["read"] == 11 and summary["added"] == 2
    assert sync(people, "mail", OUTBOX, *ME, "--since", "3w")["read"] == 0


def test_since_must_not_be_after_today(people, nc):
    result = nc("sync", "mail", OUTBOX, *ME, "--since", "tomorrow")
    assert result.code == 1 and "after today" in result.err


# --- dry run and new contacts ------------------------------------------------------------


def test_dry_run_writes_nothing_and_says_what_it_would_log(people, url):
    before = dump_database(url)
    out = people("sync", "mail", OUTBOX, *ME, "--dry-run").out
    assert dump_database(url) == before
    assert out.splitlines()[0].startswith("Dry run (nothing written): read 11 messages; would "
                                          "add 6 touches on 3 contacts")
    assert ('  Bob Lee (bob-lee): 2026-11-02 out "Lunch next week?"; 2026-11-03 in "Re: Lunch '
            'next week?"; 2026-11-09 out "The notes from Thursday"; 2026-11-10 out "Résumé"'
            ) in out.splitlines()
    data = sync(people, "mail", OUTBOX, *ME, "--dry-run")
    assert data["dry_run"] and len(data["touches"]) == 6
    assert data["people_not_contacts"] == [{"email": "erin@stone.example", "name": "Erin Stone"},
                                           {"email": "frank@f.example", "name": None}]


def test_new_adds_the_people_you_wrote_to(people, tmp_path):
    people("cadence", "define", "new-contact", "--step", "1w:email", "--every", "3m")
    inbound = tmp_path / "from-stranger.eml"
    inbound.write_bytes(b"From: Gina <gina@park.example>\nTo: me@home.example\n"
                        b"Subject: Hello\nDate: Mon, 16 Nov 2026 10:00:00 +0000\n\nHi\n")
    dry = people("sync", "mail", OUTBOX, inbound, *ME, "--new", "--dry-run").out
    assert ("Would add 2 new contacts: Erin Stone (erin-stone, erin@stone.example), "
            "frank@f.example (frank-f-example, frank@f.example)") in dry
    summary = sync(people, "mail", OUTBOX, inbound, *ME, "--new", "--tag", "Met online",
                   "--cadence", "new-contact")
    assert [p["slug"] for p in summary["new_contacts"]] == ["erin-stone", "frank-f-example"]
    assert summary["not_contacts"] == 0 and summary["added"] == 8
    erin = people("show", "erin-stone", "--json").json()
    assert erin["emails"] == ["erin@stone.example"] and erin["tags"] == ["met online"]
    assert erin["cadence"] == "new-contact"
    assert [t["date"] for t in erin["touches"]] == ["2026-11-08"]
    assert people("list", "--json").json().__len__() == 5  # Gina only wrote to you


def test_tag_and_cadence_go_with_new(people, nc, url):
    before = dump_database(url)
    result = nc("sync", "mail", OUTBOX, *ME, "--tag", "x")
    assert result.code == 1 and "--tag and --cadence go with --new" in result.err
    result = nc("sync", "mail", OUTBOX, *ME, "--new", "--cadence", "montly")
    assert result.code == 1 and "did you mean 'monthly'" in result.err
    assert dump_database(url) == before


# --- effects: synced touches are touches ---------------------------------------------------


def test_synced_mail_completes_steps_and_ends_a_series_on_reply(people):
    people("cadence", "define", "follow", "--step", "1d:email:thanks", "--step", "1w:email",
           "--every", "3m", "--stop-on-reply")
    people("cadence", "set", "bob", "follow", "--from", "2026-11-01")
    assert people("show", "bob", "--json").json()["step"] == "1/2"
    sync(people, "mail", OUTBOX, *ME)
    bob = people("show", "bob", "--json").json()
    # 2 Nov completed step 1; Bob's reply on 3 Nov ended the series: 3m from his reply's
    # day... and later touches (9 and 10 Nov) move the perpetual due date on.
    assert bob["step"] is None and bob["next_due"] == "2027-02-10"


def test_unanswered_synced_mail_counts_toward_give_up_after(people):
    people("cadence", "define", "chase", "--step", "1d:email", "--step", "1d:email",
           "--step", "1d:email", "--give-up-after", "2")
    people("cadence", "set", "dan", "chase", "--from", "2026-11-01")
    sync(people, "mail", OUTBOX, MAILDIR, *ME)
    assert people("show", "dan", "--json").json()["status"] == "unresponsive"


def test_synced_touches_count_toward_goals(people):
    people("goal", "add", "emails", "--count", "2", "--per", "month", "--channel", "email")
    sync(people, "mail", OUTBOX, *ME)
    goal = people("goal", "list", "--json").json()[0]
    assert goal["done"] == 3 and goal["met"]  # Bob, Carla and Dan in November


# --- calendars ------------------------------------------------------------------------------


def test_meetings_from_a_calendar(people):
    summary = sync(people, "calendar", CALENDARS / "written", *ME)
    assert summary["skipped"] == {"unreadable": 0, "future": 1, "before_since": 0,
                                  "cancelled": 2, "all_day": 1, "declined": 2,
                                  "too_many_attendees": 1, "no_contact": 1}
    assert (summary["read"], summary["added"], summary["contacts"]) == (20, 13, 3)
    assert summary["not_contacts"] == 1  # Gina, whom you invited
    assert [t for t in touches(people, "bob") if t[0] <= "2026-10-31"] == [
        ("2026-10-27", "meeting", "out", "Weekly sync (moved to Tuesday)"),
        ("2026-10-25", "meeting", "out", "Late call with Bob"),
        ("2026-10-12", "meeting", "out", "Weekly sync"),  # 19 Oct is an EXDATE
        ("2026-10-05", "meeting", "out", "Weekly sync"),
    ]
    on_the_10th = [t for t in touches(people, "bob") if t[0] == "2026-11-10"]
    assert on_the_10th == [("2026-11-10", "meeting", "out", "Afternoon with Bob"),
                           ("2026-11-10", "meeting", "out", "Morning with Bob")]
    assert touches(people, "carla") == [("2026-11-04", "meeting", "in", "Call about the project")]
    assert touches(people, "dan") == [("2026-11-04", "meeting", "out", "Call about the project")]


def test_a_calendar_synced_twice_or_in_two_places_adds_nothing(people, tmp_path):
    for name in ("work", "home"):
        (tmp_path / name).mkdir()
        shutil.copy(MEETINGS, tmp_path / name / "meetings.ics")
    assert sync(people, "calendar", tmp_path / "work", *ME)["added"] == 10
    again = sync(people, "calendar", tmp_path / "home", MEETINGS, *ME)
    assert again["added"] == 0 and again["known"] == 9 and again["read"] == 17


def test_a_removed_meeting_does_not_come_back(people):
    sync(people, "calendar", MEETINGS, *ME)
    newest = people("show", "bob", "--json").json()["touches"][0]
    people("touch", "rm", str(newest["id"]), "--yes")
    assert sync(people, "calendar", MEETINGS, *ME)["added"] == 0


@pytest.mark.parametrize(("file", "contact", "me", "reason", "count"), [
    ("khal-event_dt_partstat.ics", "another@example.com", "me@home.example", "declined", 1),
    ("khal-event_dt_partstat.ics", "iamboss@example.com", "me@home.example", "declined", 1),
    ("ical4j-incoming-itip-sequence.ics", "c@example.com", "a@example.com", "cancelled", 1),
    ("khal-event_rrule_recuid_cancelled.ics", "x@example.com", "me@home.example",
     "cancelled", 1),
    ("icalendar-property_params-blackberry.ics", "rembrand@xs4all.nl", "rembrand@daxlab.com",
     "all_day", 1),
    ("ical4j-apple-osx-export.ics", "nobody@example.com", "me@home.example", "all_day", 12),
])
def test_events_that_are_not_touches(ok, file, contact, me, reason, count):
    ok("add", "Someone", "--email", contact)
    summary = sync(ok, "calendar", CALENDARS / file, "--me", me)
    assert summary["skipped"][reason] == count, summary["skipped"]


def test_real_invitations_and_exports(ok):
    ok("add", "Jane", "--email", "jdoe@example.com")
    ok("add", "Sam", "--email", "sam@company.com")
    ok("add", "Sabin", "--email", "sabin.stoica@1and1.ro")
    ok("add", "Meher", "--email", "meher.tendjoukian@verdisoft.com")
    sync(ok, "calendar", CALENDARS, "--me", "cristian.moldoveanu@1and1.ro")
    assert touches(ok, "jane") == [("2014-04-09", "meeting", "out", "An Event")]
    assert touches(ok, "sam") == [("2015-08-26", "meeting", "out", "")]  # an empty TZID
    assert touches(ok, "meher") == [("2004-10-12", "meeting", "in", "Now with descriptoin")]
    sabin = touches(ok, "sabin")
    assert len(sabin) == 8 and {t[2] for t in sabin} == {"in"}  # he organized them
    assert not any(t[3].startswith("Canceled:") for t in sabin)


# --- status and bad input -----------------------------------------------------------------


def test_status_lists_each_path(people):
    assert people("sync", "status", "--json").json() == []
    assert "Nothing synced yet" in people("sync", "status").out
    sync(people, "mail", OUTBOX, *ME)
    sync(people, "calendar", MEETINGS, *ME)
    rows = people("sync", "status", "--json").json()
    assert rows == [
        {"path": str(MEETINGS), "kind": "calendar", "format": "calendar",
         "last_run": "2026-11-23", "seen": 17, "added": 10},
        {"path": str(OUTBOX), "kind": "mail", "format": "mbox", "last_run": "2026-11-23",
         "seen": 11, "added": 6},
    ]
    assert "outbox.mbox" in people("sync", "status").out


@pytest.mark.parametrize(("kind", "make", "expected"), [
    ("mail", lambda p: p / "nowhere", "there is no such file or folder"),
    ("mail", lambda p: (p / "empty").mkdir() or p / "empty", "no mail in this folder"),
    ("mail", lambda p: (p / "x.bin").write_bytes(b"\x00\xff" * 40) and p / "x.bin",
     "is not mail"),
    ("mail", lambda p: MEETINGS, "it is a calendar: use 'netcadence sync calendar'"),
    ("calendar", lambda p: OUTBOX, "it is mail: use 'netcadence sync mail'"),
    ("calendar", lambda p: MAIL / "eml", "no calendar in this folder"),
])
def test_bad_paths_are_refused_and_nothing_is_written(people, nc, url, tmp_path, kind, make,
                                                      expected):
    bad = make(tmp_path)
    before = dump_database(url)
    good = OUTBOX if kind == "mail" else MEETINGS
    result = nc("sync", kind, good, bad, *ME)
    assert result.code == 1 and result.out == ""
    assert expected in result.err and str(bad) in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert dump_database(url) == before


def test_an_interrupted_sync_writes_nothing(people, nc, url, monkeypatch):
    from netcadence.io import mail

    before = dump_database(url)
    real = mail.message_from
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(mail, "message_from", interrupted)
    result = nc("sync", "mail", MAILDIR, OUTBOX, *ME)
    assert result.code == 130 and len(calls) == 5
    assert dump_database(url) == before


# --- backups ------------------------------------------------------------------------------


def test_export_and_import_keep_the_source_and_a_resync_adds_nothing(people, nc, tmp_path,
                                                                     monkeypatch):
    sync(people, "mail", OUTBOX, *ME)
    sync(people, "calendar", MEETINGS, *ME)
    exported = people("export", "json").out
    assert '"source": "mail"' in exported and '"source": "calendar"' in exported
    backup = tmp_path / "backup.json"
    backup.write_text(exported)
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "restored.db"))
    people("import", "json", backup)
    assert people("export", "json").out == exported
    assert sync(people, "mail", OUTBOX, *ME)["added"] == 0
    assert sync(people, "calendar", MEETINGS, *ME)["added"] == 0
    assert people("export", "json").out == exported
