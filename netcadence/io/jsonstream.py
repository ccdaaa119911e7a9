"""Reading a large JSON file a piece at a time: its top-level keys, and list items one by one.

Each value is decoded by the standard library's C scanner from a window of the
file, so memory holds one window and one item, however long the lists are,
and a syntax error is reported with the same line, column and wording as
`json.loads` of the whole file.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from json.scanner import make_scanner
from typing import Any

from netcadence.errors import InputError
from netcadence.io.files import errors_for, open_binary

CHUNK = 1 << 20
AHEAD = 1 << 16  # a value is decoded with at least this much of the file after it in the window
VALUE_MOST = 1 << 23  # characters of one value (a contact, a touch) read whole
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NEXT_ITEM = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_scan = make_scanner(json.JSONDecoder())


class Syntax(Exception):
    """Where the file stops being JSON, worded as json.loads words it."""

    def __init__(self, msg: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {msg}")


class Reader:
    """One pass over a JSON file whose top level is an object."""

    def __init__(self, path: str, encoding: str,
                 progress: Callable[[int], None] | None = None) -> None:
        self.path = path
        self.file = open_binary(path)
        self.decoder = codecs.getincrementaldecoder(encoding)(errors=errors_for(encoding))
        self.progress = progress or (lambda n: None)
        self.window = ""
        self.pos = 0  # the next character to read, in the window
        self.eof = False
        self.start = 0  # where the window starts in the file's text
        self.lines = 0  # line breaks before the window
        self.line_start = 0  # where the line holding the window's start begins

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the window -------------------------------------------------------------------

    def _more(self) -> bool:
        """Drop what was read and append the next chunk; False at the end of the file."""
        if self.eof:
            return False
        done = self.window[:self.pos]
        breaks = done.count("\n")
        if breaks:
            self.lines += breaks
            self.line_start = self.start + done.rfind("\n") + 1
        self.start += self.pos
        chunk = self.file.read(CHUNK)
        self.progress(len(chunk))
        text = self.decoder.decode(chunk, final=not chunk)
        self.eof = not chunk
        self.window = self.window[self.pos:] + text
        self.pos = 0
        return True

    def _error(self, msg: str, at: int) -> Syntax:
        window = self.window
        before = window.rfind("\n", 0, at)
        line = self.lines + window.count("\n", 0, at) + 1
        column = at - before if before >= 0 else self.start + at - self.line_start + 1
        return Syntax(msg, line, column)

    def _skip_space(self) -> str:
        """The next character that is not whitespace ('' at the end of the file)."""
        while True:
            self.pos = _WHITESPACE.match(self.window, self.pos).end()
            if self.pos < len(self.window):
                return self.window[self.pos]
            if not self._more():
                return ""

    def _value(self) -> Any:
        """Decode the value at the reading position, widening the window when it is cut."""
        if len(self.window) - self.pos < AHEAD:
            self._more()
        while True:
            window = self.window
            cut = len(window) - 8
            try:
                value, end = _scan(window, self.pos)
            except StopIteration as stop:
                if stop.value >= cut and self._widen():
                    continue
                raise self._error("Expecting value", stop.value) from None
            except json.JSONDecodeError as error:
                if (error.pos >= cut or error.msg.startswith("Unterminated string")) \
                        and self._widen():
                    continue
                raise self._error(error.msg, error.pos) from None
            except RecursionError:
                raise self._error("nested too deeply (arrays and objects inside one another, "
                                  "hundreds of levels down)", self.pos) from None
            except ValueError as error:  # a number of thousands of digits
                raise self._error(str(error).split(":")[0], self.pos) from None
            if end >= len(window) and self._widen():
                continue  # a number may go on in the next chunk
            self.pos = end
            return value

    def _widen(self) -> bool:
        """Read on to decode one value that goes past the window, unless it holds more
        than VALUE_MOST characters: no entry of a netcadence file comes near that, and
        memory must not take whatever a file holds."""
        if len(self.window) - self.pos > VALUE_MOST:
            line = self.lines + self.window.count("\n", 0, self.pos) + 1
            raise InputError(
                f"{self.path!r}: the value at line {line} holds more than {VALUE_MOST:,} "
                "characters, more than any entry of a netcadence file; the file is refused "
                "(nothing was imported)")
        return self._more()

    # --- the document -----------------------------------------------------------------

    def top(self) -> Iterator[tuple[str, Any]]:
        """Each key of the top-level object with its value; a list comes as an iterator.

        A list's items are decoded only as the caller asks for them; those it does
        not ask for are read and dropped before the next key. A document that is
        JSON but not an object raises NotAnObject; one that is not JSON, Syntax.
        """
        first = self._skip_space()
        if first != "{":
            self._value()
            self._end()
            raise NotAnObject
        self.pos += 1
        following = self._skip_space()
        if following == "}":
            self.pos += 1
            self._end()
            return
        while True:
            if following != '"':
                raise self._error("Expecting property name enclosed in double quotes", self.pos)
            key = self._value()
            if self._skip_space() != ":":
                raise self._error("Expecting ':' delimiter", self.pos)
            self.pos += 1
            if self._skip_space() == "[":
                self.pos += 1
                items = self._items()
                yield key, items
                for _ in items:
                    pass
            else:
                yield key, self._value()
            after = self._skip_space()
            self.pos += 1
            if after == "}":
                break
            if after != ",":
                raise self._error("Expecting ',' delimiter", self.pos - 1)
            following = self._skip_space()
        self._end()

    def _items(self) -> Iterator[Any]:
        if self._skip_space() == "]":
            self.pos += 1
            return
        next_item = _NEXT_ITEM.match
        while True:
            yield self._value()
            found = next_item(self.window, self.pos)
            if found and found.end() < len(self.window):  # the common case, in one step
                self.pos = found.end()
                continue
            after = self._skip_space()
            self.pos += 1
            if after == "]":
                return
            if after != ",":
                raise self._error("Expecting ',' delimiter", self.pos - 1)
            self._skip_space()

    def _end(self) -> None:
        if self._skip_space():
            raise self._error("Extra data", self.pos)


class NotAnObject(Exception):
    """The file is JSON, but its top level is not an object."""

