"""netcadence JSON read and written a piece at a time: memory, errors, order, ids."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from netcadence.io import export, files, jsonfile, jsonstream
from netcadence.store import schedule


@pytest.fixture
def small_pieces(monkeypatch):
    """Windows, batches and pages of a few items, so that small files cross many of them."""
    monkeypatch.setattr(jsonstream, "CHUNK", 512)
    monkeypatch.setattr(files, "CHUNK", 512)
    monkeypatch.setattr(jsonstream, "AHEAD", 128)
    monkeypatch.setattr(jsonfile, "BATCH", 50)
    monkeypatch.setattr(jsonfile, "BULK_FROM", 100)
    monkeypatch.setattr(export, "PAGE", 7)
    monkeypatch.setattr(schedule, "TOUCHES", 50)


def network(count: int, prefix: str) -> dict:
    """A hundred contacts and `count` touches with long notes (told apart by `prefix`)."""
    contacts = [{"name": f"Contact {n}", "slug": f"contact-{n}"} for n in range(100)]
    touches = [{"contact": f"contact-{n % 100}", "date": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "channel": "email", "note": f"{prefix} {n} " + "x" * 400} for n in range(count)]
    return {"netcadence": 1, "contacts": contacts, "touches": touches}


def write(tmp_path, doc, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def peak_while(run) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_touches(ok, tmp_path, small_pieces):
    ok("import", "json", str(write(tmp_path, network(5, "warm"), "warm.json")))
    few = write(tmp_path, network(300, "few"), "few.json")
    many = write(tmp_path, network(1200, "many"), "many.json")
    peak_few = peak_while(lambda: ok("import", "json", str(few)))
    peak_many = peak_while(lambda: ok("import", "json", str(many)))
    # Holding the extra 900 touches at once (as parsing the whole file does) takes
    # more than their text alone: 900 notes of 400 characters.
    whole_file = 900 * 400
    assert peak_many - peak_few < whole_file / 2
    assert ok("export", "json").json()["touches"].__len__() == 5 + 300 + 1200


def nth(text: str, old: str, new: str, n: int) -> str:
    """The text with the n-th occurrence of old (counting from 1) replaced by new."""
    parts = text.split(old)
    return old.join(parts[:n]) + new + old.join(parts[n:])


@pytest.mark.parametrize("broken", [
    lambda text: nth(text, '"channel": "email"', '"channel" "email"', 20),
    lambda text: nth(text, '"channel": "email"', '"channel": "email"}', 25),
    lambda text: nth(text, '"note"', "'note'", 28),
    lambda text: nth(text, '"date"', '"date": "2025-01-01", 3', 29),
    lambda text: text[:-3],
    lambda text: text + "x",
    lambda text: text.replace("}\n ]", "},\n ]", 1),
    lambda text: nth(text, "x" * 400, "x" * 300 + "\x01", 27),
])
def test_syntax_errors_say_where_as_the_whole_file_parser_does(nc, ok, tmp_path, small_pieces,
                                                                broken):
    text = broken(json.dumps(network(30, "c"), indent=1))
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    error = expected.value
    result = nc("import", "json", str(path))
    assert result.code == 1
    where = f"line {error.lineno}, column {error.colno}: {error.msg}"
    assert result.err.strip() == f"netcadence: {str(path)!r} is not JSON ({where})"
    assert ok("list", "--json").json() == []


def test_sections_in_any_order_and_the_version_last(ok, tmp_path, small_pieces):
    doc = network(120, "c")
    cadences = [{"name": "fortnight", "every": "2w"}]
    for contact in doc["contacts"]:
        contact["cadence"] = "fortnight"
    turned = {"touches": doc["touches"], "contacts": doc["contacts"], "cadences": cadences,
              "netcadence": 1}
    result = ok("import", "json", str(write(tmp_path, turned)))
    assert "100 created" in result.out and "120 touches added" in result.out
    assert {c["cadence"] for c in ok("export", "json").json()["contacts"]} == {"fortnight"}


def test_touches_without_an_id_come_after_the_highest_id(ok, tmp_path, small_pieces):
    doc = network(130, "c")
    for number, touch in enumerate(doc["touches"]):
        if number % 3 == 0:
            touch["id"] = 1000 + number  # ids in the file, some after touches without one
    ok("import", "json", str(write(tmp_path, doc)))
    touches = ok("export", "json").json()["touches"]
    by_note = {t["note"]: t["id"] for t in touches}
    given = [1000 + n for n in range(130) if n % 3 == 0]
    assert sorted(by_note[doc["touches"][n]["note"]] for n in range(130) if n % 3 == 0) == given
    without = [by_note[doc["touches"][n]["note"]] for n in range(130) if n % 3]
    assert without == list(range(max(given) + 1, max(given) + 1 + len(without)))


def test_a_touch_repeated_in_a_later_batch_is_not_added_twice(ok, tmp_path, small_pieces):
    doc = network(60, "c")
    doc["touches"].append(dict(doc["touches"][0]))
    result = ok("import", "json", str(write(tmp_path, doc)))
    assert "60 touches added, 1 touches already there" in result.out
    again = ok("import", "json", str(write(tmp_path, doc, "again.json")))
    assert "0 touches added, 61 touches already there" in again.out
    assert len(ok("export", "json").json()["touches"]) == 60


def test_round_trip_across_many_pages_and_batches(ok, nc, tmp_path, small_pieces, monkeypatch):
    ok("import", "json", str(write(tmp_path, network(140, "c"))))
    first = ok("export", "json").out
    dates = [(t["date"], t["id"]) for t in json.loads(first)["touches"]]
    assert dates == sorted(dates) and len(dates) == 140
    exported = tmp_path / "out.json"
    ok("export", "json", "-o", str(exported))
    assert exported.read_text(encoding="utf-8") == first
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "other.db"))
    ok("import", "json", str(exported))
    assert ok("export", "json").out == first


def test_a_utf16_file_and_a_binary_one(nc, ok, tmp_path, small_pieces):
    path = tmp_path / "utf16.json"
    doc = network(20, "n")
    for number, contact in enumerate(doc["contacts"]):
        contact["name"] = f"Núñez {number}"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-16")
    assert "20 touches added" in ok("import", "json", str(path)).out
    assert "Núñez 3" in {c["name"] for c in ok("export", "json").json()["contacts"]}
    binary = tmp_path / "binary.json"
    binary.write_bytes(b'{"netcadence": 1}' + b"\x00" * 2000)
    result = nc("import", "json", str(binary))
    assert result.code == 1 and "is a binary file" in result.err
