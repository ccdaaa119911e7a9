"""The readers on their own: dates, labels, encodings, vCard reduction, safe cells."""

from __future__ import annotations

import re
from datetime import date

import pytest

from netcadence.errors import InputError
from netcadence.io import google, linkedin, vcard
from netcadence.io.export import safe_cell
from netcadence.io.files import decode
from netcadence.io.records import clean_email, split_tags
from netcadence.io.table import Table


@pytest.mark.parametrize("text, expected", [
    ("09 Oct 2024", date(2024, 10, 9)),
    ("9 Oct 2024", date(2024, 10, 9)),
    ("1/8/18, 6:14 PM", date(2018, 1, 8)),
    ("12/31/2017", date(2017, 12, 31)),
    ("2025-03-04", date(2025, 3, 4)),
    ("31 Feb 2024", None),
    ("yesterday-ish", None),
    ("", None),
])
def test_connected_on(text, expected):
    assert linkedin.connected_on(text) == expected


def test_google_labels():
    assert google.labels_to_tags("* myContacts ::: Clients ::: Starred in Android") == ["clients"]
    assert google.labels_to_tags("* starred ::: Friends, Family ::: My Contacts") == [
        "friends", "family"]
    assert google.labels_to_tags(None) == []


def test_values_that_are_not_email_addresses():
    assert clean_email("urn:li:member:123456") is None
    assert clean_email("mailto:Ana@Example.com") == "Ana@Example.com"
    assert clean_email(" ana@example.com ") == "ana@example.com"


def test_split_tags():
    assert split_tags(["Clients,Friends", " VIP "]) == ["clients", "friends", "vip"]
    assert split_tags("a;b", ",;") == ["a", "b"]


@pytest.mark.parametrize("data", [
    "Name,Email\nAnä,a@x.example\n".encode("utf-8-sig"),
    "Name,Email\nAnä,a@x.example\n".encode("utf-16"),
    "Name,Email\nAnä,a@x.example\n".encode(),
    "Name,Email\nAnä,a@x.example\n".encode("cp1252"),
])
def test_decoding(data):
    assert decode(data, "f.csv").splitlines()[1] == "Anä,a@x.example"


@pytest.mark.parametrize("text", [
    "Name,Company\r\nAna,„Gruß“\r\n",  # ß“ and É® are UTF-8 pairs by chance
    "Name\r\nJOSÉ\u00a0MARÍA\r\n", "Name\r\n«ÉTÉ» NESTLÉ®\r\n",
    "Name\r\nAna\r\nCafé",  # no line end, a last byte that starts a UTF-8 character
])
def test_windows_1252_with_chance_utf8_pairs_is_read_as_such(text):
    assert decode(text.encode("cp1252"), "f.csv") == text


@pytest.mark.parametrize("data, words", [
    ("Name\nJosé\nZoë\n".encode() + b"Jos\xc3", "ends in the middle of a character (line 4)"),
    ("Name\nAnä\nBö\n".encode("utf-16")[:-1], "ends in the middle of a character (line 3)"),
    ("Name\nAnä\nZoë\n".encode() + b"B\xffo\n", "not valid UTF-8 at line 4"),
    ("Name\nAnä\n".encode("utf-8-sig") + b"B\xffo\n", "not valid UTF-8 at line 3"),
])
def test_damaged_text_is_refused_with_its_line(data, words):
    with pytest.raises(InputError, match=re.escape(words)):
        decode(data, "f.csv")


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "x.zip")


def test_table_finds_a_header_below_a_preamble():
    text = (
        "Notes:\r\n\"free text, with a comma\"\r\n\r\n"
        "First Name,Last Name,Connected On\r\nA,B,01 Jan 2020\r\n"
    )
    table = Table(text, "c.csv")
    assert table.find_header(linkedin.is_header)
    assert table.header_line == 4
    assert list(table.rows()) == [(5, {"first name": "A", "last name": "B",
                                       "connected on": "01 Jan 2020"})]


def test_quoted_cells_spanning_lines_keep_line_numbers():
    table = Table('Name,Note\n"A","two\nlines"\nB,x\n', "n.csv")
    table.first_row_as_header()
    assert [line for line, _ in table.rows()] == [2, 4]


def test_vcard_cards_and_their_lines():
    text = "junk\nBEGIN:VCARD\nFN:A\nEND:VCARD\n\nbegin:vcard\nFN:B\nend:vCard\nBEGIN:VCARD\nFN:C\n"
    cards = list(vcard.cards(text))
    assert [(c.line, c.complete) for c in cards] == [(2, True), (6, True), (9, False)]
    assert [vcard.record(c).name for c in cards[:2]] == ["A", "B"]
    with pytest.raises(ValueError, match="END:VCARD"):
        vcard.record(cards[2])


def test_quoted_printable_with_charset_and_soft_breaks():
    card = next(vcard.cards(
        "BEGIN:VCARD\nVERSION:2.1\n"
        "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Fran=E7oise, la =\n=E9l=E8ve\n"
        "NOTE;QUOTED-PRINTABLE:one=0D=0Atwo; three\n"
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ\nAAAABBBB\n\n"
        "EMAIL;INTERNET:f@example.com\nEND:VCARD\n"))
    record = vcard.record(card)
    assert record.name == "Françoise, la élève"
    assert record.note == "one\ntwo; three"
    assert record.emails == ["f@example.com"]


def test_safe_cell():
    for risky in ("=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(risky) == "'" + risky
    assert safe_cell("Ana") == "Ana"
    assert safe_cell("") == ""
