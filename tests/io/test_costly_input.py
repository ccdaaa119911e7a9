"""Input that costs too much: a huge value, a huge record, thousands of folded lines.
Each import stays well under 200 MiB and a few seconds, cuts what is too long and
says so in the summary."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcadence.errors import InputError
from netcadence.io import files
from tests.helpers import TODAY

MiB = 1024 * 1024
# Runs netcadence in a process of its own and reports that process's peak memory: on
# Linux its VmHWM (getrusage's figure would count the test process it was forked from).
MEASURED = (
    "import re, resource, sys\n"
    "from netcadence.cli.main import dispatch\n"
    "code = dispatch(sys.argv[1:])\n"
    "try:\n"
    "    with open('/proc/self/status') as status:\n"
    "        peak = int(re.search(r'VmHWM:\\s*(\\d+) kB', status.read()).group(1)) * 1024\n"
    "except OSError:\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    peak *= 1 if sys.platform == 'darwin' else 1024\n"
    "print(peak, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def import_measured(tmp_path, *args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run `netcadence import ARGS…` on a fresh database: the result, seconds, MiB."""
    env = {**os.environ, "NETCADENCE_DB": str(tmp_path / "data" / "n.db"),
           "NETCADENCE_TODAY": TODAY, "NETCADENCE_CONFIG": str(tmp_path / "config.toml")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURED, "import", *args], env=env,
                          capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    *err, peak = done.stderr.splitlines() or [""]
    done.stderr = "".join(line + "\n" for line in err)
    return done, seconds, int(peak) / MiB


def stored(tmp_path, sql: str):
    import sqlite3

    conn = sqlite3.connect(tmp_path / "data" / "n.db")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_30_mb_note_is_cut(tmp_path):
    path = tmp_path / "note.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\nNOTE:" + "x" * 30_000_000
                    + "\r\nEND:VCARD\r\n")
    done, seconds, peak = import_measured(tmp_path, "vcard", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "netcadence: line 1: note cut to 100,000 characters\n"
    assert "1 created" in done.stdout
    assert stored(tmp_path, "SELECT length(note) FROM contact") == [(100_000,)]
    assert peak < 200, f"{peak:.0f} MiB"  # it took 4.2 GiB
    assert seconds < 30


def test_8_mb_of_folded_lines(tmp_path):
    path = tmp_path / "folded.vcf"
    with open(path, "w") as out:
        out.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Folded\r\nNOTE:start\r\n")
        out.write((" " + "y" * 73 + "\r\n") * (8_000_000 // 76))
        out.write("END:VCARD\r\n")
    done, seconds, peak = import_measured(tmp_path, "vcard", str(path))
    assert done.returncode == 0, done.stderr
    assert "line 1: note cut to 100,000 characters" in done.stderr
    assert stored(tmp_path, "SELECT length(note) FROM contact") == [(100_000,)]
    assert peak < 200, f"{peak:.0f} MiB"
    assert seconds < 15  # it took 32 s: each folded line copied the value so far


def test_one_contact_with_50000_emails(tmp_path):
    path = tmp_path / "emails.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Mails\r\n"
                    + "".join(f"EMAIL:p{i}@example.com\r\n" for i in range(50_000))
                    + "END:VCARD\r\n")
    done, seconds, peak = import_measured(tmp_path, "vcard", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "netcadence: line 1: only the first 100 emails kept\n"
    assert stored(tmp_path, "SELECT count(*) FROM contact_email") == [(100,)]
    assert peak < 200, f"{peak:.0f} MiB"
    assert seconds < 15  # it took 126 s: each email was compared with every other


def test_a_json_contact_with_50000_emails_phones_and_tags_merges_in_linear_time(tmp_path):
    """netcadence's own format keeps what it is given, so the merge itself must be linear."""
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"netcadence": 1, "contacts": [{
        "name": "Many", "emails": [f"j{i}@example.com" for i in range(50_000)],
        "phones": [f"+1 555 {i:07d}" for i in range(50_000)],
        "tags": [f"t{i}" for i in range(50_000)]}]}))
    done, seconds, peak = import_measured(tmp_path, "json", str(path))
    assert done.returncode == 0, done.stderr
    assert stored(tmp_path, "SELECT count(*) FROM contact_email") == [(50_000,)]
    assert seconds < 30  # it took 291 s
    assert peak < 200, f"{peak:.0f} MiB"


def test_a_30_mb_cell_of_a_csv_is_cut(tmp_path):
    path = tmp_path / "note.csv"
    path.write_text('name,email,note\nBig Note,big@example.com,"' + "z" * 30_000_000 + '"\n'
                    "Next One,next@example.com,short\n")
    done, seconds, peak = import_measured(
        tmp_path, "csv", str(path), "--map", "name=name,email=email,note=note")
    assert done.returncode == 0, done.stderr  # it was refused whole
    assert done.stderr == "netcadence: line 2: note cut to 100,000 characters\n"
    assert "2 created" in done.stdout
    assert stored(tmp_path, "SELECT length(note) FROM contact ORDER BY id") == [(100_000,), (5,)]
    assert peak < 200, f"{peak:.0f} MiB"


def test_a_30_mb_json_value_is_refused_in_one_line(tmp_path):
    path = tmp_path / "note.json"
    path.write_text(json.dumps({"netcadence": 1, "contacts": [
        {"name": "Big Note", "note": "x" * 30_000_000}]}))
    done, seconds, peak = import_measured(tmp_path, "json", str(path))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "holds more than 8,388,608 characters" in done.stderr
    assert peak < 200, f"{peak:.0f} MiB"


def test_long_values_are_cut_and_said(tmp_path):
    path = tmp_path / "long.csv"
    rows = [["name", "email", "company", "tags", "phone"],
            ["N" * 300, "a@example.com", "C" * 250, "t" * 150, "+1 555 0100"],
            ["Tagged", "b@example.com", "Acme", ",".join(f"t{i}" for i in range(150)),
             "9" * 120]]
    with open(path, "w", newline="") as out:
        csv.writer(out).writerows(rows)
    done, _, _ = import_measured(tmp_path, "csv", str(path), "--map",
                                 "name=name,email=email,company=company,tags=tags,phone=phone")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "netcadence: line 2: name cut to 200 characters",
        "netcadence: line 2: company cut to 200 characters",
        "netcadence: line 2: tag cut to 100 characters",
        "netcadence: line 3: only the first 100 tags kept",
        "netcadence: line 3: '999999999999999999999999999999999999999999999999999999999...' "
        "is not a phone number (more than 100 characters); not stored",
    ]
    assert stored(tmp_path, "SELECT length(name), length(company) FROM contact ORDER BY id") == [
        (200, 200), (6, 4)]
    assert stored(tmp_path, "SELECT count(*) FROM contact_tag WHERE contact_id = 2") == [(100,)]
    assert stored(tmp_path, "SELECT count(*) FROM contact_phone") == [(1,)]


# --- the CSV reader keeps what the csv module reads, within its limits ----------------


def reference(text: str) -> list:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        rows.append(("error", start, "end of data" in str(error)))
    return rows


def read(text: str) -> list:
    rows = []
    try:
        for line, row in files.CsvRows(text):
            rows.append((line, row))
    except InputError as error:
        rows.append(("error", int(str(error).split(":")[0].split()[1]), "never closed" in str(
            error)))
    return rows


CSV_TEXT = st.lists(st.sampled_from(["a", "b", "é", " ", ",", '"', '""', "\n", "\r", "\r\n"]),
                    max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=CSV_TEXT, piece=st.sampled_from([2, 3, 5, 1 << 16]))
def test_rows_are_the_csv_modules_rows(text, piece):
    """Whatever the pieces a file is read in, the rows, their lines and the errors are
    those of the csv module reading the whole text."""
    saved = files.LINE_PIECE
    files.LINE_PIECE = piece
    try:
        assert read(text) == reference(text)
    finally:
        files.LINE_PIECE = saved


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=CSV_TEXT, piece=st.sampled_from([3, 5, 1 << 16]))
def test_cells_rows_and_cells_per_row_are_cut_to_their_limits(text, piece):
    """With tiny limits: the same lines, and each cell the start of the whole one."""
    limits = {"LINE_PIECE": piece, "CELL_MOST": 3, "ROW_MOST": 8, "CELLS_MOST": 3}
    saved = {name: getattr(files, name) for name in limits}
    for name, value in limits.items():
        setattr(files, name, value)
    try:
        whole, cut = reference(text), read(text)
    finally:
        for name, value in saved.items():
            setattr(files, name, value)
    if whole and whole[-1][0] == "error":
        if whole[-1][2]:  # a quoted cell never closed is refused, whatever was cut
            assert cut[-1][0] == "error" and cut[-1][2]
        return
    assert [line for line, _ in cut] == [line for line, _ in whole]
    for (_, full), (_, kept) in zip(whole, cut, strict=True):
        assert len(kept) <= min(len(full) + 1, 4)
        assert all(len(cell) <= 3 and whole_cell.startswith(cell)
                   for whole_cell, cell in zip(full, kept, strict=False))


@pytest.mark.parametrize("text", ["", "\n", "a", "a,b", '"a\nb"', "a\r\nb"])
def test_edges(text):
    assert read(text) == reference(text)
