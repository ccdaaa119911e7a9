"""Contacts created by an import go in by the thousand: matching and cadences across batches."""

from __future__ import annotations

from netcadence.io import records

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_a_row_matching_one_from_an_earlier_batch_updates_it(ok, tmp_path, monkeypatch):
    monkeypatch.setattr(records, "FLUSH_FROM", 100)
    rows = [f"Ann,Number {n},https://www.linkedin.com/in/ann-{n},,,,01 Mar 2024"
            for n in range(250)]
    rows.append("Ann,Number 5,https://www.linkedin.com/in/ann-5,ann5@example.com,Acme,CEO,"
                "01 Mar 2024")
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = ok("import", "linkedin", path, "--cadence", "monthly", "--tag", "batch")
    assert "250 created, 1 updated, 0 unchanged, 0 skipped" in result.out
    ann = ok("show", "ann-number-5", "--json").json()
    assert ann["emails"] == ["ann5@example.com"] and ann["company"] == "Acme"
    listed = ok("list", "--tag", "batch", "--json").json()
    assert len(listed) == 250
    assert {c["cadence"] for c in listed} == {"monthly"}
    again = ok("import", "linkedin", path)
    assert "0 created, 0 updated, 251 unchanged" in again.out


def test_slugs_of_plain_ascii_names(ok, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + "\n\"O'Brien --\",Jr. ,,,,,\n***,,,,,,\nAna, Ruiz2,,,,,\n",
                    encoding="utf-8")
    ok("import", "linkedin", path)
    found = {c["slug"]: c["name"] for c in ok("list", "--json").json()}
    assert found == {"o-brien-jr": "O'Brien -- Jr.", "contact": "***", "ana-ruiz2": "Ana Ruiz2"}
