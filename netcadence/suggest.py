"""Did-you-mean suggestions for names, channels, cadences and settings."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process, utils

    options = list(dict.fromkeys(choices))
    if not options:
        return []
    found = process.extract(
        word, options, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit,
        score_cutoff=60,
    )
    return [choice for choice, _score, _index in found]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    found = closest(word, choices)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(choice) for choice in found) + "?"
