"""Importing vCards: every real-world sample, quoted-printable, groups, broken cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES

OWN = Path(__file__).resolve().parents[1] / "fixtures"
VCARDS = sorted((FIXTURES / "vcard").glob("*.vcf"))


def contacts(ok):
    return {c["slug"]: c for c in ok("list", "--status", "all", "--json").json()}


@pytest.mark.parametrize("path", VCARDS, ids=[p.name for p in VCARDS])
def test_every_sample_imports_without_a_traceback(nc, path):
    result = nc("import", "vcard", path)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert " created, " in result.out
    again = nc("import", "vcard", path)
    assert again.code == 0
    assert " 0 created, " in again.out


def test_all_samples_together(ok):
    for path in VCARDS:
        ok("import", "vcard", path)
    assert len(contacts(ok)) == 23  # the John Doe samples share an address: merged


def test_android_quoted_printable_with_soft_line_breaks(ok):
    result = ok("import", "vcard", FIXTURES / "vcard" / "John_Doe_ANDROID.vcf")
    assert "6 created" in result.out
    names = {c["name"] for c in contacts(ok).values()}
    assert "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ" in names  # a name split by a soft line break
    assert "john.doe@company.com" in names  # no name: named after the email
    bob = ok("show", "bob@company.com", "--json").json()
    assert bob["emails"] == ["bob@company.com"]  # the quoted-printable non-address dropped
    assert bob["company"] == "ÑÑÑÑÑÑÑÑÑÑÑÑ"
    assert bob["phones"] == ["123456"]
    assert bob["tags"] == []  # "My Contacts" is not a tag


def test_outlook_21_with_notes_and_a_key(ok):
    ok("import", "vcard", FIXTURES / "vcard" / "outlook-2003.vcf")
    john = ok("show", "john-doe-iii", "--json").json()
    assert john["company"] == "Company, The"
    assert john["title"] == "The Job Title"
    assert john["note"].startswith("This is the note field!!")
    assert "Third line is empty" in john["note"]
    assert john["emails"] == ["jdoe@hotmail.com"]


def test_iphone_groups_and_photos(ok):
    ok("import", "vcard", FIXTURES / "vcard" / "John_Doe_IPHONE.vcf")
    john = ok("show", "john.doe@ibm.com", "--json").json()
    assert john["name"] == "Mr. John Richter James Doe Sr."
    assert john["emails"] == ["john.doe@ibm.com"]  # item1.EMAIL
    assert "905-222-1234" in john["phones"]  # item2.TEL
    assert (john["company"], john["title"]) == ("IBM", "Money Counter")


def test_several_emails_and_categories(ok):
    vcf = FIXTURES / "vcard" / "thunderbird-MoreFunctionsForAddressBook-extension.vcf"
    ok("import", "vcard", vcf)
    john = ok("show", "john-doe", "--json").json()
    assert len(john["emails"]) == 5
    assert john["tags"] == ["category1", "category2", "category3"]


def test_vcard_4_with_uid_and_escaped_comma(ok):
    ok("import", "vcard", FIXTURES / "vcard" / "issue114.vcf")
    dummy = ok("show", "dummy-dummy", "--json").json()
    assert dummy["name"] == "Dummy, Dummy"
    assert dummy["phones"] == ["+49 1234 56789", "+49 9876 54321"]
    ok("edit", "dummy-dummy", "--name", "Dummy Renamed")
    again = ok("import", "vcard", FIXTURES / "vcard" / "issue114.vcf")
    assert "0 created, 0 updated, 1 unchanged" in again.out  # matched by email and UID


def test_vcard_uid_matches_when_nothing_else_does(ok, tmp_path):
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Uma Uid\nUID:urn:uuid:1234\nEND:VCARD\n")
    ok("import", "vcard", card)
    ok("edit", "uma-uid", "--name", "Uma Renamed")
    card.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Uma Other\nUID:urn:uuid:1234\n"
                    "EMAIL:uma@uid.example\nEND:VCARD\n")
    assert "1 updated" in ok("import", "vcard", card).out
    assert ok("show", "uma-uid", "--json").json()["emails"] == ["uma@uid.example"]


def test_rfc_6350_telephone_uri(ok):
    ok("import", "vcard", FIXTURES / "vcard" / "rfc6350-example.vcf")
    simon = ok("show", "simon-perreault", "--json").json()
    assert simon["phones"] == ["+1-418-656-9254 ext. 102", "+1-418-262-6501"]
    assert simon["company"] == "Viagenie"


def test_a_broken_card_is_skipped_and_reported(ok):
    result = ok("import", "vcard", OWN / "broken.vcf")
    assert "3 created, 0 updated, 0 unchanged, 2 skipped" in result.out
    assert "skipped line 8: unreadable card" in result.out
    assert "skipped line 24: unreadable card: the card has no END:VCARD" in result.out
    good = ok("show", "good-one", "--json").json()
    assert good["tags"] == ["clients", "friends"]
    assert ok("show", "nameless@example.com", "--json").json()["slug"] == "nameless-example-com"
    jurgen = ok("show", "jurgen-muller-aus-der-schonen-stadt", "--json").json()
    assert jurgen["name"] == "Jürgen Müller aus der schönen Stadt"  # ISO-8859-1, soft break


def test_truncated_photo_and_nothing_else(ok):
    result = ok("import", "vcard", FIXTURES / "vcard" / "issue64.vcf")
    assert "0 created" in result.out
    assert "1 card with no name and no email skipped (line 1)" in result.out


def test_dry_run_and_tag(ok):
    dry = ok("import", "vcard", FIXTURES / "vcard" / "gmail-list.vcf",
             "--dry-run", "--tag", "gmail")
    assert "3 created" in dry.out and "Dry run" in dry.out
    assert contacts(ok) == {}
    ok("import", "vcard", FIXTURES / "vcard" / "gmail-list.vcf", "--tag", "gmail")
    assert all(c["tags"] == ["gmail"] for c in contacts(ok).values())


def test_a_card_with_an_embedded_agent_card(ok):
    """vCard 2.1's AGENT holds a whole card between BEGIN and END; 3.0 escapes it as text."""
    result = ok("import", "vcard", OWN / "agent.vcf")
    assert "4 created, 0 updated, 0 unchanged, 0 skipped" in result.out
    found = contacts(ok)
    assert sorted(c["name"] for c in found.values()) == [
        "Ada Unescaped", "John Q. Public", "Nora After", "Susan Thomas"]
    john = ok("show", "john-q-public", "--json").json()
    assert john["emails"] == ["john.public@example.com"]  # not the agent's
    assert john["title"] == "Director of Research"  # read after the agent
    assert john["company"] == "Acme Widgets"
    assert ok("show", "susan-thomas", "--json").json()["title"] == "Head of Sales"
    assert ok("show", "ada-unescaped", "--json").json()["company"] == "Nested Ltd"
    assert "nora.after@example.com" in ok("show", "nora-after", "--json").json()["emails"]


def test_an_agent_card_without_its_end_leaves_the_card_unfinished(nc, tmp_path):
    path = tmp_path / "cut.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:2.1\nFN:Cut Short\nAGENT:\nBEGIN:VCARD\n"
                    "FN:Lost Agent\n", encoding="utf-8")
    result = nc("import", "vcard", path)
    assert result.code == 0
    assert "0 created" in result.out
    assert "skipped line 1: unreadable card: the card has no END:VCARD" in result.out


def test_an_indented_end_still_ends_an_indented_card(ok, tmp_path):
    path = tmp_path / "indented.vcf"
    path.write_text("  BEGIN:VCARD\n  VERSION:3.0\n  FN:Indented One\n  END:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nFN:Plain Two\nEND:VCARD\n", encoding="utf-8")
    result = ok("import", "vcard", path)
    assert "skipped (line 1)" in result.out  # its indented lines read as one folded line
    assert [c["name"] for c in contacts(ok).values()] == ["Plain Two"]


def test_commas_and_semicolons_left_unescaped_in_text_stay(ok, tmp_path):
    path = tmp_path / "commas.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ruiz;Ana\r\nFN:Ana Ruiz\r\n"
        "TITLE:Director, Research\r\nNOTE:likes tea, coffee; no sugar\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jo\r\nFN:Doe, Jo\r\n"
        "TITLE:Head\\, Sales\r\nNOTE:semi\\; colon\\, done\r\nEND:VCARD\r\n"
    )
    ok("import", "vcard", path)
    ana = ok("show", "ana-ruiz", "--json").json()
    assert (ana["title"], ana["note"]) == ("Director, Research", "likes tea, coffee; no sugar")
    jo = ok("show", "Doe, Jo", "--json").json()
    assert (jo["name"], jo["title"], jo["note"]) == ("Doe, Jo", "Head, Sales", "semi; colon, done")
