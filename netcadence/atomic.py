"""The one way netcadence writes a file: whole or not at all, never through a planted link.

Backups, exports, the settings file and the copy taken before a migration all come
here. The data goes into a new file that only this process can have created (a
random name in the target's folder, opened with O_CREAT | O_EXCL, which neither
reuses an existing file nor follows a link), readable by its owner only; it is
synced, then renamed over the target. On any failure, a full disk or Ctrl-C
included, the temporary file and whatever SQLite made beside it are removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from netcadence.errors import InputError

# What SQLite may create beside a database file while it writes one.
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A new empty private file beside `target`, which replaces `target` when the block
    ends without an error. OSError is left to the caller to word."""
    import tempfile

    folder = target.parent
    # Room for the random part: a name longer than the system allows fails in mkstemp.
    fd, name = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".partial",
                                dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        _sync(temp)
        os.replace(temp, target)
    except BaseException:
        for leftover in (temp, *(Path(name + end) for end in SQLITE_COMPANIONS)):
            try:
                leftover.unlink()
            except OSError:
                pass
        raise
    _sync_folder(folder)


def write_file(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or pieces of bytes written as they come) to `path`.

    Errors name the file: a missing folder, a folder given as the file, a full
    disk, no permission.
    """
    target = Path(path).expanduser()
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {str(path)!r}: folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a file name")
    try:
        with replacing(target) as temp, os.fdopen(_open_own(temp), "wb") as out:
            for piece in [data] if isinstance(data, bytes) else data:
                out.write(piece)
    except OSError as error:
        raise InputError(f"cannot write {str(path)!r}: {error.strerror or error}") from None


def _open_own(path: Path, flags: int = os.O_WRONLY) -> int:
    """Open the temporary file again, refusing a link put in its place meanwhile."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _sync(path: Path) -> None:
    fd = _open_own(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows syncing a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
