"""Every file netcadence writes (backups, exports, settings, the copy before a migration)
is written whole or not at all, never through a planted link, never over the database."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netcadence.atomic import write_file
from netcadence.errors import InputError
from tests.helpers import TODAY
from tests.test_faults import one_line_error, require_read_only_mount, run_read_only

NETCADENCE = [sys.executable, "-m", "netcadence"]


def seeded(ok) -> None:
    ok("add", "Ana Ruiz", "--cadence", "2w", "--email", "ana@example.com", "--note", "x" * 3000)
    for n in range(40):
        ok("add", f"Person {n}", "--note", "y" * 3000)
    ok("log", "ana", "--channel", "call", "--when", "2026-11-01")


def environment(db_url: str, tmp_path: Path) -> dict[str, str]:
    """What a netcadence process of its own needs to run on the test's database."""
    return {**os.environ, "NETCADENCE_DB": db_url, "NETCADENCE_TODAY": TODAY,
            "NETCADENCE_CONFIG": str(tmp_path / "config.toml")}


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# --- the writer itself ---------------------------------------------------------------


def test_a_link_planted_where_a_temporary_file_could_be_is_never_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    target = tmp_path / "out.json"
    for name in ("out.json.partial", "out.json.tmp", ".out.json.partial",
                 "out.json.partial-journal"):
        (tmp_path / name).symlink_to(victim)
    write_file(target, b"new data")
    assert target.read_bytes() == b"new data"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert victim.read_text() == "someone else's file"
    assert all((tmp_path / name).is_symlink() for name in ("out.json.partial", "out.json.tmp"))


def test_a_write_that_fails_half_way_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def pieces():
        yield b"first half"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_file(target, pieces())
    assert target.read_text() == "old"
    assert leftovers(tmp_path, {"out.csv"}) == []


def test_write_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_file(tmp_path / "missing" / "x.json", b"")
    with pytest.raises(InputError, match="is a folder"):
        write_file(tmp_path, b"")


def test_settings_are_written_through_the_same_writer(tmp_path, ok, monkeypatch):
    config = tmp_path / "config.toml"
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    (tmp_path / "config.toml.partial").symlink_to(victim)
    ok("config", "set", "me", "ana@example.com")  # a personal setting: the file
    assert victim.read_text() == "untouched"
    assert not config.is_symlink() and stat.S_IMODE(config.stat().st_mode) == 0o600


# --- export -o never destroys the database -------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("kind", ["csv", "json", "ics"])
def test_export_refuses_the_database_and_its_files(ok, nc, db_url, tmp_path, kind):
    seeded(ok)
    path = Path(db_url)
    before = path.read_bytes()
    (tmp_path / "link.db").symlink_to(path)
    os.link(path, tmp_path / "hard.db")
    relative = os.path.relpath(path, Path.cwd())
    for target, what in [(path, "database itself"), (relative, "database itself"),
                         (str(path.parent) + "/./" + path.name, "database itself"),
                         (tmp_path / "link.db", "database itself"),
                         (tmp_path / "hard.db", "database itself"),
                         (f"{path}-wal", "-wal"), (f"{path}-shm", "-shm"),
                         (f"{path}-journal", "-journal")]:
        one_line_error(nc("export", kind, "-o", target), what, "another file")
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()
    assert ok("list", "--json").json()[0]["slug"] == "ana-ruiz"


@pytest.mark.sqlite_only
def test_backup_refuses_the_database_files_too(ok, nc, db_url, tmp_path):
    seeded(ok)
    path = Path(db_url)
    os.link(path, tmp_path / "hard.db")
    for target in (path, tmp_path / "hard.db", f"{path}-wal", f"{path}-shm"):
        one_line_error(nc("backup", target), "database", "another file")
    assert ok("list", "--json").json()


# --- backups -------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_backup_never_follows_a_link_planted_at_its_partial_file(ok, db_url, tmp_path):
    seeded(ok)
    victim = tmp_path / "victim.db"
    victim.write_bytes(b"another user's file")
    victim.chmod(0o600)
    target = tmp_path / "copy.db"
    for end in (".partial", ".partial-journal", ".tmp"):
        Path(f"{target}{end}").symlink_to(victim)
    ok("backup", target)
    assert victim.read_bytes() == b"another user's file"
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM contact").fetchone()[0] == 41
    copy.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def _backup_with_file_size_limit(db_url: str, target: Path, tmp_path: Path, limit: int):
    """Run `backup` in a process that may not write more than `limit` bytes to a file:
    the disk is full, as far as it can tell."""
    env = environment(db_url, tmp_path)

    def limit_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([*NETCADENCE, "backup", str(target)], env=env, capture_output=True,
                          text=True, timeout=60, preexec_fn=limit_files)


@pytest.mark.sqlite_only
def test_a_backup_on_a_full_disk_leaves_nothing_behind(ok, db_url, tmp_path):
    seeded(ok)
    out = tmp_path / "out"
    out.mkdir()
    (out / "copy.db").write_bytes(b"the previous backup")
    done = _backup_with_file_size_limit(db_url, out / "copy.db", tmp_path, 64 * 1024)
    assert done.returncode == 1, done
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert str(out / "copy.db") in done.stderr and "Traceback" not in done.stderr
    assert leftovers(out, {"copy.db"}) == []
    assert (out / "copy.db").read_bytes() == b"the previous backup"


@pytest.mark.sqlite_only
def test_a_backup_onto_a_really_full_file_system(ok, db_url, tmp_path):
    """A small tmpfs that fills up (root only: mounting needs it)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare to mount a small file system")
    seeded(ok)
    out = tmp_path / "small"
    out.mkdir()
    env = environment(db_url, tmp_path)
    script = (f'mount -t tmpfs -o size=64k tmpfs "{out}" || exit 77; "$@"; code=$?; '
              f'ls -A "{out}"; exit $code')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", *NETCADENCE, "backup",
                           str(out / "copy.db")], env=env, capture_output=True, text=True,
                          timeout=60)
    if done.returncode == 77:
        pytest.skip("this system does not allow mounting a tmpfs")
    assert done.returncode == 1, done
    assert done.stdout == "", "left behind: " + done.stdout
    assert "full" in done.stderr and str(out / "copy.db") in done.stderr


@pytest.mark.sqlite_only
def test_a_backup_of_a_database_in_a_read_only_folder_names_the_paths(ok, db_url, tmp_path):
    require_read_only_mount()
    seeded(ok)
    path = Path(db_url)
    env = environment(db_url, tmp_path)
    # Beside the database (the default): the folder cannot take it.
    beside = run_read_only(path.parent, env, "backup")
    assert beside.returncode == 1 and beside.stderr.count("\n") == 1, beside.stderr
    assert str(path.parent) in beside.stderr and "read-only" in beside.stderr.lower()
    # Elsewhere: the copy is made from the read-only database.
    out = tmp_path / "elsewhere"
    out.mkdir()
    done = run_read_only(path.parent, env, "backup", str(out / "copy.db"))
    assert done.returncode == 0, done.stderr
    copy = sqlite3.connect(out / "copy.db")
    assert copy.execute("SELECT count(*) FROM contact").fetchone()[0] == 41
    copy.close()
