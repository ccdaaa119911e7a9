"""Job changes seen by a later LinkedIn import (SPEC §13): recorded, followed where the
user has not edited, listed in the summary, news rows in `due`, and the week's review.

Two exports of one network in LinkedIn's real layout: tests/fixtures/linkedin/
Connections.csv, then Connections-later.csv (see tests/fixtures/README.md)."""

from __future__ import annotations

import pytest

from tests.helpers import FIXTURES

FIRST = FIXTURES / "linkedin" / "Connections.csv"
LATER = FIXTURES / "linkedin" / "Connections-later.csv"


def contact(ok, slug: str, today: str | None = None) -> dict:
    return ok("show", slug, "--json", today=today).json()


@pytest.fixture
def imported(ok):
    ok("import", "linkedin", str(FIRST), today="2026-11-16")
    return ok


def test_the_first_import_records_no_change(imported):
    ok = imported
    assert ok("due", "--json").json() == []
    assert "job change" not in ok("import", "linkedin", str(FIRST)).out


def test_a_later_export_records_the_changes_and_lists_them(imported):
    ok = imported
    ok("edit", "dan", "--company", "O'Neil Consulting LLC")  # the user's own word
    out = ok("import", "linkedin", str(LATER)).out
    assert "1 created, 2 updated, 3 unchanged" in out
    lines = [line.strip() for line in out.splitlines() if "job change:" in line]
    assert lines == [
        "job change: Ana Ruiz: Acme Fintech → Globex (Head of Sales)",
        "job change: Bob Lee: Owner → Chairman at Lee & Sons, Inc.",
        "job change: Dan O'Neil: Self-employed → O'Neil Advisory (Consultant); kept your "
        "company \"O'Neil Consulting LLC\"",
    ]
    ana, bob, dan = (contact(ok, slug) for slug in ("ana-ruiz", "bob-lee", "dan-o-neil"))
    assert (ana["company"], ana["title"]) == ("Globex", "Head of Sales")
    assert (bob["company"], bob["title"]) == ("Lee & Sons, Inc.", "Chairman")
    assert (dan["company"], dan["title"]) == ("O'Neil Consulting LLC", "Consultant")
    # Capitals alone, or a hidden (empty) company, are no change.
    assert contact(ok, "jose-nunez")["company"] == "Banco Ejemplo"
    assert contact(ok, "mei-chen")["company"] == '"The Quote" Company'
    # Once recorded, the same file again says nothing new.
    again = ok("import", "linkedin", str(LATER)).out
    assert "job change" not in again and "0 updated" in again


def test_a_dry_run_lists_them_and_keeps_nothing(imported, db_url):
    from tests.helpers import dump_database

    ok = imported
    before = dump_database(db_url)
    out = ok("import", "linkedin", str(LATER), "--dry-run").out
    assert "job change: Ana Ruiz: Acme Fintech → Globex (Head of Sales)" in out
    assert dump_database(db_url) == before
    assert "job change: Ana Ruiz" in ok("import", "linkedin", str(LATER)).out


def test_import_csv_of_a_linkedin_file_does_the_same(imported):
    ok = imported
    assert "job change: Ana Ruiz: Acme Fintech → Globex" in ok(
        "import", "csv", str(LATER)).out


def test_a_field_edited_since_is_kept_and_an_empty_one_follows(imported):
    ok = imported
    ok("edit", "ana", "--title", "Partnerships lead", "--company", "")
    ok("import", "linkedin", str(LATER))
    ana = contact(ok, "ana-ruiz")
    assert (ana["company"], ana["title"]) == ("Globex", "Partnerships lead")


def test_news_rows_for_fourteen_days_or_until_a_touch(imported):
    ok = imported
    ok("import", "linkedin", str(LATER), today="2026-11-20")
    ok("add", "Late Lou", "--cadence", "1w", today="2026-11-01")
    rows = ok("due", "--json", today="2026-11-21").json()
    news = [r for r in rows if r["kind"] == "news"]
    assert [(r["slug"], r["what"], r["due"], r["status"]) for r in news] == [
        ("ana-ruiz", "moved to Globex", "2026-11-20", "overdue"),
        ("bob-lee", "now Chairman", "2026-11-20", "overdue"),
        ("dan-o-neil", "moved to O'Neil Advisory", "2026-11-20", "overdue"),
    ]
    assert news[0] | {"urgency": 0} == {
        "slug": "ana-ruiz", "name": "Ana Ruiz", "due": "2026-11-20", "days_overdue": 1,
        "status": "overdue", "kind": "news", "what": "moved to Globex", "cadence": None,
        "step": None, "action": None, "last_touch": None, "urgency": 0}
    assert "moved to Globex" in ok("due", today="2026-11-20").out
    assert "Ana Ruiz (ana-ruiz): moved to Globex" in ok("remind", today="2026-11-20").out
    ok("log", "ana", "--when", "2026-11-20", today="2026-11-21")
    slugs = [r["slug"] for r in ok("due", "--json", today="2026-11-21").json()
             if r["kind"] == "news"]
    assert slugs == ["bob-lee", "dan-o-neil"]
    # A touch before the change does not count; fourteen days is the most.
    assert [r["slug"] for r in ok("due", "--json", today="2026-12-03").json()
            if r["kind"] == "news"] == ["bob-lee", "dan-o-neil"]
    assert [r for r in ok("due", "--json", today="2026-12-04").json()
            if r["kind"] == "news"] == []


def test_news_rows_follow_the_contact(imported):
    """Not for paused or archived contacts; --tag filters them as it does other rows."""
    ok = imported
    ok("import", "linkedin", str(LATER), today="2026-11-20")
    ok("pause", "bob")
    ok("archive", "dan")
    ok("edit", "ana", "--tag", "fintech")

    def news(*args):
        return [r["slug"] for r in ok("due", "--json", *args).json() if r["kind"] == "news"]

    assert news() == ["ana-ruiz"]
    assert news("--tag", "other") == []
    ok("resume", "bob")
    assert news() == ["ana-ruiz", "bob-lee"]
    assert news("--tag", "FINTECH") == ["ana-ruiz"]


def test_the_week_s_review_lists_them(imported):
    ok = imported
    ok("import", "linkedin", str(LATER), today="2026-11-20")
    data = ok("review", "--json", "--week", "2026-W47", today="2026-11-23").json()
    assert data["job_changes"][0] == {
        "slug": "ana-ruiz", "name": "Ana Ruiz", "date": "2026-11-20",
        "old_company": "Acme Fintech", "new_company": "Globex",
        "old_title": "Head of Partnerships", "new_title": "Head of Sales",
        "what": "moved to Globex"}
    assert [c["slug"] for c in data["job_changes"]] == ["ana-ruiz", "bob-lee", "dan-o-neil"]
    out = ok("review", "--week", "2026-W47", today="2026-11-23").out
    assert "Job changes: 3" in out
    assert "Ana Ruiz: Acme Fintech → Globex (Head of Sales)" in out
    assert ok("review", "--json", today="2026-11-23").json()["job_changes"] == []


def test_job_changes_go_through_json(imported, tmp_path, monkeypatch):
    ok = imported
    ok("import", "linkedin", str(LATER), today="2026-11-20")
    exported = ok("export", "json").out
    data = __import__("json").loads(exported)
    assert data["job_changes"][0] == {
        "contact": "ana-ruiz", "date": "2026-11-20", "old_company": "Acme Fintech",
        "new_company": "Globex", "old_title": "Head of Partnerships",
        "new_title": "Head of Sales"}
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "other.db"))
    assert "3 job changes added" in ok("import", "json", str(path)).out
    assert ok("export", "json").out == exported
    assert [r["kind"] for r in ok("due", "--json", today="2026-11-21").json()] == ["news"] * 3


def test_a_bad_job_change_in_a_file_is_skipped_by_its_path(ok, tmp_path):
    ok("add", "Ana Ruiz")
    path = tmp_path / "in.json"
    path.write_text(__import__("json").dumps({"netcadence": 1, "job_changes": [
        {"contact": "zed", "date": "2026-11-01", "new_company": "Globex"},
        {"contact": "ana-ruiz", "date": "2026-12-01", "new_company": "Globex"},
        {"contact": "ana-ruiz", "date": "2026-11-01", "old_company": "Acme",
         "new_company": "ACME"},
        {"contact": "ana-ruiz", "date": "2026-11-01", "new_company": 3},
        {"contact": "ana-ruiz", "date": "2026-11-20", "old_company": "Acme",
         "new_company": "Globex"},
    ]}), encoding="utf-8")
    out = ok("import", "json", str(path)).out
    for line in ("job_changes[0]: no contact 'zed'", "job_changes[1]: date after today",
                 "job_changes[2]: neither the company nor the title changed",
                 "job_changes[3]: new_company must be text", "1 job changes added"):
        assert line in out, line
    assert [(c["contact"], c["new_company"]) for c in ok("export", "json").json()[
        "job_changes"]] == [("ana-ruiz", "Globex")]


def test_removing_a_contact_removes_its_job_changes(imported):
    ok = imported
    ok("import", "linkedin", str(LATER), today="2026-11-20")
    ok("rm", "ana", "--yes")
    assert [r["slug"] for r in ok("due", "--json", today="2026-11-21").json()] == [
        "bob-lee", "dan-o-neil"]
    assert [c["slug"] for c in ok("review", "--json", today="2026-11-21").json()[
        "job_changes"]] == ["bob-lee", "dan-o-neil"]
    # Imported again, Ana is a new contact: nothing to compare with.
    out = ok("import", "linkedin", str(LATER), today="2026-11-22").out
    assert "1 created" in out and "job change" not in out
