"""Folding, slugs and safe display of text that users typed."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """A key for case- and accent-insensitive comparison."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def normalize_tag(tag: str) -> str:
    return " ".join(tag.strip().lower().split())


def slugify(name: str) -> str:
    """Letters and digits of any script, accents decomposed away, other runs as `-`."""
    decomposed = unicodedata.normalize("NFKD", name)
    out: list[str] = []
    dash = False
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if unicodedata.category(ch)[0] in "LN":
            if dash and out:
                out.append("-")
            dash = False
            out.append(ch.lower())
        else:
            dash = True
    return "".join(out) or "contact"


def printable(text: str | None) -> str:
    """User text as it was typed, without control characters (newlines become spaces)."""
    if not text:
        return ""
    cleaned = []
    for ch in text:
        if ch in "\n\r\t":
            cleaned.append(" ")
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            cleaned.append(ch)
    return "".join(cleaned)


def name_words(name: str) -> list[str]:
    """The folded words of a name, split on spaces and hyphens."""
    return [word for word in fold(name).replace("-", " ").split() if word]
