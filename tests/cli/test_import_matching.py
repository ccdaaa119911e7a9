"""How imported records meet contacts: never merged by name alone within one file."""

from __future__ import annotations

import json

HEADER = ("First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
          "Phone 1 - Value")


def google(tmp_path, *rows: str, name: str = "contacts.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def phones(ok, slug: str) -> list[str]:
    return ok("show", slug, "--json").json()["phones"]


def test_two_rows_of_one_file_are_never_merged_by_name_alone(ok, tmp_path):
    """Google phone-only rows: two people called Manu with two numbers are two contacts,
    and importing the file again changes nothing."""
    path = google(tmp_path, "Manu,,* myContacts,,,Mobile,+34 600 111 111",
                  "Manu,,* myContacts,,,Mobile,+34 600 222 222")
    result = ok("import", "google", path)
    assert "2 created, 0 updated, 0 unchanged, 0 skipped" in result.out
    assert (phones(ok, "manu"), phones(ok, "manu-2")) == (["+34 600 111 111"],
                                                          ["+34 600 222 222"])
    again = ok("import", "google", path)
    assert "0 created, 0 updated, 2 unchanged, 0 skipped, 2 matched by name only" in again.out
    assert len(ok("list", "--json").json()) == 2


def test_people_of_one_name_told_apart_by_their_company_import_again_as_they_are(ok, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Company\nSam Lee,Acme\nSam Lee,Globex\n", encoding="utf-8")
    assert "2 created" in ok("import", "csv", path, "--map", "name=Name,company=Company").out
    again = ok("import", "csv", path, "--map", "name=Name,company=Company")
    assert "0 created, 0 updated, 2 unchanged" in again.out
    assert ok("show", "sam-lee-2", "--json").json()["company"] == "Globex"


def test_a_match_by_name_alone_is_said(ok, tmp_path):
    ok("add", "Ana Ruiz", "--company", "Acme")
    path = google(tmp_path, "Ana,Ruiz,* myContacts,,,Mobile,+34 600 333 333",
                  "Ana,Ruiz,* myContacts,,,Mobile,+34 600 444 444")
    result = ok("import", "google", path)
    assert "1 created, 1 updated, 0 unchanged, 0 skipped, 1 matched by name only" in result.out
    assert "line 2: Ana Ruiz was merged into ana-ruiz: matched by name only" in result.err
    assert phones(ok, "ana-ruiz") == ["+34 600 333 333"]
    assert phones(ok, "ana-ruiz-2") == ["+34 600 444 444"]


def test_an_email_still_joins_two_rows_of_one_file(ok, tmp_path):
    path = google(tmp_path, "Sam,Lee,* myContacts,Home,sam@example.com,,",
                  "Samuel,Lee,* myContacts,Work,SAM@example.com,Mobile,+1 555 0199")
    result = ok("import", "google", path)
    assert "1 created, 1 updated, 0 unchanged" in result.out
    assert phones(ok, "sam-lee") == ["+1 555 0199"]


def test_different_slugs_in_one_file_are_different_people(ok, tmp_path):
    """Even when they share an email, a LinkedIn profile and a vCard UID."""
    same = {"emails": ["kim@example.com"], "linkedin": "https://linkedin.com/in/kim",
            "vcard_uid": "uid-1"}
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"netcadence": 1, "contacts": [
        {"name": "Kim Park", "slug": "kim-park", **same},
        {"name": "Kim Park", "slug": "kim-park-2", **same},
        {"name": "KIM PARK", "slug": "kim-park-2", "phones": ["+82 10 0000 0000"]},
        {"name": "Kim Park", "emails": ["kim@example.com"], "title": "CEO"}]}),
        encoding="utf-8")
    result = ok("import", "json", path)
    assert "2 created, 2 updated, 0 unchanged, 0 skipped" in result.out
    first, second = (ok("show", slug, "--json").json() for slug in ("kim-park", "kim-park-2"))
    assert first["emails"] == second["emails"] == ["kim@example.com"]
    assert (first["linkedin"], second["linkedin"]) == ("https://linkedin.com/in/kim",) * 2
    assert second["phones"] == ["+82 10 0000 0000"] and first["phones"] == []
    assert first["title"] == "CEO" and second["title"] is None
