"""Reading the files people import (any encoding they come in) and writing exports atomically."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from netcadence.errors import InputError

FIELD_LIMIT = 16 * 1024 * 1024
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read_bytes(path: str | Path) -> bytes:
    target = Path(path).expanduser()
    if not target.exists():
        raise InputError(f"there is no file {str(path)!r}; check the path")
    if target.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a file")
    try:
        return target.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from None


def read_text(path: str | Path) -> str:
    """A text file's contents: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    data = read_bytes(path)
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            return _checked(text, name)
    if b"\x00" in data:
        raise InputError(_binary(name))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return _checked(text, name)


def _checked(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError(_binary(name))
    sample = text[:4096]
    odd = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if sample and odd > len(sample) // 20:
        raise InputError(_binary(name))
    return text


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the file line it starts on (quoted cells may span lines)."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))  # long notes are fine
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"line {start}: unreadable CSV ({error})") from None


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    target = Path(path).expanduser()
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {str(path)!r}: folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a file name")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write in {str(folder)!r}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _binary(name: str) -> str:
    return f"{name!r} is a binary file, not a text export; give a CSV, vCard or JSON file"
