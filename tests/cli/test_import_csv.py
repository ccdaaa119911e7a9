"""Importing LinkedIn, Google, Outlook and other CSV files through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES

OWN = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN = FIXTURES / "linkedin" / "Connections.csv"
GOOGLE = FIXTURES / "google" / "contacts.csv"


def contacts(ok):
    return {c["slug"]: c for c in ok("list", "--status", "all", "--json").json()}


def test_linkedin_export_as_it_really_is(ok):
    result = ok("import", "linkedin", LINKEDIN)
    assert "5 created, 0 updated, 0 unchanged, 1 skipped" in result.out
    assert "1 row with no name and no email skipped (line 9)" in result.out
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["name"] == "Ana Ruiz"
    assert ana["met"] == "2024-10-09"
    assert ana["company"] == "Acme Fintech"
    assert ana["title"] == "Head of Partnerships"
    assert ana["linkedin"] == "https://www.linkedin.com/in/ana-ruiz-4b1a2c"
    assert ana["emails"] == []
    bob = ok("show", "bob-lee", "--json").json()
    assert bob["emails"] == ["bob.lee@example.com"]
    assert bob["company"] == "Lee & Sons, Inc."
    assert ok("show", "mei-chen", "--json").json()["company"] == '"The Quote" Company'
    assert ok("show", "jose-nunez", "--json").json()["name"] == "José Núñez"
    assert ok("show", "dan-o-neil", "--json").json()["title"] == "Consultant"


def test_importing_twice_creates_nothing_new(ok):
    ok("import", "linkedin", LINKEDIN)
    again = ok("import", "linkedin", LINKEDIN)
    assert "0 created, 0 updated, 5 unchanged, 1 skipped" in again.out
    assert len(contacts(ok)) == 5


def test_older_linkedin_layout_with_us_dates(ok):
    result = ok("import", "linkedin", OWN / "linkedin-2018.csv")
    assert "3 created" in result.out
    carla = ok("show", "carla-diaz", "--json").json()
    assert carla["met"] == "2018-01-08"
    assert carla["emails"] == []  # urn:li:member:… is not an email address
    assert ok("show", "tom-hardy", "--json").json()["met"] == "2017-12-31"
    assert ok("show", "future-person", "--json").json()["met"] is None
    assert "line 4: met date 2026-12-01 is after today; dropped" in result.err


def test_dry_run_writes_nothing_and_gives_the_same_summary(ok):
    dry = ok("import", "linkedin", LINKEDIN, "--dry-run")
    assert "Dry run" in dry.out
    assert "5 created, 0 updated, 0 unchanged, 1 skipped" in dry.out
    assert "skipped (line 9)" in dry.out
    assert contacts(ok) == {}


def test_tag_and_cadence_options(ok):
    ok("cadence", "define", "monthly", "--every", "1m")
    ok("add", "Bob Lee", "--email", "bob.lee@example.com", "--cadence", "2w")
    ok("import", "linkedin", LINKEDIN, "--tag", "LinkedIn", "--tag", "network",
       "--cadence", "monthly", today="2026-11-20")
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["tags"] == ["linkedin", "network"]
    assert ana["cadence"] == "monthly"
    assert ana["next_due"] == "2026-12-20"  # enrolled on the day of the import
    bob = ok("show", "bob-lee", "--json").json()
    assert bob["cadence"] == "2w"  # a match never overwrites the user's own cadence
    assert bob["tags"] == ["linkedin", "network"]


def test_inline_cadence_and_unknown_cadence(ok, nc):
    ok("import", "linkedin", LINKEDIN, "--cadence", "quarterly")
    assert ok("show", "ana-ruiz", "--json").json()["cadence"] == "quarterly"
    bad = nc("import", "google", GOOGLE, "--cadence", "nope")
    assert bad.code == 1
    assert "nope" in bad.err and bad.out == ""
    assert "priya-shah" not in contacts(ok)


def test_a_match_fills_empty_fields_and_never_overwrites(ok):
    ok("add", "Ana Ruiz", "--company", "My Own Co", "--phone", "+34 600 000 000")
    result = ok("import", "linkedin", LINKEDIN)
    assert "4 created, 1 updated" in result.out
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["company"] == "My Own Co"
    assert ana["title"] == "Head of Partnerships"
    assert ana["met"] == "2024-10-09"
    assert ana["phones"] == ["+34 600 000 000"]


def test_name_match_refused_when_emails_or_linkedin_conflict(ok):
    ok("add", "Bob Lee", "--email", "other.bob@example.com")
    ok("add", "Ana Ruiz", "--linkedin", "https://www.linkedin.com/in/another-ana")
    ok("import", "linkedin", LINKEDIN)
    slugs = contacts(ok)
    assert {"bob-lee", "bob-lee-2", "ana-ruiz", "ana-ruiz-2"} <= set(slugs)


def test_matching_by_email_and_linkedin_url(ok):
    ok("add", "Robert Lee", "--email", "BOB.LEE@example.com")
    ok("add", "A. Ruiz", "--linkedin", "http://linkedin.com/in/ana-ruiz-4b1a2c/")
    result = ok("import", "linkedin", LINKEDIN)
    assert "3 created, 2 updated" in result.out
    slugs = contacts(ok)
    assert "bob-lee" not in slugs and "ana-ruiz" not in slugs
    assert ok("show", "robert-lee", "--json").json()["company"] == "Lee & Sons, Inc."


def test_google_current_layout(ok):
    result = ok("import", "google", GOOGLE)
    assert "4 created" in result.out
    priya = ok("show", "priya-shah", "--json").json()
    assert priya["emails"] == ["priya@northwind.example", "priya.s@mail.example"]
    assert priya["phones"] == ["+1 555 0100"]
    assert priya["tags"] == ["clients"]
    assert (priya["company"], priya["title"], priya["note"]) == ("Northwind", "CTO", "Met at PyCon")
    emile = ok("show", "emile-zola", "--json").json()
    assert emile["tags"] == ["friends", "partners"]
    assert emile["linkedin"] == "https://www.linkedin.com/in/emilezola"
    assert ok("show", "only.email@example.com", "--json").json()["name"] == "only.email@example.com"
    assert "=HYPERLINK" in ok("show", "mallory@example.com", "--json").json()["name"]


def test_google_many_email_groups(ok):
    ok("import", "google", OWN / "google-many-emails.csv")
    lena = ok("show", "lena-berg", "--json").json()
    assert lena["emails"] == ["lena@nordic.example", "lena@home.example", "lena.b@other.example"]
    assert lena["phones"] == ["+46 70 000 0000", "+46 8 000 0000"]
    assert lena["tags"] == ["board", "clients"]


def test_google_legacy_layout_in_utf16(ok):
    result = ok("import", "google", OWN / "google-legacy-utf16.csv")
    assert "2 created" in result.out
    zoe = ok("show", "zoe-park", "--json").json()
    assert zoe["name"] == "Zoë Park"
    assert zoe["emails"] == ["zoe@park.example", "zoe.p@mail.example", "zoe@home.example"]
    assert zoe["tags"] == ["mentors"]
    assert (zoe["company"], zoe["title"]) == ("Parkworks", "Founder")
    kenji = ok("show", "kenji-sato", "--json").json()
    assert kenji["linkedin"] == "https://www.linkedin.com/in/kenjisato"
    assert kenji["tags"] == ["investors"]


@pytest.mark.parametrize("path, slug", [
    (LINKEDIN, "ana-ruiz"), (GOOGLE, "priya-shah"),
    (OWN / "outlook.csv", "olga-ivanova"), (OWN / "google-legacy-utf16.csv", "zoe-park"),
])
def test_import_csv_recognises_known_exports(ok, path, slug):
    ok("import", "csv", path)
    assert slug in contacts(ok)


def test_outlook_export(ok):
    ok("import", "csv", OWN / "outlook.csv")
    olga = ok("show", "olga-ivanova", "--json").json()
    assert olga["emails"] == ["olga@contoso.example", "olga.i@mail.example"]
    assert olga["phones"] == ["+1 425 555 0199", "+1 425 555 0100"]
    assert (olga["company"], olga["title"]) == ("Contoso", "Director")
    assert olga["tags"] == ["clients", "vip"]
    assert olga["linkedin"] == "https://www.linkedin.com/in/olgaivanova"


def test_import_csv_with_a_map(ok):
    result = ok("import", "csv", OWN / "people.csv",
                "--map", "name=Full Name,email=E-mail,company=Org,met=When")
    assert "3 created" in result.out
    assert "1 row with no name and no email skipped (line 4)" in result.out
    nina = ok("show", "nina-simone", "--json").json()
    assert (nina["emails"], nina["company"], nina["met"]) == (
        ["nina@jazz.example"], "Jazz Ltd", "2025-03-04")
    assert ok("show", "nobody-here", "--json").json()["emails"] == []


def test_import_csv_without_a_known_header_lists_the_columns(nc, ok):
    result = nc("import", "csv", OWN / "people.csv")
    assert result.code == 1
    assert result.out == ""
    assert "Full Name, E-mail, Org, When" in result.err
    assert "--map" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert contacts(ok) == {}


def test_map_naming_a_missing_column(nc):
    result = nc("import", "csv", OWN / "people.csv", "--map", "name=Nom")
    assert result.code == 1
    assert "'Nom'" in result.err and "Full Name" in result.err


def test_map_with_an_unknown_field(nc):
    result = nc("import", "csv", OWN / "people.csv", "--map", "shoe=Full Name")
    assert result.code == 1
    assert "'shoe' is not a field" in result.err


@pytest.mark.parametrize("command", ["linkedin", "google", "csv", "vcard", "json"])
def test_missing_file(nc, command, tmp_path):
    result = nc("import", command, tmp_path / "nope.csv")
    assert result.code == 1
    assert "no file" in result.err
    assert result.out == ""


@pytest.mark.parametrize("command", ["linkedin", "google", "csv", "vcard", "json"])
def test_binary_file(nc, ok, command, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    result = nc("import", command, binary)
    assert result.code == 1
    assert "binary file" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert contacts(ok) == {}


def test_wrong_kind_of_file(nc, ok):
    vcf = FIXTURES / "vcard" / "gmail-list.vcf"
    for command in ("linkedin", "google"):
        result = nc("import", command, vcf)
        assert result.code == 1
        assert "not a" in result.err and "columns found" in result.err
    google_as_linkedin = nc("import", "linkedin", GOOGLE)
    assert google_as_linkedin.code == 1 and "not a LinkedIn" in google_as_linkedin.err
    assert nc("import", "vcard", LINKEDIN).code == 1
    assert contacts(ok) == {}


def test_a_folder_is_not_a_file(nc, tmp_path):
    result = nc("import", "linkedin", tmp_path)
    assert result.code == 1
    assert "folder" in result.err


def test_empty_tag_refused(nc):
    result = nc("import", "linkedin", LINKEDIN, "--tag", " ")
    assert result.code == 1
    assert "--tag" in result.err


def test_interrupted_import_writes_nothing(nc, ok, monkeypatch):
    from netcadence.io.records import Importer

    ok("add", "Someone Else")
    real = Importer.add
    calls = []

    def interrupted(self, record):
        calls.append(record)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, record)

    monkeypatch.setattr(Importer, "add", interrupted)
    assert nc("import", "linkedin", LINKEDIN).code == 130
    assert len(calls) == 3
    monkeypatch.setattr(Importer, "add", real)
    assert set(contacts(ok)) == {"someone-else"}


def test_large_linkedin_file(ok, tmp_path):
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n in range(2000):
        lines.append(f"First{n},Last{n},https://www.linkedin.com/in/p{n},,Co{n % 7},Role,"
                     f"0{1 + n % 9} Mar 2024")
    big = tmp_path / "Connections.csv"
    big.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    assert "2000 created" in ok("import", "linkedin", big).out
    assert "2000 unchanged" in ok("import", "linkedin", big).out


def test_progress_bar_only_on_a_terminal(ok, monkeypatch):
    from netcadence.cli import io as io_cli

    quiet = ok("import", "linkedin", LINKEDIN, "--dry-run")
    assert quiet.err == ""
    monkeypatch.setattr(io_cli, "PROGRESS_FROM", 1)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    shown = ok("import", "linkedin", LINKEDIN)
    assert "importing" in shown.err
    assert "5 created" in shown.out


# --- damaged files: one line, exit 1, nothing imported ---------------------------------


def _damaged_copies(tmp_path) -> dict[str, Path]:
    data = LINKEDIN.read_bytes()
    mei = data.index(b"Mei")
    copies = {
        # cut inside a quoted cell
        "open quote at the end": data[:500],
        # cut inside the last row, which then has too few cells
        "short last row": (b"First Name,Last Name,URL,Email Address,Company,Position,"
                           b"Connected On\r\nAna,Ruiz,https://www.linkedin.com/in/ana,,Acme,"
                           b"CEO,09 Oct 2024\r\nBob,Lee,https://www.linkedin.com/in/bo"),
        # a quote left open in the middle swallows the rest of the file
        "open quote inside": data.replace(b'"Lee & Sons, Inc."', b'"Lee & Sons, Inc.'),
        # UTF-8 cut in the middle of a character
        "cut character": data[:mei + 6],
        # one byte that is not UTF-8 in a UTF-8 file
        "bad byte": data.replace(b"Analista", b"Anal\xffista"),
    }
    paths = {}
    for label, content in copies.items():
        path = tmp_path / f"{label.replace(' ', '-')}.csv"
        path.write_bytes(content)
        paths[label] = path
    return paths


@pytest.mark.parametrize("label, words", [
    ("open quote at the end", "never closed"),
    ("short last row", "cut short"),
    ("open quote inside", "quote"),
    ("cut character", "cut short"),
    ("bad byte", "not valid UTF-8 at line"),
])
def test_a_damaged_csv_is_refused_whole(ok, nc, tmp_path, label, words):
    ok("add", "Already Here")
    before = contacts(ok)
    result = nc("import", "linkedin", _damaged_copies(tmp_path)[label])
    assert result.code == 1 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and words in result.err, result.err
    assert "nothing was imported" in result.err
    assert contacts(ok) == before


@pytest.mark.parametrize("text", [
    "Name,Email,Met,Phone\nAna Ruiz,ana@example.com\nBob Lee,bob@example.com",  # ragged rows
    "Name,Email,Met\nAna Ruiz,ana@example.com,2024-01-02\nBob Lee,bob@example.com,spring",
    "Name,Email,Met,\nAna Ruiz,ana@example.com,2024-01-02,\nBob Lee,bob@example.com,2024-01-03",
    "Name,Email,Met\nAna Ruiz,ana@example.com,2024-01-02\nBob Lee,bob@example.com\n   ",
])
def test_a_complete_csv_without_a_final_line_end_imports(ok, tmp_path, text):
    path = tmp_path / "people.csv"
    path.write_text(text)
    result = ok("import", "csv", path, "--map", "name=Name,email=Email,met=Met")
    assert "2 created" in result.out


def test_a_short_last_row_without_a_line_end_says_how_to_keep_it(nc, ok, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Company\nAna Ruiz,ana@example.com,Acme\nBob Lee")
    result = nc("import", "csv", path, "--map", "name=Name,email=Email,company=Company")
    assert result.code == 1 and "cut short" in result.err and "line break" in result.err
    path.write_text("Name,Email,Company\nAna Ruiz,ana@example.com,Acme\nBob Lee\n")
    assert "2 created" in ok("import", "csv", path, "--map",
                             "name=Name,email=Email,company=Company").out
