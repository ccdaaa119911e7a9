"""What one value may hold: the same limits on SQLite and PostgreSQL, checked at every door.

SQLite stores a 600-character company, a NUL character or a touch id of 2³¹ without
a word; PostgreSQL refuses each. Every writer (commands, imports, sync) checks its
values here first, so that a network that fits one backend fits the other and the
same value gets the same message whichever door it came through.
"""

from __future__ import annotations

from netcadence.errors import InputError

MOST_ID = 2_147_483_647  # ids are 32-bit integers on PostgreSQL
MOST_GIVE_UP = 1_000  # unanswered touches before a contact is set aside
# Characters in one value, as the schema holds them (tests hold this against models.py).
LENGTHS = {
    "name": 500, "company": 500, "title": 500, "how": 2000, "linkedin": 500,
    "vcard_uid": 500, "email": 500, "phone": 100, "tag": 200, "note": 100_000,
    "by": 200, "event": 500, "cadence": 200, "label": 500, "goal": 200, "setting": 200,
}


def text(what: str, value: str, kind: str | None = None) -> str:
    """The value, if it is text the database can hold within the limit of `kind`
    (`what` by default); else InputError saying what is wrong with it."""
    most = LENGTHS[kind or what]
    if len(value) > most:
        raise InputError(f"{what} is too long: at most {most:,} characters "
                         f"(it has {len(value):,})")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            bad = value[error.start]
            raise InputError(f"{what} is not valid text: it holds a lone surrogate "
                             f"(\\u{ord(bad):04x})") from None
    return value


def maybe_text(what: str, value: str | None, kind: str | None = None) -> str | None:
    return None if value is None else text(what, value, kind)


def whole(what: str, value: object, most: int = MOST_ID) -> int:
    """A whole number from 1 to `most`, or InputError."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputError(f"{what} must be a whole number from 1 to {most:,} (got {value!r})")
    if value > most:
        shown = str(value) if value < 10 ** 30 else f"a number of {len(str(value))} digits"
        raise InputError(f"{what} {shown} is out of range; give a whole number from 1 to "
                         f"{most:,}")
    return value
