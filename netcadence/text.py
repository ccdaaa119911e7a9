"""Folding, slugs and safe display of text that users typed."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


# Apostrophes as phones and word processors write them, compared as the one on keyboards.
APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"}
_APOSTROPHES = str.maketrans(APOSTROPHES)


def fold(text: str) -> str:
    """A key for case- and accent-insensitive comparison (’ ‘ ʼ ′ compare as ')."""
    if text.isascii():  # nothing to decompose: the common case, kept fast
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def normalize_tag(tag: str) -> str:
    """A tag as it is kept: lower-case, on one line, runs of spaces made one."""
    return (clean_line(tag) or "").lower()


def clean_line(text: str | None) -> str | None:
    """Text kept on one line (names, companies, phones): control characters dropped, every
    run of whitespace one space, trimmed; None when nothing is left."""
    if not text:
        return None
    if not text.isprintable():  # tabs, newlines or control characters
        text = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")
    return " ".join(text.split()) or None


def clean_note(text: str | None) -> str | None:
    """Text that may run over lines (a contact's note): as `lines` keeps it, trimmed;
    None when nothing is left."""
    return lines(text).strip() or None if text else None


def lines(text: str) -> str:
    """Text with its line breaks (each one newline) and tabs, other control characters
    dropped."""
    if text.isprintable():  # no control characters: the common case, kept fast
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def slugify(name: str) -> str:
    """Letters and digits of any script, accents decomposed away, other runs as `-`.

    Accents are the marks on Latin, Greek, Cyrillic, Hebrew and Arabic letters; marks
    that are part of a letter elsewhere (Devanagari vowel signs, the kana voicing mark)
    stay, and the result is recomposed so that Hangul syllables come back whole.
    """
    if name.isascii():  # no accents or other scripts: the common case, kept fast
        return "-".join(_NOT_ALNUM.split(name.lower())).strip("-") or "contact"
    name = name.translate(_APOSTROPHES)  # ʼ is a letter to Unicode, an apostrophe to people
    out: list[str] = []
    dash = False
    keep_marks = False
    for ch in unicodedata.normalize("NFKD", name):
        category = unicodedata.category(ch)
        if category[0] == "M":
            if keep_marks:
                out.append(ch)
            continue
        if category[0] in "LN":
            if dash and out:
                out.append("-")
            dash = False
            out.append(ch.lower())
            keep_marks = category[0] == "L" and not _takes_accents(ch)
        else:
            dash = True
            keep_marks = False
    return unicodedata.normalize("NFC", "".join(out)) or "contact"


def _takes_accents(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith(_ACCENTED_SCRIPTS)


_ACCENTED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "HEBREW", "ARABIC")


def printable(text: str | None) -> str:
    """User text as it was typed, without control characters (newlines become spaces)."""
    if not text:
        return ""
    if text.isprintable():  # no control characters: the common case, kept fast
        return text
    cleaned = []
    for ch in text:
        if ch in "\n\r\t":
            cleaned.append(" ")
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            cleaned.append(ch)
    return "".join(cleaned)


def loose(text: str) -> tuple[str, str]:
    """What `find` compares: the folded text without apostrophes, once with its hyphens
    dropped and once with them as spaces, so that `obrien`, `o'brien` and `O’Brien`
    find each other, and `jeanluc`, `jean luc` and `Jean-Luc`."""
    folded = fold(text).replace("'", "")
    return folded.replace("-", ""), " ".join(folded.replace("-", " ").split())


def loosely_in(wanted: tuple[str, str], text: str) -> bool:
    """Whether text holds what was looked for (`wanted`, from loose)."""
    dropped, spaced = loose(text)
    return wanted[0] in dropped or wanted[1] in spaced


def name_words(name: str) -> list[str]:
    """The folded words of a name, split on spaces and hyphens."""
    return [word for word in fold(name).replace("-", " ").split() if word]
