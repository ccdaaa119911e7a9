"""Contacts through the command line: add, list, show, edit, find, pause, resume, archive, rm."""

from __future__ import annotations

import pytest

LIST_KEYS = {"slug", "name", "status", "tags", "cadence", "next_due", "last_touch"}
SHOW_KEYS = {
    "slug",
    "name",
    "status",
    "emails",
    "phones",
    "company",
    "title",
    "tags",
    "cadence",
    "cadence_source",
    "next_due",
    "step",
    "given",
    "asked",
    "touches",
}
TOUCH_KEYS = {"id", "date", "channel", "direction", "note", "give", "ask", "by", "source"}


def slugs(ok, *args):
    return [row["slug"] for row in ok("list", "--json", *args).json()]


def count(ok, what="contacts"):
    return ok("info", "--json").json()[what]


# --- add -------------------------------------------------------------------------


def test_add_with_every_option(ok):
    out = ok(
        "add",
        "Ana Ruiz",
        "--email",
        "ana@example.com",
        "--email",
        "ana@work.example",
        "--phone",
        "+34 600 000 000",
        "--company",
        "Acme",
        "--title",
        "CTO",
        "--tag",
        "Client",
        "--tag",
        " fintech ",
        "--met",
        "2026-10-01",
        "--how",
        "conference",
        "--linkedin",
        "https://www.linkedin.com/in/ana",
        "--note",
        "likes tea",
        "--cadence",
        "monthly",
    ).out
    assert "Ana Ruiz (ana-ruiz)" in out and "2026-12-23" in out
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["emails"] == ["ana@example.com", "ana@work.example"]
    assert ana["phones"] == ["+34 600 000 000"]
    assert (ana["company"], ana["title"]) == ("Acme", "CTO")
    assert ana["tags"] == ["client", "fintech"]
    assert (ana["met"], ana["how"], ana["note"]) == ("2026-10-01", "conference", "likes tea")
    assert ana["linkedin"] == "https://www.linkedin.com/in/ana"
    assert (ana["cadence"], ana["cadence_source"], ana["next_due"]) == (
        "monthly",
        "own",
        "2026-12-23",
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("José Núñez", "jose-nunez"),
        ("李小龍", "李小龍"),
        ("Ana  O'Brien-Smith", "ana-o-brien-smith"),
        ("!!!", "contact"),
    ],
)
def test_add_makes_slugs(ok, name, slug):
    assert f"({slug})" in ok("add", name).out
    assert slugs(ok) == [slug]


def test_a_second_ana_ruiz_gets_a_numbered_slug(ok):
    ok("add", "Ana Ruiz")
    ok("add", "Ana Ruiz")
    ok("add", "ana ruiz")
    assert sorted(slugs(ok)) == ["ana-ruiz", "ana-ruiz-2", "ana-ruiz-3"]


@pytest.mark.parametrize(
    "args",
    [
        ("",),
        ("   ",),
        ("Bo", "--email", "not-an-email"),
        ("Bo", "--met", "tomorrow"),
        ("Bo", "--met", "2026-02-30"),
        ("Bo", "--met", "someday"),
        ("Bo", "--cadence", "sometimes"),
        ("Bo", "--tag", "  "),
    ],
)
def test_add_refuses_bad_values_and_writes_nothing(nc, ok, args):
    result = nc("add", *args)
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert count(ok) == 0


def test_add_cadence_by_name_or_inline_duration(ok):
    ok("cadence", "define", "quarterly-check", "--every", "1q")
    ok("add", "Ana", "--cadence", "quarterly-check")
    ok("add", "Bob", "--cadence", "2w")
    rows = {r["slug"]: r for r in ok("list", "--json").json()}
    assert (rows["ana"]["cadence"], rows["ana"]["next_due"]) == ("quarterly-check", "2027-02-23")
    assert (rows["bob"]["cadence"], rows["bob"]["next_due"]) == ("2w", "2026-12-07")


def test_default_cadence_setting_applies_to_new_contacts_without_one(ok):
    ok("config", "set", "default_cadence", "monthly")
    ok("cadence", "tag", "vip", "weekly")
    ok("add", "Ana")
    ok("add", "Bob", "--tag", "vip")
    ok("add", "Cy", "--cadence", "2w")
    ok("log", "Dee", "--new")
    rows = {r["slug"]: r["cadence"] for r in ok("list", "--json").json()}
    assert rows == {"ana": "monthly", "bob": "weekly", "cy": "2w", "dee": "monthly"}
    assert ok("show", "bob", "--json").json()["cadence_source"] == "tag"


# --- list ------------------------------------------------------------------------


def test_list_json_shape_and_filters(ok):
    ok("add", "Ana", "--tag", "client", "--cadence", "monthly")
    ok("add", "Bob", "--tag", "Partner")
    ok("add", "Cy")
    ok("log", "ana", "-c", "call", "--when", "2026-11-20")
    ok("pause", "bob")
    ok("archive", "cy")
    rows = ok("list", "--json").json()
    assert [set(r) >= LIST_KEYS for r in rows] == [True, True]
    ana = rows[0]
    assert ana == {
        **ana,
        "slug": "ana",
        "name": "Ana",
        "status": "active",
        "tags": ["client"],
        "cadence": "monthly",
        "next_due": "2026-12-20",
        "last_touch": "2026-11-20",
    }
    assert rows[1]["status"] == "paused" and rows[1]["next_due"] is None
    assert slugs(ok, "--tag", "PARTNER") == ["bob"]
    assert slugs(ok, "--status", "archived") == ["cy"]
    assert slugs(ok, "--status", "paused") == ["bob"]
    assert slugs(ok, "--status", "active") == ["ana"]
    assert slugs(ok, "--status", "all") == ["ana", "bob", "cy"]


def test_list_plain_text_and_bad_status(nc, ok):
    assert "No contacts" in ok("list").out
    ok("add", "Ana", "--tag", "client")
    out = ok("list").out
    assert "Ana" in out and "client" in out and "\x1b[" not in out
    result = nc("list", "--status", "sleeping")
    assert result.code == 1 and "active" in result.err and result.out == ""


# --- show ------------------------------------------------------------------------


def test_show_json_shape(ok):
    ok("cadence", "tag", "client", "2w")
    ok("add", "Ana Ruiz", "--tag", "client", "--email", "ana@example.com")
    ok("log", "ana", "-c", "coffee", "--when", "2026-11-10", "--give", "--note", "helped")
    ok("log", "ana", "-c", "email", "--when", "2026-11-20", "--in", "--ask", "--by", "sam")
    ok("log", "ana", "-c", "call", "--when", "2026-11-15", "--ask")
    data = ok("show", "ana", "--json").json()
    assert set(data) >= SHOW_KEYS
    assert (data["cadence"], data["cadence_source"]) == ("2w", "tag")
    # The inbound --ask is theirs: they asked you (SPEC §13).
    assert (data["given"], data["asked"], data["got"], data["were_asked"]) == (1, 1, 0, 1)
    assert data["next_due"] == "2026-12-04" and data["step"] is None
    assert [t["date"] for t in data["touches"]] == ["2026-11-20", "2026-11-15", "2026-11-10"]
    assert all(set(t) == TOUCH_KEYS for t in data["touches"])
    newest = data["touches"][0]
    assert newest == {
        "id": newest["id"],
        "date": "2026-11-20",
        "channel": "email",
        "direction": "in",
        "note": "",
        "give": False,
        "ask": True,
        "by": "sam",
        "source": None,
    }
    assert isinstance(newest["id"], int)
    assert data["touches"][2]["by"] == "tester" and data["touches"][2]["direction"] == "out"


def test_show_cadence_source_own_and_none(ok):
    ok("cadence", "tag", "client", "2w")
    ok("add", "Ana", "--tag", "client", "--cadence", "monthly")
    ok("add", "Bob", "--tag", "client")
    ok("cadence", "set", "bob", "none")
    ok("add", "Cy")
    sources = {s: ok("show", s, "--json").json() for s in ("ana", "bob", "cy")}
    assert (sources["ana"]["cadence"], sources["ana"]["cadence_source"]) == ("monthly", "own")
    assert (sources["bob"]["cadence"], sources["bob"]["cadence_source"]) == (None, "none")
    assert (sources["cy"]["cadence"], sources["cy"]["cadence_source"]) == (None, "none")
    assert sources["cy"]["next_due"] is None


def test_show_text(ok):
    ok("add", "Ana Ruiz", "--company", "Acme", "--cadence", "monthly")
    ok("log", "ana", "-c", "coffee", "--give", "--note", "first coffee")
    out = ok("show", "ana").out
    for text in (
        "Ana Ruiz",
        "ana-ruiz",
        "Acme",
        "monthly",
        "given 1, asked 0",
        "first coffee",
        "2026-12-23",
    ):
        assert text in out


# --- edit ------------------------------------------------------------------------


def test_edit_every_option(ok):
    ok("add", "Ana Ruiz", "--email", "old@example.com", "--phone", "111", "--tag", "client")
    ok(
        "edit",
        "ana",
        "--name",
        "Ana María Ruiz",
        "--email",
        "new@example.com",
        "--rm-email",
        "OLD@example.com",
        "--phone",
        "222",
        "--rm-phone",
        "111",
        "--company",
        "Acme",
        "--title",
        "CEO",
        "--met",
        "2026-01-15",
        "--how",
        "a talk",
        "--linkedin",
        "https://linkedin.com/in/ana",
        "--note",
        "a note",
        "--tag",
        "Partner",
        "--untag",
        "CLIENT",
    )
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["slug"] == "ana-ruiz" and ana["name"] == "Ana María Ruiz"
    assert ana["emails"] == ["new@example.com"]
    assert ana["phones"] == ["222"]
    assert (ana["company"], ana["title"], ana["met"], ana["how"]) == (
        "Acme",
        "CEO",
        "2026-01-15",
        "a talk",
    )
    assert (ana["linkedin"], ana["note"]) == ("https://linkedin.com/in/ana", "a note")
    assert ana["tags"] == ["partner"]
    # the new name resolves; the old slug still does
    assert ok("show", "ana maría ruiz", "--json").json()["slug"] == "ana-ruiz"
    assert ok("show", "new@example.com", "--json").json()["slug"] == "ana-ruiz"


def test_edit_adds_emails_phones_tags(ok):
    ok("add", "Ana", "--email", "a@example.com", "--tag", "one")
    ok(
        "edit",
        "ana",
        "--email",
        "b@example.com",
        "--email",
        "A@example.com",
        "--phone",
        "1",
        "--tag",
        "two",
    )
    ana = ok("show", "ana", "--json").json()
    assert ana["emails"] == ["a@example.com", "b@example.com"]
    assert ana["phones"] == ["1"] and ana["tags"] == ["one", "two"]


@pytest.mark.parametrize(
    "args",
    [
        ("--email", "nope"),
        ("--rm-email", "x@example.com"),
        ("--rm-phone", "999"),
        ("--met", "tomorrow"),
        ("--name", "  "),
        ("--tag", "new", "--untag", "never-had"),
    ],
)
def test_edit_bad_values_change_nothing(nc, ok, args):
    ok("add", "Ana", "--email", "a@example.com", "--phone", "1")
    before = ok("show", "ana", "--json").json()
    result = nc("edit", "ana", "--company", "Changed", *args)
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err
    assert ok("show", "ana", "--json").json() == before


def test_edit_says_what_it_cannot_do(nc, ok):
    ok("add", "Ana", "--tag", "client")
    nothing = nc("edit", "ana")
    assert nothing.code == 1 and nothing.out == ""
    assert nothing.err.startswith("netcadence: nothing to change; give at least one option")
    absent = nc("edit", "ana", "--untag", "Friend")
    assert absent.code == 1
    assert absent.err == "netcadence: 'Friend' is not one of this contact's tags\n"
    assert ok("show", "ana", "--json").json()["tags"] == ["client"]


def test_edit_tags_move_the_cadence(ok):
    ok("cadence", "tag", "client", "2w")
    ok("add", "Ana")
    ok("edit", "ana", "--tag", "client", today="2026-11-10")
    assert ok("show", "ana", "--json").json()["next_due"] == "2026-11-24"
    ok("edit", "ana", "--untag", "client")
    ana = ok("show", "ana", "--json").json()
    assert (ana["cadence"], ana["next_due"]) == (None, None)


# --- find ------------------------------------------------------------------------


def test_find_searches_names_companies_emails_notes_and_touch_notes(ok):
    ok("add", "José Núñez", "--company", "Zeta Labs")
    ok("add", "Ana", "--email", "ana@quux.example")
    ok("add", "Bob", "--note", "met at the Ópera")
    ok("add", "Cy")
    ok("log", "cy", "--note", "talked about Kubernetes")
    found = lambda text: [r["slug"] for r in ok("find", text, "--json").json()]  # noqa: E731
    assert found("nunez") == ["jose-nunez"]
    assert found("zeta") == ["jose-nunez"]
    assert found("QUUX") == ["ana"]
    assert found("opera") == ["bob"]
    assert found("kubernetes") == ["cy"]
    assert found("nothing like it") == []
    rows = ok("find", "a", "--json").json()
    assert all(set(r) >= LIST_KEYS for r in rows)
    assert "José Núñez" in ok("find", "zeta").out


def test_find_includes_archived_contacts(ok):
    ok("add", "Ana Archived", "--note", "gone")
    ok("archive", "ana-archived")
    rows = ok("find", "gone", "--json").json()
    assert [(r["slug"], r["status"]) for r in rows] == [("ana-archived", "archived")]


# --- pause, resume, archive, rm ---------------------------------------------------


def test_pause_resume_archive_status(nc, ok):
    ok("add", "Ana Ruiz", "--cadence", "2w")
    assert "Paused" in ok("pause", "ana").out
    assert ok("show", "ana", "--json").json()["status"] == "paused"
    assert nc("pause", "ana").code == 1
    ok("resume", "ana")
    assert ok("show", "ana", "--json").json()["status"] == "active"
    assert nc("resume", "ana").code == 1
    ok("archive", "ana")
    assert ok("show", "ana-ruiz", "--json").json()["status"] == "archived"
    assert nc("archive", "ana-ruiz").code == 1
    assert nc("pause", "ana-ruiz").code == 1
    ok("resume", "Ana Ruiz")
    assert ok("show", "ana", "--json").json()["status"] == "active"


def test_a_touch_with_an_archived_contact_says_it_is_never_due(ok):
    ok("add", "Ana Ruiz", "--cadence", "2w")
    ok("archive", "ana")
    out = ok("log", "ana-ruiz", "-c", "email").out
    assert "archived, so never due" in out and "next due" not in out
    assert ok("show", "ana-ruiz", "--json").json()["next_due"] is None


def test_pause_until_resumes_by_itself(nc, ok):
    ok("add", "Ana", "--cadence", "2w")
    ok("pause", "ana", "--until", "2026-12-01")
    assert ok("show", "ana", "--json").json()["status"] == "paused"
    assert ok("show", "ana", "--json", today="2026-12-01").json()["status"] == "active"
    result = nc("pause", "ana", "--until", "yesterday")
    assert result.code == 1 and "after today" in result.err


def test_rm_refuses_without_a_terminal(nc, ok, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    ok("add", "Ana")
    ok("log", "ana")
    result = nc("rm", "ana")
    assert result.code == 1 and "--yes" in result.err and result.out == ""
    assert (count(ok), count(ok, "touches")) == (1, 1)
    assert "Deleted" in ok("rm", "ana", "--yes").out
    assert (count(ok), count(ok, "touches")) == (0, 0)


def test_rm_unknown_contact(nc):
    result = nc("rm", "nobody", "--yes")
    assert result.code == 1 and "nobody" in result.err


def test_add_cadence_none_overrides_tags_and_the_default(ok):
    ok("config", "set", "default_cadence", "monthly")
    ok("cadence", "tag", "client", "2w")
    ok("add", "Ana", "--tag", "client", "--cadence", "none")
    ana = ok("show", "ana", "--json").json()
    assert (ana["cadence"], ana["cadence_source"], ana["next_due"]) == (None, "none", None)


def test_control_characters_are_dropped_from_names(ok):
    out = ok("add", "Ca\x07rl \x1b[31mDiaz").out
    assert "\x07" not in out and "\x1b" not in out
    carl = ok("list", "--json").json()[0]
    assert (carl["slug"], carl["name"]) == ("carl-31mdiaz", "Carl [31mDiaz")
    assert ok("show", "carl", "--json").json()["slug"] == "carl-31mdiaz"


def test_edit_with_an_empty_value_clears_the_field(ok):
    ok("add", "Ana", "--company", "Acme", "--linkedin", "https://linkedin.com/in/ana")
    ok("edit", "ana", "--company", "", "--linkedin", "")
    ana = ok("show", "ana", "--json").json()
    assert (ana["company"], ana["linkedin"]) == (None, None)


@pytest.mark.parametrize(
    "args",
    [
        ("pause",),
        ("resume",),
        ("pause", "ana", "--all"),
        ("resume", "ana", "--all"),
        ("resume", "--all"),
    ],
)
def test_pause_and_resume_need_one_target(ok, nc, args):
    ok("add", "Ana", "--cadence", "1w")
    result = nc(*args)
    assert result.code == 1 and result.out == "" and result.err.count("\n") == 1
    assert ok("show", "ana", "--json").json()["status"] == "active"


@pytest.mark.parametrize("text", ["", "   "])
def test_find_needs_some_text(ok, nc, text):
    ok("add", "Ana Ruiz")
    result = nc("find", text)
    assert result.code == 1 and result.out == ""
    assert result.err == "netcadence: give some text to look for, e.g. netcadence find fintech\n"
