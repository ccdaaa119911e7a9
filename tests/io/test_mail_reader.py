"""Reading mail for sync: sources told apart by content, headers of real messages, mbox
scanning, dates in the local time zone, and what a later read skips."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from netcadence.engine.sync import Address
from netcadence.errors import InputError
from netcadence.io import mail
from tests.helpers import FIXTURES

MAIL = FIXTURES / "mail"
WRITTEN = MAIL / "written"
EVERY_FILE = sorted(p for p in MAIL.rglob("*") if p.is_file() and p.name != ".keep")


def read(path, state=None, seen=frozenset(), full=True) -> tuple[list, mail.MailReading]:
    reading = mail.MailReading(mail.open_source(str(path)), state or {}, set(seen), full)
    return list(reading.messages()), reading


def one(path):
    messages, _ = read(path)
    assert len(messages) == 1
    return messages[0]


@pytest.mark.parametrize("path", EVERY_FILE, ids=[p.name for p in EVERY_FILE])
def test_every_real_file_reads_without_a_traceback(zone, path):
    messages, _ = read(path)
    assert messages
    for message in messages:
        assert message.key and message.where


def test_sources_are_told_apart_by_content_not_by_name(tmp_path):
    copy = tmp_path / "inbox.ics"
    shutil.copy(MAIL / "mbox" / "mboxmd-labels-gmail-takeout-style.mbox", copy)
    assert mail.open_source(str(copy)).kind == "mbox"
    note = tmp_path / "notes.txt"
    shutil.copy(MAIL / "eml" / "mail-rfc2822-example03.eml", note)
    assert mail.open_source(str(note)).kind == "eml"
    # An .eml that begins with an mbox `From ` line is an mbox of one message.
    assert mail.open_source(str(MAIL / "eml" / "mail-raw_email_string_in_date_field.eml")
                            ).kind == "mbox"
    assert mail.open_source(str(MAIL / "maildir" / "staktrace-maildir")).kind == "maildir"
    assert mail.open_source(str(MAIL / "eml")).kind == "folder"


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "is not mail"),
    (b"\x00\x01\x02PNG binary", "is not mail"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "it is a calendar: use 'netcadence sync calendar'"),
    (b"BEGIN:VCARD\nFN:Ana\nEND:VCARD\n", "import vcard"),
    (b"just some notes\nnothing more\n", "is not mail"),
])
def test_what_is_not_mail_is_refused_naming_the_path(tmp_path, content, expected):
    path = tmp_path / "thing.eml"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        mail.open_source(str(path))
    assert str(path) in str(error.value) and expected in str(error.value)


def test_a_missing_path_and_a_folder_without_mail(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        mail.open_source(str(tmp_path / "nowhere"))
    (tmp_path / "notes.txt").write_text("hello\n")
    with pytest.raises(InputError, match="no mail in this folder"):
        mail.open_source(str(tmp_path))


# --- headers of real messages ------------------------------------------------------------


def test_encoded_names_decoded_and_addresses_lower_cased(zone):
    message = one(MAIL / "eml" / "mailparser-mail_test_18.eml")
    assert message.senders == (Address("comma.name@example.com", "LastßlName, FirstName"),)
    assert Address("john.doe@example.com", 'John "Johnny" Doe') in message.recipients
    assert one(MAIL / "eml" / "mail-header_fields_with_empty_values.eml").senders[0].name == (
        "Jørn Støylen")
    assert one(MAIL / "eml" / "mailparser-mail_test_12.eml").subject == "代开各地增值税发票"


def test_a_bare_address_as_display_name_is_a_name(zone):
    message = one(MAIL / "eml" / "mailparser-mail_test_19.eml")
    assert [a.email for a in message.senders] == ["bob@example.com"]
    assert Address("frank@example.com", "eve@example.com") in message.recipients


def test_groups_comments_and_empty_entries(zone):
    message = one(MAIL / "eml" / "mail-rfc2822-example10.eml")
    assert [a.email for a in message.recipients] == [
        "c@public.example", "joe@example.org", "jdoe@one.test"]
    weird = one(MAIL / "eml" / "mail-weird_to_header.eml")
    assert [a.email for a in weird.recipients] == ["user-example@aol.com",
                                                    "e-s-a-s-2200@app.ar.com"]
    folded = one(MAIL / "eml" / "mail-new_line_in_to_header.eml")
    assert len(folded.recipients) == 6


def test_raw_utf8_headers(zone):
    message = one(MAIL / "eml" / "mail-rfc6532-utf8_headers.eml")
    assert message.senders == (Address("jdöe@mächine.example", "Jöhn Doe"),)
    assert message.day is None  # no Date, and a loose message has no other


@pytest.mark.parametrize("name", ["sisimai-dos-rfc3834-01.eml", "sisimai-mac-rfc3834-01.eml"])
def test_crlf_and_bare_cr_line_endings(zone, name):
    message = one(MAIL / "eml" / name)
    assert message.subject == "Away until May 5"
    assert message.auto_submitted == "auto-replied"
    assert message.day == date(2005, 4, 29)


def test_dates_folded_broken_or_far_away(zone):
    assert one(MAIL / "eml" / "mail-rfc2822-example10.eml").day == date(1969, 2, 14)
    assert one(MAIL / "eml" / "mail-raw_email_bad_time.eml").day == date(3609, 6, 30)
    for name in ("mail-raw_email_with_bad_date.eml", "mail-bad_date_header2.eml"):
        assert one(MAIL / "eml" / name).day is None
    # A time-zone name written as mojibake in a comment does not matter.
    assert one(MAIL / "eml" / "mail-raw_email_string_in_date_field.eml").day == date(2008, 9, 20)


def test_the_day_is_the_local_day(zone):
    path = MAIL / "mbox" / "mboxmd-labels-gmail-takeout-style.mbox"  # 09:30 to 15:30 UTC
    zone("Pacific/Kiritimati")  # UTC+14
    assert {m.day for m in read(path)[0]} == {date(2024, 1, 15), date(2024, 1, 16)}
    zone("Pacific/Pago_Pago")  # UTC-11
    assert {m.day for m in read(path)[0]} == {date(2024, 1, 14), date(2024, 1, 15)}


def test_without_a_date_the_mbox_from_line_or_the_maildir_name_dates_a_message(zone):
    by_subject = {m.subject: m for m in read(WRITTEN / "outbox.mbox")[0]}
    assert by_subject["The notes from Thursday"].day == date(2026, 11, 9)
    maildir = {m.subject: m for m in read(WRITTEN / "maildir")[0]}
    assert maildir["Thanks for the intro"].day == date(2026, 11, 11)  # 1794388500


def test_labels_lists_and_automatic_headers(zone):
    takeout = read(MAIL / "mbox" / "mboxmd-labels-gmail-takeout-style.mbox")[0]
    assert [m.labels for m in takeout][:4] == [
        ("Inbox", "Important", "Opened"), ("Spam",), ("Opened", "Trash"),
        ("Inbox", "Category Updates", "Opened")]
    assert takeout[6].key == takeout[7].key  # the same Message-ID twice
    assert takeout[8].key != takeout[9].key  # no Message-ID: Date, From and Subject differ
    announce = one(MAIL / "eml" / "mimekit-gnupg-announce.eml")
    assert announce.list_headers and announce.precedence == "list"


# --- mbox scanning --------------------------------------------------------------------


def test_unescaped_from_lines_in_bodies_do_not_split_messages(zone):
    messages = read(MAIL / "mbox" / "mimekit-unmunged.mbox")[0]
    assert [m.subject for m in messages] == [
        "This is a test message with an unmunged From line",
        "Another test message with an unmunged From line"]


def test_mbox_read_across_chunk_boundaries_gives_the_same_messages(zone, monkeypatch):
    path = MAIL / "mbox" / "mboxmd-labels-gmail-takeout-style.mbox"
    whole = read(path)[0]
    for size in (7, 64, 101):
        monkeypatch.setattr(mail, "CHUNK", size)
        assert read(path)[0] == whole


def test_a_truncated_mbox_gives_what_it_holds(tmp_path, zone):
    data = (MAIL / "mbox" / "mboxmd-labels-gmail-takeout-style.mbox").read_bytes()
    cut = tmp_path / "cut.mbox"
    cut.write_bytes(data[:data.index(b"Subject: Folded labels") + 10])
    messages = read(cut)[0]
    assert len(messages) == 4 and messages[-1].subject == "F"  # cut in its Subject


def test_a_message_with_no_headers_is_unreadable(tmp_path, zone):
    box = tmp_path / "box.mbox"
    box.write_bytes(b"From x Mon Jan 15 10:30:00 2024\n\nonly a body\n\n"
                    b"From x Mon Jan 15 10:31:00 2024\nFrom: <<<>>>\nTo: a@b.example\n\nbody\n")
    first, second = read(box)[0]
    assert first.unreadable and second.unreadable


# --- what a later read skips ---------------------------------------------------------------


def test_a_second_read_of_an_mbox_starts_where_the_first_ended(tmp_path, zone):
    box = tmp_path / "box.mbox"
    shutil.copy(WRITTEN / "outbox.mbox", box)
    first, reading = read(box)
    assert len(first) == 11
    assert read(box, reading.state, full=False)[0] == []
    with box.open("ab") as out:
        out.write(b"From me@home.example Wed Nov 11 10:00:00 2026\nFrom: me@home.example\n"
                  b"To: bob@lee.example\nSubject: One more\nMessage-ID: <m99@home.example>\n\n"
                  b"body\n")
    added, later = read(box, reading.state, full=False)
    assert [m.subject for m in added] == ["One more"]
    # A file changed before the point already read is read again whole.
    box.write_bytes(box.read_bytes().replace(b"Lunch next week?", b"Dinner next week"))
    assert len(read(box, later.state, full=False)[0]) == 12


def test_a_second_read_of_a_maildir_reads_only_new_files(tmp_path, zone):
    box = tmp_path / "Mail"
    shutil.copytree(WRITTEN / "maildir", box)
    first, reading = read(box)
    assert sorted(reading.files_read) == [
        ".Sent/1794492000.M3P3.host", "1793692800.M1P1.host", "1794388500.M2P2.host"]
    # Moving a message from new/ to cur/ and flagging it does not make it new.
    (box / "new" / "1794388500.M2P2.host").rename(box / "cur" / "1794388500.M2P2.host:2,S")
    assert read(box, reading.state, set(reading.files_read), full=False)[0] == []
    shutil.copy(MAIL / "eml" / "mail-rfc2822-example03.eml", box / "new" / "1795000000.X.host")
    again, _ = read(box, reading.state, set(reading.files_read), full=False)
    assert [m.senders[0].email for m in again] == ["john.q.public@example.com"]


def test_files_in_a_folder_that_are_not_mail_are_set_aside(tmp_path, zone):
    shutil.copy(MAIL / "eml" / "mail-rfc2822-example03.eml", tmp_path / "a.eml")
    (tmp_path / "index.msf").write_bytes(b"\x00\x01binary")
    messages, reading = read(tmp_path)
    assert len(messages) == 1
    assert reading.source.ignored == [str(tmp_path / "index.msf")]


@pytest.mark.parametrize("value", [
    "Bob Lee <bob@lee.example>", "bob@lee.example", " a@b.example , C D <C@D.example>",
    "O'Brien <ob@x.example>", "Joe Q. Public <john.q.public@example.com>",
    "someone@x.example, Other <other@x.example>, third@x.example",
])
def test_the_quick_reading_of_plain_address_lists_is_the_full_parser_s(value):
    quick = mail._simple_addresses(value)
    assert quick is not None
    from email.utils import getaddresses

    assert [(a.name, a.email) for a in quick] == [
        (name, email.lower()) for name, email in getaddresses([value])]


@pytest.mark.parametrize("value", [
    '"Lee, Bob" <bob@lee.example>', "A Group: a@b.example;", "a@b.example (Bob)",
    "=?utf-8?q?B=C3=A9?= <b@x.example>", "alice@example.com <bob@example.com>", "", ", a@b.example",
])
def test_anything_else_goes_to_the_full_parser(value):
    assert mail._simple_addresses(value) is None


def test_an_mbox_with_crlf_line_endings(tmp_path, zone):
    box = tmp_path / "windows.mbox"
    box.write_bytes((WRITTEN / "outbox.mbox").read_bytes().replace(b"\n", b"\r\n"))
    crlf, lf = read(box)[0], read(WRITTEN / "outbox.mbox")[0]
    assert [(m.key, m.day, m.subject, m.senders, m.recipients) for m in crlf] == [
        (m.key, m.day, m.subject, m.senders, m.recipients) for m in lf]
