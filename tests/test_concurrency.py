"""Several netcadence processes at once, and a process killed in the middle of a write."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import TODAY, dump_database

WORKERS = 4
LOGS_EACH = 10

WORKER = """
import sys
from netcadence.cli.main import dispatch

worker = int(sys.argv[1])
codes = []
for n in range({logs}):
    # Each log is a whole command: its own connection and transaction.
    contact = ("ana-ruiz", "bob-stone")[n % 2]
    day = "2026-11-%02d" % (1 + (worker * {logs} + n) % 20)
    codes.append(dispatch(["log", contact, "--channel", "email", "--when", day,
                           "--note", "w%d-n%d" % (worker, n), "--by", "worker%d" % worker]))
sys.exit(max(codes))
"""


def nc_env(db_url: str, tmp_path: Path) -> dict:
    return {**os.environ, "NETCADENCE_DB": db_url, "NETCADENCE_TODAY": TODAY,
            "NETCADENCE_CONFIG": str(tmp_path / "config.toml"), "NETCADENCE_USER": "tester"}


def test_processes_logging_at_the_same_time_lose_nothing(db_url, ok, tmp_path):
    ok("cadence", "define", "series", "--step", "1d:email", "--step", "1w:email",
       "--step", "1m:coffee", "--every", "3m")
    ok("add", "Ana Ruiz", "--cadence", "2w")
    ok("add", "Bob Stone", "--cadence", "series", today="2026-10-31")
    script = tmp_path / "worker.py"
    script.write_text(WORKER.format(logs=LOGS_EACH))
    env = nc_env(db_url, tmp_path)
    workers = [
        subprocess.Popen([sys.executable, str(script), str(w)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in range(WORKERS)
    ]
    results = [(w.wait(timeout=180), *w.communicate()) for w in workers]
    for code, _out, err in results:
        assert code == 0, err
        assert "locked" not in err and "Traceback" not in err

    ana = ok("show", "ana-ruiz", "--json").json()
    bob = ok("show", "bob-stone", "--json").json()
    notes = sorted(t["note"] for t in ana["touches"] + bob["touches"])
    assert notes == sorted(f"w{w}-n{n}" for w in range(WORKERS) for n in range(LOGS_EACH))
    assert {t["by"] for t in ana["touches"]} == {f"worker{w}" for w in range(WORKERS)}

    # The stored schedules are what the same touches give when logged one by one.
    replay = tmp_path / "replay.db"
    ok("--db", replay, "cadence", "define", "series", "--step", "1d:email", "--step",
       "1w:email", "--step", "1m:coffee", "--every", "3m")
    ok("--db", replay, "add", "Ana Ruiz", "--cadence", "2w")
    ok("--db", replay, "add", "Bob Stone", "--cadence", "series", today="2026-10-31")
    for contact in (ana, bob):
        for touch in contact["touches"]:
            ok("--db", replay, "log", contact["slug"], "--channel", "email",
               "--when", touch["date"])
    for contact in (ana, bob):
        again = ok("--db", replay, "show", contact["slug"], "--json").json()
        assert (again["next_due"], again["step"]) == (contact["next_due"], contact["step"])
    last = max(t["date"] for t in ana["touches"])
    assert ana["next_due"] == ok("--db", replay, "show", "ana", "--json").json()["next_due"]
    assert last == "2026-11-19"
    assert ana["next_due"] == "2026-12-03"


def big_import(path: Path, people: int) -> None:
    contacts = [{"name": f"Person {i}", "emails": [f"p{i}@example.com"], "tags": ["bulk"],
                 "note": "imported " * 10} for i in range(people)]
    touches = [{"contact": f"person-{i}", "date": "2026-11-01", "channel": "email",
                "note": f"hello {i}"} for i in range(people)]
    path.write_text(json.dumps({"netcadence": 1, "contacts": contacts, "touches": touches}))


def _writing(db_url: str, backend: str) -> bool:
    """True while another connection holds netcadence's write lock."""
    if backend == "sqlite":
        conn = sqlite3.connect(db_url, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
    from tests.helpers import pg_admin

    with pg_admin() as admin:
        return bool(admin.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = %s",
            (db_url.rsplit("/", 1)[1].split("?")[0],),
        ).fetchone()[0])


def _server_done(db_url: str) -> None:
    """Wait until the server has rolled back the killed client's transaction."""
    from tests.helpers import pg_admin

    name = db_url.rsplit("/", 1)[1].split("?")[0]
    deadline = time.monotonic() + 20
    with pg_admin() as admin:
        while time.monotonic() < deadline:
            busy = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                "pg_backend_pid()", (name,)
            ).fetchone()[0]
            if not busy:
                return
            time.sleep(0.1)
    raise AssertionError("the server kept the killed client's session")


def test_a_killed_import_leaves_the_database_as_it_was(db_url, ok, nc, backend, tmp_path):
    """SIGKILL in the middle of `import json`: nothing of it lands, the file stays sound."""
    ok("add", "Ana Ruiz", "--cadence", "2w", "--email", "ana@example.com")
    ok("log", "ana", "--channel", "coffee", "--when", "2026-11-02")
    big = tmp_path / "big.json"
    big_import(big, 12000)
    url = db_url if backend == "postgresql" else "sqlite:///" + db_url
    before = dump_database(url)

    importer = subprocess.Popen(
        [sys.executable, "-m", "netcadence", "import", "json", str(big)],
        env=nc_env(db_url, tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not _writing(db_url, backend):
        assert importer.poll() is None, "the import ended before it was seen writing"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)  # well into the transaction
    assert importer.poll() is None, "the import finished before it could be killed"
    os.kill(importer.pid, signal.SIGKILL)
    assert importer.wait(timeout=30) == -signal.SIGKILL

    if backend == "sqlite":
        conn = sqlite3.connect(db_url)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    else:
        _server_done(db_url)
    assert dump_database(url) == before
    info = ok("info", "--json").json()
    assert (info["contacts"], info["touches"]) == (1, 1)
    ok("log", "ana", "--channel", "email")
    assert ok("info", "--json").json()["touches"] == 2


@pytest.mark.sqlite_only
def test_first_use_by_several_processes_at_once(tmp_path):
    """Processes that all find no database create it once, and all succeed."""
    path = tmp_path / "fresh" / "netcadence.db"
    env = nc_env(str(path), tmp_path)
    runs = [
        subprocess.Popen([sys.executable, "-m", "netcadence", "add", f"Person {n}"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.communicate()[1]
    listed = subprocess.run([sys.executable, "-m", "netcadence", "list", "--json"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert sorted(c["slug"] for c in json.loads(listed.stdout)) == [
        f"person-{n}" for n in range(4)]
