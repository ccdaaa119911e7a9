"""Ctrl-C during an import: one line, exit 130, nothing written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.helpers import TODAY


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_ctrl_c_during_an_import(tmp_path, kind):
    if kind == "csv":
        path = tmp_path / "people.csv"
        path.write_text("name,email,note\n" + "".join(
            f'Person {n},p{n}@example.com,"a note, with a comma"\n' for n in range(100_000)))
        args = ["import", "csv", str(path), "--map", "name=name,email=email,note=note"]
    else:
        path = tmp_path / "people.vcf"
        path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\n"
                                f"EMAIL:p{n}@example.com\r\nEND:VCARD\r\n"
                                for n in range(12_000)))
        args = ["import", "vcard", str(path)]
    db = tmp_path / "data" / "n.db"
    env = {**os.environ, "NETCADENCE_DB": str(db), "NETCADENCE_TODAY": TODAY,
           "NETCADENCE_CONFIG": str(tmp_path / "config.toml")}
    subprocess.run([sys.executable, "-m", "netcadence", "add", "Ana Ruiz"], env=env,
                   check=True, capture_output=True)
    running = subprocess.Popen(
        [sys.executable, "-m", "netcadence", *args], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Interrupted once the import writes: its transaction has spilled into the WAL file.
    wal = db.with_name(db.name + "-wal")
    deadline = time.monotonic() + 120
    while running.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.02)
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert (running.returncode, out, err) == (130, "", "netcadence: interrupted\n")
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT name FROM contact").fetchall() == [("Ana Ruiz",)]
    finally:
        conn.close()
