"""Reading the files people import (any encoding they come in) and writing exports atomically."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from netcadence.errors import InputError

FIELD_LIMIT = 16 * 1024 * 1024
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read_bytes(path: str | Path) -> bytes:
    with open_binary(path) as file:
        try:
            return file.read()
        except OSError as error:
            raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from None


def open_binary(path: str | Path) -> BinaryIO:
    """The file opened for reading, or the error a user understands."""
    target = Path(path).expanduser()
    if not target.exists():
        raise InputError(f"there is no file {str(path)!r}; check the path")
    if target.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a file")
    try:
        return target.open("rb")
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
        raise binary(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return _checked(text, name)


def _checked(text: str, name: str) -> str:
    if "\x00" in text:
        raise binary(name)
    check_start(text[:4096], name)
    return text


def check_start(sample: str, name: str) -> None:
    """Refuse a file whose first 4,096 characters are mostly control characters."""
    odd = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if sample and odd > len(sample) // 20:
        raise binary(name)


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


def atomic_write(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    The data may come in pieces, written as they come.
    """
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
            for piece in [data] if isinstance(data, bytes) else data:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def binary(name: str) -> InputError:
    return InputError(
        f"{name!r} is a binary file, not a text export; give a CSV, vCard or JSON file")
