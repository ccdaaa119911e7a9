"""Real files that came in wrong: a name that swallowed the next property, rows with
nothing in them, placeholders, addresses that are no email, and one UID for
different people."""

from __future__ import annotations

from tests.helpers import FIXTURES

ANDROID = FIXTURES / "android-qp-soft-break.vcf"
LINKEDIN_HEAD = ("Notes:\r\n\"Endorsements and skill data are not included.\"\r\n\r\n"
                 "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in lines) + "END:VCARD\r\n"


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def names(ok) -> list[str]:
    return sorted(c["name"] for c in ok("list", "--status", "all", "--json").json())


# --- a quoted-printable soft break before the next property ---------------------------


def test_a_name_never_swallows_the_next_property(ok):
    result = ok("import", "vcard", ANDROID)
    assert "2 created" in result.out
    assert names(ok) == ["Jovan Petrović", "Milica Šarić"]
    jovan = ok("show", "jovan-petrovic", "--json").json()
    assert jovan["phones"] == ["0995552188", "011555123"]
    assert jovan["emails"] == ["jovan@example.com"]
    milica = ok("show", "milica", "--json").json()
    assert milica["phones"] == ["0995550101"]
    # A soft break that does continue the value still joins it.
    assert milica["note"] == "Upoznali smo se na konferenciji u Beogradu, želi uvod u fintech."


# --- rows with no name and no email ---------------------------------------------------


def test_rows_with_only_a_date_are_summed_up_in_one_line(ok, tmp_path):
    rows = [LINKEDIN_HEAD, "Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,CTO,09 Oct 2024\r\n"]
    rows += [",,,,,,01 Jan 2023\r\n"] * 154
    rows.append("Bob,Lee,https://www.linkedin.com/in/bob,,Globex,CEO,10 Oct 2024\r\n")
    path = write(tmp_path, "Connections.csv", "".join(rows))
    for args in ([], ["--dry-run"]):
        result = ok("import", "linkedin", path, *args)
        assert ", 154 skipped" in result.out
        lines = result.out.splitlines()
        assert lines[1] == ("  154 rows with no name and no email skipped "
                            "(lines 6, 7, 8, 9, 10, … (--verbose lists them all))")
        assert len(lines) == 2 and result.err == ""
    verbose = ok("import", "csv", path, "--verbose", "--dry-run")
    listed = [line for line in verbose.out.splitlines() if "no name and no email" in line]
    assert listed[0] == "  skipped line 6: no name and no email"
    assert listed[-1] == "  skipped line 159: no name and no email"
    assert len(listed) == 154


def test_every_import_command_takes_verbose(ok, tmp_path):
    path = write(tmp_path, "c.vcf", card("FN:Ana Ruiz") + card("NOTE:nobody"))
    assert "  skipped line 5: no name and no email" in ok(
        "import", "vcard", path, "--verbose").out
    for command in ("linkedin", "google", "csv", "json"):
        assert "--verbose" in ok("import", command, "--help").out


# --- placeholders ---------------------------------------------------------------------


def test_placeholders_are_empty_values(ok, tmp_path):
    text = ("Full Name,E-mail,Phone,Org,Position\n"
            "Ana Ruiz,ana@example.com,-,n/a,none\n"
            "-,n/a,.,-,N/A\n"
            " . , none ,-,  ,\n"
            "Bob Lee,-,+1 555 0100,Acme,.\n"
            "-,bob@example.com,,,\n")
    result = ok("import", "csv", write(tmp_path, "p.csv", text), "--map",
                "name=Full Name,email=E-mail,phone=Phone,company=Org,title=Position")
    # Rows of placeholders only are dropped like blank lines; the last row's name is a
    # placeholder, so it is named after its email.
    assert "3 created, 0 updated, 0 unchanged, 0 skipped" in result.out
    assert names(ok) == ["Ana Ruiz", "Bob Lee", "bob@example.com"]
    ana = ok("show", "ana-ruiz", "--json").json()
    assert (ana["phones"], ana["company"], ana["title"]) == ([], None, None)
    bob = ok("show", "bob-lee", "--json").json()
    assert (bob["emails"], bob["phones"], bob["company"], bob["title"]) == (
        [], ["+1 555 0100"], "Acme", None)


def test_placeholders_in_a_vcard(ok, tmp_path):
    text = card("FN:Ana Ruiz", "TEL:-", "ORG:n/a", "TITLE:.", "EMAIL:none") + card("FN:-")
    result = ok("import", "vcard", write(tmp_path, "p.vcf", text))
    assert "1 created" in result.out and "1 card with no name and no email skipped" in result.out
    ana = ok("show", "ana-ruiz", "--json").json()
    assert (ana["phones"], ana["company"], ana["title"], ana["emails"]) == ([], None, None, [])
    assert names(ok) == ["Ana Ruiz"]


# --- what is an email address ---------------------------------------------------------


def test_local_and_ip_addresses_are_no_email_and_the_summary_says_so(ok, nc, tmp_path):
    text = ("Name,Email\nAna Ruiz,email@localhost\nBob Lee,snail@127.0.0.1\n"
            "Cy Twombly,cy@[10.0.0.1]\nDee Dee,dee@example.com\n")
    result = ok("import", "csv", write(tmp_path, "e.csv", text), "--map",
                "name=Name,email=Email")
    assert "4 created" in result.out
    for line, value in ((2, "email@localhost"), (3, "snail@127.0.0.1"),
                        (4, "cy@[10.0.0.1]")):
        assert (f"line {line}: '{value}' is not an email address; not stored as one"
                in result.err), result.err
    assert "dee@example.com" not in result.err
    assert ok("show", "ana-ruiz", "--json").json()["emails"] == []
    assert ok("show", "bob-lee", "--json").json()["emails"] == []
    assert ok("show", "dee-dee", "--json").json()["emails"] == ["dee@example.com"]
    # The same rule at every door.
    for address in ("email@localhost", "snail@127.0.0.1"):
        refused = nc("add", "Eve Adams", "--email", address)
        assert refused.code == 1 and "is not an email address" in refused.err
        refused = nc("edit", "ana", "--email", address)
        assert refused.code == 1 and "is not an email address" in refused.err


# --- one UID, different people --------------------------------------------------------


def test_different_people_sharing_a_uid_are_kept_apart_and_said(ok, tmp_path):
    text = (card("FN:Ana Ruiz", "UID:same-uid", "EMAIL:ana@example.com")
            + card("FN:Bob Lee", "UID:same-uid", "TEL:+1 555 0100")
            + card("FN:Ana Ruiz", "UID:same-uid", "TEL:+34 600 000 000"))
    result = ok("import", "vcard", write(tmp_path, "uid.vcf", text))
    assert "2 created, 1 updated" in result.out
    assert result.err == ("netcadence: line 7: 'Bob Lee' has the same UID as 'Ana Ruiz' "
                          "(line 1); imported as another person, without the UID\n")
    assert names(ok) == ["Ana Ruiz", "Bob Lee"]
    assert ok("show", "ana-ruiz", "--json").json()["phones"] == ["+34 600 000 000"]
    assert ok("show", "bob-lee", "--json").json()["phones"] == ["+1 555 0100"]
    again = ok("import", "vcard", write(tmp_path, "uid.vcf", text))
    assert "0 created" in again.out
