"""Did-you-mean suggestions for names, channels, cadences and settings.

Text is compared as people mistype it: case, accents and punctuation aside, by the
share of characters two strings have in common in order (difflib's ratio), and
also word by word in any order, each word typed against the closest word of the
choice ("ruis" finds "Ana Ruiz"), which counts a little less. Only the standard
library: an unknown name on `log` costs about what the command itself does.
"""

from __future__ import annotations

from collections.abc import Iterable

CUTOFF = 0.6
PART = 0.9  # a match word by word counts a little less than one of the whole text


def key(text: str) -> str:
    """Lower case, accents dropped, every run of other than letters and digits one space."""
    from netcadence.text import fold

    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def closest(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices most like `word` (at most `limit`), best first, ties in their order."""
    from difflib import SequenceMatcher

    wanted = key(word)
    if not wanted:
        return []
    whole = _matcher(SequenceMatcher, wanted)
    words = [_matcher(SequenceMatcher, part) for part in wanted.split()]
    against: dict[str, list[float]] = {}  # a word of the choices → how alike each typed one is
    scored = []
    for index, choice in enumerate(dict.fromkeys(choices)):
        text = key(choice)
        best = _ratio(whole, text)
        if len(words) > 1 or " " in text:  # word by word, in any order
            each = [0.0] * len(words)
            for part in text.split():
                if part not in against:
                    against[part] = [_ratio(matcher, part) for matcher in words]
                each = [max(pair) for pair in zip(each, against[part], strict=True)]
            best = max(best, PART * sum(each) / len(each))
        if best >= CUTOFF:
            scored.append((-best, index, choice))
    return [choice for _score, _index, choice in sorted(scored)[:limit]]


def _matcher(kind, text: str):
    matcher = kind(autojunk=False)
    matcher.set_seq2(text)
    return matcher


def _ratio(matcher, text: str) -> float:
    """How alike the text and the matcher's are, from 0 to 1 (0 for the clearly unlike)."""
    matcher.set_seq1(text)
    if matcher.real_quick_ratio() < CUTOFF * PART or matcher.quick_ratio() < CUTOFF * PART:
        return 0.0
    return matcher.ratio()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    found = closest(word, choices)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(choice) for choice in found) + "?"


def one_of(text: str, choices: tuple[str, ...], what: str, listed: str) -> str:
    """The choice typed (any case, spaces around), or an error that says `what` it is not,
    suggests the closest choice, and ends with `listed` (the choices, as the caller says
    them)."""
    wanted = text.strip().lower()
    if wanted not in choices:
        from netcadence.errors import InputError

        hint = did_you_mean(wanted, choices) or ";"
        raise InputError(f"{text!r} is not {what}{hint} {listed}")
    return wanted
