"""Curly apostrophes (’ ‘ ʼ ′) compare as the straight one, and `find` ignores
apostrophes and hyphens."""

from __future__ import annotations

import sqlite3

import pytest


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in lines) + "END:VCARD\r\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("apostrophe", ["\u2019", "\u2018", "\u02bc", "\u2032"])
def test_curly_apostrophes_are_found_as_straight_ones(ok, tmp_path, apostrophe):
    ok("import", "vcard", write(tmp_path, "ken.vcf", card(f"FN:Ken O{apostrophe}Brien")))
    ok("add", f"Siobhan D{apostrophe}Arcy-Smith", "--company", f"O{apostrophe}Reilly Media")
    assert ok("show", "ken o'brien", "--json").json()["slug"] == "ken-o-brien"
    assert ok("show", f"KEN O{apostrophe}BRIEN", "--json").json()["slug"] == "ken-o-brien"
    for text in ("obrien", "o'brien", "O\u2019Brien", "o-brien", "ken o'b"):
        assert [c["slug"] for c in ok("find", text, "--json").json()] == ["ken-o-brien"], text
    for text in ("darcysmith", "d'arcy smith", "arcy-smith", "oreilly", "o'reilly"):
        assert [c["slug"] for c in ok("find", text, "--json").json()] == [
            "siobhan-d-arcy-smith"], text
    # The same person imported again with a straight apostrophe is the same contact.
    again = ok("import", "vcard", write(tmp_path, "ken2.vcf", card("FN:Ken O'Brien")))
    assert "0 created" in again.out and "1 unchanged" in again.out


def test_tags_with_curly_apostrophes_compare_as_straight_ones(ok):
    ok("add", "Ana Ruiz", "--tag", "women\u2019s network")
    assert [c["slug"] for c in ok("list", "--tag", "women's network", "--json").json()] == [
        "ana-ruiz"]


@pytest.mark.sqlite_only
def test_keys_stored_with_curly_apostrophes_are_folded_when_the_schema_is_upgraded(
        ok, empty_db_url, monkeypatch):
    """A database written before this rule keeps its keys with ’: the upgrade folds them."""
    from netcadence.store import db as store_db
    from netcadence.store import migrate
    from netcadence.store.db import locate

    db_url = empty_db_url
    monkeypatch.setenv("NETCADENCE_DB", db_url)
    location = locate(db_url)
    location.path.parent.mkdir(mode=0o700)
    migrate.upgrade_to_head(location, "0003")
    conn = sqlite3.connect(db_url)
    with conn:
        conn.execute("INSERT INTO contact (id, slug, name, name_key, created_on, archived, "
                     "cadence_mode) VALUES (1, 'ken-o-brien', 'Ken O\u2019Brien', "
                     "'ken o\u2019brien', '2026-01-05', 0, 'tag')")
        for key in ("women\u2019s network", "women's network", "o\u2018neill"):
            conn.execute("INSERT INTO contact_tag (contact_id, tag_key, tag) VALUES (1, ?, ?)",
                         (key, key))
        conn.execute("INSERT INTO tag_default (tag_key, tag, cadence_inline) "
                     "VALUES ('o\u2018neill', 'o\u2018neill', '2w')")
    conn.close()
    monkeypatch.setattr(store_db, "HEAD_REVISION", store_db.HEAD_REVISION)
    assert ok("show", "ken o'brien", "--json").json()["slug"] == "ken-o-brien"
    conn = sqlite3.connect(db_url)
    assert conn.execute("SELECT name_key FROM contact").fetchall() == [("ken o'brien",)]
    assert sorted(conn.execute("SELECT tag_key FROM contact_tag")) == [
        ("o'neill",), ("women's network",)]
    assert conn.execute("SELECT tag_key FROM tag_default").fetchall() == [("o'neill",)]
    conn.close()
