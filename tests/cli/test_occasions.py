"""Birthdays and anniversaries: add, edit, show, imports and JSON (SPEC §12)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import FIXTURES, dump_database


def shown(ok, contact: str) -> dict:
    return ok("show", contact, "--json").json()


@pytest.mark.parametrize("typed, stored", [
    ("1990-04-12", "1990-04-12"),
    ("04-12", "--04-12"),
    ("April 12", "--04-12"),
    ("12 Apr", "--04-12"),
    ("29 Feb", "--02-29"),
])
def test_add_takes_a_birthday_with_or_without_a_year(ok, typed, stored):
    ok("add", "Ana Ruiz", "--birthday", typed, "--anniversary", "June 1")
    ana = shown(ok, "ana")
    assert (ana["birthday"], ana["anniversary"]) == (stored, "--06-01")


def test_show_prints_them_as_people_write_dates(ok):
    ok("add", "Ana Ruiz", "--birthday", "1990-04-12", "--anniversary", "06-01")
    card = ok("show", "ana").out
    assert "occasions: birthday 12 April 1990, anniversary 1 June" in card
    ok("add", "Bob Lee")
    assert "occasions" not in ok("show", "bob").out
    assert (shown(ok, "bob")["birthday"], shown(ok, "bob")["anniversary"]) == (None, None)


def test_edit_sets_changes_and_removes_them(ok):
    ok("add", "Ana Ruiz")
    assert "Updated Ana Ruiz" in ok("edit", "ana", "--birthday", "12 Apr 1990").out
    assert shown(ok, "ana")["birthday"] == "1990-04-12"
    ok("edit", "ana", "--birthday", "04-13", "--anniversary", "2015-09-05")
    assert (shown(ok, "ana")["birthday"], shown(ok, "ana")["anniversary"]) == (
        "--04-13", "2015-09-05")
    ok("edit", "ana", "--rm-birthday")
    assert (shown(ok, "ana")["birthday"], shown(ok, "ana")["anniversary"]) == (
        None, "2015-09-05")
    ok("edit", "ana", "--rm-anniversary")
    assert shown(ok, "ana")["anniversary"] is None


@pytest.mark.parametrize("args, message", [
    (("add", "Zed", "--birthday", "soon"), "--birthday: 'soon' is not a date"),
    (("add", "Zed", "--birthday", "Feb 30"), "is not a day on the calendar"),
    (("add", "Zed", "--birthday", "2027-01-01"), "is after today"),
    (("add", "Zed", "--anniversary", "1990-02-29"), "1990 has no 29 February"),
    (("edit", "ana", "--birthday", "04-12", "--rm-birthday"),
     "give either --birthday or --rm-birthday"),
    (("edit", "ana", "--anniversary", "13-01"), "--anniversary:"),
])
def test_a_wrong_day_is_one_line_and_writes_nothing(ok, nc, db_url, backend, args, message):
    ok("add", "Ana Ruiz", "--birthday", "1990-04-12")
    url = db_url if backend == "postgresql" else "sqlite:///" + db_url
    before = dump_database(url)
    result = nc(*args)
    assert result.code == 1 and result.out == ""
    assert message in result.err and result.err.count("\n") == 1
    assert dump_database(url) == before


def test_edit_with_only_a_birthday_is_a_change(ok):
    ok("add", "Ana Ruiz")
    assert ok("edit", "ana", "--rm-birthday").code == 0


# --- JSON -----------------------------------------------------------------------------


def test_json_export_carries_them_and_a_round_trip_is_exact(ok, tmp_path, monkeypatch):
    ok("add", "Ana Ruiz", "--birthday", "1990-04-12", "--anniversary", "--06-01")
    ok("add", "Leap Day", "--birthday", "2000-02-29")
    ok("add", "Nobody Special")
    exported = ok("export", "json").out
    contacts = {c["slug"]: c for c in json.loads(exported)["contacts"]}
    assert (contacts["ana-ruiz"]["birthday"], contacts["ana-ruiz"]["anniversary"]) == (
        "1990-04-12", "--06-01")
    assert contacts["leap-day"]["birthday"] == "2000-02-29"
    assert contacts["nobody-special"]["birthday"] is None
    file = tmp_path / "backup.json"
    file.write_text(exported, encoding="utf-8")
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "again.db"))
    ok("import", "json", file)
    assert ok("export", "json").out == exported


def test_json_import_fills_an_empty_birthday_and_never_overwrites_one(ok, tmp_path):
    ok("add", "Ana Ruiz", "--birthday", "1990-04-12")
    ok("add", "Bob Lee")
    file = tmp_path / "people.json"
    file.write_text(json.dumps({"netcadence": 1, "contacts": [
        {"name": "Ana Ruiz", "slug": "ana-ruiz", "birthday": "1991-01-01",
         "anniversary": "--06-01"},
        {"name": "Bob Lee", "slug": "bob-lee", "birthday": "--02-29"},
        {"name": "Cy", "birthday": "not a day"},
        {"name": "Di", "birthday": "2030-01-01"},
    ]}), encoding="utf-8")
    result = ok("import", "json", file)
    assert "1 created" not in result.out and "2 created" in result.out
    assert "2 updated" in result.out
    assert "contacts[2]: birthday: 'not a day' is not a date" in result.err
    assert "contacts[3]: birthday: 2030-01-01 is after today" in result.err
    ana = shown(ok, "ana")
    assert (ana["birthday"], ana["anniversary"]) == ("1990-04-12", "--06-01")
    assert shown(ok, "bob")["birthday"] == "--02-29"
    assert shown(ok, "cy")["birthday"] is None
    again = ok("import", "json", file)
    assert "0 updated" in again.out


# --- vCard and Google -----------------------------------------------------------------


CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Apple Person
BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12
item1.X-ABDATE:2010-06-01
item1.X-ABLabel:_$!<Anniversary>!$_
item2.X-ABDATE:2001-01-01
item2.X-ABLabel:_$!<Other>!$_
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Four Person
BDAY:--0412
ANNIVERSARY:20090808T1430-0500
END:VCARD
BEGIN:VCARD
VERSION:2.1
FN:Compact Person
BDAY:19900412
X-ANNIVERSARY:2012-05-05
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Odd Person
BDAY;VALUE=text:circa 1800
END:VCARD
"""


def test_vcard_birthdays_and_anniversaries_in_every_form(ok, tmp_path):
    file = tmp_path / "cards.vcf"
    file.write_text(CARDS, encoding="utf-8")
    result = ok("import", "vcard", file)
    assert "4 created" in result.out
    assert "line 22: birthday: 'circa 1800' is not a date" in result.err
    found = {c["name"]: (c["birthday"], c["anniversary"])
             for c in json.loads(ok("export", "json").out)["contacts"]}
    assert found == {
        "Apple Person": ("--04-12", "2010-06-01"),  # year 1604 is Apple's "no year"
        "Four Person": ("--04-12", "2009-08-08"),
        "Compact Person": ("1990-04-12", "2012-05-05"),
        "Odd Person": (None, None),
    }


@pytest.mark.parametrize("file, birthday, anniversary", [
    ("vcard/gmail-single.vcf", "1960-09-10", "1970-06-02"),
    ("vcard/John_Doe_MS_OUTLOOK.vcf", "1980-03-22", "2011-01-13"),
    ("vcard/rfc6350-example.vcf", "--02-03", "2009-08-08"),
    ("vcard/fullcontact.vcf", "2016-08-01", None),
    ("vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf", "1970-09-21",
     "1990-04-30"),
    ("vcard/John_Doe_EVOLUTION.vcf", "1980-03-22", "1980-03-22"),
])
def test_real_address_books(ok, file, birthday, anniversary):
    ok("import", "vcard", FIXTURES / file)
    (contact,) = json.loads(ok("export", "json").out)["contacts"]
    assert (contact["birthday"], contact["anniversary"]) == (birthday, anniversary)


def test_a_vcard_match_fills_an_empty_birthday_only(ok, tmp_path):
    ok("add", "Four Person", "--birthday", "1985-01-01")
    ok("add", "Compact Person")
    file = tmp_path / "cards.vcf"
    file.write_text(CARDS, encoding="utf-8")
    ok("import", "vcard", file)
    assert shown(ok, "four-person")["birthday"] == "1985-01-01"
    assert shown(ok, "four-person")["anniversary"] == "2009-08-08"
    assert shown(ok, "compact-person")["birthday"] == "1990-04-12"


def test_google_birthday_column(ok, tmp_path):
    file = tmp_path / "google.csv"
    file.write_text(
        "First Name,Last Name,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value\n"
        "Priya,Shah,1984-05-02,* myContacts,Work,priya@northwind.example\n"
        "Emile,Zola, --04-12,* myContacts,,emile@zola.example\n"
        "No,Birthday,,* myContacts,,no@birthday.example\n", encoding="utf-8")
    ok("import", "google", file)
    assert shown(ok, "priya-shah")["birthday"] == "1984-05-02"
    assert shown(ok, "emile-zola")["birthday"] == "--04-12"
    assert shown(ok, "no-birthday")["birthday"] is None
    ok("import", "google", FIXTURES / "google" / "contacts.csv")
    assert shown(ok, "priya-shah")["birthday"] == "1984-05-02"


def test_csv_map_takes_birthday_and_anniversary(ok, tmp_path):
    file = tmp_path / "people.csv"
    file.write_text("Who,Born,Wed\nAna Ruiz,1990-04-12,June 1\n", encoding="utf-8")
    ok("import", "csv", file, "--map", "name=Who,birthday=Born,anniversary=Wed")
    ana = shown(ok, "ana")
    assert (ana["birthday"], ana["anniversary"]) == ("1990-04-12", "--06-01")
